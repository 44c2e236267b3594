// The registry's later routes over HTTP: buildings' geometry and the GeoJSON map, editing
// buildings, households and residents, residents' own accounts, and the CSV/XLSX exports. Each is
// driven as a client would, against every role and against ids outside the caller's scope.
#include <gtest/gtest.h>

#include <string>

#include "api/http_types.h"
#include "registry/testing/xlsx_members.h"
#include "test_app.h"

namespace shequ {
namespace {

using registry::testing::Occurrences;
using registry::testing::UnzipMember;
using testing::CreatedId;
using testing::ExpectFieldError;

constexpr const char* kIdNumber = "510108199003071232";       // male, 1990-03-07
constexpr const char* kOtherIdNumber = "11010519491231002X";  // female, 1949-12-31
constexpr const char* kThirdIdNumber = "110105200001010016";  // male, 2000-01-01
constexpr const char* kPhone = "13812345678";

const nlohmann::json kSquare = nlohmann::json::parse(
    R"({"type":"Polygon","coordinates":[[[116.4,39.9],[116.401,39.9],[116.401,39.901],)"
    R"([116.4,39.901],[116.4,39.9]]]})");

class RegistryEditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    worker_ = app_.Login("worker");
    // Building 1 in the grid worker's grid with a point; building 2 in the other grid with a
    // footprint; building 3 with no location at all.
    building_ = CreatedId(Post(worker_, "/api/v1/buildings",
                               {{"community_id", app_.community.id.value()},
                                {"grid_id", app_.grid.id.value()},
                                {"number", "3号楼"},
                                {"address", "多福巷3号"},
                                {"floors", 6},
                                {"latitude", 39.9042},
                                {"longitude", 116.4074},
                                {"osm_id", 123456}}));
    other_building_ = CreatedId(Post(worker_, "/api/v1/buildings",
                                     {{"community_id", app_.community.id.value()},
                                      {"grid_id", app_.other_grid.id.value()},
                                      {"number", "5号楼"},
                                      {"address", "多福巷5号"},
                                      {"footprint", kSquare}}));
    unlocated_building_ = CreatedId(Post(worker_, "/api/v1/buildings",
                                         {{"community_id", app_.community.id.value()},
                                          {"number", "7号楼"},
                                          {"address", "多福巷7号"}}));
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
                                {"phone", kPhone}}));
    spouse_ = CreatedId(Post(worker_, "/api/v1/residents",
                             {{"household_id", household_},
                              {"name", "王芳"},
                              {"sex", "female"},
                              {"birth_date", "1991-05-06"},
                              {"relation_to_head", "spouse"}}));
    other_resident_ = CreatedId(Post(worker_, "/api/v1/residents",
                                     {{"household_id", other_household_},
                                      {"name", "李四"},
                                      {"id_number", kOtherIdNumber},
                                      {"tags", nlohmann::json::array({"living_alone"})}}));
  }

  httplib::Result Post(const std::string& token, const std::string& path,
                       const nlohmann::json& body) {
    return app_.client().Post(path, app_.Bearer(token), body.dump(), "application/json");
  }
  httplib::Result Patch(const std::string& token, const std::string& path,
                        const nlohmann::json& body) {
    return app_.client().Patch(path, app_.Bearer(token), body.dump(), "application/json");
  }
  httplib::Result Get(const std::string& token, const std::string& path) {
    return app_.client().Get(path, app_.Bearer(token));
  }
  std::string LastAuditDetail(const std::string& action) {
    auto connection = app_.database().Acquire();
    auto rows =
        (*connection)
            ->Query("SELECT detail FROM audit_log WHERE action = ? ORDER BY id DESC", {action});
    if (rows.value().empty()) return "";
    return rows.value().rows.at(0).GetOptionalText(0).value_or("");
  }
  static std::string Path(const char* kind, std::int64_t id) {
    return std::string("/api/v1/") + kind + "/" + std::to_string(id);
  }
  std::string CommunityQuery() const {
    return "?community=" + std::to_string(app_.community.id.value());
  }

  testing::TestApp app_;
  std::string worker_;
  std::int64_t building_ = 0, other_building_ = 0, unlocated_building_ = 0;
  std::int64_t household_ = 0, other_household_ = 0;
  std::int64_t resident_ = 0, spouse_ = 0, other_resident_ = 0;
};

// CSV lines after the byte order mark (the header included).
std::size_t CsvLines(const std::string& body) { return Occurrences(body, "\r\n"); }

// ---- Geometry and the map ----------------------------------------------------------------

TEST_F(RegistryEditTest, BuildingsCarryTheirGeometry) {
  auto list = testing::JsonOf(Get(worker_, "/api/v1/buildings" + CommunityQuery()));
  ASSERT_EQ(list["buildings"].size(), 3u) << list.dump();
  const auto& located = list["buildings"][0];  // 3号楼, by number
  EXPECT_EQ(located["id"], building_);
  EXPECT_DOUBLE_EQ(located["latitude"].get<double>(), 39.9042);
  EXPECT_DOUBLE_EQ(located["longitude"].get<double>(), 116.4074);
  EXPECT_EQ(located["osm_id"], 123456);
  EXPECT_TRUE(located["footprint"].is_null());
  const auto& outlined = list["buildings"][1];
  EXPECT_EQ(outlined["footprint"], kSquare);
  EXPECT_TRUE(outlined["latitude"].is_null());
  EXPECT_TRUE(list["buildings"][2]["osm_id"].is_null());
}

TEST_F(RegistryEditTest, BadGeometryIsRefusedNamingTheField) {
  const auto before = app_.Count("buildings");
  nlohmann::json open_ring = kSquare;
  open_ring["coordinates"][0].erase(4);
  const std::pair<nlohmann::json, std::string> cases[] = {
      {{{"footprint", open_ring}}, "footprint"},
      {{{"footprint", nlohmann::json::parse(R"({"type":"Point","coordinates":[116.4,39.9]})")}},
       "footprint"},
      {{{"footprint", nlohmann::json::parse(
                          R"({"type":"Polygon","coordinates":[[[200,0],[1,0],[1,1],[200,0]]]})")}},
       "footprint"},
      {{{"footprint", "a string"}}, "footprint"},
      {{{"latitude", 39.9}}, "longitude"},
      {{{"latitude", 95.0}, {"longitude", 116.4}}, "latitude"},
      {{{"latitude", 39.9}, {"longitude", -190.0}}, "longitude"},
      {{{"osm_id", -5}}, "osm_id"},
  };
  for (const auto& [extra, field] : cases) {
    nlohmann::json body = {
        {"community_id", app_.community.id.value()}, {"number", "9号楼"}, {"address", "x"}};
    body.update(extra);
    SCOPED_TRACE(body.dump());
    ExpectFieldError(Post(worker_, "/api/v1/buildings", body), 400, field);
  }
  EXPECT_EQ(app_.Count("buildings"), before);
}

TEST_F(RegistryEditTest, GeoJsonHasTheLocatedBuildingsWithTheirCounts) {
  auto result = Get(worker_, "/api/v1/buildings.geojson" + CommunityQuery());
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/geo+json");
  const auto map = testing::JsonOf(result);
  EXPECT_EQ(map["type"], "FeatureCollection");
  ASSERT_EQ(map["features"].size(), 2u) << map.dump();  // the building without a location is out
  const auto& point = map["features"][0];
  EXPECT_EQ(point["type"], "Feature");
  EXPECT_EQ(point["geometry"]["type"], "Point");
  EXPECT_DOUBLE_EQ(point["geometry"]["coordinates"][0].get<double>(), 116.4074);  // lon first
  EXPECT_DOUBLE_EQ(point["geometry"]["coordinates"][1].get<double>(), 39.9042);
  EXPECT_EQ(point["properties"]["id"], building_);
  EXPECT_EQ(point["properties"]["number"], "3号楼");
  EXPECT_EQ(point["properties"]["floors"], 6);
  EXPECT_EQ(point["properties"]["households"], 1);
  EXPECT_EQ(point["properties"]["residents"], 2);
  const auto& polygon = map["features"][1];
  EXPECT_EQ(polygon["geometry"], kSquare);
  EXPECT_EQ(polygon["properties"]["residents"], 1);

  // A resident who moves out is no longer counted; an empty household still is.
  ASSERT_EQ(
      Post(worker_, Path("residents", spouse_) + "/move-out", nlohmann::json::object())->status,
      200);
  CreatedId(Post(worker_, "/api/v1/households",
                 {{"building_id", building_}, {"floor", 3}, {"room", "301"}}));
  const auto after = testing::JsonOf(Get(worker_, "/api/v1/buildings.geojson"));
  EXPECT_EQ(after["features"][0]["properties"]["residents"], 1);
  EXPECT_EQ(after["features"][0]["properties"]["households"], 2);
}

TEST_F(RegistryEditTest, GeoJsonKeepsToTheScope) {
  const auto grid = testing::JsonOf(Get(app_.Login("grid"), "/api/v1/buildings.geojson"));
  ASSERT_EQ(grid["features"].size(), 1u);
  EXPECT_EQ(grid["features"][0]["properties"]["id"], building_);
  EXPECT_EQ(testing::JsonOf(Get(app_.Login("street"),
                                "/api/v1/buildings.geojson" + CommunityQuery()))["features"]
                .size(),
            2u);
  ExpectFieldError(Get(app_.Login("other_worker"), "/api/v1/buildings.geojson" + CommunityQuery()),
                   404, "");
  for (const char* login : {"resident", "planner", "volunteer"}) {
    SCOPED_TRACE(login);
    ExpectFieldError(Get(app_.Login(login), "/api/v1/buildings.geojson" + CommunityQuery()), 403,
                     "");
  }
  ExpectFieldError(Get(worker_, "/api/v1/buildings.geojson?community=x"), 400, "community");
}

// ---- Editing ----------------------------------------------------------------------------------

TEST_F(RegistryEditTest, PatchBuildingChangesTheGivenFieldsAndAuditsTheirNames) {
  auto result = Patch(worker_, Path("buildings", building_),
                      {{"floors", 7},
                       {"has_elevator", true},
                       {"latitude", nullptr},
                       {"longitude", nullptr},
                       {"footprint", kSquare},
                       {"year_built", 1998}});
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  const auto building = testing::JsonOf(result);
  EXPECT_EQ(building["floors"], 7);
  EXPECT_EQ(building["has_elevator"], true);
  EXPECT_EQ(building["year_built"], 1998);
  EXPECT_TRUE(building["latitude"].is_null());
  EXPECT_EQ(building["footprint"], kSquare);
  EXPECT_EQ(building["number"], "3号楼");  // untouched
  EXPECT_EQ(building["osm_id"], 123456);
  EXPECT_EQ(app_.AuditCount("building.update"), 1);
  EXPECT_EQ(LastAuditDetail("building.update"),
            "fields=floors,has_elevator,year_built,latitude,longitude,footprint");
  // Read back, not just echoed.
  const auto list = testing::JsonOf(Get(worker_, "/api/v1/buildings" + CommunityQuery()));
  EXPECT_EQ(list["buildings"][0]["floors"], 7);
  EXPECT_EQ(list["buildings"][0]["footprint"], kSquare);
}

TEST_F(RegistryEditTest, PatchBuildingRefusesBadInputAndConflictsWritingNothing) {
  ExpectFieldError(Patch(worker_, Path("buildings", building_), {{"number", "5号楼"}}), 409,
                   "number");
  ExpectFieldError(Patch(worker_, Path("buildings", building_), {{"floors", 500}}), 400, "floors");
  ExpectFieldError(Patch(worker_, Path("buildings", building_), {{"number", ""}}), 400, "number");
  ExpectFieldError(
      Patch(worker_, Path("buildings", building_), {{"latitude", 10.0}, {"longitude", nullptr}}),
      400, "longitude");
  ExpectFieldError(Patch(worker_, Path("buildings", building_), {{"colour", "red"}}), 400,
                   "colour");
  ExpectFieldError(Patch(worker_, Path("buildings", building_), {{"units", nullptr}}), 400,
                   "units");
  ExpectFieldError(Patch(worker_, Path("buildings", building_), nlohmann::json::object()), 400, "");
  nlohmann::json open_ring = kSquare;
  open_ring["coordinates"][0].erase(4);
  ExpectFieldError(
      Patch(worker_, Path("buildings", building_), {{"footprint", open_ring}, {"floors", 9}}), 400,
      "footprint");
  ExpectFieldError(
      Patch(worker_, Path("buildings", building_), {{"grid_id", 999999}, {"floors", 9}}), 400,
      "grid_id");
  EXPECT_EQ(app_.AuditCount("building.update"), 0);
  const auto list = testing::JsonOf(Get(worker_, "/api/v1/buildings" + CommunityQuery()));
  EXPECT_EQ(list["buildings"][0]["floors"], 6);
  EXPECT_EQ(list["buildings"][0]["number"], "3号楼");
}

TEST_F(RegistryEditTest, PatchKeepsToTheScope) {
  const auto grid = app_.Login("grid");
  const auto other = app_.Login("other_worker");
  // The grid worker edits their grid's records, not the other grid's, and cannot move a
  // building out of their grid.
  EXPECT_EQ(Patch(grid, Path("buildings", building_), {{"floors", 8}})->status, 200);
  ExpectFieldError(Patch(grid, Path("buildings", other_building_), {{"floors", 8}}), 404, "");
  ExpectFieldError(
      Patch(grid, Path("buildings", building_), {{"grid_id", app_.other_grid.id.value()}}), 400,
      "grid_id");
  ExpectFieldError(Patch(grid, Path("households", other_household_), {{"room", "102"}}), 404, "");
  ExpectFieldError(Patch(grid, Path("residents", other_resident_), {{"name", "李五"}}), 404, "");
  EXPECT_EQ(Patch(grid, Path("residents", resident_), {{"name", "张三丰"}})->status, 200);
  // Another community's worker gets 404 for every id, real or not.
  for (const auto& path : {Path("buildings", building_), Path("buildings", 999999)}) {
    ExpectFieldError(Patch(other, path, {{"floors", 3}}), 404, "");
  }
  ExpectFieldError(Patch(other, Path("households", household_), {{"room", "909"}}), 404, "");
  ExpectFieldError(Patch(other, Path("residents", resident_), {{"name", "x"}}), 404, "");
  ExpectFieldError(Patch(other, Path("residents", 999999), {{"name", "x"}}), 404, "");
  // Roles without the write permission: 403 before anything is looked up.
  for (const char* login : {"street", "resident", "planner", "volunteer"}) {
    SCOPED_TRACE(login);
    const auto token = app_.Login(login);
    ExpectFieldError(Patch(token, Path("buildings", building_), {{"floors", 3}}), 403, "");
    ExpectFieldError(Patch(token, Path("households", household_), {{"room", "909"}}), 403, "");
    ExpectFieldError(Patch(token, Path("residents", resident_), {{"name", "x"}}), 403, "");
  }
  EXPECT_EQ(testing::JsonOf(Get(worker_, Path("residents", other_resident_)))["name"], "李四");
}

TEST_F(RegistryEditTest, PatchHousehold) {
  auto result =
      Patch(worker_, Path("households", household_), {{"room", "202"}, {"floor_area_m2", nullptr}});
  ASSERT_EQ(result->status, 200) << result->body;
  EXPECT_EQ(testing::JsonOf(result)["room"], "202");
  EXPECT_TRUE(testing::JsonOf(result)["floor_area_m2"].is_null());
  EXPECT_EQ(testing::JsonOf(result)["floor"], 2);
  EXPECT_EQ(LastAuditDetail("household.update"), "fields=room,floor_area_m2");
  CreatedId(Post(worker_, "/api/v1/households",
                 {{"building_id", building_}, {"floor", 3}, {"room", "301"}}));
  ExpectFieldError(Patch(worker_, Path("households", household_), {{"room", "301"}}), 409, "room");
  ExpectFieldError(Patch(worker_, Path("households", household_), {{"floor", 300}}), 400, "floor");
  ExpectFieldError(Patch(worker_, Path("households", household_), {{"floor_area_m2", -3}}), 400,
                   "floor_area_m2");
  ExpectFieldError(Patch(worker_, Path("households", household_), {{"room", ""}}), 400, "room");
  ExpectFieldError(Patch(worker_, Path("households", household_), {{"building_id", building_}}),
                   400, "building_id");
  EXPECT_EQ(app_.AuditCount("household.update"), 1);
  const auto list =
      testing::JsonOf(Get(worker_, "/api/v1/households?building=" + std::to_string(building_)));
  EXPECT_EQ(list["households"][0]["room"], "202");
}

TEST_F(RegistryEditTest, PatchResidentChangesFieldsAndAnswersMasked) {
  auto result = Patch(
      worker_, Path("residents", resident_),
      {{"name", "张三丰"},
       {"phone", "13900001111"},
       {"residence_status", "registered"},
       {"relation_to_head", "other"},
       {"tags",
        nlohmann::json::array({"party_member", {{"tag", "disabled"}, {"disability_level", 3}}})}});
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  auto resident = testing::JsonOf(result);
  EXPECT_EQ(resident["name"], "张三丰");
  EXPECT_EQ(resident["phone"], "139****1111");
  EXPECT_EQ(result->body.find("13900001111"), std::string::npos);
  EXPECT_EQ(resident["residence_status"], "registered");
  EXPECT_EQ(resident["relation_to_head"], "other");
  ASSERT_EQ(resident["tags"].size(), 2u);
  EXPECT_EQ(resident["tags"][0]["tag"], "disabled");
  EXPECT_EQ(resident["tags"][0]["disability_level"], 3);
  EXPECT_EQ(resident["id_number"], "5101**********1232");  // untouched
  // The new phone is found through the blind index; the old one no longer is.
  EXPECT_EQ(testing::JsonOf(Get(worker_, "/api/v1/residents?q=13900001111"))["total"], 1);
  EXPECT_EQ(testing::JsonOf(Get(worker_, std::string("/api/v1/residents?q=") + kPhone))["total"],
            0);
  // The audit row names the fields, never the numbers.
  const std::string detail = LastAuditDetail("resident.update");
  EXPECT_EQ(detail, "fields=name,phone,residence_status,relation_to_head,tags");
  // A new ID number decides birth date and sex; null clears the phone.
  result =
      Patch(worker_, Path("residents", resident_),
            {{"id_number", kThirdIdNumber}, {"phone", nullptr}, {"tags", nlohmann::json::array()}});
  ASSERT_EQ(result->status, 200) << result->body;
  resident = testing::JsonOf(result);
  EXPECT_EQ(resident["birth_date"], "2000-01-01");
  EXPECT_EQ(resident["id_number"], "1101**********0016");
  EXPECT_TRUE(resident["phone"].is_null());
  EXPECT_EQ(resident["tags"].size(), 0u);
  EXPECT_EQ(LastAuditDetail("resident.update"), "fields=id_number,phone,tags");
  auto connection = app_.database().Acquire();
  auto stored =
      (*connection)
          ->Query("SELECT phone_cipher, phone_index FROM residents WHERE id = ?", {resident_});
  EXPECT_TRUE(stored.value().rows.at(0).IsNull(0));
  EXPECT_TRUE(stored.value().rows.at(0).IsNull(1));
}

TEST_F(RegistryEditTest, PatchResidentKeepsTheRulesOfRegistration) {
  const auto path = Path("residents", resident_);
  // The number on record decides birth date and sex.
  ExpectFieldError(Patch(worker_, path, {{"birth_date", "1990-03-08"}}), 400, "birth_date");
  ExpectFieldError(Patch(worker_, path, {{"sex", "female"}}), 400, "sex");
  // So does a new one, against what is typed beside it.
  ExpectFieldError(
      Patch(worker_, path, {{"id_number", kThirdIdNumber}, {"birth_date", "1990-03-07"}}), 400,
      "birth_date");
  ExpectFieldError(Patch(worker_, path, {{"id_number", "510108199003071233"}}), 400, "id_number");
  ExpectFieldError(Patch(worker_, path, {{"phone", "12345"}}), 400, "phone");
  ExpectFieldError(Patch(worker_, path, {{"name", ""}}), 400, "name");
  ExpectFieldError(Patch(worker_, path, {{"sex", "x"}}), 400, "sex");
  ExpectFieldError(Patch(worker_, path, {{"residence_status", "x"}}), 400, "residence_status");
  ExpectFieldError(Patch(worker_, path, {{"relation_to_head", "boss"}}), 400, "relation_to_head");
  ExpectFieldError(Patch(worker_, path, {{"tags", nlohmann::json::array({"rich"})}}), 400, "tags");
  ExpectFieldError(Patch(worker_, path, {{"tags", nlohmann::json::array({"veteran", "veteran"})}}),
                   400, "tags");
  ExpectFieldError(Patch(worker_, path, {{"household_id", household_}}), 400, "household_id");
  ExpectFieldError(Patch(worker_, path, {{"name", nullptr}}), 400, "name");
  // Another resident's number in the community: 409, and the name in the same request stays.
  ExpectFieldError(Patch(worker_, path, {{"id_number", kOtherIdNumber}, {"name", "换名"}}), 409,
                   "id_number");
  // Without a number, the birth date and sex are the worker's to set (not in the future).
  ExpectFieldError(Patch(worker_, Path("residents", spouse_), {{"birth_date", "2099-01-01"}}), 400,
                   "birth_date");
  EXPECT_EQ(Patch(worker_, Path("residents", spouse_), {{"birth_date", "1992-05-06"}})->status,
            200);
  EXPECT_EQ(app_.AuditCount("resident.update"), 1);
  const auto after = testing::JsonOf(Get(worker_, path));
  EXPECT_EQ(after["name"], "张三");
  EXPECT_EQ(after["id_number"], "5101**********1232");
  // Clearing the number frees the sex and birth date.
  EXPECT_EQ(Patch(worker_, path, {{"id_number", nullptr}, {"birth_date", "1990-03-08"}})->status,
            200);
  EXPECT_TRUE(testing::JsonOf(Get(worker_, path))["id_number"].is_null());
}

// ---- Residents' accounts -------------------------------------------------------------------

TEST_F(RegistryEditTest, AResidentAccountSeesItsOwnHouseholdOnly) {
  auto created = Post(worker_, Path("residents", resident_) + "/account",
                      {{"login", "zhangsan"}, {"password", testing::kPassword}});
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  const auto account = testing::JsonOf(created);
  EXPECT_EQ(account["role"], "resident");
  EXPECT_EQ(account["display_name"], "张三");  // the resident's name when none is given
  EXPECT_EQ(account["resident_id"], resident_);
  EXPECT_EQ(account["scope"]["community_id"], app_.community.id.value());
  EXPECT_EQ(app_.AuditCount("user.create"), 13);  // the 12 fixture accounts and this one
  EXPECT_EQ(app_.AuditCount("resident.create_account"), 1);

  const auto zhang = app_.Login("zhangsan");
  auto mine = Get(zhang, "/api/v1/my/household");
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->status, 200) << mine->body;
  const auto own = testing::JsonOf(mine);
  EXPECT_EQ(own["household"]["id"], household_);
  EXPECT_EQ(own["building"]["id"], building_);
  EXPECT_EQ(own["building"]["number"], "3号楼");
  ASSERT_EQ(own["residents"].size(), 2u);
  EXPECT_EQ(own["residents"][0]["id"], resident_);  // the head first
  EXPECT_EQ(own["residents"][0]["id_number"], "5101**********1232");
  EXPECT_EQ(own["residents"][1]["id"], spouse_);
  EXPECT_EQ(mine->body.find(kIdNumber), std::string::npos);
  EXPECT_EQ(mine->body.find(kPhone), std::string::npos);
  EXPECT_EQ(mine->body.find("李四"), std::string::npos);

  // Every other registry route is closed to the resident, whatever id is guessed.
  const std::string other = std::to_string(other_resident_);
  for (const std::string& path :
       {"/api/v1/residents/" + other, "/api/v1/residents/" + std::to_string(resident_),
        std::string("/api/v1/residents"), std::string("/api/v1/buildings"),
        std::string("/api/v1/buildings.geojson"),
        "/api/v1/households?building=" + std::to_string(other_building_),
        std::string("/api/v1/residents/export.csv"), std::string("/api/v1/buildings/export.xlsx"),
        "/api/v1/buildings/" + std::to_string(other_building_) + "/population"}) {
    SCOPED_TRACE(path);
    ExpectFieldError(Get(zhang, path), 403, "");
  }
  ExpectFieldError(Post(zhang, "/api/v1/residents/" + other + "/reveal", {{"field", "id_number"}}),
                   403, "");
  ExpectFieldError(Patch(zhang, Path("residents", resident_), {{"name", "x"}}), 403, "");
  ExpectFieldError(Post(zhang, Path("residents", spouse_) + "/account",
                        {{"login", "wangfang"}, {"password", testing::kPassword}}),
                   403, "");

  // Moved out: the account stays, the household is gone.
  ASSERT_EQ(
      Post(worker_, Path("residents", resident_) + "/move-out", nlohmann::json::object())->status,
      200);
  auto gone = Get(zhang, "/api/v1/my/household");
  ExpectFieldError(gone, 404, "household");
  EXPECT_EQ(testing::JsonOf(gone)["error"]["code"], "no_current_household");
}

TEST_F(RegistryEditTest, AnUnlinkedResidentAccountIsToldSo) {
  auto result = Get(app_.Login("resident"), "/api/v1/my/household");
  ExpectFieldError(result, 404, "account");
  EXPECT_EQ(testing::JsonOf(result)["error"]["code"], "resident_account_not_linked");
  for (const char* login : {"worker", "grid", "street", "admin"}) {
    SCOPED_TRACE(login);
    ExpectFieldError(Get(app_.Login(login), "/api/v1/my/household"), 403, "");
  }
}

TEST_F(RegistryEditTest, AccountCreationKeepsToRolesAndScopeAndWritesAllOrNothing) {
  const auto users = app_.Count("users");
  const auto account = [&](const std::string& token, std::int64_t resident,
                           const nlohmann::json& body) {
    return Post(token, Path("residents", resident) + "/account", body);
  };
  const nlohmann::json good = {{"login", "lisi"}, {"password", testing::kPassword}};
  // Roles that may not, and a worker of another community (404 as for a missing resident).
  for (const char* login : {"grid", "resident", "planner", "volunteer"}) {
    SCOPED_TRACE(login);
    ExpectFieldError(account(app_.Login(login), other_resident_, good), 403, "");
  }
  const auto other = app_.Login("other_worker");
  ExpectFieldError(account(other, other_resident_, good), 404, "");
  ExpectFieldError(account(other, 999999, good), 404, "");
  // Bad account fields name the field; nothing is written.
  ExpectFieldError(
      account(worker_, other_resident_, {{"login", "x"}, {"password", testing::kPassword}}), 400,
      "login");
  ExpectFieldError(account(worker_, other_resident_, {{"login", "lisi"}, {"password", "short"}}),
                   400, "password");
  ExpectFieldError(account(worker_, other_resident_, {{"login", "lisi"}}), 400, "password");
  ExpectFieldError(
      account(worker_, other_resident_,
              {{"login", "lisi"}, {"password", testing::kPassword}, {"role", "admin"}}),
      400, "role");
  ExpectFieldError(
      account(worker_, other_resident_, {{"login", "worker"}, {"password", testing::kPassword}}),
      409, "login");
  EXPECT_EQ(app_.Count("users"), users);
  EXPECT_EQ(app_.Count("resident_accounts"), 0);
  // The street admin may; a second account for the same resident is a conflict.
  auto created = account(app_.Login("street"), other_resident_, good);
  ASSERT_EQ(created->status, 201) << created->body;
  ExpectFieldError(
      account(worker_, other_resident_, {{"login", "lisi2"}, {"password", testing::kPassword}}),
      409, "");
  // A resident who has moved out gets no account.
  ASSERT_EQ(
      Post(worker_, Path("residents", spouse_) + "/move-out", nlohmann::json::object())->status,
      200);
  ExpectFieldError(
      account(worker_, spouse_, {{"login", "wangfang"}, {"password", testing::kPassword}}), 409,
      "");
  EXPECT_EQ(app_.Count("users"), users + 1);
  EXPECT_EQ(app_.Count("resident_accounts"), 1);
  EXPECT_EQ(testing::JsonOf(Get(app_.Login("lisi"), "/api/v1/my/household"))["household"]["id"],
            other_household_);
}

// ---- Exports ---------------------------------------------------------------------------------

TEST_F(RegistryEditTest, ResidentsExportAsXlsxHasOneRowPerResidentMasked) {
  auto result = Get(worker_, "/api/v1/residents/export.xlsx" + CommunityQuery());
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  EXPECT_EQ(result->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  // cpp-httplib percent-decodes header values, so the header as sent is read from the router.
  api::Request request;
  request.path = "/api/v1/residents/export.xlsx";
  request.headers.Set("Authorization", "Bearer " + worker_);
  request.request_id = "raw";
  const api::Response raw = app_.router().Dispatch(request);
  ASSERT_EQ(raw.status, 200);
  const std::string disposition(raw.headers.Find("Content-Disposition").value_or(""));
  EXPECT_NE(disposition.find("attachment; filename=\"residents-2026-11-30.xlsx\""),
            std::string::npos)
      << disposition;
  // 居民 in UTF-8, percent-encoded (RFC 5987).
  EXPECT_NE(disposition.find("filename*=UTF-8''%E5%B1%85%E6%B0%91-2026-11-30.xlsx"),
            std::string::npos)
      << disposition;
  EXPECT_EQ(disposition.find("居民"), std::string::npos) << disposition;
  EXPECT_EQ(result->get_header_value("Cache-Control"), "no-store");
  ASSERT_TRUE(result->body.starts_with("PK"));
  const std::string sheet = UnzipMember(result->body, "xl/worksheets/sheet1.xml");
  ASSERT_FALSE(sheet.empty());
  EXPECT_EQ(Occurrences(sheet, "<row "), 4u);  // the header and three residents
  const std::string strings = UnzipMember(result->body, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("张三"), std::string::npos);
  EXPECT_NE(strings.find("5101**********1232"), std::string::npos);
  EXPECT_NE(strings.find("138****5678"), std::string::npos);
  EXPECT_EQ(strings.find(kIdNumber), std::string::npos);
  EXPECT_EQ(strings.find(kPhone), std::string::npos);
  EXPECT_EQ(app_.AuditCount("resident.export"), 2);  // the client's and the router's
  // The grid worker's file has their grid's residents only.
  auto grid = Get(app_.Login("grid"), "/api/v1/residents/export.xlsx");
  ASSERT_EQ(grid->status, 200);
  EXPECT_EQ(Occurrences(UnzipMember(grid->body, "xl/worksheets/sheet1.xml"), "<row "), 3u);
  EXPECT_EQ(UnzipMember(grid->body, "xl/sharedStrings.xml").find("李四"), std::string::npos);
}

TEST_F(RegistryEditTest, BuildingsExportHasTheCounts) {
  auto csv = Get(worker_, "/api/v1/buildings/export.csv" + CommunityQuery());
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200) << csv->body;
  EXPECT_TRUE(csv->get_header_value("Content-Type").starts_with("text/csv"));
  EXPECT_TRUE(csv->body.starts_with("\xEF\xBB\xBFid,number,address,grid_id,floors,"));
  EXPECT_EQ(CsvLines(csv->body), 4u);
  // 3号楼: 6 floors, no elevator, one household with two residents.
  EXPECT_NE(csv->body.find(std::to_string(building_) + ",3号楼,多福巷3号," +
                           std::to_string(app_.grid.id.value()) +
                           ",6,否,,1,39.9042,116.4074,"
                           "123456,1,2\r\n"),
            std::string::npos)
      << csv->body;
  EXPECT_EQ(app_.AuditCount("building.export"), 1);
  auto xlsx = Get(worker_, "/api/v1/buildings/export.xlsx");
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_EQ(Occurrences(UnzipMember(xlsx->body, "xl/worksheets/sheet1.xml"), "<row "), 4u);
  auto grid = Get(app_.Login("grid"), "/api/v1/buildings/export.csv");
  EXPECT_EQ(CsvLines(grid->body), 2u);
  ExpectFieldError(
      Get(app_.Login("other_worker"), "/api/v1/buildings/export.csv" + CommunityQuery()), 404, "");
  ExpectFieldError(Get(app_.Login("resident"), "/api/v1/buildings/export.csv"), 403, "");
}

TEST_F(RegistryEditTest, HouseholdsExportByBuildingOrCommunity) {
  auto one = Get(worker_, "/api/v1/households/export.csv?building=" + std::to_string(building_));
  ASSERT_EQ(one->status, 200) << one->body;
  EXPECT_TRUE(one->body.starts_with("\xEF\xBB\xBFid,building_id,building,unit,floor,room,"));
  EXPECT_EQ(CsvLines(one->body), 2u);
  EXPECT_NE(one->body.find(std::to_string(household_) + "," + std::to_string(building_) +
                           ",3号楼,,2,201,68.5,2\r\n"),
            std::string::npos)
      << one->body;
  auto all = Get(worker_, "/api/v1/households/export.xlsx" + CommunityQuery());
  ASSERT_EQ(all->status, 200);
  EXPECT_EQ(Occurrences(UnzipMember(all->body, "xl/worksheets/sheet1.xml"), "<row "), 3u);
  EXPECT_EQ(app_.AuditCount("household.export"), 2);
  const auto grid = app_.Login("grid");
  ExpectFieldError(
      Get(grid, "/api/v1/households/export.csv?building=" + std::to_string(other_building_)), 404,
      "");
  EXPECT_EQ(CsvLines(Get(grid, "/api/v1/households/export.csv")->body), 2u);
  ExpectFieldError(Get(app_.Login("other_worker"),
                       "/api/v1/households/export.csv?building=" + std::to_string(building_)),
                   404, "");
  ExpectFieldError(Get(worker_, "/api/v1/households/export.csv?building=abc"), 400, "building");
  EXPECT_EQ(app_.AuditCount("household.export"), 3);
}

}  // namespace
}  // namespace shequ
