#include "planning/osm_features.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <string>

namespace shequ::planning {
namespace {

const std::string kTestData = SHEQU_PLANNING_TESTDATA_DIR;
const std::string kSharedData = SHEQU_SHARED_DATA_DIR;

// 0.001 degree at the equator on the mean Earth radius: 111.195 m.
constexpr double kMilliDegreeM = 111.19508;

Coord At(double lat, double lon) { return Coord::FromDegrees(lat, lon); }

const OsmBuilding* FindBuilding(const OsmFeatures& features, OsmType type, std::int64_t id) {
  for (const OsmBuilding& b : features.buildings) {
    if (b.ref.type == type && b.ref.id == id) return &b;
  }
  return nullptr;
}

// facility_type -> OSM ids, to compare with what the fixture holds.
std::map<std::string, std::set<std::int64_t>> FacilitiesByType(const OsmFeatures& features) {
  std::map<std::string, std::set<std::int64_t>> by_type;
  for (const OsmFacility& f : features.facilities) by_type[f.facility_type].insert(f.ref.id);
  return by_type;
}

// The fixture, read once for all the tests that look at it.
const OsmFeatures& Fixture() {
  static const OsmFeatures features = [] {
    auto read = ReadOsmFeatures(kTestData + "/features.osm");
    if (!read) {
      ADD_FAILURE() << read.error().message;
      return OsmFeatures{};
    }
    return *std::move(read);
  }();
  return features;
}

TEST(OsmFeaturesFixtureTest, EveryBuildingButBuildingNo) {
  const OsmFeatures& features = Fixture();
  std::set<std::int64_t> ids;
  for (const OsmBuilding& b : features.buildings) ids.insert(b.ref.id);
  EXPECT_EQ(ids, (std::set<std::int64_t>{101, 102, 103, 104, 106, 301}));
  EXPECT_EQ(features.stats.buildings, 6u);
  ASSERT_NE(FindBuilding(features, OsmType::kRelation, 301), nullptr);
  EXPECT_EQ(FindBuilding(features, OsmType::kWay, 301), nullptr);
}

TEST(OsmFeaturesFixtureTest, BuildingWithLevelsNameAndAddress) {
  const OsmFeatures& features = Fixture();
  const OsmBuilding* b = FindBuilding(features, OsmType::kWay, 101);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->building, "apartments");
  EXPECT_TRUE(b->residential);
  EXPECT_EQ(b->levels, 6);
  EXPECT_EQ(b->name, "1号楼");
  EXPECT_EQ(b->address, "幸福路 8");
  // 0.001 degree of latitude by 0.002 of longitude, at latitude 0.0145.
  EXPECT_NEAR(b->footprint_area_m2, 2 * kMilliDegreeM * kMilliDegreeM, 1.0);
  EXPECT_EQ(b->centroid.lat_e7, At(0.0145, 0.015).lat_e7);
  EXPECT_EQ(b->centroid.lon_e7, At(0.0145, 0.015).lon_e7);
  ASSERT_EQ(b->footprint.polygons.size(), 1u);
  EXPECT_EQ(b->footprint.polygons[0].outer.size(), 5u);
  EXPECT_TRUE(b->footprint.polygons[0].inners.empty());
}

TEST(OsmFeaturesFixtureTest, InsaneLevelsAreAbsent) {
  const OsmFeatures& features = Fixture();
  const OsmBuilding* b = FindBuilding(features, OsmType::kWay, 104);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->building, "commercial");
  EXPECT_FALSE(b->levels.has_value());  // building:levels=300
  EXPECT_FALSE(b->residential);
  EXPECT_EQ(b->address, "");
}

TEST(OsmFeaturesFixtureTest, PlainBuildingIsResidentialOnlyInResidentialLand) {
  const OsmFeatures& features = Fixture();
  const OsmBuilding* inside = FindBuilding(features, OsmType::kWay, 102);
  const OsmBuilding* outside = FindBuilding(features, OsmType::kWay, 103);
  ASSERT_NE(inside, nullptr);
  ASSERT_NE(outside, nullptr);
  EXPECT_EQ(inside->building, "yes");
  EXPECT_TRUE(inside->residential);
  EXPECT_EQ(outside->building, "yes");
  EXPECT_FALSE(outside->residential);
  EXPECT_EQ(features.stats.residential_buildings, 4u);  // 101 apartments, 102, 106, 301
}

TEST(OsmFeaturesFixtureTest, BuildingUseMakesAPlainBuildingAHome) {
  const OsmFeatures& features = Fixture();
  const OsmBuilding* b = FindBuilding(features, OsmType::kWay, 106);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->building, "yes");
  EXPECT_TRUE(b->residential);  // building:use=apartments, outside residential land
  EXPECT_FALSE(AreaContains(features.residential_areas.at(0).area, b->centroid));
}

TEST(OsmFeaturesFixtureTest, MultipolygonBuildingKeepsItsHole) {
  const OsmFeatures& features = Fixture();
  const OsmBuilding* b = FindBuilding(features, OsmType::kRelation, 301);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->building, "residential");
  EXPECT_TRUE(b->residential);
  EXPECT_EQ(b->name, "回字楼");
  ASSERT_EQ(b->footprint.polygons.size(), 1u);
  ASSERT_EQ(b->footprint.polygons[0].inners.size(), 1u);
  // 3 x 3 milli-degrees minus a 1 x 1 hole.
  EXPECT_NEAR(b->footprint_area_m2, 8 * kMilliDegreeM * kMilliDegreeM, 5.0);
  // The hole sits west of the middle, so the centroid moves east: (9 * 0.0415 - 0.041) / 8.
  EXPECT_NEAR(b->centroid.Lat(), 0.0415, 1e-7);
  EXPECT_NEAR(b->centroid.Lon(), 0.0415625, 1e-7);
  EXPECT_FALSE(AreaContains(b->footprint, At(0.0415, 0.041)));  // in the courtyard
  EXPECT_TRUE(AreaContains(b->footprint, At(0.0415, 0.0425)));
  EXPECT_FALSE(AreaContains(b->footprint, At(0.0415, 0.0435)));  // east of the building
}

TEST(OsmFeaturesFixtureTest, RingsAreInGeoJsonOrder) {
  const OsmFeatures& features = Fixture();
  const OsmBuilding* b = FindBuilding(features, OsmType::kRelation, 301);
  ASSERT_NE(b, nullptr);
  auto twice_signed_area = [](const Ring& ring) {
    double sum = 0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
      sum += ring[i].Lon() * ring[i + 1].Lat() - ring[i + 1].Lon() * ring[i].Lat();
    }
    return sum;
  };
  const Polygon& polygon = b->footprint.polygons[0];
  EXPECT_GT(twice_signed_area(polygon.outer), 0);      // counter-clockwise
  EXPECT_LT(twice_signed_area(polygon.inners[0]), 0);  // clockwise
  EXPECT_EQ(polygon.outer.front().lat_e7, polygon.outer.back().lat_e7);
  EXPECT_EQ(polygon.outer.front().lon_e7, polygon.outer.back().lon_e7);
}

TEST(OsmFeaturesFixtureTest, ResidentialLanduseIsKept) {
  const OsmFeatures& features = Fixture();
  ASSERT_EQ(features.residential_areas.size(), 1u);
  const OsmLanduseArea& area = features.residential_areas[0];
  EXPECT_EQ(area.ref.type, OsmType::kWay);
  EXPECT_EQ(area.ref.id, 201);
  EXPECT_EQ(area.landuse, "residential");
  EXPECT_EQ(area.name, "幸福小区");
  EXPECT_NEAR(area.area_m2, 100 * kMilliDegreeM * kMilliDegreeM, 50.0);
  EXPECT_NEAR(area.centroid.Lat(), 0.015, 1e-7);
}

TEST(OsmFeaturesFixtureTest, WardBoundaryPrefersTheChineseName) {
  const OsmFeatures& features = Fixture();
  ASSERT_EQ(features.boundaries.size(), 1u);  // the admin_level=8 one is not asked for
  const OsmBoundary& ward = features.boundaries[0];
  EXPECT_EQ(ward.ref.type, OsmType::kRelation);
  EXPECT_EQ(ward.ref.id, 302);
  EXPECT_EQ(ward.admin_level, 10);
  EXPECT_EQ(ward.name, "阳光社区");
  EXPECT_NEAR(ward.centroid.Lat(), 0.025, 1e-7);
  EXPECT_NEAR(ward.centroid.Lon(), 0.025, 1e-7);
  EXPECT_NEAR(AreaSquareMetres(ward.area), 2500 * kMilliDegreeM * kMilliDegreeM,
              2500 * kMilliDegreeM * kMilliDegreeM * 1e-3);
  EXPECT_TRUE(AreaContains(ward.area, At(0.001, 0.049)));
  EXPECT_FALSE(AreaContains(ward.area, At(0.051, 0.025)));
}

TEST(OsmFeaturesFixtureTest, OtherAdminLevelsOnRequest) {
  auto read = ReadOsmFeatures(kTestData + "/features.osm", {.admin_levels = {8}});
  ASSERT_TRUE(read.has_value()) << read.error().message;
  ASSERT_EQ(read->boundaries.size(), 1u);
  EXPECT_EQ(read->boundaries[0].ref.id, 303);
  EXPECT_EQ(read->boundaries[0].name, "Sunny City");  // no name:zh
}

TEST(OsmFeaturesFixtureTest, FacilitiesFromNodesAndAreas) {
  const OsmFeatures& features = Fixture();
  const auto by_type = FacilitiesByType(features);
  const std::map<std::string, std::set<std::int64_t>> expected = {
      {"kindergarten", {1001}},    {"supermarket", {1002}},
      {"primary_school", {1003}},  // no isced:level: both school types
      {"middle_school", {1003}},   {"community_service_station", {1004}},
      {"culture_station", {1004}}, {"nursing_home", {1006}},  // not also an elderly service station
      {"bus_stop", {1007}},        {"park", {131}},           // a closed way
      {"car_parking", {105}},  // on a building=no, which is no building
  };
  EXPECT_EQ(by_type, expected);
  EXPECT_EQ(features.facilities.size(), 10u);
}

TEST(OsmFeaturesFixtureTest, FacilityLocations) {
  const OsmFeatures& features = Fixture();
  for (const OsmFacility& f : features.facilities) {
    if (f.ref.id == 131) {
      EXPECT_EQ(f.ref.type, OsmType::kWay);
      EXPECT_EQ(f.name, "中心公园");
      EXPECT_NEAR(f.location.Lat(), 0.021, 1e-7);  // the park's centroid
      EXPECT_NEAR(f.location.Lon(), 0.031, 1e-7);
    }
    if (f.ref.id == 1001) {
      EXPECT_EQ(f.ref.type, OsmType::kNode);
      EXPECT_EQ(f.name, "阳光幼儿园");
      EXPECT_EQ(f.location.lat_e7, At(0.011, 0.011).lat_e7);
      EXPECT_EQ(f.location.lon_e7, At(0.011, 0.011).lon_e7);
    }
  }
}

TEST(OsmFeaturesFixtureTest, UnknownValuesAreCounted) {
  const OsmFeatures& features = Fixture();
  EXPECT_EQ(features.stats.unmapped_facility_tags, 2u);
  const std::map<std::string, std::size_t> expected = {{"amenity=bench", 1}, {"shop=florist", 1}};
  EXPECT_EQ(features.stats.unmapped_facility_values, expected);
}

TEST(OsmFeaturesFixtureTest, BrokenMultipolygonIsCounted) {
  const OsmFeatures& features = Fixture();
  EXPECT_EQ(features.stats.broken_areas, 1u);  // relation 304, an open ring
}

TEST(OsmFeaturesTest, OverriddenMappingIsUsed) {
  auto mapping = FacilityMapping::Parse(
      "facility_type\tkey\tvalue\tcondition\tnote\n"
      "flower_shop\tshop\tflorist\t-\tfor the test\n");
  ASSERT_TRUE(mapping.has_value()) << mapping.error().message;
  auto read = ReadOsmFeatures(kTestData + "/features.osm", {.facility_mapping = &*mapping});
  ASSERT_TRUE(read.has_value()) << read.error().message;
  ASSERT_EQ(read->facilities.size(), 1u);
  EXPECT_EQ(read->facilities[0].facility_type, "flower_shop");
  EXPECT_EQ(read->facilities[0].ref.id, 1005);
  // amenity=school, kindergarten, ... are unknown to this table; shop=supermarket too.
  EXPECT_EQ(read->stats.unmapped_facility_values.count("shop=florist"), 0u);
  EXPECT_EQ(read->stats.unmapped_facility_values.at("shop=supermarket"), 1u);
}

TEST(OsmFeaturesTest, AreaHelpersOnAHandMadeSquare) {
  Area area;
  area.polygons.push_back(Polygon{
      .outer = {At(0, 0), At(0, 0.001), At(0.001, 0.001), At(0.001, 0), At(0, 0)}, .inners = {}});
  EXPECT_NEAR(AreaSquareMetres(area), kMilliDegreeM * kMilliDegreeM, 0.5);
  EXPECT_TRUE(AreaContains(area, At(0.0005, 0.0005)));
  EXPECT_FALSE(AreaContains(area, At(0.0015, 0.0005)));
  EXPECT_FALSE(AreaContains(Area{}, At(0, 0)));
  EXPECT_EQ(AreaSquareMetres(Area{}), 0.0);
  // At 60 degrees north a degree of longitude is half as long: the same square has half the area.
  Area north;
  north.polygons.push_back(
      Polygon{.outer = {At(60, 0), At(60, 0.001), At(60.001, 0.001), At(60.001, 0), At(60, 0)},
              .inners = {}});
  EXPECT_NEAR(AreaSquareMetres(north) / AreaSquareMetres(area), 0.5, 1e-3);
}

TEST(OsmFeaturesTest, MissingFileIsNotFound) {
  auto read = ReadOsmFeatures(kTestData + "/does_not_exist.osm.pbf");
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::kNotFound);
}

class CorruptFeaturesFileTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("shequ_features_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(CorruptFeaturesFileTest, TruncatedPbfIsInvalid) {
  std::ifstream in(kSharedData + "/monaco-2016.osm.pbf", std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), {}};
  ASSERT_GT(bytes.size(), 100000u);
  const std::string path = (dir_ / "truncated.osm.pbf").string();
  std::ofstream(path, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  auto read = ReadOsmFeatures(path);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(CorruptFeaturesFileTest, GarbagePbfIsInvalid) {
  const std::string path = (dir_ / "garbage.osm.pbf").string();
  std::ofstream(path, std::ios::binary) << std::string(4096, '\x7f') << "not a pbf";
  auto read = ReadOsmFeatures(path);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(CorruptFeaturesFileTest, TruncatedXmlIsInvalid) {
  std::ifstream in(kTestData + "/features.osm");
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  const std::string path = (dir_ / "truncated.osm").string();
  std::ofstream(path) << text.substr(0, text.size() / 2);
  auto read = ReadOsmFeatures(path);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::kInvalidArgument);
}

// The real extracts. Monaco is read once for all its tests.
struct MonacoRead {
  OsmFeatures features;
  std::size_t progress_calls = 0;
};

const MonacoRead& Monaco() {
  static const MonacoRead monaco = [] {
    MonacoRead result;
    auto read = ReadOsmFeatures(kSharedData + "/monaco-2016.osm.pbf",
                                {.progress = [&result](std::size_t read_bytes, std::size_t size) {
                                  ++result.progress_calls;
                                  EXPECT_LE(read_bytes, size);
                                }});
    if (!read) {
      ADD_FAILURE() << read.error().message;
      return result;
    }
    result.features = *std::move(read);
    return result;
  }();
  return monaco;
}

TEST(OsmFeaturesMonacoTest, WardsAreNamedBoundaries) {
  const OsmFeatures& features = Monaco().features;
  std::set<std::string> names;
  for (const OsmBoundary& b : features.boundaries) {
    if (b.admin_level != 10) continue;
    EXPECT_FALSE(b.name.empty()) << b.ref.id;
    EXPECT_FALSE(b.area.polygons.empty()) << b.name;
    EXPECT_GT(AreaSquareMetres(b.area), 10000.0) << b.name;
    names.insert(b.name);
  }
  EXPECT_GE(names.size(), 8u);
  for (const char* ward : {"Fontvieille", "Monaco-Ville", "La Condamine", "Monte-Carlo"}) {
    EXPECT_TRUE(names.contains(ward)) << ward;
  }
  std::string listed;
  for (const std::string& name : names) listed += name + "; ";
  std::cout << "[ monaco   ] " << names.size() << " admin_level=10 wards: " << listed << "\n";
  EXPECT_GT(Monaco().progress_calls, 0u);
}

TEST(OsmFeaturesMonacoTest, ResidentialBuildingsInTheThousands) {
  const OsmFeatures& features = Monaco().features;
  EXPECT_GT(features.stats.buildings, 15000u);
  EXPECT_GT(features.stats.residential_buildings, 2000u);
  EXPECT_LT(features.stats.residential_buildings, features.stats.buildings);
  EXPECT_GT(features.residential_areas.size(), 10u);
  std::size_t by_landuse = 0;
  for (const OsmBuilding& b : features.buildings) {
    EXPECT_GT(b.footprint_area_m2, 0.0) << b.ref.id;
    if (!b.residential) continue;
    if (b.building == "yes") ++by_landuse;
    // The centroid lies in the footprint's bounding box.
    std::int32_t min_lat = INT32_MAX, max_lat = INT32_MIN, min_lon = INT32_MAX, max_lon = INT32_MIN;
    for (const Polygon& p : b.footprint.polygons) {
      for (const Coord& c : p.outer) {
        min_lat = std::min(min_lat, c.lat_e7);
        max_lat = std::max(max_lat, c.lat_e7);
        min_lon = std::min(min_lon, c.lon_e7);
        max_lon = std::max(max_lon, c.lon_e7);
      }
    }
    EXPECT_TRUE(b.centroid.lat_e7 >= min_lat && b.centroid.lat_e7 <= max_lat &&
                b.centroid.lon_e7 >= min_lon && b.centroid.lon_e7 <= max_lon)
        << b.ref.id;
  }
  EXPECT_GT(by_landuse, 1000u);  // most homes in Monaco are building=yes in residential land
  std::cout << "[ monaco   ] buildings " << features.stats.buildings << ", residential "
            << features.stats.residential_buildings << " (" << by_landuse
            << " building=yes in landuse=residential), residential areas "
            << features.residential_areas.size() << ", broken areas " << features.stats.broken_areas
            << "\n";
}

// The demo lays its street on Monaco's wards and wants homes in them: this measures how many of
// the residential buildings stand in some ward. In the 2016 extract almost none do (the
// landuse=residential areas lie in the French fringe; Monaco's own footprints are plain
// building=yes outside any residential land), so the figure is printed and only what must hold
// is asserted: every ward holds buildings.
TEST(OsmFeaturesMonacoTest, ResidentialBuildingsInWards) {
  const OsmFeatures& features = Monaco().features;
  std::vector<const OsmBoundary*> wards;
  for (const OsmBoundary& b : features.boundaries) {
    if (b.admin_level == 10) wards.push_back(&b);
  }
  ASSERT_FALSE(wards.empty());
  std::map<std::string, std::size_t> buildings_per_ward;
  std::size_t residential = 0;
  std::size_t residential_in_ward = 0;
  std::size_t in_ward = 0;
  for (const OsmBuilding& b : features.buildings) {
    if (b.residential) ++residential;
    for (const OsmBoundary* w : wards) {
      if (!AreaContains(w->area, b.centroid)) continue;
      ++buildings_per_ward[w->name];
      ++in_ward;
      if (b.residential) ++residential_in_ward;
      break;
    }
  }
  ASSERT_GT(residential, 0u);
  std::cout << "[ monaco   ] residential buildings inside an admin_level=10 ward: "
            << residential_in_ward << " of " << residential << " ("
            << 100.0 * static_cast<double>(residential_in_ward) / static_cast<double>(residential)
            << "%); buildings of any kind inside a ward: " << in_ward << " of "
            << features.buildings.size() << "\n[ monaco   ] per ward:";
  for (const auto& [name, count] : buildings_per_ward)
    std::cout << " " << name << " " << count << ";";
  std::cout << "\n";
  EXPECT_LE(residential_in_ward, in_ward);
  EXPECT_GT(in_ward, 500u);  // Monaco proper is built up
  for (const OsmBoundary* w : wards) EXPECT_GT(buildings_per_ward[w->name], 0u) << w->name;
}

TEST(OsmFeaturesMonacoTest, FacilitiesOfTheCommonTypes) {
  const OsmFeatures& features = Monaco().features;
  const auto by_type = FacilitiesByType(features);
  for (const char* type : {"kindergarten", "primary_school", "supermarket", "park", "pharmacy",
                           "bus_stop", "restaurant"}) {
    EXPECT_TRUE(by_type.contains(type)) << type;
  }
  std::cout << "[ monaco   ] facilities " << features.facilities.size() << ":";
  for (const auto& [type, ids] : by_type) std::cout << " " << type << " " << ids.size() << ";";
  std::cout << "\n[ monaco   ] unmapped amenity/shop/leisure/healthcare values "
            << features.stats.unmapped_facility_tags << "\n";
  EXPECT_GT(features.stats.unmapped_facility_tags, 0u);
}

TEST(OsmFeaturesTest, SingaporeExtract) {
  auto read = ReadOsmFeatures(kSharedData + "/singapore-bayfront-2019.osm.pbf");
  ASSERT_TRUE(read.has_value()) << read.error().message;
  // The data README says 30 buildings, a few supermarkets and a park; the supermarkets are
  // convenience stores in the file (shop=convenience: 7-Eleven, Midtown Mart), no shop=supermarket.
  EXPECT_GE(read->stats.buildings, 20u);
  EXPECT_LE(read->stats.buildings, 60u);
  const auto by_type = FacilitiesByType(*read);
  EXPECT_TRUE(by_type.contains("convenience_store"));
  EXPECT_FALSE(by_type.contains("supermarket"));
  EXPECT_TRUE(by_type.contains("park"));
  for (const OsmBuilding& b : read->buildings) {
    EXPECT_GT(b.footprint_area_m2, 0.0);
    EXPECT_NEAR(b.centroid.Lat(), 1.28, 0.05);
    EXPECT_NEAR(b.centroid.Lon(), 103.86, 0.05);
  }
  std::cout << "[ singapore] buildings " << read->stats.buildings << ", facilities "
            << read->facilities.size() << ", boundaries " << read->boundaries.size() << "\n";
}

}  // namespace
}  // namespace shequ::planning
