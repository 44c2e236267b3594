// The time bank's ledger (时间银行): double entry in integer minutes. Each community has one
// issuance account, the only one allowed below zero (its negative balance is the hours the
// community owes); each volunteer or resident has a person account that never goes below zero.
// An entry moves minutes between accounts in two or more lines that sum to zero, and its kind
// fixes which way they may flow: credits only issuance → person, a redeem person → issuance, a
// transfer person → person (family members, when the local rule allows). So no balance comes from
// nothing. Plain values and pure checks; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil_time.h"
#include "base/error.h"
#include "base/ids.h"
#include "registry/registry_records.h"

namespace shequ::eldercare {

enum class TimebankEntryKind { kCreditActivity, kCreditVisit, kRedeem, kTransfer, kCorrection };
inline constexpr TimebankEntryKind kAllTimebankEntryKinds[] = {
    TimebankEntryKind::kCreditActivity, TimebankEntryKind::kCreditVisit, TimebankEntryKind::kRedeem,
    TimebankEntryKind::kTransfer, TimebankEntryKind::kCorrection};
std::string_view TimebankEntryKindName(TimebankEntryKind kind);  // "credit_activity", ...
std::optional<TimebankEntryKind> ParseTimebankEntryKind(std::string_view name);

enum class TimebankAccountKind { kIssuance, kPerson };
std::string_view TimebankAccountKindName(TimebankAccountKind kind);  // "issuance", "person"

struct TimebankAccount {
  std::int64_t id = 0;
  CommunityId community_id;
  TimebankAccountKind kind = TimebankAccountKind::kPerson;
  registry::ResidentId resident_id;  // invalid for the issuance account
  std::string name;                  // the resident's name; "" for issuance
  std::int64_t balance_minutes = 0;
};

// One line of an entry: `minutes` into the account (negative: out of it). The account's kind
// comes along so the shape of an entry can be checked without the database.
struct TimebankLine {
  std::int64_t account_id = 0;
  TimebankAccountKind account_kind = TimebankAccountKind::kPerson;
  std::int64_t minutes = 0;
};

struct TimebankEntry {
  std::int64_t id = 0;
  CommunityId community_id;
  TimebankEntryKind kind = TimebankEntryKind::kCorrection;
  std::string reference;  // "activity:12", "visit:7"
  std::string note;
  UserId posted_by;  // invalid: the system
  Instant posted_at = 0;
  std::optional<std::string> once_key;  // a credit that must post once ("attendance:12:345")
  std::vector<TimebankLine> lines;
};

// Sanity limit on one movement: 1,000 hours.
inline constexpr std::int64_t kMaxEntryMinutes = 60'000;

// kInvalidArgument (field "minutes") unless 0 < minutes ≤ kMaxEntryMinutes.
Status CheckMinutes(std::int64_t minutes);

// The double-entry rules of one entry: at least two lines, none zero, each account once, the sum
// zero, and the flow its kind allows (see the file comment; a correction may move minutes any way
// between any accounts, but still balanced). kInvalidArgument on a breach: a bug in the caller
// more than bad input, since the service builds the lines.
Status CheckTimebankEntry(const TimebankEntry& entry);

// "3.5 h", "2 h", "0.25 h": minutes as hours with up to two decimals.
std::string FormatHours(std::int64_t minutes);

// ---- The local rule on transfers between family members (data with an effective date) ------

struct TimebankTransferRule {
  CivilDate effective_from;
  bool transfers_allowed = false;
  std::int64_t max_transfer_minutes = 0;
  std::int64_t max_transfer_minutes_per_year = 0;
};

// The rule in force on `day`: the latest effective_from on or before it; null when none.
const TimebankTransferRule* TransferRuleOn(const CivilDate& day,
                                           std::span<const TimebankTransferRule> rules);

// Whether a transfer of `minutes` may go, when `transferred_this_year` minutes already went out
// of the same account this calendar year. kConflict when no rule allows transfers; kInvalidArgument
// (field "minutes") over either cap.
Status CheckTransferAllowed(const TimebankTransferRule* rule, std::int64_t minutes,
                            std::int64_t transferred_this_year);

}  // namespace shequ::eldercare
