#include <fmt/format.h>

#include "base/log.h"
#include "cli/commands.h"
#include "store/migrations.h"

namespace shequ::cli {

void PrintError(const Error& error) {
  if (error.field.empty()) {
    fmt::print(stderr, "shequ: {}\n", error.message);
  } else {
    fmt::print(stderr, "shequ: {} ({})\n", error.message, error.field);
  }
}

Result<std::unique_ptr<store::Database>> OpenAndMigrate(const Config& config) {
  store::DatabaseOptions options;
  options.pool_size = config.db_pool_size;
  auto database = store::Database::Open(config.database, options);
  SHEQU_RETURN_IF_ERROR(database);
  auto applied = store::Migrate(**database);
  SHEQU_RETURN_IF_ERROR(applied);
  for (int version : *applied) {
    log::Info("db.migrated", {{"version", version}, {"database", (*database)->redacted_url()}});
  }
  return std::move(*database);
}

int RunMigrate(const Config& config) {
  auto database = OpenAndMigrate(config);
  if (!database) {
    PrintError(database.error());
    return 1;
  }
  fmt::print("shequ: {} is up to date ({} migrations built in)\n", (*database)->redacted_url(),
             store::BuiltInMigrations().size());
  return 0;
}

}  // namespace shequ::cli
