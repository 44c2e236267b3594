// The registry's rules: who may create and read buildings, households and residents, ID number
// checks, encryption of personal numbers, audited reveals, and the population structure.
//
// Every call takes the caller and authorises against the record's place: a grid worker reaches
// their grid, a community worker their community, a street admin their street, an admin all.
// A record outside the caller's scope answers kNotFound, exactly like one that does not exist,
// so ids cannot be probed. Each write runs in one transaction with its audit row. Thread-safe:
// every call borrows its own connection.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "auth/audit_log.h"
#include "auth/auth_service.h"
#include "auth/principal.h"
#include "base/civil_time.h"
#include "base/error.h"
#include "registry/pii_cipher.h"
#include "registry/place.h"
#include "registry/registry_records.h"
#include "store/database.h"

namespace shequ::registry {

struct NewResident {
  HouseholdId household_id;
  std::string name;
  std::optional<Sex> sex;                // derived from the ID number when absent
  std::optional<CivilDate> birth_date;   // likewise
  std::optional<std::string> id_number;  // as typed
  std::optional<std::string> phone;      // as typed
  ResidenceStatus residence_status = ResidenceStatus::kLivingHere;
  std::string relation_to_head = "head";
  std::optional<CivilDate> moved_in_on;  // today when absent
  std::vector<ResidentTagValue> tags;
};

struct ResidentRow;  // registry_repository.h

enum class PersonalField { kIdNumber, kPhone };

struct ResidentQuery {
  CommunityId community;  // invalid: the caller's whole scope
  std::string q;          // a name fragment, an exact ID number or an exact phone number
  int page = 1;           // 1-based
};

struct ResidentList {
  std::vector<ResidentRecord> residents;
  std::int64_t total = 0;
  int page = 1;
  int page_size = 0;
};

enum class PopulationOf { kCommunity, kGrid, kBuilding, kStreet };

// One resident of an import file, with the row the file has it on.
struct ResidentImportRow {
  int row = 0;
  NewResident resident;
};

// Why a row cannot be imported. `column` is the field at fault, named as in NewResident's JSON
// and the import file's header ("id_number", "household_id", ...).
struct ResidentImportError {
  int row = 0;
  std::string column;
  std::string reason;
};

enum class ImportMode {
  kImport,     // store the rows when none has an error
  kCheckOnly,  // check every row, store nothing (the file has faults found before the service)
};

// Either `imported` residents (no errors), or the errors of every faulty row and nothing stored.
struct ResidentImportReport {
  std::int64_t imported = 0;
  std::vector<ResidentImportError> errors;  // by row
};

// ---- Imports of buildings and households, and households found by address -----------------
// (defined in registry_import_service.cc; the RegistryService methods are the block marked
// "Imports" below). Names in these rows are as a worker types them: a community by its name, a
// grid by its name, a building by its number. An empty community means the caller's own, for a
// caller whose scope is one community or one grid.

// One building of an import file. `building` has no community or grid id yet.
struct BuildingImportRow {
  int row = 0;
  std::string community;
  std::string grid;  // empty: the building is in no grid
  Building building;
};

// One household of an import file. `household` has no building or community id yet.
struct HouseholdImportRow {
  int row = 0;
  std::string community;
  std::string building;  // the building's number
  Household household;
};

// Where a household is, as its residents say it.
struct HouseholdAddress {
  std::string community;  // empty: the caller's own
  std::string building;   // the building's number
  std::string unit;       // empty when the building has one
  std::string room;

  auto operator<=>(const HouseholdAddress&) const = default;
};

// ---- end of the import types ---------------------------------------------------------------

// ---- Editing, the map, exports and residents' accounts (registry_edit_service.cc) ---------
// A change to a record: a field left nullopt stays as it is. For a field that may be empty,
// Clearable<T> holds nullopt (unchanged), or a value that is itself nullopt (clear it).
template <typename T>
using Clearable = std::optional<std::optional<T>>;

struct BuildingChanges {
  std::optional<std::string> number;
  std::optional<std::string> address;
  Clearable<GridId> grid_id;
  Clearable<int> floors;
  std::optional<bool> has_elevator;
  Clearable<int> year_built;
  std::optional<int> units;
  Clearable<double> latitude;
  Clearable<double> longitude;
  Clearable<std::string> footprint;  // GeoJSON text, checked by CheckFootprint
};

struct HouseholdChanges {
  std::optional<std::string> unit;
  std::optional<int> floor;
  std::optional<std::string> room;
  Clearable<std::int64_t> floor_area_dm2;
};

struct ResidentChanges {
  std::optional<std::string> name;
  std::optional<Sex> sex;
  std::optional<CivilDate> birth_date;
  Clearable<std::string> phone;      // as typed
  Clearable<std::string> id_number;  // as typed
  std::optional<ResidenceStatus> residence_status;
  std::optional<std::string> relation_to_head;        // on the open residency
  std::optional<std::vector<ResidentTagValue>> tags;  // replaces the set
};

// A resident's own household, as their account sees it.
struct OwnHousehold {
  Household household;
  Building building;
  std::vector<ResidentRecord> residents;  // living there now, masked, with tags
};

// The account created for a resident (居民账号).
struct ResidentAccount {
  auth::User user;
  ResidentId resident_id;
};

// Links the resident account `user` to `resident` on `connection`, inside the caller's
// transaction, with a "resident.link_account" audit row by the system: for the command line
// (the demo's resident and volunteer logins). kInvalidArgument when the user is not of role
// resident or volunteer, or the resident does not exist; kConflict when either is linked already.
Status LinkResidentAccount(store::Connection& connection, UserId user, ResidentId resident,
                           Instant now);
// ---- end of editing types ---------------------------------------------------------------

class RegistryService {
 public:
  static constexpr int kPageSize = 20;

  // Nothing is owned; all three outlive the service.
  RegistryService(store::Database& database, const Clock& clock, const PiiCipher& cipher)
      : database_(database), clock_(clock), cipher_(cipher) {}

  Result<Building> CreateBuilding(const auth::Principal& caller, const Building& building,
                                  const auth::RequestOrigin& origin);
  // Buildings of `community` (the caller's own when invalid); a grid worker's are their grid's.
  Result<std::vector<Building>> ListBuildings(const auth::Principal& caller, CommunityId community);
  Result<Household> CreateHousehold(const auth::Principal& caller, const Household& household,
                                    const auth::RequestOrigin& origin);
  // The open households of a building (kReadRegistry) with the residents living there now;
  // kNotFound when the building does not exist or lies outside the caller's scope.
  Result<std::vector<HouseholdOccupancy>> ListHouseholds(const auth::Principal& caller,
                                                         BuildingId building);
  // The grids in the caller's scope (kReadDashboard), of `community` when valid (kNotFound
  // outside the scope); a grid worker's own grid only.
  Result<std::vector<Grid>> ListGrids(const auth::Principal& caller, CommunityId community);

  // Validates, encrypts and stores the resident with their residency and tags. kInvalidArgument
  // naming the field; kConflict naming "id_number" when the community has the number already.
  Result<ResidentRecord> AddResident(const auth::Principal& caller, const NewResident& resident,
                                     const auth::RequestOrigin& origin);
  // Validates every row with AddResident's rules (the household must exist in the caller's
  // scope; an ID number may appear once in the file and not be in the household's community
  // already), then stores them all in one transaction with one "resident.import" audit row per
  // community, or stores nothing and reports every faulty row. Errors (as values, not in the
  // report): kPermissionDenied without kWriteRegistry, and database failures.
  Result<ResidentImportReport> ImportResidents(const auth::Principal& caller,
                                               std::span<const ResidentImportRow> rows,
                                               const auth::RequestOrigin& origin,
                                               ImportMode mode = ImportMode::kImport);
  Result<ResidentRecord> GetResident(const auth::Principal& caller, ResidentId id);
  // Closes the open residency on `moved_out_on` (today when absent); history stays.
  Result<ResidentRecord> MoveOut(const auth::Principal& caller, ResidentId id,
                                 std::optional<CivilDate> moved_out_on,
                                 const auth::RequestOrigin& origin);
  Result<ResidentList> SearchResidents(const auth::Principal& caller, const ResidentQuery& query);
  // Every resident of `community` (the caller's whole scope when invalid) that SearchResidents
  // would list, masked and without tags, by name; audited as "resident.export" with the count.
  Result<std::vector<ResidentRecord>> ExportResidents(const auth::Principal& caller,
                                                      CommunityId community,
                                                      const auth::RequestOrigin& origin);
  // The full number (kReadPersonalData), audited as resident.read_id_number / read_phone.
  // kNotFound when the resident has none recorded.
  Result<std::string> Reveal(const auth::Principal& caller, ResidentId id, PersonalField field,
                             const auth::RequestOrigin& origin);

  Result<PopulationStructure> Population(const auth::Principal& caller, PopulationOf of,
                                         std::int64_t id);

  // ---- Imports (registry_import_service.cc) ------------------------------------------------
  // Each checks every row (the rules of CreateBuilding / CreateHousehold, the place in the
  // caller's scope, no duplicate in the file nor in the database) and then stores them all in
  // one transaction with one "<kind>.import" audit row per community, or stores nothing and
  // reports every faulty row; kCheckOnly stores nothing either way. Out-of-scope places read as
  // missing. Errors (as values, not in the report): kPermissionDenied without kWriteRegistry,
  // and database failures.
  Result<ResidentImportReport> ImportBuildings(const auth::Principal& caller,
                                               std::span<const BuildingImportRow> rows,
                                               const auth::RequestOrigin& origin,
                                               ImportMode mode = ImportMode::kImport);
  Result<ResidentImportReport> ImportHouseholds(const auth::Principal& caller,
                                                std::span<const HouseholdImportRow> rows,
                                                const auth::RequestOrigin& origin,
                                                ImportMode mode = ImportMode::kImport);
  // The open household at each address that the caller may write to, in order; an address that
  // names nothing in the scope is kInvalidArgument naming "community", "building" or "room".
  // The outer Result fails for the permission and the database only.
  Result<std::vector<Result<HouseholdId>>> LocateHouseholds(
      const auth::Principal& caller, std::span<const HouseholdAddress> addresses);
  // ---- end of imports -----------------------------------------------------------------------

  // ---- Editing, the map, exports and residents' accounts (registry_edit_service.cc) -------
  // Each update checks the changed record as its creation does, runs in one transaction with an
  // audit row ("building.update", ...) naming the fields changed (never an ID or phone value),
  // and answers the record as it is now. kNotFound for a record missing or outside the caller's
  // scope; kInvalidArgument naming the field, also when nothing is to change; kConflict naming
  // "number", "room" or "id_number" for a duplicate in the building or community.
  Result<Building> UpdateBuilding(const auth::Principal& caller, BuildingId id,
                                  const BuildingChanges& changes,
                                  const auth::RequestOrigin& origin);
  Result<Household> UpdateHousehold(const auth::Principal& caller, HouseholdId id,
                                    const HouseholdChanges& changes,
                                    const auth::RequestOrigin& origin);
  Result<ResidentRecord> UpdateResident(const auth::Principal& caller, ResidentId id,
                                        const ResidentChanges& changes,
                                        const auth::RequestOrigin& origin);
  // The buildings of ListBuildings with their open households and the residents living there
  // now; `located_only` keeps those with a point or a footprint (the map).
  Result<std::vector<BuildingOccupancy>> ListBuildingOccupancy(const auth::Principal& caller,
                                                               CommunityId community,
                                                               bool located_only);
  // As ListBuildingOccupancy (all of them), audited "building.export" with the count.
  Result<std::vector<BuildingOccupancy>> ExportBuildings(const auth::Principal& caller,
                                                         CommunityId community,
                                                         const auth::RequestOrigin& origin);
  // The open households of `building` when valid, else of `community` (the caller's own when
  // invalid; a grid worker's grid only), with their residents now; audited "household.export".
  Result<std::vector<HouseholdOccupancy>> ExportHouseholds(const auth::Principal& caller,
                                                           BuildingId building,
                                                           CommunityId community,
                                                           const auth::RequestOrigin& origin);
  // Creates the account `user` (role resident, scope the resident's community; role and scope
  // in `user` are ignored) and links it to the resident, in one transaction audited
  // "user.create" and "resident.create_account". kManageResidentAccounts; kNotFound for a
  // resident missing or outside the scope; kConflict when the resident has an account already
  // or has moved out, or (field "login") the login is taken; kInvalidArgument for the account's
  // fields.
  Result<ResidentAccount> CreateResidentAccount(const auth::Principal& caller, ResidentId id,
                                                const auth::NewUser& user,
                                                auth::AuthService& accounts,
                                                const auth::RequestOrigin& origin);
  // The caller's own household (kReadOwnHousehold): kNotFound with field "account" when the
  // account is linked to no resident, "household" when the resident lives in none now.
  Result<OwnHousehold> OwnHouseholdOf(const auth::Principal& caller);
  // ---- end of editing ---------------------------------------------------------------------

  // The deployment's cipher, for modules that keep personal numbers of their own the registry's
  // way (the elder file's emergency contacts); read-only, lives as long as the service.
  const PiiCipher& cipher() const { return cipher_; }

 private:
  CivilDate Today() const { return ShanghaiDate(clock_.Now()); }
  Result<ResidentRecord> Masked(const ResidentRow& row) const;

  store::Database& database_;
  const Clock& clock_;
  const PiiCipher& cipher_;
  auth::AuditLog audit_;
};

}  // namespace shequ::registry
