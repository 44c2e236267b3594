// An ability assessment as filed: who was assessed, when, why and by whom, the 26 item scores,
// the conditions, the result and when the next one is due. Plain values, no I/O; safe to copy
// between threads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/civil_time.h"
#include "base/ids.h"
#include "eldercare/assessment/ability_assessment_rules.h"
#include "registry/registry_records.h"

namespace shequ::eldercare {

using AbilityItemScores = std::map<std::string, int, std::less<>>;

struct AbilityAssessment {
  std::int64_t id = 0;
  CommunityId community_id;
  registry::ResidentId resident_id;
  CivilDate assessed_on;
  AssessmentReason reason = AssessmentReason::kFirst;
  UserId assessor;
  AbilityItemScores items;
  AbilityConditions conditions;
  AbilityScore score;
  CivilDate next_due_on;
  Instant created_at = 0;
};

// What an assessor sends; the service fills in the rest.
struct NewAbilityAssessment {
  registry::ResidentId resident_id;
  std::optional<CivilDate> assessed_on;    // today (Asia/Shanghai) when not given
  std::optional<AssessmentReason> reason;  // first when there is none yet, else regular
  AbilityItemScores items;
  AbilityConditions conditions;
};

// A resident whose latest assessment falls due by the asked date.
struct DueAbilityAssessment {
  registry::ResidentId resident_id;
  std::string resident_name;
  GridId grid_id;  // of the resident's home now; invalid when none
  std::int64_t assessment_id = 0;
  CivilDate assessed_on;
  int grade = 0;
  CivilDate next_due_on;
};

}  // namespace shequ::eldercare
