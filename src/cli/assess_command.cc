// `shequ assess`: the complete-community assessment of the registry's communities on the current
// OSM import's walking network, as JSON (the API's shape) or GeoJSON (buildings and facilities,
// for QGIS), to stdout or a file.
#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "base/civil_time.h"
#include "cli/commands.h"
#include "planning/assessment_json.h"
#include "planning/living_circle_checklist.h"
#include "planning/snapping.h"
#include "planning/store/assessment_source.h"

namespace shequ::cli {
namespace {

// One collection of both layers, each feature saying which ("layer": "buildings" or
// "facilities"): QGIS splits a file by geometry type, and filters by the property.
nlohmann::json CombinedGeoJson(const planning::AssessmentInput& input,
                               const planning::Assessment& assessment) {
  nlohmann::json features = nlohmann::json::array();
  for (auto [layer, collection] :
       {std::pair{"buildings", planning::BuildingsGeoJson(input, assessment)},
        std::pair{"facilities", planning::FacilitiesGeoJson(input, assessment)}}) {
    for (auto& feature : collection["features"]) {
      feature["properties"]["layer"] = layer;
      features.push_back(std::move(feature));
    }
  }
  return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

}  // namespace

int RunAssess(const Config& config, const AssessOptions& options) {
  if (options.format != "json" && options.format != "geojson") {
    PrintError({ErrorCode::kInvalidArgument, "--format must be json or geojson", "format"});
    return 2;
  }
  auto database = OpenAndMigrate(config);
  if (!database) {
    PrintError(database.error());
    return 1;
  }
  SystemClock clock;
  auto data = planning::LoadAssessmentData(**database, CommunityId(options.community),
                                           ShanghaiDate(clock.Now()));
  if (!data) {
    PrintError(data.error());
    return 1;
  }
  auto checklist = planning::BuiltInChecklist();
  if (!checklist) {
    PrintError(checklist.error());
    return 1;
  }
  const planning::EdgeSnapper snapper(data->graph);
  const planning::AssessmentInput input{.graph = data->graph,
                                        .snapper = snapper,
                                        .buildings = data->buildings,
                                        .facilities = data->facilities,
                                        .communities = data->communities,
                                        .checklist = *checklist};
  auto assessment = planning::Assess(input);
  if (!assessment) {
    PrintError(assessment.error());
    return 1;
  }
  nlohmann::json out = options.format == "json" ? planning::AssessmentToJson(input, *assessment)
                                                : CombinedGeoJson(input, *assessment);
  if (options.format == "json") {
    out["source"] = {{"import_id", data->import_id}, {"file", data->source_name}};
  }
  const std::string text = out.dump(1) + "\n";
  if (options.out.empty()) {
    fmt::print("{}", text);
  } else {
    std::ofstream file(options.out, std::ios::binary);
    file << text;
    if (!file.flush()) {
      PrintError({ErrorCode::kInvalidArgument, "cannot write " + options.out, "out"});
      return 1;
    }
    fmt::print(stderr, "shequ: wrote the assessment of {} communities ({} buildings) to {}\n",
               data->communities.size(), data->buildings.size(), options.out);
  }
  return 0;
}

}  // namespace shequ::cli
