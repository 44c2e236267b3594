// The canteen's use cases: canteens and menus, quotes and orders at the subsidised price,
// standing orders and their daily materialisation, diet notes, the subsidy rule table, month-end
// settlement and the sustainability figures. Each call checks the caller's permission and scope,
// validates its input (kInvalidArgument naming the field), writes in one transaction with an
// audit row, and returns plain structs; it knows nothing of HTTP.
//
// Orders are counted against the sitting's seats inside the write transaction (SQLite's
// BEGIN IMMEDIATE write lock; on PostgreSQL the canteen's row lock), so two orders racing for the
// last seat cannot both win. Thread-safe: shares only the database pool and the clock.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/audit_log.h"
#include "auth/permissions.h"
#include "auth/principal.h"
#include "base/civil_time.h"
#include "base/error.h"
#include "eldercare/canteen/canteen.h"
#include "eldercare/canteen/canteen_repository.h"
#include "eldercare/canteen/canteen_settlement.h"
#include "eldercare/canteen/canteen_subsidy_rules.h"
#include "registry/resident_facts.h"
#include "store/database.h"

namespace shequ::eldercare {

struct MealRequest {
  CanteenId canteen_id;
  ResidentId resident_id;
  CivilDate date;
  Meal meal = Meal::kLunch;
  OrderMode mode = OrderMode::kDineIn;
};

// What one run of the standing orders did for a date.
struct MaterialisationReport {
  CivilDate date;
  int created = 0;
  int already_ordered = 0;  // the resident had an order for that meal (or an earlier run made it)
  int closed = 0;           // the canteen does not serve that meal that day
  int no_menu = 0;
  int full = 0;  // no seat left
  std::vector<CanteenOrderId> orders;
};

class CanteenService {
 public:
  CanteenService(store::Database& database, const Clock& clock)
      : database_(database), clock_(clock) {}

  // kOperateCanteen in the canteen's community.
  Result<Canteen> CreateCanteen(const auth::Principal& caller, const Canteen& canteen,
                                const auth::RequestOrigin& origin);
  // kOrderMeals: the canteens of a community in the caller's scope.
  Result<std::vector<Canteen>> ListCanteens(const auth::Principal& caller, CommunityId community);
  // kNotFound when there is no such canteen or it lies outside the caller's scope.
  Result<Canteen> GetCanteen(const auth::Principal& caller, CanteenId id);

  // kOperateCanteen. Creates or replaces the menu of one sitting; a closed sitting is refused
  // (field "date").
  Result<MenuDay> SetMenu(const auth::Principal& caller, const MenuDay& menu,
                          const auth::RequestOrigin& origin);
  Result<std::vector<MenuDay>> Menus(const auth::Principal& caller, CanteenId canteen,
                                     const CivilDate& from, const CivilDate& to);

  // kOrderMeals; a resident only for themselves (their account's link). What the meal would
  // cost now; writes nothing (beyond storing the default rule table on first use).
  Result<Quote> QuoteMeal(const auth::Principal& caller, const MealRequest& request);
  // Places an order at the quoted price. Errors: field "date" for a closed sitting, no menu or a
  // passed cutoff; kConflict field "meal" when the resident has an order for that meal already;
  // kConflict field "seats" when the sitting is full.
  Result<CanteenOrder> PlaceOrder(const auth::Principal& caller, const MealRequest& request,
                                  const auth::RequestOrigin& origin);
  // Cancels before the cutoff (field "order" after it); posts the subsidy back on the ledger.
  Result<CanteenOrder> CancelOrder(const auth::Principal& caller, CanteenOrderId id,
                                   const auth::RequestOrigin& origin);
  // kOperateCanteen: the serving list of one day (and meal) with diet notes.
  Result<std::vector<ServingOrder>> Serving(const auth::Principal& caller, CanteenId canteen,
                                            const CivilDate& date, std::optional<Meal> meal);

  // kOrderMeals; a resident only for themselves.
  Result<StandingOrder> CreateStandingOrder(const auth::Principal& caller,
                                            const StandingOrder& order,
                                            const auth::RequestOrigin& origin);
  Result<StandingOrder> SetStandingOrderPaused(const auth::Principal& caller, StandingOrderId id,
                                               bool paused, const auth::RequestOrigin& origin);
  // kOperateCanteen: creates `date`'s orders from the standing orders of the canteens in the
  // caller's scope. Idempotent: a second run for the same date creates nothing (one live order
  // per resident, meal and day). Staff run it, so the ordering cutoff does not apply.
  Result<MaterialisationReport> RunStandingOrders(const auth::Principal& caller,
                                                  const CivilDate& date,
                                                  const auth::RequestOrigin& origin);

  // kOrderMeals; a resident only for themselves.
  Result<DietNotes> SetDietNotes(const auth::Principal& caller, const DietNotes& notes,
                                 const auth::RequestOrigin& origin);

  // kOrderMeals: the rule table in force as TSV (the shipped default until one is uploaded).
  Result<std::string> SubsidyRules(const auth::Principal& caller);
  // Admin only (the table is the deployment's): checks and stores a new version; past orders
  // keep their prices. kInvalidArgument field "rules" naming the row on a bad table.
  Result<SubsidyRuleTable> ReplaceSubsidyRules(const auth::Principal& caller, std::string_view tsv,
                                               const auth::RequestOrigin& origin);

  // kOperateCanteen: the month's settlement, reconciled with the ledger.
  Result<Settlement> Settle(const auth::Principal& caller, CanteenId canteen, int year, int month);
  Result<Canteen> SettlementCanteen(const auth::Principal& caller, CanteenId canteen);
  Result<Sustainability> Sustain(const auth::Principal& caller, CanteenId canteen, int year,
                                 int month, const WhatIf& what_if);

 private:
  Result<Canteen> CanteenInScope(store::Connection& db, const auth::Principal& caller,
                                 auth::Permission permission, CanteenId id);
  Status CheckOrderer(store::Connection& db, const auth::Principal& caller,
                      const registry::ResidentFacts& facts);
  Result<SubsidyRuleTable> Rules(store::Connection& db);
  Result<Quote> Price(store::Connection& db, const Canteen& canteen,
                      const registry::ResidentFacts& facts, const MealRequest& request);
  // Inside the caller's transaction: the seat and duplicate checks, the order, the ledger.
  Result<CanteenOrder> InsertOrderLocked(store::Connection& db, const Canteen& canteen,
                                         const registry::ResidentFacts& facts,
                                         const MealRequest& request, StandingOrderId standing_order,
                                         const std::string& created_by);

  store::Database& database_;
  const Clock& clock_;
  auth::AuditLog audit_;
};

}  // namespace shequ::eldercare
