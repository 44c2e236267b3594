#include "planning/snapping.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "planning/osm_walk_import.h"

namespace shequ::planning {
namespace {

// An L-shaped path along the equator and a meridian: 0,0 -> 0,0.002 -> 0.002,0.002.
WalkGraph LGraph() {
  WalkGraphBuilder builder;
  const NodeId a = builder.AddNode({0, 0});
  const NodeId b = builder.AddNode({0, 20000});
  const NodeId c = builder.AddNode({20000, 20000});
  builder.AddEdge(a, b, static_cast<float>(HaversineMetres({0, 0}, {0, 20000})));
  builder.AddEdge(b, c, static_cast<float>(HaversineMetres({0, 20000}, {20000, 20000})));
  return builder.Build();
}

TEST(SnappingTest, SnapsToNearestPointOnEdge) {
  const WalkGraph graph = LGraph();
  const EdgeSnapper snapper(graph);
  // 0.0001 degree north of the first edge, a quarter along it.
  const Snap snap = snapper.Nearest({1000, 5000});
  ASSERT_TRUE(snap.Valid());
  EXPECT_NEAR(snap.snap_distance_m, 11.1195, 0.01);
  EXPECT_NEAR(snap.edge_length_m, 222.39, 0.01);
  const Coord from = graph.CoordOf(snap.from);
  // Offset measured from `from`, whichever end that is.
  const double expected_offset = from.lon_e7 == 0 ? 55.6 : 222.39 - 55.6;
  EXPECT_NEAR(snap.offset_m, expected_offset, 0.05);
  EXPECT_NEAR(snap.snapped.lat_e7, 0, 2);
  EXPECT_NEAR(snap.snapped.lon_e7, 5000, 2);
  EXPECT_NEAR(snap.DistanceToFrom() + snap.DistanceToTo(), 2 * 11.1195 + 222.39, 0.05);
}

TEST(SnappingTest, PointBeyondAnEndSnapsToTheEndNode) {
  const WalkGraph graph = LGraph();
  const EdgeSnapper snapper(graph);
  const Snap snap = snapper.Nearest({-1000, -1000});
  ASSERT_TRUE(snap.Valid());
  const Coord from = graph.CoordOf(snap.from);
  const Coord to = graph.CoordOf(snap.to);
  const double to_origin =
      (from.lon_e7 == 0 && from.lat_e7 == 0) ? snap.offset_m : snap.edge_length_m - snap.offset_m;
  EXPECT_TRUE((from.lon_e7 == 0 && from.lat_e7 == 0) || (to.lon_e7 == 0 && to.lat_e7 == 0));
  EXPECT_NEAR(to_origin, 0.0, 1e-9);
  EXPECT_NEAR(snap.snap_distance_m, 15.725, 0.01);
}

TEST(SnappingTest, EmptyGraphGivesInvalidSnap) {
  const WalkGraph graph;
  const EdgeSnapper snapper(graph);
  EXPECT_FALSE(snapper.Nearest({0, 0}).Valid());
}

TEST(SnappingTest, SingaporeSnapIsNoFartherThanAnyNode) {
  auto import =
      ImportWalkGraph(std::string(SHEQU_SHARED_DATA_DIR) + "/singapore-bayfront-2019.osm.pbf");
  ASSERT_TRUE(import.has_value()) << import.error().message;
  const WalkGraph& graph = import->graph;
  const EdgeSnapper snapper(graph);
  std::mt19937 rng(5);
  for (int i = 0; i < 200; ++i) {
    const Coord base = graph.CoordOf(rng() % graph.NodeCount());
    const Coord p{base.lat_e7 + static_cast<std::int32_t>(rng() % 4001) - 2000,
                  base.lon_e7 + static_cast<std::int32_t>(rng() % 4001) - 2000};
    const Snap snap = snapper.Nearest(p);
    ASSERT_TRUE(snap.Valid());
    double nearest_node = kUnreachable;
    for (const Coord& c : graph.Coords())
      nearest_node = std::min(nearest_node, HaversineMetres(p, c));
    // The nearest point on an edge is never farther than the nearest node (up to projection).
    EXPECT_LE(snap.snap_distance_m, nearest_node * 1.001 + 1e-6);
    EXPECT_GE(snap.offset_m, 0.0);
    EXPECT_LE(snap.offset_m, snap.edge_length_m);
  }
}

}  // namespace
}  // namespace shequ::planning
