// HTTP for the planning engine: the assessment, its map layers, isochrones and the what-if (to be filled).
#include "api/app_services.h"

namespace shequ::api {

void RegisterPlanningRoutes(Router& /*router*/, const AppServices& /*services*/) {}

}  // namespace shequ::api
