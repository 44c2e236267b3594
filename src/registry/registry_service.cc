#include "registry/registry_service.h"

#include <fmt/format.h>

#include <limits>
#include <map>
#include <utility>

#include "auth/permissions.h"
#include "registry/building_footprint.h"
#include "registry/id_number.h"
#include "registry/internal/reach.h"
#include "registry/place_repository.h"
#include "registry/registry_repository.h"
#include "store/transaction.h"

namespace shequ::registry {
namespace {

using auth::Permission;
using internal::NoSuch;
using internal::Reach;

Status RequireText(std::string_view value, std::string_view field, std::size_t max_bytes) {
  if (value.empty())
    return InvalidArgument(fmt::format("{} is required", field), std::string(field));
  if (value.size() > max_bytes) {
    return InvalidArgument(fmt::format("{} is too long", field), std::string(field));
  }
  return {};
}

store::Blob BlobOf(std::vector<std::uint8_t> bytes) { return store::Blob{std::move(bytes)}; }

constexpr const char* kIdNumberTaken =
    "a resident with this ID number is registered in the community already";

// A resident checked and encrypted, ready to store once their community is known.
struct PreparedResident {
  StoredResident stored;  // community_id unset
  HouseholdId household_id;
  std::string relation_to_head;
  CivilDate moved_in_on;
  std::vector<ResidentTagValue> tags;
};

// The field rules of a new resident, without I/O: kInvalidArgument naming the field.
Result<PreparedResident> PrepareResident(const NewResident& resident, const PiiCipher& cipher,
                                         const CivilDate& today) {
  SHEQU_RETURN_IF_ERROR(RequireText(resident.name, "name", 128));
  if (!IsRelationToHead(resident.relation_to_head)) {
    return InvalidArgument("unknown relation to the household head", "relation_to_head");
  }
  PreparedResident prepared{
      .stored = {.name = resident.name, .residence_status = resident.residence_status},
      .household_id = resident.household_id,
      .relation_to_head = resident.relation_to_head,
      .moved_in_on = resident.moved_in_on.value_or(today),
      .tags = resident.tags};
  StoredResident& stored = prepared.stored;
  if (resident.id_number) {
    auto id_number = ParseIdNumber(*resident.id_number, today);
    SHEQU_RETURN_IF_ERROR(id_number);
    SHEQU_RETURN_IF_ERROR(CheckAgainst(*id_number, resident.birth_date, resident.sex));
    stored.sex = id_number->sex;
    stored.birth_date = id_number->birth_date;
    stored.id_number_cipher = BlobOf(cipher.Encrypt(id_number->value));
    stored.id_number_index = BlobOf(cipher.BlindIndex(id_number->value));
  } else {
    if (!resident.sex) return InvalidArgument("sex is required without an ID number", "sex");
    if (!resident.birth_date) {
      return InvalidArgument("birth_date is required without an ID number", "birth_date");
    }
    if (*resident.birth_date > today) {
      return InvalidArgument("birth_date is in the future", "birth_date");
    }
    stored.sex = *resident.sex;
    stored.birth_date = *resident.birth_date;
  }
  if (resident.phone) {
    auto phone = NormalisePhone(*resident.phone);
    SHEQU_RETURN_IF_ERROR(phone);
    stored.phone_cipher = BlobOf(cipher.Encrypt(*phone));
    stored.phone_index = BlobOf(cipher.BlindIndex(*phone));
  }
  if (prepared.moved_in_on > today) {
    return InvalidArgument("moved_in_on is in the future", "moved_in_on");
  }
  for (const auto& tag : resident.tags) {
    if (!IsResidentTag(tag.tag)) {
      return InvalidArgument(fmt::format("unknown tag '{}'", tag.tag), "tags");
    }
    if (tag.disability_level &&
        (tag.tag != "disabled" || *tag.disability_level < 1 || *tag.disability_level > 4)) {
      return InvalidArgument("disability_level is 1-4, and only on the disabled tag", "tags");
    }
  }
  return prepared;
}

// The community of a household the caller may write to. A household that does not exist or lies
// outside the scope is the same kInvalidArgument naming household_id; kPermissionDenied for the
// role; database errors as they come.
Result<CommunityId> ReachHousehold(store::Connection& db, const auth::Principal& caller,
                                   HouseholdId id) {
  auto household = FindHousehold(db, id);
  SHEQU_RETURN_IF_ERROR(household);
  const std::string missing = NoSuch("household", id.value());
  if (!*household) return InvalidArgument(missing, "household_id");
  if (auto reached = Reach(caller, Permission::kWriteRegistry, (*household)->second, missing);
      !reached) {
    if (reached.error().code == ErrorCode::kNotFound) {
      return InvalidArgument(missing, "household_id");
    }
    return std::unexpected(reached.error());
  }
  return (*household)->first.community_id;
}

// Stores the resident with their residency and tags in the caller's transaction.
Result<ResidentId> WriteResident(store::Connection& db, const PreparedResident& resident,
                                 Instant now) {
  const CommunityId community = resident.stored.community_id;
  auto id = InsertResident(db, resident.stored, now);
  SHEQU_RETURN_IF_ERROR(id);
  SHEQU_RETURN_IF_ERROR(InsertResidency(db, community, *id, resident.household_id,
                                        resident.relation_to_head, resident.moved_in_on, now));
  for (const auto& tag : resident.tags) {
    SHEQU_RETURN_IF_ERROR(InsertResidentTag(db, community, *id, tag, now));
  }
  return id;
}

// The residents `caller` may read (kReadRegistry): of `community` when valid (kNotFound outside
// the scope), narrowed to the caller's street, community or grid.
Result<ResidentFilter> ScopedFilter(store::Connection& db, const auth::Principal& caller,
                                    CommunityId community) {
  ResidentFilter filter;
  const bool admin = caller.role == auth::Role::kAdmin;
  if (community.valid()) {
    auto place = FindCommunityPlace(db, community);
    SHEQU_RETURN_IF_ERROR(place);
    const std::string missing = NoSuch("community", community.value());
    if (!*place) return NotFound(missing);
    auth::Place target = **place;
    if (!admin && caller.scope.kind == auth::ScopeKind::kGrid)
      target.grid = caller.scope.place.grid;
    SHEQU_RETURN_IF_ERROR(Reach(caller, Permission::kReadRegistry, target, missing));
    filter.community = community;
  }
  if (!admin) {
    switch (caller.scope.kind) {
      case auth::ScopeKind::kStreet:
        filter.street = caller.scope.place.street;
        break;
      case auth::ScopeKind::kCommunity:
        filter.community = caller.scope.place.community;
        break;
      case auth::ScopeKind::kGrid:
        filter.community = caller.scope.place.community;
        filter.grid = caller.scope.place.grid;
        break;
    }
  }
  return filter;
}

}  // namespace

Result<Building> RegistryService::CreateBuilding(const auth::Principal& caller,
                                                 const Building& building,
                                                 const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(CheckBuildingFields(building));
  Building checked = building;
  if (building.footprint) {
    auto footprint = CheckFootprint(*building.footprint);
    SHEQU_RETURN_IF_ERROR(footprint);
    checked.footprint = std::move(*footprint);
  }
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  std::optional<auth::Place> place;
  if (building.grid_id.valid()) {
    auto grid = FindGridPlace(db, building.grid_id);
    SHEQU_RETURN_IF_ERROR(grid);
    if (!*grid || (*grid)->community != building.community_id) {
      return InvalidArgument("the grid is not one of the community's", "grid_id");
    }
    place = *grid;
  } else {
    auto community = FindCommunityPlace(db, building.community_id);
    SHEQU_RETURN_IF_ERROR(community);
    place = *community;
  }
  if (!place) return NotFound(NoSuch("community", building.community_id.value()));
  SHEQU_RETURN_IF_ERROR(Reach(caller, Permission::kWriteRegistry, *place,
                              NoSuch("community", building.community_id.value())));
  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto taken = db.Query("SELECT 1 FROM buildings WHERE community_id = ? AND number = ?",
                        {building.community_id.value(), building.number});
  SHEQU_RETURN_IF_ERROR(taken);
  if (!taken->empty()) {
    return Conflict("the community has a building with this number already", "number");
  }
  auto stored = InsertBuilding(db, checked, now);
  SHEQU_RETURN_IF_ERROR(stored);
  auth::AuditEntry entry = auth::AuditEntryBy(caller, now, origin);
  entry.action = "building.create";
  entry.record_type = "building";
  entry.record_id = std::to_string(stored->id.value());
  entry.community_id = stored->community_id;
  SHEQU_RETURN_IF_ERROR(audit_.Append(db, entry));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return stored;
}

Result<std::vector<Building>> RegistryService::ListBuildings(const auth::Principal& caller,
                                                             CommunityId community) {
  if (!community.valid()) community = caller.scope.place.community;
  if (!community.valid()) return InvalidArgument("name a community", "community");
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  auto place = FindCommunityPlace(**connection, community);
  SHEQU_RETURN_IF_ERROR(place);
  if (!*place) return NotFound(NoSuch("community", community.value()));
  // A grid worker lists their own grid's buildings of their community.
  GridId grid;
  auth::Place target = **place;
  if (caller.role != auth::Role::kAdmin && caller.scope.kind == auth::ScopeKind::kGrid) {
    grid = caller.scope.place.grid;
    target.grid = grid;
  }
  SHEQU_RETURN_IF_ERROR(
      Reach(caller, Permission::kReadRegistry, target, NoSuch("community", community.value())));
  return registry::ListBuildings(**connection, community, grid);
}

Result<Household> RegistryService::CreateHousehold(const auth::Principal& caller,
                                                   const Household& household,
                                                   const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(CheckHouseholdFields(household));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto building = FindBuilding(db, household.building_id);
  SHEQU_RETURN_IF_ERROR(building);
  const std::string missing = NoSuch("building", household.building_id.value());
  if (!*building) return InvalidArgument(missing, "building_id");
  if (auto reached = Reach(caller, Permission::kWriteRegistry, (*building)->second, missing);
      !reached) {
    // Out of scope reads as absent: the same 400 as a building that does not exist.
    if (reached.error().code == ErrorCode::kNotFound)
      return InvalidArgument(missing, "building_id");
    return std::unexpected(reached.error());
  }
  Household row = household;
  row.community_id = (*building)->first.community_id;
  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto taken = db.Query("SELECT 1 FROM households WHERE building_id = ? AND unit = ? AND room = ?",
                        {row.building_id.value(), row.unit, row.room});
  SHEQU_RETURN_IF_ERROR(taken);
  if (!taken->empty()) return Conflict("the building has this unit and room already", "room");
  auto stored = InsertHousehold(db, row, now);
  SHEQU_RETURN_IF_ERROR(stored);
  auth::AuditEntry entry = auth::AuditEntryBy(caller, now, origin);
  entry.action = "household.create";
  entry.record_type = "household";
  entry.record_id = std::to_string(stored->id.value());
  entry.community_id = stored->community_id;
  SHEQU_RETURN_IF_ERROR(audit_.Append(db, entry));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return stored;
}

Result<std::vector<HouseholdOccupancy>> RegistryService::ListHouseholds(
    const auth::Principal& caller, BuildingId building) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kReadRegistry));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto found = FindBuilding(db, building);
  SHEQU_RETURN_IF_ERROR(found);
  const std::string missing = NoSuch("building", building.value());
  if (!*found) return NotFound(missing);
  SHEQU_RETURN_IF_ERROR(Reach(caller, Permission::kReadRegistry, (*found)->second, missing));
  return registry::ListHouseholds(db, building);
}

Result<std::vector<Grid>> RegistryService::ListGrids(const auth::Principal& caller,
                                                     CommunityId community) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kReadDashboard));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  const bool admin = caller.role == auth::Role::kAdmin;
  if (community.valid()) {
    auto place = FindCommunityPlace(db, community);
    SHEQU_RETURN_IF_ERROR(place);
    const std::string missing = NoSuch("community", community.value());
    if (!*place) return NotFound(missing);
    auth::Place target = **place;
    if (!admin && caller.scope.kind == auth::ScopeKind::kGrid)
      target.grid = caller.scope.place.grid;
    SHEQU_RETURN_IF_ERROR(Reach(caller, Permission::kReadDashboard, target, missing));
  }
  StreetId street;
  GridId grid;
  if (!admin) {
    switch (caller.scope.kind) {
      case auth::ScopeKind::kStreet:
        street = caller.scope.place.street;
        break;
      case auth::ScopeKind::kCommunity:
        community = caller.scope.place.community;
        break;
      case auth::ScopeKind::kGrid:
        community = caller.scope.place.community;
        grid = caller.scope.place.grid;
        break;
    }
  }
  return registry::ListGrids(db, street, community, grid);
}

Result<ResidentRecord> RegistryService::AddResident(const auth::Principal& caller,
                                                    const NewResident& resident,
                                                    const auth::RequestOrigin& origin) {
  auto prepared = PrepareResident(resident, cipher_, Today());
  SHEQU_RETURN_IF_ERROR(prepared);
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto community = ReachHousehold(db, caller, resident.household_id);
  SHEQU_RETURN_IF_ERROR(community);
  prepared->stored.community_id = *community;
  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  if (prepared->stored.id_number_index) {
    auto taken = IdNumberTaken(db, *community, *prepared->stored.id_number_index);
    SHEQU_RETURN_IF_ERROR(taken);
    if (*taken) return Conflict(kIdNumberTaken, "id_number");
  }
  auto id = WriteResident(db, *prepared, now);
  SHEQU_RETURN_IF_ERROR(id);
  auth::AuditEntry entry = auth::AuditEntryBy(caller, now, origin);
  entry.action = "resident.create";
  entry.record_type = "resident";
  entry.record_id = std::to_string(id->value());
  entry.community_id = *community;
  SHEQU_RETURN_IF_ERROR(audit_.Append(db, entry));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  auto row = FindResident(db, *id);
  SHEQU_RETURN_IF_ERROR(row);
  if (!*row) return Internal("the resident just stored is gone");
  auto record = Masked(**row);
  SHEQU_RETURN_IF_ERROR(record);
  record->tags = resident.tags;
  return record;
}

Result<ResidentImportReport> RegistryService::ImportResidents(
    const auth::Principal& caller, std::span<const ResidentImportRow> rows,
    const auth::RequestOrigin& origin, ImportMode mode) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kWriteRegistry));
  const CivilDate today = Today();
  ResidentImportReport report;
  const auto fail = [&report](int row, const Error& error) {
    report.errors.push_back({row, error.field, error.message});
  };
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  // The checks against the community run inside the transaction that stores, so a resident
  // added meanwhile cannot slip a duplicate in between check and write.
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  std::map<std::int64_t, Result<CommunityId>>
      households;  // household id → community, looked up once
  std::map<std::pair<std::int64_t, std::vector<std::uint8_t>>, int> id_numbers;  // → first row
  // Two passes: every row checked, against the community as it was before the import, then every
  // row written. Checking and writing row by row made PostgreSQL look ID numbers up in a table
  // this transaction keeps growing with a plan made while it was small (a scan per lookup:
  // hours for 10^6 rows in bench/registry). The rows are prepared again for writing rather than
  // kept prepared, so that a file of a million residents is not held twice in memory.
  for (const auto& row : rows) {
    auto resident = PrepareResident(row.resident, cipher_, today);
    if (!resident) {
      fail(row.row, resident.error());
      continue;
    }
    const std::int64_t household_id = row.resident.household_id.value();
    auto found = households.find(household_id);
    if (found == households.end()) {
      auto community = ReachHousehold(db, caller, row.resident.household_id);
      if (!community && community.error().code != ErrorCode::kInvalidArgument) {
        return std::unexpected(community.error());  // the database, not the row
      }
      found = households.emplace(household_id, std::move(community)).first;
    }
    if (!found->second) {
      fail(row.row, found->second.error());
      continue;
    }
    const CommunityId community = *found->second;
    resident->stored.community_id = community;
    if (const auto& index = resident->stored.id_number_index) {
      auto [first, inserted] =
          id_numbers.emplace(std::pair{community.value(), index->bytes}, row.row);
      if (!inserted) {
        fail(row.row,
             Error{ErrorCode::kConflict,
                   fmt::format("the ID number is on row {} of the file already", first->second),
                   "id_number"});
        continue;
      }
      auto taken = IdNumberTaken(db, community, *index);
      SHEQU_RETURN_IF_ERROR(taken);
      if (*taken) {
        fail(row.row, Error{ErrorCode::kConflict, kIdNumberTaken, "id_number"});
        continue;
      }
    }
  }
  // The transaction rolls back with nothing written.
  if (!report.errors.empty() || mode == ImportMode::kCheckOnly) return report;

  const Instant now = clock_.Now();
  std::map<std::int64_t, std::int64_t> per_community;
  for (const auto& row : rows) {
    auto resident = PrepareResident(row.resident, cipher_, today);
    SHEQU_RETURN_IF_ERROR(resident);  // it passed above; the nonces are new
    const CommunityId community = *households.at(row.resident.household_id.value());
    resident->stored.community_id = community;
    SHEQU_RETURN_IF_ERROR(WriteResident(db, *resident, now));
    ++per_community[community.value()];
  }

  // One audit row per community and file rather than per resident: a street's import of 10^5
  // residents is one act of one worker, and the residents' own rows carry created_at.
  for (const auto& [community, count] : per_community) {
    auth::AuditEntry entry = auth::AuditEntryBy(caller, now, origin);
    entry.action = "resident.import";
    entry.record_type = "resident";
    entry.community_id = CommunityId(community);
    entry.detail = fmt::format("{} residents imported", count);
    SHEQU_RETURN_IF_ERROR(audit_.Append(db, entry));
  }
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  report.imported = static_cast<std::int64_t>(rows.size());
  return report;
}

Result<ResidentRecord> RegistryService::Masked(const ResidentRow& row) const {
  ResidentRecord record = row.record;
  if (row.id_number_cipher) {
    auto plain = cipher_.Decrypt(row.id_number_cipher->bytes);
    SHEQU_RETURN_IF_ERROR(plain);
    record.id_number_masked = MaskIdNumber(*plain);
  }
  if (row.phone_cipher) {
    auto plain = cipher_.Decrypt(row.phone_cipher->bytes);
    SHEQU_RETURN_IF_ERROR(plain);
    record.phone_masked = MaskPhone(*plain);
  }
  return record;
}

Result<ResidentRecord> RegistryService::GetResident(const auth::Principal& caller, ResidentId id) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  auto row = FindResident(**connection, id);
  SHEQU_RETURN_IF_ERROR(row);
  if (!*row) return NotFound(NoSuch("resident", id.value()));
  SHEQU_RETURN_IF_ERROR(
      Reach(caller, Permission::kReadRegistry, (*row)->place, NoSuch("resident", id.value())));
  auto record = Masked(**row);
  SHEQU_RETURN_IF_ERROR(record);
  auto tags = ResidentTags(**connection, id);
  SHEQU_RETURN_IF_ERROR(tags);
  record->tags = std::move(*tags);
  return record;
}

Result<ResidentRecord> RegistryService::MoveOut(const auth::Principal& caller, ResidentId id,
                                                std::optional<CivilDate> moved_out_on,
                                                const auth::RequestOrigin& origin) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto row = FindResident(db, id);
  SHEQU_RETURN_IF_ERROR(row);
  if (!*row) return NotFound(NoSuch("resident", id.value()));
  SHEQU_RETURN_IF_ERROR(
      Reach(caller, Permission::kWriteRegistry, (*row)->place, NoSuch("resident", id.value())));
  if (!(*row)->record.moved_in_on) return Conflict("the resident has moved out already");
  const CivilDate today = Today();
  const CivilDate out = moved_out_on.value_or(today);
  if (out > today) return InvalidArgument("moved_out_on is in the future", "moved_out_on");
  if (out < *(*row)->record.moved_in_on) {
    return InvalidArgument("moved_out_on is before the resident moved in", "moved_out_on");
  }
  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto closed = CloseResidency(db, id, out, now);
  SHEQU_RETURN_IF_ERROR(closed);
  if (!*closed) return Conflict("the resident has moved out already");
  auth::AuditEntry entry = auth::AuditEntryBy(caller, now, origin);
  entry.action = "resident.move_out";
  entry.record_type = "resident";
  entry.record_id = std::to_string(id.value());
  entry.community_id = (*row)->record.community_id;
  SHEQU_RETURN_IF_ERROR(audit_.Append(db, entry));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  auto after = FindResident(db, id);
  SHEQU_RETURN_IF_ERROR(after);
  if (!*after) return Internal("the resident is gone");
  return Masked(**after);
}

Result<ResidentList> RegistryService::SearchResidents(const auth::Principal& caller,
                                                      const ResidentQuery& query) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kReadRegistry));
  if (query.page < 1 || query.page > 100000) {
    return InvalidArgument("page must be 1 or more", "page");
  }
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto scoped = ScopedFilter(db, caller, query.community);
  SHEQU_RETURN_IF_ERROR(scoped);
  ResidentFilter filter = std::move(*scoped);
  // An exact ID or phone number is found through its blind index; anything else is a name. The
  // shapes are told apart by ASCII digits, since a six-character Chinese name is 18 bytes too.
  if (!query.q.empty()) {
    const std::string_view q = query.q;
    const bool digits_only = q.find_first_not_of("0123456789") == std::string_view::npos;
    const bool id_shaped =
        (q.size() == 18 &&
         q.substr(0, 17).find_first_not_of("0123456789") == std::string_view::npos &&
         std::string_view("0123456789Xx").find(q[17]) != std::string_view::npos) ||
        (q.size() == 15 && digits_only);
    const bool phone_shaped = q.find_first_not_of("0123456789- ") == std::string_view::npos;
    if (id_shaped) {
      auto id_number = ParseIdNumber(q, Today());
      if (!id_number) return InvalidArgument(id_number.error().message, "q");
      filter.id_number_index = BlobOf(cipher_.BlindIndex(id_number->value));
    } else if (phone_shaped) {
      auto phone = NormalisePhone(q);
      if (!phone) return InvalidArgument(phone.error().message, "q");
      filter.phone_index = BlobOf(cipher_.BlindIndex(*phone));
    } else {
      if (q.size() > 128) return InvalidArgument("q is too long", "q");
      filter.name_contains = query.q;
    }
  }
  auto page = registry::SearchResidents(db, filter, (query.page - 1) * kPageSize, kPageSize);
  SHEQU_RETURN_IF_ERROR(page);
  ResidentList list{.total = page->total, .page = query.page, .page_size = kPageSize};
  for (const auto& row : page->rows) {
    auto record = Masked(row);
    SHEQU_RETURN_IF_ERROR(record);
    list.residents.push_back(std::move(*record));
  }
  return list;
}

Result<std::vector<ResidentRecord>> RegistryService::ExportResidents(
    const auth::Principal& caller, CommunityId community, const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kReadRegistry));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto filter = ScopedFilter(db, caller, community);
  SHEQU_RETURN_IF_ERROR(filter);
  auto page = registry::SearchResidents(db, *filter, 0, std::numeric_limits<int>::max());
  SHEQU_RETURN_IF_ERROR(page);
  std::vector<ResidentRecord> records;
  records.reserve(page->rows.size());
  for (const auto& row : page->rows) {
    auto record = Masked(row);
    SHEQU_RETURN_IF_ERROR(record);
    records.push_back(std::move(*record));
  }
  // A list of people leaving the system is worth a trace even when its numbers are masked.
  auth::AuditEntry entry = auth::AuditEntryBy(caller, clock_.Now(), origin);
  entry.action = "resident.export";
  entry.record_type = "resident";
  entry.community_id = community;
  entry.detail = fmt::format("{} residents exported", records.size());
  SHEQU_RETURN_IF_ERROR(audit_.Append(db, entry));
  return records;
}

Result<std::string> RegistryService::Reveal(const auth::Principal& caller, ResidentId id,
                                            PersonalField field,
                                            const auth::RequestOrigin& origin) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto row = FindResident(db, id);
  SHEQU_RETURN_IF_ERROR(row);
  if (!*row) return NotFound(NoSuch("resident", id.value()));
  SHEQU_RETURN_IF_ERROR(
      Reach(caller, Permission::kReadPersonalData, (*row)->place, NoSuch("resident", id.value())));
  const auto& cipher =
      field == PersonalField::kIdNumber ? (*row)->id_number_cipher : (*row)->phone_cipher;
  if (!cipher) return NotFound("the resident has no such number recorded");
  auto plain = cipher_.Decrypt(cipher->bytes);
  SHEQU_RETURN_IF_ERROR(plain);
  // The read is logged before the value leaves: no audit row, no value.
  auth::AuditEntry entry = auth::AuditEntryBy(caller, clock_.Now(), origin);
  entry.action =
      field == PersonalField::kIdNumber ? "resident.read_id_number" : "resident.read_phone";
  entry.record_type = "resident";
  entry.record_id = std::to_string(id.value());
  entry.community_id = (*row)->record.community_id;
  SHEQU_RETURN_IF_ERROR(audit_.Append(db, entry));
  return plain;
}

Result<PopulationStructure> RegistryService::Population(const auth::Principal& caller,
                                                        PopulationOf of, std::int64_t id) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  std::optional<auth::Place> place;
  std::string missing;
  switch (of) {
    case PopulationOf::kCommunity: {
      missing = NoSuch("community", id);
      auto found = FindCommunityPlace(db, CommunityId(id));
      SHEQU_RETURN_IF_ERROR(found);
      place = *found;
      break;
    }
    case PopulationOf::kGrid: {
      missing = NoSuch("grid", id);
      auto found = FindGridPlace(db, GridId(id));
      SHEQU_RETURN_IF_ERROR(found);
      place = *found;
      break;
    }
    case PopulationOf::kBuilding: {
      missing = NoSuch("building", id);
      auto found = FindBuilding(db, BuildingId(id));
      SHEQU_RETURN_IF_ERROR(found);
      if (*found) place = (*found)->second;
      break;
    }
    case PopulationOf::kStreet: {
      missing = NoSuch("street", id);
      auto found = StreetExists(db, StreetId(id));
      SHEQU_RETURN_IF_ERROR(found);
      if (*found) place = auth::Place{StreetId(id), {}, {}};
      break;
    }
  }
  if (!place) return NotFound(missing);
  // Counts, no personal data: whoever reads the dashboard of the place may see them.
  SHEQU_RETURN_IF_ERROR(Reach(caller, Permission::kReadDashboard, *place, missing));
  auto members = of == PopulationOf::kStreet
                     ? StreetPopulationMembers(db, place->street)
                     : PopulationMembers(
                           db, place->community, of == PopulationOf::kGrid ? GridId(id) : GridId(),
                           of == PopulationOf::kBuilding ? BuildingId(id) : BuildingId());
  SHEQU_RETURN_IF_ERROR(members);
  return ComputePopulation(*members, Today());
}

}  // namespace shequ::registry
