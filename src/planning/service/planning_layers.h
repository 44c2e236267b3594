// The map layers of an assessment as GeoJSON FeatureCollections (WGS 84, [lon, lat]): the
// assessed buildings (footprints where the store has them), the facilities with their names, the
// walking network and the communities with their pass/fail counts. Built per request from an
// AssessmentRun; BuildingsLayer reads the store for footprints. Thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string_view>

#include "base/error.h"
#include "planning/service/planning_service.h"
#include "store/database.h"

namespace shequ::planning {

// The layer names the API serves, in the order the map draws them.
inline constexpr std::string_view kLayerNames[] = {"communities", "network", "buildings",
                                                   "facilities"};

// The network and facilities of a community's map are cut to its boundary's (else its
// buildings') bounding box grown by this much: walks that leave the community stay on the map.
inline constexpr double kLayerPaddingM = 1000;

// The box the boundaries of `communities` cover; empty when none has one.
GeoBounds BoundaryBounds(std::span<const ScopedCommunity> communities);
// The box the communities of `run` cover: their boundaries, else their buildings. Empty when
// they have neither.
GeoBounds CommunitiesBounds(const AssessmentRun& run);

// BuildingsGeoJson's features with the footprint as geometry when the registry or the OSM import
// holds one (else the Point).
Result<nlohmann::json> BuildingsLayer(store::Database& database, const AssessmentRun& run);

// FacilitiesGeoJson's features plus "name" (null when unknown), those within `within` when given.
nlohmann::json FacilitiesLayer(const AssessmentRun& run, const std::optional<GeoBounds>& within);

// Every edge of the collapsed network as a LineString with its full geometry and "length_m",
// coordinates rounded to 6 decimals (about 0.1 m); only edges touching `within` when given.
nlohmann::json NetworkLayer(const PlanningNetwork& network, const std::optional<GeoBounds>& within);

// One Feature per community: its boundary (null geometry when it has none) and id, name,
// residents, residents_60_plus, residents_source and the count of items passing, failing, without
// data (no residents) and needing a worker's input.
nlohmann::json CommunitiesLayer(const AssessmentRun& run);

}  // namespace shequ::planning
