// A SQL value as it crosses the store boundary: a bound parameter or a result cell.
//
// Five kinds cover both back ends: NULL, 64-bit integer, double, UTF-8 text and bytes. Booleans
// are integers 0/1, times are integer microseconds since the Unix epoch (UTC), money is integer
// fen. Plain values, safe to copy between threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace shequ::store {

struct Blob {
  std::vector<std::uint8_t> bytes;
  bool operator==(const Blob&) const = default;
};

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string, Blob>;

inline constexpr std::nullptr_t kNull = nullptr;

}  // namespace shequ::store
