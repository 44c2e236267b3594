#include "api/openapi.h"

#include <fmt/format.h>

#include <cctype>
#include <set>

namespace shequ::api {
namespace {

std::string LowerMethod(Method method) {
  std::string name(MethodName(method));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

// "get" + "/api/v1/users/{id}" → "get_api_v1_users_id".
std::string OperationId(const RouteSpec& route) {
  std::string id = LowerMethod(route.method);
  bool pending_separator = true;
  for (char c : route.path) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      if (pending_separator) id += '_';
      id += c;
      pending_separator = false;
    } else if (c != '{' && c != '}') {
      pending_separator = true;
    }
  }
  return id;
}

std::vector<std::string> PathParameterNames(std::string_view path) {
  std::vector<std::string> names;
  std::size_t open = path.find('{');
  while (open != std::string_view::npos) {
    const std::size_t close = path.find('}', open);
    if (close == std::string_view::npos) break;
    names.emplace_back(path.substr(open + 1, close - open - 1));
    open = path.find('{', close);
  }
  return names;
}

nlohmann::json ErrorSchema() {
  return {
      {"type", "object"},
      {"required", {"error"}},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"required", {"code", "message"}},
          {"properties",
           {{"code",
             {{"type", "string"},
              {"description",
               "invalid_argument, not_found, permission_denied, conflict, unauthenticated, "
               "resource_exhausted, unavailable, internal, or an HTTP-level code: "
               "route_not_found, method_not_allowed, payload_too_large, unsupported_media_type, "
               "invalid_json, header_too_large, request_timeout, bad_request"}}},
            {"message", {{"type", "string"}}},
            {"field",
             {{"type", "string"},
              {"description", "the input field at fault, when there is one"}}}}}}}}}};
}

nlohmann::json ErrorResponseRef() { return {{"$ref", "#/components/responses/Error"}}; }

nlohmann::json Operation(const RouteSpec& route) {
  nlohmann::json operation = {{"operationId", OperationId(route)}};
  if (!route.summary.empty()) operation["summary"] = route.summary;
  if (!route.tag.empty()) operation["tags"] = {route.tag};

  nlohmann::json parameters = nlohmann::json::array();
  for (const std::string& name : PathParameterNames(route.path)) {
    parameters.push_back(
        {{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
  }
  if (!parameters.empty()) operation["parameters"] = std::move(parameters);

  if (!route.request_schema.is_null()) {
    operation["requestBody"] = {
        {"required", true},
        {"content", {{"application/json", {{"schema", route.request_schema}}}}}};
  }

  nlohmann::json success = {{"description", route.response_description}};
  if (!route.response_schema.is_null()) {
    success["content"] = {{"application/json", {{"schema", route.response_schema}}}};
  }
  nlohmann::json responses = {{std::to_string(route.success_status), std::move(success)},
                              {"default", ErrorResponseRef()}};
  if (route.access == Access::kAuthenticated) {
    responses["401"] = ErrorResponseRef();
    operation["security"] = {{{"bearerAuth", nlohmann::json::array()}},
                             {{"cookieAuth", nlohmann::json::array()}}};
    if (route.permission) {
      responses["403"] = ErrorResponseRef();
      operation["x-permission"] = auth::PermissionName(*route.permission);
    }
  } else {
    operation["security"] = nlohmann::json::array();
  }
  operation["responses"] = std::move(responses);
  return operation;
}

}  // namespace

nlohmann::json BuildOpenApi(const Router& router, const OpenApiInfo& info) {
  nlohmann::json paths = nlohmann::json::object();
  std::set<std::string> tags;
  for (const RouteSpec& route : router.routes()) {
    paths[route.path][LowerMethod(route.method)] = Operation(route);
    if (!route.tag.empty()) tags.insert(route.tag);
  }
  nlohmann::json tag_list = nlohmann::json::array();
  for (const std::string& tag : tags) tag_list.push_back({{"name", tag}});

  return {
      {"openapi", "3.0.3"},
      {"info",
       {{"title", info.title}, {"version", info.version}, {"description", info.description}}},
      {"tags", std::move(tag_list)},
      {"paths", std::move(paths)},
      {"components",
       {{"schemas", {{"Error", ErrorSchema()}}},
        {"responses",
         {{"Error",
           {{"description", "An error: {\"error\":{\"code\",\"message\",\"field\"}}"},
            {"content",
             {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}}},
        {"securitySchemes",
         {{"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}}},
          {"cookieAuth",
           {{"type", "apiKey"}, {"in", "cookie"}, {"name", std::string(kSessionCookie)}}}}}}},
  };
}

}  // namespace shequ::api
