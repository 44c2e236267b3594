// The assessment as JSON for the API and the map: the report ("buildings", "communities",
// "gaps") and GeoJSON layers of the buildings (their distance per facility type as properties)
// and of the facilities. Distances are rounded to 0.1 m; an unreachable one is null. Pure
// functions of their arguments.
#pragma once

#include <nlohmann/json.hpp>

#include "planning/assessment.h"

namespace shequ::planning {

// {"walking_speed_m_per_min", "buildings": [{"id", "osm_id", "lat", "lon", "residents", ...,
//  "nearest": {"<facility_type>": {"distance_m", "facility_id"} | null}}], "communities": [{"id",
//  "name", "residents", "residents_source", "items": [{"item", "facility_type", "max_distance_m",
//  "residents_covered", "share", "pass", "evidence", ...}]}], "gaps": [...], "unreachable":
//  {"buildings": [...], "facilities": [...]}}. `input` must be the one `assessment` came from.
nlohmann::json AssessmentToJson(const AssessmentInput& input, const Assessment& assessment);

// A FeatureCollection of Points, one per building, with properties id, osm_id, residents,
// residents_60_plus, residents_estimated, community_id, on_network and one "<facility_type>"
// property per type: the walking distance in metres, or null.
nlohmann::json BuildingsGeoJson(const AssessmentInput& input, const Assessment& assessment);

// A FeatureCollection of Points, one per facility: id, facility_type, on_network,
// snap_distance_m.
nlohmann::json FacilitiesGeoJson(const AssessmentInput& input, const Assessment& assessment);

}  // namespace shequ::planning
