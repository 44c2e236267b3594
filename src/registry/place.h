// The places of the registry: a street (街道) holds communities (社区), a community holds grids
// (网格). Every record that belongs to a community hangs below one of these, and a user's scope
// is one of them. Plain values; the registry issue extends them with boundaries and population.
#pragma once

#include <string>

#include "base/civil_time.h"
#include "base/ids.h"

namespace shequ::registry {

struct Street {
  StreetId id;
  std::string name;
  Instant created_at = 0;
};

struct Community {
  CommunityId id;
  StreetId street_id;
  std::string name;
  Instant created_at = 0;
};

struct Grid {
  GridId id;
  CommunityId community_id;
  std::string name;
  Instant created_at = 0;
};

// How many of each kind of place lie inside a scope.
struct PlaceCounts {
  std::int64_t streets = 0;
  std::int64_t communities = 0;
  std::int64_t grids = 0;
};

}  // namespace shequ::registry
