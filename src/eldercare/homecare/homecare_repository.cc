#include "eldercare/homecare/homecare_repository.h"

#include <string>

namespace shequ::eldercare {
namespace {

constexpr const char* kServiceColumns =
    "id, code, name_zh, name_en, duration_min, price_fen, skill, required_qualification, "
    "subsidised_minutes_per_month, active";

CareService ServiceOf(const store::Row& row, std::size_t at = 0) {
  CareService s;
  s.id = row.GetInt(at);
  s.code = row.GetText(at + 1);
  s.name_zh = row.GetText(at + 2);
  s.name_en = row.GetText(at + 3);
  s.duration_min = static_cast<int>(row.GetInt(at + 4));
  s.price_fen = row.GetInt(at + 5);
  s.skill = row.GetText(at + 6);
  s.required_qualification = row.GetText(at + 7);
  s.subsidised_minutes_per_month = static_cast<int>(row.GetInt(at + 8));
  s.active = row.GetInt(at + 9) != 0;
  return s;
}

// Stored dates were written by FormatDate; a bad one is a broken invariant, shown as 1970-01-01.
CivilDate DateOf(const std::string& text) { return ParseDate(text).value_or(CivilDate{}); }

constexpr const char* kOrderSelect =
    "SELECT o.id, o.community_id, o.resident_id, r.name, s.id, s.code, s.name_zh, s.name_en, "
    "s.duration_min, s.price_fen, s.skill, s.required_qualification, "
    "s.subsidised_minutes_per_month, s.active, o.service_date, o.window_start_min, "
    "o.window_end_min, o.status, o.note, o.price_fen, o.subsidy_fen, o.subsidised_min, "
    "o.created_at, (SELECT MAX(v.id) FROM homecare_visits v WHERE v.order_id = o.id AND "
    "v.status <> 'cancelled') "
    "FROM homecare_orders o JOIN homecare_services s ON s.id = o.service_id "
    "JOIN residents r ON r.id = o.resident_id ";

HomeCareOrder OrderOf(const store::Row& row) {
  HomeCareOrder o;
  o.id = row.GetInt(0);
  o.community_id = CommunityId(row.GetInt(1));
  o.resident_id = registry::ResidentId(row.GetInt(2));
  o.resident_name = row.GetText(3);
  o.service = ServiceOf(row, 4);
  o.date = DateOf(row.GetText(14));
  o.window_start_min = static_cast<int>(row.GetInt(15));
  o.window_end_min = static_cast<int>(row.GetInt(16));
  o.status = ParseOrderStatus(row.GetText(17)).value_or(HomeCareOrderStatus::kRequested);
  o.note = row.GetText(18);
  o.price_fen = row.GetInt(19);
  o.subsidy_fen = row.GetInt(20);
  o.subsidised_min = static_cast<int>(row.GetInt(21));
  o.created_at = row.GetInt(22);
  o.visit_id = row.GetOptionalInt(23);
  return o;
}

// The elder's home now: the open residency's household and building.
constexpr const char* kVisitSelect =
    "SELECT v.id, v.community_id, v.order_id, o.resident_id, r.name, v.worker_id, w.name, s.code, "
    "s.name_zh, s.name_en, v.service_date, o.window_start_min, o.window_end_min, "
    "v.planned_start_min, v.planned_end_min, v.travel_min_before, v.status, v.check_in_at, "
    "v.check_out_at, v.late, v.away_from_home, v.caregiver_note, v.rating, v.rating_comment, "
    "b.address, h.unit, h.room, b.latitude, b.longitude "
    "FROM homecare_visits v JOIN homecare_orders o ON o.id = v.order_id "
    "JOIN homecare_services s ON s.id = o.service_id JOIN residents r ON r.id = o.resident_id "
    "JOIN care_workers w ON w.id = v.worker_id "
    "LEFT JOIN residencies rs ON rs.resident_id = o.resident_id AND rs.moved_out_on IS NULL "
    "LEFT JOIN households h ON h.id = rs.household_id "
    "LEFT JOIN buildings b ON b.id = h.building_id ";

HomeCareVisit VisitOf(const store::Row& row) {
  HomeCareVisit v;
  v.id = row.GetInt(0);
  v.community_id = CommunityId(row.GetInt(1));
  v.order_id = row.GetInt(2);
  v.resident_id = registry::ResidentId(row.GetInt(3));
  v.resident_name = row.GetText(4);
  v.worker_id = row.GetInt(5);
  v.worker_name = row.GetText(6);
  v.service_code = row.GetText(7);
  v.service_name_zh = row.GetText(8);
  v.service_name_en = row.GetText(9);
  v.date = DateOf(row.GetText(10));
  v.window_start_min = static_cast<int>(row.GetInt(11));
  v.window_end_min = static_cast<int>(row.GetInt(12));
  v.planned_start_min = static_cast<int>(row.GetInt(13));
  v.planned_end_min = static_cast<int>(row.GetInt(14));
  v.travel_min_before = static_cast<int>(row.GetInt(15));
  v.status = ParseVisitStatus(row.GetText(16)).value_or(HomeCareVisitStatus::kPlanned);
  v.check_in_at = row.GetOptionalInt(17);
  v.check_out_at = row.GetOptionalInt(18);
  v.late = row.GetInt(19) != 0;
  v.away_from_home = row.GetInt(20) != 0;
  v.caregiver_note = row.GetText(21);
  if (auto rating = row.GetOptionalInt(22)) v.rating = static_cast<int>(*rating);
  v.rating_comment = row.GetText(23);
  if (auto address = row.GetOptionalText(24)) {
    v.address = *address;
    const std::string unit = row.GetOptionalText(25).value_or("");
    if (!unit.empty()) v.address += " " + unit + "单元";
    if (auto room = row.GetOptionalText(26)) v.address += " " + *room;
  }
  if (!row.IsNull(27) && !row.IsNull(28)) {
    v.lat = row.GetDouble(27);
    v.lon = row.GetDouble(28);
  }
  return v;
}

Status Affected(const Result<store::QueryResult>& rows, const char* what) {
  SHEQU_RETURN_IF_ERROR(rows);
  if (rows->rows_affected != 1) return Conflict(std::string(what) + " changed meanwhile", "status");
  return {};
}

}  // namespace

Result<std::vector<CareService>> ListHomeCareServices(store::Connection& db) {
  auto rows =
      db.Query(std::string("SELECT ") + kServiceColumns + " FROM homecare_services ORDER BY id");
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<CareService> out;
  for (const auto& row : rows->rows) out.push_back(ServiceOf(row));
  return out;
}

Result<std::optional<CareService>> FindHomeCareService(store::Connection& db,
                                                       std::string_view code) {
  auto rows =
      db.Query(std::string("SELECT ") + kServiceColumns + " FROM homecare_services WHERE code = ?",
               {std::string(code)});
  SHEQU_RETURN_IF_ERROR(rows);
  if (rows->empty()) return std::nullopt;
  return ServiceOf(rows->rows.at(0));
}

Result<CareService> UpsertHomeCareService(store::Connection& db, const CareService& s) {
  auto rows = db.Query(
      "INSERT INTO homecare_services (code, name_zh, name_en, duration_min, price_fen, skill, "
      "required_qualification, subsidised_minutes_per_month, active) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
      "name_zh = excluded.name_zh, name_en = excluded.name_en, "
      "duration_min = excluded.duration_min, price_fen = excluded.price_fen, "
      "skill = excluded.skill, required_qualification = excluded.required_qualification, "
      "subsidised_minutes_per_month = excluded.subsidised_minutes_per_month, "
      "active = excluded.active RETURNING id",
      {s.code, s.name_zh, s.name_en, std::int64_t{s.duration_min}, s.price_fen, s.skill,
       s.required_qualification, std::int64_t{s.subsidised_minutes_per_month},
       std::int64_t{s.active ? 1 : 0}});
  SHEQU_RETURN_IF_ERROR(rows);
  CareService stored = s;
  stored.id = rows->rows.at(0).GetInt(0);
  return stored;
}

Result<std::int64_t> InsertHomeCareOrder(store::Connection& db, const HomeCareOrder& o,
                                         std::optional<UserId> ordered_by) {
  auto rows = db.Query(
      "INSERT INTO homecare_orders (community_id, resident_id, service_id, service_date, "
      "window_start_min, window_end_min, status, note, price_fen, subsidy_fen, subsidised_min, "
      "ordered_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {o.community_id.value(), o.resident_id.value(), o.service.id, FormatDate(o.date),
       std::int64_t{o.window_start_min}, std::int64_t{o.window_end_min},
       std::string(OrderStatusName(o.status)), o.note, o.price_fen, o.subsidy_fen,
       std::int64_t{o.subsidised_min},
       ordered_by ? store::Value(ordered_by->value()) : store::Value(store::kNull), o.created_at,
       o.created_at});
  SHEQU_RETURN_IF_ERROR(rows);
  return rows->rows.at(0).GetInt(0);
}

Result<std::optional<HomeCareOrder>> LoadHomeCareOrder(store::Connection& db, std::int64_t id) {
  auto rows = db.Query(std::string(kOrderSelect) + "WHERE o.id = ?", {id});
  SHEQU_RETURN_IF_ERROR(rows);
  if (rows->empty()) return std::nullopt;
  return OrderOf(rows->rows.at(0));
}

Result<std::vector<HomeCareOrder>> ListHomeCareOrders(store::Connection& db,
                                                      const OrderFilter& filter) {
  std::string sql = std::string(kOrderSelect) + "WHERE o.community_id = ?";
  std::vector<store::Value> params = {filter.community.value()};
  if (filter.date) {
    sql += " AND o.service_date = ?";
    params.emplace_back(FormatDate(*filter.date));
  }
  if (filter.resident) {
    sql += " AND o.resident_id = ?";
    params.emplace_back(filter.resident->value());
  }
  if (filter.status) {
    sql += " AND o.status = ?";
    params.emplace_back(std::string(OrderStatusName(*filter.status)));
  }
  if (filter.household) {
    sql +=
        " AND o.resident_id IN (SELECT resident_id FROM residencies WHERE household_id = ? AND "
        "moved_out_on IS NULL)";
    params.emplace_back(filter.household->value());
  }
  sql += " ORDER BY o.service_date, o.window_start_min, o.id";
  auto rows = db.Query(sql, params);
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<HomeCareOrder> out;
  for (const auto& row : rows->rows) out.push_back(OrderOf(row));
  return out;
}

Status SetHomeCareOrderStatus(store::Connection& db, std::int64_t id, HomeCareOrderStatus status,
                              Instant now) {
  return Affected(db.Query("UPDATE homecare_orders SET status = ?, updated_at = ? WHERE id = ?",
                           {std::string(OrderStatusName(status)), now, id}),
                  "the order");
}

Result<int> SubsidisedMinutesUsed(store::Connection& db, registry::ResidentId resident,
                                  std::int64_t service_id, const CivilDate& from,
                                  const CivilDate& to) {
  auto rows = db.Query(
      "SELECT CAST(COALESCE(SUM(subsidised_min), 0) AS BIGINT) FROM homecare_orders WHERE "
      "resident_id = ? AND service_id = ? AND service_date >= ? AND service_date <= ? AND "
      "status <> 'cancelled'",
      {resident.value(), service_id, FormatDate(from), FormatDate(to)});
  SHEQU_RETURN_IF_ERROR(rows);
  return static_cast<int>(rows->rows.at(0).GetInt(0));
}

Status LockResident(store::Connection& db, registry::ResidentId resident) {
  if (db.backend() != store::Backend::kPostgres) return {};
  auto rows = db.Query("SELECT id FROM residents WHERE id = ? FOR UPDATE", {resident.value()});
  SHEQU_RETURN_IF_ERROR(rows);
  return {};
}

Status LockCareWorker(store::Connection& db, std::int64_t worker_id) {
  if (db.backend() != store::Backend::kPostgres) return {};
  auto rows = db.Query("SELECT id FROM care_workers WHERE id = ? FOR UPDATE", {worker_id});
  SHEQU_RETURN_IF_ERROR(rows);
  return {};
}

Result<std::int64_t> InsertHomeCareVisit(store::Connection& db, const NewVisit& v, Instant now) {
  auto rows = db.Query(
      "INSERT INTO homecare_visits (community_id, order_id, worker_id, service_date, "
      "planned_start_min, planned_end_min, travel_min_before, status, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, 'planned', ?, ?) RETURNING id",
      {v.community.value(), v.order_id, v.worker_id, FormatDate(v.date),
       std::int64_t{v.planned_start_min}, std::int64_t{v.planned_end_min},
       std::int64_t{v.travel_min_before}, now, now});
  SHEQU_RETURN_IF_ERROR(rows);
  return rows->rows.at(0).GetInt(0);
}

Result<std::optional<HomeCareVisit>> LoadHomeCareVisit(store::Connection& db, std::int64_t id) {
  auto rows = db.Query(std::string(kVisitSelect) + "WHERE v.id = ?", {id});
  SHEQU_RETURN_IF_ERROR(rows);
  if (rows->empty()) return std::nullopt;
  return VisitOf(rows->rows.at(0));
}

Result<std::vector<HomeCareVisit>> ListHomeCareVisits(store::Connection& db,
                                                      const VisitFilter& filter) {
  std::string sql = std::string(kVisitSelect) + "WHERE v.service_date = ?";
  std::vector<store::Value> params = {FormatDate(filter.date)};
  if (filter.community.valid()) {
    sql += " AND v.community_id = ?";
    params.emplace_back(filter.community.value());
  }
  if (filter.worker) {
    sql += " AND v.worker_id = ?";
    params.emplace_back(*filter.worker);
  }
  if (filter.resident) {
    sql += " AND o.resident_id = ?";
    params.emplace_back(filter.resident->value());
  }
  if (!filter.include_cancelled) sql += " AND v.status <> 'cancelled'";
  sql += " ORDER BY v.worker_id, v.planned_start_min, v.id";
  auto rows = db.Query(sql, params);
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<HomeCareVisit> out;
  for (const auto& row : rows->rows) out.push_back(VisitOf(row));
  return out;
}

Result<std::vector<std::int64_t>> OverlappingVisits(store::Connection& db, std::int64_t worker_id,
                                                    const CivilDate& date, int start_min,
                                                    int end_min, std::int64_t except_order) {
  auto rows = db.Query(
      "SELECT id FROM homecare_visits WHERE worker_id = ? AND service_date = ? AND "
      "status IN ('planned', 'in_progress') AND planned_start_min < ? AND planned_end_min > ? "
      "AND order_id <> ? ORDER BY id",
      {worker_id, FormatDate(date), std::int64_t{end_min}, std::int64_t{start_min}, except_order});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<std::int64_t> out;
  for (const auto& row : rows->rows) out.push_back(row.GetInt(0));
  return out;
}

Status DeletePlannedVisitsOfOrder(store::Connection& db, std::int64_t order_id) {
  auto rows =
      db.Query("DELETE FROM homecare_visits WHERE order_id = ? AND status = 'planned'", {order_id});
  SHEQU_RETURN_IF_ERROR(rows);
  return {};
}

Status SetHomeCareVisitStatus(store::Connection& db, std::int64_t id, HomeCareVisitStatus status,
                              Instant now) {
  return Affected(db.Query("UPDATE homecare_visits SET status = ?, updated_at = ? WHERE id = ?",
                           {std::string(VisitStatusName(status)), now, id}),
                  "the visit");
}

Status RecordCheckIn(store::Connection& db, std::int64_t id, Instant at, double lat, double lon,
                     bool late, bool away_from_home) {
  // The status condition makes a second check-in racing the first change nothing.
  return Affected(
      db.Query(
          "UPDATE homecare_visits SET status = 'in_progress', check_in_at = ?, "
          "check_in_lat = ?, check_in_lon = ?, late = ?, away_from_home = ?, updated_at = ? "
          "WHERE id = ? AND check_in_at IS NULL",
          {at, lat, lon, std::int64_t{late ? 1 : 0}, std::int64_t{away_from_home ? 1 : 0}, at, id}),
      "the visit");
}

Status RecordCheckOut(store::Connection& db, std::int64_t id, Instant at, double lat, double lon,
                      const std::string& note) {
  return Affected(
      db.Query("UPDATE homecare_visits SET status = 'done', check_out_at = ?, check_out_lat = ?, "
               "check_out_lon = ?, caregiver_note = ?, updated_at = ? WHERE id = ? AND "
               "status = 'in_progress'",
               {at, lat, lon, note, at, id}),
      "the visit");
}

Status RecordRating(store::Connection& db, std::int64_t id, int rating, const std::string& comment,
                    UserId by, Instant now) {
  return Affected(
      db.Query("UPDATE homecare_visits SET rating = ?, rating_comment = ?, rated_by = ?, "
               "updated_at = ? WHERE id = ? AND rating IS NULL AND status = 'done'",
               {std::int64_t{rating}, comment, by.value(), now, id}),
      "the visit");
}

}  // namespace shequ::eldercare
