#include "api/app_services.h"

namespace shequ::api {

Authenticator MakeAuthenticator(auth::AuthService& auth) {
  return [&auth](const Request& request) -> Result<auth::Principal> {
    if (const auto header = request.Header("Authorization"); header.has_value()) {
      constexpr std::string_view kBearer = "Bearer ";
      if (header->size() <= kBearer.size() ||
          !EqualsIgnoreCase(header->substr(0, kBearer.size()), kBearer)) {
        return Unauthenticated("the Authorization header must be 'Bearer <token>'");
      }
      return auth.Authenticate(header->substr(kBearer.size()));
    }
    if (const auto cookie = request.Cookie(kSessionCookie); cookie.has_value()) {
      return auth.Authenticate(*cookie);
    }
    return Unauthenticated("sign in first: no session token was sent");
  };
}

void RegisterModuleRoutes(Router& router, const AppServices& services) {
  RegisterAuthRoutes(router, services);
  RegisterDashboardRoutes(router, services);
  RegisterRegistryRoutes(router, services);
  RegisterPlanningRoutes(router, services);
  RegisterPlanningFacilityRoutes(router, services);
  RegisterCanteenRoutes(router, services);
  RegisterAbilityAssessmentRoutes(router, services);
  RegisterTimebankRoutes(router, services);
  RegisterHomeCareRoutes(router, services);
  RegisterWorkforceRoutes(router, services);
  RegisterElderFileRoutes(router, services);
}

}  // namespace shequ::api
