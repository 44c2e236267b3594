// A synthetic population for demos and load tests: households in buildings and residents in
// households, shaped like China's 2020 census (第七次全国人口普查), with valid but invented ID
// numbers. Nobody in it exists. Pure and deterministic: the same seed, date and inputs give the
// same people on every platform (std::mt19937_64 with our own integer and real mappings; the
// standard distributions differ between standard libraries). A generator is used by one thread.
//
// The shares it draws from, and why:
//  * Age: 21 five-year bands shaped like the 2020 census pyramid (approximate band shares), then
//    scaled within four groups so the published aggregates are exact: 0-14 17.95%, 15-59 63.35%,
//    60-64 5.20% and 65+ 13.50% (60+ 18.70%). Band quotas are allotted by largest remainder, so a
//    community's shares miss them only by rounding. Birth dates are uniform inside a band.
//  * Sex: male share by age (census sex ratio 105.07 overall: boys outnumber girls, women
//    outnumber men past 60 and clearly past 80).
//  * Households: the people are drawn first, then assembled: children (0-17, and 60% of those
//    18-24) in sibling groups of 1-3 with a mother 22-35 years older and, in 88% of families, a
//    husband 0-4 years older than her; 35% of those families also take in one or two of the
//    parents' parents (three generations); remaining adults pair up (72%) or live alone;
//    remaining elders pair up (62%) or live alone. This lands near the census household figures
//    (mean 2.62 persons, 25% one-person households).
//  * Tags: living_alone for every 60+ person alone; empty_nest for 60+ people in an elders-only
//    household; disabled (GB/T 26341-2010 levels 1-4, level 4 the commonest) rising with age to
//    about 6% overall (the 2006 national disability survey: 6.34%); low_income (低保) for 1.5% of
//    households, extreme_poverty (特困) for 1% of elders living alone; party_member for about 7%
//    of adults (96 million members in 2021); veteran for 6% of men over 25; pregnant for 6% of
//    married women 20-40 (about 12 million births a year); left_behind_child for children under
//    16 living with grandparents and no parent.
//  * Residence: 72% of households are registered here and live here (both), 25% live here with
//    their registration elsewhere (migrants; ID numbers from other provinces), 3% are registered
//    here but live elsewhere.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "base/civil_time.h"
#include "registry/id_number.h"
#include "registry/registry_records.h"

namespace shequ::registry {

// A building to fill, as the generator needs it.
struct DwellingBuilding {
  int floors = 1;           // above ground, >= 1
  int units = 1;            // 单元, >= 1
  double footprint_m2 = 0;  // on the ground
};

struct SyntheticResident {
  std::string name;
  Sex sex = Sex::kMale;
  CivilDate birth_date;
  std::string relation_to_head;      // "head", "spouse", "child", "parent", "grandchild", ...
  std::string id_number;             // 18 characters, GB 11643 check character
  std::optional<std::string> phone;  // a mobile number; none for young children
  ResidenceStatus residence_status = ResidenceStatus::kBoth;
  CivilDate moved_in_on;
  std::vector<ResidentTagValue> tags;
};

struct SyntheticHousehold {
  std::size_t building = 0;  // index into the buildings given
  std::string unit;          // "1", "2", ...; "" when the building has one unit
  int floor = 1;
  std::string room;  // floor then a two-digit door number: "301", "1203"
  std::int64_t floor_area_dm2 = 0;
  std::vector<SyntheticResident> members;  // the head first
};

struct SyntheticCommunity {
  std::vector<SyntheticHousehold> households;  // in building order, then unit, floor, room
  std::size_t residents = 0;
  // The units each building was numbered with: the units given, or more (up to 100) where a
  // crowded building would otherwise have more than 8 doors a floor in a unit.
  std::vector<int> building_units;
};

inline constexpr int kCommunityPopulationMin = 5000;   // the complete community's range
inline constexpr int kCommunityPopulationMax = 12000;  // (完整居住社区, 0.5-1.2 万人)

// The population the buildings would house at 40 m² of gross floor area a person (China's urban
// living space per person, 2020: 38.6 m² of usable area), clamped to the complete community's
// 5,000-12,000. Buildings with no floor area give the minimum.
int PopulationForBuildings(const std::vector<DwellingBuilding>& buildings);

// Generates the communities of one street, one after another. ID numbers are unique across every
// community a generator has made (a person lives in one place). Same seed, same `as_of`, same
// sequence of calls: same output.
class SyntheticPopulationGenerator {
 public:
  SyntheticPopulationGenerator(std::uint64_t seed, const CivilDate& as_of);

  // `population` people (>= 1) in households spread over `buildings` in proportion to their floor
  // area (footprint × floors). Precondition: `buildings` is not empty.
  SyntheticCommunity Generate(const std::vector<DwellingBuilding>& buildings, int population);

  // The share of each of the 21 age bands ("0-4" ... "100+"); they sum to 1.
  static const std::vector<double>& AgeBandShares();

 private:
  std::mt19937_64 rng_;
  CivilDate as_of_;
  std::unordered_set<std::uint64_t> used_id_prefixes_;  // the first 17 digits, as a number
};

}  // namespace shequ::registry
