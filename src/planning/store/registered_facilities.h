// Facilities registered in shequ itself (migration 0007_planning_facilities.sql): a canteen, a
// childcare institution, a station that a worker records with its type from the facility mapping
// table, its place and, when there is one, the OpenStreetMap object it stands for. The assessment
// counts them beside the OSM import's facilities and in place of OSM's record of the same place
// (assessment_source.h). This file is the only SQL for the table; the rules (types, boundary,
// scope) are the service's (planning/service/facility_service.h).
//
// Functions take the caller's connection so they join the caller's transaction. Stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/civil_time.h"
#include "base/error.h"
#include "base/ids.h"
#include "planning/osm_features.h"
#include "store/connection.h"

namespace shequ::planning {

struct RegisteredFacility {
  std::int64_t id = 0;  // 0 until inserted
  CommunityId community_id;
  std::string facility_type;  // a type of the facility mapping table
  std::string name;
  std::string address;
  double latitude = 0;
  double longitude = 0;
  std::optional<OsmRef> osm_ref;  // the OSM object this record stands for
  std::optional<std::int64_t> capacity;
  std::optional<CivilDate> opened_on;
  std::optional<CivilDate> closed_on;  // set when closed; the row stays as history
  std::string note;
  std::string created_by;  // login
  Instant created_at = 0;
  Instant updated_at = 0;

  // Whether it serves anyone on `day`: opened by then (or no date known) and not closed yet. A
  // facility closed on a day serves no one from that day on.
  bool ServesOn(const CivilDate& day) const {
    return (!opened_on || *opened_on <= day) && (!closed_on || *closed_on > day);
  }
};

// "node" / "way" / "relation" → OsmType; nullopt for anything else.
std::optional<OsmType> OsmTypeFromName(std::string_view name);

// Inserts `facility` (its id is ignored) and returns the new id. A CHECK, foreign key or the
// one-open-record-per-OSM-object index failing is kConflict (store/connection.h).
Result<std::int64_t> InsertRegisteredFacility(store::Connection& db,
                                              const RegisteredFacility& facility);

// Writes every field of `facility` but id, created_by and created_at. kNotFound when no row has
// its id.
Status UpdateRegisteredFacility(store::Connection& db, const RegisteredFacility& facility);

Result<std::optional<RegisteredFacility>> FindRegisteredFacility(store::Connection& db,
                                                                 std::int64_t id);

// The open record (closed_on unset) that stands for `ref`, other than `except_id`; nullopt when
// none.
Result<std::optional<std::int64_t>> FindOpenFacilityWithOsmRef(store::Connection& db,
                                                               const OsmRef& ref,
                                                               std::int64_t except_id = 0);

struct RegisteredFacilityQuery {
  CommunityId community;      // invalid: every community (of `street` when that is valid)
  StreetId street;            // invalid: every street
  std::string facility_type;  // empty: every type
  bool include_closed = false;
};

// Matching records by community, type, name and id.
Result<std::vector<RegisteredFacility>> ListRegisteredFacilities(
    store::Connection& db, const RegisteredFacilityQuery& query);

// Every record of every community that serves on `day` (RegisteredFacility::ServesOn), by id.
Result<std::vector<RegisteredFacility>> ListServingFacilities(store::Connection& db,
                                                              const CivilDate& day);

}  // namespace shequ::planning
