// HTTP for the elder-care workforce (workers, certificates, training, reminders, the
// qualification table) and the volunteer registry with volunteers' visits. JSON ↔
// WorkforceService / VolunteerService only; the rules live in eldercare/workforce. Routes whose
// permission is "one of two" (the registry list, recording a visit) carry no router permission:
// the service checks it.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "api/app_services.h"
#include "api/json_body.h"
#include "api/json_mapping.h"
#include "eldercare/workforce/volunteer_service.h"
#include "eldercare/workforce/workforce_service.h"

namespace shequ::api {
namespace {

using eldercare::VolunteerService;
using eldercare::WorkforceService;

constexpr JsonField kWorkerFields[] = {
    {"community_id", JsonType::kInteger, kOptional, true},
    {"name", JsonType::kString},
    {"kind", JsonType::kString},
    {"skills", JsonType::kArray},
    {"work_weekdays", JsonType::kArray},
    {"work_start", JsonType::kString},
    {"work_end", JsonType::kString},
    {"start_lat", JsonType::kNumber},
    {"start_lon", JsonType::kNumber},
    {"login", JsonType::kString, kOptional, true},
    {"active", JsonType::kBoolean, kOptional},
};
constexpr JsonField kCertificateFields[] = {
    {"qualification", JsonType::kString},
    {"number", JsonType::kString, kOptional, true},
    {"issuer", JsonType::kString, kOptional, true},
    {"valid_from", JsonType::kString},
    {"valid_to", JsonType::kString, kOptional, true},
};
constexpr JsonField kTrainingFields[] = {
    {"course", JsonType::kString},
    {"date", JsonType::kString},
    {"hours", JsonType::kNumber},
};
constexpr JsonField kVolunteerFields[] = {
    {"resident_id", JsonType::kInteger, kOptional},
    {"skills", JsonType::kArray, kOptional},
    {"availability_weekdays", JsonType::kArray, kOptional},
    {"availability_note", JsonType::kString, kOptional, true},
    {"background_check_date", JsonType::kString, kOptional, true},
    {"active", JsonType::kBoolean, kOptional},
};
constexpr JsonField kVisitFields[] = {
    {"elder_resident_id", JsonType::kInteger},
    {"date", JsonType::kString},
    {"minutes", JsonType::kInteger},
    {"note", JsonType::kString, kOptional, true},
};

template <typename T>
nlohmann::json OrNull(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

std::string StringOr(const nlohmann::json& body, const char* name, std::string fallback = {}) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return fallback;
  return it->get<std::string>();
}

Result<std::vector<std::string>> StringList(const nlohmann::json& body, const char* name) {
  std::vector<std::string> items;
  const auto it = body.find(name);
  if (it == body.end()) return items;
  for (const auto& item : *it) {
    if (!item.is_string()) return InvalidArgument(fmt::format("{} is a list of codes", name), name);
    items.push_back(item.get<std::string>());
  }
  return items;
}

Result<std::vector<std::int64_t>> IntList(const nlohmann::json& body, const char* name) {
  std::vector<std::int64_t> items;
  const auto it = body.find(name);
  if (it == body.end()) return items;
  for (const auto& item : *it) {
    if (!item.is_number_integer()) {
      return InvalidArgument(fmt::format("{} is a list of weekdays 1..7", name), name);
    }
    items.push_back(item.get<std::int64_t>());
  }
  return items;
}

Result<CommunityId> CommunityParam(const Request& request) {
  const auto text = request.QueryParam("community");
  if (!text) return CommunityId();
  auto parsed = ParseQueryInt(*text, "community");
  SHEQU_RETURN_IF_ERROR(parsed);
  return CommunityId(*parsed);
}

Result<std::optional<std::int64_t>> OptionalIntParam(const Request& request, const char* name) {
  const auto text = request.QueryParam(name);
  if (!text || text->empty()) return std::optional<std::int64_t>();
  auto parsed = ParseQueryInt(*text, name);
  SHEQU_RETURN_IF_ERROR(parsed);
  return std::optional<std::int64_t>(*parsed);
}

double Hours(int tenths) { return static_cast<double>(tenths) / 10.0; }

nlohmann::json WorkerJson(const eldercare::CareWorkerView& view) {
  const eldercare::CareWorker& w = view.worker;
  return {{"id", w.id},
          {"community_id", w.community_id.value()},
          {"name", w.name},
          {"kind", eldercare::CareWorkerKindName(w.kind)},
          {"skills", w.skills},
          {"work_weekdays", eldercare::MaskToWeekdays(w.work_weekdays)},
          {"work_start", eldercare::FormatClockTime(w.work_start_min)},
          {"work_end", eldercare::FormatClockTime(w.work_end_min)},
          {"start_lat", w.start_lat},
          {"start_lon", w.start_lon},
          {"active", w.active},
          {"login", OrNull(view.login)},
          {"qualifications_valid_today", view.qualifications_valid_today}};
}

nlohmann::json CertificateJson(const eldercare::CertificateView& view) {
  const eldercare::CareWorkerCertificate& c = view.certificate;
  return {{"id", c.id},
          {"worker_id", c.worker_id},
          {"qualification", c.qualification},
          {"number", c.number},
          {"issuer", c.issuer},
          {"valid_from", FormatDate(c.valid_from)},
          {"valid_to", FormatDate(c.valid_to)},
          {"revoked", c.revoked},
          {"status", eldercare::CertificateStatusName(view.status)}};
}

nlohmann::json TrainingJson(const eldercare::CareWorkerTraining& t) {
  return {{"id", t.id},
          {"worker_id", t.worker_id},
          {"course", t.course},
          {"date", FormatDate(t.date)},
          {"hours", Hours(t.hours_tenths)}};
}

nlohmann::json VolunteerJson(const eldercare::VolunteerView& view) {
  const eldercare::Volunteer& v = view.volunteer;
  return {{"id", v.id},
          {"community_id", v.community_id.value()},
          {"resident_id", v.resident_id.value()},
          {"name", v.name},
          {"skills", v.skills},
          {"availability_weekdays", eldercare::MaskToWeekdays(v.availability_weekdays)},
          {"availability_note", v.availability_note},
          {"background_check_date", v.background_check_date
                                        ? nlohmann::json(FormatDate(*v.background_check_date))
                                        : nlohmann::json(nullptr)},
          {"background_check_due", view.background_check_due},
          {"active", v.active},
          {"balance_minutes", v.balance_minutes}};
}

nlohmann::json VisitJson(const eldercare::VolunteerVisit& v) {
  return {{"id", v.id},
          {"community_id", v.community_id.value()},
          {"volunteer_id", v.volunteer_id},
          {"volunteer_resident_id", v.volunteer_resident_id.value()},
          {"volunteer_name", v.volunteer_name},
          {"elder_resident_id", v.elder_resident_id.value()},
          {"elder_name", v.elder_name},
          {"date", FormatDate(v.date)},
          {"minutes", v.minutes},
          {"note", v.note},
          {"entry_id", v.entry_id > 0 ? nlohmann::json(v.entry_id) : nlohmann::json(nullptr)}};
}

Result<eldercare::CareWorkerInput> WorkerInput(const nlohmann::json& body) {
  eldercare::CareWorkerInput input{.name = body["name"].get<std::string>(),
                                   .kind = body["kind"].get<std::string>(),
                                   .work_start = body["work_start"].get<std::string>(),
                                   .work_end = body["work_end"].get<std::string>(),
                                   .start_lat = body["start_lat"].get<double>(),
                                   .start_lon = body["start_lon"].get<double>(),
                                   .active = body.value("active", true)};
  if (const auto it = body.find("community_id"); it != body.end() && !it->is_null()) {
    input.community_id = CommunityId(it->get<std::int64_t>());
  }
  auto skills = StringList(body, "skills");
  SHEQU_RETURN_IF_ERROR(skills);
  input.skills = std::move(*skills);
  auto weekdays = IntList(body, "work_weekdays");
  SHEQU_RETURN_IF_ERROR(weekdays);
  input.work_weekdays = std::move(*weekdays);
  if (const auto it = body.find("login"); it != body.end() && !it->is_null()) {
    input.login = it->get<std::string>();
  }
  return input;
}

Result<eldercare::VolunteerInput> VolunteerInput(const nlohmann::json& body) {
  eldercare::VolunteerInput input{
      .resident_id = registry::ResidentId(body.value("resident_id", std::int64_t{0})),
      .availability_note = StringOr(body, "availability_note"),
      .active = body.value("active", true)};
  auto skills = StringList(body, "skills");
  SHEQU_RETURN_IF_ERROR(skills);
  input.skills = std::move(*skills);
  auto weekdays = IntList(body, "availability_weekdays");
  SHEQU_RETURN_IF_ERROR(weekdays);
  input.availability_weekdays = std::move(*weekdays);
  if (const auto it = body.find("background_check_date"); it != body.end() && !it->is_null()) {
    input.background_check_date = it->get<std::string>();
  }
  return input;
}

struct Services {
  WorkforceService workforce;
  VolunteerService volunteers;
};

Response Qualifications(Services& s, RequestContext& ctx) {
  if (auto allowed = s.workforce.CheckCanReadQualifications(ctx.principal()); !allowed) {
    return Response::Error(allowed.error());
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& q : s.workforce.qualifications()) {
    list.push_back({{"code", q.code},
                    {"name_zh", q.name_zh},
                    {"name_en", q.name_en},
                    {"validity_years", q.validity_years},
                    {"source", q.source}});
  }
  return Response::Json(200, {{"qualifications", std::move(list)}});
}

Response ListWorkers(Services& s, RequestContext& ctx) {
  auto community = CommunityParam(ctx.request());
  if (!community) return Response::Error(community.error());
  auto workers = s.workforce.ListWorkers(ctx.principal(), *community);
  if (!workers) return Response::Error(workers.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& worker : *workers) list.push_back(WorkerJson(worker));
  return Response::Json(200, {{"workers", std::move(list)}});
}

Response CreateWorker(Services& s, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.request(), kWorkerFields);
  if (!body) return Response::Error(body.error());
  auto input = WorkerInput(*body);
  if (!input) return Response::Error(input.error());
  auto created = s.workforce.CreateWorker(ctx.principal(), *input, OriginOf(ctx.request()));
  if (!created) return Response::Error(created.error());
  return Response::Json(201, WorkerJson(*created));
}

Response UpdateWorker(Services& s, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto body = ParseJsonObject(ctx.request(), kWorkerFields);
  if (!body) return Response::Error(body.error());
  auto input = WorkerInput(*body);
  if (!input) return Response::Error(input.error());
  auto updated = s.workforce.UpdateWorker(ctx.principal(), *id, *input, OriginOf(ctx.request()));
  if (!updated) return Response::Error(updated.error());
  return Response::Json(200, WorkerJson(*updated));
}

Response GetWorker(Services& s, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto detail = s.workforce.GetWorker(ctx.principal(), *id);
  if (!detail) return Response::Error(detail.error());
  nlohmann::json json = WorkerJson(detail->view);
  nlohmann::json certs = nlohmann::json::array();
  for (const auto& cert : detail->certificates) certs.push_back(CertificateJson(cert));
  nlohmann::json training = nlohmann::json::array();
  for (const auto& record : detail->training) training.push_back(TrainingJson(record));
  json["certificates"] = std::move(certs);
  json["training"] = std::move(training);
  json["training_hours_this_year"] = Hours(detail->training_hours_tenths_this_year);
  json["training_hours_required"] = Hours(eldercare::kAnnualTrainingHoursTenths);
  return Response::Json(200, json);
}

Response AddCertificate(Services& s, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto body = ParseJsonObject(ctx.request(), kCertificateFields);
  if (!body) return Response::Error(body.error());
  eldercare::CertificateInput input{.qualification = (*body)["qualification"].get<std::string>(),
                                    .number = StringOr(*body, "number"),
                                    .issuer = StringOr(*body, "issuer"),
                                    .valid_from = (*body)["valid_from"].get<std::string>()};
  if (const auto it = body->find("valid_to"); it != body->end() && !it->is_null()) {
    input.valid_to = it->get<std::string>();
  }
  auto cert = s.workforce.AddCertificate(ctx.principal(), *id, input, OriginOf(ctx.request()));
  if (!cert) return Response::Error(cert.error());
  return Response::Json(201, CertificateJson(*cert));
}

Response RevokeCertificate(Services& s, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto cert = s.workforce.RevokeCertificate(ctx.principal(), *id, OriginOf(ctx.request()));
  if (!cert) return Response::Error(cert.error());
  return Response::Json(200, CertificateJson(*cert));
}

Response AddTraining(Services& s, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto body = ParseJsonObject(ctx.request(), kTrainingFields);
  if (!body) return Response::Error(body.error());
  eldercare::TrainingInput input{.course = (*body)["course"].get<std::string>(),
                                 .date = (*body)["date"].get<std::string>(),
                                 .hours = (*body)["hours"].get<double>()};
  auto training = s.workforce.AddTraining(ctx.principal(), *id, input, OriginOf(ctx.request()));
  if (!training) return Response::Error(training.error());
  return Response::Json(201, TrainingJson(*training));
}

Response Reminders(Services& s, RequestContext& ctx) {
  auto community = CommunityParam(ctx.request());
  if (!community) return Response::Error(community.error());
  auto within = OptionalIntParam(ctx.request(), "within_days");
  if (!within) return Response::Error(within.error());
  if (*within && (**within < 0 || **within > 366)) {
    return Response::Error(
        Error{ErrorCode::kInvalidArgument, "within_days is 0 to 366", "within_days"});
  }
  auto reminders = s.workforce.Reminders(
      ctx.principal(), *community,
      static_cast<int>(within->value_or(eldercare::kCertificateReminderDays)));
  if (!reminders) return Response::Error(reminders.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : *reminders) {
    nlohmann::json json = {{"kind", eldercare::ReminderKindName(r.kind)},
                           {"worker_id", r.worker_id},
                           {"worker_name", r.worker_name},
                           {"message_zh", r.message_zh},
                           {"message_en", r.message_en}};
    if (r.kind == eldercare::ReminderKind::kTrainingShort) {
      json["training_hours_this_year"] = Hours(r.training_hours_tenths);
      json["training_hours_required"] = Hours(eldercare::kAnnualTrainingHoursTenths);
    } else {
      json["qualification"] = r.qualification;
      json["valid_to"] = r.valid_to ? nlohmann::json(FormatDate(*r.valid_to)) : nullptr;
      json["days_left"] = OrNull(r.days_left);
    }
    list.push_back(std::move(json));
  }
  return Response::Json(200, {{"reminders", std::move(list)}});
}

Response ListVolunteers(Services& s, RequestContext& ctx) {
  auto community = CommunityParam(ctx.request());
  if (!community) return Response::Error(community.error());
  auto volunteers = s.volunteers.List(ctx.principal(), *community);
  if (!volunteers) return Response::Error(volunteers.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& volunteer : *volunteers) list.push_back(VolunteerJson(volunteer));
  return Response::Json(200, {{"volunteers", std::move(list)}});
}

Response CreateVolunteer(Services& s, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.request(), kVolunteerFields);
  if (!body) return Response::Error(body.error());
  if (!body->contains("resident_id")) {
    return Response::Error(
        Error{ErrorCode::kInvalidArgument, "give the resident_id", "resident_id"});
  }
  auto input = VolunteerInput(*body);
  if (!input) return Response::Error(input.error());
  auto created = s.volunteers.Create(ctx.principal(), *input, OriginOf(ctx.request()));
  if (!created) return Response::Error(created.error());
  return Response::Json(201, VolunteerJson(*created));
}

Response UpdateVolunteer(Services& s, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto body = ParseJsonObject(ctx.request(), kVolunteerFields);
  if (!body) return Response::Error(body.error());
  auto input = VolunteerInput(*body);
  if (!input) return Response::Error(input.error());
  auto updated = s.volunteers.Update(ctx.principal(), *id, *input, OriginOf(ctx.request()));
  if (!updated) return Response::Error(updated.error());
  return Response::Json(200, VolunteerJson(*updated));
}

Response RecordVisit(Services& s, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto body = ParseJsonObject(ctx.request(), kVisitFields);
  if (!body) return Response::Error(body.error());
  eldercare::VolunteerVisitInput input{
      .elder_resident_id = registry::ResidentId((*body)["elder_resident_id"].get<std::int64_t>()),
      .date = (*body)["date"].get<std::string>(),
      .minutes = (*body)["minutes"].get<std::int64_t>(),
      .note = StringOr(*body, "note")};
  auto recorded = s.volunteers.RecordVisit(ctx.principal(), *id, input, OriginOf(ctx.request()));
  if (!recorded) return Response::Error(recorded.error());
  nlohmann::json json = VisitJson(recorded->visit);
  json["balance_minutes"] = recorded->balance_minutes;
  return Response::Json(201, json);
}

Response ListVisits(Services& s, RequestContext& ctx) {
  auto community = CommunityParam(ctx.request());
  if (!community) return Response::Error(community.error());
  auto elder = OptionalIntParam(ctx.request(), "elder_resident_id");
  if (!elder) return Response::Error(elder.error());
  auto volunteer = OptionalIntParam(ctx.request(), "volunteer_id");
  if (!volunteer) return Response::Error(volunteer.error());
  std::optional<registry::ResidentId> elder_id;
  if (*elder) elder_id = registry::ResidentId(**elder);
  auto visits = s.volunteers.ListVisits(ctx.principal(), *community, elder_id, *volunteer);
  if (!visits) return Response::Error(visits.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& visit : *visits) list.push_back(VisitJson(visit));
  return Response::Json(200, {{"visits", std::move(list)}});
}

nlohmann::json ObjectSchema() { return {{"type", "object"}}; }

}  // namespace

void RegisterWorkforceRoutes(Router& router, const AppServices& services) {
  // Shared by the route handlers below, which the router keeps for the server's lifetime.
  auto shared = std::make_shared<Services>(
      Services{.workforce = WorkforceService(services.database, services.clock),
               .volunteers = VolunteerService(services.database, services.clock)});
  const auto route = [&](Method method, const char* path, const char* summary,
                         std::optional<auth::Permission> permission,
                         std::span<const JsonField> request_fields, int success,
                         Response (*handle)(Services&, RequestContext&)) {
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
         .handler = [shared, handle](RequestContext& ctx) { return handle(*shared, ctx); }});
  };
  using auth::Permission;
  const std::span<const JsonField> none;
  route(Method::kGet, "/api/v1/workforce/qualifications",
        "The qualification table (code, names, validity in years): a rule table as data",
        Permission::kReadEldercare, none, 200, Qualifications);
  route(Method::kGet, "/api/v1/workforce/workers",
        "The community's caregivers and medical staff (?community=), with the qualifications "
        "valid today",
        Permission::kReadEldercare, none, 200, ListWorkers);
  route(Method::kPost, "/api/v1/workforce/workers",
        "Add a caregiver or medical staff member: kind, skills from the home-care catalogue, "
        "working weekdays and hours, start point, optional caregiver login to link",
        Permission::kManageWorkforce, kWorkerFields, 201, CreateWorker);
  route(Method::kPut, "/api/v1/workforce/workers/{id}", "Change a worker (same fields, and active)",
        Permission::kManageWorkforce, kWorkerFields, 200, UpdateWorker);
  route(Method::kGet, "/api/v1/workforce/workers/{id}",
        "A worker with certificates, training records and training hours this year",
        Permission::kReadEldercare, none, 200, GetWorker);
  route(Method::kPost, "/api/v1/workforce/workers/{id}/certificates",
        "Add a certificate (qualification from the table, valid_from, valid_to)",
        Permission::kManageWorkforce, kCertificateFields, 201, AddCertificate);
  route(Method::kPost, "/api/v1/workforce/certificates/{id}/revoke",
        "Revoke a certificate (kept, marked revoked)", Permission::kManageWorkforce, none, 200,
        RevokeCertificate);
  route(Method::kPost, "/api/v1/workforce/workers/{id}/training",
        "Record a training session (course, date, hours 0.1 to 24)", Permission::kManageWorkforce,
        kTrainingFields, 201, AddTraining);
  route(Method::kGet, "/api/v1/workforce/reminders",
        "Certificates expiring within ?within_days= (default 60) or expired and not renewed, and "
        "workers below the local annual training hours",
        Permission::kReadEldercare, none, 200, Reminders);
  route(Method::kGet, "/api/v1/volunteers",
        "The volunteer registry of a community (?community=), with background-check due flags "
        "and time-bank balances (read_eldercare or manage_timebank)",
        std::nullopt, none, 200, ListVolunteers);
  route(Method::kPost, "/api/v1/volunteers",
        "Register a resident as a volunteer (once per resident)", Permission::kManageTimebank,
        kVolunteerFields, 201, CreateVolunteer);
  route(Method::kPut, "/api/v1/volunteers/{id}", "Change a volunteer's record (and active)",
        Permission::kManageTimebank, kVolunteerFields, 200, UpdateVolunteer);
  route(Method::kPost, "/api/v1/volunteers/{id}/visits",
        "Record a volunteer's visit to an elder (60+, same community); credits the volunteer's "
        "time-bank account once, in the same transaction (staff, or the volunteer themselves)",
        std::nullopt, kVisitFields, 201, RecordVisit);
  route(Method::kGet, "/api/v1/volunteers/visits",
        "Volunteer visits (?community=&elder_resident_id=&volunteer_id=), newest first",
        Permission::kReadEldercare, none, 200, ListVisits);
}

}  // namespace shequ::api
