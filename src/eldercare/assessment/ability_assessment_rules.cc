#include "eldercare/assessment/ability_assessment_rules.h"

#include <fmt/format.h>

#include <algorithm>

namespace shequ::eldercare {
namespace {

// GB/T 42195-2022 附录B: the generic scale of the assistance items (0–4), wording as transcribed
// in STANDARDS.md §4.1 (shortened there; verify the full wording against the PDF).
constexpr AbilityScoreLevel kAssistanceScale[] = {
    {4, "独立完成", "does it independently"},
    {3, "他人指导或提示下完成", "does it with guidance or prompting"},
    {2, "需要协助但以自身为主", "needs help, mostly does it themselves"},
    {1, "主要依靠他人协助、自身能配合", "mostly relies on others, can cooperate"},
    {0, "完全依赖且不能配合", "fully dependent, cannot cooperate"},
};

// B.3.7 攻击行为 and B.3.8 抑郁症状: 1 = not seen, 0 = seen in the last month.
constexpr AbilityScoreLevel kBehaviourScale[] = {
    {1, "未出现", "not seen"},
    {0, "近一个月内出现", "seen in the last month"},
};

// Items whose level wording is not transcribed in the sources read (STANDARDS.md §4.1): the
// scores are known from the maxima, the words must come from the PDF.
constexpr AbilityScoreLevel kUnworded4[] = {
    {4, {}, {}}, {3, {}, {}}, {2, {}, {}}, {1, {}, {}}, {0, {}, {}}};
constexpr AbilityScoreLevel kUnworded3[] = {{3, {}, {}}, {2, {}, {}}, {1, {}, {}}, {0, {}, {}}};
constexpr AbilityScoreLevel kUnworded2[] = {{2, {}, {}}, {1, {}, {}}, {0, {}, {}}};

// GB/T 42195-2022 附录B, items in the standard's order with their maxima (STANDARDS.md §4.1).
constexpr AbilityItem kItems[] = {
    {"B.1.1", "B.1", "进食", "Eating", 4, kAssistanceScale},
    {"B.1.2", "B.1", "修饰", "Grooming", 4, kAssistanceScale},
    {"B.1.3", "B.1", "洗澡", "Bathing", 4, kAssistanceScale},
    {"B.1.4", "B.1", "穿/脱上衣", "Dressing (upper body)", 4, kAssistanceScale},
    {"B.1.5", "B.1", "穿/脱裤子和鞋袜", "Dressing (trousers, shoes, socks)", 4, kAssistanceScale},
    {"B.1.6", "B.1", "小便控制", "Bladder control", 4, kUnworded4},
    {"B.1.7", "B.1", "大便控制", "Bowel control", 4, kUnworded4},
    {"B.1.8", "B.1", "如厕", "Toileting", 4, kAssistanceScale},
    {"B.2.1", "B.2", "床上体位转移", "Turning in bed", 4, kAssistanceScale},
    {"B.2.2", "B.2", "床椅转移", "Bed–chair transfer", 4, kAssistanceScale},
    {"B.2.3", "B.2", "平地行走", "Walking on level ground (about 50 m)", 4, kAssistanceScale},
    {"B.2.4", "B.2", "上下楼梯", "Stairs (10–15 steps)", 3, kUnworded3},
    {"B.3.1", "B.3", "时间定向", "Orientation in time", 4, kUnworded4},
    {"B.3.2", "B.3", "空间定向", "Orientation in place", 4, kUnworded4},
    {"B.3.3", "B.3", "人物定向", "Orientation to people", 4, kUnworded4},
    {"B.3.4", "B.3", "记忆", "Memory", 4, kUnworded4},
    {"B.3.5", "B.3", "理解能力", "Understanding", 4, kUnworded4},
    {"B.3.6", "B.3", "表达能力", "Expression", 4, kUnworded4},
    {"B.3.7", "B.3", "攻击行为", "Aggressive behaviour", 1, kBehaviourScale},
    {"B.3.8", "B.3", "抑郁症状", "Depressive symptoms", 1, kBehaviourScale},
    {"B.3.9", "B.3", "意识水平", "Level of consciousness", 2, kUnworded2},
    {"B.4.1", "B.4", "视力", "Vision", 2, kUnworded2},
    {"B.4.2", "B.4", "听力", "Hearing", 2, kUnworded2},
    {"B.4.3", "B.4", "执行日常事务", "Managing daily affairs", 4, kAssistanceScale},
    {"B.4.4", "B.4", "使用交通工具外出", "Going out by transport", 3, kUnworded3},
    {"B.4.5", "B.4", "社会交往能力", "Social interaction", 4, kUnworded4},
};

constexpr AbilityDimension kDimensions[] = {
    {"B.1", "自理能力", "Self-care", 32},
    {"B.2", "基础运动能力", "Basic mobility", 15},
    {"B.3", "精神状态", "Mental state", 28},
    {"B.4", "感知觉与社会参与", "Perception and social participation", 15},
};

// GB/T 42195-2022 能力等级: the cut-offs 90 / 66–89 / 46–65 / 30–45 / 0–29 (STANDARDS.md §4.1,
// several independent implementations agree; to verify against the PDF).
constexpr AbilityGrade kGrades[] = {
    {0, "能力完好", "Ability intact", 90, 90},
    {1, "能力轻度受损（轻度失能）", "Mildly impaired (mild disability)", 66, 89},
    {2, "能力中度受损（中度失能）", "Moderately impaired (moderate disability)", 46, 65},
    {3, "能力重度受损（重度失能）", "Severely impaired (severe disability)", 30, 45},
    {4, "能力完全丧失（完全失能）", "Ability completely lost (total disability)", 0, 29},
};

constexpr std::string_view kReasonNames[] = {"first", "regular", "immediate", "review", "other"};
constexpr std::string_view kReasonZh[] = {"首次评估", "常规评估", "即时评估",
                                          "因对评估结果有疑问进行的复评", "其他"};

}  // namespace

std::span<const AbilityItem> AbilityItems() { return kItems; }
std::span<const AbilityDimension> AbilityDimensions() { return kDimensions; }
std::span<const AbilityGrade> AbilityGrades() { return kGrades; }

const AbilityItem* FindAbilityItem(std::string_view code) {
  for (const auto& item : kItems) {
    if (item.code == code) return &item;
  }
  return nullptr;
}

const AbilityGrade& AbilityGradeInfo(int grade) {
  return kGrades[std::clamp(grade, 0, kAbilityWorstGrade)];
}

int AbilityGradeOfTotal(int total) {
  for (const auto& grade : kGrades) {
    if (total >= grade.min_total && total <= grade.max_total) return grade.grade;
  }
  return kAbilityWorstGrade;  // outside 0..90: ScoreAbility never gets here
}

Result<AbilityScore> ScoreAbility(const std::map<std::string, int, std::less<>>& items,
                                  const AbilityConditions& conditions) {
  for (const auto& [code, score] : items) {
    if (FindAbilityItem(code) == nullptr) {
      return InvalidArgument(fmt::format("{} is not an item of GB/T 42195-2022 附录B", code),
                             "items." + code);
    }
  }
  if (conditions.risk_events_30d < 0) {
    return InvalidArgument("risk_events_30d cannot be negative", "conditions.risk_events_30d");
  }
  AbilityScore result;
  for (const auto& dimension : kDimensions) {
    result.dimension_scores.emplace_back(std::string(dimension.code), 0);
  }
  for (const auto& item : kItems) {
    const auto found = items.find(item.code);
    if (found == items.end()) {
      return InvalidArgument(fmt::format("item {} ({}) is missing", item.code, item.name_zh),
                             fmt::format("items.{}", item.code));
    }
    if (found->second < 0 || found->second > item.max_score) {
      return InvalidArgument(
          fmt::format("item {} ({}) scores 0 to {}", item.code, item.name_zh, item.max_score),
          fmt::format("items.{}", item.code));
    }
    result.total += found->second;
    for (auto& [code, sum] : result.dimension_scores) {
      if (code == item.dimension) sum += found->second;
    }
  }
  result.initial_grade = AbilityGradeOfTotal(result.total);
  result.grade = result.initial_grade;

  if (conditions.coma) {
    // Coma goes straight to grade 4 (完全失能), as the third-party README reads the standard. The
    // transcribed note under B.3.9 says "直接评定为重度失能" (grade 3) instead: TO VERIFY against
    // the PDF of GB/T 42195-2022 (STANDARDS.md §4.1, §8 item 3).
    result.grade = kAbilityWorstGrade;
    if (result.initial_grade != kAbilityWorstGrade) {
      result.adjustments.push_back({"coma", "coma: graded 能力完全丧失 directly", false});
    }
    return result;
  }
  // Raise one grade, once, if any condition holds (the risk-event rule sourced; dementia and
  // psychiatric illness from memory: STANDARDS.md §4.1).
  std::vector<AbilityAdjustment> raises;
  if (conditions.dementia) {
    raises.push_back({"dementia", "diagnosed dementia or cognitive impairment", false});
  }
  if (conditions.psychiatric) {
    raises.push_back({"psychiatric", "diagnosed psychiatric illness", false});
  }
  if (conditions.risk_events_30d >= kRiskEventsThatRaise) {
    raises.push_back({"risk_events",
                      fmt::format("{} care-risk events in the last 30 days (2 or more raise)",
                                  conditions.risk_events_30d),
                      false});
  }
  if (raises.empty()) return result;
  const bool capped = result.initial_grade >= kAbilityWorstGrade;
  result.grade = std::min(result.initial_grade + 1, kAbilityWorstGrade);
  for (auto& raise : raises) raise.capped = capped;
  result.adjustments = std::move(raises);
  return result;
}

CivilDate AddMonths(const CivilDate& day, int months) {
  const int index = day.year * 12 + (day.month - 1) + months;
  CivilDate result{index / 12, index % 12 + 1, day.day};
  result.day = std::min(result.day, DaysInMonth(result.year, result.month));
  return result;
}

Result<CivilDate> NextAssessmentDue(const CivilDate& assessed_on, int grade,
                                    std::span<const ReassessmentRule> rules) {
  const ReassessmentRule* in_force = nullptr;
  for (const auto& rule : rules) {
    if (rule.grade != grade || rule.effective_from > assessed_on) continue;
    if (in_force == nullptr || rule.effective_from > in_force->effective_from) in_force = &rule;
  }
  if (in_force == nullptr) {
    return NotFound(
        fmt::format("no reassessment rule for grade {} on {}", grade, FormatDate(assessed_on)));
  }
  return AddMonths(assessed_on, in_force->interval_months);
}

std::string_view AssessmentReasonName(AssessmentReason reason) {
  return kReasonNames[static_cast<int>(reason)];
}

std::string_view AssessmentReasonZh(AssessmentReason reason) {
  return kReasonZh[static_cast<int>(reason)];
}

std::optional<AssessmentReason> ParseAssessmentReason(std::string_view name) {
  for (const auto reason : kAllAssessmentReasons) {
    if (AssessmentReasonName(reason) == name) return reason;
  }
  return std::nullopt;
}

}  // namespace shequ::eldercare
