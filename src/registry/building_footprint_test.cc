#include "registry/building_footprint.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace shequ::registry {
namespace {

constexpr const char* kSquare =
    R"({"type":"Polygon","coordinates":[[[116.4,39.9],[116.401,39.9],[116.401,39.901],)"
    R"([116.4,39.901],[116.4,39.9]]]})";

TEST(BuildingFootprintTest, AcceptsAClosedPolygonAndKeepsOnlyTheGeometry) {
  nlohmann::json with_extra = nlohmann::json::parse(kSquare);
  with_extra["bbox"] = {116.4, 39.9, 116.401, 39.901};
  auto footprint = CheckFootprint(with_extra.dump());
  ASSERT_TRUE(footprint) << footprint.error().message;
  const auto stored = nlohmann::json::parse(*footprint);
  EXPECT_EQ(stored, nlohmann::json::parse(kSquare));
  EXPECT_FALSE(stored.contains("bbox"));
}

TEST(BuildingFootprintTest, AcceptsAHoleAndAnAltitude) {
  auto footprint = CheckFootprint(
      R"({"type":"Polygon","coordinates":[[[0,0,10],[4,0,10],[4,4,10],[0,4,10],[0,0,10]],)"
      R"([[1,1],[2,1],[2,2],[1,1]]]})");
  EXPECT_TRUE(footprint) << footprint.error().message;
}

// One row per way a footprint is wrong; every error names the field "footprint".
TEST(BuildingFootprintTest, RefusesWhatIsNotAValidPolygon) {
  const char* cases[] = {
      "not json",
      "[]",
      R"({"type":"Point","coordinates":[116.4,39.9]})",
      R"({"type":"MultiPolygon","coordinates":[]})",
      R"({"type":"Polygon"})",
      R"({"type":"Polygon","coordinates":[]})",
      R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]})",                // 3 positions
      R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]})",          // not closed
      R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],"x",[0,0]]]})",      // not a position
      R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,"a"],[0,1],[0,0]]]})",  // not a number
      R"({"type":"Polygon","coordinates":[[[0,0],[181,0],[1,1],[0,1],[0,0]]]})",  // longitude
      R"({"type":"Polygon","coordinates":[[[0,0],[1,91],[1,1],[0,1],[0,0]]]})",   // latitude
      R"({"type":"Polygon","coordinates":[[[0],[1,0],[1,1],[0,1],[0]]]})",        // one number
  };
  for (const char* text : cases) {
    SCOPED_TRACE(text);
    auto footprint = CheckFootprint(text);
    ASSERT_FALSE(footprint);
    EXPECT_EQ(footprint.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(footprint.error().field, "footprint");
  }
}

TEST(BuildingFootprintTest, PointIsLongitudeThenLatitude) {
  EXPECT_EQ(nlohmann::json::parse(PointGeometry(39.9, 116.4)),
            nlohmann::json::parse(R"({"type":"Point","coordinates":[116.4,39.9]})"));
}

}  // namespace
}  // namespace shequ::registry
