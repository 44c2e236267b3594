#include "planning/osm_features.h"

#include <algorithm>
#include <array>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <charconv>
#include <cmath>
#include <exception>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <osmium/area/assembler.hpp>
#include <osmium/area/multipolygon_manager.hpp>
#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/osm/area.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/relations/manager_util.hpp>
#include <osmium/tags/tags_filter.hpp>
#include <osmium/visitor.hpp>
#include <string_view>
#include <utility>

namespace shequ::planning {
namespace {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

using LocationIndex =
    osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;

constexpr double kEarthRadiusM = 6371008.8;  // IUGG mean radius, as HaversineMetres
constexpr double kRadiansPerDegree = 3.14159265358979323846 / 180.0;

// building=* values that are homes by themselves. A plain building=yes is a home only inside
// residential land (ResidentialByLanduse). docs/planning-facilities.md has the same list.
// "apartments" is the usual value for the blocks of a Chinese residential compound (住宅楼).
constexpr std::array<std::string_view, 14> kResidentialBuildingValues = {
    "apartments",  "bungalow", "cabin",     "detached",    "dormitory",          "farm",
    "ger",         "house",    "houseboat", "residential", "semidetached_house", "static_caravan",
    "stilt_house", "terrace",
};

// Keys whose values are counted when the table has no row for them: the facility vocabulary.
constexpr std::array<const char*, 4> kFacilityKeys = {"amenity", "shop", "leisure", "healthcare"};

std::string_view Tag(const osmium::TagList& tags, const char* key) {
  const char* value = tags.get_value_by_key(key);
  return value == nullptr ? std::string_view{} : std::string_view{value};
}

bool IsResidentialBuildingValue(std::string_view value) {
  return std::find(kResidentialBuildingValues.begin(), kResidentialBuildingValues.end(), value) !=
         kResidentialBuildingValues.end();
}

// building:levels as a whole number of storeys; anything else ("3.5", "4;6", "999") is absent
// rather than guessed.
std::optional<int> Levels(std::string_view text) {
  int levels = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), levels);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  if (levels < 1 || levels > 200) return std::nullopt;
  return levels;
}

std::string Address(const osmium::TagList& tags) {
  const std::string_view street = Tag(tags, "addr:street");
  const std::string_view number = Tag(tags, "addr:housenumber");
  if (street.empty()) return std::string(number);
  if (number.empty()) return std::string(street);
  return std::string(street) + " " + std::string(number);
}

// Twice the signed planar area of a ring in degrees; positive when counter-clockwise.
double TwiceSignedDegreeArea(const Ring& ring) {
  double sum = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
    // Relative to the first point, so large coordinates do not eat the precision.
    const double x1 = (ring[i].lon_e7 - ring[0].lon_e7) * 1e-7;
    const double y1 = (ring[i].lat_e7 - ring[0].lat_e7) * 1e-7;
    const double x2 = (ring[i + 1].lon_e7 - ring[0].lon_e7) * 1e-7;
    const double y2 = (ring[i + 1].lat_e7 - ring[0].lat_e7) * 1e-7;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

Ring ToRing(const osmium::NodeRefList& nodes, bool counter_clockwise) {
  Ring ring;
  ring.reserve(nodes.size());
  for (const osmium::NodeRef& node : nodes) {
    ring.push_back(Coord{node.location().y(), node.location().x()});
  }
  if (!ring.empty() &&
      (ring.front().lat_e7 != ring.back().lat_e7 || ring.front().lon_e7 != ring.back().lon_e7)) {
    ring.push_back(ring.front());
  }
  if ((TwiceSignedDegreeArea(ring) > 0) != counter_clockwise)
    std::reverse(ring.begin(), ring.end());
  return ring;
}

Area ToArea(const osmium::Area& osm_area) {
  Area area;
  for (const osmium::OuterRing& outer : osm_area.outer_rings()) {
    Polygon polygon;
    polygon.outer = ToRing(outer, /*counter_clockwise=*/true);
    for (const osmium::InnerRing& inner : osm_area.inner_rings(outer)) {
      polygon.inners.push_back(ToRing(inner, /*counter_clockwise=*/false));
    }
    area.polygons.push_back(std::move(polygon));
  }
  return area;
}

// The centroid of the area with its holes. Computed in plain degrees: the centroid is preserved
// by affine maps, and a local equirectangular projection is one, so scaling longitudes by
// cos(latitude) first would change nothing.
Coord Centroid(const Area& area) {
  if (area.polygons.empty() || area.polygons[0].outer.empty()) return {};
  const Coord origin = area.polygons[0].outer[0];
  double twice_area = 0;
  double x_moment = 0;  // sums of (xi + xj) * cross, divided by 3 * 2A at the end
  double y_moment = 0;
  double x_sum = 0;
  double y_sum = 0;
  std::size_t points = 0;
  auto add_ring = [&](const Ring& ring) {
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
      const double x1 = (ring[i].lon_e7 - origin.lon_e7) * 1e-7;
      const double y1 = (ring[i].lat_e7 - origin.lat_e7) * 1e-7;
      const double x2 = (ring[i + 1].lon_e7 - origin.lon_e7) * 1e-7;
      const double y2 = (ring[i + 1].lat_e7 - origin.lat_e7) * 1e-7;
      const double cross = x1 * y2 - x2 * y1;
      twice_area += cross;
      x_moment += (x1 + x2) * cross;
      y_moment += (y1 + y2) * cross;
      x_sum += x1;
      y_sum += y1;
      ++points;
    }
  };
  for (const Polygon& polygon : area.polygons) {
    add_ring(polygon.outer);                                   // counter-clockwise: adds
    for (const Ring& inner : polygon.inners) add_ring(inner);  // clockwise: subtracts
  }
  double x = 0;
  double y = 0;
  if (std::abs(twice_area) > 1e-18) {
    x = x_moment / (3 * twice_area);
    y = y_moment / (3 * twice_area);
  } else if (points > 0) {  // degenerate (a sliver): the mean of the vertices
    x = x_sum / static_cast<double>(points);
    y = y_sum / static_cast<double>(points);
  }
  return Coord{origin.lat_e7 + static_cast<std::int32_t>(std::lround(y * 1e7)),
               origin.lon_e7 + static_cast<std::int32_t>(std::lround(x * 1e7))};
}

// Area on the sphere of a ring, signed (positive counter-clockwise): the trapezoid rule on
// R^2 * integral of -sin(latitude) d(longitude), exact for the sphere's edges of constant
// bearing and right to well under 0.1% for rings the size of a city.
double SphericalRingSquareMetres(const Ring& ring) {
  double sum = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
    const double d_lon = (ring[i + 1].Lon() - ring[i].Lon()) * kRadiansPerDegree;
    sum -= d_lon * (std::sin(ring[i].Lat() * kRadiansPerDegree) +
                    std::sin(ring[i + 1].Lat() * kRadiansPerDegree));
  }
  return sum * kEarthRadiusM * kEarthRadiusM / 2;
}

// Even-odd rule: whether a ray from the point eastwards crosses the ring an odd number of times.
bool RingContains(const Ring& ring, Coord point) {
  bool inside = false;
  const double px = point.Lon();
  const double py = point.Lat();
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const double xi = ring[i].Lon();
    const double yi = ring[i].Lat();
    const double xj = ring[j].Lon();
    const double yj = ring[j].Lat();
    if ((yi > py) != (yj > py) && px < (xj - xi) * (py - yi) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

using Point = bg::model::point<double, 2, bg::cs::cartesian>;
using Box = bg::model::box<Point>;

Box BoundingBox(const Area& area) {
  Box box = bg::make_inverse<Box>();
  for (const Polygon& polygon : area.polygons) {
    for (const Coord& c : polygon.outer) bg::expand(box, Point(c.Lon(), c.Lat()));
  }
  return box;
}

// Collects every feature from the nodes and from the areas libosmium assembles.
class FeatureCollector : public osmium::handler::Handler {
 public:
  FeatureCollector(const OsmFeatureOptions& options, const FacilityMapping& mapping,
                   OsmFeatures* out)
      : options_(options), mapping_(mapping), out_(out) {}

  void node(const osmium::Node& node) {
    if (node.tags().empty()) return;
    AddFacilities(node.tags(), OsmRef{OsmType::kNode, node.id()},
                  Coord{node.location().y(), node.location().x()});
  }

  void area(const osmium::Area& osm_area) {
    const OsmRef ref{osm_area.from_way() ? OsmType::kWay : OsmType::kRelation, osm_area.orig_id()};
    const osmium::TagList& tags = osm_area.tags();
    // The assembler hands over an empty area where the rings do not close.
    if (osm_area.num_rings().first == 0) {
      ++out_->stats.broken_areas;
      return;
    }
    Area area = ToArea(osm_area);
    const Coord centroid = Centroid(area);

    const std::string_view building = Tag(tags, "building");
    if (!building.empty() && building != "no") AddBuilding(tags, ref, area, centroid);
    if (Tag(tags, "landuse") == "residential") {
      out_->residential_areas.push_back(OsmLanduseArea{.ref = ref,
                                                       .landuse = "residential",
                                                       .name = std::string(Tag(tags, "name")),
                                                       .area = area,
                                                       .centroid = centroid,
                                                       .area_m2 = AreaSquareMetres(area)});
    }
    if (Tag(tags, "boundary") == "administrative") AddBoundary(tags, ref, area, centroid);
    AddFacilities(tags, ref, centroid);
  }

 private:
  void AddBuilding(const osmium::TagList& tags, OsmRef ref, const Area& area, Coord centroid) {
    OsmBuilding b;
    b.ref = ref;
    b.building = std::string(Tag(tags, "building"));
    // building:use says what a generic building=yes is used for where mappers bothered.
    b.residential = IsResidentialBuildingValue(b.building) ||
                    (b.building == "yes" && IsResidentialBuildingValue(Tag(tags, "building:use")));
    b.levels = Levels(Tag(tags, "building:levels"));
    b.name = std::string(Tag(tags, "name"));
    b.address = Address(tags);
    b.footprint = area;
    b.centroid = centroid;
    b.footprint_area_m2 = AreaSquareMetres(area);
    out_->buildings.push_back(std::move(b));
  }

  void AddBoundary(const osmium::TagList& tags, OsmRef ref, const Area& area, Coord centroid) {
    const std::string_view level_text = Tag(tags, "admin_level");
    int level = 0;
    const auto [end, error] =
        std::from_chars(level_text.data(), level_text.data() + level_text.size(), level);
    if (error != std::errc{} || end != level_text.data() + level_text.size()) return;
    if (std::find(options_.admin_levels.begin(), options_.admin_levels.end(), level) ==
        options_.admin_levels.end()) {
      return;
    }
    std::string_view name = Tag(tags, "name:zh");
    if (name.empty()) name = Tag(tags, "name");
    out_->boundaries.push_back(OsmBoundary{.ref = ref,
                                           .admin_level = level,
                                           .name = std::string(name),
                                           .area = area,
                                           .centroid = centroid});
  }

  void AddFacilities(const osmium::TagList& tags, OsmRef ref, Coord location) {
    bool relevant = false;
    for (const osmium::Tag& tag : tags) {
      if (mapping_.UsesKey(tag.key())) relevant = true;
    }
    for (const char* key : kFacilityKeys) {
      const std::string_view value = Tag(tags, key);
      if (value.empty() || mapping_.Knows(key, value)) continue;
      ++out_->stats.unmapped_facility_tags;
      ++out_->stats.unmapped_facility_values[std::string(key) + "=" + std::string(value)];
    }
    if (!relevant) return;
    tag_list_.clear();
    for (const osmium::Tag& tag : tags) tag_list_.push_back(OsmTag{tag.key(), tag.value()});
    for (std::string& type : mapping_.Match(tag_list_)) {
      out_->facilities.push_back(OsmFacility{.ref = ref,
                                             .facility_type = std::move(type),
                                             .name = std::string(Tag(tags, "name")),
                                             .location = location});
    }
  }

  const OsmFeatureOptions& options_;
  const FacilityMapping& mapping_;
  OsmFeatures* out_;
  std::vector<OsmTag> tag_list_;  // reused between objects
};

// Areas worth assembling: buildings, land use, boundaries and anything the table may map.
osmium::TagsFilter AreaFilter(const FacilityMapping& mapping) {
  osmium::TagsFilter filter{false};
  for (const char* key : {"building", "landuse", "boundary"}) {
    filter.add_rule(true, osmium::TagMatcher{key});
  }
  for (const char* key : kFacilityKeys) filter.add_rule(true, osmium::TagMatcher{key});
  for (const FacilityMappingRow& row : mapping.Rows()) {
    filter.add_rule(true, osmium::TagMatcher{row.key});
  }
  return filter;
}

// A building=yes whose centroid stands in residential land is a home: that is how most
// residential compounds are mapped (the footprints untyped, the compound landuse=residential).
void ResidentialByLanduse(OsmFeatures* features) {
  using Entry = std::pair<Box, std::size_t>;
  std::vector<Entry> entries;
  entries.reserve(features->residential_areas.size());
  for (std::size_t i = 0; i < features->residential_areas.size(); ++i) {
    entries.emplace_back(BoundingBox(features->residential_areas[i].area), i);
  }
  const bgi::rtree<Entry, bgi::rstar<16>> index(entries.begin(), entries.end());
  std::vector<Entry> candidates;
  for (OsmBuilding& building : features->buildings) {
    if (building.residential || building.building != "yes") continue;
    const Point point(building.centroid.Lon(), building.centroid.Lat());
    candidates.clear();
    index.query(bgi::intersects(point), std::back_inserter(candidates));
    building.residential = std::any_of(candidates.begin(), candidates.end(), [&](const Entry& e) {
      return AreaContains(features->residential_areas[e.second].area, building.centroid);
    });
  }
}

}  // namespace

Result<OsmFeatures> ReadOsmFeatures(const std::string& path, const OsmFeatureOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return NotFound("OSM file not found or not a regular file: " + path);
  }
  const FacilityMapping& mapping =
      options.facility_mapping != nullptr ? *options.facility_mapping : FacilityMapping::Default();
  OsmFeatures result;
  try {
    osmium::area::AssemblerConfig config;
    config.create_empty_areas = true;  // counted as broken rather than silently missing
    osmium::area::MultipolygonManager<osmium::area::Assembler> manager{config, AreaFilter(mapping)};
    // First pass: the relations, so the manager knows which ways it must keep for them.
    osmium::relations::read_relations(osmium::io::File{path}, manager);

    osmium::io::Reader reader{path, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way};
    LocationIndex index;
    osmium::handler::NodeLocationsForWays<LocationIndex> locations{index};
    locations.ignore_errors();  // a clipped way has invalid locations; its area is broken
    FeatureCollector collector{options, mapping, &result};
    auto& areas = manager.handler(
        [&collector](osmium::memory::Buffer&& buffer) { osmium::apply(buffer, collector); });
    while (osmium::memory::Buffer buffer = reader.read()) {
      osmium::apply(buffer, locations, collector, areas);
      if (options.progress) options.progress(reader.offset(), reader.file_size());
    }
    reader.close();
    manager.for_each_incomplete_relation(
        [&result](const osmium::relations::RelationHandle&) { ++result.stats.broken_areas; });
  } catch (const std::exception& e) {
    return InvalidArgument("cannot read OSM file " + path +
                           " (corrupt or truncated?): " + e.what());
  }
  ResidentialByLanduse(&result);
  result.stats.buildings = result.buildings.size();
  result.stats.residential_buildings =
      static_cast<std::size_t>(std::count_if(result.buildings.begin(), result.buildings.end(),
                                             [](const OsmBuilding& b) { return b.residential; }));
  return result;
}

bool AreaContains(const Area& area, Coord point) {
  for (const Polygon& polygon : area.polygons) {
    if (!RingContains(polygon.outer, point)) continue;
    const bool in_hole = std::any_of(polygon.inners.begin(), polygon.inners.end(),
                                     [&](const Ring& inner) { return RingContains(inner, point); });
    if (!in_hole) return true;
  }
  return false;
}

double AreaSquareMetres(const Area& area) {
  double total = 0;
  for (const Polygon& polygon : area.polygons) {
    double polygon_area = std::abs(SphericalRingSquareMetres(polygon.outer));
    for (const Ring& inner : polygon.inners) {
      polygon_area -= std::abs(SphericalRingSquareMetres(inner));
    }
    total += std::max(0.0, polygon_area);
  }
  return total;
}

namespace {

nlohmann::json RingJson(const Ring& ring) {
  nlohmann::json points = nlohmann::json::array();
  for (const Coord& c : ring) points.push_back({c.Lon(), c.Lat()});
  return points;
}

nlohmann::json PolygonJson(const Polygon& polygon) {
  nlohmann::json rings = nlohmann::json::array({RingJson(polygon.outer)});
  for (const Ring& inner : polygon.inners) rings.push_back(RingJson(inner));
  return rings;
}

}  // namespace

std::string_view OsmTypeName(OsmType type) {
  switch (type) {
    case OsmType::kNode:
      return "node";
    case OsmType::kWay:
      return "way";
    case OsmType::kRelation:
      return "relation";
  }
  return "way";
}

std::string AreaGeoJson(const Area& area) {
  if (area.polygons.size() == 1) {
    return nlohmann::json{{"type", "Polygon"}, {"coordinates", PolygonJson(area.polygons[0])}}
        .dump();
  }
  nlohmann::json polygons = nlohmann::json::array();
  for (const Polygon& polygon : area.polygons) polygons.push_back(PolygonJson(polygon));
  return nlohmann::json{{"type", "MultiPolygon"}, {"coordinates", std::move(polygons)}}.dump();
}

}  // namespace shequ::planning
