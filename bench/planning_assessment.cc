// Benchmark of the complete-community assessment on synthetic cities (synthetic_city.h) of
// 10^5 and 10^6 walking nodes: generation, graph size, snapping, the per-type sweeps and the
// community tallies, timed separately, on all cores. Build the planning_assessment target in a
// release build and run it; not a test.
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

// Runs the assessment three times on one thread and three on all cores; prints the best wall and
// CPU times and returns the last result.
Assessment TimeAssessment(const char* label, const AssessmentInput& input) {
  Assessment last;
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
      last = std::move(*result);
    }
    std::printf("%s, %s: %.3f s wall, %.3f s CPU, best of 3 (%zu facility types, %zu gaps)\n",
                label, threads == 1 ? "1 thread" : "all cores", best, best_cpu,
                input.checklist.FacilityTypes().size(), last.gaps.size());
  }
  return last;
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

  start = Clock::now();
  const EdgeSnapper snapper(city.graph);
  std::printf("snapper (R-tree of %zu edges) built in %.2f s\n", city.graph.ArcCount() / 2,
              Seconds(start));

  const AssessmentInput input{city.graph,      snapper,          city.buildings,
                              city.facilities, city.communities, checklist};
  const Assessment full = TimeAssessment("full graph", input);

  // The same city with its chains of degree-2 nodes collapsed (the street nodes between
  // crossings and gates): same distances, fewer nodes to sweep.
  start = Clock::now();
  CollapsedGraph collapsed = CollapseChains(city.graph);
  const EdgeSnapper collapsed_snapper(collapsed.pieces);
  std::printf("collapsed to %zu nodes (%.1f bytes per node) in %.2f s\n",
              collapsed.graph.NodeCount(), collapsed.graph.BytesPerNode(), Seconds(start));
  const AssessmentInput collapsed_input{collapsed.graph, collapsed_snapper, city.buildings,
                                        city.facilities, city.communities,  checklist};
  const Assessment small = TimeAssessment("collapsed graph", collapsed_input);
  double max_difference = 0;
  for (std::size_t t = 0; t < full.types.size(); ++t) {
    for (std::size_t b = 0; b < city.buildings.size(); ++b) {
      const double a = full.types[t].per_building[b].distance_m;
      const double c = small.types[t].per_building[b].distance_m;
      if (a != c) max_difference = std::max(max_difference, std::abs(a - c));
    }
  }
  std::printf("largest difference between the two: %.6f m\n", max_difference);
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
