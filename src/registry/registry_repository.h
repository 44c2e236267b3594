// SQL over buildings, households, residents, residencies and resident_tags; the only place with
// SQL for them. Encryption, masking and the rules live in RegistryService: rows here carry the
// ciphertexts and blind indexes as stored.
//
// Functions take the caller's connection so they join the caller's transaction. Stateless.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "base/error.h"
#include "registry/registry_records.h"
#include "store/connection.h"
#include "store/value.h"

namespace shequ::registry {

// The place (street, community) of a community, or of a grid (with the grid); nullopt when there
// is no such row.
Result<std::optional<auth::Place>> FindCommunityPlace(store::Connection& db, CommunityId id);
Result<std::optional<auth::Place>> FindGridPlace(store::Connection& db, GridId id);

Result<Building> InsertBuilding(store::Connection& db, const Building& building, Instant now);
// The building and its place (the building's grid, when it has one).
Result<std::optional<std::pair<Building, auth::Place>>> FindBuilding(store::Connection& db,
                                                                     BuildingId id);
// Buildings of a community, of one grid when `grid` is valid, by number.
Result<std::vector<Building>> ListBuildings(store::Connection& db, CommunityId community,
                                            GridId grid);

Result<Household> InsertHousehold(store::Connection& db, const Household& household, Instant now);
Result<std::optional<std::pair<Household, auth::Place>>> FindHousehold(store::Connection& db,
                                                                       HouseholdId id);

// The open households of a building, by unit, floor, room and id.
Result<std::vector<HouseholdOccupancy>> ListHouseholds(store::Connection& db, BuildingId building);

// A resident as stored: the record with ciphertexts instead of masks, and where they live now.
struct ResidentRow {
  ResidentRecord record;  // masks unset
  std::optional<store::Blob> id_number_cipher;
  std::optional<store::Blob> phone_cipher;
  auth::Place place;  // grid set only while the resident lives in a building of a grid
};

struct StoredResident {
  CommunityId community_id;
  std::string name;
  Sex sex = Sex::kMale;
  CivilDate birth_date;
  std::optional<store::Blob> id_number_cipher;
  std::optional<store::Blob> id_number_index;
  std::optional<store::Blob> phone_cipher;
  std::optional<store::Blob> phone_index;
  ResidenceStatus residence_status = ResidenceStatus::kLivingHere;
};

Result<ResidentId> InsertResident(store::Connection& db, const StoredResident& resident,
                                  Instant now);
// True when a resident of `community` already has this ID number's blind index.
Result<bool> IdNumberTaken(store::Connection& db, CommunityId community, const store::Blob& index);
Status InsertResidency(store::Connection& db, CommunityId community, ResidentId resident,
                       HouseholdId household, std::string_view relation,
                       const CivilDate& moved_in_on, Instant now);
Status InsertResidentTag(store::Connection& db, CommunityId community, ResidentId resident,
                         const ResidentTagValue& tag, Instant now);
// Closes the resident's open residency on `moved_out_on`; false when there was none.
Result<bool> CloseResidency(store::Connection& db, ResidentId resident,
                            const CivilDate& moved_out_on, Instant now);

Result<std::optional<ResidentRow>> FindResident(store::Connection& db, ResidentId id);
Result<std::vector<ResidentTagValue>> ResidentTags(store::Connection& db, ResidentId id);

// Which residents a search covers and what it matches (at most one of the three matchers).
struct ResidentFilter {
  StreetId street;        // valid: residents of the street's communities
  CommunityId community;  // valid: residents of this community
  GridId grid;            // valid: residents living now in a building of this grid
  std::optional<std::string> name_contains;
  std::optional<store::Blob> id_number_index;
  std::optional<store::Blob> phone_index;
};

struct ResidentPage {
  std::vector<ResidentRow> rows;
  std::int64_t total = 0;  // matches over all pages
};

// Matching residents by name then id; `offset` rows skipped, at most `limit` returned.
Result<ResidentPage> SearchResidents(store::Connection& db, const ResidentFilter& filter,
                                     int offset, int limit);

// The residents living now (an open residency) in the community, grid or building given (the
// first valid one of building, grid, community).
Result<std::vector<PopulationMember>> PopulationMembers(store::Connection& db,
                                                        CommunityId community, GridId grid,
                                                        BuildingId building);
// The residents living now in any community of `street`.
Result<std::vector<PopulationMember>> StreetPopulationMembers(store::Connection& db,
                                                              StreetId street);

// ---- Lookups by the names workers type, for imports (registry_import_service.cc) ------------

// True when the street exists.
Result<bool> StreetExists(store::Connection& db, StreetId id);
// Every community called `name`, with its place (names repeat across streets).
Result<std::vector<auth::Place>> FindCommunitiesNamed(store::Connection& db, std::string_view name);
// The grid of `community` called `name`.
Result<std::optional<GridId>> FindGridNamed(store::Connection& db, CommunityId community,
                                            std::string_view name);
// The building of `community` numbered `number`, with its place.
Result<std::optional<std::pair<Building, auth::Place>>> FindBuildingNumbered(
    store::Connection& db, CommunityId community, std::string_view number);
// The household of `building` at `unit` and `room`, open or closed, and whether it is open.
Result<std::optional<std::pair<HouseholdId, bool>>> FindHouseholdAt(store::Connection& db,
                                                                    BuildingId building,
                                                                    std::string_view unit,
                                                                    std::string_view room);

// ---- Editing, the map, exports and residents' accounts --------------------------------------

// Writes every stored field of `building` (found by its id).
Status UpdateBuilding(store::Connection& db, const Building& building, Instant now);
// Buildings of a community (of one grid when `grid` is valid), by number, with their open
// households and the residents living there now, counted in one grouped query; `located_only`
// keeps those with a point or a footprint.
Result<std::vector<BuildingOccupancy>> ListBuildingOccupancy(store::Connection& db,
                                                             CommunityId community, GridId grid,
                                                             bool located_only);
// The open households of a community (of one grid's buildings when `grid` is valid), by
// building number, unit, floor and room, with the residents living there now.
Result<std::vector<HouseholdOccupancy>> ListCommunityHouseholds(store::Connection& db,
                                                                CommunityId community, GridId grid);
// Writes unit, floor, room and floor area of `household` (found by its id).
Status UpdateHousehold(store::Connection& db, const Household& household, Instant now);

// Writes name, sex, birth date, the personal numbers and residence status (community unchanged).
Status UpdateResident(store::Connection& db, ResidentId id, const StoredResident& resident,
                      Instant now);
// Sets the relation on the resident's open residency; false when there is none.
Result<bool> UpdateRelationToHead(store::Connection& db, ResidentId resident,
                                  std::string_view relation, Instant now);
Status DeleteResidentTags(store::Connection& db, ResidentId resident);
// True when a resident of `community` other than `except` has this ID number's blind index.
Result<bool> IdNumberTakenByOther(store::Connection& db, CommunityId community,
                                  const store::Blob& index, ResidentId except);
// The residents living now in `household`, by relation (the head first) then name.
Result<std::vector<ResidentRow>> HouseholdResidents(store::Connection& db, HouseholdId household);

// A resident account's link (resident_accounts). kConflict when the user or the resident is
// linked already.
Status InsertResidentAccount(store::Connection& db, UserId user, CommunityId community,
                             ResidentId resident, Instant now);
Result<std::optional<ResidentId>> FindLinkedResident(store::Connection& db, UserId user);
Result<bool> ResidentHasAccount(store::Connection& db, ResidentId resident);

}  // namespace shequ::registry
