// The registry over HTTP: buildings, households and residents entered by a worker, masked in every
// list, revealed only with an audit row, stored encrypted, and kept inside each caller's scope.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "registry/place_repository.h"
#include "test_app.h"

namespace shequ {
namespace {

using testing::CreatedId;
using testing::ExpectFieldError;

// Valid synthetic numbers (GB 11643-1999 check characters computed by hand).
constexpr const char* kIdNumber = "510108199003071232";       // male, 1990-03-07
constexpr const char* kOtherIdNumber = "11010519491231002X";  // female, 1949-12-31
constexpr const char* kPhone = "13812345678";

class RegistryApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    worker_ = app_.Login("worker");
    // Building 1 in the grid worker's grid, building 2 in the other grid, each with a household.
    building_ = CreatedId(Post(worker_, "/api/v1/buildings",
                               {{"community_id", app_.community.id.value()},
                                {"grid_id", app_.grid.id.value()},
                                {"number", "3号楼"},
                                {"address", "多福巷3号"},
                                {"floors", 6}}));
    other_building_ = CreatedId(Post(worker_, "/api/v1/buildings",
                                     {{"community_id", app_.community.id.value()},
                                      {"grid_id", app_.other_grid.id.value()},
                                      {"number", "5号楼"},
                                      {"address", "多福巷5号"}}));
    household_ = CreatedId(
        Post(worker_, "/api/v1/households",
             {{"building_id", building_}, {"floor", 2}, {"room", "201"}, {"floor_area_m2", 68.5}}));
    other_household_ =
        CreatedId(Post(worker_, "/api/v1/households",
                       {{"building_id", other_building_}, {"floor", 1}, {"room", "101"}}));
    resident_ = CreatedId(Post(worker_, "/api/v1/residents",
                               {{"household_id", household_},
                                {"name", "张三"},
                                {"id_number", kIdNumber},
                                {"phone", kPhone},
                                {"residence_status", "both"}}));
    other_resident_ = CreatedId(
        Post(worker_, "/api/v1/residents",
             {{"household_id", other_household_},
              {"name", "李四"},
              {"id_number", kOtherIdNumber},
              {"tags", nlohmann::json::array(
                           {"living_alone", {{"tag", "disabled"}, {"disability_level", 2}}})}}));
  }

  httplib::Result Post(const std::string& token, const std::string& path,
                       const nlohmann::json& body) {
    return app_.client().Post(path, app_.Bearer(token), body.dump(), "application/json");
  }
  httplib::Result Get(const std::string& token, const std::string& path) {
    return app_.client().Get(path, app_.Bearer(token));
  }

  testing::TestApp app_;
  std::string worker_;
  std::int64_t building_ = 0, other_building_ = 0, household_ = 0, other_household_ = 0;
  std::int64_t resident_ = 0, other_resident_ = 0;
};

TEST_F(RegistryApiTest, ListsMaskTheNumbers) {
  auto result = Get(worker_, "/api/v1/residents?q=%E5%BC%A0");  // 张
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  const auto body = testing::JsonOf(result);
  ASSERT_EQ(body["residents"].size(), 1u) << result->body;
  const auto& resident = body["residents"][0];
  EXPECT_EQ(resident["id_number"], "5101**********1232");
  EXPECT_EQ(resident["phone"], "138****5678");
  EXPECT_EQ(resident["birth_date"], "1990-03-07");  // derived from the number
  EXPECT_EQ(resident["sex"], "male");
  EXPECT_EQ(body["total"], 1);
  EXPECT_EQ(result->body.find(kIdNumber), std::string::npos);
  EXPECT_EQ(result->body.find(kPhone), std::string::npos);

  auto one = Get(worker_, "/api/v1/residents/" + std::to_string(resident_));
  ASSERT_EQ(one->status, 200);
  EXPECT_EQ(one->body.find(kIdNumber), std::string::npos);
  EXPECT_EQ(testing::JsonOf(one)["id_number"], "5101**********1232");
  const auto other =
      testing::JsonOf(Get(worker_, "/api/v1/residents/" + std::to_string(other_resident_)));
  ASSERT_EQ(other["tags"].size(), 2u) << other.dump();
  EXPECT_EQ(other["tags"][0]["tag"], "disabled");
  EXPECT_EQ(other["tags"][0]["disability_level"], 2);
  EXPECT_EQ(other["sex"], "female");  // from the 17th digit
}

TEST_F(RegistryApiTest, FindsByExactIdAndPhoneThroughTheBlindIndex) {
  auto by_id = testing::JsonOf(Get(worker_, std::string("/api/v1/residents?q=") + kIdNumber));
  ASSERT_EQ(by_id["residents"].size(), 1u);
  EXPECT_EQ(by_id["residents"][0]["id"], resident_);
  auto by_x = testing::JsonOf(Get(worker_, "/api/v1/residents?q=11010519491231002x"));
  ASSERT_EQ(by_x["residents"].size(), 1u);
  EXPECT_EQ(by_x["residents"][0]["id"], other_resident_);
  // A six-character name is 18 bytes, like an ID number, and is still a name.
  auto long_name =
      Get(worker_, "/api/v1/residents?q=%E7%88%B1%E6%96%B0%E8%A7%89%E7%BD%97%E6%BA%A5%E4%BB%AA");
  ASSERT_EQ(long_name->status, 200) << long_name->body;
  EXPECT_EQ(testing::JsonOf(long_name)["total"], 0);
  ExpectFieldError(Get(worker_, "/api/v1/residents?q=510108199003071233"), 400, "q");
  auto by_phone = testing::JsonOf(Get(worker_, std::string("/api/v1/residents?q=") + kPhone));
  ASSERT_EQ(by_phone["residents"].size(), 1u);
  EXPECT_EQ(by_phone["residents"][0]["id"], resident_);
}

TEST_F(RegistryApiTest, NumbersAreStoredEncrypted) {
  auto connection = app_.database().Acquire();
  auto rows = (*connection)
                  ->Query(
                      "SELECT id_number_cipher, phone_cipher, id_number_index FROM residents "
                      "WHERE id = ?",
                      {resident_});
  ASSERT_TRUE(rows);
  const auto& row = rows->rows.at(0);
  for (std::size_t column = 0; column < 3; ++column) {
    const auto& bytes = row.GetBlob(column).bytes;
    const std::string raw(bytes.begin(), bytes.end());
    EXPECT_EQ(raw.find(kIdNumber), std::string::npos);
    EXPECT_EQ(raw.find(kPhone), std::string::npos);
    EXPECT_EQ(raw.find("1990"), std::string::npos);
  }
  EXPECT_EQ(app_.cipher().Decrypt(row.GetBlob(0).bytes).value(), kIdNumber);
}

TEST_F(RegistryApiTest, RevealIsAuditedAndNeedsThePermission) {
  const auto before = app_.AuditCount("resident.read_id_number");
  auto result = Post(worker_, "/api/v1/residents/" + std::to_string(resident_) + "/reveal",
                     {{"field", "id_number"}});
  ASSERT_EQ(result->status, 200) << result->body;
  EXPECT_EQ(testing::JsonOf(result)["value"], kIdNumber);
  EXPECT_EQ(app_.AuditCount("resident.read_id_number"), before + 1);
  auto phone = Post(worker_, "/api/v1/residents/" + std::to_string(resident_) + "/reveal",
                    {{"field", "phone"}});
  EXPECT_EQ(testing::JsonOf(phone)["value"], kPhone);
  EXPECT_EQ(app_.AuditCount("resident.read_phone"), 1);
  // A street admin reads the registry, masked, but may not reveal.
  const auto street = app_.Login("street");
  ExpectFieldError(Post(street, "/api/v1/residents/" + std::to_string(resident_) + "/reveal",
                        {{"field", "id_number"}}),
                   403, "");
  EXPECT_EQ(Get(street, "/api/v1/residents/" + std::to_string(resident_))->status, 200);
  ExpectFieldError(Post(worker_, "/api/v1/residents/" + std::to_string(resident_) + "/reveal",
                        {{"field", "name"}}),
                   400, "field");
}

TEST_F(RegistryApiTest, EveryRouteKeepsToTheScope) {
  const auto grid = app_.Login("grid");
  const auto other = app_.Login("other_worker");
  const std::string mine = "/api/v1/residents/" + std::to_string(resident_);
  const std::string theirs = "/api/v1/residents/" + std::to_string(other_resident_);
  // The grid worker reaches the resident of their grid, not the one of the other grid.
  EXPECT_EQ(Get(grid, mine)->status, 200);
  ExpectFieldError(Get(grid, theirs), 404, "");
  ExpectFieldError(Post(grid, theirs + "/reveal", {{"field", "id_number"}}), 404, "");
  ExpectFieldError(Post(grid, theirs + "/move-out", nlohmann::json::object()), 404, "");
  auto grid_list = testing::JsonOf(Get(grid, "/api/v1/residents"));
  ASSERT_EQ(grid_list["residents"].size(), 1u);
  EXPECT_EQ(grid_list["residents"][0]["id"], resident_);
  auto grid_buildings = testing::JsonOf(Get(grid, "/api/v1/buildings"));
  ASSERT_EQ(grid_buildings["buildings"].size(), 1u);
  EXPECT_EQ(grid_buildings["buildings"][0]["id"], building_);
  EXPECT_EQ(
      Get(grid, "/api/v1/grids/" + std::to_string(app_.grid.id.value()) + "/population")->status,
      200);
  ExpectFieldError(
      Get(grid, "/api/v1/grids/" + std::to_string(app_.other_grid.id.value()) + "/population"), 404,
      "");
  ExpectFieldError(
      Get(grid, "/api/v1/buildings/" + std::to_string(other_building_) + "/population"), 404, "");
  ExpectFieldError(Post(grid, "/api/v1/households",
                        {{"building_id", other_building_}, {"floor", 1}, {"room", "102"}}),
                   400, "building_id");
  ExpectFieldError(Post(grid, "/api/v1/residents",
                        {{"household_id", other_household_},
                         {"name", "王五"},
                         {"sex", "male"},
                         {"birth_date", "1980-01-01"}}),
                   400, "household_id");

  // A worker of another community sees none of it, whatever ids they guess.
  for (const auto& path : {mine, theirs}) {
    ExpectFieldError(Get(other, path), 404, "");
    ExpectFieldError(Post(other, path + "/reveal", {{"field", "phone"}}), 404, "");
    ExpectFieldError(Post(other, path + "/move-out", nlohmann::json::object()), 404, "");
  }
  EXPECT_EQ(testing::JsonOf(Get(other, "/api/v1/residents"))["residents"].size(), 0u);
  EXPECT_EQ(
      testing::JsonOf(Get(other, std::string("/api/v1/residents?q=") + kIdNumber))["residents"]
          .size(),
      0u);
  const std::string community = std::to_string(app_.community.id.value());
  ExpectFieldError(Get(other, "/api/v1/residents?community=" + community), 404, "");
  ExpectFieldError(Get(other, "/api/v1/buildings?community=" + community), 404, "");
  ExpectFieldError(Get(other, "/api/v1/communities/" + community + "/population"), 404, "");
  ExpectFieldError(
      Get(other, "/api/v1/grids/" + std::to_string(app_.grid.id.value()) + "/population"), 404, "");
  ExpectFieldError(Get(other, "/api/v1/buildings/" + std::to_string(building_) + "/population"),
                   404, "");
  ExpectFieldError(
      Post(other, "/api/v1/buildings",
           {{"community_id", app_.community.id.value()}, {"number", "9"}, {"address", "x"}}),
      404, "");
  ExpectFieldError(Post(other, "/api/v1/households",
                        {{"building_id", building_}, {"floor", 1}, {"room", "103"}}),
                   400, "building_id");
  EXPECT_EQ(app_.Count("residents"), 2);
  EXPECT_EQ(app_.Count("households"), 2);
}

TEST_F(RegistryApiTest, GridsListKeepsToTheScope) {
  const std::int64_t grid_id = app_.grid.id.value();
  const std::int64_t other_grid_id = app_.other_grid.id.value();
  const std::string community = std::to_string(app_.community.id.value());
  const std::int64_t far_grid_id = [&] {
    auto connection = app_.database().Acquire();
    return registry::InsertGrid(**connection, app_.other_community.id, "东网格", 0)
        .value()
        .id.value();
  }();
  const auto ids = [](const nlohmann::json& body) {
    std::vector<std::int64_t> found;
    for (const auto& grid : body["grids"]) found.push_back(grid["id"].get<std::int64_t>());
    return found;
  };
  // A community worker sees every grid of their community and no other.
  auto mine = testing::JsonOf(Get(worker_, "/api/v1/grids"));
  EXPECT_EQ(ids(mine), (std::vector<std::int64_t>{grid_id, other_grid_id})) << mine.dump();
  for (const auto& grid : mine["grids"]) EXPECT_EQ(grid["community_id"], app_.community.id.value());
  EXPECT_EQ(mine["grids"][0]["name"], app_.grid.name);
  // A grid worker sees their own grid only, with or without the community named.
  const auto grid = app_.Login("grid");
  EXPECT_EQ(ids(testing::JsonOf(Get(grid, "/api/v1/grids"))), std::vector<std::int64_t>{grid_id});
  EXPECT_EQ(ids(testing::JsonOf(Get(grid, "/api/v1/grids?community=" + community))),
            std::vector<std::int64_t>{grid_id});
  // A worker of another community: 404 for this community, none of its grids otherwise.
  const auto other = app_.Login("other_worker");
  ExpectFieldError(Get(other, "/api/v1/grids?community=" + community), 404, "");
  EXPECT_EQ(ids(testing::JsonOf(Get(other, "/api/v1/grids"))),
            std::vector<std::int64_t>{far_grid_id});
  // An admin sees every street's grids; the community filter narrows them.
  const auto admin = app_.Login("admin");
  auto all = ids(testing::JsonOf(Get(admin, "/api/v1/grids")));
  std::ranges::sort(all);
  EXPECT_EQ(all, (std::vector<std::int64_t>{grid_id, other_grid_id, far_grid_id}));
  EXPECT_EQ(ids(testing::JsonOf(Get(admin, "/api/v1/grids?community=" + community))),
            (std::vector<std::int64_t>{grid_id, other_grid_id}));
  ExpectFieldError(Get(admin, "/api/v1/grids?community=999999"), 404, "");
  ExpectFieldError(Get(admin, "/api/v1/grids?community=x"), 400, "community");
}

TEST_F(RegistryApiTest, HouseholdsListCountsTheResidentsLivingThereNow) {
  const std::string building = "/api/v1/households?building=" + std::to_string(building_);
  const auto empty =
      CreatedId(Post(worker_, "/api/v1/households",
                     {{"building_id", building_}, {"unit", "2"}, {"floor", 3}, {"room", "301"}}));
  const auto second = CreatedId(Post(worker_, "/api/v1/residents",
                                     {{"household_id", household_},
                                      {"name", "张小三"},
                                      {"sex", "female"},
                                      {"birth_date", "2015-06-01"}}));
  auto result = Get(worker_, building);
  ASSERT_EQ(result->status, 200) << result->body;
  auto body = testing::JsonOf(result);
  ASSERT_EQ(body["households"].size(), 2u) << body.dump();
  const auto& first = body["households"][0];
  EXPECT_EQ(first["id"], household_);
  EXPECT_EQ(first["unit"], "");
  EXPECT_EQ(first["floor"], 2);
  EXPECT_EQ(first["room"], "201");
  EXPECT_EQ(first["floor_area_m2"], 68.5);
  EXPECT_EQ(first["residents"], 2);
  EXPECT_EQ(body["households"][1]["id"], empty);
  EXPECT_EQ(body["households"][1]["residents"], 0);
  EXPECT_TRUE(body["households"][1]["floor_area_m2"].is_null());
  // Someone who moved out no longer lives there.
  ASSERT_EQ(Post(worker_, "/api/v1/residents/" + std::to_string(second) + "/move-out",
                 nlohmann::json::object())
                ->status,
            200);
  EXPECT_EQ(testing::JsonOf(Get(worker_, building))["households"][0]["residents"], 1);

  // A grid worker reads the households of their grid's building, not the other grid's.
  const auto grid = app_.Login("grid");
  EXPECT_EQ(testing::JsonOf(Get(grid, building))["households"].size(), 2u);
  ExpectFieldError(Get(grid, "/api/v1/households?building=" + std::to_string(other_building_)), 404,
                   "");
  // A worker of another community reads neither.
  const auto other = app_.Login("other_worker");
  ExpectFieldError(Get(other, building), 404, "");
  ExpectFieldError(Get(other, "/api/v1/households?building=" + std::to_string(other_building_)),
                   404, "");
  ExpectFieldError(Get(worker_, "/api/v1/households?building=999999"), 404, "");
  ExpectFieldError(Get(worker_, "/api/v1/households"), 400, "building");
}

TEST_F(RegistryApiTest, BadInputIsRefusedAndNothingIsWritten) {
  const auto residents = app_.Count("residents");
  const auto residencies = app_.Count("residencies");
  auto check =
      Post(worker_, "/api/v1/residents",
           {{"household_id", household_}, {"name", "错号"}, {"id_number", "510108199003071233"}});
  ExpectFieldError(check, 400, "id_number");
  EXPECT_NE(testing::JsonOf(check)["error"]["message"].get<std::string>().find("check character"),
            std::string::npos);
  ExpectFieldError(
      Post(worker_, "/api/v1/residents",
           {{"household_id", household_}, {"name", "旧号"}, {"id_number", "510108900307123"}}),
      400, "id_number");
  ExpectFieldError(Post(worker_, "/api/v1/residents",
                        {{"household_id", household_}, {"name", "重复"}, {"id_number", kIdNumber}}),
                   409, "id_number");
  ExpectFieldError(Post(worker_, "/api/v1/residents",
                        {{"household_id", household_},
                         {"name", "不符"},
                         {"id_number", "440304200002290014"},
                         {"sex", "female"}}),
                   400, "sex");
  ExpectFieldError(Post(worker_, "/api/v1/residents",
                        {{"household_id", 999999},
                         {"name", "无户"},
                         {"sex", "male"},
                         {"birth_date", "1980-01-01"}}),
                   400, "household_id");
  ExpectFieldError(Post(worker_, "/api/v1/residents",
                        {{"household_id", household_},
                         {"name", "坏电话"},
                         {"sex", "male"},
                         {"birth_date", "1980-01-01"},
                         {"phone", "12345"}}),
                   400, "phone");
  ExpectFieldError(Post(worker_, "/api/v1/residents",
                        {{"household_id", household_},
                         {"name", "坏标签"},
                         {"sex", "male"},
                         {"birth_date", "1980-01-01"},
                         {"tags", nlohmann::json::array({"vip"})}}),
                   400, "tags");
  ExpectFieldError(Post(worker_, "/api/v1/residents",
                        {{"household_id", household_},
                         {"name", "未来"},
                         {"sex", "male"},
                         {"birth_date", "2030-01-01"}}),
                   400, "birth_date");
  EXPECT_EQ(app_.Count("residents"), residents);
  EXPECT_EQ(app_.Count("residencies"), residencies);
  ExpectFieldError(
      Post(
          worker_, "/api/v1/buildings",
          {{"community_id", app_.community.id.value()}, {"number", "3号楼"}, {"address", "again"}}),
      409, "number");
  ExpectFieldError(Post(worker_, "/api/v1/households",
                        {{"building_id", building_}, {"floor", 2}, {"room", "201"}}),
                   409, "room");
}

TEST_F(RegistryApiTest, PopulationAndMoveOutKeepHistory) {
  const std::string community =
      "/api/v1/communities/" + std::to_string(app_.community.id.value()) + "/population";
  auto before = testing::JsonOf(Get(worker_, community));
  EXPECT_EQ(before["total"], 2);
  EXPECT_EQ(before["by_age_band"].size(), 21u);
  EXPECT_EQ(before["by_age_band"][7]["band"], "35-39");
  EXPECT_EQ(before["by_age_band"][7]["male"], 1);     // born 1990-03-07: 36 on 2026-11-30
  EXPECT_EQ(before["by_age_band"][15]["female"], 1);  // born 1949-12-31: 76
  EXPECT_EQ(before["age_60_plus"], 1);
  EXPECT_EQ(before["age_65_plus"], 1);
  EXPECT_EQ(before["age_80_plus"], 0);
  EXPECT_EQ(before["elderly_living_alone"], 1);
  EXPECT_EQ(before["disabled_elderly"], 1);
  EXPECT_EQ(before["disabled_elderly_by_level"]["2"], 1);
  auto building = testing::JsonOf(
      Get(worker_, "/api/v1/buildings/" + std::to_string(building_) + "/population"));
  EXPECT_EQ(building["total"], 1);

  const auto residencies = app_.Count("residencies");
  const std::string move_out = "/api/v1/residents/" + std::to_string(other_resident_) + "/move-out";
  // Moved in today (the default): moving out yesterday is refused.
  ExpectFieldError(Post(worker_, move_out, {{"moved_out_on", "2026-11-29"}}), 400, "moved_out_on");
  auto moved = Post(worker_, move_out, {{"moved_out_on", "2026-11-30"}});
  ASSERT_EQ(moved->status, 200) << moved->body;
  EXPECT_TRUE(testing::JsonOf(moved)["household_id"].is_null());
  EXPECT_EQ(app_.Count("residencies"), residencies);  // closed, not deleted
  EXPECT_EQ(app_.AuditCount("resident.move_out"), 1);
  ExpectFieldError(
      Post(worker_, "/api/v1/residents/" + std::to_string(other_resident_) + "/move-out",
           nlohmann::json::object()),
      409, "");
  auto after = testing::JsonOf(Get(worker_, community));
  EXPECT_EQ(after["total"], 1);
  EXPECT_EQ(after["age_60_plus"], 0);
}

}  // namespace
}  // namespace shequ
