// The workforce and the volunteer registry over HTTP: the qualification table, workers with
// their login link, certificates and revoking, training, reminders, volunteers and their visits
// (which credit the time bank once and keep the ledger at zero), the time bank's two list routes;
// bad input, scope (another community's worker) and permissions for every route.
#include <gtest/gtest.h>

#include <string>

#include "test_app.h"

namespace shequ {
namespace {

using testing::CreatedId;
using testing::ExpectFieldError;
using testing::JsonOf;

class WorkforceApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    worker_ = app_.Login("worker");
    other_ = app_.Login("other_worker");
    caregiver_ = app_.Login("caregiver");
    volunteer_role_ = app_.Login("volunteer");
    const auto building = CreatedId(Post(worker_, "/api/v1/buildings",
                                         {{"community_id", app_.community.id.value()},
                                          {"number", "3号楼"},
                                          {"address", "敬老路3号"}}));
    const auto home = CreatedId(Post(worker_, "/api/v1/households",
                                     {{"building_id", building}, {"floor", 2}, {"room", "201"}}));
    const auto next_door = CreatedId(Post(
        worker_, "/api/v1/households", {{"building_id", building}, {"floor", 2}, {"room", "202"}}));
    elder_ = CreatedId(Post(worker_, "/api/v1/residents",
                            {{"household_id", home},
                             {"name", "孙奶奶"},
                             {"sex", "female"},
                             {"birth_date", "1941-04-01"}}));
    young_ = CreatedId(Post(worker_, "/api/v1/residents",
                            {{"household_id", next_door},
                             {"name", "周小姐"},
                             {"sex", "female"},
                             {"birth_date", "1998-01-01"}}));
    helper_ = CreatedId(Post(worker_, "/api/v1/residents",
                             {{"household_id", next_door},
                              {"name", "吴志愿"},
                              {"sex", "male"},
                              {"birth_date", "1985-09-09"},
                              {"relation_to_head", "spouse"}}));
    auto account = Post(worker_, "/api/v1/residents/" + std::to_string(helper_) + "/account",
                        {{"login", "wuzhi"}, {"password", testing::kPassword}});
    EXPECT_EQ(account->status, 201) << account->body;
    wu_ = app_.Login("wuzhi");
    auto young_account = Post(worker_, "/api/v1/residents/" + std::to_string(young_) + "/account",
                              {{"login", "zhou"}, {"password", testing::kPassword}});
    EXPECT_EQ(young_account->status, 201) << young_account->body;
    zhou_ = app_.Login("zhou");
    // An elder of the other community, entered by its own worker.
    const auto far_building = CreatedId(Post(other_, "/api/v1/buildings",
                                             {{"community_id", app_.other_community.id.value()},
                                              {"number", "9号楼"},
                                              {"address", "远路9号"}}));
    const auto far_home =
        CreatedId(Post(other_, "/api/v1/households",
                       {{"building_id", far_building}, {"floor", 1}, {"room", "101"}}));
    far_elder_ = CreatedId(Post(other_, "/api/v1/residents",
                                {{"household_id", far_home},
                                 {"name", "远方老人"},
                                 {"sex", "male"},
                                 {"birth_date", "1940-01-01"}}));
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
  static nlohmann::json Worker() {
    return {{"name", "郑护理"},
            {"kind", "caregiver"},
            {"skills", {"bathing", "personal_care"}},
            {"work_weekdays", {1, 2, 3, 4, 5}},
            {"work_start", "08:00"},
            {"work_end", "16:30"},
            {"start_lat", 31.23},
            {"start_lon", 121.47}};
  }
  static nlohmann::json With(nlohmann::json body, const char* key, nlohmann::json value) {
    body[key] = std::move(value);
    return body;
  }
  std::string WorkerPath(std::int64_t id, const char* what = "") const {
    return "/api/v1/workforce/workers/" + std::to_string(id) + what;
  }
  std::int64_t NewVolunteer() {
    return CreatedId(Post(worker_, "/api/v1/volunteers",
                          {{"resident_id", helper_},
                           {"skills", {"companionship", "escort"}},
                           {"availability_weekdays", {2, 4}},
                           {"availability_note", "周二、周四上午"},
                           {"background_check_date", "2026-06-01"}}));
  }

  testing::TestApp app_;
  std::string worker_, other_, caregiver_, volunteer_role_, wu_, zhou_;
  std::int64_t elder_ = 0, young_ = 0, helper_ = 0, far_elder_ = 0;
};

TEST_F(WorkforceApiTest, QualificationTable) {
  auto result = Get(caregiver_, "/api/v1/workforce/qualifications");
  ASSERT_EQ(result->status, 200) << result->body;
  const auto table = JsonOf(result)["qualifications"];
  std::map<std::string, nlohmann::json> by_code;
  for (const auto& q : table) by_code[q["code"].get<std::string>()] = q;
  for (const char* code :
       {"caregiver_cert", "medical_license", "rehab_cert", "health_cert", "first_aid"}) {
    EXPECT_TRUE(by_code.contains(code)) << code;
  }
  EXPECT_EQ(by_code["health_cert"]["validity_years"], 1);
  EXPECT_EQ(by_code["health_cert"]["name_zh"], "健康证");
  EXPECT_EQ(by_code["caregiver_cert"]["name_zh"], "养老护理员职业技能等级证书");
  EXPECT_EQ(Get(volunteer_role_, "/api/v1/workforce/qualifications")->status, 403);
  EXPECT_EQ(app_.client().Get("/api/v1/workforce/qualifications")->status, 401);
}

TEST_F(WorkforceApiTest, WorkersCreateUpdateAndValidate) {
  auto created = Post(worker_, "/api/v1/workforce/workers", With(Worker(), "login", "caregiver"));
  ASSERT_EQ(created->status, 201) << created->body;
  const auto w = JsonOf(created);
  const std::int64_t id = w["id"];
  EXPECT_EQ(w["community_id"], app_.community.id.value());
  EXPECT_EQ(w["kind"], "caregiver");
  EXPECT_EQ(w["skills"], nlohmann::json({"bathing", "personal_care"}));
  EXPECT_EQ(w["work_weekdays"], nlohmann::json({1, 2, 3, 4, 5}));
  EXPECT_EQ(w["work_start"], "08:00");
  EXPECT_EQ(w["work_end"], "16:30");
  EXPECT_EQ(w["login"], "caregiver");
  EXPECT_EQ(w["active"], true);
  EXPECT_EQ(w["qualifications_valid_today"], nlohmann::json::array());
  EXPECT_EQ(app_.AuditCount("workforce.worker.create"), 1);

  const std::string path = "/api/v1/workforce/workers";
  ExpectFieldError(Post(worker_, path, With(Worker(), "work_start", "8:00")), 400, "work_start");
  ExpectFieldError(Post(worker_, path, With(Worker(), "work_start", "25:00")), 400, "work_start");
  ExpectFieldError(Post(worker_, path, With(Worker(), "work_end", "07:00")), 400, "work_end");
  ExpectFieldError(Post(worker_, path, With(Worker(), "work_weekdays", {0, 1})), 400,
                   "work_weekdays");
  ExpectFieldError(Post(worker_, path, With(Worker(), "work_weekdays", {"Mon"})), 400,
                   "work_weekdays");
  ExpectFieldError(Post(worker_, path, With(Worker(), "skills", {"flying"})), 400, "skills");
  ExpectFieldError(Post(worker_, path, With(Worker(), "skills", {1})), 400, "skills");
  ExpectFieldError(Post(worker_, path, With(Worker(), "kind", "surgeon")), 400, "kind");
  ExpectFieldError(Post(worker_, path, With(Worker(), "start_lat", 95.0)), 400, "start_lat");
  ExpectFieldError(Post(worker_, path, With(Worker(), "start_lon", -181)), 400, "start_lon");
  ExpectFieldError(Post(worker_, path, With(Worker(), "name", "")), 400, "name");
  ExpectFieldError(Post(worker_, path, With(Worker(), "login", "caregiver")), 400, "login");
  ExpectFieldError(Post(worker_, path, With(Worker(), "login", "nobody")), 400, "login");
  ExpectFieldError(Post(worker_, path, With(Worker(), "login", "resident")), 400, "login");
  ExpectFieldError(Post(worker_, path, With(Worker(), "surprise", 1)), 400, "surprise");
  auto missing = Worker();
  missing.erase("work_end");
  ExpectFieldError(Post(worker_, path, missing), 400, "work_end");
  EXPECT_EQ(app_.Count("care_workers"), 1);
  EXPECT_EQ(app_.AuditCount("workforce.worker.create"), 1);

  // Permissions and scope.
  EXPECT_EQ(Post(caregiver_, path, Worker())->status, 403);
  EXPECT_EQ(Post(volunteer_role_, path, Worker())->status, 403);
  ExpectFieldError(Post(other_, path, With(Worker(), "community_id", app_.community.id.value())),
                   404, "community");
  EXPECT_EQ(Get(other_, WorkerPath(id))->status, 404);
  EXPECT_EQ(Put(other_, WorkerPath(id), Worker())->status, 404);
  EXPECT_EQ(Get(other_, path + "?community=" + std::to_string(app_.community.id.value()))->status,
            404);
  EXPECT_EQ(Get(other_, path)->status, 200);
  EXPECT_EQ(JsonOf(Get(other_, path))["workers"].size(), 0u);
  EXPECT_EQ(Get(volunteer_role_, path)->status, 403);

  // Update: unlink the login, deactivate, change hours.
  auto changed =
      Put(worker_, WorkerPath(id), With(With(Worker(), "active", false), "work_end", "24:00"));
  ASSERT_EQ(changed->status, 200) << changed->body;
  EXPECT_EQ(JsonOf(changed)["active"], false);
  EXPECT_TRUE(JsonOf(changed)["login"].is_null());
  EXPECT_EQ(JsonOf(changed)["work_end"], "24:00");
  ExpectFieldError(Put(worker_, WorkerPath(id), With(Worker(), "work_end", "08:00")), 400,
                   "work_end");
  EXPECT_EQ(Put(worker_, WorkerPath(id + 999), Worker())->status, 404);
  EXPECT_EQ(app_.AuditCount("workforce.worker.update"), 1);
  auto list = Get(caregiver_, path);
  ASSERT_EQ(list->status, 200) << list->body;
  ASSERT_EQ(JsonOf(list)["workers"].size(), 1u);
  EXPECT_EQ(JsonOf(list)["workers"][0]["name"], "郑护理");
  // Now unlinked, the caregiver login can go to a second worker.
  EXPECT_EQ(Post(worker_, path, With(Worker(), "login", "caregiver"))->status, 201);
}

TEST_F(WorkforceApiTest, CertificatesTrainingAndReminders) {
  const std::int64_t id = CreatedId(Post(worker_, "/api/v1/workforce/workers", Worker()));
  const std::string certs = WorkerPath(id, "/certificates");
  ExpectFieldError(Post(worker_, certs,
                        {{"qualification", "astronaut"},
                         {"valid_from", "2026-01-01"},
                         {"valid_to", "2027-01-01"}}),
                   400, "qualification");
  ExpectFieldError(Post(worker_, certs,
                        {{"qualification", "caregiver_cert"},
                         {"valid_from", "2026-06-01"},
                         {"valid_to", "2026-05-31"}}),
                   400, "valid_to");
  ExpectFieldError(Post(worker_, certs,
                        {{"qualification", "caregiver_cert"},
                         {"valid_from", "2026/06/01"},
                         {"valid_to", "2027-05-31"}}),
                   400, "valid_from");
  ExpectFieldError(Post(worker_, certs, {{"qualification", "caregiver_cert"}}), 400, "valid_from");
  EXPECT_EQ(Post(caregiver_, certs,
                 {{"qualification", "caregiver_cert"},
                  {"valid_from", "2026-01-01"},
                  {"valid_to", "2030-12-31"}})
                ->status,
            403);
  EXPECT_EQ(Post(other_, certs,
                 {{"qualification", "caregiver_cert"},
                  {"valid_from", "2026-01-01"},
                  {"valid_to", "2030-12-31"}})
                ->status,
            404);
  EXPECT_EQ(app_.Count("care_worker_certificates"), 0);

  auto cert = Post(worker_, certs,
                   {{"qualification", "caregiver_cert"},
                    {"number", "3201-0099"},
                    {"issuer", "江苏省人社厅"},
                    {"valid_from", "2022-01-10"},
                    {"valid_to", "2027-01-09"}});
  ASSERT_EQ(cert->status, 201) << cert->body;
  const auto c = JsonOf(cert);
  EXPECT_EQ(c["status"], "expiring");  // 2027-01-09 is 40 days away: within the 60-day default
  EXPECT_EQ(c["worker_id"], id);
  EXPECT_EQ(c["number"], "3201-0099");
  EXPECT_EQ(c["revoked"], false);
  auto health =
      Post(worker_, certs, {{"qualification", "health_cert"}, {"valid_from", "2025-12-15"}});
  ASSERT_EQ(health->status, 201) << health->body;
  EXPECT_EQ(JsonOf(health)["valid_to"], "2026-12-14");  // one year, to the day before
  EXPECT_EQ(JsonOf(health)["status"], "expiring");
  const std::int64_t health_id = JsonOf(health)["id"];

  const std::string training = WorkerPath(id, "/training");
  for (double hours : {0.0, -2.0, 24.5, 1.25}) {
    ExpectFieldError(
        Post(worker_, training, {{"course", "失智照护"}, {"date", "2026-05-01"}, {"hours", hours}}),
        400, "hours");
  }
  ExpectFieldError(Post(worker_, training, {{"course", ""}, {"date", "2026-05-01"}, {"hours", 2}}),
                   400, "course");
  ExpectFieldError(
      Post(worker_, training, {{"course", "失智照护"}, {"date", "2026-12-25"}, {"hours", 2}}), 400,
      "date");
  ExpectFieldError(Post(worker_, training, {{"course", "失智照护"}, {"date", "2026-05-01"}}), 400,
                   "hours");
  auto trained =
      Post(worker_, training, {{"course", "失智照护"}, {"date", "2026-05-01"}, {"hours", 1.5}});
  ASSERT_EQ(trained->status, 201) << trained->body;
  EXPECT_EQ(JsonOf(trained)["hours"], 1.5);
  ASSERT_EQ(Post(worker_, training, {{"course", "消防安全"}, {"date", "2026-09-01"}, {"hours", 4}})
                ->status,
            201);

  auto detail = Get(caregiver_, WorkerPath(id));
  ASSERT_EQ(detail->status, 200) << detail->body;
  const auto d = JsonOf(detail);
  EXPECT_EQ(d["certificates"].size(), 2u);
  EXPECT_EQ(d["training"].size(), 2u);
  EXPECT_EQ(d["training"][0]["course"], "消防安全");
  EXPECT_EQ(d["training_hours_this_year"], 5.5);
  EXPECT_EQ(d["qualifications_valid_today"], nlohmann::json({"caregiver_cert", "health_cert"}));

  auto reminders = Get(worker_, "/api/v1/workforce/reminders");
  ASSERT_EQ(reminders->status, 200) << reminders->body;
  const auto r = JsonOf(reminders)["reminders"];
  ASSERT_EQ(r.size(), 3u) << r.dump();
  EXPECT_EQ(r[0]["kind"], "certificate_expiring");
  EXPECT_EQ(r[0]["qualification"], "caregiver_cert");
  EXPECT_EQ(r[0]["days_left"], 40);
  EXPECT_EQ(r[0]["valid_to"], "2027-01-09");
  EXPECT_EQ(r[1]["qualification"], "health_cert");
  EXPECT_EQ(r[1]["days_left"], 14);
  EXPECT_EQ(r[1]["message_en"], "郑护理's Health certificate expires on 2026-12-14 (in 14 days)");
  EXPECT_EQ(r[2]["kind"], "training_short");
  EXPECT_EQ(r[2]["training_hours_this_year"], 5.5);
  EXPECT_EQ(r[2]["message_zh"], "郑护理今年培训5.5小时，未达到每年24.0小时的本地要求");
  auto within = Get(worker_, "/api/v1/workforce/reminders?within_days=30");
  ASSERT_EQ(within->status, 200);
  EXPECT_EQ(JsonOf(within)["reminders"].size(), 2u);
  ExpectFieldError(Get(worker_, "/api/v1/workforce/reminders?within_days=abc"), 400, "within_days");
  ExpectFieldError(Get(worker_, "/api/v1/workforce/reminders?within_days=-1"), 400, "within_days");
  EXPECT_EQ(Get(volunteer_role_, "/api/v1/workforce/reminders")->status, 403);
  EXPECT_EQ(Get(other_, "/api/v1/workforce/reminders?community=" +
                            std::to_string(app_.community.id.value()))
                ->status,
            404);

  // Revoking: by staff in scope only; then the qualification is gone today.
  const std::string revoke =
      "/api/v1/workforce/certificates/" + std::to_string(health_id) + "/revoke";
  EXPECT_EQ(Post(caregiver_, revoke, nlohmann::json::object())->status, 403);
  EXPECT_EQ(Post(other_, revoke, nlohmann::json::object())->status, 404);
  EXPECT_EQ(Post(worker_, "/api/v1/workforce/certificates/99999/revoke", nlohmann::json::object())
                ->status,
            404);
  auto revoked = Post(worker_, revoke, nlohmann::json::object());
  ASSERT_EQ(revoked->status, 200) << revoked->body;
  EXPECT_EQ(JsonOf(revoked)["status"], "revoked");
  EXPECT_EQ(JsonOf(revoked)["revoked"], true);
  EXPECT_EQ(JsonOf(Get(worker_, WorkerPath(id)))["qualifications_valid_today"],
            nlohmann::json({"caregiver_cert"}));
  EXPECT_EQ(app_.AuditCount("workforce.certificate.add"), 2);
  EXPECT_EQ(app_.AuditCount("workforce.certificate.revoke"), 1);
  EXPECT_EQ(app_.AuditCount("workforce.training.add"), 2);
}

TEST_F(WorkforceApiTest, VolunteerRegistry) {
  const std::int64_t id = NewVolunteer();
  auto list = Get(worker_, "/api/v1/volunteers");
  ASSERT_EQ(list->status, 200) << list->body;
  const auto v = JsonOf(list)["volunteers"];
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0]["id"], id);
  EXPECT_EQ(v[0]["resident_id"], helper_);
  EXPECT_EQ(v[0]["name"], "吴志愿");
  EXPECT_EQ(v[0]["skills"], nlohmann::json({"companionship", "escort"}));
  EXPECT_EQ(v[0]["availability_weekdays"], nlohmann::json({2, 4}));
  EXPECT_EQ(v[0]["background_check_date"], "2026-06-01");
  EXPECT_EQ(v[0]["background_check_due"], false);
  EXPECT_EQ(v[0]["balance_minutes"], 0);
  EXPECT_EQ(app_.AuditCount("volunteer.create"), 1);

  ExpectFieldError(Post(worker_, "/api/v1/volunteers", {{"resident_id", helper_}}), 409,
                   "resident_id");
  ExpectFieldError(Post(worker_, "/api/v1/volunteers", {{"skills", {"x"}}}), 400, "resident_id");
  ExpectFieldError(Post(worker_, "/api/v1/volunteers",
                        {{"resident_id", young_}, {"availability_weekdays", {9}}}),
                   400, "availability_weekdays");
  ExpectFieldError(Post(worker_, "/api/v1/volunteers",
                        {{"resident_id", young_}, {"background_check_date", "2027-01-01"}}),
                   400, "background_check_date");
  ExpectFieldError(Post(worker_, "/api/v1/volunteers", {{"resident_id", far_elder_}}), 404,
                   "resident_id");
  EXPECT_EQ(Post(wu_, "/api/v1/volunteers", {{"resident_id", young_}})->status, 403);
  EXPECT_EQ(Post(caregiver_, "/api/v1/volunteers", {{"resident_id", young_}})->status, 403);
  EXPECT_EQ(app_.Count("volunteers"), 1);

  // Without a check date the check is due.
  auto changed =
      Put(worker_, "/api/v1/volunteers/" + std::to_string(id),
          {{"skills", {"repairs"}}, {"availability_weekdays", {6, 7}}, {"active", true}});
  ASSERT_EQ(changed->status, 200) << changed->body;
  EXPECT_EQ(JsonOf(changed)["background_check_due"], true);
  EXPECT_EQ(JsonOf(changed)["availability_weekdays"], nlohmann::json({6, 7}));
  ExpectFieldError(
      Put(worker_, "/api/v1/volunteers/" + std::to_string(id), {{"resident_id", young_}}), 400,
      "resident_id");
  EXPECT_EQ(
      Put(other_, "/api/v1/volunteers/" + std::to_string(id), nlohmann::json::object())->status,
      404);
  EXPECT_EQ(app_.AuditCount("volunteer.update"), 1);

  EXPECT_EQ(Get(caregiver_, "/api/v1/volunteers")->status, 200);  // read_eldercare
  EXPECT_EQ(Get(wu_, "/api/v1/volunteers")->status, 403);
  EXPECT_EQ(Get(other_, "/api/v1/volunteers?community=" + std::to_string(app_.community.id.value()))
                ->status,
            404);
}

TEST_F(WorkforceApiTest, VolunteerVisitsCreditTheLedger) {
  const std::int64_t id = NewVolunteer();
  const std::string visits = "/api/v1/volunteers/" + std::to_string(id) + "/visits";
  const auto visit = [&](std::int64_t elder, std::int64_t minutes) {
    return nlohmann::json{
        {"elder_resident_id", elder}, {"date", "2026-11-29"}, {"minutes", minutes}};
  };
  ExpectFieldError(Post(worker_, visits, visit(elder_, 0)), 400, "minutes");
  ExpectFieldError(Post(worker_, visits, visit(elder_, -30)), 400, "minutes");
  ExpectFieldError(Post(worker_, visits, visit(elder_, 481)), 400, "minutes");
  ExpectFieldError(Post(worker_, visits, visit(young_, 60)), 400, "elder_resident_id");
  ExpectFieldError(Post(worker_, visits, visit(far_elder_, 60)), 400, "elder_resident_id");
  ExpectFieldError(Post(worker_, visits, visit(999999, 60)), 404, "elder_resident_id");
  ExpectFieldError(Post(worker_, visits, With(visit(elder_, 60), "date", "2026-12-01")), 400,
                   "date");
  ExpectFieldError(Post(worker_, visits, With(visit(elder_, 60), "minutes", "60")), 400, "minutes");
  // Someone else's volunteer record, another community, no time-bank permission.
  EXPECT_EQ(Post(zhou_, visits, visit(elder_, 60))->status, 403);
  EXPECT_EQ(Post(other_, visits, visit(elder_, 60))->status, 404);
  EXPECT_EQ(Post(caregiver_, visits, visit(elder_, 60))->status, 403);
  EXPECT_EQ(Post(worker_, "/api/v1/volunteers/99999/visits", visit(elder_, 60))->status, 404);
  EXPECT_EQ(app_.Count("volunteer_visits"), 0);
  EXPECT_EQ(app_.Count("timebank_entries"), 0);

  auto by_staff = Post(worker_, visits, visit(elder_, 90));
  ASSERT_EQ(by_staff->status, 201) << by_staff->body;
  const auto s = JsonOf(by_staff);
  EXPECT_EQ(s["volunteer_id"], id);
  EXPECT_EQ(s["elder_resident_id"], elder_);
  EXPECT_EQ(s["date"], "2026-11-29");
  EXPECT_EQ(s["minutes"], 90);
  EXPECT_EQ(s["balance_minutes"], 90);
  EXPECT_TRUE(s["entry_id"].is_number_integer());
  // The volunteer records their own.
  auto by_self = Post(wu_, visits, With(visit(elder_, 45), "note", "读报、量血压"));
  ASSERT_EQ(by_self->status, 201) << by_self->body;
  EXPECT_EQ(JsonOf(by_self)["balance_minutes"], 135);
  EXPECT_EQ(app_.AuditCount("volunteer.visit.record"), 2);

  // The hours arrive in the volunteer's own statement, as visit credits.
  auto mine = Get(wu_, "/api/v1/my/timebank");
  ASSERT_EQ(mine->status, 200) << mine->body;
  const auto m = JsonOf(mine);
  EXPECT_EQ(m["balance_minutes"], 135);
  ASSERT_EQ(m["entries"].size(), 2u);
  EXPECT_EQ(m["entries"][0]["kind"], "credit_visit");
  EXPECT_EQ(m["entries"][0]["minutes"], 45);
  EXPECT_EQ(m["entries"][0]["note"], "读报、量血压");
  EXPECT_EQ(m["entries"][1]["reference"],
            "volunteer_visit:" + std::to_string(s["id"].get<std::int64_t>()));
  auto trial = Get(worker_, "/api/v1/timebank/trial-balance");
  ASSERT_EQ(trial->status, 200) << trial->body;
  EXPECT_EQ(JsonOf(trial)["total_minutes"], 0);
  EXPECT_EQ(JsonOf(trial)["balanced"], true);
  EXPECT_EQ(JsonOf(trial)["cache_agrees"], true);
  EXPECT_EQ(JsonOf(Get(worker_, "/api/v1/volunteers"))["volunteers"][0]["balance_minutes"], 135);

  auto listed =
      Get(caregiver_, "/api/v1/volunteers/visits?elder_resident_id=" + std::to_string(elder_));
  ASSERT_EQ(listed->status, 200) << listed->body;
  const auto l = JsonOf(listed)["visits"];
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0]["minutes"], 45);  // newest first (same day: higher id first)
  EXPECT_EQ(l[0]["volunteer_name"], "吴志愿");
  EXPECT_EQ(l[0]["elder_name"], "孙奶奶");
  EXPECT_EQ(
      JsonOf(Get(worker_, "/api/v1/volunteers/visits?volunteer_id=" + std::to_string(id)))["visits"]
          .size(),
      2u);
  ExpectFieldError(Get(worker_, "/api/v1/volunteers/visits?volunteer_id=x"), 400, "volunteer_id");
  EXPECT_EQ(Get(wu_, "/api/v1/volunteers/visits")->status, 403);
  EXPECT_EQ(Get(other_,
                "/api/v1/volunteers/visits?community=" + std::to_string(app_.community.id.value()))
                ->status,
            404);

  // An inactive volunteer records no more visits.
  ASSERT_EQ(Put(worker_, "/api/v1/volunteers/" + std::to_string(id), {{"active", false}})->status,
            200);
  EXPECT_EQ(Post(worker_, visits, visit(elder_, 30))->status, 409);
}

TEST_F(WorkforceApiTest, TimebankActivityAndSignupLists) {
  const auto activity = CreatedId(Post(worker_, "/api/v1/timebank/activities",
                                       {{"title", "重阳节探访"},
                                        {"starts_at", "2026-12-03T09:00:00+08:00"},
                                        {"ends_at", "2026-12-03T11:00:00+08:00"},
                                        {"credit_minutes", 120}}));
  CreatedId(Post(worker_, "/api/v1/timebank/activities",
                 {{"title", "社区义诊"},
                  {"starts_at", "2026-12-20T09:00:00+08:00"},
                  {"ends_at", "2026-12-20T11:00:00+08:00"},
                  {"credit_minutes", 60}}));
  const std::string signups =
      "/api/v1/timebank/activities/" + std::to_string(activity) + "/signups";
  ASSERT_EQ(Post(wu_, signups, {{"resident_id", helper_}})->status, 201);
  ASSERT_EQ(Post(worker_, signups, {{"resident_id", young_}})->status, 201);
  ASSERT_EQ(Post(worker_, "/api/v1/timebank/activities/" + std::to_string(activity) + "/attendance",
                 {{"resident_id", helper_}, {"attended", true}})
                ->status,
            200);

  auto all = Get(worker_, "/api/v1/timebank/activities");
  ASSERT_EQ(all->status, 200) << all->body;
  const auto a = JsonOf(all)["activities"];
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0]["id"], activity);
  EXPECT_EQ(a[0]["title"], "重阳节探访");
  EXPECT_EQ(a[0]["starts_at"], "2026-12-03T09:00:00+08:00");
  EXPECT_EQ(a[0]["credit_minutes"], 120);
  EXPECT_EQ(a[0]["signups"], 2);
  EXPECT_EQ(a[0]["attended"], 1);
  auto window = Get(wu_, "/api/v1/timebank/activities?from=2026-12-10&to=2026-12-31");
  ASSERT_EQ(window->status, 200) << window->body;
  ASSERT_EQ(JsonOf(window)["activities"].size(), 1u);
  EXPECT_EQ(JsonOf(window)["activities"][0]["title"], "社区义诊");
  ExpectFieldError(Get(worker_, "/api/v1/timebank/activities?from=2026-12-10&to=2026-12-01"), 400,
                   "to");
  ExpectFieldError(Get(worker_, "/api/v1/timebank/activities?from=12/10"), 400, "from");
  EXPECT_EQ(Get(caregiver_, "/api/v1/timebank/activities")->status, 403);
  EXPECT_EQ(Get(other_, "/api/v1/timebank/activities?community=" +
                            std::to_string(app_.community.id.value()))
                ->status,
            404);

  auto listed = Get(worker_, signups);
  ASSERT_EQ(listed->status, 200) << listed->body;
  const auto s = JsonOf(listed)["signups"];
  ASSERT_EQ(s.size(), 2u);
  // Signed up at the same (test clock) time: by resident id.
  EXPECT_EQ(s[0]["resident_id"], young_);
  EXPECT_TRUE(s[0]["attended"].is_null());
  EXPECT_TRUE(s[0]["entry_id"].is_null());
  EXPECT_EQ(s[1]["resident_id"], helper_);
  EXPECT_EQ(s[1]["resident_name"], "吴志愿");
  EXPECT_EQ(s[1]["attended"], true);
  EXPECT_TRUE(s[1]["entry_id"].is_number_integer());
  EXPECT_EQ(Get(wu_, signups)->status, 403);
  EXPECT_EQ(Get(other_, signups)->status, 404);
  EXPECT_EQ(Get(worker_, "/api/v1/timebank/activities/99999/signups")->status, 404);
}

}  // namespace
}  // namespace shequ
