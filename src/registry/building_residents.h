// What the planning engine weighs per building: the residents living in each located building
// now, and how many of them are 60 or older. Read straight from the registry, so a planner's
// coverage figures are the community's own counts, never a second copy of them.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "base/civil_time.h"
#include "base/error.h"
#include "base/ids.h"
#include "registry/registry_records.h"
#include "store/connection.h"

namespace shequ::registry {

struct BuildingResidents {
  BuildingId id;
  CommunityId community_id;
  std::optional<std::int64_t> osm_id;
  double latitude = 0;
  double longitude = 0;
  std::int64_t residents = 0;  // with an open residency in an open household
  std::int64_t residents_60_plus = 0;
};

// Every building with a location, of `community` (all communities when invalid), by id, with its
// counts on `today` (a resident born on today's date 60 years ago counts as 60).
Result<std::vector<BuildingResidents>> ListBuildingResidents(store::Connection& db,
                                                             CommunityId community,
                                                             const CivilDate& today);

}  // namespace shequ::registry
