// The facilities workers register for planning, over HTTP: every route, every bad input the
// service refuses (with its field), the community's boundary (400, field latitude), one open record
// per OSM object (409), scope and role, and the audit rows each write leaves.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "planning/facility_mapping.h"
#include "registry/place_repository.h"
#include "test_app.h"

namespace shequ {
namespace {

using testing::CreatedId;
using testing::ExpectFieldError;
using testing::JsonOf;

constexpr const char* kFacilities = "/api/v1/planning/facilities";

// A square of about 110 m × 110 m: [116.400, 116.401] × [39.900, 39.901].
constexpr const char* kBoundary =
    R"({"type":"Polygon","coordinates":[[[116.4,39.9],[116.401,39.9],[116.401,39.901],)"
    R"([116.4,39.901],[116.4,39.9]]]})";

class PlanningFacilitiesApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    worker_ = app_.Login("worker");
    other_worker_ = app_.Login("other_worker");
    planner_ = app_.Login("planner");
  }

  httplib::Result Post(const std::string& token, const nlohmann::json& body) {
    return app_.client().Post(kFacilities, app_.Bearer(token), body.dump(), "application/json");
  }
  httplib::Result Patch(const std::string& token, std::int64_t id, const nlohmann::json& body) {
    return app_.client().Patch(Path(id), app_.Bearer(token), body.dump(), "application/json");
  }
  httplib::Result Get(const std::string& token, const std::string& path) {
    return app_.client().Get(path, app_.Bearer(token));
  }
  httplib::Result Delete(const std::string& token, std::int64_t id) {
    return app_.client().Delete(Path(id), app_.Bearer(token));
  }
  static std::string Path(std::int64_t id) {
    return std::string(kFacilities) + "/" + std::to_string(id);
  }

  // A valid body for the test community; `changes` overrides or adds fields.
  nlohmann::json Canteen(const nlohmann::json& changes = nlohmann::json::object()) const {
    nlohmann::json body = {{"community_id", app_.community.id.value()},
                           {"facility_type", "community_canteen"},
                           {"name", "幸福食堂"},
                           {"address", "多福巷1号"},
                           {"latitude", 39.9005},
                           {"longitude", 116.4005},
                           {"capacity", 80},
                           {"opened_on", "2021-03-01"},
                           {"note", "午餐"}};
    body.update(changes);
    return body;
  }

  std::vector<std::string> ListedNames(const std::string& token, const std::string& query) {
    auto result = Get(token, kFacilities + query);
    EXPECT_TRUE(result && result->status == 200) << (result ? result->body : "no response");
    std::vector<std::string> names;
    const nlohmann::json body = JsonOf(result);
    for (const auto& f : body["facilities"]) names.push_back(f.value("name", ""));
    return names;
  }

  void SetBoundary() {
    auto connection = app_.database().Acquire();
    ASSERT_TRUE(connection);
    ASSERT_TRUE(registry::SetCommunityBoundary(**connection, app_.community.id, kBoundary));
  }

  std::string LastAuditDetail(const std::string& action) {
    auto connection = app_.database().Acquire();
    auto rows = (*connection)
                    ->Query(
                        "SELECT detail, record_id FROM audit_log WHERE action = ? "
                        "ORDER BY id DESC",
                        {action});
    if (rows.value().empty()) return "";
    return rows.value().rows.at(0).GetOptionalText(0).value_or("");
  }

  std::string Community() const {
    return "?community=" + std::to_string(app_.community.id.value());
  }

  testing::TestApp app_;
  std::string worker_, other_worker_, planner_;
};

TEST_F(PlanningFacilitiesApiTest, FacilityTypesAreTheMappingTables) {
  auto result = Get(planner_, "/api/v1/planning/facility-types");
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  const auto types = JsonOf(result)["facility_types"];
  const auto expected = planning::FacilityMapping::Default().FacilityTypes();
  ASSERT_EQ(types.size(), expected.size());
  EXPECT_EQ(types[0]["type"], expected[0]);
  bool kindergarten = false;
  for (const auto& type : types) {
    if (type["type"] != "kindergarten") continue;
    kindergarten = true;
    EXPECT_EQ(type["osm_tags"], nlohmann::json::array({"amenity=kindergarten"}));
    EXPECT_EQ(type["notes"][0], "幼儿园, ages 3-6");
  }
  EXPECT_TRUE(kindergarten);
  EXPECT_EQ(Get(app_.Login("resident"), "/api/v1/planning/facility-types")->status, 403);
}

TEST_F(PlanningFacilitiesApiTest, AWorkerRegistersChangesAndClosesAFacility) {
  auto created = Post(worker_, Canteen({{"osm_type", "node"}, {"osm_id", 42}}));
  const std::int64_t id = CreatedId(created);
  ASSERT_GT(id, 0);
  const auto json = JsonOf(created);
  EXPECT_EQ(json["community_id"], app_.community.id.value());
  EXPECT_EQ(json["facility_type"], "community_canteen");
  EXPECT_EQ(json["name"], "幸福食堂");
  EXPECT_EQ(json["address"], "多福巷1号");
  EXPECT_EQ(json["latitude"], 39.9005);
  EXPECT_EQ(json["longitude"], 116.4005);
  EXPECT_EQ(json["osm_type"], "node");
  EXPECT_EQ(json["osm_id"], 42);
  EXPECT_EQ(json["capacity"], 80);
  EXPECT_EQ(json["opened_on"], "2021-03-01");
  EXPECT_TRUE(json["closed_on"].is_null());
  EXPECT_EQ(json["note"], "午餐");
  EXPECT_EQ(json["created_by"], "worker");
  EXPECT_EQ(json["created_at"], "2026-11-30T12:00:00+08:00");
  EXPECT_EQ(app_.AuditCount("planning_facility.create"), 1);
  EXPECT_EQ(LastAuditDetail("planning_facility.create"), "type=community_canteen");

  auto got = Get(planner_, Path(id));
  ASSERT_EQ(got->status, 200) << got->body;
  EXPECT_EQ(JsonOf(got)["name"], "幸福食堂");

  ASSERT_EQ(CreatedId(Post(worker_, Canteen({{"facility_type", "nursery"},
                                             {"name", "小星星托育"},
                                             {"capacity", nullptr}}))) > 0,
            true);
  EXPECT_EQ(ListedNames(worker_, Community()),
            (std::vector<std::string>{"幸福食堂", "小星星托育"}));
  EXPECT_EQ(ListedNames(worker_, "?type=nursery"), (std::vector<std::string>{"小星星托育"}));
  EXPECT_EQ(ListedNames(planner_, ""), (std::vector<std::string>{"幸福食堂", "小星星托育"}));

  // PATCH: given fields change, null clears, the rest stays.
  app_.clock().Advance(30 * 60 * kMicrosPerSecond);  // within the session idle limit
  auto patched = Patch(worker_, id,
                       {{"name", "幸福老年食堂"},
                        {"capacity", nullptr},
                        {"osm_type", nullptr},
                        {"osm_id", nullptr},
                        {"note", nullptr}});
  ASSERT_EQ(patched->status, 200) << patched->body;
  const auto changed = JsonOf(patched);
  EXPECT_EQ(changed["name"], "幸福老年食堂");
  EXPECT_TRUE(changed["capacity"].is_null());
  EXPECT_TRUE(changed["osm_type"].is_null());
  EXPECT_TRUE(changed["osm_id"].is_null());
  EXPECT_EQ(changed["note"], "");
  EXPECT_EQ(changed["address"], "多福巷1号");
  EXPECT_EQ(changed["opened_on"], "2021-03-01");
  EXPECT_EQ(changed["updated_at"], "2026-11-30T12:30:00+08:00");
  EXPECT_EQ(app_.AuditCount("planning_facility.update"), 1);
  EXPECT_EQ(LastAuditDetail("planning_facility.update"),
            "fields=name,osm_type,osm_id,capacity,note");
  ExpectFieldError(Patch(worker_, id, nlohmann::json::object()), 400, "");

  // DELETE closes it today and keeps it.
  auto closed = Delete(worker_, id);
  ASSERT_EQ(closed->status, 200) << closed->body;
  EXPECT_EQ(JsonOf(closed)["closed_on"], "2026-11-30");
  EXPECT_EQ(app_.AuditCount("planning_facility.close"), 1);
  EXPECT_EQ(ListedNames(worker_, Community()), (std::vector<std::string>{"小星星托育"}));
  EXPECT_EQ(ListedNames(worker_, Community() + "&include_closed=true"),
            (std::vector<std::string>{"幸福老年食堂", "小星星托育"}));
  EXPECT_EQ(Get(worker_, Path(id))->status, 200);
  EXPECT_EQ(app_.Count("planning_facilities"), 2);

  // A closed record is history.
  EXPECT_EQ(Delete(worker_, id)->status, 409);
  EXPECT_EQ(Patch(worker_, id, {{"name", "x"}})->status, 409);
  EXPECT_EQ(app_.AuditCount("planning_facility.close"), 1);
  EXPECT_EQ(app_.AuditCount("planning_facility.update"), 1);

  EXPECT_EQ(Get(worker_, Path(987654))->status, 404);
  EXPECT_EQ(Delete(worker_, 987654)->status, 404);
  ExpectFieldError(Get(worker_, std::string(kFacilities) + "/abc"), 400, "");
}

TEST_F(PlanningFacilitiesApiTest, BadInputIsRefusedWithItsField) {
  struct Case {
    const char* what;
    nlohmann::json changes;
    const char* field;
  };
  const Case cases[] = {
      {"unknown type", {{"facility_type", "spaceport"}}, "facility_type"},
      {"latitude > 90", {{"latitude", 90.5}}, "latitude"},
      {"latitude < -90", {{"latitude", -91}}, "latitude"},
      {"longitude > 180", {{"longitude", 180.01}}, "longitude"},
      {"longitude < -180", {{"longitude", -200}}, "longitude"},
      {"empty name", {{"name", ""}}, "name"},
      {"blank name", {{"name", "   "}}, "name"},
      {"osm_type not node/way/relation", {{"osm_type", "area"}, {"osm_id", 5}}, "osm_type"},
      {"osm_type without osm_id", {{"osm_type", "node"}}, "osm_id"},
      {"osm_id without osm_type", {{"osm_id", 5}}, "osm_type"},
      {"osm_id not positive", {{"osm_type", "way"}, {"osm_id", 0}}, "osm_id"},
      {"negative capacity", {{"capacity", -1}}, "capacity"},
      {"not a date", {{"opened_on", "2026-13-01"}}, "opened_on"},
      {"latitude not a number", {{"latitude", "39.9"}}, "latitude"},
      {"name not a string", {{"name", 5}}, "name"},
      {"unknown field", {{"colour", "red"}}, "colour"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    ExpectFieldError(Post(worker_, Canteen(c.changes)), 400, c.field);
  }
  nlohmann::json no_latitude = Canteen();
  no_latitude.erase("latitude");
  ExpectFieldError(Post(worker_, no_latitude), 400, "latitude");

  auto unknown = Post(worker_, Canteen({{"facility_type", "spaceport"}}));
  EXPECT_NE(JsonOf(unknown)["error"].value("message", "").find("/api/v1/planning/facility-types"),
            std::string::npos)
      << unknown->body;
  ExpectFieldError(Get(worker_, std::string(kFacilities) + "?type=spaceport"), 400, "type");
  ExpectFieldError(Get(worker_, std::string(kFacilities) + "?community=x"), 400, "community");
  ExpectFieldError(Get(worker_, std::string(kFacilities) + "?include_closed=maybe"), 400,
                   "include_closed");
  EXPECT_EQ(app_.Count("planning_facilities"), 0);
  EXPECT_EQ(app_.AuditCount("planning_facility.create"), 0);

  // The same rules on PATCH.
  const std::int64_t id = CreatedId(Post(worker_, Canteen()));
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string("PATCH ") + c.what);
    ExpectFieldError(Patch(worker_, id, c.changes), 400, c.field);
  }
  EXPECT_EQ(app_.AuditCount("planning_facility.update"), 0);
  EXPECT_EQ(JsonOf(Get(worker_, Path(id)))["name"], "幸福食堂");
}

TEST_F(PlanningFacilitiesApiTest, AFacilityLiesInsideItsCommunitysBoundary) {
  // Without a boundary anywhere goes.
  EXPECT_GT(CreatedId(Post(worker_, Canteen({{"latitude", 31.2}, {"longitude", 121.5}}))), 0);
  ASSERT_NO_FATAL_FAILURE(SetBoundary());
  const std::int64_t inside = CreatedId(Post(worker_, Canteen({{"name", "里面"}})));
  ASSERT_GT(inside, 0);
  auto outside = Post(worker_, Canteen({{"name", "外面"}, {"latitude", 39.902}}));
  ExpectFieldError(outside, 400, "latitude");
  EXPECT_EQ(JsonOf(outside)["error"].value("message", ""), "outside the community's boundary");
  ExpectFieldError(Patch(worker_, inside, {{"longitude", 116.399}}), 400, "latitude");
  EXPECT_EQ(Patch(worker_, inside, {{"longitude", 116.4009}})->status, 200);
  EXPECT_EQ(app_.Count("planning_facilities"), 2);
  EXPECT_EQ(app_.AuditCount("planning_facility.create"), 2);
  EXPECT_EQ(app_.AuditCount("planning_facility.update"), 1);
}

TEST_F(PlanningFacilitiesApiTest, AnOsmObjectHasOneOpenRecord) {
  const std::int64_t first =
      CreatedId(Post(worker_, Canteen({{"osm_type", "way"}, {"osm_id", 7}})));
  ASSERT_GT(first, 0);
  ExpectFieldError(Post(worker_, Canteen({{"name", "二号"}, {"osm_type", "way"}, {"osm_id", 7}})),
                   409, "osm_id");
  const std::int64_t second =
      CreatedId(Post(worker_, Canteen({{"name", "二号"}, {"osm_type", "node"}, {"osm_id", 7}})));
  ASSERT_GT(second, 0);
  ExpectFieldError(Patch(worker_, second, {{"osm_type", "way"}}), 409, "osm_id");
  ASSERT_EQ(Delete(worker_, first)->status, 200);
  EXPECT_EQ(Patch(worker_, second, {{"osm_type", "way"}})->status, 200);
  EXPECT_EQ(app_.AuditCount("planning_facility.create"), 2);
}

TEST_F(PlanningFacilitiesApiTest, ScopeAndRoles) {
  const std::int64_t ours = CreatedId(Post(worker_, Canteen()));
  ASSERT_GT(ours, 0);
  const std::int64_t theirs = CreatedId(
      Post(other_worker_,
           Canteen({{"community_id", app_.other_community.id.value()}, {"name", "别处食堂"}})));
  ASSERT_GT(theirs, 0);

  // A worker of another community sees and touches nothing of ours.
  EXPECT_EQ(Get(other_worker_, Path(ours))->status, 404);
  EXPECT_EQ(Patch(other_worker_, ours, {{"name", "x"}})->status, 404);
  EXPECT_EQ(Delete(other_worker_, ours)->status, 404);
  ExpectFieldError(Post(other_worker_, Canteen()), 404, "community_id");
  ExpectFieldError(Get(other_worker_, std::string(kFacilities) + Community()), 404, "community");
  EXPECT_EQ(ListedNames(other_worker_, ""), (std::vector<std::string>{"别处食堂"}));
  EXPECT_EQ(ListedNames(worker_, ""), (std::vector<std::string>{"幸福食堂"}));
  EXPECT_EQ(Get(worker_, Path(theirs))->status, 404);

  // A planner reads the street's facilities and writes none.
  EXPECT_EQ(Get(planner_, Path(ours))->status, 200);
  EXPECT_EQ(Get(planner_, Path(theirs))->status, 404);
  EXPECT_EQ(ListedNames(planner_, ""), (std::vector<std::string>{"幸福食堂"}));
  EXPECT_EQ(Post(planner_, Canteen())->status, 403);
  EXPECT_EQ(Patch(planner_, ours, {{"name", "x"}})->status, 403);
  EXPECT_EQ(Delete(planner_, ours)->status, 403);

  // Roles without planning permissions.
  const std::string grid = app_.Login("grid");
  EXPECT_EQ(Get(grid, Path(ours))->status, 403);
  EXPECT_EQ(Post(grid, Canteen())->status, 403);
  const std::string canteen = app_.Login("canteen");
  EXPECT_EQ(Post(canteen, Canteen())->status, 403);
  EXPECT_EQ(app_.client().Get(kFacilities)->status, 401);

  // The street admin writes in the street; the admin sees every street.
  const std::string street = app_.Login("street");
  EXPECT_EQ(Patch(street, ours, {{"capacity", 90}})->status, 200);
  EXPECT_EQ(Patch(street, theirs, {{"capacity", 90}})->status, 404);
  EXPECT_EQ(ListedNames(app_.Login("admin"), "").size(), 2u);

  EXPECT_EQ(app_.AuditCount("planning_facility.create"), 2);
  EXPECT_EQ(app_.AuditCount("planning_facility.update"), 1);
  EXPECT_EQ(app_.AuditCount("planning_facility.close"), 0);
}

}  // namespace
}  // namespace shequ
