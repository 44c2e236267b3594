// SQL over the time bank's tables (timebank_accounts, _entries, _lines, _rules, _activities,
// _signups); the only place with SQL for them. Functions take the caller's connection so they
// join its transaction. Stateless.
#pragma once

#include <optional>
#include <vector>

#include "base/error.h"
#include "eldercare/timebank/timebank_activity.h"
#include "eldercare/timebank/timebank_ledger.h"
#include "store/connection.h"

namespace shequ::eldercare {

// The community's issuance account, or a resident's person account, opened when missing.
Result<TimebankAccount> OpenIssuanceAccount(store::Connection& db, CommunityId community,
                                            Instant now);
Result<TimebankAccount> OpenPersonAccount(store::Connection& db, CommunityId community,
                                          registry::ResidentId resident, Instant now);

Result<std::optional<TimebankAccount>> FindTimebankAccount(store::Connection& db,
                                                           std::int64_t account_id);
Result<std::optional<TimebankAccount>> FindPersonAccount(store::Connection& db,
                                                         registry::ResidentId resident);
// The community's accounts: issuance first, then people by name.
Result<std::vector<TimebankAccount>> ListTimebankAccounts(store::Connection& db,
                                                          CommunityId community);

// Posts a checked entry: the entry, its lines, and each account's balance moved by a conditional
// UPDATE in account-id order, which refuses to take a person account below zero (the row lock
// makes a concurrent second redeem see the first). Errors: kConflict (field "minutes", "balance
// is 3.5 h") on an overdraw; nullopt (nothing written) when entry.once_key was posted before.
// Call inside a transaction: on an error the caller must roll back.
Result<std::optional<std::int64_t>> PostTimebankEntry(store::Connection& db,
                                                      const TimebankEntry& entry);

// One line of an account's statement: the entry and what it did to this account.
struct TimebankStatementLine {
  std::int64_t entry_id = 0;
  TimebankEntryKind kind = TimebankEntryKind::kCorrection;
  std::string reference;
  std::string note;
  UserId posted_by;
  Instant posted_at = 0;
  std::int64_t minutes = 0;
  std::int64_t balance_after = 0;  // filled by the service
};

// The account's lines, newest first, at most `limit`.
Result<std::vector<TimebankStatementLine>> TimebankStatement(store::Connection& db,
                                                             std::int64_t account_id, int limit);

// Each account of the community with the sum of its lines (from the lines, not the cached
// balance); `cached` gets the stored balance beside it.
struct TrialBalanceRow {
  TimebankAccount account;  // balance_minutes: the sum of the lines
  std::int64_t cached_balance_minutes = 0;
};
Result<std::vector<TrialBalanceRow>> LoadTimebankTrialBalance(store::Connection& db,
                                                              CommunityId community);

// Minutes transferred out of `account_id` since `since`.
Result<std::int64_t> TransferredOutSince(store::Connection& db, std::int64_t account_id,
                                         Instant since);

Result<std::vector<TimebankTransferRule>> LoadTransferRules(store::Connection& db);

Result<TimebankActivity> InsertTimebankActivity(store::Connection& db,
                                                const TimebankActivity& activity);
Result<std::optional<TimebankActivity>> FindTimebankActivity(store::Connection& db,
                                                             std::int64_t id);
// Signs up (nothing changes when already signed up); returns the signup as stored.
Result<TimebankSignup> UpsertTimebankSignup(store::Connection& db, const TimebankActivity& activity,
                                            registry::ResidentId resident, Instant now);
// Records attendance (and the credit entry, 0 for none) on an existing signup.
Status RecordTimebankAttendance(store::Connection& db, std::int64_t activity_id,
                                registry::ResidentId resident, bool attended, std::int64_t entry_id,
                                Instant now);

// The community's activities starting in [from, to), by start time, with how many signed up and
// how many attended.
struct TimebankActivitySummary {
  TimebankActivity activity;
  std::int64_t signups = 0;
  std::int64_t attended = 0;
};
Result<std::vector<TimebankActivitySummary>> ListTimebankActivities(store::Connection& db,
                                                                    CommunityId community,
                                                                    Instant from, Instant to);
// An activity's signups with the residents' names, by sign-up time.
struct TimebankSignupRow {
  TimebankSignup signup;
  std::string resident_name;
};
Result<std::vector<TimebankSignupRow>> ListTimebankSignups(store::Connection& db,
                                                           std::int64_t activity_id);

}  // namespace shequ::eldercare
