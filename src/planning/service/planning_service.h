// The planning use cases behind the API: the status of the current OpenStreetMap import, the
// complete-community assessment of the communities in the caller's scope, walking isochrones and
// the what-if (the assessment again with facilities that do not exist yet; nothing is stored).
//
// The service keeps the current import's walking network decoded, with chains collapsed, its
// snapper and isochrone maker, as one immutable PlanningNetwork behind a shared_ptr: every request
// asks the database for the current import id (one small query) and rebuilds the network only
// when it changed (a `shequ import osm` while the server runs is picked up by the next request).
// The build runs outside the lock that guards the pointer, so requests on the old network are not
// held up by it. Thread-safe: one service is shared by every io thread.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "auth/audit_log.h"
#include "auth/principal.h"
#include "base/civil_time.h"
#include "base/error.h"
#include "base/ids.h"
#include "planning/assessment.h"
#include "planning/isochrone.h"
#include "planning/living_circle_checklist.h"
#include "planning/snapping.h"
#include "planning/store/assessment_source.h"
#include "planning/store/worker_answers.h"
#include "planning/walk_graph.h"
#include "store/database.h"

namespace shequ::planning {

// What the API says when nothing was imported yet (kNotFound).
inline constexpr const char* kNothingImported =
    "no walking network yet: import an OpenStreetMap extract first: shequ import osm FILE";

// A latitude/longitude box, in degrees.
struct GeoBounds {
  double min_lat = 0;
  double min_lon = 0;
  double max_lat = 0;
  double max_lon = 0;
  bool empty = true;

  void Add(Coord c);
  // The box grown by `metres` on every side.
  GeoBounds Padded(double metres) const;
  bool Contains(Coord c) const;
  // Straight-line metres from `c` to the box (0 inside it), equirectangular about the box.
  double DistanceM(Coord c) const;
};

// The current import as the server keeps it: immutable once built, shared by the requests that
// use it (a request holds its shared_ptr, so a reload never pulls the network from under it).
struct PlanningNetwork {
  std::int64_t import_id = 0;
  std::string source_name;
  Instant imported_at = 0;
  std::size_t nodes = 0;  // of the imported network, before chains are collapsed
  std::size_t edges = 0;
  CollapsedGraph collapsed;
  std::unique_ptr<EdgeSnapper> snapper;        // on collapsed.pieces
  std::unique_ptr<IsochroneMaker> isochrones;  // on collapsed.graph and *snapper
  GeoBounds bounds;                            // of every node
};

// The current import's row, without its graph.
struct ImportInfo {
  std::int64_t id = 0;
  std::string source_name;
  Instant imported_at = 0;
  std::int64_t nodes = 0;
  std::int64_t edges = 0;
};

struct FacilityTypeCount {
  std::string type;
  std::string name_zh;  // of the first checklist item the type satisfies
  std::string name_en;
  std::size_t count = 0;  // in the current import plus the registered ones
};

struct PlanningStatus {
  std::optional<ImportInfo> import;
  std::vector<FacilityTypeCount> facility_types;  // the checklist's types, in checklist order
  LivingCircleChecklist checklist;
};

// A community of the assessment, with the boundary the registry holds for it.
struct ScopedCommunity {
  CommunityId id;
  std::string name;
  std::optional<std::string> boundary;  // GeoJSON Polygon or MultiPolygon
};

// One assessment and everything it was computed from; Input() is valid while this lives.
struct AssessmentRun {
  std::shared_ptr<const PlanningNetwork> network;
  AssessmentData data;  // data.graph is left empty: the network's collapsed graph is used
  std::vector<ScopedCommunity> communities;  // like data.communities, with boundaries
  LivingCircleChecklist checklist;
  Assessment assessment;
  double elapsed_ms = 0;  // of Assess() alone
  // The workers' answers to the items without a facility type, of these communities.
  std::vector<WorkerAnswer> worker_answers;

  AssessmentInput Input() const {
    return {.graph = network->collapsed.graph,
            .snapper = *network->snapper,
            .buildings = data.buildings,
            .facilities = data.facilities,
            .communities = data.communities,
            .checklist = checklist};
  }
};

// A facility the what-if adds.
struct ProposedFacility {
  std::string facility_type;  // a type of the facility mapping table
  Coord location;
  std::string name;
};

struct WhatIf {
  AssessmentRun before;
  AssessmentRun after;             // with the proposed facilities last in after.data.facilities
  std::size_t first_proposed = 0;  // index of the first proposed facility there
};

struct IsochroneResult {
  double minutes = 0;
  Isochrone isochrone;
};

// Limits of the API's inputs.
inline constexpr std::size_t kMaxIsochrones = 3;
inline constexpr double kMaxIsochroneMinutes = 60;
inline constexpr std::size_t kMaxProposedFacilities = 20;
// A point farther than this from the imported network's bounding box is refused: it is not a
// place the import says anything about.
inline constexpr double kMaxDistanceFromNetworkM = 5000;

class PlanningService {
 public:
  // Both must outlive the service.
  PlanningService(store::Database& database, const Clock& clock);

  // The current import (none before the first), the checklist's facility types with their
  // counts, the checklist. kPermissionDenied without kReadPlanning.
  Result<PlanningStatus> CurrentStatus(const auth::Principal& caller);

  // The assessment of `community` (invalid: every community of the caller's scope). Errors:
  // kPermissionDenied without kReadPlanning or for a community outside the scope; kNotFound for
  // a community that does not exist, or when nothing was imported yet (kNothingImported).
  Result<AssessmentRun> Assess(const auth::Principal& caller, CommunityId community);

  // The assessment as it is and with `proposed` added (1..kMaxProposedFacilities). Errors as
  // Assess, and kInvalidArgument naming "add[i].facility_type" or "add[i].lat"/"add[i].lon".
  Result<WhatIf> WhatIfAdded(const auth::Principal& caller, CommunityId community,
                             std::span<const ProposedFacility> proposed);

  // The areas walkable from `origin` within each of `minutes` (1..kMaxIsochrones values, each in
  // (0, 60]) at the checklist's walking speed, largest first. kInvalidArgument naming "minutes",
  // "lat"/"lon" or "origin" (off the network, or farther than kMaxDistanceFromNetworkM from it).
  Result<std::vector<IsochroneResult>> Isochrones(const auth::Principal& caller, Coord origin,
                                                  std::span<const double> minutes);

  // Records a worker's answer to a checklist item that needs one (no facility type: property
  // management, governance) for `community`, replacing an earlier answer; audited. Errors:
  // kPermissionDenied without kWritePlanning or outside the scope, kNotFound for no community,
  // kInvalidArgument naming "item" (not such an item of the checklist) or "note" (too long).
  Result<WorkerAnswer> AnswerWorkerItem(const auth::Principal& caller, CommunityId community,
                                        std::string item, bool answer, std::string note,
                                        const auth::RequestOrigin& origin);

  // The current network, loaded or rebuilt when the import changed; kNotFound before the first
  // import.
  Result<std::shared_ptr<const PlanningNetwork>> CurrentNetwork();

  // Which communities `caller` may see: `community` alone when valid (kNotFound when it does
  // not exist, kPermissionDenied outside the scope), else every one of the scope.
  Result<std::vector<ScopedCommunity>> CommunitiesInScope(const auth::Principal& caller,
                                                          CommunityId community);

  store::Database& database() { return database_; }

 private:
  Result<std::optional<ImportInfo>> CurrentImport();
  // Loads the data of `communities` (all of them when `community` is invalid) on `network`.
  Result<AssessmentRun> Prepare(const auth::Principal& caller, CommunityId community);
  static shequ::Status RunAssessment(AssessmentRun& run);

  store::Database& database_;
  const Clock& clock_;
  auth::AuditLog audit_;
  std::mutex mutex_;  // guards network_
  std::shared_ptr<const PlanningNetwork> network_;
  std::mutex load_mutex_;  // one rebuild at a time; never held together with mutex_ for long
};

}  // namespace shequ::planning
