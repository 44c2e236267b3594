// `shequ serve`: the database (migrated), the auth service, the HTTP application; runs until
// SIGTERM or SIGINT, lets in-flight requests finish, then closes the database.
#include <fmt/format.h>

#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>

#include "api/application.h"
#include "auth/auth_service.h"
#include "base/civil_time.h"
#include "base/log.h"
#include "cli/commands.h"
#include "registry/pii_cipher.h"
#include "registry/registry_service.h"

namespace shequ::cli {
namespace {

// Deletes old login attempts and ended sessions once an hour, so those tables stay small.
std::jthread StartHousekeeping(auth::AuthService& auth) {
  return std::jthread([&auth](std::stop_token stop) {
    std::mutex mutex;
    std::condition_variable_any wake;
    std::unique_lock lock(mutex);
    while (!stop.stop_requested()) {
      if (auto purged = auth.PurgeExpired(); purged) {
        log::Info("auth.purged",
                  {{"login_attempts", purged->login_attempts}, {"sessions", purged->sessions}});
      } else {
        log::Warn("auth.purge_failed", {{"message", purged.error().message}});
      }
      wake.wait_for(lock, stop, std::chrono::hours(1), [] { return false; });
    }
  });
}

}  // namespace

int RunServe(const Config& config) {
  log::Level level = log::Level::kInfo;
  log::ParseLevel(config.log_level, &level);
  log::SetLevel(level);

  const auto listen = ParseHostPort(config.listen);
  if (!listen) {
    PrintError(listen.error());
    return 2;
  }
  // The personal-data key comes first: without it no resident can be stored or shown.
  auto cipher = registry::PiiCipher::LoadKeyFile(config.key_file);
  if (!cipher) {
    PrintError(cipher.error());
    return 2;
  }
  auto database = OpenAndMigrate(config);
  if (!database) {
    PrintError(database.error());
    return 1;
  }

  SystemClock clock;
  auth::AuthOptions auth_options;
  auth_options.session_ttl = std::chrono::minutes(config.session_ttl_minutes);
  auth_options.idle_timeout = std::chrono::minutes(config.session_idle_minutes);
  auth::AuthService auth(**database, clock, auth_options);
  registry::RegistryService registry_service(**database, clock, **cipher);

  const api::AppServices services{.database = **database,
                                  .auth = auth,
                                  .registry = registry_service,
                                  .clock = clock,
                                  .session_ttl_seconds = config.session_ttl_minutes * 60};
  api::ApplicationOptions options;
  options.server.host = listen->host;
  options.server.port = listen->port;
  options.server.io_threads = config.threads;
  options.server.max_body_bytes = static_cast<std::size_t>(config.max_body_bytes);
  options.server.max_header_bytes = static_cast<std::size_t>(config.max_header_bytes);
  options.server.read_timeout = std::chrono::seconds(config.request_timeout_seconds);
  options.web_root = config.web_root;
  api::Application application(services, options);
  if (auto started = application.Start(); !started) {
    PrintError(started.error());
    return 1;
  }
  // Scripts and the browser tests wait for this line; keep its shape.
  fmt::print("shequ: listening on http://{}:{}\n", listen->host, application.port());
  std::fflush(stdout);
  log::Info("server.started", {{"database", (*database)->redacted_url()},
                               {"port", application.port()},
                               {"threads", config.threads}});

  std::jthread housekeeping = StartHousekeeping(auth);
  if (auto status = application.RunUntilSignal(); !status) {
    PrintError(status.error());
    return 1;
  }
  housekeeping.request_stop();
  housekeeping.join();
  log::Info("server.stopped", {{"message", "in-flight requests finished; closing the database"}});
  return 0;
}

}  // namespace shequ::cli
