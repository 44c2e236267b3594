// The time bank over HTTP: activities, sign-ups and attendance that credit hours once, redeems,
// family transfers, statements, accounts and the trial balance; bad input, scope and permissions.
#include <gtest/gtest.h>

#include <string>

#include "test_app.h"

namespace shequ {
namespace {

using testing::CreatedId;
using testing::ExpectFieldError;
using testing::JsonOf;

class TimebankApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    worker_ = app_.Login("worker");
    const auto building = CreatedId(Post(worker_, "/api/v1/buildings",
                                         {{"community_id", app_.community.id.value()},
                                          {"number", "1号楼"},
                                          {"address", "互助巷1号"}}));
    const auto household = CreatedId(Post(
        worker_, "/api/v1/households", {{"building_id", building}, {"floor", 1}, {"room", "101"}}));
    const auto neighbours = CreatedId(Post(
        worker_, "/api/v1/households", {{"building_id", building}, {"floor", 1}, {"room", "102"}}));
    volunteer_ = CreatedId(Post(worker_, "/api/v1/residents",
                                {{"household_id", household},
                                 {"name", "赵志愿"},
                                 {"sex", "female"},
                                 {"birth_date", "1970-05-01"}}));
    mother_ = CreatedId(Post(worker_, "/api/v1/residents",
                             {{"household_id", household},
                              {"name", "赵母"},
                              {"sex", "female"},
                              {"birth_date", "1945-02-01"},
                              {"relation_to_head", "parent"}}));
    neighbour_ = CreatedId(Post(worker_, "/api/v1/residents",
                                {{"household_id", neighbours},
                                 {"name", "钱邻居"},
                                 {"sex", "male"},
                                 {"birth_date", "1960-01-01"}}));
    // The volunteer's own login, linked to her registry entry.
    auto account = Post(worker_, "/api/v1/residents/" + std::to_string(volunteer_) + "/account",
                        {{"login", "zhao"}, {"password", testing::kPassword}});
    EXPECT_EQ(account->status, 201) << account->body;
    zhao_ = app_.Login("zhao");
    activity_ = CreatedId(Post(worker_, "/api/v1/timebank/activities",
                               {{"title", "陪老人读报"},
                                {"starts_at", "2026-12-01T09:00:00+08:00"},
                                {"ends_at", "2026-12-01T10:30:00+08:00"},
                                {"credit_minutes", 90}}));
  }

  httplib::Result Post(const std::string& token, const std::string& path,
                       const nlohmann::json& body) {
    return app_.client().Post(path, app_.Bearer(token), body.dump(), "application/json");
  }
  httplib::Result Get(const std::string& token, const std::string& path) {
    return app_.client().Get(path, app_.Bearer(token));
  }
  std::string ActivityPath(const char* what) const {
    return "/api/v1/timebank/activities/" + std::to_string(activity_) + "/" + what;
  }
  std::string CommunityQuery() const {
    return "?community=" + std::to_string(app_.community.id.value());
  }
  // Attends the activity: +90 minutes to `resident`.
  void Attend(std::int64_t resident) {
    auto result =
        Post(worker_, ActivityPath("attendance"), {{"resident_id", resident}, {"attended", true}});
    ASSERT_EQ(result->status, 200) << result->body;
  }
  std::int64_t AccountOf(std::int64_t resident) {
    const auto list = JsonOf(Get(worker_, "/api/v1/timebank/accounts" + CommunityQuery()));
    for (const auto& account : list["accounts"]) {
      if (account["resident_id"] == resident) return account["id"].get<std::int64_t>();
    }
    return 0;
  }
  nlohmann::json TrialBalance() {
    auto result = Get(worker_, "/api/v1/timebank/trial-balance" + CommunityQuery());
    EXPECT_EQ(result->status, 200) << result->body;
    return JsonOf(result);
  }

  testing::TestApp app_;
  std::string worker_, zhao_;
  std::int64_t volunteer_ = 0, mother_ = 0, neighbour_ = 0, activity_ = 0;
};

TEST_F(TimebankApiTest, AttendanceCreditsOnce) {
  EXPECT_EQ(app_.AuditCount("timebank.activity.create"), 1);
  // The volunteer signs herself up; staff record her attendance twice.
  auto signup = Post(zhao_, ActivityPath("signups"), {{"resident_id", volunteer_}});
  ASSERT_EQ(signup->status, 201) << signup->body;
  EXPECT_TRUE(JsonOf(signup)["attended"].is_null());
  auto first =
      Post(worker_, ActivityPath("attendance"), {{"resident_id", volunteer_}, {"attended", true}});
  ASSERT_EQ(first->status, 200) << first->body;
  EXPECT_EQ(JsonOf(first)["credited_now"], true);
  EXPECT_EQ(JsonOf(first)["balance_minutes"], 90);
  auto second =
      Post(worker_, ActivityPath("attendance"), {{"resident_id", volunteer_}, {"attended", true}});
  ASSERT_EQ(second->status, 200) << second->body;
  EXPECT_EQ(JsonOf(second)["credited_now"], false);
  EXPECT_EQ(JsonOf(second)["balance_minutes"], 90);
  EXPECT_EQ(app_.Count("timebank_entries"), 1);
  EXPECT_EQ(app_.AuditCount("timebank.attendance"), 1);
  // Un-attending a credited attendance is a correction's job.
  ExpectFieldError(
      Post(worker_, ActivityPath("attendance"), {{"resident_id", volunteer_}, {"attended", false}}),
      409, "attended");

  // Her statement, and the trial balance: issuance −90, her +90, total 0.
  const auto account = AccountOf(volunteer_);
  auto statement = Get(zhao_, "/api/v1/timebank/accounts/" + std::to_string(account));
  ASSERT_EQ(statement->status, 200) << statement->body;
  const auto s = JsonOf(statement);
  EXPECT_EQ(s["balance_minutes"], 90);
  EXPECT_DOUBLE_EQ(s["balance_hours"].get<double>(), 1.5);
  ASSERT_EQ(s["entries"].size(), 1u);
  EXPECT_EQ(s["entries"][0]["kind"], "credit_activity");
  EXPECT_EQ(s["entries"][0]["reference"], "activity:" + std::to_string(activity_));
  const auto mine = JsonOf(Get(zhao_, "/api/v1/my/timebank"));
  EXPECT_EQ(mine["id"], account);
  EXPECT_EQ(mine["balance_minutes"], 90);

  const auto balance = TrialBalance();
  EXPECT_EQ(balance["total_minutes"], 0);
  EXPECT_EQ(balance["balanced"], true);
  EXPECT_EQ(balance["cache_agrees"], true);
  ASSERT_EQ(balance["accounts"].size(), 2u);
  EXPECT_EQ(balance["accounts"][0]["kind"], "issuance");
  EXPECT_EQ(balance["accounts"][0]["balance_minutes"], -90);
}

TEST_F(TimebankApiTest, RedeemNeverOverdraws) {
  Attend(volunteer_);  // 90 minutes
  ExpectFieldError(
      Post(worker_, "/api/v1/timebank/redeem", {{"resident_id", volunteer_}, {"minutes", 120}}),
      409, "minutes");
  auto overdraw =
      Post(worker_, "/api/v1/timebank/redeem", {{"resident_id", volunteer_}, {"minutes", 91}});
  EXPECT_NE(JsonOf(overdraw)["error"]["message"].get<std::string>().find("balance is 1.5 h"),
            std::string::npos)
      << overdraw->body;
  for (const int bad : {0, -30}) {
    ExpectFieldError(
        Post(worker_, "/api/v1/timebank/redeem", {{"resident_id", volunteer_}, {"minutes", bad}}),
        400, "minutes");
  }
  ExpectFieldError(
      Post(worker_, "/api/v1/timebank/redeem", {{"resident_id", volunteer_}, {"minutes", 1.5}}),
      400, "minutes");
  ExpectFieldError(
      Post(worker_, "/api/v1/timebank/redeem", {{"resident_id", 999999}, {"minutes", 30}}), 404,
      "resident_id");
  // A redeem from someone who never earned anything: refused, and no empty account left behind.
  ExpectFieldError(
      Post(worker_, "/api/v1/timebank/redeem", {{"resident_id", neighbour_}, {"minutes", 1}}), 409,
      "minutes");
  EXPECT_EQ(app_.Count("timebank_entries"), 1);
  EXPECT_EQ(app_.Count("timebank_accounts"), 2);

  auto redeemed = Post(worker_, "/api/v1/timebank/redeem",
                       {{"resident_id", volunteer_}, {"minutes", 30}, {"note", "理发服务"}});
  ASSERT_EQ(redeemed->status, 201) << redeemed->body;
  EXPECT_EQ(JsonOf(redeemed)["balance_minutes"], 60);
  EXPECT_EQ(JsonOf(redeemed)["issuance_balance_minutes"], -60);
  EXPECT_EQ(app_.AuditCount("timebank.redeem"), 1);
  // A volunteer cannot redeem for herself: staff record what was spent.
  EXPECT_EQ(Post(zhao_, "/api/v1/timebank/redeem", {{"resident_id", volunteer_}, {"minutes", 10}})
                ->status,
            403);

  const auto statement =
      JsonOf(Get(worker_, "/api/v1/timebank/accounts/" + std::to_string(AccountOf(volunteer_))));
  ASSERT_EQ(statement["entries"].size(), 2u);
  EXPECT_EQ(statement["entries"][0]["kind"], "redeem");
  EXPECT_EQ(statement["entries"][0]["minutes"], -30);
  EXPECT_EQ(statement["entries"][0]["balance_after_minutes"], 60);
  EXPECT_EQ(statement["entries"][1]["balance_after_minutes"], 90);
  EXPECT_EQ(TrialBalance()["total_minutes"], 0);
}

TEST_F(TimebankApiTest, TransfersGoToTheHouseholdOnly) {
  Attend(volunteer_);
  const nlohmann::json to_self = {
      {"from_resident_id", volunteer_}, {"to_resident_id", volunteer_}, {"minutes", 30}};
  ExpectFieldError(Post(zhao_, "/api/v1/timebank/transfers", to_self), 400, "to_resident_id");
  ExpectFieldError(
      Post(zhao_, "/api/v1/timebank/transfers",
           {{"from_resident_id", volunteer_}, {"to_resident_id", neighbour_}, {"minutes", 30}}),
      400, "to_resident_id");
  ExpectFieldError(
      Post(zhao_, "/api/v1/timebank/transfers",
           {{"from_resident_id", volunteer_}, {"to_resident_id", 999999}, {"minutes", 30}}),
      404, "to_resident_id");
  ExpectFieldError(
      Post(zhao_, "/api/v1/timebank/transfers",
           {{"from_resident_id", volunteer_}, {"to_resident_id", mother_}, {"minutes", 0}}),
      400, "minutes");
  ExpectFieldError(
      Post(zhao_, "/api/v1/timebank/transfers",
           {{"from_resident_id", volunteer_}, {"to_resident_id", mother_}, {"minutes", 91}}),
      409, "minutes");
  // The seeded rule caps one transfer at 20 h.
  ExpectFieldError(
      Post(worker_, "/api/v1/timebank/transfers",
           {{"from_resident_id", volunteer_}, {"to_resident_id", mother_}, {"minutes", 1201}}),
      400, "minutes");
  // Nobody may transfer out of someone else's account but staff.
  ExpectFieldError(
      Post(zhao_, "/api/v1/timebank/transfers",
           {{"from_resident_id", mother_}, {"to_resident_id", volunteer_}, {"minutes", 1}}),
      403, "");
  EXPECT_EQ(app_.Count("timebank_entries"), 1);

  auto moved =
      Post(zhao_, "/api/v1/timebank/transfers",
           {{"from_resident_id", volunteer_}, {"to_resident_id", mother_}, {"minutes", 60}});
  ASSERT_EQ(moved->status, 201) << moved->body;
  EXPECT_EQ(JsonOf(moved)["from_balance_minutes"], 30);
  EXPECT_EQ(JsonOf(moved)["to_balance_minutes"], 60);
  EXPECT_EQ(app_.AuditCount("timebank.transfer"), 1);
  // The volunteer sees her own account, not her mother's.
  EXPECT_EQ(Get(zhao_, "/api/v1/timebank/accounts/" + std::to_string(AccountOf(mother_)))->status,
            403);
  const auto balance = TrialBalance();
  EXPECT_EQ(balance["total_minutes"], 0);
  EXPECT_EQ(balance["accounts"].size(), 3u);
}

TEST_F(TimebankApiTest, ActivityInputIsChecked) {
  const auto bad = [&](nlohmann::json change, const std::string& field) {
    nlohmann::json body = {{"title", "义务理发"},
                           {"starts_at", "2026-12-02T09:00:00+08:00"},
                           {"ends_at", "2026-12-02T11:00:00+08:00"},
                           {"credit_minutes", 120}};
    for (auto& [key, value] : change.items()) body[key] = value;
    ExpectFieldError(Post(worker_, "/api/v1/timebank/activities", body), 400, field);
  };
  bad({{"title", ""}}, "title");
  bad({{"ends_at", "2026-12-02T08:00:00+08:00"}}, "ends_at");
  bad({{"starts_at", "2026-12-02 09:00"}}, "starts_at");
  bad({{"credit_minutes", 0}}, "credit_minutes");
  bad({{"credit_minutes", 1441}}, "credit_minutes");
  EXPECT_EQ(app_.Count("timebank_activities"), 1);
  // Signing up someone of another household as a volunteer: refused.
  EXPECT_EQ(Post(zhao_, ActivityPath("signups"), {{"resident_id", neighbour_}})->status, 403);
  ExpectFieldError(
      Post(worker_, "/api/v1/timebank/activities/999999/signups", {{"resident_id", volunteer_}}),
      404, "");
}

TEST_F(TimebankApiTest, ScopeAndPermissions) {
  Attend(volunteer_);
  const auto other = app_.Login("other_worker");
  const std::string account = "/api/v1/timebank/accounts/" + std::to_string(AccountOf(volunteer_));
  ExpectFieldError(Get(other, account), 404, "");
  ExpectFieldError(Get(other, "/api/v1/timebank/trial-balance" + CommunityQuery()), 404,
                   "community");
  ExpectFieldError(Get(other, "/api/v1/timebank/accounts" + CommunityQuery()), 404, "community");
  ExpectFieldError(
      Post(other, ActivityPath("attendance"), {{"resident_id", volunteer_}, {"attended", true}}),
      404, "");
  ExpectFieldError(
      Post(other, "/api/v1/timebank/redeem", {{"resident_id", volunteer_}, {"minutes", 10}}), 404,
      "resident_id");
  ExpectFieldError(Post(other, "/api/v1/timebank/activities",
                        {{"community_id", app_.community.id.value()},
                         {"title", "越界活动"},
                         {"starts_at", "2026-12-02T09:00:00+08:00"},
                         {"ends_at", "2026-12-02T11:00:00+08:00"},
                         {"credit_minutes", 60}}),
                   404, "community");
  // Roles without the time bank.
  for (const char* login : {"caregiver", "planner", "grid"}) {
    const auto token = app_.Login(login);
    EXPECT_EQ(Get(token, account)->status, 403) << login;
    EXPECT_EQ(Get(token, "/api/v1/timebank/trial-balance" + CommunityQuery())->status, 403)
        << login;
    EXPECT_EQ(Post(token, "/api/v1/timebank/transfers",
                   {{"from_resident_id", volunteer_}, {"to_resident_id", mother_}, {"minutes", 1}})
                  ->status,
              403)
        << login;
  }
  // The demo volunteer login is not linked to a resident.
  ExpectFieldError(Get(app_.Login("volunteer"), "/api/v1/my/timebank"), 404, "account");
  EXPECT_EQ(Post(zhao_, "/api/v1/timebank/activities", {{"title", "x"}})->status, 403);
  EXPECT_EQ(TrialBalance()["total_minutes"], 0);
}

}  // namespace
}  // namespace shequ
