// Benchmark of the registry on one back end: a street-sized registry (streets of 100,000
// residents, communities of 12,000) imported as a 1,000,000-row residents CSV through the code
// path of POST /api/v1/imports/residents (decode, parse, check every row, one transaction), then
// the population structure of a community and of a street. Buildings and households are created
// first, in bulk, through the building and household imports. Run through bench/registry; not a
// test.
//
//   registry_import sqlite [ROWS]     a database file in a temporary directory
//   registry_import postgres [ROWS]   a new database on $SHEQU_TEST_POSTGRES_URL
//
// Prints one line per phase and a final `SHEQU ...` line of key=value figures.
#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "base/log.h"
#include "registry/id_number.h"
#include "registry/place_import.h"
#include "registry/place_repository.h"
#include "registry/resident_import.h"
#include "store/migrations.h"
#include "store/transaction.h"

namespace {

using namespace shequ;
using SteadyClock = std::chrono::steady_clock;

double Seconds(SteadyClock::time_point since) {
  return std::chrono::duration<double>(SteadyClock::now() - since).count();
}

// CPU time of the process so far: on a shared machine the wall clock counts others' work too.
double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

long PeakRssMib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

// Resident set now (not the peak), from /proc.
long RssMib() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * sysconf(_SC_PAGESIZE) / (1024 * 1024);
}

[[noreturn]] void Die(const std::string& what, const Error& error) {
  std::fprintf(stderr, "registry_import: %s: %s\n", what.c_str(), error.message.c_str());
  std::exit(1);
}

template <typename T>
T Must(Result<T> result, const std::string& what) {
  if (!result) Die(what, result.error());
  return std::move(*result);
}

void Must(Status status, const std::string& what) {
  if (!status) Die(what, status.error());
}

// The shape of the registry: every street has 8 communities of 12,000 residents and one of
// 4,000 (100,000 in all); households of 3 residents, buildings of 6 floors x 2 units x 5 rooms.
constexpr int kResidentsPerStreet = 100000;
constexpr int kLargeCommunity = 12000;
constexpr int kResidentsPerHousehold = 3;
constexpr int kFloors = 6;
constexpr int kUnits = 2;
constexpr int kRoomsPerFloor = 5;
constexpr int kHouseholdsPerBuilding = kFloors * kUnits * kRoomsPerFloor;

std::vector<int> CommunitySizes(int residents) {
  std::vector<int> sizes;
  while (residents > 0) {
    for (int i = 0; i < 9 && residents > 0; ++i) {
      const int size = std::min(i < 8 ? kLargeCommunity : 4000, residents);
      sizes.push_back(size);
      residents -= size;
    }
  }
  return sizes;
}

// A valid ID number for resident `n` (n < 10^6): one of 1,000 birth dates between 1930 and 2023
// (so every community has all ages) and a sequence number; unique by construction.
std::string IdNumberOf(int n) {
  const CivilDate born = CivilFromDays(DaysFromCivil(CivilDate{1930, 1, 1}) +
                                       static_cast<std::int64_t>(n % 1000) * 34);
  const std::string first17 =
      fmt::format("110101{:04}{:02}{:02}{:03}", born.year, born.month, born.day, n / 1000);
  return first17 + registry::IdNumberCheckChar(first17);
}

struct Sample {
  double median_ms = 0;
  double p95_ms = 0;
};

template <typename F>
Sample Time(int runs, F&& run) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto start = SteadyClock::now();
    run();
    ms.push_back(Seconds(start) * 1000);
  }
  std::ranges::sort(ms);
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 95 / 100)]};
}

std::string WithDatabase(std::string_view url, std::string_view name) {
  const std::size_t authority = url.find("://") + 3;
  const std::size_t query = std::min(url.find('?', authority), url.size());
  const std::size_t path = std::min(url.find('/', authority), query);
  return std::string(url.substr(0, path)) + "/" + std::string(name) +
         std::string(url.substr(query));
}

}  // namespace

int main(int argc, char** argv) {
  const std::string backend = argc > 1 ? argv[1] : "sqlite";
  const int rows = argc > 2 ? std::atoi(argv[2]) : 1000000;
  if ((backend != "sqlite" && backend != "postgres") || rows < 1000 || rows > 1000000) {
    std::fprintf(stderr, "usage: registry_import sqlite|postgres [ROWS 1000..1000000]\n");
    return 2;
  }
  log::SetLevel(log::Level::kWarn);
  std::filesystem::path directory;
  std::string url;
  if (backend == "sqlite") {
    directory =
        std::filesystem::temp_directory_path() / fmt::format("shequ-bench-registry-{}", ::getpid());
    std::filesystem::create_directories(directory);
    url = "sqlite:" + (directory / "bench.db").string();
  } else {
    const char* server = std::getenv("SHEQU_TEST_POSTGRES_URL");
    if (server == nullptr || *server == '\0') {
      std::fprintf(stderr,
                   "registry_import: SHEQU_TEST_POSTGRES_URL is not set "
                   "(run through scripts/with-postgres.sh)\n");
      return 2;
    }
    const std::string name = fmt::format("shequ_bench_{}", ::getpid());
    auto admin = Must(store::Database::Open(server), "open the server");
    auto connection = Must(admin->Acquire(), "connect");
    Must(connection->Query("CREATE DATABASE " + name), "create the database");
    url = WithDatabase(server, name);
  }
  auto database = Must(store::Database::Open(url), "open " + url);
  Must(store::Migrate(*database), "migrate");
  SystemClock clock;
  auto cipher = Must(registry::PiiCipher::FromHex(
                         "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"),
                     "key");
  registry::RegistryService registry(*database, clock, *cipher);
  const auth::Principal admin{
      .login = "bench", .role = auth::Role::kAdmin, .scope = {auth::ScopeKind::kStreet, {}}};
  const auth::RequestOrigin origin{"bench", "bench"};

  // Streets and communities; then buildings and households through their imports.
  const std::vector<int> sizes = CommunitySizes(rows);
  std::vector<std::string> community_names;
  std::vector<CommunityId> community_ids;
  StreetId first_street;
  {
    auto connection = Must(database->Acquire(), "connect");
    auto tx = Must(store::Transaction::Begin(*connection), "begin");
    StreetId street;
    for (std::size_t c = 0; c < sizes.size(); ++c) {
      if (c % 9 == 0) {
        street = Must(registry::InsertStreet(*connection, fmt::format("第{}街道", c / 9 + 1), 0),
                      "street")
                     .id;
        if (!first_street.valid()) first_street = street;
      }
      community_names.push_back(fmt::format("第{}社区", c + 1));
      community_ids.push_back(
          Must(registry::InsertCommunity(*connection, street, community_names.back(), 0),
               "community")
              .id);
    }
    Must(tx.Commit(), "commit");
  }
  std::string buildings_csv = "community,number,address,floors,units\n";
  std::string households_csv = "community,building,unit,floor,room\n";
  int household_count = 0;
  for (std::size_t c = 0; c < sizes.size(); ++c) {
    const int households = (sizes[c] + kResidentsPerHousehold - 1) / kResidentsPerHousehold;
    for (int h = 0; h < households; ++h) {
      const int building = h / kHouseholdsPerBuilding + 1;
      const int within = h % kHouseholdsPerBuilding;
      if (within == 0) {
        buildings_csv += fmt::format("{},{}号楼,{}{}号,{},{}\n", community_names[c], building,
                                     community_names[c], building, kFloors, kUnits);
      }
      const int floor = within / (kUnits * kRoomsPerFloor) + 1;
      const int unit = within % kUnits + 1;
      const int room = floor * 100 + (within / kUnits) % kRoomsPerFloor + 1;
      households_csv +=
          fmt::format("{},{}号楼,{},{},{}\n", community_names[c], building, unit, floor, room);
    }
    household_count += households;
  }
  auto start = SteadyClock::now();
  auto buildings =
      Must(registry::ImportBuildingsCsv(registry, admin, buildings_csv, std::nullopt, origin),
           "import buildings");
  const double building_seconds = Seconds(start);
  start = SteadyClock::now();
  auto households =
      Must(registry::ImportHouseholdsCsv(registry, admin, households_csv, std::nullopt, origin),
           "import households");
  const double household_seconds = Seconds(start);
  if (buildings.error_count + households.error_count > 0) {
    std::fprintf(stderr, "registry_import: the place files have faults: %s\n",
                 (buildings.error_count ? buildings : households).errors.front().reason.c_str());
    return 1;
  }
  std::printf("%s: %lld buildings in %.1f s, %lld households in %.1f s (%.0f rows/s)\n",
              backend.c_str(), static_cast<long long>(buildings.imported), building_seconds,
              static_cast<long long>(households.imported), household_seconds,
              static_cast<double>(households.imported) / household_seconds);
  buildings_csv = std::string();
  households_csv = std::string();

  // The residents file, as a worker would upload it: household ids, ID numbers, phones, tags.
  std::vector<std::int64_t> household_ids;
  household_ids.reserve(static_cast<std::size_t>(household_count));
  {
    auto connection = Must(database->Acquire(), "connect");
    auto result =
        Must(connection->Query("SELECT id FROM households ORDER BY community_id, id"), "ids");
    for (const auto& row : result.rows) household_ids.push_back(row.GetInt(0));
  }
  std::string csv(registry::ResidentImportTemplate());
  csv.reserve(static_cast<std::size_t>(rows) * 80);
  {
    std::size_t next_household = 0;
    int n = 0;
    std::mt19937 random(42);
    for (const int size : sizes) {
      for (int i = 0; i < size; ++i, ++n) {
        const std::int64_t household =
            household_ids.at(next_household + static_cast<std::size_t>(i / kResidentsPerHousehold));
        const char* relation = i % kResidentsPerHousehold == 0 ? "head" : "spouse";
        const char* tags = random() % 20 == 0   ? "living_alone"
                           : random() % 50 == 0 ? "disabled:2"
                                                : "";
        csv += fmt::format("{},,,,,居民{},,,{},1{:010},living_here,{},2020-01-01,{}\r\n", household,
                           n, IdNumberOf(n), 3800000000LL + n, relation, tags);
      }
      next_household +=
          static_cast<std::size_t>((size + kResidentsPerHousehold - 1) / kResidentsPerHousehold);
    }
  }
  household_ids = {};
  const long rss_before = RssMib();
  std::printf("%s: residents file %d rows, %.1f MiB; RSS before the import %ld MiB\n",
              backend.c_str(), rows, static_cast<double>(csv.size()) / (1024 * 1024), rss_before);
  std::fflush(stdout);

  start = SteadyClock::now();
  const double cpu_start = CpuSeconds();
  auto imported = Must(registry::ImportResidentsCsv(registry, admin, csv, std::nullopt, origin),
                       "import residents");
  const double import_seconds = Seconds(start);
  const double import_cpu_seconds = CpuSeconds() - cpu_start;
  if (imported.error_count > 0) {
    std::fprintf(stderr, "registry_import: %lld faulty rows, the first on row %d: %s\n",
                 static_cast<long long>(imported.error_count), imported.errors.front().row,
                 imported.errors.front().reason.c_str());
    return 1;
  }
  const long peak = PeakRssMib();
  const double rows_per_second = static_cast<double>(imported.imported) / import_seconds;
  std::printf(
      "%s: imported %lld residents in %.1f s (%.1f s of this process's CPU): %.0f rows/s, peak "
      "RSS %ld MiB\n",
      backend.c_str(), static_cast<long long>(imported.imported), import_seconds,
      import_cpu_seconds, rows_per_second, peak);
  std::fflush(stdout);
  csv = std::string();

  // The population structure of a community of 12,000 and of a street of 100,000.
  const int runs = 50;
  const Sample community = Time(runs, [&] {
    Must(registry.Population(admin, registry::PopulationOf::kCommunity, community_ids[0].value()),
         "community population");
  });
  const Sample street = Time(runs, [&] {
    Must(registry.Population(admin, registry::PopulationOf::kStreet, first_street.value()),
         "street population");
  });
  const auto community_total =
      Must(registry.Population(admin, registry::PopulationOf::kCommunity, community_ids[0].value()),
           "community population")
          .total;
  const auto street_total =
      Must(registry.Population(admin, registry::PopulationOf::kStreet, first_street.value()),
           "street population")
          .total;
  std::printf("%s: population of a community (%lld residents): median %.1f ms, p95 %.1f ms\n",
              backend.c_str(), static_cast<long long>(community_total), community.median_ms,
              community.p95_ms);
  std::printf("%s: population of a street (%lld residents): median %.1f ms, p95 %.1f ms\n",
              backend.c_str(), static_cast<long long>(street_total), street.median_ms,
              street.p95_ms);
  std::printf(
      "SHEQU backend=%s rows=%lld rows_per_s=%.0f import_s=%.1f import_cpu_s=%.1f "
      "rss_before_mib=%ld "
      "peak_rss_mib=%ld community_ms_median=%.1f community_ms_p95=%.1f street_ms_median=%.1f "
      "street_ms_p95=%.1f\n",
      backend.c_str(), static_cast<long long>(imported.imported), rows_per_second, import_seconds,
      import_cpu_seconds, rss_before, peak, community.median_ms, community.p95_ms, street.median_ms,
      street.p95_ms);

  database.reset();
  // SHEQU_BENCH_KEEP_DB=1 keeps the SQLite file, to look at query plans afterwards.
  if (!directory.empty() && std::getenv("SHEQU_BENCH_KEEP_DB") == nullptr) {
    std::filesystem::remove_all(directory);
  } else if (!directory.empty()) {
    std::printf("kept %s\n", directory.c_str());
  }
  return 0;
}
