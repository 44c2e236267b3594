// The home-care scheduling benchmark of issue 5: a street's day of 2,000 visits and 150
// caregivers on a real walking network (default: the Monaco extract, one small city). Homes are
// residential building centroids, caregivers start from other homes; windows are 2–3 hours across
// 08:00–18:00, durations and skills follow the default catalogue (migration 0013) with medical and
// rehabilitation visits only a few qualified caregivers may make.
//
// Prints the travel-matrix build time, then per method the solve time, placed/unplaced visits and
// total travel: the nearest-neighbour baseline and insertion + local search, on the walking matrix
// and on the straight-line one (and what the straight-line plan really walks).
//
//   eldercare_scheduling [FILE.osm.pbf] [VISITS] [CAREGIVERS] [LIMIT_MS...]
//   (default: Monaco, 2000 visits, 150 caregivers, local search limits 2000 and 10000 ms)
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "eldercare/scheduling/travel_times.h"
#include "eldercare/scheduling/visit_scheduling.h"
#include "planning/osm_features.h"
#include "planning/osm_walk_import.h"
#include "planning/snapping.h"
#include "planning/walk_graph.h"

using namespace shequ::eldercare::scheduling;
namespace planning = shequ::planning;

namespace {

using Clock = std::chrono::steady_clock;

double Milliseconds(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of the process so far, in ms: on a shared machine the wall clock counts others' work.
double CpuMilliseconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-3;
}

// The default catalogue (0013_homecare.sql) with the share of a day's visits each takes: most
// visits are short meal deliveries, a few are long hospital escorts.
struct ServiceMix {
  const char* skill;
  const char* qualification;
  int duration_min;
  double share;
};
const ServiceMix kMix[] = {
    {"meal_delivery", "", 20, 0.50},
    {"companionship", "", 60, 0.10},
    {"cleaning", "", 60, 0.10},
    {"personal_care", "caregiver_cert", 60, 0.10},
    {"medical", "medical_license", 30, 0.08},
    {"bathing", "caregiver_cert", 60, 0.05},
    {"rehabilitation", "rehab_cert", 45, 0.05},
    {"escort", "", 120, 0.02},
};

struct Day {
  std::vector<LatLon> points;
  std::vector<CaregiverDay> caregivers;
  std::vector<VisitRequest> visits;
};

Day MakeDay(const std::vector<LatLon>& homes, int visit_count, int caregiver_count,
            std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Day day;
  std::vector<std::size_t> order(homes.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), rng);
  // Caregivers start from their own homes; the elders are in 80% as many homes as visits (some
  // get two visits: a meal and a service).
  const std::size_t elder_homes =
      std::min<std::size_t>(order.size() - static_cast<std::size_t>(caregiver_count),
                            static_cast<std::size_t>(visit_count) * 4 / 5);
  for (int c = 0; c < caregiver_count; ++c) {
    day.points.push_back(homes[order[static_cast<std::size_t>(c)]]);
    CaregiverDay cg;
    cg.id = 1 + c;
    cg.location = c;
    const int start = std::vector<int>{420, 450, 480, 510, 540}[rng() % 5];  // 07:00–09:00
    cg.shift_start_min = start;
    cg.shift_end_min = start + 540;  // nine hours
    cg.skills = {"meal_delivery", "companionship", "cleaning"};
    if (rng() % 10 < 7) {
      cg.skills.push_back("personal_care");
      cg.skills.push_back("bathing");
      cg.qualifications.push_back("caregiver_cert");
    }
    if (rng() % 10 < 4) cg.skills.push_back("escort");
    if (rng() % 10 == 0) {  // scarce: one in ten is a nurse
      cg.skills.push_back("medical");
      cg.qualifications.push_back("medical_license");
    }
    if (rng() % 100 < 8) {  // scarcer: rehabilitation therapists
      cg.skills.push_back("rehabilitation");
      cg.qualifications.push_back("rehab_cert");
    }
    day.caregivers.push_back(cg);
  }
  for (std::size_t h = 0; h < elder_homes; ++h) {
    day.points.push_back(homes[order[static_cast<std::size_t>(caregiver_count) + h]]);
  }
  std::uniform_real_distribution<double> share(0, 1);
  std::uniform_int_distribution<std::size_t> home(0, elder_homes - 1);
  for (int v = 0; v < visit_count; ++v) {
    double x = share(rng);
    const ServiceMix* service = &kMix[0];
    for (const ServiceMix& s : kMix) {
      service = &s;
      if (x < s.share) break;
      x -= s.share;
    }
    VisitRequest visit;
    visit.id = 1 + v;
    visit.location = caregiver_count + static_cast<int>(home(rng));
    visit.skill = service->skill;
    visit.required_qualification = service->qualification;
    visit.duration_min = service->duration_min;
    const int width = rng() % 2 == 0 ? 120 : 180;
    // Windows inside 08:00–18:00, on the quarter hour.
    const int latest_open = 18 * 60 - width;
    visit.window_start_min =
        8 * 60 + static_cast<int>(rng() % ((latest_open - 8 * 60) / 15 + 1)) * 15;
    visit.window_end_min = visit.window_start_min + width;
    day.visits.push_back(visit);
  }
  return day;
}

struct Figures {
  double solve_ms = 0;
  double cpu_ms = 0;
  std::size_t placed = 0;
  std::size_t unplaced = 0;
  std::int64_t travel = 0;
  std::map<UnplacedReason, int> reasons;
};

Figures Solve(const Day& day, const TravelTimes& travel, SchedulingMethod method, int limit_ms,
              DaySchedule* out = nullptr) {
  SchedulingOptions options;
  options.method = method;
  options.improvement_time_limit_ms = limit_ms;
  options.seed = 1;
  const double cpu_before = CpuMilliseconds();
  auto schedule = PlanDay(day.caregivers, day.visits, travel, options);
  const double cpu_ms = CpuMilliseconds() - cpu_before;
  if (!schedule) {
    std::fprintf(stderr, "PlanDay: %s (%s)\n", schedule.error().message.c_str(),
                 schedule.error().field.c_str());
    std::exit(1);
  }
  Figures f;
  f.solve_ms = schedule->solve_ms;
  f.cpu_ms = cpu_ms;
  f.unplaced = schedule->unplaced.size();
  f.placed = day.visits.size() - f.unplaced;
  f.travel = schedule->total_travel_min;
  for (const UnplacedVisit& u : schedule->unplaced) ++f.reasons[u.reason];
  if (out != nullptr) *out = std::move(*schedule);
  return f;
}

void Print(const char* label, const Figures& f, const Figures* baseline) {
  std::printf("  %-30s %7.0f ms (%5.0f ms CPU)  placed %4zu  unplaced %4zu", label, f.solve_ms,
              f.cpu_ms, f.placed, f.unplaced);
  std::printf("  travel %6lld min (%.1f min/visit)", static_cast<long long>(f.travel),
              f.placed > 0 ? static_cast<double>(f.travel) / static_cast<double>(f.placed) : 0.0);
  if (baseline != nullptr && baseline->travel > 0) {
    std::printf("  travel %+.1f%% vs baseline",
                100.0 * static_cast<double>(f.travel - baseline->travel) /
                    static_cast<double>(baseline->travel));
  }
  std::printf("\n");
  for (const auto& [reason, count] : f.reasons) {
    std::printf("  %30s %s: %d\n", "", std::string(UnplacedReasonName(reason)).c_str(), count);
  }
}

// What a plan made on straight lines really walks, and how many of its visits then start late
// (outside the window) or bring the caregiver home after the shift.
void WalkThePlan(const Day& day, const DaySchedule& plan, const TravelTimes& walking) {
  std::map<std::int64_t, const VisitRequest*> by_id;
  for (const VisitRequest& v : day.visits) by_id[v.id] = &v;
  std::int64_t walked = 0;
  int late = 0;
  int overtime = 0;
  for (std::size_t c = 0; c < plan.routes.size(); ++c) {
    const CaregiverDay& cg = day.caregivers[c];
    int t = cg.shift_start_min;
    int loc = cg.location;
    for (const ScheduledVisit& sv : plan.routes[c].visits) {
      const VisitRequest& v = *by_id[sv.visit_id];
      const int leg =
          walking.Minutes(static_cast<std::size_t>(loc), static_cast<std::size_t>(v.location));
      walked += leg;
      const int start = std::max(t + leg, v.window_start_min);
      if (start > v.window_end_min) ++late;
      t = start + v.duration_min;
      loc = v.location;
    }
    if (!plan.routes[c].visits.empty()) {
      const int back =
          walking.Minutes(static_cast<std::size_t>(loc), static_cast<std::size_t>(cg.location));
      walked += back;
      if (t + back > cg.shift_end_min) ++overtime;
    }
  }
  std::printf("  %-34s planned %lld min, walks %lld min; %d visits late, %d caregivers home late\n",
              "  walked on the network:", static_cast<long long>(plan.total_travel_min),
              static_cast<long long>(walked), late, overtime);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : SHEQU_DEFAULT_EXTRACT;
  const int visit_count = argc > 2 ? std::atoi(argv[2]) : 2000;
  const int caregiver_count = argc > 3 ? std::atoi(argv[3]) : 150;
  std::vector<int> limits;
  for (int i = 4; i < argc; ++i) limits.push_back(std::atoi(argv[i]));
  if (limits.empty()) limits = {2000, 10000};

  const Clock::time_point import_start = Clock::now();
  auto import = planning::ImportWalkGraph(path, {.collapse_chains = true});
  if (!import) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), import.error().message.c_str());
    return 1;
  }
  const planning::EdgeSnapper snapper(import->pieces);
  auto features = planning::ReadOsmFeatures(path);
  if (!features) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), features.error().message.c_str());
    return 1;
  }
  // Homes: residential buildings within 300 m of the network (the matrix's snapping limit).
  std::vector<LatLon> homes;
  for (const planning::OsmBuilding& b : features->buildings) {
    if (!b.residential) continue;
    const planning::Snap snap = snapper.Nearest(b.centroid);
    if (snap.Valid() && snap.snap_distance_m <= 300.0) {
      homes.push_back({b.centroid.Lat(), b.centroid.Lon()});
    }
  }
  std::printf(
      "%s: %zu walking nodes after collapsing chains, %zu residential buildings near it "
      "(read in %.0f ms)\n",
      path.c_str(), import->graph.NodeCount(), homes.size(), Milliseconds(import_start));
  if (homes.size() < static_cast<std::size_t>(caregiver_count) + 10) {
    std::fprintf(stderr, "too few homes for %d caregivers\n", caregiver_count);
    return 1;
  }

  const Day day = MakeDay(homes, visit_count, caregiver_count, 20261130);
  std::printf("day: %zu visits at %zu homes, %zu caregivers (9-hour shifts from 07:00-09:00)\n",
              day.visits.size(), day.points.size() - day.caregivers.size(), day.caregivers.size());

  Clock::time_point t = Clock::now();
  const double cpu_before = CpuMilliseconds();
  auto walking = WalkingTravelTimes(import->graph, snapper, day.points);
  const double walking_cpu_ms = CpuMilliseconds() - cpu_before;
  if (!walking) {
    std::fprintf(stderr, "WalkingTravelTimes: %s\n", walking.error().message.c_str());
    return 1;
  }
  const double walking_ms = Milliseconds(t);
  t = Clock::now();
  const auto straight = StraightLineTravelTimes(day.points);
  const double straight_ms = Milliseconds(t);
  std::printf(
      "travel matrix %zu x %zu: walking network %.0f ms (%.0f ms CPU), straight line %.0f ms\n",
      day.points.size(), day.points.size(), walking_ms, walking_cpu_ms, straight_ms);

  std::printf("\non the walking network (60 m/min):\n");
  const Figures baseline = Solve(day, **walking, SchedulingMethod::kNearestNeighbour, 0);
  Print("nearest neighbour (baseline)", baseline, nullptr);
  for (int limit : limits) {
    const Figures f = Solve(day, **walking, SchedulingMethod::kInsertionAndImprovement, limit);
    const std::string label = "insertion + local search " + std::to_string(limit / 1000) + " s";
    Print(label.c_str(), f, &baseline);
  }

  std::printf("\non straight lines (x1.3 detour, 60 m/min):\n");
  DaySchedule plan;
  const Figures line_baseline = Solve(day, *straight, SchedulingMethod::kNearestNeighbour, 0);
  Print("nearest neighbour (baseline)", line_baseline, nullptr);
  const Figures line =
      Solve(day, *straight, SchedulingMethod::kInsertionAndImprovement, limits.front(), &plan);
  const std::string label =
      "insertion + local search " + std::to_string(limits.front() / 1000) + " s";
  Print(label.c_str(), line, &line_baseline);
  WalkThePlan(day, plan, **walking);
  return 0;
}
