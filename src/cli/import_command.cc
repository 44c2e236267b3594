// `shequ import osm FILE`: reads an OpenStreetMap extract into the planning engine's tables
// (the walking network, buildings, residential land, boundaries, facilities), replacing the
// previous import only when the new one is complete. Shows progress on stderr.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "base/civil_time.h"
#include "cli/commands.h"
#include "planning/store/osm_import_store.h"

namespace shequ::cli {
namespace {

// A progress bar on a terminal; on a pipe or a log file, one line per phase and quarter, so a
// CI log stays short.
class ProgressPrinter {
 public:
  ProgressPrinter() : terminal_(isatty(fileno(stderr)) == 1) {}

  void operator()(std::string_view phase, double fraction) {
    const int percent = static_cast<int>(fraction * 100.0 + 0.5);
    if (terminal_) {
      constexpr int kWidth = 30;
      const int filled = percent * kWidth / 100;
      fmt::print(stderr, "\r{:<9} [{}{}] {:3d}%", phase, std::string(filled, '#'),
                 std::string(kWidth - filled, ' '), percent);
      if (percent == 100) fmt::print(stderr, "\n");
      return;
    }
    const int quarter = percent / 25;
    if (phase != phase_ || quarter > quarter_) {
      fmt::print(stderr, "{}: {}%\n", phase, quarter * 25);
      phase_ = std::string(phase);
      quarter_ = quarter;
    }
  }

 private:
  bool terminal_;
  std::string phase_;
  int quarter_ = -1;
};

}  // namespace

int RunImportOsm(const Config& config, const ImportOsmOptions& options) {
  auto database = OpenAndMigrate(config);
  if (!database) {
    PrintError(database.error());
    return 1;
  }
  SystemClock clock;
  ProgressPrinter progress;
  const auto started = std::chrono::steady_clock::now();
  auto summary = planning::ImportOsmFile(
      **database, options.path, "cli", clock.Now(),
      [&](std::string_view phase, double fraction) { progress(phase, fraction); });
  if (!summary) {
    PrintError(summary.error());
    fmt::print(stderr, "shequ: nothing was imported; the previous import, if any, is unchanged\n");
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  fmt::print("Imported {} (sha256 {}) in {:.1f} s as import {}{}.\n", summary->source_name,
             summary->source_sha256.substr(0, 12), seconds, summary->import_id,
             summary->replaced_import_id
                 ? fmt::format(", replacing import {}", *summary->replaced_import_id)
                 : "");
  fmt::print(
      "  walking network: {} nodes, {} edges ({:.1f} bytes per node); {} stray pieces "
      "({} nodes) left out\n",
      summary->nodes, summary->edges, summary->bytes_per_node, summary->network.dropped_components,
      summary->network.dropped_nodes);
  fmt::print("  buildings: {} ({} residential); residential land areas: {}; boundaries: {}\n",
             summary->buildings, summary->residential_buildings, summary->residential_areas,
             summary->boundaries);
  fmt::print("  facilities: {}; amenity/shop/leisure values not in the mapping table: {}\n",
             summary->facilities, summary->features.unmapped_facility_tags);
  return 0;
}

}  // namespace shequ::cli
