// The ability-assessment use cases: file an assessment of a resident aged 60 or over (scored by
// the GB/T 42195-2022 rules, due date from the local rule table), read one, a resident's history,
// and the residents whose reassessment is due. Checks the caller's permission and scope on the
// resident's place (a record outside the scope answers kNotFound, like one that does not exist);
// writes in one transaction with an audit row. Thread-safe: each call borrows its own connection.
#pragma once

#include <vector>

#include "auth/audit_log.h"
#include "auth/principal.h"
#include "base/civil_time.h"
#include "base/error.h"
#include "eldercare/assessment/ability_assessment.h"
#include "store/database.h"

namespace shequ::eldercare {

// GB/T 42195-2022 is for older people: 60 and over.
inline constexpr int kAbilityAssessmentMinAge = 60;

class AbilityAssessmentService {
 public:
  AbilityAssessmentService(store::Database& database, const Clock& clock)
      : database_(database), clock_(clock) {}

  // kWriteEldercare. kInvalidArgument: items/conditions (see ScoreAbility), resident_id (younger
  // than 60), assessed_on (in the future or before birth), reason ("first" when one exists,
  // "regular"/"review" when none does). kNotFound: no such resident in scope.
  Result<AbilityAssessment> Create(const auth::Principal& caller,
                                   const NewAbilityAssessment& request,
                                   const auth::RequestOrigin& origin);

  // kReadEldercare.
  Result<AbilityAssessment> Get(const auth::Principal& caller, std::int64_t id);
  Result<std::vector<AbilityAssessment>> History(const auth::Principal& caller,
                                                 registry::ResidentId resident);

  // kReadEldercare: the community's residents whose latest assessment is due on or before
  // `before` (today when not valid); `community` defaults to the caller's. A grid worker sees
  // their grid only.
  Result<std::vector<DueAbilityAssessment>> Due(const auth::Principal& caller,
                                                CommunityId community,
                                                std::optional<CivilDate> before);

 private:
  store::Database& database_;
  const Clock& clock_;
  auth::AuditLog audit_;
};

}  // namespace shequ::eldercare
