// A worker's answers to the complete-community checklist items no map can answer (property
// management, governance: the items without a facility type), one current answer per community
// and item (migration 0011). The SQL for them; the rules (which items, who may answer) are the
// planning service's.
#pragma once

#include <string>
#include <vector>

#include "base/civil_time.h"
#include "base/error.h"
#include "base/ids.h"
#include "store/connection.h"

namespace shequ::planning {

struct WorkerAnswer {
  CommunityId community;
  std::string item;     // a checklist item id, e.g. "cc17_property_management"
  bool answer = false;  // true: the community has it ("yes")
  std::string note;
  std::string answered_by;  // login
  Instant answered_at = 0;
};

// The answers of `communities` (every community when empty), by community id then item.
Result<std::vector<WorkerAnswer>> ListWorkerAnswers(store::Connection& db,
                                                    const std::vector<CommunityId>& communities);

// Stores `answer` as the current one for its community and item, replacing an earlier one.
// Call inside a transaction when an audit row goes with it.
Status SaveWorkerAnswer(store::Connection& db, const WorkerAnswer& answer);

}  // namespace shequ::planning
