// RegistryService's editing, map, export and resident-account use cases (the block of
// registry_service.h marked "Editing"), and LinkResidentAccount for the command line.
#include <fmt/format.h>

#include <string>
#include <utility>
#include <vector>

#include "auth/permissions.h"
#include "auth/user_repository.h"
#include "registry/building_footprint.h"
#include "registry/id_number.h"
#include "registry/internal/reach.h"
#include "registry/registry_repository.h"
#include "registry/registry_service.h"
#include "store/transaction.h"

namespace shequ::registry {
namespace {

using auth::Permission;
using internal::NoSuch;
using internal::Reach;

std::unexpected<Error> NotFoundAt(std::string message, std::string field) {
  return std::unexpected(Error{ErrorCode::kNotFound, std::move(message), std::move(field)});
}

store::Blob BlobOf(std::vector<std::uint8_t> bytes) { return store::Blob{std::move(bytes)}; }

constexpr const char* kNothingToChange = "nothing to change: give at least one field";

// The audit row of an update of a `record_type` ("building", ...): which fields changed
// ("fields=number,floors"), never their values.
auth::AuditEntry UpdateEntry(const auth::Principal& caller, Instant now,
                             const auth::RequestOrigin& origin, std::string_view record_type,
                             std::int64_t record_id, CommunityId community,
                             const std::vector<std::string_view>& fields) {
  auth::AuditEntry entry = auth::AuditEntryBy(caller, now, origin);
  entry.action = fmt::format("{}.update", record_type);
  entry.record_type = std::string(record_type);
  entry.record_id = std::to_string(record_id);
  entry.community_id = community;
  entry.detail = fmt::format("fields={}", fmt::join(fields, ","));
  return entry;
}

// The community a list covers and the grid it narrows to (a grid worker's), checked against the
// caller's scope with `permission`: kNotFound outside it.
struct ListScope {
  CommunityId community;
  GridId grid;
};

Result<ListScope> ScopeOfList(store::Connection& db, const auth::Principal& caller,
                              CommunityId community, Permission permission) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, permission));
  if (!community.valid()) community = caller.scope.place.community;
  if (!community.valid()) return InvalidArgument("name a community", "community");
  auto place = FindCommunityPlace(db, community);
  SHEQU_RETURN_IF_ERROR(place);
  if (!*place) return NotFound(NoSuch("community", community.value()));
  ListScope scope{community, {}};
  auth::Place target = **place;
  if (caller.role != auth::Role::kAdmin && caller.scope.kind == auth::ScopeKind::kGrid) {
    scope.grid = caller.scope.place.grid;
    target.grid = scope.grid;
  }
  SHEQU_RETURN_IF_ERROR(Reach(caller, permission, target, NoSuch("community", community.value())));
  return scope;
}

}  // namespace

Result<Building> RegistryService::UpdateBuilding(const auth::Principal& caller, BuildingId id,
                                                 const BuildingChanges& changes,
                                                 const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kWriteRegistry));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto found = FindBuilding(db, id);
  SHEQU_RETURN_IF_ERROR(found);
  const std::string missing = NoSuch("building", id.value());
  if (!*found) return NotFound(missing);
  SHEQU_RETURN_IF_ERROR(Reach(caller, Permission::kWriteRegistry, (*found)->second, missing));

  Building updated = (*found)->first;
  std::vector<std::string_view> fields;
  const auto change = [&fields](auto& target, const auto& value, std::string_view name) {
    if (!value) return;
    target = *value;
    fields.push_back(name);
  };
  change(updated.number, changes.number, "number");
  change(updated.address, changes.address, "address");
  if (changes.grid_id) {
    updated.grid_id = changes.grid_id->value_or(GridId());
    fields.push_back("grid_id");
  }
  change(updated.floors, changes.floors, "floors");
  change(updated.has_elevator, changes.has_elevator, "has_elevator");
  change(updated.year_built, changes.year_built, "year_built");
  change(updated.units, changes.units, "units");
  change(updated.latitude, changes.latitude, "latitude");
  change(updated.longitude, changes.longitude, "longitude");
  if (changes.footprint) {
    updated.footprint = std::nullopt;
    if (*changes.footprint) {
      auto footprint = CheckFootprint(**changes.footprint);
      SHEQU_RETURN_IF_ERROR(footprint);
      updated.footprint = std::move(*footprint);
    }
    fields.push_back("footprint");
  }
  if (fields.empty()) return InvalidArgument(kNothingToChange);
  SHEQU_RETURN_IF_ERROR(CheckBuildingFields(updated));

  // The building's new place must be one the caller may write to: a grid of the same community
  // in their scope (a grid worker cannot move a building out of their grid).
  auth::Place place = (*found)->second;
  if (changes.grid_id) {
    place.grid = updated.grid_id;
    if (updated.grid_id.valid()) {
      auto grid = FindGridPlace(db, updated.grid_id);
      SHEQU_RETURN_IF_ERROR(grid);
      if (!*grid || (*grid)->community != updated.community_id) {
        return InvalidArgument("the grid is not one of the community's", "grid_id");
      }
    }
    if (!Reach(caller, Permission::kWriteRegistry, place, missing)) {
      return InvalidArgument("the building may not leave your grid", "grid_id");
    }
  }

  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  if (changes.number) {
    auto taken =
        db.Query("SELECT 1 FROM buildings WHERE community_id = ? AND number = ? AND id <> ?",
                 {updated.community_id.value(), updated.number, id.value()});
    SHEQU_RETURN_IF_ERROR(taken);
    if (!taken->empty()) {
      return Conflict("the community has a building with this number already", "number");
    }
  }
  SHEQU_RETURN_IF_ERROR(registry::UpdateBuilding(db, updated, now));
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db, UpdateEntry(caller, now, origin, "building", id.value(), updated.community_id, fields)));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return updated;
}

Result<Household> RegistryService::UpdateHousehold(const auth::Principal& caller, HouseholdId id,
                                                   const HouseholdChanges& changes,
                                                   const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kWriteRegistry));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto found = FindHousehold(db, id);
  SHEQU_RETURN_IF_ERROR(found);
  const std::string missing = NoSuch("household", id.value());
  if (!*found) return NotFound(missing);
  SHEQU_RETURN_IF_ERROR(Reach(caller, Permission::kWriteRegistry, (*found)->second, missing));

  Household updated = (*found)->first;
  std::vector<std::string_view> fields;
  if (changes.unit) {
    updated.unit = *changes.unit;
    fields.push_back("unit");
  }
  if (changes.floor) {
    updated.floor = *changes.floor;
    fields.push_back("floor");
  }
  if (changes.room) {
    updated.room = *changes.room;
    fields.push_back("room");
  }
  if (changes.floor_area_dm2) {
    updated.floor_area_dm2 = *changes.floor_area_dm2;
    fields.push_back("floor_area_m2");
  }
  if (fields.empty()) return InvalidArgument(kNothingToChange);
  SHEQU_RETURN_IF_ERROR(CheckHouseholdFields(updated));

  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  if (changes.unit || changes.room) {
    auto taken = db.Query(
        "SELECT 1 FROM households WHERE building_id = ? AND unit = ? AND room = ? AND id <> ?",
        {updated.building_id.value(), updated.unit, updated.room, id.value()});
    SHEQU_RETURN_IF_ERROR(taken);
    if (!taken->empty()) return Conflict("the building has this unit and room already", "room");
  }
  SHEQU_RETURN_IF_ERROR(registry::UpdateHousehold(db, updated, now));
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db, UpdateEntry(caller, now, origin, "household", id.value(), updated.community_id, fields)));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return updated;
}

Result<ResidentRecord> RegistryService::UpdateResident(const auth::Principal& caller, ResidentId id,
                                                       const ResidentChanges& changes,
                                                       const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kWriteRegistry));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto found = FindResident(db, id);
  SHEQU_RETURN_IF_ERROR(found);
  const std::string missing = NoSuch("resident", id.value());
  if (!*found) return NotFound(missing);
  const ResidentRow& row = **found;
  SHEQU_RETURN_IF_ERROR(Reach(caller, Permission::kWriteRegistry, row.place, missing));
  const CivilDate today = Today();

  // What is stored now, with the blind indexes recomputed from the clear numbers.
  StoredResident stored{.community_id = row.record.community_id,
                        .name = row.record.name,
                        .sex = row.record.sex,
                        .birth_date = row.record.birth_date,
                        .id_number_cipher = row.id_number_cipher,
                        .phone_cipher = row.phone_cipher,
                        .residence_status = row.record.residence_status};
  std::optional<IdNumber> stored_id_number;
  if (row.id_number_cipher) {
    auto plain = cipher_.Decrypt(row.id_number_cipher->bytes);
    SHEQU_RETURN_IF_ERROR(plain);
    stored.id_number_index = BlobOf(cipher_.BlindIndex(*plain));
    // A stored number was checked on the way in; parsing it again gives its birth date and sex.
    if (auto parsed = ParseIdNumber(*plain, today)) stored_id_number = std::move(*parsed);
  }
  if (row.phone_cipher) {
    auto plain = cipher_.Decrypt(row.phone_cipher->bytes);
    SHEQU_RETURN_IF_ERROR(plain);
    stored.phone_index = BlobOf(cipher_.BlindIndex(*plain));
  }

  std::vector<std::string_view> fields;
  if (changes.name) {
    if (changes.name->empty()) return InvalidArgument("name is required", "name");
    if (changes.name->size() > 128) return InvalidArgument("name is too long", "name");
    stored.name = *changes.name;
    fields.push_back("name");
  }
  if (changes.sex) fields.push_back("sex");
  if (changes.birth_date) fields.push_back("birth_date");
  bool new_id_number = false;
  if (changes.id_number && *changes.id_number) {
    // A new number decides birth date and sex; what else was typed must agree with it.
    auto id_number = ParseIdNumber(**changes.id_number, today);
    SHEQU_RETURN_IF_ERROR(id_number);
    SHEQU_RETURN_IF_ERROR(CheckAgainst(*id_number, changes.birth_date, changes.sex));
    stored.sex = id_number->sex;
    stored.birth_date = id_number->birth_date;
    stored.id_number_cipher = BlobOf(cipher_.Encrypt(id_number->value));
    stored.id_number_index = BlobOf(cipher_.BlindIndex(id_number->value));
    new_id_number = true;
    fields.push_back("id_number");
  } else {
    const bool clearing = changes.id_number.has_value();
    if (clearing) {
      stored.id_number_cipher.reset();
      stored.id_number_index.reset();
      fields.push_back("id_number");
    } else if (stored_id_number) {
      // The number kept on record still decides: a birth date or sex must agree with it.
      SHEQU_RETURN_IF_ERROR(CheckAgainst(*stored_id_number, changes.birth_date, changes.sex));
    }
    if (changes.sex) stored.sex = *changes.sex;
    if (changes.birth_date) {
      if (*changes.birth_date > today) {
        return InvalidArgument("birth_date is in the future", "birth_date");
      }
      stored.birth_date = *changes.birth_date;
    }
  }
  if (changes.phone) {
    stored.phone_cipher.reset();
    stored.phone_index.reset();
    if (*changes.phone) {
      auto phone = NormalisePhone(**changes.phone);
      SHEQU_RETURN_IF_ERROR(phone);
      stored.phone_cipher = BlobOf(cipher_.Encrypt(*phone));
      stored.phone_index = BlobOf(cipher_.BlindIndex(*phone));
    }
    fields.push_back("phone");
  }
  if (changes.residence_status) {
    stored.residence_status = *changes.residence_status;
    fields.push_back("residence_status");
  }
  if (changes.relation_to_head) {
    if (!IsRelationToHead(*changes.relation_to_head)) {
      return InvalidArgument("unknown relation to the household head", "relation_to_head");
    }
    if (!row.record.moved_in_on) {
      return Conflict("the resident has moved out: there is no household to relate to",
                      "relation_to_head");
    }
    fields.push_back("relation_to_head");
  }
  if (changes.tags) {
    SHEQU_RETURN_IF_ERROR(CheckResidentTags(*changes.tags));
    fields.push_back("tags");
  }
  if (fields.empty()) return InvalidArgument(kNothingToChange);

  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  if (new_id_number) {
    auto taken = IdNumberTakenByOther(db, stored.community_id, *stored.id_number_index, id);
    SHEQU_RETURN_IF_ERROR(taken);
    if (*taken) {
      return Conflict("a resident with this ID number is registered in the community already",
                      "id_number");
    }
  }
  SHEQU_RETURN_IF_ERROR(registry::UpdateResident(db, id, stored, now));
  if (changes.relation_to_head) {
    auto updated = UpdateRelationToHead(db, id, *changes.relation_to_head, now);
    SHEQU_RETURN_IF_ERROR(updated);
    if (!*updated) return Conflict("the resident has moved out", "relation_to_head");
  }
  if (changes.tags) {
    SHEQU_RETURN_IF_ERROR(DeleteResidentTags(db, id));
    for (const auto& tag : *changes.tags) {
      SHEQU_RETURN_IF_ERROR(InsertResidentTag(db, stored.community_id, id, tag, now));
    }
  }
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db, UpdateEntry(caller, now, origin, "resident", id.value(), stored.community_id, fields)));
  SHEQU_RETURN_IF_ERROR(tx->Commit());

  auto after = FindResident(db, id);
  SHEQU_RETURN_IF_ERROR(after);
  if (!*after) return Internal("the resident just updated is gone");
  auto record = Masked(**after);
  SHEQU_RETURN_IF_ERROR(record);
  auto tags = ResidentTags(db, id);
  SHEQU_RETURN_IF_ERROR(tags);
  record->tags = std::move(*tags);
  return record;
}

Result<std::vector<BuildingOccupancy>> RegistryService::ListBuildingOccupancy(
    const auth::Principal& caller, CommunityId community, bool located_only) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  auto scope = ScopeOfList(**connection, caller, community, Permission::kReadRegistry);
  SHEQU_RETURN_IF_ERROR(scope);
  return registry::ListBuildingOccupancy(**connection, scope->community, scope->grid, located_only);
}

Result<std::vector<BuildingOccupancy>> RegistryService::ExportBuildings(
    const auth::Principal& caller, CommunityId community, const auth::RequestOrigin& origin) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto scope = ScopeOfList(db, caller, community, Permission::kReadRegistry);
  SHEQU_RETURN_IF_ERROR(scope);
  auto buildings = registry::ListBuildingOccupancy(db, scope->community, scope->grid, false);
  SHEQU_RETURN_IF_ERROR(buildings);
  auth::AuditEntry entry = auth::AuditEntryBy(caller, clock_.Now(), origin);
  entry.action = "building.export";
  entry.record_type = "building";
  entry.community_id = scope->community;
  entry.detail = fmt::format("{} buildings exported", buildings->size());
  SHEQU_RETURN_IF_ERROR(audit_.Append(db, entry));
  return buildings;
}

Result<std::vector<HouseholdOccupancy>> RegistryService::ExportHouseholds(
    const auth::Principal& caller, BuildingId building, CommunityId community,
    const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kReadRegistry));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  Result<std::vector<HouseholdOccupancy>> households;
  if (building.valid()) {
    auto found = FindBuilding(db, building);
    SHEQU_RETURN_IF_ERROR(found);
    const std::string missing = NoSuch("building", building.value());
    if (!*found) return NotFound(missing);
    SHEQU_RETURN_IF_ERROR(Reach(caller, Permission::kReadRegistry, (*found)->second, missing));
    community = (*found)->first.community_id;
    households = registry::ListHouseholds(db, building);
    SHEQU_RETURN_IF_ERROR(households);
    for (auto& household : *households) household.building_number = (*found)->first.number;
  } else {
    auto scope = ScopeOfList(db, caller, community, Permission::kReadRegistry);
    SHEQU_RETURN_IF_ERROR(scope);
    community = scope->community;
    households = ListCommunityHouseholds(db, scope->community, scope->grid);
    SHEQU_RETURN_IF_ERROR(households);
  }
  auth::AuditEntry entry = auth::AuditEntryBy(caller, clock_.Now(), origin);
  entry.action = "household.export";
  entry.record_type = "household";
  entry.community_id = community;
  entry.detail = fmt::format("{} households exported", households->size());
  SHEQU_RETURN_IF_ERROR(audit_.Append(db, entry));
  return households;
}

Result<ResidentAccount> RegistryService::CreateResidentAccount(const auth::Principal& caller,
                                                               ResidentId id,
                                                               const auth::NewUser& user,
                                                               auth::AuthService& accounts,
                                                               const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kManageResidentAccounts));
  const std::string missing = NoSuch("resident", id.value());
  constexpr const char* kHasAccount = "the resident has an account already";
  auth::NewUser account = user;
  CommunityId community;
  {
    // Looked up with a connection that is given back before the slow password hash.
    auto connection = database_.Acquire();
    SHEQU_RETURN_IF_ERROR(connection);
    auto found = FindResident(**connection, id);
    SHEQU_RETURN_IF_ERROR(found);
    if (!*found) return NotFound(missing);
    SHEQU_RETURN_IF_ERROR(
        Reach(caller, Permission::kManageResidentAccounts, (*found)->place, missing));
    if (!(*found)->record.moved_in_on) {
      return Conflict("the resident has moved out; an account would show no household");
    }
    auto linked = ResidentHasAccount(**connection, id);
    SHEQU_RETURN_IF_ERROR(linked);
    if (*linked) return Conflict(kHasAccount);
    community = (*found)->record.community_id;
    account.role = auth::Role::kResident;
    account.scope = {auth::ScopeKind::kCommunity, {(*found)->place.street, community, {}}};
    if (account.display_name.empty()) account.display_name = (*found)->record.name;
  }
  auto prepared = accounts.PrepareUser(account);
  SHEQU_RETURN_IF_ERROR(prepared);

  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  // Again inside the transaction: another worker may have been quicker.
  auto linked = ResidentHasAccount(db, id);
  SHEQU_RETURN_IF_ERROR(linked);
  if (*linked) return Conflict(kHasAccount);
  auto stored = accounts.StoreUserIn(db, *prepared, auth::AuditEntryBy(caller, now, origin));
  SHEQU_RETURN_IF_ERROR(stored);
  SHEQU_RETURN_IF_ERROR(InsertResidentAccount(db, stored->id, community, id, now));
  auth::AuditEntry entry = auth::AuditEntryBy(caller, now, origin);
  entry.action = "resident.create_account";
  entry.record_type = "resident";
  entry.record_id = std::to_string(id.value());
  entry.community_id = community;
  entry.detail = fmt::format("user={}", stored->id.value());
  SHEQU_RETURN_IF_ERROR(audit_.Append(db, entry));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return ResidentAccount{*stored, id};
}

Result<OwnHousehold> RegistryService::OwnHouseholdOf(const auth::Principal& caller) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kReadOwnHousehold));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto linked = FindLinkedResident(db, caller.user_id);
  SHEQU_RETURN_IF_ERROR(linked);
  if (!*linked) {
    return NotFoundAt(
        "your account is not linked to a resident of the registry; ask your "
        "community",
        "account");
  }
  auto resident = FindResident(db, **linked);
  SHEQU_RETURN_IF_ERROR(resident);
  if (!*resident || !(*resident)->record.household_id.valid()) {
    return NotFoundAt("the registry has you living in no household now", "household");
  }
  auto household = FindHousehold(db, (*resident)->record.household_id);
  SHEQU_RETURN_IF_ERROR(household);
  if (!*household) return NotFoundAt("your household is closed", "household");
  auto building = FindBuilding(db, (*household)->first.building_id);
  SHEQU_RETURN_IF_ERROR(building);
  if (!*building) return Internal("the household's building is gone");
  auto rows = HouseholdResidents(db, (*household)->first.id);
  SHEQU_RETURN_IF_ERROR(rows);
  OwnHousehold own{(*household)->first, (*building)->first, {}};
  for (const auto& row : *rows) {
    auto record = Masked(row);
    SHEQU_RETURN_IF_ERROR(record);
    auto tags = ResidentTags(db, row.record.id);
    SHEQU_RETURN_IF_ERROR(tags);
    record->tags = std::move(*tags);
    own.residents.push_back(std::move(*record));
  }
  return own;
}

Status LinkResidentAccount(store::Connection& connection, UserId user, ResidentId resident,
                           Instant now) {
  auto account = auth::UserRepository().FindById(connection, user);
  SHEQU_RETURN_IF_ERROR(account);
  if (!*account) return InvalidArgument(fmt::format("there is no user {}", user.value()), "user");
  // A volunteer's login is linked too: their hours go to the resident's time-bank account.
  if ((*account)->role != auth::Role::kResident && (*account)->role != auth::Role::kVolunteer) {
    return InvalidArgument("only an account of role resident or volunteer is linked to a resident",
                           "user");
  }
  auto found = FindResident(connection, resident);
  SHEQU_RETURN_IF_ERROR(found);
  if (!*found) {
    return InvalidArgument(fmt::format("there is no resident {}", resident.value()), "resident");
  }
  auto linked_user = FindLinkedResident(connection, user);
  SHEQU_RETURN_IF_ERROR(linked_user);
  if (*linked_user) return Conflict("the account is linked to a resident already", "user");
  auto linked_resident = ResidentHasAccount(connection, resident);
  SHEQU_RETURN_IF_ERROR(linked_resident);
  if (*linked_resident) return Conflict("the resident has an account already", "resident");
  const CommunityId community = (*found)->record.community_id;
  SHEQU_RETURN_IF_ERROR(InsertResidentAccount(connection, user, community, resident, now));
  auth::AuditEntry entry;
  entry.at = now;
  entry.login = "system";
  entry.action = "resident.link_account";
  entry.record_type = "resident";
  entry.record_id = std::to_string(resident.value());
  entry.community_id = community;
  entry.remote_address = "cli";
  entry.detail = fmt::format("user={}", user.value());
  return auth::AuditLog().Append(connection, entry);
}

}  // namespace shequ::registry
