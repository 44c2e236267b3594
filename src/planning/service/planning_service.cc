#include "planning/service/planning_service.h"
