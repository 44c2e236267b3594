// The auth API as a client sees it: sign in and out, who am I, accounts, the audit log.
#include <gtest/gtest.h>

#include "test_app.h"

namespace shequ::testing {
namespace {

using nlohmann::json;

class AuthApiTest : public ::testing::Test {
 protected:
  httplib::Result PostJson(const std::string& path, const json& body,
                           const httplib::Headers& headers = {}) {
    return app_.client().Post(path, headers, body.dump(), "application/json");
  }

  TestApp app_;
};

TEST_F(AuthApiTest, LoginReturnsTokenUserAndHttpOnlyCookie) {
  auto result = PostJson("/api/v1/auth/login", {{"login", "worker"}, {"password", kPassword}});
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  const json body = JsonOf(result);
  EXPECT_EQ(body["token"].get<std::string>().size(), 43u);  // 32 bytes, URL-safe base64
  EXPECT_TRUE(body["expires_at"].get<std::string>().ends_with("+08:00"));
  EXPECT_EQ(body["user"]["login"], "worker");
  EXPECT_EQ(body["user"]["role"], "community_worker");
  EXPECT_EQ(body["user"]["scope"]["kind"], "community");
  EXPECT_EQ(body["user"]["scope"]["community_id"], app_.community.id.value());
  EXPECT_EQ(body["user"]["scope"]["name"], "示范街道 / 示范社区");
  const std::string cookie = result->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("shequ_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
}

TEST_F(AuthApiTest, WrongPasswordIs401WithTheSameMessageAsUnknownLogin) {
  auto wrong = PostJson("/api/v1/auth/login", {{"login", "worker"}, {"password", "nope-nope-1"}});
  auto unknown = PostJson("/api/v1/auth/login", {{"login", "nobody"}, {"password", "nope-nope-1"}});
  ASSERT_TRUE(wrong && unknown);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(JsonOf(wrong)["error"]["code"], "unauthenticated");
  EXPECT_EQ(JsonOf(wrong)["error"]["message"], JsonOf(unknown)["error"]["message"]);
}

TEST_F(AuthApiTest, RepeatedFailuresAreThrottledWithRetryAfter) {
  const json guess = {{"login", "worker"}, {"password", "guess-guess-1"}};
  for (int attempt = 0; attempt < 7; ++attempt) {
    ASSERT_TRUE(PostJson("/api/v1/auth/login", guess));
  }
  auto last = PostJson("/api/v1/auth/login", guess);
  ASSERT_TRUE(last);
  EXPECT_EQ(last->status, 429);
  EXPECT_EQ(JsonOf(last)["error"]["code"], "resource_exhausted");
  EXPECT_GT(std::stoi(last->get_header_value("Retry-After")), 0);
  // Even the right password waits until the window has passed.
  auto right = PostJson("/api/v1/auth/login", {{"login", "worker"}, {"password", kPassword}});
  EXPECT_EQ(right->status, 429);
  app_.clock().Advance(16LL * 60 * kMicrosPerSecond);
  right = PostJson("/api/v1/auth/login", {{"login", "worker"}, {"password", kPassword}});
  EXPECT_EQ(right->status, 200);
}

TEST_F(AuthApiTest, MeWorksWithBearerAndWithCookie) {
  const std::string token = app_.Login("grid");
  auto bearer = app_.client().Get("/api/v1/me", app_.Bearer(token));
  ASSERT_TRUE(bearer);
  EXPECT_EQ(bearer->status, 200);
  EXPECT_EQ(JsonOf(bearer)["scope"]["grid_id"], app_.grid.id.value());
  EXPECT_EQ(JsonOf(bearer)["scope"]["name"], "示范街道 / 示范社区 / 第一网格");
  auto cookie = app_.client().Get("/api/v1/me", {{"Cookie", "shequ_session=" + token}});
  ASSERT_TRUE(cookie);
  EXPECT_EQ(cookie->status, 200);
  EXPECT_EQ(JsonOf(cookie)["login"], "grid");
}

TEST_F(AuthApiTest, BadTokensAre401) {
  for (const std::string header : {"Bearer nonsense", "Bearer ", "Basic d29ya2VyOng=",
                                   "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
    auto result = app_.client().Get("/api/v1/me", {{"Authorization", header}});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 401) << header;
    EXPECT_EQ(JsonOf(result)["error"]["code"], "unauthenticated");
  }
}

TEST_F(AuthApiTest, LogoutRevokesTheTokenAtOnce) {
  const std::string token = app_.Login("worker");
  auto logout = app_.client().Post("/api/v1/auth/logout", app_.Bearer(token), "", "");
  ASSERT_TRUE(logout);
  EXPECT_EQ(logout->status, 204);
  EXPECT_NE(logout->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  auto me = app_.client().Get("/api/v1/me", app_.Bearer(token));
  EXPECT_EQ(me->status, 401);
}

TEST_F(AuthApiTest, IdleSessionsEnd) {
  const std::string token = app_.Login("worker");
  app_.clock().Advance(61LL * 60 * kMicrosPerSecond);
  auto me = app_.client().Get("/api/v1/me", app_.Bearer(token));
  EXPECT_EQ(me->status, 401);
}

TEST_F(AuthApiTest, AdminListsUsersOthersMayNot) {
  auto admin = app_.client().Get("/api/v1/users", app_.Bearer(app_.Login("admin")));
  ASSERT_TRUE(admin);
  ASSERT_EQ(admin->status, 200);
  EXPECT_GE(JsonOf(admin)["users"].size(), 12u);
  auto worker = app_.client().Get("/api/v1/users", app_.Bearer(app_.Login("worker")));
  EXPECT_EQ(worker->status, 403);
  EXPECT_EQ(JsonOf(worker)["error"]["code"], "permission_denied");
}

TEST_F(AuthApiTest, AdminCreatesAUserWhoCanSignIn) {
  const auto token = app_.Login("admin");
  auto created = PostJson("/api/v1/users",
                          {{"login", "new_worker"},
                           {"display_name", "新同事"},
                           {"password", "a-long-password"},
                           {"role", "grid_worker"},
                           {"scope_kind", "grid"},
                           {"scope_id", app_.other_grid.id.value()}},
                          app_.Bearer(token));
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  EXPECT_EQ(JsonOf(created)["scope"]["community_id"], app_.community.id.value());
  auto login =
      PostJson("/api/v1/auth/login", {{"login", "new_worker"}, {"password", "a-long-password"}});
  EXPECT_EQ(login->status, 200);
}

TEST_F(AuthApiTest, InvalidNewUsersNameTheFieldAndWriteNothing) {
  const auto token = app_.Login("admin");
  const auto users_before = app_.Count("users");
  const auto audit_before = app_.Count("audit_log");
  const json valid = {{"login", "fresh"},
                      {"display_name", "新同事"},
                      {"password", "a-long-password"},
                      {"role", "community_worker"},
                      {"scope_kind", "community"},
                      {"scope_id", app_.community.id.value()}};
  struct Case {
    const char* field;
    json value;
    int status;
  };
  for (const Case& c : {Case{"role", "mayor", 400}, Case{"scope_kind", "planet", 400},
                        Case{"scope_id", 999999, 400}, Case{"login", "worker", 409},
                        Case{"login", "NO SPACES", 400}, Case{"password", "short", 400},
                        Case{"scope_id", "seven", 400}}) {
    json body = valid;
    body[c.field] = c.value;
    auto result = PostJson("/api/v1/users", body, app_.Bearer(token));
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, c.status) << c.field << ": " << result->body;
    EXPECT_EQ(JsonOf(result)["error"]["field"], c.field) << result->body;
  }
  EXPECT_EQ(app_.Count("users"), users_before);
  EXPECT_EQ(app_.Count("audit_log"), audit_before);
}

TEST_F(AuthApiTest, SignInsAreAuditedAndTheAdminReadsTheLog) {
  app_.Login("worker");
  PostJson("/api/v1/auth/login", {{"login", "worker"}, {"password", "wrong-wrong-1"}});
  auto log = app_.client().Get("/api/v1/audit?limit=10", app_.Bearer(app_.Login("admin")));
  ASSERT_TRUE(log);
  ASSERT_EQ(log->status, 200) << log->body;
  std::vector<std::string> actions;
  const json body = JsonOf(log);
  for (const auto& entry : body["entries"]) actions.push_back(entry["action"]);
  EXPECT_NE(std::find(actions.begin(), actions.end(), "session.login"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "session.login_failed"), actions.end());
  auto denied = app_.client().Get("/api/v1/audit", app_.Bearer(app_.Login("worker")));
  EXPECT_EQ(denied->status, 403);
}

}  // namespace
}  // namespace shequ::testing
