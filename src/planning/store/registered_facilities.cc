#include "planning/store/registered_facilities.h"

#include <string>
#include <utility>

namespace shequ::planning {
namespace {

constexpr const char* kColumns =
    "id, community_id, facility_type, name, address, latitude, longitude, osm_type, osm_id, "
    "capacity, opened_on, closed_on, note, created_by, created_at, updated_at";

store::Value OptionalInt(const std::optional<std::int64_t>& value) {
  return value ? store::Value(*value) : store::Value(store::kNull);
}

store::Value OptionalDate(const std::optional<CivilDate>& date) {
  return date ? store::Value(FormatDate(*date)) : store::Value(store::kNull);
}

store::Value OsmTypeValue(const std::optional<OsmRef>& ref) {
  return ref ? store::Value(std::string(OsmTypeName(ref->type))) : store::Value(store::kNull);
}

store::Value OsmIdValue(const std::optional<OsmRef>& ref) {
  return ref ? store::Value(ref->id) : store::Value(store::kNull);
}

// Dates were written by FormatDate, so a cell that does not parse is a broken row; it reads as
// unset rather than failing the whole list.
std::optional<CivilDate> DateOf(const store::Row& row, std::size_t column) {
  const auto text = row.GetOptionalText(column);
  if (!text) return std::nullopt;
  auto date = ParseDate(*text);
  if (!date) return std::nullopt;
  return *date;
}

RegisteredFacility FacilityOf(const store::Row& row) {
  RegisteredFacility f{
      .id = row.GetInt(0),
      .community_id = CommunityId(row.GetInt(1)),
      .facility_type = row.GetText(2),
      .name = row.GetText(3),
      .address = row.GetText(4),
      .latitude = row.GetDouble(5),
      .longitude = row.GetDouble(6),
      .capacity = row.GetOptionalInt(9),
      .opened_on = DateOf(row, 10),
      .closed_on = DateOf(row, 11),
      .note = row.GetText(12),
      .created_by = row.GetText(13),
      .created_at = row.GetInt(14),
      .updated_at = row.GetInt(15),
  };
  if (const auto type = row.GetOptionalText(7)) {
    if (const auto parsed = OsmTypeFromName(*type); parsed && !row.IsNull(8)) {
      f.osm_ref = OsmRef{.type = *parsed, .id = row.GetInt(8)};
    }
  }
  return f;
}

Result<std::vector<RegisteredFacility>> FacilitiesOf(Result<store::QueryResult> result) {
  SHEQU_RETURN_IF_ERROR(result);
  std::vector<RegisteredFacility> facilities;
  facilities.reserve(result->rows.size());
  for (const store::Row& row : result->rows) facilities.push_back(FacilityOf(row));
  return facilities;
}

}  // namespace

std::optional<OsmType> OsmTypeFromName(std::string_view name) {
  if (name == "node") return OsmType::kNode;
  if (name == "way") return OsmType::kWay;
  if (name == "relation") return OsmType::kRelation;
  return std::nullopt;
}

Result<std::int64_t> InsertRegisteredFacility(store::Connection& db, const RegisteredFacility& f) {
  auto inserted = db.Query(
      "INSERT INTO planning_facilities (community_id, facility_type, name, address, latitude, "
      "longitude, osm_type, osm_id, capacity, opened_on, closed_on, note, created_by, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {f.community_id.value(), f.facility_type, f.name, f.address, f.latitude, f.longitude,
       OsmTypeValue(f.osm_ref), OsmIdValue(f.osm_ref), OptionalInt(f.capacity),
       OptionalDate(f.opened_on), OptionalDate(f.closed_on), f.note, f.created_by, f.created_at,
       f.updated_at});
  SHEQU_RETURN_IF_ERROR(inserted);
  return inserted->rows.at(0).GetInt(0);
}

Status UpdateRegisteredFacility(store::Connection& db, const RegisteredFacility& f) {
  auto updated = db.Query(
      "UPDATE planning_facilities SET community_id = ?, facility_type = ?, name = ?, address = ?, "
      "latitude = ?, longitude = ?, osm_type = ?, osm_id = ?, capacity = ?, opened_on = ?, "
      "closed_on = ?, note = ?, updated_at = ? WHERE id = ?",
      {f.community_id.value(), f.facility_type, f.name, f.address, f.latitude, f.longitude,
       OsmTypeValue(f.osm_ref), OsmIdValue(f.osm_ref), OptionalInt(f.capacity),
       OptionalDate(f.opened_on), OptionalDate(f.closed_on), f.note, f.updated_at, f.id});
  SHEQU_RETURN_IF_ERROR(updated);
  if (updated->rows_affected == 0) {
    return NotFound("there is no registered facility " + std::to_string(f.id));
  }
  return {};
}

Result<std::optional<RegisteredFacility>> FindRegisteredFacility(store::Connection& db,
                                                                 std::int64_t id) {
  auto found = FacilitiesOf(
      db.Query(std::string("SELECT ") + kColumns + " FROM planning_facilities WHERE id = ?", {id}));
  SHEQU_RETURN_IF_ERROR(found);
  if (found->empty()) return std::nullopt;
  return std::move(found->front());
}

Result<std::optional<std::int64_t>> FindOpenFacilityWithOsmRef(store::Connection& db,
                                                               const OsmRef& ref,
                                                               std::int64_t except_id) {
  auto found = db.Query(
      "SELECT id FROM planning_facilities WHERE osm_type = ? AND osm_id = ? AND closed_on IS NULL "
      "AND id <> ?",
      {std::string(OsmTypeName(ref.type)), ref.id, except_id});
  SHEQU_RETURN_IF_ERROR(found);
  if (found->empty()) return std::nullopt;
  return found->rows.front().GetInt(0);
}

Result<std::vector<RegisteredFacility>> ListRegisteredFacilities(
    store::Connection& db, const RegisteredFacilityQuery& query) {
  return FacilitiesOf(db.Query(
      std::string("SELECT ") + kColumns +
          " FROM planning_facilities WHERE (? = 0 OR community_id = ?) AND (? = 0 OR "
          "community_id IN (SELECT id FROM communities WHERE street_id = ?)) AND (? = '' OR "
          "facility_type = ?) AND (? = 1 OR closed_on IS NULL) ORDER BY community_id, "
          "facility_type, name, id",
      {query.community.value(), query.community.value(), query.street.value(), query.street.value(),
       query.facility_type, query.facility_type, std::int64_t{query.include_closed ? 1 : 0}}));
}

Result<std::vector<RegisteredFacility>> ListServingFacilities(store::Connection& db,
                                                              const CivilDate& day) {
  // Dates are 'YYYY-MM-DD' text, so they compare as strings on both back ends.
  const std::string today = FormatDate(day);
  return FacilitiesOf(db.Query(std::string("SELECT ") + kColumns +
                                   " FROM planning_facilities WHERE (opened_on IS NULL OR "
                                   "opened_on <= ?) AND (closed_on IS NULL OR closed_on > ?) "
                                   "ORDER BY id",
                               {today, today}));
}

}  // namespace shequ::planning
