#include "registry/id_number.h"

#include <gtest/gtest.h>

namespace shequ::registry {
namespace {

constexpr CivilDate kToday{2026, 11, 30};

// Valid synthetic numbers, check characters computed by GB 11643-1999 clause 7 by hand.
struct ValidCase {
  const char* text;
  const char* normalised;
  CivilDate birth;
  Sex sex;
};

TEST(IdNumberTest, AcceptsValidNumbersAndDerivesBirthAndSex) {
  const ValidCase cases[] = {
      {"11010519491231002X", "11010519491231002X", {1949, 12, 31}, Sex::kFemale},
      {"11010519491231002x", "11010519491231002X", {1949, 12, 31}, Sex::kFemale},  // lower x
      {"440304200002290014", "440304200002290014", {2000, 2, 29}, Sex::kMale},     // leap day
      {"310115202011300040", "310115202011300040", {2020, 11, 30}, Sex::kFemale},
      {"510108199003071232", "510108199003071232", {1990, 3, 7}, Sex::kMale},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto parsed = ParseIdNumber(c.text, kToday);
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->value, c.normalised);
    EXPECT_EQ(parsed->birth_date, c.birth);
    EXPECT_EQ(parsed->sex, c.sex);
  }
}

TEST(IdNumberTest, CheckCharacterFollowsMod11_2) {
  EXPECT_EQ(IdNumberCheckChar("11010519491231002"), 'X');
  EXPECT_EQ(IdNumberCheckChar("44030420000229001"), '4');
  EXPECT_EQ(IdNumberCheckChar("11010119800101001"), '0');
}

struct InvalidCase {
  const char* text;
  const char* message_part;
};

TEST(IdNumberTest, RefusesEachKindOfBadNumber) {
  const InvalidCase cases[] = {
      {"510108199003071233", "check character"}, {"11010519491231002Y", "digit or X"},
      {"1101051949123100", "18 characters"},     {"110105194912310", "15-digit"},  // legacy number
      {"11010A19491231002X", "first 17"},        {"910105194912310021", "region code"},
      {"440304200102290010", "not a real date"},  // 2001-02-29
      {"440304200013010010", "not a real date"},  // month 13
      {"440304202712010010", "future"},          {"", "18 characters"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto parsed = ParseIdNumber(c.text, kToday);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(parsed.error().field, "id_number");
    EXPECT_NE(parsed.error().message.find(c.message_part), std::string::npos)
        << parsed.error().message;
  }
}

TEST(IdNumberTest, CheckAgainstFlagsMismatches) {
  auto parsed = ParseIdNumber("510108199003071232", kToday).value();
  EXPECT_TRUE(CheckAgainst(parsed, std::nullopt, std::nullopt));
  EXPECT_TRUE(CheckAgainst(parsed, CivilDate{1990, 3, 7}, Sex::kMale));
  auto wrong_date = CheckAgainst(parsed, CivilDate{1990, 3, 8}, std::nullopt);
  ASSERT_FALSE(wrong_date);
  EXPECT_EQ(wrong_date.error().field, "birth_date");
  auto wrong_sex = CheckAgainst(parsed, std::nullopt, Sex::kFemale);
  ASSERT_FALSE(wrong_sex);
  EXPECT_EQ(wrong_sex.error().field, "sex");
}

}  // namespace
}  // namespace shequ::registry
