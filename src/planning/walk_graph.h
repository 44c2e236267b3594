// The walking network as a compact CSR graph: 32-bit node ids, node coordinates, and per node a
// contiguous run of arcs {target, length in metres}. Every walkable segment is stored as two arcs.
// Nodes are numbered along a Hilbert curve over the bounding box so that nodes near each other on
// the ground are near each other in memory. Immutable once built: safe to share between threads.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "base/error.h"

namespace shequ::planning {

using NodeId = std::uint32_t;
inline constexpr NodeId kNoNode = 0xFFFFFFFFu;

// Lengths are stored as float metres (enough for one edge); every sum of lengths is a double.
struct Arc {
  NodeId target;
  float length_m;
};

// Degrees times 1e7, as OSM stores them: exact round trip of OSM coordinates in 8 bytes per node.
struct Coord {
  std::int32_t lat_e7 = 0;
  std::int32_t lon_e7 = 0;

  double Lat() const { return lat_e7 * 1e-7; }
  double Lon() const { return lon_e7 * 1e-7; }
  // From degrees, rounded to the nearest 1e-7 (a round trip of stored OSM coordinates is exact).
  static Coord FromDegrees(double lat, double lon) {
    return {static_cast<std::int32_t>(std::lround(lat * 1e7)),
            static_cast<std::int32_t>(std::lround(lon * 1e7))};
  }
};

class WalkGraph {
 public:
  WalkGraph() = default;

  std::size_t NodeCount() const { return coords_.size(); }
  // Arcs, i.e. twice the number of undirected edges.
  std::size_t ArcCount() const { return arcs_.size(); }

  std::span<const Arc> ArcsOf(NodeId node) const {
    return {arcs_.data() + offsets_[node], arcs_.data() + offsets_[node + 1]};
  }
  std::uint32_t Degree(NodeId node) const { return offsets_[node + 1] - offsets_[node]; }
  const Coord& CoordOf(NodeId node) const { return coords_[node]; }

  std::span<const std::uint32_t> Offsets() const { return offsets_; }
  std::span<const Arc> Arcs() const { return arcs_; }
  std::span<const Coord> Coords() const { return coords_; }

  // A graph from its three arrays (as Offsets(), Arcs() and Coords() give them), checked: the
  // offsets start at 0, never fall and end at the arc count, every target is a node, every length
  // finite and not negative. kInvalidArgument saying what is wrong otherwise. For graphs read back
  // from storage (graph_codec.h); new graphs come from WalkGraphBuilder.
  static Result<WalkGraph> FromArrays(std::vector<std::uint32_t> offsets, std::vector<Arc> arcs,
                                      std::vector<Coord> coords);

  // Bytes held by the graph's arrays (offsets, arcs, coordinates), and that per node.
  std::size_t MemoryBytes() const;
  double BytesPerNode() const;

 private:
  friend class WalkGraphBuilder;
  std::vector<std::uint32_t> offsets_;  // NodeCount() + 1 entries
  std::vector<Arc> arcs_;
  std::vector<Coord> coords_;
};

// Collects nodes and undirected edges in any order, then builds the CSR graph. Node ids handed
// out by AddNode are provisional: Build() renumbers along the Hilbert curve and reports the
// mapping. Not thread-safe.
class WalkGraphBuilder {
 public:
  // Returns the provisional id of the new node.
  NodeId AddNode(Coord coord);
  // An undirected edge; self-loops are ignored.
  void AddEdge(NodeId a, NodeId b, float length_m);

  std::size_t NodeCount() const { return coords_.size(); }
  std::size_t EdgeCount() const { return edges_.size(); }

  // Builds the graph. When `new_id_of` is given it receives, per provisional id, the final id.
  // The builder is left empty.
  WalkGraph Build(std::vector<NodeId>* new_id_of = nullptr);

 private:
  struct Edge {
    NodeId a;
    NodeId b;
    float length_m;
  };
  std::vector<Coord> coords_;
  std::vector<Edge> edges_;
};

// One straight piece of an edge's geometry, for snapping: it runs from `a` to `b` and starts
// `start_m` along its edge from `from`. An uncollapsed edge is one piece; a collapsed chain is
// one piece per original segment. A chain that comes back to its start has from == to.
struct EdgePiece {
  NodeId from;
  NodeId to;
  float start_m;
  float piece_length_m;
  float edge_length_m;
  Coord a;
  Coord b;
};

// The pieces of a graph whose edges are all straight: one per undirected edge.
std::vector<EdgePiece> StraightPieces(const WalkGraph& graph);

struct CollapsedGraph {
  WalkGraph graph;
  std::vector<NodeId> original_node;  // per node of `graph`, its id in the input graph
  std::vector<EdgePiece> pieces;      // the full geometry of every edge of `graph`
};

// Replaces every chain of degree-2 nodes by one edge as long as the chain (summed in double,
// stored as float), keeping the chain's geometry as pieces so that snapping stays exact. Shortest
// distances between kept nodes are unchanged up to the float rounding of a chain's length. A
// cycle of degree-2 nodes only keeps one of its nodes.
CollapsedGraph CollapseChains(const WalkGraph& graph);

// Position of (x, y) along a Hilbert curve over a 2^16 x 2^16 grid.
std::uint32_t HilbertIndex(std::uint32_t x, std::uint32_t y);

// Great-circle distance in metres (haversine, mean Earth radius).
double HaversineMetres(Coord a, Coord b);

}  // namespace shequ::planning
