#include "planning/assessment_json.h"

#include <cmath>

namespace shequ::planning {
namespace {

using nlohmann::json;

// Decimetres are below the accuracy of the mapped geometry; more digits would only be noise.
json Metres(double m) {
  if (!std::isfinite(m)) return nullptr;
  return std::round(m * 10) / 10;
}

json Nearest(const AssessmentInput& input, const NearestFacility& nearest) {
  if (!nearest.Reachable()) return nullptr;
  return {{"distance_m", Metres(nearest.distance_m)},
          {"facility_id", input.facilities[nearest.facility].id}};
}

// "registry" when every building's residents were counted, "estimated" when every one was
// estimated from floor area, "mixed" otherwise; "none" without buildings.
std::string ResidentsSource(std::size_t buildings, std::size_t estimated) {
  if (buildings == 0) return "none";
  if (estimated == 0) return "registry";
  if (estimated == buildings) return "estimated";
  return "mixed";
}

json PointGeometry(Coord c) { return {{"type", "Point"}, {"coordinates", {c.Lon(), c.Lat()}}}; }

json ItemJson(const AssessmentInput& input, const Assessment& assessment, const ItemResult& r) {
  const ChecklistItem& item = input.checklist.items[r.item];
  json j = {{"item", item.item},
            {"name_zh", item.name_zh},
            {"name_en", item.name_en},
            {"source", item.source},
            {"source_status", item.sourced ? "sourced" : "memory"}};
  if (r.needs_worker_input) {
    j["facility_type"] = nullptr;
    j["max_distance_m"] = nullptr;
    j["needs_worker_input"] = true;
    j["residents_covered"] = nullptr;
    j["share"] = nullptr;
    j["pass"] = nullptr;
    j["evidence"] = nullptr;
    return j;
  }
  j["facility_type"] = item.facility_type;
  j["max_distance_m"] = item.max_distance_m;
  j["max_walk_minutes"] = input.checklist.Minutes(item.max_distance_m);
  j["required_share"] = item.RequiredShare();
  j["needs_worker_input"] = false;
  j["residents_covered"] = r.residents_covered;
  j["share"] = r.share ? json(*r.share) : json(nullptr);
  j["pass"] = r.pass ? json(*r.pass) : json(nullptr);
  const FacilityTypeResult* type = assessment.Type(item.facility_type);
  j["evidence"] = {
      {"median_nearest", Nearest(input, r.evidence.median)},
      {"residents_outside", r.evidence.residents_outside},
      {"residents_outside_60_plus", r.evidence.residents_outside_60_plus},
      {"buildings_outside", r.evidence.buildings_outside},
      {"buildings_off_network", r.evidence.buildings_off_network},
      {"facilities_of_type", type != nullptr ? type->facility_count : 0},
  };
  return j;
}

}  // namespace

json AssessmentToJson(const AssessmentInput& input, const Assessment& assessment) {
  json buildings = json::array();
  for (std::size_t b = 0; b < input.buildings.size(); ++b) {
    const AssessmentBuilding& building = input.buildings[b];
    json nearest = json::object();
    for (const FacilityTypeResult& type : assessment.types) {
      nearest[type.facility_type] = Nearest(input, type.per_building[b]);
    }
    buildings.push_back({{"id", building.id},
                         {"osm_id", building.osm_id},
                         {"lat", building.location.Lat()},
                         {"lon", building.location.Lon()},
                         {"community_id", building.community_id},
                         {"residents", building.residents},
                         {"residents_60_plus", building.residents_60_plus},
                         {"residents_estimated", building.residents_estimated},
                         {"on_network", assessment.building_access[b].on_network},
                         {"snap_distance_m", Metres(assessment.building_access[b].snap_distance_m)},
                         {"nearest", std::move(nearest)}});
  }

  json communities = json::array();
  for (const CommunityResult& c : assessment.communities) {
    json items = json::array();
    for (const ItemResult& r : c.items) items.push_back(ItemJson(input, assessment, r));
    communities.push_back(
        {{"id", input.communities[c.community].id},
         {"name", input.communities[c.community].name},
         {"residents", c.residents},
         {"residents_60_plus", c.residents_60_plus},
         {"buildings", c.buildings},
         {"buildings_estimated", c.buildings_estimated},
         {"residents_source", ResidentsSource(c.buildings, c.buildings_estimated)},
         {"items", std::move(items)}});
  }

  json gaps = json::array();
  for (const AssessmentGap& gap : assessment.gaps) {
    const ChecklistItem& item = input.checklist.items[gap.item];
    gaps.push_back({{"community_id", input.communities[gap.community].id},
                    {"community_name", input.communities[gap.community].name},
                    {"item", item.item},
                    {"facility_type", item.facility_type},
                    {"max_distance_m", item.max_distance_m},
                    {"residents_outside", gap.residents_outside},
                    {"residents_outside_60_plus", gap.residents_outside_60_plus},
                    {"pass", gap.pass},
                    {"message_en", gap.message_en},
                    {"message_zh", gap.message_zh}});
  }

  json off_buildings = json::array();
  for (std::size_t b = 0; b < input.buildings.size(); ++b) {
    if (!assessment.building_access[b].on_network) off_buildings.push_back(input.buildings[b].id);
  }
  json off_facilities = json::array();
  for (std::size_t f = 0; f < input.facilities.size(); ++f) {
    if (assessment.facility_access[f].assessed && !assessment.facility_access[f].on_network) {
      off_facilities.push_back(input.facilities[f].id);
    }
  }

  return {{"walking_speed_m_per_min", input.checklist.walking_speed_m_per_min},
          {"buildings", std::move(buildings)},
          {"communities", std::move(communities)},
          {"gaps", std::move(gaps)},
          {"unreachable",
           {{"buildings", std::move(off_buildings)}, {"facilities", std::move(off_facilities)}}},
          {"buildings_without_community", assessment.buildings_without_community}};
}

json BuildingsGeoJson(const AssessmentInput& input, const Assessment& assessment) {
  json features = json::array();
  for (std::size_t b = 0; b < input.buildings.size(); ++b) {
    const AssessmentBuilding& building = input.buildings[b];
    json properties = {{"id", building.id},
                       {"osm_id", building.osm_id},
                       {"community_id", building.community_id},
                       {"residents", building.residents},
                       {"residents_60_plus", building.residents_60_plus},
                       {"residents_estimated", building.residents_estimated},
                       {"on_network", assessment.building_access[b].on_network}};
    for (const FacilityTypeResult& type : assessment.types) {
      properties[type.facility_type] = Metres(type.per_building[b].distance_m);
    }
    features.push_back({{"type", "Feature"},
                        {"geometry", PointGeometry(building.location)},
                        {"properties", std::move(properties)}});
  }
  return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

json FacilitiesGeoJson(const AssessmentInput& input, const Assessment& assessment) {
  json features = json::array();
  for (std::size_t f = 0; f < input.facilities.size(); ++f) {
    const AssessmentFacility& facility = input.facilities[f];
    features.push_back(
        {{"type", "Feature"},
         {"geometry", PointGeometry(facility.location)},
         {"properties",
          {{"id", facility.id},
           {"facility_type", facility.facility_type},
           {"assessed", assessment.facility_access[f].assessed},
           {"on_network", assessment.facility_access[f].on_network},
           {"snap_distance_m", Metres(assessment.facility_access[f].snap_distance_m)}}}});
  }
  return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

}  // namespace shequ::planning
