#include "planning/isochrone.h"

#include <algorithm>
#include <cmath>
// g++ 12 with Boost 1.74: Boost.Geometry uses std::pair without including <utility>.
#include <utility>

#define BOOST_ALLOW_DEPRECATED_HEADERS
// g++ 12 -O2 sees a box in Boost.Geometry's buffer envelope code as maybe uninitialized (it is
// set on first use); the warning is about Boost's code, not ours.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/geometry.hpp>
#pragma GCC diagnostic pop
#include <string>

namespace shequ::planning {

namespace bg = boost::geometry;

namespace {

using Point = bg::model::point<double, 2, bg::cs::cartesian>;
using LineString = bg::model::linestring<Point>;
using MultiLineString = bg::model::multi_linestring<LineString>;
// Counter-clockwise outer rings, closed: GeoJSON's order.
using BgPolygon = bg::model::polygon<Point, false, true>;
using MultiPolygon = bg::model::multi_polygon<BgPolygon>;

constexpr double kPi = 3.14159265358979323846;
constexpr double kMetresPerDegree = 6371008.8 * kPi / 180.0;
constexpr double kMaxDistanceM = 50000;
// Points per full circle of the corridor's round ends and joins: 16 keeps a 20 m radius within
// 0.4 m of the true circle while keeping the union cheap.
constexpr int kPointsPerCircle = 16;

// Equirectangular metres about the origin: an isochrone spans a few kilometres at most, where the
// distortion is far below the corridor width.
struct LocalProjection {
  Coord origin;
  double lon_scale;

  explicit LocalProjection(Coord o)
      : origin(o), lon_scale(kMetresPerDegree * std::cos(o.Lat() * kPi / 180.0)) {}
  Point Forward(Coord c) const {
    return {(c.Lon() - origin.Lon()) * lon_scale, (c.Lat() - origin.Lat()) * kMetresPerDegree};
  }
  Coord Inverse(const Point& p) const {
    return {static_cast<std::int32_t>(
                std::lround((origin.Lat() + p.get<1>() / kMetresPerDegree) * 1e7)),
            static_cast<std::int32_t>(std::lround((origin.Lon() + p.get<0>() / lon_scale) * 1e7))};
  }
};

struct Interval {
  double begin;
  double end;
};

template <typename RingT>
std::vector<Coord> ToCoords(const RingT& ring, const LocalProjection& projection) {
  std::vector<Coord> out;
  out.reserve(ring.size());
  for (const Point& p : ring) out.push_back(projection.Inverse(p));
  return out;
}

}  // namespace

IsochroneMaker::IsochroneMaker(const WalkGraph& graph, const EdgeSnapper& snapper,
                               std::vector<EdgePiece> pieces)
    : graph_(graph), snapper_(snapper), pieces_(std::move(pieces)) {
  piece_offsets_.assign(graph_.NodeCount() + 1, 0);
  for (const EdgePiece& piece : pieces_) {
    ++piece_offsets_[piece.from + 1];
    if (piece.to != piece.from) ++piece_offsets_[piece.to + 1];
  }
  for (std::size_t n = 0; n < graph_.NodeCount(); ++n) piece_offsets_[n + 1] += piece_offsets_[n];
  piece_ids_.resize(piece_offsets_.back());
  std::vector<std::uint32_t> fill(piece_offsets_.begin(), piece_offsets_.end() - 1);
  for (std::uint32_t i = 0; i < pieces_.size(); ++i) {
    piece_ids_[fill[pieces_[i].from]++] = i;
    if (pieces_[i].to != pieces_[i].from) piece_ids_[fill[pieces_[i].to]++] = i;
  }
}

Result<Isochrone> IsochroneMaker::Make(Coord origin, double distance_m, SearchWorkspace& workspace,
                                       const IsochroneOptions& options) const {
  if (!(distance_m > 0) || !(distance_m <= kMaxDistanceM)) {
    return InvalidArgument("distance_m must be a number of metres in (0, " +
                               std::to_string(static_cast<int>(kMaxDistanceM)) + "]",
                           "distance_m");
  }
  const Snap snap = snapper_.Nearest(origin);
  if (!snap.Valid()) return InvalidArgument("the walking network is empty", "origin");
  if (snap.snap_distance_m > options.max_snap_distance_m) {
    return InvalidArgument("the origin is " + std::to_string(std::lround(snap.snap_distance_m)) +
                               " m from the walking network (at most " +
                               std::to_string(std::lround(options.max_snap_distance_m)) +
                               " m allowed)",
                           "origin");
  }
  const double along_start = distance_m - snap.snap_distance_m;
  if (along_start <= 0) {
    return InvalidArgument("the walk from the origin to the network already takes the whole " +
                               std::to_string(std::lround(distance_m)) + " m",
                           "origin");
  }

  std::vector<SearchSource> sources;
  snap.AppendSources(0, &sources);
  workspace.Run(sources, distance_m);

  // The pieces that touch a reached node, and those of the origin's own edge (whose ends may be
  // out of reach when the edge is long).
  std::vector<std::uint32_t> candidates;
  auto add_pieces_of = [&](NodeId node) {
    for (std::uint32_t k = piece_offsets_[node]; k < piece_offsets_[node + 1]; ++k) {
      candidates.push_back(piece_ids_[k]);
    }
  };
  for (const NodeId node : workspace.Reached()) {
    if (workspace.Distance(node) <= distance_m) add_pieces_of(node);
  }
  add_pieces_of(snap.from);
  std::ranges::sort(candidates);
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

  const LocalProjection projection(origin);
  MultiLineString reached;
  std::vector<Interval> intervals;
  Isochrone isochrone;
  isochrone.distance_m = distance_m;
  isochrone.snap_distance_m = snap.snap_distance_m;
  for (const NodeId node : workspace.Reached()) {
    if (workspace.Distance(node) <= distance_m) ++isochrone.nodes_reached;
  }
  for (const std::uint32_t id : candidates) {
    const EdgePiece& piece = pieces_[id];
    const double edge_length = piece.edge_length_m;
    // Reached stretches of the whole edge, measured from `from`.
    intervals.clear();
    if (const double d = workspace.Distance(piece.from); d <= distance_m) {
      intervals.push_back({0, distance_m - d});
    }
    if (const double d = workspace.Distance(piece.to); d <= distance_m) {
      intervals.push_back({edge_length - (distance_m - d), edge_length});
    }
    if (piece.from == snap.from && piece.to == snap.to &&
        static_cast<double>(piece.edge_length_m) == snap.edge_length_m) {
      intervals.push_back({snap.offset_m - along_start, snap.offset_m + along_start});
    }
    // Clip to this piece and turn each stretch into a straight sub-segment of it.
    const double start = piece.start_m;
    const double length = piece.piece_length_m;
    if (length <= 0) continue;
    std::ranges::sort(intervals, {}, &Interval::begin);
    const Point a = projection.Forward(piece.a);
    const Point b = projection.Forward(piece.b);
    auto at = [&](double along_edge) {
      const double t = (along_edge - start) / length;
      // The piece's own ends exactly, so that consecutive pieces meet and chain (below).
      if (t <= 0) return a;
      if (t >= 1) return b;
      return Point{a.get<0>() + t * (b.get<0>() - a.get<0>()),
                   a.get<1>() + t * (b.get<1>() - a.get<1>())};
    };
    bool any = false;
    double run_begin = 0;
    double run_end = -1;
    auto flush = [&] {
      const double lo = std::max(run_begin, start);
      const double hi = std::min(run_end, start + length);
      if (hi - lo > 1e-3) {
        const Point from = at(lo);
        const Point to = at(hi);
        // Pieces of one street come one after the other: continuing the previous line instead
        // of starting a new one saves the buffer two round ends and a union per piece, which
        // is most of its work.
        if (!reached.empty() && bg::equals(reached.back().back(), from)) {
          reached.back().push_back(to);
        } else {
          reached.push_back(LineString{from, to});
        }
        any = true;
      }
    };
    bool open = false;
    for (const Interval& interval : intervals) {
      if (open && interval.begin <= run_end) {
        run_end = std::max(run_end, interval.end);
        continue;
      }
      if (open) flush();
      run_begin = interval.begin;
      run_end = interval.end;
      open = true;
    }
    if (open) flush();
    if (any) ++isochrone.pieces_reached;
  }
  if (reached.empty()) {
    return InvalidArgument("no street is reached from the origin within " +
                               std::to_string(std::lround(distance_m)) + " m",
                           "origin");
  }

  MultiPolygon area;
  const bg::strategy::buffer::distance_symmetric<double> half_width(options.corridor_width_m / 2);
  const bg::strategy::buffer::side_straight side;
  const bg::strategy::buffer::join_round join(kPointsPerCircle);
  const bg::strategy::buffer::end_round end(kPointsPerCircle);
  const bg::strategy::buffer::point_circle circle(kPointsPerCircle);
  bg::buffer(reached, area, half_width, side, join, end, circle);

  for (BgPolygon& polygon : area) {
    auto& holes = polygon.inners();
    std::erase_if(holes, [&](const auto& ring) {
      return std::abs(bg::area(ring)) < options.fill_holes_below_m2;
    });
  }
  isochrone.area_m2 = bg::area(area);
  for (const BgPolygon& polygon : area) {
    IsochronePolygon out;
    out.outer = ToCoords(polygon.outer(), projection);
    for (const auto& hole : polygon.inners()) out.holes.push_back(ToCoords(hole, projection));
    isochrone.polygons.push_back(std::move(out));
  }
  return isochrone;
}

nlohmann::json IsochroneGeoJson(const Isochrone& isochrone) {
  using nlohmann::json;
  auto ring_json = [](const std::vector<Coord>& ring) {
    json out = json::array();
    for (const Coord& c : ring) out.push_back({c.Lon(), c.Lat()});
    return out;
  };
  json polygons = json::array();
  for (const IsochronePolygon& polygon : isochrone.polygons) {
    json rings = json::array();
    rings.push_back(ring_json(polygon.outer));
    for (const auto& hole : polygon.holes) rings.push_back(ring_json(hole));
    polygons.push_back(std::move(rings));
  }
  if (polygons.size() == 1) return {{"type", "Polygon"}, {"coordinates", polygons[0]}};
  return {{"type", "MultiPolygon"}, {"coordinates", std::move(polygons)}};
}

}  // namespace shequ::planning
