#include "eldercare/assessment/ability_assessment_repository.h"

#include <fmt/format.h>

#include <string>

namespace shequ::eldercare {
namespace {

constexpr const char* kColumns =
    "a.id, a.community_id, a.resident_id, a.assessed_on, a.reason, a.assessor_user_id, a.coma, "
    "a.dementia, a.psychiatric, a.risk_events_30d, a.total, a.initial_grade, a.grade, "
    "a.next_due_on, a.created_at";

std::string CodesOf(const std::vector<AbilityAdjustment>& adjustments) {
  std::string codes;
  for (const auto& adjustment : adjustments) {
    if (!codes.empty()) codes += ',';
    codes += adjustment.code;
  }
  return codes;
}

Result<AbilityAssessment> AssessmentOf(const store::Row& row) {
  AbilityAssessment a;
  a.id = row.GetInt(0);
  a.community_id = CommunityId(row.GetInt(1));
  a.resident_id = registry::ResidentId(row.GetInt(2));
  auto assessed_on = ParseDate(row.GetText(3));
  SHEQU_RETURN_IF_ERROR(assessed_on);
  a.assessed_on = *assessed_on;
  const auto reason = ParseAssessmentReason(row.GetText(4));
  if (!reason) return Internal("stored assessment has an unknown reason");
  a.reason = *reason;
  a.assessor = UserId(row.GetInt(5));
  a.conditions = {.coma = row.GetInt(6) != 0,
                  .dementia = row.GetInt(7) != 0,
                  .psychiatric = row.GetInt(8) != 0,
                  .risk_events_30d = static_cast<int>(row.GetInt(9))};
  a.score.total = static_cast<int>(row.GetInt(10));
  a.score.initial_grade = static_cast<int>(row.GetInt(11));
  a.score.grade = static_cast<int>(row.GetInt(12));
  auto due = ParseDate(row.GetText(13));
  SHEQU_RETURN_IF_ERROR(due);
  a.next_due_on = *due;
  a.created_at = row.GetInt(14);
  return a;
}

// Dimension scores and adjustment reasons are not stored: they follow from the items and the
// conditions. The stored total and grades stay what was filed.
void Rescore(AbilityAssessment& a) {
  auto score = ScoreAbility(a.items, a.conditions);
  if (!score) return;
  a.score.dimension_scores = std::move(score->dimension_scores);
  a.score.adjustments = std::move(score->adjustments);
}

Result<std::vector<AbilityAssessment>> LoadWithItems(store::Connection& db,
                                                     const std::string& where,
                                                     const std::vector<store::Value>& params) {
  auto rows = db.Query(fmt::format("SELECT {} FROM ability_assessments a WHERE {} "
                                   "ORDER BY a.assessed_on DESC, a.id DESC",
                                   kColumns, where),
                       params);
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<AbilityAssessment> list;
  for (const auto& row : rows->rows) {
    auto assessment = AssessmentOf(row);
    SHEQU_RETURN_IF_ERROR(assessment);
    list.push_back(std::move(*assessment));
  }
  if (list.empty()) return list;
  auto items = db.Query(fmt::format("SELECT i.assessment_id, i.item_code, i.score "
                                    "FROM ability_assessment_items i "
                                    "WHERE i.assessment_id IN "
                                    "(SELECT a.id FROM ability_assessments a WHERE {})",
                                    where),
                        params);
  SHEQU_RETURN_IF_ERROR(items);
  for (const auto& row : items->rows) {
    for (auto& assessment : list) {
      if (assessment.id == row.GetInt(0)) {
        assessment.items[row.GetText(1)] = static_cast<int>(row.GetInt(2));
        break;
      }
    }
  }
  for (auto& assessment : list) Rescore(assessment);
  return list;
}

}  // namespace

Result<std::int64_t> InsertAbilityAssessment(store::Connection& db, const AbilityAssessment& a) {
  auto inserted = db.Query(
      "INSERT INTO ability_assessments (community_id, resident_id, assessed_on, reason, "
      "assessor_user_id, coma, dementia, psychiatric, risk_events_30d, total, initial_grade, "
      "grade, adjustments, next_due_on, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {a.community_id.value(), a.resident_id.value(), FormatDate(a.assessed_on),
       std::string(AssessmentReasonName(a.reason)), a.assessor.value(),
       std::int64_t{a.conditions.coma}, std::int64_t{a.conditions.dementia},
       std::int64_t{a.conditions.psychiatric}, std::int64_t{a.conditions.risk_events_30d},
       std::int64_t{a.score.total}, std::int64_t{a.score.initial_grade},
       std::int64_t{a.score.grade}, CodesOf(a.score.adjustments), FormatDate(a.next_due_on),
       a.created_at});
  SHEQU_RETURN_IF_ERROR(inserted);
  const std::int64_t id = inserted->rows.at(0).GetInt(0);
  for (const auto& [code, score] : a.items) {
    SHEQU_RETURN_IF_ERROR(db.Query(
        "INSERT INTO ability_assessment_items (assessment_id, item_code, score) VALUES (?, ?, ?)",
        {id, code, std::int64_t{score}}));
  }
  return id;
}

Result<std::optional<AbilityAssessment>> FindAbilityAssessment(store::Connection& db,
                                                               std::int64_t id) {
  auto list = LoadWithItems(db, "a.id = ?", {id});
  SHEQU_RETURN_IF_ERROR(list);
  if (list->empty()) return std::nullopt;
  return std::move(list->front());
}

Result<std::vector<AbilityAssessment>> ListAbilityAssessments(store::Connection& db,
                                                              registry::ResidentId resident) {
  return LoadWithItems(db, "a.resident_id = ?", {resident.value()});
}

Result<std::vector<DueAbilityAssessment>> ListDueAbilityAssessments(store::Connection& db,
                                                                    CommunityId community,
                                                                    const CivilDate& before) {
  // The latest assessment of each resident: no later one by date, then by id.
  auto rows = db.Query(
      "SELECT a.resident_id, r.name, b.grid_id, a.id, a.assessed_on, a.grade, a.next_due_on "
      "FROM ability_assessments a JOIN residents r ON r.id = a.resident_id "
      "LEFT JOIN residencies rs ON rs.resident_id = r.id AND rs.moved_out_on IS NULL "
      "LEFT JOIN households h ON h.id = rs.household_id "
      "LEFT JOIN buildings b ON b.id = h.building_id "
      "WHERE a.community_id = ? AND a.next_due_on <= ? AND NOT EXISTS ("
      "  SELECT 1 FROM ability_assessments l WHERE l.resident_id = a.resident_id AND "
      "  (l.assessed_on > a.assessed_on OR (l.assessed_on = a.assessed_on AND l.id > a.id))) "
      "ORDER BY a.next_due_on, a.resident_id",
      {community.value(), FormatDate(before)});
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<DueAbilityAssessment> due;
  for (const auto& row : rows->rows) {
    auto assessed_on = ParseDate(row.GetText(4));
    SHEQU_RETURN_IF_ERROR(assessed_on);
    auto next = ParseDate(row.GetText(6));
    SHEQU_RETURN_IF_ERROR(next);
    due.push_back({.resident_id = registry::ResidentId(row.GetInt(0)),
                   .resident_name = row.GetText(1),
                   .grid_id = GridId(row.GetOptionalInt(2).value_or(0)),
                   .assessment_id = row.GetInt(3),
                   .assessed_on = *assessed_on,
                   .grade = static_cast<int>(row.GetInt(5)),
                   .next_due_on = *next});
  }
  return due;
}

Result<std::vector<ReassessmentRule>> LoadReassessmentRules(store::Connection& db) {
  auto rows = db.Query(
      "SELECT effective_from, grade, interval_months FROM ability_reassessment_rules "
      "ORDER BY effective_from, grade");
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<ReassessmentRule> rules;
  for (const auto& row : rows->rows) {
    auto from = ParseDate(row.GetText(0));
    SHEQU_RETURN_IF_ERROR(from);
    rules.push_back({*from, static_cast<int>(row.GetInt(1)), static_cast<int>(row.GetInt(2))});
  }
  return rules;
}

}  // namespace shequ::eldercare
