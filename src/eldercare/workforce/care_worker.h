// The elder-care workforce: caregivers (护理员) and elder-care medical staff, their certificates
// and training. Other modules (home care's scheduling) read workers only through the functions
// declared here and in workforce_repository.h.
//
// Interface fixed by the lead; implemented by the workforce module.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/civil_time.h"
#include "base/error.h"
#include "base/ids.h"
#include "store/connection.h"

namespace shequ::eldercare {

enum class CareWorkerKind { kCaregiver, kDoctor, kNurse, kTherapist, kSocialWorker };

struct CareWorker {
  std::int64_t id = 0;
  CommunityId community_id;
  std::optional<UserId> user_id;  // the worker's own login, when they have one
  std::string name;
  CareWorkerKind kind = CareWorkerKind::kCaregiver;
  std::vector<std::string> skills;  // service skill codes ('bathing', 'cleaning', ...)
  int work_weekdays = 0;            // bit mask, Monday = 1 ... Sunday = 64
  int work_start_min = 8 * 60;
  int work_end_min = 17 * 60;
  double start_lat = 0;
  double start_lon = 0;
  bool active = true;
};

// A worker who works on `day`, with the qualification codes their certificates make valid that
// day (not revoked, valid_from <= day <= valid_to).
struct CareWorkerOnDay {
  CareWorker worker;
  std::vector<std::string> qualifications;
};

// The community's active workers who work on `day`'s weekday, by id.
Result<std::vector<CareWorkerOnDay>> LoadCareWorkersOnDay(store::Connection& db,
                                                          CommunityId community, CivilDate day);

// One worker as on `day` (any weekday; inactive included): kNotFound when there is none.
Result<CareWorkerOnDay> LoadCareWorkerOnDay(store::Connection& db, std::int64_t worker_id,
                                            CivilDate day);

// The worker whose login is `user` (a caregiver's own day view), nullopt when none.
Result<std::optional<CareWorker>> FindCareWorkerByUser(store::Connection& db, UserId user);

std::string_view CareWorkerKindName(CareWorkerKind kind);

}  // namespace shequ::eldercare
