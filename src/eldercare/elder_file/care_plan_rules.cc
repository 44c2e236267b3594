#include "eldercare/elder_file/care_plan_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>
#include <utility>

namespace shequ::eldercare {
namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> cells;
  while (true) {
    const auto tab = line.find('\t');
    cells.push_back(line.substr(0, tab));
    if (tab == std::string_view::npos) break;
    line.remove_prefix(tab + 1);
  }
  return cells;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\r')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

std::optional<int> ParseWhole(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

std::vector<CarePlanItemDefault> CarePlanRuleTable::ForGrade(int grade) const {
  std::vector<CarePlanItemDefault> items;
  for (const auto& rule : rules) {
    if (rule.grade == grade) items.push_back({rule.service_code, rule.visits_per_month});
  }
  return items;
}

Result<CarePlanRuleTable> ParseCarePlanRules(std::string_view tsv) {
  CarePlanRuleTable table;
  std::optional<std::vector<std::string_view>> header;
  int column_grade = -1, column_code = -1, column_visits = -1;
  std::set<std::pair<int, std::string>> seen;
  int row = 0;
  while (!tsv.empty()) {
    const auto newline = tsv.find('\n');
    const std::string_view line = Trim(tsv.substr(0, newline));
    tsv.remove_prefix(newline == std::string_view::npos ? tsv.size() : newline + 1);
    if (line.empty() || line.front() == '#') continue;
    auto cells = SplitTabs(line);
    for (auto& cell : cells) cell = Trim(cell);
    if (!header) {
      header = cells;
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (cells[i] == "grade") column_grade = static_cast<int>(i);
        if (cells[i] == "service_code") column_code = static_cast<int>(i);
        if (cells[i] == "visits_per_month") column_visits = static_cast<int>(i);
      }
      if (column_grade < 0 || column_code < 0 || column_visits < 0) {
        return InvalidArgument(
            "the care-plan rule table's header must name grade, service_code and "
            "visits_per_month",
            "rules");
      }
      continue;
    }
    ++row;
    if (cells.size() != header->size()) {
      return InvalidArgument(fmt::format("care-plan rule row {}: {} cells, the header has {}", row,
                                         cells.size(), header->size()),
                             "rules");
    }
    CarePlanRule rule{.row = row};
    const auto grade = ParseWhole(cells[column_grade]);
    if (!grade || *grade < 0 || *grade > 4) {
      return InvalidArgument(fmt::format("care-plan rule row {}: grade must be 0 to 4", row),
                             "rules");
    }
    rule.grade = *grade;
    rule.service_code = std::string(cells[column_code]);
    if (rule.service_code.empty()) {
      return InvalidArgument(fmt::format("care-plan rule row {}: service_code is empty", row),
                             "rules");
    }
    const auto visits = ParseWhole(cells[column_visits]);
    if (!visits || *visits < 1 || *visits > kMaxCarePlanVisitsPerMonth) {
      return InvalidArgument(fmt::format("care-plan rule row {}: visits_per_month must be 1 to {}",
                                         row, kMaxCarePlanVisitsPerMonth),
                             "rules");
    }
    rule.visits_per_month = *visits;
    if (!seen.insert({rule.grade, rule.service_code}).second) {
      return InvalidArgument(fmt::format("care-plan rule row {}: {} is listed twice for grade {}",
                                         row, rule.service_code, rule.grade),
                             "rules");
    }
    table.rules.push_back(std::move(rule));
  }
  if (!header) return InvalidArgument("the care-plan rule table is empty", "rules");
  return table;
}

const CarePlanRuleTable& DefaultCarePlanRules() {
  // The shipped table is tested to parse; an empty table is the safe fallback should it not.
  static const CarePlanRuleTable kTable =
      ParseCarePlanRules(DefaultCarePlanRulesTsv()).value_or(CarePlanRuleTable{});
  return kTable;
}

namespace {

// The days of the month the plan covers, as [first, last]; nullopt when none.
std::optional<std::pair<CivilDate, CivilDate>> CoveredDays(const CivilDate& starts_on,
                                                           const std::optional<CivilDate>& ends_on,
                                                           int year, int month) {
  const CivilDate month_first{year, month, 1};
  const CivilDate month_last{year, month, DaysInMonth(year, month)};
  const CivilDate first = std::max(month_first, starts_on);
  const CivilDate last = ends_on ? std::min(month_last, *ends_on) : month_last;
  if (first > last) return std::nullopt;
  return std::pair{first, last};
}

}  // namespace

int PlannedVisitsInMonth(int visits_per_month, const CivilDate& starts_on,
                         const std::optional<CivilDate>& ends_on, int year, int month) {
  const auto covered = CoveredDays(starts_on, ends_on, year, month);
  if (!covered) return 0;
  const std::int64_t days = DaysFromCivil(covered->second) - DaysFromCivil(covered->first) + 1;
  const std::int64_t month_days = DaysInMonth(year, month);
  // Round half up in integers: (2·v·d + m) / (2·m).
  return static_cast<int>((2 * visits_per_month * days + month_days) / (2 * month_days));
}

int DeliveredVisitsInMonth(std::span<const CarePlanVisit> visits, std::string_view service_code,
                           const CivilDate& starts_on, const std::optional<CivilDate>& ends_on,
                           int year, int month) {
  const auto covered = CoveredDays(starts_on, ends_on, year, month);
  if (!covered) return 0;
  return static_cast<int>(std::count_if(visits.begin(), visits.end(), [&](const auto& visit) {
    return visit.status == "done" && visit.service_code == service_code &&
           visit.date >= covered->first && visit.date <= covered->second;
  }));
}

}  // namespace shequ::eldercare
