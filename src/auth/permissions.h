// What each role may do, and the one call every handler makes to check it.
//
// A permission is an action on a kind of record; the role table says which roles hold it.
// Authorize() also checks that the record's Place lies inside the caller's scope. Pure functions
// of their arguments; thread-safe.
#pragma once

#include <string_view>

#include "auth/principal.h"
#include "base/error.h"

namespace shequ::auth {

enum class Permission {
  kReadOwnAccount,  // GET /me, logout: every signed-in user
  kReadDashboard,   // the counts of the caller's scope
  kReadUsers,       // list accounts
  kManageUsers,     // create, disable accounts
  kReadRegistry,    // buildings, households, residents (masked)
  kWriteRegistry,
  kReadPersonalData,  // unmasked ID and phone numbers (each read audited)
  kReadAuditLog,
  kReadPlanning,            // aggregates and maps, no personal data
  kManageResidentAccounts,  // create a resident's own account, linked to their registry entry
  kReadOwnHousehold,        // a resident: their own household, through their account's link
  kWritePlanning,           // register facilities (canteens, stations) the assessment counts
  kReadEldercare,           // the elder file, assessments, canteen orders of the scope
  kWriteEldercare,          // ability assessments, care plans, elder records
  kOperateCanteen,          // canteens, menus, serving orders, month-end settlement
  kOrderMeals,              // place a canteen order (a resident: for themselves only)
  kManageTimebank,          // activities, attendance, crediting and transfers by staff
  kUseTimebank,             // a volunteer or resident: their own time-bank account
  kManageHomeCare,          // the service catalogue, every order, scheduling caregivers' days
  kBookHomeCare,            // book a home-care service (a resident: for their own household)
  kDeliverHomeCare,         // a caregiver: their own day, check-in and check-out, notes
  kManageWorkforce,         // caregivers and medical staff, certificates, training, volunteers
};

// Every permission, in declaration order (a test checks that each has a row in the role table).
inline constexpr Permission kAllPermissions[] = {
    Permission::kReadOwnAccount,   Permission::kReadDashboard,
    Permission::kReadUsers,        Permission::kManageUsers,
    Permission::kReadRegistry,     Permission::kWriteRegistry,
    Permission::kReadPersonalData, Permission::kReadAuditLog,
    Permission::kReadPlanning,     Permission::kManageResidentAccounts,
    Permission::kReadOwnHousehold, Permission::kWritePlanning,
    Permission::kReadEldercare,    Permission::kWriteEldercare,
    Permission::kOperateCanteen,   Permission::kOrderMeals,
    Permission::kManageTimebank,   Permission::kUseTimebank,
    Permission::kManageHomeCare,   Permission::kBookHomeCare,
    Permission::kDeliverHomeCare,  Permission::kManageWorkforce,
};

std::string_view PermissionName(Permission permission);

// True when `role` holds `permission` anywhere (the role table alone, no scope).
bool RoleHas(Role role, Permission permission);

// kPermissionDenied unless the caller's role holds `permission`.
Status Authorize(const Principal& caller, Permission permission);

// As above, and the record at `target` must lie inside the caller's scope: a street admin's
// street, a community worker's community, a grid worker's grid. Admin reaches every street.
Status Authorize(const Principal& caller, Permission permission, const Place& target);

// True when `target` lies inside `scope` (admins aside).
bool ScopeContains(const Scope& scope, const Place& target);

}  // namespace shequ::auth
