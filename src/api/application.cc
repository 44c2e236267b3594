#include "api/application.h"

#include "api/system_routes.h"
#include "base/log.h"

namespace shequ::api {
namespace {

std::vector<MetricSample> PoolSamples(const store::Database& database) {
  const store::PoolStats stats = database.stats();
  return {
      {"shequ_db_pool_size", "Connections the pool may hold.", MetricType::kGauge,
       static_cast<double>(stats.size)},
      {"shequ_db_pool_in_use", "Connections lent out now.", MetricType::kGauge,
       static_cast<double>(stats.in_use)},
      {"shequ_db_pool_acquired_total", "Connections lent since start.", MetricType::kCounter,
       static_cast<double>(stats.acquired)},
      {"shequ_db_pool_waited_total", "Borrows that waited for a free connection.",
       MetricType::kCounter, static_cast<double>(stats.waited)},
      {"shequ_db_pool_timed_out_total", "Borrows that gave up waiting.", MetricType::kCounter,
       static_cast<double>(stats.timed_out)},
  };
}

Status PingDatabase(store::Database& database) {
  auto connection = database.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  SHEQU_RETURN_IF_ERROR((*connection)->Query("SELECT 1"));
  return {};
}

}  // namespace

Application::Application(const AppServices& services, ApplicationOptions options)
    : services_(services) {
  store::Database& database = services_.database;
  metrics_.AddCollector([&database] { return PoolSamples(database); });
  AddSystemRoutes(router_, {.metrics = &metrics_,
                            .health_check = [&database] { return PingDatabase(database); },
                            .openapi = {}});
  RegisterModuleRoutes(router_, services_);
  RegisterImportRoutes(router_, services_);
  RegisterExportRoutes(router_, services_);
  router_.SetAuthenticator(MakeAuthenticator(services_.auth));
  if (!options.web_root.empty()) {
    auto files = StaticFiles::Open(options.web_root);
    if (files) {
      static_files_.emplace(std::move(*files));
      const StaticFiles* served = &*static_files_;
      router_.SetFallback([served](const Request& request) { return served->Serve(request); });
    } else {
      log::Warn("web.root_missing", {{"web_root", options.web_root},
                                     {"message", "serving the API only; build the UI (make web)"}});
    }
  }
  server_ = std::make_unique<HttpServer>(options.server, router_, &metrics_);
}

Application::~Application() { server_->Stop(); }

Status Application::Start() { return server_->Start(); }

}  // namespace shequ::api
