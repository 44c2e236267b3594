// SQL for the canteen over store::Connection: the only place in eldercare/canteen with SQL.
// Callers hold the connection (and the transaction). Errors are the store's: kConflict for a
// broken constraint, kUnavailable, kInternal. Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/civil_time.h"
#include "base/error.h"
#include "eldercare/canteen/canteen.h"
#include "eldercare/canteen/canteen_settlement.h"
#include "eldercare/canteen/canteen_subsidy_rules.h"
#include "store/connection.h"

namespace shequ::eldercare {

Result<CanteenId> InsertCanteen(store::Connection& db, const Canteen& canteen);
Result<std::optional<Canteen>> LoadCanteen(store::Connection& db, CanteenId id);
Result<std::vector<Canteen>> ListCanteens(store::Connection& db, CommunityId community);
// Takes the canteen's row lock on PostgreSQL (SELECT ... FOR UPDATE); on SQLite the transaction
// already holds the database's write lock (BEGIN IMMEDIATE), so nothing more is needed.
Status LockCanteen(store::Connection& db, CanteenId id);

Status UpsertMenu(store::Connection& db, CommunityId community, const MenuDay& menu, Instant now);
Result<std::optional<MenuDay>> LoadMenu(store::Connection& db, CanteenId canteen,
                                        const CivilDate& date, Meal meal);
Result<std::vector<MenuDay>> ListMenus(store::Connection& db, CanteenId canteen,
                                       const CivilDate& from, const CivilDate& to);

// The rule table in force (the newest version), or nullopt when none was ever stored.
Result<std::optional<std::string>> LatestSubsidyRules(store::Connection& db);
Status InsertSubsidyRules(store::Connection& db, std::string_view tsv, std::string_view source,
                          std::string_view loaded_by, Instant now);

Result<std::int64_t> CountActiveOrders(store::Connection& db, CanteenId canteen,
                                       const CivilDate& date, Meal meal);
Result<bool> HasActiveOrder(store::Connection& db, ResidentId resident, const CivilDate& date,
                            Meal meal);
// The diner's net use of each funding line in [from, to] from the ledger.
Result<std::vector<MonthlyUse>> LedgerUse(store::Connection& db, ResidentId resident,
                                          const CivilDate& from, const CivilDate& to);

Result<CanteenOrderId> InsertOrder(store::Connection& db, const CanteenOrder& order);
// Posts `sign` × the order's subsidy to the ledger (1 on ordering, -1 on cancelling).
Status PostLedger(store::Connection& db, const CanteenOrder& order, int sign, Instant now);
Result<std::optional<CanteenOrder>> LoadOrder(store::Connection& db, CanteenOrderId id);
Status MarkCancelled(store::Connection& db, CanteenOrderId id, Instant now);

// The serving list of one sitting: active orders with the resident's name and diet notes.
struct ServingOrder {
  CanteenOrder order;
  std::string resident_name;
  std::optional<DietNotes> diet;
};
Result<std::vector<ServingOrder>> ListServing(store::Connection& db, CanteenId canteen,
                                              const CivilDate& date, std::optional<Meal> meal);

Result<StandingOrderId> InsertStandingOrder(store::Connection& db, const StandingOrder& order,
                                            Instant now);
Result<std::optional<StandingOrder>> LoadStandingOrder(store::Connection& db, StandingOrderId id);
Status SetStandingOrderPaused(store::Connection& db, StandingOrderId id, bool paused, Instant now);
// Standing orders not paused whose period covers `date` and whose weekdays include it.
Result<std::vector<StandingOrder>> StandingOrdersDue(store::Connection& db, const CivilDate& date);

Status UpsertDietNotes(store::Connection& db, CommunityId community, const DietNotes& notes,
                       Instant now);
Result<std::optional<DietNotes>> LoadDietNotes(store::Connection& db, ResidentId resident);

// Active orders of a canteen with meal dates in [from, to], for settlement.
Result<std::vector<SettledOrder>> SettledOrders(store::Connection& db, CanteenId canteen,
                                                const CivilDate& from, const CivilDate& to);
Result<std::vector<LedgerTotal>> LedgerTotals(store::Connection& db, CanteenId canteen,
                                              const CivilDate& from, const CivilDate& to);

}  // namespace shequ::eldercare
