#include "api/router.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "api/testing/fake_authenticator.h"

namespace shequ::api {
namespace {

Handler Named(std::string name) {
  return [name](RequestContext& context) {
    nlohmann::json params = nlohmann::json::object();
    for (const auto& parameter : context.request().path_params) {
      params[std::string(parameter.name)] = parameter.value;
    }
    return Response::Json(200, {{"route", name}, {"params", params}});
  };
}

RouteSpec Public(Method method, std::string path, std::string name) {
  return RouteSpec{.method = method,
                   .path = std::move(path),
                   .access = Access::kPublic,
                   .handler = Named(std::move(name))};
}

Request MakeRequest(Method method, std::string path, std::string authorization = {}) {
  Request request;
  request.method = method;
  request.path = std::move(path);
  request.request_id = "test-request";
  if (!authorization.empty()) request.headers.Add("Authorization", std::move(authorization));
  return request;
}

nlohmann::json Body(const Response& response) { return nlohmann::json::parse(response.body); }

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() {
    router_.Add(Public(Method::kGet, "/", "root"));
    router_.Add(Public(Method::kGet, "/api/v1/users/me", "me"));
    router_.Add(Public(Method::kGet, "/api/v1/users/{id}", "user"));
    router_.Add(Public(Method::kDelete, "/api/v1/users/{id}", "delete user"));
    router_.Add(Public(Method::kGet, "/api/v1/users/{id}/roles/{role}", "user role"));
    router_.Add(Public(Method::kGet, "/api/v1/a/{x}", "a param"));
    router_.Add(Public(Method::kPost, "/api/v1/a/b", "a literal"));
    router_.Add({.method = Method::kGet,
                 .path = "/api/v1/registry",
                 .access = Access::kAuthenticated,
                 .permission = auth::Permission::kReadRegistry,
                 .handler = Named("registry")});
    router_.Add({.method = Method::kGet,
                 .path = "/api/v1/places/{community}",
                 .access = Access::kAuthenticated,
                 .handler = [](RequestContext& context) {
                   auth::Place place{testing::kTestStreet,
                                     CommunityId(*context.request().PathParamInt("community")),
                                     GridId()};
                   if (Status allowed = context.Authorize(auth::Permission::kReadRegistry, place);
                       !allowed) {
                     return Response::Error(allowed.error());
                   }
                   return Response::Json(200, {{"login", context.principal().login}});
                 }});
    router_.Add({.method = Method::kGet,
                 .path = "/api/v1/throw-std",
                 .access = Access::kPublic,
                 .handler = [](RequestContext&) -> Response {
                   throw std::runtime_error("database exploded");
                 }});
    router_.Add({.method = Method::kGet,
                 .path = "/api/v1/throw-int",
                 .access = Access::kPublic,
                 .handler = [](RequestContext&) -> Response { throw 42; }});
  }

  Response Dispatch(Request request, int* route_index = nullptr) {
    return router_.Dispatch(request, route_index);
  }

  Router router_;
};

TEST_F(RouterTest, MatchesLiteralAndParameterSegments) {
  struct Row {
    Method method;
    std::string path;
    std::string route;
    nlohmann::json params;
  };
  const Row rows[] = {
      {Method::kGet, "/", "root", nlohmann::json::object()},
      {Method::kGet, "/api/v1/users/me", "me", nlohmann::json::object()},  // literal first
      {Method::kGet, "/api/v1/users/42", "user", {{"id", "42"}}},
      {Method::kDelete, "/api/v1/users/42", "delete user", {{"id", "42"}}},
      {Method::kGet, "/api/v1/users/7/roles/admin", "user role", {{"id", "7"}, {"role", "admin"}}},
      {Method::kGet, "/api/v1/users/%E7%8E%8B%20%2F", "user", {{"id", "王 /"}}},
      {Method::kGet, "/api/v1/a/b", "a param", {{"x", "b"}}},  // backtracks to {x} for GET
      {Method::kPost, "/api/v1/a/b", "a literal", nlohmann::json::object()},
  };
  for (const Row& row : rows) {
    const Response response = Dispatch(MakeRequest(row.method, row.path));
    ASSERT_EQ(response.status, 200) << row.path;
    EXPECT_EQ(Body(response)["route"], row.route) << row.path;
    EXPECT_EQ(Body(response)["params"], row.params) << row.path;
  }
}

TEST_F(RouterTest, UnknownPathsAre404) {
  for (const std::string path :
       {"/api/v1/nothing", "/api/v1/users/", "/api/v1/users//roles/x", "/api/v1/users/1/roles",
        "/api/v1/users/1/roles/2/3", "api/v1/users/me", "",
        "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s"
        "/t/u/v/w/x/y/z/1/2/3/4/5/6/7/8/9"}) {
    int route_index = 0;
    const Response response = Dispatch(MakeRequest(Method::kGet, path), &route_index);
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_EQ(Body(response)["error"]["code"], "route_not_found") << path;
    EXPECT_EQ(route_index, Router::kUnmatched);
  }
}

TEST_F(RouterTest, OtherMethodsOnAKnownPathAre405WithAllow) {
  const Response response = Dispatch(MakeRequest(Method::kPut, "/api/v1/users/5"));
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(Body(response)["error"]["code"], "method_not_allowed");
  EXPECT_EQ(response.headers.Find("Allow"), "GET, HEAD, DELETE");
}

TEST_F(RouterTest, HeadReachesGet) {
  int route_index = -5;
  const Response response = Dispatch(MakeRequest(Method::kHead, "/api/v1/users/5"), &route_index);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(router_.routes()[route_index].path, "/api/v1/users/{id}");
}

TEST_F(RouterTest, AuthenticatedRoutesWithoutAnAuthenticatorAre401) {
  const Response response = Dispatch(MakeRequest(Method::kGet, "/api/v1/registry", "Bearer admin"));
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(Body(response)["error"]["code"], "unauthenticated");
  EXPECT_EQ(response.headers.Find("WWW-Authenticate"), "Bearer");
}

TEST_F(RouterTest, AuthenticationAndPermission) {
  router_.SetAuthenticator(testing::FakeAuthenticator());
  struct Row {
    std::string authorization;
    int status;
  };
  const Row rows[] = {
      {"", 401},
      {"Bearer nobody", 401},
      {"Basic YWxhZGRpbjpvcGVuc2VzYW1l", 401},
      {"Bearer resident", 403},  // residents do not hold read_registry
      {"Bearer planner", 403},
      {"Bearer community_worker", 200},
      {"Bearer admin", 200},
  };
  for (const Row& row : rows) {
    const Response response =
        Dispatch(MakeRequest(Method::kGet, "/api/v1/registry", row.authorization));
    EXPECT_EQ(response.status, row.status) << row.authorization;
    if (row.status == 403) {
      EXPECT_EQ(Body(response)["error"]["code"], "permission_denied");
    }
  }
}

TEST_F(RouterTest, HandlersCheckScopeThroughTheContext) {
  router_.SetAuthenticator(testing::FakeAuthenticator());
  // The worker's community is 10; community 11 lies outside.
  EXPECT_EQ(
      Dispatch(MakeRequest(Method::kGet, "/api/v1/places/10", "Bearer community_worker")).status,
      200);
  EXPECT_EQ(
      Dispatch(MakeRequest(Method::kGet, "/api/v1/places/11", "Bearer community_worker")).status,
      403);
  EXPECT_EQ(Dispatch(MakeRequest(Method::kGet, "/api/v1/places/11", "Bearer admin")).status, 200);
}

TEST_F(RouterTest, ExceptionsBecome500WithTheRequestId) {
  for (const std::string path : {"/api/v1/throw-std", "/api/v1/throw-int"}) {
    const Response response = Dispatch(MakeRequest(Method::kGet, path));
    EXPECT_EQ(response.status, 500);
    const nlohmann::json body = Body(response);
    EXPECT_EQ(body["error"]["code"], "internal");
    EXPECT_EQ(body["error"]["message"], "internal error, request id test-request");
    EXPECT_EQ(body["error"]["message"].get<std::string>().find("exploded"), std::string::npos);
  }
}

TEST_F(RouterTest, FallbackOnlyForGetAndHeadOutsideApi) {
  router_.SetFallback([](const Request&) { return Response::Text(200, "ui"); });
  int route_index = 0;
  EXPECT_EQ(Dispatch(MakeRequest(Method::kGet, "/residents/12"), &route_index).body, "ui");
  EXPECT_EQ(route_index, Router::kFallback);
  EXPECT_EQ(Dispatch(MakeRequest(Method::kHead, "/x.js")).body, "ui");
  EXPECT_EQ(Dispatch(MakeRequest(Method::kPost, "/residents/12")).status, 404);
  EXPECT_EQ(Dispatch(MakeRequest(Method::kGet, "/api/v1/unknown")).status, 404);
  EXPECT_EQ(Dispatch(MakeRequest(Method::kGet, "/api")).status, 404);
}

TEST_F(RouterTest, RejectsBadRegistrations) {
  const auto add = [this](Method method, std::string path) {
    router_.Add(Public(method, std::move(path), "x"));
  };
  EXPECT_THROW(add(Method::kGet, "/api/v1/users/{id}"), std::logic_error);  // duplicate
  EXPECT_THROW(add(Method::kGet, "no-slash"), std::logic_error);
  EXPECT_THROW(add(Method::kGet, "/api/v1/{}"), std::logic_error);
  EXPECT_THROW(add(Method::kGet, "/api/v1/{id}/{id}"), std::logic_error);
  EXPECT_THROW(add(Method::kGet, "/api/v1/x{id}"), std::logic_error);
  EXPECT_THROW(add(Method::kGet, "/api/v1//x"), std::logic_error);
  EXPECT_THROW(add(Method::kGet, "/api/v1/{Id}"), std::logic_error);
  EXPECT_THROW(add(Method::kOther, "/api/v1/other"), std::logic_error);
  EXPECT_THROW(router_.Add({.method = Method::kGet, .path = "/api/v1/no-handler"}),
               std::logic_error);
  // A different parameter name at the same position is fine.
  EXPECT_NO_THROW(add(Method::kPut, "/api/v1/users/{user_id}"));
  EXPECT_EQ(Body(Dispatch(MakeRequest(Method::kPut, "/api/v1/users/9")))["params"]["user_id"], "9");
}

}  // namespace
}  // namespace shequ::api
