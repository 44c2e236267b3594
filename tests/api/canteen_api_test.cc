// The elderly canteen over HTTP: canteens and menus, the quote (the example: an
// 80-year-old on 低保 orders a weekday lunch and sees the right price), orders and their bad
// inputs, standing orders, settlement in JSON and XLSX, the sustainability dashboard and what-if,
// the rule table, and scope and permissions. The last-seat race runs on both back ends in
// tests/storage/canteen_store_test.cc, where two threads can call the service at once.
#include <gtest/gtest.h>

#include "registry/testing/xlsx_members.h"
#include "test_app.h"

namespace shequ {
namespace {

using registry::testing::UnzipMember;
using testing::CreatedId;
using testing::ExpectFieldError;

// The fixture's clock stands at 2026-11-30 12:00 Shanghai (a Monday); December 1 is a Tuesday.
constexpr const char* kTuesday = "2026-12-01";

class CanteenApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    worker_ = app_.Login("worker");
    operator_ = app_.Login("canteen");
    const auto building = CreatedId(Post(worker_, "/api/v1/buildings",
                                         {{"community_id", app_.community.id.value()},
                                          {"grid_id", app_.grid.id.value()},
                                          {"number", "3号楼"},
                                          {"address", "多福巷3号"}}));
    const auto household = CreatedId(Post(
        worker_, "/api/v1/households", {{"building_id", building}, {"floor", 1}, {"room", "101"}}));
    // 80 on December 1, 2026, on 低保 (low_income).
    elder_ = CreatedId(Post(worker_, "/api/v1/residents",
                            {{"household_id", household},
                             {"name", "张奶奶"},
                             {"sex", "female"},
                             {"birth_date", "1946-06-01"},
                             {"tags", nlohmann::json::array({"low_income"})}}));
    young_ = CreatedId(Post(worker_, "/api/v1/residents",
                            {{"household_id", household},
                             {"name", "李明"},
                             {"sex", "male"},
                             {"birth_date", "1986-06-01"},
                             {"relation_to_head", "child"}}));
    // The elder's own account: she orders for herself through its link.
    auto account = Post(worker_, "/api/v1/residents/" + std::to_string(elder_) + "/account",
                        {{"login", "zhang"}, {"password", testing::kPassword}});
    ASSERT_TRUE(account && account->status == 201) << (account ? account->body : "");
    elder_login_ = app_.Login("zhang");

    canteen_ = CreatedId(
        Post(operator_, "/api/v1/canteen/canteens",
             {{"community_id", app_.community.id.value()},
              {"name", "幸福食堂"},
              {"seats_per_meal", 40},
              {"lunch", {{"weekdays", {1, 2, 3, 4, 5}}, {"start", "11:00"}, {"end", "13:00"}}},
              {"dinner", nullptr},
              {"cutoff_minutes", 120},
              {"delivery_fee_fen", 200},
              {"fixed_monthly_cost_fen", 2'000'000}}));
    for (const char* day : {"2026-12-01", "2026-12-02", "2026-12-03"}) {
      auto menu = Post(operator_, MenuPath(),
                       {{"date", day},
                        {"meal", "lunch"},
                        {"dishes", {"红烧肉", "炒青菜", "米饭"}},
                        {"price_fen", 1500},
                        {"cost_fen", 800}});
      ASSERT_TRUE(menu && menu->status == 200) << (menu ? menu->body : "");
    }
  }

  httplib::Result Post(const std::string& token, const std::string& path,
                       const nlohmann::json& body) {
    return app_.client().Post(path, app_.Bearer(token), body.dump(), "application/json");
  }
  httplib::Result Put(const std::string& token, const std::string& path,
                      const nlohmann::json& body) {
    return app_.client().Put(path, app_.Bearer(token), body.dump(), "application/json");
  }
  httplib::Result Get(const std::string& token, const std::string& path) {
    return app_.client().Get(path, app_.Bearer(token));
  }
  std::string CanteenPath() const { return "/api/v1/canteen/canteens/" + std::to_string(canteen_); }
  std::string MenuPath() const { return CanteenPath() + "/menus"; }
  nlohmann::json Meal(std::int64_t resident, const std::string& date = kTuesday) const {
    return {{"canteen_id", canteen_}, {"resident_id", resident}, {"meal", "lunch"}, {"date", date}};
  }

  testing::TestApp app_;
  std::string worker_, operator_, elder_login_;
  std::int64_t elder_ = 0, young_ = 0, canteen_ = 0;
};

TEST_F(CanteenApiTest, AnEightyYearOldOnDibaoSeesTheRightPrice) {
  // By hand from data/subsidy_rules.tsv (Jurong 2023): 80 is in the 75-84 tier (5.00) and 低保
  // at 60+ gives 8.00; tiers do not add, the larger wins: 15.00 - 8.00 = 7.00.
  auto quote = Post(elder_login_, "/api/v1/canteen/quote", Meal(elder_));
  ASSERT_TRUE(quote);
  ASSERT_EQ(quote->status, 200) << quote->body;
  const auto json = testing::JsonOf(quote);
  EXPECT_EQ(json["price_fen"], 700);
  EXPECT_EQ(json["standard_fen"], 1500);
  EXPECT_EQ(json["subsidy_fen"], 800);
  EXPECT_EQ(json["funding_line"], "jurong_2023");
  ASSERT_EQ(json["lines"].size(), 2u);
  EXPECT_EQ(json["lines"][0]["label"], "标准价");
  EXPECT_EQ(json["lines"][0]["amount_fen"], 1500);
  EXPECT_EQ(json["lines"][1]["label"], "低保老人补贴");
  EXPECT_EQ(json["lines"][1]["label_en"], "Low-income (dibao) elder subsidy");
  EXPECT_EQ(json["lines"][1]["amount_fen"], -800);

  // Delivered: the fee is self-paid on top, never subsidised.
  nlohmann::json delivered = Meal(elder_);
  delivered["delivery"] = true;
  const auto with_fee = testing::JsonOf(Post(worker_, "/api/v1/canteen/quote", delivered));
  EXPECT_EQ(with_fee["price_fen"], 900);
  EXPECT_EQ(with_fee["lines"][2]["amount_fen"], 200);

  // A 40-year-old pays the full price: that is how the canteen pays its way.
  const auto young = testing::JsonOf(Post(worker_, "/api/v1/canteen/quote", Meal(young_)));
  EXPECT_EQ(young["price_fen"], 1500);
  EXPECT_EQ(young["subsidy_fen"], 0);
  EXPECT_TRUE(young["funding_line"].is_null());
  EXPECT_EQ(young["lines"].size(), 1u);
}

TEST_F(CanteenApiTest, OrdersAtTheQuotedPriceAndTheirBadInputs) {
  auto order = Post(elder_login_, "/api/v1/canteen/orders", Meal(elder_));
  const auto id = CreatedId(order);
  EXPECT_EQ(testing::JsonOf(order)["price_fen"], 700);
  EXPECT_EQ(app_.AuditCount("canteen_order.create"), 1);

  // The same lunch again: refused, so the subsidy cannot be claimed twice.
  ExpectFieldError(Post(worker_, "/api/v1/canteen/orders", Meal(elder_)), 409, "meal");
  // Saturday: no lunch served. Thursday the 3rd... has a menu; Friday the 4th has none.
  ExpectFieldError(Post(worker_, "/api/v1/canteen/orders", Meal(young_, "2026-12-05")), 400,
                   "date");
  ExpectFieldError(Post(worker_, "/api/v1/canteen/orders", Meal(young_, "2026-12-04")), 400,
                   "date");
  ExpectFieldError(Post(worker_, "/api/v1/canteen/orders", Meal(young_, "2026-12-32")), 400,
                   "date");
  nlohmann::json brunch = Meal(young_);
  brunch["meal"] = "brunch";
  ExpectFieldError(Post(worker_, "/api/v1/canteen/orders", brunch), 400, "meal");
  nlohmann::json flying = Meal(young_);
  flying["mode"] = "drone";
  ExpectFieldError(Post(worker_, "/api/v1/canteen/orders", flying), 400, "mode");
  nlohmann::json missing = Meal(young_);
  missing.erase("resident_id");
  ExpectFieldError(Post(worker_, "/api/v1/canteen/orders", missing), 400, "resident_id");
  ExpectFieldError(Post(worker_, "/api/v1/canteen/orders", Meal(999999)), 404, "");
  // Today's lunch (11:00) closed for orders at 09:00; it is noon.
  ExpectFieldError(Post(worker_, "/api/v1/canteen/orders", Meal(young_, "2026-11-30")), 400,
                   "date");
  EXPECT_EQ(app_.Count("canteen_orders"), 1);

  // The serving list shows the order with the diet notes.
  ASSERT_EQ(Put(elder_login_, "/api/v1/canteen/residents/" + std::to_string(elder_) + "/diet",
                {{"diabetic", true}, {"soft_food", true}})
                ->status,
            200);
  const auto serving =
      testing::JsonOf(Get(operator_, CanteenPath() + "/orders?date=2026-12-01&meal=lunch"));
  ASSERT_EQ(serving["count"], 1);
  EXPECT_EQ(serving["orders"][0]["resident_name"], "张奶奶");
  EXPECT_EQ(serving["orders"][0]["diet"]["diabetic"], true);
  EXPECT_EQ(serving["orders"][0]["diet"]["low_salt"], false);

  // Cancel before the cutoff; after it, no more.
  auto cancelled =
      Post(elder_login_, "/api/v1/canteen/orders/" + std::to_string(id) + "/cancel", {});
  ASSERT_EQ(cancelled->status, 200) << cancelled->body;
  EXPECT_EQ(testing::JsonOf(cancelled)["status"], "cancelled");
  const auto again = CreatedId(Post(worker_, "/api/v1/canteen/orders", Meal(elder_)));
  app_.clock().Advance(22LL * 3600 * kMicrosPerSecond);  // Tuesday 10:00, past 09:00
  worker_ = app_.Login("worker");                        // the old session has expired
  ExpectFieldError(Post(worker_, "/api/v1/canteen/orders/" + std::to_string(again) + "/cancel", {}),
                   400, "order");
}

TEST_F(CanteenApiTest, FullSittingIsAConflictOnSeats) {
  const auto small =
      CreatedId(Post(operator_, "/api/v1/canteen/canteens",
                     {{"community_id", app_.community.id.value()},
                      {"name", "小食堂"},
                      {"seats_per_meal", 1},
                      {"lunch", {{"weekdays", {2}}, {"start", "11:00"}, {"end", "12:00"}}}}));
  ASSERT_EQ(Post(operator_, "/api/v1/canteen/canteens/" + std::to_string(small) + "/menus",
                 {{"date", kTuesday}, {"meal", "lunch"}, {"dishes", {"面"}}, {"price_fen", 900}})
                ->status,
            200);
  nlohmann::json first = Meal(elder_);
  first["canteen_id"] = small;
  nlohmann::json second = Meal(young_);
  second["canteen_id"] = small;
  CreatedId(Post(worker_, "/api/v1/canteen/orders", first));
  ExpectFieldError(Post(worker_, "/api/v1/canteen/orders", second), 409, "seats");
}

TEST_F(CanteenApiTest, CanteenAndMenuBadInputs) {
  const nlohmann::json good = {
      {"community_id", app_.community.id.value()},
      {"name", "二食堂"},
      {"seats_per_meal", 10},
      {"lunch", {{"weekdays", {1}}, {"start", "11:00"}, {"end", "13:00"}}}};
  auto bad = [&](const char* field, const nlohmann::json& value) {
    nlohmann::json body = good;
    body[field] = value;
    return Post(operator_, "/api/v1/canteen/canteens", body);
  };
  ExpectFieldError(bad("seats_per_meal", 0), 400, "seats_per_meal");
  ExpectFieldError(bad("name", ""), 400, "name");
  ExpectFieldError(bad("lunch", {{"weekdays", {8}}, {"start", "11:00"}, {"end", "13:00"}}), 400,
                   "lunch");
  ExpectFieldError(bad("lunch", {{"weekdays", {1}}, {"start", "13:00"}, {"end", "11:00"}}), 400,
                   "lunch");
  ExpectFieldError(bad("lunch", {{"weekdays", {1}}, {"start", "11h"}, {"end", "13:00"}}), 400,
                   "lunch");
  ExpectFieldError(bad("delivery_fee_fen", -1), 400, "delivery_fee_fen");
  ExpectFieldError(bad("name", "幸福食堂"), 409, "name");
  // A menu for a day the canteen is closed, a meal it does not serve, no dishes, a bad price.
  auto menu = [&](const nlohmann::json& body) { return Post(operator_, MenuPath(), body); };
  const nlohmann::json saturday = {
      {"date", "2026-12-05"}, {"meal", "lunch"}, {"dishes", {"面"}}, {"price_fen", 900}};
  ExpectFieldError(menu(saturday), 400, "date");
  nlohmann::json dinner = saturday;
  dinner["date"] = kTuesday;
  dinner["meal"] = "dinner";
  ExpectFieldError(menu(dinner), 400, "date");
  nlohmann::json empty = saturday;
  empty["date"] = kTuesday;
  empty["dishes"] = nlohmann::json::array();
  ExpectFieldError(menu(empty), 400, "dishes");
  nlohmann::json negative = empty;
  negative["dishes"] = {"面"};
  negative["price_fen"] = -5;
  ExpectFieldError(menu(negative), 400, "price_fen");
  EXPECT_EQ(app_.Count("canteens"), 1);
}

TEST_F(CanteenApiTest, StandingOrdersRunOnceAndPause) {
  const auto standing = CreatedId(Post(elder_login_, "/api/v1/canteen/standing-orders",
                                       {{"canteen_id", canteen_},
                                        {"resident_id", elder_},
                                        {"weekdays", {1, 2, 3, 4, 5}},
                                        {"meal", "lunch"},
                                        {"from", kTuesday}}));
  const std::string run = "/api/v1/canteen/standing-orders/run?date=";
  auto first = testing::JsonOf(Post(operator_, run + "2026-12-01", {}));
  EXPECT_EQ(first["created"], 1);
  auto second = testing::JsonOf(Post(operator_, run + "2026-12-01", {}));
  EXPECT_EQ(second["created"], 0);
  EXPECT_EQ(second["already_ordered"], 1);
  const std::string path = "/api/v1/canteen/standing-orders/" + std::to_string(standing);
  EXPECT_EQ(testing::JsonOf(Post(elder_login_, path + "/pause", {}))["paused"], true);
  EXPECT_EQ(testing::JsonOf(Post(operator_, run + "2026-12-02", {}))["created"], 0);
  EXPECT_EQ(testing::JsonOf(Post(elder_login_, path + "/resume", {}))["paused"], false);
  EXPECT_EQ(testing::JsonOf(Post(operator_, run + "2026-12-02", {}))["created"], 1);
  EXPECT_EQ(app_.Count("canteen_orders"), 2);
  ExpectFieldError(Post(operator_, run + "tomorrow", {}), 400, "date");
  // Only staff run it.
  ExpectFieldError(Post(elder_login_, run + "2026-12-03", {}), 403, "");
  // Weekdays out of range.
  ExpectFieldError(Post(worker_, "/api/v1/canteen/standing-orders",
                        {{"canteen_id", canteen_},
                         {"resident_id", elder_},
                         {"weekdays", {0}},
                         {"meal", "lunch"},
                         {"from", kTuesday}}),
                   400, "weekdays");
}

TEST_F(CanteenApiTest, SettlementEqualsTheOrdersAndExportsToXlsx) {
  CreatedId(Post(worker_, "/api/v1/canteen/orders", Meal(elder_)));  // 7.00, subsidy 8.00
  nlohmann::json delivered = Meal(young_);
  delivered["mode"] = "delivery";
  CreatedId(Post(worker_, "/api/v1/canteen/orders", delivered));                   // 15.00 + 2.00
  CreatedId(Post(worker_, "/api/v1/canteen/orders", Meal(elder_, "2026-12-02")));  // 7.00

  auto response = Get(operator_, CanteenPath() + "/settlement?month=2026-12");
  ASSERT_EQ(response->status, 200) << response->body;
  const auto s = testing::JsonOf(response);
  EXPECT_EQ(s["meals"], 3);
  EXPECT_EQ(s["subsidised_meals"], 2);
  EXPECT_EQ(s["standard_fen"], 4500);
  EXPECT_EQ(s["subsidy_fen"], 1600);
  EXPECT_EQ(s["revenue_fen"], 700 + 1500 + 700);
  EXPECT_EQ(s["delivery_fen"], 200);
  EXPECT_EQ(s["food_cost_fen"], 2400);
  EXPECT_EQ(s["fixed_cost_fen"], 2'000'000);
  EXPECT_EQ(s["reconciled"], true);
  std::int64_t meals = 0, subsidy = 0, paid = 0;
  for (const auto& tier : s["tiers"]) {
    meals += tier["meals"].get<std::int64_t>();
    subsidy += tier["subsidy_fen"].get<std::int64_t>();
    paid += tier["paid_fen"].get<std::int64_t>();
  }
  EXPECT_EQ(meals, 3);
  EXPECT_EQ(subsidy, 1600);
  EXPECT_EQ(paid, 2900);
  ASSERT_EQ(s["funding_lines"].size(), 1u);
  EXPECT_EQ(s["funding_lines"][0]["funding_line"], "jurong_2023");
  EXPECT_EQ(s["funding_lines"][0]["ledger_subsidy_fen"], 1600);

  auto xlsx = Get(operator_, CanteenPath() + "/settlement?month=2026-12&format=xlsx");
  ASSERT_EQ(xlsx->status, 200);
  const std::string strings = UnzipMember(xlsx->body, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("幸福食堂"), std::string::npos);
  EXPECT_NE(strings.find("低保老人补贴"), std::string::npos);
  EXPECT_NE(strings.find("jurong_2023"), std::string::npos);
  const std::string sheet = UnzipMember(xlsx->body, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<v>16</v>"), std::string::npos);  // 16.00 yuan subsidy in all

  ExpectFieldError(Get(operator_, CanteenPath() + "/settlement?month=2026-13"), 400, "month");
  ExpectFieldError(Get(operator_, CanteenPath() + "/settlement?month=2026-12&format=pdf"), 400,
                   "format");
}

TEST_F(CanteenApiTest, SustainabilityAndWhatIf) {
  CreatedId(Post(worker_, "/api/v1/canteen/orders", Meal(elder_)));
  CreatedId(Post(worker_, "/api/v1/canteen/orders", Meal(young_)));
  // December 2026: 23 weekdays open, 40 seats. Revenue 7 + 15 = 22.00, subsidy 8.00, food
  // 16.00, fixed 20,000.00.
  const auto s = testing::JsonOf(Get(operator_, CanteenPath() + "/sustainability?month=2026-12"));
  EXPECT_EQ(s["open_days"], 23);
  EXPECT_EQ(s["capacity_meals"], 23 * 40);
  EXPECT_EQ(s["revenue_fen"], 2200);
  EXPECT_EQ(s["subsidy_fen"], 800);
  EXPECT_EQ(s["total_cost_fen"], 2'000'000 + 1600);
  EXPECT_DOUBLE_EQ(s["cost_recovery"].get<double>(), 2200.0 / 2001600.0);
  EXPECT_DOUBLE_EQ(s["subsidy_dependence"].get<double>(), 800.0 / 3000.0);
  EXPECT_DOUBLE_EQ(s["meals_per_day"].get<double>(), 2.0 / 23.0);
  // Margin (22 + 8 - 16) / 2 = 7.00 a meal: 20,000 / 7 meals a month, over 23 days.
  EXPECT_DOUBLE_EQ(s["break_even_meals_per_day"].get<double>(), 2'000'000.0 / 700.0 / 23.0);

  auto what_if = Post(operator_, CanteenPath() + "/sustainability/what-if",
                      {{"month", "2026-12"}, {"price_change_fen", -1500}, {"subsidy_scale", 1.0}});
  ASSERT_EQ(what_if->status, 200) << what_if->body;
  const auto w = testing::JsonOf(what_if);
  // Meals given away: price 0, subsidy capped at the price, nothing covers the food.
  EXPECT_EQ(w["what_if"]["revenue_fen"], 0);
  EXPECT_TRUE(w["what_if"]["break_even_meals_per_day"].is_null());
  EXPECT_EQ(w["what_if"]["break_even_reason"], "margin_not_positive");
  EXPECT_EQ(w["current"]["revenue_fen"], 2200);
  ExpectFieldError(Post(operator_, CanteenPath() + "/sustainability/what-if",
                        {{"month", "2026-12"}, {"subsidy_scale", -1}}),
                   400, "subsidy_scale");
}

TEST_F(CanteenApiTest, RuleTableReplacedByAdminOnly) {
  const auto current = testing::JsonOf(Get(worker_, "/api/v1/canteen/subsidy-rules"));
  EXPECT_EQ(current["rules"].size(), 6u);
  const std::string overlapping =
      "funding_line\teffective_from\tmeal\tage_min\tage_max\tsubsidy_fen\tlabel\n"
      "city\t2026-01-01\tlunch\t60\t80\t100\ta\n"
      "city\t2026-01-01\tlunch\t80\t\t500\tb\n";
  ExpectFieldError(Put(worker_, "/api/v1/canteen/subsidy-rules", {{"tsv", overlapping}}), 403, "");
  const std::string admin = app_.Login("admin");
  auto refused = Put(admin, "/api/v1/canteen/subsidy-rules", {{"tsv", overlapping}});
  ExpectFieldError(refused, 400, "rules");
  EXPECT_NE(refused->body.find("rows 1 and 2"), std::string::npos) << refused->body;
  const std::string table =
      "funding_line\teffective_from\tmeal\tage_min\tsubsidy_fen\tlabel\tlabel_en\n"
      "city\t2026-01-01\tany\t60\t300\t老人补贴\tElder\n";
  ASSERT_EQ(Put(admin, "/api/v1/canteen/subsidy-rules", {{"tsv", table}})->status, 200);
  EXPECT_EQ(app_.AuditCount("canteen_subsidy_rules.replace"), 1);
  EXPECT_EQ(testing::JsonOf(Post(worker_, "/api/v1/canteen/quote", Meal(elder_)))["price_fen"],
            1200);
}

TEST_F(CanteenApiTest, ScopeAndPermissions) {
  const std::string other = app_.Login("other_worker");
  // Another community's worker: not their canteen, not their resident.
  ExpectFieldError(
      Post(other, MenuPath(),
           {{"date", kTuesday}, {"meal", "lunch"}, {"dishes", {"面"}}, {"price_fen", 1}}),
      403, "");
  ExpectFieldError(Get(other, CanteenPath() + "/settlement?month=2026-12"), 403, "");
  ExpectFieldError(Post(other, "/api/v1/canteen/orders", Meal(elder_)), 403, "");
  ExpectFieldError(Post(other, "/api/v1/canteen/canteens",
                        {{"community_id", app_.community.id.value()},
                         {"name", "越界食堂"},
                         {"seats_per_meal", 5}}),
                   403, "");
  // A resident orders for themselves only, and runs no canteen.
  ExpectFieldError(Post(elder_login_, "/api/v1/canteen/orders", Meal(young_)), 403, "");
  ExpectFieldError(Post(elder_login_, "/api/v1/canteen/quote", Meal(young_)), 403, "");
  ExpectFieldError(
      Put(elder_login_, "/api/v1/canteen/residents/" + std::to_string(young_) + "/diet",
          {{"low_salt", true}}),
      403, "");
  ExpectFieldError(Get(elder_login_, CanteenPath() + "/settlement?month=2026-12"), 403, "");
  // A resident account without a link, and roles without order_meals.
  ExpectFieldError(Post(app_.Login("resident"), "/api/v1/canteen/orders", Meal(elder_)), 403, "");
  ExpectFieldError(Post(app_.Login("planner"), "/api/v1/canteen/quote", Meal(elder_)), 403, "");
  ExpectFieldError(Post(app_.Login("courier"), "/api/v1/canteen/orders", Meal(elder_)), 403, "");
  EXPECT_EQ(app_.Count("canteen_orders"), 0);
  // The grid worker of the canteen's community may order for a resident of their grid.
  CreatedId(Post(app_.Login("grid"), "/api/v1/canteen/orders", Meal(elder_)));
}

}  // namespace
}  // namespace shequ
