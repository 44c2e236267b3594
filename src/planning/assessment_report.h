// The complete-community assessment as one printable HTML file: a cover (sources, walking speed,
// how residents were counted, a summary per community), the ranked gaps, then per community a
// map as inline SVG (the walking network, the buildings coloured by their walk to the
// worst-covered item's facilities, those facilities, a scale bar), the items table with the
// evidence, and the items a worker must answer as a form to fill by hand. Self-contained: inline
// CSS, no scripts, fonts, tiles or images; laid out for A4. Pure function of its arguments, safe
// to call from several threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "base/civil_time.h"
#include "base/error.h"
#include "planning/assessment.h"
#include "planning/osm_features.h"
#include "planning/walk_graph.h"

namespace shequ::planning {

enum class ReportLanguage : std::uint8_t { kZh, kEn };

// "zh" or "en"; kInvalidArgument naming field "lang" otherwise.
Result<ReportLanguage> ParseReportLanguage(std::string_view text);

struct ReportInput {
  // The assessment's input (buildings, facilities, communities, checklist) and its result;
  // `assessment` must come from `input`.
  const AssessmentInput& input;
  const Assessment& assessment;
  // The walking network's geometry, the maps' background: StraightPieces(graph), or a collapsed
  // graph's pieces (its edges are chains, and only the pieces have their shape).
  std::span<const EdgePiece> network;
  // Per input community, its boundary when known. Shorter than the communities, or an empty
  // optional: that community's map has no outline.
  std::span<const std::optional<Area>> boundaries;
  std::string title;  // the street's name or any heading; empty: a generic one
  Instant generated_at = 0;
  std::string source_file;  // the OSM extract the network came from
  std::int64_t import_id = 0;
  ReportLanguage language = ReportLanguage::kZh;
};

// The item a community's map is coloured by, as an index into the checklist: the distance item
// with the lowest share (the first in checklist order on a tie); in a community without residents
// the one with the most buildings outside its distance. Empty when the checklist has no distance
// item or `community` is out of range.
std::optional<std::size_t> MapItem(const ReportInput& report, std::size_t community);

// The whole report, "<!DOCTYPE html>" to "</html>". Every text from the data (names, ids, file
// names, types) is HTML-escaped.
std::string AssessmentReportHtml(const ReportInput& report);

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string HtmlEscape(std::string_view text);

}  // namespace shequ::planning
