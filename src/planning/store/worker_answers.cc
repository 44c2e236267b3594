#include "planning/store/worker_answers.h"

#include <algorithm>

namespace shequ::planning {

Result<std::vector<WorkerAnswer>> ListWorkerAnswers(store::Connection& db,
                                                    const std::vector<CommunityId>& communities) {
  auto rows = db.Query(
      "SELECT community_id, item, answer, note, answered_by, answered_at "
      "FROM planning_worker_answers ORDER BY community_id, item");
  SHEQU_RETURN_IF_ERROR(rows);
  std::vector<WorkerAnswer> out;
  for (const auto& row : rows->rows) {
    const CommunityId community(row.GetInt(0));
    // A community has a handful of such items: filtering here keeps one query for any scope.
    if (!communities.empty() &&
        std::find(communities.begin(), communities.end(), community) == communities.end()) {
      continue;
    }
    out.push_back({.community = community,
                   .item = row.GetText(1),
                   .answer = row.GetText(2) == "yes",
                   .note = row.GetText(3),
                   .answered_by = row.GetText(4),
                   .answered_at = row.GetInt(5)});
  }
  return out;
}

Status SaveWorkerAnswer(store::Connection& db, const WorkerAnswer& answer) {
  auto saved = db.Query(
      "INSERT INTO planning_worker_answers "
      "(community_id, item, answer, note, answered_by, answered_at) VALUES (?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (community_id, item) DO UPDATE SET answer = excluded.answer, "
      "note = excluded.note, answered_by = excluded.answered_by, "
      "answered_at = excluded.answered_at",
      {answer.community.value(), answer.item, std::string(answer.answer ? "yes" : "no"),
       answer.note, answer.answered_by, answer.answered_at});
  SHEQU_RETURN_IF_ERROR(saved);
  return {};
}

}  // namespace shequ::planning
