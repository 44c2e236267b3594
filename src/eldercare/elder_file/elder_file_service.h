// The elder file's use cases: the list of a community's elders (60+) with their grade and alert
// count, one elder's file, the community's alerts, care plans (drawn up from the grade's rule
// table, tracked against visits delivered), emergency contacts (phones encrypted, masked, every
// unmasked read audited), and a resident's "what is coming" for their household.
//
// Each call checks the caller's permission and scope on the elder's place; an elder outside the
// scope — or under 60 — answers kNotFound with field "resident_id", like one that does not exist,
// so ids cannot be probed. Writes run in one transaction with an audit row. Thread-safe: each
// call borrows its own connection; the cipher and the rule table are read-only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "auth/audit_log.h"
#include "auth/principal.h"
#include "base/civil_time.h"
#include "base/error.h"
#include "eldercare/elder_file/care_plan_rules.h"
#include "eldercare/elder_file/elder_file.h"
#include "registry/pii_cipher.h"
#include "store/database.h"

namespace shequ::eldercare {

// How far the file looks back and ahead.
inline constexpr int kElderFileRecentDays = 30;    // meals and visits shown as "recent"
inline constexpr int kElderFileUpcomingDays = 14;  // visits (and the family's view) ahead
inline constexpr int kMaxElderPageSize = 200;

class ElderFileService {
 public:
  // Nothing is owned; all four outlive the service.
  ElderFileService(store::Database& database, const Clock& clock, const registry::PiiCipher& cipher,
                   const CarePlanRuleTable& rules = DefaultCarePlanRules())
      : database_(database), clock_(clock), cipher_(cipher), rules_(rules) {}

  // kReadEldercare. The elders of a community (the caller's when query.community is invalid;
  // kInvalidArgument "community" when the caller's scope is wider than one), a grid worker's
  // grid only; filtered, then paged (page from 1, page_size 1..kMaxElderPageSize, field named).
  Result<ElderPage> List(const auth::Principal& caller, const ElderQuery& query);
  // kReadEldercare. Every alert of the community's elders, high severity first, then by name.
  Result<std::vector<ResidentAlert>> Alerts(const auth::Principal& caller, CommunityId community);
  // kReadEldercare.
  Result<ElderFile> File(const auth::Principal& caller, registry::ResidentId resident);

  // kReadEldercare: the elder's plans, newest first, each with this month's counts.
  Result<std::vector<CarePlan>> CarePlans(const auth::Principal& caller,
                                          registry::ResidentId resident);
  // kWriteEldercare. The grade comes from the assessment named (it must be this elder's:
  // kInvalidArgument "assessment_id") or the latest (none: kInvalidArgument "assessment_id").
  // Items default from the rule table's rows for the grade; given items are checked: a code of
  // the catalogue ("items[i].service_code"), visits 1..62 ("items[i].visits_per_month"), no code
  // twice. ends_on before starts_on: "ends_on". The plan in force before starts_on ends the day
  // before; a plan already starting on or after starts_on is kConflict "starts_on".
  Result<CarePlan> CreateCarePlan(const auth::Principal& caller, registry::ResidentId resident,
                                  const NewCarePlan& request, const auth::RequestOrigin& origin);

  // kWriteEldercare. kInvalidArgument "name" (empty), "phone" (see registry::NormalisePhone),
  // "priority" (outside 1..9).
  Result<EmergencyContact> AddEmergencyContact(const auth::Principal& caller,
                                               registry::ResidentId resident,
                                               const NewEmergencyContact& contact,
                                               const auth::RequestOrigin& origin);
  // kReadPersonalData: the full number, audited "elder_contact.read_phone" before it leaves.
  // kNotFound when the contact is not this elder's.
  Result<std::string> RevealContactPhone(const auth::Principal& caller,
                                         registry::ResidentId resident, std::int64_t contact,
                                         const auth::RequestOrigin& origin);

  // kReadOwnHousehold: the caller's household members, their active meal orders and home-care
  // visits of the next kElderFileUpcomingDays days (today included), and the caller's own
  // time-bank balance. kNotFound "account" when the account is linked to no resident.
  Result<MyElderCare> MyHousehold(const auth::Principal& caller);

 private:
  CivilDate Today() const { return ShanghaiDate(clock_.Now()); }
  int NowMinute() const;

  store::Database& database_;
  const Clock& clock_;
  const registry::PiiCipher& cipher_;
  const CarePlanRuleTable& rules_;
  auth::AuditLog audit_;
};

}  // namespace shequ::eldercare
