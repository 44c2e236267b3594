// HTTP for the one-elder-one-file view (一人一档): the list of elders, one elder's file, the
// community's alerts, care plans, emergency contacts (the unmasked phone read audited) and a
// resident's "what is coming" for their household. JSON ↔ ElderFileService only; the rules live
// in eldercare/elder_file.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "api/app_services.h"
#include "api/json_body.h"
#include "api/json_mapping.h"
#include "eldercare/assessment/ability_assessment_rules.h"
#include "eldercare/elder_file/elder_file_service.h"

namespace shequ::api {
namespace {

using eldercare::ElderFileService;

constexpr JsonField kNewCarePlanFields[] = {
    {"starts_on", JsonType::kString},
    {"ends_on", JsonType::kString, kOptional, true},
    {"assessment_id", JsonType::kInteger, kOptional, true},
    {"items", JsonType::kArray, kOptional, true},
    {"note", JsonType::kString, kOptional, true},
};

constexpr JsonField kNewContactFields[] = {
    {"name", JsonType::kString},
    {"relation", JsonType::kString, kOptional, true},
    {"phone", JsonType::kString},
    {"priority", JsonType::kInteger, kOptional, true},
};

template <typename T>
nlohmann::json OrNull(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json DateOrNull(const std::optional<CivilDate>& date) {
  return date ? nlohmann::json(FormatDate(*date)) : nlohmann::json(nullptr);
}

std::string ClockText(int minutes) {
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

nlohmann::json ClockOrNull(const std::optional<int>& minutes) {
  return minutes ? nlohmann::json(ClockText(*minutes)) : nlohmann::json(nullptr);
}

nlohmann::json InstantOrNull(const std::optional<Instant>& at) {
  return at ? nlohmann::json(FormatShanghai(*at)) : nlohmann::json(nullptr);
}

nlohmann::json GradeName(const std::optional<int>& grade) {
  return grade ? nlohmann::json(eldercare::AbilityGradeInfo(*grade).name_zh)
               : nlohmann::json(nullptr);
}

// Weekday bits (bit 0 Monday) as ISO weekday numbers 1..7.
nlohmann::json WeekdayList(int bits) {
  nlohmann::json days = nlohmann::json::array();
  for (int day = 0; day < 7; ++day) {
    if ((bits & (1 << day)) != 0) days.push_back(day + 1);
  }
  return days;
}

nlohmann::json AlertJson(const eldercare::ElderAlert& alert) {
  return {{"code", eldercare::ElderAlertCodeName(alert.code)},
          {"severity", eldercare::ElderAlertSeverityName(alert.severity)},
          {"since", FormatDate(alert.since)},
          {"message_zh", alert.message_zh},
          {"message_en", alert.message_en}};
}

nlohmann::json AlertsJson(const std::vector<eldercare::ElderAlert>& alerts) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& alert : alerts) list.push_back(AlertJson(alert));
  return list;
}

nlohmann::json PlanJson(const eldercare::CarePlan& plan) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : plan.items) {
    items.push_back({{"service_code", item.service_code},
                     {"service_name_zh", item.service_name_zh},
                     {"service_name_en", item.service_name_en},
                     {"visits_per_month", item.visits_per_month},
                     {"delivered_this_month", item.delivered_this_month},
                     {"planned_this_month", item.planned_this_month}});
  }
  return {{"id", plan.id},
          {"resident_id", plan.resident_id.value()},
          {"assessment_id", OrNull(plan.assessment_id)},
          {"grade", plan.grade},
          {"grade_name", eldercare::AbilityGradeInfo(plan.grade).name_zh},
          {"starts_on", FormatDate(plan.starts_on)},
          {"ends_on", DateOrNull(plan.ends_on)},
          {"note", plan.note},
          {"items", std::move(items)}};
}

nlohmann::json ContactJson(const eldercare::EmergencyContact& contact) {
  return {{"id", contact.id},
          {"resident_id", contact.resident_id.value()},
          {"name", contact.name},
          {"relation", contact.relation},
          {"phone_masked", contact.phone_masked},
          {"priority", contact.priority}};
}

nlohmann::json MealJson(const eldercare::ElderMealOrder& order) {
  return {{"order_id", order.order_id},
          {"resident_id", order.resident_id.value()},
          {"canteen_id", order.canteen_id},
          {"canteen_name", order.canteen_name},
          {"date", FormatDate(order.date)},
          {"meal", order.meal},
          {"mode", order.mode},
          {"status", order.status},
          {"price_fen", order.price_fen}};
}

nlohmann::json VisitJson(const eldercare::ElderVisit& visit) {
  return {{"id", visit.id != 0 ? nlohmann::json(visit.id) : nlohmann::json(nullptr)},
          {"order_id", visit.order_id},
          {"resident_id", visit.resident_id.value()},
          {"service_code", visit.service_code},
          {"service_name_zh", visit.service_name_zh},
          {"service_name_en", visit.service_name_en},
          {"date", FormatDate(visit.date)},
          {"window_start", ClockText(visit.window_start_min)},
          {"window_end", ClockText(visit.window_end_min)},
          {"planned_start", ClockOrNull(visit.planned_start_min)},
          {"planned_end", ClockOrNull(visit.planned_end_min)},
          {"worker_id", OrNull(visit.worker_id)},
          {"worker_name", visit.worker_id ? nlohmann::json(visit.worker_name) : nullptr},
          {"status", visit.status},
          {"check_in_at", InstantOrNull(visit.check_in_at)},
          {"check_out_at", InstantOrNull(visit.check_out_at)},
          {"late", visit.late},
          {"missed", visit.missed},
          {"rating", OrNull(visit.rating)}};
}

nlohmann::json FileJson(const eldercare::ElderFile& file) {
  nlohmann::json history = nlohmann::json::array();
  for (const auto& a : file.assessments) {
    history.push_back({{"id", a.id},
                       {"assessed_on", FormatDate(a.assessed_on)},
                       {"total", a.total},
                       {"grade", a.grade},
                       {"grade_name", eldercare::AbilityGradeInfo(a.grade).name_zh},
                       {"next_due_on", FormatDate(a.next_due_on)}});
  }
  nlohmann::json assessment = {
      {"latest", history.empty() ? nlohmann::json(nullptr) : history.front()},
      {"next_due", file.assessments.empty()
                       ? nlohmann::json(nullptr)
                       : nlohmann::json(FormatDate(file.assessments.front().next_due_on))},
      {"history", history}};
  nlohmann::json recent = nlohmann::json::array();
  for (const auto& order : file.recent_meals) recent.push_back(MealJson(order));
  nlohmann::json standing = nlohmann::json::array();
  for (const auto& s : file.standing_orders) {
    standing.push_back({{"id", s.id},
                        {"canteen_id", s.canteen_id},
                        {"canteen_name", s.canteen_name},
                        {"weekdays", WeekdayList(s.weekdays)},
                        {"meal", s.meal},
                        {"mode", s.mode},
                        {"from", FormatDate(s.from)},
                        {"to", DateOrNull(s.to)},
                        {"paused", s.paused}});
  }
  nlohmann::json upcoming = nlohmann::json::array();
  for (const auto& visit : file.upcoming_visits) upcoming.push_back(VisitJson(visit));
  nlohmann::json recent_visits = nlohmann::json::array();
  for (const auto& visit : file.recent_visits) recent_visits.push_back(VisitJson(visit));
  nlohmann::json volunteer_visits = nlohmann::json::array();
  for (const auto& v : file.volunteer_visits) {
    volunteer_visits.push_back({{"id", v.id},
                                {"volunteer_id", v.volunteer_id},
                                {"volunteer_name", v.volunteer_name},
                                {"date", FormatDate(v.date)},
                                {"minutes", v.minutes},
                                {"note", v.note}});
  }
  nlohmann::json contacts = nlohmann::json::array();
  for (const auto& contact : file.emergency_contacts) {
    contacts.push_back({{"id", contact.id},
                        {"name", contact.name},
                        {"relation", contact.relation},
                        {"phone_masked", contact.phone_masked},
                        {"priority", contact.priority}});
  }
  return {
      {"resident",
       {{"id", file.id.value()},
        {"name", file.name},
        {"sex", file.sex},
        {"age", file.age},
        {"birth_date", FormatDate(file.birth_date)},
        {"household_id", file.household.valid() ? nlohmann::json(file.household.value()) : nullptr},
        {"address", file.address},
        {"tags", file.tags},
        {"disability_level", OrNull(file.disability_level)},
        {"phone_masked", OrNull(file.phone_masked)},
        {"living_alone", file.living_alone}}},
      {"assessment", std::move(assessment)},
      {"care_plan", file.care_plan ? PlanJson(*file.care_plan) : nlohmann::json(nullptr)},
      {"meals",
       {{"recent", std::move(recent)},
        {"standing", std::move(standing)},
        {"last_meal_date", DateOrNull(file.last_meal_date)}}},
      {"homecare", {{"upcoming", std::move(upcoming)}, {"recent", std::move(recent_visits)}}},
      {"volunteer_visits", std::move(volunteer_visits)},
      {"timebank", file.timebank_balance_minutes
                       ? nlohmann::json{{"balance_minutes", *file.timebank_balance_minutes}}
                       : nlohmann::json(nullptr)},
      {"emergency_contacts", std::move(contacts)},
      {"alerts", AlertsJson(file.alerts)},
  };
}

Result<CommunityId> CommunityParam(const Request& request) {
  const auto text = request.QueryParam("community");
  if (!text || text->empty()) return CommunityId();
  auto parsed = ParseQueryInt(*text, "community");
  SHEQU_RETURN_IF_ERROR(parsed);
  return CommunityId(*parsed);
}

Result<int> PositiveParam(const Request& request, std::string_view name, int fallback) {
  const auto text = request.QueryParam(name);
  if (!text || text->empty()) return fallback;
  auto parsed = ParseQueryInt(*text, name);
  SHEQU_RETURN_IF_ERROR(parsed);
  if (*parsed < 1 || *parsed > 1'000'000) {
    return InvalidArgument(fmt::format("{} must be a positive whole number", name),
                           std::string(name));
  }
  return static_cast<int>(*parsed);
}

Result<eldercare::ElderQuery> ElderQueryOf(const Request& request) {
  eldercare::ElderQuery query;
  auto community = CommunityParam(request);
  SHEQU_RETURN_IF_ERROR(community);
  query.community = *community;
  if (const auto q = request.QueryParam("q")) query.q = std::string(*q);
  if (const auto filter = request.QueryParam("filter"); filter && !filter->empty()) {
    if (*filter == "all") {
      query.filter = eldercare::ElderFilter::kAll;
    } else if (*filter == "living_alone") {
      query.filter = eldercare::ElderFilter::kLivingAlone;
    } else if (*filter == "disabled") {
      query.filter = eldercare::ElderFilter::kDisabled;
    } else if (*filter == "alerts") {
      query.filter = eldercare::ElderFilter::kAlerts;
    } else {
      return InvalidArgument("filter is all, living_alone, disabled or alerts", "filter");
    }
  }
  auto page = PositiveParam(request, "page", 1);
  SHEQU_RETURN_IF_ERROR(page);
  query.page = *page;
  auto page_size = PositiveParam(request, "page_size", 20);
  SHEQU_RETURN_IF_ERROR(page_size);
  query.page_size = *page_size;
  return query;
}

Response List(ElderFileService& service, RequestContext& ctx) {
  auto query = ElderQueryOf(ctx.request());
  if (!query) return Response::Error(query.error());
  auto page = service.List(ctx.principal(), *query);
  if (!page) return Response::Error(page.error());
  nlohmann::json elders = nlohmann::json::array();
  for (const auto& s : page->elders) {
    elders.push_back({{"resident_id", s.elder.id.value()},
                      {"name", s.elder.name},
                      {"sex", s.elder.sex},
                      {"age", s.age},
                      {"building", s.elder.building},
                      {"unit", s.elder.unit},
                      {"room", s.elder.room},
                      {"tags", s.elder.tags},
                      {"living_alone", s.living_alone},
                      {"grade", OrNull(s.grade)},
                      {"grade_name", GradeName(s.grade)},
                      {"alerts", s.alerts.size()}});
  }
  return Response::Json(200, {{"total", page->total},
                              {"page", query->page},
                              {"page_size", query->page_size},
                              {"elders", std::move(elders)}});
}

Response Alerts(ElderFileService& service, RequestContext& ctx) {
  auto community = CommunityParam(ctx.request());
  if (!community) return Response::Error(community.error());
  auto alerts = service.Alerts(ctx.principal(), *community);
  if (!alerts) return Response::Error(alerts.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& a : *alerts) {
    nlohmann::json json = AlertJson(a.alert);
    json["resident_id"] = a.resident_id.value();
    json["resident_name"] = a.resident_name;
    list.push_back(std::move(json));
  }
  return Response::Json(200, {{"alerts", std::move(list)}});
}

Result<registry::ResidentId> ResidentParam(const Request& request) {
  auto id = request.PathParamInt("resident_id");
  SHEQU_RETURN_IF_ERROR(id);
  return registry::ResidentId(*id);
}

Response File(ElderFileService& service, RequestContext& ctx) {
  auto resident = ResidentParam(ctx.request());
  if (!resident) return Response::Error(resident.error());
  auto file = service.File(ctx.principal(), *resident);
  if (!file) return Response::Error(file.error());
  return Response::Json(200, FileJson(*file));
}

Response CarePlans(ElderFileService& service, RequestContext& ctx) {
  auto resident = ResidentParam(ctx.request());
  if (!resident) return Response::Error(resident.error());
  auto plans = service.CarePlans(ctx.principal(), *resident);
  if (!plans) return Response::Error(plans.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& plan : *plans) list.push_back(PlanJson(plan));
  return Response::Json(200, {{"plans", std::move(list)}});
}

Result<CivilDate> DateField(const nlohmann::json& body, const char* field) {
  auto date = ParseDate(body[field].get<std::string>());
  if (!date) return InvalidArgument(fmt::format("{} must be a date YYYY-MM-DD", field), field);
  return *date;
}

bool Present(const nlohmann::json& body, const char* field) {
  const auto it = body.find(field);
  return it != body.end() && !it->is_null();
}

Result<eldercare::NewCarePlan> NewCarePlanOf(const nlohmann::json& body) {
  eldercare::NewCarePlan plan;
  auto starts = DateField(body, "starts_on");
  SHEQU_RETURN_IF_ERROR(starts);
  plan.starts_on = *starts;
  if (Present(body, "ends_on")) {
    auto ends = DateField(body, "ends_on");
    SHEQU_RETURN_IF_ERROR(ends);
    plan.ends_on = *ends;
  }
  if (Present(body, "assessment_id"))
    plan.assessment_id = body["assessment_id"].get<std::int64_t>();
  if (Present(body, "note")) plan.note = body["note"].get<std::string>();
  if (Present(body, "items")) {
    std::vector<eldercare::CarePlanItemDefault> items;
    const auto& list = body["items"];
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto& item = list[i];
      const std::string field = fmt::format("items[{}]", i);
      if (!item.is_object()) {
        return InvalidArgument("each item is {\"service_code\", \"visits_per_month\"}", field);
      }
      const auto code = item.find("service_code");
      if (code == item.end() || !code->is_string()) {
        return InvalidArgument("service_code is a string", field + ".service_code");
      }
      const auto visits = item.find("visits_per_month");
      if (visits == item.end() || !visits->is_number_integer()) {
        return InvalidArgument("visits_per_month is a whole number", field + ".visits_per_month");
      }
      for (const auto& [key, value] : item.items()) {
        if (key != "service_code" && key != "visits_per_month") {
          return InvalidArgument(fmt::format("unknown field {}", key), field + "." + key);
        }
      }
      // Clamped so that an absurd value fails the range check rather than wrapping.
      items.push_back({code->get<std::string>(), static_cast<int>(std::clamp<std::int64_t>(
                                                     visits->get<std::int64_t>(), -1000, 1000))});
    }
    plan.items = std::move(items);
  }
  return plan;
}

Response CreateCarePlan(ElderFileService& service, RequestContext& ctx) {
  auto resident = ResidentParam(ctx.request());
  if (!resident) return Response::Error(resident.error());
  auto body = ParseJsonObject(ctx.request(), kNewCarePlanFields);
  if (!body) return Response::Error(body.error());
  auto request = NewCarePlanOf(*body);
  if (!request) return Response::Error(request.error());
  auto plan = service.CreateCarePlan(ctx.principal(), *resident, *request, OriginOf(ctx.request()));
  if (!plan) return Response::Error(plan.error());
  return Response::Json(201, PlanJson(*plan));
}

Response AddContact(ElderFileService& service, RequestContext& ctx) {
  auto resident = ResidentParam(ctx.request());
  if (!resident) return Response::Error(resident.error());
  auto body = ParseJsonObject(ctx.request(), kNewContactFields);
  if (!body) return Response::Error(body.error());
  eldercare::NewEmergencyContact contact{.name = (*body)["name"].get<std::string>(),
                                         .phone = (*body)["phone"].get<std::string>()};
  if (Present(*body, "relation")) contact.relation = (*body)["relation"].get<std::string>();
  if (Present(*body, "priority")) {
    contact.priority = static_cast<int>(
        std::clamp<std::int64_t>((*body)["priority"].get<std::int64_t>(), -1000, 1000));
  }
  auto created =
      service.AddEmergencyContact(ctx.principal(), *resident, contact, OriginOf(ctx.request()));
  if (!created) return Response::Error(created.error());
  return Response::Json(201, ContactJson(*created));
}

Response ContactPhone(ElderFileService& service, RequestContext& ctx) {
  auto resident = ResidentParam(ctx.request());
  if (!resident) return Response::Error(resident.error());
  auto contact = ctx.request().PathParamInt("contact_id");
  if (!contact) return Response::Error(contact.error());
  auto phone =
      service.RevealContactPhone(ctx.principal(), *resident, *contact, OriginOf(ctx.request()));
  if (!phone) return Response::Error(phone.error());
  return Response::Json(200, {{"phone", *phone}});
}

Response MyElderCare(ElderFileService& service, RequestContext& ctx) {
  auto care = service.MyHousehold(ctx.principal());
  if (!care) return Response::Error(care.error());
  nlohmann::json members = nlohmann::json::array();
  for (const auto& m : care->members) {
    members.push_back({{"resident_id", m.id.value()}, {"name", m.name}, {"age", m.age}});
  }
  nlohmann::json meals = nlohmann::json::array();
  for (const auto& order : care->meals) {
    meals.push_back({{"order_id", order.order_id},
                     {"resident_id", order.resident_id.value()},
                     {"canteen_name", order.canteen_name},
                     {"date", FormatDate(order.date)},
                     {"meal", order.meal},
                     {"mode", order.mode},
                     {"price_fen", order.price_fen}});
  }
  nlohmann::json visits = nlohmann::json::array();
  for (const auto& visit : care->visits) {
    visits.push_back(
        {{"id", visit.id != 0 ? nlohmann::json(visit.id) : nlohmann::json(nullptr)},
         {"order_id", visit.order_id},
         {"resident_id", visit.resident_id.value()},
         {"service_code", visit.service_code},
         {"service_name_zh", visit.service_name_zh},
         {"service_name_en", visit.service_name_en},
         {"date", FormatDate(visit.date)},
         {"window_start", ClockText(visit.window_start_min)},
         {"window_end", ClockText(visit.window_end_min)},
         {"planned_start", ClockOrNull(visit.planned_start_min)},
         {"worker_name", visit.worker_id ? nlohmann::json(visit.worker_name) : nullptr},
         {"status", visit.status},
         {"missed", visit.missed}});
  }
  return Response::Json(200,
                        {{"members", std::move(members)},
                         {"meals", std::move(meals)},
                         {"visits", std::move(visits)},
                         {"timebank_balance_minutes", OrNull(care->timebank_balance_minutes)}});
}

nlohmann::json ObjectSchema() { return {{"type", "object"}}; }

nlohmann::json PlanSchema() {
  const nlohmann::json integer = {{"type", "integer"}};
  const nlohmann::json date = {{"type", "string"}, {"format", "date"}};
  return {{"type", "object"},
          {"properties",
           {{"id", integer},
            {"resident_id", integer},
            {"grade", integer},
            {"starts_on", date},
            {"ends_on", date},
            {"note", {{"type", "string"}}},
            {"items", {{"type", "array"}, {"items", ObjectSchema()}}}}}};
}

nlohmann::json ContactSchema() {
  const nlohmann::json integer = {{"type", "integer"}};
  const nlohmann::json text = {{"type", "string"}};
  return {{"type", "object"},
          {"properties",
           {{"id", integer},
            {"resident_id", integer},
            {"name", text},
            {"relation", text},
            {"phone_masked", text},
            {"priority", integer}}}};
}

}  // namespace

void RegisterElderFileRoutes(Router& router, const AppServices& services) {
  // Shared by the route handlers below, which the router keeps for the server's lifetime.
  auto service = std::make_shared<ElderFileService>(services.database, services.clock,
                                                    services.registry.cipher());
  router.Add({.method = Method::kGet,
              .path = "/api/v1/elders",
              .summary = "The community's residents aged 60 and over with tags, latest ability "
                         "grade and alert count (?community=&q=&filter=all|living_alone|disabled|"
                         "alerts&page=&page_size=)",
              .permission = auth::Permission::kReadEldercare,
              .tag = "eldercare",
              .response_schema = ObjectSchema(),
              .handler = [service](RequestContext& ctx) { return List(*service, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/elders/alerts",
              .summary = "Every alert of the community's elders: no meal for 3 days (living "
                         "alone), a missed visit, an overdue reassessment, no care plan",
              .permission = auth::Permission::kReadEldercare,
              .tag = "eldercare",
              .response_schema = ObjectSchema(),
              .handler = [service](RequestContext& ctx) { return Alerts(*service, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/elders/{resident_id}",
              .summary = "One elder, one file: the resident, assessments, care plan, meals, home "
                         "care, volunteer visits, time bank, emergency contacts and alerts",
              .permission = auth::Permission::kReadEldercare,
              .tag = "eldercare",
              .response_schema = ObjectSchema(),
              .handler = [service](RequestContext& ctx) { return File(*service, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/elders/{resident_id}/care-plans",
              .summary = "The elder's care plans, newest first, each item with this month's "
                         "visits delivered against planned",
              .permission = auth::Permission::kReadEldercare,
              .tag = "eldercare",
              .response_schema = ObjectSchema(),
              .handler = [service](RequestContext& ctx) { return CarePlans(*service, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/elders/{resident_id}/care-plans",
              .summary = "Draw up a care plan from the latest (or a given) assessment's grade; "
                         "items default from the rule table; the previous plan ends the day "
                         "before",
              .permission = auth::Permission::kWriteEldercare,
              .tag = "eldercare",
              .request_schema = JsonSchemaOf(kNewCarePlanFields),
              .response_schema = PlanSchema(),
              .success_status = 201,
              .response_description = "created",
              .handler = [service](RequestContext& ctx) { return CreateCarePlan(*service, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/elders/{resident_id}/emergency-contacts",
              .summary = "Add an emergency contact (phone encrypted, answered masked)",
              .permission = auth::Permission::kWriteEldercare,
              .tag = "eldercare",
              .request_schema = JsonSchemaOf(kNewContactFields),
              .response_schema = ContactSchema(),
              .success_status = 201,
              .response_description = "created",
              .handler = [service](RequestContext& ctx) { return AddContact(*service, ctx); }});
  router.Add(
      {.method = Method::kGet,
       .path = "/api/v1/elders/{resident_id}/emergency-contacts/{contact_id}/phone",
       .summary = "An emergency contact's full phone number (audited)",
       .permission = auth::Permission::kReadPersonalData,
       .tag = "eldercare",
       .response_schema = {{"type", "object"}, {"properties", {{"phone", {{"type", "string"}}}}}},
       .handler = [service](RequestContext& ctx) { return ContactPhone(*service, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/my/elder-care",
              .summary = "What is coming for the caller's household in the next 14 days: meals "
                         "ordered, home-care visits, and the caller's time-bank balance",
              .permission = auth::Permission::kReadOwnHousehold,
              .tag = "eldercare",
              .response_schema = ObjectSchema(),
              .handler = [service](RequestContext& ctx) { return MyElderCare(*service, ctx); }});
}

}  // namespace shequ::api
