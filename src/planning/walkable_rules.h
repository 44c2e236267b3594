// Which OSM ways a pedestrian may walk on: a data table of `highway` values plus the access rules
// (foot/access tags) applied on top of it. docs/planning-walkable.md is the same table in prose.
// Pure functions over string views: safe to call from any thread.
#pragma once

#include <span>
#include <string_view>

namespace shequ::planning {

// The tags of a way that decide whether it is walkable; empty means "not set".
struct WayTags {
  std::string_view highway;
  std::string_view foot;
  std::string_view access;
  std::string_view area;
  std::string_view footway;
};

enum class HighwayClass {
  kWalkable,         // walkable unless access tags forbid it
  kFootYesRequired,  // motor roads: walkable only with an explicit foot=yes/designated/permissive
  kNotWalkable,      // never part of the walking network
};

struct HighwayRule {
  std::string_view highway;
  HighwayClass walk_class;
  std::string_view why;
};

// The table, in the order of docs/planning-walkable.md. A highway value not in the table is not
// walkable (construction, proposed, raceway, bus_guideway, unknown values).
std::span<const HighwayRule> HighwayRules();

struct WalkDecision {
  bool walkable = false;
  std::string_view reason;  // which rule decided, for logs and tests
};

WalkDecision DecideWalkable(const WayTags& tags);

}  // namespace shequ::planning
