#include "planning/synthetic_city.h"

#include <cmath>
#include <random>

namespace shequ::planning {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kMetresPerDegree = 6371008.8 * kPi / 180.0;
constexpr int kCell = 25;            // metres between grid positions
constexpr int kCellsPerBlock = 8;    // 200 m blocks
constexpr int kCommunityBlocks = 2;  // communities of 2 x 2 blocks (about 5,000 residents)

struct TypeRhythm {
  const char* type;
  int every_blocks;  // about one facility per this many blocks
};

// Common things often, rare things seldom: a convenience store every other block, a middle
// school every 40 blocks.
constexpr TypeRhythm kRhythms[] = {
    {"community_service_station", 4},
    {"kindergarten", 3},
    {"nursery", 5},
    {"elderly_service_station", 4},
    {"nursing_home", 20},
    {"community_health_station", 4},
    {"health_service_center", 16},
    {"pharmacy", 3},
    {"supermarket", 5},
    {"convenience_store", 2},
    {"fresh_market", 6},
    {"community_canteen", 6},
    {"restaurant", 1},
    {"parcel_point", 2},
    {"post_office", 16},
    {"bank", 8},
    {"public_activity_space", 3},
    {"park", 8},
    {"sports_ground", 8},
    {"primary_school", 10},
    {"middle_school", 40},
    {"bus_stop", 2},
    {"metro_station", 30},
    {"public_toilet", 6},
    {"waste_collection", 1},
    {"recycling_point", 4},
    {"ev_charging", 4},
    {"bicycle_parking", 2},
    {"car_parking", 3},
    {"culture_station", 6},
};

}  // namespace

const std::vector<std::string>& SyntheticFacilityTypes() {
  static const std::vector<std::string> kTypes = [] {
    std::vector<std::string> types;
    for (const TypeRhythm& r : kRhythms) types.emplace_back(r.type);
    return types;
  }();
  return kTypes;
}

SyntheticCity MakeSyntheticCity(const SyntheticCityOptions& options) {
  // About 15 street nodes and 9 footway nodes per block.
  const auto blocks = static_cast<int>(
      std::max(1.0, std::round(std::sqrt(static_cast<double>(options.target_nodes) / 24.0))));
  const int side = blocks * kCellsPerBlock + 1;  // grid positions per side
  const double lon_scale = kMetresPerDegree * std::cos(options.south_west.Lat() * kPi / 180.0);
  auto coord_at = [&](double x_m, double y_m) {
    return Coord{
        options.south_west.lat_e7 +
            static_cast<std::int32_t>(std::lround(y_m / kMetresPerDegree * 1e7)),
        options.south_west.lon_e7 + static_cast<std::int32_t>(std::lround(x_m / lon_scale * 1e7))};
  };

  WalkGraphBuilder builder;
  std::vector<NodeId> grid(static_cast<std::size_t>(side) * side, kNoNode);
  std::vector<Coord> coords;
  auto node = [&](int gx, int gy) {
    NodeId& id = grid[static_cast<std::size_t>(gy) * side + gx];
    if (id == kNoNode) {
      coords.push_back(coord_at(gx * kCell, gy * kCell));
      id = builder.AddNode(coords.back());
    }
    return id;
  };
  auto edge = [&](int ax, int ay, int bx, int by) {
    const NodeId a = node(ax, ay);
    const NodeId b = node(bx, by);
    builder.AddEdge(a, b, static_cast<float>(HaversineMetres(coords[a], coords[b])));
  };

  // Streets: every 200 m both ways, a node every 25 m (crossings, entrances, lamp-post-level
  // detail as OSM has it).
  for (int line = 0; line <= blocks; ++line) {
    const int g = line * kCellsPerBlock;
    for (int i = 0; i + 1 < side; ++i) {
      edge(i, g, i + 1, g);
      edge(g, i, g, i + 1);
    }
  }
  // Compounds: a 3 x 3 grid of footway nodes 50 m apart, gates to the west and south streets.
  for (int by = 0; by < blocks; ++by) {
    for (int bx = 0; bx < blocks; ++bx) {
      const int x0 = bx * kCellsPerBlock;
      const int y0 = by * kCellsPerBlock;
      for (int j = 2; j <= 6; j += 2) {
        for (int i = 2; i <= 6; i += 2) {
          if (i < 6) edge(x0 + i, y0 + j, x0 + i + 2, y0 + j);
          if (j < 6) edge(x0 + i, y0 + j, x0 + i, y0 + j + 2);
        }
      }
      edge(x0, y0 + 4, x0 + 2, y0 + 4);
      edge(x0 + 4, y0, x0 + 4, y0 + 2);
    }
  }

  SyntheticCity city;
  city.blocks_per_side = static_cast<std::size_t>(blocks);
  std::mt19937 rng(options.seed);
  const int communities_per_side = (blocks + kCommunityBlocks - 1) / kCommunityBlocks;
  for (int cy = 0; cy < communities_per_side; ++cy) {
    for (int cx = 0; cx < communities_per_side; ++cx) {
      const std::string id = "c" + std::to_string(cx) + "_" + std::to_string(cy);
      city.communities.push_back({id, "社区 " + id});
    }
  }
  // Buildings: one beside each footway node, 12 m north of it; two in three are 6-storey slabs
  // (720 m² footprint), the rest 18-storey towers (600 m²); residents from floor area at
  // 40 m² each, 15-29% of them aged 60+.
  for (int by = 0; by < blocks; ++by) {
    for (int bx = 0; bx < blocks; ++bx) {
      const std::string community =
          city.communities[static_cast<std::size_t>((by / kCommunityBlocks) * communities_per_side +
                                                    bx / kCommunityBlocks)]
              .id;
      for (int j = 2; j <= 6; j += 2) {
        for (int i = 2; i <= 6; i += 2) {
          const bool tower = rng() % 3 == 0;
          const std::uint32_t residents = EstimateResidents(tower ? 600 : 720, tower ? 18 : 6);
          const std::uint32_t elders = residents * (15 + rng() % 15) / 100;
          const std::size_t n = city.buildings.size();
          city.buildings.push_back(
              {"b" + std::to_string(n), static_cast<std::int64_t>(n + 1),
               coord_at((bx * kCellsPerBlock + i) * kCell, (by * kCellsPerBlock + j) * kCell + 12),
               residents, elders, community, true});
        }
      }
    }
  }
  // Facilities: type t goes on the street corner of block b when (b + offset) hits its rhythm,
  // 8 m inside the block so that it snaps to the street beside it.
  for (std::size_t t = 0; t < std::size(kRhythms); ++t) {
    const int every = kRhythms[t].every_blocks;
    const int offset = static_cast<int>(rng() % static_cast<std::uint32_t>(every));
    for (int b = 0; b < blocks * blocks; ++b) {
      if ((b + offset) % every != 0) continue;
      const int bx = b % blocks;
      const int by = b / blocks;
      const int along = 1 + static_cast<int>(rng() % (kCellsPerBlock - 1));
      const std::size_t n = city.facilities.size();
      city.facilities.push_back(
          {"f" + std::to_string(n), kRhythms[t].type,
           coord_at((bx * kCellsPerBlock + along) * kCell, by * kCellsPerBlock * kCell + 8)});
    }
  }
  city.graph = builder.Build();
  return city;
}

}  // namespace shequ::planning
