#include "eldercare/elder_file/elder_file_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "auth/permissions.h"
#include "base/utf8.h"
#include "eldercare/assessment/ability_assessment_repository.h"
#include "eldercare/elder_file/elder_file_repository.h"
#include "eldercare/timebank/timebank_repository.h"
#include "registry/registry_repository.h"
#include "registry/resident_facts.h"
#include "store/transaction.h"

namespace shequ::eldercare {
namespace {

using auth::Permission;
using elder_file::AddDays;

constexpr int kMaxContactNameChars = 50;
constexpr int kMaxContactRelationChars = 20;
constexpr int kMinContactPriority = 1;
constexpr int kMaxContactPriority = 9;
constexpr int kMaxCarePlanNoteChars = 500;

bool InScope(const auth::Principal& caller, const auth::Place& place) {
  return caller.role == auth::Role::kAdmin || auth::ScopeContains(caller.scope, place);
}

Error NoSuchElder() {
  return Error{ErrorCode::kNotFound, "no such elder (a resident aged 60 or over) in your scope",
               "resident_id"};
}

// The elder's facts when the role holds `permission`, the elder is in the caller's scope and is
// 60 or over on `today`; otherwise kPermissionDenied, or kNotFound "resident_id".
Result<registry::ResidentFacts> ElderInScope(store::Connection& db, const auth::Principal& caller,
                                             Permission permission, registry::ResidentId resident,
                                             const CivilDate& today) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, permission));
  auto facts = registry::LoadResidentFacts(db, resident);
  if (!facts) {
    if (facts.error().code == ErrorCode::kNotFound) return std::unexpected(NoSuchElder());
    return std::unexpected(facts.error());
  }
  if (!InScope(caller, facts->place) || facts->AgeOn(today) < kElderMinAge) {
    return std::unexpected(NoSuchElder());
  }
  return facts;
}

// Which residents a community-wide read covers: a community, and one grid of it for a grid
// worker.
struct CommunityReach {
  CommunityId community;
  GridId grid;
};

Result<CommunityReach> ReachCommunity(store::Connection& db, const auth::Principal& caller,
                                      CommunityId community) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kReadEldercare));
  if (!community.valid()) community = caller.scope.place.community;
  if (!community.valid()) return InvalidArgument("name a community", "community");
  auto place = registry::FindCommunityPlace(db, community);
  SHEQU_RETURN_IF_ERROR(place);
  const std::string missing =
      fmt::format("there is no community {} in your scope", community.value());
  if (!*place) return MakeError(ErrorCode::kNotFound, missing, "community");
  auth::Place target = **place;
  const bool grid_only =
      caller.role != auth::Role::kAdmin && caller.scope.kind == auth::ScopeKind::kGrid;
  if (grid_only) target.grid = caller.scope.place.grid;
  if (!InScope(caller, target)) return MakeError(ErrorCode::kNotFound, missing, "community");
  return CommunityReach{community, grid_only ? caller.scope.place.grid : GridId()};
}

// Every elder the reach covers, with the alerts of each: a handful of community-wide queries,
// not one per elder.
Result<std::vector<ElderSummary>> Summaries(store::Connection& db, const CommunityReach& reach,
                                            const CivilDate& today, int now_minute) {
  const CivilDate born_by{today.year - kElderMinAge, today.month,
                          std::min(today.day, DaysInMonth(today.year - kElderMinAge, today.month))};
  auto roster = ListElderRoster(db, reach.community, reach.grid, born_by);
  SHEQU_RETURN_IF_ERROR(roster);

  const CivilDate meals_from = AddDays(today, -(kNoMealGapDays - 1 + kUsualMealWindowDays));
  auto meals = CommunityMealDates(db, reach.community, meals_from, today);
  SHEQU_RETURN_IF_ERROR(meals);
  std::map<std::int64_t, std::vector<CivilDate>> meals_of;
  for (const auto& [resident, date] : *meals) meals_of[resident.value()].push_back(date);

  auto visits =
      CommunityAlertVisits(db, reach.community, AddDays(today, -(kVisitMissedDays - 1)), today);
  SHEQU_RETURN_IF_ERROR(visits);
  std::map<std::int64_t, std::vector<AlertVisit>> visits_of;
  for (auto& [resident, visit] : *visits) visits_of[resident.value()].push_back(std::move(visit));

  // The latest assessment of everyone assessed: "due by the end of time".
  auto latest = ListDueAbilityAssessments(db, reach.community, CivilDate{9999, 12, 31});
  SHEQU_RETURN_IF_ERROR(latest);
  std::map<std::int64_t, const DueAbilityAssessment*> latest_of;
  for (const auto& assessment : *latest) latest_of[assessment.resident_id.value()] = &assessment;

  auto planned = ResidentsWithCarePlan(db, reach.community, today);
  SHEQU_RETURN_IF_ERROR(planned);

  std::vector<ElderSummary> summaries;
  summaries.reserve(roster->size());
  for (auto& elder : *roster) {
    const std::int64_t id = elder.id.value();
    ElderAlertInputs inputs{.today = today,
                            .now_minute = now_minute,
                            .living_alone = LivesAlone(elder.tags, elder.household_size),
                            .has_current_plan = planned->contains(id)};
    if (auto found = meals_of.find(id); found != meals_of.end()) {
      inputs.meal_dates = std::move(found->second);
    }
    if (auto found = visits_of.find(id); found != visits_of.end()) {
      inputs.visits = std::move(found->second);
    }
    if (auto found = latest_of.find(id); found != latest_of.end()) {
      inputs.grade = found->second->grade;
      inputs.assessed_on = found->second->assessed_on;
      inputs.next_due = found->second->next_due_on;
    }
    ElderSummary summary{.age = shequ::AgeOn(elder.birth_date, today),
                         .living_alone = inputs.living_alone,
                         .grade = inputs.grade,
                         .alerts = EvaluateElderAlerts(inputs)};
    summary.elder = std::move(elder);
    summaries.push_back(std::move(summary));
  }
  return summaries;
}

// Fills in the items' names and this month's counts.
void CompleteCarePlan(CarePlan& plan, const std::map<std::string, ServiceName, std::less<>>& names,
                      std::span<const CarePlanVisit> month_visits, const CivilDate& today) {
  for (auto& item : plan.items) {
    if (const auto found = names.find(item.service_code); found != names.end()) {
      item.service_name_zh = found->second.name_zh;
      item.service_name_en = found->second.name_en;
    }
    item.planned_this_month = PlannedVisitsInMonth(item.visits_per_month, plan.starts_on,
                                                   plan.ends_on, today.year, today.month);
    item.delivered_this_month = DeliveredVisitsInMonth(
        month_visits, item.service_code, plan.starts_on, plan.ends_on, today.year, today.month);
  }
}

// The resident's plans, completed for this month.
Result<std::vector<CarePlan>> CompletedCarePlans(store::Connection& db,
                                                 registry::ResidentId resident,
                                                 const CivilDate& today) {
  auto plans = ListCarePlans(db, resident);
  SHEQU_RETURN_IF_ERROR(plans);
  if (plans->empty()) return plans;
  auto names = HomecareServiceNames(db);
  SHEQU_RETURN_IF_ERROR(names);
  const CivilDate first{today.year, today.month, 1};
  const CivilDate last{today.year, today.month, DaysInMonth(today.year, today.month)};
  auto visits = ResidentCarePlanVisits(db, resident, first, last);
  SHEQU_RETURN_IF_ERROR(visits);
  for (auto& plan : *plans) CompleteCarePlan(plan, *names, *visits, today);
  return plans;
}

bool IsOpenVisitStatus(std::string_view status) {
  return status == "requested" || status == "scheduled" || status == "planned" ||
         status == "in_progress";
}

}  // namespace

int ElderFileService::NowMinute() const {
  const std::int64_t seconds = clock_.Now() / kMicrosPerSecond + kShanghaiOffsetSeconds;
  const std::int64_t of_day = ((seconds % 86400) + 86400) % 86400;
  return static_cast<int>(of_day / 60);
}

Result<ElderPage> ElderFileService::List(const auth::Principal& caller, const ElderQuery& query) {
  if (query.page < 1) return InvalidArgument("page counts from 1", "page");
  if (query.page_size < 1 || query.page_size > kMaxElderPageSize) {
    return InvalidArgument(fmt::format("page_size must be 1 to {}", kMaxElderPageSize),
                           "page_size");
  }
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto reach = ReachCommunity(db, caller, query.community);
  SHEQU_RETURN_IF_ERROR(reach);
  auto summaries = Summaries(db, *reach, Today(), NowMinute());
  SHEQU_RETURN_IF_ERROR(summaries);
  std::erase_if(*summaries, [&](const ElderSummary& s) {
    if (!query.q.empty() && s.elder.name.find(query.q) == std::string::npos) return true;
    switch (query.filter) {
      case ElderFilter::kAll:
        return false;
      case ElderFilter::kLivingAlone:
        return !s.living_alone;
      case ElderFilter::kDisabled:
        return std::find(s.elder.tags.begin(), s.elder.tags.end(), "disabled") ==
               s.elder.tags.end();
      case ElderFilter::kAlerts:
        return s.alerts.empty();
    }
    return false;
  });
  ElderPage page{.total = static_cast<std::int64_t>(summaries->size())};
  const std::size_t first = static_cast<std::size_t>(query.page - 1) * query.page_size;
  for (std::size_t i = first; i < summaries->size() && i < first + query.page_size; ++i) {
    page.elders.push_back(std::move((*summaries)[i]));
  }
  return page;
}

Result<std::vector<ResidentAlert>> ElderFileService::Alerts(const auth::Principal& caller,
                                                            CommunityId community) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto reach = ReachCommunity(db, caller, community);
  SHEQU_RETURN_IF_ERROR(reach);
  auto summaries = Summaries(db, *reach, Today(), NowMinute());
  SHEQU_RETURN_IF_ERROR(summaries);
  std::vector<ResidentAlert> alerts;
  for (auto& summary : *summaries) {
    for (auto& alert : summary.alerts) {
      alerts.push_back({summary.elder.id, summary.elder.name, std::move(alert)});
    }
  }
  // The roster is by name already; a stable sort keeps that within each severity.
  std::stable_sort(alerts.begin(), alerts.end(), [](const auto& a, const auto& b) {
    return static_cast<int>(a.alert.severity) < static_cast<int>(b.alert.severity);
  });
  return alerts;
}

Result<ElderFile> ElderFileService::File(const auth::Principal& caller,
                                         registry::ResidentId resident) {
  const CivilDate today = Today();
  const int now_minute = NowMinute();
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto facts = ElderInScope(db, caller, Permission::kReadEldercare, resident, today);
  SHEQU_RETURN_IF_ERROR(facts);

  ElderFile file{.id = facts->id,
                 .name = facts->name,
                 .sex = facts->sex,
                 .age = facts->AgeOn(today),
                 .birth_date = facts->birth_date,
                 .household = facts->household,
                 .tags = facts->tags,
                 .disability_level = facts->disability_level};
  int household_size = 0;
  if (facts->household.valid()) {
    auto size = HouseholdSize(db, facts->household);
    SHEQU_RETURN_IF_ERROR(size);
    household_size = *size;
    auto address = HouseholdAddress(db, facts->household);
    SHEQU_RETURN_IF_ERROR(address);
    file.address = std::move(*address);
  }
  file.living_alone = LivesAlone(file.tags, household_size);
  auto row = registry::FindResident(db, resident);
  SHEQU_RETURN_IF_ERROR(row);
  if (*row && (*row)->phone_cipher) {
    auto phone = cipher_.Decrypt((*row)->phone_cipher->bytes);
    SHEQU_RETURN_IF_ERROR(phone);
    file.phone_masked = registry::MaskPhone(*phone);
  }

  auto assessments = ListAbilityAssessments(db, resident);
  SHEQU_RETURN_IF_ERROR(assessments);
  for (const auto& a : *assessments) {
    file.assessments.push_back({.id = a.id,
                                .assessed_on = a.assessed_on,
                                .total = a.score.total,
                                .grade = a.score.grade,
                                .next_due_on = a.next_due_on});
  }

  auto plans = CompletedCarePlans(db, resident, today);
  SHEQU_RETURN_IF_ERROR(plans);
  for (auto& plan : *plans) {
    if (plan.InForceOn(today)) {
      file.care_plan = std::move(plan);
      break;
    }
  }

  const CivilDate recent_from = AddDays(today, -kElderFileRecentDays);
  const CivilDate upcoming_to = AddDays(today, kElderFileUpcomingDays - 1);
  auto meals = ResidentMealOrders(db, resident, recent_from, upcoming_to);
  SHEQU_RETURN_IF_ERROR(meals);
  file.recent_meals = std::move(*meals);
  auto last_meal = LastMealDate(db, resident, today);
  SHEQU_RETURN_IF_ERROR(last_meal);
  file.last_meal_date = *last_meal;
  auto standing = ResidentStandingOrders(db, resident);
  SHEQU_RETURN_IF_ERROR(standing);
  file.standing_orders = std::move(*standing);

  auto visits = ResidentVisits(db, resident, recent_from, upcoming_to);
  SHEQU_RETURN_IF_ERROR(visits);
  ElderAlertInputs inputs{
      .today = today, .now_minute = now_minute, .living_alone = file.living_alone};
  for (auto& visit : *visits) {
    if (visit.id != 0) {
      const AlertVisit seen{.date = visit.date,
                            .window_end_min = visit.window_end_min,
                            .status = visit.status,
                            .checked_in = visit.check_in_at.has_value()};
      visit.missed = VisitIsMissed(seen, today, now_minute);
      inputs.visits.push_back(seen);
    }
    if (visit.date >= today && IsOpenVisitStatus(visit.status) && !visit.missed) {
      file.upcoming_visits.push_back(std::move(visit));
    } else if (visit.date <= today) {
      file.recent_visits.push_back(std::move(visit));
    }
  }
  std::reverse(file.recent_visits.begin(), file.recent_visits.end());

  auto volunteer_visits = ListVolunteerVisits(db, resident);
  SHEQU_RETURN_IF_ERROR(volunteer_visits);
  file.volunteer_visits = std::move(*volunteer_visits);
  auto account = FindPersonAccount(db, resident);
  SHEQU_RETURN_IF_ERROR(account);
  if (*account) file.timebank_balance_minutes = (*account)->balance_minutes;
  auto contacts = ListEmergencyContacts(db, resident);
  SHEQU_RETURN_IF_ERROR(contacts);
  file.emergency_contacts = std::move(*contacts);

  for (const auto& meal : file.recent_meals) {
    if (meal.status == "active") inputs.meal_dates.push_back(meal.date);
  }
  if (!file.assessments.empty()) {
    inputs.grade = file.assessments.front().grade;
    inputs.assessed_on = file.assessments.front().assessed_on;
    inputs.next_due = file.assessments.front().next_due_on;
  }
  inputs.has_current_plan = file.care_plan.has_value();
  file.alerts = EvaluateElderAlerts(inputs);
  return file;
}

Result<std::vector<CarePlan>> ElderFileService::CarePlans(const auth::Principal& caller,
                                                          registry::ResidentId resident) {
  const CivilDate today = Today();
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  SHEQU_RETURN_IF_ERROR(ElderInScope(db, caller, Permission::kReadEldercare, resident, today));
  return CompletedCarePlans(db, resident, today);
}

Result<CarePlan> ElderFileService::CreateCarePlan(const auth::Principal& caller,
                                                  registry::ResidentId resident,
                                                  const NewCarePlan& request,
                                                  const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kWriteEldercare));
  if (request.ends_on && *request.ends_on < request.starts_on) {
    return InvalidArgument("ends_on cannot be before starts_on", "ends_on");
  }
  if (utf8::CodePointCount(request.note) > kMaxCarePlanNoteChars) {
    return InvalidArgument(fmt::format("note is at most {} characters", kMaxCarePlanNoteChars),
                           "note");
  }
  const Instant now = clock_.Now();
  const CivilDate today = ShanghaiDate(now);
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto facts = ElderInScope(db, caller, Permission::kWriteEldercare, resident, today);
  SHEQU_RETURN_IF_ERROR(facts);

  CarePlan plan{.community_id = facts->place.community,
                .resident_id = resident,
                .starts_on = request.starts_on,
                .ends_on = request.ends_on,
                .note = request.note};
  if (request.assessment_id) {
    auto assessment = FindAbilityAssessment(db, *request.assessment_id);
    SHEQU_RETURN_IF_ERROR(assessment);
    if (!*assessment || (*assessment)->resident_id != resident) {
      return InvalidArgument("no such assessment of this elder", "assessment_id");
    }
    plan.assessment_id = (*assessment)->id;
    plan.grade = (*assessment)->score.grade;
  } else {
    auto assessments = ListAbilityAssessments(db, resident);
    SHEQU_RETURN_IF_ERROR(assessments);
    if (assessments->empty()) {
      return InvalidArgument(
          "this elder has no ability assessment: a care plan follows from the grade",
          "assessment_id");
    }
    plan.assessment_id = assessments->front().id;
    plan.grade = assessments->front().score.grade;
  }

  auto names = HomecareServiceNames(db);
  SHEQU_RETURN_IF_ERROR(names);
  if (request.items) {
    if (request.items->empty()) {
      return InvalidArgument("a care plan lists at least one service", "items");
    }
    std::set<std::string, std::less<>> seen;
    for (std::size_t i = 0; i < request.items->size(); ++i) {
      const auto& item = (*request.items)[i];
      const std::string field = fmt::format("items[{}]", i);
      const auto found = names->find(item.service_code);
      if (found == names->end() || !found->second.active) {
        return InvalidArgument(
            fmt::format("{} is not a service of the home-care catalogue", item.service_code),
            field + ".service_code");
      }
      if (!seen.insert(item.service_code).second) {
        return InvalidArgument(fmt::format("{} is listed twice", item.service_code),
                               field + ".service_code");
      }
      if (item.visits_per_month < 1 || item.visits_per_month > kMaxCarePlanVisitsPerMonth) {
        return InvalidArgument(
            fmt::format("visits_per_month must be 1 to {}", kMaxCarePlanVisitsPerMonth),
            field + ".visits_per_month");
      }
      plan.items.push_back(
          {.service_code = item.service_code, .visits_per_month = item.visits_per_month});
    }
  } else {
    for (const auto& item : rules_.ForGrade(plan.grade)) {
      if (!names->contains(item.service_code)) {
        return InvalidArgument(
            fmt::format("the care-plan rule table proposes {}, which the home-care catalogue "
                        "does not have: list the items",
                        item.service_code),
            "items");
      }
      plan.items.push_back(
          {.service_code = item.service_code, .visits_per_month = item.visits_per_month});
    }
    if (plan.items.empty()) {
      return InvalidArgument(
          fmt::format("the care-plan rule table proposes no services for grade {}: list the items",
                      plan.grade),
          "items");
    }
  }

  // Stored and read back by service code; answered the same way.
  std::sort(plan.items.begin(), plan.items.end(),
            [](const auto& a, const auto& b) { return a.service_code < b.service_code; });

  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto later = HasCarePlanFrom(db, resident, request.starts_on);
  SHEQU_RETURN_IF_ERROR(later);
  if (*later) {
    return Conflict("this elder has a care plan starting on or after starts_on already",
                    "starts_on");
  }
  SHEQU_RETURN_IF_ERROR(EndCarePlansBefore(db, resident, request.starts_on));
  auto id = InsertCarePlan(db, plan, caller.user_id, now);
  SHEQU_RETURN_IF_ERROR(id);
  plan.id = *id;
  auth::AuditEntry entry = auth::AuditEntryBy(caller, now, origin);
  entry.action = "care_plan.create";
  entry.record_type = "care_plan";
  entry.record_id = std::to_string(*id);
  entry.community_id = plan.community_id;
  entry.detail = fmt::format("resident={} grade={} items={} starts_on={}", resident.value(),
                             plan.grade, plan.items.size(), FormatDate(plan.starts_on));
  SHEQU_RETURN_IF_ERROR(audit_.Append(db, entry));
  SHEQU_RETURN_IF_ERROR(tx->Commit());

  const CivilDate first{today.year, today.month, 1};
  const CivilDate last{today.year, today.month, DaysInMonth(today.year, today.month)};
  auto visits = ResidentCarePlanVisits(db, resident, first, last);
  SHEQU_RETURN_IF_ERROR(visits);
  CompleteCarePlan(plan, *names, *visits, today);
  return plan;
}

Result<EmergencyContact> ElderFileService::AddEmergencyContact(const auth::Principal& caller,
                                                               registry::ResidentId resident,
                                                               const NewEmergencyContact& request,
                                                               const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kWriteEldercare));
  EmergencyContact contact{.resident_id = resident,
                           .name = request.name,
                           .relation = request.relation,
                           .priority = request.priority.value_or(kMinContactPriority)};
  if (contact.name.find_first_not_of(' ') == std::string::npos) {
    return InvalidArgument("name is required", "name");
  }
  if (utf8::CodePointCount(contact.name) > kMaxContactNameChars) {
    return InvalidArgument(fmt::format("name is at most {} characters", kMaxContactNameChars),
                           "name");
  }
  if (utf8::CodePointCount(contact.relation) > kMaxContactRelationChars) {
    return InvalidArgument(
        fmt::format("relation is at most {} characters", kMaxContactRelationChars), "relation");
  }
  if (contact.priority < kMinContactPriority || contact.priority > kMaxContactPriority) {
    return InvalidArgument(
        fmt::format("priority must be {} to {}", kMinContactPriority, kMaxContactPriority),
        "priority");
  }
  auto phone = registry::NormalisePhone(request.phone);
  SHEQU_RETURN_IF_ERROR(phone);
  contact.phone_masked = registry::MaskPhone(*phone);

  const Instant now = clock_.Now();
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto facts = ElderInScope(db, caller, Permission::kWriteEldercare, resident, ShanghaiDate(now));
  SHEQU_RETURN_IF_ERROR(facts);
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto id = InsertEmergencyContact(db, facts->place.community, contact,
                                   store::Blob{cipher_.Encrypt(*phone)}, now);
  SHEQU_RETURN_IF_ERROR(id);
  contact.id = *id;
  auth::AuditEntry entry = auth::AuditEntryBy(caller, now, origin);
  entry.action = "elder_contact.create";
  entry.record_type = "elder_emergency_contact";
  entry.record_id = std::to_string(*id);
  entry.community_id = facts->place.community;
  entry.detail = fmt::format("resident={}", resident.value());
  SHEQU_RETURN_IF_ERROR(audit_.Append(db, entry));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return contact;
}

Result<std::string> ElderFileService::RevealContactPhone(const auth::Principal& caller,
                                                         registry::ResidentId resident,
                                                         std::int64_t contact,
                                                         const auth::RequestOrigin& origin) {
  const Instant now = clock_.Now();
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  SHEQU_RETURN_IF_ERROR(
      ElderInScope(db, caller, Permission::kReadPersonalData, resident, ShanghaiDate(now)));
  auto stored = FindEmergencyContact(db, contact);
  SHEQU_RETURN_IF_ERROR(stored);
  if (!*stored || (*stored)->contact.resident_id != resident) {
    return MakeError(ErrorCode::kNotFound, "no such emergency contact of this elder", "contact_id");
  }
  auto plain = cipher_.Decrypt((*stored)->phone_cipher.bytes);
  SHEQU_RETURN_IF_ERROR(plain);
  // The read is logged before the value leaves: no audit row, no value.
  auth::AuditEntry entry = auth::AuditEntryBy(caller, now, origin);
  entry.action = "elder_contact.read_phone";
  entry.record_type = "elder_emergency_contact";
  entry.record_id = std::to_string(contact);
  entry.community_id = (*stored)->community_id;
  entry.detail = fmt::format("resident={}", resident.value());
  SHEQU_RETURN_IF_ERROR(audit_.Append(db, entry));
  return plain;
}

Result<MyElderCare> ElderFileService::MyHousehold(const auth::Principal& caller) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kReadOwnHousehold));
  const CivilDate today = Today();
  const int now_minute = NowMinute();
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto me = registry::FindLinkedResident(db, caller.user_id);
  SHEQU_RETURN_IF_ERROR(me);
  if (!*me) {
    return MakeError(ErrorCode::kNotFound, "this account is linked to no resident", "account");
  }
  auto facts = registry::LoadResidentFacts(db, **me);
  SHEQU_RETURN_IF_ERROR(facts);

  MyElderCare care;
  if (facts->household.valid()) {
    auto rows = registry::HouseholdResidents(db, facts->household);
    SHEQU_RETURN_IF_ERROR(rows);
    for (const auto& row : *rows) {
      care.members.push_back(
          {row.record.id, row.record.name, shequ::AgeOn(row.record.birth_date, today)});
    }
  } else {
    care.members.push_back({facts->id, facts->name, facts->AgeOn(today)});
  }

  const CivilDate last = AddDays(today, kElderFileUpcomingDays - 1);
  for (const auto& member : care.members) {
    auto meals = ResidentMealOrders(db, member.id, today, last);
    SHEQU_RETURN_IF_ERROR(meals);
    for (auto& meal : *meals) {
      if (meal.status == "active") care.meals.push_back(std::move(meal));
    }
    auto visits = ResidentVisits(db, member.id, today, last);
    SHEQU_RETURN_IF_ERROR(visits);
    for (auto& visit : *visits) {
      if (visit.status == "cancelled") continue;
      if (visit.id != 0) {
        visit.missed = VisitIsMissed({.date = visit.date,
                                      .window_end_min = visit.window_end_min,
                                      .status = visit.status,
                                      .checked_in = visit.check_in_at.has_value()},
                                     today, now_minute);
      }
      care.visits.push_back(std::move(visit));
    }
  }
  std::sort(care.meals.begin(), care.meals.end(), [](const auto& a, const auto& b) {
    return std::tie(a.date, a.meal, a.order_id) < std::tie(b.date, b.meal, b.order_id);
  });
  std::sort(care.visits.begin(), care.visits.end(), [](const auto& a, const auto& b) {
    return std::tie(a.date, a.window_start_min, a.order_id) <
           std::tie(b.date, b.window_start_min, b.order_id);
  });
  auto account = FindPersonAccount(db, **me);
  SHEQU_RETURN_IF_ERROR(account);
  if (*account) care.timebank_balance_minutes = (*account)->balance_minutes;
  return care;
}

}  // namespace shequ::eldercare
