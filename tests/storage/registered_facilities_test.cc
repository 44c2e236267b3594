// Facilities registered in shequ (planning/store/registered_facilities.h, migration 0007) on both
// back ends: what is stored, listed and closed; the schema refusing bad rows; and how
// LoadAssessmentData joins them to a real OSM import, a worker's record winning over OSM's.
#include "planning/store/registered_facilities.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "base/log.h"
#include "planning/store/assessment_source.h"
#include "planning/store/osm_import_store.h"
#include "registry/place_repository.h"
#include "scratch_database.h"
#include "store/migrations.h"

namespace shequ::planning {
namespace {

using store::Backend;

constexpr Instant kNow = 1'796'011'200LL * kMicrosPerSecond;  // 2026-11-30 12:00 +08:00
constexpr CivilDate kToday{2026, 11, 30};

// A few streets around the equator and one OSM object per facility the merge cases need. At the
// equator 0.00001° is 1.11 m, so the offsets below read as metres: 0.00027° ≈ 30 m, 0.00072° ≈
// 80 m, 0.0018° ≈ 200 m.
constexpr const char* kExtract = R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="hand">
  <node id="1" lat="0.0000" lon="0.0000"/>
  <node id="2" lat="0.0000" lon="0.0100"/>
  <node id="3" lat="0.0100" lon="0.0100"/>
  <node id="4" lat="0.0100" lon="0.0000"/>
  <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/><tag k="highway" v="residential"/></way>
  <node id="101" lat="0.0010" lon="0.0010"><tag k="amenity" v="kindergarten"/><tag k="name" v="OSM 幼儿园"/></node>
  <node id="102" lat="0.0020" lon="0.0010"><tag k="amenity" v="clinic"/><tag k="name" v="OSM clinic"/></node>
  <node id="103" lat="0.0030" lon="0.0010"><tag k="amenity" v="pharmacy"/><tag k="name" v="OSM pharmacy"/></node>
  <node id="104" lat="0.0040" lon="0.0010"><tag k="amenity" v="canteen"/><tag k="name" v="OSM canteen"/></node>
  <node id="105" lat="0.0050" lon="0.0010"><tag k="shop" v="convenience"/><tag k="name" v="OSM shop"/></node>
  <node id="106" lat="0.0060" lon="0.0010"><tag k="amenity" v="toilets"/></node>
</osm>
)";

class RegisteredFacilitiesTest : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    log::SetLevel(log::Level::kWarn);
    ASSERT_NO_FATAL_FAILURE(scratch_.CreateMigrated(GetParam(), &db_));
    auto connection = db_->Acquire();
    ASSERT_TRUE(connection);
    street_ = registry::InsertStreet(**connection, "示范街道", kNow).value().id;
    community_ = registry::InsertCommunity(**connection, street_, "示范社区", kNow).value().id;
    other_street_ = registry::InsertStreet(**connection, "另一街道", kNow).value().id;
    other_community_ =
        registry::InsertCommunity(**connection, other_street_, "另一社区", kNow).value().id;
  }

  void TearDown() override {
    db_.reset();
    scratch_.Drop();
    if (!extract_.empty()) std::filesystem::remove(extract_);
  }

  RegisteredFacility Facility(std::string type, std::string name, double lat, double lon) const {
    return {.community_id = community_,
            .facility_type = std::move(type),
            .name = std::move(name),
            .latitude = lat,
            .longitude = lon,
            .created_by = "worker",
            .created_at = kNow,
            .updated_at = kNow};
  }

  Result<std::int64_t> Insert(const RegisteredFacility& f) {
    auto connection = db_->Acquire();
    if (!connection) return std::unexpected(connection.error());
    return InsertRegisteredFacility(**connection, f);
  }

  Status Close(std::int64_t id, CivilDate on) {
    auto connection = db_->Acquire();
    if (!connection) return std::unexpected(connection.error());
    auto found = FindRegisteredFacility(**connection, id);
    if (!found) return std::unexpected(found.error());
    RegisteredFacility f = found->value();
    f.closed_on = on;
    return UpdateRegisteredFacility(**connection, f);
  }

  std::vector<std::string> Names(const RegisteredFacilityQuery& query) {
    auto connection = db_->Acquire();
    EXPECT_TRUE(connection);
    auto list = ListRegisteredFacilities(**connection, query);
    EXPECT_TRUE(list) << list.error().message;
    std::vector<std::string> names;
    for (const auto& f : *list) names.push_back(f.name);
    return names;
  }

  // Runs `sql` and returns its error code (kInternal standing for "no error" would hide a
  // passing insert, so success is reported as nullopt).
  std::optional<ErrorCode> RawInsertError(const std::string& values) {
    auto connection = db_->Acquire();
    EXPECT_TRUE(connection);
    auto result = (*connection)
                      ->Query(
                          "INSERT INTO planning_facilities (community_id, facility_type, name, "
                          "address, latitude, longitude, osm_type, osm_id, capacity, opened_on, "
                          "closed_on, note, created_by, created_at, updated_at) VALUES (" +
                          values + ")");
    if (result) return std::nullopt;
    return result.error().code;
  }

  void Import() {
    extract_ = std::filesystem::temp_directory_path() /
               ("shequ-facilities-" + store::testing_support::RandomHex() + ".osm");
    std::ofstream(extract_) << kExtract;
    auto summary = ImportOsmFile(*db_, extract_.string(), "cli", kNow);
    ASSERT_TRUE(summary) << summary.error().message;
    ASSERT_EQ(summary->facilities, 6u);
  }

  store::testing_support::ScratchDatabase scratch_;
  std::unique_ptr<store::Database> db_;
  std::filesystem::path extract_;
  StreetId street_;
  CommunityId community_;
  StreetId other_street_;
  CommunityId other_community_;
};

TEST_P(RegisteredFacilitiesTest, StoresListsAndClosesKeepingHistory) {
  RegisteredFacility canteen = Facility("community_canteen", "幸福食堂", 39.9, 116.4);
  canteen.address = "多福巷1号";
  canteen.osm_ref = OsmRef{.type = OsmType::kWay, .id = 77};
  canteen.capacity = 120;
  canteen.opened_on = CivilDate{2020, 5, 1};
  canteen.note = "午餐 11:00-13:00";
  auto canteen_id = Insert(canteen);
  ASSERT_TRUE(canteen_id) << canteen_id.error().message;
  ASSERT_TRUE(Insert(Facility("nursery", "小星星托育", 39.901, 116.401)));
  RegisteredFacility elsewhere = Facility("nursery", "别处托育", 31.2, 121.5);
  elsewhere.community_id = other_community_;
  ASSERT_TRUE(Insert(elsewhere));

  {
    auto connection = db_->Acquire();
    ASSERT_TRUE(connection);
    auto found = FindRegisteredFacility(**connection, *canteen_id);
    ASSERT_TRUE(found && found->has_value());
    const RegisteredFacility& read = **found;
    EXPECT_EQ(read.community_id, community_);
    EXPECT_EQ(read.facility_type, "community_canteen");
    EXPECT_EQ(read.name, "幸福食堂");
    EXPECT_EQ(read.address, "多福巷1号");
    EXPECT_DOUBLE_EQ(read.latitude, 39.9);
    EXPECT_DOUBLE_EQ(read.longitude, 116.4);
    ASSERT_TRUE(read.osm_ref.has_value());
    EXPECT_EQ(read.osm_ref->type, OsmType::kWay);
    EXPECT_EQ(read.osm_ref->id, 77);
    EXPECT_EQ(read.capacity, 120);
    EXPECT_EQ(read.opened_on, (CivilDate{2020, 5, 1}));
    EXPECT_FALSE(read.closed_on.has_value());
    EXPECT_EQ(read.note, "午餐 11:00-13:00");
    EXPECT_EQ(read.created_by, "worker");
    EXPECT_EQ(read.created_at, kNow);
    auto missing = FindRegisteredFacility(**connection, 9999);
    ASSERT_TRUE(missing);
    EXPECT_FALSE(missing->has_value());
  }

  // By community, type and name; by street; everything.
  EXPECT_EQ(Names({.community = community_}), (std::vector<std::string>{"幸福食堂", "小星星托育"}));
  EXPECT_EQ(Names({.facility_type = "nursery"}),
            (std::vector<std::string>{"小星星托育", "别处托育"}));
  EXPECT_EQ(Names({.street = other_street_}), (std::vector<std::string>{"别处托育"}));
  EXPECT_EQ(Names({}).size(), 3u);

  ASSERT_TRUE(Close(*canteen_id, kToday));
  EXPECT_EQ(Names({.community = community_}), (std::vector<std::string>{"小星星托育"}));
  EXPECT_EQ(Names({.community = community_, .include_closed = true}),
            (std::vector<std::string>{"幸福食堂", "小星星托育"}));

  // Closed today serves no one today; one opening tomorrow serves no one yet.
  RegisteredFacility later = Facility("kindergarten", "新园", 39.9, 116.4);
  later.opened_on = CivilDate{2026, 12, 1};
  ASSERT_TRUE(Insert(later));
  auto connection = db_->Acquire();
  ASSERT_TRUE(connection);
  auto serving = ListServingFacilities(**connection, kToday);
  ASSERT_TRUE(serving) << serving.error().message;
  std::vector<std::string> names;
  for (const auto& f : *serving) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"小星星托育", "别处托育"}));
  auto tomorrow = ListServingFacilities(**connection, CivilDate{2026, 12, 1});
  ASSERT_TRUE(tomorrow);
  EXPECT_EQ(tomorrow->size(), 3u);
}

TEST_P(RegisteredFacilitiesTest, OneOpenRecordPerOsmObject) {
  RegisteredFacility first = Facility("kindergarten", "阳光幼儿园", 39.9, 116.4);
  first.osm_ref = OsmRef{.type = OsmType::kNode, .id = 5};
  auto first_id = Insert(first);
  ASSERT_TRUE(first_id) << first_id.error().message;

  RegisteredFacility second = Facility("nursery", "阳光托育", 39.9, 116.4);
  second.osm_ref = first.osm_ref;
  auto twice = Insert(second);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);

  // A way with the same number is another object.
  second.osm_ref = OsmRef{.type = OsmType::kWay, .id = 5};
  ASSERT_TRUE(Insert(second));

  {
    auto connection = db_->Acquire();
    ASSERT_TRUE(connection);
    auto taken = FindOpenFacilityWithOsmRef(**connection, *first.osm_ref);
    ASSERT_TRUE(taken);
    EXPECT_EQ(*taken, *first_id);
    auto except = FindOpenFacilityWithOsmRef(**connection, *first.osm_ref, *first_id);
    ASSERT_TRUE(except);
    EXPECT_FALSE(except->has_value());
  }

  // Closed, the record is history: the object may get a new open record.
  ASSERT_TRUE(Close(*first_id, kToday));
  second.osm_ref = first.osm_ref;
  EXPECT_TRUE(Insert(second));
}

TEST_P(RegisteredFacilitiesTest, TheSchemaRefusesBadRows) {
  const std::string c = std::to_string(community_.value());
  const std::string ok_tail = ", '', 'w', 1, 1";
  // The good row, to show the statement itself is right.
  EXPECT_EQ(
      RawInsertError(c + ", 'nursery', 'n', '', 1, 2, NULL, NULL, NULL, NULL, NULL" + ok_tail),
      std::nullopt);
  const std::map<std::string, std::string> bad = {
      {"empty type", c + ", '', 'n', '', 1, 2, NULL, NULL, NULL, NULL, NULL"},
      {"empty name", c + ", 'nursery', '', '', 1, 2, NULL, NULL, NULL, NULL, NULL"},
      {"latitude > 90", c + ", 'nursery', 'n', '', 90.5, 2, NULL, NULL, NULL, NULL, NULL"},
      {"latitude < -90", c + ", 'nursery', 'n', '', -91, 2, NULL, NULL, NULL, NULL, NULL"},
      {"longitude > 180", c + ", 'nursery', 'n', '', 1, 180.5, NULL, NULL, NULL, NULL, NULL"},
      {"longitude < -180", c + ", 'nursery', 'n', '', 1, -181, NULL, NULL, NULL, NULL, NULL"},
      {"osm_type unknown", c + ", 'nursery', 'n', '', 1, 2, 'area', 3, NULL, NULL, NULL"},
      {"osm_type alone", c + ", 'nursery', 'n', '', 1, 2, 'node', NULL, NULL, NULL, NULL"},
      {"osm_id alone", c + ", 'nursery', 'n', '', 1, 2, NULL, 3, NULL, NULL, NULL"},
      {"osm_id not positive", c + ", 'nursery', 'n', '', 1, 2, 'node', 0, NULL, NULL, NULL"},
      {"negative capacity", c + ", 'nursery', 'n', '', 1, 2, NULL, NULL, -1, NULL, NULL"},
      {"not a date", c + ", 'nursery', 'n', '', 1, 2, NULL, NULL, NULL, '2026-1-1', NULL"},
      {"closed before opened",
       c + ", 'nursery', 'n', '', 1, 2, NULL, NULL, NULL, '2026-01-02', '2026-01-01'"},
      {"no such community", "987654, 'nursery', 'n', '', 1, 2, NULL, NULL, NULL, NULL, NULL"},
  };
  for (const auto& [what, values] : bad) {
    EXPECT_EQ(RawInsertError(values + ok_tail), ErrorCode::kConflict) << what;
  }
  EXPECT_EQ(RawInsertError(c + ", NULL, 'n', '', 1, 2, NULL, NULL, NULL, NULL, NULL" + ok_tail)
                .has_value(),
            true)
      << "type NULL";
}

TEST_P(RegisteredFacilitiesTest, AWorkersRecordWinsOverOsmForTheSamePlace) {
  ASSERT_NO_FATAL_FAILURE(Import());
  // Names its OSM object (node 101), though drawn 200 m away: replaces it.
  RegisteredFacility by_ref = Facility("kindergarten", "阳光幼儿园", 0.0028, 0.0010);
  by_ref.osm_ref = OsmRef{.type = OsmType::kNode, .id = 101};
  auto by_ref_id = Insert(by_ref);
  // Same type, 30 m from node 102: the same place mapped twice.
  auto near_id = Insert(Facility("community_health_station", "社区卫生站", 0.00227, 0.0010));
  // Another type 10 m from node 103: both stay.
  auto other_type_id = Insert(Facility("supermarket", "超市", 0.00309, 0.0010));
  // Same type 10 m from node 104 but closed today: ignored, node 104 stays.
  auto closed_id = Insert(Facility("community_canteen", "已关食堂", 0.00409, 0.0010));
  // Same type 80 m from node 105: beyond the 50 m, both stay.
  auto far_id = Insert(Facility("convenience_store", "便利店", 0.00572, 0.0010));
  // Opens tomorrow, on node 106's spot: not yet.
  RegisteredFacility later = Facility("public_toilet", "新厕所", 0.0060, 0.0010);
  later.opened_on = CivilDate{2026, 12, 1};
  auto later_id = Insert(later);
  for (const auto* id : {&by_ref_id, &near_id, &other_type_id, &closed_id, &far_id, &later_id}) {
    ASSERT_TRUE(*id) << id->error().message;
  }
  ASSERT_TRUE(Close(*closed_id, kToday));

  auto data = LoadAssessmentData(*db_, CommunityId(), kToday);
  ASSERT_TRUE(data) << data.error().message;
  std::map<std::string, std::pair<std::string, std::string>> facilities;  // id → type, name
  for (const AssessmentFacility& f : data->facilities) {
    EXPECT_TRUE(facilities.emplace(f.id, std::pair{f.facility_type, f.name}).second) << f.id;
  }
  const auto shequ = [](const Result<std::int64_t>& id) {
    return std::string(kRegisteredFacilityIdPrefix) + std::to_string(*id);
  };
  const std::map<std::string, std::pair<std::string, std::string>> expected = {
      {"node/103", {"pharmacy", "OSM pharmacy"}},
      {"node/104", {"community_canteen", "OSM canteen"}},
      {"node/105", {"convenience_store", "OSM shop"}},
      {"node/106", {"public_toilet", ""}},
      {shequ(by_ref_id), {"kindergarten", "阳光幼儿园"}},
      {shequ(near_id), {"community_health_station", "社区卫生站"}},
      {shequ(other_type_id), {"supermarket", "超市"}},
      {shequ(far_id), {"convenience_store", "便利店"}},
  };
  EXPECT_EQ(facilities, expected);
  for (const AssessmentFacility& f : data->facilities) {
    if (f.id == shequ(by_ref_id)) {
      EXPECT_NEAR(f.location.Lat(), 0.0028, 1e-7);  // the worker's place, not OSM's
    }
  }

  // The day it opens, the new toilet replaces node 106 (same type, same spot).
  auto tomorrow = LoadAssessmentData(*db_, CommunityId(), CivilDate{2026, 12, 1});
  ASSERT_TRUE(tomorrow) << tomorrow.error().message;
  std::set<std::string> ids;
  for (const AssessmentFacility& f : tomorrow->facilities) ids.insert(f.id);
  EXPECT_TRUE(ids.contains(shequ(later_id)));
  EXPECT_FALSE(ids.contains("node/106"));
}

TEST_P(RegisteredFacilitiesTest, TheSamePlaceRadiusIsFiftyMetres) {
  ASSERT_NO_FATAL_FAILURE(Import());
  // 49 m and 51 m north of node 105 (0.00044° and 0.000459° at 111,195 m per degree).
  ASSERT_TRUE(Insert(Facility("convenience_store", "49 m", 0.0050 + 49.0 / 111195.0, 0.0010)));
  ASSERT_TRUE(Insert(Facility("pharmacy", "51 m", 0.0030 + 51.0 / 111195.0, 0.0010)));
  auto data = LoadAssessmentData(*db_, CommunityId(), kToday);
  ASSERT_TRUE(data) << data.error().message;
  std::set<std::string> ids;
  for (const AssessmentFacility& f : data->facilities) ids.insert(f.id);
  EXPECT_FALSE(ids.contains("node/105"));
  EXPECT_TRUE(ids.contains("node/103"));
  EXPECT_EQ(kSamePlaceRadiusM, 50.0);
}

INSTANTIATE_TEST_SUITE_P(Backends, RegisteredFacilitiesTest,
                         testing::Values(Backend::kSqlite, Backend::kPostgres),
                         store::testing_support::ParamName);

}  // namespace
}  // namespace shequ::planning
