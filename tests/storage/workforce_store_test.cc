// The workforce and the volunteer registry (src/eldercare/workforce) on both back ends: the
// interface home care schedules through (qualifications valid on a day, at the boundaries), the
// service's validation and login linking, reminders, and volunteer visits crediting the time
// bank in the same transaction — the ledger still sums to zero. Also the time bank's two list
// reads (activities, signups).
#include <gtest/gtest.h>

#include "auth/audit_log.h"
#include "auth/auth_service.h"
#include "base/log.h"
#include "eldercare/timebank/timebank_service.h"
#include "eldercare/workforce/care_worker.h"
#include "eldercare/workforce/volunteer_service.h"
#include "eldercare/workforce/workforce_repository.h"
#include "eldercare/workforce/workforce_service.h"
#include "registry/place_repository.h"
#include "registry/registry_repository.h"
#include "scratch_database.h"

namespace shequ::eldercare {
namespace {

using store::Backend;

// 2026-11-30T12:00:00+08:00, a Monday.
constexpr Instant kNow = 1'796'011'200LL * kMicrosPerSecond;

class WorkforceStoreTest : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    log::SetLevel(log::Level::kWarn);
    ASSERT_NO_FATAL_FAILURE(scratch_.CreateMigrated(GetParam(), &db_));
    auto connection = db_->Acquire();
    ASSERT_TRUE(connection);
    store::Connection& db = **connection;
    const auto street = registry::InsertStreet(db, "示范街道", kNow).value();
    community_ = registry::InsertCommunity(db, street.id, "示范社区", kNow).value().id;
    other_community_ = registry::InsertCommunity(db, street.id, "东社区", kNow).value().id;
    int buildings = 0;
    const auto add_resident = [&](CommunityId community, const char* name, CivilDate born) {
      const std::string number = std::to_string(++buildings) + "号楼";
      const auto building =
          registry::InsertBuilding(
              db, {.community_id = community, .number = number, .address = "路" + number}, kNow)
              .value();
      const auto household =
          registry::InsertHousehold(
              db,
              {.community_id = community, .building_id = building.id, .floor = 1, .room = "101"},
              kNow)
              .value();
      const auto resident =
          registry::InsertResident(
              db, {.community_id = community, .name = name, .birth_date = born}, kNow)
              .value();
      EXPECT_TRUE(registry::InsertResidency(db, community, resident, household.id, "head",
                                            {2000, 1, 1}, kNow));
      return resident;
    };
    elder_ = add_resident(community_, "王奶奶", {1946, 3, 1});
    // 60 on 2026-12-01: a visit on 2026-11-30 is to someone still 59.
    almost_sixty_ = add_resident(community_, "赵阿姨", {1966, 12, 1});
    helper_ = add_resident(community_, "李志愿", {1990, 5, 5});
    helper2_ = add_resident(community_, "陈志愿", {1992, 6, 6});
    far_elder_ = add_resident(other_community_, "东奶奶", {1940, 1, 1});

    auth::AuthOptions options;
    options.password_limits = auth::PasswordLimits::Minimum();
    auth::AuthService accounts(*db_, clock_, options);
    const auth::Scope scope{auth::ScopeKind::kCommunity, {street.id, community_, {}}};
    const auth::Scope other_scope{auth::ScopeKind::kCommunity, {street.id, other_community_, {}}};
    const auto add_user = [&](const char* login, auth::Role role, const auth::Scope& where) {
      auto user = accounts.AddUserAsSystem({.login = login,
                                            .display_name = login,
                                            .password = "correct-horse-9",
                                            .role = role,
                                            .scope = where},
                                           {"test", "setup"});
      EXPECT_TRUE(user) << user.error().message;
      return auth::Principal{.user_id = user->id, .login = login, .role = role, .scope = where};
    };
    worker_ = add_user("worker", auth::Role::kCommunityWorker, scope);
    other_worker_ = add_user("eastworker", auth::Role::kCommunityWorker, other_scope);
    caregiver_ = add_user("caregiver", auth::Role::kCaregiver, scope);
    add_user("eastcare", auth::Role::kCaregiver, other_scope);
    volunteer_ = add_user("volunteer", auth::Role::kVolunteer, scope);
    volunteer2_ = add_user("volunteer2", auth::Role::kVolunteer, scope);
    ASSERT_TRUE(registry::InsertResidentAccount(db, volunteer_.user_id, community_, helper_, kNow));
    ASSERT_TRUE(
        registry::InsertResidentAccount(db, volunteer2_.user_id, community_, helper2_, kNow));
  }

  void TearDown() override {
    db_.reset();
    scratch_.Drop();
  }

  CareWorkerInput Input(std::string name = "张护理") {
    return {.name = std::move(name),
            .kind = "caregiver",
            .skills = {"bathing", "cleaning"},
            .work_weekdays = {1, 2, 3, 4, 5},
            .work_start = "08:00",
            .work_end = "17:00",
            .start_lat = 31.2,
            .start_lon = 121.4};
  }

  std::int64_t AuditCount(const std::string& action) {
    auto connection = db_->Acquire();
    auto rows = (*connection)->Query("SELECT COUNT(*) FROM audit_log WHERE action = ?", {action});
    EXPECT_TRUE(rows) << rows.error().message;
    return rows ? rows->rows.at(0).GetInt(0) : -1;
  }

  void ExpectField(const Error& error, ErrorCode code, const std::string& field) {
    EXPECT_EQ(error.code, code) << error.message;
    EXPECT_EQ(error.field, field) << error.message;
  }

  store::testing_support::ScratchDatabase scratch_;
  std::unique_ptr<store::Database> db_;
  FakeClock clock_{kNow};
  CommunityId community_;
  CommunityId other_community_;
  registry::ResidentId elder_, almost_sixty_, helper_, helper2_, far_elder_;
  auth::Principal worker_, other_worker_, caregiver_, volunteer_, volunteer2_;
  const auth::RequestOrigin origin_{"test", "test"};
};

TEST_P(WorkforceStoreTest, QualificationsValidOnADayAtTheBoundaries) {
  WorkforceService service(*db_, clock_);
  auto worker = service.CreateWorker(worker_, Input(), origin_);
  ASSERT_TRUE(worker) << worker.error().message;
  const std::int64_t id = worker->worker.id;
  const auto add = [&](const char* code, const char* from, const char* to) {
    auto cert = service.AddCertificate(
        worker_, id, {.qualification = code, .valid_from = from, .valid_to = to}, origin_);
    EXPECT_TRUE(cert) << cert.error().message;
    return cert ? cert->certificate.id : 0;
  };
  add("caregiver_cert", "2026-01-01", "2026-12-31");
  add("first_aid", "2023-01-01", "2025-12-31");  // expired before 2026
  const auto revoked = add("health_cert", "2026-01-01", "2026-12-31");
  add("medical_license", "2027-01-01", "2031-12-31");  // starts later
  ASSERT_TRUE(service.RevokeCertificate(worker_, revoked, origin_));

  auto connection = db_->Acquire();
  store::Connection& db = **connection;
  const auto held = [&](CivilDate day) {
    auto on_day = LoadCareWorkerOnDay(db, id, day);
    EXPECT_TRUE(on_day) << on_day.error().message;
    return on_day ? on_day->qualifications : std::vector<std::string>{};
  };
  using Codes = std::vector<std::string>;
  EXPECT_EQ(held({2025, 12, 31}), Codes{"first_aid"});
  EXPECT_EQ(held({2026, 1, 1}), Codes{"caregiver_cert"});    // valid_from; revoked one absent
  EXPECT_EQ(held({2026, 12, 31}), Codes{"caregiver_cert"});  // valid_to
  EXPECT_EQ(held({2027, 1, 1}), Codes{"medical_license"});   // the day after: expired
  EXPECT_EQ(LoadCareWorkerOnDay(db, id + 100, {2026, 1, 1}).error().code, ErrorCode::kNotFound);

  // By community and weekday: Monday 2026-11-30 yes, Saturday 2026-12-05 no.
  auto monday = LoadCareWorkersOnDay(db, community_, {2026, 11, 30});
  ASSERT_TRUE(monday) << monday.error().message;
  ASSERT_EQ(monday->size(), 1u);
  EXPECT_EQ(monday->front().worker.work_start_min, 8 * 60);
  EXPECT_EQ(monday->front().worker.skills, (Codes{"bathing", "cleaning"}));
  EXPECT_EQ(monday->front().qualifications, Codes{"caregiver_cert"});
  EXPECT_TRUE(LoadCareWorkersOnDay(db, community_, {2026, 12, 5})->empty());
  EXPECT_TRUE(LoadCareWorkersOnDay(db, other_community_, {2026, 11, 30})->empty());

  // An inactive worker is not scheduled, but can still be loaded by id.
  CareWorkerInput inactive = Input();
  inactive.active = false;
  ASSERT_TRUE(service.UpdateWorker(worker_, id, inactive, origin_));
  EXPECT_TRUE(LoadCareWorkersOnDay(db, community_, {2026, 11, 30})->empty());
  EXPECT_FALSE(LoadCareWorkerOnDay(db, id, {2026, 11, 30})->worker.active);
  EXPECT_EQ(CareWorkerKindName(CareWorkerKind::kSocialWorker), "social_worker");
}

TEST_P(WorkforceStoreTest, WorkerValidationAndLoginLink) {
  WorkforceService service(*db_, clock_);
  const auto refused = [&](CareWorkerInput input, const std::string& field) {
    auto created = service.CreateWorker(worker_, input, origin_);
    ASSERT_FALSE(created) << field;
    ExpectField(created.error(), ErrorCode::kInvalidArgument, field);
  };
  auto bad = Input();
  bad.work_start = "8:00";
  refused(bad, "work_start");
  bad = Input();
  bad.work_end = "07:59";
  refused(bad, "work_end");
  bad = Input();
  bad.work_end = "08:00";  // equal: not after
  refused(bad, "work_end");
  bad = Input();
  bad.work_weekdays = {1, 8};
  refused(bad, "work_weekdays");
  bad = Input();
  bad.work_weekdays = {};
  refused(bad, "work_weekdays");
  bad = Input();
  bad.skills = {"juggling"};
  refused(bad, "skills");
  bad = Input();
  bad.kind = "surgeon";
  refused(bad, "kind");
  bad = Input();
  bad.start_lat = 91;
  refused(bad, "start_lat");
  bad = Input();
  bad.name = "";
  refused(bad, "name");
  for (const char* login : {"nobody", "worker", "eastcare"}) {  // none, not a caregiver, elsewhere
    bad = Input();
    bad.login = login;
    refused(bad, "login");
  }
  EXPECT_EQ(AuditCount("workforce.worker.create"), 0);

  auto linked = Input();
  linked.login = "Caregiver";  // logins are case-insensitive
  linked.work_end = "24:00";
  auto first = service.CreateWorker(worker_, linked, origin_);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->login, "caregiver");
  EXPECT_EQ(first->worker.work_end_min, 1440);
  linked.name = "另一位";
  refused(linked, "login");  // linked to the first already
  // Updating the first worker with its own login keeps the link.
  auto again = service.UpdateWorker(worker_, first->worker.id, linked, origin_);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->worker.name, "另一位");

  auto connection = db_->Acquire();
  auto by_user = FindCareWorkerByUser(**connection, caregiver_.user_id);
  ASSERT_TRUE(by_user && *by_user);
  EXPECT_EQ((*by_user)->id, first->worker.id);
  EXPECT_FALSE(FindCareWorkerByUser(**connection, worker_.user_id).value().has_value());

  // Another community's worker cannot see or change it; a caregiver cannot write.
  EXPECT_EQ(service.GetWorker(other_worker_, first->worker.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service.UpdateWorker(other_worker_, first->worker.id, Input(), origin_).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(service.CreateWorker(caregiver_, Input(), origin_).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(service.ListWorkers(other_worker_, community_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service.ListWorkers(caregiver_, {})->size(), 1u);
  EXPECT_EQ(AuditCount("workforce.worker.create"), 1);
  EXPECT_EQ(AuditCount("workforce.worker.update"), 1);
}

TEST_P(WorkforceStoreTest, CertificatesTrainingAndReminders) {
  WorkforceService service(*db_, clock_);
  auto worker = service.CreateWorker(worker_, Input(), origin_);
  ASSERT_TRUE(worker) << worker.error().message;
  const std::int64_t id = worker->worker.id;
  auto unknown = service.AddCertificate(
      worker_, id, {.qualification = "pilot", .valid_from = "2026-01-01", .valid_to = "2027-01-01"},
      origin_);
  ExpectField(unknown.error(), ErrorCode::kInvalidArgument, "qualification");
  auto backwards = service.AddCertificate(
      worker_, id,
      {.qualification = "health_cert", .valid_from = "2026-01-02", .valid_to = "2026-01-01"},
      origin_);
  ExpectField(backwards.error(), ErrorCode::kInvalidArgument, "valid_to");
  auto bad_date = service.AddCertificate(
      worker_, id, {.qualification = "health_cert", .valid_from = "2026-13-01"}, origin_);
  ExpectField(bad_date.error(), ErrorCode::kInvalidArgument, "valid_from");
  // No valid_to: one year of a health certificate, to the day before.
  auto health = service.AddCertificate(
      worker_, id, {.qualification = "health_cert", .valid_from = "2025-12-20"}, origin_);
  ASSERT_TRUE(health) << health.error().message;
  EXPECT_EQ(health->certificate.valid_to, (CivilDate{2026, 12, 19}));
  EXPECT_EQ(health->status, CertificateStatus::kExpiring);  // 19 days left
  auto no_term = service.AddCertificate(
      worker_, id, {.qualification = "social_worker_cert", .valid_from = "2025-01-01"}, origin_);
  ExpectField(no_term.error(), ErrorCode::kInvalidArgument, "valid_to");
  ASSERT_TRUE(service.AddCertificate(
      worker_, id,
      {.qualification = "caregiver_cert", .valid_from = "2021-01-01", .valid_to = "2026-11-29"},
      origin_));

  for (double hours : {0.0, -1.0, 24.5}) {
    auto training = service.AddTraining(
        worker_, id, {.course = "失能照护", .date = "2026-03-01", .hours = hours}, origin_);
    ExpectField(training.error(), ErrorCode::kInvalidArgument, "hours");
  }
  auto future = service.AddTraining(
      worker_, id, {.course = "失能照护", .date = "2026-12-01", .hours = 2}, origin_);
  ExpectField(future.error(), ErrorCode::kInvalidArgument, "date");
  ASSERT_TRUE(service.AddTraining(
      worker_, id, {.course = "失能照护", .date = "2026-03-01", .hours = 16}, origin_));
  ASSERT_TRUE(service.AddTraining(
      worker_, id, {.course = "急救复训", .date = "2026-11-30", .hours = 7.5}, origin_));
  ASSERT_TRUE(service.AddTraining(  // last year: does not count
      worker_, id, {.course = "入职培训", .date = "2025-12-31", .hours = 8}, origin_));

  auto detail = service.GetWorker(worker_, id);
  ASSERT_TRUE(detail) << detail.error().message;
  EXPECT_EQ(detail->training_hours_tenths_this_year, 235);
  EXPECT_EQ(detail->training.size(), 3u);
  EXPECT_EQ(detail->training.front().course, "急救复训");  // newest first
  ASSERT_EQ(detail->certificates.size(), 2u);
  EXPECT_EQ(detail->view.qualifications_valid_today, std::vector<std::string>{"health_cert"});

  auto reminders = service.Reminders(worker_, {});
  ASSERT_TRUE(reminders) << reminders.error().message;
  ASSERT_EQ(reminders->size(), 3u);
  EXPECT_EQ((*reminders)[0].kind, ReminderKind::kCertificateExpired);
  EXPECT_EQ((*reminders)[0].qualification, "caregiver_cert");
  EXPECT_EQ((*reminders)[1].kind, ReminderKind::kCertificateExpiring);
  EXPECT_EQ((*reminders)[1].days_left, 19);
  EXPECT_EQ((*reminders)[1].message_zh, "张护理的健康证将于2026-12-19到期（还有19天）");
  EXPECT_EQ((*reminders)[2].kind, ReminderKind::kTrainingShort);
  EXPECT_EQ((*reminders)[2].training_hours_tenths, 235);
  EXPECT_EQ(service.Reminders(worker_, {}, 10)->size(), 2u);
  EXPECT_EQ(service.Reminders(worker_, {}, 400).error().field, "within_days");

  // A renewal replaces the expired certificate: its reminder goes.
  ASSERT_TRUE(service.AddCertificate(
      worker_, id,
      {.qualification = "caregiver_cert", .valid_from = "2026-11-30", .valid_to = "2031-11-29"},
      origin_));
  EXPECT_EQ(service.Reminders(worker_, {})->size(), 2u);
  EXPECT_EQ(AuditCount("workforce.certificate.add"), 3);
  EXPECT_EQ(AuditCount("workforce.training.add"), 3);
  EXPECT_EQ(service.RevokeCertificate(other_worker_, health->certificate.id, origin_).error().code,
            ErrorCode::kNotFound);
}

TEST_P(WorkforceStoreTest, VolunteerVisitsCreditTheTimeBankOnce) {
  VolunteerService volunteers(*db_, clock_);
  TimebankService timebank(*db_, clock_);
  auto created = volunteers.Create(worker_,
                                   {.resident_id = helper_,
                                    .skills = {"companionship", "escort"},
                                    .availability_weekdays = {2, 4},
                                    .availability_note = "周二、周四上午",
                                    .background_check_date = "2025-11-30"},
                                   origin_);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_TRUE(created->background_check_due);  // exactly 12 months ago
  EXPECT_EQ(created->volunteer.name, "李志愿");
  EXPECT_EQ(created->volunteer.availability_weekdays, 0b1010);
  const std::int64_t id = created->volunteer.id;
  auto twice = volunteers.Create(worker_, {.resident_id = helper_}, origin_);
  ExpectField(twice.error(), ErrorCode::kConflict, "resident_id");
  EXPECT_EQ(volunteers.Create(other_worker_, {.resident_id = helper2_}, origin_).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(volunteers.Create(volunteer_, {.resident_id = helper2_}, origin_).error().code,
            ErrorCode::kPermissionDenied);
  auto bad_skill =
      volunteers.Create(worker_, {.resident_id = helper2_, .skills = {"Bad Skill"}}, origin_);
  ExpectField(bad_skill.error(), ErrorCode::kInvalidArgument, "skills");
  auto second = volunteers.Create(worker_, {.resident_id = helper2_}, origin_);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_TRUE(second->background_check_due);  // none recorded

  auto updated = volunteers.Update(worker_, id,
                                   {.skills = {"companionship"},
                                    .availability_weekdays = {2, 4},
                                    .background_check_date = "2026-11-01"},
                                   origin_);
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_FALSE(updated->background_check_due);

  const auto visit = [&](const auth::Principal& who, std::int64_t volunteer,
                         registry::ResidentId elder, std::int64_t minutes,
                         std::string date = "2026-11-30") {
    return volunteers.RecordVisit(
        who, volunteer, {.elder_resident_id = elder, .date = date, .minutes = minutes}, origin_);
  };
  ExpectField(visit(worker_, id, elder_, 0).error(), ErrorCode::kInvalidArgument, "minutes");
  ExpectField(visit(worker_, id, elder_, -5).error(), ErrorCode::kInvalidArgument, "minutes");
  ExpectField(visit(worker_, id, elder_, 481).error(), ErrorCode::kInvalidArgument, "minutes");
  ExpectField(visit(worker_, id, almost_sixty_, 60).error(), ErrorCode::kInvalidArgument,
              "elder_resident_id");
  ExpectField(visit(worker_, id, far_elder_, 60).error(), ErrorCode::kInvalidArgument,
              "elder_resident_id");
  ExpectField(visit(worker_, id, elder_, 60, "2026-12-01").error(), ErrorCode::kInvalidArgument,
              "date");
  EXPECT_EQ(visit(other_worker_, id, elder_, 60).error().code, ErrorCode::kNotFound);
  // volunteer2 on volunteer 1's record.
  EXPECT_EQ(visit(volunteer2_, id, elder_, 60).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(visit(caregiver_, id, elder_, 60).error().code, ErrorCode::kPermissionDenied);

  auto by_staff = visit(worker_, id, elder_, 90);
  ASSERT_TRUE(by_staff) << by_staff.error().message;
  EXPECT_EQ(by_staff->balance_minutes, 90);
  EXPECT_GT(by_staff->visit.entry_id, 0);
  auto by_self = visit(volunteer_, id, elder_, 45, "2026-11-29");
  ASSERT_TRUE(by_self) << by_self.error().message;
  EXPECT_EQ(by_self->balance_minutes, 135);
  // A day the elder was still 59 is refused; a day later... the 60th birthday counts.
  clock_.Advance(24LL * 3600 * kMicrosPerSecond);
  ASSERT_TRUE(visit(worker_, id, almost_sixty_, 30, "2026-12-01"));

  auto own = timebank.OwnStatement(volunteer_);
  ASSERT_TRUE(own) << own.error().message;
  EXPECT_EQ(own->account.balance_minutes, 165);
  ASSERT_EQ(own->lines.size(), 3u);
  EXPECT_EQ(own->lines.back().kind, TimebankEntryKind::kCreditVisit);
  EXPECT_EQ(own->lines.back().reference, "volunteer_visit:" + std::to_string(by_staff->visit.id));

  auto trial = timebank.TrialBalance(worker_, {});
  ASSERT_TRUE(trial) << trial.error().message;
  EXPECT_EQ(trial->total_minutes, 0);
  EXPECT_TRUE(trial->cache_agrees);

  auto list = volunteers.List(worker_, {});
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->at(0).volunteer.name, "李志愿");  // by name
  EXPECT_EQ(list->at(0).volunteer.balance_minutes, 165);
  EXPECT_EQ(volunteers.List(caregiver_, {})->size(), 2u);  // read_eldercare
  EXPECT_EQ(volunteers.List(volunteer_, {}).error().code, ErrorCode::kPermissionDenied);

  auto visits = volunteers.ListVisits(worker_, {}, elder_, std::nullopt);
  ASSERT_TRUE(visits);
  ASSERT_EQ(visits->size(), 2u);
  EXPECT_EQ(visits->at(0).date, (CivilDate{2026, 11, 30}));  // newest first
  EXPECT_EQ(visits->at(0).elder_name, "王奶奶");
  EXPECT_EQ(volunteers.ListVisits(worker_, {}, std::nullopt, id)->size(), 3u);
  EXPECT_EQ(
      volunteers.ListVisits(other_worker_, community_, std::nullopt, std::nullopt).error().code,
      ErrorCode::kNotFound);

  // Deactivated: no more visits.
  ASSERT_TRUE(volunteers.Update(worker_, id, {.active = false}, origin_));
  EXPECT_EQ(visit(worker_, id, elder_, 30).error().code, ErrorCode::kConflict);
  EXPECT_EQ(AuditCount("volunteer.visit.record"), 3);
  EXPECT_EQ(AuditCount("volunteer.create"), 2);
}

TEST_P(WorkforceStoreTest, TimebankActivityAndSignupLists) {
  TimebankService timebank(*db_, clock_);
  const Instant day = 24LL * 3600 * kMicrosPerSecond;
  auto first = timebank.CreateActivity(worker_,
                                       {.title = "敬老院探访",
                                        .starts_at = kNow + day,
                                        .ends_at = kNow + day + 3600LL * kMicrosPerSecond,
                                        .credit_minutes = 120},
                                       origin_);
  ASSERT_TRUE(first) << first.error().message;
  auto later = timebank.CreateActivity(worker_,
                                       {.title = "义诊",
                                        .starts_at = kNow + 10 * day,
                                        .ends_at = kNow + 10 * day + 3600LL * kMicrosPerSecond,
                                        .credit_minutes = 60},
                                       origin_);
  ASSERT_TRUE(later);
  ASSERT_TRUE(timebank.SignUp(volunteer_, first->id, helper_, origin_));
  ASSERT_TRUE(timebank.SignUp(worker_, first->id, helper2_, origin_));
  ASSERT_TRUE(timebank.RecordAttendance(worker_, first->id, helper_, true, origin_));

  auto all = timebank.Activities(worker_, {}, std::nullopt, std::nullopt);
  ASSERT_TRUE(all) << all.error().message;
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->at(0).activity.title, "敬老院探访");
  EXPECT_EQ(all->at(0).signups, 2);
  EXPECT_EQ(all->at(0).attended, 1);
  // 2026-12-01 only (the first starts then; the second on 12-10).
  auto one_day =
      timebank.Activities(volunteer_, {}, CivilDate{2026, 12, 1}, CivilDate{2026, 12, 1});
  ASSERT_TRUE(one_day) << one_day.error().message;
  ASSERT_EQ(one_day->size(), 1u);
  EXPECT_EQ(timebank.Activities(worker_, {}, CivilDate{2026, 12, 2}, CivilDate{2026, 12, 1})
                .error()
                .field,
            "to");
  EXPECT_EQ(timebank.Activities(other_worker_, community_, std::nullopt, std::nullopt).error().code,
            ErrorCode::kNotFound);

  auto signups = timebank.Signups(worker_, first->id);
  ASSERT_TRUE(signups) << signups.error().message;
  ASSERT_EQ(signups->size(), 2u);
  EXPECT_EQ(signups->at(0).resident_name, "李志愿");
  EXPECT_EQ(signups->at(0).signup.attended, true);
  EXPECT_GT(signups->at(0).signup.entry_id, 0);
  EXPECT_FALSE(signups->at(1).signup.attended.has_value());
  EXPECT_EQ(timebank.Signups(volunteer_, first->id).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(timebank.Signups(other_worker_, first->id).error().code, ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkforceStoreTest,
                         testing::Values(Backend::kSqlite, Backend::kPostgres),
                         store::testing_support::ParamName);

}  // namespace
}  // namespace shequ::eldercare
