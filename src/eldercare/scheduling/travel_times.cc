#include "eldercare/scheduling/travel_times.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <string>
#include <thread>
#include <utility>

#include "planning/dijkstra.h"
#include "planning/snapping.h"
#include "planning/walk_graph.h"

namespace shequ::eldercare::scheduling {
namespace {

// A dense row-major matrix of whole minutes: n ≤ ~2,500 points a day is ≤ 6.25 M ints (25 MB),
// and the scheduler reads it millions of times, so a lookup must be one load.
class MatrixTravelTimes final : public TravelTimes {
 public:
  MatrixTravelTimes(std::size_t n, std::vector<int> minutes)
      : n_(n), minutes_(std::move(minutes)) {}
  std::size_t size() const override { return n_; }
  int Minutes(std::size_t from, std::size_t to) const override { return minutes_[from * n_ + to]; }

 private:
  std::size_t n_;
  std::vector<int> minutes_;
};

// Metres to whole minutes, rounded up: a caregiver planned to arrive at 10:07 after 6.2 minutes
// of walking must not be shown as arriving at 10:06. ceil(a + b) ≤ ceil(a) + ceil(b), so the
// triangle inequality of the distances survives the rounding.
int MetresToMinutes(double metres, double metres_per_minute) {
  if (!std::isfinite(metres)) return TravelTimes::kUnreachableMinutes;
  const double minutes = std::ceil(metres / metres_per_minute - 1e-9);
  if (minutes >= TravelTimes::kUnreachableMinutes) return TravelTimes::kUnreachableMinutes;
  return std::max(0, static_cast<int>(minutes));
}

// Beyond this the dense matrix stops being "fine" (10,000² ints = 400 MB).
constexpr std::size_t kMaxPoints = 10'000;

}  // namespace

std::unique_ptr<TravelTimes> StraightLineTravelTimes(std::vector<LatLon> points,
                                                     double metres_per_minute,
                                                     double detour_factor) {
  // Programmer errors: the speed and factor are the caller's constants, not user input.
  assert(metres_per_minute > 0 && detour_factor > 0);
  const std::size_t n = points.size();
  std::vector<planning::Coord> coords;
  coords.reserve(n);
  for (const LatLon& p : points) coords.push_back(planning::Coord::FromDegrees(p.lat, p.lon));
  std::vector<int> minutes(n * n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const double metres = planning::HaversineMetres(coords[i], coords[j]) * detour_factor;
      const int m = MetresToMinutes(metres, metres_per_minute);
      minutes[i * n + j] = m;
      minutes[j * n + i] = m;
    }
  }
  return std::make_unique<MatrixTravelTimes>(n, std::move(minutes));
}

Result<std::unique_ptr<TravelTimes>> WalkingTravelTimes(const planning::WalkGraph& graph,
                                                        const planning::EdgeSnapper& snapper,
                                                        const std::vector<LatLon>& points,
                                                        double metres_per_minute,
                                                        double max_snap_m) {
  if (!(metres_per_minute > 0) || !std::isfinite(metres_per_minute)) {
    return InvalidArgument("walking speed must be a positive number of metres a minute",
                           "metres_per_minute");
  }
  const std::size_t n = points.size();
  if (n > kMaxPoints) {
    return InvalidArgument("at most " + std::to_string(kMaxPoints) + " points a day", "points");
  }
  std::vector<planning::Snap> snaps(n);
  for (std::size_t i = 0; i < n; ++i) {
    const LatLon& p = points[i];
    if (!std::isfinite(p.lat) || !std::isfinite(p.lon) || std::abs(p.lat) > 90 ||
        std::abs(p.lon) > 180) {
      return InvalidArgument("point " + std::to_string(i) + " is not a valid latitude/longitude",
                             "points");
    }
    snaps[i] = snapper.Nearest(planning::Coord::FromDegrees(p.lat, p.lon));
    if (!snaps[i].Valid() || snaps[i].snap_distance_m > max_snap_m) {
      return InvalidArgument("point " + std::to_string(i) + " is further than " +
                                 std::to_string(static_cast<int>(max_snap_m)) +
                                 " m from the walking network",
                             "points");
    }
  }

  std::vector<int> minutes(n * n, 0);
  // One unbounded search per point, each from the two ends of the point's edge; every task writes
  // only its own row. A few threads: the server shares its cores with the requests it serves.
  const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
  planning::ParallelSearches(
      graph, n, threads, [&](std::size_t i, planning::SearchWorkspace& workspace) {
        std::vector<planning::SearchSource> sources;
        snaps[i].AppendSources(0, &sources);
        workspace.Run(sources, planning::kUnreachable);
        const planning::Snap& a = snaps[i];
        int* row = minutes.data() + i * n;
        for (std::size_t j = 0; j < n; ++j) {
          if (j == i) continue;
          const planning::Snap& b = snaps[j];
          double metres = std::min(workspace.Distance(b.from) + b.DistanceToFrom(),
                                   workspace.Distance(b.to) + b.DistanceToTo());
          // Two points on the same edge may also walk straight along it, which no search through
          // the edge's ends sees. The snap has no edge id: the same two ends and length stand for
          // it (two parallel chains of exactly equal float length are not told apart).
          if (a.edge_length_m == b.edge_length_m) {
            if (a.from == b.from && a.to == b.to) {
              metres = std::min(metres, a.snap_distance_m + std::abs(a.offset_m - b.offset_m) +
                                            b.snap_distance_m);
            } else if (a.from == b.to && a.to == b.from) {
              const double b_offset_from_a_from = b.edge_length_m - b.offset_m;
              metres =
                  std::min(metres, a.snap_distance_m + std::abs(a.offset_m - b_offset_from_a_from) +
                                       b.snap_distance_m);
            }
          }
          row[j] = MetresToMinutes(metres, metres_per_minute);
        }
      });
  return std::unique_ptr<TravelTimes>(std::make_unique<MatrixTravelTimes>(n, std::move(minutes)));
}

}  // namespace shequ::eldercare::scheduling
