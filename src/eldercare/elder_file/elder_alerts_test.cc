// The alert rules at each boundary, one row per case ([local rule] constants in elder_alerts.h):
// no meal for 3 days (day 3 vs 2, 8 vs 7 usual orders, living alone or not), a missed visit
// (7 vs 8 days back, the 15-minute grace), an overdue reassessment and a missing care plan.
#include "eldercare/elder_file/elder_alerts.h"

#include <gtest/gtest.h>

namespace shequ::eldercare {
namespace {

constexpr CivilDate kToday{2026, 11, 30};

std::vector<ElderAlertCode> Codes(const ElderAlertInputs& in) {
  std::vector<ElderAlertCode> codes;
  for (const auto& alert : EvaluateElderAlerts(in)) codes.push_back(alert.code);
  return codes;
}

bool Has(const ElderAlertInputs& in, ElderAlertCode code) {
  const auto codes = Codes(in);
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

// `count` orders on consecutive days ending `last_days_ago` days before today.
std::vector<CivilDate> OrdersEnding(int last_days_ago, int count) {
  std::vector<CivilDate> dates;
  for (int i = 0; i < count; ++i) dates.push_back(elder_file::AddDays(kToday, -last_days_ago - i));
  return dates;
}

struct NoMealCase {
  const char* name;
  bool living_alone;
  std::vector<CivilDate> meals;
  bool alert;
};

TEST(ElderAlertsTest, NoMealForThreeDays) {
  const std::vector<NoMealCase> cases = {
      {"alone, 8 usual orders, last 3 days ago", true, OrdersEnding(3, 8), true},
      {"alone, 8 usual orders, last 2 days ago (inside the gap)", true, OrdersEnding(2, 8), false},
      {"alone, an order today", true, OrdersEnding(0, 8), false},
      {"alone, 7 usual orders only", true, OrdersEnding(3, 7), false},
      {"not alone, 8 usual orders, last 3 days ago", false, OrdersEnding(3, 8), false},
      {"alone, never orders", true, {}, false},
      // The usual window is the 28 days before the gap: Oct 31 .. Nov 27; Oct 30 is outside.
      {"alone, 7 in the window and one the day before it", true,
       [] {
         auto dates = OrdersEnding(3, 7);
         dates.push_back({2026, 10, 30});
         return dates;
       }(),
       false},
      {"alone, 8 in the window, the earliest on its first day", true,
       [] {
         auto dates = OrdersEnding(3, 7);
         dates.push_back({2026, 10, 31});
         return dates;
       }(),
       true},
      {"alone, an order for tomorrow does not feed today", true,
       [] {
         auto dates = OrdersEnding(3, 8);
         dates.push_back({2026, 12, 1});
         return dates;
       }(),
       true},
  };
  for (const auto& c : cases) {
    const ElderAlertInputs in{
        .today = kToday, .living_alone = c.living_alone, .meal_dates = c.meals};
    EXPECT_EQ(Has(in, ElderAlertCode::kNoMeal3Days), c.alert) << c.name;
  }
  // Since: the day after the last meal.
  const auto alerts = EvaluateElderAlerts(
      {.today = kToday, .living_alone = true, .meal_dates = OrdersEnding(4, 10)});
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].since, (CivilDate{2026, 11, 27}));
  EXPECT_EQ(alerts[0].severity, ElderAlertSeverity::kHigh);
  EXPECT_EQ(ElderAlertCodeName(alerts[0].code), "no_meal_3_days");
}

struct VisitCase {
  const char* name;
  AlertVisit visit;
  int now_minute;
  bool alert;
};

TEST(ElderAlertsTest, VisitMissed) {
  const CivilDate six_ago = elder_file::AddDays(kToday, -6);
  const CivilDate seven_ago = elder_file::AddDays(kToday, -7);
  const CivilDate yesterday = elder_file::AddDays(kToday, -1);
  const std::vector<VisitCase> cases = {
      {"missed 6 days ago", {six_ago, 600, "missed", false}, 720, true},
      {"missed 7 days ago (out of the window)", {seven_ago, 600, "missed", false}, 720, false},
      {"planned today, window ended 14 min ago", {kToday, 600, "planned", false}, 614, false},
      {"planned today, window ended 15 min ago", {kToday, 600, "planned", false}, 615, false},
      {"planned today, window ended 16 min ago", {kToday, 600, "planned", false}, 616, true},
      {"planned today, checked in", {kToday, 600, "planned", true}, 900, false},
      {"in progress", {kToday, 600, "in_progress", true}, 900, false},
      {"done", {yesterday, 600, "done", true}, 900, false},
      {"cancelled", {yesterday, 600, "cancelled", false}, 900, false},
      {"planned yesterday 23:50, grace runs past midnight",
       {yesterday, 1430, "planned", false},
       5,
       false},
      {"planned yesterday 23:50, grace over", {yesterday, 1430, "planned", false}, 6, true},
      {"planned tomorrow", {elder_file::AddDays(kToday, 1), 600, "planned", false}, 900, false},
  };
  for (const auto& c : cases) {
    const ElderAlertInputs in{.today = kToday, .now_minute = c.now_minute, .visits = {c.visit}};
    EXPECT_EQ(Has(in, ElderAlertCode::kVisitMissed), c.alert) << c.name;
  }
  const auto alerts = EvaluateElderAlerts(
      {.today = kToday,
       .now_minute = 720,
       .visits = {{yesterday, 600, "missed", false}, {six_ago, 600, "missed", false}}});
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].since, six_ago);
  EXPECT_NE(alerts[0].message_en.find("2 home-care visit(s)"), std::string::npos);
}

TEST(ElderAlertsTest, AssessmentOverdueAndNoCarePlan) {
  struct Case {
    const char* name;
    std::optional<int> grade;
    std::optional<CivilDate> next_due;
    bool has_plan;
    bool overdue;
    bool no_plan;
  };
  const std::vector<Case> cases = {
      {"due today is not overdue", 1, kToday, false, false, false},
      {"due yesterday is overdue", 1, elder_file::AddDays(kToday, -1), false, true, false},
      {"never assessed", std::nullopt, std::nullopt, false, false, false},
      {"grade 2 without a plan", 2, CivilDate{2027, 5, 1}, false, false, true},
      {"grade 2 with a plan", 2, CivilDate{2027, 5, 1}, true, false, false},
      {"grade 1 without a plan", 1, CivilDate{2027, 5, 1}, false, false, false},
      {"grade 4 without a plan, overdue", 4, CivilDate{2026, 1, 1}, false, true, true},
  };
  for (const auto& c : cases) {
    const ElderAlertInputs in{.today = kToday,
                              .grade = c.grade,
                              .assessed_on = CivilDate{2026, 6, 1},
                              .next_due = c.next_due,
                              .has_current_plan = c.has_plan};
    EXPECT_EQ(Has(in, ElderAlertCode::kAssessmentOverdue), c.overdue) << c.name;
    EXPECT_EQ(Has(in, ElderAlertCode::kNoCarePlan), c.no_plan) << c.name;
  }
}

}  // namespace
}  // namespace shequ::eldercare
