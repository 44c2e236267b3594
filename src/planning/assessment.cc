#include "planning/assessment.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <thread>
#include <unordered_map>

namespace shequ::planning {
namespace {

unsigned ThreadCount(unsigned requested) {
  return requested != 0 ? requested : std::max(1u, std::thread::hardware_concurrency());
}

// Snaps every point on `threads` threads; snapping is read-only on the R-tree.
std::vector<Snap> SnapAll(const EdgeSnapper& snapper, const std::vector<Coord>& points,
                          unsigned threads) {
  std::vector<Snap> snaps(points.size());
  constexpr std::size_t kChunk = 4096;
  const std::size_t chunks = (points.size() + kChunk - 1) / kChunk;
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t c = next.fetch_add(1); c < chunks; c = next.fetch_add(1)) {
      const std::size_t end = std::min(points.size(), (c + 1) * kChunk);
      for (std::size_t i = c * kChunk; i < end; ++i) snaps[i] = snapper.Nearest(points[i]);
    }
  };
  const auto count =
      static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(chunks, 1)));
  std::vector<std::jthread> pool;
  for (unsigned t = 1; t < count; ++t) pool.emplace_back(worker);
  worker();
  return snaps;
}

NetworkAccess AccessOf(const Snap& snap, double max_snap_distance_m) {
  if (!snap.Valid()) return {};
  return {snap.snap_distance_m, snap.snap_distance_m <= max_snap_distance_m};
}

// The edge a snap lies on. Snaps onto the same edge carry the same (from, to) orientation, since
// both come from that edge's pieces; the length tells parallel edges apart.
struct EdgeKey {
  NodeId from;
  NodeId to;
  double length;
  auto operator<=>(const EdgeKey&) const = default;
};
EdgeKey KeyOf(const Snap& snap) { return {snap.from, snap.to, snap.edge_length_m}; }
using EdgeFacility = std::pair<EdgeKey, std::uint32_t>;

std::string LowerFirst(std::string s) {
  if (!s.empty() && s.front() >= 'A' && s.front() <= 'Z')
    s.front() = static_cast<char>(s.front() - 'A' + 'a');
  return s;
}

std::string FormatMetres(double m) {
  const double rounded = std::round(m);
  if (std::abs(m - rounded) < 1e-9) return std::to_string(static_cast<long long>(rounded));
  std::string s = std::to_string(m);
  while (!s.empty() && s.back() == '0') s.pop_back();
  return s;
}

// One facility type: one sweep from all its facilities, then each building's distance through
// either end of its edge, or straight along the edge when a facility shares it.
void SweepType(const AssessmentInput& input, const AssessmentOptions& options,
               const std::vector<Snap>& building_snaps, const std::vector<Snap>& facility_snaps,
               const std::vector<std::uint32_t>& sweep_order,
               const std::vector<std::uint32_t>& facilities_of_type, SearchWorkspace& workspace,
               FacilityTypeResult& result) {
  result.per_building.assign(input.buildings.size(), NearestFacility{});
  std::vector<SearchSource> sources;
  // The facilities by the edge they lie on, sorted, for the buildings that share an edge.
  std::vector<EdgeFacility> on_edge;
  for (const std::uint32_t f : facilities_of_type) {
    const Snap& snap = facility_snaps[f];
    if (!snap.Valid() || snap.snap_distance_m > options.max_snap_distance_m) {
      result.off_network.push_back(f);
      continue;
    }
    snap.AppendSources(f, &sources);
    on_edge.emplace_back(KeyOf(snap), f);
  }
  std::ranges::sort(on_edge);
  if (sources.empty()) return;  // no facility on the network: every building stays unreachable
  const double bound = options.max_search_distance_m;
  workspace.Run(sources, bound);

  for (const std::uint32_t b : sweep_order) {
    const Snap& snap = building_snaps[b];
    NearestFacility best;
    const double via_from = workspace.Distance(snap.from) + snap.DistanceToFrom();
    const double via_to = workspace.Distance(snap.to) + snap.DistanceToTo();
    if (via_from < best.distance_m) best = {via_from, workspace.NearestSource(snap.from)};
    if (via_to < best.distance_m) best = {via_to, workspace.NearestSource(snap.to)};
    const EdgeKey key = KeyOf(snap);
    for (auto it = std::ranges::lower_bound(on_edge, key, {}, &EdgeFacility::first);
         it != on_edge.end() && it->first == key; ++it) {
      const Snap& fs = facility_snaps[it->second];
      const double along =
          snap.snap_distance_m + std::abs(snap.offset_m - fs.offset_m) + fs.snap_distance_m;
      if (along < best.distance_m) best = {along, it->second};
    }
    if (best.distance_m <= bound) result.per_building[b] = best;
  }
}

ItemResult EvaluateItem(const AssessmentInput& input, std::size_t item_index,
                        const FacilityTypeResult& type, const std::vector<std::uint32_t>& members,
                        const std::vector<NetworkAccess>& building_access,
                        std::uint64_t community_residents) {
  const ChecklistItem& item = input.checklist.items[item_index];
  ItemResult result;
  result.item = item_index;
  std::vector<std::uint32_t> by_distance;
  by_distance.reserve(members.size());
  for (const std::uint32_t b : members) {
    const AssessmentBuilding& building = input.buildings[b];
    const NearestFacility& nearest = type.per_building[b];
    // "以内": a building exactly at the distance is covered.
    if (nearest.Reachable() && nearest.distance_m <= item.max_distance_m) {
      result.residents_covered += building.residents;
    } else {
      result.evidence.residents_outside += building.residents;
      result.evidence.residents_outside_60_plus += building.residents_60_plus;
      ++result.evidence.buildings_outside;
      if (!building_access[b].on_network) ++result.evidence.buildings_off_network;
    }
    if (building.residents > 0) by_distance.push_back(b);
  }
  if (community_residents == 0) return result;

  result.share =
      static_cast<double>(result.residents_covered) / static_cast<double>(community_residents);
  // "以上": the required share itself passes; compared in integers so 9 of 10 passes 0.9.
  result.pass = result.residents_covered * 1'000'000 >=
                std::uint64_t{item.required_share_ppm} * community_residents;

  std::ranges::stable_sort(by_distance, [&](std::uint32_t a, std::uint32_t b) {
    return type.per_building[a].distance_m < type.per_building[b].distance_m;
  });
  std::uint64_t cumulative = 0;
  for (const std::uint32_t b : by_distance) {
    cumulative += input.buildings[b].residents;
    if (cumulative * 2 >= community_residents) {
      result.evidence.median = type.per_building[b];
      break;
    }
  }
  return result;
}

AssessmentGap MakeGap(const AssessmentInput& input, std::size_t community, const ItemResult& r) {
  const ChecklistItem& item = input.checklist.items[r.item];
  AssessmentGap gap;
  gap.community = community;
  gap.item = r.item;
  gap.residents_outside = r.evidence.residents_outside;
  gap.residents_outside_60_plus = r.evidence.residents_outside_60_plus;
  gap.pass = r.pass.value_or(false);
  gap.weight = item.population == ServedPopulation::k60Plus ? gap.residents_outside_60_plus
                                                            : gap.residents_outside;
  const std::string metres = FormatMetres(item.max_distance_m);
  gap.message_en = GroupThousands(gap.residents_outside) +
                   (gap.residents_outside == 1 ? " resident" : " residents");
  gap.message_zh = GroupThousands(gap.residents_outside) + " 名居民";
  if (gap.residents_outside_60_plus > 0) {
    gap.message_en += ", " + GroupThousands(gap.residents_outside_60_plus) + " of them 60+,";
    gap.message_zh += "（其中 60 岁以上 " + GroupThousands(gap.residents_outside_60_plus) + " 名）";
  }
  gap.message_en += std::string(gap.residents_outside == 1 ? " has" : " have") + " no " +
                    LowerFirst(item.name_en) + " within " + metres + " m";
  gap.message_zh += "步行 " + metres + " 米内没有" + item.name_zh;
  return gap;
}

}  // namespace

std::uint32_t EstimateResidents(double footprint_area_m2, std::optional<int> levels,
                                const ResidentEstimateOptions& options) {
  if (!(footprint_area_m2 > 0) || !(options.floor_area_m2_per_resident > 0)) return 0;
  const int storeys = levels.value_or(options.levels_when_unknown);
  if (storeys <= 0) return 0;
  const double residents = footprint_area_m2 * storeys / options.floor_area_m2_per_resident;
  return static_cast<std::uint32_t>(std::min(std::round(residents), 1e9));
}

std::string GroupThousands(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

const FacilityTypeResult* Assessment::Type(std::string_view facility_type) const {
  for (const FacilityTypeResult& type : types) {
    if (type.facility_type == facility_type) return &type;
  }
  return nullptr;
}

Result<Assessment> Assess(const AssessmentInput& input, const AssessmentOptions& options) {
  if (!(options.max_snap_distance_m >= 0) || !std::isfinite(options.max_snap_distance_m)) {
    return InvalidArgument("max_snap_distance_m must be a finite number >= 0",
                           "max_snap_distance_m");
  }
  if (!(options.max_search_distance_m > 0)) {
    return InvalidArgument("max_search_distance_m must be > 0", "max_search_distance_m");
  }
  std::unordered_map<std::string, std::size_t> community_index;
  for (std::size_t c = 0; c < input.communities.size(); ++c) {
    if (!community_index.emplace(input.communities[c].id, c).second) {
      return InvalidArgument("duplicate community id '" + input.communities[c].id + "'",
                             "communities");
    }
  }
  for (const AssessmentBuilding& building : input.buildings) {
    if (building.residents_60_plus > building.residents) {
      return InvalidArgument(
          "building '" + building.id + "' has more residents aged 60+ than residents", "buildings");
    }
  }
  const unsigned threads = ThreadCount(options.threads);

  Assessment assessment;
  std::vector<Coord> points;
  points.reserve(input.buildings.size());
  for (const AssessmentBuilding& b : input.buildings) points.push_back(b.location);
  const std::vector<Snap> building_snaps = SnapAll(input.snapper, points, threads);
  // Only facilities of the checklist's types are snapped (a city has many other kinds); the
  // others keep an invalid snap and are reported off the network.
  const std::vector<std::string> type_names = input.checklist.FacilityTypes();
  std::unordered_map<std::string, std::size_t> type_index;
  for (std::size_t t = 0; t < type_names.size(); ++t) type_index.emplace(type_names[t], t);
  std::vector<std::vector<std::uint32_t>> facilities_of_type(type_names.size());
  std::vector<std::uint32_t> assessed_facilities;
  points.clear();
  for (std::uint32_t f = 0; f < input.facilities.size(); ++f) {
    if (const auto it = type_index.find(input.facilities[f].facility_type);
        it != type_index.end()) {
      facilities_of_type[it->second].push_back(f);
      assessed_facilities.push_back(f);
      points.push_back(input.facilities[f].location);
    }
  }
  std::vector<Snap> facility_snaps(input.facilities.size());
  {
    const std::vector<Snap> snapped = SnapAll(input.snapper, points, threads);
    for (std::size_t i = 0; i < snapped.size(); ++i) {
      facility_snaps[assessed_facilities[i]] = snapped[i];
    }
  }

  assessment.building_access.reserve(building_snaps.size());
  for (const Snap& snap : building_snaps) {
    assessment.building_access.push_back(AccessOf(snap, options.max_snap_distance_m));
    if (!assessment.building_access.back().on_network) ++assessment.buildings_off_network;
  }
  assessment.facility_access.reserve(facility_snaps.size());
  for (const Snap& snap : facility_snaps) {
    assessment.facility_access.push_back(AccessOf(snap, options.max_snap_distance_m));
    assessment.facility_access.back().assessed = false;
  }
  for (const std::uint32_t f : assessed_facilities) {
    assessment.facility_access[f].assessed = true;
    if (!assessment.facility_access[f].on_network) ++assessment.facilities_off_network;
  }

  // The buildings on the network in the order of their edge's first node: nodes are numbered
  // along a Hilbert curve, so reading the sweep's distances in this order walks memory forwards
  // instead of jumping (at 10^6 nodes the jumps cost more than the reads).
  std::vector<std::uint32_t> sweep_order;
  sweep_order.reserve(input.buildings.size());
  for (std::uint32_t b = 0; b < input.buildings.size(); ++b) {
    if (assessment.building_access[b].on_network) sweep_order.push_back(b);
  }
  std::ranges::sort(sweep_order, [&](std::uint32_t a, std::uint32_t b) {
    return std::min(building_snaps[a].from, building_snaps[a].to) <
           std::min(building_snaps[b].from, building_snaps[b].to);
  });

  // One sweep per facility type the checklist names, the types spread over the threads.
  assessment.types.resize(type_names.size());
  for (std::size_t t = 0; t < type_names.size(); ++t) {
    assessment.types[t].facility_type = type_names[t];
    assessment.types[t].facility_count = facilities_of_type[t].size();
  }
  SearchPool pool(input.graph, static_cast<unsigned>(std::min<std::size_t>(
                                   threads, std::max<std::size_t>(type_names.size(), 1))));
  pool.Run(type_names.size(), [&](std::size_t t, SearchWorkspace& workspace) {
    SweepType(input, options, building_snaps, facility_snaps, sweep_order, facilities_of_type[t],
              workspace, assessment.types[t]);
  });

  // Per community and item.
  std::vector<std::vector<std::uint32_t>> members(input.communities.size());
  for (std::uint32_t b = 0; b < input.buildings.size(); ++b) {
    const auto it = community_index.find(input.buildings[b].community_id);
    if (it == community_index.end()) {
      ++assessment.buildings_without_community;
      continue;
    }
    members[it->second].push_back(b);
  }
  assessment.communities.resize(input.communities.size());
  for (std::size_t c = 0; c < input.communities.size(); ++c) {
    CommunityResult& community = assessment.communities[c];
    community.community = c;
    community.buildings = members[c].size();
    for (const std::uint32_t b : members[c]) {
      community.residents += input.buildings[b].residents;
      community.residents_60_plus += input.buildings[b].residents_60_plus;
      if (input.buildings[b].residents_estimated) ++community.buildings_estimated;
    }
    for (std::size_t i = 0; i < input.checklist.items.size(); ++i) {
      const ChecklistItem& item = input.checklist.items[i];
      if (item.NeedsWorkerInput()) {
        ItemResult result;
        result.item = i;
        result.needs_worker_input = true;
        community.items.push_back(result);
        continue;
      }
      community.items.push_back(
          EvaluateItem(input, i, assessment.types[type_index.at(item.facility_type)], members[c],
                       assessment.building_access, community.residents));
      const ItemResult& result = community.items.back();
      if (result.evidence.residents_outside > 0) {
        assessment.gaps.push_back(MakeGap(input, c, result));
      }
    }
  }
  std::ranges::stable_sort(assessment.gaps, [](const AssessmentGap& a, const AssessmentGap& b) {
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.residents_outside > b.residents_outside;
  });
  return assessment;
}

}  // namespace shequ::planning
