// HTTP for the volunteers' time bank (to be filled).
#include "api/app_services.h"

namespace shequ::api {

void RegisterTimebankRoutes(Router& /*router*/, const AppServices& /*services*/) {}

}  // namespace shequ::api
