#include "planning/service/facility_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "auth/permissions.h"
#include "base/utf8.h"
#include "planning/store/assessment_source.h"
#include "registry/registry_repository.h"
#include "store/transaction.h"

namespace shequ::planning {
namespace {

using auth::Permission;

constexpr std::size_t kMaxNameCodePoints = 200;
constexpr std::size_t kMaxAddressCodePoints = 500;
constexpr std::size_t kMaxNoteCodePoints = 2000;
constexpr std::int64_t kMaxCapacity = 1'000'000;

constexpr std::string_view kRecordType = "planning_facility";

std::string NoSuchFacility(std::int64_t id) {
  return fmt::format("there is no registered facility {} in your scope", id);
}

std::string NoSuchCommunity(CommunityId id) {
  return fmt::format("there is no community {} in your scope", id.value());
}

bool InScope(const auth::Principal& caller, const auth::Place& place) {
  return caller.role == auth::Role::kAdmin || auth::ScopeContains(caller.scope, place);
}

// The role must hold `permission` (kPermissionDenied); a community outside the caller's scope
// answers like one that does not exist (kNotFound with `missing`), so ids cannot be probed.
Result<auth::Place> ReachCommunity(store::Connection& db, const auth::Principal& caller,
                                   Permission permission, CommunityId community,
                                   const std::string& missing, std::string_view field = {}) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, permission));
  auto place = registry::FindCommunityPlace(db, community);
  SHEQU_RETURN_IF_ERROR(place);
  if (!*place || !InScope(caller, **place)) {
    return MakeError(ErrorCode::kNotFound, missing, std::string(field));
  }
  return **place;
}

Status CheckText(std::string_view text, std::size_t max_code_points, const char* field) {
  if (!utf8::IsValid(text)) return InvalidArgument(fmt::format("{} is not UTF-8", field), field);
  if (utf8::CodePointCount(text) > max_code_points) {
    return InvalidArgument(fmt::format("{} is longer than {} characters", field, max_code_points),
                           field);
  }
  return {};
}

// The place must lie inside the community's boundary when it has one. A stored boundary that
// does not parse is a broken record, not the caller's fault.
Status CheckInsideBoundary(store::Connection& db, const RegisteredFacility& f) {
  auto boundary =
      db.Query("SELECT boundary FROM communities WHERE id = ?", {f.community_id.value()});
  SHEQU_RETURN_IF_ERROR(boundary);
  if (boundary->empty()) return {};
  const auto geojson = boundary->rows.front().GetOptionalText(0);
  if (!geojson) return {};
  auto area = AreaFromGeoJson(*geojson);
  if (!area) {
    return Internal(fmt::format("community {}'s stored boundary is broken: {}",
                                f.community_id.value(), area.error().message));
  }
  if (!AreaContains(*area, Coord::FromDegrees(f.latitude, f.longitude))) {
    return InvalidArgument(std::string(kOutsideBoundary), "latitude");
  }
  return {};
}

// The OSM object must stand behind no other open record.
Status CheckOsmRefFree(store::Connection& db, const RegisteredFacility& f) {
  if (!f.osm_ref) return {};
  auto other = FindOpenFacilityWithOsmRef(db, *f.osm_ref, f.id);
  SHEQU_RETURN_IF_ERROR(other);
  if (*other) {
    return Conflict(fmt::format("registered facility {} stands for OSM {}/{} already", **other,
                                OsmTypeName(f.osm_ref->type), f.osm_ref->id),
                    "osm_id");
  }
  return {};
}

// osm_type and osm_id as given (each may be absent) → the record's reference.
Result<std::optional<OsmRef>> OsmRefOf(const std::optional<std::string>& type,
                                       const std::optional<std::int64_t>& id) {
  if (!type && !id) return std::nullopt;
  std::optional<OsmType> parsed;
  if (type) {
    parsed = OsmTypeFromName(*type);
    if (!parsed) return InvalidArgument("osm_type must be node, way or relation", "osm_type");
  }
  if (id && *id <= 0) return InvalidArgument("osm_id must be a positive OSM id", "osm_id");
  if (!parsed) return InvalidArgument("give osm_type with osm_id", "osm_type");
  if (!id) return InvalidArgument("give osm_id with osm_type", "osm_id");
  return OsmRef{.type = *parsed, .id = *id};
}

auth::AuditEntry EntryFor(const auth::Principal& caller, Instant now,
                          const auth::RequestOrigin& origin, std::string_view action,
                          const RegisteredFacility& f, std::string detail) {
  auth::AuditEntry entry = auth::AuditEntryBy(caller, now, origin);
  entry.action = fmt::format("{}.{}", kRecordType, action);
  entry.record_type = std::string(kRecordType);
  entry.record_id = std::to_string(f.id);
  entry.community_id = f.community_id;
  entry.detail = std::move(detail);
  return entry;
}

}  // namespace

FacilityService::FacilityService(store::Database& database, const Clock& clock,
                                 const FacilityMapping& mapping)
    : database_(database), clock_(clock), mapping_(mapping) {}

std::vector<FacilityTypeInfo> FacilityService::FacilityTypes() const {
  std::vector<FacilityTypeInfo> types;
  for (const std::string& type : mapping_.FacilityTypes()) {
    FacilityTypeInfo info{.type = type};
    for (const FacilityMappingRow& row : mapping_.Rows()) {
      if (row.facility_type != type) continue;
      info.osm_tags.push_back(row.key + "=" + row.value);
      if (!row.note.empty()) info.notes.push_back(row.note);
    }
    types.push_back(std::move(info));
  }
  return types;
}

Status FacilityService::CheckFields(const RegisteredFacility& f, bool check_type) const {
  const auto types = mapping_.FacilityTypes();
  if (check_type && std::find(types.begin(), types.end(), f.facility_type) == types.end()) {
    return InvalidArgument(
        fmt::format("unknown facility_type \"{}\": use a type of the facility mapping table, "
                    "listed by GET /api/v1/planning/facility-types "
                    "(docs/planning-facilities.md)",
                    utf8::TruncateCodePoints(f.facility_type, 40)),
        "facility_type");
  }
  SHEQU_RETURN_IF_ERROR(CheckText(f.name, kMaxNameCodePoints, "name"));
  if (utf8::Trim(f.name).empty()) return InvalidArgument("name must not be empty", "name");
  SHEQU_RETURN_IF_ERROR(CheckText(f.address, kMaxAddressCodePoints, "address"));
  SHEQU_RETURN_IF_ERROR(CheckText(f.note, kMaxNoteCodePoints, "note"));
  if (!std::isfinite(f.latitude) || f.latitude < -90 || f.latitude > 90) {
    return InvalidArgument("latitude must be between -90 and 90 degrees", "latitude");
  }
  if (!std::isfinite(f.longitude) || f.longitude < -180 || f.longitude > 180) {
    return InvalidArgument("longitude must be between -180 and 180 degrees", "longitude");
  }
  if (f.capacity && (*f.capacity < 0 || *f.capacity > kMaxCapacity)) {
    return InvalidArgument(fmt::format("capacity must be between 0 and {}", kMaxCapacity),
                           "capacity");
  }
  if (f.opened_on && f.closed_on && *f.closed_on < *f.opened_on) {
    return InvalidArgument("opened_on must not be after closed_on", "opened_on");
  }
  return {};
}

Result<std::vector<RegisteredFacility>> FacilityService::List(
    const auth::Principal& caller, const FacilityListQuery& query) const {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kReadPlanning));
  if (!query.facility_type.empty()) {
    const auto types = mapping_.FacilityTypes();
    if (std::find(types.begin(), types.end(), query.facility_type) == types.end()) {
      return InvalidArgument("unknown facility type: see GET /api/v1/planning/facility-types",
                             "type");
    }
  }
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  RegisteredFacilityQuery filter{.community = query.community,
                                 .facility_type = query.facility_type,
                                 .include_closed = query.include_closed};
  if (query.community.valid()) {
    SHEQU_RETURN_IF_ERROR(ReachCommunity(db, caller, Permission::kReadPlanning, query.community,
                                         NoSuchCommunity(query.community), "community"));
  } else if (caller.role != auth::Role::kAdmin) {
    // Without ?community= the list covers the caller's scope: their community, or every
    // community of their street.
    if (caller.scope.place.community.valid()) {
      filter.community = caller.scope.place.community;
    } else {
      filter.street = caller.scope.place.street;
    }
  }
  return ListRegisteredFacilities(db, filter);
}

Result<RegisteredFacility> FacilityService::Get(const auth::Principal& caller,
                                                std::int64_t id) const {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kReadPlanning));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  auto found = FindRegisteredFacility(**connection, id);
  SHEQU_RETURN_IF_ERROR(found);
  if (!*found) return NotFound(NoSuchFacility(id));
  SHEQU_RETURN_IF_ERROR(ReachCommunity(**connection, caller, Permission::kReadPlanning,
                                       (*found)->community_id, NoSuchFacility(id)));
  return std::move(**found);
}

Result<RegisteredFacility> FacilityService::Create(const auth::Principal& caller,
                                                   const NewFacility& n,
                                                   const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kWritePlanning));
  auto ref = OsmRefOf(n.osm_type, n.osm_id);
  SHEQU_RETURN_IF_ERROR(ref);
  const Instant now = clock_.Now();
  RegisteredFacility f{.community_id = n.community_id,
                       .facility_type = n.facility_type,
                       .name = n.name,
                       .address = n.address,
                       .latitude = n.latitude,
                       .longitude = n.longitude,
                       .osm_ref = *ref,
                       .capacity = n.capacity,
                       .opened_on = n.opened_on,
                       .note = n.note,
                       .created_by = caller.login,
                       .created_at = now,
                       .updated_at = now};
  SHEQU_RETURN_IF_ERROR(CheckFields(f, /*check_type=*/true));

  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  SHEQU_RETURN_IF_ERROR(ReachCommunity(db, caller, Permission::kWritePlanning, f.community_id,
                                       NoSuchCommunity(f.community_id), "community_id"));
  SHEQU_RETURN_IF_ERROR(CheckInsideBoundary(db, f));
  SHEQU_RETURN_IF_ERROR(CheckOsmRefFree(db, f));
  auto id = InsertRegisteredFacility(db, f);
  SHEQU_RETURN_IF_ERROR(id);
  f.id = *id;
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db, EntryFor(caller, now, origin, "create", f, fmt::format("type={}", f.facility_type))));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return f;
}

Result<RegisteredFacility> FacilityService::Update(const auth::Principal& caller, std::int64_t id,
                                                   const FacilityChanges& changes,
                                                   const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kWritePlanning));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto found = FindRegisteredFacility(db, id);
  SHEQU_RETURN_IF_ERROR(found);
  if (!*found) return NotFound(NoSuchFacility(id));
  RegisteredFacility f = std::move(**found);
  SHEQU_RETURN_IF_ERROR(
      ReachCommunity(db, caller, Permission::kWritePlanning, f.community_id, NoSuchFacility(id)));
  if (f.closed_on) {
    return Conflict(
        fmt::format("facility {} was closed on {}: a closed record is history and "
                    "does not change",
                    id, FormatDate(*f.closed_on)));
  }

  std::vector<std::string_view> fields;
  const auto set = [&fields](auto& target, const auto& value, std::string_view name) {
    if (!value) return;
    target = *value;
    fields.push_back(name);
  };
  set(f.facility_type, changes.facility_type, "facility_type");
  set(f.name, changes.name, "name");
  if (changes.address) {
    f.address = changes.address->value_or("");
    fields.push_back("address");
  }
  set(f.latitude, changes.latitude, "latitude");
  set(f.longitude, changes.longitude, "longitude");
  if (changes.osm_type || changes.osm_id) {
    // Either half given alone is combined with the other half already stored.
    std::optional<std::string> type =
        f.osm_ref ? std::optional<std::string>(OsmTypeName(f.osm_ref->type)) : std::nullopt;
    std::optional<std::int64_t> osm_id =
        f.osm_ref ? std::optional<std::int64_t>(f.osm_ref->id) : std::nullopt;
    if (changes.osm_type) type = *changes.osm_type;
    if (changes.osm_id) osm_id = *changes.osm_id;
    auto ref = OsmRefOf(type, osm_id);
    SHEQU_RETURN_IF_ERROR(ref);
    f.osm_ref = *ref;
    if (changes.osm_type) fields.push_back("osm_type");
    if (changes.osm_id) fields.push_back("osm_id");
  }
  set(f.capacity, changes.capacity, "capacity");
  set(f.opened_on, changes.opened_on, "opened_on");
  if (changes.note) {
    f.note = changes.note->value_or("");
    fields.push_back("note");
  }
  if (fields.empty()) return InvalidArgument("nothing to change: give at least one field");
  // The type is checked only when it changes: a record whose type a replaced mapping table no
  // longer has can still be edited (and closed).
  SHEQU_RETURN_IF_ERROR(CheckFields(f, /*check_type=*/changes.facility_type.has_value()));
  if (changes.latitude || changes.longitude) SHEQU_RETURN_IF_ERROR(CheckInsideBoundary(db, f));
  SHEQU_RETURN_IF_ERROR(CheckOsmRefFree(db, f));

  const Instant now = clock_.Now();
  f.updated_at = now;
  SHEQU_RETURN_IF_ERROR(UpdateRegisteredFacility(db, f));
  SHEQU_RETURN_IF_ERROR(
      audit_.Append(db, EntryFor(caller, now, origin, "update", f,
                                 fmt::format("fields={}", fmt::join(fields, ",")))));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return f;
}

Result<RegisteredFacility> FacilityService::Close(const auth::Principal& caller, std::int64_t id,
                                                  const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kWritePlanning));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto found = FindRegisteredFacility(db, id);
  SHEQU_RETURN_IF_ERROR(found);
  if (!*found) return NotFound(NoSuchFacility(id));
  RegisteredFacility f = std::move(**found);
  SHEQU_RETURN_IF_ERROR(
      ReachCommunity(db, caller, Permission::kWritePlanning, f.community_id, NoSuchFacility(id)));
  const Instant now = clock_.Now();
  const CivilDate today = ShanghaiDate(now);
  if (f.closed_on) {
    return Conflict(
        fmt::format("facility {} was closed on {} already", id, FormatDate(*f.closed_on)));
  }
  if (f.opened_on && *f.opened_on > today) {
    return Conflict(
        fmt::format("facility {} opens on {}: change its opened_on instead of "
                    "closing it before it opens",
                    id, FormatDate(*f.opened_on)));
  }
  f.closed_on = today;
  f.updated_at = now;
  SHEQU_RETURN_IF_ERROR(UpdateRegisteredFacility(db, f));
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db, EntryFor(caller, now, origin, "close", f, "closed_on=" + FormatDate(today))));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return f;
}

}  // namespace shequ::planning
