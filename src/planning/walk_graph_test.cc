#include "planning/walk_graph.h"

#include <gtest/gtest.h>

#include <set>

namespace shequ::planning {
namespace {

TEST(WalkGraphTest, BuildsSymmetricCsrInHilbertOrder) {
  WalkGraphBuilder builder;
  // A 3 x 3 grid added in a scrambled order.
  NodeId id[3][3];
  const int order[9] = {4, 0, 8, 2, 6, 1, 7, 3, 5};
  for (int k : order) id[k / 3][k % 3] = builder.AddNode({k / 3 * 10000, k % 3 * 10000});
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) {
      if (c + 1 < 3) builder.AddEdge(id[r][c], id[r][c + 1], 111.0f);
      if (r + 1 < 3) builder.AddEdge(id[r][c], id[r + 1][c], 111.0f);
    }
  }
  builder.AddEdge(id[0][0], id[0][0], 5.0f);  // self-loop: ignored
  std::vector<NodeId> new_id;
  const WalkGraph graph = builder.Build(&new_id);
  ASSERT_EQ(graph.NodeCount(), 9u);
  EXPECT_EQ(graph.ArcCount(), 24u);
  // Every arc has its reverse.
  for (NodeId u = 0; u < graph.NodeCount(); ++u) {
    for (const Arc& arc : graph.ArcsOf(u)) {
      bool back = false;
      for (const Arc& r : graph.ArcsOf(arc.target)) back |= r.target == u;
      EXPECT_TRUE(back);
    }
  }
  // The renumbering is a permutation and keeps each node's coordinates.
  std::set<NodeId> seen(new_id.begin(), new_id.end());
  EXPECT_EQ(seen.size(), 9u);
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) {
      EXPECT_EQ(graph.CoordOf(new_id[id[r][c]]).lat_e7, r * 10000);
      EXPECT_EQ(graph.CoordOf(new_id[id[r][c]]).lon_e7, c * 10000);
    }
  }
  EXPECT_EQ(graph.Degree(new_id[id[1][1]]), 4u);
  EXPECT_EQ(graph.MemoryBytes(), 10 * 4 + 24 * 8 + 9 * 8u);
  EXPECT_GT(graph.BytesPerNode(), 0);
}

TEST(WalkGraphTest, HilbertIndexVisitsNeighboursInOrder) {
  // The first four cells of the curve form the 2 x 2 block at the origin.
  std::set<std::uint32_t> first{HilbertIndex(0, 0), HilbertIndex(0, 1), HilbertIndex(1, 0),
                                HilbertIndex(1, 1)};
  EXPECT_EQ(first, (std::set<std::uint32_t>{0, 1, 2, 3}));
}

TEST(WalkGraphTest, HaversineOfOneThousandthDegreeOfLatitude) {
  EXPECT_NEAR(HaversineMetres({0, 0}, {10000, 0}), 111.19508, 1e-3);
}

}  // namespace
}  // namespace shequ::planning
