// HTTP for the GB/T 42195-2022 ability assessments: the form the UI builds itself from, filing an
// assessment, one assessment, a resident's history and the reassessments due. JSON ↔
// AbilityAssessmentService only; the rules live in eldercare/assessment.
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>

#include "api/app_services.h"
#include "api/json_body.h"
#include "api/json_mapping.h"
#include "eldercare/assessment/ability_assessment_service.h"

namespace shequ::api {
namespace {

using eldercare::AbilityAssessment;
using eldercare::AbilityAssessmentService;

constexpr JsonField kNewAssessmentFields[] = {
    {"resident_id", JsonType::kInteger},
    {"assessed_on", JsonType::kString, kOptional, true},
    {"reason", JsonType::kString, kOptional, true},
    {"items", JsonType::kObject},
    {"conditions", JsonType::kObject, kOptional},
};

// A whole number clamped so that an absurd value fails the range check rather than wrapping.
int SmallInt(const nlohmann::json& value) {
  return static_cast<int>(std::clamp<std::int64_t>(value.get<std::int64_t>(), -100000, 100000));
}

Result<eldercare::AbilityItemScores> ItemsOf(const nlohmann::json& items) {
  eldercare::AbilityItemScores scores;
  for (const auto& [code, value] : items.items()) {
    if (!value.is_number_integer()) {
      return InvalidArgument(fmt::format("the score of {} is a whole number", code),
                             "items." + code);
    }
    scores[code] = SmallInt(value);
  }
  return scores;
}

Result<eldercare::AbilityConditions> ConditionsOf(const nlohmann::json& body) {
  eldercare::AbilityConditions conditions;
  const auto found = body.find("conditions");
  if (found == body.end()) return conditions;
  for (const auto& [key, value] : found->items()) {
    const std::string field = "conditions." + key;
    if (key == "risk_events_30d") {
      if (!value.is_number_integer()) {
        return InvalidArgument("risk_events_30d is a whole number", field);
      }
      conditions.risk_events_30d = SmallInt(value);
      continue;
    }
    bool* flag = key == "coma"          ? &conditions.coma
                 : key == "dementia"    ? &conditions.dementia
                 : key == "psychiatric" ? &conditions.psychiatric
                                        : nullptr;
    if (flag == nullptr) {
      return InvalidArgument(
          fmt::format("unknown condition {}: coma, dementia, psychiatric, risk_events_30d", key),
          field);
    }
    if (!value.is_boolean()) return InvalidArgument(fmt::format("{} is true or false", key), field);
    *flag = value.get<bool>();
  }
  return conditions;
}

Result<eldercare::NewAbilityAssessment> NewAssessmentOf(const nlohmann::json& body) {
  eldercare::NewAbilityAssessment request;
  request.resident_id = registry::ResidentId(body["resident_id"].get<std::int64_t>());
  if (const auto it = body.find("assessed_on"); it != body.end() && !it->is_null()) {
    auto date = ParseDate(it->get<std::string>());
    if (!date) return InvalidArgument("assessed_on must be a date YYYY-MM-DD", "assessed_on");
    request.assessed_on = *date;
  }
  if (const auto it = body.find("reason"); it != body.end() && !it->is_null()) {
    request.reason = eldercare::ParseAssessmentReason(it->get<std::string>());
    if (!request.reason) {
      return InvalidArgument("reason must be first, regular, immediate, review or other", "reason");
    }
  }
  auto items = ItemsOf(body["items"]);
  SHEQU_RETURN_IF_ERROR(items);
  request.items = std::move(*items);
  auto conditions = ConditionsOf(body);
  SHEQU_RETURN_IF_ERROR(conditions);
  request.conditions = *conditions;
  return request;
}

nlohmann::json AssessmentJson(const AbilityAssessment& a) {
  nlohmann::json items = nlohmann::json::object();
  for (const auto& [code, score] : a.items) items[code] = score;
  nlohmann::json dimensions = nlohmann::json::object();
  for (const auto& [code, score] : a.score.dimension_scores) dimensions[code] = score;
  nlohmann::json adjustments = nlohmann::json::array();
  for (const auto& adjustment : a.score.adjustments) {
    adjustments.push_back(
        {{"code", adjustment.code}, {"text", adjustment.text}, {"capped", adjustment.capped}});
  }
  const auto& grade = eldercare::AbilityGradeInfo(a.score.grade);
  const auto& initial = eldercare::AbilityGradeInfo(a.score.initial_grade);
  return {{"id", a.id},
          {"community_id", a.community_id.value()},
          {"resident_id", a.resident_id.value()},
          {"assessed_on", FormatDate(a.assessed_on)},
          {"reason", eldercare::AssessmentReasonName(a.reason)},
          {"reason_zh", eldercare::AssessmentReasonZh(a.reason)},
          {"assessor_user_id", a.assessor.value()},
          {"items", std::move(items)},
          {"conditions",
           {{"coma", a.conditions.coma},
            {"dementia", a.conditions.dementia},
            {"psychiatric", a.conditions.psychiatric},
            {"risk_events_30d", a.conditions.risk_events_30d}}},
          {"total", a.score.total},
          {"dimension_scores", std::move(dimensions)},
          {"initial_grade", a.score.initial_grade},
          {"initial_grade_name", initial.name_zh},
          {"grade", a.score.grade},
          {"grade_name", grade.name_zh},
          {"grade_name_en", grade.name_en},
          {"adjustments", std::move(adjustments)},
          {"next_due_on", FormatDate(a.next_due_on)},
          {"created_at", FormatShanghai(a.created_at)}};
}

nlohmann::json FormJson() {
  nlohmann::json dimensions = nlohmann::json::array();
  for (const auto& d : eldercare::AbilityDimensions()) {
    dimensions.push_back({{"code", d.code},
                          {"name_zh", d.name_zh},
                          {"name_en", d.name_en},
                          {"max_score", d.max_score}});
  }
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : eldercare::AbilityItems()) {
    nlohmann::json levels = nlohmann::json::array();
    for (const auto& level : item.levels) {
      levels.push_back({{"score", level.score},
                        {"wording_zh", level.wording_zh},
                        {"wording_en", level.wording_en}});
    }
    items.push_back({{"code", item.code},
                     {"dimension", item.dimension},
                     {"name_zh", item.name_zh},
                     {"name_en", item.name_en},
                     {"min_score", 0},
                     {"max_score", item.max_score},
                     {"levels", std::move(levels)}});
  }
  nlohmann::json grades = nlohmann::json::array();
  for (const auto& g : eldercare::AbilityGrades()) {
    grades.push_back({{"grade", g.grade},
                      {"name_zh", g.name_zh},
                      {"name_en", g.name_en},
                      {"min_total", g.min_total},
                      {"max_total", g.max_total}});
  }
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto reason : eldercare::kAllAssessmentReasons) {
    reasons.push_back({{"code", eldercare::AssessmentReasonName(reason)},
                       {"name_zh", eldercare::AssessmentReasonZh(reason)}});
  }
  const nlohmann::json conditions = nlohmann::json::array({
      {{"key", "coma"}, {"type", "boolean"}, {"name_zh", "昏迷"}, {"name_en", "Coma"}},
      {{"key", "dementia"},
       {"type", "boolean"},
       {"name_zh", "确诊认知障碍/痴呆"},
       {"name_en", "Diagnosed dementia or cognitive impairment"}},
      {{"key", "psychiatric"},
       {"type", "boolean"},
       {"name_zh", "确诊精神科专科疾病"},
       {"name_en", "Diagnosed psychiatric illness"}},
      {{"key", "risk_events_30d"},
       {"type", "integer"},
       {"name_zh", "近30天内照护风险事件次数（跌倒、噎食、自杀自伤、走失等）"},
       {"name_en", "Care-risk events in the last 30 days (falls, choking, self-harm, wandering)"}},
  });
  return {{"standard", "GB/T 42195-2022"},
          {"max_total", eldercare::kAbilityMaxTotal},
          {"min_age", eldercare::kAbilityAssessmentMinAge},
          {"dimensions", std::move(dimensions)},
          {"items", std::move(items)},
          {"grades", std::move(grades)},
          {"conditions", conditions},
          {"reasons", std::move(reasons)}};
}

nlohmann::json ObjectSchema() { return {{"type", "object"}}; }

nlohmann::json AssessmentSchema() {
  const nlohmann::json integer = {{"type", "integer"}};
  const nlohmann::json text = {{"type", "string"}};
  return {{"type", "object"},
          {"properties",
           {{"id", integer},
            {"resident_id", integer},
            {"assessed_on", {{"type", "string"}, {"format", "date"}}},
            {"reason", text},
            {"items", ObjectSchema()},
            {"conditions", ObjectSchema()},
            {"total", integer},
            {"dimension_scores", ObjectSchema()},
            {"initial_grade", integer},
            {"grade", integer},
            {"grade_name", text},
            {"grade_name_en", text},
            {"adjustments", {{"type", "array"}, {"items", ObjectSchema()}}},
            {"next_due_on", {{"type", "string"}, {"format", "date"}}}}}};
}

Response Create(AbilityAssessmentService& service, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.request(), kNewAssessmentFields);
  if (!body) return Response::Error(body.error());
  auto request = NewAssessmentOf(*body);
  if (!request) return Response::Error(request.error());
  auto created = service.Create(ctx.principal(), *request, OriginOf(ctx.request()));
  if (!created) return Response::Error(created.error());
  return Response::Json(201, AssessmentJson(*created));
}

Response Get(AbilityAssessmentService& service, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto found = service.Get(ctx.principal(), *id);
  if (!found) return Response::Error(found.error());
  return Response::Json(200, AssessmentJson(*found));
}

Response History(AbilityAssessmentService& service, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto list = service.History(ctx.principal(), registry::ResidentId(*id));
  if (!list) return Response::Error(list.error());
  nlohmann::json assessments = nlohmann::json::array();
  for (const auto& assessment : *list) assessments.push_back(AssessmentJson(assessment));
  return Response::Json(200, {{"assessments", std::move(assessments)}});
}

Response Due(AbilityAssessmentService& service, RequestContext& ctx) {
  CommunityId community;
  if (const auto text = ctx.request().QueryParam("community")) {
    auto parsed = ParseQueryInt(*text, "community");
    if (!parsed) return Response::Error(parsed.error());
    community = CommunityId(*parsed);
  }
  std::optional<CivilDate> before;
  if (const auto text = ctx.request().QueryParam("before")) {
    auto date = ParseDate(*text);
    if (!date) {
      return Response::Error(
          Error{ErrorCode::kInvalidArgument, "before must be a date YYYY-MM-DD", "before"});
    }
    before = *date;
  }
  auto due = service.Due(ctx.principal(), community, before);
  if (!due) return Response::Error(due.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& d : *due) {
    list.push_back({{"resident_id", d.resident_id.value()},
                    {"resident_name", d.resident_name},
                    {"grid_id", d.grid_id.valid() ? nlohmann::json(d.grid_id.value()) : nullptr},
                    {"assessment_id", d.assessment_id},
                    {"assessed_on", FormatDate(d.assessed_on)},
                    {"grade", d.grade},
                    {"grade_name", eldercare::AbilityGradeInfo(d.grade).name_zh},
                    {"next_due_on", FormatDate(d.next_due_on)}});
  }
  return Response::Json(200, {{"due", std::move(list)}});
}

}  // namespace

void RegisterAbilityAssessmentRoutes(Router& router, const AppServices& services) {
  // Shared by the route handlers below, which the router keeps for the server's lifetime.
  auto service = std::make_shared<AbilityAssessmentService>(services.database, services.clock);
  router.Add({.method = Method::kGet,
              .path = "/api/v1/assessments/form",
              .summary = "The GB/T 42195-2022 form: dimensions, items with their scales, grades, "
                         "conditions and reasons (the UI builds the form from it)",
              .permission = auth::Permission::kReadEldercare,
              .tag = "eldercare",
              .response_schema = ObjectSchema(),
              .handler = [](RequestContext&) { return Response::Json(200, FormJson()); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/assessments",
              .summary = "File an ability assessment of a resident aged 60 or over: scored, "
                         "graded, adjusted and given its reassessment due date (append-only)",
              .permission = auth::Permission::kWriteEldercare,
              .tag = "eldercare",
              .request_schema = JsonSchemaOf(kNewAssessmentFields),
              .response_schema = AssessmentSchema(),
              .success_status = 201,
              .response_description = "created",
              .handler = [service](RequestContext& ctx) { return Create(*service, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/assessments/due",
              .summary = "Residents whose reassessment is due on or before a date "
                         "(?community=&before=YYYY-MM-DD; today by default)",
              .permission = auth::Permission::kReadEldercare,
              .tag = "eldercare",
              .response_schema = ObjectSchema(),
              .handler = [service](RequestContext& ctx) { return Due(*service, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/assessments/{id}",
              .summary = "One ability assessment",
              .permission = auth::Permission::kReadEldercare,
              .tag = "eldercare",
              .response_schema = AssessmentSchema(),
              .handler = [service](RequestContext& ctx) { return Get(*service, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/residents/{id}/assessments",
              .summary = "A resident's ability assessments, newest first",
              .permission = auth::Permission::kReadEldercare,
              .tag = "eldercare",
              .response_schema = ObjectSchema(),
              .handler = [service](RequestContext& ctx) { return History(*service, ctx); }});
}

}  // namespace shequ::api
