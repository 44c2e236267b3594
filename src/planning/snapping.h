// Snaps points (buildings, facilities) to the nearest point on an edge of a WalkGraph, using a
// Boost.Geometry R-tree over the edges' straight pieces in a local equirectangular projection.
// Built once per graph; queries are const and may run on many threads at once.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "planning/dijkstra.h"
#include "planning/walk_graph.h"

namespace shequ::planning {

struct Snap {
  NodeId from = kNoNode;  // the edge's end nodes; offset_m is measured from `from`
  NodeId to = kNoNode;
  double offset_m = 0;  // along the edge from `from`, in [0, edge_length_m]
  double edge_length_m = 0;
  double snap_distance_m = 0;  // straight line from the point to the snapped point
  Coord snapped;

  bool Valid() const { return from != kNoNode; }
  // Walking distance from the point to either end of its edge.
  double DistanceToFrom() const { return snap_distance_m + offset_m; }
  double DistanceToTo() const { return snap_distance_m + (edge_length_m - offset_m); }
  // The two search sources of the point, labelled `source`.
  void AppendSources(std::uint32_t source, std::vector<SearchSource>* out) const {
    out->push_back({from, DistanceToFrom(), source});
    out->push_back({to, DistanceToTo(), source});
  }
};

class EdgeSnapper {
 public:
  // Every edge of `graph` taken as a straight segment.
  explicit EdgeSnapper(const WalkGraph& graph);
  // Edges with their full geometry (a collapsed graph's pieces).
  explicit EdgeSnapper(std::vector<EdgePiece> pieces);
  ~EdgeSnapper();
  EdgeSnapper(EdgeSnapper&&) noexcept;
  EdgeSnapper& operator=(EdgeSnapper&&) noexcept;

  // The nearest point on any edge; an invalid Snap when the graph has no edge.
  Snap Nearest(Coord point) const;

 private:
  struct Index;
  std::unique_ptr<Index> index_;
};

}  // namespace shequ::planning
