#include "planning/facility_mapping.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <utility>

namespace shequ::planning {
namespace {

constexpr std::string_view kHeader[] = {"facility_type", "key", "value", "condition", "note"};

std::string_view Trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \r");
  return s.substr(first, last - first + 1);
}

std::vector<std::string_view> Split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = s.find(separator, start);
    parts.push_back(s.substr(start, end == std::string_view::npos ? s.npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

// Facility types and keys are identifiers others store and compare: keep them plain.
bool IsTypeName(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool IsKey(std::string_view s) {
  return !s.empty() && std::none_of(s.begin(), s.end(), [](char c) {
    return c == ' ' || c == '=' || c == '!' || c == '~' || c == '&' || c == '|';
  });
}

std::unexpected<Error> LineError(std::size_t line, const std::string& message) {
  return InvalidArgument("line " + std::to_string(line) + ": " + message, "facility_mapping");
}

// Parses one condition such as "social_facility:for=senior", "!isced:level" or "name!~小学|中学".
Result<TagCondition> ParseCondition(std::string_view text, std::size_t line) {
  TagCondition condition;
  std::string_view key;
  std::string_view values;
  struct Operator {
    std::string_view symbol;
    TagTest test;
  };
  // Two-character operators first, so "!=" is not read as "=".
  constexpr Operator kOperators[] = {{"!=", TagTest::kNotEquals},
                                     {"!~", TagTest::kNotContains},
                                     {"=", TagTest::kEquals},
                                     {"~", TagTest::kContains}};
  bool found = false;
  for (const Operator& op : kOperators) {
    const std::size_t at = text.find(op.symbol);
    if (at == std::string_view::npos) continue;
    key = Trim(text.substr(0, at));
    values = Trim(text.substr(at + op.symbol.size()));
    condition.test = op.test;
    found = true;
    break;
  }
  if (!found) {
    if (text.starts_with('!')) {
      key = Trim(text.substr(1));
      condition.test = TagTest::kAbsent;
    } else {
      key = text;
      condition.test = TagTest::kPresent;
    }
  }
  if (!IsKey(key)) {
    return LineError(line, "condition \"" + std::string(text) + "\" has no valid key");
  }
  condition.key = std::string(key);
  if (found) {
    for (std::string_view value : Split(values, '|')) {
      value = Trim(value);
      if (value.empty()) {
        return LineError(line, "condition \"" + std::string(text) + "\" has an empty value");
      }
      condition.values.emplace_back(value);
    }
  }
  return condition;
}

// Whether a tag value, possibly a ';' list, holds `wanted` as one of its values.
bool HasValue(std::string_view tag_value, std::string_view wanted) {
  for (std::string_view part : Split(tag_value, ';')) {
    if (Trim(part) == wanted) return true;
  }
  return false;
}

bool HasAnyValue(std::string_view tag_value, const std::vector<std::string>& wanted) {
  return std::any_of(wanted.begin(), wanted.end(),
                     [&](const std::string& w) { return HasValue(tag_value, w); });
}

bool ContainsAny(std::string_view tag_value, const std::vector<std::string>& texts) {
  return std::any_of(texts.begin(), texts.end(), [&](const std::string& t) {
    return tag_value.find(t) != std::string_view::npos;
  });
}

const std::string_view* Find(OsmTagList tags, std::string_view key) {
  for (const OsmTag& tag : tags) {
    if (tag.key == key) return &tag.value;
  }
  return nullptr;
}

bool Holds(const TagCondition& condition, OsmTagList tags) {
  const std::string_view* value = Find(tags, condition.key);
  switch (condition.test) {
    case TagTest::kEquals:
      return value != nullptr && HasAnyValue(*value, condition.values);
    case TagTest::kNotEquals:
      return value == nullptr || !HasAnyValue(*value, condition.values);
    case TagTest::kContains:
      return value != nullptr && ContainsAny(*value, condition.values);
    case TagTest::kNotContains:
      return value == nullptr || !ContainsAny(*value, condition.values);
    case TagTest::kPresent:
      return value != nullptr;
    case TagTest::kAbsent:
      return value == nullptr;
  }
  return false;
}

bool SameRow(const FacilityMappingRow& a, const FacilityMappingRow& b) {
  if (a.facility_type != b.facility_type || a.key != b.key || a.value != b.value ||
      a.conditions.size() != b.conditions.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.conditions.size(); ++i) {
    const TagCondition& x = a.conditions[i];
    const TagCondition& y = b.conditions[i];
    if (x.key != y.key || x.test != y.test || x.values != y.values) return false;
  }
  return true;
}

}  // namespace

const FacilityMapping& FacilityMapping::Default() {
  static const FacilityMapping default_mapping = [] {
    Result<FacilityMapping> parsed = Parse(BuiltInFacilityMappingText());
    if (!parsed) std::abort();  // facility_mapping_test names the line
    return *std::move(parsed);
  }();
  return default_mapping;
}

Result<FacilityMapping> FacilityMapping::Parse(std::string_view text) {
  FacilityMapping mapping;
  bool header_seen = false;
  std::size_t line_number = 0;
  for (std::string_view line : Split(text, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty() || Trim(line).starts_with('#')) continue;
    const std::vector<std::string_view> columns = Split(line, '\t');
    if (!header_seen) {
      if (columns.size() != std::size(kHeader) ||
          !std::equal(columns.begin(), columns.end(), std::begin(kHeader),
                      [](std::string_view a, std::string_view b) { return Trim(a) == b; })) {
        return LineError(line_number,
                         "the header must be the tab-separated columns facility_type, key, "
                         "value, condition, note");
      }
      header_seen = true;
      continue;
    }
    if (columns.size() < 4 || columns.size() > 5) {
      return LineError(line_number, "expected 4 or 5 tab-separated columns, found " +
                                        std::to_string(columns.size()));
    }
    FacilityMappingRow row;
    row.line = line_number;
    row.facility_type = std::string(Trim(columns[0]));
    row.key = std::string(Trim(columns[1]));
    row.value = std::string(Trim(columns[2]));
    if (columns.size() == 5) row.note = std::string(Trim(columns[4]));
    if (!IsTypeName(row.facility_type)) {
      return LineError(line_number, "facility type \"" + row.facility_type +
                                        "\" must be lower-case letters, digits and '_'");
    }
    if (!IsKey(row.key)) return LineError(line_number, "key \"" + row.key + "\" is not valid");
    if (row.value.empty()) return LineError(line_number, "the value is empty (use * for any)");
    const std::string_view condition_text = Trim(columns[3]);
    if (!condition_text.empty() && condition_text != "-") {
      for (std::string_view part : Split(condition_text, '&')) {
        part = Trim(part);
        if (part.empty()) return LineError(line_number, "an empty condition between '&'");
        Result<TagCondition> condition = ParseCondition(part, line_number);
        if (!condition) return std::unexpected(std::move(condition).error());
        row.conditions.push_back(*std::move(condition));
      }
    }
    for (const FacilityMappingRow& earlier : mapping.rows_) {
      if (SameRow(earlier, row)) {
        return LineError(line_number, "repeats line " + std::to_string(earlier.line));
      }
    }
    mapping.rows_by_key_[row.key].push_back(mapping.rows_.size());
    mapping.rows_.push_back(std::move(row));
  }
  if (!header_seen) return LineError(line_number, "no header and no rows");
  if (mapping.rows_.empty()) return LineError(line_number, "the table has no rows");
  return mapping;
}

Result<FacilityMapping> FacilityMapping::ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot read facility mapping file " + path);
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  Result<FacilityMapping> mapping = Parse(text);
  if (!mapping) {
    return InvalidArgument(path + ": " + mapping.error().message, mapping.error().field);
  }
  return mapping;
}

std::vector<std::string> FacilityMapping::Match(OsmTagList tags) const {
  std::vector<std::size_t> matched;
  for (const OsmTag& tag : tags) {
    const auto it = rows_by_key_.find(tag.key);
    if (it == rows_by_key_.end()) continue;
    for (const std::size_t index : it->second) {
      const FacilityMappingRow& row = rows_[index];
      if (row.value != "*" && !HasValue(tag.value, row.value)) continue;
      if (!std::all_of(row.conditions.begin(), row.conditions.end(),
                       [&](const TagCondition& c) { return Holds(c, tags); })) {
        continue;
      }
      matched.push_back(index);
    }
  }
  std::sort(matched.begin(), matched.end());
  std::vector<std::string> types;
  for (const std::size_t index : matched) {
    const std::string& type = rows_[index].facility_type;
    if (std::find(types.begin(), types.end(), type) == types.end()) types.push_back(type);
  }
  return types;
}

bool FacilityMapping::Knows(std::string_view key, std::string_view value) const {
  const auto it = rows_by_key_.find(key);
  if (it == rows_by_key_.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(), [&](std::size_t index) {
    return rows_[index].value == "*" || HasValue(value, rows_[index].value);
  });
}

bool FacilityMapping::UsesKey(std::string_view key) const { return rows_by_key_.contains(key); }

std::vector<std::string> FacilityMapping::FacilityTypes() const {
  std::vector<std::string> types;
  for (const FacilityMappingRow& row : rows_) {
    if (std::find(types.begin(), types.end(), row.facility_type) == types.end()) {
      types.push_back(row.facility_type);
    }
  }
  return types;
}

}  // namespace shequ::planning
