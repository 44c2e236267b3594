#include "planning/isochrone.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "planning/osm_walk_import.h"

namespace shequ::planning {
namespace {

// Even-odd ray casting in (lon, lat): fine for the few hundred metres of a test.
bool InRing(const std::vector<Coord>& ring, Coord p) {
  bool inside = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const double xi = ring[i].Lon(), yi = ring[i].Lat(), xj = ring[j].Lon(), yj = ring[j].Lat();
    if ((yi > p.Lat()) != (yj > p.Lat()) && p.Lon() < (xj - xi) * (p.Lat() - yi) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

bool Inside(const Isochrone& isochrone, Coord p) {
  for (const IsochronePolygon& polygon : isochrone.polygons) {
    if (!InRing(polygon.outer, p)) continue;
    bool in_hole = false;
    for (const auto& hole : polygon.holes) in_hole = in_hole || InRing(hole, p);
    if (!in_hole) return true;
  }
  return false;
}

// A graph whose stored lengths are the haversine lengths of its straight edges.
class Sketch {
 public:
  NodeId Node(double lat, double lon) {
    coords_.push_back({static_cast<std::int32_t>(lat * 1e7), static_cast<std::int32_t>(lon * 1e7)});
    return builder_.AddNode(coords_.back());
  }
  void Edge(NodeId a, NodeId b) {
    builder_.AddEdge(a, b, static_cast<float>(HaversineMetres(coords_[a], coords_[b])));
  }
  WalkGraph Build() { return builder_.Build(); }

 private:
  WalkGraphBuilder builder_;
  std::vector<Coord> coords_;
};

// A U-shaped path round a barrier (a river between the arms): from A north 250 m, east 100 m and
// south 250 m to C, which is 100 m from A as the crow flies but 600 m on foot; and a spur 111 m
// south of A.
WalkGraph UShape() {
  Sketch s;
  const NodeId a = s.Node(0, 0);
  const NodeId n1 = s.Node(0.0022483, 0);
  const NodeId n2 = s.Node(0.0022483, 0.00089932);
  const NodeId c = s.Node(0, 0.00089932);
  const NodeId spur = s.Node(-0.001, 0);
  s.Edge(a, n1);
  s.Edge(n1, n2);
  s.Edge(n2, c);
  s.Edge(a, spur);
  return s.Build();
}

Coord At(double lat, double lon) {
  return {static_cast<std::int32_t>(lat * 1e7), static_cast<std::int32_t>(lon * 1e7)};
}

TEST(IsochroneTest, ReachesAroundTheBarrierNotAcrossIt) {
  const WalkGraph graph = UShape();
  const EdgeSnapper snapper(graph);
  const IsochroneMaker maker(graph, snapper, StraightPieces(graph));
  SearchWorkspace workspace(graph);
  const double d = 400;
  auto isochrone = maker.Make(At(0, 0), d, workspace);
  ASSERT_TRUE(isochrone.has_value()) << isochrone.error().message;
  EXPECT_EQ(isochrone->nodes_reached, 4u);  // A, the spur's end, both corners
  EXPECT_EQ(isochrone->pieces_reached, 4u);
  // Every node reached within D is inside.
  for (NodeId n = 0; n < graph.NodeCount(); ++n) {
    if (workspace.Distance(n) <= d) {
      EXPECT_TRUE(Inside(*isochrone, graph.CoordOf(n))) << n;
    }
  }
  // C: 100 m from A across the river, about 1.5 x D on foot: outside.
  const Coord c = At(0, 0.00089932);
  EXPECT_NEAR(HaversineMetres(At(0, 0), c), 100, 0.1);
  EXPECT_FALSE(Inside(*isochrone, c));
  // The last edge is cut about 50 m below the north-east corner (400 - 350): 40 m down is in,
  // 100 m down (50 m past the cut, beyond the 20 m half-width) is out.
  EXPECT_TRUE(Inside(*isochrone, At(0.0022483 - 0.00036, 0.00089932)));
  EXPECT_FALSE(Inside(*isochrone, At(0.0022483 - 0.0009, 0.00089932)));
  // The walking corridor is 40 m wide: 15 m beside the west arm is in, 30 m is out.
  EXPECT_TRUE(Inside(*isochrone, At(0.001, -0.000135)));
  EXPECT_FALSE(Inside(*isochrone, At(0.001, -0.00027)));
  // Reached length about 111 + 250 + 100 + 50 = 511 m by 40 m, plus the round ends.
  EXPECT_GT(isochrone->area_m2, 511 * 40 * 0.9);
  EXPECT_LT(isochrone->area_m2, 511 * 40 * 1.2);

  const nlohmann::json geometry = IsochroneGeoJson(*isochrone);
  EXPECT_EQ(geometry["type"], "Polygon");
  const auto& outer = geometry["coordinates"][0];
  ASSERT_GE(outer.size(), 4u);
  EXPECT_EQ(outer.front(), outer.back());
}

TEST(IsochroneTest, ShortDistanceCutsTheOriginsOwnEdge) {
  const WalkGraph graph = UShape();
  const EdgeSnapper snapper(graph);
  const IsochroneMaker maker(graph, snapper, StraightPieces(graph));
  SearchWorkspace workspace(graph);
  // From the middle of the 250 m west arm, 50 m reaches neither end: only the edge itself.
  auto isochrone = maker.Make(At(0.0011, 0), 50, workspace);
  ASSERT_TRUE(isochrone.has_value()) << isochrone.error().message;
  EXPECT_EQ(isochrone->nodes_reached, 0u);
  EXPECT_TRUE(Inside(*isochrone, At(0.0011 + 0.0004, 0)));
  EXPECT_FALSE(Inside(*isochrone, At(0.0011 + 0.0008, 0)));
  EXPECT_FALSE(Inside(*isochrone, At(0, 0)));
  EXPECT_NEAR(isochrone->area_m2, 100 * 40 + 3.14159 * 20 * 20, 100);
}

TEST(IsochroneTest, SmallEnclosedBlocksAreFilled) {
  // A square block of about 111 m, every side reached: the 70 m hole inside the corridors is
  // filled by default and kept when filling is off.
  Sketch s;
  const NodeId a = s.Node(0, 0);
  const NodeId b = s.Node(0, 0.001);
  const NodeId c = s.Node(0.001, 0.001);
  const NodeId d = s.Node(0.001, 0);
  s.Edge(a, b);
  s.Edge(b, c);
  s.Edge(c, d);
  s.Edge(d, a);
  const WalkGraph graph = s.Build();
  const EdgeSnapper snapper(graph);
  const IsochroneMaker maker(graph, snapper, StraightPieces(graph));
  SearchWorkspace workspace(graph);
  const Coord centre = At(0.0005, 0.0005);
  auto filled = maker.Make(At(0, 0), 1000, workspace);
  ASSERT_TRUE(filled.has_value());
  EXPECT_TRUE(Inside(*filled, centre));
  IsochroneOptions keep_holes;
  keep_holes.fill_holes_below_m2 = 0;
  auto holed = maker.Make(At(0, 0), 1000, workspace, keep_holes);
  ASSERT_TRUE(holed.has_value());
  EXPECT_FALSE(Inside(*holed, centre));
  EXPECT_EQ(holed->polygons.at(0).holes.size(), 1u);
  EXPECT_GT(filled->area_m2, holed->area_m2 + 3000);
}

TEST(IsochroneTest, BadInputIsAClearError) {
  const WalkGraph graph = UShape();
  const EdgeSnapper snapper(graph);
  const IsochroneMaker maker(graph, snapper, StraightPieces(graph));
  SearchWorkspace workspace(graph);
  for (const double d : {0.0, -5.0, 1e9, std::nan("")}) {
    auto result = maker.Make(At(0, 0), d, workspace);
    ASSERT_FALSE(result.has_value()) << d;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(result.error().field, "distance_m");
  }
  // 1.1 km from the nearest street.
  auto far = maker.Make(At(0.01, 0), 500, workspace);
  ASSERT_FALSE(far.has_value());
  EXPECT_EQ(far.error().field, "origin");
  EXPECT_NE(far.error().message.find("from the walking network"), std::string::npos);
  // 100 m from the street with 80 m to walk: nothing reachable.
  auto used_up = maker.Make(At(0.001, -0.0009), 80, workspace);
  ASSERT_FALSE(used_up.has_value());
  EXPECT_EQ(used_up.error().field, "origin");

  const WalkGraph empty;
  const EdgeSnapper empty_snapper(empty);
  const IsochroneMaker empty_maker(empty, empty_snapper, {});
  SearchWorkspace empty_workspace(empty);
  auto none = empty_maker.Make(At(0, 0), 500, empty_workspace);
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().field, "origin");
}

TEST(IsochroneTest, MonacoEveryReachedNodeIsInside) {
  auto import = ImportWalkGraph(std::string(SHEQU_SHARED_DATA_DIR) + "/monaco-2016.osm.pbf");
  ASSERT_TRUE(import.has_value()) << import.error().message;
  const WalkGraph& graph = import->graph;
  const EdgeSnapper snapper(graph);
  const IsochroneMaker maker(graph, snapper, StraightPieces(graph));
  SearchWorkspace workspace(graph);
  std::mt19937 rng(11);
  for (int i = 0; i < 5; ++i) {
    const Coord origin = graph.CoordOf(rng() % graph.NodeCount());
    const double d = i % 2 == 0 ? 300 : 600;
    auto isochrone = maker.Make(origin, d, workspace);
    ASSERT_TRUE(isochrone.has_value()) << isochrone.error().message;
    std::size_t checked = 0;
    for (NodeId n = 0; n < graph.NodeCount(); ++n) {
      if (workspace.Distance(n) <= d) {
        EXPECT_TRUE(Inside(*isochrone, graph.CoordOf(n))) << "origin " << i << " node " << n;
        ++checked;
      }
    }
    EXPECT_EQ(checked, isochrone->nodes_reached);
    EXPECT_GT(checked, 10u);
    const nlohmann::json geometry = IsochroneGeoJson(*isochrone);
    EXPECT_TRUE(geometry["type"] == "Polygon" || geometry["type"] == "MultiPolygon");
  }
}

// With chains collapsed, the pieces carry the geometry: the area still covers every node of the
// full graph reached within D (a node mid-chain is reached through a cut or whole piece).
TEST(IsochroneTest, CollapsedMonacoCoversTheFullGraphsNodes) {
  auto import = ImportWalkGraph(std::string(SHEQU_SHARED_DATA_DIR) + "/monaco-2016.osm.pbf");
  ASSERT_TRUE(import.has_value()) << import.error().message;
  const WalkGraph& full = import->graph;
  const CollapsedGraph collapsed = CollapseChains(full);
  ASSERT_LT(collapsed.graph.NodeCount(), full.NodeCount() / 2);
  const EdgeSnapper full_snapper(full);
  const EdgeSnapper snapper(collapsed.pieces);
  const IsochroneMaker maker(collapsed.graph, snapper, collapsed.pieces);
  SearchWorkspace workspace(collapsed.graph);
  SearchWorkspace full_workspace(full);
  std::mt19937 rng(3);
  for (int i = 0; i < 4; ++i) {
    const Coord origin = full.CoordOf(rng() % full.NodeCount());
    const double d = 400;
    auto isochrone = maker.Make(origin, d, workspace);
    ASSERT_TRUE(isochrone.has_value()) << isochrone.error().message;
    std::vector<SearchSource> sources;
    full_snapper.Nearest(origin).AppendSources(0, &sources);
    full_workspace.Run(sources, d);
    std::size_t checked = 0;
    for (const NodeId n : full_workspace.Reached()) {
      // A centimetre of slack for the float rounding of collapsed chain lengths.
      if (full_workspace.Distance(n) <= d - 0.01) {
        EXPECT_TRUE(Inside(*isochrone, full.CoordOf(n))) << "origin " << i << " node " << n;
        ++checked;
      }
    }
    EXPECT_GT(checked, 10u);
  }
}

}  // namespace
}  // namespace shequ::planning
