#include "api/json_mapping.h"

#include <charconv>

#include "base/civil_time.h"

namespace shequ::api {

nlohmann::json ScopeJson(const auth::Scope& scope, std::string_view name) {
  nlohmann::json json = {{"kind", auth::ScopeKindName(scope.kind)},
                         {"street_id", scope.place.street.value()},
                         {"name", name}};
  if (scope.place.community.valid()) json["community_id"] = scope.place.community.value();
  if (scope.place.grid.valid()) json["grid_id"] = scope.place.grid.value();
  return json;
}

nlohmann::json UserJson(const auth::User& user, std::string_view scope_name) {
  return {{"id", user.id.value()},
          {"login", user.login},
          {"display_name", user.display_name},
          {"role", auth::RoleName(user.role)},
          {"scope", ScopeJson(user.scope, scope_name)},
          {"disabled", user.disabled},
          {"created_at", FormatShanghai(user.created_at)}};
}

nlohmann::json PrincipalJson(const auth::Principal& principal) {
  return {{"id", principal.user_id.value()},
          {"login", principal.login},
          {"display_name", principal.display_name},
          {"role", auth::RoleName(principal.role)},
          {"scope", ScopeJson(principal.scope, principal.scope_name)}};
}

nlohmann::json AuditEntryJson(const auth::AuditEntry& entry) {
  nlohmann::json json = {{"id", entry.id},
                         {"at", FormatShanghai(entry.at)},
                         {"login", entry.login},
                         {"action", entry.action},
                         {"record_type", entry.record_type},
                         {"record_id", entry.record_id},
                         {"remote_address", entry.remote_address},
                         {"request_id", entry.request_id}};
  if (entry.user_id.valid()) json["user_id"] = entry.user_id.value();
  if (entry.community_id.valid()) json["community_id"] = entry.community_id.value();
  if (entry.detail) json["detail"] = *entry.detail;
  return json;
}

Result<std::int64_t> ParseQueryInt(std::string_view text, std::string_view field) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return InvalidArgument("expected a whole number", std::string(field));
  }
  return value;
}

nlohmann::json UserSchema() {
  const nlohmann::json integer = {{"type", "integer"}};
  const nlohmann::json string = {{"type", "string"}};
  nlohmann::json scope = {{"type", "object"}};
  scope["properties"] = {{"kind", {{"type", "string"}, {"enum", {"street", "community", "grid"}}}},
                         {"street_id", integer},
                         {"community_id", integer},
                         {"grid_id", integer},
                         {"name", string}};
  nlohmann::json user = {{"type", "object"}};
  user["properties"] = {{"id", integer},
                        {"login", string},
                        {"display_name", string},
                        {"role", string},
                        {"scope", scope}};
  return user;
}

nlohmann::json LoginResponseSchema() {
  return {{"type", "object"},
          {"properties",
           {{"token", {{"type", "string"}}},
            {"expires_at", {{"type", "string"}, {"format", "date-time"}}},
            {"user", UserSchema()}}}};
}

}  // namespace shequ::api
