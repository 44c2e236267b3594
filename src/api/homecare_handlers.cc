// HTTP for eldercare — Home care (eldercare/homecare): the service catalogue, orders, scheduling
// the caregivers' day, manual assignment, the day board, the caregiver's own day with check-in and
// check-out, ratings. JSON ↔ HomeCareService only; the rules live there.
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "api/app_services.h"
#include "api/json_body.h"
#include "api/json_mapping.h"
#include "eldercare/homecare/homecare_service.h"
#include "planning/service/planning_service.h"

namespace shequ::api {
namespace {

using eldercare::HomeCareService;

// The service and the planning service whose network cache it uses, kept alive together by the
// route lambdas.
struct HomeCare {
  explicit HomeCare(const AppServices& services)
      : planning(services.database, services.clock),
        service(services.database, services.clock, planning) {}
  planning::PlanningService planning;
  HomeCareService service;
};
using Shared = std::shared_ptr<HomeCare>;

constexpr JsonField kServiceFields[] = {
    {"id", JsonType::kInteger, kOptional},   // ignored: the code in the path names the entry
    {"code", JsonType::kString, kOptional},  // must match the path when given
    {"name_zh", JsonType::kString},
    {"name_en", JsonType::kString},
    {"duration_min", JsonType::kInteger},
    {"price_fen", JsonType::kInteger},
    {"skill", JsonType::kString, kOptional},
    {"required_qualification", JsonType::kString, kOptional},
    {"subsidised_minutes_per_month", JsonType::kInteger, kOptional},
    {"active", JsonType::kBoolean, kOptional},
};

constexpr JsonField kOrderFields[] = {
    {"resident_id", JsonType::kInteger}, {"service_code", JsonType::kString},
    {"date", JsonType::kString},         {"window_start", JsonType::kString},
    {"window_end", JsonType::kString},   {"note", JsonType::kString, kOptional},
};

constexpr JsonField kScheduleFields[] = {
    {"community_id", JsonType::kInteger, kOptional, true},
    {"date", JsonType::kString},
    {"method", JsonType::kString, kOptional},
    {"dry_run", JsonType::kBoolean, kOptional},
};

constexpr JsonField kAssignFields[] = {
    {"order_id", JsonType::kInteger},
    {"worker_id", JsonType::kInteger},
    {"start", JsonType::kString},
};

constexpr JsonField kCheckInFields[] = {
    {"lat", JsonType::kNumber},
    {"lon", JsonType::kNumber},
};

constexpr JsonField kCheckOutFields[] = {
    {"lat", JsonType::kNumber},
    {"lon", JsonType::kNumber},
    {"note", JsonType::kString, kOptional},
};

constexpr JsonField kRatingFields[] = {
    {"rating", JsonType::kInteger},
    {"comment", JsonType::kString, kOptional},
};

nlohmann::json ObjectSchema() { return {{"type", "object"}}; }

Result<CivilDate> DateField(std::string_view text, const char* field) {
  auto date = ParseDate(text);
  if (!date) return InvalidArgument(fmt::format("{} must be a date YYYY-MM-DD", field), field);
  return *date;
}

// "HH:MM", 00:00 .. 24:00.
Result<int> ClockField(const std::string& text, const char* field) {
  int hours = 0, minutes = 0;
  if (text.size() != 5 || text[2] != ':' ||
      std::sscanf(text.c_str(), "%2d:%2d", &hours, &minutes) != 2 || hours < 0 || hours > 24 ||
      minutes < 0 || minutes > 59 || (hours == 24 && minutes != 0)) {
    return InvalidArgument(fmt::format("{} must be a time of day \"HH:MM\"", field), field);
  }
  return hours * 60 + minutes;
}

template <typename T>
nlohmann::json OrNull(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json InstantOrNull(const std::optional<Instant>& at) {
  return at ? nlohmann::json(FormatShanghai(*at)) : nlohmann::json(nullptr);
}

nlohmann::json ServiceJson(const eldercare::CareService& s) {
  return {{"id", s.id},
          {"code", s.code},
          {"name_zh", s.name_zh},
          {"name_en", s.name_en},
          {"duration_min", s.duration_min},
          {"price_fen", s.price_fen},
          {"skill", s.skill},
          {"required_qualification", s.required_qualification},
          {"subsidised_minutes_per_month", s.subsidised_minutes_per_month},
          {"active", s.active}};
}

nlohmann::json OrderJson(const eldercare::HomeCareOrder& o) {
  return {{"id", o.id},
          {"community_id", o.community_id.value()},
          {"resident_id", o.resident_id.value()},
          {"resident_name", o.resident_name},
          {"service_code", o.service.code},
          {"service_name_zh", o.service.name_zh},
          {"service_name_en", o.service.name_en},
          {"date", FormatDate(o.date)},
          {"window_start", eldercare::ClockText(o.window_start_min)},
          {"window_end", eldercare::ClockText(o.window_end_min)},
          {"status", eldercare::OrderStatusName(o.status)},
          {"note", o.note},
          {"price_fen", o.price_fen},
          {"subsidy_fen", o.subsidy_fen},
          {"pay_fen", o.pay_fen()},
          {"visit_id", OrNull(o.visit_id)}};
}

nlohmann::json VisitJson(const eldercare::HomeCareVisit& v) {
  return {{"id", v.id == 0 ? nlohmann::json(nullptr) : nlohmann::json(v.id)},
          {"order_id", v.order_id},
          {"resident_id", v.resident_id.value()},
          {"resident_name", v.resident_name},
          {"address", v.address},
          {"lat", OrNull(v.lat)},
          {"lon", OrNull(v.lon)},
          {"service_code", v.service_code},
          {"service_name_zh", v.service_name_zh},
          {"service_name_en", v.service_name_en},
          {"date", FormatDate(v.date)},
          {"window_start", eldercare::ClockText(v.window_start_min)},
          {"window_end", eldercare::ClockText(v.window_end_min)},
          {"planned_start", eldercare::ClockText(v.planned_start_min)},
          {"planned_end", eldercare::ClockText(v.planned_end_min)},
          {"travel_min_before", v.travel_min_before},
          {"worker_id", v.worker_id},
          {"worker_name", v.worker_name},
          {"status", eldercare::VisitStatusName(v.status)},
          {"check_in_at", InstantOrNull(v.check_in_at)},
          {"check_out_at", InstantOrNull(v.check_out_at)},
          {"late", v.late},
          {"away_from_home", v.away_from_home},
          {"missed", v.status == eldercare::HomeCareVisitStatus::kMissed},
          {"caregiver_note", v.caregiver_note},
          {"rating", OrNull(v.rating)},
          {"rating_comment", v.rating_comment}};
}

nlohmann::json VisitsJson(const std::vector<eldercare::HomeCareVisit>& visits) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& visit : visits) out.push_back(VisitJson(visit));
  return out;
}

Result<CommunityId> CommunityQuery(const Request& request, const char* name) {
  const auto text = request.QueryParam(name);
  if (!text || text->empty()) return CommunityId();
  auto id = ParseQueryInt(*text, name);
  SHEQU_RETURN_IF_ERROR(id);
  return CommunityId(*id);
}

Response ListServices(HomeCare& hc, RequestContext& ctx) {
  auto services = hc.service.ListServices(ctx.principal());
  if (!services) return Response::Error(services.error());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : *services) out.push_back(ServiceJson(s));
  return Response::Json(200, {{"services", std::move(out)}});
}

Response PutService(HomeCare& hc, RequestContext& ctx) {
  const std::string code(ctx.request().PathParam("code"));
  auto body = ParseJsonObject(ctx.request(), kServiceFields);
  if (!body) return Response::Error(body.error());
  if (body->contains("code") && (*body)["code"].get<std::string>() != code) {
    return Response::Error(InvalidArgument("code differs from the path", "code").error());
  }
  eldercare::CareService s;
  s.code = code;
  s.name_zh = (*body)["name_zh"].get<std::string>();
  s.name_en = (*body)["name_en"].get<std::string>();
  s.duration_min = static_cast<int>(
      std::clamp<std::int64_t>((*body)["duration_min"].get<std::int64_t>(), -1, 100'000));
  s.price_fen = (*body)["price_fen"].get<std::int64_t>();
  s.skill = body->value("skill", std::string());
  s.required_qualification = body->value("required_qualification", std::string());
  s.subsidised_minutes_per_month = static_cast<int>(std::clamp<std::int64_t>(
      body->value("subsidised_minutes_per_month", std::int64_t{0}), -1, 1'000'000));
  s.active = body->value("active", true);
  auto stored = hc.service.PutService(ctx.principal(), s, OriginOf(ctx.request()));
  if (!stored) return Response::Error(stored.error());
  return Response::Json(200, ServiceJson(*stored));
}

Response PlaceOrder(HomeCare& hc, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.request(), kOrderFields);
  if (!body) return Response::Error(body.error());
  eldercare::NewHomeCareOrder order;
  order.resident_id = registry::ResidentId((*body)["resident_id"].get<std::int64_t>());
  order.service_code = (*body)["service_code"].get<std::string>();
  auto date = DateField((*body)["date"].get<std::string>(), "date");
  if (!date) return Response::Error(date.error());
  order.date = *date;
  auto start = ClockField((*body)["window_start"].get<std::string>(), "window_start");
  if (!start) return Response::Error(start.error());
  auto end = ClockField((*body)["window_end"].get<std::string>(), "window_end");
  if (!end) return Response::Error(end.error());
  order.window_start_min = *start;
  order.window_end_min = *end;
  order.note = body->value("note", std::string());
  auto placed = hc.service.PlaceOrder(ctx.principal(), order, OriginOf(ctx.request()));
  if (!placed) return Response::Error(placed.error());
  return Response::Json(201, OrderJson(*placed));
}

Response ListOrders(HomeCare& hc, RequestContext& ctx) {
  const Request& request = ctx.request();
  eldercare::OrderQuery query;
  auto community = CommunityQuery(request, "community");
  if (!community) return Response::Error(community.error());
  query.community = *community;
  if (const auto text = request.QueryParam("date"); text && !text->empty()) {
    auto date = DateField(*text, "date");
    if (!date) return Response::Error(date.error());
    query.date = *date;
  }
  if (const auto text = request.QueryParam("resident_id"); text && !text->empty()) {
    auto id = ParseQueryInt(*text, "resident_id");
    if (!id) return Response::Error(id.error());
    query.resident = registry::ResidentId(*id);
  }
  if (const auto text = request.QueryParam("status"); text && !text->empty()) {
    auto status = eldercare::ParseOrderStatus(*text);
    if (!status) {
      return Response::Error(
          InvalidArgument("status must be requested, scheduled, done, missed or cancelled",
                          "status")
              .error());
    }
    query.status = *status;
  }
  auto orders = hc.service.ListOrders(ctx.principal(), query);
  if (!orders) return Response::Error(orders.error());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& o : *orders) out.push_back(OrderJson(o));
  return Response::Json(200, {{"orders", std::move(out)}});
}

Response CancelOrder(HomeCare& hc, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto order = hc.service.CancelOrder(ctx.principal(), *id, OriginOf(ctx.request()));
  if (!order) return Response::Error(order.error());
  return Response::Json(200, OrderJson(*order));
}

Response Schedule(HomeCare& hc, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.request(), kScheduleFields);
  if (!body) return Response::Error(body.error());
  eldercare::ScheduleRequest request;
  if (const auto it = body->find("community_id"); it != body->end() && !it->is_null()) {
    request.community = CommunityId(it->get<std::int64_t>());
  }
  auto date = DateField((*body)["date"].get<std::string>(), "date");
  if (!date) return Response::Error(date.error());
  request.date = *date;
  const std::string method = body->value("method", std::string("insertion"));
  if (method == "insertion") {
    request.method = eldercare::scheduling::SchedulingMethod::kInsertionAndImprovement;
  } else if (method == "nearest_neighbour") {
    request.method = eldercare::scheduling::SchedulingMethod::kNearestNeighbour;
  } else {
    return Response::Error(
        InvalidArgument("method must be insertion or nearest_neighbour", "method").error());
  }
  request.dry_run = body->value("dry_run", false);
  auto outcome = hc.service.Schedule(ctx.principal(), request, OriginOf(ctx.request()));
  if (!outcome) return Response::Error(outcome.error());
  nlohmann::json routes = nlohmann::json::array();
  for (const auto& route : outcome->routes) {
    routes.push_back({{"worker_id", route.worker_id},
                      {"worker_name", route.worker_name},
                      {"travel_min", route.travel_min},
                      {"visits", VisitsJson(route.visits)}});
  }
  nlohmann::json unplaced = nlohmann::json::array();
  for (const auto& u : outcome->unplaced) {
    unplaced.push_back({{"order_id", u.order_id}, {"reason", u.reason}});
  }
  return Response::Json(200, {{"date", FormatDate(outcome->date)},
                              {"method", method},
                              {"dry_run", request.dry_run},
                              {"travel_source", outcome->travel_source},
                              {"total_travel_min", outcome->total_travel_min},
                              {"baseline_travel_min", outcome->baseline_travel_min},
                              {"solve_ms", outcome->solve_ms},
                              {"routes", std::move(routes)},
                              {"unplaced", std::move(unplaced)}});
}

Response AssignVisit(HomeCare& hc, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.request(), kAssignFields);
  if (!body) return Response::Error(body.error());
  auto start = ClockField((*body)["start"].get<std::string>(), "start");
  if (!start) return Response::Error(start.error());
  auto visit = hc.service.AssignVisit(ctx.principal(), (*body)["order_id"].get<std::int64_t>(),
                                      (*body)["worker_id"].get<std::int64_t>(), *start,
                                      OriginOf(ctx.request()));
  if (!visit) return Response::Error(visit.error());
  return Response::Json(201, VisitJson(*visit));
}

Response ListVisits(HomeCare& hc, RequestContext& ctx) {
  const Request& request = ctx.request();
  auto community = CommunityQuery(request, "community");
  if (!community) return Response::Error(community.error());
  auto date = DateField(request.QueryParam("date").value_or(""), "date");
  if (!date) return Response::Error(date.error());
  std::optional<std::int64_t> worker;
  if (const auto text = request.QueryParam("worker_id"); text && !text->empty()) {
    auto id = ParseQueryInt(*text, "worker_id");
    if (!id) return Response::Error(id.error());
    worker = *id;
  }
  auto visits =
      hc.service.ListVisits(ctx.principal(), *community, *date, worker, OriginOf(request));
  if (!visits) return Response::Error(visits.error());
  return Response::Json(200, {{"visits", VisitsJson(*visits)}});
}

Response MyDay(HomeCare& hc, RequestContext& ctx, const Clock& clock) {
  CivilDate date = ShanghaiDate(clock.Now());
  if (const auto text = ctx.request().QueryParam("date"); text && !text->empty()) {
    auto parsed = DateField(*text, "date");
    if (!parsed) return Response::Error(parsed.error());
    date = *parsed;
  }
  auto day = hc.service.MyDay(ctx.principal(), date, OriginOf(ctx.request()));
  if (!day) return Response::Error(day.error());
  return Response::Json(200, {{"worker", {{"id", day->worker_id}, {"name", day->worker_name}}},
                              {"date", FormatDate(day->date)},
                              {"visits", VisitsJson(day->visits)}});
}

Response CheckIn(HomeCare& hc, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto body = ParseJsonObject(ctx.request(), kCheckInFields);
  if (!body) return Response::Error(body.error());
  auto visit = hc.service.CheckIn(ctx.principal(), *id, (*body)["lat"].get<double>(),
                                  (*body)["lon"].get<double>(), OriginOf(ctx.request()));
  if (!visit) return Response::Error(visit.error());
  return Response::Json(200, VisitJson(*visit));
}

Response CheckOut(HomeCare& hc, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto body = ParseJsonObject(ctx.request(), kCheckOutFields);
  if (!body) return Response::Error(body.error());
  auto visit = hc.service.CheckOut(ctx.principal(), *id, (*body)["lat"].get<double>(),
                                   (*body)["lon"].get<double>(), body->value("note", std::string()),
                                   OriginOf(ctx.request()));
  if (!visit) return Response::Error(visit.error());
  return Response::Json(200, VisitJson(*visit));
}

Response Rate(HomeCare& hc, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto body = ParseJsonObject(ctx.request(), kRatingFields);
  if (!body) return Response::Error(body.error());
  const std::int64_t rating = (*body)["rating"].get<std::int64_t>();
  auto visit = hc.service.Rate(ctx.principal(), *id,
                               static_cast<int>(std::clamp<std::int64_t>(rating, 0, 6)),
                               body->value("comment", std::string()), OriginOf(ctx.request()));
  if (!visit) return Response::Error(visit.error());
  return Response::Json(200, VisitJson(*visit));
}

}  // namespace

void RegisterHomeCareRoutes(Router& router, const AppServices& services) {
  // Shared by every route lambda below; lives as long as the router.
  const Shared s = std::make_shared<HomeCare>(services);
  const Clock& clock = services.clock;
  using auth::Permission;
  router.Add({.method = Method::kGet,
              .path = "/api/v1/homecare/services",
              .summary = "The home-care catalogue: duration, price, skill and qualification "
                         "needed, subsidised minutes a month",
              .tag = "homecare",
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return ListServices(*s, ctx); }});
  router.Add({.method = Method::kPut,
              .path = "/api/v1/homecare/services/{code}",
              .summary = "Create or replace a catalogue entry (admin)",
              .permission = Permission::kManageHomeCare,
              .tag = "homecare",
              .request_schema = JsonSchemaOf(kServiceFields),
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return PutService(*s, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/homecare/orders",
              .summary = "Book a service for an elder in a time window; priced from the "
                         "catalogue with the monthly subsidised minutes",
              .permission = Permission::kBookHomeCare,
              .tag = "homecare",
              .request_schema = JsonSchemaOf(kOrderFields),
              .response_schema = ObjectSchema(),
              .success_status = 201,
              .handler = [s](RequestContext& ctx) { return PlaceOrder(*s, ctx); }});
  // Staff with read_eldercare, or a resident (book_home_care) for their own household: the
  // service checks which.
  router.Add({.method = Method::kGet,
              .path = "/api/v1/homecare/orders",
              .summary = "Orders (?community=&date=&resident_id=&status=); a resident sees "
                         "their household's",
              .tag = "homecare",
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return ListOrders(*s, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/homecare/orders/{id}/cancel",
              .summary = "Cancel an order (and its planned visit)",
              .tag = "homecare",
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return CancelOrder(*s, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/homecare/schedule",
              .summary = "Plan a community's day: caregivers' routes over the walking network "
                         "(straight lines without an import), against a nearest-neighbour "
                         "baseline; stored unless dry_run",
              .permission = Permission::kManageHomeCare,
              .tag = "homecare",
              .request_schema = JsonSchemaOf(kScheduleFields),
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return Schedule(*s, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/homecare/visits",
              .summary = "Give an order to a worker at a start time; 409 worker_id when they "
                         "are booked then",
              .permission = Permission::kManageHomeCare,
              .tag = "homecare",
              .request_schema = JsonSchemaOf(kAssignFields),
              .response_schema = ObjectSchema(),
              .success_status = 201,
              .handler = [s](RequestContext& ctx) { return AssignVisit(*s, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/homecare/visits",
              .summary = "The day board (?community=&date=&worker_id=); late, away and missed "
                         "visits flagged",
              .permission = Permission::kReadEldercare,
              .tag = "homecare",
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return ListVisits(*s, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/homecare/my/day",
              .summary = "The caregiver's own visits of ?date= (today by default), in order",
              .permission = Permission::kDeliverHomeCare,
              .tag = "homecare",
              .response_schema = ObjectSchema(),
              .handler = [s, &clock](RequestContext& ctx) { return MyDay(*s, ctx, clock); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/homecare/visits/{id}/check-in",
              .summary = "Check in at the home (time and place; late and away flagged)",
              .permission = Permission::kDeliverHomeCare,
              .tag = "homecare",
              .request_schema = JsonSchemaOf(kCheckInFields),
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return CheckIn(*s, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/homecare/visits/{id}/check-out",
              .summary = "Check out (time, place, a note); the visit is done",
              .permission = Permission::kDeliverHomeCare,
              .tag = "homecare",
              .request_schema = JsonSchemaOf(kCheckOutFields),
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return CheckOut(*s, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/homecare/visits/{id}/rating",
              .summary = "Rate a done visit 1–5, once (the elder's family or a worker)",
              .tag = "homecare",
              .request_schema = JsonSchemaOf(kRatingFields),
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return Rate(*s, ctx); }});
}

}  // namespace shequ::api
