// How the registry's services answer a record outside the caller's scope: exactly like one that
// does not exist (kNotFound), so ids cannot be probed. Shared by registry_service.cc,
// registry_edit_service.cc and registry_import_service.cc; not part of the module's interface.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "auth/permissions.h"
#include "auth/principal.h"
#include "base/error.h"

namespace shequ::registry::internal {

// Whether `place` lies in the caller's scope (an admin's scope is every street).
inline bool InReach(const auth::Principal& caller, const auth::Place& place) {
  return caller.role == auth::Role::kAdmin || auth::ScopeContains(caller.scope, place);
}

// The role must hold `permission` (kPermissionDenied); the place must lie in the caller's scope,
// else kNotFound with `what`, the same answer as for an id that does not exist.
inline Status Reach(const auth::Principal& caller, auth::Permission permission,
                    const auth::Place& place, const std::string& what) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, permission));
  if (InReach(caller, place)) return {};
  return NotFound(what);
}

inline std::string NoSuch(std::string_view kind, std::int64_t id) {
  return fmt::format("there is no {} {} in your scope", kind, id);
}

}  // namespace shequ::registry::internal
