// The HTTP contract every route keeps: errors as JSON with the right 4xx, 401 without a session,
// 403 outside the role or scope, the OpenAPI document in step with the routes, health and metrics.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include "api/json_body.h"
#include "api/testing/route_paths.h"
#include "auth/permissions.h"
#include "test_app.h"

namespace shequ::testing {
namespace {

using nlohmann::json;

class HttpApiTest : public ::testing::Test {
 protected:
  TestApp app_;
};

void ExpectError(const httplib::Result& result, int status, const std::string& code,
                 const std::string& field = "") {
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, status) << result->body;
  const json body = JsonOf(result);
  EXPECT_EQ(body["error"]["code"], code) << result->body;
  EXPECT_FALSE(body["error"]["message"].get<std::string>().empty());
  if (!field.empty()) {
    EXPECT_EQ(body["error"]["field"], field) << result->body;
  }
  EXPECT_NE(result->get_header_value("Content-Type").find("application/json"), std::string::npos);
}

TEST_F(HttpApiTest, BadBodiesGetTheir4xxAndChangeNothing) {
  const auto sessions_before = app_.Count("sessions");
  const auto audit_before = app_.Count("audit_log");
  auto& client = app_.client();
  ExpectError(client.Post("/api/v1/auth/login", "{\"login\": ", "application/json"), 400,
              "invalid_json");
  ExpectError(
      client.Post("/api/v1/auth/login", R"({"login": 7, "password": "x"})", "application/json"),
      400, "invalid_argument", "login");
  ExpectError(client.Post("/api/v1/auth/login", R"({"login": "worker"})", "application/json"), 400,
              "invalid_argument", "password");
  ExpectError(
      client.Post("/api/v1/auth/login", R"({"login": "worker", "password": "x", "remember": true})",
                  "application/json"),
      400, "invalid_argument", "remember");
  ExpectError(client.Post("/api/v1/auth/login", "[1, 2]", "application/json"), 400, "invalid_json");
  ExpectError(client.Post("/api/v1/auth/login", "{\"login\": \"\xC0\xAF\", \"password\": \"x\"}",
                          "application/json"),
              400, "invalid_json");
  ExpectError(
      client.Post("/api/v1/auth/login", "login=worker", "application/x-www-form-urlencoded"), 415,
      "unsupported_media_type");
  ExpectError(client.Post("/api/v1/auth/login", std::string(100 * 1024, ' '), "application/json"),
              413, "payload_too_large");
  EXPECT_EQ(app_.Count("sessions"), sessions_before);
  EXPECT_EQ(app_.Count("audit_log"), audit_before);
}

TEST_F(HttpApiTest, UnknownPathsAndMethods) {
  ExpectError(app_.client().Get("/api/v1/nothing-here"), 404, "route_not_found");
  auto wrong_method = app_.client().Delete("/api/v1/auth/login");
  ExpectError(wrong_method, 405, "method_not_allowed");
  EXPECT_NE(wrong_method->get_header_value("Allow").find("POST"), std::string::npos);
}

TEST_F(HttpApiTest, HealthAndMetrics) {
  auto health = app_.client().Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(JsonOf(health)["status"], "ok");
  app_.client().Get("/api/v1/me");
  // A request is counted once its response is written, so the count may land a moment after the
  // client has the response (its next request may go to another connection and thread).
  constexpr std::string_view kCounted =
      R"(shequ_http_requests_total{route="/api/v1/me",method="GET",status="401"} 1)";
  std::string body;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto metrics = app_.client().Get("/metrics");
    ASSERT_TRUE(metrics);
    EXPECT_EQ(metrics->status, 200);
    body = metrics->body;
    if (body.find(kCounted) != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_NE(body.find(kCounted), std::string::npos) << body;
  EXPECT_NE(body.find("shequ_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(body.find("shequ_db_pool_in_use"), std::string::npos);
  EXPECT_NE(body.find("shequ_db_pool_size 8"), std::string::npos) << body;
}

using ::shequ::api::testing::ConcretePath;

httplib::Result Send(httplib::Client& client, api::Method method, const std::string& path,
                     const httplib::Headers& headers) {
  switch (method) {
    case api::Method::kGet:
      return client.Get(path, headers);
    case api::Method::kPost:
      return client.Post(path, headers, "{}", "application/json");
    case api::Method::kPut:
      return client.Put(path, headers, "{}", "application/json");
    case api::Method::kPatch:
      return client.Patch(path, headers, "{}", "application/json");
    case api::Method::kDelete:
      return client.Delete(path, headers);
    default:
      ADD_FAILURE() << "no test client call for " << api::MethodName(method);
      return client.Get(path, headers);
  }
}

TEST_F(HttpApiTest, EveryProtectedRouteIs401WithoutASession) {
  int protected_routes = 0;
  for (const auto& route : app_.router().routes()) {
    if (route.access == api::Access::kPublic) continue;
    ++protected_routes;
    auto result = Send(app_.client(), route.method, ConcretePath(route.path), {});
    ExpectError(result, 401, "unauthenticated");
  }
  EXPECT_GE(protected_routes, 7);
}

TEST_F(HttpApiTest, EveryProtectedRouteIs403ForARoleWithoutItsPermission) {
  // For each route, sign in as a role that lacks its permission. Routes every role may use (its
  // own account) have none to test; the scope checks on records are in each module's tests.
  std::map<auth::Role, std::string> login_of = {
      {auth::Role::kStreetAdmin, "street"}, {auth::Role::kCommunityWorker, "worker"},
      {auth::Role::kGridWorker, "grid"},    {auth::Role::kResident, "resident"},
      {auth::Role::kCourier, "courier"},    {auth::Role::kPlanner, "planner"},
      {auth::Role::kVolunteer, "volunteer"}};
  std::map<std::string, std::string> tokens;
  int checked = 0;
  for (const auto& route : app_.router().routes()) {
    if (route.access == api::Access::kPublic || !route.permission) continue;
    for (const auto& [role, login] : login_of) {
      if (auth::RoleHas(role, *route.permission)) continue;
      if (!tokens.contains(login)) tokens[login] = app_.Login(login);
      auto result =
          Send(app_.client(), route.method, ConcretePath(route.path), app_.Bearer(tokens[login]));
      SCOPED_TRACE(std::string(api::MethodName(route.method)) + " " + route.path + " as " + login);
      ExpectError(result, 403, "permission_denied");
      ++checked;
      break;
    }
  }
  EXPECT_GE(checked, 4);
}

TEST_F(HttpApiTest, OpenApiDocumentListsExactlyTheRoutes) {
  auto result = app_.client().Get("/api/v1/openapi.json");
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200);
  const json document = JsonOf(result);
  EXPECT_EQ(document["openapi"].get<std::string>().substr(0, 2), "3.");
  std::set<std::string> documented;
  for (const auto& [path, operations] : document["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(c));
      documented.insert(upper + " " + path);
    }
  }
  std::set<std::string> routed;
  for (const auto& route : app_.router().routes()) {
    routed.insert(std::string(api::MethodName(route.method)) + " " + route.path);
  }
  EXPECT_EQ(documented, routed);
  EXPECT_TRUE(routed.contains("POST /api/v1/auth/login"));
  EXPECT_TRUE(routed.contains("GET /api/v1/dashboard"));
}

TEST_F(HttpApiTest, DashboardCountsTheCallersScope) {
  auto worker = app_.client().Get("/api/v1/dashboard", app_.Bearer(app_.Login("worker")));
  ASSERT_TRUE(worker);
  ASSERT_EQ(worker->status, 200) << worker->body;
  json body = JsonOf(worker);
  EXPECT_EQ(body["scope"]["kind"], "community");
  EXPECT_EQ(body["counts"]["communities"], 1);
  EXPECT_EQ(body["counts"]["grids"], 2);
  EXPECT_EQ(body["counts"]["users"], 8);  // the community-scoped and grid-scoped accounts
  EXPECT_GE(body["counts"]["audit_events_today"], 1);

  auto grid = app_.client().Get("/api/v1/dashboard", app_.Bearer(app_.Login("grid")));
  EXPECT_EQ(JsonOf(grid)["counts"]["grids"], 1);

  auto admin = app_.client().Get("/api/v1/dashboard", app_.Bearer(app_.Login("admin")));
  EXPECT_EQ(JsonOf(admin)["counts"]["streets"], 2);
  EXPECT_EQ(JsonOf(admin)["counts"]["communities"], 2);
}

TEST_F(HttpApiTest, CommunitiesStayInsideTheScope) {
  auto worker = app_.client().Get("/api/v1/communities", app_.Bearer(app_.Login("worker")));
  ASSERT_TRUE(worker);
  ASSERT_EQ(worker->status, 200);
  const json list = JsonOf(worker)["communities"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["name"], "示范社区");
  auto other = app_.client().Get("/api/v1/communities", app_.Bearer(app_.Login("other_worker")));
  ASSERT_EQ(JsonOf(other)["communities"].size(), 1u);
  EXPECT_EQ(JsonOf(other)["communities"][0]["name"], "另一社区");
}

TEST_F(HttpApiTest, ResponsesCarryRequestIdsAndSecurityHeaders) {
  auto result = app_.client().Get("/healthz", {{"X-Request-Id", "trace-me-42"}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->get_header_value("X-Request-Id"), "trace-me-42");
  EXPECT_EQ(result->get_header_value("X-Content-Type-Options"), "nosniff");
}

}  // namespace
}  // namespace shequ::testing
