// HTTP for the facilities workers register for planning (planning/service/facility_service.h):
// the mapping table's types, and list, read, register, change (PATCH) and close (DELETE) a
// facility. JSON ↔ FacilityService only; the rules live there.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/app_services.h"
#include "api/json_body.h"
#include "api/json_mapping.h"
#include "planning/service/facility_service.h"

namespace shequ::api {
namespace {

using planning::FacilityService;
using planning::RegisteredFacility;

constexpr JsonField kNewFacilityFields[] = {
    {"community_id", JsonType::kInteger},
    {"facility_type", JsonType::kString},
    {"name", JsonType::kString},
    {"address", JsonType::kString, kOptional, true},
    {"latitude", JsonType::kNumber},
    {"longitude", JsonType::kNumber},
    {"osm_type", JsonType::kString, kOptional, true},
    {"osm_id", JsonType::kInteger, kOptional, true},
    {"capacity", JsonType::kInteger, kOptional, true},
    {"opened_on", JsonType::kString, kOptional, true},
    {"note", JsonType::kString, kOptional, true},
};

// PATCH bodies: every field optional; a nullable one is cleared by null.
constexpr JsonField kFacilityChangeFields[] = {
    {"facility_type", JsonType::kString, kOptional},
    {"name", JsonType::kString, kOptional},
    {"address", JsonType::kString, kOptional, true},
    {"latitude", JsonType::kNumber, kOptional},
    {"longitude", JsonType::kNumber, kOptional},
    {"osm_type", JsonType::kString, kOptional, true},
    {"osm_id", JsonType::kInteger, kOptional, true},
    {"capacity", JsonType::kInteger, kOptional, true},
    {"opened_on", JsonType::kString, kOptional, true},
    {"note", JsonType::kString, kOptional, true},
};

// An optional value of `body[name]`: absent and null are both "not given".
template <typename T>
std::optional<T> Optional(const nlohmann::json& body, const char* name) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::nullopt;
  return it->get<T>();
}

Result<CivilDate> DateOf(const nlohmann::json& value, const char* name) {
  auto date = ParseDate(value.get<std::string>());
  if (!date) return InvalidArgument(fmt::format("{} must be a date YYYY-MM-DD", name), name);
  return *date;
}

// A PATCH field that may be cleared: absent → unchanged, null → clear, a value → set.
template <typename T>
planning::ClearableField<T> ClearableOf(const nlohmann::json& body, const char* name) {
  // Built in place: GCC 12 at -O2 warns (falsely) that a nested optional returned by value may
  // be used uninitialised.
  planning::ClearableField<T> result;
  const auto it = body.find(name);
  if (it == body.end()) return result;
  if (it->is_null()) {
    result.emplace();
  } else {
    result.emplace(std::in_place, it->get<T>());
  }
  return result;
}

template <typename T>
nlohmann::json OrNull(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json FacilityJson(const RegisteredFacility& f) {
  return {
      {"id", f.id},
      {"community_id", f.community_id.value()},
      {"facility_type", f.facility_type},
      {"name", f.name},
      {"address", f.address},
      {"latitude", f.latitude},
      {"longitude", f.longitude},
      {"osm_type",
       f.osm_ref ? nlohmann::json(std::string(planning::OsmTypeName(f.osm_ref->type))) : nullptr},
      {"osm_id", f.osm_ref ? nlohmann::json(f.osm_ref->id) : nullptr},
      {"capacity", OrNull(f.capacity)},
      {"opened_on", f.opened_on ? nlohmann::json(FormatDate(*f.opened_on)) : nullptr},
      {"closed_on", f.closed_on ? nlohmann::json(FormatDate(*f.closed_on)) : nullptr},
      {"note", f.note},
      {"created_by", f.created_by},
      {"created_at", FormatShanghai(f.created_at)},
      {"updated_at", FormatShanghai(f.updated_at)},
  };
}

nlohmann::json FacilitySchema() {
  const nlohmann::json text = {{"type", "string"}};
  const nlohmann::json optional_text = {{"type", "string"}, {"nullable", true}};
  const nlohmann::json optional_integer = {{"type", "integer"}, {"nullable", true}};
  const nlohmann::json date = {{"type", "string"}, {"format", "date"}, {"nullable", true}};
  return {{"type", "object"},
          {"properties",
           {{"id", {{"type", "integer"}}},
            {"community_id", {{"type", "integer"}}},
            {"facility_type", text},
            {"name", text},
            {"address", text},
            {"latitude", {{"type", "number"}}},
            {"longitude", {{"type", "number"}}},
            {"osm_type",
             {{"type", "string"}, {"enum", {"node", "way", "relation"}}, {"nullable", true}}},
            {"osm_id", optional_integer},
            {"capacity", optional_integer},
            {"opened_on", date},
            {"closed_on", date},
            {"note", text},
            {"created_by", text},
            {"created_at", {{"type", "string"}, {"format", "date-time"}}},
            {"updated_at", {{"type", "string"}, {"format", "date-time"}}}}}};
}

Response ListTypes(const FacilityService& service) {
  nlohmann::json list = nlohmann::json::array();
  for (const planning::FacilityTypeInfo& type : service.FacilityTypes()) {
    list.push_back({{"type", type.type}, {"osm_tags", type.osm_tags}, {"notes", type.notes}});
  }
  return Response::Json(200, {{"facility_types", std::move(list)}});
}

Response List(const FacilityService& service, RequestContext& ctx) {
  planning::FacilityListQuery query;
  if (const auto text = ctx.request().QueryParam("community")) {
    auto parsed = ParseQueryInt(*text, "community");
    if (!parsed) return Response::Error(parsed.error());
    query.community = CommunityId(*parsed);
  }
  if (const auto type = ctx.request().QueryParam("type")) query.facility_type = std::string(*type);
  if (const auto closed = ctx.request().QueryParam("include_closed")) {
    if (*closed == "true" || *closed == "1") {
      query.include_closed = true;
    } else if (*closed != "false" && *closed != "0") {
      return Response::Error(Error{ErrorCode::kInvalidArgument,
                                   "include_closed must be true or false", "include_closed"});
    }
  }
  auto facilities = service.List(ctx.principal(), query);
  if (!facilities) return Response::Error(facilities.error());
  nlohmann::json list = nlohmann::json::array();
  for (const RegisteredFacility& f : *facilities) list.push_back(FacilityJson(f));
  return Response::Json(200, {{"facilities", std::move(list)}});
}

Response Get(const FacilityService& service, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto facility = service.Get(ctx.principal(), *id);
  if (!facility) return Response::Error(facility.error());
  return Response::Json(200, FacilityJson(*facility));
}

Response Create(FacilityService& service, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.request(), kNewFacilityFields);
  if (!body) return Response::Error(body.error());
  planning::NewFacility facility{
      .community_id = CommunityId((*body)["community_id"].get<std::int64_t>()),
      .facility_type = (*body)["facility_type"].get<std::string>(),
      .name = (*body)["name"].get<std::string>(),
      .address = Optional<std::string>(*body, "address").value_or(""),
      .latitude = (*body)["latitude"].get<double>(),
      .longitude = (*body)["longitude"].get<double>(),
      .osm_type = Optional<std::string>(*body, "osm_type"),
      .osm_id = Optional<std::int64_t>(*body, "osm_id"),
      .capacity = Optional<std::int64_t>(*body, "capacity"),
      .note = Optional<std::string>(*body, "note").value_or(""),
  };
  if (const auto opened = body->find("opened_on"); opened != body->end() && !opened->is_null()) {
    auto date = DateOf(*opened, "opened_on");
    if (!date) return Response::Error(date.error());
    facility.opened_on = *date;
  }
  auto created = service.Create(ctx.principal(), facility, OriginOf(ctx.request()));
  if (!created) return Response::Error(created.error());
  return Response::Json(201, FacilityJson(*created));
}

Response Patch(FacilityService& service, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto body = ParseJsonObject(ctx.request(), kFacilityChangeFields);
  if (!body) return Response::Error(body.error());
  planning::FacilityChanges changes{
      .facility_type = Optional<std::string>(*body, "facility_type"),
      .name = Optional<std::string>(*body, "name"),
      .address = ClearableOf<std::string>(*body, "address"),
      .latitude = Optional<double>(*body, "latitude"),
      .longitude = Optional<double>(*body, "longitude"),
      .osm_type = ClearableOf<std::string>(*body, "osm_type"),
      .osm_id = ClearableOf<std::int64_t>(*body, "osm_id"),
      .capacity = ClearableOf<std::int64_t>(*body, "capacity"),
      .note = ClearableOf<std::string>(*body, "note"),
  };
  if (const auto opened = body->find("opened_on"); opened != body->end()) {
    changes.opened_on.emplace();
    if (!opened->is_null()) {
      auto date = DateOf(*opened, "opened_on");
      if (!date) return Response::Error(date.error());
      changes.opened_on->emplace(*date);
    }
  }
  auto updated = service.Update(ctx.principal(), *id, changes, OriginOf(ctx.request()));
  if (!updated) return Response::Error(updated.error());
  return Response::Json(200, FacilityJson(*updated));
}

Response Close(FacilityService& service, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto closed = service.Close(ctx.principal(), *id, OriginOf(ctx.request()));
  if (!closed) return Response::Error(closed.error());
  return Response::Json(200, FacilityJson(*closed));
}

}  // namespace

void RegisterPlanningFacilityRoutes(Router& router, const AppServices& services) {
  // Shared by the route handlers below, which the router keeps for the server's lifetime.
  auto service = std::make_shared<FacilityService>(services.database, services.clock);
  router.Add({.method = Method::kGet,
              .path = "/api/v1/planning/facility-types",
              .summary = "The facility types of the mapping table (the types a registered "
                         "facility may have), with the OSM tags that map to each and the table's "
                         "notes",
              .permission = auth::Permission::kReadPlanning,
              .tag = "planning",
              .response_schema =
                  {{"type", "object"},
                   {"properties",
                    {{"facility_types",
                      {{"type", "array"},
                       {"items",
                        {{"type", "object"},
                         {"properties",
                          {{"type", {{"type", "string"}}},
                           {"osm_tags", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                           {"notes", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}}}}}}}},
              .handler = [service](RequestContext&) { return ListTypes(*service); }});
  router.Add(
      {.method = Method::kGet,
       .path = "/api/v1/planning/facilities",
       .summary = "Facilities registered in shequ in the caller's scope (?community=, "
                  "?type=, ?include_closed=true for closed ones too)",
       .permission = auth::Permission::kReadPlanning,
       .tag = "planning",
       .response_schema = {{"type", "object"},
                           {"properties",
                            {{"facilities", {{"type", "array"}, {"items", FacilitySchema()}}}}}},
       .handler = [service](RequestContext& ctx) { return List(*service, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/planning/facilities",
              .summary = "Register a facility (a type of the mapping table, inside the "
                         "community's boundary); the assessment counts it and drops OSM's record "
                         "of the same place; audited. 400 (field latitude) when outside the "
                         "boundary, 409 when an "
                         "open record stands for the OSM object already",
              .permission = auth::Permission::kWritePlanning,
              .tag = "planning",
              .request_schema = JsonSchemaOf(kNewFacilityFields),
              .response_schema = FacilitySchema(),
              .success_status = 201,
              .response_description = "created",
              .handler = [service](RequestContext& ctx) { return Create(*service, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/planning/facilities/{id}",
              .summary = "One registered facility, open or closed",
              .permission = auth::Permission::kReadPlanning,
              .tag = "planning",
              .response_schema = FacilitySchema(),
              .handler = [service](RequestContext& ctx) { return Get(*service, ctx); }});
  router.Add({.method = Method::kPatch,
              .path = "/api/v1/planning/facilities/{id}",
              .summary = "Change an open facility's fields (null clears an optional one); "
                         "audited with the fields changed",
              .permission = auth::Permission::kWritePlanning,
              .tag = "planning",
              .request_schema = JsonSchemaOf(kFacilityChangeFields),
              .response_schema = FacilitySchema(),
              .handler = [service](RequestContext& ctx) { return Patch(*service, ctx); }});
  router.Add({.method = Method::kDelete,
              .path = "/api/v1/planning/facilities/{id}",
              .summary = "Close a facility today (closed_on; the record stays as history and "
                         "serves no one from today); audited",
              .permission = auth::Permission::kWritePlanning,
              .tag = "planning",
              .response_schema = FacilitySchema(),
              .handler = [service](RequestContext& ctx) { return Close(*service, ctx); }});
}

}  // namespace shequ::api
