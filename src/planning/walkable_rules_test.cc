#include "planning/walkable_rules.h"

#include <gtest/gtest.h>

#include <string>

namespace shequ::planning {
namespace {

struct Row {
  const char* name;
  WayTags tags;
  bool walkable;
};

// One row per rule of docs/planning-walkable.md.
const Row kRows[] = {
    {"footway", {.highway = "footway"}, true},
    {"footway_crossing", {.highway = "footway", .footway = "crossing"}, true},
    {"footway_sidewalk", {.highway = "footway", .footway = "sidewalk"}, true},
    {"path", {.highway = "path"}, true},
    {"pedestrian", {.highway = "pedestrian"}, true},
    {"pedestrian_area", {.highway = "pedestrian", .area = "yes"}, true},
    {"steps", {.highway = "steps"}, true},
    {"living_street", {.highway = "living_street"}, true},
    {"residential", {.highway = "residential"}, true},
    {"service", {.highway = "service"}, true},
    {"unclassified", {.highway = "unclassified"}, true},
    {"tertiary", {.highway = "tertiary"}, true},
    {"secondary_link", {.highway = "secondary_link"}, true},
    {"primary", {.highway = "primary"}, true},
    {"primary_link", {.highway = "primary_link"}, true},
    {"track", {.highway = "track"}, true},
    {"cycleway", {.highway = "cycleway"}, true},
    {"cycleway_foot_no", {.highway = "cycleway", .foot = "no"}, false},
    {"crossing_way", {.highway = "crossing"}, true},
    {"corridor", {.highway = "corridor"}, true},
    {"elevator", {.highway = "elevator"}, true},
    {"motorway", {.highway = "motorway"}, false},
    {"motorway_link", {.highway = "motorway_link"}, false},
    {"trunk", {.highway = "trunk"}, false},
    {"trunk_foot_yes", {.highway = "trunk", .foot = "yes"}, true},
    {"motorway_foot_designated", {.highway = "motorway", .foot = "designated"}, true},
    {"foot_no", {.highway = "residential", .foot = "no"}, false},
    {"foot_use_sidepath", {.highway = "primary", .foot = "use_sidepath"}, false},
    {"access_no", {.highway = "service", .access = "no"}, false},
    {"access_private", {.highway = "service", .access = "private"}, false},
    {"access_private_foot_yes", {.highway = "service", .foot = "yes", .access = "private"}, true},
    {"access_no_foot_permissive",
     {.highway = "footway", .foot = "permissive", .access = "no"},
     true},
    {"access_no_foot_designated", {.highway = "path", .foot = "designated", .access = "no"}, true},
    {"access_destination", {.highway = "residential", .access = "destination"}, true},
    {"construction", {.highway = "construction"}, false},
    {"proposed", {.highway = "proposed"}, false},
    {"unknown_value", {.highway = "no_such_value"}, false},
    {"no_highway", {}, false},
};

class WalkableRuleTest : public testing::TestWithParam<Row> {};

TEST_P(WalkableRuleTest, Decides) {
  const Row& row = GetParam();
  const WalkDecision decision = DecideWalkable(row.tags);
  EXPECT_EQ(decision.walkable, row.walkable) << row.name << ": " << decision.reason;
  EXPECT_FALSE(decision.reason.empty());
}

INSTANTIATE_TEST_SUITE_P(Rules, WalkableRuleTest, testing::ValuesIn(kRows),
                         [](const testing::TestParamInfo<Row>& info) {
                           return std::string(info.param.name);
                         });

TEST(WalkableRulesTable, EveryWalkableValueIsWalkableAlone) {
  for (const HighwayRule& rule : HighwayRules()) {
    const bool expected = rule.walk_class == HighwayClass::kWalkable;
    EXPECT_EQ(DecideWalkable({.highway = rule.highway}).walkable, expected) << rule.highway;
  }
}

}  // namespace
}  // namespace shequ::planning
