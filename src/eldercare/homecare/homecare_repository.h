// SQL for home care over store::Connection (migration 0013_homecare.sql: homecare_services,
// homecare_orders, homecare_visits): the only place in eldercare/homecare with SQL. Callers hold
// the connection and the transaction. Errors are the store's: kConflict for a broken constraint,
// kUnavailable, kInternal. Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "base/civil_time.h"
#include "base/error.h"
#include "eldercare/homecare/homecare.h"
#include "store/connection.h"

namespace shequ::eldercare {

Result<std::vector<CareService>> ListHomeCareServices(store::Connection& db);
Result<std::optional<CareService>> FindHomeCareService(store::Connection& db,
                                                       std::string_view code);
// Inserts the service, or updates every field of the one with its code; returns the stored row.
Result<CareService> UpsertHomeCareService(store::Connection& db, const CareService& service);

Result<std::int64_t> InsertHomeCareOrder(store::Connection& db, const HomeCareOrder& order,
                                         std::optional<UserId> ordered_by);
Result<std::optional<HomeCareOrder>> LoadHomeCareOrder(store::Connection& db, std::int64_t id);

struct OrderFilter {
  CommunityId community;  // required
  std::optional<CivilDate> date;
  std::optional<registry::ResidentId> resident;
  std::optional<HomeCareOrderStatus> status;
  std::optional<registry::HouseholdId>
      household;  // members of this household now (a resident's view)
};
Result<std::vector<HomeCareOrder>> ListHomeCareOrders(store::Connection& db,
                                                      const OrderFilter& filter);
Status SetHomeCareOrderStatus(store::Connection& db, std::int64_t id, HomeCareOrderStatus status,
                              Instant now);

// The minutes of `service`'s monthly allowance the resident's live (not cancelled) orders with
// dates in [from, to] use.
Result<int> SubsidisedMinutesUsed(store::Connection& db, registry::ResidentId resident,
                                  std::int64_t service_id, const CivilDate& from,
                                  const CivilDate& to);

// Serialises writers on one resident's (or worker's) rows: the row lock on PostgreSQL
// (SELECT ... FOR UPDATE); on SQLite the transaction already holds the write lock (BEGIN
// IMMEDIATE), so nothing more is needed. Call inside the transaction.
Status LockResident(store::Connection& db, registry::ResidentId resident);
Status LockCareWorker(store::Connection& db, std::int64_t worker_id);

struct NewVisit {
  CommunityId community;
  std::int64_t order_id = 0;
  std::int64_t worker_id = 0;
  CivilDate date;
  int planned_start_min = 0;
  int planned_end_min = 0;
  int travel_min_before = 0;
};
Result<std::int64_t> InsertHomeCareVisit(store::Connection& db, const NewVisit& visit, Instant now);
Result<std::optional<HomeCareVisit>> LoadHomeCareVisit(store::Connection& db, std::int64_t id);

struct VisitFilter {
  CommunityId community;  // invalid: any (with worker set)
  CivilDate date;
  std::optional<std::int64_t> worker;
  std::optional<registry::ResidentId> resident;
  bool include_cancelled = false;
};
// Ordered by worker, planned start, id.
Result<std::vector<HomeCareVisit>> ListHomeCareVisits(store::Connection& db,
                                                      const VisitFilter& filter);

// The worker's planned or in-progress visits on `date` overlapping [start, end) (travel ignored),
// other than those of `except_order`.
Result<std::vector<std::int64_t>> OverlappingVisits(store::Connection& db, std::int64_t worker_id,
                                                    const CivilDate& date, int start_min,
                                                    int end_min, std::int64_t except_order);

// Deletes the planned (not started) visits of `orders` — a visit that never began leaves nothing
// worth keeping when it is planned again.
Status DeletePlannedVisitsOfOrder(store::Connection& db, std::int64_t order_id);
Status SetHomeCareVisitStatus(store::Connection& db, std::int64_t id, HomeCareVisitStatus status,
                              Instant now);
Status RecordCheckIn(store::Connection& db, std::int64_t id, Instant at, double lat, double lon,
                     bool late, bool away_from_home);
Status RecordCheckOut(store::Connection& db, std::int64_t id, Instant at, double lat, double lon,
                      const std::string& note);
Status RecordRating(store::Connection& db, std::int64_t id, int rating, const std::string& comment,
                    UserId by, Instant now);

}  // namespace shequ::eldercare
