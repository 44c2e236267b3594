// RegistryService's imports of buildings and households, and the lookup of households by address
// that the resident import uses. Places are named as workers type them (a community's name, a
// building's number) and resolved here, inside the caller's scope; the field rules are those of
// CreateBuilding and CreateHousehold (CheckBuildingFields, CheckHouseholdFields).
#include <fmt/format.h>

#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "auth/permissions.h"
#include "registry/internal/reach.h"
#include "registry/registry_repository.h"
#include "registry/registry_service.h"
#include "store/transaction.h"

namespace shequ::registry {
namespace {

using auth::Permission;
using internal::InReach;

// A row's fault in the service's terms, which the file layer turns into a report line.
Error Fault(std::string_view column, std::string message) {
  return Error{ErrorCode::kInvalidArgument, std::move(message), std::string(column)};
}

// Communities named in a file, resolved once each. A database failure is kept apart from the
// row faults: it ends the import.
class CommunityResolver {
 public:
  CommunityResolver(store::Connection& db, const auth::Principal& caller)
      : db_(db), caller_(caller) {}

  // The community `name` names for the caller (their own when empty); a fault naming
  // "community" when it names none or several in the scope.
  Result<Result<auth::Place>> Resolve(const std::string& name) {
    auto found = cache_.find(name);
    if (found != cache_.end()) return found->second;
    auto resolved = Lookup(name);
    SHEQU_RETURN_IF_ERROR(resolved);
    return cache_.emplace(name, std::move(*resolved)).first->second;
  }

 private:
  // A row fault as the inner Result (the outer one is for the database).
  static Result<auth::Place> Refused(Error fault) { return std::unexpected(std::move(fault)); }

  Result<Result<auth::Place>> Lookup(const std::string& name) {
    const bool admin = caller_.role == auth::Role::kAdmin;
    const auth::Scope& scope = caller_.scope;
    const bool one_community = !admin && scope.kind != auth::ScopeKind::kStreet;
    if (name.empty()) {
      if (one_community) return auth::Place{scope.place.street, scope.place.community, {}};
      return Refused(Fault("community", "name the community: your scope has several"));
    }
    auto places = FindCommunitiesNamed(db_, name);
    SHEQU_RETURN_IF_ERROR(places);
    std::vector<auth::Place> reached;
    for (const auto& place : *places) {
      const bool in_scope = admin || (scope.kind == auth::ScopeKind::kStreet
                                          ? place.street == scope.place.street
                                          : place.community == scope.place.community);
      if (in_scope) reached.push_back(place);
    }
    if (reached.empty()) {
      return Refused(
          Fault("community", fmt::format("there is no community '{}' in your scope", name)));
    }
    if (reached.size() > 1) {
      return Refused(
          Fault("community", fmt::format("{} communities are called '{}'", reached.size(), name)));
    }
    return reached.front();
  }

  store::Connection& db_;
  const auth::Principal& caller_;
  std::map<std::string, Result<auth::Place>> cache_;
};

// Buildings named by number, resolved once each: the building and its place when the caller may
// write to it, else a fault naming "building" (one outside the scope reads as missing).
class BuildingResolver {
 public:
  BuildingResolver(store::Connection& db, const auth::Principal& caller)
      : db_(db), caller_(caller) {}

  Result<Result<Building>> Resolve(const auth::Place& community, const std::string& number) {
    const auto key = std::pair{community.community.value(), number};
    auto found = cache_.find(key);
    if (found != cache_.end()) return found->second;
    auto building = FindBuildingNumbered(db_, community.community, number);
    SHEQU_RETURN_IF_ERROR(building);
    Result<Building> resolved =
        std::unexpected(Fault("building", fmt::format("there is no building '{}' in your scope "
                                                      "in this community",
                                                      number)));
    if (*building && InReach(caller_, (*building)->second)) resolved = (*building)->first;
    return cache_.emplace(key, std::move(resolved)).first->second;
  }

 private:
  store::Connection& db_;
  const auth::Principal& caller_;
  std::map<std::pair<std::int64_t, std::string>, Result<Building>> cache_;
};

// Writes the checked records of an import with `insert`, then one "<kind>.import" audit row per
// community ("12 buildings imported"), and commits. Returns how many were written.
template <typename Record, typename Insert>
Result<std::int64_t> StoreImported(store::Connection& db, store::Transaction& tx,
                                   const auth::AuditLog& audit, const auth::Principal& caller,
                                   Instant now, const auth::RequestOrigin& origin,
                                   std::string_view kind, const std::vector<Record>& checked,
                                   Insert insert) {
  std::map<std::int64_t, std::int64_t> per_community;
  for (const Record& record : checked) {
    SHEQU_RETURN_IF_ERROR(insert(db, record, now));
    ++per_community[record.community_id.value()];
  }
  for (const auto& [community, count] : per_community) {
    auth::AuditEntry entry = auth::AuditEntryBy(caller, now, origin);
    entry.action = fmt::format("{}.import", kind);
    entry.record_type = std::string(kind);
    entry.community_id = CommunityId(community);
    entry.detail = fmt::format("{} {}s imported", count, kind);
    SHEQU_RETURN_IF_ERROR(audit.Append(db, entry));
  }
  SHEQU_RETURN_IF_ERROR(tx.Commit());
  return static_cast<std::int64_t>(checked.size());
}

}  // namespace

Result<ResidentImportReport> RegistryService::ImportBuildings(
    const auth::Principal& caller, std::span<const BuildingImportRow> rows,
    const auth::RequestOrigin& origin, ImportMode mode) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kWriteRegistry));
  ResidentImportReport report;
  const auto fail = [&report](int row, const Error& error) {
    report.errors.push_back({row, error.field, error.message});
  };
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  // Checked inside the transaction that stores, so no building can take a number in between.
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  CommunityResolver communities(db, caller);
  std::map<std::pair<std::int64_t, std::string>, Result<GridId>> grids;
  std::map<std::pair<std::int64_t, std::string>, int> numbers;  // (community, number) → row
  std::vector<Building> checked;
  checked.reserve(rows.size());
  for (const auto& row : rows) {
    if (auto valid = CheckBuildingFields(row.building); !valid) {
      fail(row.row, valid.error());
      continue;
    }
    auto community = communities.Resolve(row.community);
    SHEQU_RETURN_IF_ERROR(community);
    if (!*community) {
      fail(row.row, community->error());
      continue;
    }
    auth::Place place = **community;
    if (!row.grid.empty()) {
      const auto key = std::pair{place.community.value(), row.grid};
      auto grid = grids.find(key);
      if (grid == grids.end()) {
        auto found = FindGridNamed(db, place.community, row.grid);
        SHEQU_RETURN_IF_ERROR(found);
        Result<GridId> resolved =
            std::unexpected(Fault("grid", fmt::format("the community has no grid '{}'", row.grid)));
        if (*found) resolved = **found;
        grid = grids.emplace(key, std::move(resolved)).first;
      }
      if (!grid->second) {
        fail(row.row, grid->second.error());
        continue;
      }
      place.grid = *grid->second;
    }
    if (!InReach(caller, place)) {
      // Only a grid worker gets here: their community, another grid (or none).
      fail(row.row, Fault("grid", "the building would lie outside your grid"));
      continue;
    }
    auto [first, inserted] =
        numbers.emplace(std::pair{place.community.value(), row.building.number}, row.row);
    if (!inserted) {
      fail(row.row, Fault("number", fmt::format("the number is on row {} of the file already",
                                                first->second)));
      continue;
    }
    auto taken = FindBuildingNumbered(db, place.community, row.building.number);
    SHEQU_RETURN_IF_ERROR(taken);
    if (*taken) {
      fail(row.row, Fault("number", "the community has a building with this number already"));
      continue;
    }
    Building building = row.building;
    building.community_id = place.community;
    building.grid_id = place.grid;
    checked.push_back(std::move(building));
  }
  // The transaction rolls back with nothing written.
  if (!report.errors.empty() || mode == ImportMode::kCheckOnly) return report;

  auto imported = StoreImported(db, *tx, audit_, caller, clock_.Now(), origin, "building", checked,
                                [](store::Connection& c, const auto& record, Instant now) {
                                  return InsertBuilding(c, record, now);
                                });
  SHEQU_RETURN_IF_ERROR(imported);
  report.imported = *imported;
  return report;
}

Result<ResidentImportReport> RegistryService::ImportHouseholds(
    const auth::Principal& caller, std::span<const HouseholdImportRow> rows,
    const auth::RequestOrigin& origin, ImportMode mode) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kWriteRegistry));
  ResidentImportReport report;
  const auto fail = [&report](int row, const Error& error) {
    report.errors.push_back({row, error.field, error.message});
  };
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  CommunityResolver communities(db, caller);
  BuildingResolver buildings(db, caller);
  // (building, unit, room) → the row that has it first
  std::map<std::tuple<std::int64_t, std::string, std::string>, int> rooms;
  std::vector<Household> checked;
  checked.reserve(rows.size());
  for (const auto& row : rows) {
    if (auto valid = CheckHouseholdFields(row.household); !valid) {
      fail(row.row, valid.error());
      continue;
    }
    auto community = communities.Resolve(row.community);
    SHEQU_RETURN_IF_ERROR(community);
    if (!*community) {
      fail(row.row, community->error());
      continue;
    }
    auto building = buildings.Resolve(**community, row.building);
    SHEQU_RETURN_IF_ERROR(building);
    if (!*building) {
      fail(row.row, building->error());
      continue;
    }
    if ((*building)->floors && row.household.floor > *(*building)->floors) {
      fail(row.row,
           Fault("floor", fmt::format("the building has {} floors", *(*building)->floors)));
      continue;
    }
    const BuildingId building_id = (*building)->id;
    auto [first, inserted] = rooms.emplace(
        std::tuple{building_id.value(), row.household.unit, row.household.room}, row.row);
    if (!inserted) {
      fail(row.row, Fault("room", fmt::format("the unit and room are on row {} of the file "
                                              "already",
                                              first->second)));
      continue;
    }
    auto taken = FindHouseholdAt(db, building_id, row.household.unit, row.household.room);
    SHEQU_RETURN_IF_ERROR(taken);
    if (*taken) {
      fail(row.row, Fault("room", "the building has this unit and room already"));
      continue;
    }
    Household household = row.household;
    household.building_id = building_id;
    household.community_id = (*building)->community_id;
    checked.push_back(std::move(household));
  }
  if (!report.errors.empty() || mode == ImportMode::kCheckOnly) return report;

  auto imported = StoreImported(db, *tx, audit_, caller, clock_.Now(), origin, "household", checked,
                                [](store::Connection& c, const auto& record, Instant now) {
                                  return InsertHousehold(c, record, now);
                                });
  SHEQU_RETURN_IF_ERROR(imported);
  report.imported = *imported;
  return report;
}

Result<std::vector<Result<HouseholdId>>> RegistryService::LocateHouseholds(
    const auth::Principal& caller, std::span<const HouseholdAddress> addresses) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kWriteRegistry));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  CommunityResolver communities(db, caller);
  BuildingResolver buildings(db, caller);
  std::vector<Result<HouseholdId>> located;
  located.reserve(addresses.size());
  for (const auto& address : addresses) {
    auto community = communities.Resolve(address.community);
    SHEQU_RETURN_IF_ERROR(community);
    if (!*community) {
      located.push_back(std::unexpected(community->error()));
      continue;
    }
    auto building = buildings.Resolve(**community, address.building);
    SHEQU_RETURN_IF_ERROR(building);
    if (!*building) {
      located.push_back(std::unexpected(building->error()));
      continue;
    }
    auto household = FindHouseholdAt(db, (*building)->id, address.unit, address.room);
    SHEQU_RETURN_IF_ERROR(household);
    if (!*household) {
      located.push_back(std::unexpected(Fault(
          "room", address.unit.empty()
                      ? fmt::format("building {} has no room {}", address.building, address.room)
                      : fmt::format("building {} has no room {} in unit {}", address.building,
                                    address.room, address.unit))));
    } else if (!(*household)->second) {
      located.push_back(std::unexpected(Fault("room", "that household is closed")));
    } else {
      located.push_back((*household)->first);
    }
  }
  return located;
}

}  // namespace shequ::registry
