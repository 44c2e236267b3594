// Home care (居家养老上门服务): the service catalogue, orders for one elder in a time window on a
// day, and visits — one scheduled delivery of an order by one care worker, with its check-in,
// check-out and rating. Plain types, no I/O.
//
// Times of day are minutes after midnight, Asia/Shanghai. An order's window [window_start,
// window_end] is when the whole visit should happen: a visit of `duration_min` starts between
// window_start and window_end - duration_min.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/civil_time.h"
#include "base/ids.h"
#include "registry/registry_records.h"

namespace shequ::eldercare {

// One entry of the catalogue (homecare_services).
struct CareService {
  std::int64_t id = 0;
  std::string code;  // stable key: 'bathing'
  std::string name_zh;
  std::string name_en;
  int duration_min = 60;
  std::int64_t price_fen = 0;
  std::string skill;                   // the skill code a worker must list; empty: anyone
  std::string required_qualification;  // a qualification valid on the day; empty: none
  int subsidised_minutes_per_month = 0;
  bool active = true;
};

enum class HomeCareOrderStatus { kRequested, kScheduled, kDone, kMissed, kCancelled };
enum class HomeCareVisitStatus { kPlanned, kInProgress, kDone, kMissed, kCancelled };

std::string_view OrderStatusName(HomeCareOrderStatus status);
std::optional<HomeCareOrderStatus> ParseOrderStatus(std::string_view name);
std::string_view VisitStatusName(HomeCareVisitStatus status);
std::optional<HomeCareVisitStatus> ParseVisitStatus(std::string_view name);

struct HomeCareOrder {
  std::int64_t id = 0;
  CommunityId community_id;
  registry::ResidentId resident_id;
  std::string resident_name;
  CareService service;  // as the catalogue has it now (price and subsidy are the order's own)
  CivilDate date;
  int window_start_min = 0;
  int window_end_min = 0;
  HomeCareOrderStatus status = HomeCareOrderStatus::kRequested;
  std::string note;
  std::int64_t price_fen = 0;            // the catalogue price when ordered
  std::int64_t subsidy_fen = 0;          // paid by the subsidy (0..price_fen)
  int subsidised_min = 0;                // the minutes of the month's allowance this order uses
  std::optional<std::int64_t> visit_id;  // its live (not cancelled) visit
  Instant created_at = 0;

  std::int64_t pay_fen() const { return price_fen - subsidy_fen; }
};

struct HomeCareVisit {
  std::int64_t id = 0;
  CommunityId community_id;
  std::int64_t order_id = 0;
  registry::ResidentId resident_id;
  std::string resident_name;
  std::string address;             // of the elder's home now; empty when none
  std::optional<double> lat, lon;  // of the home's building, when located
  std::string service_code, service_name_zh, service_name_en;
  CivilDate date;
  int window_start_min = 0;
  int window_end_min = 0;
  int planned_start_min = 0;
  int planned_end_min = 0;
  int travel_min_before = 0;
  std::int64_t worker_id = 0;
  std::string worker_name;
  HomeCareVisitStatus status = HomeCareVisitStatus::kPlanned;
  std::optional<Instant> check_in_at, check_out_at;
  bool late = false;
  bool away_from_home = false;
  std::string caregiver_note;
  std::optional<int> rating;
  std::string rating_comment;
};

// "HH:MM" of minutes after midnight (1440 is "24:00").
std::string ClockText(int minutes);

}  // namespace shequ::eldercare
