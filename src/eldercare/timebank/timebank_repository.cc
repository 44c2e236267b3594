#include "eldercare/timebank/timebank_repository.h"

#include <fmt/format.h>

#include <algorithm>

namespace shequ::eldercare {
namespace {

constexpr const char* kAccountSelect =
    "SELECT a.id, a.community_id, a.kind, a.resident_id, COALESCE(r.name, ''), "
    "a.balance_minutes FROM timebank_accounts a LEFT JOIN residents r ON r.id = a.resident_id ";

TimebankAccount AccountOf(const store::Row& row) {
  return {.id = row.GetInt(0),
          .community_id = CommunityId(row.GetInt(1)),
          .kind = row.GetText(2) == "issuance" ? TimebankAccountKind::kIssuance
                                               : TimebankAccountKind::kPerson,
          .resident_id = registry::ResidentId(row.GetOptionalInt(3).value_or(0)),
          .name = row.GetText(4),
          .balance_minutes = row.GetInt(5)};
}

Result<std::optional<TimebankAccount>> OneAccount(store::Connection& db, const std::string& where,
                                                  const std::vector<store::Value>& params) {
  auto rows = db.Query(kAccountSelect + where, params);
  SHEQU_RETURN_IF_ERROR(rows);
  if (rows->rows.empty()) return std::nullopt;
  return AccountOf(rows->rows.front());
}

store::Value UserOrNull(UserId user) {
  return user.valid() ? store::Value(user.value()) : store::Value(store::kNull);
}

TimebankActivity ActivityOf(const store::Row& row) {
  return {.id = row.GetInt(0),
          .community_id = CommunityId(row.GetInt(1)),
          .title = row.GetText(2),
          .starts_at = row.GetInt(3),
          .ends_at = row.GetInt(4),
          .credit_minutes = row.GetInt(5),
          .created_by = UserId(row.GetOptionalInt(6).value_or(0)),
          .created_at = row.GetInt(7)};
}

}  // namespace

Result<TimebankAccount> OpenIssuanceAccount(store::Connection& db, CommunityId community,
                                            Instant now) {
  SHEQU_RETURN_IF_ERROR(
      db.Query("INSERT INTO timebank_accounts (community_id, kind, resident_id, balance_minutes, "
               "created_at) VALUES (?, 'issuance', NULL, 0, ?) ON CONFLICT DO NOTHING",
               {community.value(), now}));
  auto account =
      OneAccount(db, "WHERE a.community_id = ? AND a.kind = 'issuance'", {community.value()});
  SHEQU_RETURN_IF_ERROR(account);
  if (!*account) return Internal("the issuance account did not open");
  return **account;
}

Result<TimebankAccount> OpenPersonAccount(store::Connection& db, CommunityId community,
                                          registry::ResidentId resident, Instant now) {
  SHEQU_RETURN_IF_ERROR(
      db.Query("INSERT INTO timebank_accounts (community_id, kind, resident_id, balance_minutes, "
               "created_at) VALUES (?, 'person', ?, 0, ?) ON CONFLICT DO NOTHING",
               {community.value(), resident.value(), now}));
  auto account = FindPersonAccount(db, resident);
  SHEQU_RETURN_IF_ERROR(account);
  if (!*account) return Internal("the person account did not open");
  return **account;
}

Result<std::optional<TimebankAccount>> FindTimebankAccount(store::Connection& db,
                                                           std::int64_t account_id) {
  return OneAccount(db, "WHERE a.id = ?", {account_id});
}

Result<std::optional<TimebankAccount>> FindPersonAccount(store::Connection& db,
                                                         registry::ResidentId resident) {
  return OneAccount(db, "WHERE a.resident_id = ?", {resident.value()});
}

Result<std::vector<TimebankAccount>> ListTimebankAccounts(store::Connection& db,
                                                          CommunityId community) {
  auto rows = db.Query(std::string(kAccountSelect) +
                           "WHERE a.community_id = ? ORDER BY CASE WHEN a.kind = 'issuance' "
                           "THEN 0 ELSE 1 END, r.name, a.id",
                       {community.value()});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<TimebankAccount> accounts;
  for (const auto& row : rows->rows) accounts.push_back(AccountOf(row));
  return accounts;
}

Result<std::optional<std::int64_t>> PostTimebankEntry(store::Connection& db,
                                                      const TimebankEntry& entry) {
  SHEQU_RETURN_IF_ERROR(CheckTimebankEntry(entry));
  auto inserted = db.Query(
      "INSERT INTO timebank_entries (community_id, kind, reference, note, posted_by, posted_at, "
      "once_key) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
      {entry.community_id.value(), std::string(TimebankEntryKindName(entry.kind)), entry.reference,
       entry.note, UserOrNull(entry.posted_by), entry.posted_at,
       entry.once_key ? store::Value(*entry.once_key) : store::Value(store::kNull)});
  SHEQU_RETURN_IF_ERROR(inserted);
  if (inserted->rows.empty()) return std::nullopt;  // once_key posted before
  const std::int64_t id = inserted->rows.front().GetInt(0);

  // Lock and move the accounts in id order, so two entries touching the same accounts never
  // wait on each other in opposite orders (PostgreSQL row locks; SQLite has one writer).
  std::vector<TimebankLine> lines = entry.lines;
  std::sort(lines.begin(), lines.end(), [](const TimebankLine& a, const TimebankLine& b) {
    return a.account_id < b.account_id;
  });
  for (const auto& line : lines) {
    SHEQU_RETURN_IF_ERROR(
        db.Query("INSERT INTO timebank_lines (entry_id, account_id, minutes) VALUES (?, ?, ?)",
                 {id, line.account_id, line.minutes}));
    // The overdraft check and the move in one statement: under PostgreSQL's row lock a second
    // concurrent redeem re-reads the balance the first left.
    auto moved = db.Query(
        "UPDATE timebank_accounts SET balance_minutes = balance_minutes + ? "
        "WHERE id = ? AND community_id = ? AND (kind = 'issuance' OR balance_minutes + ? >= 0) "
        "RETURNING balance_minutes",
        {line.minutes, line.account_id, entry.community_id.value(), line.minutes});
    SHEQU_RETURN_IF_ERROR(moved);
    if (moved->rows.empty()) {
      auto account = FindTimebankAccount(db, line.account_id);
      SHEQU_RETURN_IF_ERROR(account);
      if (!*account || (*account)->community_id != entry.community_id) {
        return Internal("a line names an account of another community");
      }
      return Conflict(
          fmt::format("not enough hours: balance is {}", FormatHours((*account)->balance_minutes)),
          "minutes");
    }
  }
  return id;
}

Result<std::vector<TimebankStatementLine>> TimebankStatement(store::Connection& db,
                                                             std::int64_t account_id, int limit) {
  auto rows = db.Query(
      "SELECT e.id, e.kind, e.reference, e.note, e.posted_by, e.posted_at, l.minutes "
      "FROM timebank_lines l JOIN timebank_entries e ON e.id = l.entry_id "
      "WHERE l.account_id = ? ORDER BY e.id DESC LIMIT ?",
      {account_id, std::int64_t{limit}});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<TimebankStatementLine> lines;
  for (const auto& row : rows->rows) {
    const auto kind = ParseTimebankEntryKind(row.GetText(1));
    if (!kind) return Internal("a stored entry has an unknown kind");
    lines.push_back({.entry_id = row.GetInt(0),
                     .kind = *kind,
                     .reference = row.GetText(2),
                     .note = row.GetText(3),
                     .posted_by = UserId(row.GetOptionalInt(4).value_or(0)),
                     .posted_at = row.GetInt(5),
                     .minutes = row.GetInt(6)});
  }
  return lines;
}

Result<std::vector<TrialBalanceRow>> LoadTimebankTrialBalance(store::Connection& db,
                                                              CommunityId community) {
  auto rows = db.Query(
      "SELECT a.id, a.community_id, a.kind, a.resident_id, COALESCE(r.name, ''), "
      "CAST(COALESCE((SELECT SUM(l.minutes) FROM timebank_lines l WHERE l.account_id = a.id), 0) "
      "AS BIGINT), a.balance_minutes "
      "FROM timebank_accounts a LEFT JOIN residents r ON r.id = a.resident_id "
      "WHERE a.community_id = ? "
      "ORDER BY CASE WHEN a.kind = 'issuance' THEN 0 ELSE 1 END, r.name, a.id",
      {community.value()});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<TrialBalanceRow> result;
  for (const auto& row : rows->rows) {
    result.push_back({AccountOf(row), row.GetInt(6)});
  }
  return result;
}

Result<std::int64_t> TransferredOutSince(store::Connection& db, std::int64_t account_id,
                                         Instant since) {
  auto rows = db.Query(
      "SELECT CAST(COALESCE(SUM(l.minutes), 0) AS BIGINT) FROM timebank_lines l "
      "JOIN timebank_entries e ON e.id = l.entry_id "
      "WHERE l.account_id = ? AND e.kind = 'transfer' AND l.minutes < 0 AND e.posted_at >= ?",
      {account_id, since});
  SHEQU_RETURN_IF_ERROR(rows);
  return -rows->rows.at(0).GetInt(0);
}

Result<std::vector<TimebankTransferRule>> LoadTransferRules(store::Connection& db) {
  auto rows = db.Query(
      "SELECT effective_from, transfers_allowed, max_transfer_minutes, "
      "max_transfer_minutes_per_year FROM timebank_rules ORDER BY effective_from");
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<TimebankTransferRule> rules;
  for (const auto& row : rows->rows) {
    auto from = ParseDate(row.GetText(0));
    SHEQU_RETURN_IF_ERROR(from);
    rules.push_back({*from, row.GetInt(1) != 0, row.GetInt(2), row.GetInt(3)});
  }
  return rules;
}

Result<TimebankActivity> InsertTimebankActivity(store::Connection& db,
                                                const TimebankActivity& activity) {
  auto inserted = db.Query(
      "INSERT INTO timebank_activities (community_id, title, starts_at, ends_at, credit_minutes, "
      "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {activity.community_id.value(), activity.title, activity.starts_at, activity.ends_at,
       activity.credit_minutes, UserOrNull(activity.created_by), activity.created_at});
  SHEQU_RETURN_IF_ERROR(inserted);
  TimebankActivity stored = activity;
  stored.id = inserted->rows.at(0).GetInt(0);
  return stored;
}

Result<std::optional<TimebankActivity>> FindTimebankActivity(store::Connection& db,
                                                             std::int64_t id) {
  auto rows = db.Query(
      "SELECT id, community_id, title, starts_at, ends_at, credit_minutes, created_by, "
      "created_at FROM timebank_activities WHERE id = ?",
      {id});
  SHEQU_RETURN_IF_ERROR(rows);
  if (rows->rows.empty()) return std::nullopt;
  return ActivityOf(rows->rows.front());
}

Result<TimebankSignup> UpsertTimebankSignup(store::Connection& db, const TimebankActivity& activity,
                                            registry::ResidentId resident, Instant now) {
  SHEQU_RETURN_IF_ERROR(
      db.Query("INSERT INTO timebank_signups (activity_id, community_id, resident_id, "
               "signed_up_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
               {activity.id, activity.community_id.value(), resident.value(), now}));
  auto rows = db.Query(
      "SELECT signed_up_at, attended, entry_id FROM timebank_signups "
      "WHERE activity_id = ? AND resident_id = ?",
      {activity.id, resident.value()});
  SHEQU_RETURN_IF_ERROR(rows);
  if (rows->rows.empty()) return Internal("the signup did not store");
  const auto& row = rows->rows.front();
  TimebankSignup signup{.activity_id = activity.id,
                        .resident_id = resident,
                        .signed_up_at = row.GetInt(0),
                        .entry_id = row.GetOptionalInt(2).value_or(0)};
  if (const auto attended = row.GetOptionalInt(1)) signup.attended = *attended != 0;
  return signup;
}

Status RecordTimebankAttendance(store::Connection& db, std::int64_t activity_id,
                                registry::ResidentId resident, bool attended, std::int64_t entry_id,
                                Instant now) {
  SHEQU_RETURN_IF_ERROR(
      db.Query("UPDATE timebank_signups SET attended = ?, attendance_at = ?, entry_id = ? "
               "WHERE activity_id = ? AND resident_id = ?",
               {std::int64_t{attended}, now,
                entry_id > 0 ? store::Value(entry_id) : store::Value(store::kNull), activity_id,
                resident.value()}));
  return {};
}

Result<std::vector<TimebankActivitySummary>> ListTimebankActivities(store::Connection& db,
                                                                    CommunityId community,
                                                                    Instant from, Instant to) {
  auto rows = db.Query(
      "SELECT a.id, a.community_id, a.title, a.starts_at, a.ends_at, a.credit_minutes, "
      "a.created_by, a.created_at, "
      "(SELECT COUNT(*) FROM timebank_signups s WHERE s.activity_id = a.id), "
      "(SELECT COUNT(*) FROM timebank_signups s WHERE s.activity_id = a.id AND s.attended = 1) "
      "FROM timebank_activities a WHERE a.community_id = ? AND a.starts_at >= ? AND "
      "a.starts_at < ? ORDER BY a.starts_at, a.id",
      {community.value(), from, to});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<TimebankActivitySummary> result;
  for (const auto& row : rows->rows) {
    result.push_back({ActivityOf(row), row.GetInt(8), row.GetInt(9)});
  }
  return result;
}

Result<std::vector<TimebankSignupRow>> ListTimebankSignups(store::Connection& db,
                                                           std::int64_t activity_id) {
  auto rows = db.Query(
      "SELECT s.resident_id, s.signed_up_at, s.attended, s.entry_id, r.name "
      "FROM timebank_signups s JOIN residents r ON r.id = s.resident_id "
      "WHERE s.activity_id = ? ORDER BY s.signed_up_at, s.resident_id",
      {activity_id});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<TimebankSignupRow> result;
  for (const auto& row : rows->rows) {
    TimebankSignupRow signup{.signup = {.activity_id = activity_id,
                                        .resident_id = registry::ResidentId(row.GetInt(0)),
                                        .signed_up_at = row.GetInt(1),
                                        .entry_id = row.GetOptionalInt(3).value_or(0)},
                             .resident_name = row.GetText(4)};
    if (const auto attended = row.GetOptionalInt(2)) signup.signup.attended = *attended != 0;
    result.push_back(std::move(signup));
  }
  return result;
}

}  // namespace shequ::eldercare
