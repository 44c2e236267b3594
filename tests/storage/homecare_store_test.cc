// The home-care service on both back ends: orders priced with the monthly subsidised minutes (pro
// rata, given back on cancelling), manual assignment with its checks and two assignments racing
// for one worker's hour (exactly one wins), check-in/out with the late and away flags, missed
// visits, ratings, and the day's schedule stored over the straight-line travel times.
#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <map>
#include <set>
#include <thread>

#include "base/log.h"
#include "eldercare/assessment/ability_assessment_repository.h"
#include "eldercare/homecare/homecare_rules.h"
#include "eldercare/homecare/homecare_service.h"
#include "planning/service/planning_service.h"
#include "registry/place_repository.h"
#include "registry/registry_repository.h"
#include "scratch_database.h"
#include "store/migrations.h"

namespace shequ::eldercare {
namespace {

using registry::ResidentId;
using store::Backend;

// 2026-11-30 12:00 in Shanghai, a Monday.
constexpr Instant kNow = 1'796'011'200LL * kMicrosPerSecond;
constexpr CivilDate kTuesday{2026, 12, 1};
constexpr Instant kMinute = 60 * kMicrosPerSecond;
const auth::RequestOrigin kOrigin{"test", "test"};
constexpr double kHomeLat = 31.95, kHomeLon = 119.17;

class HomeCareStoreTest : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    log::SetLevel(log::Level::kWarn);
    ASSERT_NO_FATAL_FAILURE(scratch_.CreateMigrated(GetParam(), &db_));
    auto connection = db_->Acquire();
    ASSERT_TRUE(connection);
    store::Connection& db = **connection;
    const auto street = registry::InsertStreet(db, "示范街道", kNow).value();
    community_ = registry::InsertCommunity(db, street.id, "示范社区", kNow).value().id;
    const auto located = Home(db, "1号楼", kHomeLat, kHomeLon);
    const auto unlocated = Home(db, "2号楼", std::nullopt, std::nullopt);
    worker_ = {.user_id = User(db, "worker", "community_worker", street.id),
               .login = "worker",
               .role = auth::Role::kCommunityWorker,
               .scope = {auth::ScopeKind::kCommunity, {street.id, community_, {}}}};
    admin_ = {.user_id = User(db, "admin", "admin", street.id),
              .login = "admin",
              .role = auth::Role::kAdmin,
              .scope = {auth::ScopeKind::kStreet, {street.id, {}, {}}}};
    caregiver_a_ = Caregiver(db, "carer_a", street.id);
    caregiver_b_ = Caregiver(db, "carer_b", street.id);
    // 80, on 低保; 85 with ability grade 3; 40, living in a building with no location.
    dibao_ = Resident(db, "张奶奶", {1946, 6, 1}, {"low_income"}, located);
    graded_ = Resident(db, "王爷爷", {1941, 6, 1}, {}, located);
    young_ = Resident(db, "李明", {1986, 6, 1}, {}, unlocated);
    AbilityAssessment assessment;
    assessment.community_id = community_;
    assessment.resident_id = graded_;
    assessment.assessed_on = {2026, 10, 1};
    assessment.assessor = worker_.user_id;
    assessment.score.total = 35;
    assessment.score.initial_grade = 3;
    assessment.score.grade = 3;
    assessment.next_due_on = {2027, 4, 1};
    assessment.created_at = kNow;
    ASSERT_TRUE(InsertAbilityAssessment(db, assessment));
    // A: cleaning and bathing with a valid caregiver certificate; B: cleaning only. Both work
    // Monday to Friday 08:00-17:00 from near the homes.
    worker_a_ = Worker(db, caregiver_a_.user_id, "护理员甲", "cleaning,bathing", 31.951, 119.171);
    worker_b_ = Worker(db, caregiver_b_.user_id, "护理员乙", "cleaning", 31.949, 119.169);
    ASSERT_TRUE(db.Query(
        "INSERT INTO care_worker_certificates (worker_id, qualification, valid_from, valid_to, "
        "created_at) VALUES (?, 'caregiver_cert', '2026-01-01', '2027-12-31', ?)",
        {worker_a_, kNow}));
    planning_ = std::make_unique<planning::PlanningService>(*db_, clock_);
    service_ = std::make_unique<HomeCareService>(*db_, clock_, *planning_);
  }

  void TearDown() override {
    service_.reset();
    planning_.reset();
    db_.reset();
    scratch_.Drop();
  }

  UserId User(store::Connection& db, const std::string& login, const std::string& role,
              StreetId street) {
    const bool street_wide = role == "admin";
    auto rows = db.Query(
        "INSERT INTO users (login, display_name, password_hash, role, scope_kind, street_id, "
        "community_id, created_at, updated_at) VALUES (?, ?, 'x', ?, ?, ?, ?, ?, ?) RETURNING id",
        {login, login, role, std::string(street_wide ? "street" : "community"), street.value(),
         street_wide ? store::Value(store::kNull) : store::Value(community_.value()), kNow, kNow});
    EXPECT_TRUE(rows) << rows.error().message;
    return UserId(rows->rows.at(0).GetInt(0));
  }

  auth::Principal Caregiver(store::Connection& db, const std::string& login, StreetId street) {
    return {.user_id = User(db, login, "caregiver", street),
            .login = login,
            .role = auth::Role::kCaregiver,
            .scope = {auth::ScopeKind::kCommunity, {street, community_, {}}}};
  }

  registry::HouseholdId Home(store::Connection& db, const std::string& number,
                             std::optional<double> lat, std::optional<double> lon) {
    registry::Building building;
    building.community_id = community_;
    building.number = number;
    building.address = "多福巷" + number;
    building.latitude = lat;
    building.longitude = lon;
    const auto stored = registry::InsertBuilding(db, building, kNow).value();
    registry::Household household;
    household.community_id = community_;
    household.building_id = stored.id;
    household.room = "101";
    return registry::InsertHousehold(db, household, kNow).value().id;
  }

  ResidentId Resident(store::Connection& db, const std::string& name, CivilDate born,
                      const std::vector<std::string>& tags, registry::HouseholdId home) {
    registry::StoredResident resident;
    resident.community_id = community_;
    resident.name = name;
    resident.birth_date = born;
    const ResidentId id = registry::InsertResident(db, resident, kNow).value();
    EXPECT_TRUE(registry::InsertResidency(db, community_, id, home, "head", {2000, 1, 1}, kNow));
    for (const auto& tag : tags) {
      EXPECT_TRUE(registry::InsertResidentTag(db, community_, id, {tag, std::nullopt}, kNow));
    }
    return id;
  }

  std::int64_t Worker(store::Connection& db, UserId user, const std::string& name,
                      const std::string& skills, double lat, double lon) {
    auto rows = db.Query(
        "INSERT INTO care_workers (community_id, user_id, name, kind, skills, work_weekdays, "
        "work_start_min, work_end_min, start_lat, start_lon, active, created_at, updated_at) "
        "VALUES (?, ?, ?, 'caregiver', ?, 31, 480, 1020, ?, ?, 1, ?, ?) RETURNING id",
        {community_.value(), user.value(), name, skills, lat, lon, kNow, kNow});
    EXPECT_TRUE(rows) << rows.error().message;
    return rows->rows.at(0).GetInt(0);
  }

  Result<HomeCareOrder> Order(ResidentId resident, const std::string& service, CivilDate date,
                              int start_min = 9 * 60, int end_min = 12 * 60) {
    return service_->PlaceOrder(worker_, {resident, service, date, start_min, end_min, ""},
                                kOrigin);
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
  std::unique_ptr<planning::PlanningService> planning_;
  std::unique_ptr<HomeCareService> service_;
  CommunityId community_;
  ResidentId dibao_, graded_, young_;
  auth::Principal worker_, admin_, caregiver_a_, caregiver_b_;
  std::int64_t worker_a_ = 0, worker_b_ = 0;
};

TEST_P(HomeCareStoreTest, OrdersCarryTheMonthlySubsidisedMinutesProRata) {
  // Bathing: 60 min, 80.00, 120 subsidised minutes a month. 低保: two free baths, then full price.
  auto first = Order(dibao_, "bathing", {2026, 12, 1});
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->price_fen, 8000);
  EXPECT_EQ(first->subsidy_fen, 8000);
  auto second = Order(dibao_, "bathing", {2026, 12, 2});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->subsidy_fen, 8000);
  auto third = Order(dibao_, "bathing", {2026, 12, 3});
  ASSERT_TRUE(third);
  EXPECT_EQ(third->subsidy_fen, 0);
  EXPECT_EQ(third->pay_fen(), 8000);
  // January is a new month.
  auto january = Order(dibao_, "bathing", {2027, 1, 4});
  ASSERT_TRUE(january);
  EXPECT_EQ(january->subsidy_fen, 8000);
  // Cancelling gives the minutes back.
  ASSERT_TRUE(service_->CancelOrder(worker_, second->id, kOrigin));
  auto fourth = Order(dibao_, "bathing", {2026, 12, 4});
  ASSERT_TRUE(fourth);
  EXPECT_EQ(fourth->subsidy_fen, 8000);

  // Grade 3 (latest assessment) is eligible; a 40-year-old is not.
  auto graded = Order(graded_, "cleaning", {2026, 12, 1});
  ASSERT_TRUE(graded);
  EXPECT_EQ(graded->subsidy_fen, 5000);
  auto young = Order(young_, "cleaning", {2026, 12, 1});
  ASSERT_TRUE(young);
  EXPECT_EQ(young->subsidy_fen, 0);

  // The admin cuts cleaning to 90 minutes a month: 60 used, 30 left of a 60-minute visit = half.
  CareService cleaning;
  cleaning.code = "cleaning";
  cleaning.name_zh = "助洁";
  cleaning.name_en = "Home cleaning";
  cleaning.duration_min = 60;
  cleaning.price_fen = 5000;
  cleaning.skill = "cleaning";
  cleaning.subsidised_minutes_per_month = 90;
  auto edited = service_->PutService(worker_, cleaning, kOrigin);
  ASSERT_FALSE(edited);  // only an admin edits the catalogue
  EXPECT_EQ(edited.error().code, ErrorCode::kPermissionDenied);
  ASSERT_TRUE(service_->PutService(admin_, cleaning, kOrigin));
  auto half = Order(graded_, "cleaning", {2026, 12, 2});
  ASSERT_TRUE(half);
  EXPECT_EQ(half->subsidy_fen, 2500);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'homecare_service.update'"), 1);

  // Bad input: nothing stored.
  const auto before = Count("SELECT COUNT(*) FROM homecare_orders");
  auto past = Order(dibao_, "bathing", {2026, 11, 29});
  ASSERT_FALSE(past);
  EXPECT_EQ(past.error().field, "date");
  auto unknown = Order(dibao_, "juggling", {2026, 12, 1});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "service_code");
  auto narrow = Order(dibao_, "bathing", {2026, 12, 1}, 9 * 60, 9 * 60 + 30);
  ASSERT_FALSE(narrow);
  EXPECT_EQ(narrow.error().field, "window_end");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM homecare_orders"), before);
}

TEST_P(HomeCareStoreTest, ManualAssignmentChecksAndTheDoubleBookingRace) {
  for (int day = 1; day <= 3; ++day) {
    const CivilDate date{2026, 12, day};
    auto a = Order(dibao_, "cleaning", date);
    auto b = Order(graded_, "cleaning", date);
    ASSERT_TRUE(a && b);
    std::latch start(2);
    std::atomic<int> won = 0, busy = 0, other = 0;
    auto assign = [&](std::int64_t order) {
      start.arrive_and_wait();
      auto visit = service_->AssignVisit(worker_, order, worker_a_, 9 * 60 + 30, kOrigin);
      if (visit) {
        ++won;
      } else if (visit.error().code == ErrorCode::kConflict && visit.error().field == "worker_id") {
        ++busy;
      } else {
        ++other;
        ADD_FAILURE() << visit.error().message;
      }
    };
    std::thread first(assign, a->id);
    std::thread second(assign, b->id);
    first.join();
    second.join();
    EXPECT_EQ(won.load(), 1) << "day " << day;
    EXPECT_EQ(busy.load(), 1) << "day " << day;
    EXPECT_EQ(other.load(), 0);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM homecare_visits"), 3);

  // Back to back (travel ignored) is fine: 10:30 right after 09:30-10:30.
  auto later = Order(young_, "cleaning", {2026, 12, 1});
  ASSERT_TRUE(later);
  auto adjacent = service_->AssignVisit(worker_, later->id, worker_a_, 10 * 60 + 30, kOrigin);
  ASSERT_TRUE(adjacent) << adjacent.error().message;
  EXPECT_EQ(adjacent->planned_end_min, 11 * 60 + 30);
  // One minute earlier overlaps.
  auto overlap = Order(young_, "cleaning", {2026, 12, 1});
  auto refused = service_->AssignVisit(worker_, overlap->id, worker_a_, 10 * 60 + 29, kOrigin);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().field, "worker_id");

  // Bathing needs the skill and a valid caregiver certificate: B has neither.
  auto bath = Order(dibao_, "bathing", {2026, 12, 2});
  auto unskilled = service_->AssignVisit(worker_, bath->id, worker_b_, 9 * 60, kOrigin);
  ASSERT_FALSE(unskilled);
  EXPECT_EQ(unskilled.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(unskilled.error().field, "worker_id");
  // Outside the order's window (09:00-12:00 for a 60-minute visit: starts 09:00..11:00).
  auto outside = service_->AssignVisit(worker_, bath->id, worker_a_, 11 * 60 + 1, kOrigin);
  ASSERT_FALSE(outside);
  EXPECT_EQ(outside.error().field, "start");
  // Saturday: A does not work.
  auto saturday = Order(dibao_, "cleaning", {2026, 12, 5});
  auto off = service_->AssignVisit(worker_, saturday->id, worker_a_, 9 * 60, kOrigin);
  ASSERT_FALSE(off);
  EXPECT_EQ(off.error().field, "worker_id");
  EXPECT_TRUE(service_->AssignVisit(worker_, bath->id, worker_a_, 11 * 60, kOrigin));
}

TEST_P(HomeCareStoreTest, CheckInOutRatingAndMissedVisits) {
  auto order = Order(dibao_, "cleaning", kTuesday, 9 * 60, 11 * 60);
  ASSERT_TRUE(order);
  auto visit = service_->AssignVisit(worker_, order->id, worker_a_, 9 * 60, kOrigin);
  ASSERT_TRUE(visit) << visit.error().message;
  EXPECT_EQ(visit->address, "多福巷1号楼 101");

  // The day before: not yet.
  auto early = service_->CheckIn(caregiver_a_, visit->id, kHomeLat, kHomeLon, kOrigin);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().field, "date");
  // Before done: no rating.
  auto unrated = service_->Rate(worker_, visit->id, 5, "", kOrigin);
  ASSERT_FALSE(unrated);
  EXPECT_EQ(unrated.error().code, ErrorCode::kConflict);
  EXPECT_EQ(unrated.error().field, "status");

  // 09:16 on the day, 300 m north of the home: late and away.
  clock_.Set(LocalInstant(kTuesday, 9 * 60 + 16));
  auto foreign = service_->CheckIn(caregiver_b_, visit->id, kHomeLat, kHomeLon, kOrigin);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, ErrorCode::kNotFound);
  auto out_first = service_->CheckOut(caregiver_a_, visit->id, kHomeLat, kHomeLon, "", kOrigin);
  ASSERT_FALSE(out_first);
  EXPECT_EQ(out_first.error().field, "status");
  auto in =
      service_->CheckIn(caregiver_a_, visit->id, kHomeLat + 300.0 / 111'195.08, kHomeLon, kOrigin);
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(in->status, HomeCareVisitStatus::kInProgress);
  EXPECT_TRUE(in->late);
  EXPECT_TRUE(in->away_from_home);
  auto twice = service_->CheckIn(caregiver_a_, visit->id, kHomeLat, kHomeLon, kOrigin);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);

  clock_.Advance(55 * kMinute);
  auto out = service_->CheckOut(caregiver_a_, visit->id, kHomeLat, kHomeLon, "扫地拖地", kOrigin);
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ(out->status, HomeCareVisitStatus::kDone);
  EXPECT_EQ(out->caregiver_note, "扫地拖地");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM homecare_orders WHERE status = 'done'"), 1);

  auto rated = service_->Rate(worker_, visit->id, 5, "很好", kOrigin);
  ASSERT_TRUE(rated) << rated.error().message;
  EXPECT_EQ(rated->rating, 5);
  auto again = service_->Rate(worker_, visit->id, 4, "", kOrigin);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().field, "rating");

  // A second visit 10:00-11:00 window 10:00-11:00; nobody comes. Missed after 11:15, not at it.
  auto second = Order(graded_, "cleaning", kTuesday, 10 * 60, 11 * 60);
  ASSERT_TRUE(second);
  auto planned = service_->AssignVisit(worker_, second->id, worker_b_, 10 * 60, kOrigin);
  ASSERT_TRUE(planned) << planned.error().message;
  clock_.Set(LocalInstant(kTuesday, 11 * 60 + 15));
  auto board = service_->ListVisits(worker_, {}, kTuesday, std::nullopt, kOrigin);
  ASSERT_TRUE(board) << board.error().message;
  ASSERT_EQ(board->size(), 2u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM homecare_visits WHERE status = 'missed'"), 0);
  clock_.Advance(kMinute);
  auto day = service_->MyDay(caregiver_b_, kTuesday, kOrigin);
  ASSERT_TRUE(day) << day.error().message;
  ASSERT_EQ(day->visits.size(), 1u);
  EXPECT_EQ(day->visits[0].status, HomeCareVisitStatus::kMissed);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM homecare_orders WHERE status = 'missed'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'homecare_visit.missed'"), 1);
}

TEST_P(HomeCareStoreTest, TheScheduleRespectsWindowsSkillsAndQualifications) {
  ASSERT_TRUE(Order(dibao_, "bathing", kTuesday, 9 * 60, 11 * 60));
  ASSERT_TRUE(Order(graded_, "cleaning", kTuesday, 9 * 60, 10 * 60));
  ASSERT_TRUE(Order(dibao_, "cleaning", kTuesday, 9 * 60, 10 * 60));
  auto unreachable = Order(young_, "cleaning", kTuesday);  // no located home
  ASSERT_TRUE(unreachable);
  auto nobody = Order(graded_, "medical_visit", kTuesday);  // nobody holds a medical license
  ASSERT_TRUE(nobody);

  ScheduleRequest request;
  request.date = kTuesday;
  request.dry_run = true;
  auto dry = service_->Schedule(worker_, request, kOrigin);
  ASSERT_TRUE(dry) << dry.error().message;
  EXPECT_EQ(dry->travel_source, "straight_line");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM homecare_visits"), 0);

  request.dry_run = false;
  for (int run = 0; run < 2; ++run) {  // a second run replaces the first's planned visits
    auto outcome = service_->Schedule(worker_, request, kOrigin);
    ASSERT_TRUE(outcome) << outcome.error().message;
    EXPECT_GE(outcome->baseline_travel_min, 0);
    std::map<std::int64_t, std::string> reasons;
    for (const auto& u : outcome->unplaced) reasons[u.order_id] = u.reason;
    EXPECT_EQ(reasons[unreachable->id], "unreachable");
    EXPECT_EQ(reasons[nobody->id], "no_qualified_caregiver");
    EXPECT_EQ(Count("SELECT COUNT(*) FROM homecare_visits"), 3);
  }
  auto board = service_->ListVisits(worker_, {}, kTuesday, std::nullopt, kOrigin);
  ASSERT_TRUE(board);
  ASSERT_EQ(board->size(), 3u);
  for (const HomeCareVisit& v : *board) {
    EXPECT_GE(v.planned_start_min, v.window_start_min);
    EXPECT_LE(v.planned_end_min, v.window_end_min);
    EXPECT_EQ(v.planned_end_min - v.planned_start_min, 60);
    if (v.service_code == "bathing") {
      EXPECT_EQ(v.worker_id, worker_a_);  // skill + certificate
    }
  }
  // The two 09:00-10:00 cleanings both start at 09:00, so two different workers make them.
  std::set<std::int64_t> cleaners;
  for (const HomeCareVisit& v : *board) {
    if (v.service_code == "cleaning") cleaners.insert(v.worker_id);
  }
  EXPECT_EQ(cleaners.size(), 2u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM homecare_orders WHERE status = 'scheduled'"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'homecare.schedule'"), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, HomeCareStoreTest,
                         testing::Values(Backend::kSqlite, Backend::kPostgres),
                         store::testing_support::ParamName);

}  // namespace
}  // namespace shequ::eldercare
