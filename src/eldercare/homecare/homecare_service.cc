#include "eldercare/homecare/homecare_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "auth/permissions.h"
#include "eldercare/assessment/ability_assessment_repository.h"
#include "eldercare/homecare/homecare_rules.h"
#include "eldercare/scheduling/travel_times.h"
#include "eldercare/workforce/care_worker.h"
#include "planning/service/planning_service.h"
#include "registry/place_repository.h"
#include "registry/registry_repository.h"
#include "store/transaction.h"

namespace shequ::eldercare {
namespace {

using auth::Permission;
using scheduling::SchedulingMethod;

// Home care serves a whole community; a grid worker's scope is one grid of it, so the check asks
// about the caller's own grid of that community (as the canteen does).
auth::Place CommunityWide(const auth::Place& community, const auth::Principal& caller) {
  auth::Place place = community;
  if (caller.scope.kind == auth::ScopeKind::kGrid) place.grid = caller.scope.place.grid;
  return place;
}

Result<auth::Place> CommunityPlace(store::Connection& db, CommunityId community) {
  auto scope = registry::ResolveScope(db, auth::ScopeKind::kCommunity, community.value());
  if (!scope) return NotFound("no such community");
  return scope->place;
}

std::pair<CivilDate, CivilDate> MonthOf(const CivilDate& date) {
  return {{date.year, date.month, 1}, {date.year, date.month, DaysInMonth(date.year, date.month)}};
}

Status CheckPoint(double lat, double lon) {
  if (!(lat >= -90 && lat <= 90)) return InvalidArgument("lat must be -90..90", "lat");
  if (!(lon >= -180 && lon <= 180)) return InvalidArgument("lon must be -180..180", "lon");
  return {};
}

bool HasCode(const std::vector<std::string>& codes, const std::string& code) {
  return code.empty() || std::find(codes.begin(), codes.end(), code) != codes.end();
}

// Monday = 1 ... Sunday = 64, as care_workers.work_weekdays.
int WeekdayBitOf(const CivilDate& date) {
  // 1970-01-01 was a Thursday (ISO 4).
  const std::int64_t days = DaysFromCivil(date);
  const int iso = static_cast<int>(((days % 7) + 7 + 3) % 7) + 1;
  return 1 << (iso - 1);
}

}  // namespace

Status HomeCareService::CheckBooker(store::Connection& db, const auth::Principal& caller,
                                    const registry::ResidentFacts& facts) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kBookHomeCare, facts.place));
  if (caller.role == auth::Role::kResident) {
    auto linked = registry::FindLinkedResident(db, caller.user_id);
    SHEQU_RETURN_IF_ERROR(linked);
    if (!*linked) return PermissionDenied("your account is not linked to a resident");
    if (**linked == facts.id) return {};
    auto own = registry::LoadResidentFacts(db, **linked);
    SHEQU_RETURN_IF_ERROR(own);
    if (!own->household.valid() || own->household != facts.household) {
      return PermissionDenied("a resident books home care for their own household only");
    }
  }
  return {};
}

Status HomeCareService::CheckManagerOrBooker(store::Connection& db, const auth::Principal& caller,
                                             const registry::ResidentFacts& facts) {
  if (auth::Authorize(caller, Permission::kManageHomeCare, facts.place)) return {};
  return CheckBooker(db, caller, facts);
}

Result<CommunityId> HomeCareService::CommunityFor(store::Connection& db,
                                                  const auth::Principal& caller, CommunityId asked,
                                                  Permission permission, const char* field) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, permission));
  CommunityId community = asked.valid() ? asked : caller.scope.place.community;
  if (!community.valid()) return InvalidArgument("name the community", field);
  auto place = CommunityPlace(db, community);
  SHEQU_RETURN_IF_ERROR(place);
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, permission, CommunityWide(*place, caller)));
  return community;
}

Result<std::vector<CareService>> HomeCareService::ListServices(const auth::Principal& caller) {
  (void)caller;  // the catalogue is public to every signed-in user
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  return ListHomeCareServices(**connection);
}

Result<CareService> HomeCareService::PutService(const auth::Principal& caller,
                                                const CareService& input,
                                                const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kManageHomeCare));
  if (caller.role != auth::Role::kAdmin) {
    return PermissionDenied("the catalogue is the deployment's: only an admin edits it");
  }
  if (input.code.empty() || input.code.size() > 64) {
    return InvalidArgument("code must be 1..64 characters", "code");
  }
  if (input.name_zh.empty()) return InvalidArgument("give a Chinese name", "name_zh");
  if (input.name_en.empty()) return InvalidArgument("give an English name", "name_en");
  if (input.duration_min <= 0 || input.duration_min > 480) {
    return InvalidArgument("duration_min must be 1..480", "duration_min");
  }
  if (input.price_fen < 0 || input.price_fen > 10'000'000) {
    return InvalidArgument("price_fen must be 0..10000000", "price_fen");
  }
  if (input.subsidised_minutes_per_month < 0 || input.subsidised_minutes_per_month > 44640) {
    return InvalidArgument("subsidised_minutes_per_month must be 0..44640",
                           "subsidised_minutes_per_month");
  }
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto before = FindHomeCareService(db, input.code);
  SHEQU_RETURN_IF_ERROR(before);
  auto stored = UpsertHomeCareService(db, input);
  SHEQU_RETURN_IF_ERROR(stored);
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db, auth::AuditEntryFor(
              caller, now, origin, *before ? "homecare_service.update" : "homecare_service.create",
              "homecare_service", stored->id, {},
              fmt::format("code={} price_fen={} duration_min={} subsidised_minutes={} active={}",
                          stored->code, stored->price_fen, stored->duration_min,
                          stored->subsidised_minutes_per_month, stored->active))));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return stored;
}

Result<HomeCareOrder> HomeCareService::PlaceOrder(const auth::Principal& caller,
                                                  const NewHomeCareOrder& request,
                                                  const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kBookHomeCare));
  if (request.note.size() > 1000) return InvalidArgument("at most 1000 bytes", "note");
  const Instant now = clock_.Now();
  if (request.date < ShanghaiDate(now)) {
    return InvalidArgument("the date is in the past", "date");
  }
  if (DaysFromCivil(request.date) - DaysFromCivil(ShanghaiDate(now)) > 366) {
    return InvalidArgument("book at most a year ahead", "date");
  }
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto service = FindHomeCareService(db, request.service_code);
  SHEQU_RETURN_IF_ERROR(service);
  if (!*service) return InvalidArgument("no such service in the catalogue", "service_code");
  if (!(*service)->active) return InvalidArgument("the service is not offered now", "service_code");
  SHEQU_RETURN_IF_ERROR(
      CheckOrderWindow(request.window_start_min, request.window_end_min, (*service)->duration_min));
  auto facts = registry::LoadResidentFacts(db, request.resident_id);
  SHEQU_RETURN_IF_ERROR(facts);
  SHEQU_RETURN_IF_ERROR(CheckBooker(db, caller, *facts));

  auto assessments = ListAbilityAssessments(db, facts->id);
  SHEQU_RETURN_IF_ERROR(assessments);
  std::optional<int> grade;
  if (!assessments->empty()) grade = assessments->front().score.grade;
  const bool eligible = EligibleForHomeCareSubsidy(grade, facts->tags);

  HomeCareOrder order;
  order.community_id = facts->place.community;
  order.resident_id = facts->id;
  order.resident_name = facts->name;
  order.service = **service;
  order.date = request.date;
  order.window_start_min = request.window_start_min;
  order.window_end_min = request.window_end_min;
  order.status = HomeCareOrderStatus::kRequested;
  order.note = request.note;
  order.price_fen = order.service.price_fen;
  order.created_at = now;

  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  // The month's allowance is read and used under the resident's lock: two orders at once cannot
  // both spend the last subsidised minutes.
  SHEQU_RETURN_IF_ERROR(LockResident(db, facts->id));
  const auto [month_start, month_end] = MonthOf(request.date);
  auto used = SubsidisedMinutesUsed(db, facts->id, order.service.id, month_start, month_end);
  SHEQU_RETURN_IF_ERROR(used);
  const VisitSubsidy subsidy =
      SubsidyForVisit(eligible, order.price_fen, order.service.duration_min,
                      order.service.subsidised_minutes_per_month, *used);
  order.subsidy_fen = subsidy.subsidy_fen;
  order.subsidised_min = subsidy.covered_min;
  auto id = InsertHomeCareOrder(db, order, caller.user_id);
  SHEQU_RETURN_IF_ERROR(id);
  order.id = *id;
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db,
      auth::AuditEntryFor(caller, now, origin, "homecare_order.create", "homecare_order", order.id,
                          order.community_id,
                          fmt::format("resident={} service={} date={} price_fen={} subsidy_fen={}",
                                      facts->id.value(), order.service.code, FormatDate(order.date),
                                      order.price_fen, order.subsidy_fen))));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return order;
}

Result<std::vector<HomeCareOrder>> HomeCareService::ListOrders(const auth::Principal& caller,
                                                               const OrderQuery& query) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  OrderFilter filter;
  filter.date = query.date;
  filter.resident = query.resident;
  filter.status = query.status;
  if (caller.role == auth::Role::kResident) {
    SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kBookHomeCare));
    auto linked = registry::FindLinkedResident(db, caller.user_id);
    SHEQU_RETURN_IF_ERROR(linked);
    if (!*linked) return PermissionDenied("your account is not linked to a resident");
    auto own = registry::LoadResidentFacts(db, **linked);
    SHEQU_RETURN_IF_ERROR(own);
    filter.community = own->place.community;
    if (own->household.valid()) {
      filter.household = own->household;
    } else {
      filter.resident = own->id;  // no household: their own orders only
    }
    if (query.resident && *query.resident != own->id && !own->household.valid()) {
      return PermissionDenied("a resident sees their own household's orders only");
    }
  } else {
    auto community =
        CommunityFor(db, caller, query.community, Permission::kReadEldercare, "community");
    SHEQU_RETURN_IF_ERROR(community);
    filter.community = *community;
  }
  return ListHomeCareOrders(db, filter);
}

Result<HomeCareOrder> HomeCareService::CancelOrder(const auth::Principal& caller,
                                                   std::int64_t order_id,
                                                   const auth::RequestOrigin& origin) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto order = LoadHomeCareOrder(db, order_id);
  SHEQU_RETURN_IF_ERROR(order);
  if (!*order) return NotFound("no such order");
  auto facts = registry::LoadResidentFacts(db, (*order)->resident_id);
  SHEQU_RETURN_IF_ERROR(facts);
  SHEQU_RETURN_IF_ERROR(CheckManagerOrBooker(db, caller, *facts));
  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  order = LoadHomeCareOrder(db, order_id);  // again, inside the transaction
  SHEQU_RETURN_IF_ERROR(order);
  HomeCareOrder cancelled = **order;
  if (cancelled.status != HomeCareOrderStatus::kRequested &&
      cancelled.status != HomeCareOrderStatus::kScheduled) {
    return Conflict(fmt::format("the order is {} already", OrderStatusName(cancelled.status)),
                    "status");
  }
  if (cancelled.visit_id) {
    auto visit = LoadHomeCareVisit(db, *cancelled.visit_id);
    SHEQU_RETURN_IF_ERROR(visit);
    if (*visit && (*visit)->status != HomeCareVisitStatus::kPlanned) {
      return Conflict("the visit has begun", "status");
    }
    SHEQU_RETURN_IF_ERROR(
        SetHomeCareVisitStatus(db, *cancelled.visit_id, HomeCareVisitStatus::kCancelled, now));
  }
  SHEQU_RETURN_IF_ERROR(SetHomeCareOrderStatus(db, order_id, HomeCareOrderStatus::kCancelled, now));
  SHEQU_RETURN_IF_ERROR(
      audit_.Append(db, auth::AuditEntryFor(caller, now, origin, "homecare_order.cancel",
                                            "homecare_order", order_id, cancelled.community_id)));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  cancelled.status = HomeCareOrderStatus::kCancelled;
  cancelled.visit_id.reset();
  return cancelled;
}

Result<ScheduleOutcome> HomeCareService::Schedule(const auth::Principal& caller,
                                                  const ScheduleRequest& request,
                                                  const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kManageHomeCare));
  // The network first, before taking a connection of our own (the planning service takes one
  // from the same pool) and outside the transaction: a first build takes a while.
  std::shared_ptr<const planning::PlanningNetwork> network;
  if (auto current = planning_.CurrentNetwork()) {
    network = *current;
  } else if (current.error().code != ErrorCode::kNotFound) {
    return std::unexpected(current.error());
  }
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto community =
      CommunityFor(db, caller, request.community, Permission::kManageHomeCare, "community_id");
  SHEQU_RETURN_IF_ERROR(community);

  const Instant now = clock_.Now();
  std::optional<store::Transaction> tx;
  if (!request.dry_run) {
    auto begun = store::Transaction::Begin(db);
    SHEQU_RETURN_IF_ERROR(begun);
    tx.emplace(std::move(*begun));
  }

  OrderFilter filter;
  filter.community = *community;
  filter.date = request.date;
  auto orders = ListHomeCareOrders(db, filter);
  SHEQU_RETURN_IF_ERROR(orders);
  VisitFilter day;
  day.community = *community;
  day.date = request.date;
  auto visits = ListHomeCareVisits(db, day);
  SHEQU_RETURN_IF_ERROR(visits);
  std::map<std::int64_t, const HomeCareVisit*> begun;  // order id -> its visit in progress or done
  for (const HomeCareVisit& visit : *visits) {
    if (visit.status == HomeCareVisitStatus::kInProgress ||
        visit.status == HomeCareVisitStatus::kDone) {
      begun[visit.order_id] = &visit;
    }
  }
  auto workers = LoadCareWorkersOnDay(db, *community, request.date);
  SHEQU_RETURN_IF_ERROR(workers);
  if (tx) {
    for (const CareWorkerOnDay& worker : *workers) {
      SHEQU_RETURN_IF_ERROR(LockCareWorker(db, worker.worker.id));
    }
  }

  std::vector<scheduling::LatLon> points;
  std::vector<scheduling::CaregiverDay> caregivers;
  std::map<std::int64_t, const CareWorkerOnDay*> worker_by_id;
  for (const CareWorkerOnDay& worker : *workers) {
    scheduling::CaregiverDay day_of;
    day_of.id = worker.worker.id;
    day_of.skills = worker.worker.skills;
    day_of.qualifications = worker.qualifications;
    day_of.shift_start_min = worker.worker.work_start_min;
    day_of.shift_end_min = worker.worker.work_end_min;
    day_of.location = static_cast<int>(points.size());
    points.push_back({worker.worker.start_lat, worker.worker.start_lon});
    caregivers.push_back(std::move(day_of));
    worker_by_id[worker.worker.id] = &worker;
  }

  ScheduleOutcome outcome;
  outcome.date = request.date;
  outcome.method = request.method;
  std::vector<scheduling::VisitRequest> requests;
  std::map<std::int64_t, const HomeCareOrder*> order_by_id;
  std::vector<const HomeCareOrder*> open;  // the orders this run (re)plans
  for (const HomeCareOrder& order : *orders) {
    if (order.status != HomeCareOrderStatus::kRequested &&
        order.status != HomeCareOrderStatus::kScheduled) {
      continue;
    }
    order_by_id[order.id] = &order;
    const auto fixed = begun.find(order.id);
    if (fixed != begun.end()) {
      // Begun visits stay where they are; the planner only works around them.
      const HomeCareVisit& visit = *fixed->second;
      if (!worker_by_id.contains(visit.worker_id)) continue;
      auto facts = registry::LoadResidentFacts(db, order.resident_id);
      SHEQU_RETURN_IF_ERROR(facts);
      scheduling::VisitRequest fixed_request;
      fixed_request.id = order.id;
      fixed_request.window_start_min = visit.planned_start_min;
      fixed_request.window_end_min = visit.planned_start_min;
      fixed_request.duration_min = visit.planned_end_min - visit.planned_start_min;
      fixed_request.fixed_caregiver_id = visit.worker_id;
      fixed_request.location = static_cast<int>(points.size());
      if (facts->latitude && facts->longitude) {
        points.push_back({*facts->latitude, *facts->longitude});
      } else {
        // No located home: the visit counts as made where the worker starts (no travel).
        const CareWorker& fixed_worker = worker_by_id.at(visit.worker_id)->worker;
        points.push_back({fixed_worker.start_lat, fixed_worker.start_lon});
      }
      requests.push_back(fixed_request);
      continue;
    }
    open.push_back(&order);
    if (order.window_end_min - order.service.duration_min < order.window_start_min) {
      // The catalogue's duration grew after the order was placed: the window no longer holds it.
      outcome.unplaced.push_back({order.id, "no_time_left"});
      continue;
    }
    auto facts = registry::LoadResidentFacts(db, order.resident_id);
    SHEQU_RETURN_IF_ERROR(facts);
    if (!facts->latitude || !facts->longitude) {
      outcome.unplaced.push_back({order.id, "unreachable"});
      continue;
    }
    scheduling::VisitRequest visit_request;
    visit_request.id = order.id;
    visit_request.skill = order.service.skill;
    visit_request.required_qualification = order.service.required_qualification;
    visit_request.window_start_min = order.window_start_min;
    // The window is for the whole visit; the planner's is for its start.
    visit_request.window_end_min = order.window_end_min - order.service.duration_min;
    visit_request.duration_min = order.service.duration_min;
    visit_request.location = static_cast<int>(points.size());
    points.push_back({*facts->latitude, *facts->longitude});
    requests.push_back(visit_request);
  }

  std::unique_ptr<scheduling::TravelTimes> travel;
  outcome.travel_source = "straight_line";
  if (network && network->snapper) {
    auto walking =
        scheduling::WalkingTravelTimes(network->collapsed.graph, *network->snapper, points);
    if (walking) {
      travel = std::move(*walking);
      outcome.travel_source = "walking_network";
    }
    // A home far from the imported network (kInvalidArgument): the whole day on straight lines.
  }
  if (!travel) travel = scheduling::StraightLineTravelTimes(points);

  scheduling::SchedulingOptions options;
  options.method = request.method;
  options.improvement_time_limit_ms = 1500;
  auto plan = scheduling::PlanDay(caregivers, requests, *travel, options);
  SHEQU_RETURN_IF_ERROR(plan);
  options.method = SchedulingMethod::kNearestNeighbour;
  auto baseline = scheduling::PlanDay(caregivers, requests, *travel, options);
  SHEQU_RETURN_IF_ERROR(baseline);
  outcome.total_travel_min = plan->total_travel_min;
  outcome.baseline_travel_min = baseline->total_travel_min;
  outcome.solve_ms = plan->solve_ms;
  for (const auto& unplaced : plan->unplaced) {
    if (begun.contains(unplaced.visit_id)) continue;
    outcome.unplaced.push_back(
        {unplaced.visit_id, std::string(scheduling::UnplacedReasonName(unplaced.reason))});
  }

  // Store: every open order's planned visit is replaced by the new plan's (or none).
  std::map<std::int64_t, std::int64_t> stored_visit;  // order id -> new visit id
  if (tx) {
    for (const HomeCareOrder* order : open) {
      SHEQU_RETURN_IF_ERROR(DeletePlannedVisitsOfOrder(db, order->id));
    }
    std::set<std::int64_t> placed;
    for (const auto& route : plan->routes) {
      for (const auto& scheduled : route.visits) {
        if (begun.contains(scheduled.visit_id)) continue;
        const HomeCareOrder& order = *order_by_id.at(scheduled.visit_id);
        NewVisit visit{*community,
                       order.id,
                       route.caregiver_id,
                       request.date,
                       scheduled.start_min,
                       scheduled.start_min + order.service.duration_min,
                       scheduled.travel_min_before};
        auto id = InsertHomeCareVisit(db, visit, now);
        SHEQU_RETURN_IF_ERROR(id);
        stored_visit[order.id] = *id;
        placed.insert(order.id);
        if (order.status != HomeCareOrderStatus::kScheduled) {
          SHEQU_RETURN_IF_ERROR(
              SetHomeCareOrderStatus(db, order.id, HomeCareOrderStatus::kScheduled, now));
        }
      }
    }
    for (const HomeCareOrder* order : open) {
      if (!placed.contains(order->id) && order->status == HomeCareOrderStatus::kScheduled) {
        SHEQU_RETURN_IF_ERROR(
            SetHomeCareOrderStatus(db, order->id, HomeCareOrderStatus::kRequested, now));
      }
    }
    SHEQU_RETURN_IF_ERROR(audit_.Append(
        db,
        auth::AuditEntryFor(
            caller, now, origin, "homecare.schedule", "community", community->value(), *community,
            fmt::format("date={} method={} visits={} unplaced={} travel_min={} "
                        "baseline_travel_min={} travel_source={}",
                        FormatDate(request.date),
                        request.method == SchedulingMethod::kNearestNeighbour ? "nearest_neighbour"
                                                                              : "insertion",
                        placed.size(), outcome.unplaced.size(), outcome.total_travel_min,
                        outcome.baseline_travel_min, outcome.travel_source))));
    SHEQU_RETURN_IF_ERROR(tx->Commit());
  }

  // The answer: each route's visits as the board shows them.
  std::map<std::int64_t, HomeCareVisit> stored_by_id;
  if (!stored_visit.empty()) {
    auto after = ListHomeCareVisits(db, day);
    SHEQU_RETURN_IF_ERROR(after);
    for (HomeCareVisit& visit : *after) stored_by_id[visit.id] = std::move(visit);
  }
  for (const auto& route : plan->routes) {
    ScheduledRoute out;
    out.worker_id = route.caregiver_id;
    out.worker_name = worker_by_id.at(route.caregiver_id)->worker.name;
    out.travel_min = route.travel_min;
    for (const auto& scheduled : route.visits) {
      if (const auto fixed = begun.find(scheduled.visit_id); fixed != begun.end()) {
        out.visits.push_back(*fixed->second);
        continue;
      }
      if (const auto id = stored_visit.find(scheduled.visit_id); id != stored_visit.end()) {
        if (const auto it = stored_by_id.find(id->second); it != stored_by_id.end()) {
          out.visits.push_back(it->second);
          continue;
        }
      }
      const HomeCareOrder& order = *order_by_id.at(scheduled.visit_id);
      HomeCareVisit visit;
      visit.community_id = *community;
      visit.order_id = order.id;
      visit.resident_id = order.resident_id;
      visit.resident_name = order.resident_name;
      visit.service_code = order.service.code;
      visit.service_name_zh = order.service.name_zh;
      visit.service_name_en = order.service.name_en;
      visit.date = order.date;
      visit.window_start_min = order.window_start_min;
      visit.window_end_min = order.window_end_min;
      visit.planned_start_min = scheduled.start_min;
      visit.planned_end_min = scheduled.start_min + order.service.duration_min;
      visit.travel_min_before = scheduled.travel_min_before;
      visit.worker_id = route.caregiver_id;
      visit.worker_name = out.worker_name;
      out.visits.push_back(std::move(visit));
    }
    outcome.routes.push_back(std::move(out));
  }
  return outcome;
}

Result<HomeCareVisit> HomeCareService::AssignVisit(const auth::Principal& caller,
                                                   std::int64_t order_id, std::int64_t worker_id,
                                                   int start_min,
                                                   const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kManageHomeCare));
  if (start_min < 0 || start_min > 1439) return InvalidArgument("start must be HH:MM", "start");
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto order = LoadHomeCareOrder(db, order_id);
  SHEQU_RETURN_IF_ERROR(order);
  if (!*order) return NotFound("no such order");
  auto facts = registry::LoadResidentFacts(db, (*order)->resident_id);
  SHEQU_RETURN_IF_ERROR(facts);
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kManageHomeCare, facts->place));
  const HomeCareOrder& o = **order;
  if (o.status != HomeCareOrderStatus::kRequested && o.status != HomeCareOrderStatus::kScheduled) {
    return Conflict(fmt::format("the order is {}", OrderStatusName(o.status)), "order_id");
  }
  const int end_min = start_min + o.service.duration_min;
  if (start_min < o.window_start_min || end_min > o.window_end_min) {
    return InvalidArgument(
        fmt::format("the visit ({}–{}) must fit the order's window {}–{}", ClockText(start_min),
                    ClockText(end_min), ClockText(o.window_start_min), ClockText(o.window_end_min)),
        "start");
  }
  auto worker = LoadCareWorkerOnDay(db, worker_id, o.date);
  if (!worker && worker.error().code == ErrorCode::kNotFound) {
    return InvalidArgument("no such worker", "worker_id");
  }
  SHEQU_RETURN_IF_ERROR(worker);
  const CareWorker& w = worker->worker;
  if (w.community_id != o.community_id) {
    return InvalidArgument("the worker belongs to another community", "worker_id");
  }
  if (!w.active) return InvalidArgument("the worker is not active", "worker_id");
  if ((w.work_weekdays & WeekdayBitOf(o.date)) == 0) {
    return InvalidArgument("the worker does not work on that day", "worker_id");
  }
  if (!HasCode(w.skills, o.service.skill)) {
    return InvalidArgument(fmt::format("the worker lacks the skill {}", o.service.skill),
                           "worker_id");
  }
  if (!HasCode(worker->qualifications, o.service.required_qualification)) {
    return InvalidArgument(fmt::format("the worker holds no valid {} on {}",
                                       o.service.required_qualification, FormatDate(o.date)),
                           "worker_id");
  }
  if (start_min < w.work_start_min || end_min > w.work_end_min) {
    return InvalidArgument(fmt::format("outside the worker's hours {}–{}",
                                       ClockText(w.work_start_min), ClockText(w.work_end_min)),
                           "worker_id");
  }
  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  SHEQU_RETURN_IF_ERROR(LockCareWorker(db, worker_id));
  auto current = LoadHomeCareOrder(db, order_id);
  SHEQU_RETURN_IF_ERROR(current);
  if ((*current)->visit_id) {
    auto visit = LoadHomeCareVisit(db, *(*current)->visit_id);
    SHEQU_RETURN_IF_ERROR(visit);
    if (*visit && (*visit)->status != HomeCareVisitStatus::kPlanned) {
      return Conflict("the order's visit has begun", "order_id");
    }
  }
  auto busy = OverlappingVisits(db, worker_id, o.date, start_min, end_min, order_id);
  SHEQU_RETURN_IF_ERROR(busy);
  if (!busy->empty()) {
    return Conflict(fmt::format("the worker has visit {} then (double-booked)", busy->front()),
                    "worker_id");
  }
  SHEQU_RETURN_IF_ERROR(DeletePlannedVisitsOfOrder(db, order_id));
  auto id = InsertHomeCareVisit(
      db, {o.community_id, order_id, worker_id, o.date, start_min, end_min, 0}, now);
  SHEQU_RETURN_IF_ERROR(id);
  if (o.status != HomeCareOrderStatus::kScheduled) {
    SHEQU_RETURN_IF_ERROR(
        SetHomeCareOrderStatus(db, order_id, HomeCareOrderStatus::kScheduled, now));
  }
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db,
      auth::AuditEntryFor(
          caller, now, origin, "homecare_visit.assign", "homecare_visit", *id, o.community_id,
          fmt::format("order={} worker={} start={}", order_id, worker_id, ClockText(start_min)))));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  auto visit = LoadHomeCareVisit(db, *id);
  SHEQU_RETURN_IF_ERROR(visit);
  if (!*visit) return Internal("the visit just stored is gone");
  return **visit;
}

Status HomeCareService::SweepMissed(store::Connection& db, const auth::Principal& caller,
                                    const auth::RequestOrigin& origin, CommunityId community,
                                    const CivilDate& date) {
  const Instant now = clock_.Now();
  if (date > ShanghaiDate(now)) return {};
  VisitFilter filter;
  filter.community = community;
  filter.date = date;
  auto visits = ListHomeCareVisits(db, filter);
  SHEQU_RETURN_IF_ERROR(visits);
  std::vector<const HomeCareVisit*> missed;
  for (const HomeCareVisit& visit : *visits) {
    if (visit.status == HomeCareVisitStatus::kPlanned &&
        IsMissedAt(visit.date, visit.window_end_min, visit.check_in_at.has_value(), now)) {
      missed.push_back(&visit);
    }
  }
  if (missed.empty()) return {};
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  for (const HomeCareVisit* visit : missed) {
    // Conditional on still being planned: a check-in that got there first wins.
    auto rows = db.Query(
        "UPDATE homecare_visits SET status = 'missed', updated_at = ? WHERE id = ? AND "
        "status = 'planned'",
        {now, visit->id});
    SHEQU_RETURN_IF_ERROR(rows);
    if (rows->rows_affected != 1) continue;
    SHEQU_RETURN_IF_ERROR(
        SetHomeCareOrderStatus(db, visit->order_id, HomeCareOrderStatus::kMissed, now));
    SHEQU_RETURN_IF_ERROR(audit_.Append(
        db,
        auth::AuditEntryFor(caller, now, origin, "homecare_visit.missed", "homecare_visit",
                            visit->id, community,
                            fmt::format("no check-in by {} + {} min",
                                        ClockText(visit->window_end_min), kMissedGraceMinutes))));
  }
  return tx->Commit();
}

Result<std::vector<HomeCareVisit>> HomeCareService::ListVisits(const auth::Principal& caller,
                                                               CommunityId asked,
                                                               const CivilDate& date,
                                                               std::optional<std::int64_t> worker,
                                                               const auth::RequestOrigin& origin) {
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto community = CommunityFor(db, caller, asked, Permission::kReadEldercare, "community");
  SHEQU_RETURN_IF_ERROR(community);
  SHEQU_RETURN_IF_ERROR(SweepMissed(db, caller, origin, *community, date));
  VisitFilter filter;
  filter.community = *community;
  filter.date = date;
  filter.worker = worker;
  return ListHomeCareVisits(db, filter);
}

Result<CaregiverDayView> HomeCareService::MyDay(const auth::Principal& caller,
                                                const CivilDate& date,
                                                const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kDeliverHomeCare));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto worker = FindCareWorkerByUser(db, caller.user_id);
  SHEQU_RETURN_IF_ERROR(worker);
  if (!*worker) return NotFound("no care worker is linked to your account");
  SHEQU_RETURN_IF_ERROR(SweepMissed(db, caller, origin, (*worker)->community_id, date));
  VisitFilter filter;
  filter.date = date;
  filter.worker = (*worker)->id;
  auto visits = ListHomeCareVisits(db, filter);
  SHEQU_RETURN_IF_ERROR(visits);
  return CaregiverDayView{(*worker)->id, (*worker)->name, date, std::move(*visits)};
}

Result<HomeCareVisit> HomeCareService::OwnVisit(store::Connection& db,
                                                const auth::Principal& caller,
                                                std::int64_t visit_id) {
  SHEQU_RETURN_IF_ERROR(auth::Authorize(caller, Permission::kDeliverHomeCare));
  auto worker = FindCareWorkerByUser(db, caller.user_id);
  SHEQU_RETURN_IF_ERROR(worker);
  if (!*worker) return NotFound("no care worker is linked to your account");
  auto visit = LoadHomeCareVisit(db, visit_id);
  SHEQU_RETURN_IF_ERROR(visit);
  // Another worker's visit is not there for this caller (no hint that it exists).
  if (!*visit || (*visit)->worker_id != (*worker)->id) return NotFound("no such visit");
  return **visit;
}

Result<HomeCareVisit> HomeCareService::CheckIn(const auth::Principal& caller, std::int64_t visit_id,
                                               double lat, double lon,
                                               const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(CheckPoint(lat, lon));
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto visit = OwnVisit(db, caller, visit_id);
  SHEQU_RETURN_IF_ERROR(visit);
  const Instant now = clock_.Now();
  if (visit->check_in_at || visit->status == HomeCareVisitStatus::kInProgress ||
      visit->status == HomeCareVisitStatus::kDone) {
    return Conflict("the visit is checked in already", "status");
  }
  if (visit->status == HomeCareVisitStatus::kCancelled) {
    return Conflict("the visit is cancelled", "status");
  }
  if (ShanghaiDate(now) != visit->date) {
    return Conflict(
        fmt::format("the visit is on {}: check in on that day", FormatDate(visit->date)), "date");
  }
  const bool late = IsLateCheckIn(visit->date, visit->planned_start_min, now);
  const bool away = IsAwayFromHome(visit->lat, visit->lon, lat, lon);
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto recorded = RecordCheckIn(db, visit_id, now, lat, lon, late, away);
  if (!recorded && recorded.error().code == ErrorCode::kConflict) {
    return Conflict("the visit is checked in already", "status");
  }
  SHEQU_RETURN_IF_ERROR(recorded);
  if (visit->status == HomeCareVisitStatus::kMissed) {
    // Flagged missed, then the caregiver came after all: the order is back on.
    SHEQU_RETURN_IF_ERROR(
        SetHomeCareOrderStatus(db, visit->order_id, HomeCareOrderStatus::kScheduled, now));
  }
  SHEQU_RETURN_IF_ERROR(
      audit_.Append(db, auth::AuditEntryFor(caller, now, origin, "homecare_visit.check_in",
                                            "homecare_visit", visit_id, visit->community_id,
                                            fmt::format("late={} away_from_home={}", late, away))));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  auto after = LoadHomeCareVisit(db, visit_id);
  SHEQU_RETURN_IF_ERROR(after);
  return **after;
}

Result<HomeCareVisit> HomeCareService::CheckOut(const auth::Principal& caller,
                                                std::int64_t visit_id, double lat, double lon,
                                                const std::string& note,
                                                const auth::RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(CheckPoint(lat, lon));
  if (note.size() > 2000) return InvalidArgument("at most 2000 bytes", "note");
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto visit = OwnVisit(db, caller, visit_id);
  SHEQU_RETURN_IF_ERROR(visit);
  if (visit->status != HomeCareVisitStatus::kInProgress) {
    return Conflict(visit->status == HomeCareVisitStatus::kDone ? "the visit is checked out already"
                                                                : "check in before checking out",
                    "status");
  }
  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto recorded = RecordCheckOut(db, visit_id, now, lat, lon, note);
  if (!recorded && recorded.error().code == ErrorCode::kConflict) {
    return Conflict("the visit is checked out already", "status");
  }
  SHEQU_RETURN_IF_ERROR(recorded);
  SHEQU_RETURN_IF_ERROR(
      SetHomeCareOrderStatus(db, visit->order_id, HomeCareOrderStatus::kDone, now));
  SHEQU_RETURN_IF_ERROR(
      audit_.Append(db, auth::AuditEntryFor(caller, now, origin, "homecare_visit.check_out",
                                            "homecare_visit", visit_id, visit->community_id)));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  auto after = LoadHomeCareVisit(db, visit_id);
  SHEQU_RETURN_IF_ERROR(after);
  return **after;
}

Result<HomeCareVisit> HomeCareService::Rate(const auth::Principal& caller, std::int64_t visit_id,
                                            int rating, const std::string& comment,
                                            const auth::RequestOrigin& origin) {
  if (rating < 1 || rating > 5) return InvalidArgument("rating must be 1..5", "rating");
  if (comment.size() > 1000) return InvalidArgument("at most 1000 bytes", "comment");
  auto connection = database_.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto visit = LoadHomeCareVisit(db, visit_id);
  SHEQU_RETURN_IF_ERROR(visit);
  if (!*visit) return NotFound("no such visit");
  auto facts = registry::LoadResidentFacts(db, (*visit)->resident_id);
  SHEQU_RETURN_IF_ERROR(facts);
  SHEQU_RETURN_IF_ERROR(CheckManagerOrBooker(db, caller, *facts));
  if ((*visit)->status != HomeCareVisitStatus::kDone) {
    return Conflict("a visit is rated once it is done", "status");
  }
  if ((*visit)->rating) return Conflict("the visit is rated already", "rating");
  const Instant now = clock_.Now();
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);
  auto recorded = RecordRating(db, visit_id, rating, comment, caller.user_id, now);
  if (!recorded && recorded.error().code == ErrorCode::kConflict) {
    return Conflict("the visit is rated already", "rating");
  }
  SHEQU_RETURN_IF_ERROR(recorded);
  SHEQU_RETURN_IF_ERROR(audit_.Append(
      db, auth::AuditEntryFor(caller, now, origin, "homecare_visit.rate", "homecare_visit",
                              visit_id, (*visit)->community_id, fmt::format("rating={}", rating))));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  auto after = LoadHomeCareVisit(db, visit_id);
  SHEQU_RETURN_IF_ERROR(after);
  return **after;
}

}  // namespace shequ::eldercare
