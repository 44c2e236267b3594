// A deterministic synthetic city for benchmarks and scale tests: a street grid of 200 m blocks,
// each block a gated compound (小区) with an internal 50 m grid of footways and two gates, its
// buildings alternating 6- and 18-storey residential blocks, facilities of every type placed on
// the streets at fixed rhythms, and communities of 2 x 2 blocks. The same options give the same
// city on every machine (no std distributions, only the raw mt19937 stream). Pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "planning/assessment.h"
#include "planning/walk_graph.h"

namespace shequ::planning {

struct SyntheticCityOptions {
  std::size_t target_nodes = 100000;  // the graph has about this many nodes (within a few %)
  std::uint32_t seed = 1;
  Coord south_west = {300000000, 1200000000};  // 30°N 120°E
};

struct SyntheticCity {
  WalkGraph graph;
  std::vector<AssessmentBuilding> buildings;
  std::vector<AssessmentFacility> facilities;
  std::vector<AssessmentCommunity> communities;
  std::size_t blocks_per_side = 0;
};

SyntheticCity MakeSyntheticCity(const SyntheticCityOptions& options);

// The facility types the generator places, one rhythm each (see synthetic_city.cc).
const std::vector<std::string>& SyntheticFacilityTypes();

}  // namespace shequ::planning
