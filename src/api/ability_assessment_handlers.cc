// HTTP for the GB/T 42195-2022 ability assessments (to be filled).
#include "api/app_services.h"

namespace shequ::api {

void RegisterAbilityAssessmentRoutes(Router& /*router*/, const AppServices& /*services*/) {}

}  // namespace shequ::api
