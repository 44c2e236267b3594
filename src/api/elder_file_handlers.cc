// HTTP for eldercare — The one-elder-one-file view, alerts, care plans and emergency contacts.
// (Stub from the lead; the module's engineer fills it in.)
#include "api/app_services.h"

namespace shequ::api {

void RegisterElderFileRoutes(Router& router, const AppServices& services) {
  (void)router;
  (void)services;
}

}  // namespace shequ::api
