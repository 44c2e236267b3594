// Reads what the planning engine and the registry need from an OpenStreetMap extract besides the
// walking network: buildings with their footprints, residential land-use areas, admin boundaries
// (wards become communities) and facilities mapped to the standards' facility types by the
// mapping table (facility_mapping.h). Two passes over the file with libosmium (relations, then
// nodes and ways); closed ways and multipolygon/boundary relations are assembled into areas.
// Pure: no database.
// One call reads one file; calls on different files may run on different threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "planning/facility_mapping.h"
#include "planning/walk_graph.h"

namespace shequ::planning {

// A closed ring of WGS 84 points; the first point is repeated at the end.
using Ring = std::vector<Coord>;

// One polygon with holes; outer ring counter-clockwise, inner rings clockwise (GeoJSON order).
struct Polygon {
  Ring outer;
  std::vector<Ring> inners;
};

// An area as OSM has it: a closed way (one polygon) or a multipolygon relation (several).
struct Area {
  std::vector<Polygon> polygons;
};

// Which OSM object a feature came from; ids of ways and relations overlap, so both are kept.
enum class OsmType : std::uint8_t { kNode, kWay, kRelation };

struct OsmRef {
  OsmType type = OsmType::kWay;
  std::int64_t id = 0;
};

struct OsmBuilding {
  OsmRef ref;
  std::string building;       // the building=* value ("apartments", "yes", ...)
  bool residential = false;   // by the building value, or a plain "yes" in residential land
  std::optional<int> levels;  // building:levels when present and sane (1-200)
  std::string name;           // name=*, may be empty
  std::string address;        // addr:street + addr:housenumber when present, may be empty
  Area footprint;
  Coord centroid;                // of the footprint's area
  double footprint_area_m2 = 0;  // on the ground, holes subtracted
};

struct OsmLanduseArea {
  OsmRef ref;
  std::string landuse;  // "residential" (the only value kept for now)
  std::string name;
  Area area;
  Coord centroid;
  double area_m2 = 0;
};

struct OsmBoundary {
  OsmRef ref;
  int admin_level = 0;
  std::string name;  // name:zh when present, else name
  Area area;
  Coord centroid;
};

struct OsmFacility {
  OsmRef ref;
  std::string facility_type;  // a type of the mapping table ("kindergarten", "supermarket", ...)
  std::string name;
  Coord location;  // a node's location, an area's centroid
};

struct OsmFeatureOptions {
  // Boundaries of these admin levels are kept (10: wards/neighbourhoods, the demo's communities).
  std::vector<int> admin_levels = {9, 10};
  // The table that maps tags to facility types; FacilityMapping::Default() when null. Not owned:
  // it must outlive the call.
  const FacilityMapping* facility_mapping = nullptr;
  // Called after every block read with (bytes read so far, file size); may be empty. The file is
  // read twice (relations first, then nodes and ways); the callback follows the second, longer
  // pass.
  std::function<void(std::size_t bytes_read, std::size_t file_size)> progress;
};

struct OsmFeatureStats {
  std::size_t buildings = 0;
  std::size_t residential_buildings = 0;
  // Areas libosmium could not assemble: rings that do not close, or relations with members
  // missing from the extract (boundaries clipped at its edge).
  std::size_t broken_areas = 0;
  // amenity/shop/leisure/healthcare values that no row of the mapping table names.
  std::size_t unmapped_facility_tags = 0;
  // The same by tag ("shop=florist" -> 3), to show what a table override could add.
  std::map<std::string, std::size_t> unmapped_facility_values;
};

struct OsmFeatures {
  std::vector<OsmBuilding> buildings;  // every building, residential or not
  std::vector<OsmLanduseArea> residential_areas;
  std::vector<OsmBoundary> boundaries;
  std::vector<OsmFacility> facilities;
  OsmFeatureStats stats;
};

// Errors: kNotFound when the file cannot be opened, kInvalidArgument when it is corrupt or
// truncated.
Result<OsmFeatures> ReadOsmFeatures(const std::string& path, const OsmFeatureOptions& options = {});

// A GeoJSON geometry (Polygon, or MultiPolygon for several polygons) of `area`, [lon, lat] order.
std::string AreaGeoJson(const Area& area);

std::string_view OsmTypeName(OsmType type);  // "node", "way", "relation"

// Geometry helpers shared by the importers and the assessment.
bool AreaContains(const Area& area, Coord point);
double AreaSquareMetres(const Area& area);

}  // namespace shequ::planning
