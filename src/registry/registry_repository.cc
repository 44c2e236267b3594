#include "registry/registry_repository.h"

#include <fmt/format.h>

namespace shequ::registry {
namespace {

store::Value OptionalInt(const std::optional<int>& value) {
  if (!value) return store::kNull;
  return static_cast<std::int64_t>(*value);
}

store::Value OptionalBlob(const std::optional<store::Blob>& value) {
  if (!value) return store::kNull;
  return *value;
}

store::Value OptionalId(std::int64_t id) {
  if (id <= 0) return store::kNull;
  return id;
}

std::optional<int> GetOptionalSmallInt(const store::Row& row, std::size_t column) {
  auto value = row.GetOptionalInt(column);
  if (!value) return std::nullopt;
  return static_cast<int>(*value);
}

CivilDate DateOf(const std::string& text) {
  // Stored dates were validated on the way in; a bad one would be a broken invariant.
  return ParseDate(text).value_or(CivilDate{});
}

// Columns 0-13 of a building; see BuildingOf.
constexpr std::string_view kBuildingColumns =
    "b.id, b.community_id, b.grid_id, b.number, b.address, b.floors, b.has_elevator, "
    "b.year_built, b.units, b.created_at, b.latitude, b.longitude, b.footprint, b.osm_id";
constexpr std::size_t kBuildingColumnCount = 14;

std::optional<double> GetOptionalDouble(const store::Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.GetDouble(column);
}

store::Value OptionalDouble(const std::optional<double>& value) {
  if (!value) return store::kNull;
  return *value;
}

store::Value OptionalText(const std::optional<std::string>& value) {
  if (!value) return store::kNull;
  return *value;
}

store::Value OptionalInt64(const std::optional<std::int64_t>& value) {
  if (!value) return store::kNull;
  return *value;
}

Building BuildingOf(const store::Row& row) {
  return Building{.id = BuildingId(row.GetInt(0)),
                  .community_id = CommunityId(row.GetInt(1)),
                  .grid_id = GridId(row.GetOptionalInt(2).value_or(0)),
                  .number = row.GetText(3),
                  .address = row.GetText(4),
                  .floors = GetOptionalSmallInt(row, 5),
                  .has_elevator = row.GetInt(6) != 0,
                  .year_built = GetOptionalSmallInt(row, 7),
                  .units = static_cast<int>(row.GetInt(8)),
                  .latitude = GetOptionalDouble(row, 10),
                  .longitude = GetOptionalDouble(row, 11),
                  .footprint = row.GetOptionalText(12),
                  .osm_id = row.GetOptionalInt(13),
                  .created_at = row.GetInt(9)};
}

// The column values of a building's stored fields, in kBuildingWrite's order.
std::vector<store::Value> BuildingValues(const Building& building) {
  return {OptionalId(building.grid_id.value()),
          building.number,
          building.address,
          OptionalInt(building.floors),
          static_cast<std::int64_t>(building.has_elevator ? 1 : 0),
          OptionalInt(building.year_built),
          static_cast<std::int64_t>(building.units),
          OptionalDouble(building.latitude),
          OptionalDouble(building.longitude),
          OptionalText(building.footprint),
          OptionalInt64(building.osm_id)};
}

// Columns 0-14 of a resident query; see ResidentOf.
constexpr std::string_view kResidentSelect =
    "SELECT r.id, r.community_id, r.name, r.sex, r.birth_date, r.id_number_cipher, "
    "r.phone_cipher, r.residence_status, rs.household_id, h.building_id, b.grid_id, "
    "rs.relation_to_head, rs.moved_in_on, c.street_id ";
constexpr std::string_view kResidentFrom =
    "FROM residents r JOIN communities c ON c.id = r.community_id "
    "LEFT JOIN residencies rs ON rs.resident_id = r.id AND rs.moved_out_on IS NULL "
    "LEFT JOIN households h ON h.id = rs.household_id "
    "LEFT JOIN buildings b ON b.id = h.building_id ";

ResidentRow ResidentOf(const store::Row& row) {
  ResidentRow resident;
  auto& record = resident.record;
  record.id = ResidentId(row.GetInt(0));
  record.community_id = CommunityId(row.GetInt(1));
  record.name = row.GetText(2);
  record.sex = ParseSex(row.GetText(3)).value_or(Sex::kMale);
  record.birth_date = DateOf(row.GetText(4));
  if (!row.IsNull(5)) resident.id_number_cipher = row.GetBlob(5);
  if (!row.IsNull(6)) resident.phone_cipher = row.GetBlob(6);
  record.residence_status =
      ParseResidenceStatus(row.GetText(7)).value_or(ResidenceStatus::kLivingHere);
  record.household_id = HouseholdId(row.GetOptionalInt(8).value_or(0));
  record.building_id = BuildingId(row.GetOptionalInt(9).value_or(0));
  record.grid_id = GridId(row.GetOptionalInt(10).value_or(0));
  record.relation_to_head = row.GetOptionalText(11).value_or("");
  if (auto moved_in = row.GetOptionalText(12)) record.moved_in_on = DateOf(*moved_in);
  resident.place = {StreetId(row.GetInt(13)), record.community_id, record.grid_id};
  return resident;
}

}  // namespace

Result<std::optional<auth::Place>> FindCommunityPlace(store::Connection& db, CommunityId id) {
  auto result = db.Query("SELECT street_id FROM communities WHERE id = ?", {id.value()});
  SHEQU_RETURN_IF_ERROR(result);
  if (result->empty()) return std::nullopt;
  return auth::Place{StreetId(result->rows[0].GetInt(0)), id, {}};
}

Result<std::optional<auth::Place>> FindGridPlace(store::Connection& db, GridId id) {
  auto result = db.Query(
      "SELECT c.street_id, c.id FROM grids g JOIN communities c ON c.id = g.community_id "
      "WHERE g.id = ?",
      {id.value()});
  SHEQU_RETURN_IF_ERROR(result);
  if (result->empty()) return std::nullopt;
  const auto& row = result->rows[0];
  return auth::Place{StreetId(row.GetInt(0)), CommunityId(row.GetInt(1)), id};
}

Result<Building> InsertBuilding(store::Connection& db, const Building& building, Instant now) {
  std::vector<store::Value> params = {building.community_id.value()};
  for (auto& value : BuildingValues(building)) params.push_back(std::move(value));
  params.emplace_back(now);
  params.emplace_back(now);
  auto result = db.Query(
      "INSERT INTO buildings (community_id, grid_id, number, address, floors, has_elevator, "
      "year_built, units, latitude, longitude, footprint, osm_id, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      params);
  SHEQU_RETURN_IF_ERROR(result);
  Building stored = building;
  stored.id = BuildingId(result->rows.at(0).GetInt(0));
  stored.created_at = now;
  return stored;
}

Status UpdateBuilding(store::Connection& db, const Building& building, Instant now) {
  std::vector<store::Value> params = BuildingValues(building);
  params.emplace_back(now);
  params.emplace_back(building.id.value());
  auto result = db.Query(
      "UPDATE buildings SET grid_id = ?, number = ?, address = ?, floors = ?, has_elevator = ?, "
      "year_built = ?, units = ?, latitude = ?, longitude = ?, footprint = ?, osm_id = ?, "
      "updated_at = ? WHERE id = ?",
      params);
  SHEQU_RETURN_IF_ERROR(result);
  if (result->rows_affected != 1) return Internal("the building to update is gone");
  return {};
}

Result<std::vector<BuildingOccupancy>> ListBuildingOccupancy(store::Connection& db,
                                                             CommunityId community, GridId grid,
                                                             bool located_only) {
  // The community twice: once for the grouped households, once for the buildings.
  std::vector<store::Value> params = {community.value(), community.value()};
  std::string where = "b.community_id = ?";
  if (grid.valid()) {
    where += " AND b.grid_id = ?";
    params.emplace_back(grid.value());
  }
  if (located_only) where += " AND (b.latitude IS NOT NULL OR b.footprint IS NOT NULL)";
  // One grouped pass over the open households and their open residencies, joined once: no query
  // per building.
  auto result = db.Query(
      fmt::format("SELECT {}, COALESCE(o.households, 0), COALESCE(o.residents, 0) "
                  "FROM buildings b LEFT JOIN ("
                  "SELECT h.building_id AS building_id, COUNT(DISTINCT h.id) AS households, "
                  "COUNT(rs.id) AS residents FROM households h "
                  "LEFT JOIN residencies rs ON rs.household_id = h.id AND rs.moved_out_on IS NULL "
                  "WHERE h.community_id = ? AND h.closed_at IS NULL GROUP BY h.building_id"
                  ") o ON o.building_id = b.id WHERE {} ORDER BY b.number, b.id",
                  kBuildingColumns, where),
      params);
  SHEQU_RETURN_IF_ERROR(result);
  std::vector<BuildingOccupancy> buildings;
  buildings.reserve(result->rows.size());
  for (const auto& row : result->rows) {
    buildings.push_back(
        {BuildingOf(row), row.GetInt(kBuildingColumnCount), row.GetInt(kBuildingColumnCount + 1)});
  }
  return buildings;
}

Result<std::optional<std::pair<Building, auth::Place>>> FindBuilding(store::Connection& db,
                                                                     BuildingId id) {
  auto result = db.Query(fmt::format("SELECT {}, c.street_id FROM buildings b "
                                     "JOIN communities c ON c.id = b.community_id WHERE b.id = ?",
                                     kBuildingColumns),
                         {id.value()});
  SHEQU_RETURN_IF_ERROR(result);
  if (result->empty()) return std::nullopt;
  Building building = BuildingOf(result->rows[0]);
  auth::Place place{StreetId(result->rows[0].GetInt(kBuildingColumnCount)), building.community_id,
                    building.grid_id};
  return std::make_pair(std::move(building), place);
}

Result<std::vector<Building>> ListBuildings(store::Connection& db, CommunityId community,
                                            GridId grid) {
  std::vector<store::Value> params = {community.value()};
  if (grid.valid()) params.emplace_back(grid.value());
  auto result = db.Query(fmt::format("SELECT {} FROM buildings b WHERE b.community_id = ?{} "
                                     "ORDER BY b.number, b.id",
                                     kBuildingColumns, grid.valid() ? " AND b.grid_id = ?" : ""),
                         params);
  SHEQU_RETURN_IF_ERROR(result);
  std::vector<Building> buildings;
  buildings.reserve(result->rows.size());
  for (const auto& row : result->rows) buildings.push_back(BuildingOf(row));
  return buildings;
}

Result<Household> InsertHousehold(store::Connection& db, const Household& household, Instant now) {
  auto result = db.Query(
      "INSERT INTO households (community_id, building_id, unit, floor, room, floor_area_dm2, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {household.community_id.value(), household.building_id.value(), household.unit,
       static_cast<std::int64_t>(household.floor), household.room,
       household.floor_area_dm2 ? store::Value(*household.floor_area_dm2) : store::kNull, now,
       now});
  SHEQU_RETURN_IF_ERROR(result);
  Household stored = household;
  stored.id = HouseholdId(result->rows.at(0).GetInt(0));
  stored.created_at = now;
  return stored;
}

Result<std::vector<HouseholdOccupancy>> ListHouseholds(store::Connection& db, BuildingId building) {
  auto result = db.Query(
      "SELECT h.id, h.community_id, h.building_id, h.unit, h.floor, h.room, h.floor_area_dm2, "
      "h.created_at, (SELECT COUNT(*) FROM residencies rs "
      "WHERE rs.household_id = h.id AND rs.moved_out_on IS NULL) "
      "FROM households h WHERE h.building_id = ? AND h.closed_at IS NULL "
      "ORDER BY h.unit, h.floor, h.room, h.id",
      {building.value()});
  SHEQU_RETURN_IF_ERROR(result);
  std::vector<HouseholdOccupancy> households;
  households.reserve(result->rows.size());
  for (const auto& row : result->rows) {
    households.push_back(
        HouseholdOccupancy{.household = {.id = HouseholdId(row.GetInt(0)),
                                         .community_id = CommunityId(row.GetInt(1)),
                                         .building_id = BuildingId(row.GetInt(2)),
                                         .unit = row.GetText(3),
                                         .floor = static_cast<int>(row.GetInt(4)),
                                         .room = row.GetText(5),
                                         .floor_area_dm2 = row.GetOptionalInt(6),
                                         .created_at = row.GetInt(7)},
                           .residents = row.GetInt(8)});
  }
  return households;
}

Result<std::optional<std::pair<Household, auth::Place>>> FindHousehold(store::Connection& db,
                                                                       HouseholdId id) {
  auto result = db.Query(
      "SELECT h.id, h.community_id, h.building_id, h.unit, h.floor, h.room, h.floor_area_dm2, "
      "h.created_at, b.grid_id, c.street_id FROM households h "
      "JOIN buildings b ON b.id = h.building_id JOIN communities c ON c.id = h.community_id "
      "WHERE h.id = ? AND h.closed_at IS NULL",
      {id.value()});
  SHEQU_RETURN_IF_ERROR(result);
  if (result->empty()) return std::nullopt;
  const auto& row = result->rows[0];
  Household household{.id = HouseholdId(row.GetInt(0)),
                      .community_id = CommunityId(row.GetInt(1)),
                      .building_id = BuildingId(row.GetInt(2)),
                      .unit = row.GetText(3),
                      .floor = static_cast<int>(row.GetInt(4)),
                      .room = row.GetText(5),
                      .floor_area_dm2 = row.GetOptionalInt(6),
                      .created_at = row.GetInt(7)};
  auth::Place place{StreetId(row.GetInt(9)), household.community_id,
                    GridId(row.GetOptionalInt(8).value_or(0))};
  return std::make_pair(std::move(household), place);
}

Result<ResidentId> InsertResident(store::Connection& db, const StoredResident& resident,
                                  Instant now) {
  auto result = db.Query(
      "INSERT INTO residents (community_id, name, sex, birth_date, id_number_cipher, "
      "id_number_index, phone_cipher, phone_index, residence_status, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {resident.community_id.value(), resident.name, std::string(SexName(resident.sex)),
       FormatDate(resident.birth_date), OptionalBlob(resident.id_number_cipher),
       OptionalBlob(resident.id_number_index), OptionalBlob(resident.phone_cipher),
       OptionalBlob(resident.phone_index),
       std::string(ResidenceStatusName(resident.residence_status)), now, now});
  SHEQU_RETURN_IF_ERROR(result);
  return ResidentId(result->rows.at(0).GetInt(0));
}

Result<bool> IdNumberTaken(store::Connection& db, CommunityId community, const store::Blob& index) {
  auto result = db.Query("SELECT 1 FROM residents WHERE community_id = ? AND id_number_index = ?",
                         {community.value(), index});
  SHEQU_RETURN_IF_ERROR(result);
  return !result->empty();
}

Status InsertResidency(store::Connection& db, CommunityId community, ResidentId resident,
                       HouseholdId household, std::string_view relation,
                       const CivilDate& moved_in_on, Instant now) {
  auto result = db.Query(
      "INSERT INTO residencies (community_id, resident_id, household_id, relation_to_head, "
      "moved_in_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {community.value(), resident.value(), household.value(), std::string(relation),
       FormatDate(moved_in_on), now, now});
  SHEQU_RETURN_IF_ERROR(result);
  return {};
}

Status InsertResidentTag(store::Connection& db, CommunityId community, ResidentId resident,
                         const ResidentTagValue& tag, Instant now) {
  auto result = db.Query(
      "INSERT INTO resident_tags (community_id, resident_id, tag, disability_level, created_at) "
      "VALUES (?, ?, ?, ?, ?)",
      {community.value(), resident.value(), tag.tag, OptionalInt(tag.disability_level), now});
  SHEQU_RETURN_IF_ERROR(result);
  return {};
}

Result<bool> CloseResidency(store::Connection& db, ResidentId resident,
                            const CivilDate& moved_out_on, Instant now) {
  auto result = db.Query(
      "UPDATE residencies SET moved_out_on = ?, updated_at = ? "
      "WHERE resident_id = ? AND moved_out_on IS NULL",
      {FormatDate(moved_out_on), now, resident.value()});
  SHEQU_RETURN_IF_ERROR(result);
  return result->rows_affected > 0;
}

Result<std::optional<ResidentRow>> FindResident(store::Connection& db, ResidentId id) {
  auto result =
      db.Query(fmt::format("{}{}WHERE r.id = ?", kResidentSelect, kResidentFrom), {id.value()});
  SHEQU_RETURN_IF_ERROR(result);
  if (result->empty()) return std::nullopt;
  return ResidentOf(result->rows[0]);
}

Result<std::vector<ResidentTagValue>> ResidentTags(store::Connection& db, ResidentId id) {
  auto result =
      db.Query("SELECT tag, disability_level FROM resident_tags WHERE resident_id = ? ORDER BY tag",
               {id.value()});
  SHEQU_RETURN_IF_ERROR(result);
  std::vector<ResidentTagValue> tags;
  for (const auto& row : result->rows) {
    tags.push_back({row.GetText(0), GetOptionalSmallInt(row, 1)});
  }
  return tags;
}

Result<ResidentPage> SearchResidents(store::Connection& db, const ResidentFilter& filter,
                                     int offset, int limit) {
  std::string where = "WHERE 1 = 1";
  std::vector<store::Value> params;
  if (filter.street.valid()) {
    where += " AND c.street_id = ?";
    params.emplace_back(filter.street.value());
  }
  if (filter.community.valid()) {
    where += " AND r.community_id = ?";
    params.emplace_back(filter.community.value());
  }
  if (filter.grid.valid()) {
    where += " AND b.grid_id = ?";
    params.emplace_back(filter.grid.value());
  }
  if (filter.name_contains) {
    // Escape LIKE's wildcards so that a name is matched literally.
    std::string pattern = "%";
    for (char c : *filter.name_contains) {
      if (c == '%' || c == '_' || c == '!') pattern += '!';
      pattern += c;
    }
    pattern += '%';
    where += " AND r.name LIKE ? ESCAPE '!'";
    params.emplace_back(std::move(pattern));
  }
  if (filter.id_number_index) {
    where += " AND r.id_number_index = ?";
    params.emplace_back(*filter.id_number_index);
  }
  if (filter.phone_index) {
    where += " AND r.phone_index = ?";
    params.emplace_back(*filter.phone_index);
  }
  auto count = db.Query(fmt::format("SELECT COUNT(*) {}{}", kResidentFrom, where), params);
  SHEQU_RETURN_IF_ERROR(count);
  ResidentPage page;
  page.total = count->rows.at(0).GetInt(0);
  params.emplace_back(static_cast<std::int64_t>(limit));
  params.emplace_back(static_cast<std::int64_t>(offset));
  auto result = db.Query(fmt::format("{}{}{} ORDER BY r.name, r.id LIMIT ? OFFSET ?",
                                     kResidentSelect, kResidentFrom, where),
                         params);
  SHEQU_RETURN_IF_ERROR(result);
  for (const auto& row : result->rows) page.rows.push_back(ResidentOf(row));
  return page;
}

namespace {

// The residents living now that `where` (one `?`, bound to `id`) selects.
Result<std::vector<PopulationMember>> PopulationWhere(store::Connection& db, std::string_view where,
                                                      std::int64_t id);

}  // namespace

Result<std::vector<PopulationMember>> StreetPopulationMembers(store::Connection& db,
                                                              StreetId street) {
  return PopulationWhere(db, "rs.community_id IN (SELECT id FROM communities WHERE street_id = ?)",
                         street.value());
}

Result<bool> StreetExists(store::Connection& db, StreetId id) {
  auto result = db.Query("SELECT 1 FROM streets WHERE id = ?", {id.value()});
  SHEQU_RETURN_IF_ERROR(result);
  return !result->empty();
}

Result<std::vector<auth::Place>> FindCommunitiesNamed(store::Connection& db,
                                                      std::string_view name) {
  auto result = db.Query("SELECT street_id, id FROM communities WHERE name = ? ORDER BY id",
                         {std::string(name)});
  SHEQU_RETURN_IF_ERROR(result);
  std::vector<auth::Place> places;
  for (const auto& row : result->rows) {
    places.push_back({StreetId(row.GetInt(0)), CommunityId(row.GetInt(1)), {}});
  }
  return places;
}

Result<std::optional<GridId>> FindGridNamed(store::Connection& db, CommunityId community,
                                            std::string_view name) {
  auto result = db.Query("SELECT id FROM grids WHERE community_id = ? AND name = ? ORDER BY id",
                         {community.value(), std::string(name)});
  SHEQU_RETURN_IF_ERROR(result);
  if (result->empty()) return std::nullopt;
  return GridId(result->rows[0].GetInt(0));
}

Result<std::optional<std::pair<Building, auth::Place>>> FindBuildingNumbered(
    store::Connection& db, CommunityId community, std::string_view number) {
  auto result = db.Query("SELECT id FROM buildings WHERE community_id = ? AND number = ?",
                         {community.value(), std::string(number)});
  SHEQU_RETURN_IF_ERROR(result);
  if (result->empty()) return std::nullopt;
  return FindBuilding(db, BuildingId(result->rows[0].GetInt(0)));
}

Result<std::optional<std::pair<HouseholdId, bool>>> FindHouseholdAt(store::Connection& db,
                                                                    BuildingId building,
                                                                    std::string_view unit,
                                                                    std::string_view room) {
  auto result = db.Query(
      "SELECT id, closed_at FROM households WHERE building_id = ? AND unit = ? AND room = ?",
      {building.value(), std::string(unit), std::string(room)});
  SHEQU_RETURN_IF_ERROR(result);
  if (result->empty()) return std::nullopt;
  const auto& row = result->rows[0];
  return std::pair{HouseholdId(row.GetInt(0)), row.IsNull(1)};
}

Result<std::vector<PopulationMember>> PopulationMembers(store::Connection& db,
                                                        CommunityId community, GridId grid,
                                                        BuildingId building) {
  std::string where;
  std::int64_t id = 0;
  if (building.valid()) {
    where = "b.id = ?";
    id = building.value();
  } else if (grid.valid()) {
    where = "b.grid_id = ?";
    id = grid.value();
  } else {
    where = "rs.community_id = ?";
    id = community.value();
  }
  return PopulationWhere(db, where, id);
}

namespace {

Result<std::vector<PopulationMember>> PopulationWhere(store::Connection& db, std::string_view where,
                                                      std::int64_t id) {
  auto result = db.Query(
      // The tags by correlated lookups rather than a join and GROUP BY: grouping by resident
      // made SQLite walk every open residency in resident order instead of using the community
      // index (0006), 40 times slower for a community among a million residents.
      fmt::format("SELECT h.id, r.sex, r.birth_date, "
                  "CASE WHEN EXISTS (SELECT 1 FROM resident_tags t WHERE t.resident_id = r.id "
                  "AND t.tag = 'living_alone') THEN 1 ELSE 0 END, "
                  "CASE WHEN EXISTS (SELECT 1 FROM resident_tags t WHERE t.resident_id = r.id "
                  "AND t.tag = 'disabled') THEN 1 ELSE 0 END, "
                  "(SELECT MAX(t.disability_level) FROM resident_tags t WHERE t.resident_id = "
                  "r.id AND t.tag = 'disabled'), "
                  "CASE WHEN EXISTS (SELECT 1 FROM resident_tags t WHERE t.resident_id = r.id "
                  "AND t.tag IN ('low_income', 'extreme_poverty')) THEN 1 ELSE 0 END "
                  "FROM residencies rs JOIN residents r ON r.id = rs.resident_id "
                  "JOIN households h ON h.id = rs.household_id "
                  "JOIN buildings b ON b.id = h.building_id "
                  "WHERE rs.moved_out_on IS NULL AND {}",
                  where),
      {id});
  SHEQU_RETURN_IF_ERROR(result);
  std::vector<PopulationMember> members;
  members.reserve(result->rows.size());
  for (const auto& row : result->rows) {
    members.push_back(PopulationMember{.household_id = row.GetInt(0),
                                       .sex = ParseSex(row.GetText(1)).value_or(Sex::kMale),
                                       .birth_date = DateOf(row.GetText(2)),
                                       .living_alone = row.GetInt(3) != 0,
                                       .disabled = row.GetInt(4) != 0,
                                       .disability_level = GetOptionalSmallInt(row, 5),
                                       .low_income = row.GetInt(6) != 0});
  }
  return members;
}

}  // namespace

// ---- Editing, the map, exports and residents' accounts --------------------------------------

Result<std::vector<HouseholdOccupancy>> ListCommunityHouseholds(store::Connection& db,
                                                                CommunityId community,
                                                                GridId grid) {
  std::vector<store::Value> params = {community.value()};
  std::string where = "h.community_id = ? AND h.closed_at IS NULL";
  if (grid.valid()) {
    where += " AND b.grid_id = ?";
    params.emplace_back(grid.value());
  }
  auto result = db.Query(
      fmt::format("SELECT h.id, h.community_id, h.building_id, h.unit, h.floor, h.room, "
                  "h.floor_area_dm2, h.created_at, COUNT(rs.id), b.number FROM households h "
                  "JOIN buildings b ON b.id = h.building_id "
                  "LEFT JOIN residencies rs ON rs.household_id = h.id AND rs.moved_out_on IS NULL "
                  "WHERE {} GROUP BY h.id, h.community_id, h.building_id, h.unit, h.floor, "
                  "h.room, h.floor_area_dm2, h.created_at, b.number "
                  "ORDER BY b.number, h.unit, h.floor, h.room, h.id",
                  where),
      params);
  SHEQU_RETURN_IF_ERROR(result);
  std::vector<HouseholdOccupancy> households;
  households.reserve(result->rows.size());
  for (const auto& row : result->rows) {
    households.push_back(
        HouseholdOccupancy{.household = {.id = HouseholdId(row.GetInt(0)),
                                         .community_id = CommunityId(row.GetInt(1)),
                                         .building_id = BuildingId(row.GetInt(2)),
                                         .unit = row.GetText(3),
                                         .floor = static_cast<int>(row.GetInt(4)),
                                         .room = row.GetText(5),
                                         .floor_area_dm2 = row.GetOptionalInt(6),
                                         .created_at = row.GetInt(7)},
                           .residents = row.GetInt(8),
                           .building_number = row.GetText(9)});
  }
  return households;
}

Status UpdateHousehold(store::Connection& db, const Household& household, Instant now) {
  auto result = db.Query(
      "UPDATE households SET unit = ?, floor = ?, room = ?, floor_area_dm2 = ?, updated_at = ? "
      "WHERE id = ?",
      {household.unit, static_cast<std::int64_t>(household.floor), household.room,
       OptionalInt64(household.floor_area_dm2), now, household.id.value()});
  SHEQU_RETURN_IF_ERROR(result);
  if (result->rows_affected != 1) return Internal("the household to update is gone");
  return {};
}

Status UpdateResident(store::Connection& db, ResidentId id, const StoredResident& resident,
                      Instant now) {
  auto result = db.Query(
      "UPDATE residents SET name = ?, sex = ?, birth_date = ?, id_number_cipher = ?, "
      "id_number_index = ?, phone_cipher = ?, phone_index = ?, residence_status = ?, "
      "updated_at = ? WHERE id = ?",
      {resident.name, std::string(SexName(resident.sex)), FormatDate(resident.birth_date),
       OptionalBlob(resident.id_number_cipher), OptionalBlob(resident.id_number_index),
       OptionalBlob(resident.phone_cipher), OptionalBlob(resident.phone_index),
       std::string(ResidenceStatusName(resident.residence_status)), now, id.value()});
  SHEQU_RETURN_IF_ERROR(result);
  if (result->rows_affected != 1) return Internal("the resident to update is gone");
  return {};
}

Result<bool> UpdateRelationToHead(store::Connection& db, ResidentId resident,
                                  std::string_view relation, Instant now) {
  auto result = db.Query(
      "UPDATE residencies SET relation_to_head = ?, updated_at = ? "
      "WHERE resident_id = ? AND moved_out_on IS NULL",
      {std::string(relation), now, resident.value()});
  SHEQU_RETURN_IF_ERROR(result);
  return result->rows_affected > 0;
}

Status DeleteResidentTags(store::Connection& db, ResidentId resident) {
  auto result = db.Query("DELETE FROM resident_tags WHERE resident_id = ?", {resident.value()});
  SHEQU_RETURN_IF_ERROR(result);
  return {};
}

Result<bool> IdNumberTakenByOther(store::Connection& db, CommunityId community,
                                  const store::Blob& index, ResidentId except) {
  auto result =
      db.Query("SELECT 1 FROM residents WHERE community_id = ? AND id_number_index = ? AND id <> ?",
               {community.value(), index, except.value()});
  SHEQU_RETURN_IF_ERROR(result);
  return !result->empty();
}

Result<std::vector<ResidentRow>> HouseholdResidents(store::Connection& db, HouseholdId household) {
  auto result = db.Query(fmt::format("{}{}WHERE rs.household_id = ? "
                                     "ORDER BY CASE WHEN rs.relation_to_head = 'head' THEN 0 "
                                     "ELSE 1 END, r.name, r.id",
                                     kResidentSelect, kResidentFrom),
                         {household.value()});
  SHEQU_RETURN_IF_ERROR(result);
  std::vector<ResidentRow> rows;
  rows.reserve(result->rows.size());
  for (const auto& row : result->rows) rows.push_back(ResidentOf(row));
  return rows;
}

Status InsertResidentAccount(store::Connection& db, UserId user, CommunityId community,
                             ResidentId resident, Instant now) {
  auto result = db.Query(
      "INSERT INTO resident_accounts (user_id, community_id, resident_id, created_at) "
      "VALUES (?, ?, ?, ?)",
      {user.value(), community.value(), resident.value(), now});
  SHEQU_RETURN_IF_ERROR(result);
  return {};
}

Result<std::optional<ResidentId>> FindLinkedResident(store::Connection& db, UserId user) {
  auto result =
      db.Query("SELECT resident_id FROM resident_accounts WHERE user_id = ?", {user.value()});
  SHEQU_RETURN_IF_ERROR(result);
  if (result->empty()) return std::nullopt;
  return ResidentId(result->rows[0].GetInt(0));
}

Result<bool> ResidentHasAccount(store::Connection& db, ResidentId resident) {
  auto result =
      db.Query("SELECT 1 FROM resident_accounts WHERE resident_id = ?", {resident.value()});
  SHEQU_RETURN_IF_ERROR(result);
  return !result->empty();
}

}  // namespace shequ::registry
