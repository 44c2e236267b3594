// The canteen service on both back ends: prices from the rule table, the ledger and settlement,
// the last seat raced for by two threads (exactly one wins), standing orders run twice, and a new
// rule table that leaves past orders alone.
#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <thread>

#include "base/log.h"
#include "eldercare/canteen/canteen_service.h"
#include "registry/place_repository.h"
#include "registry/registry_repository.h"
#include "scratch_database.h"
#include "store/migrations.h"
#include "store/transaction.h"

namespace shequ::eldercare {
namespace {

using store::Backend;

// 2026-11-30 12:00 in Shanghai, a Monday.
constexpr Instant kNow = 1'796'011'200LL * kMicrosPerSecond;
constexpr CivilDate kTuesday{2026, 12, 1};
const auth::RequestOrigin kOrigin{"test", "test"};

class CanteenStoreTest : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    log::SetLevel(log::Level::kWarn);
    ASSERT_NO_FATAL_FAILURE(scratch_.CreateMigrated(GetParam(), &db_));
    auto connection = db_->Acquire();
    ASSERT_TRUE(connection);
    store::Connection& db = **connection;
    const auto street = registry::InsertStreet(db, "示范街道", kNow).value();
    community_ = registry::InsertCommunity(db, street.id, "示范社区", kNow).value().id;
    const auto other_street = registry::InsertStreet(db, "另一街道", kNow).value();
    const auto other = registry::InsertCommunity(db, other_street.id, "另一社区", kNow).value();
    // 80 on 2026-12-01 and on 低保; 40; 90.
    elder_ = Resident(db, "张奶奶", {1946, 6, 1}, {"low_income"});
    young_ = Resident(db, "李明", {1986, 6, 1}, {});
    ninety_ = Resident(db, "王爷爷", {1936, 6, 1}, {});
    worker_ = {.user_id = User(db, "worker", "community_worker", street.id, community_),
               .login = "worker",
               .role = auth::Role::kCommunityWorker,
               .scope = {auth::ScopeKind::kCommunity, {street.id, community_, {}}}};
    outsider_ = {
        .user_id = User(db, "other_canteen", "canteen_operator", other_street.id, other.id),
        .login = "other_canteen",
        .role = auth::Role::kCanteenOperator,
        .scope = {auth::ScopeKind::kCommunity, {other_street.id, other.id, {}}}};
    admin_ = {.user_id = User(db, "admin", "admin", street.id, {}),
              .login = "admin",
              .role = auth::Role::kAdmin,
              .scope = {auth::ScopeKind::kStreet, {street.id, {}, {}}}};
    service_ = std::make_unique<CanteenService>(*db_, clock_);
  }

  void TearDown() override {
    service_.reset();
    db_.reset();
    scratch_.Drop();
  }

  // An account row for the audit log's foreign key (the service takes the Principal as given).
  UserId User(store::Connection& db, const std::string& login, const std::string& role,
              StreetId street, CommunityId community) {
    const bool street_wide = !community.valid();
    auto rows = db.Query(
        "INSERT INTO users (login, display_name, password_hash, role, scope_kind, street_id, "
        "community_id, created_at, updated_at) VALUES (?, ?, 'x', ?, ?, ?, ?, ?, ?) RETURNING id",
        {login, login, role, std::string(street_wide ? "street" : "community"), street.value(),
         street_wide ? store::Value(store::kNull) : store::Value(community.value()), kNow, kNow});
    EXPECT_TRUE(rows) << rows.error().message;
    return UserId(rows->rows.at(0).GetInt(0));
  }

  ResidentId Resident(store::Connection& db, const std::string& name, CivilDate born,
                      const std::vector<std::string>& tags) {
    registry::StoredResident resident;
    resident.community_id = community_;
    resident.name = name;
    resident.birth_date = born;
    const ResidentId id = registry::InsertResident(db, resident, kNow).value();
    for (const auto& tag : tags) {
      EXPECT_TRUE(registry::InsertResidentTag(db, community_, id, {tag, std::nullopt}, kNow));
    }
    return id;
  }

  // Lunch Monday to Friday 11:00-13:00, orders close 2 hours before; menus for December 1-4.
  CanteenId OpenCanteen(int seats) {
    Canteen canteen;
    canteen.community_id = community_;
    canteen.name = "幸福食堂" + std::to_string(seats);
    canteen.seats_per_meal = seats;
    canteen.lunch = {0b0011111, 11 * 60, 13 * 60};
    canteen.dinner = {0, 17 * 60, 18 * 60};
    canteen.cutoff_min = 120;
    canteen.delivery_fee_fen = 200;
    canteen.fixed_monthly_cost_fen = 2'000'000;
    auto created = service_->CreateCanteen(worker_, canteen, kOrigin);
    EXPECT_TRUE(created) << created.error().message;
    for (int day = 1; day <= 4; ++day) {
      auto menu = service_->SetMenu(
          worker_, {created->id, {2026, 12, day}, Meal::kLunch, {"红烧肉", "青菜"}, 1500, 800},
          kOrigin);
      EXPECT_TRUE(menu) << menu.error().message;
    }
    return created->id;
  }

  std::int64_t Count(const std::string& sql) {
    auto connection = db_->Acquire();
    auto rows = (*connection)->Query(sql);
    EXPECT_TRUE(rows) << rows.error().message;
    return rows->rows.at(0).GetInt(0);
  }

  store::testing_support::ScratchDatabase scratch_;
  std::unique_ptr<store::Database> db_;
  FakeClock clock_{kNow};
  std::unique_ptr<CanteenService> service_;
  CommunityId community_;
  ResidentId elder_, young_, ninety_;
  auth::Principal worker_, outsider_, admin_;
};

TEST_P(CanteenStoreTest, OrdersArePricedLedgeredAndSettled) {
  const CanteenId canteen = OpenCanteen(40);
  // The 80-year-old on 低保: 5 yuan (75-84) and 8 yuan (低保) apply; the larger one wins.
  auto elder = service_->PlaceOrder(worker_, {canteen, elder_, kTuesday, Meal::kLunch}, kOrigin);
  ASSERT_TRUE(elder) << elder.error().message;
  EXPECT_EQ(elder->quote.price_fen, 700);
  EXPECT_EQ(elder->quote.funding_line, "jurong_2023");
  auto young = service_->PlaceOrder(
      worker_, {canteen, young_, kTuesday, Meal::kLunch, OrderMode::kDelivery}, kOrigin);
  ASSERT_TRUE(young);
  EXPECT_EQ(young->quote.price_fen, 1700);  // full price + the self-paid delivery fee
  auto ninety =
      service_->PlaceOrder(worker_, {canteen, ninety_, {2026, 12, 2}, Meal::kLunch}, kOrigin);
  ASSERT_TRUE(ninety);
  EXPECT_EQ(ninety->quote.price_fen, 700);  // 85-94: 8 yuan

  // The same person, meal and day again: refused, so no second subsidy.
  auto twice = service_->PlaceOrder(worker_, {canteen, elder_, kTuesday, Meal::kLunch}, kOrigin);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  EXPECT_EQ(twice.error().field, "meal");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM canteen_subsidy_ledger"), 2);

  auto settled = service_->Settle(worker_, canteen, 2026, 12);
  ASSERT_TRUE(settled) << settled.error().message;
  EXPECT_EQ(settled->meals, 3);
  EXPECT_EQ(settled->subsidy_fen, 1600);
  EXPECT_EQ(settled->revenue_fen, 700 + 1500 + 700);
  EXPECT_EQ(settled->delivery_fen, 200);
  EXPECT_EQ(settled->food_cost_fen, 2400);
  EXPECT_TRUE(settled->reconciled);

  // Cancelling posts the subsidy back; the settlement follows.
  ASSERT_TRUE(service_->CancelOrder(worker_, elder->id, kOrigin));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM canteen_subsidy_ledger"), 3);
  settled = service_->Settle(worker_, canteen, 2026, 12);
  EXPECT_EQ(settled->meals, 2);
  EXPECT_EQ(settled->subsidy_fen, 800);
  EXPECT_TRUE(settled->reconciled);
  // And the person may order that lunch again.
  EXPECT_TRUE(service_->PlaceOrder(worker_, {canteen, elder_, kTuesday, Meal::kLunch}, kOrigin));
}

TEST_P(CanteenStoreTest, TwoOrdersRacingForTheLastSeatOneWins) {
  const CanteenId canteen = OpenCanteen(1);
  for (int day = 1; day <= 4; ++day) {
    std::latch start(2);
    std::atomic<int> won = 0, full = 0, other = 0;
    auto order = [&](ResidentId resident) {
      start.arrive_and_wait();
      auto placed = service_->PlaceOrder(
          worker_, {canteen, resident, {2026, 12, day}, Meal::kLunch}, kOrigin);
      if (placed) {
        ++won;
      } else if (placed.error().field == "seats") {
        ++full;
      } else {
        ++other;
        ADD_FAILURE() << placed.error().message;
      }
    };
    std::thread a(order, elder_);
    std::thread b(order, young_);
    a.join();
    b.join();
    EXPECT_EQ(won.load(), 1) << "day " << day;
    EXPECT_EQ(full.load(), 1) << "day " << day;
    EXPECT_EQ(other.load(), 0);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM canteen_orders"), 4);
}

TEST_P(CanteenStoreTest, StandingOrdersMaterialiseOnceAndPause) {
  const CanteenId canteen = OpenCanteen(40);
  StandingOrder standing;
  standing.canteen_id = canteen;
  standing.resident_id = elder_;
  standing.weekdays = 0b0011111;
  standing.meal = Meal::kLunch;
  standing.from = kTuesday;
  auto created = service_->CreateStandingOrder(worker_, standing, kOrigin);
  ASSERT_TRUE(created) << created.error().message;

  auto run = service_->RunStandingOrders(worker_, kTuesday, kOrigin);
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->created, 1);
  run = service_->RunStandingOrders(worker_, kTuesday, kOrigin);  // again: nothing new
  EXPECT_EQ(run->created, 0);
  EXPECT_EQ(run->already_ordered, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM canteen_orders"), 1);

  ASSERT_TRUE(service_->SetStandingOrderPaused(worker_, created->id, true, kOrigin));
  run = service_->RunStandingOrders(worker_, {2026, 12, 2}, kOrigin);
  EXPECT_EQ(run->created, 0);
  ASSERT_TRUE(service_->SetStandingOrderPaused(worker_, created->id, false, kOrigin));
  run = service_->RunStandingOrders(worker_, {2026, 12, 2}, kOrigin);
  EXPECT_EQ(run->created, 1);
  // Saturday: the canteen is closed, the weekday set excludes it anyway; Friday has no menu.
  EXPECT_EQ(service_->RunStandingOrders(worker_, {2026, 12, 5}, kOrigin)->created, 0);
  EXPECT_EQ(service_->RunStandingOrders(worker_, {2026, 12, 4}, kOrigin)->created, 1);
  EXPECT_EQ(service_->RunStandingOrders(worker_, {2026, 12, 7}, kOrigin)->no_menu, 1);
  // Another community's operator runs it: none of these canteens are theirs.
  EXPECT_EQ(service_->RunStandingOrders(outsider_, {2026, 12, 3}, kOrigin)->created, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM canteen_orders"), 3);
}

TEST_P(CanteenStoreTest, ANewRuleTableLeavesPastOrdersAlone) {
  const CanteenId canteen = OpenCanteen(40);
  auto before = service_->PlaceOrder(worker_, {canteen, ninety_, kTuesday, Meal::kLunch}, kOrigin);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->quote.subsidy_fen, 800);
  const std::string table =
      "funding_line\teffective_from\tmeal\tage_min\tsubsidy_fen\toperator_subsidy_fen\tlabel\t"
      "label_en\n"
      "city_2026\t2026-01-01\tany\t80\t300\t100\t80岁以上\tAged 80+\n";
  EXPECT_EQ(service_->ReplaceSubsidyRules(worker_, table, kOrigin).error().code,
            ErrorCode::kPermissionDenied);
  ASSERT_TRUE(service_->ReplaceSubsidyRules(admin_, table, kOrigin));
  auto after =
      service_->PlaceOrder(worker_, {canteen, ninety_, {2026, 12, 2}, Meal::kLunch}, kOrigin);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->quote.subsidy_fen, 300);
  EXPECT_EQ(after->quote.operator_subsidy_fen, 100);
  auto connection = db_->Acquire();
  auto reread = LoadOrder(**connection, before->id);
  ASSERT_TRUE(reread && *reread);
  EXPECT_EQ((*reread)->quote.subsidy_fen, 800);
  EXPECT_EQ((*reread)->quote.lines.at(1).label, "85-94岁补贴");
  auto settled = service_->Settle(worker_, canteen, 2026, 12);
  EXPECT_EQ(settled->subsidy_fen, 1100);
  EXPECT_EQ(settled->operator_subsidy_fen, 100);
  EXPECT_TRUE(settled->reconciled);
}

TEST_P(CanteenStoreTest, AnotherCommunitysOperatorIsRefused) {
  const CanteenId canteen = OpenCanteen(40);
  auto menu =
      service_->SetMenu(outsider_, {canteen, kTuesday, Meal::kLunch, {"面"}, 900, 500}, kOrigin);
  ASSERT_FALSE(menu);
  EXPECT_EQ(menu.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->Settle(outsider_, canteen, 2026, 12).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->PlaceOrder(outsider_, {canteen, elder_, kTuesday, Meal::kLunch}, kOrigin)
                .error()
                .code,
            ErrorCode::kPermissionDenied);
}

INSTANTIATE_TEST_SUITE_P(Backends, CanteenStoreTest,
                         testing::Values(Backend::kSqlite, Backend::kPostgres),
                         store::testing_support::ParamName);

}  // namespace
}  // namespace shequ::eldercare
