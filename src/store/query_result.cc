#include "store/query_result.h"

#include <cstdio>
#include <cstdlib>
#include <variant>

namespace shequ::store {
namespace {

const char* KindName(const Value& value) {
  switch (value.index()) {
    case 0:
      return "NULL";
    case 1:
      return "integer";
    case 2:
      return "double";
    case 3:
      return "text";
    case 4:
      return "blob";
    default:
      return "unknown";
  }
}

// Reading a cell as the wrong kind is a bug in the calling repository, not bad input, so it stops
// the process in every build type: in a release build a silent default would store wrong data.
[[noreturn]] void DieOnKind(std::size_t column, const Value& cell, const char* wanted) {
  std::fprintf(stderr, "store::Row: column %zu holds %s, read as %s\n", column, KindName(cell),
               wanted);
  std::abort();
}

template <typename T>
const T& Get(const std::vector<Value>& cells, std::size_t column, const char* wanted) {
  if (column >= cells.size()) {
    std::fprintf(stderr, "store::Row: column %zu out of range (row has %zu)\n", column,
                 cells.size());
    std::abort();
  }
  const Value& cell = cells[column];
  const T* held = std::get_if<T>(&cell);
  if (held == nullptr) {
    DieOnKind(column, cell, wanted);
  }
  return *held;
}

}  // namespace

bool Row::IsNull(std::size_t column) const {
  return std::holds_alternative<std::nullptr_t>(cells_.at(column));
}

std::int64_t Row::GetInt(std::size_t column) const {
  return Get<std::int64_t>(cells_, column, "integer");
}

double Row::GetDouble(std::size_t column) const {
  // SQLite stores a whole-valued REAL in a NUMERIC column as an integer, and SUM() over integers
  // is an integer on both back ends, so a double reader accepts integers.
  if (column < cells_.size()) {
    if (const auto* integer = std::get_if<std::int64_t>(&cells_[column])) {
      return static_cast<double>(*integer);
    }
  }
  return Get<double>(cells_, column, "double");
}

const std::string& Row::GetText(std::size_t column) const {
  return Get<std::string>(cells_, column, "text");
}

const Blob& Row::GetBlob(std::size_t column) const { return Get<Blob>(cells_, column, "blob"); }

std::optional<std::int64_t> Row::GetOptionalInt(std::size_t column) const {
  if (IsNull(column)) {
    return std::nullopt;
  }
  return GetInt(column);
}

std::optional<std::string> Row::GetOptionalText(std::size_t column) const {
  if (IsNull(column)) {
    return std::nullopt;
  }
  return GetText(column);
}

}  // namespace shequ::store
