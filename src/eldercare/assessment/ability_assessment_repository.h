// SQL over ability_assessments, ability_assessment_items and ability_reassessment_rules; the only
// place with SQL for them. Functions take the caller's connection so they join its transaction.
// Stateless.
#pragma once

#include <optional>
#include <vector>

#include "base/error.h"
#include "eldercare/assessment/ability_assessment.h"
#include "store/connection.h"

namespace shequ::eldercare {

// Inserts the assessment and its items; returns the new id.
Result<std::int64_t> InsertAbilityAssessment(store::Connection& db,
                                             const AbilityAssessment& assessment);

Result<std::optional<AbilityAssessment>> FindAbilityAssessment(store::Connection& db,
                                                               std::int64_t id);

// A resident's assessments, newest first (assessed_on, then id, descending).
Result<std::vector<AbilityAssessment>> ListAbilityAssessments(store::Connection& db,
                                                              registry::ResidentId resident);

// For each resident of `community` whose latest assessment is due on or before `before`, that
// assessment; ordered by due date, then resident.
Result<std::vector<DueAbilityAssessment>> ListDueAbilityAssessments(store::Connection& db,
                                                                    CommunityId community,
                                                                    const CivilDate& before);

// Every row of the reassessment rule table.
Result<std::vector<ReassessmentRule>> LoadReassessmentRules(store::Connection& db);

}  // namespace shequ::eldercare
