// The table that says which OSM objects are which facilities of the standards (幼儿园,
// 社区卫生服务站, 菜市场, ...). It is data, not code: the default is
// src/planning/data/facility_mapping.tsv, embedded into the library at build time, and a deployment
// may bring its own file in the same format (docs/planning-facilities.md). One object may map to
// several types (a community centre is both a community service station and a culture station).
// Immutable once parsed: share one between threads freely.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/error.h"

namespace shequ::planning {

// One tag of an OSM object; the views point into the caller's storage.
struct OsmTag {
  std::string_view key;
  std::string_view value;
};

// The tags of one OSM object, in any order.
using OsmTagList = std::span<const OsmTag>;

// How an extra condition tests a tag. A tag value holding several values separated by ';'
// ("1;2" in isced:level) matches when any of them does.
enum class TagTest : std::uint8_t {
  kEquals,       // key=a|b      the tag is one of the values
  kNotEquals,    // key!=a|b     the tag is absent or none of the values
  kContains,     // key~a|b      the tag contains one of the texts (name~小学)
  kNotContains,  // key!~a|b     the tag is absent or contains none of the texts
  kPresent,      // key          the tag is present, any value
  kAbsent,       // !key         the tag is absent
};

struct TagCondition {
  std::string key;
  TagTest test = TagTest::kEquals;
  std::vector<std::string> values;  // the alternatives after the operator; empty for presence
};

// One row of the table: objects with key=value (value "*": any value) and every condition map to
// facility_type.
struct FacilityMappingRow {
  std::string facility_type;
  std::string key;
  std::string value;
  std::vector<TagCondition> conditions;
  std::string note;
  std::size_t line = 0;  // where the row stands in the text it was parsed from
};

class FacilityMapping {
 public:
  // The built-in table (data/facility_mapping.tsv), parsed once. The test suite parses it too;
  // a broken built-in table is a programmer error and aborts.
  static const FacilityMapping& Default();

  // Parses the tab-separated format: '#' comment lines and blank lines are skipped, the first
  // other line is the header "facility_type key value condition note", then one row per line.
  // Errors are kInvalidArgument with a message that starts "line N:".
  static Result<FacilityMapping> Parse(std::string_view text);

  // Reads and parses a file: kNotFound when it cannot be read, else as Parse.
  static Result<FacilityMapping> ReadFile(const std::string& path);

  // The facility types the object maps to, each once, in the order of their first row; empty
  // when none.
  std::vector<std::string> Match(OsmTagList tags) const;

  // Whether some row names this key and value (ignoring its conditions): a shop value the table
  // does not know at all is worth reporting, one it knows but rejected by a condition is not.
  bool Knows(std::string_view key, std::string_view value) const;

  // Whether some row tests this key first: objects without any such key cannot match.
  bool UsesKey(std::string_view key) const;

  const std::vector<FacilityMappingRow>& Rows() const { return rows_; }

  // The distinct facility types, in the order of their first row.
  std::vector<std::string> FacilityTypes() const;

 private:
  std::vector<FacilityMappingRow> rows_;
  // Looks keys up by string_view without building a string per tag.
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const {
      return std::hash<std::string_view>{}(key);
    }
  };
  // Rows by their key, so Match looks only at rows whose key the object has.
  std::unordered_map<std::string, std::vector<std::size_t>, KeyHash, std::equal_to<>> rows_by_key_;
};

// The text of data/facility_mapping.tsv as it was at build time.
std::string_view BuiltInFacilityMappingText();

}  // namespace shequ::planning
