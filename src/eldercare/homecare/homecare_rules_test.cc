// The local rules at their boundaries: the subsidy pro rata, who is eligible, late and missed at
// exactly the grace and one second after, away from home at 199 and 201 metres, order windows.
#include "eldercare/homecare/homecare_rules.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace shequ::eldercare {
namespace {

constexpr CivilDate kDay{2026, 12, 1};
constexpr Instant kSecond = kMicrosPerSecond;
constexpr Instant kMinute = 60 * kMicrosPerSecond;

TEST(HomeCareRules, LocalInstantIsShanghaiTime) {
  // 2026-12-01 00:00 +08:00 is 2026-11-30 16:00 UTC.
  EXPECT_EQ(LocalInstant(kDay, 0), 1'796'054'400LL * kSecond);
  EXPECT_EQ(LocalInstant(kDay, 9 * 60 + 30), LocalInstant(kDay, 0) + 570 * kMinute);
}

TEST(HomeCareRules, EligibilityByGradeOrTag) {
  const std::vector<std::string> none;
  EXPECT_FALSE(EligibleForHomeCareSubsidy(std::nullopt, none));
  EXPECT_FALSE(EligibleForHomeCareSubsidy(1, none));  // 轻度失能: not yet
  EXPECT_TRUE(EligibleForHomeCareSubsidy(2, none));   // 中度失能
  EXPECT_TRUE(EligibleForHomeCareSubsidy(4, none));
  const std::vector<std::string> dibao{"living_alone", "low_income"};
  const std::vector<std::string> tekun{"extreme_poverty"};
  const std::vector<std::string> other{"disabled", "living_alone"};
  EXPECT_TRUE(EligibleForHomeCareSubsidy(std::nullopt, dibao));
  EXPECT_TRUE(EligibleForHomeCareSubsidy(0, tekun));
  EXPECT_FALSE(EligibleForHomeCareSubsidy(1, other));
}

TEST(HomeCareRules, SubsidyIsProRataOfTheRemainingMinutes) {
  // Bathing: 60 minutes, 80.00 yuan, 120 subsidised minutes a month.
  auto s = SubsidyForVisit(true, 8000, 60, 120, 0);
  EXPECT_EQ(s.covered_min, 60);
  EXPECT_EQ(s.subsidy_fen, 8000);
  s = SubsidyForVisit(true, 8000, 60, 120, 60);  // exactly one visit left: all of it
  EXPECT_EQ(s.covered_min, 60);
  EXPECT_EQ(s.subsidy_fen, 8000);
  s = SubsidyForVisit(true, 8000, 60, 120, 90);  // 30 of 60 minutes: half
  EXPECT_EQ(s.covered_min, 30);
  EXPECT_EQ(s.subsidy_fen, 4000);
  s = SubsidyForVisit(true, 8000, 60, 120, 120);  // used up
  EXPECT_EQ(s.covered_min, 0);
  EXPECT_EQ(s.subsidy_fen, 0);
  s = SubsidyForVisit(true, 8000, 60, 120, 150);  // over (the table changed): nothing, not negative
  EXPECT_EQ(s.covered_min, 0);
  EXPECT_EQ(s.subsidy_fen, 0);
  // Cleaning, 50.00 for 60 minutes with 20 left: 5000 × 20 / 60 = 1666.67, rounded down.
  s = SubsidyForVisit(true, 5000, 60, 120, 100);
  EXPECT_EQ(s.covered_min, 20);
  EXPECT_EQ(s.subsidy_fen, 1666);
  // Not eligible, or a service without subsidised minutes: nothing.
  EXPECT_EQ(SubsidyForVisit(false, 8000, 60, 120, 0).subsidy_fen, 0);
  EXPECT_EQ(SubsidyForVisit(true, 500, 20, 0, 0).subsidy_fen, 0);
}

TEST(HomeCareRules, LateAfterTheGraceNotAtIt) {
  ASSERT_EQ(kLateGraceMinutes, 15);
  const int planned = 10 * 60;
  EXPECT_FALSE(IsLateCheckIn(kDay, planned, LocalInstant(kDay, planned) - 10 * kMinute));
  EXPECT_FALSE(IsLateCheckIn(kDay, planned, LocalInstant(kDay, planned + 15)));
  EXPECT_TRUE(IsLateCheckIn(kDay, planned, LocalInstant(kDay, planned + 15) + kSecond));
}

TEST(HomeCareRules, MissedAfterWindowEndPlusGrace) {
  ASSERT_EQ(kMissedGraceMinutes, 15);
  const int window_end = 11 * 60;
  const Instant edge = LocalInstant(kDay, window_end + 15);
  EXPECT_FALSE(IsMissedAt(kDay, window_end, false, edge));
  EXPECT_TRUE(IsMissedAt(kDay, window_end, false, edge + kSecond));
  EXPECT_FALSE(IsMissedAt(kDay, window_end, true, edge + 60 * kMinute));  // checked in
  EXPECT_TRUE(IsMissedAt(kDay, window_end, false, LocalInstant({2026, 12, 2}, 0)));
}

TEST(HomeCareRules, AwayFromHomeBeyondTwoHundredMetres) {
  ASSERT_EQ(kAwayFromHomeMetres, 200.0);
  const double lat = 31.95, lon = 119.17;
  // Along a meridian one degree is R·π/180 = 111,195.08 m.
  const double metre = 1.0 / 111'195.08;
  EXPECT_NEAR(DistanceMetres(lat, lon, lat + 199 * metre, lon), 199.0, 0.01);
  EXPECT_FALSE(IsAwayFromHome(lat, lon, lat + 199 * metre, lon));
  EXPECT_TRUE(IsAwayFromHome(lat, lon, lat + 201 * metre, lon));
  EXPECT_FALSE(IsAwayFromHome(std::nullopt, std::nullopt, 0, 0));  // no home to compare with
}

TEST(HomeCareRules, OrderWindows) {
  EXPECT_TRUE(CheckOrderWindow(540, 660, 60));
  EXPECT_TRUE(CheckOrderWindow(540, 600, 60));  // exactly the duration
  auto error = CheckOrderWindow(540, 590, 60);
  ASSERT_FALSE(error);
  EXPECT_EQ(error.error().field, "window_end");
  EXPECT_EQ(CheckOrderWindow(540, 540, 60).error().field, "window_end");
  EXPECT_EQ(CheckOrderWindow(600, 540, 30).error().field, "window_end");
  EXPECT_EQ(CheckOrderWindow(-1, 540, 30).error().field, "window_start");
  EXPECT_EQ(CheckOrderWindow(540, 1441, 30).error().field, "window_end");
}

}  // namespace
}  // namespace shequ::eldercare
