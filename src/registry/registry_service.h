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

enum class PopulationOf { kCommunity, kGrid, kBuilding };

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

 private:
  CivilDate Today() const { return ShanghaiDate(clock_.Now()); }
  Result<ResidentRecord> Masked(const ResidentRow& row) const;

  store::Database& database_;
  const Clock& clock_;
  const PiiCipher& cipher_;
  auth::AuditLog audit_;
};

}  // namespace shequ::registry
