#include "eldercare/scheduling/visit_scheduling.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace shequ::eldercare::scheduling {
namespace {

// Places on a plane, minutes apart by their rounded-up straight-line distance (a metric, like
// the real walking times); a place with `island` set cannot be reached from any other.
class PlaneTravel final : public TravelTimes {
 public:
  struct Place {
    double x = 0;
    double y = 0;
    bool island = false;
  };
  explicit PlaneTravel(std::vector<Place> places) : places_(std::move(places)) {}
  std::size_t size() const override { return places_.size(); }
  int Minutes(std::size_t from, std::size_t to) const override {
    if (from == to) return 0;
    const Place& a = places_[from];
    const Place& b = places_[to];
    if (a.island || b.island) return kUnreachableMinutes;
    return static_cast<int>(std::ceil(std::hypot(a.x - b.x, a.y - b.y)));
  }

 private:
  std::vector<Place> places_;
};

PlaneTravel Line(std::vector<double> xs) {
  std::vector<PlaneTravel::Place> places;
  for (double x : xs) places.push_back({x, 0, false});
  return PlaneTravel(std::move(places));
}

CaregiverDay Caregiver(std::int64_t id, int location, std::vector<std::string> skills = {},
                       std::vector<std::string> qualifications = {}) {
  CaregiverDay c;
  c.id = id;
  c.location = location;
  c.skills = std::move(skills);
  c.qualifications = std::move(qualifications);
  return c;
}

VisitRequest Visit(std::int64_t id, int location, int window_start, int window_end,
                   int duration = 30) {
  VisitRequest v;
  v.id = id;
  v.location = location;
  v.window_start_min = window_start;
  v.window_end_min = window_end;
  v.duration_min = duration;
  return v;
}

const SchedulingMethod kMethods[] = {SchedulingMethod::kNearestNeighbour,
                                     SchedulingMethod::kInsertionAndImprovement};

SchedulingOptions With(SchedulingMethod method) {
  SchedulingOptions options;
  options.method = method;
  return options;
}

// Which caregiver makes each visit.
std::map<std::int64_t, std::int64_t> Assignment(const DaySchedule& schedule) {
  std::map<std::int64_t, std::int64_t> out;
  for (const CaregiverRoute& r : schedule.routes) {
    for (const ScheduledVisit& v : r.visits) out[v.visit_id] = r.caregiver_id;
  }
  return out;
}

TEST(PlanDayTest, WindowForcesTheOrder) {
  // Home at 0; A at 10 must start by 08:20, B at 5 only opens at 10:00. Nearest-first would go
  // to B first; the windows say A, then B.
  const PlaneTravel travel = Line({0, 10, 5});
  const std::vector<CaregiverDay> caregivers = {Caregiver(1, 0)};
  const std::vector<VisitRequest> visits = {Visit(100, 1, 480, 500), Visit(200, 2, 600, 700)};
  for (SchedulingMethod method : kMethods) {
    auto schedule = PlanDay(caregivers, visits, travel, With(method));
    ASSERT_TRUE(schedule) << schedule.error().message;
    ASSERT_EQ(schedule->routes.size(), 1u);
    const CaregiverRoute& r = schedule->routes[0];
    ASSERT_EQ(r.visits.size(), 2u);
    // Leaves at 08:00, walks 10 min: A at 08:10 until 08:40; 5 min to B, waits until 10:00.
    EXPECT_EQ(r.visits[0].visit_id, 100);
    EXPECT_EQ(r.visits[0].start_min, 490);
    EXPECT_EQ(r.visits[0].travel_min_before, 10);
    EXPECT_EQ(r.visits[1].visit_id, 200);
    EXPECT_EQ(r.visits[1].start_min, 600);
    EXPECT_EQ(r.visits[1].travel_min_before, 5);
    EXPECT_EQ(r.travel_min, 20);  // 10 + 5 + 5 home
    EXPECT_EQ(schedule->total_travel_min, 20);
    EXPECT_TRUE(schedule->unplaced.empty());
  }
}

TEST(PlanDayTest, VisitNeedingAQualificationGoesToTheOneHolder) {
  // Caregiver 1 lives next door but holds no licence; caregiver 2, 50 minutes away, does.
  const PlaneTravel travel = Line({0, 50, 1});
  const std::vector<CaregiverDay> caregivers = {Caregiver(1, 0, {"medical", "cleaning"}, {}),
                                                Caregiver(2, 1, {"medical"}, {"medical_license"})};
  VisitRequest medical = Visit(100, 2, 480, 720);
  medical.skill = "medical";
  medical.required_qualification = "medical_license";
  VisitRequest cleaning = Visit(200, 2, 480, 720);
  cleaning.skill = "cleaning";
  for (SchedulingMethod method : kMethods) {
    auto schedule = PlanDay(caregivers, {medical, cleaning}, travel, With(method));
    ASSERT_TRUE(schedule) << schedule.error().message;
    const auto who = Assignment(*schedule);
    EXPECT_EQ(who.at(100), 2);
    // Cleaning is a skill only caregiver 1 lists.
    EXPECT_EQ(who.at(200), 1);
    EXPECT_EQ(schedule->total_travel_min, 98 + 2);
  }
  // Without the holder on shift the visit is unplaced for want of a qualified caregiver.
  auto without = PlanDay({caregivers[0]}, {medical}, travel);
  ASSERT_TRUE(without);
  ASSERT_EQ(without->unplaced.size(), 1u);
  EXPECT_EQ(without->unplaced[0].reason, UnplacedReason::kNoQualifiedCaregiver);
  EXPECT_EQ(UnplacedReasonName(without->unplaced[0].reason), "no_qualified_caregiver");
}

TEST(PlanDayTest, FixedVisitStaysWithItsCaregiver) {
  // The visit is next to caregiver 1's home, but a worker gave it to caregiver 2. Its neighbour's
  // visit at the same time cannot be made by caregiver 2 as well, so it goes to caregiver 1.
  const PlaneTravel travel = Line({0, 40, 1});
  const std::vector<CaregiverDay> caregivers = {Caregiver(1, 0), Caregiver(2, 1)};
  VisitRequest fixed = Visit(100, 2, 540, 540, 60);
  fixed.fixed_caregiver_id = 2;
  const VisitRequest free = Visit(200, 2, 540, 560, 60);
  for (SchedulingMethod method : kMethods) {
    auto schedule = PlanDay(caregivers, {fixed, free}, travel, With(method));
    ASSERT_TRUE(schedule) << schedule.error().message;
    const auto who = Assignment(*schedule);
    EXPECT_EQ(who.at(100), 2);
    EXPECT_EQ(who.at(200), 1);
    EXPECT_EQ(schedule->routes[1].travel_min, 78);
    EXPECT_EQ(schedule->routes[0].travel_min, 2);
  }
  // Fixing does not lift the qualification rule: caregiver 2 holds no medical licence.
  VisitRequest medical = fixed;
  medical.skill = "medical";
  medical.required_qualification = "medical_license";
  auto unqualified = PlanDay(caregivers, {medical}, travel);
  ASSERT_TRUE(unqualified);
  ASSERT_EQ(unqualified->unplaced.size(), 1u);
  EXPECT_EQ(unqualified->unplaced[0].reason, UnplacedReason::kNoQualifiedCaregiver);
}

TEST(PlanDayTest, NoTimeForLocalSearchStillGivesAValidPlanNoWorseThanTheBaseline) {
  // Three visits along a line, windows wide open: going out to the far end and collecting the
  // others on the way back is what insertion finds without any search.
  const PlaneTravel travel = Line({0, 10, 20, 30});
  const std::vector<VisitRequest> visits = {Visit(1, 2, 480, 900), Visit(2, 1, 480, 900),
                                            Visit(3, 3, 480, 900)};
  SchedulingOptions options;
  options.improvement_time_limit_ms = 0;
  auto quick = PlanDay({Caregiver(1, 0)}, visits, travel, options);
  ASSERT_TRUE(quick);
  EXPECT_TRUE(quick->unplaced.empty());
  EXPECT_EQ(quick->total_travel_min, 60);
  auto baseline =
      PlanDay({Caregiver(1, 0)}, visits, travel, With(SchedulingMethod::kNearestNeighbour));
  ASSERT_TRUE(baseline);
  EXPECT_EQ(baseline->total_travel_min, 60);  // 10 + 10 + 10 out, 30 back
  EXPECT_EQ(baseline->routes[0].visits[0].visit_id, 2);
}

TEST(PlanDayTest, WindowOutsideEveryShiftIsUnplacedForWantOfTime) {
  const PlaneTravel travel = Line({0, 5});
  const std::vector<CaregiverDay> caregivers = {Caregiver(1, 0)};  // 08:00-17:00
  for (SchedulingMethod method : kMethods) {
    auto schedule = PlanDay(caregivers, {Visit(100, 1, 20 * 60, 21 * 60)}, travel, With(method));
    ASSERT_TRUE(schedule) << schedule.error().message;
    ASSERT_EQ(schedule->unplaced.size(), 1u);
    EXPECT_EQ(schedule->unplaced[0].visit_id, 100);
    EXPECT_EQ(schedule->unplaced[0].reason, UnplacedReason::kNoTimeLeft);
    EXPECT_TRUE(schedule->routes[0].visits.empty());
    EXPECT_EQ(schedule->total_travel_min, 0);
  }
}

TEST(PlanDayTest, TheWayHomeMustFitInTheShift) {
  // 20 minutes out, 30 on the visit, 20 back: 08:00 + 70 = 09:10.
  const PlaneTravel travel = Line({0, 20});
  CaregiverDay short_shift = Caregiver(1, 0);
  short_shift.shift_end_min = 9 * 60 + 9;
  auto late = PlanDay({short_shift}, {Visit(100, 1, 480, 600)}, travel);
  ASSERT_TRUE(late);
  ASSERT_EQ(late->unplaced.size(), 1u);
  EXPECT_EQ(late->unplaced[0].reason, UnplacedReason::kNoTimeLeft);
  short_shift.shift_end_min = 9 * 60 + 10;
  auto on_time = PlanDay({short_shift}, {Visit(100, 1, 480, 600)}, travel);
  ASSERT_TRUE(on_time);
  EXPECT_TRUE(on_time->unplaced.empty());
  EXPECT_EQ(on_time->routes[0].visits[0].start_min, 500);
}

TEST(PlanDayTest, TwoVisitsThatOverlapNeedTwoCaregiversOrOneIsLeftOut) {
  // Both must start at exactly 09:00 and last an hour: one caregiver cannot make both.
  const PlaneTravel travel = Line({0, 1, 2});
  const std::vector<VisitRequest> visits = {Visit(100, 1, 540, 540, 60),
                                            Visit(200, 2, 540, 540, 60)};
  auto one = PlanDay({Caregiver(1, 0)}, visits, travel);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->routes[0].visits.size(), 1u);
  ASSERT_EQ(one->unplaced.size(), 1u);
  EXPECT_EQ(one->unplaced[0].reason, UnplacedReason::kNoTimeLeft);
  auto two = PlanDay({Caregiver(1, 0), Caregiver(2, 0)}, visits, travel);
  ASSERT_TRUE(two);
  EXPECT_TRUE(two->unplaced.empty());
  EXPECT_EQ(two->routes[0].visits.size(), 1u);
  EXPECT_EQ(two->routes[1].visits.size(), 1u);
}

TEST(PlanDayTest, UnreachableHomeIsSaidSo) {
  const PlaneTravel travel({{0, 0, false}, {3, 4, true}});
  auto schedule = PlanDay({Caregiver(1, 0)}, {Visit(100, 1, 480, 600)}, travel);
  ASSERT_TRUE(schedule);
  ASSERT_EQ(schedule->unplaced.size(), 1u);
  EXPECT_EQ(schedule->unplaced[0].reason, UnplacedReason::kUnreachable);
  EXPECT_EQ(UnplacedReasonName(UnplacedReason::kUnreachable), "unreachable");
}

TEST(PlanDayTest, EmptyDay) {
  const PlaneTravel travel = Line({0, 1});
  for (SchedulingMethod method : kMethods) {
    auto nothing = PlanDay({Caregiver(1, 0), Caregiver(2, 1)}, {}, travel, With(method));
    ASSERT_TRUE(nothing);
    ASSERT_EQ(nothing->routes.size(), 2u);
    EXPECT_EQ(nothing->routes[0].caregiver_id, 1);
    EXPECT_EQ(nothing->routes[1].caregiver_id, 2);
    EXPECT_TRUE(nothing->routes[0].visits.empty());
    EXPECT_EQ(nothing->routes[0].travel_min, 0);
    EXPECT_EQ(nothing->total_travel_min, 0);
    EXPECT_TRUE(nothing->unplaced.empty());

    auto nobody = PlanDay({}, {Visit(100, 1, 480, 600)}, travel, With(method));
    ASSERT_TRUE(nobody);
    EXPECT_TRUE(nobody->routes.empty());
    ASSERT_EQ(nobody->unplaced.size(), 1u);
    EXPECT_EQ(nobody->unplaced[0].reason, UnplacedReason::kNoQualifiedCaregiver);
  }
}

TEST(PlanDayTest, BadInputNamesTheField) {
  const PlaneTravel travel = Line({0, 1});
  const auto field = [&](std::vector<CaregiverDay> caregivers, std::vector<VisitRequest> visits) {
    auto r = PlanDay(caregivers, visits, travel);
    if (r) return std::string("accepted");
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    return r.error().field;
  };
  EXPECT_EQ(field({Caregiver(1, 0)}, {Visit(100, 1, 600, 540)}), "visits[0].window_end_min");
  EXPECT_EQ(field({Caregiver(1, 0)}, {Visit(100, 1, 480, 600), Visit(101, 1, 1430, 1439, 30)}),
            "visits[1].window_end_min");
  EXPECT_EQ(field({Caregiver(1, 0)}, {Visit(100, 1, 480, 600, 0)}), "visits[0].duration_min");
  EXPECT_EQ(field({Caregiver(1, 0)}, {Visit(100, 2, 480, 600)}), "visits[0].location");
  EXPECT_EQ(field({Caregiver(1, 0)}, {Visit(100, -1, 480, 600)}), "visits[0].location");
  EXPECT_EQ(field({Caregiver(1, 0)}, {Visit(100, 1, -5, 600)}), "visits[0].window_start_min");
  EXPECT_EQ(field({Caregiver(1, 0)}, {Visit(100, 1, 480, 600), Visit(100, 1, 480, 600)}),
            "visits[1].id");
  VisitRequest fixed = Visit(100, 1, 480, 600);
  fixed.fixed_caregiver_id = 9;
  EXPECT_EQ(field({Caregiver(1, 0)}, {fixed}), "visits[0].fixed_caregiver_id");
  EXPECT_EQ(field({Caregiver(1, 5)}, {}), "caregivers[0].location");
  EXPECT_EQ(field({Caregiver(1, 0), Caregiver(1, 1)}, {}), "caregivers[1].id");
  CaregiverDay backwards = Caregiver(1, 0);
  backwards.shift_end_min = 7 * 60;
  EXPECT_EQ(field({backwards}, {}), "caregivers[0].shift_end_min");
  // The edge of the day is allowed: a window of one minute that ends the visit at midnight.
  EXPECT_EQ(field({Caregiver(1, 0)}, {Visit(100, 1, 1410, 1410, 30)}), "accepted");
}

// ----- The randomised property test -----

struct RandomDay {
  std::vector<PlaneTravel::Place> places;
  std::vector<CaregiverDay> caregivers;
  std::vector<VisitRequest> visits;
};

RandomDay MakeRandomDay(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const auto uniform = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  RandomDay day;
  const int caregivers = uniform(1, 8);
  const int visits = uniform(0, 70);
  const std::vector<std::string> skills = {"cleaning", "bathing", "medical", "companionship"};
  const std::vector<std::string> qualifications = {"caregiver_cert", "medical_license"};
  for (int c = 0; c < caregivers; ++c) {
    day.places.push_back(
        {static_cast<double>(uniform(0, 60)), static_cast<double>(uniform(0, 60)), false});
    CaregiverDay cg;
    cg.id = 1000 + c;
    cg.location = static_cast<int>(day.places.size()) - 1;
    cg.shift_start_min = uniform(7, 10) * 60;
    cg.shift_end_min = cg.shift_start_min + uniform(4, 9) * 60;
    for (const std::string& s : skills) {
      if (uniform(0, 3) != 0) cg.skills.push_back(s);
    }
    for (const std::string& q : qualifications) {
      if (uniform(0, 2) == 0) cg.qualifications.push_back(q);
    }
    day.caregivers.push_back(cg);
  }
  for (int v = 0; v < visits; ++v) {
    // One home in 30 is an island nobody can walk to.
    day.places.push_back({static_cast<double>(uniform(0, 60)), static_cast<double>(uniform(0, 60)),
                          uniform(0, 29) == 0});
    VisitRequest visit;
    visit.id = 1 + v;
    visit.location = static_cast<int>(day.places.size()) - 1;
    visit.window_start_min = uniform(7 * 60, 18 * 60);
    visit.window_end_min = visit.window_start_min + uniform(0, 180);
    visit.duration_min =
        std::vector<int>{20, 30, 45, 60, 120}[static_cast<std::size_t>(uniform(0, 4))];
    if (uniform(0, 2) != 0) visit.skill = skills[static_cast<std::size_t>(uniform(0, 3))];
    if (uniform(0, 4) == 0) {
      visit.required_qualification = qualifications[static_cast<std::size_t>(uniform(0, 1))];
    }
    if (uniform(0, 9) == 0) {
      visit.fixed_caregiver_id =
          day.caregivers[static_cast<std::size_t>(uniform(0, caregivers - 1))].id;
    }
    day.visits.push_back(visit);
  }
  return day;
}

// Re-checks every rule of a schedule from the input alone, without the solver's code. Returns
// the number of visits placed.
int ExpectFeasible(const RandomDay& day, const TravelTimes& travel, const DaySchedule& s) {
  std::map<std::int64_t, const VisitRequest*> visit_by_id;
  for (const VisitRequest& v : day.visits) visit_by_id[v.id] = &v;
  std::set<std::int64_t> seen;
  int placed = 0;
  std::int64_t total = 0;
  EXPECT_EQ(s.routes.size(), day.caregivers.size());
  for (std::size_t c = 0; c < s.routes.size() && c < day.caregivers.size(); ++c) {
    const CaregiverDay& cg = day.caregivers[c];
    const CaregiverRoute& route = s.routes[c];
    EXPECT_EQ(route.caregiver_id, cg.id);
    int t = cg.shift_start_min;
    int loc = cg.location;
    int travel_sum = 0;
    for (const ScheduledVisit& sv : route.visits) {
      EXPECT_TRUE(visit_by_id.contains(sv.visit_id));
      if (!visit_by_id.contains(sv.visit_id)) continue;
      const VisitRequest& v = *visit_by_id[sv.visit_id];
      EXPECT_TRUE(seen.insert(v.id).second) << "visit " << v.id << " placed twice";
      const int leg =
          travel.Minutes(static_cast<std::size_t>(loc), static_cast<std::size_t>(v.location));
      EXPECT_LT(leg, TravelTimes::kUnreachableMinutes);
      EXPECT_EQ(sv.travel_min_before, leg);
      EXPECT_GE(sv.start_min, t + leg)
          << "visit " << v.id << " starts before the caregiver arrives";
      EXPECT_GE(sv.start_min, v.window_start_min);
      EXPECT_LE(sv.start_min, v.window_end_min);
      if (!v.skill.empty()) {
        EXPECT_NE(std::find(cg.skills.begin(), cg.skills.end(), v.skill), cg.skills.end());
      }
      if (!v.required_qualification.empty()) {
        EXPECT_NE(
            std::find(cg.qualifications.begin(), cg.qualifications.end(), v.required_qualification),
            cg.qualifications.end());
      }
      if (v.fixed_caregiver_id != 0) {
        EXPECT_EQ(v.fixed_caregiver_id, cg.id);
      }
      travel_sum += leg;
      t = sv.start_min + v.duration_min;
      loc = v.location;
      ++placed;
    }
    if (!route.visits.empty()) {
      const int back =
          travel.Minutes(static_cast<std::size_t>(loc), static_cast<std::size_t>(cg.location));
      travel_sum += back;
      t += back;
    }
    EXPECT_LE(t, cg.shift_end_min) << "caregiver " << cg.id << " home after the shift";
    EXPECT_EQ(route.travel_min, travel_sum);
    total += travel_sum;
  }
  EXPECT_EQ(s.total_travel_min, total);
  for (const UnplacedVisit& u : s.unplaced) {
    EXPECT_TRUE(seen.insert(u.visit_id).second) << "visit " << u.visit_id << " twice";
    const VisitRequest& v = *visit_by_id.at(u.visit_id);
    const bool anyone =
        std::any_of(day.caregivers.begin(), day.caregivers.end(), [&](const CaregiverDay& cg) {
          return (v.fixed_caregiver_id == 0 || v.fixed_caregiver_id == cg.id) &&
                 (v.skill.empty() ||
                  std::find(cg.skills.begin(), cg.skills.end(), v.skill) != cg.skills.end()) &&
                 (v.required_qualification.empty() ||
                  std::find(cg.qualifications.begin(), cg.qualifications.end(),
                            v.required_qualification) != cg.qualifications.end());
        });
    EXPECT_EQ(u.reason == UnplacedReason::kNoQualifiedCaregiver, !anyone) << "visit " << v.id;
  }
  EXPECT_EQ(seen.size(), day.visits.size()) << "every visit is placed or said unplaced";
  return placed;
}

TEST(PlanDayPropertyTest, EveryScheduleIsFeasibleAndImprovementNeverLosesToTheBaseline) {
  int strictly_better = 0;
  std::int64_t baseline_travel = 0;
  std::int64_t improved_travel = 0;
  for (std::uint64_t seed = 1; seed <= 150; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const RandomDay day = MakeRandomDay(seed);
    const PlaneTravel travel(day.places);
    SchedulingOptions options;
    options.method = SchedulingMethod::kNearestNeighbour;
    auto baseline = PlanDay(day.caregivers, day.visits, travel, options);
    ASSERT_TRUE(baseline) << baseline.error().message;
    options.method = SchedulingMethod::kInsertionAndImprovement;
    options.seed = seed;
    options.improvement_time_limit_ms = 60'000;  // converges long before: the result is the seed's
    auto improved = PlanDay(day.caregivers, day.visits, travel, options);
    ASSERT_TRUE(improved) << improved.error().message;
    const int placed_baseline = ExpectFeasible(day, travel, *baseline);
    const int placed_improved = ExpectFeasible(day, travel, *improved);
    EXPECT_GE(placed_improved, placed_baseline);
    if (placed_improved == placed_baseline) {
      EXPECT_LE(improved->total_travel_min, baseline->total_travel_min);
      baseline_travel += baseline->total_travel_min;
      improved_travel += improved->total_travel_min;
    }
    if (placed_improved > placed_baseline ||
        improved->total_travel_min < baseline->total_travel_min) {
      ++strictly_better;
    }
    // Deterministic for a seed.
    auto again = PlanDay(day.caregivers, day.visits, travel, options);
    ASSERT_TRUE(again);
    EXPECT_EQ(Assignment(*again), Assignment(*improved));
    EXPECT_EQ(again->total_travel_min, improved->total_travel_min);
  }
  std::cout << "[ property ] insertion+improvement better than the baseline on " << strictly_better
            << " of 150 days; travel on equal-placement days " << improved_travel << " vs "
            << baseline_travel << " min\n";
  EXPECT_GT(strictly_better, 50);
}

}  // namespace
}  // namespace shequ::eldercare::scheduling
