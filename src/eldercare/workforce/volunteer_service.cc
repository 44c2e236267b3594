#include "eldercare/workforce/volunteer_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "auth/permissions.h"
#include "eldercare/timebank/timebank_service.h"
#include "eldercare/workforce/qualification.h"
#include "eldercare/workforce/workforce_repository.h"
#include "registry/registry_repository.h"
#include "registry/resident_facts.h"
#include "store/transaction.h"

namespace shequ::eldercare {
namespace {

using auth::Permission;

bool InScope(const auth::Principal& caller, const auth::Place& place) {
  return caller.role == auth::Role::kAdmin || auth::ScopeContains(caller.scope, place);
}

// The staff permission that lets the caller read the registry: kReadEldercare, or
// kManageTimebank for time-bank staff.
Status AuthorizeRead(const auth::Principal& caller) {
  if (auth::RoleHas(caller.role, Permission::kManageTimebank)) return {};
  return auth::Authorize(caller, Permission::kReadEldercare);
}

Result<auth::Place> CommunityFor(store::Connection& db, const auth::Principal& caller,
                                 CommunityId& community) {
  if (!community.valid()) community = caller.scope.place.community;
  if (!community.valid()) return InvalidArgument("name a community", "community");
  auto place = registry::FindCommunityPlace(db, community);
  SHEQU_RETURN_IF_ERROR(place);
  if (!*place || !InScope(caller, **place)) {
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("there is no community {} in your scope", community.value()),
                     "community");
  }
  return **place;
}

// The volunteer when their community is in the caller's scope; kNotFound otherwise.
Result<Volunteer> VolunteerInScope(store::Connection& db, const auth::Principal& caller,
                                   std::int64_t id) {
  auto volunteer = FindVolunteer(db, id);
  SHEQU_RETURN_IF_ERROR(volunteer);
  const std::string missing = fmt::format("there is no volunteer {} in your scope", id);
  if (!*volunteer) return NotFound(missing);
  auto place = registry::FindCommunityPlace(db, (*volunteer)->community_id);
  SHEQU_RETURN_IF_ERROR(place);
  if (!*place || !InScope(caller, **place)) return NotFound(missing);
  return std::move(**volunteer);
}

Result<CivilDate> PastDate(std::string_view text, const std::string& field,
                           const CivilDate& today) {
  auto date = ParseDate(text);
  if (!date) return InvalidArgument("a date is \"YYYY-MM-DD\"", field);
  if (today < *date) return InvalidArgument("the date must not be in the future", field);
  return date;
}

// Checks skills, weekdays, note and check date into `volunteer`.
Status CheckVolunteerFields(const VolunteerInput& input, const CivilDate& today,
                            Volunteer& volunteer) {
  std::vector<std::string> skills;
  for (const auto& skill : input.skills) {
    if (!IsWorkforceCode(skill)) {
      return InvalidArgument("a skill is a code of lower-case letters, digits and '_'", "skills");
    }
    if (std::find(skills.begin(), skills.end(), skill) == skills.end()) skills.push_back(skill);
  }
  auto weekdays = WeekdaysToMask(input.availability_weekdays, "availability_weekdays");
  SHEQU_RETURN_IF_ERROR(weekdays);
  if (input.availability_note.size() > 200) {
    return InvalidArgument("availability_note is at most 200 bytes", "availability_note");
  }
  volunteer.background_check_date.reset();
  if (input.background_check_date) {
    auto checked = PastDate(*input.background_check_date, "background_check_date", today);
    SHEQU_RETURN_IF_ERROR(checked);
    volunteer.background_check_date = *checked;
  }
  volunteer.skills = std::move(skills);
  volunteer.availability_weekdays = *weekdays;
  volunteer.availability_note = input.availability_note;
  volunteer.active = input.active;
  return {};
}

Result<VolunteerView> Reload(store::Connection& db, std::int64_t id, const CivilDate& today) {
  auto stored = FindVolunteer(db, id);
  SHEQU_RETURN_IF_ERROR(stored);
  if (!*stored) return Internal("the volunteer did not store");
  const bool due = BackgroundCheckDue((*stored)->background_check_date, today);
  return VolunteerView{std::move(**stored), due};
}

}  // namespace

Result<std::vector<VolunteerView>> VolunteerService::List(const auth::Principal& caller,
                                                          CommunityId community) {
  SHEQU_RETURN_IF_ERROR(AuthorizeRead(caller));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  SHEQU_RETURN_IF_ERROR(CommunityFor(db, caller, community));
  auto volunteers = ListVolunteers(db, community);
  SHEQU_RETURN_IF_ERROR(volunteers);
  const CivilDate today = ShanghaiDate(clock_.Now());
  std::vector<VolunteerView> views;
  for (auto& volunteer : *volunteers) {
    const bool due = BackgroundCheckDue(volunteer.background_check_date, today);
    views.push_back({std::move(volunteer), due});
  }
  return views;
}

Result<VolunteerView> VolunteerService::Create(const auth::Principal& caller,
                                               const VolunteerInput& input,
                                               const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kManageTimebank));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto facts = registry::LoadResidentFacts(db, input.resident_id);
  if (!facts && facts.error().code != ErrorCode::kNotFound) return std::unexpected(facts.error());
  if (!facts || !InScope(caller, facts->place)) {
    return MakeError(ErrorCode::kNotFound, "no such resident in your scope", "resident_id");
  }
  const Instant now = clock_.Now();
  Volunteer volunteer{.community_id = facts->place.community, .resident_id = input.resident_id};
  SHEQU_RETURN_IF_ERROR(CheckVolunteerFields(input, ShanghaiDate(now), volunteer));
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto existing = FindVolunteerOfResident(db, input.resident_id);
  SHEQU_RETURN_IF_ERROR(existing);
  if (*existing) {
    return Conflict(fmt::format("this resident is volunteer {} already", (*existing)->id),
                    "resident_id");
  }
  auto id = InsertVolunteer(db, volunteer, now);
  if (!id && id.error().code == ErrorCode::kConflict) {
    return Conflict("this resident was registered a moment ago", "resident_id");
  }
  SHEQU_RETURN_IF_ERROR(id);
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db, auth::AuditEntryFor(caller, now, origin, "volunteer.create", "volunteer", *id,
                              volunteer.community_id,
                              fmt::format("resident={}", input.resident_id.value()))));
  auto view = Reload(db, *id, ShanghaiDate(now));
  SHEQU_RETURN_IF_ERROR(view);
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return view;
}

Result<VolunteerView> VolunteerService::Update(const auth::Principal& caller, std::int64_t id,
                                               const VolunteerInput& input,
                                               const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kManageTimebank));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto volunteer = VolunteerInScope(db, caller, id);
  SHEQU_RETURN_IF_ERROR(volunteer);
  if (input.resident_id.valid() && input.resident_id != volunteer->resident_id) {
    return InvalidArgument("a volunteer record stays with its resident", "resident_id");
  }
  const Instant now = clock_.Now();
  SHEQU_RETURN_IF_ERROR(CheckVolunteerFields(input, ShanghaiDate(now), *volunteer));
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  SHEQU_RETURN_IF_ERROR(UpdateVolunteer(db, *volunteer, now));
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db,
      auth::AuditEntryFor(caller, now, origin, "volunteer.update", "volunteer", id,
                          volunteer->community_id, fmt::format("active={}", volunteer->active))));
  auto view = Reload(db, id, ShanghaiDate(now));
  SHEQU_RETURN_IF_ERROR(view);
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return view;
}

Result<VolunteerVisitRecorded> VolunteerService::RecordVisit(const auth::Principal& caller,
                                                             std::int64_t volunteer_id,
                                                             const VolunteerVisitInput& input,
                                                             const auth::RequestOrigin& origin) {
  const bool staff = auth::RoleHas(caller.role, Permission::kManageTimebank);
  if (!staff) SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kUseTimebank));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto volunteer = VolunteerInScope(db, caller, volunteer_id);
  SHEQU_RETURN_IF_ERROR(volunteer);
  if (!staff) {
    // A volunteer records only on their own record, through their account's registry link.
    auto linked = registry::FindLinkedResident(db, caller.user_id);
    SHEQU_RETURN_IF_ERROR(linked);
    if (!*linked || **linked != volunteer->resident_id) {
      return PermissionDenied("you may record visits on your own volunteer record only");
    }
  }
  if (!volunteer->active) return Conflict("this volunteer is inactive", "volunteer_id");
  if (input.minutes < 1 || input.minutes > kVolunteerVisitMaxMinutes) {
    return InvalidArgument("minutes is 1 to 480 per visit", "minutes");
  }
  const Instant now = clock_.Now();
  auto date = PastDate(input.date, "date", ShanghaiDate(now));
  SHEQU_RETURN_IF_ERROR(date);
  if (input.note.size() > 500) return InvalidArgument("note is at most 500 bytes", "note");
  auto elder = registry::LoadResidentFacts(db, input.elder_resident_id);
  if (!elder && elder.error().code != ErrorCode::kNotFound) return std::unexpected(elder.error());
  if (!elder) {
    return MakeError(ErrorCode::kNotFound, "no such resident", "elder_resident_id");
  }
  if (elder->place.community != volunteer->community_id) {
    return InvalidArgument("the elder lives in another community than the volunteer",
                           "elder_resident_id");
  }
  if (elder->id == volunteer->resident_id) {
    return InvalidArgument("a volunteer does not visit themselves", "elder_resident_id");
  }
  if (elder->AgeOn(*date) < kVisitedElderMinAge) {
    return InvalidArgument("volunteer visits are to elders aged 60 or more", "elder_resident_id");
  }

  VolunteerVisit visit{.community_id = volunteer->community_id,
                       .volunteer_id = volunteer->id,
                       .volunteer_resident_id = volunteer->resident_id,
                       .volunteer_name = volunteer->name,
                       .elder_resident_id = elder->id,
                       .elder_name = elder->name,
                       .date = *date,
                       .minutes = static_cast<int>(input.minutes),
                       .note = input.note,
                       .recorded_by = caller.user_id,
                       .created_at = now};
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto id = InsertVolunteerVisit(db, visit);
  SHEQU_RETURN_IF_ERROR(id);
  visit.id = *id;
  const std::string key = fmt::format("volunteer_visit:{}", visit.id);
  auto credit = TimebankService::PostCredit(
      db, {.community_id = visit.community_id,
           .resident_id = visit.volunteer_resident_id,
           .minutes = visit.minutes,
           .kind = TimebankEntryKind::kCreditVisit,
           .reference = key,
           .once_key = key,
           .note = input.note.empty() ? std::string("志愿探访 volunteer visit") : input.note,
           .posted_by = caller.user_id,
           .posted_at = now});
  SHEQU_RETURN_IF_ERROR(credit);
  if (!credit->posted) return Internal("a new visit's credit was posted before");
  visit.entry_id = credit->entry_id;
  SHEQU_RETURN_IF_ERROR(SetVolunteerVisitEntry(db, visit.id, visit.entry_id));
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db, auth::AuditEntryFor(
              caller, now, origin, "volunteer.visit.record", "volunteer_visit", visit.id,
              visit.community_id,
              fmt::format("volunteer={} elder={} minutes={} entry={}", visit.volunteer_id,
                          visit.elder_resident_id.value(), visit.minutes, visit.entry_id))));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return VolunteerVisitRecorded{std::move(visit), credit->balance_minutes};
}

Result<std::vector<VolunteerVisit>> VolunteerService::ListVisits(
    const auth::Principal& caller, CommunityId community, std::optional<registry::ResidentId> elder,
    std::optional<std::int64_t> volunteer_id) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kReadEldercare));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  if (!community.valid() && elder) {
    // The elder's community, when the caller names the elder and no community.
    auto facts = registry::LoadResidentFacts(db, *elder);
    if (facts) community = facts->place.community;
  }
  SHEQU_RETURN_IF_ERROR(CommunityFor(db, caller, community));
  return ListVolunteerVisits(
      db, {.community = community, .elder = elder, .volunteer_id = volunteer_id});
}

}  // namespace shequ::eldercare
