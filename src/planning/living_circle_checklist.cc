#include "planning/living_circle_checklist.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <string>
#include <unordered_set>

namespace shequ::planning {
namespace {

constexpr std::array<std::string_view, 9> kColumns = {
    "item",           "name_zh",    "name_en", "facility_type", "max_distance_m",
    "required_share", "population", "source",  "source_status"};

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> cells;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    cells.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) return cells;
    start = tab + 1;
  }
}

bool IsSnakeCase(std::string_view s) {
  if (s.empty() || !(s.front() >= 'a' && s.front() <= 'z')) return false;
  return std::ranges::all_of(
      s, [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::optional<double> ParseNumber(std::string_view s) {
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::unexpected<Error> LineError(std::size_t line, std::string_view column, std::string message) {
  return InvalidArgument("checklist line " + std::to_string(line) + ": " + message,
                         std::string(column));
}

}  // namespace

std::vector<std::string> LivingCircleChecklist::FacilityTypes() const {
  std::vector<std::string> types;
  for (const ChecklistItem& item : items) {
    if (!item.NeedsWorkerInput() && std::ranges::find(types, item.facility_type) == types.end()) {
      types.push_back(item.facility_type);
    }
  }
  return types;
}

Result<LivingCircleChecklist> ParseLivingCircleChecklist(
    std::string_view tsv, const std::vector<std::string>& known_facility_types) {
  LivingCircleChecklist checklist;
  std::unordered_set<std::string> seen;
  bool header_seen = false;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < tsv.size()) {
    std::size_t end = tsv.find('\n', start);
    if (end == std::string_view::npos) end = tsv.size();
    std::string_view line = tsv.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;

    const std::vector<std::string_view> cells = SplitTabs(line);
    if (cells.size() != kColumns.size()) {
      return LineError(line_number, "",
                       "expected " + std::to_string(kColumns.size()) +
                           " tab-separated columns, found " + std::to_string(cells.size()));
    }
    if (!header_seen) {
      for (std::size_t c = 0; c < kColumns.size(); ++c) {
        if (cells[c] != kColumns[c]) {
          return LineError(line_number, kColumns[c],
                           "header column " + std::to_string(c + 1) + " must be '" +
                               std::string(kColumns[c]) + "', found '" + std::string(cells[c]) +
                               "'");
        }
      }
      header_seen = true;
      continue;
    }

    ChecklistItem item;
    item.item = std::string(cells[0]);
    if (!IsSnakeCase(item.item)) {
      return LineError(
          line_number, "item",
          "item id '" + item.item + "' must be lower_snake_case (e.g. cc01_service_station)");
    }
    if (!seen.insert(item.item).second) {
      return LineError(line_number, "item", "duplicate item id '" + item.item + "'");
    }
    item.name_zh = std::string(cells[1]);
    item.name_en = std::string(cells[2]);
    if (item.name_zh.empty()) return LineError(line_number, "name_zh", "name_zh is empty");
    if (item.name_en.empty()) return LineError(line_number, "name_en", "name_en is empty");
    item.facility_type = std::string(cells[3]);

    if (item.NeedsWorkerInput()) {
      // A worker-input item is judged by a person, so a distance or share would never be used.
      if (!cells[4].empty()) {
        return LineError(line_number, "max_distance_m",
                         "an item without a facility_type needs a worker's input and takes no "
                         "distance");
      }
      if (!cells[5].empty()) {
        return LineError(line_number, "required_share",
                         "an item without a facility_type takes no required_share");
      }
    } else {
      if (!IsSnakeCase(item.facility_type)) {
        return LineError(line_number, "facility_type",
                         "facility_type '" + item.facility_type + "' must be lower_snake_case");
      }
      if (!known_facility_types.empty() &&
          std::ranges::find(known_facility_types, item.facility_type) ==
              known_facility_types.end()) {
        return LineError(line_number, "facility_type",
                         "unknown facility_type '" + item.facility_type + "'");
      }
      const std::optional<double> distance = ParseNumber(cells[4]);
      if (!distance || *distance <= 0 || *distance > 100000) {
        return LineError(line_number, "max_distance_m",
                         "max_distance_m must be a number of metres in (0, 100000], found '" +
                             std::string(cells[4]) + "'");
      }
      item.max_distance_m = *distance;
      const std::optional<double> share = ParseNumber(cells[5]);
      if (!share || *share <= 0 || *share > 1) {
        return LineError(
            line_number, "required_share",
            "required_share must be a number in (0, 1], found '" + std::string(cells[5]) + "'");
      }
      item.required_share_ppm = static_cast<std::uint32_t>(std::lround(*share * 1e6));
    }

    if (cells[6] == "all") {
      item.population = ServedPopulation::kAll;
    } else if (cells[6] == "60_plus") {
      item.population = ServedPopulation::k60Plus;
    } else {
      return LineError(
          line_number, "population",
          "population must be 'all' or '60_plus', found '" + std::string(cells[6]) + "'");
    }
    item.source = std::string(cells[7]);
    if (item.source.empty()) {
      return LineError(line_number, "source", "every item names the standard it comes from");
    }
    if (cells[8] == "sourced") {
      item.sourced = true;
    } else if (cells[8] != "memory") {
      return LineError(
          line_number, "source_status",
          "source_status must be 'sourced' or 'memory', found '" + std::string(cells[8]) + "'");
    }
    checklist.items.push_back(std::move(item));
  }
  if (!header_seen) return InvalidArgument("checklist has no header line", "item");
  if (checklist.items.empty()) return InvalidArgument("checklist has no items", "item");
  return checklist;
}

Result<LivingCircleChecklist> BuiltInChecklist() {
  static const Result<LivingCircleChecklist> kChecklist =
      ParseLivingCircleChecklist(BuiltInChecklistTsv());
  return kChecklist;
}

}  // namespace shequ::planning
