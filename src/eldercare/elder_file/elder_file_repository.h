// SQL for the elder file: the only place in eldercare/elder_file with SQL.
//
// Two kinds of function live here. Care plans and emergency contacts are this module's own tables
// (migration 0013). Everything else is a READ MODEL over other modules' tables — the registry's
// roster, canteen_orders / canteen_standing_orders, homecare_orders / homecare_visits /
// homecare_services / care_workers, volunteer_visits — read-only and kept to the columns the
// file shows, so that those modules stay free to change everything else; a change to one of
// those columns must be mirrored here (tests/storage/elder_file_store_test.cc inserts rows in
// them with plain SQL and fails when they drift).
//
// Functions take the caller's connection so they join its transaction. Errors are the store's
// (kConflict for a broken constraint, kUnavailable, kInternal). Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/civil_time.h"
#include "base/error.h"
#include "eldercare/elder_file/elder_file.h"
#include "store/connection.h"
#include "store/value.h"

namespace shequ::eldercare {

// ---- The registry (read model) ----------------------------------------------------------------

// Residents of `community` born on or before `born_on_or_before` and living there now (an open
// residency), in the buildings of `grid` when it is valid; by name, then id. With tags and the
// size of their household.
Result<std::vector<ElderRosterEntry>> ListElderRoster(store::Connection& db, CommunityId community,
                                                      GridId grid,
                                                      const CivilDate& born_on_or_before);

// Residents living in the household now.
Result<int> HouseholdSize(store::Connection& db, registry::HouseholdId household);

// "幸福路1号 3号楼 2单元 301": the building's address and number, the unit (when any) and room.
Result<std::string> HouseholdAddress(store::Connection& db, registry::HouseholdId household);

// ---- Canteen (read model) ---------------------------------------------------------------------

// (resident, meal date) of each active order of the community's residents (at any canteen)
// dated within [from, to].
Result<std::vector<std::pair<registry::ResidentId, CivilDate>>> CommunityMealDates(
    store::Connection& db, CommunityId community, const CivilDate& from, const CivilDate& to);
// The resident's orders (active and cancelled) dated within [from, to], newest first.
Result<std::vector<ElderMealOrder>> ResidentMealOrders(store::Connection& db,
                                                       registry::ResidentId resident,
                                                       const CivilDate& from, const CivilDate& to);
// The latest date of an active order on or before `day`.
Result<std::optional<CivilDate>> LastMealDate(store::Connection& db, registry::ResidentId resident,
                                              const CivilDate& day);
Result<std::vector<ElderStandingOrder>> ResidentStandingOrders(store::Connection& db,
                                                               registry::ResidentId resident);

// ---- Home care (read model) -------------------------------------------------------------------

// (resident, visit) of each visit of the community dated within [from, to], for the alerts.
Result<std::vector<std::pair<registry::ResidentId, AlertVisit>>> CommunityAlertVisits(
    store::Connection& db, CommunityId community, const CivilDate& from, const CivilDate& to);
// The resident's orders dated within [from, to] with their visit (a cancelled visit is left out
// when the order has another; an order with none appears once with visit id 0), by date and
// window. `missed` is left false: the service sets it.
Result<std::vector<ElderVisit>> ResidentVisits(store::Connection& db, registry::ResidentId resident,
                                               const CivilDate& from, const CivilDate& to);
// The resident's visits dated within [from, to] with their service code, for care-plan counts.
Result<std::vector<CarePlanVisit>> ResidentCarePlanVisits(store::Connection& db,
                                                          registry::ResidentId resident,
                                                          const CivilDate& from,
                                                          const CivilDate& to);

struct ServiceName {
  std::string name_zh;
  std::string name_en;
  bool active = false;
};
// The home-care catalogue by code.
Result<std::map<std::string, ServiceName, std::less<>>> HomecareServiceNames(store::Connection& db);

// ---- Volunteers (read model over volunteer_visits, migration 0014) -----------------------------

// The volunteer visits paid to `elder`, newest first, with the volunteer's name.
Result<std::vector<VolunteerVisitRecord>> ListVolunteerVisits(store::Connection& db,
                                                              registry::ResidentId elder);

// ---- Care plans (own tables) ------------------------------------------------------------------

// The resident's plans, newest first (starts_on, then id, descending), with their items by
// service code; item names and counts are left for the service to fill in.
Result<std::vector<CarePlan>> ListCarePlans(store::Connection& db, registry::ResidentId resident);
// Residents of `community` with a plan in force on `day`.
Result<std::set<std::int64_t>> ResidentsWithCarePlan(store::Connection& db, CommunityId community,
                                                     const CivilDate& day);
// True when the resident has a plan starting on or after `day`.
Result<bool> HasCarePlanFrom(store::Connection& db, registry::ResidentId resident,
                             const CivilDate& day);
// Ends every plan of the resident that started before `new_start` and is still in force on it:
// its ends_on becomes the day before.
Status EndCarePlansBefore(store::Connection& db, registry::ResidentId resident,
                          const CivilDate& new_start);
// Inserts the plan and its items; returns the new id.
Result<std::int64_t> InsertCarePlan(store::Connection& db, const CarePlan& plan, UserId created_by,
                                    Instant now);

// ---- Emergency contacts (own table) ------------------------------------------------------------

struct StoredEmergencyContact {
  EmergencyContact contact;
  CommunityId community_id;
  store::Blob phone_cipher;
};

Result<std::int64_t> InsertEmergencyContact(store::Connection& db, CommunityId community,
                                            const EmergencyContact& contact,
                                            const store::Blob& phone_cipher, Instant now);
// By priority, then id.
Result<std::vector<EmergencyContact>> ListEmergencyContacts(store::Connection& db,
                                                            registry::ResidentId resident);
Result<std::optional<StoredEmergencyContact>> FindEmergencyContact(store::Connection& db,
                                                                   std::int64_t id);

}  // namespace shequ::eldercare
