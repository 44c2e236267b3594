// The elder file's alerts (预警): pure rules over what the file already reads — meals ordered,
// home-care visits, the latest ability assessment and the care plan. Each rule's thresholds are
// named constants marked [local rule]: the issue asks for them, no national standard sets them
// (docs/elder-file.md). Pure functions over plain values; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil_time.h"
#include "eldercare/homecare/homecare_rules.h"

namespace shequ::eldercare {

// [local rule] "No meal for 3 days": no active canteen order dated within the last
// kNoMealGapDays days up to today (today included) ...
inline constexpr int kNoMealGapDays = 3;
// [local rule] ... by someone who usually orders: at least kUsualMealOrders orders dated within
// the kUsualMealWindowDays days before that gap.
inline constexpr int kUsualMealOrders = 8;
inline constexpr int kUsualMealWindowDays = 28;
// A visit counts as missed once its window has ended this many minutes ago without a check-in:
// home care's own rule, so the file and the day board never disagree. Missed visits alert for
// kVisitMissedDays days (today included) [local rule].
inline constexpr int kVisitMissedGraceMinutes = kMissedGraceMinutes;
inline constexpr int kVisitMissedDays = 7;
// [local rule] A care plan is expected from ability grade 2 (中度失能, GB/T 42195-2022 §6) up.
inline constexpr int kCarePlanMinGrade = 2;

enum class ElderAlertCode { kNoMeal3Days, kVisitMissed, kAssessmentOverdue, kNoCarePlan };
enum class ElderAlertSeverity { kHigh, kMedium };

std::string_view ElderAlertCodeName(ElderAlertCode code);              // "no_meal_3_days", ...
std::string_view ElderAlertSeverityName(ElderAlertSeverity severity);  // "high" | "medium"

struct ElderAlert {
  ElderAlertCode code = ElderAlertCode::kNoMeal3Days;
  ElderAlertSeverity severity = ElderAlertSeverity::kHigh;
  CivilDate since;  // the first day the condition held (or the day it is about)
  std::string message_zh;
  std::string message_en;
};

// One home-care visit as the missed-visit rule sees it.
struct AlertVisit {
  CivilDate date;
  int window_end_min = 0;  // minutes after midnight, Asia/Shanghai
  std::string status;      // "planned" | "in_progress" | "done" | "missed" | "cancelled"
  bool checked_in = false;
};

// Everything the rules look at for one elder.
struct ElderAlertInputs {
  CivilDate today;     // Asia/Shanghai
  int now_minute = 0;  // minutes after midnight today, Asia/Shanghai
  bool living_alone = false;
  std::vector<CivilDate> meal_dates;  // dates of active canteen orders (any order, duplicates ok)
  std::vector<AlertVisit> visits;
  std::optional<int> grade;              // of the latest assessment
  std::optional<CivilDate> assessed_on;  // of the latest assessment
  std::optional<CivilDate> next_due;     // of the latest assessment
  bool has_current_plan = false;
};

namespace elder_file {
// `date` moved by `days` (negative: back).
CivilDate AddDays(const CivilDate& date, int days);
}  // namespace elder_file

// True when the visit counts as missed at `today` `now_minute`: status missed, or planned with
// no check-in and its window end + kVisitMissedGraceMinutes passed.
bool VisitIsMissed(const AlertVisit& visit, const CivilDate& today, int now_minute);

// The alerts that hold, in the order of ElderAlertCode.
std::vector<ElderAlert> EvaluateElderAlerts(const ElderAlertInputs& in);

}  // namespace shequ::eldercare
