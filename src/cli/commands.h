// The subcommands of `shequ`. Each returns the process exit code: 0 on success, 1 when the work
// failed (the reason is printed), 2 for bad usage.
#pragma once

#include <memory>
#include <string>

#include "base/config.h"
#include "base/error.h"
#include "store/database.h"

namespace shequ::cli {

// Opens the configured database and applies pending migrations, reporting them on stderr.
Result<std::unique_ptr<store::Database>> OpenAndMigrate(const Config& config);

int RunServe(const Config& config);
int RunMigrate(const Config& config);

struct InitOptions {
  bool demo = false;
  std::string demo_password;  // empty: a random one, printed once
  // The OpenStreetMap extract the demo street is laid on (its wards become communities).
  std::string demo_osm = "../shared/data/monaco-2016.osm.pbf";
  double demo_scale = 1.0;  // multiplies every demo community's population; (0, 1]
  // The eldercare services' history (canteen, assessments, home care, volunteers); the browser
  // tests leave it out to start from an empty canteen.
  bool demo_eldercare = true;
};
int RunInit(const Config& config, const InitOptions& options);

struct UserAddOptions {
  std::string login;
  std::string display_name;
  std::string role;
  std::string scope;  // "street:ID", "community:ID" or "grid:ID"
  bool password_from_stdin = false;
};
int RunUserAdd(const Config& config, const UserAddOptions& options);

struct ImportOsmOptions {
  std::string path;  // .osm.pbf or .osm
};
int RunImportOsm(const Config& config, const ImportOsmOptions& options);

struct AssessOptions {
  std::int64_t community = 0;   // 0: every community
  std::string format = "json";  // json, geojson or html
  std::string lang = "zh";      // the html report's language: zh or en
  std::string title;            // the html report's heading; empty: a generic one
  std::string out;              // empty: stdout
};
int RunAssess(const Config& config, const AssessOptions& options);

// Prints an error the way every subcommand does: "shequ: <message> (<field>)".
void PrintError(const Error& error);

}  // namespace shequ::cli
