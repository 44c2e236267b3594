// Home care's use cases: the catalogue, orders with their subsidy, scheduling a community's day
// (eldercare/scheduling's PlanDay over the walking network or straight lines), manual assignment,
// the caregiver's day with check-in and check-out, missed visits, ratings. Each call checks the
// caller's permission and scope, validates its input (kInvalidArgument naming the field), writes
// in one transaction with an audit row, and returns plain structs; it knows nothing of HTTP.
//
// A worker's visits are checked for overlap inside the write transaction, after taking the
// worker's row lock on PostgreSQL (SQLite's BEGIN IMMEDIATE already serialises writers), so two
// assignments racing for one worker's hour cannot both win. Thread-safe: shares only the
// database pool, the clock and the planning service's network cache.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/audit_log.h"
#include "auth/permissions.h"
#include "auth/principal.h"
#include "base/civil_time.h"
#include "base/error.h"
#include "eldercare/homecare/homecare.h"
#include "eldercare/homecare/homecare_repository.h"
#include "eldercare/scheduling/visit_scheduling.h"
#include "registry/resident_facts.h"
#include "store/database.h"

namespace shequ::planning {
class PlanningService;
}

namespace shequ::eldercare {

struct NewHomeCareOrder {
  registry::ResidentId resident_id;
  std::string service_code;
  CivilDate date;
  int window_start_min = 0;
  int window_end_min = 0;
  std::string note;
};

struct OrderQuery {
  CommunityId community;  // invalid: the caller's community
  std::optional<CivilDate> date;
  std::optional<registry::ResidentId> resident;
  std::optional<HomeCareOrderStatus> status;
};

struct ScheduleRequest {
  CommunityId community;  // invalid: the caller's community
  CivilDate date;
  scheduling::SchedulingMethod method = scheduling::SchedulingMethod::kInsertionAndImprovement;
  bool dry_run = false;
};

struct ScheduledRoute {
  std::int64_t worker_id = 0;
  std::string worker_name;
  int travel_min = 0;
  std::vector<HomeCareVisit> visits;  // in the order they are made (id 0 on a dry run)
};

struct UnplacedOrder {
  std::int64_t order_id = 0;
  std::string reason;  // "no_qualified_caregiver" | "no_time_left" | "unreachable"
};

struct ScheduleOutcome {
  CivilDate date;
  scheduling::SchedulingMethod method = scheduling::SchedulingMethod::kInsertionAndImprovement;
  std::string travel_source;  // "walking_network" | "straight_line"
  std::int64_t total_travel_min = 0;
  std::int64_t baseline_travel_min = 0;  // nearest neighbour on the same day and travel times
  double solve_ms = 0;
  std::vector<ScheduledRoute> routes;
  std::vector<UnplacedOrder> unplaced;
};

struct CaregiverDayView {
  std::int64_t worker_id = 0;
  std::string worker_name;
  CivilDate date;
  std::vector<HomeCareVisit> visits;  // by planned start
};

class HomeCareService {
 public:
  // `planning` gives the walking network (its cache); it must outlive the service.
  HomeCareService(store::Database& database, const Clock& clock,
                  planning::PlanningService& planning)
      : database_(database), clock_(clock), planning_(planning) {}

  // Any signed-in caller: the whole catalogue, inactive entries included.
  Result<std::vector<CareService>> ListServices(const auth::Principal& caller);
  // An admin with kManageHomeCare: creates or replaces the entry `service.code`. Audited.
  Result<CareService> PutService(const auth::Principal& caller, const CareService& service,
                                 const auth::RequestOrigin& origin);

  // kBookHomeCare in the elder's place; a resident only for the members of their own household.
  // Errors: field "service_code" (unknown or inactive), "date" (before today), "window_start"/
  // "window_end"; kNotFound field "resident_id".
  Result<HomeCareOrder> PlaceOrder(const auth::Principal& caller, const NewHomeCareOrder& order,
                                   const auth::RequestOrigin& origin);
  // kReadEldercare in the community; a resident (kBookHomeCare) sees their household's orders.
  Result<std::vector<HomeCareOrder>> ListOrders(const auth::Principal& caller,
                                                const OrderQuery& query);
  // kManageHomeCare, or the booker's rights (kBookHomeCare; a resident for their household).
  // kConflict field "status" unless requested or scheduled with its visit not begun.
  Result<HomeCareOrder> CancelOrder(const auth::Principal& caller, std::int64_t order_id,
                                    const auth::RequestOrigin& origin);

  // kManageHomeCare: plans the day's open orders over the workers working that day; stores the
  // visits unless dry_run (replacing the planned, not started ones).
  Result<ScheduleOutcome> Schedule(const auth::Principal& caller, const ScheduleRequest& request,
                                   const auth::RequestOrigin& origin);
  // kManageHomeCare: gives an order to a worker at `start_min`. kConflict field "worker_id" when
  // the worker has another visit then; kInvalidArgument "worker_id" (skill, qualification, hours,
  // day) or "start" (outside the order's window).
  Result<HomeCareVisit> AssignVisit(const auth::Principal& caller, std::int64_t order_id,
                                    std::int64_t worker_id, int start_min,
                                    const auth::RequestOrigin& origin);
  // kReadEldercare: the day board (marks missed visits as it reads them).
  Result<std::vector<HomeCareVisit>> ListVisits(const auth::Principal& caller,
                                                CommunityId community, const CivilDate& date,
                                                std::optional<std::int64_t> worker,
                                                const auth::RequestOrigin& origin);

  // kDeliverHomeCare: the caller's own day (the worker linked to their login; kNotFound if none).
  Result<CaregiverDayView> MyDay(const auth::Principal& caller, const CivilDate& date,
                                 const auth::RequestOrigin& origin);
  // kDeliverHomeCare, own visits only (kNotFound for another's). Check-in on the visit's day,
  // once (kConflict "date", "status"); flags late and away_from_home.
  Result<HomeCareVisit> CheckIn(const auth::Principal& caller, std::int64_t visit_id, double lat,
                                double lon, const auth::RequestOrigin& origin);
  // After check-in only (kConflict "status"); the visit and its order become done.
  Result<HomeCareVisit> CheckOut(const auth::Principal& caller, std::int64_t visit_id, double lat,
                                 double lon, const std::string& note,
                                 const auth::RequestOrigin& origin);
  // kManageHomeCare or the booker's rights. 1..5 (field "rating"), after done (kConflict
  // "status"), once (kConflict "rating").
  Result<HomeCareVisit> Rate(const auth::Principal& caller, std::int64_t visit_id, int rating,
                             const std::string& comment, const auth::RequestOrigin& origin);

 private:
  Status CheckBooker(store::Connection& db, const auth::Principal& caller,
                     const registry::ResidentFacts& facts);
  Status CheckManagerOrBooker(store::Connection& db, const auth::Principal& caller,
                              const registry::ResidentFacts& facts);
  Result<CommunityId> CommunityFor(store::Connection& db, const auth::Principal& caller,
                                   CommunityId asked, auth::Permission permission,
                                   const char* field);
  // Marks the day's planned visits nobody checked in by their window's end + grace as missed
  // (and their orders), one audited transaction.
  Status SweepMissed(store::Connection& db, const auth::Principal& caller,
                     const auth::RequestOrigin& origin, CommunityId community,
                     const CivilDate& date);
  Result<HomeCareVisit> OwnVisit(store::Connection& db, const auth::Principal& caller,
                                 std::int64_t visit_id);

  store::Database& database_;
  const Clock& clock_;
  planning::PlanningService& planning_;
  auth::AuditLog audit_;
};

}  // namespace shequ::eldercare
