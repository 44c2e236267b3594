#include "auth/permissions.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "auth/principal.h"

namespace shequ::auth {
namespace {

TEST(PermissionsTest, EveryPermissionHasItsOwnRow) {
  // A permission without a row would fall back to the first row's name and roles.
  std::set<std::string_view> names;
  for (Permission permission : kAllPermissions) {
    const std::string_view name = PermissionName(permission);
    EXPECT_FALSE(name.empty());
    EXPECT_TRUE(names.insert(name).second) << name << " appears twice";
  }
  EXPECT_EQ(names.size(), std::size(kAllPermissions));
  // kAllPermissions lists the enumerators in order with none missing in between.
  for (std::size_t i = 0; i < std::size(kAllPermissions); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(kAllPermissions[i]), i);
  }
}

TEST(PermissionsTest, EveryRoleReadsItsOwnAccount) {
  for (Role role : kAllRoles) EXPECT_TRUE(RoleHas(role, Permission::kReadOwnAccount));
}

TEST(PermissionsTest, PlannersAndResidentsNeverSeePersonalData) {
  for (Role role : {Role::kPlanner, Role::kResident, Role::kVolunteer, Role::kCourier}) {
    EXPECT_FALSE(RoleHas(role, Permission::kReadPersonalData)) << RoleName(role);
  }
}

TEST(PrincipalTest, RoleNamesRoundTrip) {
  std::set<std::string_view> names;
  for (Role role : kAllRoles) {
    const std::string_view name = RoleName(role);
    EXPECT_NE(name, "unknown");
    EXPECT_TRUE(names.insert(name).second);
    EXPECT_EQ(ParseRole(name), role);
  }
  EXPECT_EQ(names.size(), 11u);
  EXPECT_EQ(ParseRole("Admin"), std::nullopt);
  EXPECT_EQ(ParseRole(""), std::nullopt);
}

TEST(PrincipalTest, ScopeKindNamesRoundTrip) {
  for (ScopeKind kind : {ScopeKind::kStreet, ScopeKind::kCommunity, ScopeKind::kGrid}) {
    EXPECT_EQ(ParseScopeKind(ScopeKindName(kind)), kind);
  }
  EXPECT_EQ(ParseScopeKind("district"), std::nullopt);
}

// Street 1 has communities 10 and 11; community 10 has grids 100 and 101. Street 2 has 20/200.
const Place kGrid100{StreetId(1), CommunityId(10), GridId(100)};
const Place kGrid101{StreetId(1), CommunityId(10), GridId(101)};
const Place kCommunity10Only{StreetId(1), CommunityId(10), GridId()};
const Place kCommunity11{StreetId(1), CommunityId(11), GridId()};
const Place kStreet1Only{StreetId(1), CommunityId(), GridId()};
const Place kStreet2Grid{StreetId(2), CommunityId(20), GridId(200)};

struct ContainmentCase {
  std::string name;
  Scope scope;
  Place target;
  bool contains;
};

class ScopeContainsTest : public testing::TestWithParam<ContainmentCase> {};

TEST_P(ScopeContainsTest, Decides) {
  EXPECT_EQ(ScopeContains(GetParam().scope, GetParam().target), GetParam().contains);
}

const Scope kStreet1Scope{ScopeKind::kStreet, kStreet1Only};
const Scope kCommunity10Scope{ScopeKind::kCommunity, kCommunity10Only};
const Scope kGrid100Scope{ScopeKind::kGrid, kGrid100};

INSTANTIATE_TEST_SUITE_P(
    Table, ScopeContainsTest,
    testing::Values(
        ContainmentCase{"StreetHoldsItsGrid", kStreet1Scope, kGrid100, true},
        ContainmentCase{"StreetHoldsItsCommunity", kStreet1Scope, kCommunity11, true},
        ContainmentCase{"StreetHoldsStreetWideRecord", kStreet1Scope, kStreet1Only, true},
        ContainmentCase{"StreetNotOtherStreet", kStreet1Scope, kStreet2Grid, false},
        ContainmentCase{"CommunityHoldsItsGrids", kCommunity10Scope, kGrid101, true},
        ContainmentCase{"CommunityHoldsCommunityRecord", kCommunity10Scope, kCommunity10Only, true},
        ContainmentCase{"CommunityNotSibling", kCommunity10Scope, kCommunity11, false},
        ContainmentCase{"CommunityNotStreetWideRecord", kCommunity10Scope, kStreet1Only, false},
        ContainmentCase{"GridHoldsItself", kGrid100Scope, kGrid100, true},
        ContainmentCase{"GridNotSiblingGrid", kGrid100Scope, kGrid101, false},
        ContainmentCase{"GridNotCommunityRecord", kGrid100Scope, kCommunity10Only, false},
        ContainmentCase{"UnsetScopeHoldsNothing", Scope{ScopeKind::kGrid, Place{}}, Place{},
                        false}),
    [](const testing::TestParamInfo<ContainmentCase>& info) { return info.param.name; });

Principal Caller(Role role, Scope scope) {
  Principal principal;
  principal.user_id = UserId(1);
  principal.login = "caller";
  principal.role = role;
  principal.scope = scope;
  return principal;
}

TEST(AuthorizeTest, ChecksRoleThenScope) {
  const Principal grid_worker = Caller(Role::kGridWorker, kGrid100Scope);
  EXPECT_TRUE(Authorize(grid_worker, Permission::kReadRegistry, kGrid100).has_value());
  EXPECT_EQ(Authorize(grid_worker, Permission::kReadRegistry, kGrid101).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(Authorize(grid_worker, Permission::kManageUsers).error().code,
            ErrorCode::kPermissionDenied);

  const Principal admin = Caller(Role::kAdmin, kStreet1Scope);
  EXPECT_TRUE(Authorize(admin, Permission::kReadRegistry, kStreet2Grid).has_value());

  const Principal planner = Caller(Role::kPlanner, kStreet1Scope);
  const Status denied = Authorize(planner, Permission::kReadPersonalData, kGrid100);
  ASSERT_FALSE(denied.has_value());
  EXPECT_EQ(denied.error().message, "role planner may not read_personal_data");
}

}  // namespace
}  // namespace shequ::auth
