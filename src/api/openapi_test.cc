#include "api/openapi.h"

#include <gtest/gtest.h>

#include <set>

#include "api/json_body.h"
#include "api/system_routes.h"
#include "api/testing/route_paths.h"

namespace shequ::api {
namespace {

constexpr JsonField kLoginFields[] = {{"login", JsonType::kString},
                                      {"password", JsonType::kString}};

// The routes of a small but realistic server: system routes plus a few of each kind.
void AddSampleRoutes(Router& router, Metrics& metrics) {
  AddSystemRoutes(router, {.metrics = &metrics});
  const Handler ok = [](RequestContext&) { return Response::NoContent(); };
  router.Add({.method = Method::kPost,
              .path = "/api/v1/auth/login",
              .summary = "Sign in",
              .access = Access::kPublic,
              .tag = "auth",
              .request_schema = JsonSchemaOf(kLoginFields),
              .handler = ok});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/me",
              .summary = "The caller",
              .permission = auth::Permission::kReadOwnAccount,
              .tag = "auth",
              .handler = ok});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/communities/{community_id}/buildings/{id}",
              .summary = "One building",
              .permission = auth::Permission::kReadRegistry,
              .tag = "registry",
              .handler = ok});
  router.Add({.method = Method::kDelete,
              .path = "/api/v1/communities/{community_id}/buildings/{id}",
              .summary = "Remove a building",
              .permission = auth::Permission::kWriteRegistry,
              .tag = "registry",
              .success_status = 204,
              .handler = ok});
}

using ::shequ::api::testing::ConcretePath;

class OpenApiTest : public ::testing::Test {
 protected:
  OpenApiTest() {
    AddSampleRoutes(router_, metrics_);
    document_ = BuildOpenApi(router_, OpenApiInfo{});
  }

  Router router_;
  Metrics metrics_;
  nlohmann::json document_;
};

TEST_F(OpenApiTest, EveryRouteIsDocumented) {
  for (const RouteSpec& route : router_.routes()) {
    std::string method(MethodName(route.method));
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    ASSERT_TRUE(document_["paths"].contains(route.path)) << route.path;
    EXPECT_TRUE(document_["paths"][route.path].contains(method)) << method << " " << route.path;
  }
}

TEST_F(OpenApiTest, EveryDocumentedOperationIsRouted) {
  std::set<std::string> operation_ids;
  for (const auto& [path, operations] : document_["paths"].items()) {
    const std::string concrete = ConcretePath(path);
    for (const auto& [method_name, operation] : operations.items()) {
      std::string upper = method_name;
      std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
      const Method method = ParseMethod(upper);
      ASSERT_NE(method, Method::kOther) << method_name;
      const int route = router_.Match(method, concrete, nullptr);
      ASSERT_GE(route, 0) << method_name << " " << path;
      EXPECT_EQ(router_.routes()[route].path, path);
      EXPECT_EQ(router_.routes()[route].method, method);
      EXPECT_TRUE(operation_ids.insert(operation["operationId"]).second)
          << "duplicate operationId " << operation["operationId"];
    }
  }
  EXPECT_EQ(operation_ids.size(), router_.routes().size());
}

TEST_F(OpenApiTest, OperationDetails) {
  EXPECT_EQ(document_["openapi"], "3.0.3");
  const nlohmann::json& building =
      document_["paths"]["/api/v1/communities/{community_id}/buildings/{id}"]["get"];
  EXPECT_EQ(building["operationId"], "get_api_v1_communities_community_id_buildings_id");
  EXPECT_EQ(building["tags"], nlohmann::json::array({"registry"}));
  ASSERT_EQ(building["parameters"].size(), 2u);
  EXPECT_EQ(building["parameters"][0]["name"], "community_id");
  EXPECT_EQ(building["parameters"][0]["in"], "path");
  EXPECT_EQ(building["parameters"][1]["name"], "id");
  EXPECT_EQ(building["x-permission"], "read_registry");
  EXPECT_EQ(building["security"].size(), 2u);
  EXPECT_TRUE(building["responses"].contains("401"));
  EXPECT_TRUE(building["responses"].contains("403"));

  const nlohmann::json& remove =
      document_["paths"]["/api/v1/communities/{community_id}/buildings/{id}"]["delete"];
  EXPECT_TRUE(remove["responses"].contains("204"));

  const nlohmann::json& login = document_["paths"]["/api/v1/auth/login"]["post"];
  EXPECT_EQ(login["security"], nlohmann::json::array());
  EXPECT_EQ(login["requestBody"]["content"]["application/json"]["schema"]["required"],
            nlohmann::json::array({"login", "password"}));
  EXPECT_FALSE(login["responses"].contains("401"));

  EXPECT_TRUE(document_["components"]["schemas"].contains("Error"));
  EXPECT_EQ(document_["components"]["securitySchemes"]["cookieAuth"]["name"], "shequ_session");
  EXPECT_EQ(document_["components"]["securitySchemes"]["bearerAuth"]["scheme"], "bearer");
}

TEST_F(OpenApiTest, ServedFromTheRouter) {
  Request request;
  request.method = Method::kGet;
  request.path = "/api/v1/openapi.json";
  const Response response = router_.Dispatch(request);
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(nlohmann::json::parse(response.body), document_);
}

}  // namespace
}  // namespace shequ::api
