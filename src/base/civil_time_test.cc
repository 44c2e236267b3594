#include "base/civil_time.h"

#include <gtest/gtest.h>

namespace shequ {
namespace {

TEST(CivilTimeTest, DaysRoundTripAcrossEras) {
  for (std::int64_t days = -800000; days <= 800000; days += 997) {
    EXPECT_EQ(DaysFromCivil(CivilFromDays(days)), days);
  }
  EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil({2000, 3, 1}), 11017);
}

TEST(CivilTimeTest, LeapYears) {
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
  EXPECT_FALSE(IsValidDate({2023, 2, 29}));
  EXPECT_TRUE(IsValidDate({2024, 2, 29}));
  EXPECT_FALSE(IsValidDate({2024, 13, 1}));
}

TEST(CivilTimeTest, FormatsUtcAndShanghai) {
  // 2026-11-30T04:00:00Z is noon in Shanghai.
  const Instant instant = ShanghaiStartOfDay({2026, 11, 30}) + 12 * 3600 * kMicrosPerSecond;
  EXPECT_EQ(FormatUtc(instant), "2026-11-30T04:00:00Z");
  EXPECT_EQ(FormatShanghai(instant), "2026-11-30T12:00:00+08:00");
}

TEST(CivilTimeTest, ShanghaiDateChangesAtSixteenUtc) {
  const auto before = ParseInstant("2026-11-30T15:59:59Z");
  const auto after = ParseInstant("2026-11-30T16:00:00Z");
  ASSERT_TRUE(before && after);
  EXPECT_EQ(ShanghaiDate(*before), (CivilDate{2026, 11, 30}));
  EXPECT_EQ(ShanghaiDate(*after), (CivilDate{2026, 12, 1}));
}

TEST(CivilTimeTest, ParsesInstantsWithOffsets) {
  const auto utc = ParseInstant("2026-11-30T04:00:00Z");
  const auto shanghai = ParseInstant("2026-11-30T12:00:00+08:00");
  const auto fraction = ParseInstant("2026-11-30T04:00:00.25Z");
  ASSERT_TRUE(utc && shanghai && fraction);
  EXPECT_EQ(*utc, *shanghai);
  EXPECT_EQ(*fraction - *utc, 250000);
}

TEST(CivilTimeTest, RefusesAmbiguousOrMalformedTimes) {
  for (const char* text :
       {"2026-11-30T12:00:00", "2026-11-30", "2026-02-30T00:00:00Z", "2026-11-30T24:00:00Z",
        "2026-11-30T12:00:00+8:00", "garbage", "2026-11-30T12:00:00.Z"}) {
    EXPECT_FALSE(ParseInstant(text)) << text;
  }
}

TEST(CivilTimeTest, ParsesAndFormatsDates) {
  const auto date = ParseDate("1946-02-28");
  ASSERT_TRUE(date);
  EXPECT_EQ(FormatDate(*date), "1946-02-28");
  EXPECT_FALSE(ParseDate("1946-2-28"));
  EXPECT_FALSE(ParseDate("2023-02-29"));
}

TEST(CivilTimeTest, AgeCountsWholeYears) {
  EXPECT_EQ(AgeOn({1946, 11, 30}, {2026, 11, 30}), 80);
  EXPECT_EQ(AgeOn({1946, 12, 1}, {2026, 11, 30}), 79);
  EXPECT_EQ(AgeOn({2024, 2, 29}, {2025, 2, 28}), 0);
  EXPECT_EQ(AgeOn({2024, 2, 29}, {2025, 3, 1}), 1);
}

TEST(CivilTimeTest, FakeClockMovesOnlyWhenTold) {
  FakeClock clock(1000);
  EXPECT_EQ(clock.Now(), 1000);
  clock.Advance(500);
  EXPECT_EQ(clock.Now(), 1500);
}

}  // namespace
}  // namespace shequ
