#include "planning/graph_codec.h"

#include <gtest/gtest.h>

#include "planning/osm_walk_import.h"

namespace shequ::planning {
namespace {

WalkGraph SingaporeGraph() {
  auto imported = ImportWalkGraph(SHEQU_SHARED_DATA_DIR "/singapore-bayfront-2019.osm.pbf");
  EXPECT_TRUE(imported.has_value()) << imported.error().message;
  return std::move(imported->graph);
}

TEST(GraphCodecTest, RoundTripKeepsEveryArrayExactly) {
  const WalkGraph graph = SingaporeGraph();
  ASSERT_GT(graph.NodeCount(), 1000u);
  const std::vector<std::uint8_t> bytes = EncodeWalkGraph(graph);
  EXPECT_EQ(bytes.size(), 8 + 8 + graph.MemoryBytes() + 4);

  auto decoded = DecodeWalkGraph(bytes);
  ASSERT_TRUE(decoded.has_value()) << decoded.error().message;
  ASSERT_EQ(decoded->NodeCount(), graph.NodeCount());
  ASSERT_EQ(decoded->ArcCount(), graph.ArcCount());
  for (NodeId node = 0; node < graph.NodeCount(); ++node) {
    EXPECT_EQ(decoded->CoordOf(node).lat_e7, graph.CoordOf(node).lat_e7);
    EXPECT_EQ(decoded->CoordOf(node).lon_e7, graph.CoordOf(node).lon_e7);
    const auto want = graph.ArcsOf(node);
    const auto got = decoded->ArcsOf(node);
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      EXPECT_EQ(got[i].target, want[i].target);
      EXPECT_EQ(got[i].length_m, want[i].length_m);
    }
  }
}

TEST(GraphCodecTest, EmptyGraphRoundTrips) {
  auto decoded = DecodeWalkGraph(EncodeWalkGraph(WalkGraphBuilder().Build()));
  ASSERT_TRUE(decoded.has_value()) << decoded.error().message;
  EXPECT_EQ(decoded->NodeCount(), 0u);
}

TEST(GraphCodecTest, RefusesBytesThatAreNotAGraph) {
  const std::vector<std::uint8_t> junk = {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  auto decoded = DecodeWalkGraph(junk);
  ASSERT_FALSE(decoded.has_value());
  EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(DecodeWalkGraph({}).has_value());
}

TEST(GraphCodecTest, RefusesATruncatedGraph) {
  std::vector<std::uint8_t> bytes = EncodeWalkGraph(SingaporeGraph());
  bytes.resize(bytes.size() - 100);
  auto decoded = DecodeWalkGraph(bytes);
  ASSERT_FALSE(decoded.has_value());
  EXPECT_NE(decoded.error().message.find("cut short"), std::string::npos);
}

TEST(GraphCodecTest, RefusesAFlippedBitByItsChecksum) {
  std::vector<std::uint8_t> bytes = EncodeWalkGraph(SingaporeGraph());
  bytes[bytes.size() / 2] ^= 0x10;
  auto decoded = DecodeWalkGraph(bytes);
  ASSERT_FALSE(decoded.has_value());
  EXPECT_NE(decoded.error().message.find("checksum"), std::string::npos);
}

TEST(WalkGraphFromArraysTest, RefusesInconsistentArrays) {
  const std::vector<Coord> two_nodes = {{0, 0}, {10, 10}};
  // An arc to node 5 of a two-node graph.
  EXPECT_FALSE(WalkGraph::FromArrays({0, 1, 1}, {{5, 1.0f}}, two_nodes).has_value());
  // Offsets that fall.
  EXPECT_FALSE(WalkGraph::FromArrays({0, 1, 0}, {{1, 1.0f}}, two_nodes).has_value());
  // Offsets that do not end at the arc count.
  EXPECT_FALSE(WalkGraph::FromArrays({0, 1, 1}, {{1, 1.0f}, {0, 1.0f}}, two_nodes).has_value());
  // A negative length.
  EXPECT_FALSE(WalkGraph::FromArrays({0, 1, 2}, {{1, -1.0f}, {0, 1.0f}}, two_nodes).has_value());
  auto fine = WalkGraph::FromArrays({0, 1, 2}, {{1, 3.5f}, {0, 3.5f}}, two_nodes);
  ASSERT_TRUE(fine.has_value()) << fine.error().message;
  EXPECT_EQ(fine->ArcsOf(0)[0].length_m, 3.5f);
}

}  // namespace
}  // namespace shequ::planning
