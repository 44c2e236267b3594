// A building's outline (楼栋轮廓) as a GeoJSON Polygon (RFC 7946 section 3.1.6), WGS 84: the checks
// a footprint passes before it is stored, and the point that stands for it on a map when a building
// has only a latitude and longitude. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/error.h"

namespace shequ::registry {

// The footprint in compact JSON when `geojson` is a Polygon: {"type": "Polygon", "coordinates":
// [ring, ...]} with 1 to 100 linear rings, each of 4 to 10000 positions [longitude, latitude]
// (an altitude may follow) of finite numbers in range, closed (the last position equals the
// first). kInvalidArgument naming "footprint" otherwise, saying what is wrong.
Result<std::string> CheckFootprint(std::string_view geojson);

// {"type": "Point", "coordinates": [longitude, latitude]} in compact JSON.
std::string PointGeometry(double latitude, double longitude);

}  // namespace shequ::registry
