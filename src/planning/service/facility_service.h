// The use cases of the facilities workers register for planning (社区食堂, 托育机构, 服务站, ...):
// list, read, register, change and close them, each checked against the caller's role and
// community scope, each write in one transaction with its audit row. The records join the
// OpenStreetMap facilities in the assessment and win over OSM's record of the same place
// (planning/store/assessment_source.h; docs/planning-facilities.md).
//
// Rules: the type must be one of the facility mapping table's; the name must not be empty; the
// place must lie on the globe and, when the community has a boundary, inside it; an OSM object
// may stand behind one open record only. Closing keeps the row as history.
// Thread-safe: holds references only; every call borrows its own connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/audit_log.h"
#include "auth/principal.h"
#include "base/civil_time.h"
#include "base/error.h"
#include "base/ids.h"
#include "planning/facility_mapping.h"
#include "planning/store/registered_facilities.h"
#include "store/database.h"

namespace shequ::planning {

// The message of the kInvalidArgument (field "latitude") for a place outside the community's
// boundary.
inline constexpr std::string_view kOutsideBoundary = "outside the community's boundary";

// One type of the mapping table, with the OSM tags that map to it and the table's notes (which
// carry the Chinese name: "幼儿园, ages 3-6").
struct FacilityTypeInfo {
  std::string type;
  std::vector<std::string> osm_tags;  // "amenity=kindergarten"
  std::vector<std::string> notes;
};

struct NewFacility {
  CommunityId community_id;
  std::string facility_type;
  std::string name;
  std::string address;
  double latitude = 0;
  double longitude = 0;
  std::optional<std::string> osm_type;  // "node", "way" or "relation"; with osm_id or not at all
  std::optional<std::int64_t> osm_id;
  std::optional<std::int64_t> capacity;
  std::optional<CivilDate> opened_on;
  std::string note;
};

// nullopt: unchanged; a nullopt inside: clear it.
template <typename T>
using ClearableField = std::optional<std::optional<T>>;

// A PATCH: only the fields given change. Clearing address or note makes it empty.
struct FacilityChanges {
  std::optional<std::string> facility_type;
  std::optional<std::string> name;
  ClearableField<std::string> address;
  std::optional<double> latitude;
  std::optional<double> longitude;
  ClearableField<std::string> osm_type;
  ClearableField<std::int64_t> osm_id;
  ClearableField<std::int64_t> capacity;
  ClearableField<CivilDate> opened_on;
  ClearableField<std::string> note;
};

struct FacilityListQuery {
  CommunityId community;      // invalid: every community in the caller's scope
  std::string facility_type;  // empty: every type
  bool include_closed = false;
};

class FacilityService {
 public:
  // `database`, `clock` and `mapping` must outlive the service.
  FacilityService(store::Database& database, const Clock& clock,
                  const FacilityMapping& mapping = FacilityMapping::Default());

  // The mapping table's types in table order.
  std::vector<FacilityTypeInfo> FacilityTypes() const;

  // kReadPlanning. A community outside the caller's scope is kNotFound; an unknown type
  // kInvalidArgument naming "type".
  Result<std::vector<RegisteredFacility>> List(const auth::Principal& caller,
                                               const FacilityListQuery& query) const;

  // kReadPlanning; kNotFound for an id that does not exist or lies outside the caller's scope.
  Result<RegisteredFacility> Get(const auth::Principal& caller, std::int64_t id) const;

  // kWritePlanning in the facility's community. kInvalidArgument naming the field at fault
  // (kOutsideBoundary for a place outside the boundary), kNotFound for a community outside the
  // caller's scope, kConflict when an open record stands for the OSM object already.
  Result<RegisteredFacility> Create(const auth::Principal& caller, const NewFacility& facility,
                                    const auth::RequestOrigin& origin);

  // As Create; kConflict for a closed facility (history is not rewritten).
  Result<RegisteredFacility> Update(const auth::Principal& caller, std::int64_t id,
                                    const FacilityChanges& changes,
                                    const auth::RequestOrigin& origin);

  // Sets closed_on to today (Asia/Shanghai): from today it serves no one; the row stays.
  // kConflict when it is closed already or has not opened yet.
  Result<RegisteredFacility> Close(const auth::Principal& caller, std::int64_t id,
                                   const auth::RequestOrigin& origin);

 private:
  // The rules every stored record keeps; the type against the mapping table when `check_type`.
  Status CheckFields(const RegisteredFacility& facility, bool check_type) const;

  store::Database& database_;
  const Clock& clock_;
  const FacilityMapping& mapping_;
  auth::AuditLog audit_;
};

}  // namespace shequ::planning
