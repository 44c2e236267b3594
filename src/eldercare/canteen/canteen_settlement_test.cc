#include "eldercare/canteen/canteen_settlement.h"

#include <gtest/gtest.h>

namespace shequ::eldercare {
namespace {

// November 2026: lunch Monday to Friday (21 weekdays), 40 seats, 30,000 yuan fixed a month.
Canteen TestCanteen() {
  Canteen canteen;
  canteen.seats_per_meal = 40;
  canteen.lunch = {0b0011111, 11 * 60, 13 * 60};
  canteen.dinner = {0, 17 * 60, 18 * 60};
  canteen.fixed_monthly_cost_fen = 3'000'000;
  return canteen;
}

SettledOrder Order(std::int64_t standard, std::int64_t subsidy, std::int64_t op, std::int64_t cost,
                   const char* line, const char* tier, std::int64_t delivery = 0) {
  return {
      {2026, 11, 2}, Meal::kLunch, standard, subsidy, delivery, standard - subsidy + delivery, op,
      cost,          line,         tier};
}

TEST(CanteenSettlementTest, TotalsAreSumsOfTheOrdersAndTheLedgerReconciles) {
  const std::vector<SettledOrder> orders = {
      Order(1500, 500, 300, 800, "city", "80岁"),
      Order(1500, 500, 300, 800, "city", "80岁"),
      Order(1500, 800, 300, 800, "city", "低保"),
      Order(1500, 0, 0, 800, "", "", 200),
  };
  const auto s = Settle(2026, 11, orders, {{"city", 1800, 900}}, 3'000'000);
  EXPECT_EQ(s.meals, 4);
  EXPECT_EQ(s.subsidised_meals, 3);
  EXPECT_EQ(s.standard_fen, 6000);
  EXPECT_EQ(s.subsidy_fen, 1800);
  EXPECT_EQ(s.operator_subsidy_fen, 900);
  EXPECT_EQ(s.revenue_fen, 6000 - 1800);
  EXPECT_EQ(s.delivery_fen, 200);
  EXPECT_EQ(s.food_cost_fen, 3200);
  ASSERT_EQ(s.tiers.size(), 3u);  // full price, then city's two tiers
  EXPECT_EQ(s.tiers[0].tier, "");
  EXPECT_EQ(s.tiers[0].meals, 1);
  std::int64_t tier_meals = 0, tier_subsidy = 0;
  for (const auto& tier : s.tiers) {
    tier_meals += tier.meals;
    tier_subsidy += tier.subsidy_fen;
  }
  EXPECT_EQ(tier_meals, s.meals);
  EXPECT_EQ(tier_subsidy, s.subsidy_fen);
  ASSERT_EQ(s.funding_lines.size(), 1u);
  EXPECT_EQ(s.funding_lines[0].meals, 3);
  EXPECT_TRUE(s.reconciled);

  const auto off = Settle(2026, 11, orders, {{"city", 1300, 900}}, 3'000'000);
  EXPECT_FALSE(off.reconciled);
}

TEST(CanteenSettlementTest, SustainabilityFromHandComputedFigures) {
  // 420 meals at 15.00 standard, 5.00 subsidy + 3.00 operator subsidy, 8.00 food cost each.
  std::vector<SettledOrder> orders(420, Order(1500, 500, 300, 800, "city", "80岁"));
  const auto s = AssessSustainability(TestCanteen(), 2026, 11, orders);
  EXPECT_EQ(s.open_days, 21);
  EXPECT_EQ(s.capacity_meals, 21 * 40);
  EXPECT_DOUBLE_EQ(*s.meals_per_day, 20.0);
  EXPECT_DOUBLE_EQ(*s.utilisation, 0.5);
  EXPECT_EQ(s.revenue_fen, 420 * 1000);
  EXPECT_EQ(s.subsidy_fen, 420 * 800);
  EXPECT_EQ(s.total_cost_fen, 3'000'000 + 420 * 800);
  EXPECT_DOUBLE_EQ(*s.cost_recovery, 420000.0 / 3336000.0);
  EXPECT_DOUBLE_EQ(*s.subsidy_dependence, 800.0 / 1800.0);
  // Margin 10 + 8 - 8 = 10 yuan a meal: 30,000 / 10 = 3,000 meals a month, / 21 days.
  EXPECT_DOUBLE_EQ(*s.margin_per_meal_fen, 1000.0);
  EXPECT_DOUBLE_EQ(*s.break_even_meals_per_day, 3000.0 / 21.0);

  // What-if: 2 yuan dearer and subsidies halved: paid 17 - 2.50 = 14.50, subsidy 2.50 + 1.50.
  const auto w = AssessSustainability(TestCanteen(), 2026, 11, orders, {200, 0.5});
  EXPECT_EQ(w.revenue_fen, 420 * 1450);
  EXPECT_EQ(w.subsidy_fen, 420 * 400);
  EXPECT_DOUBLE_EQ(*w.margin_per_meal_fen, 1450.0 + 400.0 - 800.0);
}

TEST(CanteenSettlementTest, BreakEvenIsNullWithAReason) {
  EXPECT_EQ(AssessSustainability(TestCanteen(), 2026, 11, {}).break_even_reason, "no_meals");
  EXPECT_FALSE(AssessSustainability(TestCanteen(), 2026, 11, {}).break_even_meals_per_day);
  // Food costs more than diners and funders pay: no number of meals breaks even.
  std::vector<SettledOrder> orders(10, Order(500, 0, 0, 800, "", ""));
  const auto s = AssessSustainability(TestCanteen(), 2026, 11, orders);
  EXPECT_FALSE(s.break_even_meals_per_day);
  EXPECT_EQ(s.break_even_reason, "margin_not_positive");
}

}  // namespace
}  // namespace shequ::eldercare
