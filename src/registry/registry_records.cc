#include "registry/registry_records.h"

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
