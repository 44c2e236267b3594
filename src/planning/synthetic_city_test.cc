#include "planning/synthetic_city.h"

#include <gtest/gtest.h>

#include <set>

#include "planning/dijkstra.h"

namespace shequ::planning {
namespace {

TEST(SyntheticCityTest, SizeTypesAndDeterminism) {
  SyntheticCityOptions options;
  options.target_nodes = 20000;
  const SyntheticCity city = MakeSyntheticCity(options);
  // 24 nodes per 200 m block: within 10% of the target.
  EXPECT_NEAR(static_cast<double>(city.graph.NodeCount()), 20000.0, 2000.0);
  EXPECT_EQ(city.buildings.size(), city.blocks_per_side * city.blocks_per_side * 9);
  std::set<std::string> types;
  for (const AssessmentFacility& f : city.facilities) types.insert(f.facility_type);
  EXPECT_EQ(types.size(), SyntheticFacilityTypes().size());
  for (const AssessmentBuilding& b : city.buildings) {
    ASSERT_TRUE(b.residents == 108 || b.residents == 270) << b.residents;  // 6 and 18 storeys
    ASSERT_LE(b.residents_60_plus, b.residents);
  }

  // Connected: a sweep from one node reaches every node.
  SearchWorkspace workspace(city.graph);
  const SearchSource source{0, 0, 0};
  workspace.Run({&source, 1}, kUnreachable);
  EXPECT_EQ(workspace.Reached().size(), city.graph.NodeCount());

  const SyntheticCity again = MakeSyntheticCity(options);
  ASSERT_EQ(again.graph.NodeCount(), city.graph.NodeCount());
  ASSERT_EQ(again.facilities.size(), city.facilities.size());
  for (std::size_t i = 0; i < city.facilities.size(); ++i) {
    EXPECT_EQ(again.facilities[i].location.lat_e7, city.facilities[i].location.lat_e7);
    EXPECT_EQ(again.facilities[i].location.lon_e7, city.facilities[i].location.lon_e7);
  }
  options.seed = 2;
  const SyntheticCity other = MakeSyntheticCity(options);
  bool differs = false;
  for (std::size_t i = 0; i < city.buildings.size(); ++i) {
    differs = differs || other.buildings[i].residents != city.buildings[i].residents;
  }
  EXPECT_TRUE(differs);
}

}  // namespace
}  // namespace shequ::planning
