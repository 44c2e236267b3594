#include "base/money.h"

#include <fmt/format.h>

#include <limits>

namespace shequ {

std::string FormatYuan(Money money) {
  const std::int64_t fen = money.fen();
  // Work in unsigned magnitude so the most negative value formats too.
  const std::uint64_t magnitude =
      fen < 0 ? static_cast<std::uint64_t>(-(fen + 1)) + 1 : static_cast<std::uint64_t>(fen);
  return fmt::format("{}{}.{:02d}", fen < 0 ? "-" : "", magnitude / 100, magnitude % 100);
}

Result<Money> ParseYuan(std::string_view text) {
  bool negative = false;
  std::size_t pos = 0;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
    negative = text[pos] == '-';
    ++pos;
  }
  std::int64_t yuan = 0;
  int integer_digits = 0;
  constexpr std::int64_t kMaxYuan = std::numeric_limits<std::int64_t>::max() / 100 - 1;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    yuan = yuan * 10 + (text[pos] - '0');
    if (yuan > kMaxYuan) return InvalidArgument("amount too large");
    ++integer_digits;
    ++pos;
  }
  std::int64_t fen = 0;
  int fraction_digits = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (++fraction_digits > 2) return InvalidArgument("at most two decimals (fen)");
      fen = fen * 10 + (text[pos] - '0');
      ++pos;
    }
    if (fraction_digits == 0) return InvalidArgument("expected digits after the decimal point");
    if (fraction_digits == 1) fen *= 10;
  }
  if (integer_digits == 0 || pos != text.size()) {
    return InvalidArgument("expected an amount in yuan such as 15.00");
  }
  const std::int64_t total = yuan * 100 + fen;
  return Money::FromFen(negative ? -total : total);
}

}  // namespace shequ
