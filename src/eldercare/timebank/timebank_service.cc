#include "eldercare/timebank/timebank_service.h"

#include <fmt/format.h>

#include <limits>

#include "auth/permissions.h"
#include "registry/registry_repository.h"
#include "registry/resident_facts.h"
#include "store/transaction.h"

namespace shequ::eldercare {
namespace {

using auth::Permission;

bool InScope(const auth::Principal& caller, const auth::Place& place) {
  return caller.role == auth::Role::kAdmin || auth::ScopeContains(caller.scope, place);
}

bool IsStaff(const auth::Principal& caller) {
  return auth::RoleHas(caller.role, Permission::kManageTimebank);
}

std::unexpected<Error> NoResident(std::string field) {
  return MakeError(ErrorCode::kNotFound, "no such resident in your scope", std::move(field));
}

// The resident as the caller may reach them: staff within their scope (outside it answers like a
// resident that does not exist); with `own_allowed`, a volunteer or resident only themselves.
Result<registry::ResidentFacts> ReachResident(store::Connection& db, const auth::Principal& caller,
                                              registry::ResidentId resident, bool own_allowed,
                                              const std::string& field) {
  if (IsStaff(caller)) {
    auto facts = registry::LoadResidentFacts(db, resident);
    if (!facts && facts.error().code != ErrorCode::kNotFound) return facts;
    if (!facts || !InScope(caller, facts->place)) return NoResident(field);
    return facts;
  }
  if (!own_allowed || !auth::RoleHas(caller.role, Permission::kUseTimebank)) {
    return PermissionDenied(fmt::format("role {} may not {}", auth::RoleName(caller.role),
                                        auth::PermissionName(Permission::kManageTimebank)));
  }
  auto linked = registry::FindLinkedResident(db, caller.user_id);
  SHEQU_RETURN_IF_ERROR(linked);
  if (!*linked) {
    return MakeError(ErrorCode::kNotFound,
                     "your account is not linked to a resident of the registry; ask your "
                     "community",
                     "account");
  }
  if (**linked != resident) {
    return PermissionDenied("you may use your own time-bank account only");
  }
  auto facts = registry::LoadResidentFacts(db, resident);
  if (!facts) return NoResident(field);
  return facts;
}

// The community a list or an activity belongs to, checked against the staff caller's scope.
Result<auth::Place> CommunityInScope(store::Connection& db, const auth::Principal& caller,
                                     CommunityId& community) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kManageTimebank));
  if (!community.valid()) community = caller.scope.place.community;
  if (!community.valid()) return InvalidArgument("name a community", "community");
  auto place = registry::FindCommunityPlace(db, community);
  SHEQU_RETURN_IF_ERROR(place);
  const std::string missing =
      fmt::format("there is no community {} in your scope", community.value());
  if (!*place || !InScope(caller, **place)) {
    return MakeError(ErrorCode::kNotFound, missing, "community");
  }
  return **place;
}

Result<TimebankActivity> ActivityInScope(store::Connection& db, const auth::Principal& caller,
                                         std::int64_t activity_id, Permission permission) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, permission));
  auto activity = FindTimebankActivity(db, activity_id);
  SHEQU_RETURN_IF_ERROR(activity);
  const std::string missing = fmt::format("there is no activity {} in your scope", activity_id);
  if (!*activity) return NotFound(missing);
  auto place = registry::FindCommunityPlace(db, (*activity)->community_id);
  SHEQU_RETURN_IF_ERROR(place);
  if (!*place) return NotFound(missing);
  // A volunteer's scope is their community, like the staff's.
  if (!InScope(caller, **place)) return NotFound(missing);
  return **activity;
}

// The activity (in the caller's scope, for `permission`) and a resident of its community whom the
// caller may act for: what signing up and recording attendance both start from.
Result<std::pair<TimebankActivity, registry::ResidentFacts>> ActivityAndItsResident(
    store::Connection& db, const auth::Principal& caller, std::int64_t activity_id,
    registry::ResidentId resident, Permission permission, bool own_allowed) {
  auto activity = ActivityInScope(db, caller, activity_id, permission);
  SHEQU_RETURN_IF_ERROR(activity);
  auto facts = ReachResident(db, caller, resident, own_allowed, "resident_id");
  SHEQU_RETURN_IF_ERROR(facts);
  if (facts->place.community != activity->community_id) {
    return InvalidArgument("the resident lives in another community than the activity",
                           "resident_id");
  }
  return std::pair{std::move(*activity), std::move(*facts)};
}

void FillRunningBalance(TimebankAccountStatement& statement) {
  std::int64_t balance = statement.account.balance_minutes;
  for (auto& line : statement.lines) {
    line.balance_after = balance;
    balance -= line.minutes;
  }
}

}  // namespace

Result<TimebankActivity> TimebankService::CreateActivity(const auth::Principal& caller,
                                                         const NewTimebankActivity& request,
                                                         const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kManageTimebank));
  if (request.title.empty()) return InvalidArgument("give the activity a title", "title");
  if (request.ends_at <= request.starts_at) {
    return InvalidArgument("ends_at must be after starts_at", "ends_at");
  }
  if (request.credit_minutes <= 0 || request.credit_minutes > 24 * 60) {
    return InvalidArgument("credit_minutes is 1 to 1440 per attendee", "credit_minutes");
  }
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  CommunityId community = request.community_id;
  SHEQU_RETURN_IF_ERROR(CommunityInScope(db, caller, community));
  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto stored = InsertTimebankActivity(db, {.community_id = community,
                                            .title = request.title,
                                            .starts_at = request.starts_at,
                                            .ends_at = request.ends_at,
                                            .credit_minutes = request.credit_minutes,
                                            .created_by = caller.user_id,
                                            .created_at = now});
  SHEQU_RETURN_IF_ERROR(stored);
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db, auth::AuditEntryFor(caller, now, origin, "timebank.activity.create", "timebank_activity",
                              stored->id, community,
                              fmt::format("credit_minutes={}", stored->credit_minutes))));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return stored;
}

Result<TimebankSignup> TimebankService::SignUp(const auth::Principal& caller,
                                               std::int64_t activity_id,
                                               registry::ResidentId resident,
                                               const auth::RequestOrigin& origin) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  const Permission permission =
      IsStaff(caller) ? Permission::kManageTimebank : Permission::kUseTimebank;
  auto reached = ActivityAndItsResident(db, caller, activity_id, resident, permission,
                                        /*own_allowed=*/true);
  SHEQU_RETURN_IF_ERROR(reached);
  const TimebankActivity* activity = &reached->first;
  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto signup = UpsertTimebankSignup(db, *activity, resident, now);
  SHEQU_RETURN_IF_ERROR(signup);
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db,
      auth::AuditEntryFor(caller, now, origin, "timebank.signup", "timebank_activity", activity_id,
                          activity->community_id, fmt::format("resident={}", resident.value()))));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return signup;
}

Result<TimebankCreditOutcome> TimebankService::PostCredit(store::Connection& db,
                                                          const TimebankCredit& credit) {
  SHEQU_RETURN_IF_ERROR(CheckMinutes(credit.minutes));
  if (credit.kind != TimebankEntryKind::kCreditActivity &&
      credit.kind != TimebankEntryKind::kCreditVisit) {
    return Internal("PostCredit posts credits only");
  }
  auto issuance = OpenIssuanceAccount(db, credit.community_id, credit.posted_at);
  SHEQU_RETURN_IF_ERROR(issuance);
  auto person = OpenPersonAccount(db, credit.community_id, credit.resident_id, credit.posted_at);
  SHEQU_RETURN_IF_ERROR(person);
  TimebankEntry entry{
      .community_id = credit.community_id,
      .kind = credit.kind,
      .reference = credit.reference,
      .note = credit.note,
      .posted_by = credit.posted_by,
      .posted_at = credit.posted_at,
      .lines = {{issuance->id, TimebankAccountKind::kIssuance, -credit.minutes},
                {person->id, TimebankAccountKind::kPerson, credit.minutes}},
  };
  if (!credit.once_key.empty()) entry.once_key = credit.once_key;
  auto posted = PostTimebankEntry(db, entry);
  SHEQU_RETURN_IF_ERROR(posted);
  auto after = FindTimebankAccount(db, person->id);
  SHEQU_RETURN_IF_ERROR(after);
  TimebankCreditOutcome outcome{.entry_id = posted->value_or(0),
                                .posted = posted->has_value(),
                                .balance_minutes = *after ? (*after)->balance_minutes : 0};
  return outcome;
}

Result<TimebankAttendance> TimebankService::RecordAttendance(const auth::Principal& caller,
                                                             std::int64_t activity_id,
                                                             registry::ResidentId resident,
                                                             bool attended,
                                                             const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kManageTimebank));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto reached = ActivityAndItsResident(db, caller, activity_id, resident,
                                        Permission::kManageTimebank, /*own_allowed=*/false);
  SHEQU_RETURN_IF_ERROR(reached);
  const TimebankActivity* activity = &reached->first;
  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  // A walk-in who did not sign up still attended.
  auto signup = UpsertTimebankSignup(db, *activity, resident, now);
  SHEQU_RETURN_IF_ERROR(signup);
  TimebankAttendance result{.signup = *signup};
  if (signup->entry_id > 0) {
    if (!attended) {
      return Conflict("this attendance has been credited; post a correction instead", "attended");
    }
    // Recorded again: already credited, nothing more to post.
    auto account = FindPersonAccount(db, resident);
    SHEQU_RETURN_IF_ERROR(account);
    result.balance_minutes = *account ? (*account)->balance_minutes : 0;
    return result;
  }
  std::int64_t entry_id = 0;
  if (attended) {
    auto credit =
        PostCredit(db, {.community_id = activity->community_id,
                        .resident_id = resident,
                        .minutes = activity->credit_minutes,
                        .kind = TimebankEntryKind::kCreditActivity,
                        .reference = fmt::format("activity:{}", activity_id),
                        .once_key = fmt::format("attendance:{}:{}", activity_id, resident.value()),
                        .note = activity->title,
                        .posted_by = caller.user_id,
                        .posted_at = now});
    SHEQU_RETURN_IF_ERROR(credit);
    if (!credit->posted) return Conflict("this attendance was credited a moment ago; reload");
    entry_id = credit->entry_id;
    result.credited_now = true;
    result.balance_minutes = credit->balance_minutes;
  }
  SHEQU_RETURN_IF_ERROR(
      RecordTimebankAttendance(db, activity_id, resident, attended, entry_id, now));
  result.signup.attended = attended;
  result.signup.entry_id = entry_id;
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db, auth::AuditEntryFor(caller, now, origin, "timebank.attendance", "timebank_activity",
                              activity_id, activity->community_id,
                              fmt::format("resident={} attended={} entry={}", resident.value(),
                                          attended, entry_id))));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return result;
}

Result<TimebankMove> TimebankService::Redeem(const auth::Principal& caller,
                                             registry::ResidentId resident, std::int64_t minutes,
                                             const std::string& note,
                                             const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kManageTimebank));
  SHEQU_RETURN_IF_ERROR(CheckMinutes(minutes));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto facts = ReachResident(db, caller, resident, /*own_allowed=*/false, "resident_id");
  SHEQU_RETURN_IF_ERROR(facts);
  const CommunityId community = facts->place.community;
  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto issuance = OpenIssuanceAccount(db, community, now);
  SHEQU_RETURN_IF_ERROR(issuance);
  auto person = OpenPersonAccount(db, community, resident, now);
  SHEQU_RETURN_IF_ERROR(person);
  auto posted =
      PostTimebankEntry(db, {.community_id = community,
                             .kind = TimebankEntryKind::kRedeem,
                             .note = note,
                             .posted_by = caller.user_id,
                             .posted_at = now,
                             .lines = {{person->id, TimebankAccountKind::kPerson, -minutes},
                                       {issuance->id, TimebankAccountKind::kIssuance, minutes}}});
  SHEQU_RETURN_IF_ERROR(posted);
  if (!*posted) return Internal("a redeem has no once key");
  auto after = FindTimebankAccount(db, person->id);
  SHEQU_RETURN_IF_ERROR(after);
  auto issuance_after = FindTimebankAccount(db, issuance->id);
  SHEQU_RETURN_IF_ERROR(issuance_after);
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db, auth::AuditEntryFor(caller, now, origin, "timebank.redeem", "timebank_entry", **posted,
                              community,
                              fmt::format("resident={} minutes={}", resident.value(), minutes))));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return TimebankMove{.entry_id = **posted,
                      .from_balance_minutes = (*after)->balance_minutes,
                      .to_balance_minutes = (*issuance_after)->balance_minutes};
}

Result<TimebankMove> TimebankService::Transfer(const auth::Principal& caller,
                                               registry::ResidentId from, registry::ResidentId to,
                                               std::int64_t minutes,
                                               const auth::RequestOrigin& origin) {
  if (!IsStaff(caller)) SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kUseTimebank));
  SHEQU_RETURN_IF_ERROR(CheckMinutes(minutes));
  if (from == to) return InvalidArgument("a transfer goes to someone else", "to_resident_id");
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto giver = ReachResident(db, caller, from, /*own_allowed=*/true, "from_resident_id");
  SHEQU_RETURN_IF_ERROR(giver);
  auto receiver = registry::LoadResidentFacts(db, to);
  if (!receiver && receiver.error().code != ErrorCode::kNotFound) {
    return std::unexpected(receiver.error());
  }
  if (!receiver) return NoResident("to_resident_id");
  if (!giver->household.valid() || giver->household != receiver->household) {
    return InvalidArgument("hours go only to a member of the same household", "to_resident_id");
  }
  const CommunityId community = giver->place.community;
  const Instant now = clock_.Now();
  const CivilDate today = ShanghaiDate(now);
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto rules = LoadTransferRules(db);
  SHEQU_RETURN_IF_ERROR(rules);
  auto source = OpenPersonAccount(db, community, from, now);
  SHEQU_RETURN_IF_ERROR(source);
  auto this_year = TransferredOutSince(db, source->id, ShanghaiStartOfDay({today.year, 1, 1}));
  SHEQU_RETURN_IF_ERROR(this_year);
  SHEQU_RETURN_IF_ERROR(CheckTransferAllowed(TransferRuleOn(today, *rules), minutes, *this_year));
  auto target = OpenPersonAccount(db, receiver->place.community, to, now);
  SHEQU_RETURN_IF_ERROR(target);
  auto posted =
      PostTimebankEntry(db, {.community_id = community,
                             .kind = TimebankEntryKind::kTransfer,
                             .reference = fmt::format("resident:{}", to.value()),
                             .posted_by = caller.user_id,
                             .posted_at = now,
                             .lines = {{source->id, TimebankAccountKind::kPerson, -minutes},
                                       {target->id, TimebankAccountKind::kPerson, minutes}}});
  SHEQU_RETURN_IF_ERROR(posted);
  if (!*posted) return Internal("a transfer has no once key");
  auto from_after = FindTimebankAccount(db, source->id);
  SHEQU_RETURN_IF_ERROR(from_after);
  auto to_after = FindTimebankAccount(db, target->id);
  SHEQU_RETURN_IF_ERROR(to_after);
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db, auth::AuditEntryFor(
              caller, now, origin, "timebank.transfer", "timebank_entry", **posted, community,
              fmt::format("from={} to={} minutes={}", from.value(), to.value(), minutes))));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return TimebankMove{.entry_id = **posted,
                      .from_balance_minutes = (*from_after)->balance_minutes,
                      .to_balance_minutes = (*to_after)->balance_minutes};
}

Result<TimebankAccountStatement> TimebankService::Statement(const auth::Principal& caller,
                                                            std::int64_t account_id, int limit) {
  if (!IsStaff(caller)) SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kUseTimebank));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto account = FindTimebankAccount(db, account_id);
  SHEQU_RETURN_IF_ERROR(account);
  const std::string missing =
      fmt::format("there is no time-bank account {} in your scope", account_id);
  if (!*account) return NotFound(missing);
  if ((*account)->kind == TimebankAccountKind::kIssuance) {
    CommunityId community = (*account)->community_id;
    if (!IsStaff(caller)) return NotFound(missing);
    if (!CommunityInScope(db, caller, community)) return NotFound(missing);
  } else {
    auto reached = ReachResident(db, caller, (*account)->resident_id, true, "id");
    if (!reached) {
      if (reached.error().code == ErrorCode::kNotFound) return NotFound(missing);
      return std::unexpected(reached.error());
    }
  }
  auto lines = TimebankStatement(db, account_id, limit);
  SHEQU_RETURN_IF_ERROR(lines);
  TimebankAccountStatement statement{std::move(**account), std::move(*lines)};
  FillRunningBalance(statement);
  return statement;
}

Result<TimebankAccountStatement> TimebankService::OwnStatement(const auth::Principal& caller,
                                                               int limit) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kUseTimebank));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto linked = registry::FindLinkedResident(db, caller.user_id);
  SHEQU_RETURN_IF_ERROR(linked);
  if (!*linked) {
    return MakeError(ErrorCode::kNotFound,
                     "your account is not linked to a resident of the registry; ask your "
                     "community",
                     "account");
  }
  auto account = FindPersonAccount(db, **linked);
  SHEQU_RETURN_IF_ERROR(account);
  TimebankAccountStatement statement;
  if (!*account) {
    auto facts = registry::LoadResidentFacts(db, **linked);
    SHEQU_RETURN_IF_ERROR(facts);
    statement.account = {
        .community_id = facts->place.community, .resident_id = **linked, .name = facts->name};
    return statement;
  }
  statement.account = std::move(**account);
  auto lines = TimebankStatement(db, statement.account.id, limit);
  SHEQU_RETURN_IF_ERROR(lines);
  statement.lines = std::move(*lines);
  FillRunningBalance(statement);
  return statement;
}

Result<std::vector<TimebankAccount>> TimebankService::Accounts(const auth::Principal& caller,
                                                               CommunityId community) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kManageTimebank));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  SHEQU_RETURN_IF_ERROR(CommunityInScope(db, caller, community));
  return ListTimebankAccounts(db, community);
}

Result<TimebankTrialBalance> TimebankService::TrialBalance(const auth::Principal& caller,
                                                           CommunityId community) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kManageTimebank));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  SHEQU_RETURN_IF_ERROR(CommunityInScope(db, caller, community));
  auto rows = LoadTimebankTrialBalance(db, community);
  SHEQU_RETURN_IF_ERROR(rows);
  TimebankTrialBalance balance{.community_id = community, .rows = std::move(*rows)};
  for (const auto& row : balance.rows) {
    balance.total_minutes += row.account.balance_minutes;
    if (row.account.balance_minutes != row.cached_balance_minutes) balance.cache_agrees = false;
  }
  return balance;
}

Result<std::vector<TimebankActivitySummary>> TimebankService::Activities(
    const auth::Principal& caller, CommunityId community, std::optional<CivilDate> from,
    std::optional<CivilDate> to) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  if (IsStaff(caller)) {
    SHEQU_RETURN_IF_ERROR(CommunityInScope(db, caller, community));
  } else {
    // A volunteer or resident sees the activities of their own community.
    SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kUseTimebank));
    if (!community.valid()) community = caller.scope.place.community;
    auto place = community.valid() ? registry::FindCommunityPlace(db, community)
                                   : Result<std::optional<auth::Place>>(std::nullopt);
    SHEQU_RETURN_IF_ERROR(place);
    if (!*place || !InScope(caller, **place)) {
      return MakeError(ErrorCode::kNotFound, "there is no such community in your scope",
                       "community");
    }
  }
  if (from && to && *to < *from) return InvalidArgument("to must not be before from", "to");
  const Instant start = from ? ShanghaiStartOfDay(*from) : std::numeric_limits<Instant>::min();
  const Instant end = to ? ShanghaiStartOfDay(CivilFromDays(DaysFromCivil(*to) + 1))
                         : std::numeric_limits<Instant>::max();
  return ListTimebankActivities(db, community, start, end);
}

Result<std::vector<TimebankSignupRow>> TimebankService::Signups(const auth::Principal& caller,
                                                                std::int64_t activity_id) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  SHEQU_RETURN_IF_ERROR(ActivityInScope(db, caller, activity_id, Permission::kManageTimebank));
  return ListTimebankSignups(db, activity_id);
}

}  // namespace shequ::eldercare
