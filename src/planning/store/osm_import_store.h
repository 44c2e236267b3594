// The thin adapter between the planning engine core (pure, src/planning/) and the store: reads an
// OpenStreetMap extract with the core's importers and keeps the result in the database
// (migration 0005_planning.sql), replacing the previous import in one transaction; loads the
// latest import back for the assessment and the planning API.
//
// Thread-safe: every call borrows its own connection.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil_time.h"
#include "base/error.h"
#include "planning/osm_features.h"
#include "planning/osm_walk_import.h"
#include "planning/walk_graph.h"
#include "store/database.h"

namespace shequ::planning {

// The phases of an import, in order, for a progress bar: "network" and "features" read the file
// (fraction = bytes read / file size), "storing" writes the rows (fraction of rows written).
using ImportProgress = std::function<void(std::string_view phase, double fraction)>;

struct OsmImportSummary {
  std::int64_t import_id = 0;
  std::string source_name;
  std::string source_sha256;
  std::int64_t source_bytes = 0;
  std::size_t nodes = 0;
  std::size_t edges = 0;
  double bytes_per_node = 0;
  std::size_t buildings = 0;
  std::size_t residential_buildings = 0;
  std::size_t residential_areas = 0;
  std::size_t boundaries = 0;
  std::size_t facilities = 0;
  WalkImportStats network;
  OsmFeatureStats features;
  std::optional<std::int64_t> replaced_import_id;  // the import this one replaced, if any
};

// Reads `path` (.osm.pbf or .osm) and stores its network, buildings, areas and facilities as the
// new current import, removing the previous one in the same transaction. Errors: kNotFound for a
// missing file, kInvalidArgument for a corrupt or truncated one or one without a walkable way; on
// any error the previous import stays as it was.
Result<OsmImportSummary> ImportOsmFile(store::Database& database, const std::string& path,
                                       std::string_view imported_by, Instant now,
                                       const ImportProgress& progress = {});

struct StoredFacility {
  std::int64_t id = 0;  // osm_facilities.id
  OsmRef ref;
  std::string facility_type;
  std::string name;
  Coord location;
};

struct StoredImport {
  std::int64_t id = 0;
  std::string source_name;
  Instant imported_at;
  WalkGraph graph;
  std::vector<StoredFacility> facilities;
};

// The current import with its graph and facilities; nullopt when nothing was imported yet.
Result<std::optional<StoredImport>> LoadCurrentImport(store::Database& database);

}  // namespace shequ::planning
