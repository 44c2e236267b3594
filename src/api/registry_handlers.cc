// HTTP for registry/: the communities of the caller's scope (buildings, households and residents
// come with the registry issue).
#include <nlohmann/json.hpp>

#include "api/app_services.h"
#include "registry/place_repository.h"

namespace shequ::api {
namespace {

Response ListCommunities(const AppServices& services, RequestContext& ctx) {
  const auth::Principal& caller = ctx.principal();
  auto connection = services.database.Acquire();
  if (!connection) return Response::Error(connection.error());
  auto communities =
      registry::ListCommunities(**connection, caller.scope, caller.role == auth::Role::kAdmin);
  if (!communities) return Response::Error(communities.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& community : *communities) {
    list.push_back({{"id", community.id.value()},
                    {"street_id", community.street_id.value()},
                    {"name", community.name}});
  }
  return Response::Json(200, {{"communities", std::move(list)}});
}

}  // namespace

void RegisterRegistryRoutes(Router& router, const AppServices& services) {
  const AppServices* s = &services;
  router.Add({.method = Method::kGet,
              .path = "/api/v1/communities",
              .summary = "The communities in the caller's scope",
              .permission = auth::Permission::kReadDashboard,
              .tag = "registry",
              .handler = [s](RequestContext& ctx) { return ListCommunities(*s, ctx); }});
}

}  // namespace shequ::api
