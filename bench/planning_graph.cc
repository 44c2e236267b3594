// Benchmark of the planning engine core on one OSM extract: import, graph size, the multi-source
// nearest-facility sweep and bounded searches, on one core and on all cores. Writes the graph and
// the query sets to a directory so that bench/planning_peers.py runs the same tasks with scipy,
// igraph and networkx. Run through bench/planning; not a test.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "planning/dijkstra.h"
#include "planning/osm_walk_import.h"

namespace {

using namespace shequ::planning;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// CPU time of this thread: on a shared machine the wall clock also counts other people's work.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

long PeakRssKib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// Bounded searches from `origins`, one core: searches per second and mean nodes reached.
double BenchBounded(const WalkGraph& graph, const std::vector<NodeId>& origins, double radius,
                    unsigned threads) {
  std::vector<std::size_t> reached(origins.size());
  const auto count = static_cast<double>(origins.size());
  const double cpu_start = ThreadCpuSeconds();
  const auto start = Clock::now();
  ParallelSearches(graph, origins.size(), threads, [&](std::size_t task, SearchWorkspace& ws) {
    const SearchSource source{origins[task], 0.0, 0};
    ws.Run({&source, 1}, radius);
    reached[task] = ws.Reached().size();
  });
  const double s = Seconds(start);
  const double mean_ball =
      static_cast<double>(std::accumulate(reached.begin(), reached.end(), std::size_t{0})) / count;
  std::printf(
      "bounded %4.0f m, %u thread(s): %8.2f us/search, %9.0f searches/s (%.0f/s/core), "
      "mean ball %.0f nodes\n",
      radius, threads, s / count * 1e6, count / s, count / s / threads, mean_ball);
  if (threads == 1) {
    const double cpu = ThreadCpuSeconds() - cpu_start;
    std::printf("    cpu time: %.2f us/search, %.0f searches/s/core\n", cpu / count * 1e6,
                count / cpu);
  }
  return s / count;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s FILE.osm.pbf OUT_DIR\n", argv[0]);
    return 2;
  }
  const std::string out_dir = argv[2];
  const long rss_before = PeakRssKib();
  auto start = Clock::now();
  auto import = ImportWalkGraph(argv[1]);
  const double import_s = Seconds(start);
  if (!import) {
    std::fprintf(stderr, "import failed: %s\n", import.error().message.c_str());
    return 1;
  }
  const WalkGraph& graph = import->graph;
  const auto& st = import->stats;
  std::printf("import %s: %.3f s, peak RSS %.1f MiB (%.1f MiB before)\n", argv[1], import_s,
              static_cast<double>(PeakRssKib()) / 1024.0, static_cast<double>(rss_before) / 1024.0);
  std::printf(
      "graph: %zu nodes, %zu edges, %.1f bytes/node (%zu bytes); %zu walkable ways; "
      "%zu pieces, dropped %zu small pieces with %zu nodes\n",
      graph.NodeCount(), graph.ArcCount() / 2, graph.BytesPerNode(), graph.MemoryBytes(),
      st.walkable_ways, st.components, st.dropped_components, st.dropped_nodes);
  std::size_t degree2 = 0;
  for (NodeId v = 0; v < graph.NodeCount(); ++v) degree2 += graph.Degree(v) == 2;
  std::printf("degree-2 nodes: %.1f%%\n",
              100.0 * static_cast<double>(degree2) / static_cast<double>(graph.NodeCount()));

  const auto nodes = static_cast<double>(graph.NodeCount());
  std::mt19937 rng(2026);
  std::vector<SearchSource> facilities;
  facilities.reserve(50);
  for (std::uint32_t i = 0; i < 50; ++i) {
    facilities.push_back({static_cast<NodeId>(rng() % graph.NodeCount()), 0.0, i});
  }
  std::vector<NodeId> origins(20000);
  for (NodeId& o : origins) o = static_cast<NodeId>(rng() % graph.NodeCount());

  // Multi-source sweep: best of several runs after a warm-up, output arrays included.
  SearchWorkspace workspace(graph);
  NearestSourceResult sweep = NearestSources(graph, facilities, kUnreachable, workspace);
  double best = 1e9;
  for (int i = 0; i < 30; ++i) {
    start = Clock::now();
    sweep = NearestSources(graph, facilities, kUnreachable, workspace);
    best = std::min(best, Seconds(start));
  }
  std::printf("multi-source sweep (50 sources, all nodes), 1 thread: %.3f ms (%.1f ns/node)\n",
              best * 1e3, best * 1e9 / nodes);
  double best_run = 1e9;
  double best_cpu = 1e9;
  for (int i = 0; i < 30; ++i) {
    const double cpu_start = ThreadCpuSeconds();
    start = Clock::now();
    workspace.Run(facilities, kUnreachable);
    best_run = std::min(best_run, Seconds(start));
    best_cpu = std::min(best_cpu, ThreadCpuSeconds() - cpu_start);
  }
  std::printf("  of which the search itself: %.3f ms (%.1f ns/node), cpu time %.3f ms\n",
              best_run * 1e3, best_run * 1e9 / nodes, best_cpu * 1e3);
  // Textbook reference for scale: one source, binary heap.
  start = Clock::now();
  for (int i = 0; i < 10; ++i) ReferenceDijkstra(graph, facilities[i].node, 0.0, kUnreachable);
  std::printf("  (textbook std::priority_queue Dijkstra, one full search: %.3f ms)\n",
              Seconds(start) / 10 * 1e3);
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  {
    const std::size_t sweeps = 16;  // e.g. 16 facility types, one sweep each
    SearchPool pool(graph, cores);
    pool.Run(cores, [&](std::size_t, SearchWorkspace& ws) { ws.Run(facilities, kUnreachable); });
    start = Clock::now();
    pool.Run(sweeps, [&](std::size_t, SearchWorkspace& ws) { ws.Run(facilities, kUnreachable); });
    std::printf("16 sweeps on %u threads: %.3f ms per sweep\n", cores,
                Seconds(start) / sweeps * 1e3);
  }

  BenchBounded(graph, origins, 500.0, 1);  // warm-up
  const double b500 = BenchBounded(graph, origins, 500.0, 1);
  const double b1000 = BenchBounded(graph, origins, 1000.0, 1);
  BenchBounded(graph, origins, 500.0, cores);
  BenchBounded(graph, origins, 1000.0, cores);

  // The same tasks on the graph with degree-2 chains collapsed (geometry kept for snapping).
  {
    start = Clock::now();
    auto collapsed = ImportWalkGraph(argv[1], {.collapse_chains = true});
    const double collapsed_s = Seconds(start);
    if (!collapsed) {
      std::fprintf(stderr, "collapsed import failed: %s\n", collapsed.error().message.c_str());
      return 1;
    }
    const WalkGraph& small = collapsed->graph;
    std::printf(
        "collapsed chains: import %.3f s; %zu nodes, %zu edges, %.1f bytes/node "
        "(%.1f bytes per original node)\n",
        collapsed_s, small.NodeCount(), small.ArcCount() / 2, small.BytesPerNode(),
        static_cast<double>(small.MemoryBytes()) / nodes);
    std::vector<SearchSource> small_sources;
    small_sources.reserve(facilities.size());
    for (const SearchSource& s : facilities) {
      small_sources.push_back({static_cast<NodeId>(s.node % small.NodeCount()), 0.0, s.source});
    }
    SearchWorkspace small_ws(small);
    double small_best = 1e9;
    for (int i = 0; i < 30; ++i) {
      start = Clock::now();
      small_ws.Run(small_sources, kUnreachable);
      small_best = std::min(small_best, Seconds(start));
    }
    std::printf("  multi-source sweep, 1 thread: %.3f ms\n", small_best * 1e3);
    std::vector<NodeId> small_origins(origins.size());
    for (std::size_t i = 0; i < origins.size(); ++i) {
      small_origins[i] = static_cast<NodeId>(origins[i] % small.NodeCount());
    }
    std::printf("  ");
    BenchBounded(small, small_origins, 500.0, 1);
    std::printf("  ");
    BenchBounded(small, small_origins, 1000.0, 1);
  }

  // Files for the peers: the edge list with float lengths printed exactly, the query sets, and
  // the sweep's distances so the peers can check they compute the same thing.
  {
    std::ofstream edges(out_dir + "/edges.txt");
    edges << graph.NodeCount() << ' ' << graph.ArcCount() / 2 << '\n';
    char line[64];
    for (NodeId u = 0; u < graph.NodeCount(); ++u) {
      for (const Arc& arc : graph.ArcsOf(u)) {
        if (u < arc.target) {
          std::snprintf(line, sizeof line, "%u %u %.9g\n", u, arc.target, arc.length_m);
          edges << line;
        }
      }
    }
    std::ofstream sources(out_dir + "/sources.txt");
    for (const SearchSource& s : facilities) sources << s.node << '\n';
    std::ofstream origins_file(out_dir + "/origins.txt");
    for (std::size_t i = 0; i < 200; ++i) origins_file << origins[i] << '\n';
    std::ofstream dist(out_dir + "/sweep.txt");
    char value[32];
    for (double d : sweep.distance_m) {
      std::snprintf(value, sizeof value, "%.17g\n", d);
      dist << value;
    }
  }
  // One machine-readable line for the driver.
  std::printf("SHEQU sweep_ms=%.6f bounded500_us=%.6f bounded1000_us=%.6f\n", best * 1e3,
              b500 * 1e6, b1000 * 1e6);
  return 0;
}
