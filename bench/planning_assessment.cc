// Benchmark of the complete-community assessment on synthetic cities (synthetic_city.h) of
// 10^5 and 10^6 walking nodes: generation, graph size, snapping, the per-type sweeps and the
// community tallies, timed separately, on one thread and on all cores. The headline is the
// assessment as `shequ assess` runs it, on the graph with its degree-2 chains collapsed; the
// uncollapsed graph is timed after it for comparison, and the two results are compared. Build the
// planning_assessment target in a release build and run it; not a test.
//
//   build/<dir>/src/planning/planning_assessment [NODES...]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "planning/assessment.h"
#include "planning/living_circle_checklist.h"
#include "planning/snapping.h"
#include "planning/synthetic_city.h"
#include "planning/walk_graph.h"

namespace {

using namespace shequ::planning;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// CPU seconds of the whole process (all threads): on a shared, loaded machine the wall clock also
// counts other people's work.
double ProcessCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

long PeakRssMib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

struct Timing {
  double all_cores_s = 0;  // best wall time of 3 on all cores
  Assessment result;       // the last result
};

// Runs the assessment three times on one thread and three on all cores; prints the best wall and
// CPU times and returns the best on all cores with the last result.
Timing TimeAssessment(const char* label, const AssessmentInput& input) {
  Timing timing;
  for (const unsigned threads : {1u, 0u}) {
    AssessmentOptions options;
    options.threads = threads;
    double best = 1e9;
    double best_cpu = 1e9;
    for (int run = 0; run < 3; ++run) {
      const auto start = Clock::now();
      const double cpu_start = ProcessCpuSeconds();
      auto result = Assess(input, options);
      const double s = Seconds(start);
      best_cpu = std::min(best_cpu, ProcessCpuSeconds() - cpu_start);
      best = std::min(best, s);
      if (!result) {
        std::fprintf(stderr, "assessment failed: %s\n", result.error().message.c_str());
        std::exit(1);
      }
      timing.result = std::move(*result);
    }
    std::printf("%s, %s: %.3f s wall, %.3f s CPU, best of 3 (%zu facility types, %zu gaps)\n",
                label, threads == 1 ? "1 thread" : "all cores", best, best_cpu,
                input.checklist.FacilityTypes().size(), timing.result.gaps.size());
    if (threads == 0) timing.all_cores_s = best;
  }
  return timing;
}

void BenchCity(std::size_t target_nodes, const LivingCircleChecklist& checklist) {
  auto start = Clock::now();
  SyntheticCityOptions options;
  options.target_nodes = target_nodes;
  const SyntheticCity city = MakeSyntheticCity(options);
  const double generate_s = Seconds(start);
  std::printf(
      "\ncity of %zu nodes (%zu arcs), %zu x %zu blocks: %zu buildings, %zu facilities, "
      "%zu communities; generated in %.2f s\n",
      city.graph.NodeCount(), city.graph.ArcCount(), city.blocks_per_side, city.blocks_per_side,
      city.buildings.size(), city.facilities.size(), city.communities.size(), generate_s);
  std::printf("graph: %.1f bytes per node (%.1f MiB)\n", city.graph.BytesPerNode(),
              static_cast<double>(city.graph.MemoryBytes()) / (1 << 20));

  // As shequ runs it (`shequ assess`): the chains of degree-2 nodes (the street nodes between
  // crossings and gates) collapsed into single edges, snapping on the chains' pieces. Same
  // distances up to float rounding, far fewer nodes to sweep.
  start = Clock::now();
  const CollapsedGraph collapsed = CollapseChains(city.graph);
  const double collapse_s = Seconds(start);
  start = Clock::now();
  const EdgeSnapper collapsed_snapper(collapsed.pieces);
  const double collapsed_snapper_s = Seconds(start);
  std::printf(
      "collapsed to %zu nodes (%.1f bytes per node) in %.2f s; snapper (R-tree of %zu "
      "pieces) built in %.2f s\n",
      collapsed.graph.NodeCount(), collapsed.graph.BytesPerNode(), collapse_s,
      collapsed.pieces.size(), collapsed_snapper_s);
  const AssessmentInput collapsed_input{collapsed.graph, collapsed_snapper, city.buildings,
                                        city.facilities, city.communities,  checklist};
  const Timing headline =
      TimeAssessment("full assessment, as shequ runs it (collapsed graph)", collapsed_input);

  // The uncollapsed graph, for comparison.
  start = Clock::now();
  const EdgeSnapper snapper(city.graph);
  std::printf("uncollapsed: snapper (R-tree of %zu edges) built in %.2f s\n",
              city.graph.ArcCount() / 2, Seconds(start));
  const AssessmentInput input{city.graph,      snapper,          city.buildings,
                              city.facilities, city.communities, checklist};
  const Timing full = TimeAssessment("uncollapsed graph, for comparison", input);

  double max_difference = 0;
  for (std::size_t t = 0; t < full.result.types.size(); ++t) {
    for (std::size_t b = 0; b < city.buildings.size(); ++b) {
      const double a = full.result.types[t].per_building[b].distance_m;
      const double c = headline.result.types[t].per_building[b].distance_m;
      if (a != c) max_difference = std::max(max_difference, std::abs(a - c));
    }
  }
  std::printf("largest difference between the two: %.6f m\n", max_difference);
  std::printf(
      "HEADLINE %zu nodes: full assessment as shequ runs it %.3f s wall on all cores (%.3f s "
      "with collapsing and building the snapper); uncollapsed graph %.3f s\n",
      city.graph.NodeCount(), headline.all_cores_s,
      collapse_s + collapsed_snapper_s + headline.all_cores_s, full.all_cores_s);
  std::printf("peak RSS so far %ld MiB\n", PeakRssMib());
}

}  // namespace

int main(int argc, char** argv) {
  auto checklist = BuiltInChecklist();
  if (!checklist) {
    std::fprintf(stderr, "built-in checklist: %s\n", checklist.error().message.c_str());
    return 1;
  }
  std::vector<std::size_t> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::strtoull(argv[i], nullptr, 10));
  if (sizes.empty()) sizes = {100000, 1000000};
  for (const std::size_t n : sizes) BenchCity(n, *checklist);
  return 0;
}
