// The elder file over HTTP (一人一档): the file's shape with values set up here, each alert
// appearing and disappearing at its boundary (the clock moved across it), care plans from the
// grade's rule table and their bad inputs, emergency contacts (masked, the unmasked read
// audited), the list and its filters, the family's "what is coming", scope and permissions.
// Canteen orders and home-care rows are written with plain SQL, as those modules store them, so
// that each boundary can be set exactly (the canteen refuses past dates, rightly).
#include <gtest/gtest.h>

#include <string>

#include "test_app.h"

namespace shequ {
namespace {

using testing::CreatedId;
using testing::ExpectFieldError;
using testing::JsonOf;

// The fixture's clock: 2026-11-30 12:00 Shanghai (a Monday).
constexpr Instant kStart = 1'796'011'200LL * kMicrosPerSecond;
constexpr Instant kMinute = 60 * kMicrosPerSecond;
constexpr Instant kDay = 24 * 60 * kMinute;

std::string DaysFromToday(int days) {
  return FormatDate(CivilFromDays(DaysFromCivil({2026, 11, 30}) + days));
}

// Every GB/T 42195-2022 item at its maximum (90 points, grade 0), with `zeroed` items at 0.
nlohmann::json Items(std::initializer_list<const char*> zeroed = {}) {
  nlohmann::json items = {{"B.1.1", 4}, {"B.1.2", 4}, {"B.1.3", 4}, {"B.1.4", 4}, {"B.1.5", 4},
                          {"B.1.6", 4}, {"B.1.7", 4}, {"B.1.8", 4}, {"B.2.1", 4}, {"B.2.2", 4},
                          {"B.2.3", 4}, {"B.2.4", 3}, {"B.3.1", 4}, {"B.3.2", 4}, {"B.3.3", 4},
                          {"B.3.4", 4}, {"B.3.5", 4}, {"B.3.6", 4}, {"B.3.7", 1}, {"B.3.8", 1},
                          {"B.3.9", 2}, {"B.4.1", 2}, {"B.4.2", 2}, {"B.4.3", 4}, {"B.4.4", 3},
                          {"B.4.5", 4}};
  for (const char* code : zeroed) items[code] = 0;
  return items;
}

// 90 - 28 = 62 points: grade 2 (中度失能).
nlohmann::json ModerateItems() {
  return Items({"B.1.1", "B.1.2", "B.1.3", "B.1.4", "B.1.5", "B.1.6", "B.1.7"});
}

class ElderFileApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    worker_ = app_.Login("worker");
    const auto building = CreatedId(Post(worker_, "/api/v1/buildings",
                                         {{"community_id", app_.community.id.value()},
                                          {"grid_id", app_.grid.id.value()},
                                          {"number", "3号楼"},
                                          {"address", "多福巷3号"}}));
    const auto alone_home = CreatedId(Post(
        worker_, "/api/v1/households", {{"building_id", building}, {"floor", 1}, {"room", "101"}}));
    const auto family_home = CreatedId(Post(
        worker_, "/api/v1/households", {{"building_id", building}, {"floor", 1}, {"room", "102"}}));
    // 86, tagged living alone, with a phone.
    alone_ = CreatedId(Post(worker_, "/api/v1/residents",
                            {{"household_id", alone_home},
                             {"name", "王爷爷"},
                             {"sex", "male"},
                             {"birth_date", "1940-03-01"},
                             {"phone", "13912345678"},
                             {"tags", nlohmann::json::array({"living_alone"})}}));
    // 76, disabled (level 2), living with her son.
    elder_ = CreatedId(
        Post(worker_, "/api/v1/residents",
             {{"household_id", family_home},
              {"name", "李奶奶"},
              {"sex", "female"},
              {"birth_date", "1950-07-01"},
              {"tags", nlohmann::json::array({{{"tag", "disabled"}, {"disability_level", 2}}})}}));
    son_ = CreatedId(Post(worker_, "/api/v1/residents",
                          {{"household_id", family_home},
                           {"name", "李小明"},
                           {"sex", "male"},
                           {"birth_date", "1980-01-01"},
                           {"relation_to_head", "child"}}));
    canteen_ = Insert(
        "INSERT INTO canteens (community_id, name, seats_per_meal, lunch_weekdays, "
        "lunch_start_min, lunch_end_min, dinner_weekdays, dinner_start_min, dinner_end_min, "
        "cutoff_min, delivery_fee_fen, fixed_monthly_cost_fen, created_at) "
        "VALUES (?, '幸福食堂', 40, 31, 660, 780, 0, 1020, 1140, 120, 200, 0, ?) RETURNING id",
        {app_.community.id.value(), kStart});
    care_worker_ = Insert(
        "INSERT INTO care_workers (community_id, name, kind, skills, work_weekdays, "
        "work_start_min, work_end_min, start_lat, start_lon, active, created_at, updated_at) "
        "VALUES (?, '赵护工', 'caregiver', 'personal_care', 127, 480, 1020, 31.2, 121.4, 1, ?, ?) "
        "RETURNING id",
        {app_.community.id.value(), kStart, kStart});
  }

  httplib::Result Post(const std::string& token, const std::string& path,
                       const nlohmann::json& body) {
    return app_.client().Post(path, app_.Bearer(token), body.dump(), "application/json");
  }
  httplib::Result Get(const std::string& token, const std::string& path) {
    return app_.client().Get(path, app_.Bearer(token));
  }
  nlohmann::json GetJson(const std::string& token, const std::string& path) {
    auto result = Get(token, path);
    EXPECT_TRUE(result && result->status == 200) << (result ? result->body : "no response");
    return JsonOf(result);
  }
  std::string FilePath(std::int64_t resident, const std::string& tail = "") {
    return "/api/v1/elders/" + std::to_string(resident) + tail;
  }

  std::int64_t Insert(const std::string& sql, const std::vector<store::Value>& params) {
    auto connection = app_.database().Acquire();
    auto rows = (*connection)->Query(sql, params);
    EXPECT_TRUE(rows) << (rows ? "" : rows.error().message);
    return rows && !rows->rows.empty() ? rows->rows.front().GetInt(0) : 0;
  }
  void Meal(std::int64_t resident, int days_from_today) {
    Insert(
        "INSERT INTO canteen_orders (community_id, canteen_id, resident_id, meal_date, meal, mode, "
        "status, standard_fen, subsidy_fen, delivery_fen, price_fen, operator_subsidy_fen, "
        "cost_fen, funding_line, lines, created_by, created_at) VALUES (?, ?, ?, ?, 'lunch', "
        "'dine_in', 'active', 1500, 500, 0, 1000, 0, 800, 'jurong_2023', '[]', 'test', ?) "
        "RETURNING id",
        {app_.community.id.value(), canteen_, resident, DaysFromToday(days_from_today), kStart});
  }
  // An order 09:00-11:00 and its visit at 09:30 with `visit_status`; returns the visit id.
  std::int64_t Visit(std::int64_t resident, const char* code, int days_from_today,
                     const char* visit_status) {
    const std::string status = visit_status;
    const std::string order_status = status == "planned" ? "scheduled" : status;
    const std::int64_t order = Insert(
        "INSERT INTO homecare_orders (community_id, resident_id, service_id, service_date, "
        "window_start_min, window_end_min, status, price_fen, subsidy_fen, created_at, "
        "updated_at) SELECT ?, ?, id, ?, 540, 660, ?, 6000, 0, ?, ? FROM homecare_services "
        "WHERE code = ? RETURNING id",
        {app_.community.id.value(), resident, DaysFromToday(days_from_today), order_status, kStart,
         kStart, std::string(code)});
    return Insert(
        "INSERT INTO homecare_visits (community_id, order_id, worker_id, service_date, "
        "planned_start_min, planned_end_min, status, check_in_at, check_out_at, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, 570, 630, ?, ?, ?, ?, ?) RETURNING id",
        {app_.community.id.value(), order, care_worker_, DaysFromToday(days_from_today), status,
         status == "done" ? store::Value(kStart) : store::Value(store::kNull),
         status == "done" ? store::Value(kStart) : store::Value(store::kNull), kStart, kStart});
  }
  std::int64_t Assess(std::int64_t resident, const nlohmann::json& items,
                      const std::string& assessed_on) {
    return CreatedId(
        Post(worker_, "/api/v1/assessments",
             {{"resident_id", resident}, {"assessed_on", assessed_on}, {"items", items}}));
  }
  // Moves the clock to `at` and signs in again (a session lasts 12 hours).
  void SetClock(Instant at) {
    app_.clock().Set(at);
    worker_ = app_.Login("worker");
  }
  // The alert codes in the elder's file.
  std::vector<std::string> AlertCodes(std::int64_t resident) {
    std::vector<std::string> codes;
    const auto file = GetJson(worker_, FilePath(resident));
    for (const auto& alert : file["alerts"]) {
      codes.push_back(alert["code"].get<std::string>());
    }
    return codes;
  }

  testing::TestApp app_;
  std::string worker_;
  std::int64_t alone_ = 0, elder_ = 0, son_ = 0, canteen_ = 0, care_worker_ = 0;
};

using Codes = std::vector<std::string>;

TEST_F(ElderFileApiTest, FileShowsWhatWasSetUp) {
  for (int days = 3; days <= 5; ++days) Meal(alone_, -days);
  Meal(alone_, 1);
  Visit(alone_, "cleaning", -2, "done");
  Visit(alone_, "cleaning", 2, "planned");
  const std::int64_t volunteer = Insert(
      "INSERT INTO volunteers (community_id, resident_id, availability_weekdays, active, "
      "created_at, updated_at) VALUES (?, ?, 10, 1, ?, ?) RETURNING id",
      {app_.community.id.value(), son_, kStart, kStart});
  Insert(
      "INSERT INTO volunteer_visits (community_id, volunteer_id, elder_resident_id, visit_date, "
      "minutes, note, created_at) VALUES (?, ?, ?, ?, 45, '聊天', ?) RETURNING id",
      {app_.community.id.value(), volunteer, alone_, DaysFromToday(-4), kStart});
  const auto file = GetJson(worker_, FilePath(alone_));
  const auto& resident = file["resident"];
  EXPECT_EQ(resident["id"], alone_);
  EXPECT_EQ(resident["name"], "王爷爷");
  EXPECT_EQ(resident["sex"], "male");
  EXPECT_EQ(resident["age"], 86);
  EXPECT_EQ(resident["birth_date"], "1940-03-01");
  EXPECT_EQ(resident["address"], "多福巷3号 3号楼 101");
  EXPECT_EQ(resident["tags"], nlohmann::json::array({"living_alone"}));
  EXPECT_EQ(resident["phone_masked"], "139****5678");
  EXPECT_EQ(resident["living_alone"], true);
  EXPECT_TRUE(resident["disability_level"].is_null());
  EXPECT_TRUE(file["assessment"]["latest"].is_null());
  EXPECT_TRUE(file["assessment"]["next_due"].is_null());
  EXPECT_TRUE(file["care_plan"].is_null());
  EXPECT_TRUE(file["timebank"].is_null());
  EXPECT_EQ(file["emergency_contacts"].size(), 0u);
  ASSERT_EQ(file["volunteer_visits"].size(), 1u);
  EXPECT_EQ(file["volunteer_visits"][0]["volunteer_name"], "李小明");
  EXPECT_EQ(file["volunteer_visits"][0]["date"], DaysFromToday(-4));
  EXPECT_EQ(file["volunteer_visits"][0]["minutes"], 45);
  EXPECT_EQ(file["volunteer_visits"][0]["note"], "聊天");
  ASSERT_EQ(file["meals"]["recent"].size(), 4u);
  EXPECT_EQ(file["meals"]["recent"][0]["date"], DaysFromToday(1));  // newest first
  EXPECT_EQ(file["meals"]["recent"][0]["price_fen"], 1000);
  EXPECT_EQ(file["meals"]["recent"][0]["canteen_name"], "幸福食堂");
  EXPECT_EQ(file["meals"]["last_meal_date"], DaysFromToday(-3));
  ASSERT_EQ(file["homecare"]["upcoming"].size(), 1u);
  const auto& next = file["homecare"]["upcoming"][0];
  EXPECT_EQ(next["date"], DaysFromToday(2));
  EXPECT_EQ(next["service_code"], "cleaning");
  EXPECT_EQ(next["window_start"], "09:00");
  EXPECT_EQ(next["window_end"], "11:00");
  EXPECT_EQ(next["planned_start"], "09:30");
  EXPECT_EQ(next["worker_name"], "赵护工");
  EXPECT_EQ(next["status"], "planned");
  ASSERT_EQ(file["homecare"]["recent"].size(), 1u);
  EXPECT_EQ(file["homecare"]["recent"][0]["status"], "done");
  EXPECT_EQ(file["alerts"].size(), 0u);  // 3 meals only: not someone who usually orders

  // The assessment part, once there is one: 87 points, grade 1, due a year on.
  const auto assessment = Assess(alone_, Items({"B.2.4"}), "2026-11-01");
  const auto assessed = GetJson(worker_, FilePath(alone_))["assessment"];
  EXPECT_EQ(assessed["latest"]["id"], assessment);
  EXPECT_EQ(assessed["latest"]["total"], 87);
  EXPECT_EQ(assessed["latest"]["grade"], 1);
  EXPECT_EQ(assessed["latest"]["grade_name"], "能力轻度受损（轻度失能）");
  EXPECT_EQ(assessed["next_due"], "2027-11-01");
  EXPECT_EQ(assessed["history"].size(), 1u);
}

TEST_F(ElderFileApiTest, NoMealAlertAtDayThreeForSomeoneAloneWhoUsuallyOrders) {
  // Eight lunches, the last two days ago: not yet.
  for (int days = 2; days <= 9; ++days) {
    Meal(alone_, -days);
    Meal(elder_, -days);  // the same pattern for someone who does not live alone
  }
  EXPECT_EQ(AlertCodes(alone_), Codes{});
  SetClock(kStart + kDay);  // now the last lunch was three days ago
  EXPECT_EQ(AlertCodes(alone_), Codes{"no_meal_3_days"});
  EXPECT_EQ(AlertCodes(elder_), Codes{});
  const auto alerts = GetJson(worker_, "/api/v1/elders/alerts")["alerts"];
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0]["resident_id"], alone_);
  EXPECT_EQ(alerts[0]["resident_name"], "王爷爷");
  EXPECT_EQ(alerts[0]["severity"], "high");
  EXPECT_EQ(alerts[0]["since"], DaysFromToday(-1));  // the day after the last meal
  // An order today clears it.
  Meal(alone_, 1);  // dated tomorrow from the fixture's start: today now
  EXPECT_EQ(AlertCodes(alone_), Codes{});
}

TEST_F(ElderFileApiTest, NoMealAlertNeedsEightUsualOrders) {
  for (int days = 3; days <= 9; ++days) Meal(alone_, -days);  // seven
  EXPECT_EQ(AlertCodes(alone_), Codes{});
  Meal(alone_, -30);  // the first day of the 28-day window before the gap: eight
  EXPECT_EQ(AlertCodes(alone_), Codes{"no_meal_3_days"});
}

TEST_F(ElderFileApiTest, VisitMissedAfterTheGraceAndForSevenDays) {
  Visit(elder_, "personal_care", 0, "planned");  // window ends 11:00 today
  SetClock(kStart - 45 * kMinute);               // 11:15: within the grace
  EXPECT_EQ(AlertCodes(elder_), Codes{});
  SetClock(kStart - 44 * kMinute);  // 11:16
  EXPECT_EQ(AlertCodes(elder_), Codes{"visit_missed"});
  const auto recent = GetJson(worker_, FilePath(elder_))["homecare"]["recent"];
  ASSERT_EQ(recent.size(), 1u);
  EXPECT_EQ(recent[0]["missed"], true);
  // Six days later it still shows; on the seventh it has aged out.
  SetClock(kStart + 6 * kDay);
  EXPECT_EQ(AlertCodes(elder_), Codes{"visit_missed"});
  SetClock(kStart + 7 * kDay);
  EXPECT_EQ(AlertCodes(elder_), Codes{});
}

TEST_F(ElderFileApiTest, AssessmentOverdueTheDayAfterItIsDue) {
  Assess(alone_, Items({"B.2.4"}), "2025-11-30");  // grade 1: due 2026-11-30, today
  EXPECT_EQ(AlertCodes(alone_), Codes{});
  SetClock(kStart + kDay);
  EXPECT_EQ(AlertCodes(alone_), Codes{"assessment_overdue"});
}

TEST_F(ElderFileApiTest, CarePlanFromTheGradeClearsTheAlertAndTracksDelivery) {
  const auto assessment = Assess(elder_, ModerateItems(), "2026-11-01");
  EXPECT_EQ(AlertCodes(elder_), Codes{"no_care_plan"});
  Visit(elder_, "personal_care", -3, "done");
  Visit(elder_, "personal_care", -2, "done");
  Visit(elder_, "cleaning", -1, "missed");

  auto created = Post(worker_, FilePath(elder_, "/care-plans"), {{"starts_on", "2026-11-01"}});
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  const auto plan = JsonOf(created);
  EXPECT_EQ(plan["grade"], 2);
  EXPECT_EQ(plan["assessment_id"], assessment);
  EXPECT_TRUE(plan["ends_on"].is_null());
  // Grade 2 in data/care_plan_rules.tsv: personal care 8, cleaning 4, companionship 4 (items by
  // service code).
  const nlohmann::json expected =
      nlohmann::json::array({{{"service_code", "cleaning"},
                              {"service_name_zh", "助洁（居室清洁）"},
                              {"service_name_en", "Home cleaning"},
                              {"visits_per_month", 4},
                              {"delivered_this_month", 0},
                              {"planned_this_month", 4}},
                             {{"service_code", "companionship"},
                              {"service_name_zh", "精神慰藉（陪伴聊天）"},
                              {"service_name_en", "Companionship"},
                              {"visits_per_month", 4},
                              {"delivered_this_month", 0},
                              {"planned_this_month", 4}},
                             {{"service_code", "personal_care"},
                              {"service_name_zh", "生活照料"},
                              {"service_name_en", "Personal care"},
                              {"visits_per_month", 8},
                              {"delivered_this_month", 2},
                              {"planned_this_month", 8}}});
  EXPECT_EQ(plan["items"], expected);
  EXPECT_EQ(app_.AuditCount("care_plan.create"), 1);
  EXPECT_EQ(AlertCodes(elder_), Codes{"visit_missed"});

  // A new plan from the 16th, items edited: the first ends on the 15th; the new one's month is
  // prorated (15 of 30 days: 6 a month → 3) and counts only what was delivered since it began.
  auto second = Post(worker_, FilePath(elder_, "/care-plans"),
                     {{"starts_on", "2026-11-16"},
                      {"note", "加强"},
                      {"items", {{{"service_code", "personal_care"}, {"visits_per_month", 6}}}}});
  ASSERT_TRUE(second);
  ASSERT_EQ(second->status, 201) << second->body;
  const auto plans = GetJson(worker_, FilePath(elder_, "/care-plans"))["plans"];
  ASSERT_EQ(plans.size(), 2u);
  EXPECT_EQ(plans[0]["starts_on"], "2026-11-16");
  EXPECT_EQ(plans[0]["note"], "加强");
  EXPECT_EQ(plans[0]["items"][0]["planned_this_month"], 3);
  EXPECT_EQ(plans[0]["items"][0]["delivered_this_month"], 2);
  EXPECT_EQ(plans[1]["ends_on"], "2026-11-15");
  ASSERT_EQ(plans[1]["items"].size(), 3u);
  EXPECT_EQ(plans[1]["items"][2]["service_code"], "personal_care");
  EXPECT_EQ(plans[1]["items"][2]["planned_this_month"], 4);    // 8 × 15/30
  EXPECT_EQ(plans[1]["items"][2]["delivered_this_month"], 0);  // both visits after the 15th
  EXPECT_EQ(GetJson(worker_, FilePath(elder_))["care_plan"]["id"], plans[0]["id"]);
}

TEST_F(ElderFileApiTest, CarePlanBadInputChangesNothing) {
  const auto path = FilePath(elder_, "/care-plans");
  // No assessment yet: the grade is unknown.
  ExpectFieldError(Post(worker_, path, {{"starts_on", "2026-12-01"}}), 400, "assessment_id");
  Assess(elder_, ModerateItems(), "2026-11-01");
  const auto alone_assessment = Assess(alone_, Items(), "2026-11-01");
  ExpectFieldError(Post(worker_, path, {{"starts_on", "2026-13-01"}}), 400, "starts_on");
  ExpectFieldError(Post(worker_, path, {{"starts_on", "tomorrow"}}), 400, "starts_on");
  ExpectFieldError(Post(worker_, path, {{"starts_on", "2026-12-01"}, {"ends_on", "2026-11-30"}}),
                   400, "ends_on");
  ExpectFieldError(Post(worker_, path,
                        {{"starts_on", "2026-12-01"},
                         {"items", {{{"service_code", "skydiving"}, {"visits_per_month", 2}}}}}),
                   400, "items[0].service_code");
  ExpectFieldError(Post(worker_, path,
                        {{"starts_on", "2026-12-01"},
                         {"items",
                          {{{"service_code", "cleaning"}, {"visits_per_month", 2}},
                           {{"service_code", "bathing"}, {"visits_per_month", 0}}}}}),
                   400, "items[1].visits_per_month");
  ExpectFieldError(Post(worker_, path,
                        {{"starts_on", "2026-12-01"},
                         {"items", {{{"service_code", "cleaning"}, {"visits_per_month", 63}}}}}),
                   400, "items[0].visits_per_month");
  ExpectFieldError(Post(worker_, path,
                        {{"starts_on", "2026-12-01"},
                         {"items",
                          {{{"service_code", "cleaning"}, {"visits_per_month", 2}},
                           {{"service_code", "cleaning"}, {"visits_per_month", 3}}}}}),
                   400, "items[1].service_code");
  ExpectFieldError(
      Post(worker_, path, {{"starts_on", "2026-12-01"}, {"items", nlohmann::json::array()}}), 400,
      "items");
  ExpectFieldError(
      Post(worker_, path, {{"starts_on", "2026-12-01"}, {"assessment_id", alone_assessment}}), 400,
      "assessment_id");
  ExpectFieldError(Post(worker_, path, {{"starts_on", "2026-12-01"}, {"colour", "red"}}), 400,
                   "colour");
  // Grade 0 has no default services: the worker lists them.
  ExpectFieldError(Post(worker_, FilePath(alone_, "/care-plans"), {{"starts_on", "2026-12-01"}}),
                   400, "items");
  EXPECT_EQ(app_.Count("care_plans"), 0);
  EXPECT_EQ(app_.Count("care_plan_items"), 0);
  // A plan starting on or after the new one's start already: 409.
  ASSERT_EQ(Post(worker_, path, {{"starts_on", "2026-12-01"}})->status, 201);
  ExpectFieldError(Post(worker_, path, {{"starts_on", "2026-11-20"}}), 409, "starts_on");
  EXPECT_EQ(app_.Count("care_plans"), 1);
  // Write permission: a caregiver reads the file but cannot plan.
  const auto caregiver = app_.Login("caregiver");
  ExpectFieldError(Post(caregiver, path, {{"starts_on", "2027-01-01"}}), 403, "");
  EXPECT_EQ(Get(caregiver, FilePath(elder_))->status, 200);
}

TEST_F(ElderFileApiTest, EmergencyContactsAreMaskedAndTheUnmaskedReadAudited) {
  const auto path = FilePath(elder_, "/emergency-contacts");
  auto created =
      Post(worker_, path, {{"name", "李小明"}, {"relation", "儿子"}, {"phone", "138 1234 5678"}});
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  const auto contact = JsonOf(created);
  EXPECT_EQ(contact["phone_masked"], "138****5678");
  EXPECT_EQ(contact["priority"], 1);
  EXPECT_EQ(created->body.find("13812345678"), std::string::npos);
  const auto landline = CreatedId(
      Post(worker_, path, {{"name", "邻居张姐"}, {"phone", "010-12345678"}, {"priority", 2}}));
  EXPECT_EQ(app_.AuditCount("elder_contact.create"), 2);
  // Stored encrypted: no plaintext in the row.
  {
    auto connection = app_.database().Acquire();
    auto rows = (*connection)->Query("SELECT phone_cipher FROM elder_emergency_contacts");
    ASSERT_TRUE(rows);
    for (const auto& row : rows->rows) {
      const auto& bytes = row.GetBlob(0).bytes;
      const std::string raw(bytes.begin(), bytes.end());
      EXPECT_EQ(raw.find("12345678"), std::string::npos);
    }
  }
  const auto contacts = GetJson(worker_, FilePath(elder_))["emergency_contacts"];
  ASSERT_EQ(contacts.size(), 2u);
  EXPECT_EQ(contacts[0]["name"], "李小明");
  EXPECT_EQ(contacts[1]["phone_masked"], "010****5678");
  EXPECT_FALSE(contacts[0].contains("phone"));

  const std::string phone_path =
      path + "/" + std::to_string(contact["id"].get<std::int64_t>()) + "/phone";
  EXPECT_EQ(app_.AuditCount("elder_contact.read_phone"), 0);
  const auto revealed = GetJson(worker_, phone_path);
  EXPECT_EQ(revealed["phone"], "13812345678");
  EXPECT_EQ(app_.AuditCount("elder_contact.read_phone"), 1);
  EXPECT_EQ(GetJson(worker_, path + "/" + std::to_string(landline) + "/phone")["phone"],
            "01012345678");
  // Without read_personal_data; outside the scope; another elder's contact id.
  ExpectFieldError(Get(app_.Login("caregiver"), phone_path), 403, "");
  ExpectFieldError(Get(app_.Login("other_worker"), phone_path), 404, "resident_id");
  ExpectFieldError(
      Get(worker_,
          FilePath(alone_, "/emergency-contacts/" +
                               std::to_string(contact["id"].get<std::int64_t>()) + "/phone")),
      404, "contact_id");
  EXPECT_EQ(app_.AuditCount("elder_contact.read_phone"), 2);

  // Bad input.
  ExpectFieldError(Post(worker_, path, {{"name", "某人"}, {"phone", "12345"}}), 400, "phone");
  ExpectFieldError(Post(worker_, path, {{"name", "某人"}, {"phone", "23812345678"}}), 400, "phone");
  ExpectFieldError(Post(worker_, path, {{"name", "  "}, {"phone", "13812345678"}}), 400, "name");
  ExpectFieldError(Post(worker_, path, {{"phone", "13812345678"}}), 400, "name");
  ExpectFieldError(
      Post(worker_, path, {{"name", "某人"}, {"phone", "13812345678"}, {"priority", 10}}), 400,
      "priority");
  EXPECT_EQ(app_.Count("elder_emergency_contacts"), 2);
}

TEST_F(ElderFileApiTest, ListFiltersAndPages) {
  for (int days = 3; days <= 10; ++days) Meal(alone_, -days);  // alone_ gets the meal alert
  Assess(elder_, ModerateItems(), "2026-11-01");               // elder_: grade 2, no plan
  auto all = GetJson(worker_, "/api/v1/elders");
  EXPECT_EQ(all["total"], 2);  // the son, 46, is not listed
  ASSERT_EQ(all["elders"].size(), 2u);
  const auto& li = all["elders"][0];  // by name: 李 before 王
  EXPECT_EQ(li["resident_id"], elder_);
  EXPECT_EQ(li["age"], 76);
  EXPECT_EQ(li["sex"], "female");
  EXPECT_EQ(li["building"], "3号楼");
  EXPECT_EQ(li["room"], "102");
  EXPECT_EQ(li["tags"], nlohmann::json::array({"disabled"}));
  EXPECT_EQ(li["grade"], 2);
  EXPECT_EQ(li["grade_name"], "能力中度受损（中度失能）");
  EXPECT_EQ(li["alerts"], 1);
  EXPECT_TRUE(all["elders"][1]["grade"].is_null());
  EXPECT_EQ(all["elders"][1]["alerts"], 1);

  auto alone = GetJson(worker_, "/api/v1/elders?filter=living_alone");
  ASSERT_EQ(alone["total"], 1);
  EXPECT_EQ(alone["elders"][0]["resident_id"], alone_);
  auto disabled = GetJson(worker_, "/api/v1/elders?filter=disabled");
  ASSERT_EQ(disabled["total"], 1);
  EXPECT_EQ(disabled["elders"][0]["resident_id"], elder_);
  EXPECT_EQ(GetJson(worker_, "/api/v1/elders?filter=alerts")["total"], 2);
  auto named = GetJson(worker_, "/api/v1/elders?q=%E7%8E%8B");  // 王
  ASSERT_EQ(named["total"], 1);
  EXPECT_EQ(named["elders"][0]["resident_id"], alone_);
  auto second_page = GetJson(worker_, "/api/v1/elders?page=2&page_size=1");
  EXPECT_EQ(second_page["total"], 2);
  ASSERT_EQ(second_page["elders"].size(), 1u);
  EXPECT_EQ(second_page["elders"][0]["resident_id"], alone_);
  EXPECT_EQ(GetJson(worker_, "/api/v1/elders?page=3&page_size=1")["elders"].size(), 0u);
  const auto community = std::to_string(app_.community.id.value());
  EXPECT_EQ(GetJson(app_.Login("street"), "/api/v1/elders?community=" + community)["total"], 2);

  ExpectFieldError(Get(worker_, "/api/v1/elders?filter=young"), 400, "filter");
  ExpectFieldError(Get(worker_, "/api/v1/elders?page=0"), 400, "page");
  ExpectFieldError(Get(worker_, "/api/v1/elders?page_size=500"), 400, "page_size");
  ExpectFieldError(Get(worker_, "/api/v1/elders?community=abc"), 400, "community");
  ExpectFieldError(Get(app_.Login("street"), "/api/v1/elders"), 400, "community");
}

TEST_F(ElderFileApiTest, ScopeAndPermissions) {
  const auto other = app_.Login("other_worker");
  ExpectFieldError(Get(other, FilePath(elder_)), 404, "resident_id");
  ExpectFieldError(Get(other, FilePath(elder_, "/care-plans")), 404, "resident_id");
  ExpectFieldError(Post(other, FilePath(elder_, "/emergency-contacts"),
                        {{"name", "某人"}, {"phone", "13812345678"}}),
                   404, "resident_id");
  const auto community = std::to_string(app_.community.id.value());
  ExpectFieldError(Get(other, "/api/v1/elders?community=" + community), 404, "community");
  ExpectFieldError(Get(other, "/api/v1/elders/alerts?community=" + community), 404, "community");
  EXPECT_EQ(GetJson(other, "/api/v1/elders")["total"], 0);  // their own community has none
  // Under 60, and no such resident: the same answer.
  ExpectFieldError(Get(worker_, FilePath(son_)), 404, "resident_id");
  ExpectFieldError(Get(worker_, FilePath(999999)), 404, "resident_id");
  // Roles without read_eldercare.
  ExpectFieldError(Get(app_.Login("resident"), "/api/v1/elders"), 403, "");
  ExpectFieldError(Get(app_.Login("planner"), FilePath(elder_)), 403, "");
  // The grid worker's grid holds the building; the other grid's worker would see none.
  EXPECT_EQ(GetJson(app_.Login("grid"), "/api/v1/elders")["total"], 2);
  EXPECT_EQ(GetJson(app_.Login("grid"), FilePath(elder_))["resident"]["id"], elder_);
}

TEST_F(ElderFileApiTest, TheFamilySeesWhatIsComing) {
  auto account = Post(worker_, "/api/v1/residents/" + std::to_string(son_) + "/account",
                      {{"login", "xiaoming"}, {"password", testing::kPassword}});
  ASSERT_TRUE(account && account->status == 201) << (account ? account->body : "");
  const auto son = app_.Login("xiaoming");
  Meal(elder_, 1);
  Meal(elder_, -1);  // past: not coming
  Meal(elder_, 20);  // beyond the 14 days
  Visit(elder_, "bathing", 3, "planned");
  Visit(elder_, "cleaning", 2, "cancelled");
  Visit(alone_, "cleaning", 1, "planned");  // another household
  const auto care = GetJson(son, "/api/v1/my/elder-care");
  ASSERT_EQ(care["members"].size(), 2u);
  EXPECT_EQ(care["members"][0]["name"], "李奶奶");
  EXPECT_EQ(care["members"][0]["age"], 76);
  ASSERT_EQ(care["meals"].size(), 1u);
  EXPECT_EQ(care["meals"][0]["date"], DaysFromToday(1));
  EXPECT_EQ(care["meals"][0]["resident_id"], elder_);
  EXPECT_EQ(care["meals"][0]["canteen_name"], "幸福食堂");
  EXPECT_EQ(care["meals"][0]["price_fen"], 1000);
  ASSERT_EQ(care["visits"].size(), 1u);
  EXPECT_EQ(care["visits"][0]["service_code"], "bathing");
  EXPECT_EQ(care["visits"][0]["date"], DaysFromToday(3));
  EXPECT_EQ(care["visits"][0]["planned_start"], "09:30");
  EXPECT_EQ(care["visits"][0]["worker_name"], "赵护工");
  EXPECT_TRUE(care["timebank_balance_minutes"].is_null());
  // Staff have no household; an account without a link has nothing to show.
  ExpectFieldError(Get(worker_, "/api/v1/my/elder-care"), 403, "");
  ExpectFieldError(Get(app_.Login("resident"), "/api/v1/my/elder-care"), 404, "account");
}

}  // namespace
}  // namespace shequ
