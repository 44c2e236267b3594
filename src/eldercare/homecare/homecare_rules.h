// The local rules of home care, as pure functions over plain values: who gets subsidised minutes
// and how much of one visit they pay for, when a check-in is late or away from the home, when a
// visit counts as missed, and whether an order's window is acceptable. Every threshold is a named
// constant here — the place to change a rule (docs/homecare.md lists them). Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "base/civil_time.h"
#include "base/error.h"

namespace shequ::eldercare {

// [local rule] A check-in more than this many minutes after the planned start is late.
inline constexpr int kLateGraceMinutes = 15;
// [local rule] A visit with no check-in by its window's end plus this many minutes is missed.
inline constexpr int kMissedGraceMinutes = 15;
// [local rule] A check-in further than this from the elder's home is flagged away_from_home.
inline constexpr double kAwayFromHomeMetres = 200.0;
// [local rule] Elders with an ability grade (GB/T 42195, latest assessment) of at least this —
// 2 is 中度失能 (moderately impaired) — get each service's subsidised minutes every month.
inline constexpr int kSubsidyMinimumGrade = 2;
// [local rule] ...and so do elders tagged with one of these (低保, 特困).
inline constexpr std::string_view kSubsidyTags[] = {"low_income", "extreme_poverty"};

// Whether the elder gets the monthly subsidised minutes: latest grade >= kSubsidyMinimumGrade,
// or a tag of kSubsidyTags. `tags` are the resident's tags.
bool EligibleForHomeCareSubsidy(std::optional<int> latest_grade, std::span<const std::string> tags);

struct VisitSubsidy {
  int covered_min = 0;  // minutes of the month's allowance this visit uses
  std::int64_t subsidy_fen = 0;
};

// Pro rata per visit: the month's remaining allowance (allowance - used, not below 0) covers
// min(remaining, duration) minutes; the subsidy is that share of the price, rounded down to the
// fen (price when the remaining minutes cover the whole visit). Not eligible: nothing.
VisitSubsidy SubsidyForVisit(bool eligible, std::int64_t price_fen, int duration_min,
                             int allowance_min_per_month, int used_min_this_month);

// Window checks for an order: times within the day, end after start, and the window holds the
// service's duration. kInvalidArgument naming "window_start" or "window_end".
Status CheckOrderWindow(int window_start_min, int window_end_min, int duration_min);

// The instant `minutes` after midnight of `date`, Asia/Shanghai.
Instant LocalInstant(const CivilDate& date, int minutes);

// A check-in at `check_in` for a visit planned to start at `planned_start_min` on `date` is late
// when it is more than kLateGraceMinutes after the planned start (exactly the grace: not late).
bool IsLateCheckIn(const CivilDate& date, int planned_start_min, Instant check_in);

// A visit not checked in is missed once `now` is past the window's end plus kMissedGraceMinutes
// (exactly at that minute: not yet).
bool IsMissedAt(const CivilDate& date, int window_end_min, bool checked_in, Instant now);

// Great-circle distance in metres (haversine on a sphere of radius 6,371,008.8 m).
double DistanceMetres(double lat1, double lon1, double lat2, double lon2);

// A check-in point further than kAwayFromHomeMetres from the home. Unknown home: false (nothing
// to compare with).
bool IsAwayFromHome(std::optional<double> home_lat, std::optional<double> home_lon, double lat,
                    double lon);

}  // namespace shequ::eldercare
