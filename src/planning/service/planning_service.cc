#include "planning/service/planning_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numbers>
#include <unordered_map>
#include <unordered_set>

#include "auth/permissions.h"
#include "base/log.h"
#include "planning/facility_mapping.h"
#include "planning/store/osm_import_store.h"
#include "registry/place_repository.h"
#include "store/transaction.h"

namespace shequ::planning {
namespace {

constexpr double kMetresPerDegreeLat = 6371008.8 * std::numbers::pi / 180.0;

double MetresPerDegreeLon(double lat) {
  return kMetresPerDegreeLat * std::cos(lat * std::numbers::pi / 180.0);
}

bool ValidLatLon(double lat, double lon) {
  return std::isfinite(lat) && std::isfinite(lon) && lat >= -90 && lat <= 90 && lon >= -180 &&
         lon <= 180;
}

std::string Kilometres(double metres) {
  return std::to_string(static_cast<long long>(std::lround(metres / 1000.0)));
}

std::shared_ptr<const PlanningNetwork> BuildNetwork(StoredImport stored, const ImportInfo& info) {
  auto network = std::make_shared<PlanningNetwork>();
  network->import_id = stored.id;
  network->source_name = stored.source_name;
  network->imported_at = stored.imported_at;
  network->nodes = stored.graph.NodeCount();
  network->edges = stored.graph.ArcCount() / 2;
  if (info.id == stored.id) {
    network->nodes = static_cast<std::size_t>(info.nodes);
    network->edges = static_cast<std::size_t>(info.edges);
  }
  for (const Coord& c : stored.graph.Coords()) network->bounds.Add(c);
  network->collapsed = CollapseChains(stored.graph);
  network->snapper = std::make_unique<EdgeSnapper>(network->collapsed.pieces);
  network->isochrones = std::make_unique<IsochroneMaker>(
      network->collapsed.graph, *network->snapper, network->collapsed.pieces);
  return network;
}

}  // namespace

void GeoBounds::Add(Coord c) {
  const double lat = c.Lat();
  const double lon = c.Lon();
  if (empty) {
    min_lat = max_lat = lat;
    min_lon = max_lon = lon;
    empty = false;
    return;
  }
  min_lat = std::min(min_lat, lat);
  max_lat = std::max(max_lat, lat);
  min_lon = std::min(min_lon, lon);
  max_lon = std::max(max_lon, lon);
}

GeoBounds GeoBounds::Padded(double metres) const {
  if (empty) return *this;
  const double dlat = metres / kMetresPerDegreeLat;
  // Never divide by zero near the poles: the box then spans every longitude.
  const double per_lon = MetresPerDegreeLon(std::max(std::abs(min_lat), std::abs(max_lat)));
  const double dlon = per_lon > 1 ? metres / per_lon : 360;
  return {.min_lat = min_lat - dlat,
          .min_lon = min_lon - dlon,
          .max_lat = max_lat + dlat,
          .max_lon = max_lon + dlon,
          .empty = false};
}

bool GeoBounds::Contains(Coord c) const {
  if (empty) return false;
  const double lat = c.Lat();
  const double lon = c.Lon();
  return lat >= min_lat && lat <= max_lat && lon >= min_lon && lon <= max_lon;
}

double GeoBounds::DistanceM(Coord c) const {
  if (empty) return kUnreachable;
  const double lat = c.Lat();
  const double lon = c.Lon();
  const double dlat = lat < min_lat ? min_lat - lat : (lat > max_lat ? lat - max_lat : 0);
  const double dlon = lon < min_lon ? min_lon - lon : (lon > max_lon ? lon - max_lon : 0);
  const double y = dlat * kMetresPerDegreeLat;
  const double x = dlon * MetresPerDegreeLon(std::clamp(lat, min_lat, max_lat));
  return std::hypot(x, y);
}

PlanningService::PlanningService(store::Database& database, const Clock& clock)
    : database_(database), clock_(clock) {}

Result<std::optional<ImportInfo>> PlanningService::CurrentImport() {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  // Only the row's small columns: the graph stays in the database unless it changed.
  auto rows = (*connection)
                  ->Query(
                      "SELECT id, source_name, imported_at, node_count, edge_count FROM "
                      "osm_imports ORDER BY id DESC LIMIT 1");
  SHEQU_RETURN_IF_ERROR(rows);
  if (rows->rows.empty()) return std::optional<ImportInfo>();
  const auto& row = rows->rows.front();
  return std::optional<ImportInfo>(ImportInfo{.id = row.GetInt(0),
                                              .source_name = row.GetText(1),
                                              .imported_at = row.GetInt(2),
                                              .nodes = row.GetInt(3),
                                              .edges = row.GetInt(4)});
}

Result<std::shared_ptr<const PlanningNetwork>> PlanningService::CurrentNetwork() {
  auto info = CurrentImport();
  SHEQU_RETURN_IF_ERROR(info);
  if (!info->has_value()) return NotFound(kNothingImported);
  const std::int64_t id = (*info)->id;
  {
    std::lock_guard lock(mutex_);
    if (network_ && network_->import_id == id) return network_;
  }
  // One rebuild at a time: a second request for the same new import waits for the first one's
  // network instead of decoding the graph again. Requests on the cached network never take this
  // lock.
  std::lock_guard load_lock(load_mutex_);
  {
    std::lock_guard lock(mutex_);
    if (network_ && network_->import_id == id) return network_;
  }
  const auto started = std::chrono::steady_clock::now();
  auto stored = LoadCurrentImport(database_);
  SHEQU_RETURN_IF_ERROR(stored);
  if (!stored->has_value()) return NotFound(kNothingImported);
  auto network = BuildNetwork(std::move(**stored), **info);
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  log::Info("planning.network_loaded", {{"import_id", network->import_id},
                                        {"nodes", network->nodes},
                                        {"collapsed_nodes", network->collapsed.graph.NodeCount()},
                                        {"ms", std::lround(ms)}});
  std::lock_guard lock(mutex_);
  network_ = network;
  return network;
}

Result<std::vector<ScopedCommunity>> PlanningService::CommunitiesInScope(
    const auth::Principal& caller, CommunityId community) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, auth::Permission::kReadPlanning));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  std::vector<ScopedCommunity> out;
  if (community.valid()) {
    auto rows = (*connection)
                    ->Query("SELECT street_id, name, boundary FROM communities WHERE id = ?",
                            {community.value()});
    SHEQU_RETURN_IF_ERROR(rows);
    if (rows->rows.empty()) return NotFound("no community " + std::to_string(community.value()));
    const auto& row = rows->rows.front();
    const auth::Place place{StreetId(row.GetInt(0)), community, {}};
    SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, auth::Permission::kReadPlanning, place));
    out.push_back({community, row.GetText(1), row.GetOptionalText(2)});
    return out;
  }
  auto communities =
      registry::ListCommunities(**connection, caller.scope, caller.role == auth::Role::kAdmin);
  SHEQU_RETURN_IF_ERROR(communities);
  auto boundaries = (*connection)->Query("SELECT id, boundary FROM communities");
  SHEQU_RETURN_IF_ERROR(boundaries);
  std::unordered_map<std::int64_t, std::optional<std::string>> boundary_of;
  for (const auto& row : boundaries->rows) boundary_of[row.GetInt(0)] = row.GetOptionalText(1);
  for (const registry::Community& c : *communities) {
    out.push_back({c.id, c.name, boundary_of[c.id.value()]});
  }
  std::sort(out.begin(), out.end(), [](const ScopedCommunity& a, const ScopedCommunity& b) {
    return a.id.value() < b.id.value();
  });
  return out;
}

// A note long enough for "物业由街道托管, 2027 年 3 月前招标" and a sentence more; not a report.
constexpr std::size_t kMaxWorkerNoteBytes = 1000;

Result<WorkerAnswer> PlanningService::AnswerWorkerItem(const auth::Principal& caller,
                                                       CommunityId community, std::string item,
                                                       bool answer, std::string note,
                                                       const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, auth::Permission::kWritePlanning));
  auto checklist = BuiltInChecklist();
  SHEQU_RETURN_IF_ERROR(checklist);
  const auto found = std::find_if(checklist->items.begin(), checklist->items.end(),
                                  [&](const ChecklistItem& i) { return i.item == item; });
  if (found == checklist->items.end() || !found->NeedsWorkerInput()) {
    return InvalidArgument("'" + item +
                               "' is not a checklist item that needs a worker's answer (see "
                               "GET /api/v1/planning/status: needs_worker_input)",
                           "item");
  }
  if (note.size() > kMaxWorkerNoteBytes) {
    return InvalidArgument("the note is longer than 1,000 bytes", "note");
  }
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto street = db.Query("SELECT street_id FROM communities WHERE id = ?", {community.value()});
  SHEQU_RETURN_IF_ERROR(street);
  if (street->rows.empty()) return NotFound("no community " + std::to_string(community.value()));
  const auth::Place place{StreetId(street->rows.front().GetInt(0)), community, {}};
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, auth::Permission::kWritePlanning, place));

  const WorkerAnswer saved{.community = community,
                           .item = std::move(item),
                           .answer = answer,
                           .note = std::move(note),
                           .answered_by = caller.login,
                           .answered_at = clock_.Now()};
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  SHEQU_RETURN_IF_ERROR(SaveWorkerAnswer(db, saved));
  auth::AuditEntry entry = auth::AuditEntryBy(caller, saved.answered_at, origin);
  entry.action = "planning_worker_answer.save";
  entry.record_type = "planning_worker_answer";
  entry.record_id = saved.item;
  entry.community_id = community;
  entry.detail = fmt::format("answer={}", saved.answer ? "yes" : "no");
  SHEQU_RETURN_IF_ERROR(audit_.Append(db, entry));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return saved;
}

Result<PlanningStatus> PlanningService::CurrentStatus(const auth::Principal& caller) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, auth::Permission::kReadPlanning));
  auto checklist = BuiltInChecklist();
  SHEQU_RETURN_IF_ERROR(checklist);
  PlanningStatus status;
  status.checklist = *checklist;
  auto info = CurrentImport();
  SHEQU_RETURN_IF_ERROR(info);
  status.import = std::move(*info);

  std::unordered_map<std::string, std::size_t> counts;
  if (status.import) {
    // The facilities do not depend on the community; a community worker's own community keeps
    // the building half of the load small.
    const CommunityId community = caller.scope.kind == auth::ScopeKind::kStreet
                                      ? CommunityId()
                                      : caller.scope.place.community;
    auto data = LoadAssessmentData(database_, community, ShanghaiDate(clock_.Now()));
    if (!data && data.error().code != ErrorCode::kNotFound) return std::unexpected(data.error());
    if (data) {
      for (const AssessmentFacility& f : data->facilities) ++counts[f.facility_type];
    }
  }
  for (const std::string& type : status.checklist.FacilityTypes()) {
    const auto item = std::find_if(status.checklist.items.begin(), status.checklist.items.end(),
                                   [&](const ChecklistItem& i) { return i.facility_type == type; });
    status.facility_types.push_back(
        {.type = type, .name_zh = item->name_zh, .name_en = item->name_en, .count = counts[type]});
  }
  return status;
}

Result<AssessmentRun> PlanningService::Prepare(const auth::Principal& caller,
                                               CommunityId community) {
  auto communities = CommunitiesInScope(caller, community);
  SHEQU_RETURN_IF_ERROR(communities);
  auto checklist = BuiltInChecklist();
  SHEQU_RETURN_IF_ERROR(checklist);
  // A caller scoped to one community gets that community's data alone without asking.
  if (!community.valid() && communities->size() == 1 &&
      caller.scope.kind != auth::ScopeKind::kStreet) {
    community = communities->front().id;
  }
  auto network = CurrentNetwork();
  SHEQU_RETURN_IF_ERROR(network);
  auto data = LoadAssessmentData(database_, community, ShanghaiDate(clock_.Now()));
  SHEQU_RETURN_IF_ERROR(data);
  if ((*network)->import_id != data->import_id) {
    // An import landed between the two reads: the data is the newer one.
    network = CurrentNetwork();
    SHEQU_RETURN_IF_ERROR(network);
    if ((*network)->import_id != data->import_id) {
      return Unavailable("a new OpenStreetMap import was stored during the request; try again");
    }
  }

  AssessmentRun run;
  run.network = std::move(*network);
  run.checklist = std::move(*checklist);
  run.communities = std::move(*communities);
  {
    auto connection = database_.Acquire();
    SHEQU_RETURN_IF_ERROR(connection);
    std::vector<CommunityId> ids;
    for (const ScopedCommunity& c : run.communities) ids.push_back(c.id);
    auto answers = ListWorkerAnswers(**connection, ids);
    SHEQU_RETURN_IF_ERROR(answers);
    run.worker_answers = std::move(*answers);
  }
  run.data.import_id = data->import_id;
  run.data.source_name = std::move(data->source_name);
  run.data.facilities = std::move(data->facilities);
  // Only the communities of the scope and their buildings: a street admin's assessment leaves
  // the other streets out, and buildings of no community are no one's to plan for here.
  std::unordered_set<std::string> wanted;
  for (const ScopedCommunity& c : run.communities) wanted.insert(std::to_string(c.id.value()));
  for (AssessmentCommunity& c : data->communities) {
    if (wanted.contains(c.id)) run.data.communities.push_back(std::move(c));
  }
  for (AssessmentBuilding& b : data->buildings) {
    if (wanted.contains(b.community_id)) run.data.buildings.push_back(std::move(b));
  }
  return run;
}

shequ::Status PlanningService::RunAssessment(AssessmentRun& run) {
  const auto started = std::chrono::steady_clock::now();
  auto assessment = planning::Assess(run.Input());
  SHEQU_RETURN_IF_ERROR(assessment);
  run.assessment = std::move(*assessment);
  run.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  log::Info("planning.assess", {{"import_id", run.data.import_id},
                                {"communities", run.data.communities.size()},
                                {"buildings", run.data.buildings.size()},
                                {"facilities", run.data.facilities.size()},
                                {"ms", fmt::format("{:.1f}", run.elapsed_ms)}});
  return {};
}

Result<AssessmentRun> PlanningService::Assess(const auth::Principal& caller,
                                              CommunityId community) {
  auto run = Prepare(caller, community);
  SHEQU_RETURN_IF_ERROR(run);
  SHEQU_RETURN_IF_ERROR(RunAssessment(*run));
  return std::move(*run);
}

Result<WhatIf> PlanningService::WhatIfAdded(const auth::Principal& caller, CommunityId community,
                                            std::span<const ProposedFacility> proposed) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, auth::Permission::kReadPlanning));
  if (proposed.empty() || proposed.size() > kMaxProposedFacilities) {
    return InvalidArgument("add 1 to " + std::to_string(kMaxProposedFacilities) + " facilities",
                           "add");
  }
  const std::vector<std::string> known = FacilityMapping::Default().FacilityTypes();
  for (std::size_t i = 0; i < proposed.size(); ++i) {
    const std::string prefix = "add[" + std::to_string(i) + "].";
    if (std::find(known.begin(), known.end(), proposed[i].facility_type) == known.end()) {
      return InvalidArgument("unknown facility type \"" + proposed[i].facility_type +
                                 "\" (see the facility mapping table)",
                             prefix + "facility_type");
    }
  }
  auto before = Prepare(caller, community);
  SHEQU_RETURN_IF_ERROR(before);
  const GeoBounds reach = before->network->bounds.Padded(kMaxDistanceFromNetworkM);
  for (std::size_t i = 0; i < proposed.size(); ++i) {
    if (!reach.Contains(proposed[i].location)) {
      return InvalidArgument("the facility lies outside the imported network's area (more than " +
                                 Kilometres(kMaxDistanceFromNetworkM) + " km from it)",
                             "add[" + std::to_string(i) + "].lat");
    }
  }
  WhatIf out;
  out.after.network = before->network;
  out.after.data.import_id = before->data.import_id;
  out.after.data.source_name = before->data.source_name;
  out.after.data.buildings = before->data.buildings;
  out.after.data.facilities = before->data.facilities;
  out.after.data.communities = before->data.communities;
  out.after.communities = before->communities;
  out.after.checklist = before->checklist;
  out.first_proposed = out.after.data.facilities.size();
  for (std::size_t i = 0; i < proposed.size(); ++i) {
    out.after.data.facilities.push_back({.id = "proposed/" + std::to_string(i + 1),
                                         .facility_type = proposed[i].facility_type,
                                         .location = proposed[i].location,
                                         .name = proposed[i].name});
  }
  out.before = std::move(*before);
  SHEQU_RETURN_IF_ERROR(RunAssessment(out.before));
  SHEQU_RETURN_IF_ERROR(RunAssessment(out.after));
  return out;
}

Result<std::vector<IsochroneResult>> PlanningService::Isochrones(const auth::Principal& caller,
                                                                 Coord origin,
                                                                 std::span<const double> minutes) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, auth::Permission::kReadPlanning));
  if (minutes.empty() || minutes.size() > kMaxIsochrones) {
    return InvalidArgument("give 1 to 3 values of minutes", "minutes");
  }
  for (double m : minutes) {
    if (!std::isfinite(m) || m <= 0 || m > kMaxIsochroneMinutes) {
      return InvalidArgument("minutes must be numbers in (0, 60]", "minutes");
    }
  }
  if (!ValidLatLon(origin.Lat(), origin.Lon())) {
    return InvalidArgument("lat must be in [-90, 90] and lon in [-180, 180]", "lat");
  }
  auto network = CurrentNetwork();
  SHEQU_RETURN_IF_ERROR(network);
  const double away = (*network)->bounds.DistanceM(origin);
  if (away > kMaxDistanceFromNetworkM) {
    return InvalidArgument(
        "the point lies about " + Kilometres(away) + " km from the imported walking network",
        "origin");
  }
  auto checklist = BuiltInChecklist();
  SHEQU_RETURN_IF_ERROR(checklist);
  std::vector<double> sorted(minutes.begin(), minutes.end());
  std::sort(sorted.begin(), sorted.end(), std::greater<>());
  // A workspace per request: the collapsed graph is small (Monaco: 3,166 nodes, 50 kB).
  SearchWorkspace workspace((*network)->collapsed.graph);
  std::vector<IsochroneResult> out;
  for (double m : sorted) {
    auto isochrone = (*network)->isochrones->Make(
        origin, WalkingDistanceM(m, checklist->walking_speed_m_per_min), workspace);
    if (!isochrone) {
      Error error = isochrone.error();
      if (error.field == "distance_m") error.field = "minutes";
      return std::unexpected(std::move(error));
    }
    out.push_back({m, std::move(*isochrone)});
  }
  return out;
}

}  // namespace shequ::planning
