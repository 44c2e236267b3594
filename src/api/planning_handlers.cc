// HTTP for the planning engine: the import's status, the complete-community assessment, its map
// layers (GeoJSON), walking isochrones and the what-if. JSON ↔ planning::PlanningService only;
// the permission and scope rules live there.
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/app_services.h"
#include "api/json_body.h"
#include "api/json_mapping.h"
#include "planning/assessment_json.h"
#include "planning/service/planning_layers.h"
#include "planning/service/planning_service.h"

namespace shequ::api {
namespace {

using nlohmann::json;
using Service = std::shared_ptr<planning::PlanningService>;

constexpr const char* kGeoJson = "application/geo+json";

double Round1(double x) { return std::round(x * 10) / 10; }

// A query-string number; kInvalidArgument naming `field` when it is not a finite one.
Result<double> ParseNumber(std::string_view text, std::string_view field) {
  double value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) {
    return InvalidArgument(fmt::format("{} must be a number", field), std::string(field));
  }
  return value;
}

// ?community=ID, or an invalid id when absent.
Result<CommunityId> CommunityParam(const Request& request) {
  const auto text = request.QueryParam("community");
  if (!text) return CommunityId();
  auto parsed = ParseQueryInt(*text, "community");
  SHEQU_RETURN_IF_ERROR(parsed);
  if (*parsed <= 0) return InvalidArgument("community must be a positive id", "community");
  return CommunityId(*parsed);
}

json SourceJson(const planning::AssessmentRun& run) {
  return {{"import_id", run.data.import_id}, {"file", run.data.source_name}};
}

json WorkerAnswerJson(const planning::WorkerAnswer& answer) {
  return {{"answer", answer.answer ? "yes" : "no"},
          {"note", answer.note},
          {"answered_by", answer.answered_by},
          {"answered_at", FormatShanghai(answer.answered_at)}};
}

// AssessmentToJson plus where the network came from, as `shequ assess --format json` prints it,
// and the workers' answers on the items that need one: "worker_answer" (null when none yet), and
// the answer as the item's pass.
json ReportJson(const planning::AssessmentRun& run) {
  json report = planning::AssessmentToJson(run.Input(), run.assessment);
  report["source"] = SourceJson(run);
  for (json& community : report["communities"]) {
    for (json& item : community["items"]) {
      if (!item.value("needs_worker_input", false)) continue;
      item["worker_answer"] = nullptr;
      for (const planning::WorkerAnswer& answer : run.worker_answers) {
        if (std::to_string(answer.community.value()) == community["id"].get<std::string>() &&
            answer.item == item["item"].get<std::string>()) {
          item["worker_answer"] = WorkerAnswerJson(answer);
          item["pass"] = answer.answer;
        }
      }
    }
  }
  return report;
}

constexpr JsonField kWorkerAnswerFields[] = {
    {"answer", JsonType::kString},
    {"note", JsonType::kString, kOptional},
};

Response PutWorkerAnswer(planning::PlanningService& service, RequestContext& ctx) {
  auto community = ctx.request().PathParamInt("id");
  if (!community) return Response::Error(community.error());
  auto body = ParseJsonObject(ctx.request(), kWorkerAnswerFields);
  if (!body) return Response::Error(body.error());
  const std::string answer = (*body)["answer"].get<std::string>();
  if (answer != "yes" && answer != "no") {
    return Response::Error(
        Error{ErrorCode::kInvalidArgument, "answer must be \"yes\" or \"no\"", "answer"});
  }
  std::string note;
  if (const auto it = body->find("note"); it != body->end() && !it->is_null()) {
    note = it->get<std::string>();
  }
  auto saved = service.AnswerWorkerItem(ctx.principal(), CommunityId(*community),
                                        std::string(ctx.request().PathParam("item")),
                                        answer == "yes", std::move(note), OriginOf(ctx.request()));
  if (!saved) return Response::Error(saved.error());
  json out = WorkerAnswerJson(*saved);
  out["community_id"] = saved->community.value();
  out["item"] = saved->item;
  return Response::Json(200, out);
}

// The Server-Timing field says how long the assessment took, without changing the report.
void AddTiming(Response& response, const planning::AssessmentRun& run) {
  response.headers.Set("Server-Timing", fmt::format("assess;dur={:.1f}", run.elapsed_ms));
}

Response GetStatus(planning::PlanningService& service, RequestContext& ctx) {
  auto status = service.CurrentStatus(ctx.principal());
  if (!status) return Response::Error(status.error());
  json import = nullptr;
  if (status->import) {
    import = {{"id", status->import->id},
              {"source_name", status->import->source_name},
              {"imported_at", FormatShanghai(status->import->imported_at)},
              {"nodes", status->import->nodes},
              {"edges", status->import->edges}};
  }
  json types = json::array();
  for (const auto& type : status->facility_types) {
    types.push_back({{"type", type.type},
                     {"name_zh", type.name_zh},
                     {"name_en", type.name_en},
                     {"count", type.count}});
  }
  json checklist = json::array();
  for (const auto& item : status->checklist.items) {
    checklist.push_back(
        {{"item", item.item},
         {"facility_type", item.NeedsWorkerInput() ? json(nullptr) : json(item.facility_type)},
         {"max_distance_m", item.NeedsWorkerInput() ? json(nullptr) : json(item.max_distance_m)},
         {"required_share", item.NeedsWorkerInput() ? json(nullptr) : json(item.RequiredShare())},
         {"name_zh", item.name_zh},
         {"name_en", item.name_en},
         {"needs_worker_input", item.NeedsWorkerInput()}});
  }
  return Response::Json(200,
                        {{"import", std::move(import)},
                         {"facility_types", std::move(types)},
                         {"checklist", std::move(checklist)},
                         {"walking_speed_m_per_min", status->checklist.walking_speed_m_per_min}});
}

Response GetAssessment(planning::PlanningService& service, RequestContext& ctx) {
  auto community = CommunityParam(ctx.request());
  if (!community) return Response::Error(community.error());
  auto run = service.Assess(ctx.principal(), *community);
  if (!run) return Response::Error(run.error());
  Response response = Response::Json(200, ReportJson(*run));
  AddTiming(response, *run);
  return response;
}

Response GetLayer(planning::PlanningService& service, RequestContext& ctx) {
  std::string_view name = ctx.request().PathParam("name");
  constexpr std::string_view kSuffix = ".geojson";
  bool known = name.ends_with(kSuffix);
  if (known) name.remove_suffix(kSuffix.size());
  known = known && std::find(std::begin(planning::kLayerNames), std::end(planning::kLayerNames),
                             name) != std::end(planning::kLayerNames);
  if (!known) {
    return Response::Error(HttpError{
        .status = 404,
        .code = "not_found",
        .message = "no such layer: use buildings, facilities, network or communities (.geojson)",
        .field = "name"});
  }
  auto community = CommunityParam(ctx.request());
  if (!community) return Response::Error(community.error());
  if (name == "network") {
    // The network needs no assessment: the scope check, and the boundaries for the box.
    auto scoped = service.CommunitiesInScope(ctx.principal(), *community);
    if (!scoped) return Response::Error(scoped.error());
    auto network = service.CurrentNetwork();
    if (!network) return Response::Error(network.error());
    const planning::GeoBounds bounds = planning::BoundaryBounds(*scoped);
    if (!community->valid() || !bounds.empty) {
      std::optional<planning::GeoBounds> within;
      if (community->valid()) within = bounds.Padded(planning::kLayerPaddingM);
      return Response::Text(200, planning::NetworkLayer(**network, within).dump(), kGeoJson);
    }
  }
  auto run = service.Assess(ctx.principal(), *community);
  if (!run) return Response::Error(run.error());

  // A community's map shows the network and facilities around it; without one, everything.
  std::optional<planning::GeoBounds> within;
  if (community->valid()) {
    const planning::GeoBounds bounds = planning::CommunitiesBounds(*run);
    if (!bounds.empty) within = bounds.Padded(planning::kLayerPaddingM);
  }
  json layer;
  if (name == "buildings") {
    auto buildings = planning::BuildingsLayer(service.database(), *run);
    if (!buildings) return Response::Error(buildings.error());
    layer = std::move(*buildings);
  } else if (name == "facilities") {
    layer = planning::FacilitiesLayer(*run, within);
  } else if (name == "network") {
    layer = planning::NetworkLayer(*run->network, within);
  } else {
    layer = planning::CommunitiesLayer(*run);
  }
  Response response = Response::Text(200, layer.dump(), kGeoJson);
  AddTiming(response, *run);
  return response;
}

Response GetIsochrone(planning::PlanningService& service, RequestContext& ctx) {
  const Request& request = ctx.request();
  double coordinates[2] = {0, 0};
  const char* names[2] = {"lat", "lon"};
  for (int i = 0; i < 2; ++i) {
    const auto text = request.QueryParam(names[i]);
    if (!text) {
      return Response::Error(
          Error{ErrorCode::kInvalidArgument, fmt::format("give {} (degrees)", names[i]), names[i]});
    }
    auto value = ParseNumber(*text, names[i]);
    if (!value) return Response::Error(value.error());
    coordinates[i] = *value;
  }
  if (coordinates[0] < -90 || coordinates[0] > 90) {
    return Response::Error(Error{ErrorCode::kInvalidArgument, "lat must be in [-90, 90]", "lat"});
  }
  if (coordinates[1] < -180 || coordinates[1] > 180) {
    return Response::Error(Error{ErrorCode::kInvalidArgument, "lon must be in [-180, 180]", "lon"});
  }
  const auto text = request.QueryParam("minutes");
  if (!text || text->empty()) {
    return Response::Error(Error{ErrorCode::kInvalidArgument,
                                 "give minutes: one number or up to 3 separated by commas",
                                 "minutes"});
  }
  std::vector<double> minutes;
  std::string_view rest = *text;
  while (true) {
    const std::size_t comma = rest.find(',');
    auto value = ParseNumber(rest.substr(0, comma), "minutes");
    if (!value) return Response::Error(value.error());
    minutes.push_back(*value);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  auto isochrones = service.Isochrones(
      ctx.principal(), planning::Coord::FromDegrees(coordinates[0], coordinates[1]), minutes);
  if (!isochrones) return Response::Error(isochrones.error());
  json features = json::array();
  for (const auto& result : *isochrones) {
    const planning::Isochrone& iso = result.isochrone;
    features.push_back({{"type", "Feature"},
                        {"geometry", planning::IsochroneGeoJson(iso)},
                        {"properties",
                         {{"minutes", result.minutes},
                          {"distance_m", Round1(iso.distance_m)},
                          {"area_m2", std::round(iso.area_m2)},
                          {"snap_distance_m", Round1(iso.snap_distance_m)},
                          {"nodes_reached", iso.nodes_reached}}}});
  }
  const json collection = {{"type", "FeatureCollection"}, {"features", std::move(features)}};
  return Response::Text(200, collection.dump(), kGeoJson);
}

constexpr JsonField kWhatIfFields[] = {
    {"community", JsonType::kInteger, kOptional, true},
    {"add", JsonType::kArray},
};

Result<std::vector<planning::ProposedFacility>> ProposedOf(const json& add) {
  if (add.empty() || add.size() > planning::kMaxProposedFacilities) {
    return InvalidArgument(fmt::format("add 1 to {} facilities", planning::kMaxProposedFacilities),
                           "add");
  }
  std::vector<planning::ProposedFacility> out;
  for (std::size_t i = 0; i < add.size(); ++i) {
    const json& item = add[i];
    const std::string at = fmt::format("add[{}]", i);
    if (!item.is_object()) return InvalidArgument(at + " must be an object", at);
    for (const auto& [key, value] : item.items()) {
      if (key != "facility_type" && key != "lat" && key != "lon" && key != "name") {
        return InvalidArgument(fmt::format("unknown field {}.{}", at, key), at + "." + key);
      }
    }
    const auto type = item.find("facility_type");
    if (type == item.end() || !type->is_string()) {
      return InvalidArgument(at + ".facility_type must be a string", at + ".facility_type");
    }
    double degrees[2] = {0, 0};
    const char* names[2] = {"lat", "lon"};
    const double limits[2] = {90, 180};
    for (int k = 0; k < 2; ++k) {
      const auto value = item.find(names[k]);
      const std::string field = at + "." + names[k];
      if (value == item.end() || !value->is_number()) {
        return InvalidArgument(field + " must be a number (degrees)", field);
      }
      degrees[k] = value->get<double>();
      if (!std::isfinite(degrees[k]) || std::abs(degrees[k]) > limits[k]) {
        return InvalidArgument(fmt::format("{} must be in [-{}, {}]", field, limits[k], limits[k]),
                               field);
      }
    }
    std::string name;
    if (const auto n = item.find("name"); n != item.end() && !n->is_null()) {
      if (!n->is_string()) return InvalidArgument(at + ".name must be a string", at + ".name");
      name = n->get<std::string>();
    }
    out.push_back({.facility_type = type->get<std::string>(),
                   .location = planning::Coord::FromDegrees(degrees[0], degrees[1]),
                   .name = std::move(name)});
  }
  return out;
}

json OptionalShare(const std::optional<double>& share) {
  return share ? json(*share) : json(nullptr);
}
json OptionalPass(const std::optional<bool>& pass) { return pass ? json(*pass) : json(nullptr); }

Response PostWhatIf(planning::PlanningService& service, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.request(), kWhatIfFields);
  if (!body) return Response::Error(body.error());
  CommunityId community;
  if (const auto it = body->find("community"); it != body->end() && !it->is_null()) {
    if (it->get<std::int64_t>() <= 0) {
      return Response::Error(
          Error{ErrorCode::kInvalidArgument, "community must be a positive id", "community"});
    }
    community = CommunityId(it->get<std::int64_t>());
  }
  auto proposed = ProposedOf((*body)["add"]);
  if (!proposed) return Response::Error(proposed.error());
  auto what_if = service.WhatIfAdded(ctx.principal(), community, *proposed);
  if (!what_if) return Response::Error(what_if.error());

  const planning::AssessmentRun& before = what_if->before;
  const planning::AssessmentRun& after = what_if->after;
  json changes = json::array();
  for (std::size_t c = 0; c < before.assessment.communities.size(); ++c) {
    const auto& was = before.assessment.communities[c];
    const auto& now = after.assessment.communities[c];
    for (std::size_t i = 0; i < was.items.size() && i < now.items.size(); ++i) {
      const planning::ItemResult& a = was.items[i];
      const planning::ItemResult& b = now.items[i];
      if (a.needs_worker_input || a.residents_covered == b.residents_covered) continue;
      const planning::ChecklistItem& item = before.checklist.items[a.item];
      changes.push_back({{"community_id", before.data.communities[was.community].id},
                         {"community_name", before.data.communities[was.community].name},
                         {"item", item.item},
                         {"facility_type", item.facility_type},
                         {"share_before", OptionalShare(a.share)},
                         {"share_after", OptionalShare(b.share)},
                         {"residents_covered_before", a.residents_covered},
                         {"residents_covered_after", b.residents_covered},
                         {"pass_before", OptionalPass(a.pass)},
                         {"pass_after", OptionalPass(b.pass)}});
    }
  }
  json added = json::array();
  for (std::size_t f = what_if->first_proposed; f < after.data.facilities.size(); ++f) {
    const planning::AssessmentFacility& facility = after.data.facilities[f];
    const planning::NetworkAccess& access = after.assessment.facility_access[f];
    added.push_back({{"id", facility.id},
                     {"facility_type", facility.facility_type},
                     {"name", facility.name},
                     {"lat", facility.location.Lat()},
                     {"lon", facility.location.Lon()},
                     {"on_network", access.on_network},
                     {"snap_distance_m", std::isfinite(access.snap_distance_m)
                                             ? json(Round1(access.snap_distance_m))
                                             : json(nullptr)}});
  }
  json before_json = ReportJson(before);
  Response response =
      Response::Json(200, {{"before", {{"communities", std::move(before_json["communities"])}}},
                           {"after", ReportJson(after)},
                           {"added", std::move(added)},
                           {"changes", std::move(changes)}});
  response.headers.Set("Server-Timing", fmt::format("assess;dur={:.1f}, what-if;dur={:.1f}",
                                                    before.elapsed_ms, after.elapsed_ms));
  return response;
}

json Schema(const char* type) { return {{"type", type}}; }

json FeatureCollectionSchema(json properties) {
  return {
      {"type", "object"},
      {"properties",
       {{"type", Schema("string")},
        {"features",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"properties",
             {{"type", Schema("string")},
              {"geometry", {{"type", "object"}, {"nullable", true}}},
              {"properties", {{"type", "object"}, {"properties", std::move(properties)}}}}}}}}}}}};
}

json ReportSchema() {
  return {{"type", "object"},
          {"properties",
           {{"walking_speed_m_per_min", Schema("number")},
            {"buildings", {{"type", "array"}, {"items", Schema("object")}}},
            {"communities", {{"type", "array"}, {"items", Schema("object")}}},
            {"gaps", {{"type", "array"}, {"items", Schema("object")}}},
            {"unreachable", Schema("object")},
            {"buildings_without_community", Schema("integer")},
            {"source",
             {{"type", "object"},
              {"properties", {{"import_id", Schema("integer")}, {"file", Schema("string")}}}}}}}};
}

json StatusSchema() {
  return {{"type", "object"},
          {"properties",
           {{"import",
             {{"type", "object"},
              {"nullable", true},
              {"properties",
               {{"id", Schema("integer")},
                {"source_name", Schema("string")},
                {"imported_at", {{"type", "string"}, {"format", "date-time"}}},
                {"nodes", Schema("integer")},
                {"edges", Schema("integer")}}}}},
            {"facility_types",
             {{"type", "array"},
              {"items",
               {{"type", "object"},
                {"properties",
                 {{"type", Schema("string")},
                  {"name_zh", Schema("string")},
                  {"name_en", Schema("string")},
                  {"count", Schema("integer")}}}}}}},
            {"checklist",
             {{"type", "array"},
              {"items",
               {{"type", "object"},
                {"properties",
                 {{"item", Schema("string")},
                  {"facility_type", {{"type", "string"}, {"nullable", true}}},
                  {"max_distance_m", {{"type", "number"}, {"nullable", true}}},
                  {"required_share", {{"type", "number"}, {"nullable", true}}},
                  {"name_zh", Schema("string")},
                  {"name_en", Schema("string")},
                  {"needs_worker_input", Schema("boolean")}}}}}}},
            {"walking_speed_m_per_min", Schema("number")}}}};
}

json WhatIfRequestSchema() {
  json schema = JsonSchemaOf(kWhatIfFields);
  schema["properties"]["add"]["minItems"] = 1;
  schema["properties"]["add"]["maxItems"] = planning::kMaxProposedFacilities;
  schema["properties"]["add"]["items"] = {{"type", "object"},
                                          {"additionalProperties", false},
                                          {"required", {"facility_type", "lat", "lon"}},
                                          {"properties",
                                           {{"facility_type", Schema("string")},
                                            {"lat", Schema("number")},
                                            {"lon", Schema("number")},
                                            {"name", Schema("string")}}}};
  return schema;
}

json WhatIfResponseSchema() {
  return {{"type", "object"},
          {"properties",
           {{"before",
             {{"type", "object"},
              {"properties", {{"communities", {{"type", "array"}, {"items", Schema("object")}}}}}}},
            {"after", ReportSchema()},
            {"added", {{"type", "array"}, {"items", Schema("object")}}},
            {"changes",
             {{"type", "array"},
              {"items",
               {{"type", "object"},
                {"properties",
                 {{"community_id", Schema("string")},
                  {"community_name", Schema("string")},
                  {"item", Schema("string")},
                  {"facility_type", Schema("string")},
                  {"share_before", {{"type", "number"}, {"nullable", true}}},
                  {"share_after", {{"type", "number"}, {"nullable", true}}},
                  {"residents_covered_before", Schema("integer")},
                  {"residents_covered_after", Schema("integer")},
                  {"pass_before", {{"type", "boolean"}, {"nullable", true}}},
                  {"pass_after", {{"type", "boolean"}, {"nullable", true}}}}}}}}}}}};
}

}  // namespace

void RegisterPlanningRoutes(Router& router, const AppServices& services) {
  // Shared by every route's handler, so by every io thread; lives as long as the router.
  const Service service =
      std::make_shared<planning::PlanningService>(services.database, services.clock);
  router.Add({.method = Method::kGet,
              .path = "/api/v1/planning/status",
              .summary = "The current OpenStreetMap import (null before the first), the "
                         "checklist's facility types with their counts, the checklist and the "
                         "walking speed",
              .permission = auth::Permission::kReadPlanning,
              .tag = "planning",
              .response_schema = StatusSchema(),
              .handler = [service](RequestContext& ctx) { return GetStatus(*service, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/planning/assessment",
              .summary = "The complete-community assessment (?community=ID; else every "
                         "community of the caller's scope) on the current import's walking "
                         "network; 404 before the first import",
              .permission = auth::Permission::kReadPlanning,
              .tag = "planning",
              .response_schema = ReportSchema(),
              .handler = [service](RequestContext& ctx) { return GetAssessment(*service, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/planning/layers/{name}",
              .summary =
                  "A map layer of the assessment as GeoJSON (application/geo+json): {name} is "
                  "buildings.geojson, facilities.geojson, network.geojson or "
                  "communities.geojson (?community=ID cuts network and facilities to the "
                  "community's box plus 1 km)",
              .permission = auth::Permission::kReadPlanning,
              .tag = "planning",
              .response_schema = FeatureCollectionSchema(json::object()),
              .handler = [service](RequestContext& ctx) { return GetLayer(*service, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/planning/isochrone",
              .summary =
                  "Walking isochrones from a point (?lat=&lon=&minutes=5,10,15; up to 3 values "
                  "in (0, 60]) at the checklist's walking speed, largest first, as GeoJSON",
              .permission = auth::Permission::kReadPlanning,
              .tag = "planning",
              .response_schema = FeatureCollectionSchema({{"minutes", Schema("number")},
                                                          {"distance_m", Schema("number")},
                                                          {"area_m2", Schema("number")},
                                                          {"snap_distance_m", Schema("number")},
                                                          {"nodes_reached", Schema("integer")}}),
              .handler = [service](RequestContext& ctx) { return GetIsochrone(*service, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/planning/what-if",
              .summary = "The assessment with up to 20 proposed facilities added, beside the "
                         "assessment as it is, and what changed; nothing is stored",
              .permission = auth::Permission::kReadPlanning,
              .tag = "planning",
              .request_schema = WhatIfRequestSchema(),
              .response_schema = WhatIfResponseSchema(),
              .handler = [service](RequestContext& ctx) { return PostWhatIf(*service, ctx); }});
  router.Add(
      {.method = Method::kPut,
       .path = "/api/v1/planning/communities/{id}/worker-items/{item}",
       .summary = "A worker's answer (yes or no, with a note) to a checklist item no map "
                  "can answer (property management, governance) for a community; the "
                  "assessment shows it and counts it as the item's pass; audited",
       .permission = auth::Permission::kWritePlanning,
       .tag = "planning",
       .request_schema = JsonSchemaOf(kWorkerAnswerFields),
       .response_schema = {{"type", "object"},
                           {"properties",
                            {{"community_id", Schema("integer")},
                             {"item", Schema("string")},
                             {"answer", Schema("string")},
                             {"note", Schema("string")},
                             {"answered_by", Schema("string")},
                             {"answered_at", Schema("string")}}}},
       .handler = [service](RequestContext& ctx) { return PutWorkerAnswer(*service, ctx); }});
}

}  // namespace shequ::api
