// Money as integer fen (分, 1/100 yuan): prices, subsidies, costs never touch floating point.
//
// Money is a value type with the arithmetic a ledger needs; parsing accepts "15", "15.5" and
// "15.50" (yuan) and refuses anything that would need rounding. Thread-safe (plain values).
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.h"

namespace shequ {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money FromFen(std::int64_t fen) { return Money(fen); }
  static constexpr Money FromYuan(std::int64_t yuan) { return Money(yuan * 100); }

  constexpr std::int64_t fen() const { return fen_; }

  constexpr Money operator+(Money other) const { return Money(fen_ + other.fen_); }
  constexpr Money operator-(Money other) const { return Money(fen_ - other.fen_); }
  constexpr Money operator-() const { return Money(-fen_); }
  constexpr Money operator*(std::int64_t times) const { return Money(fen_ * times); }
  Money& operator+=(Money other) {
    fen_ += other.fen_;
    return *this;
  }
  Money& operator-=(Money other) {
    fen_ -= other.fen_;
    return *this;
  }
  friend constexpr auto operator<=>(Money, Money) = default;

 private:
  constexpr explicit Money(std::int64_t fen) : fen_(fen) {}
  std::int64_t fen_ = 0;
};

// "15.00", "-5.00", "0.05": yuan with two decimals, as receipts show it.
std::string FormatYuan(Money money);

// Parses yuan with at most two decimals ("15", "15.5", "-3.20"); kInvalidArgument otherwise.
Result<Money> ParseYuan(std::string_view text);

}  // namespace shequ
