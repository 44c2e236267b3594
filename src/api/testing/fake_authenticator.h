// A stand-in Authenticator for tests: the bearer token (or shequ_session cookie) is a role name,
// "Bearer community_worker", and the caller gets that role in street 1, community 10, grid 100.
// Anything else is kUnauthenticated. Stateless; thread-safe.
#pragma once

#include <string>

#include "api/router.h"
#include "auth/principal.h"

namespace shequ::api::testing {

inline constexpr StreetId kTestStreet{1};
inline constexpr CommunityId kTestCommunity{10};
inline constexpr GridId kTestGrid{100};

inline Result<auth::Principal> PrincipalForRole(std::string_view role_name) {
  const std::optional<auth::Role> role = auth::ParseRole(role_name);
  if (!role) return Unauthenticated("invalid session");
  auth::Principal principal;
  principal.user_id = UserId(7);
  principal.session_id = SessionId(70);
  principal.login = std::string(role_name);
  principal.display_name = "测试用户";
  principal.role = *role;
  principal.scope.place = {kTestStreet, kTestCommunity, kTestGrid};
  switch (*role) {
    case auth::Role::kAdmin:
    case auth::Role::kStreetAdmin:
    case auth::Role::kPlanner:
      principal.scope.kind = auth::ScopeKind::kStreet;
      break;
    case auth::Role::kGridWorker:
      principal.scope.kind = auth::ScopeKind::kGrid;
      break;
    default:
      principal.scope.kind = auth::ScopeKind::kCommunity;
      break;
  }
  return principal;
}

inline Authenticator FakeAuthenticator() {
  return [](const Request& request) -> Result<auth::Principal> {
    if (const auto authorization = request.Header("Authorization")) {
      constexpr std::string_view kBearer = "Bearer ";
      if (!authorization->starts_with(kBearer)) return Unauthenticated("unsupported scheme");
      return PrincipalForRole(authorization->substr(kBearer.size()));
    }
    if (const auto cookie = request.Cookie(kSessionCookie)) return PrincipalForRole(*cookie);
    return Unauthenticated("sign in first");
  };
}

}  // namespace shequ::api::testing
