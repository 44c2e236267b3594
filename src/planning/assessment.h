// The complete-community assessment: for every residential building, the walking distance to the
// nearest facility of every type the checklist names, and per community and checklist item the
// residents within the item's distance, the share, pass or fail, and the evidence; then the gaps
// ranked across communities. One multi-source sweep per facility type (all its facilities at
// once), the types spread over a pool of threads. Pure computation; the inputs are borrowed for
// the duration of the call. Safe to call from several threads on the same graph.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "planning/dijkstra.h"
#include "planning/living_circle_checklist.h"
#include "planning/snapping.h"
#include "planning/walk_graph.h"

namespace shequ::planning {

struct AssessmentBuilding {
  std::string id;
  std::int64_t osm_id = 0;  // 0 when the building is not from OSM
  Coord location;
  std::uint32_t residents = 0;
  std::uint32_t residents_60_plus = 0;
  std::string community_id;  // a building of no listed community counts in none
  // true: residents were estimated from floor area (EstimateResidents) because the registry had
  // none for the building; false: counted from the registry.
  bool residents_estimated = false;
};

struct AssessmentFacility {
  std::string id;
  std::string facility_type;  // a type of the facility mapping table
  Coord location;
  std::string name;  // for people (map layers); empty when the source has none
};

struct AssessmentCommunity {
  std::string id;
  std::string name;
};

struct AssessmentOptions {
  // A building or facility farther than this from the walking network is off the network: it is
  // reported, never silently dropped (its building's distances are all unreachable; the facility
  // serves no one).
  double max_snap_distance_m = 200;
  // The sweeps stop here: a building with no facility of a type within this walk is reported as
  // unreachable for the type. Unbounded by default, so every reachable facility is found.
  double max_search_distance_m = kUnreachable;
  unsigned threads = 0;  // 0: one per core
};

// Residents of a building from its size when the registry has none: floor area (footprint x
// levels) divided by the gross floor area per resident. 40 m² is roughly the urban per-capita
// housing floor area reported for China's 2020 census plus shared areas [memory]; a city
// overrides it.
struct ResidentEstimateOptions {
  double floor_area_m2_per_resident = 40;
  int levels_when_unknown = 3;  // a building without building:levels
};
std::uint32_t EstimateResidents(double footprint_area_m2, std::optional<int> levels,
                                const ResidentEstimateOptions& options = {});

// Nearest facility of one type from one building.
struct NearestFacility {
  double distance_m = kUnreachable;
  std::uint32_t facility = kNoSource;  // index into the input facilities
  bool Reachable() const { return facility != kNoSource; }
};

// How a point (building or facility) met the network.
struct NetworkAccess {
  double snap_distance_m = kUnreachable;  // kUnreachable when the graph has no edge
  bool on_network = false;                // snap_distance_m <= max_snap_distance_m
  // false for a facility whose type the checklist does not name: it is not snapped, not counted
  // off the network, and serves no item.
  bool assessed = true;
};

struct FacilityTypeResult {
  std::string facility_type;
  std::size_t facility_count = 0;             // of this type in the input
  std::vector<std::uint32_t> off_network;     // facility indices that serve no one
  std::vector<NearestFacility> per_building;  // indexed like the input buildings
};

struct ItemEvidence {
  // The resident-weighted median building's nearest facility (distance_m unreachable when more
  // than half of the residents have none): "half of the residents walk at most this far".
  NearestFacility median;
  std::uint64_t residents_outside = 0;  // beyond max_distance_m or unreachable
  std::uint64_t residents_outside_60_plus = 0;
  std::size_t buildings_outside = 0;
  std::size_t buildings_off_network = 0;  // of this community, counted in the outside ones
};

struct ItemResult {
  std::size_t item = 0;             // index into the checklist
  bool needs_worker_input = false;  // then every number below is empty/zero
  std::uint64_t residents_covered = 0;
  std::optional<double> share;  // empty when the community has no residents
  std::optional<bool> pass;     // empty for worker-input items and empty communities
  ItemEvidence evidence;
};

struct CommunityResult {
  std::size_t community = 0;  // index into the input communities
  std::uint64_t residents = 0;
  std::uint64_t residents_60_plus = 0;
  std::size_t buildings = 0;
  std::size_t buildings_estimated = 0;  // whose residents were estimated from floor area
  std::vector<ItemResult> items;        // one per checklist item, in checklist order
};

// One shortfall: residents of a community outside an item's distance.
struct AssessmentGap {
  std::size_t community = 0;
  std::size_t item = 0;
  std::uint64_t residents_outside = 0;
  std::uint64_t residents_outside_60_plus = 0;
  bool pass = false;  // a passing item may still leave some residents outside
  // What the ranking weighs: residents_outside, or the 60+ ones for items that serve them.
  std::uint64_t weight = 0;
  std::string message_en;  // "1,240 residents, 310 of them 60+, have no elderly service ..."
  std::string message_zh;
};

struct Assessment {
  std::vector<NetworkAccess> building_access;  // per input building
  std::vector<NetworkAccess> facility_access;  // per input facility
  std::vector<FacilityTypeResult> types;       // one per checklist facility type, in order
  std::vector<CommunityResult> communities;    // per input community
  std::vector<AssessmentGap> gaps;             // ranked, largest weight first
  std::size_t buildings_off_network = 0;
  std::size_t facilities_off_network = 0;  // of the assessed facilities
  std::size_t buildings_without_community = 0;

  // The result of a facility type, or nullptr if the checklist does not name it.
  const FacilityTypeResult* Type(std::string_view facility_type) const;
};

struct AssessmentInput {
  const WalkGraph& graph;
  const EdgeSnapper& snapper;
  const std::vector<AssessmentBuilding>& buildings;
  const std::vector<AssessmentFacility>& facilities;
  const std::vector<AssessmentCommunity>& communities;
  const LivingCircleChecklist& checklist;
};

// Errors (kInvalidArgument, `field` naming the input): a duplicate community id, a building whose
// residents_60_plus exceeds its residents, a negative or non-finite option.
Result<Assessment> Assess(const AssessmentInput& input, const AssessmentOptions& options = {});

// Formats 1240 as "1,240".
std::string GroupThousands(std::uint64_t n);

}  // namespace shequ::planning
