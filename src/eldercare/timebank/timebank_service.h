// The time-bank use cases: activities, sign-ups and attendance (which credits the activity's
// minutes once), redeeming hours, transfers to a family member, an account's statement, the
// community's accounts and its trial balance. Staff (kManageTimebank) act within their scope; a
// volunteer or resident (kUseTimebank) reaches only their own account, through their user
// account's link to the registry. Every write is one transaction with an audit row; nothing is
// half-written. Thread-safe: each call borrows its own connection.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/audit_log.h"
#include "auth/principal.h"
#include "base/civil_time.h"
#include "base/error.h"
#include "eldercare/timebank/timebank_activity.h"
#include "eldercare/timebank/timebank_repository.h"
#include "store/database.h"

namespace shequ::eldercare {

struct NewTimebankActivity {
  CommunityId community_id;  // the caller's community when invalid
  std::string title;
  Instant starts_at = 0;
  Instant ends_at = 0;
  std::int64_t credit_minutes = 0;
};

// A credit to post for work done: an activity attended, a home-care visit delivered.
struct TimebankCredit {
  CommunityId community_id;
  registry::ResidentId resident_id;
  std::int64_t minutes = 0;
  TimebankEntryKind kind = TimebankEntryKind::kCreditActivity;  // or kCreditVisit
  std::string reference;                                        // "activity:12", "visit:7"
  std::string once_key;  // posts once: a second credit with the same key does nothing
  std::string note;
  UserId posted_by;
  Instant posted_at = 0;
};

struct TimebankCreditOutcome {
  std::int64_t entry_id = 0;  // the credit's entry (the earlier one when already posted)
  bool posted = false;        // false: once_key had been posted before
  std::int64_t balance_minutes = 0;
};

struct TimebankAttendance {
  TimebankSignup signup;
  bool credited_now = false;
  std::int64_t balance_minutes = 0;
};

// What a redeem or a transfer leaves.
struct TimebankMove {
  std::int64_t entry_id = 0;
  std::int64_t from_balance_minutes = 0;
  std::int64_t to_balance_minutes = 0;
};

struct TimebankAccountStatement {
  TimebankAccount account;
  std::vector<TimebankStatementLine> lines;  // newest first, with the balance after each
};

struct TimebankTrialBalance {
  CommunityId community_id;
  std::vector<TrialBalanceRow> rows;
  std::int64_t total_minutes = 0;  // 0 in a sound ledger
  bool cache_agrees = true;        // every cached balance equals the sum of its lines
};

class TimebankService {
 public:
  TimebankService(store::Database& database, const Clock& clock)
      : database_(database), clock_(clock) {}

  // kManageTimebank in the community. kInvalidArgument: title, ends_at (not after starts_at),
  // credit_minutes (1..1440).
  Result<TimebankActivity> CreateActivity(const auth::Principal& caller,
                                          const NewTimebankActivity& activity,
                                          const auth::RequestOrigin& origin);
  // Staff for anyone in scope, a volunteer/resident for themselves. kInvalidArgument
  // (resident_id) when the resident lives in another community than the activity.
  Result<TimebankSignup> SignUp(const auth::Principal& caller, std::int64_t activity_id,
                                registry::ResidentId resident, const auth::RequestOrigin& origin);
  // kManageTimebank. Attended: credits the activity's minutes in the same transaction, once
  // however often it is recorded. kConflict (attended) to un-attend a credited attendance.
  Result<TimebankAttendance> RecordAttendance(const auth::Principal& caller,
                                              std::int64_t activity_id,
                                              registry::ResidentId resident, bool attended,
                                              const auth::RequestOrigin& origin);

  // Posts a credit (issuance → the resident) on `db`, inside the caller's transaction; the
  // caller has checked permission and scope and appends the audit row. Opens the accounts
  // when missing. Home-care visits credit through this.
  static Result<TimebankCreditOutcome> PostCredit(store::Connection& db,
                                                  const TimebankCredit& credit);

  // kManageTimebank: the resident spends hours (resident → issuance). kConflict (minutes) on an
  // overdraw; kInvalidArgument (minutes) when not positive.
  Result<TimebankMove> Redeem(const auth::Principal& caller, registry::ResidentId resident,
                              std::int64_t minutes, const std::string& note,
                              const auth::RequestOrigin& origin);
  // Staff in scope, or the owner of `from`. Only to another member of the same household, when
  // the local rule allows. kInvalidArgument: minutes, to_resident_id (self, other household);
  // kConflict: overdraw (minutes), transfers not allowed.
  Result<TimebankMove> Transfer(const auth::Principal& caller, registry::ResidentId from,
                                registry::ResidentId to, std::int64_t minutes,
                                const auth::RequestOrigin& origin);

  // An account and its last `limit` lines. Staff in scope; a volunteer/resident their own.
  Result<TimebankAccountStatement> Statement(const auth::Principal& caller, std::int64_t account_id,
                                             int limit = 200);
  // The caller's own account (kUseTimebank); id 0 and no lines when not opened yet.
  Result<TimebankAccountStatement> OwnStatement(const auth::Principal& caller, int limit = 200);
  Result<std::vector<TimebankAccount>> Accounts(const auth::Principal& caller,
                                                CommunityId community);
  Result<TimebankTrialBalance> TrialBalance(const auth::Principal& caller, CommunityId community);

  // The community's activities starting from `from` to `to` (Asia/Shanghai days, both included;
  // open ends when nullopt). Staff in scope, or a volunteer/resident (kUseTimebank) for the
  // community of their scope. kInvalidArgument (to) when to is before from.
  Result<std::vector<TimebankActivitySummary>> Activities(const auth::Principal& caller,
                                                          CommunityId community,
                                                          std::optional<CivilDate> from,
                                                          std::optional<CivilDate> to);
  // kManageTimebank: who signed up for an activity in scope, and who came.
  Result<std::vector<TimebankSignupRow>> Signups(const auth::Principal& caller,
                                                 std::int64_t activity_id);

 private:
  store::Database& database_;
  const Clock& clock_;
  auth::AuditLog audit_;
};

}  // namespace shequ::eldercare
