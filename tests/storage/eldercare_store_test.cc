// The ability assessments and the time bank on both back ends: their SQL (the migrations, the
// "latest assessment" and trial-balance queries), the overdraft check under two concurrent
// redeems, and a property test that posts random valid and invalid operations against a model.
#include <gtest/gtest.h>

#include <array>
#include <barrier>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "auth/auth_service.h"
#include "base/log.h"
#include "eldercare/assessment/ability_assessment_service.h"
#include "eldercare/timebank/timebank_service.h"
#include "registry/place_repository.h"
#include "registry/registry_repository.h"
#include "scratch_database.h"
#include "store/migrations.h"
#include "store/transaction.h"

namespace shequ::eldercare {
namespace {

using store::Backend;

// 2026-11-30T12:00:00+08:00
constexpr Instant kNow = 1'796'011'200LL * kMicrosPerSecond;

class EldercareStoreTest : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    log::SetLevel(log::Level::kWarn);
    ASSERT_NO_FATAL_FAILURE(scratch_.CreateMigrated(GetParam(), &db_));

    auto connection = db_->Acquire();
    ASSERT_TRUE(connection);
    store::Connection& db = **connection;
    const auto street = registry::InsertStreet(db, "示范街道", kNow).value();
    community_ = registry::InsertCommunity(db, street.id, "示范社区", kNow).value().id;
    const auto building =
        registry::InsertBuilding(
            db, {.community_id = community_, .number = "1号楼", .address = "测试路1号"}, kNow)
            .value();
    // Two households of two people each, and one person alone.
    for (int h = 0; h < 3; ++h) {
      const auto household = registry::InsertHousehold(db,
                                                       {.community_id = community_,
                                                        .building_id = building.id,
                                                        .floor = 1,
                                                        .room = std::to_string(101 + h)},
                                                       kNow)
                                 .value();
      for (int p = 0; p < (h < 2 ? 2 : 1); ++p) {
        const auto resident =
            registry::InsertResident(
                db,
                {.community_id = community_,
                 .name = "居民" + std::to_string(residents_.size() + 1),
                 .birth_date = {1950 + static_cast<int>(residents_.size()), 1, 1}},
                kNow)
                .value();
        ASSERT_TRUE(registry::InsertResidency(db, community_, resident, household.id,
                                              p == 0 ? "head" : "spouse", {2000, 1, 1}, kNow));
        residents_.push_back(resident);
        household_of_[resident.value()] = h;
      }
    }
    auth::AuthOptions options;
    options.password_limits = auth::PasswordLimits::Minimum();
    auth::AuthService accounts(*db_, clock_, options);
    const auth::Scope scope{auth::ScopeKind::kCommunity, {street.id, community_, {}}};
    auto user = accounts.AddUserAsSystem({.login = "worker",
                                          .display_name = "worker",
                                          .password = "correct-horse-9",
                                          .role = auth::Role::kCommunityWorker,
                                          .scope = scope},
                                         {"test", "setup"});
    ASSERT_TRUE(user) << user.error().message;
    worker_ = {.user_id = user->id,
               .login = "worker",
               .role = auth::Role::kCommunityWorker,
               .scope = scope};
  }

  void TearDown() override {
    db_.reset();
    scratch_.Drop();
  }

  // Credits `minutes` to `resident` as a home-care visit would (PostCredit in a transaction).
  Result<TimebankCreditOutcome> Credit(registry::ResidentId resident, std::int64_t minutes,
                                       const std::string& once_key) {
    auto connection = db_->Acquire();
    SHEQU_RETURN_IF_ERROR(connection);
    auto tx = store::Transaction::Begin(**connection);
    SHEQU_RETURN_IF_ERROR(tx);
    auto outcome =
        TimebankService::PostCredit(**connection, {.community_id = community_,
                                                   .resident_id = resident,
                                                   .minutes = minutes,
                                                   .kind = TimebankEntryKind::kCreditVisit,
                                                   .reference = "visit:" + once_key,
                                                   .once_key = once_key,
                                                   .posted_by = worker_.user_id,
                                                   .posted_at = clock_.Now()});
    SHEQU_RETURN_IF_ERROR(outcome);
    SHEQU_RETURN_IF_ERROR(tx->Commit());
    return outcome;
  }

  std::int64_t Balance(registry::ResidentId resident) {
    auto connection = db_->Acquire();
    auto account = FindPersonAccount(**connection, resident);
    EXPECT_TRUE(account);
    return *account ? (*account)->balance_minutes : 0;
  }

  store::testing_support::ScratchDatabase scratch_;
  std::unique_ptr<store::Database> db_;
  FakeClock clock_{kNow};
  CommunityId community_;
  std::vector<registry::ResidentId> residents_;
  std::map<std::int64_t, int> household_of_;
  auth::Principal worker_;
  const auth::RequestOrigin origin_{"test", "test"};
};

TEST_P(EldercareStoreTest, AssessmentsRoundTripAndFallDue) {
  AbilityAssessmentService service(*db_, clock_);
  AbilityItemScores items;
  for (const auto& item : AbilityItems()) items[std::string(item.code)] = item.max_score;
  items["B.2.4"] = 0;  // 87 points: grade 1
  const auto resident = residents_[0];
  auto first = service.Create(
      worker_, {.resident_id = resident, .assessed_on = CivilDate{2025, 6, 30}, .items = items},
      origin_);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->score.total, 87);
  EXPECT_EQ(first->score.grade, 1);
  EXPECT_EQ(first->next_due_on, (CivilDate{2026, 6, 30}));
  auto second = service.Create(worker_,
                               {.resident_id = resident,
                                .assessed_on = CivilDate{2026, 11, 1},
                                .items = items,
                                .conditions = {.psychiatric = true, .risk_events_30d = 2}},
                               origin_);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->score.grade, 2);
  EXPECT_EQ(second->reason, AssessmentReason::kRegular);

  auto history = service.History(worker_, resident);
  ASSERT_TRUE(history) << history.error().message;
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].id, second->id);
  EXPECT_EQ((*history)[0].items.size(), 26u);
  ASSERT_EQ((*history)[0].score.adjustments.size(), 2u);
  EXPECT_EQ((*history)[0].score.dimension_scores[1].second, 12);  // B.2 without the stairs

  // Only the latest assessment counts towards "due".
  auto due = service.Due(worker_, community_, CivilDate{2027, 12, 31});
  ASSERT_TRUE(due) << due.error().message;
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].assessment_id, second->id);
  EXPECT_EQ((*due)[0].next_due_on, (CivilDate{2027, 11, 1}));
  EXPECT_TRUE(service.Due(worker_, community_, CivilDate{2027, 10, 31})->empty());
}

// Two staff redeem the same 60 minutes at the same moment: one wins, the other is refused, and
// the balance never goes below zero (the conditional UPDATE under the row lock / write lock).
TEST_P(EldercareStoreTest, ConcurrentRedeemsCannotBothPass) {
  TimebankService service(*db_, clock_);
  const auto resident = residents_[0];
  for (int round = 0; round < 5; ++round) {
    ASSERT_TRUE(Credit(resident, 60, "round" + std::to_string(round)));
    std::barrier start(2);
    std::array<Result<TimebankMove>, 2> results{InvalidArgument(""), InvalidArgument("")};
    std::array<std::thread, 2> threads;
    for (int t = 0; t < 2; ++t) {
      threads[t] = std::thread([&, t] {
        start.arrive_and_wait();
        results[t] = service.Redeem(worker_, resident, 60, "race", origin_);
      });
    }
    for (auto& thread : threads) thread.join();
    int passed = 0;
    for (const auto& result : results) {
      if (result) {
        ++passed;
      } else {
        EXPECT_EQ(result.error().code, ErrorCode::kConflict) << result.error().message;
        EXPECT_EQ(result.error().field, "minutes");
      }
    }
    EXPECT_EQ(passed, 1) << "round " << round;
    EXPECT_EQ(Balance(resident), 0);
  }
  auto balance = service.TrialBalance(worker_, community_);
  ASSERT_TRUE(balance);
  EXPECT_EQ(balance->total_minutes, 0);
  EXPECT_TRUE(balance->cache_agrees);
}

// Random credits (some repeating a once-key), redeems, transfers inside and outside households,
// and invalid amounts; the service must agree with a simple model of balances at every step, the
// trial balance must sum to zero and no person may end below zero.
TEST_P(EldercareStoreTest, RandomOperationsKeepTheLedgerSound) {
  TimebankService service(*db_, clock_);
  std::mt19937 random(20261130);
  const auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };
  std::map<std::int64_t, std::int64_t> model;        // resident → balance
  std::map<std::int64_t, std::int64_t> transferred;  // resident → minutes sent this year
  std::set<std::string> once_keys;
  const int kOperations = 150;
  for (int op = 0; op < kOperations; ++op) {
    clock_.Advance(kMicrosPerSecond);
    const auto a = residents_[pick(static_cast<int>(residents_.size()))];
    const auto b = residents_[pick(static_cast<int>(residents_.size()))];
    const std::int64_t minutes = pick(4) == 0 ? -pick(3) : 1 + pick(150);  // some invalid
    switch (pick(3)) {
      case 0: {  // credit
        const std::string key = "v" + std::to_string(pick(60));
        auto credited = Credit(a, minutes, key);
        if (minutes <= 0) {
          ASSERT_FALSE(credited);
          EXPECT_EQ(credited.error().field, "minutes");
          break;
        }
        ASSERT_TRUE(credited) << credited.error().message;
        const bool fresh = once_keys.insert(key).second;
        EXPECT_EQ(credited->posted, fresh);
        if (fresh) model[a.value()] += minutes;
        break;
      }
      case 1: {  // redeem
        auto redeemed = service.Redeem(worker_, a, minutes, "", origin_);
        const bool ok = minutes > 0 && model[a.value()] >= minutes;
        ASSERT_EQ(redeemed.has_value(), ok) << op << ": " << minutes << " of " << model[a.value()];
        if (ok) model[a.value()] -= minutes;
        break;
      }
      case 2: {  // transfer
        auto moved = service.Transfer(worker_, a, b, minutes, origin_);
        const bool ok = minutes > 0 && a != b &&
                        household_of_[a.value()] == household_of_[b.value()] &&
                        model[a.value()] >= minutes && transferred[a.value()] + minutes <= 6000;
        ASSERT_EQ(moved.has_value(), ok) << op << ": " << (moved ? "" : moved.error().message);
        if (ok) {
          model[a.value()] -= minutes;
          model[b.value()] += minutes;
          transferred[a.value()] += minutes;
        }
        break;
      }
    }
  }
  std::int64_t owed = 0;
  for (const auto resident : residents_) {
    EXPECT_EQ(Balance(resident), model[resident.value()]) << resident.value();
    EXPECT_GE(model[resident.value()], 0);
    owed += model[resident.value()];
  }
  auto balance = service.TrialBalance(worker_, community_);
  ASSERT_TRUE(balance) << balance.error().message;
  EXPECT_EQ(balance->total_minutes, 0);
  EXPECT_TRUE(balance->cache_agrees);
  ASSERT_FALSE(balance->rows.empty());
  EXPECT_EQ(balance->rows[0].account.kind, TimebankAccountKind::kIssuance);
  EXPECT_EQ(balance->rows[0].account.balance_minutes, -owed);
  // Every entry balances on its own too.
  auto connection = db_->Acquire();
  auto unbalanced =
      (*connection)
          ->Query(
              "SELECT COUNT(*) FROM (SELECT entry_id FROM timebank_lines GROUP BY entry_id "
              "HAVING SUM(minutes) <> 0 OR COUNT(*) < 2) AS bad");
  ASSERT_TRUE(unbalanced) << unbalanced.error().message;
  EXPECT_EQ(unbalanced->rows.at(0).GetInt(0), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, EldercareStoreTest,
                         testing::Values(Backend::kSqlite, Backend::kPostgres),
                         store::testing_support::ParamName);

}  // namespace
}  // namespace shequ::eldercare
