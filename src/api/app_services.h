// What the handlers of every module are given: the services of the running application.
//
// Built once by `shequ serve` (and by the API tests) and shared by every io thread; each service
// is thread-safe. Nothing here is owned: the caller keeps them alive while the server runs.
#pragma once

#include "api/router.h"
#include "auth/auth_service.h"
#include "base/civil_time.h"
#include "registry/registry_service.h"
#include "store/database.h"

namespace shequ::api {

struct AppServices {
  store::Database& database;
  auth::AuthService& auth;
  registry::RegistryService& registry;
  const Clock& clock;
  int session_ttl_seconds = 12 * 3600;  // the session cookie's Max-Age
};

// The Authenticator the router uses: `Authorization: Bearer <token>`, else the shequ_session
// cookie, checked by the auth service.
Authenticator MakeAuthenticator(auth::AuthService& auth);

// Who sent the request, for the audit log.
inline auth::RequestOrigin OriginOf(const Request& request) {
  return {request.remote_address, request.request_id};
}

// Registers the routes of every module (one Register*Routes per *_handlers.cc).
void RegisterModuleRoutes(Router& router, const AppServices& services);

void RegisterAuthRoutes(Router& router, const AppServices& services);
void RegisterDashboardRoutes(Router& router, const AppServices& services);
void RegisterRegistryRoutes(Router& router, const AppServices& services);
// The registry's CSV imports (import_handlers.cc), registered by Application.
void RegisterImportRoutes(Router& router, const AppServices& services);
// The registry's CSV and XLSX exports (export_handlers.cc), registered by Application.
void RegisterExportRoutes(Router& router, const AppServices& services);
// Planning: the assessment, layers, isochrones, what-if (planning_handlers.cc) and the facilities
// workers register (planning_facility_handlers.cc).
void RegisterPlanningRoutes(Router& router, const AppServices& services);
void RegisterPlanningFacilityRoutes(Router& router, const AppServices& services);
// Eldercare: the canteen, ability assessments and the time bank.
void RegisterCanteenRoutes(Router& router, const AppServices& services);
void RegisterAbilityAssessmentRoutes(Router& router, const AppServices& services);
void RegisterTimebankRoutes(Router& router, const AppServices& services);
// Eldercare: home care, the workforce and volunteers, the one-elder-one-file view.
void RegisterHomeCareRoutes(Router& router, const AppServices& services);
void RegisterWorkforceRoutes(Router& router, const AppServices& services);
void RegisterElderFileRoutes(Router& router, const AppServices& services);

}  // namespace shequ::api
