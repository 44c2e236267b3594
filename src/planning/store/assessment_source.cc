#include "planning/store/assessment_source.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "planning/store/osm_import_store.h"
#include "planning/store/registered_facilities.h"
#include "registry/building_residents.h"

namespace shequ::planning {
namespace {

Result<Ring> RingFromJson(const nlohmann::json& points) {
  if (!points.is_array() || points.size() < 4) {
    return InvalidArgument("a ring needs at least four positions", "boundary");
  }
  Ring ring;
  ring.reserve(points.size());
  for (const auto& point : points) {
    if (!point.is_array() || point.size() < 2 || !point[0].is_number() || !point[1].is_number()) {
      return InvalidArgument("a position must be [longitude, latitude]", "boundary");
    }
    ring.push_back(Coord::FromDegrees(point[1].get<double>(), point[0].get<double>()));
  }
  return ring;
}

Result<Polygon> PolygonFromJson(const nlohmann::json& rings) {
  if (!rings.is_array() || rings.empty()) {
    return InvalidArgument("a polygon needs an outer ring", "boundary");
  }
  Polygon polygon;
  for (std::size_t i = 0; i < rings.size(); ++i) {
    auto ring = RingFromJson(rings[i]);
    SHEQU_RETURN_IF_ERROR(ring);
    if (i == 0) {
      polygon.outer = std::move(*ring);
    } else {
      polygon.inners.push_back(std::move(*ring));
    }
  }
  return polygon;
}

struct CommunityArea {
  std::string id;
  Area area;
};

struct OsmHome {
  std::int64_t osm_id = 0;
  std::string osm_type;
  std::optional<int> levels;
  double footprint_area_m2 = 0;
  Coord centroid;
};

std::uint32_t Share60Plus(std::uint32_t residents) {
  return static_cast<std::uint32_t>(std::lround(residents * kCensusShare60Plus));
}

// The OSM object behind a facility row, as one integer key: ids of nodes, ways and relations
// overlap, so the type takes the top bits (OSM ids stay far below 2^61).
std::uint64_t RefKey(const OsmRef& ref) {
  return (static_cast<std::uint64_t>(ref.type) << 61) | static_cast<std::uint64_t>(ref.id);
}

// The import's facilities with the registered ones joined in: an OSM row gives way to a
// registered facility that names its object, or that has its type and stands within
// kSamePlaceRadiusM of it (docs/planning-facilities.md, "Facilities registered in shequ").
std::vector<AssessmentFacility> MergeFacilities(const std::vector<StoredFacility>& osm,
                                                const std::vector<RegisteredFacility>& registered) {
  std::unordered_set<std::uint64_t> named_refs;
  std::unordered_map<std::string, std::vector<Coord>> registered_by_type;
  for (const RegisteredFacility& f : registered) {
    if (f.osm_ref) named_refs.insert(RefKey(*f.osm_ref));
    registered_by_type[f.facility_type].push_back(Coord::FromDegrees(f.latitude, f.longitude));
  }
  const auto mapped_twice = [&registered_by_type](const StoredFacility& f) {
    const auto same_type = registered_by_type.find(f.facility_type);
    if (same_type == registered_by_type.end()) return false;
    for (const Coord& place : same_type->second) {
      if (HaversineMetres(place, f.location) <= kSamePlaceRadiusM) return true;
    }
    return false;
  };

  std::vector<AssessmentFacility> facilities;
  facilities.reserve(osm.size() + registered.size());
  for (const StoredFacility& f : osm) {
    if (named_refs.contains(RefKey(f.ref)) || mapped_twice(f)) continue;
    facilities.push_back(
        {.id = std::string(OsmTypeName(f.ref.type)) + "/" + std::to_string(f.ref.id),
         .facility_type = f.facility_type,
         .location = f.location,
         .name = f.name});
  }
  for (const RegisteredFacility& f : registered) {
    facilities.push_back({.id = std::string(kRegisteredFacilityIdPrefix) + std::to_string(f.id),
                          .facility_type = f.facility_type,
                          .location = Coord::FromDegrees(f.latitude, f.longitude),
                          .name = f.name});
  }
  return facilities;
}

}  // namespace

Result<Area> AreaFromGeoJson(std::string_view geojson) {
  const auto json = nlohmann::json::parse(geojson, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object() || !json.contains("coordinates")) {
    return InvalidArgument("not a GeoJSON geometry", "boundary");
  }
  const std::string type = json.value("type", "");
  Area area;
  if (type == "Polygon") {
    auto polygon = PolygonFromJson(json["coordinates"]);
    SHEQU_RETURN_IF_ERROR(polygon);
    area.polygons.push_back(std::move(*polygon));
  } else if (type == "MultiPolygon" && json["coordinates"].is_array()) {
    for (const auto& rings : json["coordinates"]) {
      auto polygon = PolygonFromJson(rings);
      SHEQU_RETURN_IF_ERROR(polygon);
      area.polygons.push_back(std::move(*polygon));
    }
  } else {
    return InvalidArgument("a boundary must be a GeoJSON Polygon or MultiPolygon", "boundary");
  }
  return area;
}

Result<AssessmentData> LoadAssessmentData(store::Database& database, CommunityId community,
                                          const CivilDate& today,
                                          const ResidentEstimateOptions& estimate) {
  auto current = LoadCurrentImport(database);
  SHEQU_RETURN_IF_ERROR(current);
  if (!current->has_value()) {
    return NotFound(
        "no OpenStreetMap extract has been imported yet: run `shequ import osm FILE` first");
  }
  AssessmentData data;
  data.import_id = (*current)->id;
  data.source_name = (*current)->source_name;
  data.graph = std::move((*current)->graph);

  auto connection = database.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  auto registered = ListServingFacilities(**connection, today);
  SHEQU_RETURN_IF_ERROR(registered);
  data.facilities = MergeFacilities((*current)->facilities, *registered);
  auto communities = (*connection)
                         ->Query(
                             "SELECT c.id, c.name, c.boundary, "
                             "(SELECT COUNT(*) FROM residents r WHERE r.community_id = c.id) "
                             "FROM communities c WHERE (? = 0 OR c.id = ?) ORDER BY c.id",
                             {community.value(), community.value()});
  SHEQU_RETURN_IF_ERROR(communities);
  if (community.valid() && communities->rows.empty()) {
    return NotFound("no community " + std::to_string(community.value()));
  }
  std::vector<CommunityArea> areas;
  std::unordered_set<std::string> registry_is_empty;
  for (const auto& row : communities->rows) {
    const std::string id = std::to_string(row.GetInt(0));
    data.communities.push_back({.id = id, .name = row.GetText(1)});
    data.boundaries.emplace_back();
    if (row.GetInt(3) == 0) registry_is_empty.insert(id);
    if (auto boundary = row.GetOptionalText(2)) {
      auto area = AreaFromGeoJson(*boundary);
      SHEQU_RETURN_IF_ERROR(area);
      data.boundaries.back() = *area;
      areas.push_back({id, std::move(*area)});
    }
  }

  // The import's residential buildings by OSM id, for estimates and for the ones the registry
  // does not hold.
  auto osm = (*connection)
                 ->Query(
                     "SELECT osm_type, osm_id, levels, footprint_area_m2, latitude, longitude "
                     "FROM osm_buildings WHERE import_id = ? AND residential = 1 ORDER BY id",
                     {data.import_id});
  SHEQU_RETURN_IF_ERROR(osm);
  std::vector<OsmHome> homes;
  std::unordered_map<std::int64_t, std::size_t> home_by_way;  // registry osm_id is a way id
  for (const auto& row : osm->rows) {
    homes.push_back({.osm_id = row.GetInt(1),
                     .osm_type = row.GetText(0),
                     .levels = row.GetOptionalInt(2).transform(
                         [](std::int64_t levels) { return static_cast<int>(levels); }),
                     .footprint_area_m2 = row.GetDouble(3),
                     .centroid = Coord::FromDegrees(row.GetDouble(4), row.GetDouble(5))});
    if (homes.back().osm_type == "way") home_by_way.emplace(homes.back().osm_id, homes.size() - 1);
  }

  auto registry_buildings = registry::ListBuildingResidents(**connection, community, today);
  SHEQU_RETURN_IF_ERROR(registry_buildings);
  std::unordered_set<std::int64_t> registered_ways;
  for (const registry::BuildingResidents& b : *registry_buildings) {
    AssessmentBuilding building{
        .id = std::to_string(b.id.value()),
        .osm_id = b.osm_id.value_or(0),
        .location = Coord::FromDegrees(b.latitude, b.longitude),
        .residents = static_cast<std::uint32_t>(b.residents),
        .residents_60_plus = static_cast<std::uint32_t>(b.residents_60_plus),
        .community_id = std::to_string(b.community_id.value())};
    if (b.osm_id) registered_ways.insert(*b.osm_id);
    if (registry_is_empty.contains(building.community_id)) {
      const auto home = b.osm_id ? home_by_way.find(*b.osm_id) : home_by_way.end();
      building.residents = home == home_by_way.end()
                               ? 0
                               : EstimateResidents(homes[home->second].footprint_area_m2,
                                                   homes[home->second].levels, estimate);
      building.residents_60_plus = Share60Plus(building.residents);
      building.residents_estimated = true;
    }
    data.buildings.push_back(std::move(building));
  }

  // OSM homes the registry does not hold: estimated, in the community whose boundary holds them.
  for (const OsmHome& home : homes) {
    if (home.osm_type == "way" && registered_ways.contains(home.osm_id)) continue;
    std::string community_id;
    for (const CommunityArea& area : areas) {
      if (AreaContains(area.area, home.centroid)) {
        community_id = area.id;
        break;
      }
    }
    if (community.valid() && community_id.empty()) continue;  // outside the one asked for
    // A community with a registry is counted from it alone: an OSM home it does not list is
    // not a home of anyone it knows.
    if (!community_id.empty() && !registry_is_empty.contains(community_id)) continue;
    const std::uint32_t residents =
        EstimateResidents(home.footprint_area_m2, home.levels, estimate);
    data.buildings.push_back({.id = home.osm_type + "/" + std::to_string(home.osm_id),
                              .osm_id = home.osm_id,
                              .location = home.centroid,
                              .residents = residents,
                              .residents_60_plus = Share60Plus(residents),
                              .community_id = community_id,
                              .residents_estimated = true});
  }
  return data;
}

}  // namespace shequ::planning
