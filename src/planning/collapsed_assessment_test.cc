// `shequ assess` runs on the graph with its chains of degree-2 nodes collapsed (CollapseChains),
// snapping on the chains' pieces. This checks, on Monaco's own buildings and facilities and the
// built-in checklist, that the assessment it gives is the full graph's: every building's distance
// to every type within 0.01 m (the float rounding of a chain's length), and the same report.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "planning/assessment.h"
#include "planning/assessment_json.h"
#include "planning/living_circle_checklist.h"
#include "planning/osm_features.h"
#include "planning/osm_walk_import.h"
#include "planning/snapping.h"
#include "planning/walk_graph.h"

namespace shequ::planning {
namespace {

TEST(CollapsedAssessmentTest, MonacoAssessmentIsTheSameOnTheCollapsedGraph) {
  const std::string path = std::string(SHEQU_SHARED_DATA_DIR) + "/monaco-2016.osm.pbf";
  auto import = ImportWalkGraph(path);
  ASSERT_TRUE(import.has_value()) << import.error().message;
  auto features = ReadOsmFeatures(path);
  ASSERT_TRUE(features.has_value()) << features.error().message;
  auto checklist = BuiltInChecklist();
  ASSERT_TRUE(checklist.has_value());

  // Every residential building, in one of two communities by longitude so that the tallies are
  // compared per community too; every mapped facility.
  std::vector<AssessmentBuilding> buildings;
  for (const OsmBuilding& b : features->buildings) {
    if (!b.residential) continue;
    const std::uint32_t residents = EstimateResidents(b.footprint_area_m2, b.levels);
    buildings.push_back({std::to_string(b.ref.id), b.ref.id, b.centroid, residents, residents / 5,
                         b.centroid.lon_e7 < 74200000 ? "west" : "east", true});
  }
  std::vector<AssessmentFacility> facilities;
  for (const OsmFacility& f : features->facilities) {
    facilities.push_back({std::to_string(facilities.size()), f.facility_type, f.location});
  }
  ASSERT_GT(buildings.size(), 1000u);
  const std::vector<AssessmentCommunity> communities = {{"west", "West"}, {"east", "East"}};

  const WalkGraph& graph = import->graph;
  const EdgeSnapper snapper(graph);
  const AssessmentInput full_input{graph, snapper, buildings, facilities, communities, *checklist};
  auto full = Assess(full_input);
  ASSERT_TRUE(full.has_value()) << full.error().message;

  const CollapsedGraph collapsed = CollapseChains(graph);
  ASSERT_LT(collapsed.graph.NodeCount() * 5, graph.NodeCount());
  const EdgeSnapper collapsed_snapper(collapsed.pieces);
  const AssessmentInput collapsed_input{collapsed.graph, collapsed_snapper, buildings,
                                        facilities,      communities,       *checklist};
  auto small = Assess(collapsed_input);
  ASSERT_TRUE(small.has_value()) << small.error().message;

  // The JSON report, building by building and type by type.
  const nlohmann::json a = AssessmentToJson(full_input, *full);
  const nlohmann::json b = AssessmentToJson(collapsed_input, *small);
  ASSERT_EQ(a["buildings"].size(), buildings.size());
  ASSERT_EQ(b["buildings"].size(), buildings.size());
  std::size_t compared = 0;
  std::size_t reachable = 0;
  for (std::size_t i = 0; i < buildings.size(); ++i) {
    const nlohmann::json& na = a["buildings"][i]["nearest"];
    const nlohmann::json& nb = b["buildings"][i]["nearest"];
    ASSERT_EQ(na.size(), nb.size());
    for (const auto& [type, nearest] : na.items()) {
      ASSERT_TRUE(nb.contains(type));
      ASSERT_EQ(nearest.is_null(), nb[type].is_null()) << type << " building " << i;
      ++compared;
      if (nearest.is_null()) continue;
      ++reachable;
      // The JSON rounds to 0.1 m: two distances 0.01 m apart may round to neighbours.
      EXPECT_LE(
          std::abs(nearest["distance_m"].get<double>() - nb[type]["distance_m"].get<double>()),
          0.1 + 1e-9)
          << type << " building " << i;
    }
  }
  EXPECT_EQ(compared, buildings.size() * checklist->FacilityTypes().size());
  EXPECT_GT(reachable, compared / 2);

  // The unrounded distances, within 0.01 m; and the same access to the network.
  double largest = 0;
  ASSERT_EQ(full->types.size(), small->types.size());
  for (std::size_t t = 0; t < full->types.size(); ++t) {
    for (std::size_t i = 0; i < buildings.size(); ++i) {
      const NearestFacility& x = full->types[t].per_building[i];
      const NearestFacility& y = small->types[t].per_building[i];
      ASSERT_EQ(x.Reachable(), y.Reachable());
      if (x.Reachable()) largest = std::max(largest, std::abs(x.distance_m - y.distance_m));
    }
  }
  EXPECT_LE(largest, 0.01);
  for (std::size_t i = 0; i < buildings.size(); ++i) {
    EXPECT_EQ(full->building_access[i].on_network, small->building_access[i].on_network);
  }
  EXPECT_EQ(full->facilities_off_network, small->facilities_off_network);

  // The verdicts and the gaps are the same.
  EXPECT_EQ(a["communities"], b["communities"]);
  EXPECT_EQ(a["gaps"], b["gaps"]);
  EXPECT_EQ(a["unreachable"], b["unreachable"]);
}

}  // namespace
}  // namespace shequ::planning
