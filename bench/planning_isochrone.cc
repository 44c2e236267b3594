// Isochrones on a real extract, as the planning map asks for them on a click: the 5-, 10- and
// 15-minute walking areas from random points on the network. Prints the time per area (median
// and slowest of the sample), the pieces of street reached and the area. No peer on this machine
// makes walking isochrones (pandana's is the missing feature the issue names), so the figures
// stand alone.
//
//   planning_isochrone [FILE.osm.pbf] [ORIGINS]   (default: the Monaco extract, 40 origins)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "planning/isochrone.h"
#include "planning/living_circle_checklist.h"
#include "planning/osm_walk_import.h"
#include "planning/snapping.h"
#include "planning/walk_graph.h"

using namespace shequ::planning;

namespace {

using Clock = std::chrono::steady_clock;

double Milliseconds(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : SHEQU_DEFAULT_EXTRACT;
  const int origins = argc > 2 ? std::atoi(argv[2]) : 40;
  auto import = ImportWalkGraph(path, {.collapse_chains = true});
  if (!import) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), import.error().message.c_str());
    return 1;
  }
  const WalkGraph& graph = import->graph;
  const EdgeSnapper snapper(import->pieces);
  const IsochroneMaker maker(graph, snapper, import->pieces);
  SearchWorkspace workspace(graph);
  std::printf("%s: %zu nodes after collapsing chains, %zu pieces of street\n", path.c_str(),
              graph.NodeCount(), import->pieces.size());

  // Origins on the streets: the middle of random pieces, so every one snaps.
  std::mt19937_64 random(20261130);
  std::uniform_int_distribution<std::size_t> pick(0, import->pieces.size() - 1);
  std::vector<Coord> points;
  for (int i = 0; i < origins; ++i) {
    const EdgePiece& piece = import->pieces[pick(random)];
    points.push_back(Coord::FromDegrees((piece.a.Lat() + piece.b.Lat()) / 2,
                                        (piece.a.Lon() + piece.b.Lon()) / 2));
  }
  for (const double minutes : {5.0, 10.0, 15.0}) {
    const double distance = WalkingDistanceM(minutes, kDefaultWalkingSpeedMPerMin);
    std::vector<double> times;
    double pieces = 0;
    double area = 0;
    for (const Coord& origin : points) {
      const auto start = Clock::now();
      auto isochrone = maker.Make(origin, distance, workspace);
      times.push_back(Milliseconds(start));
      if (!isochrone) continue;
      pieces += static_cast<double>(isochrone->pieces_reached);
      area += isochrone->area_m2;
    }
    std::ranges::sort(times);
    const double n = static_cast<double>(points.size());
    std::printf(
        "%2.0f min (%4.0f m): median %7.1f ms, slowest %7.1f ms; %6.0f pieces, %5.2f km2 "
        "on average\n",
        minutes, distance, times[times.size() / 2], times.back(), pieces / n, area / n / 1e6);
  }
  return 0;
}
