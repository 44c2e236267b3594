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

constexpr std::string_view kBuildingColumns =
    "b.id, b.community_id, b.grid_id, b.number, b.address, b.floors, b.has_elevator, "
    "b.year_built, b.units, b.created_at";

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
                  .created_at = row.GetInt(9)};
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
  auto result = db.Query(
      "INSERT INTO buildings (community_id, grid_id, number, address, floors, has_elevator, "
      "year_built, units, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {building.community_id.value(), OptionalId(building.grid_id.value()), building.number,
       building.address, OptionalInt(building.floors),
       static_cast<std::int64_t>(building.has_elevator ? 1 : 0), OptionalInt(building.year_built),
       static_cast<std::int64_t>(building.units), now, now});
  SHEQU_RETURN_IF_ERROR(result);
  Building stored = building;
  stored.id = BuildingId(result->rows.at(0).GetInt(0));
  stored.created_at = now;
  return stored;
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
  auth::Place place{StreetId(result->rows[0].GetInt(10)), building.community_id, building.grid_id};
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
  auto result = db.Query(
      fmt::format("SELECT h.id, r.sex, r.birth_date, "
                  "MAX(CASE WHEN t.tag = 'living_alone' THEN 1 ELSE 0 END), "
                  "MAX(CASE WHEN t.tag = 'disabled' THEN 1 ELSE 0 END), "
                  "MAX(CASE WHEN t.tag = 'disabled' THEN t.disability_level END), "
                  "MAX(CASE WHEN t.tag IN ('low_income', 'extreme_poverty') THEN 1 ELSE 0 END) "
                  "FROM residencies rs JOIN residents r ON r.id = rs.resident_id "
                  "JOIN households h ON h.id = rs.household_id "
                  "JOIN buildings b ON b.id = h.building_id "
                  "LEFT JOIN resident_tags t ON t.resident_id = r.id "
                  "WHERE rs.moved_out_on IS NULL AND {} GROUP BY r.id, h.id, r.sex, r.birth_date",
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

}  // namespace shequ::registry
