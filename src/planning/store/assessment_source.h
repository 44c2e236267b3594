// Gathers what the assessment (planning/assessment.h) needs from the store: the current OSM
// import's walking network and facilities, the registry's communities, its located buildings
// with their residents and how many are 60+, and the OSM residential buildings the registry does
// not hold yet, whose residents are estimated from floor area and marked so.
//
// Which count a building gets: a community with residents in the registry is counted from the
// registry, building by building; a community whose registry is still empty has every building's
// residents estimated (footprint × levels ÷ floor area per resident), and 60+ as the census share.
#pragma once

#include <cstdint>
#include <string>
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

struct AssessmentData {
  std::int64_t import_id = 0;
  std::string source_name;  // the OSM file the network came from
  WalkGraph graph;
  std::vector<AssessmentBuilding> buildings;
  std::vector<AssessmentFacility> facilities;
  std::vector<AssessmentCommunity> communities;
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
