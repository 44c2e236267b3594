#include "auth/user_rules.h"

#include <gtest/gtest.h>

#include <string>

namespace shequ::auth {
namespace {

struct RoleScopeCase {
  Role role;
  bool street;
  bool community;
  bool grid;
};

TEST(RoleAllowsScopeTest, Table) {
  // Who works where: the grid worker in one grid (网格), the community worker in one community.
  const RoleScopeCase table[] = {
      {Role::kAdmin, true, false, false},
      {Role::kStreetAdmin, true, false, false},
      {Role::kCommunityWorker, false, true, false},
      {Role::kGridWorker, false, false, true},
      {Role::kResident, false, true, true},
      {Role::kVolunteer, false, true, false},
      {Role::kCaregiver, false, true, false},
      {Role::kCanteenOperator, false, true, false},
      {Role::kChildcareOperator, false, true, false},
      {Role::kCourier, true, true, false},
      {Role::kPlanner, true, false, false},
  };
  ASSERT_EQ(std::size(table), std::size(kAllRoles));
  for (const RoleScopeCase& row : table) {
    SCOPED_TRACE(RoleName(row.role));
    EXPECT_EQ(RoleAllowsScope(row.role, ScopeKind::kStreet), row.street);
    EXPECT_EQ(RoleAllowsScope(row.role, ScopeKind::kCommunity), row.community);
    EXPECT_EQ(RoleAllowsScope(row.role, ScopeKind::kGrid), row.grid);
  }
}

struct LoginCase {
  std::string login;
  bool valid;
};

TEST(CheckLoginTest, Table) {
  const LoginCase table[] = {
      {"zhangli", true},
      {"li.wei-2", true},
      {"a_b", true},
      {"ab", false},
      {"", false},
      {std::string(32, 'a'), true},
      {std::string(33, 'a'), false},
      {"Zhang", false},
      {"zhang li", false},
      {"张丽", false},
      {"a@b.cn", false},
  };
  for (const LoginCase& row : table) {
    const Status status = CheckLogin(row.login);
    EXPECT_EQ(status.has_value(), row.valid) << row.login;
    if (!status) {
      EXPECT_EQ(status.error().field, "login");
    }
  }
}

TEST(NormalizeLoginTest, LowersAsciiOnly) {
  EXPECT_EQ(NormalizeLogin("ZhangLi"), "zhangli");
  EXPECT_EQ(NormalizeLogin("li.WEI-2"), "li.wei-2");
  EXPECT_EQ(NormalizeLogin("张丽"), "张丽");
}

TEST(CheckDisplayNameTest, TrimsAndBoundsInCharacters) {
  EXPECT_EQ(CheckDisplayName("  张丽\u3000").value(), "张丽");
  EXPECT_EQ(CheckDisplayName(std::string(64, 'a')).value(), std::string(64, 'a'));
  std::string chinese_64;
  for (int i = 0; i < 64; ++i) chinese_64 += "丽";
  EXPECT_TRUE(CheckDisplayName(chinese_64).has_value());  // 192 bytes, 64 characters
  for (const std::string& bad :
       {std::string(""), std::string("   "), std::string(65, 'a'), std::string("\xff\xfe")}) {
    const auto result = CheckDisplayName(bad);
    ASSERT_FALSE(result.has_value()) << bad;
    EXPECT_EQ(result.error().field, "display_name");
  }
}

struct ScopeShapeCase {
  std::string name;
  Role role;
  Scope scope;
  std::string field;  // empty when the shape is right
};

class CheckScopeShapeTest : public testing::TestWithParam<ScopeShapeCase> {};

TEST_P(CheckScopeShapeTest, NamesTheField) {
  const Status status = CheckScopeShape(GetParam().role, GetParam().scope);
  if (GetParam().field.empty()) {
    EXPECT_TRUE(status.has_value()) << status.error().message;
  } else {
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(status.error().field, GetParam().field) << status.error().message;
  }
}

const Place kStreetOnly{StreetId(1), CommunityId(), GridId()};
const Place kCommunityOnly{StreetId(1), CommunityId(10), GridId()};
const Place kGrid{StreetId(1), CommunityId(10), GridId(100)};

INSTANTIATE_TEST_SUITE_P(
    Table, CheckScopeShapeTest,
    testing::Values(
        ScopeShapeCase{"GridWorkerInGrid", Role::kGridWorker, {ScopeKind::kGrid, kGrid}, ""},
        ScopeShapeCase{"GridWorkerInCommunity",
                       Role::kGridWorker,
                       {ScopeKind::kCommunity, kCommunityOnly},
                       "scope"},
        ScopeShapeCase{"CommunityWorkerInCommunity",
                       Role::kCommunityWorker,
                       {ScopeKind::kCommunity, kCommunityOnly},
                       ""},
        ScopeShapeCase{
            "StreetAdminInStreet", Role::kStreetAdmin, {ScopeKind::kStreet, kStreetOnly}, ""},
        ScopeShapeCase{"StreetAdminInGrid", Role::kStreetAdmin, {ScopeKind::kGrid, kGrid}, "scope"},
        ScopeShapeCase{"NoStreet", Role::kStreetAdmin, {ScopeKind::kStreet, Place{}}, "street_id"},
        ScopeShapeCase{"StreetScopeWithCommunity",
                       Role::kAdmin,
                       {ScopeKind::kStreet, kCommunityOnly},
                       "scope"},
        ScopeShapeCase{"CommunityScopeWithoutCommunity",
                       Role::kCommunityWorker,
                       {ScopeKind::kCommunity, kStreetOnly},
                       "community_id"},
        ScopeShapeCase{"CommunityScopeWithGrid",
                       Role::kCommunityWorker,
                       {ScopeKind::kCommunity, kGrid},
                       "scope"},
        ScopeShapeCase{"GridScopeWithoutGrid",
                       Role::kGridWorker,
                       {ScopeKind::kGrid, kCommunityOnly},
                       "grid_id"},
        ScopeShapeCase{"GridScopeWithoutCommunity",
                       Role::kGridWorker,
                       {ScopeKind::kGrid, Place{StreetId(1), CommunityId(), GridId(100)}},
                       "community_id"}),
    [](const testing::TestParamInfo<ScopeShapeCase>& info) { return info.param.name; });

TEST(ScopeShapeMessageTest, SaysWhatTheRoleNeeds) {
  const Status status = CheckScopeShape(Role::kGridWorker, {ScopeKind::kStreet, kStreetOnly});
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().message, "a grid_worker account needs grid scope, not street");
}

}  // namespace
}  // namespace shequ::auth
