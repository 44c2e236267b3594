#include "auth/permissions.h"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

namespace shequ::auth {
namespace {

struct PermissionRow {
  Permission permission;
  std::string_view name;
  std::initializer_list<Role> roles;
};

// The role table. Residents reach registry data only through their own household (checked by the
// registry service); planners see aggregates, never personal data.
const PermissionRow kPermissionTable[] = {
    {Permission::kReadOwnAccount, "read_own_account", {}},  // every role: see RoleHas
    {Permission::kReadDashboard,
     "read_dashboard",
     {Role::kAdmin, Role::kStreetAdmin, Role::kCommunityWorker, Role::kGridWorker, Role::kPlanner}},
    {Permission::kReadUsers, "read_users", {Role::kAdmin}},
    {Permission::kManageUsers, "manage_users", {Role::kAdmin}},
    {Permission::kReadRegistry,
     "read_registry",
     {Role::kAdmin, Role::kStreetAdmin, Role::kCommunityWorker, Role::kGridWorker}},
    {Permission::kWriteRegistry,
     "write_registry",
     {Role::kAdmin, Role::kCommunityWorker, Role::kGridWorker}},
    {Permission::kReadPersonalData,
     "read_personal_data",
     {Role::kAdmin, Role::kCommunityWorker, Role::kGridWorker}},
    {Permission::kReadAuditLog, "read_audit_log", {Role::kAdmin, Role::kStreetAdmin}},
    {Permission::kReadPlanning,
     "read_planning",
     {Role::kAdmin, Role::kStreetAdmin, Role::kCommunityWorker, Role::kPlanner}},
    {Permission::kManageResidentAccounts,
     "manage_resident_accounts",
     {Role::kAdmin, Role::kStreetAdmin, Role::kCommunityWorker}},
    {Permission::kReadOwnHousehold, "read_own_household", {Role::kResident}},
    {Permission::kWritePlanning,
     "write_planning",
     {Role::kAdmin, Role::kStreetAdmin, Role::kCommunityWorker}},
    // Caregivers and canteen operators see the elders they serve, within their scope.
    {Permission::kReadEldercare,
     "read_eldercare",
     {Role::kAdmin, Role::kStreetAdmin, Role::kCommunityWorker, Role::kGridWorker, Role::kCaregiver,
      Role::kCanteenOperator}},
    {Permission::kWriteEldercare,
     "write_eldercare",
     {Role::kAdmin, Role::kCommunityWorker, Role::kGridWorker}},
    {Permission::kOperateCanteen,
     "operate_canteen",
     {Role::kAdmin, Role::kCommunityWorker, Role::kCanteenOperator}},
    // A resident orders for themselves (checked by the canteen service through the account link).
    {Permission::kOrderMeals,
     "order_meals",
     {Role::kAdmin, Role::kCommunityWorker, Role::kGridWorker, Role::kCanteenOperator,
      Role::kResident}},
    {Permission::kManageTimebank, "manage_timebank", {Role::kAdmin, Role::kCommunityWorker}},
    // Their own account only (checked by the time-bank service through the account link).
    {Permission::kUseTimebank, "use_timebank", {Role::kVolunteer, Role::kResident}},
    {Permission::kManageHomeCare, "manage_home_care", {Role::kAdmin, Role::kCommunityWorker}},
    // A resident books for their own household (checked by the home-care service).
    {Permission::kBookHomeCare,
     "book_home_care",
     {Role::kAdmin, Role::kCommunityWorker, Role::kGridWorker, Role::kResident}},
    // Their own visits only (checked by the home-care service through the worker's account).
    {Permission::kDeliverHomeCare, "deliver_home_care", {Role::kCaregiver}},
    {Permission::kManageWorkforce, "manage_workforce", {Role::kAdmin, Role::kCommunityWorker}},
};

const PermissionRow& RowOf(Permission permission) {
  for (const auto& row : kPermissionTable) {
    if (row.permission == permission) return row;
  }
  return kPermissionTable[0];  // unreachable: every enumerator has a row (tested)
}

}  // namespace

std::string_view PermissionName(Permission permission) { return RowOf(permission).name; }

bool RoleHas(Role role, Permission permission) {
  if (permission == Permission::kReadOwnAccount) return true;
  const auto& roles = RowOf(permission).roles;
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool ScopeContains(const Scope& scope, const Place& target) {
  switch (scope.kind) {
    case ScopeKind::kStreet:
      return scope.place.street.valid() && scope.place.street == target.street;
    case ScopeKind::kCommunity:
      return scope.place.community.valid() && scope.place.community == target.community;
    case ScopeKind::kGrid:
      return scope.place.grid.valid() && scope.place.grid == target.grid;
  }
  return false;
}

Status Authorize(const Principal& caller, Permission permission) {
  if (!RoleHas(caller.role, permission)) {
    return PermissionDenied(
        fmt::format("role {} may not {}", RoleName(caller.role), PermissionName(permission)));
  }
  return {};
}

Status Authorize(const Principal& caller, Permission permission, const Place& target) {
  SHEQU_RETURN_IF_ERROR(Authorize(caller, permission));
  if (caller.role == Role::kAdmin || ScopeContains(caller.scope, target)) return {};
  return PermissionDenied("the record lies outside your scope");
}

}  // namespace shequ::auth
