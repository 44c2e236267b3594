// Scheduling caregivers' days (居家养老上门服务排班): which caregiver makes which visit and when,
// so that every visit starts inside its time window, each caregiver works only within their hours
// and only on services they have the skill and the valid qualification for, and the total travel
// between homes is small. Pure: no database, no clock; the home-care service loads the day and
// stores the result.
//
// Interface fixed by the lead (home care calls it); implemented in visit_scheduling.cc.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/error.h"
#include "eldercare/scheduling/travel_times.h"

namespace shequ::eldercare::scheduling {

// One caregiver's day. Times are minutes after midnight, local time.
struct CaregiverDay {
  std::int64_t id = 0;
  std::vector<std::string> skills;          // service skill codes they may do
  std::vector<std::string> qualifications;  // qualification codes valid on the day
  int shift_start_min = 8 * 60;
  int shift_end_min = 17 * 60;
  int location = 0;  // index into the TravelTimes' points: where the day starts and ends
};

// One visit to place.
struct VisitRequest {
  std::int64_t id = 0;
  std::string skill;                   // empty: anyone
  std::string required_qualification;  // empty: none
  int window_start_min = 0;            // the visit must START inside [start, end]
  int window_end_min = 24 * 60;
  int duration_min = 60;
  int location = 0;  // index into the TravelTimes' points: the elder's home
  // Set when the visit is already given to one caregiver (checked in, or fixed by a worker):
  // the scheduler keeps it there.
  std::int64_t fixed_caregiver_id = 0;
};

enum class SchedulingMethod {
  kNearestNeighbour,        // the baseline: each caregiver in turn takes the nearest feasible visit
  kInsertionAndImprovement  // cheapest feasible insertion, then local search (relocate, swap)
};

struct SchedulingOptions {
  SchedulingMethod method = SchedulingMethod::kInsertionAndImprovement;
  int improvement_time_limit_ms = 2000;  // local search stops here (the answer is kept)
  std::uint64_t seed = 1;                // the result is deterministic for a seed
};

struct ScheduledVisit {
  std::int64_t visit_id = 0;
  int start_min = 0;
  int travel_min_before = 0;  // from the previous stop (or the start location)
};

struct CaregiverRoute {
  std::int64_t caregiver_id = 0;
  std::vector<ScheduledVisit> visits;  // in the order they are made
  int travel_min = 0;                  // including the way back to the start location
};

// Why a visit could not be placed (for the worker to act on).
enum class UnplacedReason { kNoQualifiedCaregiver, kNoTimeLeft, kUnreachable };

struct UnplacedVisit {
  std::int64_t visit_id = 0;
  UnplacedReason reason = UnplacedReason::kNoTimeLeft;
};

struct DaySchedule {
  std::vector<CaregiverRoute> routes;  // one per caregiver, in the input order
  std::vector<UnplacedVisit> unplaced;
  std::int64_t total_travel_min = 0;
  double solve_ms = 0;
};

// Plans the day. kInvalidArgument (field names the visit or caregiver) for a window that cannot
// hold the visit, a location outside `travel`, a fixed caregiver who is not in the list.
Result<DaySchedule> PlanDay(const std::vector<CaregiverDay>& caregivers,
                            const std::vector<VisitRequest>& visits, const TravelTimes& travel,
                            const SchedulingOptions& options = {});

std::string_view UnplacedReasonName(UnplacedReason reason);

}  // namespace shequ::eldercare::scheduling
