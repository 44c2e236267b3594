#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>
#include <string>

#include "planning/dijkstra.h"
#include "planning/osm_walk_import.h"
#include "planning/snapping.h"
#include "planning/walk_graph.h"

namespace shequ::planning {
namespace {

TEST(CollapseTest, SmallFixtureChainBecomesOneEdge) {
  auto import = ImportWalkGraph(std::string(SHEQU_PLANNING_TESTDATA_DIR) + "/small_walk.osm",
                                {.collapse_chains = true});
  ASSERT_TRUE(import.has_value()) << import.error().message;
  // Node 4 (between 2 and 7) has degree 2 and goes; 1, 2, 3, 7 stay.
  EXPECT_EQ(import->graph.NodeCount(), 4u);
  EXPECT_EQ(import->graph.ArcCount(), 6u);
  EXPECT_EQ(import->stats.nodes_before_collapse, 5u);
  EXPECT_EQ(import->pieces.size(), 4u);
  NodeId node7 = kNoNode;
  for (NodeId v = 0; v < import->graph.NodeCount(); ++v) {
    if (import->osm_node_id[v] == 7) node7 = v;
  }
  ASSERT_NE(node7, kNoNode);
  ASSERT_EQ(import->graph.Degree(node7), 1u);
  EXPECT_NEAR(import->graph.ArcsOf(node7)[0].length_m, 2 * 111.195, 0.02);
}

TEST(CollapseTest, CycleOfDegreeTwoNodesKeepsOneNode) {
  WalkGraphBuilder builder;
  const NodeId a = builder.AddNode({0, 0});
  const NodeId b = builder.AddNode({0, 10000});
  const NodeId c = builder.AddNode({10000, 0});
  builder.AddEdge(a, b, 100.0f);
  builder.AddEdge(b, c, 150.0f);
  builder.AddEdge(c, a, 100.0f);
  const CollapsedGraph collapsed = CollapseChains(builder.Build());
  EXPECT_EQ(collapsed.graph.NodeCount(), 1u);
  EXPECT_EQ(collapsed.graph.ArcCount(), 0u);
  ASSERT_EQ(collapsed.pieces.size(), 3u);
  for (const EdgePiece& piece : collapsed.pieces) {
    EXPECT_EQ(piece.from, piece.to);
    EXPECT_EQ(piece.edge_length_m, 350.0f);
  }
  // A point on the loop reaches the kept node the shorter way round.
  const EdgeSnapper snapper(collapsed.pieces);
  const Snap snap = snapper.Nearest(collapsed.graph.CoordOf(0));
  EXPECT_NEAR(std::min(snap.DistanceToFrom(), snap.DistanceToTo()), 0.0, 1e-6);
}

TEST(CollapseTest, SingaporeDistancesAndSnapsUnchanged) {
  const std::string path = std::string(SHEQU_SHARED_DATA_DIR) + "/singapore-bayfront-2019.osm.pbf";
  auto full = ImportWalkGraph(path);
  auto small = ImportWalkGraph(path, {.collapse_chains = true});
  ASSERT_TRUE(full.has_value()) << full.error().message;
  ASSERT_TRUE(small.has_value()) << small.error().message;
  EXPECT_LT(small->graph.NodeCount() * 2, full->graph.NodeCount());
  EXPECT_EQ(small->stats.nodes_before_collapse, full->graph.NodeCount());
  EXPECT_EQ(small->pieces.size(), full->graph.ArcCount() / 2);

  std::map<std::int64_t, NodeId> full_node;
  for (NodeId v = 0; v < full->graph.NodeCount(); ++v) full_node[full->osm_node_id[v]] = v;

  // Distances between kept nodes are those of the full graph (up to float chain lengths).
  std::mt19937 rng(3);
  SearchWorkspace ws_full(full->graph);
  SearchWorkspace ws_small(small->graph);
  for (int i = 0; i < 20; ++i) {
    const NodeId s = rng() % small->graph.NodeCount();
    const SearchSource src_small{s, 0.0, 0};
    const SearchSource src_full{full_node.at(small->osm_node_id[s]), 0.0, 0};
    ws_small.Run({&src_small, 1}, kUnreachable);
    ws_full.Run({&src_full, 1}, kUnreachable);
    for (NodeId v = 0; v < small->graph.NodeCount(); ++v) {
      ASSERT_NEAR(ws_small.Distance(v), ws_full.Distance(full_node.at(small->osm_node_id[v])),
                  1e-3);
    }
  }

  // A snapped point's walking distance to every kept node is the same on both graphs.
  const EdgeSnapper snap_full(full->pieces);
  const EdgeSnapper snap_small(small->pieces);
  for (int i = 0; i < 50; ++i) {
    const Coord base = full->graph.CoordOf(rng() % full->graph.NodeCount());
    const Coord p{base.lat_e7 + static_cast<std::int32_t>(rng() % 4001) - 2000,
                  base.lon_e7 + static_cast<std::int32_t>(rng() % 4001) - 2000};
    const Snap a = snap_full.Nearest(p);
    const Snap b = snap_small.Nearest(p);
    ASSERT_TRUE(a.Valid() && b.Valid());
    EXPECT_NEAR(a.snap_distance_m, b.snap_distance_m, 1e-6);
    std::vector<SearchSource> src_full;
    std::vector<SearchSource> src_small;
    a.AppendSources(0, &src_full);
    b.AppendSources(0, &src_small);
    ws_full.Run(src_full, kUnreachable);
    ws_small.Run(src_small, kUnreachable);
    for (NodeId v = 0; v < small->graph.NodeCount(); ++v) {
      ASSERT_NEAR(ws_small.Distance(v), ws_full.Distance(full_node.at(small->osm_node_id[v])), 1e-3)
          << "point " << i << " node " << v;
    }
  }
}

}  // namespace
}  // namespace shequ::planning
