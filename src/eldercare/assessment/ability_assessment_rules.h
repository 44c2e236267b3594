// The GB/T 42195-2022《老年人能力评估规范》 form as data, and the scoring: 26 items of 附录B in
// four dimensions (B.1 自理能力 … B.4 感知觉与社会参与), a total of 0–90, the ability grade
// (能力等级) by the total's cut-offs, then the adjustments (coma; raise one grade for dementia,
// psychiatric illness or repeated care-risk events). Also the local rule of when the next
// assessment is due.
//
// Pure functions over constant tables; thread-safe. Where the clauses come from and what is still
// to verify against the standard's PDF: /work/shared/domain/STANDARDS.md §4.1 and
// docs/eldercare-assessment.md.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil_time.h"
#include "base/error.h"

namespace shequ::eldercare {

// One score an item allows and what it means; wording is empty where it is not transcribed yet.
struct AbilityScoreLevel {
  int score = 0;
  std::string_view wording_zh;
  std::string_view wording_en;
};

// An item (二级指标) of 附录B, in the standard's order.
struct AbilityItem {
  std::string_view code;       // "B.2.3"
  std::string_view dimension;  // "B.2"
  std::string_view name_zh;
  std::string_view name_en;
  int max_score = 4;  // scores 0..max_score are allowed
  std::span<const AbilityScoreLevel> levels;
};

// A dimension (一级指标); max_score is the sum of its items'.
struct AbilityDimension {
  std::string_view code;  // "B.1"
  std::string_view name_zh;
  std::string_view name_en;
  int max_score = 0;
};

// An ability grade (能力等级) 0 (能力完好) .. 4 (能力完全丧失) and its band of totals.
struct AbilityGrade {
  int grade = 0;
  std::string_view name_zh;
  std::string_view name_en;
  int min_total = 0;
  int max_total = 0;
};

inline constexpr int kAbilityMaxTotal = 90;
inline constexpr int kAbilityWorstGrade = 4;
// 近 30 天内发生 ≥ 2 次照护风险事件 raises the grade.
inline constexpr int kRiskEventsThatRaise = 2;

std::span<const AbilityItem> AbilityItems();                // 26 items, B.1.1 .. B.4.5
std::span<const AbilityDimension> AbilityDimensions();      // B.1 .. B.4
std::span<const AbilityGrade> AbilityGrades();              // grade 0 .. 4
const AbilityItem* FindAbilityItem(std::string_view code);  // null when unknown
const AbilityGrade& AbilityGradeInfo(int grade);            // grade clamped to 0..4

// The keys of the "conditions" object, in the order the form shows them.
inline constexpr std::string_view kAbilityConditionKeys[] = {"coma", "dementia", "psychiatric",
                                                             "risk_events_30d"};

// Facts beside the item scores that adjust the grade.
struct AbilityConditions {
  bool coma = false;         // 昏迷
  bool dementia = false;     // 确诊认知障碍/痴呆
  bool psychiatric = false;  // 确诊精神科专科疾病
  int risk_events_30d = 0;   // 近 30 天内照护风险事件 (跌倒、噎食、自杀自伤、走失等) 次数
};

// Why the final grade differs from the initial one: code "coma", "dementia", "psychiatric" or
// "risk_events"; `capped` when the raise could not go past grade 4.
struct AbilityAdjustment {
  std::string code;
  std::string text;  // English, for the record; the UI words it from the code
  bool capped = false;
};

struct AbilityScore {
  int total = 0;
  std::vector<std::pair<std::string, int>> dimension_scores;  // B.1 .. B.4
  int initial_grade = 0;
  int grade = 0;
  std::vector<AbilityAdjustment> adjustments;
};

// The grade of a total by the cut-offs alone (90 / 66–89 / 46–65 / 30–45 / 0–29).
int AbilityGradeOfTotal(int total);

// Scores a completed form. `items` maps item codes to scores and must hold every item.
// kInvalidArgument naming the field: "items.B.2.3" when an item is missing, unknown, or its score
// is outside 0..max; "conditions.risk_events_30d" when negative.
Result<AbilityScore> ScoreAbility(const std::map<std::string, int, std::less<>>& items,
                                  const AbilityConditions& conditions);

// ---- When the next assessment is due (a local rule, not the standard) -----------------------

struct ReassessmentRule {
  CivilDate effective_from;
  int grade = 0;
  int interval_months = 12;
};

// `day` plus `months` calendar months, the day clamped to the month's end (01-31 + 1 → 02-28).
CivilDate AddMonths(const CivilDate& day, int months);

// The due date of the next assessment: the rule for `grade` with the latest effective_from on or
// before `assessed_on`. kNotFound when no rule applies (the rule table must cover every grade).
Result<CivilDate> NextAssessmentDue(const CivilDate& assessed_on, int grade,
                                    std::span<const ReassessmentRule> rules);

// 评估原因.
enum class AssessmentReason { kFirst, kRegular, kImmediate, kReview, kOther };
inline constexpr AssessmentReason kAllAssessmentReasons[] = {
    AssessmentReason::kFirst, AssessmentReason::kRegular, AssessmentReason::kImmediate,
    AssessmentReason::kReview, AssessmentReason::kOther};
std::string_view AssessmentReasonName(AssessmentReason reason);  // "first", ...
std::string_view AssessmentReasonZh(AssessmentReason reason);    // "首次评估", ...
std::optional<AssessmentReason> ParseAssessmentReason(std::string_view name);

}  // namespace shequ::eldercare
