// JSON shapes shared by several handler files: users, scopes, audit entries, query integers.
//
// The API's JSON names are the glossary's English names in snake_case; times are ISO 8601 in
// Asia/Shanghai ("2026-11-30T12:00:00+08:00"). Pure functions apart from the scope-name lookup.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "auth/audit_log.h"
#include "auth/auth_service.h"
#include "auth/principal.h"
#include "auth/user.h"
#include "base/error.h"

namespace shequ::api {

// {"kind","street_id","community_id","grid_id","name"}; ids absent at levels the scope lacks.
nlohmann::json ScopeJson(const auth::Scope& scope, std::string_view name);

// {"id","login","display_name","role","scope":{...},"disabled","created_at"}.
nlohmann::json UserJson(const auth::User& user, std::string_view scope_name);
// The caller: {"id","login","display_name","role","scope":{...}}.
nlohmann::json PrincipalJson(const auth::Principal& principal);

nlohmann::json AuditEntryJson(const auth::AuditEntry& entry);

// A query-string integer; kInvalidArgument naming `field` when it is not one.
Result<std::int64_t> ParseQueryInt(std::string_view text, std::string_view field);

// OpenAPI schemas of the shapes above.
nlohmann::json UserSchema();
nlohmann::json LoginResponseSchema();

}  // namespace shequ::api
