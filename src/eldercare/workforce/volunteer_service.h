// The volunteer registry (志愿者) and volunteers' visits to elders (探访). A volunteer is a
// resident of the community, registered once, with skills, the weekdays they can help, and the
// date of their last background check (due again after kBackgroundCheckValidMonths). A visit
// credits the volunteer's time-bank account through TimebankService::PostCredit in the same
// transaction as the visit row, once per visit. Staff register and record (kManageTimebank);
// a volunteer records their own visits (kUseTimebank, through their account's link to the
// registry). Lists need kReadEldercare (or kManageTimebank for the registry). Every write is one
// transaction with an audit row. Thread-safe: each call borrows its own connection.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/audit_log.h"
#include "auth/principal.h"
#include "base/civil_time.h"
#include "base/error.h"
#include "eldercare/workforce/workforce.h"
#include "store/database.h"

namespace shequ::eldercare {

struct VolunteerInput {
  registry::ResidentId resident_id;  // create: required; update: must match when given
  std::vector<std::string> skills;   // free codes: companionship, escort, repairs ...
  std::vector<std::int64_t> availability_weekdays;  // 1..7
  std::string availability_note;
  std::optional<std::string> background_check_date;  // "YYYY-MM-DD", not in the future
  bool active = true;
};

struct VolunteerView {
  Volunteer volunteer;
  bool background_check_due = true;
};

struct VolunteerVisitInput {
  registry::ResidentId elder_resident_id;
  std::string date;  // "YYYY-MM-DD", not in the future
  std::int64_t minutes = 0;
  std::string note;
};

struct VolunteerVisitRecorded {
  VolunteerVisit visit;
  std::int64_t balance_minutes = 0;  // the volunteer's balance after the credit
};

class VolunteerService {
 public:
  VolunteerService(store::Database& database, const Clock& clock)
      : database_(database), clock_(clock) {}

  Result<std::vector<VolunteerView>> List(const auth::Principal& caller, CommunityId community);
  // kConflict (resident_id) when the resident is registered already.
  Result<VolunteerView> Create(const auth::Principal& caller, const VolunteerInput& input,
                               const auth::RequestOrigin& origin);
  Result<VolunteerView> Update(const auth::Principal& caller, std::int64_t id,
                               const VolunteerInput& input, const auth::RequestOrigin& origin);

  // kInvalidArgument: minutes (1..480), date, elder_resident_id (under 60 that day, another
  // community, the volunteer themselves); kNotFound: the volunteer or the elder;
  // kPermissionDenied: a volunteer recording for someone else's record; kConflict: inactive.
  Result<VolunteerVisitRecorded> RecordVisit(const auth::Principal& caller,
                                             std::int64_t volunteer_id,
                                             const VolunteerVisitInput& input,
                                             const auth::RequestOrigin& origin);
  Result<std::vector<VolunteerVisit>> ListVisits(const auth::Principal& caller,
                                                 CommunityId community,
                                                 std::optional<registry::ResidentId> elder,
                                                 std::optional<std::int64_t> volunteer_id);

 private:
  store::Database& database_;
  const Clock& clock_;
  auth::AuditLog audit_;
};

}  // namespace shequ::eldercare
