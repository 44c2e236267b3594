#include "planning/service/facility_service.h"
