#include "planning/store/osm_import_store.h"

#include <sodium.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "planning/graph_codec.h"
#include "store/transaction.h"

namespace shequ::planning {
namespace {

using store::Value;

// The file's SHA-256, so that an operator can tell which extract the current import came from.
Result<std::string> FileSha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot open " + path);
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::array<char, 1 << 16> buffer{};
  while (in) {
    in.read(buffer.data(), buffer.size());
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()),
                              static_cast<unsigned long long>(in.gcount()));
  }
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&state, digest.data());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data());
}

nlohmann::json StatsJson(const WalkImportStats& network, const OsmFeatureStats& features) {
  return {{"ways_read", network.ways_read},
          {"walkable_ways", network.walkable_ways},
          {"missing_node_locations", network.missing_node_locations},
          {"components", network.components},
          {"dropped_components", network.dropped_components},
          {"dropped_nodes", network.dropped_nodes},
          {"buildings", features.buildings},
          {"residential_buildings", features.residential_buildings},
          {"broken_areas", features.broken_areas},
          {"unmapped_facility_tags", features.unmapped_facility_tags}};
}

Value OptionalInt(const std::optional<int>& value) {
  return value ? Value(std::int64_t{*value}) : Value(store::kNull);
}

Status StoreImport(store::Connection& connection, const OsmImportSummary& summary,
                   const WalkImport& network, const OsmFeatures& features, std::string_view by,
                   Instant now, const ImportProgress& progress, std::int64_t* import_id) {
  auto inserted = connection.Query(
      "INSERT INTO osm_imports (source_name, source_bytes, source_sha256, imported_at, "
      "imported_by, node_count, edge_count, graph, stats) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {summary.source_name, summary.source_bytes, summary.source_sha256, now, std::string(by),
       static_cast<std::int64_t>(summary.nodes), static_cast<std::int64_t>(summary.edges),
       store::Blob{EncodeWalkGraph(network.graph)},
       StatsJson(network.stats, features.stats).dump()});
  SHEQU_RETURN_IF_ERROR(inserted);
  *import_id = inserted->rows[0].GetInt(0);
  const Value id = *import_id;

  const std::size_t total = features.buildings.size() + features.residential_areas.size() +
                            features.boundaries.size() + features.facilities.size();
  std::size_t written = 0;
  const auto tick = [&] {
    ++written;
    if (progress && (written % 2048 == 0 || written == total)) {
      progress("storing", static_cast<double>(written) / static_cast<double>(total));
    }
  };
  for (const OsmBuilding& b : features.buildings) {
    SHEQU_RETURN_IF_ERROR(connection.Query(
        "INSERT INTO osm_buildings (import_id, osm_type, osm_id, building, residential, levels, "
        "name, address, latitude, longitude, footprint_area_m2, footprint) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {id, std::string(OsmTypeName(b.ref.type)), b.ref.id, b.building,
         std::int64_t{b.residential ? 1 : 0}, OptionalInt(b.levels), b.name, b.address,
         b.centroid.Lat(), b.centroid.Lon(), b.footprint_area_m2, AreaGeoJson(b.footprint)}));
    tick();
  }
  const auto store_area = [&](std::string_view kind, const OsmRef& ref, Value admin_level,
                              const std::string& name, Coord centroid, double area_m2,
                              const Area& area) {
    return connection.Query(
        "INSERT INTO osm_areas (import_id, kind, admin_level, osm_type, osm_id, name, latitude, "
        "longitude, area_m2, geometry) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {id, std::string(kind), std::move(admin_level), std::string(OsmTypeName(ref.type)), ref.id,
         name, centroid.Lat(), centroid.Lon(), area_m2, AreaGeoJson(area)});
  };
  for (const OsmLanduseArea& a : features.residential_areas) {
    SHEQU_RETURN_IF_ERROR(store_area("residential_landuse", a.ref, store::kNull, a.name, a.centroid,
                                     a.area_m2, a.area));
    tick();
  }
  for (const OsmBoundary& b : features.boundaries) {
    SHEQU_RETURN_IF_ERROR(store_area("admin_boundary", b.ref, std::int64_t{b.admin_level}, b.name,
                                     b.centroid, AreaSquareMetres(b.area), b.area));
    tick();
  }
  for (const OsmFacility& f : features.facilities) {
    SHEQU_RETURN_IF_ERROR(connection.Query(
        "INSERT INTO osm_facilities (import_id, osm_type, osm_id, facility_type, name, latitude, "
        "longitude) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {id, std::string(OsmTypeName(f.ref.type)), f.ref.id, f.facility_type, f.name,
         f.location.Lat(), f.location.Lon()}));
    tick();
  }
  // The previous import goes only now, in the same transaction: readers see the old one until
  // the commit and the new one after it, never a mixture or nothing.
  SHEQU_RETURN_IF_ERROR(connection.Query("DELETE FROM osm_imports WHERE id <> ?", {id}));
  return {};
}

OsmType ParseOsmType(std::string_view name) {
  if (name == "node") return OsmType::kNode;
  if (name == "relation") return OsmType::kRelation;
  return OsmType::kWay;
}

}  // namespace

Result<OsmImportSummary> ImportOsmFile(store::Database& database, const std::string& path,
                                       std::string_view imported_by, Instant now,
                                       const ImportProgress& progress) {
  OsmImportSummary summary;
  std::error_code size_error;
  const auto size = std::filesystem::file_size(path, size_error);
  if (size_error) return NotFound("cannot open " + path + ": " + size_error.message());
  summary.source_name = std::filesystem::path(path).filename().string();
  summary.source_bytes = static_cast<std::int64_t>(size);
  auto sha256 = FileSha256(path);
  SHEQU_RETURN_IF_ERROR(sha256);
  summary.source_sha256 = *sha256;

  // Both readers run before the transaction opens: a file that fails to read touches nothing.
  WalkImportOptions network_options;
  if (progress) {
    network_options.progress = [&](std::size_t read, std::size_t total) {
      progress("network", total ? static_cast<double>(read) / static_cast<double>(total) : 1.0);
    };
  }
  auto network = ImportWalkGraph(path, network_options);
  SHEQU_RETURN_IF_ERROR(network);
  OsmFeatureOptions feature_options;
  if (progress) {
    feature_options.progress = [&](std::size_t read, std::size_t total) {
      progress("features", total ? static_cast<double>(read) / static_cast<double>(total) : 1.0);
    };
  }
  auto features = ReadOsmFeatures(path, feature_options);
  SHEQU_RETURN_IF_ERROR(features);

  summary.nodes = network->graph.NodeCount();
  summary.edges = network->graph.ArcCount() / 2;
  summary.bytes_per_node = network->graph.BytesPerNode();
  summary.buildings = features->buildings.size();
  summary.residential_buildings = features->stats.residential_buildings;
  summary.residential_areas = features->residential_areas.size();
  summary.boundaries = features->boundaries.size();
  summary.facilities = features->facilities.size();
  summary.network = network->stats;
  summary.features = features->stats;

  auto connection = database.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  auto previous = (*connection)->Query("SELECT MAX(id) FROM osm_imports");
  SHEQU_RETURN_IF_ERROR(previous);
  summary.replaced_import_id = previous->rows[0].GetOptionalInt(0);
  auto tx = store::Transaction::Begin(**connection);
  SHEQU_RETURN_IF_ERROR(tx);
  SHEQU_RETURN_IF_ERROR(StoreImport(**connection, summary, *network, *features, imported_by, now,
                                    progress, &summary.import_id));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return summary;
}

Result<std::optional<StoredImport>> LoadCurrentImport(store::Database& database) {
  auto connection = database.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  auto latest = (*connection)
                    ->Query(
                        "SELECT id, source_name, imported_at, graph FROM osm_imports ORDER BY id "
                        "DESC LIMIT 1");
  SHEQU_RETURN_IF_ERROR(latest);
  if (latest->rows.empty()) return std::optional<StoredImport>();
  const auto& row = latest->rows[0];
  StoredImport stored;
  stored.id = row.GetInt(0);
  stored.source_name = row.GetText(1);
  stored.imported_at = row.GetInt(2);
  auto graph = DecodeWalkGraph(row.GetBlob(3).bytes);
  SHEQU_RETURN_IF_ERROR(graph);
  stored.graph = std::move(*graph);
  auto facilities = (*connection)
                        ->Query(
                            "SELECT id, osm_type, osm_id, facility_type, name, latitude, longitude "
                            "FROM osm_facilities "
                            "WHERE import_id = ? ORDER BY id",
                            {stored.id});
  SHEQU_RETURN_IF_ERROR(facilities);
  stored.facilities.reserve(facilities->rows.size());
  for (const auto& f : facilities->rows) {
    stored.facilities.push_back({.id = f.GetInt(0),
                                 .ref = {ParseOsmType(f.GetText(1)), f.GetInt(2)},
                                 .facility_type = f.GetText(3),
                                 .name = f.GetText(4),
                                 .location = Coord::FromDegrees(f.GetDouble(5), f.GetDouble(6))});
  }
  return std::optional<StoredImport>(std::move(stored));
}

}  // namespace shequ::planning
