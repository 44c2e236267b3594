#include "eldercare/canteen/canteen_settlement.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace shequ::eldercare {

Settlement Settle(int year, int month, const std::vector<SettledOrder>& orders,
                  const std::vector<LedgerTotal>& ledger, std::int64_t fixed_monthly_cost_fen) {
  Settlement out;
  out.year = year;
  out.month = month;
  out.fixed_cost_fen = fixed_monthly_cost_fen;
  std::map<std::pair<std::string, std::string>, TierTotal> tiers;
  std::map<std::string, FundingLineTotal> lines;
  for (const SettledOrder& order : orders) {
    ++out.meals;
    out.standard_fen += order.standard_fen;
    out.subsidy_fen += order.subsidy_fen;
    out.operator_subsidy_fen += order.operator_subsidy_fen;
    out.revenue_fen += order.standard_fen - order.subsidy_fen;
    out.delivery_fen += order.delivery_fen;
    out.food_cost_fen += order.cost_fen;
    TierTotal& tier = tiers[{order.funding_line, order.tier}];
    tier.tier = order.tier;
    tier.funding_line = order.funding_line;
    ++tier.meals;
    tier.standard_fen += order.standard_fen;
    tier.subsidy_fen += order.subsidy_fen;
    tier.paid_fen += order.standard_fen - order.subsidy_fen;
    tier.operator_subsidy_fen += order.operator_subsidy_fen;
    if (!order.funding_line.empty()) {
      ++out.subsidised_meals;
      FundingLineTotal& line = lines[order.funding_line];
      line.funding_line = order.funding_line;
      ++line.meals;
      line.subsidy_fen += order.subsidy_fen;
      line.operator_subsidy_fen += order.operator_subsidy_fen;
    }
  }
  for (const LedgerTotal& total : ledger) {
    FundingLineTotal& line = lines[total.funding_line];
    line.funding_line = total.funding_line;
    line.ledger_subsidy_fen += total.subsidy_fen;
    line.ledger_operator_subsidy_fen += total.operator_subsidy_fen;
  }
  out.reconciled = true;
  for (auto& [name, line] : lines) {
    if (line.subsidy_fen != line.ledger_subsidy_fen ||
        line.operator_subsidy_fen != line.ledger_operator_subsidy_fen) {
      out.reconciled = false;
    }
    out.funding_lines.push_back(std::move(line));
  }
  for (auto& [key, tier] : tiers) out.tiers.push_back(std::move(tier));
  return out;
}

Sustainability AssessSustainability(const Canteen& canteen, int year, int month,
                                    const std::vector<SettledOrder>& orders,
                                    const WhatIf& what_if) {
  Sustainability out;
  out.year = year;
  out.month = month;
  out.fixed_cost_fen = canteen.fixed_monthly_cost_fen;
  for (int day = 1; day <= DaysInMonth(year, month); ++day) {
    const CivilDate date{year, month, day};
    const bool lunch = canteen.lunch.OpenOn(date);
    const bool dinner = canteen.dinner.OpenOn(date);
    if (lunch || dinner) ++out.open_days;
    out.capacity_meals +=
        (lunch ? canteen.seats_per_meal : 0) + (dinner ? canteen.seats_per_meal : 0);
  }
  for (const SettledOrder& order : orders) {
    const std::int64_t standard =
        std::max<std::int64_t>(0, order.standard_fen + what_if.price_change_fen);
    const auto scale = [&](std::int64_t fen) {
      return static_cast<std::int64_t>(
          std::llround(static_cast<double>(fen) * what_if.subsidy_scale));
    };
    const std::int64_t subsidy = std::min(scale(order.subsidy_fen), standard);
    ++out.meals;
    out.revenue_fen += standard - subsidy;
    out.subsidy_fen += subsidy + scale(order.operator_subsidy_fen);
    out.food_cost_fen += order.cost_fen;
  }
  out.total_cost_fen = out.fixed_cost_fen + out.food_cost_fen;
  if (out.total_cost_fen > 0) {
    out.cost_recovery =
        static_cast<double>(out.revenue_fen) / static_cast<double>(out.total_cost_fen);
  }
  if (out.revenue_fen + out.subsidy_fen > 0) {
    out.subsidy_dependence = static_cast<double>(out.subsidy_fen) /
                             static_cast<double>(out.revenue_fen + out.subsidy_fen);
  }
  if (out.open_days > 0) {
    out.meals_per_day = static_cast<double>(out.meals) / out.open_days;
    out.capacity_per_day = static_cast<double>(out.capacity_meals) / out.open_days;
  }
  if (out.capacity_meals > 0) {
    out.utilisation = static_cast<double>(out.meals) / static_cast<double>(out.capacity_meals);
  }
  if (out.meals == 0) {
    out.break_even_reason = "no_meals";
  } else if (out.open_days == 0) {
    out.break_even_reason = "no_open_days";
  } else {
    // Per meal: what the diner pays + what the funders pay - what the food costs.
    const double margin =
        static_cast<double>(out.revenue_fen + out.subsidy_fen - out.food_cost_fen) /
        static_cast<double>(out.meals);
    out.margin_per_meal_fen = margin;
    if (margin <= 0) {
      out.break_even_reason = "margin_not_positive";
    } else {
      out.break_even_meals_per_day =
          static_cast<double>(out.fixed_cost_fen) / margin / out.open_days;
    }
  }
  return out;
}

}  // namespace shequ::eldercare
