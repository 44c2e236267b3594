// The complete-community checklist (完整居住社区建设标准(试行), 20 items) as data: per item the
// facility type that satisfies it, the walking distance (GB 50180-2018 living-circle levels) and
// the share of residents that must live within it. Parsed from a tab-separated table
// (data/complete_community_checklist.tsv, built into the binary; a city may load its own).
// Plain values: safe to share between threads once parsed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace shequ::planning {

// Who an item serves: the gaps list weighs a gap by the residents of this group left outside.
enum class ServedPopulation : std::uint8_t { kAll, k60Plus };

struct ChecklistItem {
  std::string item;           // stable id, e.g. "cc01_service_station"
  std::string name_zh;        // 社区综合服务站
  std::string name_en;        // Community service station
  std::string facility_type;  // empty: the item needs a worker's input (property, governance)
  double max_distance_m = 0;  // walking distance on the network; 0 for worker-input items
  // Share of residents that must live within max_distance_m, in millionths so that the pass test
  // ("以上": the number itself passes) is exact integer arithmetic. 0 for worker-input items.
  std::uint32_t required_share_ppm = 0;
  ServedPopulation population = ServedPopulation::kAll;
  std::string source;    // standard and clause
  bool sourced = false;  // true: seen in public material; false: [memory], to be checked

  bool NeedsWorkerInput() const { return facility_type.empty(); }
  double RequiredShare() const { return required_share_ppm / 1e6; }
};

// The default walking speed, 60 m/min: GB 50180-2018 pairs its 5/10/15-minute living circles
// with about 300/500/1000 m, i.e. 60 m/min, a pace most older residents keep (a brisker
// 75 m/min, also seen in planning code, would stretch the 5-minute circle to 375 m).
inline constexpr double kDefaultWalkingSpeedMPerMin = 60.0;

struct LivingCircleChecklist {
  std::vector<ChecklistItem> items;
  double walking_speed_m_per_min = kDefaultWalkingSpeedMPerMin;

  // The distinct facility types of the items, in order of first appearance.
  std::vector<std::string> FacilityTypes() const;
  // Walking minutes for a distance at the checklist's speed.
  double Minutes(double distance_m) const { return distance_m / walking_speed_m_per_min; }
};

// Parses the table: '#' lines and blank lines are skipped; the first other line is the header and
// must name the columns item, name_zh, name_en, facility_type, max_distance_m, required_share,
// population, source, source_status in that order. Errors are kInvalidArgument with the line
// number in the message and the column in `field`: a wrong column count, a duplicate or malformed
// item id, a distance or share out of range, a worker-input item with a distance.
// `known_facility_types`, when not empty, is the set facility_type must come from.
Result<LivingCircleChecklist> ParseLivingCircleChecklist(
    std::string_view tsv, const std::vector<std::string>& known_facility_types = {});

// The text of data/complete_community_checklist.tsv, embedded at build time.
std::string_view BuiltInChecklistTsv();

// The built-in checklist, parsed once. Fails only if the embedded table is broken (a test
// guards it).
Result<LivingCircleChecklist> BuiltInChecklist();

}  // namespace shequ::planning
