#include "registry/registry_records.h"

#include <gtest/gtest.h>

namespace shequ::registry {
namespace {

TEST(PopulationTest, HandComputedFixture) {
  const CivilDate today{2026, 11, 30};
  // household 1: a lone elder (80 today) with disability level 2
  // household 2: a couple of 64 and 60 (she turns 60 today), low income, and their grandson of 2
  // household 3: a girl of 3 (born today three years ago), a boy of 5, a man of 100
  const std::vector<PopulationMember> members = {
      {1, Sex::kFemale, {1946, 11, 30}, true, true, 2, false},
      {2, Sex::kMale, {1962, 1, 1}, false, false, std::nullopt, true},
      {2, Sex::kFemale, {1966, 11, 30}, false, false, std::nullopt, true},
      {2, Sex::kMale, {2024, 1, 1}, false, false, std::nullopt, false},
      {3, Sex::kFemale, {2023, 11, 30}, false, false, std::nullopt, false},
      {3, Sex::kMale, {2021, 12, 1}, false, false, std::nullopt, false},
      {3, Sex::kMale, {1926, 11, 29}, false, false, std::nullopt, false},
  };
  const auto s = ComputePopulation(members, today);
  EXPECT_EQ(s.total, 7);
  ASSERT_EQ(s.by_age_band.size(), 21u);
  EXPECT_EQ(s.by_age_band[0].band, "0-4");
  EXPECT_EQ(s.by_age_band[0].male, 2);    // 2, and 4 (5 tomorrow)
  EXPECT_EQ(s.by_age_band[0].female, 1);  // 3
  EXPECT_EQ(s.by_age_band[1].male, 0);
  EXPECT_EQ(s.by_age_band[12].band, "60-64");
  EXPECT_EQ(s.by_age_band[12].male, 1);
  EXPECT_EQ(s.by_age_band[12].female, 1);
  EXPECT_EQ(s.by_age_band[16].female, 1);  // 80
  EXPECT_EQ(s.by_age_band[20].band, "100+");
  EXPECT_EQ(s.by_age_band[20].male, 1);
  EXPECT_EQ(s.age_60_plus, 4);
  EXPECT_EQ(s.age_65_plus, 2);
  EXPECT_EQ(s.age_80_plus, 2);
  EXPECT_EQ(s.children_0_3, 1);  // age < 3
  EXPECT_EQ(s.children_3_6, 2);  // 3 and 4
  EXPECT_EQ(s.elderly_living_alone, 1);
  EXPECT_EQ(s.disabled_elderly, 1);
  EXPECT_EQ(s.disabled_elderly_by_level.at(2), 1);
  EXPECT_EQ(s.low_income_households, 1);
}

}  // namespace
}  // namespace shequ::registry
