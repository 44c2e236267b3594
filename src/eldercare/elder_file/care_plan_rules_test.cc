// The care-plan rule table (the shipped one and bad ones) and the "delivered against planned"
// counts of a month.
#include "eldercare/elder_file/care_plan_rules.h"

#include <gtest/gtest.h>

namespace shequ::eldercare {
namespace {

TEST(CarePlanRulesTest, TheShippedTableParses) {
  auto table = ParseCarePlanRules(DefaultCarePlanRulesTsv());
  ASSERT_TRUE(table) << table.error().message;
  EXPECT_EQ(table->ForGrade(0).size(), 0u);
  const auto grade2 = table->ForGrade(2);
  ASSERT_EQ(grade2.size(), 3u);
  EXPECT_EQ(grade2[0].service_code, "personal_care");
  EXPECT_EQ(grade2[0].visits_per_month, 8);
  EXPECT_EQ(grade2[1].service_code, "cleaning");
  EXPECT_EQ(grade2[1].visits_per_month, 4);
  const auto grade3 = table->ForGrade(3);
  ASSERT_EQ(grade3.size(), 4u);
  EXPECT_EQ(grade3[0].visits_per_month, 12);
  EXPECT_EQ(grade3[1].service_code, "bathing");
  EXPECT_EQ(grade3[2].service_code, "medical_visit");
  EXPECT_EQ(grade3[2].visits_per_month, 2);
  EXPECT_EQ(DefaultCarePlanRules().rules.size(), table->rules.size());
}

TEST(CarePlanRulesTest, BadTablesAreRefused) {
  const char* kHeader = "grade\tservice_code\tvisits_per_month\n";
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"grade 5", "5\tcleaning\t2\n"},
      {"grade -1", "-1\tcleaning\t2\n"},
      {"visits 0", "2\tcleaning\t0\n"},
      {"visits 63", "2\tcleaning\t63\n"},
      {"visits not a number", "2\tcleaning\tfour\n"},
      {"empty code", "2\t\t4\n"},
      {"twice for a grade", "2\tcleaning\t4\n2\tcleaning\t2\n"},
      {"short row", "2\tcleaning\n"},
  };
  for (const auto& [name, rows] : bad) {
    auto table = ParseCarePlanRules(std::string(kHeader) + rows);
    EXPECT_FALSE(table) << name;
    if (!table) {
      EXPECT_EQ(table.error().code, ErrorCode::kInvalidArgument) << name;
    }
  }
  EXPECT_FALSE(ParseCarePlanRules("grade\tcode\tvisits_per_month\n2\tcleaning\t4\n"));
  EXPECT_FALSE(ParseCarePlanRules("# only a comment\n"));
  // The same code for two grades is fine; columns in any order; comments and blanks skipped.
  auto good = ParseCarePlanRules(
      "# c\nvisits_per_month\tgrade\tservice_code\n\n4\t2\tcleaning\n6\t3\tcleaning\n");
  ASSERT_TRUE(good) << good.error().message;
  EXPECT_EQ(good->ForGrade(3).at(0).visits_per_month, 6);
}

TEST(CarePlanRulesTest, PlannedVisitsAreProratedToTheDaysInForce) {
  struct Case {
    const char* name;
    int visits;
    CivilDate starts;
    std::optional<CivilDate> ends;
    int expected;
  };
  // November 2026 has 30 days.
  const std::vector<Case> cases = {
      {"whole month, open-ended", 8, {2026, 10, 1}, std::nullopt, 8},
      {"whole month, ends on the last day", 8, {2026, 11, 1}, CivilDate{2026, 11, 30}, 8},
      {"from the 16th: 15 of 30 days", 8, {2026, 11, 16}, std::nullopt, 4},
      {"from the 17th: 14 of 30 days, 3.73 rounds to 4", 8, {2026, 11, 17}, std::nullopt, 4},
      {"from the 20th: 11 of 30 days, 2.93 rounds to 3", 8, {2026, 11, 20}, std::nullopt, 3},
      {"half a visit rounds up", 1, {2026, 11, 16}, std::nullopt, 1},
      {"ended before the month", 8, {2026, 9, 1}, CivilDate{2026, 10, 31}, 0},
      {"starts after the month", 8, {2026, 12, 1}, std::nullopt, 0},
      {"ends on the 10th: 10 of 30 days", 12, {2026, 10, 1}, CivilDate{2026, 11, 10}, 4},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(PlannedVisitsInMonth(c.visits, c.starts, c.ends, 2026, 11), c.expected) << c.name;
  }
}

TEST(CarePlanRulesTest, DeliveredCountsDoneVisitsOfTheCodeWhileInForce) {
  const std::vector<CarePlanVisit> visits = {
      {"personal_care", {2026, 11, 2}, "done"},
      {"personal_care", {2026, 11, 9}, "done"},
      {"personal_care", {2026, 11, 16}, "missed"},     // not delivered
      {"personal_care", {2026, 11, 23}, "planned"},    // not yet
      {"personal_care", {2026, 11, 25}, "cancelled"},  // not delivered
      {"cleaning", {2026, 11, 3}, "done"},             // another code
      {"personal_care", {2026, 10, 30}, "done"},       // last month
      {"personal_care", {2026, 12, 1}, "done"},        // next month
  };
  EXPECT_EQ(DeliveredVisitsInMonth(visits, "personal_care", {2026, 10, 1}, std::nullopt, 2026, 11),
            2);
  EXPECT_EQ(DeliveredVisitsInMonth(visits, "cleaning", {2026, 10, 1}, std::nullopt, 2026, 11), 1);
  EXPECT_EQ(DeliveredVisitsInMonth(visits, "bathing", {2026, 10, 1}, std::nullopt, 2026, 11), 0);
  // A plan starting on the 5th counts the 9th only; one that ended on the 5th the 2nd only.
  EXPECT_EQ(DeliveredVisitsInMonth(visits, "personal_care", {2026, 11, 5}, std::nullopt, 2026, 11),
            1);
  EXPECT_EQ(DeliveredVisitsInMonth(visits, "personal_care", {2026, 10, 1}, CivilDate{2026, 11, 5},
                                   2026, 11),
            1);
}

}  // namespace
}  // namespace shequ::eldercare
