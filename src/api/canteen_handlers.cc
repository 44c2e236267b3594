// HTTP for the elderly canteen (eldercare/canteen): canteens, menus, quotes and orders, standing
// orders, diet notes, the subsidy rule table, month-end settlement (JSON and XLSX) and the
// sustainability dashboard with its what-if. JSON ↔ CanteenService only; the rules live there.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "api/app_services.h"
#include "api/json_body.h"
#include "api/json_mapping.h"
#include "base/money.h"
#include "eldercare/canteen/canteen_service.h"
#include "registry/table_export.h"

namespace shequ::api {
namespace {

using eldercare::CanteenService;
using Service = std::shared_ptr<CanteenService>;

constexpr JsonField kNewCanteenFields[] = {
    {"community_id", JsonType::kInteger},
    {"name", JsonType::kString},
    {"seats_per_meal", JsonType::kInteger},
    {"lunch", JsonType::kObject, kOptional, true},
    {"dinner", JsonType::kObject, kOptional, true},
    {"cutoff_minutes", JsonType::kInteger, kOptional},
    {"delivery_fee_fen", JsonType::kInteger, kOptional},
    {"fixed_monthly_cost_fen", JsonType::kInteger, kOptional},
};

constexpr JsonField kMenuFields[] = {
    {"date", JsonType::kString},
    {"meal", JsonType::kString},
    {"dishes", JsonType::kArray},
    {"price_fen", JsonType::kInteger},
    {"cost_fen", JsonType::kInteger, kOptional},
};

constexpr JsonField kMealFields[] = {
    {"canteen_id", JsonType::kInteger},
    {"resident_id", JsonType::kInteger},
    {"meal", JsonType::kString},
    {"date", JsonType::kString},
    {"delivery", JsonType::kBoolean, kOptional},
    {"mode", JsonType::kString, kOptional},
};

constexpr JsonField kStandingOrderFields[] = {
    {"canteen_id", JsonType::kInteger},
    {"resident_id", JsonType::kInteger},
    {"weekdays", JsonType::kArray},
    {"meal", JsonType::kString},
    {"mode", JsonType::kString, kOptional},
    {"from", JsonType::kString},
    {"to", JsonType::kString, kOptional, true},
};

constexpr JsonField kDietFields[] = {
    {"diabetic", JsonType::kBoolean, kOptional},
    {"low_salt", JsonType::kBoolean, kOptional},
    {"soft_food", JsonType::kBoolean, kOptional},
    {"note", JsonType::kString, kOptional},
};

constexpr JsonField kRulesFields[] = {{"tsv", JsonType::kString}};

constexpr JsonField kWhatIfFields[] = {
    {"month", JsonType::kString},
    {"price_change_fen", JsonType::kInteger, kOptional},
    {"subsidy_scale", JsonType::kNumber, kOptional},
};

nlohmann::json ObjectSchema() { return {{"type", "object"}}; }

Result<CivilDate> DateField(const std::string& text, const char* field) {
  auto date = ParseDate(text);
  if (!date) return InvalidArgument(fmt::format("{} must be a date YYYY-MM-DD", field), field);
  return *date;
}

Result<eldercare::Meal> MealField(const std::string& text) {
  auto meal = eldercare::ParseMeal(text);
  if (!meal) return InvalidArgument("meal must be lunch or dinner", "meal");
  return *meal;
}

Result<eldercare::OrderMode> ModeField(const nlohmann::json& body) {
  eldercare::OrderMode mode = eldercare::OrderMode::kDineIn;
  if (const auto it = body.find("mode"); it != body.end()) {
    auto parsed = eldercare::ParseOrderMode(it->get<std::string>());
    if (!parsed) return InvalidArgument("mode must be dine_in, pickup or delivery", "mode");
    mode = *parsed;
  }
  if (const auto it = body.find("delivery"); it != body.end()) {
    const bool delivery = it->get<bool>();
    if (body.contains("mode") && delivery != (mode == eldercare::OrderMode::kDelivery)) {
      return InvalidArgument("delivery contradicts mode", "delivery");
    }
    if (delivery) mode = eldercare::OrderMode::kDelivery;
  }
  return mode;
}

// "YYYY-MM" as (year, month).
Result<std::pair<int, int>> MonthField(std::string_view text) {
  auto date = text.size() == 7 ? ParseDate(std::string(text) + "-01") : ParseDate("x");
  if (!date) return InvalidArgument("month must be YYYY-MM", "month");
  return std::pair{date->year, date->month};
}

Result<int> WeekdayMask(const nlohmann::json& days, const char* field) {
  int mask = 0;
  for (const auto& day : days) {
    if (!day.is_number_integer() || day.get<int>() < 1 || day.get<int>() > 7) {
      return InvalidArgument("weekdays are ISO numbers 1 (Monday) to 7 (Sunday)", field);
    }
    mask |= 1 << (day.get<int>() - 1);
  }
  return mask;
}

nlohmann::json WeekdayList(int mask) {
  nlohmann::json days = nlohmann::json::array();
  for (int day = 1; day <= 7; ++day) {
    if (mask & (1 << (day - 1))) days.push_back(day);
  }
  return days;
}

Result<int> ClockMinutes(const nlohmann::json& value, const char* field) {
  if (!value.is_string()) return InvalidArgument("times are \"HH:MM\"", field);
  const std::string text = value.get<std::string>();
  int hours = 0, minutes = 0;
  if (text.size() != 5 || text[2] != ':' ||
      std::sscanf(text.c_str(), "%2d:%2d", &hours, &minutes) != 2 || hours < 0 || hours > 24 ||
      minutes < 0 || minutes > 59 || (hours == 24 && minutes != 0)) {
    return InvalidArgument("times are \"HH:MM\"", field);
  }
  return hours * 60 + minutes;
}

std::string ClockText(int minutes) {
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

// {"weekdays":[1,2,3,4,5],"start":"11:00","end":"13:00"}; null or absent: never served.
Result<eldercare::MealHours> HoursField(const nlohmann::json& body, const char* field) {
  const auto it = body.find(field);
  if (it == body.end() || it->is_null()) return eldercare::MealHours{0, 0, 1};
  const auto& hours = *it;
  if (!hours.contains("weekdays") || !hours["weekdays"].is_array() || !hours.contains("start") ||
      !hours.contains("end")) {
    return InvalidArgument("give weekdays, start and end", field);
  }
  auto mask = WeekdayMask(hours["weekdays"], field);
  SHEQU_RETURN_IF_ERROR(mask);
  auto start = ClockMinutes(hours["start"], field);
  SHEQU_RETURN_IF_ERROR(start);
  auto end = ClockMinutes(hours["end"], field);
  SHEQU_RETURN_IF_ERROR(end);
  return eldercare::MealHours{*mask, *start, *end};
}

nlohmann::json HoursJson(const eldercare::MealHours& hours) {
  if (hours.weekdays == 0) return nullptr;
  return {{"weekdays", WeekdayList(hours.weekdays)},
          {"start", ClockText(hours.start_min)},
          {"end", ClockText(hours.end_min)}};
}

nlohmann::json CanteenJson(const eldercare::Canteen& c) {
  return {{"id", c.id.value()},
          {"community_id", c.community_id.value()},
          {"name", c.name},
          {"seats_per_meal", c.seats_per_meal},
          {"lunch", HoursJson(c.lunch)},
          {"dinner", HoursJson(c.dinner)},
          {"cutoff_minutes", c.cutoff_min},
          {"delivery_fee_fen", c.delivery_fee_fen},
          {"fixed_monthly_cost_fen", c.fixed_monthly_cost_fen}};
}

nlohmann::json MenuJson(const eldercare::MenuDay& m) {
  return {{"canteen_id", m.canteen_id.value()},
          {"date", FormatDate(m.date)},
          {"meal", eldercare::MealName(m.meal)},
          {"dishes", m.dishes},
          {"price_fen", m.price_fen},
          {"cost_fen", m.cost_fen}};
}

nlohmann::json LinesJson(const std::vector<eldercare::PriceLine>& lines) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& line : lines) {
    out.push_back(
        {{"label", line.label}, {"label_en", line.label_en}, {"amount_fen", line.amount_fen}});
  }
  return out;
}

nlohmann::json NullIfEmpty(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

nlohmann::json QuoteJson(const eldercare::Quote& q) {
  return {{"price_fen", q.price_fen},
          {"standard_fen", q.standard_fen},
          {"subsidy_fen", q.subsidy_fen},
          {"delivery_fen", q.delivery_fen},
          {"funding_line", NullIfEmpty(q.funding_line)},
          {"tier", NullIfEmpty(q.tier)},
          {"lines", LinesJson(q.lines)},
          {"price", FormatYuan(Money::FromFen(q.price_fen))}};
}

nlohmann::json OrderJson(const eldercare::CanteenOrder& o) {
  nlohmann::json json = QuoteJson(o.quote);
  json["id"] = o.id.value();
  json["canteen_id"] = o.canteen_id.value();
  json["resident_id"] = o.resident_id.value();
  json["date"] = FormatDate(o.date);
  json["meal"] = eldercare::MealName(o.meal);
  json["mode"] = eldercare::OrderModeName(o.mode);
  json["status"] = o.status == eldercare::OrderStatus::kActive ? "active" : "cancelled";
  json["standing_order_id"] = o.standing_order_id.valid()
                                  ? nlohmann::json(o.standing_order_id.value())
                                  : nlohmann::json(nullptr);
  return json;
}

nlohmann::json DietJson(const eldercare::DietNotes& d) {
  return {{"resident_id", d.resident_id.value()},
          {"diabetic", d.diabetic},
          {"low_salt", d.low_salt},
          {"soft_food", d.soft_food},
          {"note", d.note}};
}

nlohmann::json StandingJson(const eldercare::StandingOrder& s) {
  return {{"id", s.id.value()},
          {"canteen_id", s.canteen_id.value()},
          {"resident_id", s.resident_id.value()},
          {"weekdays", WeekdayList(s.weekdays)},
          {"meal", eldercare::MealName(s.meal)},
          {"mode", eldercare::OrderModeName(s.mode)},
          {"from", FormatDate(s.from)},
          {"to", s.to ? nlohmann::json(FormatDate(*s.to)) : nlohmann::json(nullptr)},
          {"paused", s.paused}};
}

template <typename T>
nlohmann::json OrNull(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json SettlementJson(const eldercare::Settlement& s) {
  nlohmann::json tiers = nlohmann::json::array();
  for (const auto& t : s.tiers) {
    tiers.push_back({{"tier", NullIfEmpty(t.tier)},
                     {"funding_line", NullIfEmpty(t.funding_line)},
                     {"meals", t.meals},
                     {"standard_fen", t.standard_fen},
                     {"subsidy_fen", t.subsidy_fen},
                     {"paid_fen", t.paid_fen},
                     {"operator_subsidy_fen", t.operator_subsidy_fen}});
  }
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& l : s.funding_lines) {
    lines.push_back({{"funding_line", l.funding_line},
                     {"meals", l.meals},
                     {"subsidy_fen", l.subsidy_fen},
                     {"operator_subsidy_fen", l.operator_subsidy_fen},
                     {"ledger_subsidy_fen", l.ledger_subsidy_fen},
                     {"ledger_operator_subsidy_fen", l.ledger_operator_subsidy_fen}});
  }
  return {{"month", fmt::format("{:04}-{:02}", s.year, s.month)},
          {"meals", s.meals},
          {"subsidised_meals", s.subsidised_meals},
          {"standard_fen", s.standard_fen},
          {"subsidy_fen", s.subsidy_fen},
          {"operator_subsidy_fen", s.operator_subsidy_fen},
          {"revenue_fen", s.revenue_fen},
          {"delivery_fen", s.delivery_fen},
          {"food_cost_fen", s.food_cost_fen},
          {"fixed_cost_fen", s.fixed_cost_fen},
          {"tiers", std::move(tiers)},
          {"funding_lines", std::move(lines)},
          {"reconciled", s.reconciled}};
}

nlohmann::json SustainabilityJson(const eldercare::Sustainability& s) {
  return {{"month", fmt::format("{:04}-{:02}", s.year, s.month)},
          {"meals", s.meals},
          {"open_days", s.open_days},
          {"capacity_meals", s.capacity_meals},
          {"meals_per_day", OrNull(s.meals_per_day)},
          {"capacity_per_day", OrNull(s.capacity_per_day)},
          {"utilisation", OrNull(s.utilisation)},
          {"revenue_fen", s.revenue_fen},
          {"subsidy_fen", s.subsidy_fen},
          {"food_cost_fen", s.food_cost_fen},
          {"fixed_cost_fen", s.fixed_cost_fen},
          {"total_cost_fen", s.total_cost_fen},
          {"cost_recovery", OrNull(s.cost_recovery)},
          {"subsidy_dependence", OrNull(s.subsidy_dependence)},
          {"margin_per_meal_fen", OrNull(s.margin_per_meal_fen)},
          {"break_even_meals_per_day", OrNull(s.break_even_meals_per_day)},
          {"break_even_reason", NullIfEmpty(s.break_even_reason)}};
}

double Yuan(std::int64_t fen) { return static_cast<double>(fen) / 100.0; }

// The settlement as one worksheet a street office can file: tiers, funding lines, totals.
registry::Table SettlementTable(const eldercare::Canteen& canteen, const eldercare::Settlement& s) {
  registry::Table table;
  table.title = fmt::format("{:04}-{:02} 月结", s.year, s.month);
  table.columns = {"类别 section", "项目 item", "资金渠道 funding line", "餐数 meals",
                   "金额(元) amount (yuan)"};
  using registry::TableCell;
  auto row = [&](std::string section, std::string item, std::string line, TableCell meals,
                 std::int64_t fen) {
    table.rows.push_back({TableCell(std::move(section)), TableCell(std::move(item)),
                          TableCell(std::move(line)), std::move(meals), TableCell(Yuan(fen))});
  };
  row("食堂 canteen", canteen.name, "", std::monostate{}, 0);
  for (const auto& t : s.tiers) {
    row("档次 tier", t.tier.empty() ? "无补贴 full price" : t.tier, t.funding_line,
        TableCell(t.meals), t.subsidy_fen);
  }
  for (const auto& l : s.funding_lines) {
    row("资金渠道 funding line", "餐补 meal subsidy", l.funding_line, TableCell(l.meals),
        l.subsidy_fen);
    row("资金渠道 funding line", "运营补贴 operator subsidy", l.funding_line, TableCell(l.meals),
        l.operator_subsidy_fen);
  }
  row("合计 total", "用餐收入 revenue from diners", "", TableCell(s.meals), s.revenue_fen);
  row("合计 total", "送餐费 delivery fees", "", std::monostate{}, s.delivery_fen);
  row("合计 total", "餐补 meal subsidy", "", TableCell(s.subsidised_meals), s.subsidy_fen);
  row("合计 total", "运营补贴 operator subsidy", "", TableCell(s.subsidised_meals),
      s.operator_subsidy_fen);
  row("合计 total", "食材成本 food cost", "", TableCell(s.meals), s.food_cost_fen);
  row("合计 total", "固定成本 fixed cost", "", std::monostate{}, s.fixed_cost_fen);
  return table;
}

Result<eldercare::CanteenId> CanteenParam(const Request& request) {
  auto id = request.PathParamInt("id");
  SHEQU_RETURN_IF_ERROR(id);
  return eldercare::CanteenId(*id);
}

Result<eldercare::MealRequest> MealRequestOf(const nlohmann::json& body) {
  eldercare::MealRequest request;
  request.canteen_id = eldercare::CanteenId(body["canteen_id"].get<std::int64_t>());
  request.resident_id = registry::ResidentId(body["resident_id"].get<std::int64_t>());
  auto meal = MealField(body["meal"].get<std::string>());
  SHEQU_RETURN_IF_ERROR(meal);
  request.meal = *meal;
  auto date = DateField(body["date"].get<std::string>(), "date");
  SHEQU_RETURN_IF_ERROR(date);
  request.date = *date;
  auto mode = ModeField(body);
  SHEQU_RETURN_IF_ERROR(mode);
  request.mode = *mode;
  return request;
}

Response CreateCanteen(CanteenService& service, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.request(), kNewCanteenFields);
  if (!body) return Response::Error(body.error());
  eldercare::Canteen canteen;
  canteen.community_id = CommunityId((*body)["community_id"].get<std::int64_t>());
  canteen.name = (*body)["name"].get<std::string>();
  canteen.seats_per_meal = static_cast<int>(
      std::clamp<std::int64_t>((*body)["seats_per_meal"].get<std::int64_t>(), -1, 1'000'000));
  auto lunch = HoursField(*body, "lunch");
  if (!lunch) return Response::Error(lunch.error());
  auto dinner = HoursField(*body, "dinner");
  if (!dinner) return Response::Error(dinner.error());
  canteen.lunch = *lunch;
  canteen.dinner = *dinner;
  canteen.cutoff_min = static_cast<int>(
      std::clamp<std::int64_t>(body->value("cutoff_minutes", std::int64_t{120}), -1, 100'000));
  canteen.delivery_fee_fen = body->value("delivery_fee_fen", std::int64_t{0});
  canteen.fixed_monthly_cost_fen = body->value("fixed_monthly_cost_fen", std::int64_t{0});
  auto created = service.CreateCanteen(ctx.principal(), canteen, OriginOf(ctx.request()));
  if (!created) return Response::Error(created.error());
  return Response::Json(201, CanteenJson(*created));
}

Response ListCanteens(CanteenService& service, RequestContext& ctx) {
  const auto text = ctx.request().QueryParam("community");
  if (!text) return Response::Error(InvalidArgument("give ?community=", "community").error());
  auto community = ParseQueryInt(*text, "community");
  if (!community) return Response::Error(community.error());
  auto canteens = service.ListCanteens(ctx.principal(), CommunityId(*community));
  if (!canteens) return Response::Error(canteens.error());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& canteen : *canteens) out.push_back(CanteenJson(canteen));
  return Response::Json(200, {{"canteens", std::move(out)}});
}

Response GetCanteen(CanteenService& service, RequestContext& ctx) {
  auto id = CanteenParam(ctx.request());
  if (!id) return Response::Error(id.error());
  auto canteen = service.GetCanteen(ctx.principal(), *id);
  if (!canteen) return Response::Error(canteen.error());
  return Response::Json(200, CanteenJson(*canteen));
}

Response SetMenu(CanteenService& service, RequestContext& ctx) {
  auto id = CanteenParam(ctx.request());
  if (!id) return Response::Error(id.error());
  auto body = ParseJsonObject(ctx.request(), kMenuFields);
  if (!body) return Response::Error(body.error());
  eldercare::MenuDay menu;
  menu.canteen_id = *id;
  auto date = DateField((*body)["date"].get<std::string>(), "date");
  if (!date) return Response::Error(date.error());
  menu.date = *date;
  auto meal = MealField((*body)["meal"].get<std::string>());
  if (!meal) return Response::Error(meal.error());
  menu.meal = *meal;
  for (const auto& dish : (*body)["dishes"]) {
    if (!dish.is_string()) {
      return Response::Error(InvalidArgument("dishes are names (strings)", "dishes").error());
    }
    menu.dishes.push_back(dish.get<std::string>());
  }
  menu.price_fen = (*body)["price_fen"].get<std::int64_t>();
  menu.cost_fen = body->value("cost_fen", std::int64_t{0});
  auto saved = service.SetMenu(ctx.principal(), menu, OriginOf(ctx.request()));
  if (!saved) return Response::Error(saved.error());
  return Response::Json(200, MenuJson(*saved));
}

Response ListMenus(CanteenService& service, RequestContext& ctx) {
  auto id = CanteenParam(ctx.request());
  if (!id) return Response::Error(id.error());
  const auto from_text = ctx.request().QueryParam("from");
  const auto to_text = ctx.request().QueryParam("to");
  auto from = DateField(std::string(from_text.value_or("")), "from");
  if (!from) return Response::Error(from.error());
  auto to = DateField(std::string(to_text.value_or("")), "to");
  if (!to) return Response::Error(to.error());
  auto menus = service.Menus(ctx.principal(), *id, *from, *to);
  if (!menus) return Response::Error(menus.error());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& menu : *menus) out.push_back(MenuJson(menu));
  return Response::Json(200, {{"menus", std::move(out)}});
}

Response QuoteMeal(CanteenService& service, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.request(), kMealFields);
  if (!body) return Response::Error(body.error());
  auto request = MealRequestOf(*body);
  if (!request) return Response::Error(request.error());
  auto quote = service.QuoteMeal(ctx.principal(), *request);
  if (!quote) return Response::Error(quote.error());
  return Response::Json(200, QuoteJson(*quote));
}

Response PlaceOrder(CanteenService& service, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.request(), kMealFields);
  if (!body) return Response::Error(body.error());
  auto request = MealRequestOf(*body);
  if (!request) return Response::Error(request.error());
  auto order = service.PlaceOrder(ctx.principal(), *request, OriginOf(ctx.request()));
  if (!order) return Response::Error(order.error());
  return Response::Json(201, OrderJson(*order));
}

Response CancelOrder(CanteenService& service, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto order =
      service.CancelOrder(ctx.principal(), eldercare::CanteenOrderId(*id), OriginOf(ctx.request()));
  if (!order) return Response::Error(order.error());
  return Response::Json(200, OrderJson(*order));
}

Response Serving(CanteenService& service, RequestContext& ctx) {
  auto id = CanteenParam(ctx.request());
  if (!id) return Response::Error(id.error());
  auto date = DateField(std::string(ctx.request().QueryParam("date").value_or("")), "date");
  if (!date) return Response::Error(date.error());
  std::optional<eldercare::Meal> meal;
  if (const auto text = ctx.request().QueryParam("meal")) {
    auto parsed = MealField(std::string(*text));
    if (!parsed) return Response::Error(parsed.error());
    meal = *parsed;
  }
  auto serving = service.Serving(ctx.principal(), *id, *date, meal);
  if (!serving) return Response::Error(serving.error());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : *serving) {
    nlohmann::json order = OrderJson(s.order);
    order["resident_name"] = s.resident_name;
    order["diet"] = s.diet ? DietJson(*s.diet) : nlohmann::json(nullptr);
    out.push_back(std::move(order));
  }
  const auto count = out.size();
  return Response::Json(200, {{"orders", std::move(out)}, {"count", count}});
}

Response CreateStandingOrder(CanteenService& service, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.request(), kStandingOrderFields);
  if (!body) return Response::Error(body.error());
  eldercare::StandingOrder order;
  order.canteen_id = eldercare::CanteenId((*body)["canteen_id"].get<std::int64_t>());
  order.resident_id = registry::ResidentId((*body)["resident_id"].get<std::int64_t>());
  auto mask = WeekdayMask((*body)["weekdays"], "weekdays");
  if (!mask) return Response::Error(mask.error());
  order.weekdays = *mask;
  auto meal = MealField((*body)["meal"].get<std::string>());
  if (!meal) return Response::Error(meal.error());
  order.meal = *meal;
  auto mode = ModeField(*body);
  if (!mode) return Response::Error(mode.error());
  order.mode = *mode;
  auto from = DateField((*body)["from"].get<std::string>(), "from");
  if (!from) return Response::Error(from.error());
  order.from = *from;
  if (const auto it = body->find("to"); it != body->end() && !it->is_null()) {
    auto to = DateField(it->get<std::string>(), "to");
    if (!to) return Response::Error(to.error());
    order.to = *to;
  }
  auto created = service.CreateStandingOrder(ctx.principal(), order, OriginOf(ctx.request()));
  if (!created) return Response::Error(created.error());
  return Response::Json(201, StandingJson(*created));
}

Response PauseStandingOrder(CanteenService& service, RequestContext& ctx, bool paused) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto order = service.SetStandingOrderPaused(ctx.principal(), eldercare::StandingOrderId(*id),
                                              paused, OriginOf(ctx.request()));
  if (!order) return Response::Error(order.error());
  return Response::Json(200, StandingJson(*order));
}

Response RunStandingOrders(CanteenService& service, RequestContext& ctx) {
  auto date = DateField(std::string(ctx.request().QueryParam("date").value_or("")), "date");
  if (!date) return Response::Error(date.error());
  auto report = service.RunStandingOrders(ctx.principal(), *date, OriginOf(ctx.request()));
  if (!report) return Response::Error(report.error());
  nlohmann::json ids = nlohmann::json::array();
  for (const auto id : report->orders) ids.push_back(id.value());
  return Response::Json(200, {{"date", FormatDate(report->date)},
                              {"created", report->created},
                              {"already_ordered", report->already_ordered},
                              {"closed", report->closed},
                              {"no_menu", report->no_menu},
                              {"full", report->full},
                              {"order_ids", std::move(ids)}});
}

Response SetDiet(CanteenService& service, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto body = ParseJsonObject(ctx.request(), kDietFields);
  if (!body) return Response::Error(body.error());
  eldercare::DietNotes notes;
  notes.resident_id = registry::ResidentId(*id);
  notes.diabetic = body->value("diabetic", false);
  notes.low_salt = body->value("low_salt", false);
  notes.soft_food = body->value("soft_food", false);
  notes.note = body->value("note", std::string());
  auto saved = service.SetDietNotes(ctx.principal(), notes, OriginOf(ctx.request()));
  if (!saved) return Response::Error(saved.error());
  return Response::Json(200, DietJson(*saved));
}

nlohmann::json RuleJson(const eldercare::SubsidyRule& r) {
  return {{"row", r.row},
          {"funding_line", r.funding_line},
          {"effective_from", FormatDate(r.effective_from)},
          {"effective_to",
           r.effective_to ? nlohmann::json(FormatDate(*r.effective_to)) : nlohmann::json(nullptr)},
          {"meal", r.meal ? nlohmann::json(eldercare::MealName(*r.meal)) : nlohmann::json("any")},
          {"age_min", OrNull(r.age_min)},
          {"age_max", OrNull(r.age_max)},
          {"tag", NullIfEmpty(r.tag)},
          {"level_min", OrNull(r.level_min)},
          {"level_max", OrNull(r.level_max)},
          {"subsidy_fen", r.subsidy_fen},
          {"monthly_cap_meals", OrNull(r.monthly_cap_meals)},
          {"monthly_cap_fen", OrNull(r.monthly_cap_fen)},
          {"operator_subsidy_fen", r.operator_subsidy_fen},
          {"label", r.label},
          {"label_en", r.label_en}};
}

Response RulesResponse(int status, const std::string& tsv,
                       const eldercare::SubsidyRuleTable& table) {
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& rule : table.rules) rules.push_back(RuleJson(rule));
  return Response::Json(status, {{"tsv", tsv}, {"rules", std::move(rules)}});
}

Response GetRules(CanteenService& service, RequestContext& ctx) {
  auto tsv = service.SubsidyRules(ctx.principal());
  if (!tsv) return Response::Error(tsv.error());
  auto table = eldercare::ParseSubsidyRules(*tsv);
  if (!table) return Response::Error(table.error());
  return RulesResponse(200, *tsv, *table);
}

Response PutRules(CanteenService& service, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.request(), kRulesFields);
  if (!body) return Response::Error(body.error());
  const std::string tsv = (*body)["tsv"].get<std::string>();
  auto table = service.ReplaceSubsidyRules(ctx.principal(), tsv, OriginOf(ctx.request()));
  if (!table) return Response::Error(table.error());
  return RulesResponse(200, tsv, *table);
}

Response Settlement(CanteenService& service, RequestContext& ctx) {
  auto id = CanteenParam(ctx.request());
  if (!id) return Response::Error(id.error());
  auto month = MonthField(ctx.request().QueryParam("month").value_or(""));
  if (!month) return Response::Error(month.error());
  const std::string_view format = ctx.request().QueryParam("format").value_or("json");
  if (format != "json" && format != "xlsx") {
    return Response::Error(InvalidArgument("format must be json or xlsx", "format").error());
  }
  auto settlement = service.Settle(ctx.principal(), *id, month->first, month->second);
  if (!settlement) return Response::Error(settlement.error());
  if (format == "json") return Response::Json(200, SettlementJson(*settlement));
  auto canteen = service.SettlementCanteen(ctx.principal(), *id);
  if (!canteen) return Response::Error(canteen.error());
  auto bytes = registry::TableToXlsx(SettlementTable(*canteen, *settlement));
  if (!bytes) return Response::Error(bytes.error());
  Response response = Response::Text(
      200, std::move(*bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  response.headers.Set(
      "Content-Disposition",
      fmt::format("attachment; filename=\"canteen-{}-settlement-{:04}-{:02}.xlsx\"", id->value(),
                  month->first, month->second));
  response.headers.Set("Cache-Control", "no-store");
  return response;
}

Response Sustainability(CanteenService& service, RequestContext& ctx) {
  auto id = CanteenParam(ctx.request());
  if (!id) return Response::Error(id.error());
  auto month = MonthField(ctx.request().QueryParam("month").value_or(""));
  if (!month) return Response::Error(month.error());
  auto result = service.Sustain(ctx.principal(), *id, month->first, month->second, {});
  if (!result) return Response::Error(result.error());
  return Response::Json(200, SustainabilityJson(*result));
}

Response WhatIf(CanteenService& service, RequestContext& ctx) {
  auto id = CanteenParam(ctx.request());
  if (!id) return Response::Error(id.error());
  auto body = ParseJsonObject(ctx.request(), kWhatIfFields);
  if (!body) return Response::Error(body.error());
  auto month = MonthField((*body)["month"].get<std::string>());
  if (!month) return Response::Error(month.error());
  eldercare::WhatIf what_if;
  what_if.price_change_fen = body->value("price_change_fen", std::int64_t{0});
  what_if.subsidy_scale = body->value("subsidy_scale", 1.0);
  auto current = service.Sustain(ctx.principal(), *id, month->first, month->second, {});
  if (!current) return Response::Error(current.error());
  auto changed = service.Sustain(ctx.principal(), *id, month->first, month->second, what_if);
  if (!changed) return Response::Error(changed.error());
  return Response::Json(
      200, {{"current", SustainabilityJson(*current)},
            {"what_if", SustainabilityJson(*changed)},
            {"price_change_fen", what_if.price_change_fen},
            {"subsidy_scale", what_if.subsidy_scale},
            {"assumption",
             "the same meals as the month's orders: diners are assumed not to react to the "
             "change"}});
}

}  // namespace

void RegisterCanteenRoutes(Router& router, const AppServices& services) {
  // Shared by every route lambda below; lives as long as the router.
  const Service s = std::make_shared<CanteenService>(services.database, services.clock);
  using auth::Permission;
  const auto canteen_schema = JsonSchemaOf(kNewCanteenFields);
  router.Add({.method = Method::kPost,
              .path = "/api/v1/canteen/canteens",
              .summary = "Open a canteen: seats per sitting, lunch and dinner days and hours, "
                         "cutoff, delivery fee, fixed monthly cost",
              .permission = Permission::kOperateCanteen,
              .tag = "canteen",
              .request_schema = canteen_schema,
              .response_schema = ObjectSchema(),
              .success_status = 201,
              .handler = [s](RequestContext& ctx) { return CreateCanteen(*s, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/canteen/canteens",
              .summary = "The canteens of a community (?community=)",
              .permission = Permission::kOrderMeals,
              .tag = "canteen",
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return ListCanteens(*s, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/canteen/canteens/{id}",
              .summary = "One canteen",
              .permission = Permission::kOrderMeals,
              .tag = "canteen",
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return GetCanteen(*s, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/canteen/canteens/{id}/menus",
              .summary = "Set the menu of one sitting (date, meal): dishes, price, food cost",
              .permission = Permission::kOperateCanteen,
              .tag = "canteen",
              .request_schema = JsonSchemaOf(kMenuFields),
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return SetMenu(*s, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/canteen/canteens/{id}/menus",
              .summary = "The menus from ?from= to ?to= (at most 62 days)",
              .permission = Permission::kOrderMeals,
              .tag = "canteen",
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return ListMenus(*s, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/canteen/quote",
              .summary = "What a resident pays for a meal, line by line (standard price, the "
                         "largest subsidy that applies, delivery fee)",
              .permission = Permission::kOrderMeals,
              .tag = "canteen",
              .request_schema = JsonSchemaOf(kMealFields),
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return QuoteMeal(*s, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/canteen/orders",
              .summary = "Order a meal at the quoted price; 409 seats when the sitting is full, "
                         "409 meal when the resident has that meal ordered already",
              .permission = Permission::kOrderMeals,
              .tag = "canteen",
              .request_schema = JsonSchemaOf(kMealFields),
              .response_schema = ObjectSchema(),
              .success_status = 201,
              .handler = [s](RequestContext& ctx) { return PlaceOrder(*s, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/canteen/orders/{id}/cancel",
              .summary = "Cancel an order before the canteen's cutoff",
              .permission = Permission::kOrderMeals,
              .tag = "canteen",
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return CancelOrder(*s, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/canteen/canteens/{id}/orders",
              .summary = "The serving list of ?date= (and ?meal=) with diet notes",
              .permission = Permission::kOperateCanteen,
              .tag = "canteen",
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return Serving(*s, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/canteen/standing-orders",
              .summary = "A standing order: a meal on some weekdays from a date (to a date)",
              .permission = Permission::kOrderMeals,
              .tag = "canteen",
              .request_schema = JsonSchemaOf(kStandingOrderFields),
              .response_schema = ObjectSchema(),
              .success_status = 201,
              .handler = [s](RequestContext& ctx) { return CreateStandingOrder(*s, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/canteen/standing-orders/{id}/pause",
              .summary = "Pause a standing order",
              .permission = Permission::kOrderMeals,
              .tag = "canteen",
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return PauseStandingOrder(*s, ctx, true); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/canteen/standing-orders/{id}/resume",
              .summary = "Resume a paused standing order",
              .permission = Permission::kOrderMeals,
              .tag = "canteen",
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return PauseStandingOrder(*s, ctx, false); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/canteen/standing-orders/run",
              .summary = "Create ?date='s orders from the standing orders (idempotent)",
              .permission = Permission::kOperateCanteen,
              .tag = "canteen",
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return RunStandingOrders(*s, ctx); }});
  router.Add({.method = Method::kPut,
              .path = "/api/v1/canteen/residents/{id}/diet",
              .summary = "A resident's diet notes: diabetic, low salt, soft food, a note",
              .permission = Permission::kOrderMeals,
              .tag = "canteen",
              .request_schema = JsonSchemaOf(kDietFields),
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return SetDiet(*s, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/canteen/subsidy-rules",
              .summary = "The subsidy rule table in force (TSV and parsed rows)",
              .permission = Permission::kOrderMeals,
              .tag = "canteen",
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return GetRules(*s, ctx); }});
  router.Add({.method = Method::kPut,
              .path = "/api/v1/canteen/subsidy-rules",
              .summary = "Replace the subsidy rule table (admin; past orders keep their prices)",
              .permission = Permission::kOperateCanteen,
              .tag = "canteen",
              .request_schema = JsonSchemaOf(kRulesFields),
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return PutRules(*s, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/canteen/canteens/{id}/settlement",
              .summary = "Month-end settlement (?month=YYYY-MM, &format=xlsx for a workbook)",
              .permission = Permission::kOperateCanteen,
              .tag = "canteen",
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return Settlement(*s, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/canteen/canteens/{id}/sustainability",
              .summary = "Cost recovery, subsidy dependence, meals per day against capacity and "
                         "break-even of ?month=",
              .permission = Permission::kOperateCanteen,
              .tag = "canteen",
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return Sustainability(*s, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/canteen/canteens/{id}/sustainability/what-if",
              .summary = "The month re-priced: a price change and a subsidy scale over the same "
                         "meals",
              .permission = Permission::kOperateCanteen,
              .tag = "canteen",
              .request_schema = JsonSchemaOf(kWhatIfFields),
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return WhatIf(*s, ctx); }});
}

}  // namespace shequ::api
