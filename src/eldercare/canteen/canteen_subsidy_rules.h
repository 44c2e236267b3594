// The canteen's subsidy rule table (助餐补贴): which residents get how much off a meal, from which
// funding line, from when, within which monthly caps, and what the operator is paid per subsidised
// meal. The table is data (TSV, shipped default in data/subsidy_rules.tsv, replaceable per
// deployment), never constants in code; see docs/canteen.md for the columns.
//
// The rule of combination: a diner gets the single largest applicable subsidy per meal — tiers,
// not additive, as Jurong's table reads (STANDARDS.md §4.2) — never more than the meal's price
// and never past a monthly cap. Pure functions; plain values, safe to share between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil_time.h"
#include "base/error.h"
#include "eldercare/canteen/canteen.h"

namespace shequ::eldercare {

// One row of the table. A row applies to a diner when every condition it sets holds.
struct SubsidyRule {
  int row = 0;  // 1-based data row in the TSV (the header is row 0), for error messages
  std::string funding_line;  // who pays: "jurong_2023", "district_special", ...
  CivilDate effective_from;
  std::optional<CivilDate> effective_to;  // last day in force (inclusive); none: open-ended
  std::optional<Meal> meal;               // none: any meal
  std::optional<int> age_min;             // inclusive; none: any age
  std::optional<int> age_max;             // inclusive; none: no upper bound
  std::string tag;                        // a registry tag the diner must have; empty: none
  std::optional<int> level_min;           // with tag "disabled": disability level range
  std::optional<int> level_max;
  std::int64_t subsidy_fen = 0;
  std::optional<int> monthly_cap_meals;         // subsidised meals per month on this line
  std::optional<std::int64_t> monthly_cap_fen;  // subsidy per month on this line
  std::int64_t operator_subsidy_fen = 0;        // paid to the canteen per subsidised meal
  std::string label;                            // "80岁以上补贴"
  std::string label_en;                         // "Aged 80+ subsidy"
};

struct SubsidyRuleTable {
  std::vector<SubsidyRule> rules;
};

// Parses the TSV: a header naming the columns (any order; see kSubsidyRuleColumns), one rule per
// line, '#' comment lines and blank lines ignored, empty cells for "none". kInvalidArgument with
// the row and column named on a bad cell, and when two rows overlap (ValidateSubsidyRules).
Result<SubsidyRuleTable> ParseSubsidyRules(std::string_view tsv);

inline constexpr const char* kSubsidyRuleColumns[] = {"funding_line",
                                                      "effective_from",
                                                      "effective_to",
                                                      "meal",
                                                      "age_min",
                                                      "age_max",
                                                      "tag",
                                                      "level_min",
                                                      "level_max",
                                                      "subsidy_fen",
                                                      "monthly_cap_meals",
                                                      "monthly_cap_fen",
                                                      "operator_subsidy_fen",
                                                      "label",
                                                      "label_en"};

// Refuses overlapping bands: two rows of one funding line whose periods and meals overlap, with
// the same tag (or both none), whose age ranges (and level ranges) overlap, would leave it to
// row order which applies. The message names both rows.
Status ValidateSubsidyRules(const SubsidyRuleTable& table);

// What the rules need to know about a diner.
struct Diner {
  int age = 0;
  std::vector<std::string> tags;
  std::optional<int> disability_level;
};

// What this diner has used of each funding line in the meal's month (before this meal).
struct MonthlyUse {
  std::string funding_line;
  int meals = 0;
  std::int64_t subsidy_fen = 0;
};

struct SubsidyDecision {
  const SubsidyRule* rule = nullptr;  // null: no subsidy
  std::int64_t subsidy_fen = 0;       // after the price and cap limits
  std::int64_t operator_subsidy_fen = 0;
};

// The largest applicable subsidy for one meal at `price_fen` on `date`; the first row wins a tie.
// A rule whose monthly meal cap is reached, or whose fen cap is used up, does not apply.
SubsidyDecision DecideSubsidy(const SubsidyRuleTable& table, const Diner& diner,
                              const CivilDate& date, Meal meal, std::int64_t price_fen,
                              const std::vector<MonthlyUse>& used);

// The shipped default table (data/subsidy_rules.tsv, compiled in).
std::string_view DefaultSubsidyRulesTsv();

}  // namespace shequ::eldercare
