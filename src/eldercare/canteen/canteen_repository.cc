#include "eldercare/canteen/canteen_repository.h"

#include <nlohmann/json.hpp>

namespace shequ::eldercare {
namespace {

constexpr const char* kCanteenColumns =
    "id, community_id, name, seats_per_meal, lunch_weekdays, lunch_start_min, lunch_end_min, "
    "dinner_weekdays, dinner_start_min, dinner_end_min, cutoff_min, delivery_fee_fen, "
    "fixed_monthly_cost_fen, created_at";

Canteen CanteenOf(const store::Row& row) {
  Canteen c;
  c.id = CanteenId(row.GetInt(0));
  c.community_id = CommunityId(row.GetInt(1));
  c.name = row.GetText(2);
  c.seats_per_meal = static_cast<int>(row.GetInt(3));
  c.lunch = {static_cast<int>(row.GetInt(4)), static_cast<int>(row.GetInt(5)),
             static_cast<int>(row.GetInt(6))};
  c.dinner = {static_cast<int>(row.GetInt(7)), static_cast<int>(row.GetInt(8)),
              static_cast<int>(row.GetInt(9))};
  c.cutoff_min = static_cast<int>(row.GetInt(10));
  c.delivery_fee_fen = row.GetInt(11);
  c.fixed_monthly_cost_fen = row.GetInt(12);
  c.created_at = row.GetInt(13);
  return c;
}

// Stored dates were written by FormatDate; a bad one is a broken invariant, shown as 1970-01-01.
CivilDate DateOf(const std::string& text) { return ParseDate(text).value_or(CivilDate{}); }

Meal MealOf(const std::string& text) { return ParseMeal(text).value_or(Meal::kLunch); }

std::string LinesJson(const std::vector<PriceLine>& lines) {
  nlohmann::json out = nlohmann::json::array();
  for (const PriceLine& line : lines) {
    out.push_back(
        {{"label", line.label}, {"label_en", line.label_en}, {"amount_fen", line.amount_fen}});
  }
  return out.dump();
}

std::vector<PriceLine> LinesOf(const std::string& text) {
  std::vector<PriceLine> lines;
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array()) return lines;
  for (const auto& line : json) {
    lines.push_back({line.value("label", ""), line.value("label_en", ""),
                     line.value("amount_fen", std::int64_t{0})});
  }
  return lines;
}

constexpr const char* kOrderColumns =
    "o.id, o.community_id, o.canteen_id, o.resident_id, o.meal_date, o.meal, o.mode, o.status, "
    "o.standard_fen, o.subsidy_fen, o.delivery_fen, o.price_fen, o.operator_subsidy_fen, "
    "o.cost_fen, o.funding_line, o.tier, o.lines, o.standing_order_id, o.created_by, "
    "o.created_at";

CanteenOrder OrderOf(const store::Row& row) {
  CanteenOrder o;
  o.id = CanteenOrderId(row.GetInt(0));
  o.community_id = CommunityId(row.GetInt(1));
  o.canteen_id = CanteenId(row.GetInt(2));
  o.resident_id = ResidentId(row.GetInt(3));
  o.date = DateOf(row.GetText(4));
  o.meal = MealOf(row.GetText(5));
  o.mode = ParseOrderMode(row.GetText(6)).value_or(OrderMode::kDineIn);
  o.status = row.GetText(7) == "active" ? OrderStatus::kActive : OrderStatus::kCancelled;
  o.quote.standard_fen = row.GetInt(8);
  o.quote.subsidy_fen = row.GetInt(9);
  o.quote.delivery_fen = row.GetInt(10);
  o.quote.price_fen = row.GetInt(11);
  o.quote.operator_subsidy_fen = row.GetInt(12);
  o.quote.cost_fen = row.GetInt(13);
  o.quote.funding_line = row.GetOptionalText(14).value_or("");
  o.quote.tier = row.GetOptionalText(15).value_or("");
  o.quote.lines = LinesOf(row.GetText(16));
  o.standing_order_id = StandingOrderId(row.GetOptionalInt(17).value_or(0));
  o.created_by = row.GetText(18);
  o.created_at = row.GetInt(19);
  return o;
}

store::Value IdOrNull(std::int64_t id) {
  if (id <= 0) return store::kNull;
  return id;
}

store::Value DateOrNull(const std::optional<CivilDate>& date) {
  if (!date) return store::kNull;
  return FormatDate(*date);
}

store::Value TextOrNull(const std::string& text) {
  if (text.empty()) return store::kNull;
  return text;
}

constexpr const char* kStandingColumns =
    "id, community_id, canteen_id, resident_id, weekdays, meal, mode, from_date, to_date, paused";

StandingOrder StandingOf(const store::Row& row) {
  StandingOrder s;
  s.id = StandingOrderId(row.GetInt(0));
  s.community_id = CommunityId(row.GetInt(1));
  s.canteen_id = CanteenId(row.GetInt(2));
  s.resident_id = ResidentId(row.GetInt(3));
  s.weekdays = static_cast<int>(row.GetInt(4));
  s.meal = MealOf(row.GetText(5));
  s.mode = ParseOrderMode(row.GetText(6)).value_or(OrderMode::kDineIn);
  s.from = DateOf(row.GetText(7));
  if (auto to = row.GetOptionalText(8)) s.to = DateOf(*to);
  s.paused = row.GetInt(9) != 0;
  return s;
}

}  // namespace

Result<CanteenId> InsertCanteen(store::Connection& db, const Canteen& c) {
  auto rows = db.Query(
      "INSERT INTO canteens (community_id, name, seats_per_meal, lunch_weekdays, lunch_start_min, "
      "lunch_end_min, dinner_weekdays, dinner_start_min, dinner_end_min, cutoff_min, "
      "delivery_fee_fen, fixed_monthly_cost_fen, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {c.community_id.value(), c.name, std::int64_t{c.seats_per_meal},
       std::int64_t{c.lunch.weekdays}, std::int64_t{c.lunch.start_min},
       std::int64_t{c.lunch.end_min}, std::int64_t{c.dinner.weekdays},
       std::int64_t{c.dinner.start_min}, std::int64_t{c.dinner.end_min}, std::int64_t{c.cutoff_min},
       c.delivery_fee_fen, c.fixed_monthly_cost_fen, c.created_at});
  SHEQU_RETURN_IF_ERROR(rows);
  return CanteenId(rows->rows.at(0).GetInt(0));
}

Result<std::optional<Canteen>> LoadCanteen(store::Connection& db, CanteenId id) {
  auto rows = db.Query(std::string("SELECT ") + kCanteenColumns + " FROM canteens WHERE id = ?",
                       {id.value()});
  SHEQU_RETURN_IF_ERROR(rows);
  if (rows->empty()) return std::nullopt;
  return CanteenOf(rows->rows.at(0));
}

Result<std::vector<Canteen>> ListCanteens(store::Connection& db, CommunityId community) {
  auto rows = db.Query(std::string("SELECT ") + kCanteenColumns +
                           " FROM canteens WHERE community_id = ? ORDER BY name, id",
                       {community.value()});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<Canteen> out;
  for (const auto& row : rows->rows) out.push_back(CanteenOf(row));
  return out;
}

Status LockCanteen(store::Connection& db, CanteenId id) {
  if (db.backend() != store::Backend::kPostgres) return {};
  auto rows = db.Query("SELECT id FROM canteens WHERE id = ? FOR UPDATE", {id.value()});
  SHEQU_RETURN_IF_ERROR(rows);
  return {};
}

Status UpsertMenu(store::Connection& db, CommunityId community, const MenuDay& menu, Instant now) {
  const nlohmann::json dishes = menu.dishes;
  auto rows = db.Query(
      "INSERT INTO canteen_menus (canteen_id, community_id, meal_date, meal, dishes, price_fen, "
      "cost_fen, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (canteen_id, meal_date, meal) DO UPDATE SET dishes = excluded.dishes, "
      "price_fen = excluded.price_fen, cost_fen = excluded.cost_fen, "
      "updated_at = excluded.updated_at",
      {menu.canteen_id.value(), community.value(), FormatDate(menu.date),
       std::string(MealName(menu.meal)), dishes.dump(), menu.price_fen, menu.cost_fen, now});
  SHEQU_RETURN_IF_ERROR(rows);
  return {};
}

namespace {
MenuDay MenuOf(const store::Row& row) {
  MenuDay m;
  m.canteen_id = CanteenId(row.GetInt(0));
  m.date = DateOf(row.GetText(1));
  m.meal = MealOf(row.GetText(2));
  const auto dishes = nlohmann::json::parse(row.GetText(3), nullptr, false);
  if (dishes.is_array()) {
    for (const auto& dish : dishes) {
      if (dish.is_string()) m.dishes.push_back(dish.get<std::string>());
    }
  }
  m.price_fen = row.GetInt(4);
  m.cost_fen = row.GetInt(5);
  return m;
}
constexpr const char* kMenuColumns = "canteen_id, meal_date, meal, dishes, price_fen, cost_fen";
}  // namespace

Result<std::optional<MenuDay>> LoadMenu(store::Connection& db, CanteenId canteen,
                                        const CivilDate& date, Meal meal) {
  auto rows =
      db.Query(std::string("SELECT ") + kMenuColumns +
                   " FROM canteen_menus WHERE canteen_id = ? AND meal_date = ? AND meal = ?",
               {canteen.value(), FormatDate(date), std::string(MealName(meal))});
  SHEQU_RETURN_IF_ERROR(rows);
  if (rows->empty()) return std::nullopt;
  return MenuOf(rows->rows.at(0));
}

Result<std::vector<MenuDay>> ListMenus(store::Connection& db, CanteenId canteen,
                                       const CivilDate& from, const CivilDate& to) {
  auto rows = db.Query(std::string("SELECT ") + kMenuColumns +
                           " FROM canteen_menus WHERE canteen_id = ? AND meal_date >= ? AND "
                           "meal_date <= ? ORDER BY meal_date, meal",
                       {canteen.value(), FormatDate(from), FormatDate(to)});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<MenuDay> out;
  for (const auto& row : rows->rows) out.push_back(MenuOf(row));
  return out;
}

Result<std::optional<std::string>> LatestSubsidyRules(store::Connection& db) {
  auto rows = db.Query("SELECT rules_tsv FROM canteen_subsidy_rules ORDER BY id DESC LIMIT 1");
  SHEQU_RETURN_IF_ERROR(rows);
  if (rows->empty()) return std::nullopt;
  return rows->rows.at(0).GetText(0);
}

Status InsertSubsidyRules(store::Connection& db, std::string_view tsv, std::string_view source,
                          std::string_view loaded_by, Instant now) {
  auto rows = db.Query(
      "INSERT INTO canteen_subsidy_rules (rules_tsv, source, loaded_by, loaded_at) "
      "VALUES (?, ?, ?, ?)",
      {std::string(tsv), std::string(source), std::string(loaded_by), now});
  SHEQU_RETURN_IF_ERROR(rows);
  return {};
}

Result<std::int64_t> CountActiveOrders(store::Connection& db, CanteenId canteen,
                                       const CivilDate& date, Meal meal) {
  auto rows = db.Query(
      "SELECT COUNT(*) FROM canteen_orders WHERE canteen_id = ? AND meal_date = ? AND meal = ? "
      "AND status = 'active'",
      {canteen.value(), FormatDate(date), std::string(MealName(meal))});
  SHEQU_RETURN_IF_ERROR(rows);
  return rows->rows.at(0).GetInt(0);
}

Result<bool> HasActiveOrder(store::Connection& db, ResidentId resident, const CivilDate& date,
                            Meal meal) {
  auto rows = db.Query(
      "SELECT 1 FROM canteen_orders WHERE resident_id = ? AND meal_date = ? AND meal = ? AND "
      "status = 'active'",
      {resident.value(), FormatDate(date), std::string(MealName(meal))});
  SHEQU_RETURN_IF_ERROR(rows);
  return !rows->empty();
}

Result<std::vector<MonthlyUse>> LedgerUse(store::Connection& db, ResidentId resident,
                                          const CivilDate& from, const CivilDate& to) {
  auto rows = db.Query(
      "SELECT funding_line, CAST(SUM(CASE WHEN subsidy_fen > 0 THEN 1 WHEN subsidy_fen < 0 THEN -1 "
      "ELSE 0 END) AS BIGINT), CAST(SUM(subsidy_fen) AS BIGINT) FROM canteen_subsidy_ledger WHERE "
      "resident_id = ? AND "
      "meal_date >= ? AND meal_date <= ? GROUP BY funding_line",
      {resident.value(), FormatDate(from), FormatDate(to)});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<MonthlyUse> out;
  for (const auto& row : rows->rows) {
    out.push_back({row.GetText(0), static_cast<int>(row.GetInt(1)), row.GetInt(2)});
  }
  return out;
}

Result<CanteenOrderId> InsertOrder(store::Connection& db, const CanteenOrder& o) {
  auto rows = db.Query(
      "INSERT INTO canteen_orders (community_id, canteen_id, resident_id, meal_date, meal, mode, "
      "status, standard_fen, subsidy_fen, delivery_fen, price_fen, operator_subsidy_fen, "
      "cost_fen, funding_line, tier, lines, standing_order_id, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {o.community_id.value(), o.canteen_id.value(), o.resident_id.value(), FormatDate(o.date),
       std::string(MealName(o.meal)), std::string(OrderModeName(o.mode)), o.quote.standard_fen,
       o.quote.subsidy_fen, o.quote.delivery_fen, o.quote.price_fen, o.quote.operator_subsidy_fen,
       o.quote.cost_fen, TextOrNull(o.quote.funding_line), TextOrNull(o.quote.tier),
       LinesJson(o.quote.lines), IdOrNull(o.standing_order_id.value()), o.created_by,
       o.created_at});
  SHEQU_RETURN_IF_ERROR(rows);
  return CanteenOrderId(rows->rows.at(0).GetInt(0));
}

Status PostLedger(store::Connection& db, const CanteenOrder& o, int sign, Instant now) {
  auto rows = db.Query(
      "INSERT INTO canteen_subsidy_ledger (community_id, canteen_id, order_id, resident_id, "
      "funding_line, meal_date, subsidy_fen, operator_subsidy_fen, posted_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {o.community_id.value(), o.canteen_id.value(), o.id.value(), o.resident_id.value(),
       o.quote.funding_line, FormatDate(o.date), sign * o.quote.subsidy_fen,
       sign * o.quote.operator_subsidy_fen, now});
  SHEQU_RETURN_IF_ERROR(rows);
  return {};
}

Result<std::optional<CanteenOrder>> LoadOrder(store::Connection& db, CanteenOrderId id) {
  auto rows =
      db.Query(std::string("SELECT ") + kOrderColumns + " FROM canteen_orders o WHERE o.id = ?",
               {id.value()});
  SHEQU_RETURN_IF_ERROR(rows);
  if (rows->empty()) return std::nullopt;
  return OrderOf(rows->rows.at(0));
}

Status MarkCancelled(store::Connection& db, CanteenOrderId id, Instant now) {
  auto rows = db.Query(
      "UPDATE canteen_orders SET status = 'cancelled', cancelled_at = ? WHERE id = ? AND "
      "status = 'active'",
      {now, id.value()});
  SHEQU_RETURN_IF_ERROR(rows);
  if (rows->rows_affected != 1) return Conflict("the order is cancelled already", "order");
  return {};
}

Result<std::vector<ServingOrder>> ListServing(store::Connection& db, CanteenId canteen,
                                              const CivilDate& date, std::optional<Meal> meal) {
  std::string sql = std::string("SELECT ") + kOrderColumns +
                    ", r.name, d.diabetic, d.low_salt, d.soft_food, d.note FROM canteen_orders o "
                    "JOIN residents r ON r.id = o.resident_id "
                    "LEFT JOIN canteen_diet_notes d ON d.resident_id = o.resident_id "
                    "WHERE o.canteen_id = ? AND o.meal_date = ? AND o.status = 'active'";
  std::vector<store::Value> params = {canteen.value(), FormatDate(date)};
  if (meal) {
    sql += " AND o.meal = ?";
    params.emplace_back(std::string(MealName(*meal)));
  }
  sql += " ORDER BY o.meal, o.mode, r.name, o.id";
  auto rows = db.Query(sql, params);
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<ServingOrder> out;
  for (const auto& row : rows->rows) {
    ServingOrder s{OrderOf(row), row.GetText(20), std::nullopt};
    if (!row.IsNull(21)) {
      s.diet = DietNotes{s.order.resident_id, row.GetInt(21) != 0, row.GetInt(22) != 0,
                         row.GetInt(23) != 0, row.GetText(24)};
    }
    out.push_back(std::move(s));
  }
  return out;
}

Result<StandingOrderId> InsertStandingOrder(store::Connection& db, const StandingOrder& s,
                                            Instant now) {
  auto rows = db.Query(
      "INSERT INTO canteen_standing_orders (community_id, canteen_id, resident_id, weekdays, "
      "meal, mode, from_date, to_date, paused, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {s.community_id.value(), s.canteen_id.value(), s.resident_id.value(),
       std::int64_t{s.weekdays}, std::string(MealName(s.meal)), std::string(OrderModeName(s.mode)),
       FormatDate(s.from), DateOrNull(s.to), std::int64_t{s.paused ? 1 : 0}, now, now});
  SHEQU_RETURN_IF_ERROR(rows);
  return StandingOrderId(rows->rows.at(0).GetInt(0));
}

Result<std::optional<StandingOrder>> LoadStandingOrder(store::Connection& db, StandingOrderId id) {
  auto rows = db.Query(
      std::string("SELECT ") + kStandingColumns + " FROM canteen_standing_orders WHERE id = ?",
      {id.value()});
  SHEQU_RETURN_IF_ERROR(rows);
  if (rows->empty()) return std::nullopt;
  return StandingOf(rows->rows.at(0));
}

Status SetStandingOrderPaused(store::Connection& db, StandingOrderId id, bool paused, Instant now) {
  auto rows = db.Query("UPDATE canteen_standing_orders SET paused = ?, updated_at = ? WHERE id = ?",
                       {std::int64_t{paused ? 1 : 0}, now, id.value()});
  SHEQU_RETURN_IF_ERROR(rows);
  return {};
}

Result<std::vector<StandingOrder>> StandingOrdersDue(store::Connection& db, const CivilDate& date) {
  auto rows = db.Query(std::string("SELECT ") + kStandingColumns +
                           " FROM canteen_standing_orders WHERE paused = 0 AND from_date <= ? AND "
                           "(to_date IS NULL OR to_date >= ?) AND (weekdays & ?) <> 0 ORDER BY id",
                       {FormatDate(date), FormatDate(date), std::int64_t{WeekdayBit(date)}});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<StandingOrder> out;
  for (const auto& row : rows->rows) out.push_back(StandingOf(row));
  return out;
}

Status UpsertDietNotes(store::Connection& db, CommunityId community, const DietNotes& n,
                       Instant now) {
  auto rows = db.Query(
      "INSERT INTO canteen_diet_notes (resident_id, community_id, diabetic, low_salt, soft_food, "
      "note, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (resident_id) DO UPDATE SET "
      "community_id = excluded.community_id, diabetic = excluded.diabetic, "
      "low_salt = excluded.low_salt, soft_food = excluded.soft_food, note = excluded.note, "
      "updated_at = excluded.updated_at",
      {n.resident_id.value(), community.value(), std::int64_t{n.diabetic ? 1 : 0},
       std::int64_t{n.low_salt ? 1 : 0}, std::int64_t{n.soft_food ? 1 : 0}, n.note, now});
  SHEQU_RETURN_IF_ERROR(rows);
  return {};
}

Result<std::optional<DietNotes>> LoadDietNotes(store::Connection& db, ResidentId resident) {
  auto rows = db.Query(
      "SELECT diabetic, low_salt, soft_food, note FROM canteen_diet_notes WHERE resident_id = ?",
      {resident.value()});
  SHEQU_RETURN_IF_ERROR(rows);
  if (rows->empty()) return std::nullopt;
  const auto& row = rows->rows.at(0);
  return DietNotes{resident, row.GetInt(0) != 0, row.GetInt(1) != 0, row.GetInt(2) != 0,
                   row.GetText(3)};
}

Result<std::vector<SettledOrder>> SettledOrders(store::Connection& db, CanteenId canteen,
                                                const CivilDate& from, const CivilDate& to) {
  auto rows = db.Query(
      "SELECT meal_date, meal, standard_fen, subsidy_fen, delivery_fen, price_fen, "
      "operator_subsidy_fen, cost_fen, funding_line, tier FROM canteen_orders WHERE "
      "canteen_id = ? AND meal_date >= ? AND meal_date <= ? AND status = 'active' ORDER BY id",
      {canteen.value(), FormatDate(from), FormatDate(to)});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<SettledOrder> out;
  out.reserve(rows->rows.size());
  for (const auto& row : rows->rows) {
    out.push_back({DateOf(row.GetText(0)), MealOf(row.GetText(1)), row.GetInt(2), row.GetInt(3),
                   row.GetInt(4), row.GetInt(5), row.GetInt(6), row.GetInt(7),
                   row.GetOptionalText(8).value_or(""), row.GetOptionalText(9).value_or("")});
  }
  return out;
}

Result<std::vector<LedgerTotal>> LedgerTotals(store::Connection& db, CanteenId canteen,
                                              const CivilDate& from, const CivilDate& to) {
  auto rows = db.Query(
      "SELECT funding_line, CAST(SUM(subsidy_fen) AS BIGINT), "
      "CAST(SUM(operator_subsidy_fen) AS BIGINT) FROM "
      "canteen_subsidy_ledger WHERE canteen_id = ? AND meal_date >= ? AND meal_date <= ? "
      "GROUP BY funding_line ORDER BY funding_line",
      {canteen.value(), FormatDate(from), FormatDate(to)});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<LedgerTotal> out;
  for (const auto& row : rows->rows) {
    out.push_back({row.GetText(0), row.GetInt(1), row.GetInt(2)});
  }
  return out;
}

}  // namespace shequ::eldercare
