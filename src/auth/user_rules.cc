#include "auth/user_rules.h"

#include <fmt/format.h>

#include "base/utf8.h"

namespace shequ::auth {

std::string NormalizeLogin(std::string_view login) {
  std::string lowered(login);
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lowered;
}

Status CheckLogin(std::string_view login) {
  if (login.size() < kMinLoginLength || login.size() > kMaxLoginLength) {
    return InvalidArgument("a login has 3 to 32 characters", "login");
  }
  for (char c : login) {
    const bool allowed =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!allowed) {
      return InvalidArgument("a login uses only a-z, 0-9, '_', '.' and '-'", "login");
    }
  }
  return {};
}

Result<std::string> CheckDisplayName(std::string_view display_name) {
  if (!utf8::IsValid(display_name)) {
    return InvalidArgument("the display name is not valid UTF-8", "display_name");
  }
  const std::string_view trimmed = utf8::Trim(display_name);
  if (trimmed.empty()) return InvalidArgument("a display name is required", "display_name");
  if (utf8::CodePointCount(trimmed) > kMaxDisplayNameCodePoints) {
    return InvalidArgument("the display name is longer than 64 characters", "display_name");
  }
  return std::string(trimmed);
}

bool RoleAllowsScope(Role role, ScopeKind kind) {
  switch (role) {
    case Role::kAdmin:
    case Role::kStreetAdmin:
    case Role::kPlanner:
      return kind == ScopeKind::kStreet;
    case Role::kCommunityWorker:
    case Role::kVolunteer:
    case Role::kCaregiver:
    case Role::kCanteenOperator:
    case Role::kChildcareOperator:
      return kind == ScopeKind::kCommunity;
    case Role::kGridWorker:
      return kind == ScopeKind::kGrid;
    case Role::kResident:
      return kind == ScopeKind::kCommunity || kind == ScopeKind::kGrid;
    case Role::kCourier:
      return kind == ScopeKind::kStreet || kind == ScopeKind::kCommunity;
  }
  return false;
}

Status CheckScopeShape(Role role, const Scope& scope) {
  if (!RoleAllowsScope(role, scope.kind)) {
    std::string allowed;
    for (ScopeKind kind : {ScopeKind::kStreet, ScopeKind::kCommunity, ScopeKind::kGrid}) {
      if (!RoleAllowsScope(role, kind)) continue;
      if (!allowed.empty()) allowed += " or ";
      allowed += ScopeKindName(kind);
    }
    return InvalidArgument(fmt::format("a {} account needs {} scope, not {}", RoleName(role),
                                       allowed, ScopeKindName(scope.kind)),
                           "scope");
  }
  const Place& place = scope.place;
  if (!place.street.valid()) return InvalidArgument("choose a street", "street_id");
  switch (scope.kind) {
    case ScopeKind::kStreet:
      if (place.community.valid() || place.grid.valid()) {
        return InvalidArgument("a street scope names no community or grid", "scope");
      }
      break;
    case ScopeKind::kCommunity:
      if (!place.community.valid()) return InvalidArgument("choose a community", "community_id");
      if (place.grid.valid()) return InvalidArgument("a community scope names no grid", "scope");
      break;
    case ScopeKind::kGrid:
      if (!place.community.valid()) return InvalidArgument("choose a community", "community_id");
      if (!place.grid.valid()) return InvalidArgument("choose a grid", "grid_id");
      break;
  }
  return {};
}

int ScopeDepth(ScopeKind kind) {
  switch (kind) {
    case ScopeKind::kStreet:
      return 0;
    case ScopeKind::kCommunity:
      return 1;
    case ScopeKind::kGrid:
      return 2;
  }
  return 0;
}

}  // namespace shequ::auth
