#include "eldercare/assessment/ability_assessment_service.h"

#include <fmt/format.h>

#include "auth/permissions.h"
#include "eldercare/assessment/ability_assessment_repository.h"
#include "registry/registry_repository.h"
#include "registry/resident_facts.h"
#include "store/transaction.h"

namespace shequ::eldercare {
namespace {

using auth::Permission;

bool InScope(const auth::Principal& caller, const auth::Place& place) {
  return caller.role == auth::Role::kAdmin || auth::ScopeContains(caller.scope, place);
}

// The role must hold `permission` (kPermissionDenied); a resident outside the scope answers like
// one that does not exist, so ids cannot be probed.
Result<registry::ResidentFacts> ResidentInScope(store::Connection& db,
                                                const auth::Principal& caller,
                                                Permission permission,
                                                registry::ResidentId resident) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, permission));
  auto facts = registry::LoadResidentFacts(db, resident);
  SHEQU_RETURN_IF_ERROR(facts);
  if (!InScope(caller, facts->place)) {
    return MakeError(ErrorCode::kNotFound, "no such resident in your scope", "resident_id");
  }
  return facts;
}

}  // namespace

Result<AbilityAssessment> AbilityAssessmentService::Create(const auth::Principal& caller,
                                                           const NewAbilityAssessment& request,
                                                           const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kWriteEldercare));
  auto score = ScoreAbility(request.items, request.conditions);
  SHEQU_RETURN_IF_ERROR(score);

  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto facts = ResidentInScope(db, caller, Permission::kWriteEldercare, request.resident_id);
  SHEQU_RETURN_IF_ERROR(facts);

  const Instant now = clock_.Now();
  const CivilDate today = ShanghaiDate(now);
  const CivilDate assessed_on = request.assessed_on.value_or(today);
  if (assessed_on > today) {
    return InvalidArgument("assessed_on cannot be in the future", "assessed_on");
  }
  if (assessed_on < facts->birth_date) {
    return InvalidArgument("assessed_on is before the resident's birth", "assessed_on");
  }
  if (const int age = facts->AgeOn(assessed_on); age < kAbilityAssessmentMinAge) {
    return InvalidArgument(
        fmt::format("GB/T 42195-2022 assesses people aged {} and over; this resident is {}",
                    kAbilityAssessmentMinAge, age),
        "resident_id");
  }

  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto earlier = ListAbilityAssessments(db, request.resident_id);
  SHEQU_RETURN_IF_ERROR(earlier);
  const bool has_earlier = !earlier->empty();
  const AssessmentReason reason =
      request.reason.value_or(has_earlier ? AssessmentReason::kRegular : AssessmentReason::kFirst);
  if (reason == AssessmentReason::kFirst && has_earlier) {
    return InvalidArgument("this resident has been assessed before: not a first assessment",
                           "reason");
  }
  if ((reason == AssessmentReason::kRegular || reason == AssessmentReason::kReview) &&
      !has_earlier) {
    return InvalidArgument("this resident has no earlier assessment: use reason first", "reason");
  }
  auto rules = LoadReassessmentRules(db);
  SHEQU_RETURN_IF_ERROR(rules);
  auto due = NextAssessmentDue(assessed_on, score->grade, *rules);
  if (!due) return Internal(due.error().message);  // the rule table must cover every grade

  AbilityAssessment assessment{
      .community_id = facts->place.community,
      .resident_id = request.resident_id,
      .assessed_on = assessed_on,
      .reason = reason,
      .assessor = caller.user_id,
      .items = request.items,
      .conditions = request.conditions,
      .score = std::move(*score),
      .next_due_on = *due,
      .created_at = now,
  };
  auto id = InsertAbilityAssessment(db, assessment);
  SHEQU_RETURN_IF_ERROR(id);
  assessment.id = *id;
  auth::AuditEntry entry = auth::AuditEntryBy(caller, now, origin);
  entry.action = "ability_assessment.create";
  entry.record_type = "ability_assessment";
  entry.record_id = std::to_string(*id);
  entry.community_id = assessment.community_id;
  entry.detail = fmt::format("resident={} total={} grade={}", request.resident_id.value(),
                             assessment.score.total, assessment.score.grade);
  SHEQU_RETURN_IF_ERROR(audit_.Append(db, entry));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return assessment;
}

Result<AbilityAssessment> AbilityAssessmentService::Get(const auth::Principal& caller,
                                                        std::int64_t id) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kReadEldercare));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto found = FindAbilityAssessment(db, id);
  SHEQU_RETURN_IF_ERROR(found);
  const std::string missing = fmt::format("there is no assessment {} in your scope", id);
  if (!*found) return NotFound(missing);
  auto facts = registry::LoadResidentFacts(db, (*found)->resident_id);
  SHEQU_RETURN_IF_ERROR(facts);
  if (!InScope(caller, facts->place)) return NotFound(missing);
  return std::move(**found);
}

Result<std::vector<AbilityAssessment>> AbilityAssessmentService::History(
    const auth::Principal& caller, registry::ResidentId resident) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  SHEQU_RETURN_IF_ERROR(ResidentInScope(db, caller, Permission::kReadEldercare, resident));
  return ListAbilityAssessments(db, resident);
}

Result<std::vector<DueAbilityAssessment>> AbilityAssessmentService::Due(
    const auth::Principal& caller, CommunityId community, std::optional<CivilDate> before) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kReadEldercare));
  if (!community.valid()) community = caller.scope.place.community;
  if (!community.valid()) return InvalidArgument("name a community", "community");
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto place = registry::FindCommunityPlace(db, community);
  SHEQU_RETURN_IF_ERROR(place);
  const std::string missing =
      fmt::format("there is no community {} in your scope", community.value());
  if (!*place) return NotFound(missing);
  auth::Place target = **place;
  const bool grid_only =
      caller.role != auth::Role::kAdmin && caller.scope.kind == auth::ScopeKind::kGrid;
  if (grid_only) target.grid = caller.scope.place.grid;
  if (!InScope(caller, target)) return NotFound(missing);
  auto due = ListDueAbilityAssessments(db, community, before.value_or(ShanghaiDate(clock_.Now())));
  SHEQU_RETURN_IF_ERROR(due);
  if (grid_only) {
    std::erase_if(
        *due, [&](const DueAbilityAssessment& d) { return d.grid_id != caller.scope.place.grid; });
  }
  return due;
}

}  // namespace shequ::eldercare
