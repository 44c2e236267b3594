#include "cli/demo_street.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>
#include <numbers>
#include <set>
#include <string_view>
#include <tuple>

#include "planning/osm_features.h"
#include "registry/place_repository.h"
#include "registry/registry_repository.h"
#include "registry/synthetic_population.h"
#include "store/transaction.h"

namespace shequ::cli {
namespace {

constexpr std::string_view kStreetName = "示范街道";
constexpr std::string_view kGridNames[] = {"第一网格", "第二网格", "第三网格"};
// A community with this many buildings is split into three grids, otherwise two.
constexpr std::size_t kThreeGridsFrom = 40;
// Fewer typed homes than this in a ward and its untyped buildings (building=yes) of a dwelling's
// size count as homes too: Monaco's mappers left nearly every block untyped, and an untyped block
// in a dense city centre is most often flats above shops.
constexpr std::size_t kTypedHomesEnough = 20;
constexpr double kUntypedHomeMinFootprintM2 = 80;

// A home of one ward, from the extract.
struct WardHome {
  const planning::OsmBuilding* osm = nullptr;
  int floors = 1;
  int units = 1;
};

struct Ward {
  const planning::OsmBoundary* boundary = nullptr;
  std::vector<WardHome> homes;
  std::size_t untyped_homes = 0;  // taken as homes by the rule above
};

// Floors when building:levels is missing, by footprint: Monaco's blocks are mid- to high-rise,
// and a wide footprint in a city centre is seldom a low building.
int DefaultFloors(double footprint_m2) {
  if (footprint_m2 < 120) return 3;
  if (footprint_m2 < 300) return 6;
  if (footprint_m2 < 800) return 9;
  if (footprint_m2 < 2000) return 12;
  return 16;
}

// One 单元 (a stairwell with two to four flats a floor) per about 300 m² of footprint.
int UnitsForFootprint(double footprint_m2) {
  return std::clamp(static_cast<int>(std::lround(footprint_m2 / 300.0)), 1, 8);
}

struct BoundingBox {
  static constexpr std::int32_t kLow = std::numeric_limits<std::int32_t>::min();
  static constexpr std::int32_t kHigh = std::numeric_limits<std::int32_t>::max();
  std::int32_t min_lat = kHigh, max_lat = kLow, min_lon = kHigh, max_lon = kLow;
  bool Contains(planning::Coord c) const {
    return c.lat_e7 >= min_lat && c.lat_e7 <= max_lat && c.lon_e7 >= min_lon && c.lon_e7 <= max_lon;
  }
};

BoundingBox BoxOf(const planning::Area& area) {
  BoundingBox box;
  for (const auto& polygon : area.polygons) {
    for (const auto& c : polygon.outer) {
      box.min_lat = std::min(box.min_lat, c.lat_e7);
      box.max_lat = std::max(box.max_lat, c.lat_e7);
      box.min_lon = std::min(box.min_lon, c.lon_e7);
      box.max_lon = std::max(box.max_lon, c.lon_e7);
    }
  }
  return box;
}

// The wards (admin_level=10, named) by name, each with the homes whose centroid lies in it; a
// home on a shared border goes to the first ward by name.
std::vector<Ward> WardsWithHomes(const planning::OsmFeatures& features) {
  std::vector<Ward> wards;
  for (const auto& boundary : features.boundaries) {
    if (boundary.admin_level == 10 && !boundary.name.empty()) wards.push_back({&boundary, {}, 0});
  }
  std::sort(wards.begin(), wards.end(), [](const Ward& a, const Ward& b) {
    return std::tie(a.boundary->name, a.boundary->ref.id) <
           std::tie(b.boundary->name, b.boundary->ref.id);
  });
  // Names repeat when a ward is mapped twice; keep the first.
  wards.erase(std::unique(wards.begin(), wards.end(),
                          [](const Ward& a, const Ward& b) {
                            return a.boundary->name == b.boundary->name;
                          }),
              wards.end());
  std::vector<BoundingBox> boxes;
  for (const Ward& ward : wards) boxes.push_back(BoxOf(ward.boundary->area));

  std::vector<std::vector<const planning::OsmBuilding*>> untyped(wards.size());
  for (const auto& building : features.buildings) {
    const bool untyped_home =
        building.building == "yes" && building.footprint_area_m2 >= kUntypedHomeMinFootprintM2;
    if (!building.residential && !untyped_home) continue;
    if (building.footprint.polygons.empty()) continue;
    for (std::size_t w = 0; w < wards.size(); ++w) {
      if (!boxes[w].Contains(building.centroid) ||
          !planning::AreaContains(wards[w].boundary->area, building.centroid)) {
        continue;
      }
      if (building.residential) {
        wards[w].homes.push_back({&building, 1, 1});
      } else {
        untyped[w].push_back(&building);
      }
      break;
    }
  }
  for (std::size_t w = 0; w < wards.size(); ++w) {
    if (wards[w].homes.size() < kTypedHomesEnough) {
      for (const auto* building : untyped[w]) wards[w].homes.push_back({building, 1, 1});
      wards[w].untyped_homes = untyped[w].size();
    }
    for (WardHome& home : wards[w].homes) {
      home.floors = home.osm->levels.value_or(DefaultFloors(home.osm->footprint_area_m2));
      home.units = UnitsForFootprint(home.osm->footprint_area_m2);
    }
    // A fixed order whatever order the extract had: west to east, then by OSM id.
    std::sort(wards[w].homes.begin(), wards[w].homes.end(),
              [](const WardHome& a, const WardHome& b) {
                return std::tie(a.osm->centroid.lon_e7, a.osm->ref.id) <
                       std::tie(b.osm->centroid.lon_e7, b.osm->ref.id);
              });
  }
  return wards;
}

void AppendRing(std::string& out, const planning::Ring& ring) {
  out += '[';
  for (std::size_t i = 0; i < ring.size(); ++i) {
    if (i > 0) out += ',';
    out += fmt::format("[{:.7f},{:.7f}]", ring[i].Lon(), ring[i].Lat());
  }
  out += ']';
}

// The footprint as a GeoJSON Polygon: the largest polygon of the building with its holes (a
// building mapped as several polygons is rare, and the registry keeps one outline).
std::optional<std::string> FootprintGeoJson(const planning::Area& area) {
  const planning::Polygon* largest = nullptr;
  double largest_m2 = -1;
  for (const auto& polygon : area.polygons) {
    if (polygon.outer.size() < 4) continue;
    const double m2 = planning::AreaSquareMetres(planning::Area{{polygon}});
    if (m2 > largest_m2) {
      largest_m2 = m2;
      largest = &polygon;
    }
  }
  if (largest == nullptr) return std::nullopt;
  std::string json = R"({"type":"Polygon","coordinates":[)";
  AppendRing(json, largest->outer);
  for (const auto& inner : largest->inners) {
    if (inner.size() < 4) continue;
    json += ',';
    AppendRing(json, inner);
  }
  json += "]}";
  return json;
}

// Grids split the community's buildings into 2-3 spatially contiguous runs of equal count along
// the longer side of their bounding box. Returns the grid index of each home.
std::vector<std::size_t> GridOfHomes(const std::vector<WardHome>& homes, std::size_t grids) {
  double min_x = 1e9, max_x = -1e9, min_y = 1e9, max_y = -1e9;
  for (const auto& home : homes) {
    const double x =
        home.osm->centroid.Lon() * std::cos(home.osm->centroid.Lat() * std::numbers::pi / 180);
    const double y = home.osm->centroid.Lat();
    min_x = std::min(min_x, x), max_x = std::max(max_x, x);
    min_y = std::min(min_y, y), max_y = std::max(max_y, y);
  }
  const bool along_x = max_x - min_x >= max_y - min_y;
  std::vector<std::size_t> order(homes.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto key = [&](std::size_t i) {
    const auto& c = homes[i].osm->centroid;
    return along_x ? c.lon_e7 : c.lat_e7;
  };
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::pair(key(a), homes[a].osm->ref.id) < std::pair(key(b), homes[b].osm->ref.id);
  });
  std::vector<std::size_t> grid_of(homes.size());
  for (std::size_t rank = 0; rank < order.size(); ++rank) {
    grid_of[order[rank]] = rank * grids / order.size();
  }
  return grid_of;
}

store::Blob BlobOf(std::vector<std::uint8_t> bytes) { return store::Blob{std::move(bytes)}; }

// One community: its grids, buildings and people, in one transaction.
Result<DemoCommunity> WriteCommunity(store::Database& database, const registry::PiiCipher& cipher,
                                     registry::SyntheticPopulationGenerator& generator,
                                     const registry::Street& street, const Ward& ward, double scale,
                                     Instant now, std::optional<registry::ResidentId>* first_head,
                                     registry::HouseholdId* first_household) {
  auto connection = database.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  store::Connection& db = **connection;
  auto tx = store::Transaction::Begin(db);
  SHEQU_RETURN_IF_ERROR(tx);

  DemoCommunity out;
  auto community = registry::InsertCommunity(db, street.id, ward.boundary->name, now);
  SHEQU_RETURN_IF_ERROR(community);
  out.community = *community;
  // The ward's outline is the community's boundary (the planning assessment places OSM homes
  // the registry does not hold by it).
  SHEQU_RETURN_IF_ERROR(registry::SetCommunityBoundary(db, community->id,
                                                       planning::AreaGeoJson(ward.boundary->area)));
  const std::size_t grid_count =
      std::min(ward.homes.size(), ward.homes.size() >= kThreeGridsFrom ? std::size_t{3} : 2);
  for (std::size_t g = 0; g < std::max<std::size_t>(grid_count, 1); ++g) {
    auto grid = registry::InsertGrid(db, community->id, kGridNames[g], now);
    SHEQU_RETURN_IF_ERROR(grid);
    out.grids.push_back(*grid);
  }
  const auto grid_of = GridOfHomes(ward.homes, out.grids.size());

  // The people first: a crowded building gets more units than its footprint suggests, and the
  // building is written with the units its households are numbered in.
  std::vector<registry::DwellingBuilding> dwellings;
  for (const WardHome& home : ward.homes) {
    dwellings.push_back(
        {.floors = home.floors, .units = home.units, .footprint_m2 = home.osm->footprint_area_m2});
  }
  const int population = std::max(
      1, static_cast<int>(std::lround(registry::PopulationForBuildings(dwellings) * scale)));
  const auto people = generator.Generate(dwellings, population);

  std::vector<registry::BuildingId> building_ids;
  std::set<std::string> numbers;
  int next_number = 1;
  for (std::size_t i = 0; i < ward.homes.size(); ++i) {
    const WardHome& home = ward.homes[i];
    const auto& osm = *home.osm;
    registry::Building building;
    building.community_id = community->id;
    building.grid_id = out.grids[grid_of[i]].id;
    // The building's own name when it has one (and it is not taken), else 1号楼, 2号楼, ...
    if (!osm.name.empty() && osm.name.size() <= 100 && !numbers.contains(osm.name)) {
      building.number = osm.name;
    } else {
      do {
        building.number = fmt::format("{}号楼", next_number++);
      } while (numbers.contains(building.number));
    }
    numbers.insert(building.number);
    building.address = !osm.address.empty()
                           ? osm.address
                           : fmt::format("{} {}", ward.boundary->name, building.number);
    building.floors = std::clamp(home.floors, 1, 200);
    // GB 50096-2011 6.4.1: dwellings of seven floors and more have lifts.
    building.has_elevator = home.floors >= 7;
    building.units = people.building_units.at(i);
    building.latitude = osm.centroid.Lat();
    building.longitude = osm.centroid.Lon();
    building.footprint = FootprintGeoJson(osm.footprint);
    if (osm.ref.type == planning::OsmType::kWay) building.osm_id = osm.ref.id;
    auto stored = registry::InsertBuilding(db, building, now);
    SHEQU_RETURN_IF_ERROR(stored);
    building_ids.push_back(stored->id);
  }
  out.buildings = static_cast<int>(building_ids.size());

  for (const auto& synthetic : people.households) {
    registry::Household household;
    household.community_id = community->id;
    household.building_id = building_ids[synthetic.building];
    household.unit = synthetic.unit;
    household.floor = synthetic.floor;
    household.room = synthetic.room;
    household.floor_area_dm2 = synthetic.floor_area_dm2;
    auto stored_household = registry::InsertHousehold(db, household, now);
    SHEQU_RETURN_IF_ERROR(stored_household);
    ++out.households;
    for (const auto& person : synthetic.members) {
      registry::StoredResident resident;
      resident.community_id = community->id;
      resident.name = person.name;
      resident.sex = person.sex;
      resident.birth_date = person.birth_date;
      resident.id_number_cipher = BlobOf(cipher.Encrypt(person.id_number));
      resident.id_number_index = BlobOf(cipher.BlindIndex(person.id_number));
      if (person.phone) {
        resident.phone_cipher = BlobOf(cipher.Encrypt(*person.phone));
        resident.phone_index = BlobOf(cipher.BlindIndex(*person.phone));
      }
      resident.residence_status = person.residence_status;
      auto resident_id = registry::InsertResident(db, resident, now);
      SHEQU_RETURN_IF_ERROR(resident_id);
      SHEQU_RETURN_IF_ERROR(registry::InsertResidency(db, community->id, *resident_id,
                                                      stored_household->id, person.relation_to_head,
                                                      person.moved_in_on, now));
      for (const auto& tag : person.tags) {
        SHEQU_RETURN_IF_ERROR(
            registry::InsertResidentTag(db, community->id, *resident_id, tag, now));
      }
      ++out.residents;
      if (first_head != nullptr && !first_head->has_value()) {
        *first_head = *resident_id;
        *first_household = stored_household->id;
      }
    }
  }
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return out;
}

}  // namespace

Result<DemoStreet> CreateDemoStreet(store::Database& database, const registry::PiiCipher& cipher,
                                    const DemoStreetOptions& options, Instant now) {
  if (!std::filesystem::is_regular_file(options.osm_path)) {
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("the OpenStreetMap extract {} for the demo street does not exist "
                                 "(give another with --demo-osm PATH)",
                                 options.osm_path),
                     "demo_osm");
  }
  if (!(options.scale > 0 && options.scale <= 1)) {
    return InvalidArgument("--demo-scale must be more than 0 and at most 1", "demo_scale");
  }
  {
    auto connection = database.Acquire();
    SHEQU_RETURN_IF_ERROR(connection);
    auto existing = (*connection)->Query("SELECT COUNT(*) FROM streets");
    SHEQU_RETURN_IF_ERROR(existing);
    if (existing->rows[0].GetInt(0) > 0) {
      return Conflict("the database already holds streets; --demo fills an empty database only");
    }
  }

  const auto started = std::chrono::steady_clock::now();
  planning::OsmFeatureOptions read_options;
  read_options.admin_levels = {10};
  auto features = planning::ReadOsmFeatures(options.osm_path, read_options);
  SHEQU_RETURN_IF_ERROR(features);
  const auto wards = WardsWithHomes(*features);
  std::size_t usable = 0;
  for (const Ward& ward : wards) usable += ward.homes.empty() ? 0 : 1;
  if (usable == 0) {
    return InvalidArgument(
        fmt::format("{} holds no ward (admin_level=10 boundary) with homes in it",
                    options.osm_path),
        "demo_osm");
  }
  fmt::print("Read {}: {} buildings, {} wards with homes ({:.1f} s).\n", options.osm_path,
             features->buildings.size(), usable,
             std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());

  DemoStreet demo;
  {
    auto connection = database.Acquire();
    SHEQU_RETURN_IF_ERROR(connection);
    auto street = registry::InsertStreet(**connection, kStreetName, now);
    SHEQU_RETURN_IF_ERROR(street);
    demo.street = *street;
  }
  registry::SyntheticPopulationGenerator generator(options.seed, options.as_of);
  std::optional<registry::ResidentId> first_head;
  for (const Ward& ward : wards) {
    if (ward.homes.empty()) {
      fmt::print("  {}: no homes, left out\n", ward.boundary->name);
      continue;
    }
    const auto community_started = std::chrono::steady_clock::now();
    const bool accounts_here = demo.communities.empty();
    auto community =
        WriteCommunity(database, cipher, generator, demo.street, ward, options.scale, now,
                       accounts_here ? &first_head : nullptr, &demo.first_household);
    SHEQU_RETURN_IF_ERROR(community);
    fmt::print(
        "  {}: {} grids, {} buildings ({} untyped), {} households, {} residents ({:.1f} s)\n",
        community->community.name, community->grids.size(), community->buildings,
        ward.untyped_homes, community->households, community->residents,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - community_started)
            .count());
    std::fflush(stdout);
    demo.communities.push_back(std::move(*community));
  }
  demo.accounts_community = 0;
  if (first_head) demo.first_household_head = *first_head;
  return demo;
}

}  // namespace shequ::cli
