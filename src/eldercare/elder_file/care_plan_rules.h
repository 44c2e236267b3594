// Care plans for disabled elders (失能老人照护计划): the rule table that proposes a plan's services
// and visits a month from the elder's ability grade, and the "delivered against planned" count
// of a plan's item in a month. The table is data — data/care_plan_rules.tsv compiled in as the
// default — never constants in code; the counts are pure functions. Thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil_time.h"
#include "base/error.h"

namespace shequ::eldercare {

// The largest visits_per_month an item may have (two a day; care_plan_items' CHECK).
inline constexpr int kMaxCarePlanVisitsPerMonth = 62;

struct CarePlanRule {
  int row = 0;  // 1-based data row (the header is row 0), for error messages
  int grade = 0;
  std::string service_code;
  int visits_per_month = 0;
};

struct CarePlanItemDefault {
  std::string service_code;
  int visits_per_month = 0;
};

struct CarePlanRuleTable {
  std::vector<CarePlanRule> rules;
  // The rows of `grade` in table order; empty when the table proposes nothing for it.
  std::vector<CarePlanItemDefault> ForGrade(int grade) const;
};

// Parses the TSV: a header naming grade, service_code and visits_per_month (any order), one row
// per line, '#' comments and blank lines ignored. kInvalidArgument naming the row and column on a
// bad cell (grade outside 0..4, visits outside 1..kMaxCarePlanVisitsPerMonth, an empty code) and
// on a service listed twice for one grade. Whether each code is in the catalogue is checked
// against the database when a plan is made.
Result<CarePlanRuleTable> ParseCarePlanRules(std::string_view tsv);

// The shipped table's text (data/care_plan_rules.tsv, embedded at build time).
std::string_view DefaultCarePlanRulesTsv();
// The shipped table, parsed once (a unit test proves it parses).
const CarePlanRuleTable& DefaultCarePlanRules();

// The visits an item of `visits_per_month` calls for in the month `year`-`month`, prorated by the
// days of the month the plan [starts_on, ends_on] covers (rounded to the nearest visit, halves
// up): the whole month gives visits_per_month, a plan starting on the 16th of a 30-day month half.
int PlannedVisitsInMonth(int visits_per_month, const CivilDate& starts_on,
                         const std::optional<CivilDate>& ends_on, int year, int month);

// A home-care visit as the delivered count sees it.
struct CarePlanVisit {
  std::string service_code;
  CivilDate date;
  std::string status;  // delivered when "done"
};

// The visits of `service_code` done in the month `year`-`month` while the plan was in force.
int DeliveredVisitsInMonth(std::span<const CarePlanVisit> visits, std::string_view service_code,
                           const CivilDate& starts_on, const std::optional<CivilDate>& ends_on,
                           int year, int month);

}  // namespace shequ::eldercare
