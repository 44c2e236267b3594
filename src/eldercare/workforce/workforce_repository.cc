#include "eldercare/workforce/workforce_repository.h"

#include <fmt/format.h>

#include <algorithm>

namespace shequ::eldercare {
namespace {

using store::Value;

constexpr const char* kWorkerSelect =
    "SELECT id, community_id, user_id, name, kind, skills, work_weekdays, work_start_min, "
    "work_end_min, start_lat, start_lon, active FROM care_workers ";

CivilDate DateOf(const std::string& text) { return ParseDate(text).value_or(CivilDate{}); }

CareWorker WorkerOf(const store::Row& row) {
  CareWorker worker{
      .id = row.GetInt(0),
      .community_id = CommunityId(row.GetInt(1)),
      .name = row.GetText(3),
      .kind = ParseCareWorkerKind(row.GetText(4)).value_or(CareWorkerKind::kCaregiver),
      .skills = SplitCodes(row.GetText(5)),
      .work_weekdays = static_cast<int>(row.GetInt(6)),
      .work_start_min = static_cast<int>(row.GetInt(7)),
      .work_end_min = static_cast<int>(row.GetInt(8)),
      .start_lat = row.GetDouble(9),
      .start_lon = row.GetDouble(10),
      .active = row.GetInt(11) != 0};
  if (auto user = row.GetOptionalInt(2)) worker.user_id = UserId(*user);
  return worker;
}

Result<std::vector<CareWorker>> Workers(store::Connection& db, const std::string& where,
                                        const std::vector<Value>& params) {
  auto rows = db.Query(kWorkerSelect + where, params);
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<CareWorker> workers;
  for (const auto& row : rows->rows) workers.push_back(WorkerOf(row));
  return workers;
}

Value UserOrNull(const std::optional<UserId>& user) {
  return user && user->valid() ? Value(user->value()) : Value(store::kNull);
}

constexpr const char* kCertificateSelect =
    "SELECT c.id, c.worker_id, c.qualification, c.number, c.issuer, c.valid_from, c.valid_to, "
    "c.revoked, c.created_at FROM care_worker_certificates c ";

CareWorkerCertificate CertificateOf(const store::Row& row) {
  return {.id = row.GetInt(0),
          .worker_id = row.GetInt(1),
          .qualification = row.GetText(2),
          .number = row.GetText(3),
          .issuer = row.GetText(4),
          .valid_from = DateOf(row.GetText(5)),
          .valid_to = DateOf(row.GetText(6)),
          .revoked = row.GetInt(7) != 0,
          .created_at = row.GetInt(8)};
}

Result<std::vector<CareWorkerCertificate>> Certificates(store::Connection& db,
                                                        const std::string& where,
                                                        const std::vector<Value>& params) {
  auto rows = db.Query(kCertificateSelect + where + " ORDER BY c.valid_to, c.id", params);
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<CareWorkerCertificate> certs;
  for (const auto& row : rows->rows) certs.push_back(CertificateOf(row));
  return certs;
}

// The volunteer with the resident's name and time-bank balance (0 without an account).
constexpr const char* kVolunteerSelect =
    "SELECT v.id, v.community_id, v.resident_id, r.name, v.skills, v.availability_weekdays, "
    "v.availability_note, v.background_check_date, v.active, COALESCE(a.balance_minutes, 0) "
    "FROM volunteers v JOIN residents r ON r.id = v.resident_id "
    "LEFT JOIN timebank_accounts a ON a.resident_id = v.resident_id AND a.kind = 'person' ";

Volunteer VolunteerOf(const store::Row& row) {
  Volunteer volunteer{.id = row.GetInt(0),
                      .community_id = CommunityId(row.GetInt(1)),
                      .resident_id = registry::ResidentId(row.GetInt(2)),
                      .name = row.GetText(3),
                      .skills = SplitCodes(row.GetText(4)),
                      .availability_weekdays = static_cast<int>(row.GetInt(5)),
                      .availability_note = row.GetText(6),
                      .active = row.GetInt(8) != 0,
                      .balance_minutes = row.GetInt(9)};
  if (auto checked = row.GetOptionalText(7)) volunteer.background_check_date = DateOf(*checked);
  return volunteer;
}

Result<std::optional<Volunteer>> OneVolunteer(store::Connection& db, const std::string& where,
                                              std::int64_t id) {
  auto rows = db.Query(kVolunteerSelect + where, {id});
  SHEQU_RETURN_IF_ERROR(rows);
  if (rows->rows.empty()) return std::nullopt;
  return VolunteerOf(rows->rows.front());
}

Value DateOrNull(const std::optional<CivilDate>& date) {
  return date ? Value(FormatDate(*date)) : Value(store::kNull);
}

}  // namespace

Result<std::vector<CareWorker>> ListCareWorkers(store::Connection& db, CommunityId community,
                                                bool active_only) {
  return Workers(db,
                 active_only ? "WHERE community_id = ? AND active = 1 ORDER BY id"
                             : "WHERE community_id = ? ORDER BY id",
                 {community.value()});
}

Result<std::optional<CareWorker>> FindCareWorker(store::Connection& db, std::int64_t id) {
  auto workers = Workers(db, "WHERE id = ?", {id});
  SHEQU_RETURN_IF_ERROR(workers);
  if (workers->empty()) return std::nullopt;
  return std::move(workers->front());
}

Result<std::optional<CareWorker>> FindCareWorkerOfUser(store::Connection& db, UserId user) {
  auto workers = Workers(db, "WHERE user_id = ?", {user.value()});
  SHEQU_RETURN_IF_ERROR(workers);
  if (workers->empty()) return std::nullopt;
  return std::move(workers->front());
}

Result<std::map<std::int64_t, std::string>> CareWorkerLogins(store::Connection& db,
                                                             CommunityId community) {
  auto rows = db.Query(
      "SELECT w.id, u.login FROM care_workers w JOIN users u ON u.id = w.user_id "
      "WHERE w.community_id = ?",
      {community.value()});
  SHEQU_RETURN_IF_ERROR(rows);
  std::map<std::int64_t, std::string> logins;
  for (const auto& row : rows->rows) logins[row.GetInt(0)] = row.GetText(1);
  return logins;
}

Result<std::int64_t> InsertCareWorker(store::Connection& db, const CareWorker& worker,
                                      Instant now) {
  // One initializer list: GCC 12 warns (maybe-uninitialized) on push_back of a variant here.
  auto rows = db.Query(
      "INSERT INTO care_workers (community_id, user_id, name, kind, skills, work_weekdays, "
      "work_start_min, work_end_min, start_lat, start_lon, active, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {worker.community_id.value(), UserOrNull(worker.user_id), worker.name,
       std::string(CareWorkerKindName(worker.kind)), JoinCodes(worker.skills),
       static_cast<std::int64_t>(worker.work_weekdays),
       static_cast<std::int64_t>(worker.work_start_min),
       static_cast<std::int64_t>(worker.work_end_min), worker.start_lat, worker.start_lon,
       static_cast<std::int64_t>(worker.active ? 1 : 0), now, now});
  SHEQU_RETURN_IF_ERROR(rows);
  return rows->rows.front().GetInt(0);
}

Status UpdateCareWorker(store::Connection& db, const CareWorker& worker, Instant now) {
  auto rows = db.Query(
      "UPDATE care_workers SET user_id = ?, name = ?, kind = ?, skills = ?, work_weekdays = ?, "
      "work_start_min = ?, work_end_min = ?, start_lat = ?, start_lon = ?, active = ?, "
      "updated_at = ? WHERE id = ?",
      {UserOrNull(worker.user_id), worker.name, std::string(CareWorkerKindName(worker.kind)),
       JoinCodes(worker.skills), static_cast<std::int64_t>(worker.work_weekdays),
       static_cast<std::int64_t>(worker.work_start_min),
       static_cast<std::int64_t>(worker.work_end_min), worker.start_lat, worker.start_lon,
       static_cast<std::int64_t>(worker.active ? 1 : 0), now, worker.id});
  SHEQU_RETURN_IF_ERROR(rows);
  return {};
}

Result<std::map<std::int64_t, std::vector<std::string>>> QualificationsValidOn(
    store::Connection& db, CommunityId community, CivilDate day) {
  const std::string date = FormatDate(day);
  auto rows = db.Query(
      "SELECT DISTINCT c.worker_id, c.qualification FROM care_worker_certificates c "
      "JOIN care_workers w ON w.id = c.worker_id WHERE w.community_id = ? AND c.revoked = 0 "
      "AND c.valid_from <= ? AND c.valid_to >= ? ORDER BY c.worker_id, c.qualification",
      {community.value(), date, date});
  SHEQU_RETURN_IF_ERROR(rows);
  std::map<std::int64_t, std::vector<std::string>> held;
  for (const auto& row : rows->rows) held[row.GetInt(0)].push_back(row.GetText(1));
  return held;
}

Result<std::vector<std::string>> WorkerQualificationsValidOn(store::Connection& db,
                                                             std::int64_t worker_id,
                                                             CivilDate day) {
  const std::string date = FormatDate(day);
  auto rows = db.Query(
      "SELECT DISTINCT qualification FROM care_worker_certificates WHERE worker_id = ? AND "
      "revoked = 0 AND valid_from <= ? AND valid_to >= ? ORDER BY qualification",
      {worker_id, date, date});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<std::string> held;
  for (const auto& row : rows->rows) held.push_back(row.GetText(0));
  return held;
}

Result<std::vector<std::string>> CatalogueSkills(store::Connection& db) {
  auto rows =
      db.Query("SELECT DISTINCT skill FROM homecare_services WHERE skill <> '' ORDER BY skill");
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<std::string> skills;
  for (const auto& row : rows->rows) skills.push_back(row.GetText(0));
  return skills;
}

Result<std::int64_t> InsertCertificate(store::Connection& db, const CareWorkerCertificate& cert) {
  auto rows = db.Query(
      "INSERT INTO care_worker_certificates (worker_id, qualification, number, issuer, "
      "valid_from, valid_to, revoked, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {cert.worker_id, cert.qualification, cert.number, cert.issuer, FormatDate(cert.valid_from),
       FormatDate(cert.valid_to), static_cast<std::int64_t>(cert.revoked ? 1 : 0),
       cert.created_at});
  SHEQU_RETURN_IF_ERROR(rows);
  return rows->rows.front().GetInt(0);
}

Result<std::optional<CareWorkerCertificate>> FindCertificate(store::Connection& db,
                                                             std::int64_t id) {
  auto certs = Certificates(db, "WHERE c.id = ?", {id});
  SHEQU_RETURN_IF_ERROR(certs);
  if (certs->empty()) return std::nullopt;
  return std::move(certs->front());
}

Result<std::vector<CareWorkerCertificate>> ListCertificates(store::Connection& db,
                                                            std::int64_t worker_id) {
  return Certificates(db, "WHERE c.worker_id = ?", {worker_id});
}

Result<std::vector<CareWorkerCertificate>> ListCommunityCertificates(store::Connection& db,
                                                                     CommunityId community) {
  return Certificates(db, "JOIN care_workers w ON w.id = c.worker_id WHERE w.community_id = ?",
                      {community.value()});
}

Status RevokeCertificate(store::Connection& db, std::int64_t id) {
  auto rows = db.Query("UPDATE care_worker_certificates SET revoked = 1 WHERE id = ?", {id});
  SHEQU_RETURN_IF_ERROR(rows);
  return {};
}

Result<std::int64_t> InsertTraining(store::Connection& db, const CareWorkerTraining& training,
                                    Instant now) {
  auto rows = db.Query(
      "INSERT INTO care_worker_training (worker_id, course, training_date, hours_tenths, "
      "created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
      {training.worker_id, training.course, FormatDate(training.date),
       static_cast<std::int64_t>(training.hours_tenths), now});
  SHEQU_RETURN_IF_ERROR(rows);
  return rows->rows.front().GetInt(0);
}

Result<std::vector<CareWorkerTraining>> ListTraining(store::Connection& db,
                                                     std::int64_t worker_id) {
  auto rows = db.Query(
      "SELECT id, worker_id, course, training_date, hours_tenths FROM care_worker_training "
      "WHERE worker_id = ? ORDER BY training_date DESC, id DESC",
      {worker_id});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<CareWorkerTraining> records;
  for (const auto& row : rows->rows) {
    records.push_back({.id = row.GetInt(0),
                       .worker_id = row.GetInt(1),
                       .course = row.GetText(2),
                       .date = DateOf(row.GetText(3)),
                       .hours_tenths = static_cast<int>(row.GetInt(4))});
  }
  return records;
}

Result<std::map<std::int64_t, int>> TrainingTenthsBetween(store::Connection& db,
                                                          CommunityId community, CivilDate from,
                                                          CivilDate to) {
  auto rows = db.Query(
      "SELECT t.worker_id, SUM(t.hours_tenths) FROM care_worker_training t "
      "JOIN care_workers w ON w.id = t.worker_id WHERE w.community_id = ? AND "
      "t.training_date >= ? AND t.training_date <= ? GROUP BY t.worker_id",
      {community.value(), FormatDate(from), FormatDate(to)});
  SHEQU_RETURN_IF_ERROR(rows);
  std::map<std::int64_t, int> tenths;
  for (const auto& row : rows->rows) tenths[row.GetInt(0)] = static_cast<int>(row.GetInt(1));
  return tenths;
}

Result<std::vector<Volunteer>> ListVolunteers(store::Connection& db, CommunityId community) {
  auto rows = db.Query(std::string(kVolunteerSelect) +
                           "WHERE v.community_id = ? ORDER BY v.active DESC, r.name, v.id",
                       {community.value()});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<Volunteer> volunteers;
  for (const auto& row : rows->rows) volunteers.push_back(VolunteerOf(row));
  return volunteers;
}

Result<std::optional<Volunteer>> FindVolunteer(store::Connection& db, std::int64_t id) {
  return OneVolunteer(db, "WHERE v.id = ?", id);
}

Result<std::optional<Volunteer>> FindVolunteerOfResident(store::Connection& db,
                                                         registry::ResidentId resident) {
  return OneVolunteer(db, "WHERE v.resident_id = ?", resident.value());
}

Result<std::int64_t> InsertVolunteer(store::Connection& db, const Volunteer& volunteer,
                                     Instant now) {
  auto rows = db.Query(
      "INSERT INTO volunteers (community_id, resident_id, skills, availability_weekdays, "
      "availability_note, background_check_date, active, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {volunteer.community_id.value(), volunteer.resident_id.value(), JoinCodes(volunteer.skills),
       static_cast<std::int64_t>(volunteer.availability_weekdays), volunteer.availability_note,
       DateOrNull(volunteer.background_check_date),
       static_cast<std::int64_t>(volunteer.active ? 1 : 0), now, now});
  SHEQU_RETURN_IF_ERROR(rows);
  return rows->rows.front().GetInt(0);
}

Status UpdateVolunteer(store::Connection& db, const Volunteer& volunteer, Instant now) {
  auto rows = db.Query(
      "UPDATE volunteers SET skills = ?, availability_weekdays = ?, availability_note = ?, "
      "background_check_date = ?, active = ?, updated_at = ? WHERE id = ?",
      {JoinCodes(volunteer.skills), static_cast<std::int64_t>(volunteer.availability_weekdays),
       volunteer.availability_note, DateOrNull(volunteer.background_check_date),
       static_cast<std::int64_t>(volunteer.active ? 1 : 0), now, volunteer.id});
  SHEQU_RETURN_IF_ERROR(rows);
  return {};
}

Result<std::int64_t> InsertVolunteerVisit(store::Connection& db, const VolunteerVisit& visit) {
  auto rows = db.Query(
      "INSERT INTO volunteer_visits (community_id, volunteer_id, elder_resident_id, visit_date, "
      "minutes, note, recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {visit.community_id.value(), visit.volunteer_id, visit.elder_resident_id.value(),
       FormatDate(visit.date), static_cast<std::int64_t>(visit.minutes), visit.note,
       visit.recorded_by.valid() ? Value(visit.recorded_by.value()) : Value(store::kNull),
       visit.created_at});
  SHEQU_RETURN_IF_ERROR(rows);
  return rows->rows.front().GetInt(0);
}

Status SetVolunteerVisitEntry(store::Connection& db, std::int64_t visit_id, std::int64_t entry_id) {
  auto rows =
      db.Query("UPDATE volunteer_visits SET entry_id = ? WHERE id = ?", {entry_id, visit_id});
  SHEQU_RETURN_IF_ERROR(rows);
  return {};
}

Result<std::vector<VolunteerVisit>> ListVolunteerVisits(store::Connection& db,
                                                        const VolunteerVisitFilter& filter) {
  // Unset filters are 0, which matches every row (ids start at 1).
  const std::int64_t elder = filter.elder ? filter.elder->value() : 0;
  const std::int64_t volunteer = filter.volunteer_id.value_or(0);
  const std::vector<Value> params{filter.community.value(),
                                  elder,
                                  elder,
                                  volunteer,
                                  volunteer,
                                  static_cast<std::int64_t>(std::max(filter.limit, 1))};
  const std::string sql =
      "SELECT vv.id, vv.community_id, vv.volunteer_id, v.resident_id, vr.name, "
      "vv.elder_resident_id, er.name, vv.visit_date, vv.minutes, vv.note, vv.entry_id, "
      "vv.recorded_by, vv.created_at FROM volunteer_visits vv "
      "JOIN volunteers v ON v.id = vv.volunteer_id JOIN residents vr ON vr.id = v.resident_id "
      "JOIN residents er ON er.id = vv.elder_resident_id WHERE vv.community_id = ? "
      "AND (CAST(? AS BIGINT) = 0 OR vv.elder_resident_id = ?) "
      "AND (CAST(? AS BIGINT) = 0 OR vv.volunteer_id = ?) "
      "ORDER BY vv.visit_date DESC, vv.id DESC LIMIT ?";
  auto rows = db.Query(sql, params);
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<VolunteerVisit> visits;
  for (const auto& row : rows->rows) {
    visits.push_back({.id = row.GetInt(0),
                      .community_id = CommunityId(row.GetInt(1)),
                      .volunteer_id = row.GetInt(2),
                      .volunteer_resident_id = registry::ResidentId(row.GetInt(3)),
                      .volunteer_name = row.GetText(4),
                      .elder_resident_id = registry::ResidentId(row.GetInt(5)),
                      .elder_name = row.GetText(6),
                      .date = DateOf(row.GetText(7)),
                      .minutes = static_cast<int>(row.GetInt(8)),
                      .note = row.GetText(9),
                      .entry_id = row.GetOptionalInt(10).value_or(0),
                      .recorded_by = UserId(row.GetOptionalInt(11).value_or(0)),
                      .created_at = row.GetInt(12)});
  }
  return visits;
}

}  // namespace shequ::eldercare
