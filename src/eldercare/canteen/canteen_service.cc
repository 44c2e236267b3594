#include "eldercare/canteen/canteen_service.h"

#include <fmt/format.h>

#include <map>

#include "auth/permissions.h"
#include "registry/place_repository.h"
#include "registry/registry_repository.h"
#include "store/transaction.h"

namespace shequ::eldercare {
namespace {

using auth::Permission;

// A canteen serves its whole community; a grid worker's scope is one grid of it, so the check
// asks about the caller's own grid of the canteen's community.
auth::Place CanteenPlace(const auth::Place& community, const auth::Principal& caller) {
  auth::Place place = community;
  if (caller.scope.kind == auth::ScopeKind::kGrid) place.grid = caller.scope.place.grid;
  return place;
}

Result<auth::Place> CommunityPlace(store::Connection& db, CommunityId community) {
  auto scope = registry::ResolveScope(db, auth::ScopeKind::kCommunity, community.value());
  if (!scope) return NotFound("no such community");
  return scope->place;
}

Status ValidHours(const MealHours& hours, const char* field) {
  if (hours.weekdays < 0 || hours.weekdays > 127) {
    return InvalidArgument("weekdays must be ISO weekdays 1..7", field);
  }
  if (hours.start_min < 0 || hours.start_min > 1439 || hours.end_min <= hours.start_min ||
      hours.end_min > 1440) {
    return InvalidArgument("hours must be HH:MM-HH:MM within one day", field);
  }
  return {};
}

std::pair<CivilDate, CivilDate> MonthOf(const CivilDate& date) {
  return {{date.year, date.month, 1}, {date.year, date.month, DaysInMonth(date.year, date.month)}};
}

}  // namespace

Result<Canteen> CanteenService::CanteenInScope(store::Connection& db, const auth::Principal& caller,
                                               Permission permission, CanteenId id) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, permission));
  auto canteen = LoadCanteen(db, id);
  SHEQU_RETURN_IF_ERROR(canteen);
  if (!*canteen) return NotFound("no such canteen");
  auto place = CommunityPlace(db, (*canteen)->community_id);
  SHEQU_RETURN_IF_ERROR(place);
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, permission, CanteenPlace(*place, caller)));
  return **canteen;
}

Status CanteenService::CheckOrderer(store::Connection& db, const auth::Principal& caller,
                                    const registry::ResidentFacts& facts) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kOrderMeals, facts.place));
  if (caller.role == auth::Role::kResident) {
    auto linked = registry::FindLinkedResident(db, caller.user_id);
    SHEQU_RETURN_IF_ERROR(linked);
    if (!*linked || **linked != facts.id) {
      return PermissionDenied("a resident orders meals for themselves only");
    }
  }
  return {};
}

Result<SubsidyRuleTable> CanteenService::Rules(store::Connection& db) {
  auto tsv = LatestSubsidyRules(db);
  SHEQU_RETURN_IF_ERROR(tsv);
  if (!*tsv) {
    // First use: the shipped default becomes the first stored version.
    SHEQU_RETURN_IF_ERROR(
        InsertSubsidyRules(db, DefaultSubsidyRulesTsv(), "default", "system", clock_.Now()));
    *tsv = std::string(DefaultSubsidyRulesTsv());
  }
  auto table = ParseSubsidyRules(**tsv);
  if (!table) return Internal("the stored subsidy rule table is invalid: " + table.error().message);
  return table;
}

Result<Quote> CanteenService::Price(store::Connection& db, const Canteen& canteen,
                                    const registry::ResidentFacts& facts,
                                    const MealRequest& request) {
  if (!canteen.HoursOf(request.meal).OpenOn(request.date)) {
    return InvalidArgument(fmt::format("the canteen serves no {} on {}", MealName(request.meal),
                                       FormatDate(request.date)),
                           "date");
  }
  auto menu = LoadMenu(db, canteen.id, request.date, request.meal);
  SHEQU_RETURN_IF_ERROR(menu);
  if (!*menu) {
    return InvalidArgument(
        fmt::format("no {} menu on {} yet", MealName(request.meal), FormatDate(request.date)),
        "date");
  }
  auto rules = Rules(db);
  SHEQU_RETURN_IF_ERROR(rules);
  const auto [month_start, month_end] = MonthOf(request.date);
  auto used = LedgerUse(db, facts.id, month_start, month_end);
  SHEQU_RETURN_IF_ERROR(used);
  const Diner diner{facts.AgeOn(request.date), facts.tags, facts.disability_level};
  const SubsidyDecision decision =
      DecideSubsidy(*rules, diner, request.date, request.meal, (*menu)->price_fen, *used);

  Quote quote;
  quote.standard_fen = (*menu)->price_fen;
  quote.cost_fen = (*menu)->cost_fen;
  quote.lines.push_back({"标准价", "Standard price", quote.standard_fen});
  if (decision.rule) {
    quote.subsidy_fen = decision.subsidy_fen;
    quote.operator_subsidy_fen = decision.operator_subsidy_fen;
    quote.funding_line = decision.rule->funding_line;
    quote.tier = decision.rule->label;
    quote.lines.push_back({decision.rule->label, decision.rule->label_en, -decision.subsidy_fen});
  }
  if (request.mode == OrderMode::kDelivery) {
    quote.delivery_fen = canteen.delivery_fee_fen;
    quote.lines.push_back({"送餐费（自付）", "Delivery fee (self-paid)", quote.delivery_fen});
  }
  quote.price_fen = quote.standard_fen - quote.subsidy_fen + quote.delivery_fen;
  return quote;
}

Result<Canteen> CanteenService::CreateCanteen(const auth::Principal& caller, const Canteen& input,
                                              const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kOperateCanteen));
  if (input.name.empty()) return InvalidArgument("a canteen needs a name", "name");
  if (input.seats_per_meal <= 0 || input.seats_per_meal > 100000) {
    return InvalidArgument("seats_per_meal must be 1..100000", "seats_per_meal");
  }
  SHEQU_RETURN_IF_ERROR(ValidHours(input.lunch, "lunch"));
  SHEQU_RETURN_IF_ERROR(ValidHours(input.dinner, "dinner"));
  if (input.cutoff_min < 0 || input.cutoff_min > 7 * 24 * 60) {
    return InvalidArgument("cutoff_minutes must be 0..10080", "cutoff_minutes");
  }
  if (input.delivery_fee_fen < 0) return InvalidArgument("must be >= 0", "delivery_fee_fen");
  if (input.fixed_monthly_cost_fen < 0) {
    return InvalidArgument("must be >= 0", "fixed_monthly_cost_fen");
  }
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto place = registry::ResolveScope(db, auth::ScopeKind::kCommunity, input.community_id.value());
  if (!place) return InvalidArgument("no such community", "community_id");
  SHEQU_RETURN_IF_ERROR(
      auth::Authorize(caller, Permission::kOperateCanteen, CanteenPlace(place->place, caller)));

  Canteen canteen = input;
  canteen.created_at = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto taken = db.Query("SELECT 1 FROM canteens WHERE community_id = ? AND name = ?",
                        {canteen.community_id.value(), canteen.name});
  SHEQU_RETURN_IF_ERROR(taken);
  if (!taken->empty()) return Conflict("the community has a canteen of this name", "name");
  auto id = InsertCanteen(db, canteen);
  SHEQU_RETURN_IF_ERROR(id);
  canteen.id = *id;
  SHEQU_RETURN_IF_ERROR(
      audit_.Append(db, auth::AuditEntryFor(caller, canteen.created_at, origin, "canteen.create",
                                            "canteen", id->value(), canteen.community_id)));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return canteen;
}

Result<std::vector<Canteen>> CanteenService::ListCanteens(const auth::Principal& caller,
                                                          CommunityId community) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kOrderMeals));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  auto place = CommunityPlace(**connection, community);
  SHEQU_RETURN_IF_ERROR(place);
  SHEQU_RETURN_IF_ERROR(
      auth::Authorize(caller, Permission::kOrderMeals, CanteenPlace(*place, caller)));
  return eldercare::ListCanteens(**connection, community);
}

Result<Canteen> CanteenService::GetCanteen(const auth::Principal& caller, CanteenId id) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  return CanteenInScope(**connection, caller, Permission::kOrderMeals, id);
}

Result<MenuDay> CanteenService::SetMenu(const auth::Principal& caller, const MenuDay& menu,
                                        const auth::RequestOrigin& origin) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto canteen = CanteenInScope(db, caller, Permission::kOperateCanteen, menu.canteen_id);
  SHEQU_RETURN_IF_ERROR(canteen);
  if (!canteen->HoursOf(menu.meal).OpenOn(menu.date)) {
    return InvalidArgument(
        fmt::format("the canteen serves no {} on {}", MealName(menu.meal), FormatDate(menu.date)),
        "date");
  }
  if (menu.dishes.empty()) return InvalidArgument("a menu needs at least one dish", "dishes");
  for (const auto& dish : menu.dishes) {
    if (dish.empty()) return InvalidArgument("a dish needs a name", "dishes");
  }
  if (menu.price_fen < 0 || menu.price_fen > 1'000'000) {
    return InvalidArgument("price_fen must be 0..1000000", "price_fen");
  }
  if (menu.cost_fen < 0 || menu.cost_fen > 1'000'000) {
    return InvalidArgument("cost_fen must be 0..1000000", "cost_fen");
  }
  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  SHEQU_RETURN_IF_ERROR(UpsertMenu(db, canteen->community_id, menu, now));
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db, auth::AuditEntryFor(
              caller, now, origin, "canteen_menu.set", "canteen", canteen->id.value(),
              canteen->community_id,
              fmt::format("date={} meal={}", FormatDate(menu.date), MealName(menu.meal)))));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return menu;
}

Result<std::vector<MenuDay>> CanteenService::Menus(const auth::Principal& caller, CanteenId id,
                                                   const CivilDate& from, const CivilDate& to) {
  if (to < from) return InvalidArgument("to is before from", "to");
  if (DaysFromCivil(to) - DaysFromCivil(from) > 62) {
    return InvalidArgument("at most 62 days at a time", "to");
  }
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  auto canteen = CanteenInScope(**connection, caller, Permission::kOrderMeals, id);
  SHEQU_RETURN_IF_ERROR(canteen);
  return ListMenus(**connection, id, from, to);
}

Result<Quote> CanteenService::QuoteMeal(const auth::Principal& caller, const MealRequest& request) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kOrderMeals));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto facts = registry::LoadResidentFacts(db, request.resident_id);
  SHEQU_RETURN_IF_ERROR(facts);
  SHEQU_RETURN_IF_ERROR(CheckOrderer(db, caller, *facts));
  auto canteen = CanteenInScope(db, caller, Permission::kOrderMeals, request.canteen_id);
  SHEQU_RETURN_IF_ERROR(canteen);
  return Price(db, *canteen, *facts, request);
}

Result<CanteenOrder> CanteenService::InsertOrderLocked(
    store::Connection& db, const Canteen& canteen, const registry::ResidentFacts& facts,
    const MealRequest& request, StandingOrderId standing_order, const std::string& created_by) {
  SHEQU_RETURN_IF_ERROR(LockCanteen(db, canteen.id));
  auto has = HasActiveOrder(db, facts.id, request.date, request.meal);
  SHEQU_RETURN_IF_ERROR(has);
  if (*has) {
    return Conflict(fmt::format("the resident has a {} order on {} already", MealName(request.meal),
                                FormatDate(request.date)),
                    "meal");
  }
  auto taken = CountActiveOrders(db, canteen.id, request.date, request.meal);
  SHEQU_RETURN_IF_ERROR(taken);
  if (*taken >= canteen.seats_per_meal) {
    return Conflict(fmt::format("all {} seats of this sitting are taken", canteen.seats_per_meal),
                    "seats");
  }
  auto quote = Price(db, canteen, facts, request);
  SHEQU_RETURN_IF_ERROR(quote);
  CanteenOrder order;
  order.community_id = canteen.community_id;
  order.canteen_id = canteen.id;
  order.resident_id = facts.id;
  order.date = request.date;
  order.meal = request.meal;
  order.mode = request.mode;
  order.quote = *std::move(quote);
  order.standing_order_id = standing_order;
  order.created_by = created_by;
  order.created_at = clock_.Now();
  auto id = InsertOrder(db, order);
  if (!id && id.error().code == ErrorCode::kConflict) {
    // Another canteen's transaction won the same resident, meal and day.
    return Conflict("the resident has an order for this meal already", "meal");
  }
  SHEQU_RETURN_IF_ERROR(id);
  order.id = *id;
  if (order.quote.subsidy_fen > 0 || order.quote.operator_subsidy_fen > 0) {
    SHEQU_RETURN_IF_ERROR(PostLedger(db, order, 1, order.created_at));
  }
  return order;
}

Result<CanteenOrder> CanteenService::PlaceOrder(const auth::Principal& caller,
                                                const MealRequest& request,
                                                const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kOrderMeals));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto facts = registry::LoadResidentFacts(db, request.resident_id);
  SHEQU_RETURN_IF_ERROR(facts);
  SHEQU_RETURN_IF_ERROR(CheckOrderer(db, caller, *facts));
  auto canteen = CanteenInScope(db, caller, Permission::kOrderMeals, request.canteen_id);
  SHEQU_RETURN_IF_ERROR(canteen);
  const Instant now = clock_.Now();
  if (now >= canteen->CutoffOf(request.date, request.meal)) {
    return InvalidArgument(
        fmt::format("ordering for this {} closed at {}", MealName(request.meal),
                    FormatShanghai(canteen->CutoffOf(request.date, request.meal))),
        "date");
  }
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto order = InsertOrderLocked(db, *canteen, *facts, request, {}, caller.login);
  SHEQU_RETURN_IF_ERROR(order);
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db,
      auth::AuditEntryFor(caller, now, origin, "canteen_order.create", "canteen_order",
                          order->id.value(), order->community_id,
                          fmt::format("resident={} price_fen={} subsidy_fen={}", facts->id.value(),
                                      order->quote.price_fen, order->quote.subsidy_fen))));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return order;
}

Result<CanteenOrder> CanteenService::CancelOrder(const auth::Principal& caller, CanteenOrderId id,
                                                 const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kOrderMeals));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto order = LoadOrder(db, id);
  SHEQU_RETURN_IF_ERROR(order);
  if (!*order) return NotFound("no such order");
  auto facts = registry::LoadResidentFacts(db, (*order)->resident_id);
  SHEQU_RETURN_IF_ERROR(facts);
  SHEQU_RETURN_IF_ERROR(CheckOrderer(db, caller, *facts));
  auto canteen = CanteenInScope(db, caller, Permission::kOrderMeals, (*order)->canteen_id);
  SHEQU_RETURN_IF_ERROR(canteen);
  if ((*order)->status == OrderStatus::kCancelled) {
    return Conflict("the order is cancelled already", "order");
  }
  const Instant now = clock_.Now();
  if (now >= canteen->CutoffOf((*order)->date, (*order)->meal)) {
    return InvalidArgument("the cancellation cutoff has passed", "order");
  }
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  SHEQU_RETURN_IF_ERROR(MarkCancelled(db, id, now));
  CanteenOrder cancelled = **order;
  cancelled.status = OrderStatus::kCancelled;
  if (cancelled.quote.subsidy_fen > 0 || cancelled.quote.operator_subsidy_fen > 0) {
    SHEQU_RETURN_IF_ERROR(PostLedger(db, cancelled, -1, now));
  }
  SHEQU_RETURN_IF_ERROR(
      audit_.Append(db, auth::AuditEntryFor(caller, now, origin, "canteen_order.cancel",
                                            "canteen_order", id.value(), cancelled.community_id)));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return cancelled;
}

Result<std::vector<ServingOrder>> CanteenService::Serving(const auth::Principal& caller,
                                                          CanteenId id, const CivilDate& date,
                                                          std::optional<Meal> meal) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  auto canteen = CanteenInScope(**connection, caller, Permission::kOperateCanteen, id);
  SHEQU_RETURN_IF_ERROR(canteen);
  return ListServing(**connection, id, date, meal);
}

Result<StandingOrder> CanteenService::CreateStandingOrder(const auth::Principal& caller,
                                                          const StandingOrder& input,
                                                          const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kOrderMeals));
  if (input.weekdays <= 0 || input.weekdays > 127) {
    return InvalidArgument("weekdays must name at least one ISO weekday 1..7", "weekdays");
  }
  if (input.to && *input.to < input.from) return InvalidArgument("to is before from", "to");
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto facts = registry::LoadResidentFacts(db, input.resident_id);
  SHEQU_RETURN_IF_ERROR(facts);
  SHEQU_RETURN_IF_ERROR(CheckOrderer(db, caller, *facts));
  auto canteen = CanteenInScope(db, caller, Permission::kOrderMeals, input.canteen_id);
  SHEQU_RETURN_IF_ERROR(canteen);
  if ((canteen->HoursOf(input.meal).weekdays & input.weekdays) == 0) {
    return InvalidArgument("the canteen serves this meal on none of these weekdays", "weekdays");
  }
  StandingOrder order = input;
  order.community_id = canteen->community_id;
  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto id = InsertStandingOrder(db, order, now);
  SHEQU_RETURN_IF_ERROR(id);
  order.id = *id;
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db, auth::AuditEntryFor(caller, now, origin, "canteen_standing_order.create",
                              "canteen_standing_order", id->value(), order.community_id)));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return order;
}

Result<StandingOrder> CanteenService::SetStandingOrderPaused(const auth::Principal& caller,
                                                             StandingOrderId id, bool paused,
                                                             const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kOrderMeals));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto order = LoadStandingOrder(db, id);
  SHEQU_RETURN_IF_ERROR(order);
  if (!*order) return NotFound("no such standing order");
  auto facts = registry::LoadResidentFacts(db, (*order)->resident_id);
  SHEQU_RETURN_IF_ERROR(facts);
  SHEQU_RETURN_IF_ERROR(CheckOrderer(db, caller, *facts));
  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  SHEQU_RETURN_IF_ERROR(eldercare::SetStandingOrderPaused(db, id, paused, now));
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db,
      auth::AuditEntryFor(caller, now, origin,
                          paused ? "canteen_standing_order.pause" : "canteen_standing_order.resume",
                          "canteen_standing_order", id.value(), (*order)->community_id)));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  StandingOrder out = **order;
  out.paused = paused;
  return out;
}

Result<MaterialisationReport> CanteenService::RunStandingOrders(const auth::Principal& caller,
                                                                const CivilDate& date,
                                                                const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kOperateCanteen));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto due = StandingOrdersDue(db, date);
  SHEQU_RETURN_IF_ERROR(due);
  MaterialisationReport report;
  report.date = date;
  std::map<std::int64_t, std::optional<Canteen>> canteens;  // null: outside the caller's scope
  for (const StandingOrder& standing : *due) {
    auto cached = canteens.find(standing.canteen_id.value());
    if (cached == canteens.end()) {
      auto canteen = CanteenInScope(db, caller, Permission::kOperateCanteen, standing.canteen_id);
      std::optional<Canteen> in_scope;
      if (canteen) in_scope = *canteen;
      cached = canteens.emplace(standing.canteen_id.value(), std::move(in_scope)).first;
    }
    if (!cached->second) continue;
    const Canteen& canteen = *cached->second;
    auto facts = registry::LoadResidentFacts(db, standing.resident_id);
    SHEQU_RETURN_IF_ERROR(facts);
    const MealRequest request{canteen.id, standing.resident_id, date, standing.meal, standing.mode};
    auto tx = store::Transaction::Begin(db);
    SHEQU_RETURN_IF_ERROR(tx);
    auto order =
        InsertOrderLocked(db, canteen, *facts, request, standing.id, "standing:" + caller.login);
    if (!order) {
      const Error& error = order.error();
      if (error.field == "meal") {
        ++report.already_ordered;
      } else if (error.field == "seats") {
        ++report.full;
      } else if (error.field == "date" && error.message.starts_with("no ")) {
        ++report.no_menu;
      } else if (error.field == "date") {
        ++report.closed;
      } else {
        return std::unexpected(error);
      }
      continue;  // the transaction rolls back
    }
    SHEQU_RETURN_IF_ERROR(audit_.Append(
        db, auth::AuditEntryFor(caller, clock_.Now(), origin, "canteen_order.create",
                                "canteen_order", order->id.value(), order->community_id,
                                fmt::format("standing_order={}", standing.id.value()))));
    SHEQU_RETURN_IF_ERROR(tx->Commit());
    ++report.created;
    report.orders.push_back(order->id);
  }
  return report;
}

Result<DietNotes> CanteenService::SetDietNotes(const auth::Principal& caller,
                                               const DietNotes& notes,
                                               const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kOrderMeals));
  if (notes.note.size() > 500) return InvalidArgument("at most 500 bytes", "note");
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto facts = registry::LoadResidentFacts(db, notes.resident_id);
  SHEQU_RETURN_IF_ERROR(facts);
  SHEQU_RETURN_IF_ERROR(CheckOrderer(db, caller, *facts));
  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  SHEQU_RETURN_IF_ERROR(UpsertDietNotes(db, facts->place.community, notes, now));
  SHEQU_RETURN_IF_ERROR(
      audit_.Append(db, auth::AuditEntryFor(caller, now, origin, "canteen_diet.update", "resident",
                                            notes.resident_id.value(), facts->place.community)));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return notes;
}

Result<std::string> CanteenService::SubsidyRules(const auth::Principal& caller) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kOrderMeals));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  SHEQU_RETURN_IF_ERROR(Rules(**connection));
  auto tsv = LatestSubsidyRules(**connection);
  SHEQU_RETURN_IF_ERROR(tsv);
  return tsv->value_or("");
}

Result<SubsidyRuleTable> CanteenService::ReplaceSubsidyRules(const auth::Principal& caller,
                                                             std::string_view tsv,
                                                             const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kOperateCanteen));
  if (caller.role != auth::Role::kAdmin) {
    return PermissionDenied(
        "the subsidy rule table is the deployment's: only an admin replaces it");
  }
  if (tsv.size() > 256 * 1024) return InvalidArgument("the table is too large", "rules");
  auto table = ParseSubsidyRules(tsv);
  SHEQU_RETURN_IF_ERROR(table);
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  SHEQU_RETURN_IF_ERROR(InsertSubsidyRules(db, tsv, "upload", caller.login, now));
  SHEQU_RETURN_IF_ERROR(
      audit_.Append(db, auth::AuditEntryFor(caller, now, origin, "canteen_subsidy_rules.replace",
                                            "canteen_subsidy_rules", 0, {},
                                            fmt::format("rows={}", table->rules.size()))));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return table;
}

Result<Canteen> CanteenService::SettlementCanteen(const auth::Principal& caller, CanteenId id) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  return CanteenInScope(**connection, caller, Permission::kOperateCanteen, id);
}

Result<Settlement> CanteenService::Settle(const auth::Principal& caller, CanteenId id, int year,
                                          int month) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto canteen = CanteenInScope(db, caller, Permission::kOperateCanteen, id);
  SHEQU_RETURN_IF_ERROR(canteen);
  const CivilDate from{year, month, 1};
  const CivilDate to{year, month, DaysInMonth(year, month)};
  auto orders = SettledOrders(db, id, from, to);
  SHEQU_RETURN_IF_ERROR(orders);
  auto ledger = LedgerTotals(db, id, from, to);
  SHEQU_RETURN_IF_ERROR(ledger);
  return eldercare::Settle(year, month, *orders, *ledger, canteen->fixed_monthly_cost_fen);
}

Result<Sustainability> CanteenService::Sustain(const auth::Principal& caller, CanteenId id,
                                               int year, int month, const WhatIf& what_if) {
  if (what_if.subsidy_scale < 0 || what_if.subsidy_scale > 10) {
    return InvalidArgument("subsidy_scale must be 0..10", "subsidy_scale");
  }
  if (what_if.price_change_fen < -1'000'000 || what_if.price_change_fen > 1'000'000) {
    return InvalidArgument("price_change_fen must be within ±1000000", "price_change_fen");
  }
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto canteen = CanteenInScope(db, caller, Permission::kOperateCanteen, id);
  SHEQU_RETURN_IF_ERROR(canteen);
  auto orders = SettledOrders(db, id, {year, month, 1}, {year, month, DaysInMonth(year, month)});
  SHEQU_RETURN_IF_ERROR(orders);
  return AssessSustainability(*canteen, year, month, *orders, what_if);
}

}  // namespace shequ::eldercare
