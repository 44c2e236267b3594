// The whole HTTP application: the router with every module's routes and the system routes, the
// metrics (with the database pool's gauges), the web UI as the fallback, and the server.
//
// `shequ serve` and the API tests build it the same way, so the tests exercise what users run.
// Start/Stop/RunUntilSignal are thread-safe as HttpServer's are.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "api/app_services.h"
#include "api/http_server.h"
#include "api/metrics.h"
#include "api/router.h"
#include "api/static_files.h"

namespace shequ::api {

struct ApplicationOptions {
  ServerOptions server;
  std::string web_root;  // the built UI; empty or missing: API only (logged)
};

class Application {
 public:
  // `services` (and what they point to) must outlive the application.
  Application(const AppServices& services, ApplicationOptions options);
  ~Application();

  Status Start();
  std::uint16_t port() const { return server_->port(); }
  Status RunUntilSignal() { return server_->RunUntilSignal(); }
  void Stop() { server_->Stop(); }

  const Router& router() const { return router_; }
  const Metrics& metrics() const { return metrics_; }

 private:
  AppServices services_;
  Router router_;
  Metrics metrics_;
  std::optional<StaticFiles> static_files_;
  std::unique_ptr<HttpServer> server_;
};

}  // namespace shequ::api
