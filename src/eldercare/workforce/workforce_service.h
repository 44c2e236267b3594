// The workforce use cases: the qualification table, caregivers and medical staff (with the link
// to their own login), certificates (added, revoked — never deleted), training records, a
// worker's detail and the reminders. Reads need kReadEldercare, writes kManageWorkforce, both in
// the worker's community (a record outside the caller's scope answers like one that does not
// exist). Every write is one transaction with an audit row. Thread-safe: each call borrows its
// own connection.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/audit_log.h"
#include "auth/principal.h"
#include "base/civil_time.h"
#include "base/error.h"
#include "eldercare/workforce/care_worker.h"
#include "eldercare/workforce/qualification.h"
#include "eldercare/workforce/workforce.h"
#include "store/database.h"

namespace shequ::eldercare {

// A worker as the API receives it; the service validates every field (field names as the API's).
struct CareWorkerInput {
  CommunityId community_id;  // the caller's community when invalid (create only)
  std::string name;
  std::string kind;                 // caregiver | doctor | nurse | therapist | social_worker
  std::vector<std::string> skills;  // the home-care catalogue's skill codes
  std::vector<std::int64_t> work_weekdays;  // 1..7
  std::string work_start;                   // "HH:MM"
  std::string work_end;                     // "HH:MM", after work_start; "24:00" allowed
  double start_lat = 0;
  double start_lon = 0;
  std::optional<std::string> login;  // an existing caregiver account in scope; empty: none
  bool active = true;
};

struct CareWorkerView {
  CareWorker worker;
  std::optional<std::string> login;
  std::vector<std::string> qualifications_valid_today;
};

struct CertificateView {
  CareWorkerCertificate certificate;
  CertificateStatus status = CertificateStatus::kValid;
};

struct CareWorkerDetail {
  CareWorkerView view;
  std::vector<CertificateView> certificates;
  std::vector<CareWorkerTraining> training;  // newest first
  int training_hours_tenths_this_year = 0;
};

struct CertificateInput {
  std::string qualification;
  std::string number;
  std::string issuer;
  std::string valid_from;               // "YYYY-MM-DD"
  std::optional<std::string> valid_to;  // default: valid_from + the table's validity_years - 1 day
};

struct TrainingInput {
  std::string course;
  std::string date;  // "YYYY-MM-DD", not in the future
  double hours = 0;  // 0 < hours <= 24, steps of 0.1
};

class WorkforceService {
 public:
  WorkforceService(store::Database& database, const Clock& clock,
                   std::vector<Qualification> qualifications = DefaultQualifications())
      : database_(database), clock_(clock), qualifications_(std::move(qualifications)) {}

  const std::vector<Qualification>& qualifications() const { return qualifications_; }
  Status CheckCanReadQualifications(const auth::Principal& caller) const;

  Result<std::vector<CareWorkerView>> ListWorkers(const auth::Principal& caller,
                                                  CommunityId community);
  Result<CareWorkerDetail> GetWorker(const auth::Principal& caller, std::int64_t id);
  Result<CareWorkerView> CreateWorker(const auth::Principal& caller, const CareWorkerInput& input,
                                      const auth::RequestOrigin& origin);
  Result<CareWorkerView> UpdateWorker(const auth::Principal& caller, std::int64_t id,
                                      const CareWorkerInput& input,
                                      const auth::RequestOrigin& origin);

  Result<CertificateView> AddCertificate(const auth::Principal& caller, std::int64_t worker_id,
                                         const CertificateInput& input,
                                         const auth::RequestOrigin& origin);
  // Revoking twice is harmless: the certificate comes back as it is.
  Result<CertificateView> RevokeCertificate(const auth::Principal& caller,
                                            std::int64_t certificate_id,
                                            const auth::RequestOrigin& origin);
  Result<CareWorkerTraining> AddTraining(const auth::Principal& caller, std::int64_t worker_id,
                                         const TrainingInput& input,
                                         const auth::RequestOrigin& origin);

  // Reminders of the community's active workers for today (Asia/Shanghai); within_days 0..366.
  Result<std::vector<WorkforceReminder>> Reminders(const auth::Principal& caller,
                                                   CommunityId community,
                                                   int within_days = kCertificateReminderDays);

 private:
  store::Database& database_;
  const Clock& clock_;
  std::vector<Qualification> qualifications_;
  auth::AuditLog audit_;
};

}  // namespace shequ::eldercare
