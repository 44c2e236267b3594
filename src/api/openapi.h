// The OpenAPI 3.0 document of the HTTP API, built from the router's routes: the document served
// at GET /api/v1/openapi.json, checked against the routes by a test so the two cannot drift.
//
// Each route gives one operation: summary, tag, path parameters, the JSON request body schema,
// the success response, the shared error response, and for authenticated routes the bearer and
// cookie security schemes (and x-permission). Pure function of its inputs; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "api/router.h"

namespace shequ::api {

struct OpenApiInfo {
  std::string title = "shequ API";
  std::string version = "0.1.0";
  std::string description = "社区 (shequ): services of a neighbourhood community.";
};

nlohmann::json BuildOpenApi(const Router& router, const OpenApiInfo& info);

}  // namespace shequ::api
