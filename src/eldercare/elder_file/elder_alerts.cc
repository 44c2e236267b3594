#include "eldercare/elder_file/elder_alerts.h"

#include <fmt/format.h>

#include <algorithm>

namespace shequ::eldercare {

std::string_view ElderAlertCodeName(ElderAlertCode code) {
  switch (code) {
    case ElderAlertCode::kNoMeal3Days:
      return "no_meal_3_days";
    case ElderAlertCode::kVisitMissed:
      return "visit_missed";
    case ElderAlertCode::kAssessmentOverdue:
      return "assessment_overdue";
    case ElderAlertCode::kNoCarePlan:
      return "no_care_plan";
  }
  return "unknown";
}

std::string_view ElderAlertSeverityName(ElderAlertSeverity severity) {
  return severity == ElderAlertSeverity::kHigh ? "high" : "medium";
}

CivilDate elder_file::AddDays(const CivilDate& date, int days) {
  return CivilFromDays(DaysFromCivil(date) + days);
}

bool VisitIsMissed(const AlertVisit& visit, const CivilDate& today, int now_minute) {
  if (visit.status == "missed") return true;
  if (visit.status != "planned" || visit.checked_in) return false;
  // Minutes from the start of `today` to the grace's end; negative days count as far past.
  const std::int64_t deadline = (DaysFromCivil(visit.date) - DaysFromCivil(today)) * 1440 +
                                visit.window_end_min + kVisitMissedGraceMinutes;
  return now_minute > deadline;
}

namespace {

using elder_file::AddDays;

std::optional<ElderAlert> NoMealAlert(const ElderAlertInputs& in) {
  if (!in.living_alone) return std::nullopt;
  const CivilDate gap_first = AddDays(in.today, -(kNoMealGapDays - 1));
  const CivilDate usual_first = AddDays(gap_first, -kUsualMealWindowDays);
  int usual = 0;
  std::optional<CivilDate> last_before_gap;
  for (const CivilDate& date : in.meal_dates) {
    if (date >= gap_first && date <= in.today) return std::nullopt;  // ate within the gap
    if (date >= usual_first && date < gap_first) {
      ++usual;
      if (!last_before_gap || date > *last_before_gap) last_before_gap = date;
    }
  }
  if (usual < kUsualMealOrders) return std::nullopt;
  const CivilDate since = AddDays(*last_before_gap, 1);
  return ElderAlert{
      .code = ElderAlertCode::kNoMeal3Days,
      .severity = ElderAlertSeverity::kHigh,
      .since = since,
      .message_zh =
          fmt::format("独居老人连续{}天未订餐（平时{}天内订餐{}次），最后一次用餐{}",
                      kNoMealGapDays, kUsualMealWindowDays, usual, FormatDate(*last_before_gap)),
      .message_en = fmt::format(
          "Lives alone and has ordered no meal for {} days (usually {} orders in {} days); last "
          "meal on {}",
          kNoMealGapDays, usual, kUsualMealWindowDays, FormatDate(*last_before_gap)),
  };
}

std::optional<ElderAlert> VisitMissedAlert(const ElderAlertInputs& in) {
  const CivilDate first = AddDays(in.today, -(kVisitMissedDays - 1));
  int missed = 0;
  std::optional<CivilDate> earliest;
  for (const AlertVisit& visit : in.visits) {
    if (visit.date < first || visit.date > in.today) continue;
    if (!VisitIsMissed(visit, in.today, in.now_minute)) continue;
    ++missed;
    if (!earliest || visit.date < *earliest) earliest = visit.date;
  }
  if (missed == 0) return std::nullopt;
  return ElderAlert{
      .code = ElderAlertCode::kVisitMissed,
      .severity = ElderAlertSeverity::kHigh,
      .since = *earliest,
      .message_zh = fmt::format("近{}天有{}次上门服务未到（最早{}）", kVisitMissedDays, missed,
                                FormatDate(*earliest)),
      .message_en = fmt::format("{} home-care visit(s) missed in the last {} days (first on {})",
                                missed, kVisitMissedDays, FormatDate(*earliest)),
  };
}

std::optional<ElderAlert> AssessmentOverdueAlert(const ElderAlertInputs& in) {
  if (!in.next_due || *in.next_due >= in.today) return std::nullopt;
  const std::int64_t days = DaysFromCivil(in.today) - DaysFromCivil(*in.next_due);
  return ElderAlert{
      .code = ElderAlertCode::kAssessmentOverdue,
      .severity = ElderAlertSeverity::kMedium,
      .since = *in.next_due,
      .message_zh = fmt::format("能力复评已逾期{}天（应于{}复评）", days, FormatDate(*in.next_due)),
      .message_en = fmt::format("Ability reassessment overdue by {} days (due {})", days,
                                FormatDate(*in.next_due)),
  };
}

std::optional<ElderAlert> NoCarePlanAlert(const ElderAlertInputs& in) {
  if (!in.grade || *in.grade < kCarePlanMinGrade || in.has_current_plan) return std::nullopt;
  return ElderAlert{
      .code = ElderAlertCode::kNoCarePlan,
      .severity = ElderAlertSeverity::kMedium,
      .since = in.assessed_on.value_or(in.today),
      .message_zh = fmt::format("能力等级{}级，尚无有效照护计划", *in.grade),
      .message_en = fmt::format("Ability grade {} and no current care plan", *in.grade),
  };
}

}  // namespace

std::vector<ElderAlert> EvaluateElderAlerts(const ElderAlertInputs& in) {
  std::vector<ElderAlert> alerts;
  for (auto alert :
       {NoMealAlert(in), VisitMissedAlert(in), AssessmentOverdueAlert(in), NoCarePlanAlert(in)}) {
    if (alert) alerts.push_back(std::move(*alert));
  }
  return alerts;
}

}  // namespace shequ::eldercare
