// Gathers what the assessment (planning/assessment.h) needs from the store: the current OSM
// import's walking network and facilities, the registry's communities, its located buildings
// with their residents and how many are 60+, and the OSM residential buildings the registry does
// not hold yet, whose residents are estimated from floor area and marked so.
//
// Which count a building gets: a community with residents in the registry is counted from the
// registry, building by building; a community whose registry is still empty has every building's
// residents estimated (footprint × levels ÷ floor area per resident), and 60+ as the census share.
//
// Facilities: the import's, joined by the ones workers registered in shequ that serve today
// (registered_facilities.h), with ids "shequ/<id>". A worker's record wins over OSM's for the same
// place: an OSM facility is left out when a registered one names its OSM object, or has its type
// and stands within kSamePlaceRadiusM of it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil_time.h"
#include "base/error.h"
#include "base/ids.h"
#include "planning/assessment.h"
#include "planning/osm_features.h"
#include "planning/walk_graph.h"
#include "store/database.h"

namespace shequ::planning {

// China's 2020 census: 18.70% of the population is 60 or older. Used only for buildings whose
// residents are estimated.
inline constexpr double kCensusShare60Plus = 0.1870;

// Local rule, not a standard's: a registered facility and an OSM facility of the same type this
// close are one place mapped twice. 50 m is about the size of one building with its forecourt and
// the usual disagreement between a point a worker picks on the map and where a mapper put the
// node or the outline's centroid; two real kindergartens or canteens of one type are rarely
// nearer than that. Keep it small: a larger radius would swallow a real neighbouring facility.
inline constexpr double kSamePlaceRadiusM = 50.0;

// The prefix of a registered facility's AssessmentFacility::id ("shequ/17").
inline constexpr std::string_view kRegisteredFacilityIdPrefix = "shequ/";

struct AssessmentData {
  std::int64_t import_id = 0;
  std::string source_name;  // the OSM file the network came from
  WalkGraph graph;
  std::vector<AssessmentBuilding> buildings;
  std::vector<AssessmentFacility> facilities;
  std::vector<AssessmentCommunity> communities;
  // Per community (same order): its boundary when the registry holds one, for maps.
  std::vector<std::optional<Area>> boundaries;
};

// For `community` (every community when invalid). kNotFound when nothing was imported yet or the
// community does not exist.
Result<AssessmentData> LoadAssessmentData(store::Database& database, CommunityId community,
                                          const CivilDate& today,
                                          const ResidentEstimateOptions& estimate = {});

// Parses a GeoJSON Polygon or MultiPolygon geometry (as communities.boundary holds) into an Area;
// kInvalidArgument naming "boundary" otherwise.
Result<Area> AreaFromGeoJson(std::string_view geojson);

}  // namespace shequ::planning
