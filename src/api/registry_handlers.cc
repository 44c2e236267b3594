// HTTP for registry/: communities, buildings, households, residents (masked, with audited
// reveals) and the population structure. JSON ↔ RegistryService only; the rules live there.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/app_services.h"
#include "api/json_body.h"
#include "api/json_mapping.h"
#include "base/utf8.h"
#include "registry/csv_reader.h"
#include "registry/place_repository.h"
#include "registry/resident_import.h"

namespace shequ::api {
namespace {

auth::RequestOrigin OriginOf(const Request& request) {
  return {request.remote_address, request.request_id};
}

constexpr JsonField kNewBuildingFields[] = {
    {"community_id", JsonType::kInteger},
    {"grid_id", JsonType::kInteger, kOptional, true},
    {"number", JsonType::kString},
    {"address", JsonType::kString},
    {"floors", JsonType::kInteger, kOptional, true},
    {"has_elevator", JsonType::kBoolean, kOptional},
    {"year_built", JsonType::kInteger, kOptional, true},
    {"units", JsonType::kInteger, kOptional},
};

constexpr JsonField kNewHouseholdFields[] = {
    {"building_id", JsonType::kInteger},
    {"unit", JsonType::kString, kOptional},
    {"floor", JsonType::kInteger},
    {"room", JsonType::kString},
    {"floor_area_m2", JsonType::kNumber, kOptional, true},
};

constexpr JsonField kNewResidentFields[] = {
    {"household_id", JsonType::kInteger},
    {"name", JsonType::kString},
    {"sex", JsonType::kString, kOptional, true},
    {"birth_date", JsonType::kString, kOptional, true},
    {"id_number", JsonType::kString, kOptional, true},
    {"phone", JsonType::kString, kOptional, true},
    {"residence_status", JsonType::kString, kOptional},
    {"relation_to_head", JsonType::kString, kOptional},
    {"moved_in_on", JsonType::kString, kOptional, true},
    {"tags", JsonType::kArray, kOptional},
};

constexpr JsonField kRevealFields[] = {{"field", JsonType::kString}};
constexpr JsonField kMoveOutFields[] = {{"moved_out_on", JsonType::kString, kOptional, true}};

// An optional value of `body[name]`: absent and null are both "not given".
template <typename T>
std::optional<T> Optional(const nlohmann::json& body, const char* name) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::nullopt;
  return it->get<T>();
}

Result<std::optional<CivilDate>> OptionalDate(const nlohmann::json& body, const char* name) {
  auto text = Optional<std::string>(body, name);
  if (!text) return std::nullopt;
  auto date = ParseDate(*text);
  if (!date) return InvalidArgument(fmt::format("{} must be a date YYYY-MM-DD", name), name);
  return *date;
}

nlohmann::json OrNull(const std::optional<int>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json BuildingJson(const registry::Building& b) {
  return {{"id", b.id.value()},
          {"community_id", b.community_id.value()},
          {"grid_id", b.grid_id.valid() ? nlohmann::json(b.grid_id.value()) : nullptr},
          {"number", b.number},
          {"address", b.address},
          {"floors", OrNull(b.floors)},
          {"has_elevator", b.has_elevator},
          {"year_built", OrNull(b.year_built)},
          {"units", b.units}};
}

nlohmann::json HouseholdJson(const registry::Household& h) {
  return {{"id", h.id.value()},
          {"community_id", h.community_id.value()},
          {"building_id", h.building_id.value()},
          {"unit", h.unit},
          {"floor", h.floor},
          {"room", h.room},
          {"floor_area_m2", h.floor_area_dm2
                                ? nlohmann::json(static_cast<double>(*h.floor_area_dm2) / 100.0)
                                : nlohmann::json(nullptr)}};
}

// Lists leave the tags out (they are not loaded for a page of residents); one resident has them.
nlohmann::json ResidentJson(const registry::ResidentRecord& r, bool with_tags = true) {
  nlohmann::json tags = nlohmann::json::array();
  for (const auto& tag : r.tags) {
    tags.push_back({{"tag", tag.tag}, {"disability_level", OrNull(tag.disability_level)}});
  }
  nlohmann::json json = {
      {"id", r.id.value()},
      {"community_id", r.community_id.value()},
      {"name", r.name},
      {"sex", registry::SexName(r.sex)},
      {"birth_date", FormatDate(r.birth_date)},
      {"id_number", r.id_number_masked ? nlohmann::json(*r.id_number_masked) : nullptr},
      {"phone", r.phone_masked ? nlohmann::json(*r.phone_masked) : nullptr},
      {"residence_status", registry::ResidenceStatusName(r.residence_status)},
      {"household_id", r.household_id.valid() ? nlohmann::json(r.household_id.value()) : nullptr},
      {"building_id", r.building_id.valid() ? nlohmann::json(r.building_id.value()) : nullptr},
      {"grid_id", r.grid_id.valid() ? nlohmann::json(r.grid_id.value()) : nullptr},
      {"relation_to_head",
       r.relation_to_head.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.relation_to_head)},
      {"moved_in_on", r.moved_in_on ? nlohmann::json(FormatDate(*r.moved_in_on)) : nullptr},
  };
  if (with_tags) json["tags"] = std::move(tags);
  return json;
}

nlohmann::json PopulationJson(const registry::PopulationStructure& p) {
  nlohmann::json bands = nlohmann::json::array();
  for (const auto& band : p.by_age_band) {
    bands.push_back({{"band", band.band}, {"male", band.male}, {"female", band.female}});
  }
  nlohmann::json by_level = nlohmann::json::object();
  for (const auto& [level, count] : p.disabled_elderly_by_level) {
    by_level[std::to_string(level)] = count;
  }
  return {{"as_of", FormatDate(p.as_of)},
          {"total", p.total},
          {"by_age_band", std::move(bands)},
          {"age_60_plus", p.age_60_plus},
          {"age_65_plus", p.age_65_plus},
          {"age_80_plus", p.age_80_plus},
          {"children_0_3", p.children_0_3},
          {"children_3_6", p.children_3_6},
          {"elderly_living_alone", p.elderly_living_alone},
          {"disabled_elderly", p.disabled_elderly},
          {"disabled_elderly_by_level", std::move(by_level)},
          {"low_income_households", p.low_income_households}};
}

nlohmann::json PopulationSchema() {
  const nlohmann::json count = {{"type", "integer"}};
  return {{"type", "object"},
          {"properties",
           {{"as_of", {{"type", "string"}, {"format", "date"}}},
            {"total", count},
            {"by_age_band",
             {{"type", "array"},
              {"items",
               {{"type", "object"},
                {"properties",
                 {{"band", {{"type", "string"}}}, {"male", count}, {"female", count}}}}}}},
            {"age_60_plus", count},
            {"age_65_plus", count},
            {"age_80_plus", count},
            {"children_0_3", count},
            {"children_3_6", count},
            {"elderly_living_alone", count},
            {"disabled_elderly", count},
            {"disabled_elderly_by_level", {{"type", "object"}}},
            {"low_income_households", count}}}};
}

nlohmann::json ObjectSchema() { return {{"type", "object"}}; }

Response ListCommunities(const AppServices& services, RequestContext& ctx) {
  const auth::Principal& caller = ctx.principal();
  auto connection = services.database.Acquire();
  if (!connection) return Response::Error(connection.error());
  auto communities =
      registry::ListCommunities(**connection, caller.scope, caller.role == auth::Role::kAdmin);
  if (!communities) return Response::Error(communities.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& community : *communities) {
    list.push_back({{"id", community.id.value()},
                    {"street_id", community.street_id.value()},
                    {"name", community.name}});
  }
  return Response::Json(200, {{"communities", std::move(list)}});
}

Response Population(const AppServices& services, RequestContext& ctx, registry::PopulationOf of) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto structure = services.registry.Population(ctx.principal(), of, *id);
  if (!structure) return Response::Error(structure.error());
  return Response::Json(200, PopulationJson(*structure));
}

Response ListBuildings(const AppServices& services, RequestContext& ctx) {
  CommunityId community;
  if (const auto text = ctx.request().QueryParam("community")) {
    auto parsed = ParseQueryInt(*text, "community");
    if (!parsed) return Response::Error(parsed.error());
    community = CommunityId(*parsed);
  }
  auto buildings = services.registry.ListBuildings(ctx.principal(), community);
  if (!buildings) return Response::Error(buildings.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& building : *buildings) list.push_back(BuildingJson(building));
  return Response::Json(200, {{"buildings", std::move(list)}});
}

Response ListGrids(const AppServices& services, RequestContext& ctx) {
  CommunityId community;
  if (const auto text = ctx.request().QueryParam("community")) {
    auto parsed = ParseQueryInt(*text, "community");
    if (!parsed) return Response::Error(parsed.error());
    community = CommunityId(*parsed);
  }
  auto grids = services.registry.ListGrids(ctx.principal(), community);
  if (!grids) return Response::Error(grids.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& grid : *grids) {
    list.push_back({{"id", grid.id.value()},
                    {"community_id", grid.community_id.value()},
                    {"name", grid.name}});
  }
  return Response::Json(200, {{"grids", std::move(list)}});
}

Response ListHouseholds(const AppServices& services, RequestContext& ctx) {
  const auto text = ctx.request().QueryParam("building");
  if (!text) {
    return Response::Error(
        Error{ErrorCode::kInvalidArgument, "name a building (?building=)", "building"});
  }
  auto building = ParseQueryInt(*text, "building");
  if (!building) return Response::Error(building.error());
  auto households =
      services.registry.ListHouseholds(ctx.principal(), registry::BuildingId(*building));
  if (!households) return Response::Error(households.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& entry : *households) {
    nlohmann::json json = HouseholdJson(entry.household);
    json["residents"] = entry.residents;
    list.push_back(std::move(json));
  }
  return Response::Json(200, {{"households", std::move(list)}});
}

nlohmann::json ListSchema(const char* name, nlohmann::json item_properties) {
  return {{"type", "object"},
          {"properties",
           {{name,
             {{"type", "array"},
              {"items", {{"type", "object"}, {"properties", std::move(item_properties)}}}}}}}};
}

Response CreateBuilding(const AppServices& services, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.request(), kNewBuildingFields);
  if (!body) return Response::Error(body.error());
  registry::Building building{
      .community_id = CommunityId((*body)["community_id"].get<std::int64_t>()),
      .grid_id = GridId(Optional<std::int64_t>(*body, "grid_id").value_or(0)),
      .number = (*body)["number"].get<std::string>(),
      .address = (*body)["address"].get<std::string>(),
      .floors = Optional<int>(*body, "floors"),
      .has_elevator = Optional<bool>(*body, "has_elevator").value_or(false),
      .year_built = Optional<int>(*body, "year_built"),
      .units = Optional<int>(*body, "units").value_or(1),
  };
  auto created =
      services.registry.CreateBuilding(ctx.principal(), building, OriginOf(ctx.request()));
  if (!created) return Response::Error(created.error());
  return Response::Json(201, BuildingJson(*created));
}

Response CreateHousehold(const AppServices& services, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.request(), kNewHouseholdFields);
  if (!body) return Response::Error(body.error());
  registry::Household household{
      .building_id = registry::BuildingId((*body)["building_id"].get<std::int64_t>()),
      .unit = Optional<std::string>(*body, "unit").value_or(""),
      .floor = static_cast<int>(
          std::clamp<std::int64_t>((*body)["floor"].get<std::int64_t>(), -1000, 1000)),
      .room = (*body)["room"].get<std::string>(),
  };
  if (auto area = Optional<double>(*body, "floor_area_m2")) {
    if (!(*area > 0 && *area < 100000)) {
      return Response::Error(
          Error{ErrorCode::kInvalidArgument, "floor_area_m2 must be positive", "floor_area_m2"});
    }
    household.floor_area_dm2 = static_cast<std::int64_t>(*area * 100 + 0.5);
  }
  auto created =
      services.registry.CreateHousehold(ctx.principal(), household, OriginOf(ctx.request()));
  if (!created) return Response::Error(created.error());
  return Response::Json(201, HouseholdJson(*created));
}

Result<registry::NewResident> NewResidentOf(const nlohmann::json& body) {
  registry::NewResident resident{
      .household_id = registry::HouseholdId(body["household_id"].get<std::int64_t>()),
      .name = body["name"].get<std::string>(),
      .id_number = Optional<std::string>(body, "id_number"),
      .phone = Optional<std::string>(body, "phone"),
      .relation_to_head = Optional<std::string>(body, "relation_to_head").value_or("head"),
  };
  if (auto sex = Optional<std::string>(body, "sex")) {
    resident.sex = registry::ParseSex(*sex);
    if (!resident.sex) return InvalidArgument("sex must be male or female", "sex");
  }
  auto birth = OptionalDate(body, "birth_date");
  SHEQU_RETURN_IF_ERROR(birth);
  resident.birth_date = *birth;
  auto moved_in = OptionalDate(body, "moved_in_on");
  SHEQU_RETURN_IF_ERROR(moved_in);
  resident.moved_in_on = *moved_in;
  if (auto status = Optional<std::string>(body, "residence_status")) {
    auto parsed = registry::ParseResidenceStatus(*status);
    if (!parsed) {
      return InvalidArgument("residence_status must be registered, living_here or both",
                             "residence_status");
    }
    resident.residence_status = *parsed;
  }
  if (const auto tags = body.find("tags"); tags != body.end()) {
    for (const auto& tag : *tags) {
      // A tag is "low_income", or {"tag": "disabled", "disability_level": 2}.
      if (tag.is_string()) {
        resident.tags.push_back({tag.get<std::string>(), std::nullopt});
      } else if (tag.is_object() && tag.contains("tag") && tag["tag"].is_string()) {
        registry::ResidentTagValue value{tag["tag"].get<std::string>(), std::nullopt};
        if (const auto level = tag.find("disability_level");
            level != tag.end() && !level->is_null()) {
          if (!level->is_number_integer()) {
            return InvalidArgument("disability_level must be an integer", "tags");
          }
          value.disability_level =
              static_cast<int>(std::clamp<std::int64_t>(level->get<std::int64_t>(), -1, 100));
        }
        resident.tags.push_back(std::move(value));
      } else {
        return InvalidArgument("each tag is a name or {\"tag\", \"disability_level\"}", "tags");
      }
    }
  }
  return resident;
}

Response CreateResident(const AppServices& services, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.request(), kNewResidentFields);
  if (!body) return Response::Error(body.error());
  auto resident = NewResidentOf(*body);
  if (!resident) return Response::Error(resident.error());
  auto created = services.registry.AddResident(ctx.principal(), *resident, OriginOf(ctx.request()));
  if (!created) return Response::Error(created.error());
  return Response::Json(201, ResidentJson(*created));
}

Response ListResidents(const AppServices& services, RequestContext& ctx) {
  registry::ResidentQuery query;
  if (const auto text = ctx.request().QueryParam("community")) {
    auto parsed = ParseQueryInt(*text, "community");
    if (!parsed) return Response::Error(parsed.error());
    query.community = CommunityId(*parsed);
  }
  if (const auto text = ctx.request().QueryParam("page")) {
    auto parsed = ParseQueryInt(*text, "page");
    if (!parsed) return Response::Error(parsed.error());
    query.page = static_cast<int>(std::clamp<std::int64_t>(*parsed, 0, 1'000'000));
  }
  if (const auto text = ctx.request().QueryParam("q")) query.q = std::string(*text);
  auto list = services.registry.SearchResidents(ctx.principal(), query);
  if (!list) return Response::Error(list.error());
  nlohmann::json residents = nlohmann::json::array();
  for (const auto& resident : list->residents)
    residents.push_back(ResidentJson(resident, /*with_tags=*/false));
  return Response::Json(200, {{"residents", std::move(residents)},
                              {"total", list->total},
                              {"page", list->page},
                              {"page_size", list->page_size}});
}

Response GetResident(const AppServices& services, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto resident = services.registry.GetResident(ctx.principal(), registry::ResidentId(*id));
  if (!resident) return Response::Error(resident.error());
  return Response::Json(200, ResidentJson(*resident));
}

Response RevealResident(const AppServices& services, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto body = ParseJsonObject(ctx.request(), kRevealFields);
  if (!body) return Response::Error(body.error());
  const auto name = (*body)["field"].get<std::string>();
  registry::PersonalField field;
  if (name == "id_number") {
    field = registry::PersonalField::kIdNumber;
  } else if (name == "phone") {
    field = registry::PersonalField::kPhone;
  } else {
    return Response::Error(
        Error{ErrorCode::kInvalidArgument, "field must be id_number or phone", "field"});
  }
  auto value = services.registry.Reveal(ctx.principal(), registry::ResidentId(*id), field,
                                        OriginOf(ctx.request()));
  if (!value) return Response::Error(value.error());
  Response response = Response::Json(200, {{"field", name}, {"value", *value}});
  response.headers.Set("Cache-Control", "no-store");
  return response;
}

Response MoveOut(const AppServices& services, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto body = ParseJsonObject(ctx.request(), kMoveOutFields);
  if (!body) return Response::Error(body.error());
  auto date = OptionalDate(*body, "moved_out_on");
  if (!date) return Response::Error(date.error());
  auto resident = services.registry.MoveOut(ctx.principal(), registry::ResidentId(*id), *date,
                                            OriginOf(ctx.request()));
  if (!resident) return Response::Error(resident.error());
  return Response::Json(200, ResidentJson(*resident));
}

Response ImportTemplate() {
  Response response =
      Response::Text(200, registry::ResidentImportTemplate(), "text/csv; charset=utf-8");
  response.headers.Set("Content-Disposition", "attachment; filename=\"residents.csv\"");
  return response;
}

// text/csv, with any parameters (charset is not read: the file's bytes or ?encoding= decide).
bool IsCsv(const Request& request) {
  const std::string_view type = request.Header("Content-Type").value_or("");
  const std::string_view media = type.substr(0, type.find(';'));
  return EqualsIgnoreCase(utf8::Trim(media), "text/csv");
}

Response ImportResidents(const AppServices& services, RequestContext& ctx) {
  const Request& request = ctx.request();
  if (!IsCsv(request))
    return Response::Error(UnsupportedMediaType("Content-Type must be text/csv"));
  std::optional<registry::CsvEncoding> encoding;
  if (const auto name = request.QueryParam("encoding")) {
    encoding = registry::ParseCsvEncoding(*name);
    if (!encoding) {
      return Response::Error(
          Error{ErrorCode::kInvalidArgument, "encoding must be utf-8 or gb18030", "encoding"});
    }
  }
  auto outcome = registry::ImportResidentsCsv(services.registry, ctx.principal(), request.body,
                                              encoding, OriginOf(request));
  if (!outcome) return Response::Error(outcome.error());
  if (outcome->error_count == 0) return Response::Json(200, {{"imported", outcome->imported}});
  // The error body every failure has, with the row-by-row report added; 422 rather than 400 so a
  // client tells "fix these rows" from a malformed request.
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& error : outcome->errors) {
    rows.push_back({{"row", error.row},
                    {"column", error.column},
                    {"value", error.value},
                    {"reason", error.reason}});
  }
  const std::string message =
      outcome->error_count == 1
          ? "1 row has errors; nothing was imported"
          : fmt::format("{} rows have errors; nothing was imported", outcome->error_count);
  return Response::Json(422, {{"error",
                               {{"code", ErrorCodeName(ErrorCode::kInvalidArgument)},
                                {"message", message},
                                {"error_count", outcome->error_count},
                                {"rows", std::move(rows)}}}});
}

Response ExportResidents(const AppServices& services, RequestContext& ctx) {
  CommunityId community;
  if (const auto text = ctx.request().QueryParam("community")) {
    auto parsed = ParseQueryInt(*text, "community");
    if (!parsed) return Response::Error(parsed.error());
    community = CommunityId(*parsed);
  }
  auto residents =
      services.registry.ExportResidents(ctx.principal(), community, OriginOf(ctx.request()));
  if (!residents) return Response::Error(residents.error());
  // A byte order mark first, so that Excel reads the Chinese names as UTF-8.
  std::string file = "\xEF\xBB\xBF";
  file += registry::FormatCsvRecord({"id", "household_id", "building_id", "name", "sex",
                                     "birth_date", "id_number", "phone", "residence_status",
                                     "relation_to_head", "moved_in_on"});
  for (const auto& r : *residents) {
    const std::string id = std::to_string(r.id.value());
    const std::string household =
        r.household_id.valid() ? std::to_string(r.household_id.value()) : "";
    const std::string building = r.building_id.valid() ? std::to_string(r.building_id.value()) : "";
    const std::string birth = FormatDate(r.birth_date);
    const std::string moved_in = r.moved_in_on ? FormatDate(*r.moved_in_on) : "";
    file += registry::FormatCsvRecord(
        {id, household, building, r.name, registry::SexName(r.sex), birth,
         r.id_number_masked.value_or(""), r.phone_masked.value_or(""),
         registry::ResidenceStatusName(r.residence_status), r.relation_to_head, moved_in});
  }
  Response response = Response::Text(200, std::move(file), "text/csv; charset=utf-8");
  response.headers.Set("Content-Disposition", "attachment; filename=\"residents.csv\"");
  response.headers.Set("Cache-Control", "no-store");
  return response;
}

}  // namespace

void RegisterRegistryRoutes(Router& router, const AppServices& services) {
  const AppServices* s = &services;
  router.Add({.method = Method::kGet,
              .path = "/api/v1/communities",
              .summary = "The communities in the caller's scope",
              .permission = auth::Permission::kReadDashboard,
              .tag = "registry",
              .handler = [s](RequestContext& ctx) { return ListCommunities(*s, ctx); }});
  const std::pair<const char*, registry::PopulationOf> populations[] = {
      {"/api/v1/communities/{id}/population", registry::PopulationOf::kCommunity},
      {"/api/v1/grids/{id}/population", registry::PopulationOf::kGrid},
      {"/api/v1/buildings/{id}/population", registry::PopulationOf::kBuilding},
  };
  for (const auto& [path, place_kind] : populations) {
    const registry::PopulationOf of = place_kind;  // a plain variable for the lambda to copy
    router.Add({.method = Method::kGet,
                .path = path,
                .summary = "Population structure today: 5-year age bands by sex and the counts "
                           "services need (no personal data)",
                .permission = auth::Permission::kReadDashboard,
                .tag = "registry",
                .response_schema = PopulationSchema(),
                .handler = [s, of](RequestContext& ctx) { return Population(*s, ctx, of); }});
  }
  router.Add({.method = Method::kGet,
              .path = "/api/v1/buildings",
              .summary = "Buildings of a community (?community=; a grid worker's grid only)",
              .permission = auth::Permission::kReadRegistry,
              .tag = "registry",
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return ListBuildings(*s, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/buildings",
              .summary = "Add a building to a community",
              .permission = auth::Permission::kWriteRegistry,
              .tag = "registry",
              .request_schema = JsonSchemaOf(kNewBuildingFields),
              .response_schema = ObjectSchema(),
              .success_status = 201,
              .response_description = "created",
              .handler = [s](RequestContext& ctx) { return CreateBuilding(*s, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/grids",
              .summary = "Grids in the caller's scope (?community=; a grid worker's own grid)",
              .permission = auth::Permission::kReadDashboard,
              .tag = "registry",
              .response_schema = ListSchema("grids", {{"id", {{"type", "integer"}}},
                                                      {"community_id", {{"type", "integer"}}},
                                                      {"name", {{"type", "string"}}}}),
              .handler = [s](RequestContext& ctx) { return ListGrids(*s, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/households",
              .summary = "Open households of a building (?building=) with the number of "
                         "residents living there now",
              .permission = auth::Permission::kReadRegistry,
              .tag = "registry",
              .response_schema = ListSchema(
                  "households", {{"id", {{"type", "integer"}}},
                                 {"community_id", {{"type", "integer"}}},
                                 {"building_id", {{"type", "integer"}}},
                                 {"unit", {{"type", "string"}}},
                                 {"floor", {{"type", "integer"}}},
                                 {"room", {{"type", "string"}}},
                                 {"floor_area_m2", {{"type", "number"}, {"nullable", true}}},
                                 {"residents", {{"type", "integer"}}}}),
              .handler = [s](RequestContext& ctx) { return ListHouseholds(*s, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/households",
              .summary = "Add a household (unit, floor, room) to a building",
              .permission = auth::Permission::kWriteRegistry,
              .tag = "registry",
              .request_schema = JsonSchemaOf(kNewHouseholdFields),
              .response_schema = ObjectSchema(),
              .success_status = 201,
              .response_description = "created",
              .handler = [s](RequestContext& ctx) { return CreateHousehold(*s, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/residents",
              .summary = "Search residents by name, exact ID or phone number (?community=&q=&page=)"
                         "; ID and phone masked",
              .permission = auth::Permission::kReadRegistry,
              .tag = "registry",
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return ListResidents(*s, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/residents",
              .summary = "Register a resident in a household (ID number checked and encrypted)",
              .permission = auth::Permission::kWriteRegistry,
              .tag = "registry",
              .request_schema = JsonSchemaOf(kNewResidentFields),
              .response_schema = ObjectSchema(),
              .success_status = 201,
              .response_description = "created",
              .handler = [s](RequestContext& ctx) { return CreateResident(*s, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/residents/{id}",
              .summary = "One resident, ID and phone masked",
              .permission = auth::Permission::kReadRegistry,
              .tag = "registry",
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return GetResident(*s, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/residents/{id}/reveal",
              .summary = "The full ID or phone number ({\"field\"}); every read is audited",
              .permission = auth::Permission::kReadPersonalData,
              .tag = "registry",
              .request_schema = JsonSchemaOf(kRevealFields),
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return RevealResident(*s, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/residents/{id}/move-out",
              .summary = "Close the resident's residency (history is kept)",
              .permission = auth::Permission::kWriteRegistry,
              .tag = "registry",
              .request_schema = JsonSchemaOf(kMoveOutFields),
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return MoveOut(*s, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/residents/export.csv",
              .summary =
                  "Residents of a community (?community=; the caller's scope when absent) as "
                  "CSV, UTF-8 with a byte order mark; ID and phone masked; audited",
              .permission = auth::Permission::kReadRegistry,
              .tag = "registry",
              .handler = [s](RequestContext& ctx) { return ExportResidents(*s, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/imports/residents/template",
              .summary = "The resident import file's header as CSV (UTF-8 with a byte order mark, "
                         "so Excel opens it)",
              .permission = auth::Permission::kWriteRegistry,
              .tag = "registry",
              .handler = [](RequestContext&) { return ImportTemplate(); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/imports/residents",
              .summary = "Import residents from a text/csv body (UTF-8 or GB18030, detected; "
                         "?encoding=utf-8|gb18030 overrides). Every row is checked first; all are "
                         "imported in one transaction, or none: 422 with error.rows "
                         "[{row, column, value, reason}] (ID and phone values masked)",
              .permission = auth::Permission::kWriteRegistry,
              .tag = "registry",
              .response_schema = {{"type", "object"},
                                  {"properties", {{"imported", {{"type", "integer"}}}}}},
              .handler = [s](RequestContext& ctx) { return ImportResidents(*s, ctx); }});
}

}  // namespace shequ::api
