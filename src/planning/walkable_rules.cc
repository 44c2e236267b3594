#include "planning/walkable_rules.h"

#include <array>

namespace shequ::planning {
namespace {

using enum HighwayClass;

// Roads other than motorways and trunks are assumed to have a sidewalk or be walkable on the
// side: that is how Chinese and most other city extracts are mapped (sidewalks are rarely drawn
// as separate ways), and dropping them would cut the network into pieces.
constexpr std::array kRules = {
    HighwayRule{"footway", kWalkable, "built for pedestrians"},
    HighwayRule{"pedestrian", kWalkable, "pedestrian street or square (area=yes: its outline)"},
    HighwayRule{"path", kWalkable, "multi-use path"},
    HighwayRule{"steps", kWalkable, "stairs are walkable (not step-free)"},
    HighwayRule{"living_street", kWalkable, "shared space, pedestrians have priority"},
    HighwayRule{"residential", kWalkable, "sidewalk or shoulder assumed"},
    HighwayRule{"service", kWalkable, "compound and access roads"},
    HighwayRule{"unclassified", kWalkable, "minor road, sidewalk or shoulder assumed"},
    HighwayRule{"tertiary", kWalkable, "sidewalk assumed"},
    HighwayRule{"tertiary_link", kWalkable, "sidewalk assumed"},
    HighwayRule{"secondary", kWalkable, "sidewalk assumed"},
    HighwayRule{"secondary_link", kWalkable, "sidewalk assumed"},
    HighwayRule{"primary", kWalkable, "sidewalk assumed"},
    HighwayRule{"primary_link", kWalkable, "sidewalk assumed"},
    HighwayRule{"road", kWalkable, "unknown road type, treated as a minor road"},
    HighwayRule{"track", kWalkable, "agricultural or forest track"},
    HighwayRule{"cycleway", kWalkable, "walkable unless foot=no"},
    HighwayRule{"bridleway", kWalkable, "walkable unless foot=no"},
    HighwayRule{"crossing", kWalkable, "crossing drawn as a way"},
    HighwayRule{"corridor", kWalkable, "indoor corridor"},
    HighwayRule{"elevator", kWalkable, "lift drawn as a way"},
    HighwayRule{"platform", kWalkable, "public transport platform"},
    HighwayRule{"motorway", kFootYesRequired, "pedestrians prohibited by law"},
    HighwayRule{"motorway_link", kFootYesRequired, "pedestrians prohibited by law"},
    HighwayRule{"trunk", kFootYesRequired, "expressway, usually no pedestrians"},
    HighwayRule{"trunk_link", kFootYesRequired, "expressway ramp, usually no pedestrians"},
    HighwayRule{"construction", kNotWalkable, "under construction"},
    HighwayRule{"proposed", kNotWalkable, "does not exist yet"},
    HighwayRule{"raceway", kNotWalkable, "race track"},
    HighwayRule{"bus_guideway", kNotWalkable, "bus-only guideway"},
};

bool FootAllowed(std::string_view foot) {
  return foot == "yes" || foot == "designated" || foot == "permissive";
}

}  // namespace

std::span<const HighwayRule> HighwayRules() { return kRules; }

WalkDecision DecideWalkable(const WayTags& tags) {
  if (tags.highway.empty()) return {false, "no highway tag"};
  const HighwayRule* rule = nullptr;
  for (const HighwayRule& r : kRules) {
    if (r.highway == tags.highway) {
      rule = &r;
      break;
    }
  }
  if (rule == nullptr) return {false, "highway value not in the walkable table"};
  if (rule->walk_class == kNotWalkable) return {false, rule->why};
  // An explicit foot tag wins over everything else (OSM access hierarchy: foot is more specific
  // than access).
  if (tags.foot == "no" || tags.foot == "use_sidepath") return {false, "foot=no"};
  if (FootAllowed(tags.foot)) return {true, "foot allows pedestrians"};
  if (rule->walk_class == kFootYesRequired) return {false, "motor road without foot=yes"};
  if (tags.access == "no" || tags.access == "private") {
    return {false, "access=no/private without foot=yes"};
  }
  return {true, rule->why};
}

}  // namespace shequ::planning
