// SQL over the streets, communities and grids tables; the only place with SQL for them.
//
// Functions take the caller's connection so they join the caller's transaction. Listing and
// counting are filtered by an auth::Scope: the rows inside it and no others. Stateless.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.h"
#include "base/error.h"
#include "registry/place.h"
#include "store/connection.h"

namespace shequ::registry {

Result<Street> InsertStreet(store::Connection& db, std::string_view name, Instant now);
Result<Community> InsertCommunity(store::Connection& db, StreetId street, std::string_view name,
                                  Instant now);
// Sets a community's boundary: a GeoJSON Polygon or MultiPolygon (WGS 84), or null to clear it.
Status SetCommunityBoundary(store::Connection& db, CommunityId community,
                            std::optional<std::string> boundary_geojson);
Result<Grid> InsertGrid(store::Connection& db, CommunityId community, std::string_view name,
                        Instant now);

// `unrestricted` (an admin) sees every street; otherwise only what lies inside `scope`.
Result<std::vector<Community>> ListCommunities(store::Connection& db, const auth::Scope& scope,
                                               bool unrestricted);
// Grids by community name, grid name and id; each valid id narrows the list (a street's
// communities, one community, one grid). Scope rules are the caller's (RegistryService).
Result<std::vector<Grid>> ListGrids(store::Connection& db, StreetId street, CommunityId community,
                                    GridId grid);
Result<PlaceCounts> CountPlaces(store::Connection& db, const auth::Scope& scope, bool unrestricted);

// The scope of kind `kind` rooted at place `id` (a street, community or grid id), with every
// level above it filled in. kInvalidArgument naming "scope_id" when there is no such place.
Result<auth::Scope> ResolveScope(store::Connection& db, auth::ScopeKind kind, std::int64_t id);

}  // namespace shequ::registry
