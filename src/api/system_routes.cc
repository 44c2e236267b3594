#include "api/system_routes.h"

#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "api/error_response.h"
#include "base/log.h"

namespace shequ::api {
namespace {

// The document, built once on first use: routes do not change after serving starts. Held by a
// shared_ptr because std::function copies its lambda; the copies share one document.
struct OpenApiCache {
  std::once_flag once;
  std::string body;
};

}  // namespace

void AddSystemRoutes(Router& router, SystemRoutesOptions options) {
  router.Add({
      .method = Method::kGet,
      .path = "/healthz",
      .summary = "Liveness and readiness: 200 when the server and its database answer",
      .access = Access::kPublic,
      .tag = "system",
      .response_schema = {{"type", "object"},
                          {"properties", {{"status", {{"type", "string"}, {"enum", {"ok"}}}}}}},
      .quiet = true,
      .handler =
          [check = std::move(options.health_check)](RequestContext& context) {
            if (check) {
              if (Status healthy = check(); !healthy) {
                // The reason goes to the log only: it may name hosts and drivers.
                log::Warn("http.health_check_failed",
                          {{"request_id", context.request().request_id},
                           {"code", ErrorCodeName(healthy.error().code)},
                           {"message", healthy.error().message}});
                return Response::Json(
                    503,
                    {{"status", "unavailable"},
                     {"error", {{"code", "unavailable"}, {"message", "health check failed"}}}});
              }
            }
            return Response::Json(200, {{"status", "ok"}});
          },
  });

  if (options.metrics != nullptr) {
    router.Add({
        .method = Method::kGet,
        .path = "/metrics",
        .summary = "Prometheus metrics in the text exposition format",
        .access = Access::kPublic,
        .tag = "system",
        .response_description = "text/plain; version=0.0.4",
        .quiet = true,
        .handler =
            [metrics = options.metrics](RequestContext&) {
              return Response::Text(200, metrics->Render(),
                                    "text/plain; version=0.0.4; charset=utf-8");
            },
    });
  }

  router.Add({
      .method = Method::kGet,
      .path = "/api/v1/openapi.json",
      .summary = "This API's OpenAPI 3.0 document",
      .access = Access::kPublic,
      .tag = "system",
      .response_schema = {{"type", "object"}},
      .handler =
          [&router, info = std::move(options.openapi),
           cache = std::make_shared<OpenApiCache>()](RequestContext&) {
            std::call_once(cache->once, [&] { cache->body = BuildOpenApi(router, info).dump(); });
            return Response::Text(200, cache->body, "application/json");
          },
  });
}

}  // namespace shequ::api
