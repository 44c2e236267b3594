// The records of the registry below the places: buildings (楼栋), households (户), residents
// (居民), their residencies (who lived where, when) and tags, and the population structure computed
// from them. Plain values with no I/O; safe to copy between threads. Personal numbers never appear
// here in clear: a ResidentRecord carries their masked forms only.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/civil_time.h"
#include "base/error.h"
#include "base/ids.h"
#include "registry/id_number.h"

namespace shequ::registry {

using BuildingId = Id<struct BuildingTag>;
using HouseholdId = Id<struct HouseholdTag>;
using ResidentId = Id<struct ResidentTag>;

struct Building {
  BuildingId id;
  CommunityId community_id;
  GridId grid_id;  // invalid when the building is in no grid yet
  std::string number;
  std::string address;
  std::optional<int> floors;
  bool has_elevator = false;
  std::optional<int> year_built;
  int units = 1;
  // Where it stands, WGS 84: a point (both or neither), and the outline as a GeoJSON Polygon
  // (compact text, checked by CheckFootprint), and the OpenStreetMap way it came from.
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::optional<std::string> footprint;
  std::optional<std::int64_t> osm_id;
  Instant created_at = 0;
};

// A building on the map: the open households and the residents living there now.
struct BuildingOccupancy {
  Building building;
  std::int64_t households = 0;
  std::int64_t residents = 0;
};

struct Household {
  HouseholdId id;
  CommunityId community_id;
  BuildingId building_id;
  std::string unit;
  int floor = 1;
  std::string room;
  std::optional<std::int64_t> floor_area_dm2;  // 0.01 m²
  Instant created_at = 0;
};

// The field rules of a building and of a household as they are stored (the same on creation,
// edit and import): kInvalidArgument naming the field. A footprint is checked by CheckFootprint.
Status CheckBuildingFields(const Building& building);
Status CheckHouseholdFields(const Household& household);

// An open household with the number of residents living there now (an open residency).
struct HouseholdOccupancy {
  Household household;
  std::int64_t residents = 0;
  std::string building_number;  // filled where a list spans buildings (exports)
};

enum class ResidenceStatus { kRegistered, kLivingHere, kBoth };  // 户籍 / 常住 / 户籍且常住
std::string_view ResidenceStatusName(ResidenceStatus status);
std::optional<ResidenceStatus> ParseResidenceStatus(std::string_view name);

// Relations to the household head, as the household register (户口簿) writes them.
bool IsRelationToHead(std::string_view relation);
// Tags services count; disability carries a level 1-4.
bool IsResidentTag(std::string_view tag);

struct ResidentTagValue {
  std::string tag;
  std::optional<int> disability_level;
};

// Known tags, each at most once, a disability level 1-4 on the disabled tag only:
// kInvalidArgument naming "tags".
Status CheckResidentTags(const std::vector<ResidentTagValue>& tags);

// A resident as responses show them: ID and phone masked.
struct ResidentRecord {
  ResidentId id;
  CommunityId community_id;
  std::string name;
  Sex sex = Sex::kMale;
  CivilDate birth_date;
  std::optional<std::string> id_number_masked;
  std::optional<std::string> phone_masked;
  ResidenceStatus residence_status = ResidenceStatus::kLivingHere;
  // The open residency; absent once the resident has moved out.
  HouseholdId household_id;
  BuildingId building_id;
  GridId grid_id;
  std::string relation_to_head;
  std::optional<CivilDate> moved_in_on;
  std::vector<ResidentTagValue> tags;
};

// Counts by sex in one 5-year age band ("0-4", ..., "95-99", "100+").
struct AgeBand {
  std::string band;
  std::int64_t male = 0;
  std::int64_t female = 0;
};

inline constexpr int kAgeBandCount = 21;

// The population of a community, grid or building on one day: the residents with an open
// residency in a household there. Children 0-3 are age < 3, children 3-6 are 3 <= age < 6.
struct PopulationStructure {
  CivilDate as_of;
  std::int64_t total = 0;
  std::vector<AgeBand> by_age_band;
  std::int64_t age_60_plus = 0;
  std::int64_t age_65_plus = 0;
  std::int64_t age_80_plus = 0;
  std::int64_t children_0_3 = 0;
  std::int64_t children_3_6 = 0;
  std::int64_t elderly_living_alone = 0;                  // 60+ tagged living_alone
  std::int64_t disabled_elderly = 0;                      // 60+ tagged disabled
  std::map<int, std::int64_t> disabled_elderly_by_level;  // level → count (known levels)
  std::int64_t low_income_households = 0;  // households with a low_income or extreme_poverty member
};

// One person counted in a population: what the structure needs, nothing else.
struct PopulationMember {
  std::int64_t household_id = 0;
  Sex sex = Sex::kMale;
  CivilDate birth_date;
  bool living_alone = false;
  bool disabled = false;
  std::optional<int> disability_level;
  bool low_income = false;  // low_income or extreme_poverty
};

// The structure of `members` on `today` (pure; tested with a hand-computed fixture).
PopulationStructure ComputePopulation(const std::vector<PopulationMember>& members,
                                      const CivilDate& today);

}  // namespace shequ::registry
