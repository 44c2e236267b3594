// The routes every server has, whatever the modules: GET /healthz, GET /metrics and
// GET /api/v1/openapi.json, all public.
//
// /healthz answers {"status":"ok"}, or 503 with the error when the health check fails (the lead
// plugs in a database ping). /metrics renders the Metrics. The OpenAPI document is built from the
// router on the first request, after every route is registered, and kept. Thread-safe once
// registered.
#pragma once

#include <functional>

#include "api/metrics.h"
#include "api/openapi.h"
#include "api/router.h"
#include "base/error.h"

namespace shequ::api {

// Called on an io thread for every /healthz: must be thread-safe and quick.
using HealthCheck = std::function<Status()>;

struct SystemRoutesOptions {
  Metrics* metrics = nullptr;  // /metrics when set; must outlive the router
  HealthCheck health_check;    // none: always healthy
  OpenApiInfo openapi;
};

// Registers the three routes on `router`, which must outlive them (the OpenAPI route reads it).
void AddSystemRoutes(Router& router, SystemRoutesOptions options);

}  // namespace shequ::api
