// HTTP for the dashboard: the counts of the caller's scope, from every module that has them.
#include <nlohmann/json.hpp>

#include "api/app_services.h"
#include "api/json_mapping.h"
#include "registry/place_repository.h"

namespace shequ::api {
namespace {

Response Dashboard(const AppServices& services, RequestContext& ctx) {
  const auth::Principal& caller = ctx.principal();
  const bool unrestricted = caller.role == auth::Role::kAdmin;
  auto connection = services.database.Acquire();
  if (!connection) return Response::Error(connection.error());
  auto places = registry::CountPlaces(**connection, caller.scope, unrestricted);
  if (!places) return Response::Error(places.error());
  auto activity = services.auth.CountInScope(caller, ShanghaiDate(services.clock.Now()));
  if (!activity) return Response::Error(activity.error());
  return Response::Json(200, {{"scope", ScopeJson(caller.scope, caller.scope_name)},
                              {"counts",
                               {{"streets", places->streets},
                                {"communities", places->communities},
                                {"grids", places->grids},
                                {"users", activity->users},
                                {"audit_events_today", activity->audit_events_on_day}}}});
}

}  // namespace

void RegisterDashboardRoutes(Router& router, const AppServices& services) {
  const AppServices* s = &services;
  router.Add({.method = Method::kGet,
              .path = "/api/v1/dashboard",
              .summary = "Counts of what lies in the caller's scope",
              .permission = auth::Permission::kReadDashboard,
              .tag = "dashboard",
              .handler = [s](RequestContext& ctx) { return Dashboard(*s, ctx); }});
}

}  // namespace shequ::api
