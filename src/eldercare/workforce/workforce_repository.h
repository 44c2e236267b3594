// SQL over the workforce's tables (care_workers, care_worker_certificates, care_worker_training,
// volunteers, volunteer_visits) and the one read of the home-care catalogue it needs (the skill
// codes); the only place with SQL for them. Functions take the caller's connection so they join
// its transaction. Stateless.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "eldercare/workforce/care_worker.h"
#include "eldercare/workforce/workforce.h"
#include "store/connection.h"

namespace shequ::eldercare {

// Workers of the community by id; `active_only` leaves the inactive out.
Result<std::vector<CareWorker>> ListCareWorkers(store::Connection& db, CommunityId community,
                                                bool active_only);
Result<std::optional<CareWorker>> FindCareWorker(store::Connection& db, std::int64_t id);
Result<std::optional<CareWorker>> FindCareWorkerOfUser(store::Connection& db, UserId user);
// The login names of the community's linked workers, by worker id.
Result<std::map<std::int64_t, std::string>> CareWorkerLogins(store::Connection& db,
                                                             CommunityId community);
// Stores a new worker; returns its id. kConflict (constraint care_workers_one_per_user) when the
// login is linked to another worker already.
Result<std::int64_t> InsertCareWorker(store::Connection& db, const CareWorker& worker, Instant now);
Status UpdateCareWorker(store::Connection& db, const CareWorker& worker, Instant now);

// Qualification codes valid on `day` (not revoked, valid_from <= day <= valid_to), sorted and
// distinct: for every worker of the community (by worker id), or for one worker.
Result<std::map<std::int64_t, std::vector<std::string>>> QualificationsValidOn(
    store::Connection& db, CommunityId community, CivilDate day);
Result<std::vector<std::string>> WorkerQualificationsValidOn(store::Connection& db,
                                                             std::int64_t worker_id, CivilDate day);

// The skill codes the home-care catalogue names (homecare_services.skill), sorted, distinct.
Result<std::vector<std::string>> CatalogueSkills(store::Connection& db);

Result<std::int64_t> InsertCertificate(store::Connection& db, const CareWorkerCertificate& cert);
Result<std::optional<CareWorkerCertificate>> FindCertificate(store::Connection& db,
                                                             std::int64_t id);
// A worker's certificates, or every certificate of the community's workers; by valid_to, id.
Result<std::vector<CareWorkerCertificate>> ListCertificates(store::Connection& db,
                                                            std::int64_t worker_id);
Result<std::vector<CareWorkerCertificate>> ListCommunityCertificates(store::Connection& db,
                                                                     CommunityId community);
Status RevokeCertificate(store::Connection& db, std::int64_t id);

Result<std::int64_t> InsertTraining(store::Connection& db, const CareWorkerTraining& training,
                                    Instant now);
// A worker's training records, newest first.
Result<std::vector<CareWorkerTraining>> ListTraining(store::Connection& db, std::int64_t worker_id);
// Tenths of an hour per worker of the community trained from `from` to `to`, both included.
Result<std::map<std::int64_t, int>> TrainingTenthsBetween(store::Connection& db,
                                                          CommunityId community, CivilDate from,
                                                          CivilDate to);

// Volunteers come with the resident's name and time-bank balance.
Result<std::vector<Volunteer>> ListVolunteers(store::Connection& db, CommunityId community);
Result<std::optional<Volunteer>> FindVolunteer(store::Connection& db, std::int64_t id);
Result<std::optional<Volunteer>> FindVolunteerOfResident(store::Connection& db,
                                                         registry::ResidentId resident);
// kConflict (volunteers_one_per_resident) when the resident is registered already.
Result<std::int64_t> InsertVolunteer(store::Connection& db, const Volunteer& volunteer,
                                     Instant now);
Status UpdateVolunteer(store::Connection& db, const Volunteer& volunteer, Instant now);

// Stores the visit without its entry; SetVolunteerVisitEntry adds it once credited.
Result<std::int64_t> InsertVolunteerVisit(store::Connection& db, const VolunteerVisit& visit);
Status SetVolunteerVisitEntry(store::Connection& db, std::int64_t visit_id, std::int64_t entry_id);
struct VolunteerVisitFilter {
  CommunityId community;  // required
  std::optional<registry::ResidentId> elder;
  std::optional<std::int64_t> volunteer_id;
  int limit = 500;
};
// Newest first (date, then id).
Result<std::vector<VolunteerVisit>> ListVolunteerVisits(store::Connection& db,
                                                        const VolunteerVisitFilter& filter);

}  // namespace shequ::eldercare
