#include "eldercare/scheduling/travel_times.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "planning/dijkstra.h"
#include "planning/osm_walk_import.h"
#include "planning/snapping.h"
#include "planning/walk_graph.h"

namespace shequ::eldercare::scheduling {
namespace {

using planning::Coord;
using planning::EdgeSnapper;
using planning::WalkGraph;
using planning::WalkGraphBuilder;

// Hand figures: 0.01° of longitude on the equator is 6,371,008.8 m × 0.01 × π/180 = 1,111.95 m.
TEST(StraightLineTravelTimesTest, HaversineTimesDetourOverSpeedRoundedUp) {
  const auto travel = StraightLineTravelTimes({{0, 0}, {0, 0.01}, {0, 0}, {0.001, 0}});
  ASSERT_EQ(travel->size(), 4u);
  // 1,111.95 × 1.3 = 1,445.54 m at 60 m/min = 24.09 min -> 25.
  EXPECT_EQ(travel->Minutes(0, 1), 25);
  EXPECT_EQ(travel->Minutes(1, 0), 25);
  // The same place is no walk at all, whether the same index or another index on the spot.
  EXPECT_EQ(travel->Minutes(0, 0), 0);
  EXPECT_EQ(travel->Minutes(0, 2), 0);
  // 0.001° of latitude: 111.195 m × 1.3 = 144.55 m = 2.41 min -> 3.
  EXPECT_EQ(travel->Minutes(0, 3), 3);
  EXPECT_EQ(travel->Minutes(3, 0), 3);
}

TEST(StraightLineTravelTimesTest, SpeedAndDetourAreParameters) {
  // 1,111.95 m × 1.0 at 80 m/min = 13.9 min -> 14; × 2.0 at 100 m/min = 22.24 -> 23.
  EXPECT_EQ(StraightLineTravelTimes({{0, 0}, {0, 0.01}}, 80.0, 1.0)->Minutes(0, 1), 14);
  EXPECT_EQ(StraightLineTravelTimes({{0, 0}, {0, 0.01}}, 100.0, 2.0)->Minutes(1, 0), 23);
  EXPECT_EQ(StraightLineTravelTimes({})->size(), 0u);
}

// A street along the equator from lon 0 to lon 0.002 (222.39 m) and, apart from it, a second
// street from lon 0.01 to 0.012 that no way joins to the first.
WalkGraph TwoStreets() {
  WalkGraphBuilder builder;
  const auto add = [&](Coord a, Coord b) {
    const auto na = builder.AddNode(a);
    const auto nb = builder.AddNode(b);
    builder.AddEdge(na, nb, static_cast<float>(planning::HaversineMetres(a, b)));
  };
  add({0, 0}, {0, 20000});
  add({0, 100000}, {0, 120000});
  return builder.Build();
}

TEST(WalkingTravelTimesTest, PointsOnOneStreetWalkStraightAlongIt) {
  const WalkGraph graph = TwoStreets();
  const EdgeSnapper snapper(graph);
  // Two points 0.001° apart on the first street (111.2 m): 1.85 min -> 2, not the 4 minutes of a
  // walk through either end. A point 0.0001° north of the street adds 11.1 m: 122.3 m -> 3.
  auto travel = WalkingTravelTimes(graph, snapper, {{0, 0.0005}, {0, 0.0015}, {0.0001, 0.0005}});
  ASSERT_TRUE(travel) << travel.error().message;
  EXPECT_EQ((*travel)->Minutes(0, 1), 2);
  EXPECT_EQ((*travel)->Minutes(1, 0), 2);
  EXPECT_EQ((*travel)->Minutes(2, 1), 3);
  EXPECT_EQ((*travel)->Minutes(0, 2), 1);
  EXPECT_EQ((*travel)->Minutes(1, 1), 0);
}

TEST(WalkingTravelTimesTest, SeparateStreetsAreUnreachable) {
  const WalkGraph graph = TwoStreets();
  const EdgeSnapper snapper(graph);
  auto travel = WalkingTravelTimes(graph, snapper, {{0, 0.0005}, {0, 0.011}});
  ASSERT_TRUE(travel) << travel.error().message;
  EXPECT_EQ((*travel)->Minutes(0, 1), TravelTimes::kUnreachableMinutes);
  EXPECT_EQ((*travel)->Minutes(1, 0), TravelTimes::kUnreachableMinutes);
}

TEST(WalkingTravelTimesTest, PointFarFromTheNetworkIsAnError) {
  const WalkGraph graph = TwoStreets();
  const EdgeSnapper snapper(graph);
  // 0.005° north is 556 m from the street.
  auto travel = WalkingTravelTimes(graph, snapper, {{0, 0.0005}, {0.005, 0.0005}});
  ASSERT_FALSE(travel);
  EXPECT_EQ(travel.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(travel.error().field, "points");
  EXPECT_NE(travel.error().message.find("point 1"), std::string::npos);

  auto speed = WalkingTravelTimes(graph, snapper, {{0, 0.0005}}, 0.0);
  ASSERT_FALSE(speed);
  EXPECT_EQ(speed.error().field, "metres_per_minute");

  const WalkGraph empty;
  const EdgeSnapper no_edges(empty);
  EXPECT_FALSE(WalkingTravelTimes(empty, no_edges, {{0, 0}}));
}

// Monaco, as the planning service holds it: the full graph for the reference and its collapsed
// form (what the server searches) with the chains' pieces for snapping.
struct Monaco {
  planning::WalkImport import;
  planning::CollapsedGraph collapsed;
};

const Monaco& MonacoNetwork() {
  static const Monaco monaco = [] {
    Monaco m;
    auto import =
        planning::ImportWalkGraph(std::string(SHEQU_SHARED_DATA_DIR) + "/monaco-2016.osm.pbf");
    if (!import) {
      ADD_FAILURE() << import.error().message;
      return m;
    }
    m.import = std::move(*import);
    m.collapsed = planning::CollapseChains(m.import.graph);
    return m;
  }();
  return monaco;
}

// The walking distance between two points by the textbook: a binary-heap Dijkstra from each end
// of the first point's edge on the full graph (`from_a`, `to_a`), into either end of the
// second's, or straight along a shared edge.
double ReferenceMetres(const std::vector<double>& from_a, const std::vector<double>& to_a,
                       const planning::Snap& a, const planning::Snap& b) {
  double best = planning::kUnreachable;
  for (const auto* dist : {&from_a, &to_a}) {
    best = std::min(best, (*dist)[b.from] + b.DistanceToFrom());
    best = std::min(best, (*dist)[b.to] + b.DistanceToTo());
  }
  if (a.from == b.from && a.to == b.to) {
    best =
        std::min(best, a.snap_distance_m + std::abs(a.offset_m - b.offset_m) + b.snap_distance_m);
  }
  if (a.from == b.to && a.to == b.from) {
    best =
        std::min(best, a.snap_distance_m + std::abs(a.offset_m - (b.edge_length_m - b.offset_m)) +
                           b.snap_distance_m);
  }
  return best;
}

TEST(WalkingTravelTimesTest, MonacoMatchesTextbookDijkstra) {
  const Monaco& monaco = MonacoNetwork();
  const WalkGraph& full = monaco.import.graph;
  ASSERT_GT(full.NodeCount(), 20000u);
  // Points near random network nodes, up to ~20 m off them, so snapping has work to do.
  std::mt19937_64 rng(5);
  std::uniform_int_distribution<std::uint32_t> node(
      0, static_cast<std::uint32_t>(full.NodeCount() - 1));
  std::uniform_real_distribution<double> jitter(-0.00015, 0.00015);
  std::vector<LatLon> points;
  for (int i = 0; i < 60; ++i) {
    const Coord c = full.CoordOf(node(rng));
    points.push_back({c.Lat() + jitter(rng), c.Lon() + jitter(rng)});
  }
  // 1 m a minute: the minutes are the metres rounded up, so the comparison is to the metre.
  const EdgeSnapper full_snapper(full);
  auto on_full = WalkingTravelTimes(full, full_snapper, points, 1.0);
  ASSERT_TRUE(on_full) << on_full.error().message;
  const EdgeSnapper collapsed_snapper(monaco.collapsed.pieces);
  auto on_collapsed = WalkingTravelTimes(monaco.collapsed.graph, collapsed_snapper, points, 1.0);
  ASSERT_TRUE(on_collapsed) << on_collapsed.error().message;

  std::vector<planning::Snap> snaps;
  for (const LatLon& p : points) {
    snaps.push_back(full_snapper.Nearest(Coord::FromDegrees(p.lat, p.lon)));
  }
  int checked = 0;
  for (std::size_t i = 0; i < points.size(); i += 7) {
    const planning::Snap& a = snaps[i];
    const auto from_a =
        planning::ReferenceDijkstra(full, a.from, a.DistanceToFrom(), planning::kUnreachable);
    const auto to_a =
        planning::ReferenceDijkstra(full, a.to, a.DistanceToTo(), planning::kUnreachable);
    for (std::size_t j = 0; j < points.size(); ++j) {
      if (i == j) continue;
      const double metres = ReferenceMetres(from_a, to_a, a, snaps[j]);
      ASSERT_TRUE(std::isfinite(metres));
      const int expected = static_cast<int>(std::ceil(metres - 1e-9));
      EXPECT_EQ((*on_full)->Minutes(i, j), expected) << i << " -> " << j;
      // The collapsed graph's chain lengths are float sums: a metre either way at a rounding edge.
      EXPECT_NEAR((*on_collapsed)->Minutes(i, j), expected, 1) << i << " -> " << j;
      ++checked;
    }
  }
  EXPECT_GT(checked, 400);
  // Walking is never shorter than the straight line between the snapped points.
  for (std::size_t i = 0; i < points.size(); ++i) {
    for (std::size_t j = 0; j < points.size(); ++j) {
      const double line = planning::HaversineMetres(snaps[i].snapped, snaps[j].snapped);
      EXPECT_GE((*on_full)->Minutes(i, j) + 1, static_cast<int>(line)) << i << " -> " << j;
    }
  }
}

}  // namespace
}  // namespace shequ::eldercare::scheduling
