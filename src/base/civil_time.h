// Time as shequ stores and shows it: instants in UTC, shown in Asia/Shanghai.
//
// An instant is integer microseconds since the Unix epoch, UTC (what the database stores).
// China has kept one offset, UTC+08:00, with no daylight saving since 1991, so showing a time in
// Asia/Shanghai is a fixed +08:00 and needs no tz database. "Now" comes through the Clock
// interface so tests are deterministic. All functions are pure and thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.h"

namespace shequ {

// Microseconds since 1970-01-01T00:00:00Z.
using Instant = std::int64_t;

inline constexpr Instant kMicrosPerSecond = 1'000'000;
inline constexpr int kShanghaiOffsetSeconds = 8 * 3600;

// A calendar date (proleptic Gregorian), as residents' birth dates and menus use.
struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  auto operator<=>(const CivilDate&) const = default;
};

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

// The machine's clock.
class SystemClock final : public Clock {
 public:
  Instant Now() const override;
};

// A clock that stands still until told to move; for tests. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Instant start) : now_(start) {}
  Instant Now() const override { return now_.load(); }
  void Set(Instant now) { now_.store(now); }
  void Advance(Instant micros) { now_.fetch_add(micros); }

 private:
  std::atomic<Instant> now_;
};

bool IsValidDate(const CivilDate& date);
int DaysInMonth(int year, int month);

// Days since 1970-01-01 and back.
std::int64_t DaysFromCivil(const CivilDate& date);
CivilDate CivilFromDays(std::int64_t days);

// "2026-11-30T04:00:00Z" (seconds precision; the API's machine form).
std::string FormatUtc(Instant instant);
// "2026-11-30T12:00:00+08:00": how the API and UI show a time to people.
std::string FormatShanghai(Instant instant);
// The Shanghai calendar date an instant falls on (what "today" means to a community worker).
CivilDate ShanghaiDate(Instant instant);
// Midnight Shanghai time at the start of `date`, as an instant.
Instant ShanghaiStartOfDay(const CivilDate& date);

// Parses "YYYY-MM-DD"; kInvalidArgument names no field (the caller knows it).
Result<CivilDate> ParseDate(std::string_view text);
std::string FormatDate(const CivilDate& date);  // "YYYY-MM-DD"

// Parses RFC 3339 "YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)"; a time without an offset is refused,
// because guessing the zone is how appointments end up eight hours off.
Result<Instant> ParseInstant(std::string_view text);

// Whole years of age on `on` for someone born on `birth` (the day before the birthday, not yet).
int AgeOn(const CivilDate& birth, const CivilDate& on);

}  // namespace shequ
