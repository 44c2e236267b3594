#include "registry/place_repository.h"

#include <fmt/format.h>

namespace shequ::registry {
namespace {

// A WHERE clause over communities aliased `c`, with its one parameter, for a scope.
struct ScopeFilter {
  std::string sql;
  std::vector<store::Value> params;
};

ScopeFilter CommunityFilter(const auth::Scope& scope, bool unrestricted) {
  if (unrestricted) return {"1 = 1", {}};
  switch (scope.kind) {
    case auth::ScopeKind::kStreet:
      return {"c.street_id = ?", {scope.place.street.value()}};
    case auth::ScopeKind::kCommunity:
    case auth::ScopeKind::kGrid:
      return {"c.id = ?", {scope.place.community.value()}};
  }
  return {"1 = 0", {}};
}

}  // namespace

Result<Street> InsertStreet(store::Connection& db, std::string_view name, Instant now) {
  auto result = db.Query("INSERT INTO streets (name, created_at) VALUES (?, ?) RETURNING id",
                         {std::string(name), now});
  SHEQU_RETURN_IF_ERROR(result);
  return Street{StreetId(result->rows.at(0).GetInt(0)), std::string(name), now};
}

Result<Community> InsertCommunity(store::Connection& db, StreetId street, std::string_view name,
                                  Instant now) {
  auto result = db.Query(
      "INSERT INTO communities (street_id, name, created_at) VALUES (?, ?, ?) RETURNING id",
      {street.value(), std::string(name), now});
  SHEQU_RETURN_IF_ERROR(result);
  return Community{CommunityId(result->rows.at(0).GetInt(0)), street, std::string(name), now};
}

Status SetCommunityBoundary(store::Connection& db, CommunityId community,
                            std::optional<std::string> boundary_geojson) {
  auto updated = db.Query(
      "UPDATE communities SET boundary = ? WHERE id = ?",
      {boundary_geojson ? store::Value(std::move(*boundary_geojson)) : store::Value(store::kNull),
       community.value()});
  SHEQU_RETURN_IF_ERROR(updated);
  return {};
}

Result<Grid> InsertGrid(store::Connection& db, CommunityId community, std::string_view name,
                        Instant now) {
  auto result =
      db.Query("INSERT INTO grids (community_id, name, created_at) VALUES (?, ?, ?) RETURNING id",
               {community.value(), std::string(name), now});
  SHEQU_RETURN_IF_ERROR(result);
  return Grid{GridId(result->rows.at(0).GetInt(0)), community, std::string(name), now};
}

Result<std::vector<Community>> ListCommunities(store::Connection& db, const auth::Scope& scope,
                                               bool unrestricted) {
  const ScopeFilter filter = CommunityFilter(scope, unrestricted);
  auto result = db.Query(fmt::format("SELECT c.id, c.street_id, c.name, c.created_at "
                                     "FROM communities c WHERE {} ORDER BY c.name, c.id",
                                     filter.sql),
                         filter.params);
  SHEQU_RETURN_IF_ERROR(result);
  std::vector<Community> communities;
  communities.reserve(result->rows.size());
  for (const auto& row : result->rows) {
    communities.push_back(Community{CommunityId(row.GetInt(0)), StreetId(row.GetInt(1)),
                                    row.GetText(2), row.GetInt(3)});
  }
  return communities;
}

Result<std::vector<Grid>> ListGrids(store::Connection& db, StreetId street, CommunityId community,
                                    GridId grid) {
  std::string where = "1 = 1";
  std::vector<store::Value> params;
  if (street.valid()) {
    where += " AND c.street_id = ?";
    params.emplace_back(street.value());
  }
  if (community.valid()) {
    where += " AND c.id = ?";
    params.emplace_back(community.value());
  }
  if (grid.valid()) {
    where += " AND g.id = ?";
    params.emplace_back(grid.value());
  }
  auto result = db.Query(fmt::format("SELECT g.id, g.community_id, g.name, g.created_at "
                                     "FROM grids g JOIN communities c ON c.id = g.community_id "
                                     "WHERE {} ORDER BY c.name, g.name, g.id",
                                     where),
                         params);
  SHEQU_RETURN_IF_ERROR(result);
  std::vector<Grid> grids;
  grids.reserve(result->rows.size());
  for (const auto& row : result->rows) {
    grids.push_back(
        Grid{GridId(row.GetInt(0)), CommunityId(row.GetInt(1)), row.GetText(2), row.GetInt(3)});
  }
  return grids;
}

Result<PlaceCounts> CountPlaces(store::Connection& db, const auth::Scope& scope,
                                bool unrestricted) {
  const ScopeFilter filter = CommunityFilter(scope, unrestricted);
  // A grid worker's scope holds one grid; everyone else sees all grids of their communities.
  const bool one_grid = !unrestricted && scope.kind == auth::ScopeKind::kGrid;
  auto result = db.Query(
      fmt::format("SELECT COUNT(DISTINCT c.street_id), COUNT(DISTINCT c.id), "
                  "(SELECT COUNT(*) FROM grids g JOIN communities c ON c.id = g.community_id "
                  "WHERE {}{}) FROM communities c WHERE {}",
                  filter.sql, one_grid ? " AND g.id = ?" : "", filter.sql),
      [&] {
        std::vector<store::Value> params = filter.params;
        if (one_grid) params.emplace_back(scope.place.grid.value());
        params.insert(params.end(), filter.params.begin(), filter.params.end());
        return params;
      }());
  SHEQU_RETURN_IF_ERROR(result);
  const auto& row = result->rows.at(0);
  return PlaceCounts{row.GetInt(0), row.GetInt(1), row.GetInt(2)};
}

Result<auth::Scope> ResolveScope(store::Connection& db, auth::ScopeKind kind, std::int64_t id) {
  std::string_view sql;
  switch (kind) {
    case auth::ScopeKind::kStreet:
      sql = "SELECT s.id, 0, 0 FROM streets s WHERE s.id = ?";
      break;
    case auth::ScopeKind::kCommunity:
      sql = "SELECT c.street_id, c.id, 0 FROM communities c WHERE c.id = ?";
      break;
    case auth::ScopeKind::kGrid:
      sql =
          "SELECT c.street_id, c.id, g.id FROM grids g "
          "JOIN communities c ON c.id = g.community_id WHERE g.id = ?";
      break;
  }
  auto result = db.Query(sql, {id});
  SHEQU_RETURN_IF_ERROR(result);
  if (result->empty()) {
    return InvalidArgument(fmt::format("there is no {} with id {}", auth::ScopeKindName(kind), id),
                           "scope_id");
  }
  const auto& row = result->rows[0];
  return auth::Scope{
      .kind = kind,
      .place = {StreetId(row.GetInt(0)), CommunityId(row.GetInt(1)), GridId(row.GetInt(2))}};
}

}  // namespace shequ::registry
