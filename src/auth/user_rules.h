// The rules an account obeys: login names, display names, and which scope each role may hold.
//
// Pure functions of their arguments; thread-safe. Each error is kInvalidArgument naming the
// field at fault, with a message a person can act on. The password rules are in
// password_hasher.h.
#pragma once

#include <string>
#include <string_view>

#include "auth/principal.h"
#include "base/error.h"

namespace shequ::auth {

inline constexpr std::size_t kMinLoginLength = 3;
inline constexpr std::size_t kMaxLoginLength = 32;
inline constexpr std::size_t kMaxDisplayNameCodePoints = 64;

// `login` with ASCII upper case lowered: "ZhangLi" and "zhangli" are one account.
std::string NormalizeLogin(std::string_view login);

// 3-32 characters of [a-z0-9_.-] (after NormalizeLogin). Field "login".
Status CheckLogin(std::string_view login);

// The display name trimmed, when it is UTF-8 of 1-64 characters. Field "display_name".
Result<std::string> CheckDisplayName(std::string_view display_name);

// The scope kinds each role may hold: a grid worker a grid, a community worker a community; a
// street admin, admin or planner a street; residents and service operators a community (a
// resident also a grid, a courier also a street, since their rounds cross communities).
bool RoleAllowsScope(Role role, ScopeKind kind);

// The scope suits the role and carries exactly the ids its kind needs: a street always, a
// community for community and grid scope, a grid for grid scope. Fields "scope", "street_id",
// "community_id", "grid_id". Whether the places exist and nest is for the service to check.
Status CheckScopeShape(Role role, const Scope& scope);

// 0 for a street, 1 for a community, 2 for a grid: a deeper scope is narrower.
int ScopeDepth(ScopeKind kind);

}  // namespace shequ::auth
