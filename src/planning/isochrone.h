// Walking isochrones: the area a person reaches from a point within D metres of walking (D =
// minutes × walking speed). A bounded search from the snapped point reaches edges whole or in
// part (a partly reached edge is cut at the distance left); the reached pieces are widened into a
// walking corridor, unioned and small enclosed holes filled, and returned as GeoJSON polygons in
// WGS 84. An IsochroneMaker is immutable after construction: Make may run on many threads at
// once, each with its own SearchWorkspace.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "base/error.h"
#include "planning/dijkstra.h"
#include "planning/snapping.h"
#include "planning/walk_graph.h"

namespace shequ::planning {

struct IsochroneOptions {
  // Each reached piece of street becomes a corridor this wide (half on each side): about a street
  // with its pavements and the front of the buildings along it — the places a walker reaches,
  // not the backs of blocks the network does not enter.
  double corridor_width_m = 40;
  // Holes of the union smaller than this are filled: a block ringed by reached streets counts as
  // reached (its inside is courtyards and buildings with doors on those streets). 2 ha is a large
  // urban block; bigger holes (a park without paths, water) stay.
  double fill_holes_below_m2 = 20000;
  // An origin farther than this from the network is an error, not an empty area.
  double max_snap_distance_m = 200;
};

// One polygon in WGS 84, GeoJSON order: outer ring counter-clockwise, holes clockwise, every
// ring closed (first point repeated last).
struct IsochronePolygon {
  std::vector<Coord> outer;
  std::vector<std::vector<Coord>> holes;
};

struct Isochrone {
  std::vector<IsochronePolygon> polygons;
  double area_m2 = 0;
  double distance_m = 0;
  double snap_distance_m = 0;  // from the origin to the network, walked first
  std::size_t nodes_reached = 0;
  std::size_t pieces_reached = 0;  // straight pieces of street reached whole or in part
};

class IsochroneMaker {
 public:
  // `pieces` is the full geometry of the graph's edges (StraightPieces(graph) for an uncollapsed
  // graph, a CollapsedGraph's pieces otherwise); `snapper` must be built on the same graph.
  // Both `graph` and `snapper` must outlive the maker.
  IsochroneMaker(const WalkGraph& graph, const EdgeSnapper& snapper, std::vector<EdgePiece> pieces);

  // The area reached from `origin` within `distance_m` of walking, the walk to the network
  // included. Errors (kInvalidArgument): distance_m not a number in (0, 50000] (field
  // "distance_m"); an empty network, or an origin farther than max_snap_distance_m from it, or
  // one whose walk to the network already uses up the distance (field "origin").
  Result<Isochrone> Make(Coord origin, double distance_m, SearchWorkspace& workspace,
                         const IsochroneOptions& options = {}) const;

 private:
  const WalkGraph& graph_;
  const EdgeSnapper& snapper_;
  std::vector<EdgePiece> pieces_;
  // Pieces by node, CSR: the pieces of the edges at node n are
  // piece_ids_[piece_offsets_[n] .. piece_offsets_[n + 1]).
  std::vector<std::uint32_t> piece_offsets_;
  std::vector<std::uint32_t> piece_ids_;
};

// Walking distance for a number of minutes at a speed in metres per minute.
inline double WalkingDistanceM(double minutes, double speed_m_per_min) {
  return minutes * speed_m_per_min;
}

// The isochrone's area as a GeoJSON geometry: a Polygon when there is one, else a MultiPolygon.
nlohmann::json IsochroneGeoJson(const Isochrone& isochrone);

}  // namespace shequ::planning
