// HTTP for the facilities workers register for planning (to be filled).
#include "api/app_services.h"

namespace shequ::api {

void RegisterPlanningFacilityRoutes(Router& /*router*/, const AppServices& /*services*/) {}

}  // namespace shequ::api
