#include "registry/building_residents.h"

#include <string>

namespace shequ::registry {

Result<std::vector<BuildingResidents>> ListBuildingResidents(store::Connection& db,
                                                             CommunityId community,
                                                             const CivilDate& today) {
  // Birth dates are 'YYYY-MM-DD' text, which orders like the dates. Born on or before this day
  // 60 years ago is 60 or older today, the rule of AgeOn (base/civil_time.h); a 29 February
  // that does not exist 60 years ago still orders right as text.
  const CivilDate sixty_years_ago{today.year - 60, today.month, today.day};
  auto result = db.Query(
      "SELECT b.id, b.community_id, b.osm_id, b.latitude, b.longitude, COUNT(r.id), "
      "COALESCE(SUM(CASE WHEN r.birth_date <= ? THEN 1 ELSE 0 END), 0) "
      "FROM buildings b "
      "LEFT JOIN households h ON h.building_id = b.id AND h.closed_at IS NULL "
      "LEFT JOIN residencies rs ON rs.household_id = h.id AND rs.moved_out_on IS NULL "
      "LEFT JOIN residents r ON r.id = rs.resident_id "
      "WHERE b.latitude IS NOT NULL AND (? = 0 OR b.community_id = ?) "
      "GROUP BY b.id, b.community_id, b.osm_id, b.latitude, b.longitude ORDER BY b.id",
      {FormatDate(sixty_years_ago), community.value(), community.value()});
  SHEQU_RETURN_IF_ERROR(result);
  std::vector<BuildingResidents> buildings;
  buildings.reserve(result->rows.size());
  for (const auto& row : result->rows) {
    buildings.push_back({.id = BuildingId(row.GetInt(0)),
                         .community_id = CommunityId(row.GetInt(1)),
                         .osm_id = row.GetOptionalInt(2),
                         .latitude = row.GetDouble(3),
                         .longitude = row.GetDouble(4),
                         .residents = row.GetInt(5),
                         .residents_60_plus = row.GetInt(6)});
  }
  return buildings;
}

}  // namespace shequ::registry
