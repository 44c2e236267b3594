#include "registry/building_footprint.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

namespace shequ::registry {
namespace {

constexpr std::size_t kMaxRings = 100;
constexpr std::size_t kMaxPositions = 10000;

Status Refuse(std::string message) { return InvalidArgument(std::move(message), "footprint"); }

Status CheckPosition(const nlohmann::json& position, std::size_t ring, std::size_t index) {
  if (!position.is_array() || position.size() < 2 || position.size() > 3) {
    return Refuse(fmt::format("position {} of ring {} is not [longitude, latitude]", index, ring));
  }
  for (const auto& number : position) {
    if (!number.is_number() || !std::isfinite(number.get<double>())) {
      return Refuse(fmt::format("position {} of ring {} holds a non-number", index, ring));
    }
  }
  const double longitude = position[0].get<double>();
  const double latitude = position[1].get<double>();
  if (longitude < -180 || longitude > 180 || latitude < -90 || latitude > 90) {
    return Refuse(
        fmt::format("position {} of ring {} is outside longitude -180..180, "
                    "latitude -90..90",
                    index, ring));
  }
  return {};
}

}  // namespace

Result<std::string> CheckFootprint(std::string_view geojson) {
  const auto json = nlohmann::json::parse(geojson, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return InvalidArgument("footprint must be a GeoJSON Polygon object", "footprint");
  }
  const auto type = json.find("type");
  if (type == json.end() || *type != "Polygon") {
    return InvalidArgument("footprint must be a GeoJSON geometry of type Polygon", "footprint");
  }
  const auto rings = json.find("coordinates");
  if (rings == json.end() || !rings->is_array() || rings->empty() || rings->size() > kMaxRings) {
    return InvalidArgument("footprint coordinates must be 1 to 100 linear rings", "footprint");
  }
  for (std::size_t r = 0; r < rings->size(); ++r) {
    const auto& ring = (*rings)[r];
    // RFC 7946 3.1.6: a linear ring has four or more positions, the first and last equivalent.
    if (!ring.is_array() || ring.size() < 4 || ring.size() > kMaxPositions) {
      return InvalidArgument(fmt::format("ring {} must have 4 to 10000 positions", r), "footprint");
    }
    for (std::size_t p = 0; p < ring.size(); ++p)
      SHEQU_RETURN_IF_ERROR(CheckPosition(ring[p], r, p));
    if (ring.front() != ring.back()) {
      return InvalidArgument(fmt::format("ring {} is not closed: its last position must equal "
                                         "its first",
                                         r),
                             "footprint");
    }
  }
  // Only the geometry is kept, whatever else the object carried ("bbox", foreign members).
  return nlohmann::json{{"type", "Polygon"}, {"coordinates", *rings}}.dump();
}

std::string PointGeometry(double latitude, double longitude) {
  return nlohmann::json{{"type", "Point"}, {"coordinates", {longitude, latitude}}}.dump();
}

}  // namespace shequ::registry
