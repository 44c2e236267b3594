#include "planning/dijkstra.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "planning/osm_walk_import.h"

namespace shequ::planning {
namespace {

// A random connected graph: a random spanning tree plus random extra edges, lengths from 0 m
// (duplicate points exist in OSM) to `max_len` with many ties (whole decimetres) and non-round
// values mixed.
WalkGraph RandomGraph(std::uint32_t n, std::uint32_t extra, float max_len, std::uint32_t seed) {
  std::mt19937 rng(seed);
  WalkGraphBuilder builder;
  std::uniform_int_distribution<std::int32_t> coord(0, 1000000);
  for (std::uint32_t i = 0; i < n; ++i) builder.AddNode({coord(rng), coord(rng)});
  std::uniform_real_distribution<float> len(0.0f, max_len);
  auto length = [&] {
    const float l = len(rng);
    return (rng() % 3 == 0) ? static_cast<float>(static_cast<int>(l * 10)) / 10 : l;
  };
  for (std::uint32_t i = 1; i < n; ++i) builder.AddEdge(rng() % i, i, length());
  for (std::uint32_t i = 0; i < extra; ++i) builder.AddEdge(rng() % n, rng() % n, length());
  return builder.Build();
}

void ExpectMultiSourceMatchesReference(const WalkGraph& graph, std::uint32_t source_count,
                                       double bound, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<SearchSource> sources;
  std::vector<std::vector<double>> reference;
  for (std::uint32_t s = 0; s < source_count; ++s) {
    const NodeId node = rng() % graph.NodeCount();
    const double offset = static_cast<double>(rng() % 500) / 7.0;
    sources.push_back({node, offset, s});
    reference.push_back(ReferenceDijkstra(graph, node, offset, bound));
  }
  SearchWorkspace workspace(graph);
  // Twice on the same workspace: the second run must not see the first one's state.
  for (int round = 0; round < 2; ++round) {
    const NearestSourceResult result = NearestSources(graph, sources, bound, workspace);
    for (NodeId v = 0; v < graph.NodeCount(); ++v) {
      double best = kUnreachable;
      for (const auto& ref : reference) best = std::min(best, ref[v]);
      ASSERT_EQ(result.distance_m[v], best) << "node " << v;
      if (best == kUnreachable) {
        EXPECT_EQ(result.source[v], kNoSource);
      } else {
        ASSERT_LT(result.source[v], source_count);
        EXPECT_EQ(reference[result.source[v]][v], best) << "node " << v;
      }
    }
  }
}

void ExpectBoundedMatchesReference(const WalkGraph& graph, double bound, int searches,
                                   std::uint32_t seed) {
  std::mt19937 rng(seed);
  SearchWorkspace workspace(graph);
  for (int i = 0; i < searches; ++i) {
    const NodeId node = rng() % graph.NodeCount();
    const SearchSource source{node, 0.0, 0};
    workspace.Run({&source, 1}, bound);
    const std::vector<double> reference = ReferenceDijkstra(graph, node, 0.0, bound);
    std::size_t within = 0;
    for (NodeId v = 0; v < graph.NodeCount(); ++v) {
      ASSERT_EQ(workspace.Distance(v), reference[v]) << "search " << i << " node " << v;
      within += reference[v] != kUnreachable;
    }
    EXPECT_EQ(workspace.Reached().size(), within);
  }
}

TEST(DijkstraTest, RandomGraphsMultiSource) {
  for (std::uint32_t seed = 1; seed <= 5; ++seed) {
    const WalkGraph graph = RandomGraph(2000, 3000, 200.0f, seed);
    ExpectMultiSourceMatchesReference(graph, 1, kUnreachable, seed);
    ExpectMultiSourceMatchesReference(graph, 20, kUnreachable, seed + 100);
    ExpectMultiSourceMatchesReference(graph, 20, 300.0, seed + 200);
  }
}

TEST(DijkstraTest, RandomGraphWithLongEdgesAndFarApartSources) {
  // Edges up to 5 km and source offsets far apart exercise the circular buckets' wrap-around
  // and the late admission of sources.
  const WalkGraph graph = RandomGraph(500, 800, 5000.0f, 42);
  std::vector<SearchSource> sources = {{0, 0.0, 0}, {7, 25000.0, 1}, {9, 80000.5, 2}};
  SearchWorkspace workspace(graph);
  const NearestSourceResult result = NearestSources(graph, sources, kUnreachable, workspace);
  std::vector<std::vector<double>> ref;
  ref.reserve(sources.size());
  for (const auto& s : sources)
    ref.push_back(ReferenceDijkstra(graph, s.node, s.offset_m, kUnreachable));
  for (NodeId v = 0; v < graph.NodeCount(); ++v) {
    ASSERT_EQ(result.distance_m[v], std::min({ref[0][v], ref[1][v], ref[2][v]}));
  }
}

TEST(DijkstraTest, RandomGraphsBounded) {
  for (std::uint32_t seed = 1; seed <= 3; ++seed) {
    const WalkGraph graph = RandomGraph(3000, 4000, 100.0f, seed);
    ExpectBoundedMatchesReference(graph, 150.0, 50, seed);
    ExpectBoundedMatchesReference(graph, 400.0, 20, seed);
  }
}

TEST(DijkstraTest, SourceBeyondBoundReachesNothing) {
  const WalkGraph graph = RandomGraph(10, 5, 10.0f, 3);
  SearchWorkspace workspace(graph);
  const SearchSource source{0, 50.0, 0};
  workspace.Run({&source, 1}, 20.0);
  EXPECT_TRUE(workspace.Reached().empty());
  EXPECT_EQ(workspace.Distance(0), kUnreachable);
}

// The Singapore walking graph, imported once for all tests here.
const WalkGraph& SingaporeGraph() {
  static const WalkGraph graph = [] {
    auto import =
        ImportWalkGraph(std::string(SHEQU_SHARED_DATA_DIR) + "/singapore-bayfront-2019.osm.pbf");
    if (!import) {
      ADD_FAILURE() << import.error().message;
      return WalkGraph{};
    }
    return std::move(import->graph);
  }();
  return graph;
}

TEST(SingaporeDijkstraTest, MultiSourceEqualsReference) {
  ASSERT_GT(SingaporeGraph().NodeCount(), 0u);
  ExpectMultiSourceMatchesReference(SingaporeGraph(), 1, kUnreachable, 7);
  ExpectMultiSourceMatchesReference(SingaporeGraph(), 10, kUnreachable, 8);
  ExpectMultiSourceMatchesReference(SingaporeGraph(), 10, 500.0, 9);
}

TEST(SingaporeDijkstraTest, BoundedEqualsReference) {
  ASSERT_GT(SingaporeGraph().NodeCount(), 0u);
  ExpectBoundedMatchesReference(SingaporeGraph(), 500.0, 100, 10);
  ExpectBoundedMatchesReference(SingaporeGraph(), 1000.0, 50, 11);
}

TEST(SingaporeDijkstraTest, ParallelSearchesEqualSequential) {
  ASSERT_GT(SingaporeGraph().NodeCount(), 0u);
  const WalkGraph& graph = SingaporeGraph();
  const std::size_t tasks = 64;
  std::vector<std::vector<double>> parallel(tasks);
  ParallelSearches(graph, tasks, 2, [&](std::size_t task, SearchWorkspace& ws) {
    const SearchSource source{static_cast<NodeId>(task * 13 % graph.NodeCount()), 0.0, 0};
    ws.Run({&source, 1}, 800.0);
    parallel[task].resize(graph.NodeCount());
    for (NodeId v = 0; v < graph.NodeCount(); ++v) parallel[task][v] = ws.Distance(v);
  });
  for (std::size_t task = 0; task < tasks; ++task) {
    EXPECT_EQ(
        parallel[task],
        ReferenceDijkstra(graph, static_cast<NodeId>(task * 13 % graph.NodeCount()), 0.0, 800.0));
  }
}

TEST(SingaporeDijkstraTest, SearchPoolReusedAcrossBatches) {
  const WalkGraph& graph = SingaporeGraph();
  ASSERT_GT(graph.NodeCount(), 0u);
  SearchPool pool(graph, 2);
  EXPECT_EQ(pool.Threads(), 2u);
  for (int batch = 0; batch < 3; ++batch) {
    std::vector<std::size_t> reached(40);
    pool.Run(reached.size(), [&](std::size_t task, SearchWorkspace& ws) {
      const SearchSource source{static_cast<NodeId>((task * 31 + batch) % graph.NodeCount()), 0.0,
                                0};
      ws.Run({&source, 1}, 300.0 + 100.0 * batch);
      reached[task] = ws.Reached().size();
    });
    for (std::size_t task = 0; task < reached.size(); ++task) {
      const auto ref =
          ReferenceDijkstra(graph, static_cast<NodeId>((task * 31 + batch) % graph.NodeCount()),
                            0.0, 300.0 + 100.0 * batch);
      EXPECT_EQ(reached[task],
                static_cast<std::size_t>(std::count_if(
                    ref.begin(), ref.end(), [](double d) { return d != kUnreachable; })));
    }
  }
}

}  // namespace
}  // namespace shequ::planning
