#include "registry/resident_facts.h"

#include <algorithm>

namespace shequ::registry {

bool ResidentFacts::HasTag(std::string_view tag) const {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

Result<ResidentFacts> LoadResidentFacts(store::Connection& db, ResidentId resident) {
  auto person = db.Query(
      "SELECT r.id, r.community_id, c.street_id, r.name, r.sex, r.birth_date, h.id, b.id, "
      "b.grid_id, b.latitude, b.longitude "
      "FROM residents r JOIN communities c ON c.id = r.community_id "
      "LEFT JOIN residencies rs ON rs.resident_id = r.id AND rs.moved_out_on IS NULL "
      "LEFT JOIN households h ON h.id = rs.household_id "
      "LEFT JOIN buildings b ON b.id = h.building_id "
      "WHERE r.id = ?",
      {resident.value()});
  SHEQU_RETURN_IF_ERROR(person);
  if (person->rows.empty()) {
    return MakeError(ErrorCode::kNotFound, "no such resident", "resident_id");
  }
  const auto& row = person->rows.front();
  auto birth = ParseDate(row.GetText(5));
  SHEQU_RETURN_IF_ERROR(birth);
  ResidentFacts facts{
      .id = ResidentId(row.GetInt(0)),
      .place = {.street = StreetId(row.GetInt(2)),
                .community = CommunityId(row.GetInt(1)),
                .grid = GridId(row.GetOptionalInt(8).value_or(0))},
      .name = row.GetText(3),
      .sex = row.GetText(4),
      .birth_date = *birth,
      .household = HouseholdId(row.GetOptionalInt(6).value_or(0)),
      .building = BuildingId(row.GetOptionalInt(7).value_or(0)),
  };
  if (!row.IsNull(9)) {
    facts.latitude = row.GetDouble(9);
    facts.longitude = row.GetDouble(10);
  }
  auto tags =
      db.Query("SELECT tag, disability_level FROM resident_tags WHERE resident_id = ? ORDER BY tag",
               {resident.value()});
  SHEQU_RETURN_IF_ERROR(tags);
  for (const auto& tag : tags->rows) {
    facts.tags.push_back(tag.GetText(0));
    if (const auto level = tag.GetOptionalInt(1)) facts.disability_level = static_cast<int>(*level);
  }
  return facts;
}

}  // namespace shequ::registry
