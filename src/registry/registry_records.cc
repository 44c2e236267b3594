#include "registry/registry_records.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string_view>

namespace shequ::registry {

std::string_view ResidenceStatusName(ResidenceStatus status) {
  switch (status) {
    case ResidenceStatus::kRegistered:
      return "registered";
    case ResidenceStatus::kLivingHere:
      return "living_here";
    case ResidenceStatus::kBoth:
      return "both";
  }
  return "living_here";
}

std::optional<ResidenceStatus> ParseResidenceStatus(std::string_view name) {
  if (name == "registered") return ResidenceStatus::kRegistered;
  if (name == "living_here") return ResidenceStatus::kLivingHere;
  if (name == "both") return ResidenceStatus::kBoth;
  return std::nullopt;
}

bool IsRelationToHead(std::string_view relation) {
  // Keep in step with the CHECK on residencies.relation_to_head (0003_registry.sql).
  constexpr std::string_view kRelations[] = {"head",    "spouse",       "child",
                                             "parent",  "grandchild",   "grandparent",
                                             "sibling", "child_in_law", "other"};
  return std::ranges::find(kRelations, relation) != std::end(kRelations);
}

bool IsResidentTag(std::string_view tag) {
  // Keep in step with the CHECK on resident_tags.tag (0003_registry.sql).
  constexpr std::string_view kTags[] = {"living_alone",    "disabled",     "low_income",
                                        "extreme_poverty", "party_member", "veteran",
                                        "pregnant",        "empty_nest",   "left_behind_child"};
  return std::ranges::find(kTags, tag) != std::end(kTags);
}

namespace {

Status RequireText(std::string_view value, std::string_view field, std::size_t max_bytes) {
  if (value.empty())
    return InvalidArgument(fmt::format("{} is required", field), std::string(field));
  if (value.size() > max_bytes) {
    return InvalidArgument(fmt::format("{} is too long", field), std::string(field));
  }
  return {};
}

}  // namespace

Status CheckResidentTags(const std::vector<ResidentTagValue>& tags) {
  std::set<std::string_view> seen;
  for (const auto& tag : tags) {
    if (!IsResidentTag(tag.tag)) {
      return InvalidArgument(fmt::format("unknown tag '{}'", tag.tag), "tags");
    }
    if (tag.disability_level &&
        (tag.tag != "disabled" || *tag.disability_level < 1 || *tag.disability_level > 4)) {
      return InvalidArgument("disability_level is 1-4, and only on the disabled tag", "tags");
    }
    if (!seen.insert(tag.tag).second) {
      return InvalidArgument(fmt::format("tag '{}' is given twice", tag.tag), "tags");
    }
  }
  return {};
}

Status CheckBuildingFields(const Building& building) {
  SHEQU_RETURN_IF_ERROR(RequireText(building.number, "number", 64));
  SHEQU_RETURN_IF_ERROR(RequireText(building.address, "address", 512));
  if (building.floors && (*building.floors < 1 || *building.floors > 200)) {
    return InvalidArgument("floors must be between 1 and 200", "floors");
  }
  if (building.year_built && (*building.year_built < 1000 || *building.year_built > 2200)) {
    return InvalidArgument("year_built is not a plausible year", "year_built");
  }
  if (building.units < 1 || building.units > 100) {
    return InvalidArgument("units must be between 1 and 100", "units");
  }
  if (building.latitude.has_value() != building.longitude.has_value()) {
    return InvalidArgument("latitude and longitude go together: give both or neither",
                           building.latitude ? "longitude" : "latitude");
  }
  if (building.latitude && !(*building.latitude >= -90 && *building.latitude <= 90)) {
    return InvalidArgument("latitude must be between -90 and 90", "latitude");
  }
  if (building.longitude && !(*building.longitude >= -180 && *building.longitude <= 180)) {
    return InvalidArgument("longitude must be between -180 and 180", "longitude");
  }
  if (building.osm_id && *building.osm_id <= 0) {
    return InvalidArgument("osm_id must be a positive OpenStreetMap id", "osm_id");
  }
  return {};
}

Status CheckHouseholdFields(const Household& household) {
  SHEQU_RETURN_IF_ERROR(RequireText(household.room, "room", 64));
  if (household.unit.size() > 64) return InvalidArgument("unit is too long", "unit");
  if (household.floor < -5 || household.floor > 200) {
    return InvalidArgument("floor must be between -5 and 200", "floor");
  }
  if (household.floor_area_dm2 && *household.floor_area_dm2 <= 0) {
    return InvalidArgument("floor_area_m2 must be positive", "floor_area_m2");
  }
  return {};
}

PopulationStructure ComputePopulation(const std::vector<PopulationMember>& members,
                                      const CivilDate& today) {
  PopulationStructure structure;
  structure.as_of = today;
  structure.by_age_band.resize(kAgeBandCount);
  for (int i = 0; i < kAgeBandCount; ++i) {
    structure.by_age_band[static_cast<std::size_t>(i)].band =
        i + 1 == kAgeBandCount ? "100+" : std::to_string(5 * i) + "-" + std::to_string(5 * i + 4);
  }
  std::set<std::int64_t> low_income_households;
  for (const auto& member : members) {
    const int age = std::max(0, AgeOn(member.birth_date, today));
    ++structure.total;
    auto& band = structure.by_age_band[static_cast<std::size_t>(std::min(age / 5, 20))];
    ++(member.sex == Sex::kMale ? band.male : band.female);
    if (age >= 60) ++structure.age_60_plus;
    if (age >= 65) ++structure.age_65_plus;
    if (age >= 80) ++structure.age_80_plus;
    if (age < 3) ++structure.children_0_3;
    if (age >= 3 && age < 6) ++structure.children_3_6;
    if (age >= 60 && member.living_alone) ++structure.elderly_living_alone;
    if (age >= 60 && member.disabled) {
      ++structure.disabled_elderly;
      if (member.disability_level) ++structure.disabled_elderly_by_level[*member.disability_level];
    }
    if (member.low_income) low_income_households.insert(member.household_id);
  }
  structure.low_income_households = static_cast<std::int64_t>(low_income_households.size());
  return structure;
}

}  // namespace shequ::registry
