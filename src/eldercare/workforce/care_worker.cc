#include "eldercare/workforce/care_worker.h"

#include "eldercare/workforce/workforce.h"
#include "eldercare/workforce/workforce_repository.h"

namespace shequ::eldercare {

Result<std::vector<CareWorkerOnDay>> LoadCareWorkersOnDay(store::Connection& db,
                                                          CommunityId community, CivilDate day) {
  auto workers = ListCareWorkers(db, community, /*active_only=*/true);
  SHEQU_RETURN_IF_ERROR(workers);
  const int bit = WeekdayMaskOf(day);
  std::vector<CareWorkerOnDay> result;
  std::vector<std::int64_t> ids;
  for (auto& worker : *workers) {
    if ((worker.work_weekdays & bit) == 0) continue;
    ids.push_back(worker.id);
    result.push_back({.worker = std::move(worker)});
  }
  if (result.empty()) return result;
  auto held = QualificationsValidOn(db, community, day);
  SHEQU_RETURN_IF_ERROR(held);
  for (auto& entry : result) {
    auto found = held->find(entry.worker.id);
    if (found != held->end()) entry.qualifications = found->second;
  }
  return result;
}

Result<CareWorkerOnDay> LoadCareWorkerOnDay(store::Connection& db, std::int64_t worker_id,
                                            CivilDate day) {
  auto worker = FindCareWorker(db, worker_id);
  SHEQU_RETURN_IF_ERROR(worker);
  if (!*worker) return NotFound("there is no such care worker");
  auto held = WorkerQualificationsValidOn(db, worker_id, day);
  SHEQU_RETURN_IF_ERROR(held);
  return CareWorkerOnDay{.worker = std::move(**worker), .qualifications = std::move(*held)};
}

Result<std::optional<CareWorker>> FindCareWorkerByUser(store::Connection& db, UserId user) {
  return FindCareWorkerOfUser(db, user);
}

std::string_view CareWorkerKindName(CareWorkerKind kind) {
  switch (kind) {
    case CareWorkerKind::kCaregiver:
      return "caregiver";
    case CareWorkerKind::kDoctor:
      return "doctor";
    case CareWorkerKind::kNurse:
      return "nurse";
    case CareWorkerKind::kTherapist:
      return "therapist";
    case CareWorkerKind::kSocialWorker:
      return "social_worker";
  }
  return "caregiver";
}

}  // namespace shequ::eldercare
