// HTTP for the elderly canteen (to be filled).
#include "api/app_services.h"

namespace shequ::api {

void RegisterCanteenRoutes(Router& /*router*/, const AppServices& /*services*/) {}

}  // namespace shequ::api
