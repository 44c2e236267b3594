// Who is calling: a signed-in user with one role and one scope.
//
// A scope is where the user's authority ends: the whole street, one community or one grid.
// Records that belong to a community carry a Place, and a permission check compares the two.
// Plain values, safe to copy between threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/ids.h"

namespace shequ::auth {

enum class Role {
  kAdmin,              // runs the installation; every street
  kStreetAdmin,        // 街道: every community of the street
  kCommunityWorker,    // 社区工作者: one community
  kGridWorker,         // 网格员: one grid
  kResident,           // 居民: their own household
  kVolunteer,          // 志愿者
  kCaregiver,          // home-care worker
  kCanteenOperator,    // 老年食堂
  kChildcareOperator,  // 托育机构
  kCourier,            // 新就业群体: courier, rider, driver
  kPlanner,            // district planner: reads aggregates, never personal data
};

inline constexpr Role kAllRoles[] = {
    Role::kAdmin,      Role::kStreetAdmin,     Role::kCommunityWorker,
    Role::kGridWorker, Role::kResident,        Role::kVolunteer,
    Role::kCaregiver,  Role::kCanteenOperator, Role::kChildcareOperator,
    Role::kCourier,    Role::kPlanner,
};

// The stable snake_case name used in the API, the database and the UI ("community_worker").
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

enum class ScopeKind { kStreet, kCommunity, kGrid };

std::string_view ScopeKindName(ScopeKind kind);  // "street", "community", "grid"
std::optional<ScopeKind> ParseScopeKind(std::string_view name);

// Where a record lives. Unknown levels are invalid ids (a street-wide record has no community).
struct Place {
  StreetId street;
  CommunityId community;
  GridId grid;
};

// The area a user may act in: always a street, narrowed to a community or a grid.
struct Scope {
  ScopeKind kind = ScopeKind::kStreet;
  Place place;  // street always set; community set for kCommunity and kGrid; grid for kGrid
};

struct Principal {
  UserId user_id;
  SessionId session_id;
  std::string login;
  std::string display_name;
  Role role = Role::kResident;
  Scope scope;
  std::string scope_name;  // "示范街道 / 示范社区": the scope's names from the street down
};

}  // namespace shequ::auth
