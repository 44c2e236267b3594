#include "planning/service/planning_layers.h"

#include <cmath>
#include <string>
#include <unordered_map>

#include "planning/assessment_json.h"

namespace shequ::planning {
namespace {

using nlohmann::json;

// A stored GeoJSON geometry, or null when it does not parse (never trusted blindly: the map would
// fail on the whole layer).
json GeometryOf(const std::string& text) {
  auto geometry = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (geometry.is_discarded() || !geometry.is_object() || !geometry.contains("type") ||
      !geometry.contains("coordinates")) {
    return nullptr;
  }
  return geometry;
}

// 6 decimals of a degree are about 0.1 m: enough for a map, a third of the bytes of a double.
double Round6(double degrees) { return std::round(degrees * 1e6) / 1e6; }

json Position(Coord c) { return json::array({Round6(c.Lon()), Round6(c.Lat())}); }

}  // namespace

GeoBounds BoundaryBounds(std::span<const ScopedCommunity> communities) {
  GeoBounds bounds;
  for (const ScopedCommunity& community : communities) {
    if (!community.boundary) continue;
    auto area = AreaFromGeoJson(*community.boundary);
    if (!area) continue;
    for (const Polygon& polygon : area->polygons) {
      for (const Coord& c : polygon.outer) bounds.Add(c);
    }
  }
  return bounds;
}

GeoBounds CommunitiesBounds(const AssessmentRun& run) {
  GeoBounds bounds = BoundaryBounds(run.communities);
  if (!bounds.empty) return bounds;
  for (const AssessmentBuilding& building : run.data.buildings) bounds.Add(building.location);
  return bounds;
}

Result<json> BuildingsLayer(store::Database& database, const AssessmentRun& run) {
  const AssessmentInput input = run.Input();
  json collection = BuildingsGeoJson(input, run.assessment);
  auto connection = database.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);

  // The registry's own footprints, drawn by a worker or taken from OSM when the building was
  // registered.
  std::unordered_map<std::string, std::string> footprint_of;
  for (const ScopedCommunity& community : run.communities) {
    auto rows = (*connection)
                    ->Query(
                        "SELECT id, footprint FROM buildings WHERE community_id = ? AND "
                        "footprint IS NOT NULL",
                        {community.id.value()});
    SHEQU_RETURN_IF_ERROR(rows);
    for (const auto& row : rows->rows) {
      footprint_of.emplace(std::to_string(row.GetInt(0)), row.GetText(1));
    }
  }
  // The import's footprints for the rest: OSM homes ("way/123") and registry buildings that
  // name their OSM way. Only the rows around those buildings are read.
  GeoBounds missing;
  for (const AssessmentBuilding& b : run.data.buildings) {
    if (b.osm_id != 0 && !footprint_of.contains(b.id)) missing.Add(b.location);
  }
  std::unordered_map<std::string, std::string> osm_footprint_of;
  if (!missing.empty) {
    const GeoBounds box = missing.Padded(200);
    auto rows = (*connection)
                    ->Query(
                        "SELECT osm_type, osm_id, footprint FROM osm_buildings WHERE import_id = "
                        "? AND latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?",
                        {run.data.import_id, box.min_lat, box.max_lat, box.min_lon, box.max_lon});
    SHEQU_RETURN_IF_ERROR(rows);
    for (const auto& row : rows->rows) {
      osm_footprint_of.emplace(row.GetText(0) + "/" + std::to_string(row.GetInt(1)),
                               row.GetText(2));
    }
  }

  auto& features = collection["features"];
  for (std::size_t b = 0; b < run.data.buildings.size() && b < features.size(); ++b) {
    const AssessmentBuilding& building = run.data.buildings[b];
    const std::string* text = nullptr;
    if (auto it = footprint_of.find(building.id); it != footprint_of.end()) {
      text = &it->second;
    } else if (building.osm_id != 0) {
      // An OSM home's id is already "way/123"; a registry building's osm_id is a way id.
      const std::string key = building.id.find('/') != std::string::npos
                                  ? building.id
                                  : "way/" + std::to_string(building.osm_id);
      if (auto osm = osm_footprint_of.find(key); osm != osm_footprint_of.end()) {
        text = &osm->second;
      }
    }
    if (text == nullptr) continue;
    json geometry = GeometryOf(*text);
    if (!geometry.is_null()) features[b]["geometry"] = std::move(geometry);
  }
  return collection;
}

json FacilitiesLayer(const AssessmentRun& run, const std::optional<GeoBounds>& within) {
  const AssessmentInput input = run.Input();
  json all = FacilitiesGeoJson(input, run.assessment);
  json features = json::array();
  auto& from = all["features"];
  for (std::size_t f = 0; f < run.data.facilities.size() && f < from.size(); ++f) {
    const AssessmentFacility& facility = run.data.facilities[f];
    if (within && !within->Contains(facility.location)) continue;
    json feature = std::move(from[f]);
    feature["properties"]["name"] = facility.name.empty() ? json(nullptr) : json(facility.name);
    features.push_back(std::move(feature));
  }
  return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

json NetworkLayer(const PlanningNetwork& network, const std::optional<GeoBounds>& within) {
  json features = json::array();
  json coordinates = json::array();
  bool inside = false;
  float length_m = 0;
  auto flush = [&] {
    if (coordinates.size() >= 2 && (!within || inside)) {
      features.push_back(
          {{"type", "Feature"},
           {"geometry", {{"type", "LineString"}, {"coordinates", std::move(coordinates)}}},
           {"properties", {{"length_m", std::round(length_m * 10.0) / 10.0}}}});
    }
    coordinates = json::array();
    inside = false;
  };
  // CollapseChains emits each edge's pieces together, in order along the edge, the first one
  // starting at 0: a piece at 0 starts the next edge.
  for (const EdgePiece& piece : network.collapsed.pieces) {
    if (piece.start_m == 0.0f) {
      flush();
      coordinates.push_back(Position(piece.a));
      length_m = piece.edge_length_m;
      if (within && within->Contains(piece.a)) inside = true;
    }
    coordinates.push_back(Position(piece.b));
    if (within && within->Contains(piece.b)) inside = true;
  }
  flush();
  return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

json CommunitiesLayer(const AssessmentRun& run) {
  json features = json::array();
  for (const CommunityResult& result : run.assessment.communities) {
    const ScopedCommunity* scoped = nullptr;
    const std::string& id = run.data.communities[result.community].id;
    for (const ScopedCommunity& c : run.communities) {
      if (std::to_string(c.id.value()) == id) scoped = &c;
    }
    std::size_t passing = 0;
    std::size_t failing = 0;
    std::size_t no_data = 0;
    std::size_t worker_input = 0;
    for (const ItemResult& item : result.items) {
      if (item.needs_worker_input) {
        ++worker_input;
      } else if (!item.pass) {
        ++no_data;
      } else if (*item.pass) {
        ++passing;
      } else {
        ++failing;
      }
    }
    json geometry =
        scoped != nullptr && scoped->boundary ? GeometryOf(*scoped->boundary) : json(nullptr);
    const char* source = result.buildings == 0                            ? "none"
                         : result.buildings_estimated == 0                ? "registry"
                         : result.buildings_estimated == result.buildings ? "estimated"
                                                                          : "mixed";
    features.push_back({{"type", "Feature"},
                        {"geometry", std::move(geometry)},
                        {"properties",
                         {{"id", id},
                          {"name", run.data.communities[result.community].name},
                          {"residents", result.residents},
                          {"residents_60_plus", result.residents_60_plus},
                          {"residents_source", source},
                          {"items_passing", passing},
                          {"items_failing", failing},
                          {"items_without_residents", no_data},
                          {"items_needing_input", worker_input}}}});
  }
  return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

}  // namespace shequ::planning
