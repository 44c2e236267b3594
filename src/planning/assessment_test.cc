#include "planning/assessment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "planning/assessment_json.h"
#include "planning/osm_features.h"
#include "planning/osm_walk_import.h"

namespace shequ::planning {
namespace {

// Degrees x 1e7 of a point `step` thousandths of a degree east of (0, 0) on the equator.
Coord OnStreet(double thousandths) { return {0, static_cast<std::int32_t>(thousandths * 10000)}; }

// A straight street on the equator, nodes n0..n10 every 0.001° of longitude, each edge stored as
// exactly 100 m (distances are sums of stored lengths; the geometry only places the snaps), and
// an island: two nodes 0.005° north of n8 joined to nothing else.
struct Street {
  WalkGraph graph;
  std::vector<EdgePiece> pieces;
};
Street MakeStreet() {
  WalkGraphBuilder builder;
  std::vector<NodeId> n;
  for (int i = 0; i <= 10; ++i) n.push_back(builder.AddNode(OnStreet(i)));
  for (int i = 0; i < 10; ++i) builder.AddEdge(n[i], n[i + 1], 100.0f);
  const NodeId island_a = builder.AddNode({50000, 80000});
  const NodeId island_b = builder.AddNode({50000, 90000});
  builder.AddEdge(island_a, island_b, 100.0f);
  Street street;
  street.graph = builder.Build();
  return street;
}

ChecklistItem Item(std::string id, std::string type, double distance, std::uint32_t share_ppm,
                   ServedPopulation population = ServedPopulation::kAll) {
  ChecklistItem item;
  item.item = id;
  item.name_zh = id + "_zh";
  item.name_en = "Test " + id;
  item.facility_type = std::move(type);
  item.max_distance_m = distance;
  item.required_share_ppm = share_ppm;
  item.population = population;
  item.source = "test";
  return item;
}

struct StreetCase {
  Street street = MakeStreet();
  EdgeSnapper snapper{street.graph};
  std::vector<AssessmentCommunity> communities = {{"c1", "东街"}, {"c2", "空社区"}};
  std::vector<AssessmentBuilding> buildings = {
      {"b1", 101, OnStreet(1), 100, 20, "c1", false},     // at n1
      {"b2", 102, OnStreet(3), 100, 30, "c1", false},     // at n3
      {"b3", 103, OnStreet(4.5), 50, 10, "c1", true},     // half way n4-n5
      {"b4", 104, OnStreet(7), 50, 5, "c1", false},       // at n7
      {"b5", 105, {100000, 50000}, 20, 20, "c1", false},  // 1.1 km north: off the network
      {"b6", 106, {50000, 85000}, 40, 0, "c1", false},    // on the island
      {"b7", 107, OnStreet(2), 7, 0, "elsewhere", false},
  };
  std::vector<AssessmentFacility> facilities = {
      {"k1", "kindergarten", OnStreet(0)},
      {"k2", "kindergarten", OnStreet(10)},
      {"e1", "elderly_service_station", OnStreet(2)},
      {"h1", "community_health_station", {100000, 20000}},  // 1.1 km off the street
      {"p1", "pharmacy", OnStreet(4.2)},                    // on b3's edge
      {"x1", "bank", OnStreet(5)},                          // not in the checklist
  };
  LivingCircleChecklist checklist;

  StreetCase() {
    checklist.items = {
        Item("cc02_kindergarten", "kindergarten", 300, 900000),
        Item("cc04_elderly", "elderly_service_station", 300, 600000, ServedPopulation::k60Plus),
        Item("cc05_health", "community_health_station", 300, 900000),
        Item("cc06_supermarket", "supermarket", 500, 900000),
        Item("cc08_pharmacy", "pharmacy", 500, 900000),
        Item("cc16_property", "", 0, 0),
    };
  }
  AssessmentInput Input() const {
    return {street.graph, snapper, buildings, facilities, communities, checklist};
  }
};

const ItemResult& ItemOf(const Assessment& a, std::size_t community, std::size_t item) {
  return a.communities[community].items[item];
}

TEST(AssessmentTest, NearestDistancesOnTheStreetByHand) {
  StreetCase c;
  auto result = Assess(c.Input());
  ASSERT_TRUE(result.has_value()) << result.error().message;
  const FacilityTypeResult* kindergarten = result->Type("kindergarten");
  ASSERT_NE(kindergarten, nullptr);
  // b1 100 m from k1; b2 exactly 300 m from k1; b3 450 m from k1 (550 from k2); b4 300 m from k2.
  EXPECT_DOUBLE_EQ(kindergarten->per_building[0].distance_m, 100);
  EXPECT_EQ(kindergarten->per_building[0].facility, 0u);
  EXPECT_DOUBLE_EQ(kindergarten->per_building[1].distance_m, 300);
  EXPECT_NEAR(kindergarten->per_building[2].distance_m, 450, 1e-6);
  EXPECT_DOUBLE_EQ(kindergarten->per_building[3].distance_m, 300);
  EXPECT_EQ(kindergarten->per_building[3].facility, 1u);
  // Off the network, and on an island: no kindergarten reachable.
  EXPECT_FALSE(kindergarten->per_building[4].Reachable());
  EXPECT_FALSE(kindergarten->per_building[5].Reachable());
  EXPECT_FALSE(result->building_access[4].on_network);
  EXPECT_TRUE(result->building_access[5].on_network);
  EXPECT_EQ(result->buildings_off_network, 1u);

  const FacilityTypeResult* elderly = result->Type("elderly_service_station");
  EXPECT_DOUBLE_EQ(elderly->per_building[0].distance_m, 100);
  EXPECT_DOUBLE_EQ(elderly->per_building[1].distance_m, 100);
  EXPECT_NEAR(elderly->per_building[2].distance_m, 250, 1e-6);
  EXPECT_DOUBLE_EQ(elderly->per_building[3].distance_m, 500);

  // The pharmacy shares b3's edge: 30 m straight along it, not 70 m round by n4.
  const FacilityTypeResult* pharmacy = result->Type("pharmacy");
  EXPECT_NEAR(pharmacy->per_building[2].distance_m, 30, 1e-6);
  EXPECT_NEAR(pharmacy->per_building[0].distance_m, 320, 1e-6);

  // No supermarket at all: every building is unreachable for it.
  const FacilityTypeResult* supermarket = result->Type("supermarket");
  ASSERT_NE(supermarket, nullptr);
  EXPECT_EQ(supermarket->facility_count, 0u);
  for (const NearestFacility& n : supermarket->per_building) EXPECT_FALSE(n.Reachable());

  // The health station is 1.1 km from the street: reported, and serving no one.
  const FacilityTypeResult* health = result->Type("community_health_station");
  EXPECT_EQ(health->off_network, std::vector<std::uint32_t>{3});
  EXPECT_FALSE(result->facility_access[3].on_network);
  EXPECT_EQ(result->facilities_off_network, 1u);
  for (const NearestFacility& n : health->per_building) EXPECT_FALSE(n.Reachable());

  // A type the checklist does not name is neither swept nor snapped.
  EXPECT_EQ(result->Type("bank"), nullptr);
  EXPECT_FALSE(result->facility_access[5].assessed);
  EXPECT_TRUE(result->facility_access[0].assessed);
  EXPECT_EQ(result->buildings_without_community, 1u);
}

TEST(AssessmentTest, CommunityItemsByHand) {
  StreetCase c;
  auto result = Assess(c.Input());
  ASSERT_TRUE(result.has_value());
  const CommunityResult& east = result->communities[0];
  EXPECT_EQ(east.residents, 360u);
  EXPECT_EQ(east.residents_60_plus, 85u);
  EXPECT_EQ(east.buildings, 6u);
  EXPECT_EQ(east.buildings_estimated, 1u);

  // Kindergarten within 300 m ("以内" includes 300): b1, b2, b4 = 250 of 360.
  const ItemResult& kindergarten = ItemOf(*result, 0, 0);
  EXPECT_EQ(kindergarten.residents_covered, 250u);
  EXPECT_DOUBLE_EQ(*kindergarten.share, 250.0 / 360.0);
  EXPECT_FALSE(*kindergarten.pass);
  EXPECT_EQ(kindergarten.evidence.residents_outside, 110u);  // b3, b5, b6
  EXPECT_EQ(kindergarten.evidence.residents_outside_60_plus, 30u);
  EXPECT_EQ(kindergarten.evidence.buildings_outside, 3u);
  EXPECT_EQ(kindergarten.evidence.buildings_off_network, 1u);
  // Sorted by distance: b1 100 (100), b2 300 (200), b4 300 (250 >= 180): the median is 300 m.
  EXPECT_DOUBLE_EQ(kindergarten.evidence.median.distance_m, 300);

  // Elderly station within 300 m: b1, b2, b3 = 250 of 360 = 0.694 >= 0.6: pass.
  const ItemResult& elderly = ItemOf(*result, 0, 1);
  EXPECT_EQ(elderly.residents_covered, 250u);
  EXPECT_TRUE(*elderly.pass);
  EXPECT_EQ(elderly.evidence.residents_outside_60_plus, 25u);  // b4 5, b5 20, b6 0

  EXPECT_EQ(ItemOf(*result, 0, 2).residents_covered, 0u);  // health station off the network
  EXPECT_EQ(ItemOf(*result, 0, 3).residents_covered, 0u);  // no supermarket
  EXPECT_FALSE(ItemOf(*result, 0, 3).evidence.median.Reachable());

  const ItemResult& property = ItemOf(*result, 0, 5);
  EXPECT_TRUE(property.needs_worker_input);
  EXPECT_FALSE(property.pass.has_value());
  EXPECT_FALSE(property.share.has_value());

  // A community without buildings has no share and no verdict.
  EXPECT_EQ(result->communities[1].residents, 0u);
  EXPECT_FALSE(ItemOf(*result, 1, 0).share.has_value());
  EXPECT_FALSE(ItemOf(*result, 1, 0).pass.has_value());
}

// "以上" includes the number: a required share equal to the covered share passes, one a
// millionth above fails.
TEST(AssessmentTest, PassIncludesTheRequiredShareItself) {
  StreetCase c;
  // Drop the island and the off-network buildings: 250 of 300 = 5/6 within 300 m.
  c.buildings.resize(4);
  struct Row {
    std::uint32_t share_ppm;
    double distance;
    bool pass;
  };
  // 5/6 = 0.8333333...: in millionths 833333 passes, 833334 does not.
  const std::vector<Row> rows = {{833333, 300, true},      {833334, 300, false},
                                 {1000000, 450.001, true}, {1000000, 449.99, false},
                                 {500000, 100, false},     {500000, 300, true}};
  for (const Row& row : rows) {
    c.checklist.items = {Item("cc02_kindergarten", "kindergarten", row.distance, row.share_ppm)};
    auto result = Assess(c.Input());
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(*ItemOf(*result, 0, 0).pass, row.pass)
        << "share " << row.share_ppm << " ppm within " << row.distance << " m";
  }
}

TEST(AssessmentTest, GapsAreRankedAndWorded) {
  StreetCase c;
  auto result = Assess(c.Input());
  ASSERT_TRUE(result.has_value());
  // Only c1 has residents. Outside: health 360, supermarket 360, kindergarten 110, pharmacy:
  // b4 at 280 m is inside 500 m, so only b5 and b6 (60) - and the elderly item weighs its 25
  // residents aged 60+.
  ASSERT_EQ(result->gaps.size(), 5u);
  EXPECT_EQ(result->gaps[0].residents_outside, 360u);
  EXPECT_EQ(result->gaps[1].residents_outside, 360u);
  EXPECT_EQ(result->gaps[2].item, 0u);
  EXPECT_EQ(result->gaps[2].weight, 110u);
  EXPECT_EQ(result->gaps[3].item, 4u);
  EXPECT_EQ(result->gaps[3].weight, 60u);
  EXPECT_EQ(result->gaps[4].item, 1u);
  EXPECT_EQ(result->gaps[4].weight, 25u);
  EXPECT_EQ(result->gaps[4].residents_outside, 110u);
  EXPECT_TRUE(result->gaps[4].pass);
  EXPECT_EQ(result->gaps[4].message_en,
            "110 residents, 25 of them 60+, have no test cc04_elderly within 300 m");
  EXPECT_EQ(result->gaps[4].message_zh,
            "110 名居民（其中 60 岁以上 25 名）步行 300 米内没有cc04_elderly_zh");
  for (std::size_t i = 1; i < result->gaps.size(); ++i) {
    EXPECT_GE(result->gaps[i - 1].weight, result->gaps[i].weight);
  }
  EXPECT_EQ(GroupThousands(1240), "1,240");
  EXPECT_EQ(GroupThousands(999), "999");
  EXPECT_EQ(GroupThousands(1234567), "1,234,567");
}

TEST(AssessmentTest, JsonHasTheIssueShape) {
  StreetCase c;
  const AssessmentInput input = c.Input();
  auto result = Assess(input);
  ASSERT_TRUE(result.has_value());
  const nlohmann::json j = AssessmentToJson(input, *result);
  ASSERT_EQ(j["buildings"].size(), c.buildings.size());
  const auto& b1 = j["buildings"][0];
  EXPECT_EQ(b1["id"], "b1");
  EXPECT_EQ(b1["osm_id"], 101);
  EXPECT_EQ(b1["residents"], 100);
  EXPECT_EQ(b1["nearest"]["kindergarten"]["distance_m"], 100.0);
  EXPECT_EQ(b1["nearest"]["kindergarten"]["facility_id"], "k1");
  EXPECT_TRUE(b1["nearest"]["supermarket"].is_null());
  EXPECT_TRUE(j["buildings"][4]["nearest"]["kindergarten"].is_null());
  EXPECT_EQ(j["buildings"][4]["on_network"], false);

  const auto& east = j["communities"][0];
  EXPECT_EQ(east["name"], "东街");
  EXPECT_EQ(east["residents_source"], "mixed");
  const auto& item = east["items"][0];
  EXPECT_EQ(item["item"], "cc02_kindergarten");
  EXPECT_EQ(item["facility_type"], "kindergarten");
  EXPECT_EQ(item["max_distance_m"], 300.0);
  EXPECT_EQ(item["max_walk_minutes"], 5.0);
  EXPECT_EQ(item["residents_covered"], 250);
  EXPECT_EQ(item["pass"], false);
  EXPECT_EQ(item["evidence"]["residents_outside"], 110);
  EXPECT_EQ(item["evidence"]["median_nearest"]["distance_m"], 300.0);
  const auto& worker = east["items"][5];
  EXPECT_EQ(worker["needs_worker_input"], true);
  EXPECT_TRUE(worker["max_distance_m"].is_null());
  EXPECT_TRUE(worker["pass"].is_null());

  EXPECT_EQ(j["gaps"].size(), 5u);
  EXPECT_EQ(j["gaps"][0]["community_id"], "c1");
  EXPECT_EQ(j["unreachable"]["buildings"], nlohmann::json::array({"b5"}));
  EXPECT_EQ(j["unreachable"]["facilities"], nlohmann::json::array({"h1"}));

  const nlohmann::json buildings = BuildingsGeoJson(input, *result);
  EXPECT_EQ(buildings["type"], "FeatureCollection");
  EXPECT_EQ(buildings["features"][3]["properties"]["kindergarten"], 300.0);
  EXPECT_TRUE(buildings["features"][3]["properties"]["supermarket"].is_null());
  EXPECT_EQ(buildings["features"][0]["geometry"]["coordinates"][0], 0.001);
  const nlohmann::json facilities = FacilitiesGeoJson(input, *result);
  EXPECT_EQ(facilities["features"].size(), c.facilities.size());
  EXPECT_EQ(facilities["features"][3]["properties"]["on_network"], false);
}

TEST(AssessmentTest, BadInputIsAnError) {
  StreetCase c;
  c.communities.push_back({"c1", "again"});
  auto duplicate = Assess(c.Input());
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().field, "communities");

  StreetCase d;
  d.buildings[0].residents_60_plus = 101;
  auto elders = Assess(d.Input());
  ASSERT_FALSE(elders.has_value());
  EXPECT_EQ(elders.error().field, "buildings");

  StreetCase e;
  AssessmentOptions options;
  options.max_snap_distance_m = -1;
  EXPECT_FALSE(Assess(e.Input(), options).has_value());
}

TEST(AssessmentTest, SearchBoundAndSnapLimitApply) {
  StreetCase c;
  AssessmentOptions options;
  options.max_search_distance_m = 300;  // b3 at 450 m from a kindergarten is beyond it
  options.max_snap_distance_m = 5000;   // b5 and h1 now count as on the network
  auto result = Assess(c.Input(), options);
  ASSERT_TRUE(result.has_value());
  const FacilityTypeResult* kindergarten = result->Type("kindergarten");
  EXPECT_DOUBLE_EQ(kindergarten->per_building[1].distance_m, 300);
  EXPECT_FALSE(kindergarten->per_building[2].Reachable());
  EXPECT_TRUE(result->building_access[4].on_network);
  EXPECT_EQ(result->buildings_off_network, 0u);
  EXPECT_TRUE(result->Type("community_health_station")->off_network.empty());
}

TEST(AssessmentTest, EstimatesResidentsFromFloorArea) {
  EXPECT_EQ(EstimateResidents(400, 6), 60u);             // 2,400 m² at 40 m² per resident
  EXPECT_EQ(EstimateResidents(400, std::nullopt), 30u);  // 3 storeys assumed
  ResidentEstimateOptions options;
  options.floor_area_m2_per_resident = 30;
  EXPECT_EQ(EstimateResidents(300, 2, options), 20u);
  EXPECT_EQ(EstimateResidents(0, 6), 0u);
  EXPECT_EQ(EstimateResidents(100, 0), 0u);
}

// The textbook answer for one building: Dijkstra from the building's snap to every node (both
// ends of its edge), then to a facility through either end of the facility's edge, or straight
// along the edge when both lie on the same one.
struct TextbookFromBuilding {
  TextbookFromBuilding(const WalkGraph& graph, const Snap& snap)
      : building(snap),
        via_from(ReferenceDijkstra(graph, snap.from, snap.DistanceToFrom(), kUnreachable)),
        via_to(ReferenceDijkstra(graph, snap.to, snap.DistanceToTo(), kUnreachable)) {}

  double To(const Snap& f) const {
    auto dist = [&](NodeId n) { return std::min(via_from[n], via_to[n]); };
    double best = std::min(dist(f.from) + f.DistanceToFrom(), dist(f.to) + f.DistanceToTo());
    if (f.from == building.from && f.to == building.to &&
        f.edge_length_m == building.edge_length_m) {
      best = std::min(best, building.snap_distance_m + std::abs(building.offset_m - f.offset_m) +
                                f.snap_distance_m);
    }
    return best;
  }

  Snap building;
  std::vector<double> via_from;
  std::vector<double> via_to;
};

TEST(AssessmentTest, MonacoMatchesTextbookDijkstraPerBuilding) {
  auto import = ImportWalkGraph(std::string(SHEQU_SHARED_DATA_DIR) + "/monaco-2016.osm.pbf");
  ASSERT_TRUE(import.has_value()) << import.error().message;
  const WalkGraph& graph = import->graph;
  const EdgeSnapper snapper(graph);
  std::mt19937 rng(42);
  auto near_a_node = [&] {
    const Coord base = graph.CoordOf(rng() % graph.NodeCount());
    return Coord{base.lat_e7 + static_cast<std::int32_t>(rng() % 6001) - 3000,
                 base.lon_e7 + static_cast<std::int32_t>(rng() % 6001) - 3000};
  };
  const std::vector<std::pair<std::string, int>> type_counts = {
      {"kindergarten", 4}, {"supermarket", 12}, {"pharmacy", 30}, {"park", 1}, {"bank", 7}};
  std::vector<AssessmentFacility> facilities;
  for (const auto& [type, count] : type_counts) {
    for (int i = 0; i < count; ++i) {
      facilities.push_back({type + std::to_string(i), type, near_a_node()});
    }
  }
  std::vector<AssessmentBuilding> buildings;
  for (int i = 0; i < 2000; ++i) {
    buildings.push_back({"b" + std::to_string(i), i, near_a_node(), 10, 2, "m", false});
  }
  const std::vector<AssessmentCommunity> communities = {{"m", "Monaco"}};
  LivingCircleChecklist checklist;
  for (const auto& [type, count] : type_counts) {
    checklist.items.push_back(Item("cc_" + type, type, 500, 900000));
  }
  const AssessmentInput input{graph, snapper, buildings, facilities, communities, checklist};
  AssessmentOptions options;
  options.threads = 2;
  auto result = Assess(input, options);
  ASSERT_TRUE(result.has_value()) << result.error().message;

  std::vector<Snap> facility_snaps;
  for (const AssessmentFacility& f : facilities)
    facility_snaps.push_back(snapper.Nearest(f.location));
  std::size_t compared = 0;
  for (std::size_t b = 0; b < buildings.size(); b += 20) {
    ASSERT_TRUE(result->building_access[b].on_network);
    const TextbookFromBuilding textbook(graph, snapper.Nearest(buildings[b].location));
    for (const auto& [type, count] : type_counts) {
      double expected = kUnreachable;
      for (std::size_t f = 0; f < facilities.size(); ++f) {
        if (facilities[f].facility_type == type) {
          expected = std::min(expected, textbook.To(facility_snaps[f]));
        }
      }
      const NearestFacility& got = result->Type(type)->per_building[b];
      ASSERT_TRUE(got.Reachable()) << type << " building " << b;
      EXPECT_NEAR(got.distance_m, expected, 1e-6 * std::max(1.0, expected))
          << type << " building " << b;
      // The reported facility is one at that distance.
      EXPECT_NEAR(textbook.To(facility_snaps[got.facility]), got.distance_m,
                  1e-6 * std::max(1.0, expected));
      EXPECT_EQ(facilities[got.facility].facility_type, type);
      ++compared;
    }
  }
  EXPECT_EQ(compared, 100u * type_counts.size());

  // One thread gives the same answer as two.
  options.threads = 1;
  auto single = Assess(input, options);
  ASSERT_TRUE(single.has_value());
  for (std::size_t t = 0; t < result->types.size(); ++t) {
    for (std::size_t b = 0; b < buildings.size(); ++b) {
      EXPECT_EQ(single->types[t].per_building[b].distance_m,
                result->types[t].per_building[b].distance_m);
    }
  }
}

// The same check on Monaco's own residential buildings and mapped facilities, read the way the
// importer reads them; buildings and facilities off the network must come out unreachable.
TEST(AssessmentTest, MonacoRealFeaturesMatchTextbookDijkstra) {
  const std::string path = std::string(SHEQU_SHARED_DATA_DIR) + "/monaco-2016.osm.pbf";
  auto import = ImportWalkGraph(path);
  ASSERT_TRUE(import.has_value()) << import.error().message;
  auto features = ReadOsmFeatures(path);
  ASSERT_TRUE(features.has_value()) << features.error().message;
  const WalkGraph& graph = import->graph;
  const EdgeSnapper snapper(graph);

  std::vector<AssessmentBuilding> buildings;
  for (const OsmBuilding& b : features->buildings) {
    if (!b.residential) continue;
    buildings.push_back({std::to_string(b.ref.id), b.ref.id, b.centroid,
                         EstimateResidents(b.footprint_area_m2, b.levels), 0, "monaco", true});
  }
  std::vector<AssessmentFacility> facilities;
  for (const OsmFacility& f : features->facilities) {
    facilities.push_back({std::to_string(facilities.size()), f.facility_type, f.location});
  }
  ASSERT_GT(buildings.size(), 1000u);
  const std::vector<std::string> types = {"bus_stop", "pharmacy", "supermarket", "park",
                                          "kindergarten"};
  LivingCircleChecklist checklist;
  for (const std::string& type : types)
    checklist.items.push_back(Item("cc_" + type, type, 500, 900000));
  const std::vector<AssessmentCommunity> communities = {{"monaco", "Monaco"}};
  const AssessmentInput input{graph, snapper, buildings, facilities, communities, checklist};
  auto result = Assess(input);
  ASSERT_TRUE(result.has_value()) << result.error().message;

  std::vector<Snap> facility_snaps;
  for (const AssessmentFacility& f : facilities)
    facility_snaps.push_back(snapper.Nearest(f.location));
  std::size_t reachable = 0;
  for (std::size_t b = 0; b < buildings.size(); b += buildings.size() / 60) {
    if (!result->building_access[b].on_network) {
      for (const std::string& type : types) {
        EXPECT_FALSE(result->Type(type)->per_building[b].Reachable());
      }
      continue;
    }
    const TextbookFromBuilding textbook(graph, snapper.Nearest(buildings[b].location));
    for (const std::string& type : types) {
      double expected = kUnreachable;
      for (std::size_t f = 0; f < facilities.size(); ++f) {
        if (facilities[f].facility_type == type && result->facility_access[f].on_network) {
          expected = std::min(expected, textbook.To(facility_snaps[f]));
        }
      }
      const NearestFacility& got = result->Type(type)->per_building[b];
      if (expected == kUnreachable) {
        EXPECT_FALSE(got.Reachable()) << type << " building " << b;
        continue;
      }
      ASSERT_TRUE(got.Reachable()) << type << " building " << b;
      EXPECT_NEAR(got.distance_m, expected, 1e-6 * std::max(1.0, expected))
          << type << " building " << b;
      ++reachable;
    }
  }
  EXPECT_GT(reachable, 100u);
}

}  // namespace
}  // namespace shequ::planning
