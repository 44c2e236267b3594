// HTTP for eldercare — Home care: the service catalogue, orders, caregivers' schedules,
// check-in/out, ratings. (Stub from the lead; the module's engineer fills it in.)
#include "api/app_services.h"

namespace shequ::api {

void RegisterHomeCareRoutes(Router& router, const AppServices& services) {
  (void)router;
  (void)services;
}

}  // namespace shequ::api
