// Home care over HTTP: the catalogue and its admin edit, orders with the subsidy and every bad
// input the brief lists, a resident booking for their household only, scope (a worker of another
// community), scheduling a day through the API (straight lines: no OSM import here) with the
// stored visits checked against windows, skills and qualifications, manual assignment with
// double-booking, the caregiver's day with check-in/out, and ratings. The double-booking race
// runs on both back ends in tests/storage/homecare_store_test.cc.
#include <gtest/gtest.h>

#include <set>

#include "eldercare/homecare/homecare_rules.h"
#include "test_app.h"

namespace shequ {
namespace {

using testing::CreatedId;
using testing::ExpectFieldError;
using testing::JsonOf;

// The fixture's clock stands at 2026-11-30 12:00 Shanghai (a Monday); December 1 is a Tuesday.
constexpr const char* kTuesday = "2026-12-01";
constexpr CivilDate kTuesdayDate{2026, 12, 1};
constexpr double kHomeLat = 31.95, kHomeLon = 119.17;

class HomeCareApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    worker_ = app_.Login("worker");
    const auto building = CreatedId(Post(worker_, "/api/v1/buildings",
                                         {{"community_id", app_.community.id.value()},
                                          {"grid_id", app_.grid.id.value()},
                                          {"number", "3号楼"},
                                          {"address", "多福巷3号"},
                                          {"latitude", kHomeLat},
                                          {"longitude", kHomeLon}}));
    const auto household = CreatedId(Post(
        worker_, "/api/v1/households", {{"building_id", building}, {"floor", 1}, {"room", "101"}}));
    const auto other_household = CreatedId(Post(
        worker_, "/api/v1/households", {{"building_id", building}, {"floor", 2}, {"room", "201"}}));
    // 80 on 低保; her son (50) in the same household; a neighbour (85) in another household.
    elder_ = CreatedId(Post(worker_, "/api/v1/residents",
                            {{"household_id", household},
                             {"name", "张奶奶"},
                             {"sex", "female"},
                             {"birth_date", "1946-06-01"},
                             {"tags", nlohmann::json::array({"low_income"})}}));
    son_ = CreatedId(Post(worker_, "/api/v1/residents",
                          {{"household_id", household},
                           {"name", "李强"},
                           {"sex", "male"},
                           {"birth_date", "1976-03-01"},
                           {"relation_to_head", "child"}}));
    neighbour_ = CreatedId(Post(worker_, "/api/v1/residents",
                                {{"household_id", other_household},
                                 {"name", "王爷爷"},
                                 {"sex", "male"},
                                 {"birth_date", "1941-05-01"}}));
    // The son's own account: he books for his mother through its link.
    auto account = Post(worker_, "/api/v1/residents/" + std::to_string(son_) + "/account",
                        {{"login", "liqiang"}, {"password", testing::kPassword}});
    ASSERT_TRUE(account && account->status == 201) << (account ? account->body : "");
    son_login_ = app_.Login("liqiang");

    // Care workers (the workforce module's table): A is the "caregiver" account, cleans and
    // bathes with a valid caregiver certificate; B cleans only and has no login.
    auto connection = app_.database().Acquire();
    ASSERT_TRUE(connection);
    store::Connection& db = **connection;
    const auto caregiver_user =
        db.Query("SELECT id FROM users WHERE login = 'caregiver'").value().rows.at(0).GetInt(0);
    worker_a_ =
        Worker(db, caregiver_user, "护理员甲", "cleaning,bathing,companionship", kHomeLat + 0.002);
    worker_b_ = Worker(db, std::nullopt, "护理员乙", "cleaning", kHomeLat - 0.002);
    ASSERT_TRUE(db.Query(
        "INSERT INTO care_worker_certificates (worker_id, qualification, valid_from, valid_to, "
        "created_at) VALUES (?, 'caregiver_cert', '2026-01-01', '2027-12-31', 0)",
        {worker_a_}));
  }

  std::int64_t Worker(store::Connection& db, std::optional<std::int64_t> user,
                      const std::string& name, const std::string& skills, double lat) {
    auto rows = db.Query(
        "INSERT INTO care_workers (community_id, user_id, name, kind, skills, work_weekdays, "
        "work_start_min, work_end_min, start_lat, start_lon, active, created_at, updated_at) "
        "VALUES (?, ?, ?, 'caregiver', ?, 31, 480, 1020, ?, ?, 1, 0, 0) RETURNING id",
        {app_.community.id.value(), user ? store::Value(*user) : store::Value(store::kNull), name,
         skills, lat, kHomeLon});
    EXPECT_TRUE(rows) << rows.error().message;
    return rows->rows.at(0).GetInt(0);
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
  static nlohmann::json Order(std::int64_t resident, const std::string& service,
                              const std::string& start = "09:00", const std::string& end = "11:00",
                              const std::string& date = kTuesday) {
    return {{"resident_id", resident},
            {"service_code", service},
            {"date", date},
            {"window_start", start},
            {"window_end", end}};
  }
  std::string VisitPath(std::int64_t id, const std::string& action) const {
    return "/api/v1/homecare/visits/" + std::to_string(id) + "/" + action;
  }
  // Moves the clock (sessions last 12 hours, so everyone signs in again).
  void At(int minutes) {
    app_.clock().Set(eldercare::LocalInstant(kTuesdayDate, minutes));
    worker_ = app_.Login("worker");
    son_login_ = app_.Login("liqiang");
  }

  testing::TestApp app_;
  std::string worker_, son_login_;
  std::int64_t elder_ = 0, son_ = 0, neighbour_ = 0, worker_a_ = 0, worker_b_ = 0;
};

TEST_F(HomeCareApiTest, TheCatalogueAndItsAdminEdit) {
  const auto list = JsonOf(Get(son_login_, "/api/v1/homecare/services"));
  ASSERT_EQ(list["services"].size(), 8u);
  const auto& bathing = list["services"][1];
  EXPECT_EQ(bathing["code"], "bathing");
  EXPECT_EQ(bathing["name_zh"], "助浴");
  EXPECT_EQ(bathing["price_fen"], 8000);
  EXPECT_EQ(bathing["duration_min"], 60);
  EXPECT_EQ(bathing["required_qualification"], "caregiver_cert");
  EXPECT_EQ(bathing["subsidised_minutes_per_month"], 120);
  EXPECT_EQ(bathing["active"], true);

  const nlohmann::json haircut = {{"name_zh", "上门理发"}, {"name_en", "Haircut at home"},
                                  {"duration_min", 30},    {"price_fen", 1500},
                                  {"skill", "haircut"},    {"subsidised_minutes_per_month", 30}};
  // A community worker may not edit the deployment's catalogue; a resident has no permission.
  ExpectFieldError(Put(worker_, "/api/v1/homecare/services/haircut", haircut), 403, "");
  ExpectFieldError(Put(son_login_, "/api/v1/homecare/services/haircut", haircut), 403, "");
  const std::string admin = app_.Login("admin");
  auto created = Put(admin, "/api/v1/homecare/services/haircut", haircut);
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 200) << created->body;
  EXPECT_EQ(JsonOf(created)["code"], "haircut");
  nlohmann::json bad = haircut;
  bad["duration_min"] = 0;
  ExpectFieldError(Put(admin, "/api/v1/homecare/services/haircut", bad), 400, "duration_min");
  nlohmann::json cheaper = haircut;
  cheaper["price_fen"] = 1200;
  cheaper["active"] = false;
  EXPECT_EQ(JsonOf(Put(admin, "/api/v1/homecare/services/haircut", cheaper))["price_fen"], 1200);
  EXPECT_EQ(app_.AuditCount("homecare_service.create"), 1);
  EXPECT_EQ(app_.AuditCount("homecare_service.update"), 1);
  // An inactive service is not booked.
  ExpectFieldError(Post(worker_, "/api/v1/homecare/orders", Order(elder_, "haircut")), 400,
                   "service_code");
}

TEST_F(HomeCareApiTest, OrdersTheirSubsidyAndBadInput) {
  // The son books a bath for his mother (低保): 120 subsidised minutes a month cover it.
  auto bath = Post(son_login_, "/api/v1/homecare/orders", Order(elder_, "bathing"));
  const auto bath_id = CreatedId(bath);
  auto json = JsonOf(bath);
  EXPECT_EQ(json["price_fen"], 8000);
  EXPECT_EQ(json["subsidy_fen"], 8000);
  EXPECT_EQ(json["pay_fen"], 0);
  EXPECT_EQ(json["status"], "requested");
  EXPECT_EQ(json["resident_name"], "张奶奶");
  EXPECT_EQ(json["window_start"], "09:00");
  EXPECT_TRUE(json["visit_id"].is_null());
  EXPECT_EQ(app_.AuditCount("homecare_order.create"), 1);
  // Companionship for himself (50, no tag): full price.
  EXPECT_EQ(JsonOf(Post(son_login_, "/api/v1/homecare/orders",
                        Order(son_, "companionship", "14:00", "16:00")))["subsidy_fen"],
            0);
  // Someone outside his household: refused, nothing stored.
  const auto orders = app_.Count("homecare_orders");
  auto outsider = Post(son_login_, "/api/v1/homecare/orders", Order(neighbour_, "cleaning"));
  ASSERT_TRUE(outsider);
  EXPECT_TRUE(outsider->status == 403 || outsider->status == 404) << outsider->status;
  // A worker of another community cannot book here.
  auto foreign =
      Post(app_.Login("other_worker"), "/api/v1/homecare/orders", Order(elder_, "cleaning"));
  ASSERT_TRUE(foreign);
  EXPECT_TRUE(foreign->status == 403 || foreign->status == 404) << foreign->status;

  ExpectFieldError(Post(worker_, "/api/v1/homecare/orders", Order(elder_, "cleaning", "9:00")), 400,
                   "window_start");
  ExpectFieldError(
      Post(worker_, "/api/v1/homecare/orders", Order(elder_, "cleaning", "11:00", "09:00")), 400,
      "window_end");
  ExpectFieldError(
      Post(worker_, "/api/v1/homecare/orders", Order(elder_, "cleaning", "09:00", "09:30")), 400,
      "window_end");  // 60 minutes do not fit in 30
  ExpectFieldError(Post(worker_, "/api/v1/homecare/orders",
                        Order(elder_, "cleaning", "09:00", "11:00", "2026-11-29")),
                   400, "date");
  ExpectFieldError(Post(worker_, "/api/v1/homecare/orders",
                        Order(elder_, "cleaning", "09:00", "11:00", "2026-13-01")),
                   400, "date");
  ExpectFieldError(Post(worker_, "/api/v1/homecare/orders", Order(elder_, "juggling")), 400,
                   "service_code");
  ExpectFieldError(Post(worker_, "/api/v1/homecare/orders", Order(999999, "cleaning")), 404, "");
  ExpectFieldError(
      Post(app_.Login("caregiver"), "/api/v1/homecare/orders", Order(elder_, "cleaning")), 403, "");
  EXPECT_EQ(app_.Count("homecare_orders"), orders);

  // The household's orders as the son sees them; the worker's day list.
  const auto mine = JsonOf(Get(son_login_, "/api/v1/homecare/orders"));
  EXPECT_EQ(mine["orders"].size(), 2u);
  EXPECT_EQ(
      JsonOf(Get(worker_, "/api/v1/homecare/orders?date=2026-12-01&status=requested"))["orders"]
          .size(),
      2u);
  ExpectFieldError(Get(worker_, "/api/v1/homecare/orders?status=lost"), 400, "status");
  auto other_list = Get(app_.Login("other_worker"), "/api/v1/homecare/orders?community=" +
                                                        std::to_string(app_.community.id.value()));
  ASSERT_TRUE(other_list);
  EXPECT_TRUE(other_list->status == 403 || other_list->status == 404);

  // Cancelling: by the family, once.
  const std::string cancel = "/api/v1/homecare/orders/" + std::to_string(bath_id) + "/cancel";
  auto cancelled = Post(son_login_, cancel, nlohmann::json::object());
  ASSERT_TRUE(cancelled);
  ASSERT_EQ(cancelled->status, 200) << cancelled->body;
  EXPECT_EQ(JsonOf(cancelled)["status"], "cancelled");
  ExpectFieldError(Post(son_login_, cancel, nlohmann::json::object()), 409, "status");
}

TEST_F(HomeCareApiTest, SchedulingTheDayAndManualAssignment) {
  const auto bath = CreatedId(Post(worker_, "/api/v1/homecare/orders", Order(elder_, "bathing")));
  const auto clean1 = CreatedId(
      Post(worker_, "/api/v1/homecare/orders", Order(neighbour_, "cleaning", "09:00", "10:00")));
  const auto clean2 = CreatedId(
      Post(worker_, "/api/v1/homecare/orders", Order(son_, "cleaning", "09:00", "10:00")));
  const auto medical =
      CreatedId(Post(worker_, "/api/v1/homecare/orders", Order(elder_, "medical_visit")));

  ExpectFieldError(Post(worker_, "/api/v1/homecare/schedule", {{"date", "tomorrow"}}), 400, "date");
  ExpectFieldError(
      Post(worker_, "/api/v1/homecare/schedule", {{"date", kTuesday}, {"method", "genetic"}}), 400,
      "method");
  ExpectFieldError(Post(app_.Login("grid"), "/api/v1/homecare/schedule", {{"date", kTuesday}}), 403,
                   "");
  auto foreign = Post(app_.Login("other_worker"), "/api/v1/homecare/schedule",
                      {{"date", kTuesday}, {"community_id", app_.community.id.value()}});
  ASSERT_TRUE(foreign);
  EXPECT_TRUE(foreign->status == 403 || foreign->status == 404);

  auto dry = Post(worker_, "/api/v1/homecare/schedule", {{"date", kTuesday}, {"dry_run", true}});
  ASSERT_TRUE(dry);
  ASSERT_EQ(dry->status, 200) << dry->body;
  EXPECT_EQ(JsonOf(dry)["travel_source"], "straight_line");
  EXPECT_EQ(app_.Count("homecare_visits"), 0);

  auto run = Post(worker_, "/api/v1/homecare/schedule", {{"date", kTuesday}});
  ASSERT_TRUE(run);
  ASSERT_EQ(run->status, 200) << run->body;
  const auto plan = JsonOf(run);
  EXPECT_EQ(plan["method"], "insertion");
  EXPECT_TRUE(plan["baseline_travel_min"].is_number_integer());
  EXPECT_EQ(plan["routes"].size(), 2u);
  ASSERT_EQ(plan["unplaced"].size(), 1u);
  EXPECT_EQ(plan["unplaced"][0]["order_id"], medical);
  EXPECT_EQ(plan["unplaced"][0]["reason"], "no_qualified_caregiver");
  EXPECT_EQ(app_.AuditCount("homecare.schedule"), 1);

  const auto board = JsonOf(Get(worker_, "/api/v1/homecare/visits?date=2026-12-01"));
  ASSERT_EQ(board["visits"].size(), 3u);
  std::set<std::int64_t> cleaners;
  for (const auto& v : board["visits"]) {
    EXPECT_GE(v["planned_start"].get<std::string>(), v["window_start"].get<std::string>());
    EXPECT_LE(v["planned_end"].get<std::string>(), v["window_end"].get<std::string>());
    EXPECT_EQ(v["status"], "planned");
    EXPECT_EQ(v["address"], v["order_id"] == clean1 ? "多福巷3号 201" : "多福巷3号 101");
    if (v["order_id"] == bath) {
      EXPECT_EQ(v["worker_id"], worker_a_);  // skill + certificate
    }
    if (v["service_code"] == "cleaning") cleaners.insert(v["worker_id"].get<std::int64_t>());
  }
  EXPECT_EQ(cleaners.size(), 2u);  // both at 09:00: one each
  EXPECT_EQ(JsonOf(Get(worker_, "/api/v1/homecare/orders?status=scheduled"))["orders"].size(), 3u);
  (void)clean2;

  // Manual assignment. Another cleaning at 09:00: both cleaners are busy then (double-booked).
  const auto extra = CreatedId(
      Post(worker_, "/api/v1/homecare/orders", Order(elder_, "cleaning", "09:00", "10:00")));
  ExpectFieldError(Post(worker_, "/api/v1/homecare/visits",
                        {{"order_id", extra}, {"worker_id", worker_b_}, {"start", "09:00"}}),
                   409, "worker_id");
  ExpectFieldError(Post(worker_, "/api/v1/homecare/visits",
                        {{"order_id", extra}, {"worker_id", worker_a_}, {"start", "09:00"}}),
                   409, "worker_id");
  // B has no companionship skill.
  const auto chat = CreatedId(Post(worker_, "/api/v1/homecare/orders",
                                   Order(neighbour_, "companionship", "13:00", "16:00")));
  ExpectFieldError(Post(worker_, "/api/v1/homecare/visits",
                        {{"order_id", chat}, {"worker_id", worker_b_}, {"start", "13:00"}}),
                   400, "worker_id");
  // A free hour for A (who has the skill): assigned.
  auto assigned = Post(worker_, "/api/v1/homecare/visits",
                       {{"order_id", chat}, {"worker_id", worker_a_}, {"start", "13:00"}});
  ASSERT_TRUE(assigned);
  ASSERT_EQ(assigned->status, 201) << assigned->body;
  EXPECT_EQ(JsonOf(assigned)["planned_end"], "14:00");
  EXPECT_EQ(JsonOf(assigned)["worker_name"], "护理员甲");
  ExpectFieldError(Post(worker_, "/api/v1/homecare/visits",
                        {{"order_id", medical}, {"worker_id", worker_a_}, {"start", "09:00"}}),
                   400, "worker_id");  // no medical license
  ExpectFieldError(Post(worker_, "/api/v1/homecare/visits",
                        {{"order_id", bath}, {"worker_id", worker_a_}, {"start", "13:00"}}),
                   400, "start");
  ExpectFieldError(Post(worker_, "/api/v1/homecare/visits",
                        {{"order_id", bath}, {"worker_id", worker_a_}, {"start", "1pm"}}),
                   400, "start");
  ExpectFieldError(Post(worker_, "/api/v1/homecare/visits",
                        {{"order_id", bath}, {"worker_id", 999999}, {"start", "09:00"}}),
                   400, "worker_id");
}

TEST_F(HomeCareApiTest, TheCaregiversDayCheckInOutAndRating) {
  const auto mine = CreatedId(
      Post(worker_, "/api/v1/homecare/orders", Order(elder_, "cleaning", "09:00", "11:00")));
  const auto theirs = CreatedId(
      Post(worker_, "/api/v1/homecare/orders", Order(neighbour_, "cleaning", "09:00", "11:00")));
  const auto visit =
      CreatedId(Post(worker_, "/api/v1/homecare/visits",
                     {{"order_id", mine}, {"worker_id", worker_a_}, {"start", "09:30"}}));
  const auto other =
      CreatedId(Post(worker_, "/api/v1/homecare/visits",
                     {{"order_id", theirs}, {"worker_id", worker_b_}, {"start", "09:30"}}));
  EXPECT_EQ(app_.AuditCount("homecare_visit.assign"), 2);
  // Checking in the day before: refused.
  std::string caregiver = app_.Login("caregiver");
  ExpectFieldError(
      Post(caregiver, VisitPath(visit, "check-in"), {{"lat", kHomeLat}, {"lon", kHomeLon}}), 409,
      "date");

  At(9 * 60 + 40);  // 09:40: ten minutes after the planned start, inside the grace
  caregiver = app_.Login("caregiver");
  const auto day = JsonOf(Get(caregiver, "/api/v1/homecare/my/day?date=2026-12-01"));
  EXPECT_EQ(day["worker"]["id"], worker_a_);
  EXPECT_EQ(day["worker"]["name"], "护理员甲");
  ASSERT_EQ(day["visits"].size(), 1u);
  EXPECT_EQ(day["visits"][0]["id"], visit);
  EXPECT_EQ(day["visits"][0]["planned_start"], "09:30");
  EXPECT_EQ(day["visits"][0]["planned_end"], "10:30");
  ExpectFieldError(Get(worker_, "/api/v1/homecare/my/day"), 403, "");

  // Another caregiver's visit is not there for this one.
  ExpectFieldError(
      Post(caregiver, VisitPath(other, "check-in"), {{"lat", kHomeLat}, {"lon", kHomeLon}}), 404,
      "");
  ExpectFieldError(
      Post(caregiver, VisitPath(visit, "check-out"), {{"lat", kHomeLat}, {"lon", kHomeLon}}), 409,
      "status");
  ExpectFieldError(Post(caregiver, VisitPath(visit, "check-in"), {{"lat", 91}, {"lon", kHomeLon}}),
                   400, "lat");
  ExpectFieldError(Post(caregiver, VisitPath(visit, "check-in"), {{"lat", kHomeLat}}), 400, "lon");
  auto in = Post(caregiver, VisitPath(visit, "check-in"), {{"lat", kHomeLat}, {"lon", kHomeLon}});
  ASSERT_TRUE(in);
  ASSERT_EQ(in->status, 200) << in->body;
  auto json = JsonOf(in);
  EXPECT_EQ(json["status"], "in_progress");
  EXPECT_EQ(json["late"], false);
  EXPECT_EQ(json["away_from_home"], false);
  EXPECT_EQ(json["check_in_at"], "2026-12-01T09:40:00+08:00");
  ExpectFieldError(
      Post(caregiver, VisitPath(visit, "check-in"), {{"lat", kHomeLat}, {"lon", kHomeLon}}), 409,
      "status");

  // Rating before it is done: refused.
  ExpectFieldError(Post(son_login_, VisitPath(visit, "rating"), {{"rating", 5}}), 409, "status");

  app_.clock().Advance(50 * 60 * kMicrosPerSecond);
  auto out = Post(caregiver, VisitPath(visit, "check-out"),
                  {{"lat", kHomeLat}, {"lon", kHomeLon}, {"note", "已清洁厨房"}});
  ASSERT_TRUE(out);
  ASSERT_EQ(out->status, 200) << out->body;
  json = JsonOf(out);
  EXPECT_EQ(json["status"], "done");
  EXPECT_EQ(json["caregiver_note"], "已清洁厨房");
  EXPECT_EQ(json["check_out_at"], "2026-12-01T10:30:00+08:00");

  // The family rates it, once; a bad rating is refused first.
  ExpectFieldError(Post(son_login_, VisitPath(visit, "rating"), {{"rating", 6}}), 400, "rating");
  auto rated = Post(son_login_, VisitPath(visit, "rating"), {{"rating", 5}, {"comment", "很满意"}});
  ASSERT_TRUE(rated);
  ASSERT_EQ(rated->status, 200) << rated->body;
  EXPECT_EQ(JsonOf(rated)["rating"], 5);
  EXPECT_EQ(JsonOf(rated)["rating_comment"], "很满意");
  ExpectFieldError(Post(son_login_, VisitPath(visit, "rating"), {{"rating", 4}}), 409, "rating");
  // The neighbour's visit is not his to rate.
  auto not_his = Post(son_login_, VisitPath(other, "rating"), {{"rating", 1}});
  ASSERT_TRUE(not_his);
  EXPECT_TRUE(not_his->status == 403 || not_his->status == 404);

  // B never came: missed once 11:00 + 15 minutes have passed.
  At(11 * 60 + 16);
  const auto board = JsonOf(Get(worker_, "/api/v1/homecare/visits?date=2026-12-01"));
  ASSERT_EQ(board["visits"].size(), 2u);
  for (const auto& v : board["visits"]) {
    if (v["id"] == other) {
      EXPECT_EQ(v["status"], "missed");
      EXPECT_EQ(v["missed"], true);
    } else {
      EXPECT_EQ(v["status"], "done");
      EXPECT_EQ(v["missed"], false);
    }
  }
  EXPECT_EQ(JsonOf(Get(worker_, "/api/v1/homecare/orders?status=missed"))["orders"].size(), 1u);
  EXPECT_EQ(app_.AuditCount("homecare_visit.check_in"), 1);
  EXPECT_EQ(app_.AuditCount("homecare_visit.check_out"), 1);
  EXPECT_EQ(app_.AuditCount("homecare_visit.rate"), 1);
}

}  // namespace
}  // namespace shequ
