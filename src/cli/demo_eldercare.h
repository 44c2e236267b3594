// The demo street's "一老" services, so that a first `make run` shows the eldercare pages at work:
// a canteen with six weeks of menus and the meals its regulars ordered, ability assessments and
// care plans, caregivers and medical staff with certificates (one about to expire), volunteers
// (younger elders, as time banks usually work) with their visits and an activity, and home-care
// visits delivered last week, planned for tomorrow and waiting in the demo caregiver's day.
//
// Everything goes through the modules' own services, as the community worker, with a clock set
// to the day each thing would have happened: the records, prices, ledgers and audit rows are the
// ones real use would leave. Deterministic for a given database and day.
#pragma once

#include "auth/principal.h"
#include "base/civil_time.h"
#include "base/error.h"
#include "registry/pii_cipher.h"
#include "store/database.h"

namespace shequ::cli {

struct DemoEldercareActors {
  auth::Principal worker;     // the demo community worker: every record is theirs
  auth::Principal caregiver;  // the demo caregiver login (checks in and out of their visits)
  UserId volunteer_user;      // the demo volunteer login, linked to the first volunteer
};

// Seeds the worker's community as of `now`. Prints nothing.
Status SeedDemoEldercare(store::Database& database, const registry::PiiCipher& cipher,
                         const DemoEldercareActors& actors, Instant now);

}  // namespace shequ::cli
