#include "registry/synthetic_population.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <tuple>

#include "registry/pii_cipher.h"

namespace shequ::registry {
namespace {

constexpr CivilDate kAsOf{2026, 11, 30};

std::vector<DwellingBuilding> SomeBuildings() {
  std::vector<DwellingBuilding> buildings;
  for (int i = 0; i < 40; ++i) {
    buildings.push_back({.floors = 4 + i % 14, .units = 1 + i % 4, .footprint_m2 = 180.0 + 37 * i});
  }
  return buildings;
}

bool HasTag(const SyntheticResident& r, std::string_view tag) {
  for (const auto& t : r.tags) {
    if (t.tag == tag) return true;
  }
  return false;
}

// A digest of everything generated, to compare runs.
std::string Digest(const SyntheticCommunity& community) {
  std::string digest;
  for (const auto& h : community.households) {
    digest += fmt::format("{}|{}|{}|{}|{};", h.building, h.unit, h.floor, h.room, h.floor_area_dm2);
    for (const auto& r : h.members) {
      digest +=
          fmt::format("{},{},{},{},{},{},{},{};", r.name, SexName(r.sex), FormatDate(r.birth_date),
                      r.relation_to_head, r.id_number, r.phone.value_or("-"),
                      ResidenceStatusName(r.residence_status), r.tags.size());
    }
  }
  return digest;
}

TEST(SyntheticPopulationTest, BandSharesSumToOneAndMeetTheCensusAggregates) {
  const auto& shares = SyntheticPopulationGenerator::AgeBandShares();
  ASSERT_EQ(shares.size(), static_cast<std::size_t>(kAgeBandCount));
  double sum = 0, under15 = 0, over60 = 0, over65 = 0;
  for (int b = 0; b < kAgeBandCount; ++b) {
    sum += shares[b];
    if (b < 3) under15 += shares[b];
    if (b >= 12) over60 += shares[b];
    if (b >= 13) over65 += shares[b];
  }
  EXPECT_NEAR(sum, 1.0, 1e-9);
  EXPECT_NEAR(under15, 0.1795, 1e-9);
  EXPECT_NEAR(over60, 0.1870, 1e-9);
  EXPECT_NEAR(over65, 0.1350, 1e-9);
}

TEST(SyntheticPopulationTest, SameSeedSameDataDifferentSeedDifferentData) {
  const auto buildings = SomeBuildings();
  SyntheticPopulationGenerator a(42, kAsOf), b(42, kAsOf), c(43, kAsOf);
  const auto first = a.Generate(buildings, 5000);
  const auto second = b.Generate(buildings, 5000);
  const auto other = c.Generate(buildings, 5000);
  EXPECT_EQ(Digest(first), Digest(second));
  EXPECT_NE(Digest(first), Digest(other));
  // The next community of a generator differs from its first.
  EXPECT_NE(Digest(a.Generate(buildings, 5000)), Digest(first));
}

TEST(SyntheticPopulationTest, AgeAndSexSharesFollowTheCensus) {
  SyntheticPopulationGenerator generator(7, kAsOf);
  for (int population : {5000, 8123, 12000}) {
    const auto community = generator.Generate(SomeBuildings(), population);
    ASSERT_EQ(community.residents, static_cast<std::size_t>(population));
    int under15 = 0, from15to59 = 0, over60 = 0, over65 = 0, men = 0, total = 0;
    for (const auto& h : community.households) {
      for (const auto& r : h.members) {
        const int age = AgeOn(r.birth_date, kAsOf);
        ASSERT_GE(age, 0);
        ++total;
        if (age < 15) {
          ++under15;
        } else if (age < 60) {
          ++from15to59;
        } else {
          ++over60;
        }
        if (age >= 65) ++over65;
        if (r.sex == Sex::kMale) ++men;
      }
    }
    ASSERT_EQ(total, population);
    const double n = total;
    EXPECT_NEAR(under15 / n, 0.1795, 0.01) << population;
    EXPECT_NEAR(from15to59 / n, 0.6335, 0.01) << population;
    EXPECT_NEAR(over60 / n, 0.1870, 0.01) << population;
    EXPECT_NEAR(over65 / n, 0.1350, 0.01) << population;
    EXPECT_NEAR(men / n, 0.512, 0.02) << population;
  }
}

TEST(SyntheticPopulationTest, IdNumbersAreValidUniqueAndMatchBirthAndSex) {
  SyntheticPopulationGenerator generator(11, kAsOf);
  std::set<std::string> seen;
  int with_phone = 0, total = 0;
  for (int community = 0; community < 3; ++community) {
    for (const auto& h : generator.Generate(SomeBuildings(), 6000).households) {
      for (const auto& r : h.members) {
        ++total;
        auto parsed = ParseIdNumber(r.id_number, kAsOf);
        ASSERT_TRUE(parsed) << r.id_number << ": " << parsed.error().message;
        EXPECT_EQ(parsed->birth_date, r.birth_date) << r.id_number;
        EXPECT_EQ(parsed->sex, r.sex) << r.id_number;
        EXPECT_TRUE(seen.insert(r.id_number).second) << "duplicate " << r.id_number;
        if (r.phone) {
          ++with_phone;
          EXPECT_TRUE(NormalisePhone(*r.phone)) << *r.phone;
        }
        EXPECT_GE(r.name.size(), 6u) << r.name;  // a surname and a given name, 3 bytes each
      }
    }
  }
  EXPECT_GT(with_phone, total * 7 / 10);
}

TEST(SyntheticPopulationTest, HouseholdsAreCoherentFamilies) {
  SyntheticPopulationGenerator generator(3, kAsOf);
  const auto buildings = SomeBuildings();
  const auto community = generator.Generate(buildings, 10000);
  std::map<std::size_t, int> by_size;
  std::set<std::tuple<std::size_t, std::string, std::string>> doors;
  for (const auto& h : community.households) {
    ASSERT_FALSE(h.members.empty());
    ++by_size[std::min<std::size_t>(h.members.size(), 6)];
    ASSERT_LT(h.building, buildings.size());
    EXPECT_GE(h.floor, 1);
    EXPECT_LE(h.floor, buildings[h.building].floors);
    EXPECT_TRUE(h.room.starts_with(std::to_string(h.floor))) << h.room;
    EXPECT_TRUE(doors.emplace(h.building, h.unit, h.room).second) << "two households in " << h.room;
    EXPECT_GE(h.floor_area_dm2, 25 * 100);
    EXPECT_LE(h.floor_area_dm2, 270 * 100);
    // The head first, exactly one; spouses of the opposite sex; children younger than the head
    // by at least 16 years when the head is their parent; parents older.
    EXPECT_EQ(h.members.front().relation_to_head, "head");
    const auto& head = h.members.front();
    const int head_age = AgeOn(head.birth_date, kAsOf);
    int heads = 0, spouses = 0;
    for (const auto& r : h.members) {
      EXPECT_TRUE(IsRelationToHead(r.relation_to_head)) << r.relation_to_head;
      const int age = AgeOn(r.birth_date, kAsOf);
      if (r.relation_to_head == "head") ++heads;
      if (r.relation_to_head == "spouse") {
        ++spouses;
        EXPECT_NE(r.sex, head.sex);
        EXPECT_LE(std::abs(age - head_age), 12);
      }
      if (r.relation_to_head == "child") {
        EXPECT_GE(head_age - age, 16);
      } else if (r.relation_to_head == "parent") {
        EXPECT_GE(age - head_age, 16);
      } else if (r.relation_to_head == "grandchild") {
        EXPECT_GE(head_age - age, 34);
      }
      EXPECT_GE(r.moved_in_on, r.birth_date);
      EXPECT_LE(r.moved_in_on, kAsOf);
      // Tags follow the household.
      if (HasTag(r, "living_alone")) {
        EXPECT_EQ(h.members.size(), 1u);
        EXPECT_GE(age, 60);
      }
      if (HasTag(r, "pregnant")) {
        EXPECT_EQ(r.sex, Sex::kFemale);
        EXPECT_GE(age, 20);
        EXPECT_LE(age, 40);
      }
    }
    EXPECT_EQ(heads, 1);
    EXPECT_LE(spouses, 1);
  }
  const double households = static_cast<double>(community.households.size());
  const double mean = static_cast<double>(community.residents) / households;
  EXPECT_GT(mean, 2.4);
  EXPECT_LT(mean, 2.9);
  EXPECT_NEAR(by_size[1] / households, 0.25, 0.07);
  EXPECT_GT(by_size[3] + by_size[4] + by_size[5] + by_size[6], by_size[1]);
  EXPECT_GT(by_size[5] + by_size[6], 0);
  // Households of several buildings, and every building used at this size.
  std::set<std::size_t> used;
  for (const auto& h : community.households) used.insert(h.building);
  EXPECT_EQ(used.size(), buildings.size());
}

TEST(SyntheticPopulationTest, TagsComeInPlausibleShares) {
  SyntheticPopulationGenerator generator(5, kAsOf);
  const auto community = generator.Generate(SomeBuildings(), 12000);
  std::map<std::string, int> tags;
  std::map<int, int> levels;
  int adults = 0, elders = 0, elders_alone = 0, disabled_elders = 0;
  int low_income_households = 0;
  for (const auto& h : community.households) {
    bool low_income = false;
    for (const auto& r : h.members) {
      const int age = AgeOn(r.birth_date, kAsOf);
      if (age >= 18) ++adults;
      if (age >= 60) ++elders;
      if (age >= 60 && h.members.size() == 1) ++elders_alone;
      for (const auto& t : r.tags) {
        ++tags[t.tag];
        if (t.tag == "disabled") {
          ASSERT_TRUE(t.disability_level);
          ++levels[*t.disability_level];
          if (age >= 60) ++disabled_elders;
        } else {
          EXPECT_FALSE(t.disability_level);
        }
        if (t.tag == "low_income" || t.tag == "extreme_poverty") low_income = true;
      }
    }
    if (low_income) ++low_income_households;
  }
  const double n = static_cast<double>(community.residents);
  EXPECT_NEAR(tags["disabled"] / n, 0.06, 0.015);
  EXPECT_GT(disabled_elders / static_cast<double>(elders), tags["disabled"] / n);  // rises
  for (int level = 1; level <= 4; ++level) EXPECT_GT(levels[level], 0) << level;
  EXPECT_NEAR(tags["party_member"] / static_cast<double>(adults), 0.07, 0.015);
  const double households = static_cast<double>(community.households.size());
  EXPECT_GE(low_income_households / households, 0.005);
  EXPECT_LE(low_income_households / households, 0.03);
  EXPECT_EQ(tags["living_alone"], elders_alone);
  EXPECT_GT(tags["empty_nest"], 0);
  EXPECT_GT(tags["veteran"], 0);
  EXPECT_GT(tags["pregnant"], 0);
}

TEST(SyntheticPopulationTest, PopulationFromFloorAreaIsClampedToTheCommunityRange) {
  EXPECT_EQ(PopulationForBuildings({}), kCommunityPopulationMin);
  EXPECT_EQ(PopulationForBuildings({{.floors = 3, .units = 1, .footprint_m2 = 200}}), 5000);
  // 10 buildings of 20 floors × 2,000 m² = 400,000 m², 10,000 people.
  std::vector<DwellingBuilding> middle(10, {.floors = 20, .units = 4, .footprint_m2 = 2000});
  EXPECT_EQ(PopulationForBuildings(middle), 10000);
  std::vector<DwellingBuilding> large(100, {.floors = 30, .units = 4, .footprint_m2 = 2000});
  EXPECT_EQ(PopulationForBuildings(large), kCommunityPopulationMax);
}

TEST(SyntheticPopulationTest, CrowdedBuildingsGetMoreUnitsNotLongCorridors) {
  SyntheticPopulationGenerator generator(13, kAsOf);
  const std::vector<DwellingBuilding> buildings = {{.floors = 3, .units = 1, .footprint_m2 = 400},
                                                   {.floors = 20, .units = 2, .footprint_m2 = 900}};
  const auto community = generator.Generate(buildings, 5000);
  ASSERT_EQ(community.building_units.size(), buildings.size());
  EXPECT_GT(community.building_units[0], 1);
  std::set<std::tuple<std::size_t, std::string, std::string>> doors;
  for (const auto& h : community.households) {
    const int door = std::stoi(h.room.substr(std::to_string(h.floor).size()));
    EXPECT_GE(door, 1);
    EXPECT_LE(door, 8) << h.room;
    EXPECT_LE(std::stoi(h.unit.empty() ? "1" : h.unit), community.building_units[h.building]);
    EXPECT_TRUE(doors.emplace(h.building, h.unit, h.room).second) << h.unit << "-" << h.room;
  }
}

TEST(SyntheticPopulationTest, SmallPopulationsStillMakeHouseholds) {
  SyntheticPopulationGenerator generator(9, kAsOf);
  for (int population : {1, 2, 17, 120}) {
    const auto community =
        generator.Generate({{.floors = 3, .units = 2, .footprint_m2 = 300}}, population);
    EXPECT_EQ(community.residents, static_cast<std::size_t>(population));
    for (const auto& h : community.households) {
      EXPECT_EQ(h.members.front().relation_to_head, "head");
      for (const auto& r : h.members) EXPECT_TRUE(ParseIdNumber(r.id_number, kAsOf));
    }
  }
}

}  // namespace
}  // namespace shequ::registry
