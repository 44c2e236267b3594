#include "eldercare/homecare/homecare_rules.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace shequ::eldercare {

bool EligibleForHomeCareSubsidy(std::optional<int> latest_grade,
                                std::span<const std::string> tags) {
  if (latest_grade && *latest_grade >= kSubsidyMinimumGrade) return true;
  for (const std::string& tag : tags) {
    for (std::string_view subsidised : kSubsidyTags) {
      if (tag == subsidised) return true;
    }
  }
  return false;
}

VisitSubsidy SubsidyForVisit(bool eligible, std::int64_t price_fen, int duration_min,
                             int allowance_min_per_month, int used_min_this_month) {
  if (!eligible || duration_min <= 0 || price_fen <= 0) return {};
  const int remaining = std::max(0, allowance_min_per_month - used_min_this_month);
  const int covered = std::min(remaining, duration_min);
  if (covered == duration_min) return {covered, price_fen};
  return {covered, price_fen * covered / duration_min};
}

Status CheckOrderWindow(int window_start_min, int window_end_min, int duration_min) {
  if (window_start_min < 0 || window_start_min > 1439) {
    return InvalidArgument("window_start must be a time of day HH:MM", "window_start");
  }
  if (window_end_min < 1 || window_end_min > 1440) {
    return InvalidArgument("window_end must be a time of day HH:MM", "window_end");
  }
  if (window_end_min <= window_start_min) {
    return InvalidArgument("window_end must be after window_start", "window_end");
  }
  if (window_end_min - window_start_min < duration_min) {
    return InvalidArgument("the window is shorter than the service's duration", "window_end");
  }
  return {};
}

Instant LocalInstant(const CivilDate& date, int minutes) {
  return ShanghaiStartOfDay(date) + Instant{minutes} * 60 * kMicrosPerSecond;
}

bool IsLateCheckIn(const CivilDate& date, int planned_start_min, Instant check_in) {
  return check_in > LocalInstant(date, planned_start_min + kLateGraceMinutes);
}

bool IsMissedAt(const CivilDate& date, int window_end_min, bool checked_in, Instant now) {
  if (checked_in) return false;
  return now > LocalInstant(date, window_end_min + kMissedGraceMinutes);
}

double DistanceMetres(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthRadiusM = 6'371'008.8;
  constexpr double kRad = std::numbers::pi / 180.0;
  const double dlat = (lat2 - lat1) * kRad;
  const double dlon = (lon2 - lon1) * kRad;
  const double a =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(a)));
}

bool IsAwayFromHome(std::optional<double> home_lat, std::optional<double> home_lon, double lat,
                    double lon) {
  if (!home_lat || !home_lon) return false;
  return DistanceMetres(*home_lat, *home_lon, lat, lon) > kAwayFromHomeMetres;
}

}  // namespace shequ::eldercare
