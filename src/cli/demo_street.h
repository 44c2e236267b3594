// The demo street (示范街道) laid on a real OpenStreetMap extract: each ward (admin_level=10
// boundary) becomes a community with two or three grids, each home inside it a building of the
// registry, and a synthetic census-shaped population (registry/synthetic_population.h) lives in
// them. Used by `shequ init --demo`; the same extract, seed and scale give the same street.
// Not thread-safe: run once, on an empty database.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/civil_time.h"
#include "base/error.h"
#include "registry/pii_cipher.h"
#include "registry/place.h"
#include "registry/registry_records.h"
#include "store/database.h"

namespace shequ::cli {

// The seed of the demo population: the census's reference day, 2020-11-01.
inline constexpr std::uint64_t kDemoSeed = 20201101;

struct DemoStreetOptions {
  std::string osm_path;  // a .osm.pbf or .osm extract with admin_level=10 boundaries
  // Multiplies every community's population (5,000-12,000 people at 1); in (0, 1], for tests.
  double scale = 1.0;
  std::uint64_t seed = kDemoSeed;
  CivilDate as_of;  // ages and move-in dates are counted to this day
};

struct DemoCommunity {
  registry::Community community;
  std::vector<registry::Grid> grids;  // 第一网格, 第二网格[, 第三网格]
  int buildings = 0;
  int households = 0;
  int residents = 0;
};

struct DemoStreet {
  registry::Street street;
  std::vector<DemoCommunity> communities;  // by ward name
  // The community whose staff the community-scoped demo accounts are (the first by name), and
  // its first household: where the demo `resident` login is meant to live.
  std::size_t accounts_community = 0;
  registry::HouseholdId first_household;
  registry::ResidentId first_household_head;
};

// Reads the extract and writes the street: one transaction per community, progress printed on
// stdout. Errors: kNotFound naming "demo_osm" when the file is missing, kInvalidArgument when it
// is unreadable or holds no ward with homes, kConflict when the database already holds streets,
// and whatever the database answers. A failed community leaves the communities before it.
Result<DemoStreet> CreateDemoStreet(store::Database& database, const registry::PiiCipher& cipher,
                                    const DemoStreetOptions& options, Instant now);

}  // namespace shequ::cli
