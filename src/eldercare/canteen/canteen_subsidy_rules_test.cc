#include "eldercare/canteen/canteen_subsidy_rules.h"

#include <gtest/gtest.h>

namespace shequ::eldercare {
namespace {

constexpr CivilDate kMonday{2026, 11, 30};

SubsidyRuleTable Default() {
  auto table = ParseSubsidyRules(DefaultSubsidyRulesTsv());
  EXPECT_TRUE(table) << table.error().message;
  return table.value_or(SubsidyRuleTable{});
}

// STANDARDS.md §4.2, Jurong 2023 lunch subsidy tiers, one row per case, on a 15.00 yuan lunch.
struct TierCase {
  const char* name;
  int age;
  std::vector<std::string> tags;
  std::int64_t subsidy_fen;
  const char* tier;
};

TEST(CanteenSubsidyRulesTest, JurongTiersFromTheShippedTable) {
  const SubsidyRuleTable table = Default();
  ASSERT_EQ(table.rules.size(), 6u);
  const TierCase cases[] = {
      {"59: no tier", 59, {}, 0, ""},
      {"60: 60-74 tier 1 yuan", 60, {}, 100, "60-74岁补贴"},
      {"74: still 1 yuan", 74, {}, 100, "60-74岁补贴"},
      {"75: 75-84 tier 5 yuan", 75, {}, 500, "75-84岁补贴"},
      {"84: still 5 yuan", 84, {}, 500, "75-84岁补贴"},
      {"85: 85-94 tier 8 yuan", 85, {}, 800, "85-94岁补贴"},
      {"94: still 8 yuan", 94, {}, 800, "85-94岁补贴"},
      {"95: 9 yuan", 95, {}, 900, "95岁以上补贴"},
      {"103: 9 yuan", 103, {}, 900, "95岁以上补贴"},
      {"低保 at 60: 8 yuan", 60, {"low_income"}, 800, "低保老人补贴"},
      {"低保 at 59: nothing", 59, {"low_income"}, 0, ""},
      {"特困 at 66: 9 yuan", 66, {"extreme_poverty"}, 900, "特困老人补贴"},
      {"低保 80-year-old: the larger 8 yuan, not 5 + 8", 80, {"low_income"}, 800, "低保老人补贴"},
      {"特困 and 低保 at 70: the largest, 9",
       70,
       {"low_income", "extreme_poverty"},
       900,
       "特困老人补贴"},
      {"95 on 低保: 9 beats 8", 96, {"low_income"}, 900, "95岁以上补贴"},
  };
  for (const TierCase& c : cases) {
    const auto decision =
        DecideSubsidy(table, {c.age, c.tags, std::nullopt}, kMonday, Meal::kLunch, 1500, {});
    EXPECT_EQ(decision.subsidy_fen, c.subsidy_fen) << c.name;
    EXPECT_EQ(decision.rule ? decision.rule->label : "", c.tier) << c.name;
  }
}

TEST(CanteenSubsidyRulesTest, JurongSubsidisesLunchOnly) {
  const auto decision = DecideSubsidy(Default(), {80, {}, {}}, kMonday, Meal::kDinner, 1500, {});
  EXPECT_EQ(decision.subsidy_fen, 0);
  EXPECT_EQ(decision.rule, nullptr);
}

TEST(CanteenSubsidyRulesTest, NeverMoreThanThePrice) {
  // A 9 yuan tier on a 7.50 yuan meal: the meal is free, not a 1.50 yuan refund.
  const auto decision = DecideSubsidy(Default(), {97, {}, {}}, kMonday, Meal::kLunch, 750, {});
  EXPECT_EQ(decision.subsidy_fen, 750);
}

constexpr const char* kHeader =
    "funding_line\teffective_from\teffective_to\tmeal\tage_min\tage_max\ttag\tlevel_min\tlevel_"
    "max\tsubsidy_fen\tmonthly_cap_meals\tmonthly_cap_fen\toperator_subsidy_fen\tlabel\tlabel_en\n";

TEST(CanteenSubsidyRulesTest, MonthlyCapReachedMeansNoSubsidy) {
  auto table = ParseSubsidyRules(
      std::string(kHeader) +
      "city\t2026-01-01\t\tany\t80\t\t\t\t\t500\t20\t\t300\t80岁以上补贴\tAged 80+\n"
      "district\t2026-01-01\t\tany\t60\t\t\t\t\t200\t\t1000\t0\t区补贴\tDistrict\n");
  ASSERT_TRUE(table) << table.error().message;
  const Diner diner{82, {}, {}};
  // 19 city meals used: the 20th is still subsidised, with the operator's 3 yuan.
  auto d = DecideSubsidy(*table, diner, kMonday, Meal::kLunch, 1500, {{"city", 19, 9500}});
  EXPECT_EQ(d.subsidy_fen, 500);
  EXPECT_EQ(d.operator_subsidy_fen, 300);
  // 20 used: the city line is capped; the district line (2 yuan) is what is left.
  d = DecideSubsidy(*table, diner, kMonday, Meal::kLunch, 1500, {{"city", 20, 10000}});
  EXPECT_EQ(d.subsidy_fen, 200);
  ASSERT_NE(d.rule, nullptr);
  EXPECT_EQ(d.rule->funding_line, "district");
  // The district's 10 yuan a month: 8.50 used leaves 1.50; 10 used leaves nothing at all.
  d = DecideSubsidy(*table, diner, kMonday, Meal::kLunch, 1500,
                    {{"city", 20, 10000}, {"district", 5, 850}});
  EXPECT_EQ(d.subsidy_fen, 150);
  d = DecideSubsidy(*table, diner, kMonday, Meal::kLunch, 1500,
                    {{"city", 20, 10000}, {"district", 5, 1000}});
  EXPECT_EQ(d.subsidy_fen, 0);
  EXPECT_EQ(d.rule, nullptr);
}

TEST(CanteenSubsidyRulesTest, EffectiveDatesChooseTheRowInForce) {
  auto table =
      ParseSubsidyRules(std::string(kHeader) +
                        "city\t2026-01-01\t2026-11-30\tlunch\t80\t\t\t\t\t300\t\t\t\told\told\n"
                        "city\t2026-12-01\t\tlunch\t80\t\t\t\t\t600\t\t\t\tnew\tnew\n");
  ASSERT_TRUE(table) << table.error().message;
  const Diner diner{85, {}, {}};
  EXPECT_EQ(DecideSubsidy(*table, diner, {2025, 12, 31}, Meal::kLunch, 1500, {}).subsidy_fen, 0);
  EXPECT_EQ(DecideSubsidy(*table, diner, {2026, 11, 30}, Meal::kLunch, 1500, {}).subsidy_fen, 300);
  EXPECT_EQ(DecideSubsidy(*table, diner, {2026, 12, 1}, Meal::kLunch, 1500, {}).subsidy_fen, 600);
}

TEST(CanteenSubsidyRulesTest, DisabilityLevelRange) {
  auto table = ParseSubsidyRules(
      std::string(kHeader) +
      "city\t2026-01-01\t\tany\t60\t70\tdisabled\t1\t2\t400\t\t\t\t重度残疾\tSevere\n");
  ASSERT_TRUE(table) << table.error().message;
  EXPECT_EQ(
      DecideSubsidy(*table, {65, {"disabled"}, 2}, kMonday, Meal::kLunch, 1500, {}).subsidy_fen,
      400);
  EXPECT_EQ(
      DecideSubsidy(*table, {65, {"disabled"}, 3}, kMonday, Meal::kLunch, 1500, {}).subsidy_fen, 0);
  EXPECT_EQ(DecideSubsidy(*table, {65, {}, 1}, kMonday, Meal::kLunch, 1500, {}).subsidy_fen, 0);
}

TEST(CanteenSubsidyRulesTest, OverlappingBandsAreRefusedNamingTheRows) {
  // Two age rows covering 80 in one funding line and period.
  auto table = ParseSubsidyRules(std::string(kHeader) +
                                 "city\t2026-01-01\t\tlunch\t60\t79\t\t\t\t100\t\t\t\ta\ta\n"
                                 "city\t2026-01-01\t\tlunch\t75\t84\t\t\t\t500\t\t\t\tb\tb\n"
                                 "city\t2026-01-01\t\tlunch\t80\t\t\t\t\t800\t\t\t\tc\tc\n");
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().field, "rules");
  EXPECT_NE(table.error().message.find("rows 1 and 2"), std::string::npos) << table.error().message;
}

TEST(CanteenSubsidyRulesTest, BandsThatDoNotOverlapAreAccepted) {
  // Same ages in other periods, other meals, other funding lines or with a tag: all fine.
  auto table =
      ParseSubsidyRules(std::string(kHeader) +
                        "city\t2026-01-01\t2026-06-30\tlunch\t80\t\t\t\t\t100\t\t\t\ta\ta\n"
                        "city\t2026-07-01\t\tlunch\t80\t\t\t\t\t200\t\t\t\tb\tb\n"
                        "city\t2026-01-01\t\tdinner\t80\t\t\t\t\t300\t\t\t\tc\tc\n"
                        "district\t2026-01-01\t\tany\t80\t\t\t\t\t400\t\t\t\td\td\n"
                        "city\t2026-01-01\t\tlunch\t60\t\tlow_income\t\t\t800\t\t\t\te\te\n");
  EXPECT_TRUE(table) << table.error().message;
}

TEST(CanteenSubsidyRulesTest, BadCellsNameRowAndColumn) {
  const std::pair<const char*, const char*> cases[] = {
      {"city\t2026-13-01\t\tlunch\t80\t\t\t\t\t100\t\t\t\ta\ta\n", "effective_from"},
      {"city\t2026-01-01\t\tbrunch\t80\t\t\t\t\t100\t\t\t\ta\ta\n", "meal"},
      {"city\t2026-01-01\t\tlunch\tabc\t\t\t\t\t100\t\t\t\ta\ta\n", "age_min"},
      {"city\t2026-01-01\t\tlunch\t80\t\t\t\t\t-5\t\t\t\ta\ta\n", "subsidy_fen"},
      {"city\t2026-01-01\t\tlunch\t80\t\trich\t\t\t100\t\t\t\ta\ta\n", "tag"},
      {"city\t2026-01-01\t\tlunch\t80\t70\t\t\t\t100\t\t\t\ta\ta\n", "age_max"},
      {"\t2026-01-01\t\tlunch\t80\t\t\t\t\t100\t\t\t\ta\ta\n", "funding_line"},
  };
  for (const auto& [row, column] : cases) {
    auto table = ParseSubsidyRules(std::string(kHeader) + row);
    ASSERT_FALSE(table) << column;
    EXPECT_NE(table.error().message.find("row 1"), std::string::npos) << table.error().message;
    EXPECT_NE(table.error().message.find(column), std::string::npos) << table.error().message;
  }
  EXPECT_FALSE(ParseSubsidyRules("funding_line\tcolour\n"));
  EXPECT_FALSE(ParseSubsidyRules(""));
}

}  // namespace
}  // namespace shequ::eldercare
