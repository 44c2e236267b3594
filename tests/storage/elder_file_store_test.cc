// The elder file on both back ends: its read model over the registry, canteen and home-care
// tables (rows put there with plain SQL, as those modules would write them), its own care-plan
// and emergency-contact tables, and the service's file, list and care plans end to end.
#include <gtest/gtest.h>

#include "auth/auth_service.h"
#include "base/log.h"
#include "eldercare/assessment/ability_assessment_service.h"
#include "eldercare/elder_file/elder_file_repository.h"
#include "eldercare/elder_file/elder_file_service.h"
#include "registry/pii_cipher.h"
#include "registry/place_repository.h"
#include "registry/registry_repository.h"
#include "scratch_database.h"
#include "store/transaction.h"

namespace shequ::eldercare {
namespace {

using store::Backend;
using store::Value;

// 2026-11-30T12:00:00+08:00, a Monday.
constexpr Instant kNow = 1'796'011'200LL * kMicrosPerSecond;
constexpr CivilDate kToday{2026, 11, 30};

CivilDate DaysAgo(int days) { return elder_file::AddDays(kToday, -days); }

class ElderFileStoreTest : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    log::SetLevel(log::Level::kWarn);
    ASSERT_NO_FATAL_FAILURE(scratch_.CreateMigrated(GetParam(), &db_));
    cipher_ = registry::PiiCipher::FromHex(
                  "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")
                  .value();
    auto connection = db_->Acquire();
    ASSERT_TRUE(connection);
    store::Connection& db = **connection;
    const auto street = registry::InsertStreet(db, "示范街道", kNow).value();
    community_ = registry::InsertCommunity(db, street.id, "示范社区", kNow).value().id;
    const auto building = registry::InsertBuilding(db,
                                                   {.community_id = community_,
                                                    .number = "3号楼",
                                                    .address = "幸福路1号",
                                                    .latitude = 31.2,
                                                    .longitude = 121.4},
                                                   kNow)
                              .value();
    auto household = [&](const char* room) {
      return registry::InsertHousehold(
                 db,
                 {.community_id = community_, .building_id = building.id, .floor = 3, .room = room},
                 kNow)
          .value()
          .id;
    };
    auto resident = [&](const char* name, CivilDate birth, registry::HouseholdId home,
                        const char* relation) {
      const auto id = registry::InsertResident(
                          db, {.community_id = community_, .name = name, .birth_date = birth}, kNow)
                          .value();
      EXPECT_TRUE(
          registry::InsertResidency(db, community_, id, home, relation, {2000, 1, 1}, kNow));
      return id;
    };
    const auto alone_home = household("301");
    const auto family_home = household("302");
    alone_ = resident("王爷爷", {1940, 3, 1}, alone_home, "head");    // 86, a household of one
    couple_ = resident("李奶奶", {1950, 7, 1}, family_home, "head");  // 76
    son_ = resident("李小明", {1980, 1, 1}, family_home, "child");    // 46, not an elder
    EXPECT_TRUE(registry::InsertResidentTag(db, community_, couple_, {"disabled", 2}, kNow));

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

    // A canteen and a caregiver, as the canteen and workforce modules would store them.
    canteen_ = Insert(
        "INSERT INTO canteens (community_id, name, seats_per_meal, lunch_weekdays, "
        "lunch_start_min, lunch_end_min, dinner_weekdays, dinner_start_min, dinner_end_min, "
        "cutoff_min, delivery_fee_fen, fixed_monthly_cost_fen, created_at) "
        "VALUES (?, '幸福食堂', 40, 31, 660, 780, 0, 1020, 1140, 120, 200, 0, ?) RETURNING id",
        {community_.value(), kNow});
    worker_row_ = Insert(
        "INSERT INTO care_workers (community_id, name, kind, skills, work_weekdays, "
        "work_start_min, work_end_min, start_lat, start_lon, active, created_at, updated_at) "
        "VALUES (?, '赵护工', 'caregiver', 'personal_care,cleaning', 127, 480, 1020, 31.2, "
        "121.4, 1, ?, ?) RETURNING id",
        {community_.value(), kNow, kNow});
  }

  void TearDown() override {
    db_.reset();
    scratch_.Drop();
  }

  std::int64_t Insert(const std::string& sql, const std::vector<Value>& params) {
    auto connection = db_->Acquire();
    auto rows = (*connection)->Query(sql, params);
    EXPECT_TRUE(rows) << (rows ? "" : rows.error().message);
    return rows && !rows->rows.empty() ? rows->rows.front().GetInt(0) : 0;
  }

  std::int64_t Meal(registry::ResidentId resident, const CivilDate& date,
                    const char* status = "active", const char* meal = "lunch") {
    return Insert(
        "INSERT INTO canteen_orders (community_id, canteen_id, resident_id, meal_date, meal, mode, "
        "status, standard_fen, subsidy_fen, delivery_fen, price_fen, operator_subsidy_fen, "
        "cost_fen, lines, created_by, created_at) VALUES (?, ?, ?, ?, ?, 'dine_in', ?, 1500, 0, 0, "
        "1500, 0, 800, '[]', 'test', ?) RETURNING id",
        {community_.value(), canteen_, resident.value(), FormatDate(date), std::string(meal),
         std::string(status), kNow});
  }

  std::int64_t ServiceId(const char* code) {
    auto connection = db_->Acquire();
    auto rows = (*connection)
                    ->Query("SELECT id FROM homecare_services WHERE code = ?", {std::string(code)});
    return rows.value().rows.at(0).GetInt(0);
  }

  // An order 09:00-11:00 on `date` and, unless `visit_status` is empty, its visit at 09:30.
  std::pair<std::int64_t, std::int64_t> HomeCare(registry::ResidentId resident, const char* code,
                                                 const CivilDate& date, const char* order_status,
                                                 const char* visit_status,
                                                 std::optional<Instant> check_in = std::nullopt) {
    const std::int64_t order = Insert(
        "INSERT INTO homecare_orders (community_id, resident_id, service_id, service_date, "
        "window_start_min, window_end_min, status, price_fen, subsidy_fen, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, 540, 660, ?, 6000, 0, ?, ?) RETURNING id",
        {community_.value(), resident.value(), ServiceId(code), FormatDate(date),
         std::string(order_status), kNow, kNow});
    std::int64_t visit = 0;
    if (*visit_status != '\0') {
      visit = Insert(
          "INSERT INTO homecare_visits (community_id, order_id, worker_id, service_date, "
          "planned_start_min, planned_end_min, status, check_in_at, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, 570, 630, ?, ?, ?, ?) RETURNING id",
          {community_.value(), order, worker_row_, FormatDate(date), std::string(visit_status),
           check_in ? Value(*check_in) : Value(store::kNull), kNow, kNow});
    }
    return {order, visit};
  }

  // Files an assessment of `resident` with the given grade-2 or grade-0 answers.
  std::int64_t Assess(registry::ResidentId resident, bool moderate, const CivilDate& on) {
    AbilityAssessmentService service(*db_, clock_);
    AbilityItemScores items;
    int total = 0;
    for (const auto& item : AbilityItems()) {
      items[std::string(item.code)] = item.max_score;
      total += item.max_score;
    }
    // Zero items until the total falls into grade 2's band (46-65).
    for (const auto& item : AbilityItems()) {
      if (!moderate || total <= 65) break;
      if (total - item.max_score < 46) continue;
      items[std::string(item.code)] = 0;
      total -= item.max_score;
    }
    auto created = service.Create(
        worker_, {.resident_id = resident, .assessed_on = on, .items = items}, origin_);
    EXPECT_TRUE(created) << created.error().message;
    if (created) {
      EXPECT_EQ(created->score.grade, moderate ? 2 : 0);
    }
    return created ? created->id : 0;
  }

  store::testing_support::ScratchDatabase scratch_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<registry::PiiCipher> cipher_;
  FakeClock clock_{kNow};
  CommunityId community_;
  registry::ResidentId alone_, couple_, son_;
  std::int64_t canteen_ = 0;
  std::int64_t worker_row_ = 0;
  auth::Principal worker_;
  const auth::RequestOrigin origin_{"test", "test"};
};

TEST_P(ElderFileStoreTest, RosterListsTheSixtyAndOverWithTagsAndHouseholds) {
  auto connection = db_->Acquire();
  auto roster = ListElderRoster(**connection, community_, GridId(), {1966, 11, 30});
  ASSERT_TRUE(roster) << roster.error().message;
  ASSERT_EQ(roster->size(), 2u);
  // By name: 李奶奶 (U+674E) before 王爷爷 (U+738B).
  EXPECT_EQ((*roster)[0].id, couple_);
  EXPECT_EQ((*roster)[0].household_size, 2);
  EXPECT_EQ((*roster)[0].tags, std::vector<std::string>{"disabled"});
  EXPECT_EQ((*roster)[0].disability_level, 2);
  EXPECT_EQ((*roster)[0].building, "3号楼");
  EXPECT_EQ((*roster)[0].room, "302");
  EXPECT_EQ((*roster)[1].id, alone_);
  EXPECT_EQ((*roster)[1].household_size, 1);
  EXPECT_TRUE(LivesAlone((*roster)[1].tags, (*roster)[1].household_size));
  EXPECT_FALSE(LivesAlone((*roster)[0].tags, (*roster)[0].household_size));
  auto address = HouseholdAddress(**connection, (*roster)[1].household);
  ASSERT_TRUE(address);
  EXPECT_EQ(*address, "幸福路1号 3号楼 301");
}

TEST_P(ElderFileStoreTest, MealAndVisitReadModel) {
  Meal(alone_, DaysAgo(3));
  Meal(alone_, DaysAgo(4));
  Meal(alone_, DaysAgo(2), "cancelled");
  Meal(couple_, DaysAgo(1));
  auto connection = db_->Acquire();
  store::Connection& db = **connection;
  auto dates = CommunityMealDates(db, community_, DaysAgo(30), kToday);
  ASSERT_TRUE(dates) << dates.error().message;
  EXPECT_EQ(dates->size(), 3u);  // the cancelled order is not a meal
  auto orders = ResidentMealOrders(db, alone_, DaysAgo(30), kToday);
  ASSERT_TRUE(orders) << orders.error().message;
  ASSERT_EQ(orders->size(), 3u);
  EXPECT_EQ((*orders)[0].date, DaysAgo(2));  // newest first
  EXPECT_EQ((*orders)[0].status, "cancelled");
  EXPECT_EQ((*orders)[0].canteen_name, "幸福食堂");
  EXPECT_EQ((*orders)[1].price_fen, 1500);
  auto last = LastMealDate(db, alone_, kToday);
  ASSERT_TRUE(last);
  EXPECT_EQ(*last, DaysAgo(3));

  // A visit done, one missed, one re-planned after a cancelled one, an order not yet scheduled.
  const auto done = HomeCare(couple_, "personal_care", DaysAgo(5), "done", "done", kNow);
  const auto missed = HomeCare(couple_, "personal_care", DaysAgo(2), "missed", "missed");
  const auto replanned = HomeCare(couple_, "cleaning", {2026, 12, 2}, "scheduled", "cancelled");
  const std::int64_t live_visit = Insert(
      "INSERT INTO homecare_visits (community_id, order_id, worker_id, service_date, "
      "planned_start_min, planned_end_min, status, created_at, updated_at) VALUES (?, ?, ?, ?, "
      "600, 660, 'planned', ?, ?) RETURNING id",
      {community_.value(), replanned.first, worker_row_, std::string("2026-12-02"), kNow, kNow});
  const auto requested = HomeCare(couple_, "bathing", {2026, 12, 3}, "requested", "");
  auto visits = ResidentVisits(db, couple_, DaysAgo(30), {2026, 12, 13});
  ASSERT_TRUE(visits) << visits.error().message;
  ASSERT_EQ(visits->size(), 4u);
  EXPECT_EQ((*visits)[0].id, done.second);
  EXPECT_EQ((*visits)[0].worker_name, "赵护工");
  EXPECT_EQ((*visits)[0].service_name_zh, "生活照料");
  EXPECT_EQ((*visits)[0].check_in_at, kNow);
  EXPECT_EQ((*visits)[1].id, missed.second);
  EXPECT_EQ((*visits)[1].status, "missed");
  EXPECT_EQ((*visits)[2].id, live_visit);
  EXPECT_EQ((*visits)[2].planned_start_min, 600);
  EXPECT_EQ((*visits)[3].id, 0);
  EXPECT_EQ((*visits)[3].order_id, requested.first);
  EXPECT_EQ((*visits)[3].status, "requested");
  EXPECT_FALSE((*visits)[3].worker_id.has_value());

  auto alert_visits = CommunityAlertVisits(db, community_, DaysAgo(6), kToday);
  ASSERT_TRUE(alert_visits);
  EXPECT_EQ(alert_visits->size(), 2u);
  // A volunteer's visit (the workforce module's volunteer_visits, migration 0014).
  const std::int64_t volunteer = Insert(
      "INSERT INTO volunteers (community_id, resident_id, availability_weekdays, active, "
      "created_at, updated_at) VALUES (?, ?, 10, 1, ?, ?) RETURNING id",
      {community_.value(), son_.value(), kNow, kNow});
  Insert(
      "INSERT INTO volunteer_visits (community_id, volunteer_id, elder_resident_id, visit_date, "
      "minutes, note, created_at) VALUES (?, ?, ?, ?, 45, '聊天', ?) RETURNING id",
      {community_.value(), volunteer, alone_.value(), FormatDate(DaysAgo(4)), kNow});
  auto volunteer_visits = ListVolunteerVisits(db, alone_);
  ASSERT_TRUE(volunteer_visits) << volunteer_visits.error().message;
  ASSERT_EQ(volunteer_visits->size(), 1u);
  EXPECT_EQ((*volunteer_visits)[0].volunteer_name, "李小明");
  EXPECT_EQ((*volunteer_visits)[0].minutes, 45);
  EXPECT_EQ((*volunteer_visits)[0].date, DaysAgo(4));
  EXPECT_TRUE(ListVolunteerVisits(db, couple_)->empty());

  auto plan_visits = ResidentCarePlanVisits(db, couple_, {2026, 11, 1}, {2026, 11, 30});
  ASSERT_TRUE(plan_visits);
  EXPECT_EQ(
      DeliveredVisitsInMonth(*plan_visits, "personal_care", {2026, 11, 1}, std::nullopt, 2026, 11),
      1);
}

TEST_P(ElderFileStoreTest, CarePlansAndContactsRoundTrip) {
  auto connection = db_->Acquire();
  store::Connection& db = **connection;
  CarePlan plan{.community_id = community_,
                .resident_id = couple_,
                .grade = 2,
                .starts_on = {2026, 10, 1},
                .note = "first",
                .items = {{.service_code = "personal_care", .visits_per_month = 8},
                          {.service_code = "cleaning", .visits_per_month = 4}}};
  auto first = InsertCarePlan(db, plan, worker_.user_id, kNow);
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_TRUE(EndCarePlansBefore(db, couple_, {2026, 11, 15}));
  plan.starts_on = {2026, 11, 15};
  plan.items.pop_back();
  auto second = InsertCarePlan(db, plan, worker_.user_id, kNow);
  ASSERT_TRUE(second);
  auto plans = ListCarePlans(db, couple_);
  ASSERT_TRUE(plans) << plans.error().message;
  ASSERT_EQ(plans->size(), 2u);
  EXPECT_EQ((*plans)[0].id, *second);
  EXPECT_FALSE((*plans)[0].ends_on.has_value());
  EXPECT_EQ((*plans)[0].items.size(), 1u);
  EXPECT_EQ((*plans)[1].ends_on, (CivilDate{2026, 11, 14}));
  EXPECT_EQ((*plans)[1].items.size(), 2u);
  EXPECT_EQ(ResidentsWithCarePlan(db, community_, kToday).value(),
            std::set<std::int64_t>{couple_.value()});
  EXPECT_TRUE(HasCarePlanFrom(db, couple_, {2026, 11, 15}).value());
  EXPECT_FALSE(HasCarePlanFrom(db, couple_, {2026, 11, 16}).value());
  // An item must name visits in range (the table's CHECK backs the service's check).
  EXPECT_FALSE(db.Query("INSERT INTO care_plan_items VALUES (?, 'bathing', 0)", {*second}));

  const auto box = cipher_->Encrypt("13812345678");
  auto contact = InsertEmergencyContact(db, community_,
                                        {.resident_id = couple_,
                                         .name = "李小明",
                                         .relation = "儿子",
                                         .phone_masked = "138****5678",
                                         .priority = 1},
                                        store::Blob{box}, kNow);
  ASSERT_TRUE(contact) << contact.error().message;
  auto found = FindEmergencyContact(db, *contact);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ(cipher_->Decrypt((*found)->phone_cipher.bytes).value(), "13812345678");
  EXPECT_EQ((*found)->community_id, community_);
  auto listed = ListEmergencyContacts(db, couple_);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].phone_masked, "138****5678");
}

// The service end to end: the alone elder usually eats at the canteen and has not for 3 days;
// the disabled one has grade 2, a missed visit and, once a plan is made, no plan alert.
TEST_P(ElderFileStoreTest, ServiceBuildsTheFileAndTheList) {
  for (int days = 3; days < 11; ++days) Meal(alone_, DaysAgo(days));
  Assess(couple_, /*moderate=*/true, {2026, 11, 1});
  HomeCare(couple_, "personal_care", DaysAgo(1), "scheduled", "planned");  // never checked in
  HomeCare(couple_, "personal_care", DaysAgo(8), "done", "done", kNow);

  ElderFileService service(*db_, clock_, *cipher_);
  auto page = service.List(worker_, {});
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->total, 2);
  EXPECT_EQ(page->elders[0].elder.id, couple_);
  EXPECT_EQ(page->elders[0].grade, 2);
  ASSERT_EQ(page->elders[0].alerts.size(), 2u);
  EXPECT_EQ(page->elders[0].alerts[0].code, ElderAlertCode::kVisitMissed);
  EXPECT_EQ(page->elders[0].alerts[1].code, ElderAlertCode::kNoCarePlan);
  ASSERT_EQ(page->elders[1].alerts.size(), 1u);
  EXPECT_EQ(page->elders[1].alerts[0].code, ElderAlertCode::kNoMeal3Days);
  EXPECT_EQ(page->elders[1].alerts[0].since, DaysAgo(2));

  auto file = service.File(worker_, alone_);
  ASSERT_TRUE(file) << file.error().message;
  EXPECT_EQ(file->age, 86);
  EXPECT_TRUE(file->living_alone);
  EXPECT_EQ(file->last_meal_date, DaysAgo(3));
  EXPECT_EQ(file->recent_meals.size(), 8u);
  ASSERT_EQ(file->alerts.size(), 1u);
  EXPECT_EQ(file->alerts[0].code, ElderAlertCode::kNoMeal3Days);
  // Under 60: not an elder, answered like a stranger.
  auto young = service.File(worker_, son_);
  ASSERT_FALSE(young);
  EXPECT_EQ(young.error().code, ErrorCode::kNotFound);

  auto plan = service.CreateCarePlan(worker_, couple_, {.starts_on = {2026, 11, 1}}, origin_);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->grade, 2);
  ASSERT_EQ(plan->items.size(), 3u);
  EXPECT_EQ(plan->items[2].service_code, "personal_care");
  EXPECT_EQ(plan->items[2].planned_this_month, 8);
  EXPECT_EQ(plan->items[2].delivered_this_month, 1);  // the visit done 8 days ago
  auto couple_file = service.File(worker_, couple_);
  ASSERT_TRUE(couple_file) << couple_file.error().message;
  ASSERT_TRUE(couple_file->care_plan.has_value());
  ASSERT_EQ(couple_file->alerts.size(), 1u);
  EXPECT_EQ(couple_file->alerts[0].code, ElderAlertCode::kVisitMissed);
  EXPECT_EQ(couple_file->recent_visits.size(), 2u);
  EXPECT_TRUE(couple_file->recent_visits[0].missed);
}

INSTANTIATE_TEST_SUITE_P(Backends, ElderFileStoreTest,
                         testing::Values(Backend::kSqlite, Backend::kPostgres),
                         store::testing_support::ParamName);

}  // namespace
}  // namespace shequ::eldercare
