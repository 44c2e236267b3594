#include "base/civil_time.h"

#include <fmt/format.h>

#include <charconv>
#include <chrono>

namespace shequ {
namespace {

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Reads exactly `width` decimal digits at `pos`.
bool ReadDigits(std::string_view text, std::size_t pos, std::size_t width, int* out) {
  if (pos + width > text.size()) return false;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  *out = value;
  return true;
}

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

std::string FormatWithOffset(Instant instant, int offset_seconds, std::string_view suffix) {
  const std::int64_t seconds = FloorDiv(instant, kMicrosPerSecond) + offset_seconds;
  const std::int64_t days = FloorDiv(seconds, 86400);
  const std::int64_t in_day = seconds - days * 86400;
  const CivilDate date = CivilFromDays(days);
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}{}", date.year, date.month, date.day,
                     in_day / 3600, (in_day / 60) % 60, in_day % 60, suffix);
}

}  // namespace

Instant SystemClock::Now() const {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

bool IsValidDate(const CivilDate& date) {
  return date.year >= 1 && date.year <= 9999 && date.month >= 1 && date.month <= 12 &&
         date.day >= 1 && date.day <= DaysInMonth(date.year, date.month);
}

// Gregorian calendar arithmetic over 400-year eras (146,097 days each), with March as the first
// month of the computational year so the leap day falls at its end.
std::int64_t DaysFromCivil(const CivilDate& date) {
  const std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = FloorDiv(y, 400);
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (date.month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(std::int64_t days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = FloorDiv(z, 146097);
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return CivilDate{year, month, day};
}

std::string FormatUtc(Instant instant) { return FormatWithOffset(instant, 0, "Z"); }

std::string FormatShanghai(Instant instant) {
  return FormatWithOffset(instant, kShanghaiOffsetSeconds, "+08:00");
}

CivilDate ShanghaiDate(Instant instant) {
  const std::int64_t seconds = FloorDiv(instant, kMicrosPerSecond) + kShanghaiOffsetSeconds;
  return CivilFromDays(FloorDiv(seconds, 86400));
}

Instant ShanghaiStartOfDay(const CivilDate& date) {
  return (DaysFromCivil(date) * 86400 - kShanghaiOffsetSeconds) * kMicrosPerSecond;
}

Result<CivilDate> ParseDate(std::string_view text) {
  CivilDate date;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
      !ReadDigits(text, 0, 4, &date.year) || !ReadDigits(text, 5, 2, &date.month) ||
      !ReadDigits(text, 8, 2, &date.day)) {
    return InvalidArgument("expected a date as YYYY-MM-DD");
  }
  if (!IsValidDate(date)) return InvalidArgument("no such calendar date");
  return date;
}

std::string FormatDate(const CivilDate& date) {
  return fmt::format("{:04d}-{:02d}-{:02d}", date.year, date.month, date.day);
}

Result<Instant> ParseInstant(std::string_view text) {
  auto date = ParseDate(text.substr(0, 10));
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!date || text.size() < 20 || (text[10] != 'T' && text[10] != ' ') || text[13] != ':' ||
      text[16] != ':' || !ReadDigits(text, 11, 2, &hour) || !ReadDigits(text, 14, 2, &minute) ||
      !ReadDigits(text, 17, 2, &second) || hour > 23 || minute > 59 || second > 59) {
    return InvalidArgument("expected a time as YYYY-MM-DDTHH:MM:SS with Z or an offset");
  }
  std::size_t pos = 19;
  std::int64_t micros = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 6) {
        micros = micros * 10 + (text[pos] - '0');
        ++digits;
      }
      ++pos;
    }
    if (digits == 0) return InvalidArgument("a fraction of a second needs digits");
    for (; digits < 6; ++digits) micros *= 10;
  }
  int offset_seconds = 0;
  if (pos < text.size() && text[pos] == 'Z' && pos + 1 == text.size()) {
    offset_seconds = 0;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-') &&
             pos + 6 == text.size() && text[pos + 3] == ':') {
    int offset_hours = 0;
    int offset_minutes = 0;
    if (!ReadDigits(text, pos + 1, 2, &offset_hours) ||
        !ReadDigits(text, pos + 4, 2, &offset_minutes) || offset_hours > 23 ||
        offset_minutes > 59) {
      return InvalidArgument("malformed offset; expected ±HH:MM");
    }
    offset_seconds = (offset_hours * 3600 + offset_minutes * 60) * (text[pos] == '-' ? -1 : 1);
  } else {
    return InvalidArgument("a time needs Z or an offset such as +08:00");
  }
  const std::int64_t seconds =
      DaysFromCivil(*date) * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
  return seconds * kMicrosPerSecond + micros;
}

int AgeOn(const CivilDate& birth, const CivilDate& on) {
  int age = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
  return age;
}

}  // namespace shequ
