#include "eldercare/elder_file/elder_file_repository.h"

#include <fmt/format.h>

namespace shequ::eldercare {
namespace {

using store::kNull;
using store::Value;

Result<CivilDate> DateAt(const store::Row& row, std::size_t column) {
  return ParseDate(row.GetText(column));
}

Result<std::optional<CivilDate>> OptionalDateAt(const store::Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::optional<CivilDate>();
  auto date = ParseDate(row.GetText(column));
  SHEQU_RETURN_IF_ERROR(date);
  return std::optional<CivilDate>(*date);
}

std::optional<int> OptionalIntAt(const store::Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return static_cast<int>(row.GetInt(column));
}

Value DateValue(const std::optional<CivilDate>& date) {
  return date ? Value(FormatDate(*date)) : Value(kNull);
}

}  // namespace

// ---- The registry -----------------------------------------------------------------------------

Result<std::vector<ElderRosterEntry>> ListElderRoster(store::Connection& db, CommunityId community,
                                                      GridId grid,
                                                      const CivilDate& born_on_or_before) {
  std::string sql =
      "SELECT r.id, r.name, r.sex, r.birth_date, h.id, b.grid_id, b.number, h.unit, h.room, "
      "(SELECT COUNT(*) FROM residencies o WHERE o.household_id = h.id AND "
      "o.moved_out_on IS NULL) "
      "FROM residents r "
      "JOIN residencies rs ON rs.resident_id = r.id AND rs.moved_out_on IS NULL "
      "JOIN households h ON h.id = rs.household_id "
      "JOIN buildings b ON b.id = h.building_id "
      "WHERE r.community_id = ? AND r.birth_date <= ?";
  std::vector<Value> params = {community.value(), FormatDate(born_on_or_before)};
  if (grid.valid()) {
    sql += " AND b.grid_id = ?";
    params.emplace_back(grid.value());
  }
  sql += " ORDER BY r.name, r.id";
  auto rows = db.Query(sql, params);
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<ElderRosterEntry> roster;
  std::map<std::int64_t, std::size_t> index;
  for (const auto& row : rows->rows) {
    auto birth = DateAt(row, 3);
    SHEQU_RETURN_IF_ERROR(birth);
    index[row.GetInt(0)] = roster.size();
    roster.push_back({.id = registry::ResidentId(row.GetInt(0)),
                      .name = row.GetText(1),
                      .sex = row.GetText(2),
                      .birth_date = *birth,
                      .household = registry::HouseholdId(row.GetInt(4)),
                      .grid = GridId(row.GetOptionalInt(5).value_or(0)),
                      .building = row.GetText(6),
                      .unit = row.GetText(7),
                      .room = row.GetText(8),
                      .household_size = static_cast<int>(row.GetInt(9))});
  }
  auto tags = db.Query(
      "SELECT resident_id, tag, disability_level FROM resident_tags WHERE community_id = ? "
      "ORDER BY resident_id, tag",
      {community.value()});
  SHEQU_RETURN_IF_ERROR(tags);
  for (const auto& row : tags->rows) {
    const auto found = index.find(row.GetInt(0));
    if (found == index.end()) continue;
    ElderRosterEntry& elder = roster[found->second];
    elder.tags.push_back(row.GetText(1));
    if (const auto level = OptionalIntAt(row, 2)) elder.disability_level = level;
  }
  return roster;
}

Result<int> HouseholdSize(store::Connection& db, registry::HouseholdId household) {
  auto rows =
      db.Query("SELECT COUNT(*) FROM residencies WHERE household_id = ? AND moved_out_on IS NULL",
               {household.value()});
  SHEQU_RETURN_IF_ERROR(rows);
  return static_cast<int>(rows->rows.front().GetInt(0));
}

Result<std::string> HouseholdAddress(store::Connection& db, registry::HouseholdId household) {
  auto rows = db.Query(
      "SELECT b.address, b.number, h.unit, h.room FROM households h "
      "JOIN buildings b ON b.id = h.building_id WHERE h.id = ?",
      {household.value()});
  SHEQU_RETURN_IF_ERROR(rows);
  if (rows->rows.empty()) return std::string();
  const auto& row = rows->rows.front();
  std::string address = row.GetText(0);
  for (std::size_t column = 1; column < 4; ++column) {
    std::string part = row.GetText(column);
    if (part.empty()) continue;
    if (column == 2) part += "单元";
    if (!address.empty()) address += ' ';
    address += part;
  }
  return address;
}

// ---- Canteen ----------------------------------------------------------------------------------

Result<std::vector<std::pair<registry::ResidentId, CivilDate>>> CommunityMealDates(
    store::Connection& db, CommunityId community, const CivilDate& from, const CivilDate& to) {
  auto rows = db.Query(
      "SELECT o.resident_id, o.meal_date FROM canteen_orders o "
      "JOIN residents r ON r.id = o.resident_id WHERE r.community_id = ? AND "
      "o.status = 'active' AND o.meal_date >= ? AND o.meal_date <= ?",
      {community.value(), FormatDate(from), FormatDate(to)});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<std::pair<registry::ResidentId, CivilDate>> dates;
  dates.reserve(rows->rows.size());
  for (const auto& row : rows->rows) {
    auto date = DateAt(row, 1);
    SHEQU_RETURN_IF_ERROR(date);
    dates.emplace_back(registry::ResidentId(row.GetInt(0)), *date);
  }
  return dates;
}

Result<std::vector<ElderMealOrder>> ResidentMealOrders(store::Connection& db,
                                                       registry::ResidentId resident,
                                                       const CivilDate& from, const CivilDate& to) {
  auto rows = db.Query(
      "SELECT o.id, o.resident_id, o.canteen_id, c.name, o.meal_date, o.meal, o.mode, o.status, "
      "o.price_fen FROM canteen_orders o JOIN canteens c ON c.id = o.canteen_id "
      "WHERE o.resident_id = ? AND o.meal_date >= ? AND o.meal_date <= ? "
      "ORDER BY o.meal_date DESC, o.meal DESC, o.id DESC",
      {resident.value(), FormatDate(from), FormatDate(to)});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<ElderMealOrder> orders;
  for (const auto& row : rows->rows) {
    auto date = DateAt(row, 4);
    SHEQU_RETURN_IF_ERROR(date);
    orders.push_back({.order_id = row.GetInt(0),
                      .resident_id = registry::ResidentId(row.GetInt(1)),
                      .canteen_id = row.GetInt(2),
                      .canteen_name = row.GetText(3),
                      .date = *date,
                      .meal = row.GetText(5),
                      .mode = row.GetText(6),
                      .status = row.GetText(7),
                      .price_fen = row.GetInt(8)});
  }
  return orders;
}

Result<std::optional<CivilDate>> LastMealDate(store::Connection& db, registry::ResidentId resident,
                                              const CivilDate& day) {
  auto rows = db.Query(
      "SELECT MAX(meal_date) FROM canteen_orders WHERE resident_id = ? AND status = 'active' AND "
      "meal_date <= ?",
      {resident.value(), FormatDate(day)});
  SHEQU_RETURN_IF_ERROR(rows);
  return OptionalDateAt(rows->rows.front(), 0);
}

Result<std::vector<ElderStandingOrder>> ResidentStandingOrders(store::Connection& db,
                                                               registry::ResidentId resident) {
  auto rows = db.Query(
      "SELECT s.id, s.canteen_id, c.name, s.weekdays, s.meal, s.mode, s.from_date, s.to_date, "
      "s.paused FROM canteen_standing_orders s JOIN canteens c ON c.id = s.canteen_id "
      "WHERE s.resident_id = ? ORDER BY s.from_date DESC, s.id DESC",
      {resident.value()});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<ElderStandingOrder> orders;
  for (const auto& row : rows->rows) {
    auto from = DateAt(row, 6);
    SHEQU_RETURN_IF_ERROR(from);
    auto to = OptionalDateAt(row, 7);
    SHEQU_RETURN_IF_ERROR(to);
    orders.push_back({.id = row.GetInt(0),
                      .canteen_id = row.GetInt(1),
                      .canteen_name = row.GetText(2),
                      .weekdays = static_cast<int>(row.GetInt(3)),
                      .meal = row.GetText(4),
                      .mode = row.GetText(5),
                      .from = *from,
                      .to = *to,
                      .paused = row.GetInt(8) != 0});
  }
  return orders;
}

// ---- Home care --------------------------------------------------------------------------------

Result<std::vector<std::pair<registry::ResidentId, AlertVisit>>> CommunityAlertVisits(
    store::Connection& db, CommunityId community, const CivilDate& from, const CivilDate& to) {
  auto rows = db.Query(
      "SELECT o.resident_id, v.service_date, o.window_end_min, v.status, v.check_in_at "
      "FROM homecare_visits v JOIN homecare_orders o ON o.id = v.order_id "
      "WHERE v.community_id = ? AND v.service_date >= ? AND v.service_date <= ?",
      {community.value(), FormatDate(from), FormatDate(to)});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<std::pair<registry::ResidentId, AlertVisit>> visits;
  for (const auto& row : rows->rows) {
    auto date = DateAt(row, 1);
    SHEQU_RETURN_IF_ERROR(date);
    visits.emplace_back(registry::ResidentId(row.GetInt(0)),
                        AlertVisit{.date = *date,
                                   .window_end_min = static_cast<int>(row.GetInt(2)),
                                   .status = row.GetText(3),
                                   .checked_in = !row.IsNull(4)});
  }
  return visits;
}

Result<std::vector<ElderVisit>> ResidentVisits(store::Connection& db, registry::ResidentId resident,
                                               const CivilDate& from, const CivilDate& to) {
  // A cancelled visit stays out when its order has a live one (a re-planned day); an order
  // whose only visits were cancelled shows once, with the order's own status.
  auto rows = db.Query(
      "SELECT v.id, o.id, o.resident_id, s.code, s.name_zh, s.name_en, o.service_date, "
      "o.window_start_min, o.window_end_min, v.planned_start_min, v.planned_end_min, v.worker_id, "
      "w.name, v.status, v.check_in_at, v.check_out_at, v.late, v.rating, o.status "
      "FROM homecare_orders o JOIN homecare_services s ON s.id = o.service_id "
      "LEFT JOIN homecare_visits v ON v.order_id = o.id AND v.status <> 'cancelled' "
      "LEFT JOIN care_workers w ON w.id = v.worker_id "
      "WHERE o.resident_id = ? AND o.service_date >= ? AND o.service_date <= ? "
      "ORDER BY o.service_date, o.window_start_min, o.id, v.id",
      {resident.value(), FormatDate(from), FormatDate(to)});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<ElderVisit> visits;
  for (const auto& row : rows->rows) {
    auto date = DateAt(row, 6);
    SHEQU_RETURN_IF_ERROR(date);
    ElderVisit visit{.id = row.GetOptionalInt(0).value_or(0),
                     .order_id = row.GetInt(1),
                     .resident_id = registry::ResidentId(row.GetInt(2)),
                     .service_code = row.GetText(3),
                     .service_name_zh = row.GetText(4),
                     .service_name_en = row.GetText(5),
                     .date = *date,
                     .window_start_min = static_cast<int>(row.GetInt(7)),
                     .window_end_min = static_cast<int>(row.GetInt(8)),
                     .planned_start_min = OptionalIntAt(row, 9),
                     .planned_end_min = OptionalIntAt(row, 10),
                     .worker_id = row.GetOptionalInt(11),
                     .worker_name = row.GetOptionalText(12).value_or(""),
                     .status = row.IsNull(13) ? row.GetText(18) : row.GetText(13),
                     .check_in_at = row.GetOptionalInt(14),
                     .check_out_at = row.GetOptionalInt(15),
                     .late = row.GetOptionalInt(16).value_or(0) != 0,
                     .rating = OptionalIntAt(row, 17)};
    visits.push_back(std::move(visit));
  }
  return visits;
}

Result<std::vector<CarePlanVisit>> ResidentCarePlanVisits(store::Connection& db,
                                                          registry::ResidentId resident,
                                                          const CivilDate& from,
                                                          const CivilDate& to) {
  auto rows = db.Query(
      "SELECT s.code, v.service_date, v.status FROM homecare_visits v "
      "JOIN homecare_orders o ON o.id = v.order_id "
      "JOIN homecare_services s ON s.id = o.service_id "
      "WHERE o.resident_id = ? AND v.service_date >= ? AND v.service_date <= ?",
      {resident.value(), FormatDate(from), FormatDate(to)});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<CarePlanVisit> visits;
  for (const auto& row : rows->rows) {
    auto date = DateAt(row, 1);
    SHEQU_RETURN_IF_ERROR(date);
    visits.push_back({.service_code = row.GetText(0), .date = *date, .status = row.GetText(2)});
  }
  return visits;
}

Result<std::map<std::string, ServiceName, std::less<>>> HomecareServiceNames(
    store::Connection& db) {
  auto rows = db.Query("SELECT code, name_zh, name_en, active FROM homecare_services");
  SHEQU_RETURN_IF_ERROR(rows);
  std::map<std::string, ServiceName, std::less<>> names;
  for (const auto& row : rows->rows) {
    names[row.GetText(0)] = {row.GetText(1), row.GetText(2), row.GetInt(3) != 0};
  }
  return names;
}

// ---- Volunteers -------------------------------------------------------------------------------

Result<std::vector<VolunteerVisitRecord>> ListVolunteerVisits(store::Connection& db,
                                                              registry::ResidentId elder) {
  auto rows = db.Query(
      "SELECT vv.id, vv.volunteer_id, r.name, vv.visit_date, vv.minutes, vv.note "
      "FROM volunteer_visits vv JOIN volunteers v ON v.id = vv.volunteer_id "
      "JOIN residents r ON r.id = v.resident_id "
      "WHERE vv.elder_resident_id = ? ORDER BY vv.visit_date DESC, vv.id DESC",
      {elder.value()});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<VolunteerVisitRecord> visits;
  for (const auto& row : rows->rows) {
    auto date = DateAt(row, 3);
    SHEQU_RETURN_IF_ERROR(date);
    visits.push_back({.id = row.GetInt(0),
                      .volunteer_id = row.GetInt(1),
                      .volunteer_name = row.GetText(2),
                      .date = *date,
                      .minutes = static_cast<int>(row.GetInt(4)),
                      .note = row.GetText(5)});
  }
  return visits;
}

// ---- Care plans -------------------------------------------------------------------------------

Result<std::vector<CarePlan>> ListCarePlans(store::Connection& db, registry::ResidentId resident) {
  auto rows = db.Query(
      "SELECT id, community_id, resident_id, assessment_id, grade, starts_on, ends_on, note "
      "FROM care_plans WHERE resident_id = ? ORDER BY starts_on DESC, id DESC",
      {resident.value()});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<CarePlan> plans;
  std::map<std::int64_t, std::size_t> index;
  for (const auto& row : rows->rows) {
    auto starts = DateAt(row, 5);
    SHEQU_RETURN_IF_ERROR(starts);
    auto ends = OptionalDateAt(row, 6);
    SHEQU_RETURN_IF_ERROR(ends);
    index[row.GetInt(0)] = plans.size();
    plans.push_back({.id = row.GetInt(0),
                     .community_id = CommunityId(row.GetInt(1)),
                     .resident_id = registry::ResidentId(row.GetInt(2)),
                     .assessment_id = row.GetOptionalInt(3),
                     .grade = static_cast<int>(row.GetInt(4)),
                     .starts_on = *starts,
                     .ends_on = *ends,
                     .note = row.GetText(7)});
  }
  if (plans.empty()) return plans;
  auto items = db.Query(
      "SELECT i.plan_id, i.service_code, i.visits_per_month FROM care_plan_items i "
      "JOIN care_plans p ON p.id = i.plan_id WHERE p.resident_id = ? "
      "ORDER BY i.plan_id, i.service_code",
      {resident.value()});
  SHEQU_RETURN_IF_ERROR(items);
  for (const auto& row : items->rows) {
    const auto found = index.find(row.GetInt(0));
    if (found == index.end()) continue;
    plans[found->second].items.push_back(
        {.service_code = row.GetText(1), .visits_per_month = static_cast<int>(row.GetInt(2))});
  }
  return plans;
}

Result<std::set<std::int64_t>> ResidentsWithCarePlan(store::Connection& db, CommunityId community,
                                                     const CivilDate& day) {
  const std::string text = FormatDate(day);
  auto rows = db.Query(
      "SELECT DISTINCT resident_id FROM care_plans WHERE community_id = ? AND starts_on <= ? AND "
      "(ends_on IS NULL OR ends_on >= ?)",
      {community.value(), text, text});
  SHEQU_RETURN_IF_ERROR(rows);
  std::set<std::int64_t> residents;
  for (const auto& row : rows->rows) residents.insert(row.GetInt(0));
  return residents;
}

Result<bool> HasCarePlanFrom(store::Connection& db, registry::ResidentId resident,
                             const CivilDate& day) {
  auto rows = db.Query("SELECT COUNT(*) FROM care_plans WHERE resident_id = ? AND starts_on >= ?",
                       {resident.value(), FormatDate(day)});
  SHEQU_RETURN_IF_ERROR(rows);
  return rows->rows.front().GetInt(0) > 0;
}

Status EndCarePlansBefore(store::Connection& db, registry::ResidentId resident,
                          const CivilDate& new_start) {
  const std::string start = FormatDate(new_start);
  auto updated = db.Query(
      "UPDATE care_plans SET ends_on = ? WHERE resident_id = ? AND starts_on < ? AND "
      "(ends_on IS NULL OR ends_on >= ?)",
      {FormatDate(elder_file::AddDays(new_start, -1)), resident.value(), start, start});
  SHEQU_RETURN_IF_ERROR(updated);
  return {};
}

Result<std::int64_t> InsertCarePlan(store::Connection& db, const CarePlan& plan, UserId created_by,
                                    Instant now) {
  auto inserted = db.Query(
      "INSERT INTO care_plans (community_id, resident_id, assessment_id, grade, starts_on, "
      "ends_on, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {plan.community_id.value(), plan.resident_id.value(),
       plan.assessment_id ? Value(*plan.assessment_id) : Value(kNull), std::int64_t{plan.grade},
       FormatDate(plan.starts_on), DateValue(plan.ends_on), plan.note,
       created_by.valid() ? Value(created_by.value()) : Value(kNull), now});
  SHEQU_RETURN_IF_ERROR(inserted);
  const std::int64_t id = inserted->rows.front().GetInt(0);
  for (const auto& item : plan.items) {
    SHEQU_RETURN_IF_ERROR(db.Query(
        "INSERT INTO care_plan_items (plan_id, service_code, visits_per_month) VALUES (?, ?, ?)",
        {id, item.service_code, std::int64_t{item.visits_per_month}}));
  }
  return id;
}

// ---- Emergency contacts -----------------------------------------------------------------------

Result<std::int64_t> InsertEmergencyContact(store::Connection& db, CommunityId community,
                                            const EmergencyContact& contact,
                                            const store::Blob& phone_cipher, Instant now) {
  auto inserted = db.Query(
      "INSERT INTO elder_emergency_contacts (community_id, resident_id, name, relation, "
      "phone_cipher, phone_masked, priority, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {community.value(), contact.resident_id.value(), contact.name, contact.relation, phone_cipher,
       contact.phone_masked, std::int64_t{contact.priority}, now});
  SHEQU_RETURN_IF_ERROR(inserted);
  return inserted->rows.front().GetInt(0);
}

Result<std::vector<EmergencyContact>> ListEmergencyContacts(store::Connection& db,
                                                            registry::ResidentId resident) {
  auto rows = db.Query(
      "SELECT id, resident_id, name, relation, phone_masked, priority "
      "FROM elder_emergency_contacts WHERE resident_id = ? ORDER BY priority, id",
      {resident.value()});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<EmergencyContact> contacts;
  for (const auto& row : rows->rows) {
    contacts.push_back({.id = row.GetInt(0),
                        .resident_id = registry::ResidentId(row.GetInt(1)),
                        .name = row.GetText(2),
                        .relation = row.GetText(3),
                        .phone_masked = row.GetText(4),
                        .priority = static_cast<int>(row.GetInt(5))});
  }
  return contacts;
}

Result<std::optional<StoredEmergencyContact>> FindEmergencyContact(store::Connection& db,
                                                                   std::int64_t id) {
  auto rows = db.Query(
      "SELECT id, resident_id, name, relation, phone_masked, priority, community_id, "
      "phone_cipher FROM elder_emergency_contacts WHERE id = ?",
      {id});
  SHEQU_RETURN_IF_ERROR(rows);
  if (rows->rows.empty()) return std::optional<StoredEmergencyContact>();
  const auto& row = rows->rows.front();
  return std::optional<StoredEmergencyContact>(
      StoredEmergencyContact{.contact = {.id = row.GetInt(0),
                                         .resident_id = registry::ResidentId(row.GetInt(1)),
                                         .name = row.GetText(2),
                                         .relation = row.GetText(3),
                                         .phone_masked = row.GetText(4),
                                         .priority = static_cast<int>(row.GetInt(5))},
                             .community_id = CommunityId(row.GetInt(6)),
                             .phone_cipher = row.GetBlob(7)});
}

}  // namespace shequ::eldercare
