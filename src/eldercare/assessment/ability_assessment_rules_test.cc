#include "eldercare/assessment/ability_assessment_rules.h"

#include <gtest/gtest.h>

namespace shequ::eldercare {
namespace {

using Items = std::map<std::string, int, std::less<>>;

// Every item at its maximum: 90 points.
Items AllMax() {
  Items items;
  for (const auto& item : AbilityItems()) items[std::string(item.code)] = item.max_score;
  return items;
}

// A complete form scoring `total`: items lowered from the maximum in the standard's order.
Items WithTotal(int total) {
  Items items = AllMax();
  int excess = kAbilityMaxTotal - total;
  for (const auto& item : AbilityItems()) {
    const int lower = std::min(excess, item.max_score);
    items[std::string(item.code)] -= lower;
    excess -= lower;
  }
  return items;
}

TEST(AbilityFormTest, TwentySixItemsInFourDimensionsMakeNinety) {
  // GB/T 42195-2022: 4 一级指标, 26 二级指标, total 90; dimension maxima 32/15/28/15.
  ASSERT_EQ(AbilityItems().size(), 26u);
  EXPECT_EQ(AbilityItems().front().code, "B.1.1");
  EXPECT_EQ(AbilityItems().back().code, "B.4.5");
  int total = 0;
  for (const auto& dimension : AbilityDimensions()) {
    int sum = 0;
    for (const auto& item : AbilityItems()) {
      if (item.dimension == dimension.code) sum += item.max_score;
      EXPECT_EQ(static_cast<int>(item.levels.size()), item.max_score + 1) << item.code;
    }
    EXPECT_EQ(sum, dimension.max_score) << dimension.code;
    total += sum;
  }
  EXPECT_EQ(total, 90);
  EXPECT_EQ(FindAbilityItem("B.2.4")->max_score, 3);  // 上下楼梯 0–3
  EXPECT_EQ(FindAbilityItem("B.3.7")->max_score, 1);  // 攻击行为 1/0
  EXPECT_EQ(FindAbilityItem("B.3.8")->max_score, 1);  // 抑郁症状 1/0
  EXPECT_EQ(FindAbilityItem("B.3.9")->max_score, 2);  // 意识水平 0–2
  EXPECT_EQ(FindAbilityItem("B.4.1")->max_score, 2);  // 视力
  EXPECT_EQ(FindAbilityItem("B.4.2")->max_score, 2);  // 听力
  EXPECT_EQ(FindAbilityItem("B.4.4")->max_score, 3);  // 使用交通工具外出
  EXPECT_EQ(FindAbilityItem("B.5.1"), nullptr);
}

TEST(AbilityScoreTest, AllFoursScoreNinetyGradeZero) {
  auto score = ScoreAbility(AllMax(), {});
  ASSERT_TRUE(score) << score.error().message;
  EXPECT_EQ(score->total, 90);
  EXPECT_EQ(score->initial_grade, 0);
  EXPECT_EQ(score->grade, 0);
  EXPECT_TRUE(score->adjustments.empty());
  const std::vector<std::pair<std::string, int>> dimensions = {
      {"B.1", 32}, {"B.2", 15}, {"B.3", 28}, {"B.4", 15}};
  EXPECT_EQ(score->dimension_scores, dimensions);
}

struct GradeCase {
  int total;
  int grade;
};

class AbilityGradeTest : public ::testing::TestWithParam<GradeCase> {};

// GB/T 42195-2022 能力等级 cut-offs: 90 → 0, 66–89 → 1, 46–65 → 2, 30–45 → 3, 0–29 → 4.
TEST_P(AbilityGradeTest, TotalGivesGrade) {
  const GradeCase c = GetParam();
  auto score = ScoreAbility(WithTotal(c.total), {});
  ASSERT_TRUE(score) << score.error().message;
  EXPECT_EQ(score->total, c.total);
  EXPECT_EQ(score->initial_grade, c.grade);
  EXPECT_EQ(score->grade, c.grade);
  EXPECT_EQ(AbilityGradeOfTotal(c.total), c.grade);
}

INSTANTIATE_TEST_SUITE_P(CutOffs, AbilityGradeTest,
                         ::testing::Values(GradeCase{90, 0}, GradeCase{89, 1}, GradeCase{66, 1},
                                           GradeCase{65, 2}, GradeCase{46, 2}, GradeCase{45, 3},
                                           GradeCase{30, 3}, GradeCase{29, 4}, GradeCase{0, 4}));

struct AdjustmentCase {
  const char* name;
  int total;
  AbilityConditions conditions;
  int initial_grade;
  int grade;
  std::vector<std::string> codes;
};

class AbilityAdjustmentTest : public ::testing::TestWithParam<AdjustmentCase> {};

// STANDARDS.md §4.1 adjustment rules: coma → 完全失能 (grade 4; the third-party README's reading,
// the B.3.9 note says 重度 — to verify); raise one grade, once, for 确诊认知障碍/痴呆, 确诊精神科
// 专科疾病 or ≥ 2 照护风险事件 in 30 days; never past grade 4.
TEST_P(AbilityAdjustmentTest, FinalGrade) {
  const AdjustmentCase& c = GetParam();
  auto score = ScoreAbility(WithTotal(c.total), c.conditions);
  ASSERT_TRUE(score) << score.error().message;
  EXPECT_EQ(score->initial_grade, c.initial_grade);
  EXPECT_EQ(score->grade, c.grade);
  std::vector<std::string> codes;
  for (const auto& adjustment : score->adjustments) codes.push_back(adjustment.code);
  EXPECT_EQ(codes, c.codes);
}

INSTANTIATE_TEST_SUITE_P(
    Rules, AbilityAdjustmentTest,
    ::testing::Values(
        AdjustmentCase{"coma_from_intact", 90, {.coma = true}, 0, 4, {"coma"}},
        AdjustmentCase{"coma_from_moderate", 50, {.coma = true}, 2, 4, {"coma"}},
        AdjustmentCase{
            "coma_overrides_raise", 70, {.coma = true, .dementia = true}, 1, 4, {"coma"}},
        AdjustmentCase{"dementia", 70, {.dementia = true}, 1, 2, {"dementia"}},
        AdjustmentCase{"psychiatric", 50, {.psychiatric = true}, 2, 3, {"psychiatric"}},
        AdjustmentCase{"two_risk_events", 90, {.risk_events_30d = 2}, 0, 1, {"risk_events"}},
        AdjustmentCase{"one_risk_event_no_raise", 90, {.risk_events_30d = 1}, 0, 0, {}},
        AdjustmentCase{"all_three_raise_once",
                       35,
                       {.dementia = true, .psychiatric = true, .risk_events_30d = 3},
                       3,
                       4,
                       {"dementia", "psychiatric", "risk_events"}},
        AdjustmentCase{"raise_capped_at_four", 20, {.dementia = true}, 4, 4, {"dementia"}}),
    [](const ::testing::TestParamInfo<AdjustmentCase>& info) { return info.param.name; });

TEST(AbilityScoreTest, RaiseAtGradeFourIsMarkedCapped) {
  auto score = ScoreAbility(WithTotal(10), {.psychiatric = true});
  ASSERT_TRUE(score);
  ASSERT_EQ(score->adjustments.size(), 1u);
  EXPECT_TRUE(score->adjustments[0].capped);
}

struct BadFormCase {
  const char* name;
  Items items;
  AbilityConditions conditions;
  std::string field;
};

Items Without(const std::string& code) {
  Items items = AllMax();
  items.erase(code);
  return items;
}

Items With(const std::string& code, int score) {
  Items items = AllMax();
  items[code] = score;
  return items;
}

class AbilityBadFormTest : public ::testing::TestWithParam<BadFormCase> {};

TEST_P(AbilityBadFormTest, RefusedNamingTheField) {
  const BadFormCase& c = GetParam();
  auto score = ScoreAbility(c.items, c.conditions);
  ASSERT_FALSE(score);
  EXPECT_EQ(score.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(score.error().field, c.field);
}

INSTANTIATE_TEST_SUITE_P(
    Errors, AbilityBadFormTest,
    ::testing::Values(BadFormCase{"missing", Without("B.2.3"), {}, "items.B.2.3"},
                      BadFormCase{"unknown", With("B.9.9", 1), {}, "items.B.9.9"},
                      BadFormCase{"above_generic_max", With("B.1.1", 5), {}, "items.B.1.1"},
                      BadFormCase{"negative", With("B.1.1", -1), {}, "items.B.1.1"},
                      BadFormCase{"stairs_above_3", With("B.2.4", 4), {}, "items.B.2.4"},
                      BadFormCase{"aggression_above_1", With("B.3.7", 2), {}, "items.B.3.7"},
                      BadFormCase{"consciousness_above_2", With("B.3.9", 3), {}, "items.B.3.9"},
                      BadFormCase{"negative_risk_events",
                                  AllMax(),
                                  {.risk_events_30d = -1},
                                  "conditions.risk_events_30d"}),
    [](const ::testing::TestParamInfo<BadFormCase>& info) { return info.param.name; });

TEST(ReassessmentDueTest, RuleInForceOnTheDayByGrade) {
  const std::vector<ReassessmentRule> rules = {
      {{2022, 12, 30}, 0, 12}, {{2022, 12, 30}, 3, 6}, {{2026, 6, 1}, 3, 3}};
  EXPECT_EQ(*NextAssessmentDue({2026, 1, 31}, 0, rules), (CivilDate{2027, 1, 31}));
  EXPECT_EQ(*NextAssessmentDue({2026, 1, 31}, 3, rules), (CivilDate{2026, 7, 31}));
  // The newer rule applies from its effective date.
  EXPECT_EQ(*NextAssessmentDue({2026, 11, 30}, 3, rules), (CivilDate{2027, 2, 28}));
  EXPECT_FALSE(NextAssessmentDue({2026, 1, 1}, 2, rules));
  EXPECT_FALSE(NextAssessmentDue({2021, 1, 1}, 0, rules));
  EXPECT_EQ(AddMonths({2024, 8, 31}, 6), (CivilDate{2025, 2, 28}));
  EXPECT_EQ(AddMonths({2023, 8, 31}, 6), (CivilDate{2024, 2, 29}));
}

TEST(AssessmentReasonTest, NamesRoundTrip) {
  for (const auto reason : kAllAssessmentReasons) {
    EXPECT_EQ(ParseAssessmentReason(AssessmentReasonName(reason)), reason);
  }
  EXPECT_EQ(AssessmentReasonZh(AssessmentReason::kImmediate), "即时评估");
  EXPECT_FALSE(ParseAssessmentReason("yearly"));
}

}  // namespace
}  // namespace shequ::eldercare
