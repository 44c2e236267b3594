#include "planning/osm_walk_import.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

namespace shequ::planning {
namespace {

const std::string kTestData = SHEQU_PLANNING_TESTDATA_DIR;
const std::string kSharedData = SHEQU_SHARED_DATA_DIR;

// Length of the edge between two OSM nodes, or -1 when there is none.
double EdgeLength(const WalkImport& import, std::int64_t osm_a, std::int64_t osm_b) {
  std::map<std::int64_t, NodeId> node;
  for (NodeId v = 0; v < import.osm_node_id.size(); ++v) node[import.osm_node_id[v]] = v;
  if (!node.contains(osm_a) || !node.contains(osm_b)) return -1;
  for (const Arc& arc : import.graph.ArcsOf(node[osm_a])) {
    if (arc.target == node[osm_b]) return arc.length_m;
  }
  return -1;
}

TEST(OsmWalkImportTest, SmallFixtureKeepsWalkableWaysOnly) {
  auto import = ImportWalkGraph(kTestData + "/small_walk.osm");
  ASSERT_TRUE(import.has_value()) << import.error().message;
  // Nodes 1,2,3,4,7: the motorway (5), the foot=no footway (6) and the stray path (8,9) are out.
  EXPECT_EQ(import->graph.NodeCount(), 5u);
  EXPECT_EQ(import->graph.ArcCount(), 8u);
  EXPECT_EQ(import->stats.walkable_ways, 4u);
  EXPECT_EQ(import->stats.components, 2u);
  EXPECT_EQ(import->stats.dropped_components, 1u);
  EXPECT_EQ(import->stats.dropped_nodes, 2u);
  // 0.001 degree of latitude = 111.195 m; of longitude at latitude 0.001 almost the same.
  EXPECT_NEAR(EdgeLength(*import, 1, 2), 111.195, 0.01);
  EXPECT_NEAR(EdgeLength(*import, 2, 3), 111.195, 0.01);
  EXPECT_NEAR(EdgeLength(*import, 2, 4), 111.195, 0.01);
  EXPECT_NEAR(EdgeLength(*import, 4, 7), 111.195, 0.01);
  EXPECT_EQ(EdgeLength(*import, 1, 3), -1);
  EXPECT_EQ(import->graph.Degree(0) + import->graph.Degree(1) + import->graph.Degree(2) +
                import->graph.Degree(3) + import->graph.Degree(4),
            8u);
}

TEST(OsmWalkImportTest, KeepsEveryPieceWhenAsked) {
  auto import =
      ImportWalkGraph(kTestData + "/small_walk.osm", {.keep_largest_component_only = false});
  ASSERT_TRUE(import.has_value()) << import.error().message;
  EXPECT_EQ(import->graph.NodeCount(), 7u);
  EXPECT_EQ(import->stats.dropped_nodes, 0u);
}

TEST(OsmWalkImportTest, NoWalkableWayIsAnError) {
  auto import = ImportWalkGraph(kTestData + "/no_walkable.osm");
  ASSERT_FALSE(import.has_value());
  EXPECT_EQ(import.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(import.error().message.find("no walkable way"), std::string::npos);
}

TEST(OsmWalkImportTest, MissingFileIsNotFound) {
  auto import = ImportWalkGraph(kTestData + "/does_not_exist.osm.pbf");
  ASSERT_FALSE(import.has_value());
  EXPECT_EQ(import.error().code, ErrorCode::kNotFound);
}

TEST(OsmWalkImportTest, SingaporeExtractHasAPlausibleNetwork) {
  std::size_t calls = 0;
  std::size_t last = 0;
  auto import = ImportWalkGraph(kSharedData + "/singapore-bayfront-2019.osm.pbf",
                                {.progress = [&](std::size_t read, std::size_t size) {
                                  ++calls;
                                  EXPECT_LE(read, size);
                                  EXPECT_GE(read, last);
                                  last = read;
                                }});
  ASSERT_TRUE(import.has_value()) << import.error().message;
  // The data README says about 1.2k walking-graph nodes.
  EXPECT_GT(import->graph.NodeCount(), 800u);
  EXPECT_LT(import->graph.NodeCount(), 2000u);
  EXPECT_GE(import->graph.ArcCount(), 2 * (import->graph.NodeCount() - 1));
  EXPECT_GT(calls, 0u);
  for (const Arc& arc : import->graph.Arcs()) {
    EXPECT_GT(arc.length_m, 0.0f);
    EXPECT_LT(arc.length_m, 3000.0f);
  }
  EXPECT_LT(import->graph.BytesPerNode(), 64.0);
}

class CorruptFileTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("shequ_planning_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(CorruptFileTest, TruncatedPbfIsAnError) {
  std::ifstream in(kSharedData + "/singapore-bayfront-2019.osm.pbf", std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), {}};
  ASSERT_GT(bytes.size(), 1000u);
  const std::string path = (dir_ / "truncated.osm.pbf").string();
  std::ofstream(path, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  auto import = ImportWalkGraph(path);
  ASSERT_FALSE(import.has_value());
  EXPECT_EQ(import.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(CorruptFileTest, GarbagePbfIsAnError) {
  const std::string path = (dir_ / "garbage.osm.pbf").string();
  std::ofstream(path, std::ios::binary) << std::string(4096, '\x7f') << "not a pbf";
  auto import = ImportWalkGraph(path);
  ASSERT_FALSE(import.has_value());
  EXPECT_EQ(import.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(CorruptFileTest, BrokenXmlIsAnError) {
  const std::string path = (dir_ / "broken.osm").string();
  std::ofstream(path) << "<osm version=\"0.6\"><node id=\"1\" lat=\"0\" lon=\"0\"><way";
  auto import = ImportWalkGraph(path);
  ASSERT_FALSE(import.has_value());
  EXPECT_EQ(import.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace shequ::planning
