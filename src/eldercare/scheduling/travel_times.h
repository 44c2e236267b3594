// Travel times between the places of a day's visits (homes and caregivers' start points), in
// whole minutes of walking. An interface so that the scheduler runs on the real walking network
// when an OSM import is there, and on straight-line distance (with a detour factor) when it is
// not. Implemented in travel_times.cc.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "base/error.h"

namespace shequ::planning {
class WalkGraph;
class EdgeSnapper;
}  // namespace shequ::planning

namespace shequ::eldercare::scheduling {

struct LatLon {
  double lat = 0;
  double lon = 0;
};

class TravelTimes {
 public:
  virtual ~TravelTimes() = default;
  virtual std::size_t size() const = 0;
  // Minutes from point `from` to point `to`; kUnreachableMinutes when there is no way.
  virtual int Minutes(std::size_t from, std::size_t to) const = 0;
  static constexpr int kUnreachableMinutes = 1 << 20;
};

// Great-circle distance × detour factor ÷ speed.
std::unique_ptr<TravelTimes> StraightLineTravelTimes(std::vector<LatLon> points,
                                                     double metres_per_minute = 60.0,
                                                     double detour_factor = 1.3);

// Walking distance on the network (each point snapped to its nearest edge; one search per point,
// in parallel), ÷ speed. kInvalidArgument (field "points") when a point is further than
// max_snap_m from the network.
Result<std::unique_ptr<TravelTimes>> WalkingTravelTimes(const planning::WalkGraph& graph,
                                                        const planning::EdgeSnapper& snapper,
                                                        const std::vector<LatLon>& points,
                                                        double metres_per_minute = 60.0,
                                                        double max_snap_m = 300.0);

}  // namespace shequ::eldercare::scheduling
