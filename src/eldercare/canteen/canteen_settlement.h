// Month-end settlement (月结) and the sustainability figures of one canteen, computed from the
// month's orders as they were priced (each order keeps its own lines) and the subsidy ledger.
//
// Settlement: meals by tier, subsidy per funding line, the operator subsidy, revenue from diners,
// food cost; every total is a sum over the same orders, and the ledger is checked against them.
// Sustainability: cost recovery, subsidy dependence, meals per day against capacity, break-even,
// and a what-if that re-prices the same meals (it assumes the same diners keep coming).
// Pure functions; plain values, safe to copy between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/civil_time.h"
#include "eldercare/canteen/canteen.h"

namespace shequ::eldercare {

// One active order as settlement sees it.
struct SettledOrder {
  CivilDate date;
  Meal meal = Meal::kLunch;
  std::int64_t standard_fen = 0;
  std::int64_t subsidy_fen = 0;
  std::int64_t delivery_fen = 0;
  std::int64_t price_fen = 0;  // standard - subsidy + delivery: what the diner paid
  std::int64_t operator_subsidy_fen = 0;
  std::int64_t cost_fen = 0;
  std::string funding_line;  // empty: full price
  std::string tier;          // the rule's label; empty: full price
};

// The ledger's net total per funding line for the month.
struct LedgerTotal {
  std::string funding_line;
  std::int64_t subsidy_fen = 0;
  std::int64_t operator_subsidy_fen = 0;
};

struct TierTotal {
  std::string tier;  // "" for full-price meals
  std::string funding_line;
  std::int64_t meals = 0;
  std::int64_t standard_fen = 0;
  std::int64_t subsidy_fen = 0;
  std::int64_t paid_fen = 0;  // standard - subsidy
  std::int64_t operator_subsidy_fen = 0;
};

struct FundingLineTotal {
  std::string funding_line;
  std::int64_t meals = 0;
  std::int64_t subsidy_fen = 0;
  std::int64_t operator_subsidy_fen = 0;
  std::int64_t ledger_subsidy_fen = 0;
  std::int64_t ledger_operator_subsidy_fen = 0;
};

struct Settlement {
  int year = 0;
  int month = 0;
  std::int64_t meals = 0;
  std::int64_t subsidised_meals = 0;
  std::int64_t standard_fen = 0;
  std::int64_t subsidy_fen = 0;
  std::int64_t operator_subsidy_fen = 0;
  std::int64_t revenue_fen = 0;   // paid by diners for meals (standard - subsidy), no delivery
  std::int64_t delivery_fen = 0;  // delivery fees paid by diners
  std::int64_t food_cost_fen = 0;
  std::int64_t fixed_cost_fen = 0;
  std::vector<TierTotal> tiers;                 // by funding line then tier; full price first
  std::vector<FundingLineTotal> funding_lines;  // by name
  bool reconciled = false;                      // every funding line's ledger equals its orders
};

Settlement Settle(int year, int month, const std::vector<SettledOrder>& orders,
                  const std::vector<LedgerTotal>& ledger, std::int64_t fixed_monthly_cost_fen);

// The what-if: every meal's standard price moved by price_change_fen (never below 0), every
// subsidy (meal and operator) multiplied by subsidy_scale, rounded to the fen, still capped at
// the new price.
struct WhatIf {
  std::int64_t price_change_fen = 0;
  double subsidy_scale = 1.0;
};

struct Sustainability {
  int year = 0;
  int month = 0;
  std::int64_t meals = 0;
  int open_days = 0;                // days of the month with lunch or dinner served
  std::int64_t capacity_meals = 0;  // seats × open meal sittings in the month
  std::optional<double> meals_per_day;
  std::optional<double> capacity_per_day;
  std::optional<double> utilisation;  // meals ÷ capacity_meals
  std::int64_t revenue_fen = 0;       // diners' payments for meals
  std::int64_t subsidy_fen = 0;       // meal subsidy + operator subsidy
  std::int64_t food_cost_fen = 0;
  std::int64_t fixed_cost_fen = 0;
  std::int64_t total_cost_fen = 0;
  std::optional<double> cost_recovery;       // revenue ÷ total cost
  std::optional<double> subsidy_dependence;  // subsidy ÷ (revenue + subsidy)
  std::optional<double> break_even_meals_per_day;
  std::string break_even_reason;  // why break-even is null: "no_meals", "margin_not_positive", ...
  std::optional<double> margin_per_meal_fen;  // avg paid + avg subsidy - avg food cost
};

Sustainability AssessSustainability(const Canteen& canteen, int year, int month,
                                    const std::vector<SettledOrder>& orders,
                                    const WhatIf& what_if = {});

}  // namespace shequ::eldercare
