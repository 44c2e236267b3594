// A time-bank activity (志愿活动) volunteers sign up for, and who signed up and came. Attending
// credits the activity's minutes once. Plain values, no I/O; safe to copy between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/civil_time.h"
#include "base/ids.h"
#include "registry/registry_records.h"

namespace shequ::eldercare {

struct TimebankActivity {
  std::int64_t id = 0;
  CommunityId community_id;
  std::string title;
  Instant starts_at = 0;
  Instant ends_at = 0;
  std::int64_t credit_minutes = 0;  // credited to each attendee
  UserId created_by;
  Instant created_at = 0;
};

struct TimebankSignup {
  std::int64_t activity_id = 0;
  registry::ResidentId resident_id;
  Instant signed_up_at = 0;
  std::optional<bool> attended;  // not recorded yet when empty
  std::int64_t entry_id = 0;     // the credit posted for the attendance; 0 when none
};

}  // namespace shequ::eldercare
