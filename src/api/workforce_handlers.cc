// HTTP for eldercare — The elder-care workforce (workers, certificates, training, expiry reminders)
// and the volunteer registry. (Stub from the lead; the module's engineer fills it in.)
#include "api/app_services.h"

namespace shequ::api {

void RegisterWorkforceRoutes(Router& router, const AppServices& services) {
  (void)router;
  (void)services;
}

}  // namespace shequ::api
