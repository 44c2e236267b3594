#include "eldercare/canteen/canteen_subsidy_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <map>

namespace shequ::eldercare {
namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> cells;
  while (true) {
    const std::size_t tab = line.find('\t');
    cells.push_back(line.substr(0, tab));
    if (tab == std::string_view::npos) break;
    line.remove_prefix(tab + 1);
  }
  return cells;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  return text;
}

std::string CellError(int row, std::string_view column, std::string_view what) {
  return fmt::format("subsidy rules row {}, column {}: {}", row, column, what);
}

Result<std::optional<std::int64_t>> OptionalInt(std::string_view cell, int row,
                                                std::string_view column) {
  if (cell.empty()) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (error != std::errc() || end != cell.data() + cell.size() || value < 0) {
    return InvalidArgument(CellError(row, column, "must be a whole number >= 0"), "rules");
  }
  return value;
}

Result<std::optional<CivilDate>> OptionalDate(std::string_view cell, int row,
                                              std::string_view column) {
  if (cell.empty()) return std::nullopt;
  auto date = ParseDate(cell);
  if (!date) return InvalidArgument(CellError(row, column, "must be a date YYYY-MM-DD"), "rules");
  return *date;
}

// [a_min, a_max] and [b_min, b_max] with missing bounds open.
bool RangesOverlap(std::optional<std::int64_t> a_min, std::optional<std::int64_t> a_max,
                   std::optional<std::int64_t> b_min, std::optional<std::int64_t> b_max) {
  const std::int64_t a_lo = a_min.value_or(INT64_MIN), a_hi = a_max.value_or(INT64_MAX);
  const std::int64_t b_lo = b_min.value_or(INT64_MIN), b_hi = b_max.value_or(INT64_MAX);
  return a_lo <= b_hi && b_lo <= a_hi;
}

std::optional<std::int64_t> Widen(std::optional<int> value) {
  if (!value) return std::nullopt;
  return *value;
}

std::optional<std::int64_t> DaysOf(const std::optional<CivilDate>& date) {
  if (!date) return std::nullopt;
  return DaysFromCivil(*date);
}

bool InForce(const SubsidyRule& rule, const CivilDate& date) {
  return rule.effective_from <= date && (!rule.effective_to || date <= *rule.effective_to);
}

bool Applies(const SubsidyRule& rule, const Diner& diner, const CivilDate& date, Meal meal) {
  if (!InForce(rule, date)) return false;
  if (rule.meal && *rule.meal != meal) return false;
  if (rule.age_min && diner.age < *rule.age_min) return false;
  if (rule.age_max && diner.age > *rule.age_max) return false;
  if (!rule.tag.empty()) {
    if (std::find(diner.tags.begin(), diner.tags.end(), rule.tag) == diner.tags.end()) {
      return false;
    }
    if (rule.level_min || rule.level_max) {
      if (!diner.disability_level) return false;
      if (rule.level_min && *diner.disability_level < *rule.level_min) return false;
      if (rule.level_max && *diner.disability_level > *rule.level_max) return false;
    }
  }
  return true;
}

}  // namespace

Result<SubsidyRuleTable> ParseSubsidyRules(std::string_view tsv) {
  SubsidyRuleTable table;
  std::map<std::string, std::size_t, std::less<>> column_of;
  bool header_seen = false;
  int row = 0;
  while (!tsv.empty()) {
    const std::size_t newline = tsv.find('\n');
    const std::string_view line = Trim(tsv.substr(0, newline));
    tsv.remove_prefix(newline == std::string_view::npos ? tsv.size() : newline + 1);
    if (line.empty() || line.front() == '#') continue;
    const auto cells = SplitTabs(line);
    if (!header_seen) {
      for (std::size_t i = 0; i < cells.size(); ++i) {
        const std::string_view name = Trim(cells[i]);
        if (std::find_if(std::begin(kSubsidyRuleColumns), std::end(kSubsidyRuleColumns),
                         [&](const char* known) { return name == known; }) ==
            std::end(kSubsidyRuleColumns)) {
          return InvalidArgument(fmt::format("subsidy rules: unknown column '{}'", name), "rules");
        }
        if (!column_of.emplace(std::string(name), i).second) {
          return InvalidArgument(fmt::format("subsidy rules: column '{}' twice", name), "rules");
        }
      }
      for (const char* required : {"funding_line", "effective_from", "subsidy_fen", "label"}) {
        if (!column_of.contains(required)) {
          return InvalidArgument(fmt::format("subsidy rules: no column '{}'", required), "rules");
        }
      }
      header_seen = true;
      continue;
    }
    ++row;
    if (cells.size() > column_of.size()) {
      return InvalidArgument(fmt::format("subsidy rules row {}: {} cells for {} columns", row,
                                         cells.size(), column_of.size()),
                             "rules");
    }
    auto cell = [&](std::string_view column) -> std::string_view {
      const auto it = column_of.find(column);
      if (it == column_of.end() || it->second >= cells.size()) return {};
      return Trim(cells[it->second]);
    };
    SubsidyRule rule;
    rule.row = row;
    rule.funding_line = std::string(cell("funding_line"));
    if (rule.funding_line.empty()) {
      return InvalidArgument(CellError(row, "funding_line", "is required"), "rules");
    }
    auto from = OptionalDate(cell("effective_from"), row, "effective_from");
    SHEQU_RETURN_IF_ERROR(from);
    if (!*from) return InvalidArgument(CellError(row, "effective_from", "is required"), "rules");
    rule.effective_from = **from;
    auto to = OptionalDate(cell("effective_to"), row, "effective_to");
    SHEQU_RETURN_IF_ERROR(to);
    rule.effective_to = *to;
    if (rule.effective_to && *rule.effective_to < rule.effective_from) {
      return InvalidArgument(CellError(row, "effective_to", "is before effective_from"), "rules");
    }
    const std::string_view meal = cell("meal");
    if (!meal.empty() && meal != "any") {
      rule.meal = ParseMeal(meal);
      if (!rule.meal) {
        return InvalidArgument(CellError(row, "meal", "must be lunch, dinner or any"), "rules");
      }
    }
    std::optional<std::int64_t> ints[6];
    const char* int_columns[] = {"age_min",   "age_max",           "level_min",
                                 "level_max", "monthly_cap_meals", "subsidy_fen"};
    for (int i = 0; i < 6; ++i) {
      auto value = OptionalInt(cell(int_columns[i]), row, int_columns[i]);
      SHEQU_RETURN_IF_ERROR(value);
      if (*value && **value > 1'000'000'000) {
        return InvalidArgument(CellError(row, int_columns[i], "is too large"), "rules");
      }
      ints[i] = *value;
    }
    auto narrow = [](std::optional<std::int64_t> v) -> std::optional<int> {
      if (!v) return std::nullopt;
      return static_cast<int>(*v);
    };
    rule.age_min = narrow(ints[0]);
    rule.age_max = narrow(ints[1]);
    rule.level_min = narrow(ints[2]);
    rule.level_max = narrow(ints[3]);
    rule.monthly_cap_meals = narrow(ints[4]);
    if (!ints[5]) return InvalidArgument(CellError(row, "subsidy_fen", "is required"), "rules");
    rule.subsidy_fen = *ints[5];
    if (rule.age_min && rule.age_max && *rule.age_max < *rule.age_min) {
      return InvalidArgument(CellError(row, "age_max", "is below age_min"), "rules");
    }
    if (rule.level_min && rule.level_max && *rule.level_max < *rule.level_min) {
      return InvalidArgument(CellError(row, "level_max", "is below level_min"), "rules");
    }
    rule.tag = std::string(cell("tag"));
    if (!rule.tag.empty() && rule.tag != "low_income" && rule.tag != "extreme_poverty" &&
        rule.tag != "disabled") {
      return InvalidArgument(
          CellError(row, "tag", "must be low_income, extreme_poverty or disabled"), "rules");
    }
    if ((rule.level_min || rule.level_max) && rule.tag != "disabled") {
      return InvalidArgument(CellError(row, "level_min", "needs tag disabled"), "rules");
    }
    auto cap_fen = OptionalInt(cell("monthly_cap_fen"), row, "monthly_cap_fen");
    SHEQU_RETURN_IF_ERROR(cap_fen);
    rule.monthly_cap_fen = *cap_fen;
    auto operator_fen = OptionalInt(cell("operator_subsidy_fen"), row, "operator_subsidy_fen");
    SHEQU_RETURN_IF_ERROR(operator_fen);
    rule.operator_subsidy_fen = operator_fen->value_or(0);
    rule.label = std::string(cell("label"));
    rule.label_en = std::string(cell("label_en"));
    if (rule.label.empty()) return InvalidArgument(CellError(row, "label", "is required"), "rules");
    if (rule.label_en.empty()) rule.label_en = rule.label;
    table.rules.push_back(std::move(rule));
  }
  if (!header_seen) return InvalidArgument("subsidy rules: no header line", "rules");
  SHEQU_RETURN_IF_ERROR(ValidateSubsidyRules(table));
  return table;
}

Status ValidateSubsidyRules(const SubsidyRuleTable& table) {
  const auto& rules = table.rules;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    for (std::size_t j = i + 1; j < rules.size(); ++j) {
      const SubsidyRule& a = rules[i];
      const SubsidyRule& b = rules[j];
      if (a.funding_line != b.funding_line || a.tag != b.tag) continue;
      if (a.meal && b.meal && *a.meal != *b.meal) continue;
      if (!RangesOverlap(DaysFromCivil(a.effective_from), DaysOf(a.effective_to),
                         DaysFromCivil(b.effective_from), DaysOf(b.effective_to))) {
        continue;
      }
      if (!RangesOverlap(Widen(a.age_min), Widen(a.age_max), Widen(b.age_min), Widen(b.age_max))) {
        continue;
      }
      if (!RangesOverlap(Widen(a.level_min), Widen(a.level_max), Widen(b.level_min),
                         Widen(b.level_max))) {
        continue;
      }
      return InvalidArgument(
          fmt::format("subsidy rules rows {} and {} overlap: funding line {}, same condition, "
                      "overlapping ages and dates",
                      a.row, b.row, a.funding_line),
          "rules");
    }
  }
  return {};
}

SubsidyDecision DecideSubsidy(const SubsidyRuleTable& table, const Diner& diner,
                              const CivilDate& date, Meal meal, std::int64_t price_fen,
                              const std::vector<MonthlyUse>& used) {
  SubsidyDecision best;
  for (const SubsidyRule& rule : table.rules) {
    if (!Applies(rule, diner, date, meal)) continue;
    std::int64_t amount = std::min(rule.subsidy_fen, price_fen);
    const auto use = std::find_if(used.begin(), used.end(), [&](const MonthlyUse& u) {
      return u.funding_line == rule.funding_line;
    });
    if (use != used.end()) {
      if (rule.monthly_cap_meals && use->meals >= *rule.monthly_cap_meals) continue;
      if (rule.monthly_cap_fen) {
        amount = std::min(amount, *rule.monthly_cap_fen - use->subsidy_fen);
      }
    } else if (rule.monthly_cap_fen) {
      amount = std::min(amount, *rule.monthly_cap_fen);
    }
    if (rule.monthly_cap_meals && *rule.monthly_cap_meals == 0) continue;
    if (amount <= 0) continue;
    if (amount > best.subsidy_fen) {
      best.rule = &rule;
      best.subsidy_fen = amount;
      best.operator_subsidy_fen = rule.operator_subsidy_fen;
    }
  }
  return best;
}

}  // namespace shequ::eldercare
