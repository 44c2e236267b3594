#include "auth/principal.h"

#include <utility>

namespace shequ::auth {
namespace {

constexpr std::pair<Role, std::string_view> kRoleNames[] = {
    {Role::kAdmin, "admin"},
    {Role::kStreetAdmin, "street_admin"},
    {Role::kCommunityWorker, "community_worker"},
    {Role::kGridWorker, "grid_worker"},
    {Role::kResident, "resident"},
    {Role::kVolunteer, "volunteer"},
    {Role::kCaregiver, "caregiver"},
    {Role::kCanteenOperator, "canteen_operator"},
    {Role::kChildcareOperator, "childcare_operator"},
    {Role::kCourier, "courier"},
    {Role::kPlanner, "planner"},
};

constexpr std::pair<ScopeKind, std::string_view> kScopeKindNames[] = {
    {ScopeKind::kStreet, "street"},
    {ScopeKind::kCommunity, "community"},
    {ScopeKind::kGrid, "grid"},
};

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [value, name] : kRoleNames) {
    if (value == role) return name;
  }
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [value, role_name] : kRoleNames) {
    if (role_name == name) return value;
  }
  return std::nullopt;
}

std::string_view ScopeKindName(ScopeKind kind) {
  for (const auto& [value, name] : kScopeKindNames) {
    if (value == kind) return name;
  }
  return "unknown";
}

std::optional<ScopeKind> ParseScopeKind(std::string_view name) {
  for (const auto& [value, kind_name] : kScopeKindNames) {
    if (kind_name == name) return value;
  }
  return std::nullopt;
}

}  // namespace shequ::auth
