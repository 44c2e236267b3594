// HTTP for registry/: communities, buildings, households, residents (masked, with audited
// reveals) and the population structure. JSON ↔ RegistryService only; the rules live there.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/app_services.h"
#include "api/json_body.h"
#include "api/json_mapping.h"
#include "base/utf8.h"
#include "registry/building_footprint.h"
#include "registry/place_repository.h"

namespace shequ::api {
namespace {

constexpr JsonField kNewBuildingFields[] = {
    {"community_id", JsonType::kInteger},
    {"grid_id", JsonType::kInteger, kOptional, true},
    {"number", JsonType::kString},
    {"address", JsonType::kString},
    {"floors", JsonType::kInteger, kOptional, true},
    {"has_elevator", JsonType::kBoolean, kOptional},
    {"year_built", JsonType::kInteger, kOptional, true},
    {"units", JsonType::kInteger, kOptional},
    {"latitude", JsonType::kNumber, kOptional, true},
    {"longitude", JsonType::kNumber, kOptional, true},
    {"footprint", JsonType::kObject, kOptional, true},
    {"osm_id", JsonType::kInteger, kOptional, true},
};

// PATCH bodies: every field optional; a nullable one is cleared by null.
constexpr JsonField kBuildingChangeFields[] = {
    {"number", JsonType::kString, kOptional},
    {"address", JsonType::kString, kOptional},
    {"grid_id", JsonType::kInteger, kOptional, true},
    {"floors", JsonType::kInteger, kOptional, true},
    {"has_elevator", JsonType::kBoolean, kOptional},
    {"year_built", JsonType::kInteger, kOptional, true},
    {"units", JsonType::kInteger, kOptional},
    {"latitude", JsonType::kNumber, kOptional, true},
    {"longitude", JsonType::kNumber, kOptional, true},
    {"footprint", JsonType::kObject, kOptional, true},
};

constexpr JsonField kHouseholdChangeFields[] = {
    {"unit", JsonType::kString, kOptional},
    {"floor", JsonType::kInteger, kOptional},
    {"room", JsonType::kString, kOptional},
    {"floor_area_m2", JsonType::kNumber, kOptional, true},
};

constexpr JsonField kResidentChangeFields[] = {
    {"name", JsonType::kString, kOptional},
    {"sex", JsonType::kString, kOptional},
    {"birth_date", JsonType::kString, kOptional},
    {"phone", JsonType::kString, kOptional, true},
    {"id_number", JsonType::kString, kOptional, true},
    {"residence_status", JsonType::kString, kOptional},
    {"relation_to_head", JsonType::kString, kOptional},
    {"tags", JsonType::kArray, kOptional},
};

constexpr JsonField kNewAccountFields[] = {
    {"login", JsonType::kString},
    {"display_name", JsonType::kString, kOptional},
    {"password", JsonType::kString},
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

template <typename T>
nlohmann::json OrNull(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

// A stored footprint (compact GeoJSON, checked on the way in) as a JSON value.
nlohmann::json FootprintJson(const std::optional<std::string>& footprint) {
  if (!footprint) return nullptr;
  auto json = nlohmann::json::parse(*footprint, nullptr, /*allow_exceptions=*/false);
  return json.is_discarded() ? nlohmann::json(nullptr) : json;
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
          {"units", b.units},
          {"latitude", OrNull(b.latitude)},
          {"longitude", OrNull(b.longitude)},
          {"footprint", FootprintJson(b.footprint)},
          {"osm_id", OrNull(b.osm_id)}};
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
      .latitude = Optional<double>(*body, "latitude"),
      .longitude = Optional<double>(*body, "longitude"),
      .osm_id = Optional<std::int64_t>(*body, "osm_id"),
  };
  if (const auto footprint = body->find("footprint");
      footprint != body->end() && !footprint->is_null()) {
    building.footprint = footprint->dump();
  }
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

// A tag is "low_income", or {"tag": "disabled", "disability_level": 2}.
Result<std::vector<registry::ResidentTagValue>> TagsOf(const nlohmann::json& tags) {
  std::vector<registry::ResidentTagValue> values;
  for (const auto& tag : tags) {
    if (tag.is_string()) {
      values.push_back({tag.get<std::string>(), std::nullopt});
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
      values.push_back(std::move(value));
    } else {
      return InvalidArgument("each tag is a name or {\"tag\", \"disability_level\"}", "tags");
    }
  }
  return values;
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
    auto parsed = TagsOf(*tags);
    SHEQU_RETURN_IF_ERROR(parsed);
    resident.tags = std::move(*parsed);
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

// ---- Editing, the map and residents' accounts --------------------------------------------

// A whole number of a body as an int, clamped so that an absurd value fails the range check
// rather than wrapping.
int SmallInt(const nlohmann::json& value) {
  return static_cast<int>(
      std::clamp<std::int64_t>(value.get<std::int64_t>(), -1'000'000, 1'000'000));
}

// A PATCH field that may be cleared: absent → unchanged, null → clear, a value → set.
template <typename Convert>
auto ClearableOf(const nlohmann::json& body, const char* name, Convert convert)
    -> registry::Clearable<decltype(convert(std::declval<const nlohmann::json&>()))> {
  using Value = decltype(convert(std::declval<const nlohmann::json&>()));
  // Built in place: GCC 12 at -O2 warns (falsely) that a nested optional returned by value may
  // be used uninitialised.
  registry::Clearable<Value> result;
  const auto it = body.find(name);
  if (it == body.end()) return result;
  if (it->is_null()) {
    result.emplace();
  } else {
    result.emplace(std::in_place, convert(*it));
  }
  return result;
}

std::optional<int> GivenInt(const nlohmann::json& body, const char* name) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::nullopt;
  return SmallInt(*it);
}

Result<std::optional<std::int64_t>> FloorAreaOf(const nlohmann::json& value) {
  if (value.is_null()) return std::nullopt;
  const double area = value.get<double>();
  if (!(area > 0 && area < 100000)) {
    return InvalidArgument("floor_area_m2 must be positive", "floor_area_m2");
  }
  return static_cast<std::int64_t>(area * 100 + 0.5);
}

Response PatchBuilding(const AppServices& services, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto body = ParseJsonObject(ctx.request(), kBuildingChangeFields);
  if (!body) return Response::Error(body.error());
  const auto as_int = [](const nlohmann::json& v) { return SmallInt(v); };
  const auto as_double = [](const nlohmann::json& v) { return v.get<double>(); };
  registry::BuildingChanges changes{
      .number = Optional<std::string>(*body, "number"),
      .address = Optional<std::string>(*body, "address"),
      .grid_id = ClearableOf(*body, "grid_id",
                             [](const nlohmann::json& v) { return GridId(v.get<std::int64_t>()); }),
      .floors = ClearableOf(*body, "floors", as_int),
      .has_elevator = Optional<bool>(*body, "has_elevator"),
      .year_built = ClearableOf(*body, "year_built", as_int),
      .units = GivenInt(*body, "units"),
      .latitude = ClearableOf(*body, "latitude", as_double),
      .longitude = ClearableOf(*body, "longitude", as_double),
      .footprint =
          ClearableOf(*body, "footprint", [](const nlohmann::json& v) { return v.dump(); }),
  };
  auto updated = services.registry.UpdateBuilding(ctx.principal(), registry::BuildingId(*id),
                                                  changes, OriginOf(ctx.request()));
  if (!updated) return Response::Error(updated.error());
  return Response::Json(200, BuildingJson(*updated));
}

Response PatchHousehold(const AppServices& services, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto body = ParseJsonObject(ctx.request(), kHouseholdChangeFields);
  if (!body) return Response::Error(body.error());
  registry::HouseholdChanges changes{
      .unit = Optional<std::string>(*body, "unit"),
      .floor = GivenInt(*body, "floor"),
      .room = Optional<std::string>(*body, "room"),
  };
  if (const auto area = body->find("floor_area_m2"); area != body->end()) {
    auto parsed = FloorAreaOf(*area);
    if (!parsed) return Response::Error(parsed.error());
    changes.floor_area_dm2 = *parsed;
  }
  auto updated = services.registry.UpdateHousehold(ctx.principal(), registry::HouseholdId(*id),
                                                   changes, OriginOf(ctx.request()));
  if (!updated) return Response::Error(updated.error());
  return Response::Json(200, HouseholdJson(*updated));
}

Result<registry::ResidentChanges> ResidentChangesOf(const nlohmann::json& body) {
  const auto as_text = [](const nlohmann::json& v) { return v.get<std::string>(); };
  registry::ResidentChanges changes{
      .name = Optional<std::string>(body, "name"),
      .phone = ClearableOf(body, "phone", as_text),
      .id_number = ClearableOf(body, "id_number", as_text),
      .relation_to_head = Optional<std::string>(body, "relation_to_head"),
  };
  if (auto sex = Optional<std::string>(body, "sex")) {
    changes.sex = registry::ParseSex(*sex);
    if (!changes.sex) return InvalidArgument("sex must be male or female", "sex");
  }
  auto birth = OptionalDate(body, "birth_date");
  SHEQU_RETURN_IF_ERROR(birth);
  changes.birth_date = *birth;
  if (auto status = Optional<std::string>(body, "residence_status")) {
    changes.residence_status = registry::ParseResidenceStatus(*status);
    if (!changes.residence_status) {
      return InvalidArgument("residence_status must be registered, living_here or both",
                             "residence_status");
    }
  }
  if (const auto tags = body.find("tags"); tags != body.end()) {
    auto parsed = TagsOf(*tags);
    SHEQU_RETURN_IF_ERROR(parsed);
    changes.tags = std::move(*parsed);
  }
  return changes;
}

Response PatchResident(const AppServices& services, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto body = ParseJsonObject(ctx.request(), kResidentChangeFields);
  if (!body) return Response::Error(body.error());
  auto changes = ResidentChangesOf(*body);
  if (!changes) return Response::Error(changes.error());
  auto updated = services.registry.UpdateResident(ctx.principal(), registry::ResidentId(*id),
                                                  *changes, OriginOf(ctx.request()));
  if (!updated) return Response::Error(updated.error());
  return Response::Json(200, ResidentJson(*updated));
}

// {"type": "FeatureCollection", "features": [...]}: each located building's footprint, or its
// point, with the counts a map labels it with.
Response BuildingsGeoJson(const AppServices& services, RequestContext& ctx) {
  CommunityId community;
  if (const auto text = ctx.request().QueryParam("community")) {
    auto parsed = ParseQueryInt(*text, "community");
    if (!parsed) return Response::Error(parsed.error());
    community = CommunityId(*parsed);
  }
  auto buildings =
      services.registry.ListBuildingOccupancy(ctx.principal(), community, /*located_only=*/true);
  if (!buildings) return Response::Error(buildings.error());
  nlohmann::json features = nlohmann::json::array();
  for (const auto& entry : *buildings) {
    const registry::Building& b = entry.building;
    nlohmann::json geometry = FootprintJson(b.footprint);
    if (geometry.is_null() && b.latitude && b.longitude) {
      geometry = nlohmann::json::parse(registry::PointGeometry(*b.latitude, *b.longitude));
    }
    if (geometry.is_null()) continue;
    features.push_back({{"type", "Feature"},
                        {"id", b.id.value()},
                        {"geometry", std::move(geometry)},
                        {"properties",
                         {{"id", b.id.value()},
                          {"number", b.number},
                          {"address", b.address},
                          {"floors", OrNull(b.floors)},
                          {"has_elevator", b.has_elevator},
                          {"households", entry.households},
                          {"residents", entry.residents}}}});
  }
  const nlohmann::json collection = {{"type", "FeatureCollection"},
                                     {"features", std::move(features)}};
  return Response::Text(200, collection.dump(), "application/geo+json");
}

Response CreateResidentAccount(const AppServices& services, RequestContext& ctx) {
  auto id = ctx.request().PathParamInt("id");
  if (!id) return Response::Error(id.error());
  auto body = ParseJsonObject(ctx.request(), kNewAccountFields);
  if (!body) return Response::Error(body.error());
  const auth::NewUser user{
      .login = (*body)["login"].get<std::string>(),
      .display_name = Optional<std::string>(*body, "display_name").value_or(""),
      .password = (*body)["password"].get<std::string>()};
  auto account = services.registry.CreateResidentAccount(
      ctx.principal(), registry::ResidentId(*id), user, services.auth, OriginOf(ctx.request()));
  if (!account) return Response::Error(account.error());
  const std::string scope_name = services.auth.ScopeName(account->user.scope).value_or("");
  nlohmann::json json = UserJson(account->user, scope_name);
  json["resident_id"] = account->resident_id.value();
  return Response::Json(201, json);
}

Response OwnHousehold(const AppServices& services, RequestContext& ctx) {
  auto own = services.registry.OwnHouseholdOf(ctx.principal());
  if (!own) {
    // Two 404s a resident's app tells apart: no link yet (ask the community), or no household.
    if (own.error().code == ErrorCode::kNotFound) {
      const bool unlinked = own.error().field == "account";
      return Response::Json(
          404, {{"error",
                 {{"code", unlinked ? "resident_account_not_linked" : "no_current_household"},
                  {"message", own.error().message},
                  {"field", own.error().field}}}});
    }
    return Response::Error(own.error());
  }
  nlohmann::json residents = nlohmann::json::array();
  for (const auto& resident : own->residents) residents.push_back(ResidentJson(resident));
  return Response::Json(200, {{"household", HouseholdJson(own->household)},
                              {"building", BuildingJson(own->building)},
                              {"residents", std::move(residents)}});
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
      {"/api/v1/streets/{id}/population", registry::PopulationOf::kStreet},
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
              .path = "/api/v1/buildings.geojson",
              .summary = "Located buildings of a community (?community=; a grid worker's grid "
                         "only) as a GeoJSON FeatureCollection (application/geo+json): the "
                         "footprint, or a Point, with id, number, address, floors, has_elevator, "
                         "open households and residents living there now",
              .permission = auth::Permission::kReadRegistry,
              .tag = "registry",
              .response_schema = {{"type", "object"},
                                  {"properties",
                                   {{"type", {{"type", "string"}}},
                                    {"features", {{"type", "array"}, {"items", ObjectSchema()}}}}}},
              .handler = [s](RequestContext& ctx) { return BuildingsGeoJson(*s, ctx); }});
  router.Add({.method = Method::kPatch,
              .path = "/api/v1/buildings/{id}",
              .summary = "Change a building's fields (null clears an optional one); audited with "
                         "the fields changed",
              .permission = auth::Permission::kWriteRegistry,
              .tag = "registry",
              .request_schema = JsonSchemaOf(kBuildingChangeFields),
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return PatchBuilding(*s, ctx); }});
  router.Add({.method = Method::kPatch,
              .path = "/api/v1/households/{id}",
              .summary = "Change a household's unit, floor, room or floor area; audited",
              .permission = auth::Permission::kWriteRegistry,
              .tag = "registry",
              .request_schema = JsonSchemaOf(kHouseholdChangeFields),
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return PatchHousehold(*s, ctx); }});
  router.Add({.method = Method::kPatch,
              .path = "/api/v1/residents/{id}",
              .summary = "Change a resident (the rules of registration; null clears phone or "
                         "id_number; tags replace the set); answered masked; audited with the "
                         "fields changed, never their values",
              .permission = auth::Permission::kWriteRegistry,
              .tag = "registry",
              .request_schema = JsonSchemaOf(kResidentChangeFields),
              .response_schema = ObjectSchema(),
              .handler = [s](RequestContext& ctx) { return PatchResident(*s, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/residents/{id}/account",
              .summary = "Create the resident's own account (role resident, scope their "
                         "community) linked to them, in one transaction; audited",
              .permission = auth::Permission::kManageResidentAccounts,
              .tag = "registry",
              .request_schema = JsonSchemaOf(kNewAccountFields),
              .response_schema = UserSchema(),
              .success_status = 201,
              .response_description = "created",
              .handler = [s](RequestContext& ctx) { return CreateResidentAccount(*s, ctx); }});
  router.Add(
      {.method = Method::kGet,
       .path = "/api/v1/my/household",
       .summary = "A resident's own household, its building and the residents living there "
                  "now (masked); 404 resident_account_not_linked or no_current_household",
       .permission = auth::Permission::kReadOwnHousehold,
       .tag = "registry",
       .response_schema = {{"type", "object"},
                           {"properties",
                            {{"household", ObjectSchema()},
                             {"building", ObjectSchema()},
                             {"residents", {{"type", "array"}, {"items", ObjectSchema()}}}}}},
       .handler = [s](RequestContext& ctx) { return OwnHousehold(*s, ctx); }});
}

}  // namespace shequ::api
