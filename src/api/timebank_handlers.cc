// HTTP for the volunteers' time bank: activities, sign-ups, attendance (which credits hours),
// statements, the community's accounts and trial balance, redeems and family transfers. JSON ↔
// TimebankService only; the ledger rules live in eldercare/timebank. Routes a volunteer or
// resident also uses (sign-up, a statement, transfers) carry no router permission: the service
// lets staff (manage_timebank) act in their scope and others (use_timebank) on their own account.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "api/app_services.h"
#include "api/json_body.h"
#include "api/json_mapping.h"
#include "eldercare/timebank/timebank_service.h"

namespace shequ::api {
namespace {

using eldercare::TimebankService;

constexpr JsonField kNewActivityFields[] = {
    {"community_id", JsonType::kInteger, kOptional, true},
    {"title", JsonType::kString},
    {"starts_at", JsonType::kString},
    {"ends_at", JsonType::kString},
    {"credit_minutes", JsonType::kInteger},
};
constexpr JsonField kSignupFields[] = {{"resident_id", JsonType::kInteger}};
constexpr JsonField kAttendanceFields[] = {{"resident_id", JsonType::kInteger},
                                           {"attended", JsonType::kBoolean}};
constexpr JsonField kRedeemFields[] = {{"resident_id", JsonType::kInteger},
                                       {"minutes", JsonType::kInteger},
                                       {"note", JsonType::kString, kOptional}};
constexpr JsonField kTransferFields[] = {{"from_resident_id", JsonType::kInteger},
                                         {"to_resident_id", JsonType::kInteger},
                                         {"minutes", JsonType::kInteger}};

double Hours(std::int64_t minutes) { return static_cast<double>(minutes) / 60.0; }

nlohmann::json AccountJson(const eldercare::TimebankAccount& a) {
  return {{"id", a.id},
          {"community_id", a.community_id.value()},
          {"kind", eldercare::TimebankAccountKindName(a.kind)},
          {"resident_id", a.resident_id.valid() ? nlohmann::json(a.resident_id.value()) : nullptr},
          {"name", a.name},
          {"balance_minutes", a.balance_minutes},
          {"balance_hours", Hours(a.balance_minutes)}};
}

nlohmann::json ActivityJson(const eldercare::TimebankActivity& a) {
  return {{"id", a.id},
          {"community_id", a.community_id.value()},
          {"title", a.title},
          {"starts_at", FormatShanghai(a.starts_at)},
          {"ends_at", FormatShanghai(a.ends_at)},
          {"credit_minutes", a.credit_minutes}};
}

nlohmann::json SignupJson(const eldercare::TimebankSignup& s) {
  return {{"activity_id", s.activity_id},
          {"resident_id", s.resident_id.value()},
          {"signed_up_at", FormatShanghai(s.signed_up_at)},
          {"attended", s.attended ? nlohmann::json(*s.attended) : nullptr},
          {"entry_id", s.entry_id > 0 ? nlohmann::json(s.entry_id) : nullptr}};
}

nlohmann::json StatementJson(const eldercare::TimebankAccountStatement& statement) {
  nlohmann::json json = AccountJson(statement.account);
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& line : statement.lines) {
    entries.push_back(
        {{"entry_id", line.entry_id},
         {"kind", eldercare::TimebankEntryKindName(line.kind)},
         {"reference", line.reference},
         {"note", line.note},
         {"posted_by", line.posted_by.valid() ? nlohmann::json(line.posted_by.value()) : nullptr},
         {"posted_at", FormatShanghai(line.posted_at)},
         {"minutes", line.minutes},
         {"balance_after_minutes", line.balance_after}});
  }
  json["entries"] = std::move(entries);
  return json;
}

nlohmann::json MoveJson(const eldercare::TimebankMove& move, const char* from, const char* to) {
  return {{"entry_id", move.entry_id},
          {from, move.from_balance_minutes},
          {to, move.to_balance_minutes}};
}

Result<CommunityId> CommunityParam(const Request& request) {
  const auto text = request.QueryParam("community");
  if (!text) return CommunityId();
  auto parsed = ParseQueryInt(*text, "community");
  SHEQU_RETURN_IF_ERROR(parsed);
  return CommunityId(*parsed);
}

Result<Instant> InstantOf(const nlohmann::json& body, const char* name) {
  auto instant = ParseInstant(body[name].get<std::string>());
  if (!instant) {
    return InvalidArgument(fmt::format("{} must be a time like 2026-12-01T09:00:00+08:00", name),
                           name);
  }
  return *instant;
}

Response CreateActivity(TimebankService& service, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.request(), kNewActivityFields);
  if (!body) return Response::Error(body.error());
  auto starts = InstantOf(*body, "starts_at");
  if (!starts) return Response::Error(starts.error());
  auto ends = InstantOf(*body, "ends_at");
  if (!ends) return Response::Error(ends.error());
  eldercare::NewTimebankActivity activity{
      .title = (*body)["title"].get<std::string>(),
      .starts_at = *starts,
      .ends_at = *ends,
      .credit_minutes = (*body)["credit_minutes"].get<std::int64_t>()};
  if (const auto it = body->find("community_id"); it != body->end() && !it->is_null()) {
    activity.community_id = CommunityId(it->get<std::int64_t>());
  }
  auto created = service.CreateActivity(ctx.principal(), activity, OriginOf(ctx.request()));
  if (!created) return Response::Error(created.error());
  return Response::Json(201, ActivityJson(*created));
}

Response SignUp(TimebankService& service, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto body = ParseJsonObject(ctx.request(), kSignupFields);
  if (!body) return Response::Error(body.error());
  auto signup = service.SignUp(ctx.principal(), *id,
                               registry::ResidentId((*body)["resident_id"].get<std::int64_t>()),
                               OriginOf(ctx.request()));
  if (!signup) return Response::Error(signup.error());
  return Response::Json(201, SignupJson(*signup));
}

Response Attendance(TimebankService& service, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto body = ParseJsonObject(ctx.request(), kAttendanceFields);
  if (!body) return Response::Error(body.error());
  auto recorded = service.RecordAttendance(
      ctx.principal(), *id, registry::ResidentId((*body)["resident_id"].get<std::int64_t>()),
      (*body)["attended"].get<bool>(), OriginOf(ctx.request()));
  if (!recorded) return Response::Error(recorded.error());
  nlohmann::json json = SignupJson(recorded->signup);
  json["credited_now"] = recorded->credited_now;
  json["balance_minutes"] = recorded->balance_minutes;
  return Response::Json(200, json);
}

Response Statement(TimebankService& service, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto statement = service.Statement(ctx.principal(), *id);
  if (!statement) return Response::Error(statement.error());
  return Response::Json(200, StatementJson(*statement));
}

Response OwnStatement(TimebankService& service, RequestContext& ctx) {
  auto statement = service.OwnStatement(ctx.principal());
  if (!statement) return Response::Error(statement.error());
  return Response::Json(200, StatementJson(*statement));
}

Response Accounts(TimebankService& service, RequestContext& ctx) {
  auto community = CommunityParam(ctx.request());
  if (!community) return Response::Error(community.error());
  auto accounts = service.Accounts(ctx.principal(), *community);
  if (!accounts) return Response::Error(accounts.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& account : *accounts) list.push_back(AccountJson(account));
  return Response::Json(200, {{"accounts", std::move(list)}});
}

Response TrialBalance(TimebankService& service, RequestContext& ctx) {
  auto community = CommunityParam(ctx.request());
  if (!community) return Response::Error(community.error());
  auto balance = service.TrialBalance(ctx.principal(), *community);
  if (!balance) return Response::Error(balance.error());
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : balance->rows) rows.push_back(AccountJson(row.account));
  return Response::Json(200, {{"community_id", balance->community_id.value()},
                              {"accounts", std::move(rows)},
                              {"total_minutes", balance->total_minutes},
                              {"balanced", balance->total_minutes == 0},
                              {"cache_agrees", balance->cache_agrees}});
}

Response Redeem(TimebankService& service, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.request(), kRedeemFields);
  if (!body) return Response::Error(body.error());
  auto moved = service.Redeem(ctx.principal(),
                              registry::ResidentId((*body)["resident_id"].get<std::int64_t>()),
                              (*body)["minutes"].get<std::int64_t>(),
                              body->value("note", std::string()), OriginOf(ctx.request()));
  if (!moved) return Response::Error(moved.error());
  return Response::Json(201, MoveJson(*moved, "balance_minutes", "issuance_balance_minutes"));
}

Response Transfer(TimebankService& service, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.request(), kTransferFields);
  if (!body) return Response::Error(body.error());
  auto moved = service.Transfer(
      ctx.principal(), registry::ResidentId((*body)["from_resident_id"].get<std::int64_t>()),
      registry::ResidentId((*body)["to_resident_id"].get<std::int64_t>()),
      (*body)["minutes"].get<std::int64_t>(), OriginOf(ctx.request()));
  if (!moved) return Response::Error(moved.error());
  return Response::Json(201, MoveJson(*moved, "from_balance_minutes", "to_balance_minutes"));
}

Result<std::optional<CivilDate>> DateParam(const Request& request, const char* name) {
  const auto text = request.QueryParam(name);
  if (!text || text->empty()) return std::optional<CivilDate>();
  auto date = ParseDate(*text);
  if (!date) return InvalidArgument("a date is \"YYYY-MM-DD\"", name);
  return std::optional<CivilDate>(*date);
}

Response ListActivities(TimebankService& service, RequestContext& ctx) {
  auto community = CommunityParam(ctx.request());
  if (!community) return Response::Error(community.error());
  auto from = DateParam(ctx.request(), "from");
  if (!from) return Response::Error(from.error());
  auto to = DateParam(ctx.request(), "to");
  if (!to) return Response::Error(to.error());
  auto activities = service.Activities(ctx.principal(), *community, *from, *to);
  if (!activities) return Response::Error(activities.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& summary : *activities) {
    nlohmann::json json = ActivityJson(summary.activity);
    json["signups"] = summary.signups;
    json["attended"] = summary.attended;
    list.push_back(std::move(json));
  }
  return Response::Json(200, {{"activities", std::move(list)}});
}

Response ListSignups(TimebankService& service, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto signups = service.Signups(ctx.principal(), *id);
  if (!signups) return Response::Error(signups.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& row : *signups) {
    nlohmann::json json = SignupJson(row.signup);
    json["resident_name"] = row.resident_name;
    list.push_back(std::move(json));
  }
  return Response::Json(200, {{"signups", std::move(list)}});
}

nlohmann::json ObjectSchema() { return {{"type", "object"}}; }

}  // namespace

void RegisterTimebankRoutes(Router& router, const AppServices& services) {
  // Shared by the route handlers below, which the router keeps for the server's lifetime.
  auto service = std::make_shared<TimebankService>(services.database, services.clock);
  const auto route = [&](Method method, const char* path, const char* summary,
                         std::optional<auth::Permission> permission,
                         std::span<const JsonField> request_fields, int success,
                         Response (*handle)(TimebankService&, RequestContext&)) {
    router.Add(
        {.method = method,
         .path = path,
         .summary = summary,
         .permission = permission,
         .tag = "eldercare",
         .request_schema = request_fields.empty() ? nlohmann::json() : JsonSchemaOf(request_fields),
         .response_schema = ObjectSchema(),
         .success_status = success,
         .response_description = success == 201 ? "created" : "OK",
         .handler = [service, handle](RequestContext& ctx) { return handle(*service, ctx); }});
  };
  const std::span<const JsonField> none;
  route(Method::kPost, "/api/v1/timebank/activities",
        "Create a time-bank activity (title, starts_at, ends_at, credit_minutes per attendee)",
        auth::Permission::kManageTimebank, kNewActivityFields, 201, CreateActivity);
  route(Method::kPost, "/api/v1/timebank/activities/{id}/signups",
        "Sign a resident up for an activity (staff in scope; a volunteer or resident: themselves)",
        std::nullopt, kSignupFields, 201, SignUp);
  route(Method::kPost, "/api/v1/timebank/activities/{id}/attendance",
        "Record attendance; attending credits the activity's minutes once, in the same "
        "transaction",
        auth::Permission::kManageTimebank, kAttendanceFields, 200, Attendance);
  route(Method::kGet, "/api/v1/timebank/accounts",
        "The community's time-bank accounts and balances (?community=)",
        auth::Permission::kManageTimebank, none, 200, Accounts);
  route(Method::kGet, "/api/v1/timebank/accounts/{id}",
        "An account's statement: balance and entries, newest first (staff in scope; a volunteer "
        "or resident: their own)",
        std::nullopt, none, 200, Statement);
  route(Method::kGet, "/api/v1/my/timebank",
        "The caller's own time-bank account and statement, through their account's link to the "
        "registry",
        auth::Permission::kUseTimebank, none, 200, OwnStatement);
  route(Method::kGet, "/api/v1/timebank/trial-balance",
        "Every account's balance from the ledger lines and their total, which must be 0 "
        "(?community=)",
        auth::Permission::kManageTimebank, none, 200, TrialBalance);
  route(Method::kPost, "/api/v1/timebank/redeem",
        "Redeem a resident's hours (resident → issuance); never below zero",
        auth::Permission::kManageTimebank, kRedeemFields, 201, Redeem);
  route(Method::kPost, "/api/v1/timebank/transfers",
        "Transfer hours to a member of the same household, when the local rule allows (staff in "
        "scope; a volunteer or resident: from their own account)",
        std::nullopt, kTransferFields, 201, Transfer);
  route(Method::kGet, "/api/v1/timebank/activities",
        "The community's activities (?community=&from=&to=, dates inclusive) with sign-up and "
        "attendance counts (staff in scope; a volunteer or resident: their own community)",
        std::nullopt, none, 200, ListActivities);
  route(Method::kGet, "/api/v1/timebank/activities/{id}/signups",
        "Who signed up for an activity, and who attended (with the credit's entry)",
        auth::Permission::kManageTimebank, none, 200, ListSignups);
}

}  // namespace shequ::api
