#include "eldercare/workforce/workforce_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "auth/permissions.h"
#include "auth/user_repository.h"
#include "eldercare/workforce/workforce_repository.h"
#include "registry/registry_repository.h"
#include "store/transaction.h"

namespace shequ::eldercare {
namespace {

using auth::Permission;

constexpr std::size_t kMaxNameBytes = 100;
constexpr std::size_t kMaxTextBytes = 200;

bool InScope(const auth::Principal& caller, const auth::Place& place) {
  return caller.role == auth::Role::kAdmin || auth::ScopeContains(caller.scope, place);
}

// The community named (or the caller's own), checked against the caller's role and scope.
// Outside the scope answers like a community that does not exist.
Result<auth::Place> CommunityFor(store::Connection& db, const auth::Principal& caller,
                                 Permission permission, CommunityId& community) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, permission));
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

// The worker, when the caller holds `permission` in the worker's community.
Result<CareWorker> WorkerFor(store::Connection& db, const auth::Principal& caller,
                             Permission permission, std::int64_t id) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, permission));
  auto worker = FindCareWorker(db, id);
  SHEQU_RETURN_IF_ERROR(worker);
  const std::string missing = fmt::format("there is no care worker {} in your scope", id);
  if (!*worker) return NotFound(missing);
  auto place = registry::FindCommunityPlace(db, (*worker)->community_id);
  SHEQU_RETURN_IF_ERROR(place);
  if (!*place || !InScope(caller, **place)) return NotFound(missing);
  return std::move(**worker);
}

Result<CivilDate> DateField(std::string_view text, const std::string& field) {
  auto date = ParseDate(text);
  if (!date) return InvalidArgument("a date is \"YYYY-MM-DD\"", field);
  return date;
}

// Checks every field of `input` but the login; fills `worker`'s stored fields.
Status CheckWorkerFields(store::Connection& db, const CareWorkerInput& input, CareWorker& worker) {
  if (input.name.empty() || input.name.size() > kMaxNameBytes) {
    return InvalidArgument("give the worker's name (at most 100 bytes)", "name");
  }
  auto kind = ParseCareWorkerKind(input.kind);
  SHEQU_RETURN_IF_ERROR(kind);
  auto catalogue = CatalogueSkills(db);
  SHEQU_RETURN_IF_ERROR(catalogue);
  std::vector<std::string> skills;
  for (const auto& skill : input.skills) {
    if (std::find(catalogue->begin(), catalogue->end(), skill) == catalogue->end()) {
      return InvalidArgument(fmt::format("\"{}\" is not a skill of the home-care catalogue ({})",
                                         skill, JoinCodes(*catalogue)),
                             "skills");
    }
    if (std::find(skills.begin(), skills.end(), skill) == skills.end()) skills.push_back(skill);
  }
  if (input.work_weekdays.empty()) {
    return InvalidArgument("give at least one working weekday (1 = Monday ... 7 = Sunday)",
                           "work_weekdays");
  }
  auto weekdays = WeekdaysToMask(input.work_weekdays, "work_weekdays");
  SHEQU_RETURN_IF_ERROR(weekdays);
  auto start = ParseClockTime(input.work_start, "work_start");
  SHEQU_RETURN_IF_ERROR(start);
  auto end = ParseClockTime(input.work_end, "work_end", /*allow_end_of_day=*/true);
  SHEQU_RETURN_IF_ERROR(end);
  if (*end <= *start) return InvalidArgument("work_end must be after work_start", "work_end");
  if (!std::isfinite(input.start_lat) || input.start_lat < -90 || input.start_lat > 90) {
    return InvalidArgument("start_lat is -90 to 90", "start_lat");
  }
  if (!std::isfinite(input.start_lon) || input.start_lon < -180 || input.start_lon > 180) {
    return InvalidArgument("start_lon is -180 to 180", "start_lon");
  }
  worker.name = input.name;
  worker.kind = *kind;
  worker.skills = std::move(skills);
  worker.work_weekdays = *weekdays;
  worker.work_start_min = *start;
  worker.work_end_min = *end;
  worker.start_lat = input.start_lat;
  worker.start_lon = input.start_lon;
  worker.active = input.active;
  return {};
}

// The login to link: an existing, enabled caregiver account of the worker's community that no
// other worker has. Every refusal is 400 `login` (the caller named it).
Result<std::optional<UserId>> CheckLogin(store::Connection& db,
                                         const std::optional<std::string>& login,
                                         CommunityId community, std::int64_t worker_id) {
  if (!login || login->empty()) return std::optional<UserId>();
  std::string lowered = *login;
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auth::UserRepository users;
  auto found = users.FindCredentials(db, lowered);
  SHEQU_RETURN_IF_ERROR(found);
  if (!*found || (*found)->user.scope.place.community != community) {
    return InvalidArgument("there is no account with that login in this community", "login");
  }
  const auth::User& user = (*found)->user;
  if (user.role != auth::Role::kCaregiver) {
    return InvalidArgument("only a caregiver account can be linked to a worker", "login");
  }
  if (user.disabled) return InvalidArgument("that account is disabled", "login");
  auto linked = FindCareWorkerOfUser(db, user.id);
  SHEQU_RETURN_IF_ERROR(linked);
  if (*linked && (*linked)->id != worker_id) {
    return InvalidArgument(
        fmt::format("that account is linked to worker {} already", (*linked)->id), "login");
  }
  return std::optional<UserId>(user.id);
}

Result<CareWorkerView> ViewOf(store::Connection& db, CareWorker worker, const CivilDate& today) {
  CareWorkerView view;
  if (worker.user_id) {
    auth::UserRepository users;
    auto user = users.FindById(db, *worker.user_id);
    SHEQU_RETURN_IF_ERROR(user);
    if (*user) view.login = (*user)->login;
  }
  auto held = WorkerQualificationsValidOn(db, worker.id, today);
  SHEQU_RETURN_IF_ERROR(held);
  view.qualifications_valid_today = std::move(*held);
  view.worker = std::move(worker);
  return view;
}

}  // namespace

Status WorkforceService::CheckCanReadQualifications(const auth::Principal& caller) const {
  return auth::Authorize(caller, Permission::kReadEldercare);
}

Result<std::vector<CareWorkerView>> WorkforceService::ListWorkers(const auth::Principal& caller,
                                                                  CommunityId community) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  SHEQU_RETURN_IF_ERROR(CommunityFor(db, caller, Permission::kReadEldercare, community));
  const CivilDate today = ShanghaiDate(clock_.Now());
  auto workers = ListCareWorkers(db, community, /*active_only=*/false);
  SHEQU_RETURN_IF_ERROR(workers);
  auto logins = CareWorkerLogins(db, community);
  SHEQU_RETURN_IF_ERROR(logins);
  auto held = QualificationsValidOn(db, community, today);
  SHEQU_RETURN_IF_ERROR(held);
  std::vector<CareWorkerView> views;
  for (auto& worker : *workers) {
    CareWorkerView view;
    if (auto login = logins->find(worker.id); login != logins->end()) view.login = login->second;
    if (auto found = held->find(worker.id); found != held->end()) {
      view.qualifications_valid_today = found->second;
    }
    view.worker = std::move(worker);
    views.push_back(std::move(view));
  }
  return views;
}

Result<CareWorkerDetail> WorkforceService::GetWorker(const auth::Principal& caller,
                                                     std::int64_t id) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto worker = WorkerFor(db, caller, Permission::kReadEldercare, id);
  SHEQU_RETURN_IF_ERROR(worker);
  const CivilDate today = ShanghaiDate(clock_.Now());
  auto view = ViewOf(db, std::move(*worker), today);
  SHEQU_RETURN_IF_ERROR(view);
  CareWorkerDetail detail{.view = std::move(*view)};
  auto certs = ListCertificates(db, id);
  SHEQU_RETURN_IF_ERROR(certs);
  for (auto& cert : *certs) {
    const CertificateStatus status = CertificateStatusOn(cert, today);
    detail.certificates.push_back({std::move(cert), status});
  }
  auto training = ListTraining(db, id);
  SHEQU_RETURN_IF_ERROR(training);
  for (const auto& record : *training) {
    if (record.date.year == today.year)
      detail.training_hours_tenths_this_year += record.hours_tenths;
  }
  detail.training = std::move(*training);
  return detail;
}

Result<CareWorkerView> WorkforceService::CreateWorker(const auth::Principal& caller,
                                                      const CareWorkerInput& input,
                                                      const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kManageWorkforce));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  CommunityId community = input.community_id;
  SHEQU_RETURN_IF_ERROR(CommunityFor(db, caller, Permission::kManageWorkforce, community));
  CareWorker worker{.community_id = community};
  SHEQU_RETURN_IF_ERROR(CheckWorkerFields(db, input, worker));
  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto user = CheckLogin(db, input.login, community, 0);
  SHEQU_RETURN_IF_ERROR(user);
  worker.user_id = *user;
  auto id = InsertCareWorker(db, worker, now);
  if (!id && id.error().code == ErrorCode::kConflict) {
    return InvalidArgument("that account was linked to another worker a moment ago", "login");
  }
  SHEQU_RETURN_IF_ERROR(id);
  worker.id = *id;
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db, auth::AuditEntryFor(caller, now, origin, "workforce.worker.create", "care_worker",
                              worker.id, community,
                              fmt::format("kind={} linked={}", CareWorkerKindName(worker.kind),
                                          worker.user_id.has_value()))));
  auto view = ViewOf(db, std::move(worker), ShanghaiDate(now));
  SHEQU_RETURN_IF_ERROR(view);
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return view;
}

Result<CareWorkerView> WorkforceService::UpdateWorker(const auth::Principal& caller,
                                                      std::int64_t id, const CareWorkerInput& input,
                                                      const auth::RequestOrigin& origin) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto worker = WorkerFor(db, caller, Permission::kManageWorkforce, id);
  SHEQU_RETURN_IF_ERROR(worker);
  if (input.community_id.valid() && input.community_id != worker->community_id) {
    return InvalidArgument("a worker cannot move to another community; add them there",
                           "community_id");
  }
  SHEQU_RETURN_IF_ERROR(CheckWorkerFields(db, input, *worker));
  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto user = CheckLogin(db, input.login, worker->community_id, id);
  SHEQU_RETURN_IF_ERROR(user);
  worker->user_id = *user;
  auto updated = UpdateCareWorker(db, *worker, now);
  if (!updated && updated.error().code == ErrorCode::kConflict) {
    return InvalidArgument("that account was linked to another worker a moment ago", "login");
  }
  SHEQU_RETURN_IF_ERROR(updated);
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db,
      auth::AuditEntryFor(
          caller, now, origin, "workforce.worker.update", "care_worker", id, worker->community_id,
          fmt::format("active={} linked={}", worker->active, worker->user_id.has_value()))));
  auto view = ViewOf(db, std::move(*worker), ShanghaiDate(now));
  SHEQU_RETURN_IF_ERROR(view);
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return view;
}

Result<CertificateView> WorkforceService::AddCertificate(const auth::Principal& caller,
                                                         std::int64_t worker_id,
                                                         const CertificateInput& input,
                                                         const auth::RequestOrigin& origin) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto worker = WorkerFor(db, caller, Permission::kManageWorkforce, worker_id);
  SHEQU_RETURN_IF_ERROR(worker);
  const Qualification* qualification = FindQualification(qualifications_, input.qualification);
  if (qualification == nullptr) {
    return InvalidArgument(
        fmt::format("\"{}\" is not in the qualification table", input.qualification),
        "qualification");
  }
  if (input.number.size() > kMaxNameBytes) return InvalidArgument("number is too long", "number");
  if (input.issuer.size() > kMaxTextBytes) return InvalidArgument("issuer is too long", "issuer");
  auto from = DateField(input.valid_from, "valid_from");
  SHEQU_RETURN_IF_ERROR(from);
  CivilDate to;
  if (input.valid_to) {
    auto parsed = DateField(*input.valid_to, "valid_to");
    SHEQU_RETURN_IF_ERROR(parsed);
    to = *parsed;
  } else {
    if (qualification->validity_years == 0) {
      return InvalidArgument("this qualification has no fixed term: give valid_to", "valid_to");
    }
    // valid_from + N years - 1 day (29 February falls back to the 28th).
    CivilDate end{from->year + qualification->validity_years, from->month, 1};
    end.day = std::min(from->day, DaysInMonth(end.year, end.month));
    to = CivilFromDays(DaysFromCivil(end) - 1);
  }
  if (to < *from) return InvalidArgument("valid_to must not be before valid_from", "valid_to");
  const Instant now = clock_.Now();
  CareWorkerCertificate cert{.worker_id = worker_id,
                             .qualification = input.qualification,
                             .number = input.number,
                             .issuer = input.issuer,
                             .valid_from = *from,
                             .valid_to = to,
                             .created_at = now};
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto id = InsertCertificate(db, cert);
  SHEQU_RETURN_IF_ERROR(id);
  cert.id = *id;
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db, auth::AuditEntryFor(caller, now, origin, "workforce.certificate.add",
                              "care_worker_certificate", cert.id, worker->community_id,
                              fmt::format("worker={} qualification={} valid_to={}", worker_id,
                                          cert.qualification, FormatDate(cert.valid_to)))));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  const CertificateStatus status = CertificateStatusOn(cert, ShanghaiDate(now));
  return CertificateView{std::move(cert), status};
}

Result<CertificateView> WorkforceService::RevokeCertificate(const auth::Principal& caller,
                                                            std::int64_t certificate_id,
                                                            const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kManageWorkforce));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto cert = FindCertificate(db, certificate_id);
  SHEQU_RETURN_IF_ERROR(cert);
  const std::string missing =
      fmt::format("there is no certificate {} in your scope", certificate_id);
  if (!*cert) return NotFound(missing);
  auto worker = WorkerFor(db, caller, Permission::kManageWorkforce, (*cert)->worker_id);
  if (!worker) {
    if (worker.error().code == ErrorCode::kNotFound) return NotFound(missing);
    return std::unexpected(worker.error());
  }
  const Instant now = clock_.Now();
  if (!(*cert)->revoked) {
    auto tx = store::Transaction::Begin(db);
    SHEQU_RETURN_IF_ERROR(tx);
    SHEQU_RETURN_IF_ERROR(eldercare::RevokeCertificate(db, certificate_id));
    SHEQU_RETURN_IF_ERROR(audit_.Append(
        db, auth::AuditEntryFor(
                caller, now, origin, "workforce.certificate.revoke", "care_worker_certificate",
                certificate_id, worker->community_id,
                fmt::format("worker={} qualification={}", worker->id, (*cert)->qualification))));
    SHEQU_RETURN_IF_ERROR(tx->Commit());
    (*cert)->revoked = true;
  }
  return CertificateView{std::move(**cert), CertificateStatus::kRevoked};
}

Result<CareWorkerTraining> WorkforceService::AddTraining(const auth::Principal& caller,
                                                         std::int64_t worker_id,
                                                         const TrainingInput& input,
                                                         const auth::RequestOrigin& origin) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto worker = WorkerFor(db, caller, Permission::kManageWorkforce, worker_id);
  SHEQU_RETURN_IF_ERROR(worker);
  if (input.course.empty() || input.course.size() > kMaxTextBytes) {
    return InvalidArgument("name the course (at most 200 bytes)", "course");
  }
  auto date = DateField(input.date, "date");
  SHEQU_RETURN_IF_ERROR(date);
  const Instant now = clock_.Now();
  if (ShanghaiDate(now) < *date) {
    return InvalidArgument("training is recorded once it has taken place", "date");
  }
  auto tenths = HoursToTenths(input.hours, "hours");
  SHEQU_RETURN_IF_ERROR(tenths);
  CareWorkerTraining training{
      .worker_id = worker_id, .course = input.course, .date = *date, .hours_tenths = *tenths};
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto id = InsertTraining(db, training, now);
  SHEQU_RETURN_IF_ERROR(id);
  training.id = *id;
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db, auth::AuditEntryFor(
              caller, now, origin, "workforce.training.add", "care_worker_training", training.id,
              worker->community_id,
              fmt::format("worker={} hours_tenths={}", worker_id, training.hours_tenths))));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return training;
}

Result<std::vector<WorkforceReminder>> WorkforceService::Reminders(const auth::Principal& caller,
                                                                   CommunityId community,
                                                                   int within_days) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  SHEQU_RETURN_IF_ERROR(CommunityFor(db, caller, Permission::kReadEldercare, community));
  if (within_days < 0 || within_days > 366) {
    return InvalidArgument("within_days is 0 to 366", "within_days");
  }
  const CivilDate today = ShanghaiDate(clock_.Now());
  auto workers = ListCareWorkers(db, community, /*active_only=*/true);
  SHEQU_RETURN_IF_ERROR(workers);
  auto certs = ListCommunityCertificates(db, community);
  SHEQU_RETURN_IF_ERROR(certs);
  auto trained = TrainingTenthsBetween(db, community, {today.year, 1, 1}, {today.year, 12, 31});
  SHEQU_RETURN_IF_ERROR(trained);
  std::vector<WorkerRecords> records;
  for (auto& worker : *workers) {
    WorkerRecords record;
    for (const auto& cert : *certs) {
      if (cert.worker_id == worker.id) record.certificates.push_back(cert);
    }
    if (auto found = trained->find(worker.id); found != trained->end()) {
      record.training_hours_tenths_this_year = found->second;
    }
    record.worker = std::move(worker);
    records.push_back(std::move(record));
  }
  std::vector<QualificationName> names;
  for (const auto& q : qualifications_) names.push_back({q.code, q.name_zh, q.name_en});
  return BuildWorkforceReminders(records, names, today, within_days);
}

}  // namespace shequ::eldercare
