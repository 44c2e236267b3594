// `shequ assess`: the complete-community assessment of the registry's communities on the current
// OSM import's walking network, as JSON (the API's shape), GeoJSON (buildings and facilities, for
// QGIS) or a printable HTML report with maps and tables, to stdout or a file.
//
// It runs on the network with its chains of degree-2 nodes collapsed (CollapseChains), snapping
// on the chains' full geometry: the distances are the full graph's up to the float rounding of a
// chain's length (collapsed_assessment_test.cc checks Monaco to 0.01 m), and the sweeps touch
// far fewer nodes (Monaco: one in seven).
#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "base/civil_time.h"
#include "cli/commands.h"
#include "planning/assessment_json.h"
#include "planning/assessment_report.h"
#include "planning/living_circle_checklist.h"
#include "planning/snapping.h"
#include "planning/store/assessment_source.h"
#include "planning/walk_graph.h"

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
  if (options.format != "json" && options.format != "geojson" && options.format != "html") {
    PrintError({ErrorCode::kInvalidArgument,
                "--format must be json, geojson or html (for a PDF, print the html report from "
                "a browser)",
                "format"});
    return 2;
  }
  auto language = planning::ParseReportLanguage(options.lang);
  if (!language) {
    PrintError({ErrorCode::kInvalidArgument, "--lang must be zh or en", "lang"});
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
  const planning::CollapsedGraph collapsed = planning::CollapseChains(data->graph);
  const planning::EdgeSnapper snapper(collapsed.pieces);
  const planning::AssessmentInput input{.graph = collapsed.graph,
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
  std::string text;
  if (options.format == "html") {
    text = planning::AssessmentReportHtml({.input = input,
                                           .assessment = *assessment,
                                           .network = collapsed.pieces,
                                           .boundaries = data->boundaries,
                                           .title = options.title,
                                           .generated_at = clock.Now(),
                                           .source_file = data->source_name,
                                           .import_id = data->import_id,
                                           .language = *language});
  } else {
    nlohmann::json out = options.format == "json" ? planning::AssessmentToJson(input, *assessment)
                                                  : CombinedGeoJson(input, *assessment);
    if (options.format == "json") {
      out["source"] = {{"import_id", data->import_id}, {"file", data->source_name}};
    }
    text = out.dump(1) + "\n";
  }
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
