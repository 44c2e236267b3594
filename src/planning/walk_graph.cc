#include "planning/walk_graph.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

namespace shequ::planning {

Result<WalkGraph> WalkGraph::FromArrays(std::vector<std::uint32_t> offsets, std::vector<Arc> arcs,
                                        std::vector<Coord> coords) {
  if (offsets.size() != coords.size() + 1) {
    return InvalidArgument("graph: the offsets must number the nodes plus one");
  }
  if (offsets.front() != 0 || offsets.back() != arcs.size()) {
    return InvalidArgument("graph: the offsets must run from 0 to the arc count");
  }
  for (std::size_t i = 1; i < offsets.size(); ++i) {
    if (offsets[i] < offsets[i - 1]) return InvalidArgument("graph: the offsets fall");
  }
  for (const Arc& arc : arcs) {
    if (arc.target >= coords.size()) return InvalidArgument("graph: an arc leads to no node");
    if (!std::isfinite(arc.length_m) || arc.length_m < 0) {
      return InvalidArgument("graph: an arc has no valid length");
    }
  }
  WalkGraph graph;
  graph.offsets_ = std::move(offsets);
  graph.arcs_ = std::move(arcs);
  graph.coords_ = std::move(coords);
  return graph;
}

std::size_t WalkGraph::MemoryBytes() const {
  return offsets_.size() * sizeof(std::uint32_t) + arcs_.size() * sizeof(Arc) +
         coords_.size() * sizeof(Coord);
}

double WalkGraph::BytesPerNode() const {
  return coords_.empty() ? 0.0
                         : static_cast<double>(MemoryBytes()) / static_cast<double>(coords_.size());
}

NodeId WalkGraphBuilder::AddNode(Coord coord) {
  coords_.push_back(coord);
  return static_cast<NodeId>(coords_.size() - 1);
}

void WalkGraphBuilder::AddEdge(NodeId a, NodeId b, float length_m) {
  if (a == b) return;
  edges_.push_back({a, b, length_m});
}

std::uint32_t HilbertIndex(std::uint32_t x, std::uint32_t y) {
  // Classic iterative xy -> d over a 2^16 square: rotate the quadrant at each level.
  constexpr std::uint32_t kSide = 1u << 16;
  std::uint32_t d = 0;
  for (std::uint32_t s = kSide / 2; s > 0; s /= 2) {
    const std::uint32_t rx = (x & s) ? 1 : 0;
    const std::uint32_t ry = (y & s) ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry == 0) {
      if (rx == 1) {
        x = kSide - 1 - x;
        y = kSide - 1 - y;
      }
      std::swap(x, y);
    }
  }
  return d;
}

double HaversineMetres(Coord a, Coord b) {
  constexpr double kEarthRadiusM = 6371008.8;  // IUGG mean radius
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double lat1 = a.Lat() * kRad;
  const double lat2 = b.Lat() * kRad;
  const double dlat = lat2 - lat1;
  const double dlon = (b.Lon() - a.Lon()) * kRad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1) * std::cos(lat2) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(h)));
}

WalkGraph WalkGraphBuilder::Build(std::vector<NodeId>* new_id_of) {
  const std::size_t n = coords_.size();
  WalkGraph graph;

  // Hilbert order over the bounding box, ties by provisional id so the build is deterministic.
  std::vector<NodeId> order(n);
  std::iota(order.begin(), order.end(), NodeId{0});
  if (n > 0) {
    std::int64_t min_lat = coords_[0].lat_e7, max_lat = min_lat;
    std::int64_t min_lon = coords_[0].lon_e7, max_lon = min_lon;
    for (const Coord& c : coords_) {
      min_lat = std::min<std::int64_t>(min_lat, c.lat_e7);
      max_lat = std::max<std::int64_t>(max_lat, c.lat_e7);
      min_lon = std::min<std::int64_t>(min_lon, c.lon_e7);
      max_lon = std::max<std::int64_t>(max_lon, c.lon_e7);
    }
    const double span = static_cast<double>(
        std::max<std::int64_t>({max_lat - min_lat, max_lon - min_lon, std::int64_t{1}}));
    std::vector<std::uint32_t> key(n);
    for (std::size_t i = 0; i < n; ++i) {
      const auto x = static_cast<std::uint32_t>(static_cast<double>(coords_[i].lon_e7 - min_lon) /
                                                span * 65535.0);
      const auto y = static_cast<std::uint32_t>(static_cast<double>(coords_[i].lat_e7 - min_lat) /
                                                span * 65535.0);
      key[i] = HilbertIndex(x, y);
    }
    std::sort(order.begin(), order.end(),
              [&key](NodeId a, NodeId b) { return key[a] != key[b] ? key[a] < key[b] : a < b; });
  }
  std::vector<NodeId> new_id(n);
  for (std::size_t i = 0; i < n; ++i) new_id[order[i]] = static_cast<NodeId>(i);

  graph.coords_.resize(n);
  for (std::size_t i = 0; i < n; ++i) graph.coords_[new_id[i]] = coords_[i];

  graph.offsets_.assign(n + 1, 0);
  for (const Edge& e : edges_) {
    ++graph.offsets_[new_id[e.a] + 1];
    ++graph.offsets_[new_id[e.b] + 1];
  }
  for (std::size_t i = 0; i < n; ++i) graph.offsets_[i + 1] += graph.offsets_[i];
  graph.arcs_.resize(graph.offsets_[n]);
  std::vector<std::uint32_t> fill(graph.offsets_.begin(), graph.offsets_.end() - 1);
  for (const Edge& e : edges_) {
    const NodeId a = new_id[e.a];
    const NodeId b = new_id[e.b];
    graph.arcs_[fill[a]++] = {b, e.length_m};
    graph.arcs_[fill[b]++] = {a, e.length_m};
  }
  // Arcs of a node in target order: deterministic and kinder to the cache during relaxations.
  for (std::size_t i = 0; i < n; ++i) {
    std::sort(graph.arcs_.begin() + graph.offsets_[i], graph.arcs_.begin() + graph.offsets_[i + 1],
              [](const Arc& x, const Arc& y) {
                return x.target != y.target ? x.target < y.target : x.length_m < y.length_m;
              });
  }

  if (new_id_of != nullptr) *new_id_of = std::move(new_id);
  coords_.clear();
  edges_.clear();
  return graph;
}

std::vector<EdgePiece> StraightPieces(const WalkGraph& graph) {
  std::vector<EdgePiece> pieces;
  pieces.reserve(graph.ArcCount() / 2);
  for (NodeId u = 0; u < graph.NodeCount(); ++u) {
    for (const Arc& arc : graph.ArcsOf(u)) {
      if (u < arc.target) {
        pieces.push_back({u, arc.target, 0.0f, arc.length_m, arc.length_m, graph.CoordOf(u),
                          graph.CoordOf(arc.target)});
      }
    }
  }
  return pieces;
}

CollapsedGraph CollapseChains(const WalkGraph& graph) {
  const std::size_t n = graph.NodeCount();
  WalkGraphBuilder builder;
  std::vector<NodeId> kept(n, kNoNode);  // provisional id in `builder`
  std::vector<NodeId> original;
  auto keep = [&](NodeId v) {
    if (kept[v] == kNoNode) {
      kept[v] = builder.AddNode(graph.CoordOf(v));
      original.push_back(v);
    }
  };
  for (NodeId v = 0; v < n; ++v) {
    if (graph.Degree(v) != 2) keep(v);
  }

  std::vector<std::uint8_t> interior_done(n, 0);
  std::vector<EdgePiece> pieces;  // from/to provisional until the build
  struct Step {
    NodeId from;
    NodeId to;
    double start;
    float length;
  };
  std::vector<Step> steps;
  // Follows the chain leaving kept node `u` through `first`, and emits it unless it was emitted
  // already (from its other end, or through another arc of a cycle).
  auto walk = [&](NodeId u, const Arc& first) {
    if (kept[first.target] != kNoNode) {
      if (u < first.target) {
        builder.AddEdge(kept[u], kept[first.target], first.length_m);
        pieces.push_back({u, first.target, 0.0f, first.length_m, first.length_m, graph.CoordOf(u),
                          graph.CoordOf(first.target)});
      }
      return;
    }
    if (interior_done[first.target]) return;
    steps.clear();
    NodeId prev = u;
    NodeId cur = first.target;
    float incoming = first.length_m;
    double length = first.length_m;
    steps.push_back({u, cur, 0.0, first.length_m});
    while (kept[cur] == kNoNode) {
      interior_done[cur] = 1;
      // The arc out is the one that is not the way in (both arcs may lead to the same node).
      const std::span<const Arc> arcs = graph.ArcsOf(cur);
      const bool first_is_in = arcs[0].target == prev && arcs[0].length_m == incoming;
      const Arc& out = first_is_in ? arcs[1] : arcs[0];
      steps.push_back({cur, out.target, length, out.length_m});
      length += out.length_m;
      prev = cur;
      cur = out.target;
      incoming = out.length_m;
    }
    const NodeId w = cur;
    const auto edge_length = static_cast<float>(length);
    builder.AddEdge(kept[u], kept[w], edge_length);  // a loop (w == u) is dropped here
    for (const Step& step : steps) {
      pieces.push_back({u, w, static_cast<float>(step.start), step.length, edge_length,
                        graph.CoordOf(step.from), graph.CoordOf(step.to)});
    }
  };
  for (NodeId v = 0; v < n; ++v) {
    if (kept[v] == kNoNode) continue;
    for (const Arc& arc : graph.ArcsOf(v)) walk(v, arc);
  }
  // Whatever is left lies on cycles of degree-2 nodes only: keep one node of each.
  for (NodeId v = 0; v < n; ++v) {
    if (kept[v] != kNoNode || interior_done[v]) continue;
    keep(v);
    for (const Arc& arc : graph.ArcsOf(v)) walk(v, arc);
  }

  CollapsedGraph out;
  std::vector<NodeId> new_id;
  out.graph = builder.Build(&new_id);
  out.original_node.resize(original.size());
  for (std::size_t i = 0; i < original.size(); ++i) out.original_node[new_id[i]] = original[i];
  for (EdgePiece& piece : pieces) {
    piece.from = new_id[kept[piece.from]];
    piece.to = new_id[kept[piece.to]];
  }
  out.pieces = std::move(pieces);
  return out;
}

}  // namespace shequ::planning
