// The rows a query returned, fully materialised (screens page their lists, so results are small).
//
// Getters take a column index and expect the column's type; asking an INTEGER column for text, or
// reading NULL through a non-optional getter, is a programmer error (assert). Not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/value.h"

namespace shequ::store {

class Row {
 public:
  Row() = default;
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}

  std::size_t size() const { return cells_.size(); }
  const Value& at(std::size_t column) const { return cells_.at(column); }

  bool IsNull(std::size_t column) const;
  std::int64_t GetInt(std::size_t column) const;
  double GetDouble(std::size_t column) const;  // also accepts an integer cell
  const std::string& GetText(std::size_t column) const;
  const Blob& GetBlob(std::size_t column) const;

  std::optional<std::int64_t> GetOptionalInt(std::size_t column) const;
  std::optional<std::string> GetOptionalText(std::size_t column) const;

 private:
  std::vector<Value> cells_;
};

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  std::int64_t rows_affected = 0;  // for INSERT/UPDATE/DELETE

  bool empty() const { return rows.empty(); }
};

}  // namespace shequ::store
