#include "planning/snapping.h"

// g++ 12 with Boost 1.74: Boost.Geometry uses std::pair without including <utility>.
#include <utility>

#define BOOST_ALLOW_DEPRECATED_HEADERS
#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <cmath>

namespace shequ::planning {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {
using Point = bg::model::point<double, 2, bg::cs::cartesian>;
using Segment = bg::model::segment<Point>;
using Value = std::pair<Segment, std::uint32_t>;  // segment, index of its arc (from < to)

constexpr double kMetresPerDegree = 6371008.8 * 3.14159265358979323846 / 180.0;
}  // namespace

// Equirectangular projection about the pieces' mean latitude: within a city (tens of km) the
// distortion is far below the accuracy of the mapped geometry, and it makes the nearest point on
// a segment a plain planar projection.
struct EdgeSnapper::Index {
  double lon_scale = 1;  // metres per degree of longitude at the reference latitude
  std::vector<EdgePiece> pieces;
  bgi::rtree<Value, bgi::rstar<16>> tree;

  Point Project(Coord c) const { return {c.Lon() * lon_scale, c.Lat() * kMetresPerDegree}; }
};

EdgeSnapper::EdgeSnapper(const WalkGraph& graph) : EdgeSnapper(StraightPieces(graph)) {}

EdgeSnapper::EdgeSnapper(std::vector<EdgePiece> pieces) : index_(std::make_unique<Index>()) {
  double lat_sum = 0;
  for (const EdgePiece& piece : pieces) lat_sum += piece.a.Lat();
  const double mean_lat = pieces.empty() ? 0 : lat_sum / static_cast<double>(pieces.size());
  index_->lon_scale = kMetresPerDegree * std::cos(mean_lat * 3.14159265358979323846 / 180.0);
  std::vector<Value> values;
  values.reserve(pieces.size());
  for (std::uint32_t i = 0; i < pieces.size(); ++i) {
    values.push_back({Segment{index_->Project(pieces[i].a), index_->Project(pieces[i].b)}, i});
  }
  index_->pieces = std::move(pieces);
  index_->tree = bgi::rtree<Value, bgi::rstar<16>>(values.begin(), values.end());  // bulk load
}

EdgeSnapper::~EdgeSnapper() = default;
EdgeSnapper::EdgeSnapper(EdgeSnapper&&) noexcept = default;
EdgeSnapper& EdgeSnapper::operator=(EdgeSnapper&&) noexcept = default;

Snap EdgeSnapper::Nearest(Coord point) const {
  Snap snap;
  const Point p = index_->Project(point);
  const Value* best = nullptr;
  for (auto it = index_->tree.qbegin(bgi::nearest(p, 1)); it != index_->tree.qend(); ++it) {
    best = &*it;
  }
  if (best == nullptr) return snap;
  const Point& a = best->first.first;
  const Point& b = best->first.second;
  const double dx = bg::get<0>(b) - bg::get<0>(a);
  const double dy = bg::get<1>(b) - bg::get<1>(a);
  const double len2 = dx * dx + dy * dy;
  double t = 0;
  if (len2 > 0) {
    t = ((bg::get<0>(p) - bg::get<0>(a)) * dx + (bg::get<1>(p) - bg::get<1>(a)) * dy) / len2;
    t = std::clamp(t, 0.0, 1.0);
  }
  const double sx = bg::get<0>(a) + t * dx;
  const double sy = bg::get<1>(a) + t * dy;
  const EdgePiece& piece = index_->pieces[best->second];
  snap.from = piece.from;
  snap.to = piece.to;
  // Along-edge offsets use the stored (haversine) lengths, so both ends add up to the edge.
  snap.edge_length_m = piece.edge_length_m;
  snap.offset_m = std::clamp(static_cast<double>(piece.start_m) + t * piece.piece_length_m, 0.0,
                             snap.edge_length_m);
  snap.snap_distance_m = std::hypot(bg::get<0>(p) - sx, bg::get<1>(p) - sy);
  snap.snapped = {static_cast<std::int32_t>(std::lround(sy / kMetresPerDegree * 1e7)),
                  static_cast<std::int32_t>(std::lround(sx / index_->lon_scale * 1e7))};
  return snap;
}

}  // namespace shequ::planning
