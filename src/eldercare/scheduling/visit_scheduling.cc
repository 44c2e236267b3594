#include "eldercare/scheduling/visit_scheduling.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <tuple>
#include <unordered_set>
#include <utility>
#include <vector>

namespace shequ::eldercare::scheduling {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kUnreachable = TravelTimes::kUnreachableMinutes;
constexpr int kMinutesPerDay = 24 * 60;
// Visits a move looks at around each visit (swap and tail-exchange partners, visits to eject):
// the nearest ones by travel. Enough for a street's day; it keeps a pass linear in the visits.
constexpr std::size_t kNeighbours = 40;

std::string Field(std::string_view list, std::size_t index, std::string_view name) {
  return std::string(list) + "[" + std::to_string(index) + "]." + std::string(name);
}

bool Contains(const std::vector<std::string>& list, const std::string& code) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

// The day in index form: caregivers and visits by position, eligibility as a flat table.
struct Problem {
  const std::vector<CaregiverDay>& caregivers;
  const std::vector<VisitRequest>& visits;
  const TravelTimes& travel;
  std::vector<std::uint8_t> eligible;         // [visit * caregiver count + caregiver]
  std::vector<std::vector<int>> eligible_of;  // per visit, the caregivers who may make it

  int C() const { return static_cast<int>(caregivers.size()); }
  int V() const { return static_cast<int>(visits.size()); }
  bool Eligible(int v, int c) const {
    return eligible[static_cast<std::size_t>(v) * caregivers.size() +
                    static_cast<std::size_t>(c)] != 0;
  }
  int Home(int c) const { return caregivers[static_cast<std::size_t>(c)].location; }
  int Loc(int v) const { return visits[static_cast<std::size_t>(v)].location; }
  const VisitRequest& Visit(int v) const { return visits[static_cast<std::size_t>(v)]; }
  const CaregiverDay& Caregiver(int c) const { return caregivers[static_cast<std::size_t>(c)]; }
  int T(int from_point, int to_point) const {
    return travel.Minutes(static_cast<std::size_t>(from_point), static_cast<std::size_t>(to_point));
  }
};

// One caregiver's sequence with what insertion needs in O(1) (the forward slack of Savelsbergh):
// each visit's earliest start and the latest start that keeps every later visit and the way home
// inside their limits.
struct Route {
  std::vector<int> seq;
  std::vector<int> start;   // earliest start of seq[i]
  std::vector<int> latest;  // latest start of seq[i] that keeps the rest feasible
  int travel = 0;           // including the way back home
};

struct Evaluation {
  bool feasible = false;
  int travel = 0;
};

// Walks a sequence from the caregiver's home at shift start: every visit starts at the earliest
// moment inside its window, and the caregiver must be home again by shift end.
Evaluation Evaluate(const Problem& p, int c, std::span<const int> seq) {
  const CaregiverDay& cg = p.Caregiver(c);
  int t = cg.shift_start_min;
  int loc = cg.location;
  int travel = 0;
  for (int v : seq) {
    if (!p.Eligible(v, c)) return {};
    const VisitRequest& visit = p.Visit(v);
    const int leg = p.T(loc, visit.location);
    if (leg >= kUnreachable) return {};
    const int start = std::max(t + leg, visit.window_start_min);
    if (start > visit.window_end_min) return {};
    travel += leg;
    t = start + visit.duration_min;
    loc = visit.location;
  }
  if (!seq.empty()) {
    const int leg = p.T(loc, cg.location);
    if (leg >= kUnreachable) return {};
    travel += leg;
    t += leg;
  }
  if (t > cg.shift_end_min) return {};
  return {true, travel};
}

void Refresh(const Problem& p, int c, Route& r) {
  const CaregiverDay& cg = p.Caregiver(c);
  const std::size_t n = r.seq.size();
  r.start.resize(n);
  r.latest.resize(n);
  int t = cg.shift_start_min;
  int loc = cg.location;
  r.travel = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const VisitRequest& visit = p.Visit(r.seq[i]);
    const int leg = p.T(loc, visit.location);
    r.travel += leg;
    r.start[i] = std::max(t + leg, visit.window_start_min);
    t = r.start[i] + visit.duration_min;
    loc = visit.location;
  }
  if (n == 0) return;
  r.travel += p.T(loc, cg.location);
  int latest_arrival = cg.shift_end_min;  // at the next stop (home for the last visit)
  int next_loc = cg.location;
  for (std::size_t k = n; k-- > 0;) {
    const VisitRequest& visit = p.Visit(r.seq[k]);
    r.latest[k] = std::min(visit.window_end_min,
                           latest_arrival - p.T(visit.location, next_loc) - visit.duration_min);
    latest_arrival = r.latest[k];
    next_loc = visit.location;
  }
}

// Whether v fits into route r of caregiver c before position pos (pos == size: at the end), and
// the added travel. O(1) thanks to the route's forward slack.
bool InsertionCost(const Problem& p, int c, const Route& r, int v, std::size_t pos, int* cost) {
  const CaregiverDay& cg = p.Caregiver(c);
  const VisitRequest& visit = p.Visit(v);
  const int prev_loc = pos == 0 ? cg.location : p.Loc(r.seq[pos - 1]);
  const int prev_departure =
      pos == 0 ? cg.shift_start_min : r.start[pos - 1] + p.Visit(r.seq[pos - 1]).duration_min;
  const bool last = pos == r.seq.size();
  const int next_loc = last ? cg.location : p.Loc(r.seq[pos]);
  const int in = p.T(prev_loc, visit.location);
  const int out = p.T(visit.location, next_loc);
  if (in >= kUnreachable || out >= kUnreachable) return false;
  const int start = std::max(prev_departure + in, visit.window_start_min);
  if (start > visit.window_end_min) return false;
  const int next_arrival = start + visit.duration_min + out;
  if (next_arrival > (last ? cg.shift_end_min : r.latest[pos])) return false;
  *cost = in + out - p.T(prev_loc, next_loc);
  return true;
}

// Whether w can take the place of the visit at position pos of route r (the neighbours stay), and
// the change in travel.
bool ReplacementCost(const Problem& p, int c, const Route& r, std::size_t pos, int w, int* delta) {
  if (!p.Eligible(w, c)) return false;
  const CaregiverDay& cg = p.Caregiver(c);
  const VisitRequest& visit = p.Visit(w);
  const int old_loc = p.Loc(r.seq[pos]);
  const int prev_loc = pos == 0 ? cg.location : p.Loc(r.seq[pos - 1]);
  const int prev_departure =
      pos == 0 ? cg.shift_start_min : r.start[pos - 1] + p.Visit(r.seq[pos - 1]).duration_min;
  const bool last = pos + 1 == r.seq.size();
  const int next_loc = last ? cg.location : p.Loc(r.seq[pos + 1]);
  const int in = p.T(prev_loc, visit.location);
  const int out = p.T(visit.location, next_loc);
  if (in >= kUnreachable || out >= kUnreachable) return false;
  const int start = std::max(prev_departure + in, visit.window_start_min);
  if (start > visit.window_end_min) return false;
  const int next_arrival = start + visit.duration_min + out;
  if (next_arrival > (last ? cg.shift_end_min : r.latest[pos + 1])) return false;
  *delta = in + out - p.T(prev_loc, old_loc) - p.T(old_loc, next_loc);
  return true;
}

struct Solution {
  std::vector<Route> routes;  // per caregiver
  std::vector<int> route_of;  // per visit; -1 when unplaced
  int placed = 0;
  std::int64_t travel = 0;

  void Recount() {
    travel = 0;
    for (const Route& r : routes) travel += r.travel;
    placed = static_cast<int>(
        std::count_if(route_of.begin(), route_of.end(), [](int r) { return r >= 0; }));
  }
};

// More visits placed first, then less travel.
bool Better(const Solution& a, const Solution& b) {
  return std::tie(b.placed, a.travel) < std::tie(a.placed, b.travel);
}

Solution EmptySolution(const Problem& p) {
  Solution s;
  s.routes.resize(static_cast<std::size_t>(p.C()));
  s.route_of.assign(static_cast<std::size_t>(p.V()), -1);
  return s;
}

// The baseline: each caregiver in turn walks to the feasible visit that can start soonest (the
// walk plus any wait: "nearest" in time, which is what a coordinator with a list would do), until
// nothing more fits before the way home.
Solution NearestNeighbour(const Problem& p) {
  Solution s = EmptySolution(p);
  std::vector<std::uint8_t> taken(static_cast<std::size_t>(p.V()), 0);
  for (int c = 0; c < p.C(); ++c) {
    const CaregiverDay& cg = p.Caregiver(c);
    Route& route = s.routes[static_cast<std::size_t>(c)];
    int t = cg.shift_start_min;
    int loc = cg.location;
    while (true) {
      int best = -1;
      std::tuple<int, int, int> best_key{};
      int best_start = 0;
      for (int v = 0; v < p.V(); ++v) {
        if (taken[static_cast<std::size_t>(v)] || !p.Eligible(v, c)) continue;
        const VisitRequest& visit = p.Visit(v);
        const int leg = p.T(loc, visit.location);
        const int back = p.T(visit.location, cg.location);
        if (leg >= kUnreachable || back >= kUnreachable) continue;
        const int start = std::max(t + leg, visit.window_start_min);
        if (start > visit.window_end_min) continue;
        if (start + visit.duration_min + back > cg.shift_end_min) continue;
        const std::tuple<int, int, int> key{start - t, leg, v};
        if (best < 0 || key < best_key) {
          best = v;
          best_key = key;
          best_start = start;
        }
      }
      if (best < 0) break;
      taken[static_cast<std::size_t>(best)] = 1;
      route.seq.push_back(best);
      s.route_of[static_cast<std::size_t>(best)] = c;
      t = best_start + p.Visit(best).duration_min;
      loc = p.Loc(best);
    }
    Refresh(p, c, route);
  }
  s.Recount();
  return s;
}

// Cheapest feasible insertion of v over every route it may go to; false when it fits nowhere.
bool InsertCheapest(const Problem& p, Solution& s, int v) {
  int best_c = -1;
  std::size_t best_pos = 0;
  int best_cost = 0;
  for (int c : p.eligible_of[static_cast<std::size_t>(v)]) {
    const Route& r = s.routes[static_cast<std::size_t>(c)];
    for (std::size_t pos = 0; pos <= r.seq.size(); ++pos) {
      int cost = 0;
      if (InsertionCost(p, c, r, v, pos, &cost) && (best_c < 0 || cost < best_cost)) {
        best_c = c;
        best_pos = pos;
        best_cost = cost;
      }
    }
  }
  if (best_c < 0) return false;
  Route& r = s.routes[static_cast<std::size_t>(best_c)];
  r.seq.insert(r.seq.begin() + static_cast<std::ptrdiff_t>(best_pos), v);
  Refresh(p, best_c, r);
  s.route_of[static_cast<std::size_t>(v)] = best_c;
  s.travel += best_cost;
  ++s.placed;
  return true;
}

// Visits in the order insertion takes them: those fixed to a caregiver, then the ones fewest
// caregivers can make, then the narrowest windows — the hard ones first, while there is room.
// (Taking them by window opening or longest first was tried: on the benchmark's day neither
// placed more, and each construction costs a tenth of a second of the time limit.)
std::vector<int> InsertionOrder(const Problem& p) {
  std::vector<int> order;
  for (int v = 0; v < p.V(); ++v) {
    if (!p.eligible_of[static_cast<std::size_t>(v)].empty()) order.push_back(v);
  }
  const auto key = [&](int v) {
    const VisitRequest& visit = p.Visit(v);
    return std::make_tuple(visit.fixed_caregiver_id == 0,
                           p.eligible_of[static_cast<std::size_t>(v)].size(),
                           visit.window_end_min - visit.window_start_min, visit.window_start_min);
  };
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return key(a) < key(b); });
  return order;
}

Solution CheapestInsertion(const Problem& p, const std::vector<int>& order) {
  Solution s = EmptySolution(p);
  for (int v : order) InsertCheapest(p, s, v);
  s.Recount();
  return s;
}

class LocalSearch {
 public:
  LocalSearch(const Problem& p, Solution& s, Clock::time_point deadline, std::uint64_t seed)
      : p_(p), s_(s), deadline_(deadline), rng_(seed) {
    BuildNeighbours();
  }

  void Run(const std::vector<int>& insertion_order) {
    bool improved = true;
    while (improved && !TimeUp()) {
      improved = false;
      std::vector<int> placed = PlacedVisits();
      std::shuffle(placed.begin(), placed.end(), rng_);
      for (int v : placed) {
        if (TimeUp()) return;
        improved |= Relocate(v);
      }
      placed = PlacedVisits();
      std::shuffle(placed.begin(), placed.end(), rng_);
      for (int v : placed) {
        if (TimeUp()) return;
        improved |= Swap(v);
      }
      placed = PlacedVisits();
      std::shuffle(placed.begin(), placed.end(), rng_);
      for (int v : placed) {
        if (TimeUp()) return;
        improved |= ExchangeTails(v);
      }
      for (int c = 0; c < p_.C(); ++c) {
        if (TimeUp()) return;
        improved |= TwoOpt(c);
      }
      // Shorter routes may have made room for a visit left out; or it may take the place of a
      // nearby visit that fits somewhere else.
      for (int v : insertion_order) {
        if (s_.route_of[static_cast<std::size_t>(v)] >= 0) continue;
        if (TimeUp()) return;
        if (InsertCheapest(p_, s_, v) || InsertByEjecting(v)) improved = true;
      }
    }
  }

 private:
  bool TimeUp() {
    // The clock is read every 64 moves: cheap, and a move is microseconds.
    if ((++ticks_ & 63u) != 0) return timed_out_;
    timed_out_ = Clock::now() >= deadline_;
    return timed_out_;
  }

  std::vector<int> PlacedVisits() const {
    std::vector<int> placed;
    for (int v = 0; v < p_.V(); ++v) {
      if (s_.route_of[static_cast<std::size_t>(v)] >= 0) placed.push_back(v);
    }
    return placed;
  }

  void BuildNeighbours() {
    const std::size_t n = static_cast<std::size_t>(p_.V());
    neighbours_.assign(n, {});
    std::vector<std::pair<int, int>> by_distance;
    for (std::size_t v = 0; v < n; ++v) {
      by_distance.clear();
      for (std::size_t w = 0; w < n; ++w) {
        if (w == v) continue;
        const int a = p_.Loc(static_cast<int>(v));
        const int b = p_.Loc(static_cast<int>(w));
        const int there = p_.T(a, b);
        const int back = p_.T(b, a);
        const int d =
            there >= kUnreachable || back >= kUnreachable ? 2 * kUnreachable : there + back;
        by_distance.emplace_back(d, static_cast<int>(w));
      }
      const std::size_t k = std::min(kNeighbours, by_distance.size());
      std::partial_sort(by_distance.begin(), by_distance.begin() + static_cast<std::ptrdiff_t>(k),
                        by_distance.end());
      for (std::size_t i = 0; i < k; ++i) neighbours_[v].push_back(by_distance[i].second);
    }
  }

  std::size_t PositionOf(int c, int v) const {
    const std::vector<int>& seq = s_.routes[static_cast<std::size_t>(c)].seq;
    return static_cast<std::size_t>(std::find(seq.begin(), seq.end(), v) - seq.begin());
  }

  // Moves v to the place (any route it may go to, any position) that saves the most travel.
  bool Relocate(int v) {
    const int from = s_.route_of[static_cast<std::size_t>(v)];
    Route& source = s_.routes[static_cast<std::size_t>(from)];
    const std::size_t pos = PositionOf(from, v);
    // The route without v: removing a visit never makes the rest late (travel times obey the
    // triangle inequality), but it is checked rather than assumed.
    Route reduced = source;
    reduced.seq.erase(reduced.seq.begin() + static_cast<std::ptrdiff_t>(pos));
    if (!Evaluate(p_, from, reduced.seq).feasible) return false;
    Refresh(p_, from, reduced);
    const int gain = source.travel - reduced.travel;

    int best_c = -1;
    std::size_t best_pos = 0;
    int best_delta = 0;
    for (int c : p_.eligible_of[static_cast<std::size_t>(v)]) {
      const Route& target = c == from ? reduced : s_.routes[static_cast<std::size_t>(c)];
      for (std::size_t q = 0; q <= target.seq.size(); ++q) {
        if (c == from && q == pos) continue;
        int cost = 0;
        if (!InsertionCost(p_, c, target, v, q, &cost)) continue;
        const int delta = cost - gain;
        if (delta < best_delta) {
          best_delta = delta;
          best_c = c;
          best_pos = q;
        }
      }
    }
    if (best_c < 0) return false;
    if (best_c != from) {
      source = std::move(reduced);
      Route& target = s_.routes[static_cast<std::size_t>(best_c)];
      target.seq.insert(target.seq.begin() + static_cast<std::ptrdiff_t>(best_pos), v);
      Refresh(p_, best_c, target);
    } else {
      reduced.seq.insert(reduced.seq.begin() + static_cast<std::ptrdiff_t>(best_pos), v);
      Refresh(p_, from, reduced);
      source = std::move(reduced);
    }
    s_.route_of[static_cast<std::size_t>(v)] = best_c;
    s_.travel += best_delta;
    return true;
  }

  // Exchanges v with a nearby visit of another route when both fit in the other's place.
  bool Swap(int v) {
    const int cv = s_.route_of[static_cast<std::size_t>(v)];
    for (int w : neighbours_[static_cast<std::size_t>(v)]) {
      const int cw = s_.route_of[static_cast<std::size_t>(w)];
      if (cw < 0 || cw == cv) continue;
      if (!p_.Eligible(v, cw) || !p_.Eligible(w, cv)) continue;
      Route& rv = s_.routes[static_cast<std::size_t>(cv)];
      Route& rw = s_.routes[static_cast<std::size_t>(cw)];
      const std::size_t iv = PositionOf(cv, v);
      const std::size_t iw = PositionOf(cw, w);
      int dv = 0;
      int dw = 0;
      if (!ReplacementCost(p_, cv, rv, iv, w, &dv)) continue;
      if (!ReplacementCost(p_, cw, rw, iw, v, &dw)) continue;
      if (dv + dw >= 0) continue;
      rv.seq[iv] = w;
      rw.seq[iw] = v;
      Refresh(p_, cv, rv);
      Refresh(p_, cw, rw);
      s_.route_of[static_cast<std::size_t>(v)] = cw;
      s_.route_of[static_cast<std::size_t>(w)] = cv;
      s_.travel += dv + dw;
      return true;
    }
    return false;
  }

  // 2-opt*: v's route continues with what followed a nearby visit w in another route, and w's
  // with what followed v. Good at untangling two caregivers' afternoons that cross.
  bool ExchangeTails(int v) {
    const int cv = s_.route_of[static_cast<std::size_t>(v)];
    for (int w : neighbours_[static_cast<std::size_t>(v)]) {
      const int cw = s_.route_of[static_cast<std::size_t>(w)];
      if (cw < 0 || cw == cv) continue;
      Route& rv = s_.routes[static_cast<std::size_t>(cv)];
      Route& rw = s_.routes[static_cast<std::size_t>(cw)];
      const auto iv = static_cast<std::ptrdiff_t>(PositionOf(cv, v));
      const auto iw = static_cast<std::ptrdiff_t>(PositionOf(cw, w));
      trial_v_.assign(rv.seq.begin(), rv.seq.begin() + iv + 1);
      trial_v_.insert(trial_v_.end(), rw.seq.begin() + iw + 1, rw.seq.end());
      trial_w_.assign(rw.seq.begin(), rw.seq.begin() + iw + 1);
      trial_w_.insert(trial_w_.end(), rv.seq.begin() + iv + 1, rv.seq.end());
      const Evaluation ev = Evaluate(p_, cv, trial_v_);
      if (!ev.feasible || ev.travel >= rv.travel + rw.travel) continue;
      const Evaluation ew = Evaluate(p_, cw, trial_w_);
      if (!ew.feasible || ev.travel + ew.travel >= rv.travel + rw.travel) continue;
      s_.travel += ev.travel + ew.travel - rv.travel - rw.travel;
      rv.seq = trial_v_;
      rw.seq = trial_w_;
      for (int x : rv.seq) s_.route_of[static_cast<std::size_t>(x)] = cv;
      for (int x : rw.seq) s_.route_of[static_cast<std::size_t>(x)] = cw;
      Refresh(p_, cv, rv);
      Refresh(p_, cw, rw);
      return true;
    }
    return false;
  }

  // Places unplaced u where a nearby visit x was, when x then fits somewhere else: one more
  // visit made. Undone when x finds no place.
  bool InsertByEjecting(int u) {
    for (int x : neighbours_[static_cast<std::size_t>(u)]) {
      const int c = s_.route_of[static_cast<std::size_t>(x)];
      if (c < 0 || !p_.Eligible(u, c)) continue;
      Route& route = s_.routes[static_cast<std::size_t>(c)];
      const std::vector<int> before = route.seq;
      Route reduced = route;
      reduced.seq.erase(std::find(reduced.seq.begin(), reduced.seq.end(), x));
      Refresh(p_, c, reduced);
      std::size_t best_pos = 0;
      int best_cost = 0;
      bool found = false;
      for (std::size_t q = 0; q <= reduced.seq.size(); ++q) {
        int cost = 0;
        if (InsertionCost(p_, c, reduced, u, q, &cost) && (!found || cost < best_cost)) {
          found = true;
          best_pos = q;
          best_cost = cost;
        }
      }
      if (!found) continue;
      reduced.seq.insert(reduced.seq.begin() + static_cast<std::ptrdiff_t>(best_pos), u);
      Refresh(p_, c, reduced);
      route = std::move(reduced);
      s_.route_of[static_cast<std::size_t>(u)] = c;
      s_.route_of[static_cast<std::size_t>(x)] = -1;
      if (InsertCheapest(p_, s_, x)) {
        s_.Recount();
        return true;
      }
      route.seq = before;
      Refresh(p_, c, route);
      s_.route_of[static_cast<std::size_t>(u)] = -1;
      s_.route_of[static_cast<std::size_t>(x)] = c;
    }
    return false;
  }

  // Reverses a stretch of one route when that is shorter and still on time.
  bool TwoOpt(int c) {
    Route& r = s_.routes[static_cast<std::size_t>(c)];
    const std::size_t n = r.seq.size();
    bool improved = false;
    std::vector<int> trial;
    for (std::size_t i = 0; i + 1 < n; ++i) {
      for (std::size_t j = i + 1; j < n; ++j) {
        trial = r.seq;
        std::reverse(trial.begin() + static_cast<std::ptrdiff_t>(i),
                     trial.begin() + static_cast<std::ptrdiff_t>(j) + 1);
        const Evaluation e = Evaluate(p_, c, trial);
        if (e.feasible && e.travel < r.travel) {
          s_.travel += e.travel - r.travel;
          r.seq = trial;
          Refresh(p_, c, r);
          improved = true;
        }
      }
    }
    return improved;
  }

  const Problem& p_;
  Solution& s_;
  Clock::time_point deadline_;
  std::mt19937_64 rng_;
  std::vector<std::vector<int>> neighbours_;
  std::vector<int> trial_v_;  // ExchangeTails' candidate routes, kept to avoid reallocating
  std::vector<int> trial_w_;
  std::uint64_t ticks_ = 63;  // the first call reads the clock
  bool timed_out_ = false;
};

UnplacedReason ReasonFor(const Problem& p, int v) {
  const std::vector<int>& eligible = p.eligible_of[static_cast<std::size_t>(v)];
  if (eligible.empty()) return UnplacedReason::kNoQualifiedCaregiver;
  const bool reachable = std::any_of(eligible.begin(), eligible.end(), [&](int c) {
    return p.T(p.Home(c), p.Loc(v)) < kUnreachable && p.T(p.Loc(v), p.Home(c)) < kUnreachable;
  });
  return reachable ? UnplacedReason::kNoTimeLeft : UnplacedReason::kUnreachable;
}

Status Validate(const std::vector<CaregiverDay>& caregivers,
                const std::vector<VisitRequest>& visits, const TravelTimes& travel) {
  const std::size_t points = travel.size();
  std::unordered_set<std::int64_t> caregiver_ids;
  for (std::size_t i = 0; i < caregivers.size(); ++i) {
    const CaregiverDay& c = caregivers[i];
    if (!caregiver_ids.insert(c.id).second) {
      return InvalidArgument("caregiver " + std::to_string(c.id) + " is listed twice",
                             Field("caregivers", i, "id"));
    }
    if (c.location < 0 || static_cast<std::size_t>(c.location) >= points) {
      return InvalidArgument("the caregiver's start location is not one of the travel points",
                             Field("caregivers", i, "location"));
    }
    if (c.shift_start_min < 0 || c.shift_start_min > kMinutesPerDay) {
      return InvalidArgument("the shift must start within the day",
                             Field("caregivers", i, "shift_start_min"));
    }
    if (c.shift_end_min < c.shift_start_min || c.shift_end_min > kMinutesPerDay) {
      return InvalidArgument("the shift must end after it starts and within the day",
                             Field("caregivers", i, "shift_end_min"));
    }
  }
  std::unordered_set<std::int64_t> visit_ids;
  for (std::size_t i = 0; i < visits.size(); ++i) {
    const VisitRequest& v = visits[i];
    if (!visit_ids.insert(v.id).second) {
      return InvalidArgument("visit " + std::to_string(v.id) + " is listed twice",
                             Field("visits", i, "id"));
    }
    if (v.location < 0 || static_cast<std::size_t>(v.location) >= points) {
      return InvalidArgument("the visit's location is not one of the travel points",
                             Field("visits", i, "location"));
    }
    if (v.duration_min <= 0 || v.duration_min > kMinutesPerDay) {
      return InvalidArgument("a visit lasts between 1 minute and a day",
                             Field("visits", i, "duration_min"));
    }
    if (v.window_start_min < 0 || v.window_start_min >= kMinutesPerDay) {
      return InvalidArgument("the window must open within the day",
                             Field("visits", i, "window_start_min"));
    }
    if (v.window_end_min < v.window_start_min ||
        v.window_start_min + v.duration_min > kMinutesPerDay) {
      return InvalidArgument("the window cannot hold the visit within the day",
                             Field("visits", i, "window_end_min"));
    }
    if (v.fixed_caregiver_id != 0 && !caregiver_ids.contains(v.fixed_caregiver_id)) {
      return InvalidArgument("the visit is fixed to a caregiver who is not working that day",
                             Field("visits", i, "fixed_caregiver_id"));
    }
  }
  return {};
}

DaySchedule ToSchedule(const Problem& p, const Solution& s) {
  DaySchedule out;
  out.routes.reserve(static_cast<std::size_t>(p.C()));
  for (int c = 0; c < p.C(); ++c) {
    const Route& r = s.routes[static_cast<std::size_t>(c)];
    CaregiverRoute route;
    route.caregiver_id = p.Caregiver(c).id;
    int loc = p.Home(c);
    for (std::size_t i = 0; i < r.seq.size(); ++i) {
      const int v = r.seq[i];
      route.visits.push_back({p.Visit(v).id, r.start[i], p.T(loc, p.Loc(v))});
      loc = p.Loc(v);
    }
    route.travel_min = r.travel;
    out.total_travel_min += r.travel;
    out.routes.push_back(std::move(route));
  }
  for (int v = 0; v < p.V(); ++v) {
    if (s.route_of[static_cast<std::size_t>(v)] < 0) {
      out.unplaced.push_back({p.Visit(v).id, ReasonFor(p, v)});
    }
  }
  return out;
}

}  // namespace

Result<DaySchedule> PlanDay(const std::vector<CaregiverDay>& caregivers,
                            const std::vector<VisitRequest>& visits, const TravelTimes& travel,
                            const SchedulingOptions& options) {
  const Clock::time_point began = Clock::now();
  SHEQU_RETURN_IF_ERROR(Validate(caregivers, visits, travel));

  Problem p{caregivers, visits, travel, {}, {}};
  p.eligible.assign(visits.size() * caregivers.size(), 0);
  p.eligible_of.resize(visits.size());
  for (std::size_t v = 0; v < visits.size(); ++v) {
    const VisitRequest& visit = visits[v];
    for (std::size_t c = 0; c < caregivers.size(); ++c) {
      const CaregiverDay& cg = caregivers[c];
      // A fixed visit stays with its caregiver; otherwise the skill and the qualification valid
      // on the day decide (issue 5 item 7: no qualification, no visit that needs it).
      const bool ok = (visit.fixed_caregiver_id == 0 || visit.fixed_caregiver_id == cg.id) &&
                      (visit.skill.empty() || Contains(cg.skills, visit.skill)) &&
                      (visit.required_qualification.empty() ||
                       Contains(cg.qualifications, visit.required_qualification));
      if (ok) {
        p.eligible[v * caregivers.size() + c] = 1;
        p.eligible_of[v].push_back(static_cast<int>(c));
      }
    }
  }

  Solution best = NearestNeighbour(p);
  if (options.method == SchedulingMethod::kInsertionAndImprovement) {
    // Local search only ever improves what it starts from, so starting from the better of the
    // two constructions keeps the result at least as good as the baseline.
    const std::vector<int> order = InsertionOrder(p);
    Solution inserted = CheapestInsertion(p, order);
    if (Better(inserted, best)) best = std::move(inserted);
    const Clock::time_point deadline =
        began + std::chrono::milliseconds(std::max(0, options.improvement_time_limit_ms));
    if (options.improvement_time_limit_ms > 0) {
      LocalSearch search(p, best, deadline, options.seed);
      search.Run(order);
      best.Recount();
    }
  }

  DaySchedule schedule = ToSchedule(p, best);
  schedule.solve_ms = std::chrono::duration<double, std::milli>(Clock::now() - began).count();
  return schedule;
}

std::string_view UnplacedReasonName(UnplacedReason reason) {
  switch (reason) {
    case UnplacedReason::kNoQualifiedCaregiver:
      return "no_qualified_caregiver";
    case UnplacedReason::kNoTimeLeft:
      return "no_time_left";
    case UnplacedReason::kUnreachable:
      return "unreachable";
  }
  return "no_time_left";
}

}  // namespace shequ::eldercare::scheduling
