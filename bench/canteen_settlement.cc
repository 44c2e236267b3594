// The canteen settlement benchmark of issue 5: a year of orders for a street (12 canteens,
// ~2,700 meals a day, 365 days: ≈ 1 M meals, half of them subsidised with a ledger row each) in a
// SQLite database in a temporary directory, created by the migrations; then the month-end
// settlement of every canteen and month through CanteenService::Settle (the code path of
// GET /api/v1/canteen/canteens/{id}/settlement: scope check, the month's orders and ledger, the
// sums and the reconciliation) and one month's settlement written as an XLSX workbook.
//
// Orders go in as bulk SQL in the canteen module's schema (one transaction a day): pricing a
// million orders one by one through the service would measure the quote, not the settlement.
// Prints wall and CPU time per phase and the peak resident set (getrusage). Not a test.
//
//   canteen_settlement [MEALS_PER_DAY] [DAYS]   (default 2700 365)
#include "eldercare/canteen/canteen_settlement.h"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "base/civil_time.h"
#include "base/log.h"
#include "eldercare/canteen/canteen.h"
#include "eldercare/canteen/canteen_repository.h"
#include "eldercare/canteen/canteen_service.h"
#include "registry/place_repository.h"
#include "registry/table_export.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/transaction.h"

namespace {

using namespace shequ;
using SteadyClock = std::chrono::steady_clock;

double Seconds(SteadyClock::time_point since) {
  return std::chrono::duration<double>(SteadyClock::now() - since).count();
}

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

[[noreturn]] void Die(const std::string& what, const Error& error) {
  std::fprintf(stderr, "canteen_settlement: %s: %s\n", what.c_str(), error.message.c_str());
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

constexpr int kCanteens = 12;
constexpr std::int64_t kStandardFen = 1500;
constexpr std::int64_t kCostFen = 1100;
constexpr std::int64_t kDeliveryFen = 300;

// Who pays what: a third of the diners are 80+ (5.00 off, civil affairs), one in ten is on 低保
// (8.00 off and 1.00 operator subsidy, the hardship line), one in ten more 60–79 (2.00 off);
// the rest pay full price.
struct Tier {
  const char* tier;
  const char* funding_line;
  std::int64_t subsidy_fen;
  std::int64_t operator_subsidy_fen;
};
const Tier& TierOf(int resident) {
  static const Tier kTiers[] = {{"age_80_plus", "civil_affairs", 500, 0},
                                {"dibao", "hardship", 800, 100},
                                {"age_60_79", "civil_affairs", 200, 0},
                                {"", "", 0, 0}};
  const int r = resident % 30;
  if (r < 10) return kTiers[0];
  if (r < 13) return kTiers[1];
  if (r < 16) return kTiers[2];
  return kTiers[3];
}

// The settlement as a worksheet: the same shape as the API's export (canteen, tiers, funding
// lines, totals), built here because the API's builder lives with its handler.
registry::Table SettlementWorksheet(const eldercare::Canteen& canteen,
                                    const eldercare::Settlement& s) {
  registry::Table table;
  table.title = fmt::format("{:04}-{:02} 月结", s.year, s.month);
  table.columns = {"类别 section", "项目 item", "资金渠道 funding line", "餐数 meals",
                   "金额(元) amount (yuan)"};
  const auto yuan = [](std::int64_t fen) { return static_cast<double>(fen) / 100.0; };
  table.rows.push_back(
      {std::string("食堂 canteen"), canteen.name, std::string(), std::monostate{}, 0.0});
  for (const auto& t : s.tiers) {
    table.rows.push_back({std::string("档次 tier"), t.tier.empty() ? "full price" : t.tier,
                          t.funding_line, t.meals, yuan(t.subsidy_fen)});
  }
  for (const auto& l : s.funding_lines) {
    table.rows.push_back({std::string("资金渠道 funding line"), std::string("meal subsidy"),
                          l.funding_line, l.meals, yuan(l.subsidy_fen)});
  }
  table.rows.push_back({std::string("合计 total"), std::string("revenue"), std::string(), s.meals,
                        yuan(s.revenue_fen)});
  table.rows.push_back({std::string("合计 total"), std::string("food cost"), std::string(), s.meals,
                        yuan(s.food_cost_fen)});
  return table;
}

}  // namespace

int main(int argc, char** argv) {
  const int meals_per_day = argc > 1 ? std::atoi(argv[1]) : 2700;
  const int days = argc > 2 ? std::atoi(argv[2]) : 365;
  if (meals_per_day < kCanteens || meals_per_day > 20000 || days < 28 || days > 366) {
    std::fprintf(stderr, "usage: canteen_settlement [MEALS_PER_DAY 12..20000] [DAYS 28..366]\n");
    return 2;
  }
  log::SetLevel(log::Level::kWarn);
  const std::filesystem::path directory =
      std::filesystem::temp_directory_path() / fmt::format("shequ-bench-canteen-{}", ::getpid());
  std::filesystem::create_directories(directory);
  const std::string url = "sqlite:" + (directory / "bench.db").string();
  auto database = Must(store::Database::Open(url), "open " + url);
  Must(store::Migrate(*database), "migrate");
  SystemClock clock;

  // Diners: lunch for 7 in 9 of them on any day, dinner for 2 in 9, so each meal of each day is
  // one order per person (the schema allows no more).
  const int residents = meals_per_day;
  const CivilDate first_day{2025, 1, 1};
  const auto started = SteadyClock::now();
  StreetId street;
  CommunityId community;
  std::vector<eldercare::Canteen> canteens;
  {
    auto connection = Must(database->Acquire(), "connect");
    auto tx = Must(store::Transaction::Begin(*connection), "begin");
    street = Must(registry::InsertStreet(*connection, "基准街道", 0), "street").id;
    community = Must(registry::InsertCommunity(*connection, street, "基准社区", 0), "community").id;
    for (int r = 0; r < residents; ++r) {
      const int age = TierOf(r).tier == std::string("age_80_plus") ? 82 : 70;
      Must(connection->Query(
               "INSERT INTO residents (community_id, name, sex, birth_date, residence_status, "
               "created_at, updated_at) VALUES (?, ?, ?, ?, 'both', 0, 0)",
               {community.value(), fmt::format("居民{}", r + 1), r % 2 == 0 ? "female" : "male",
                fmt::format("{:04}-03-01", 2025 - age)}),
           "resident");
    }
    for (int c = 0; c < kCanteens; ++c) {
      eldercare::Canteen canteen;
      canteen.community_id = community;
      canteen.name = fmt::format("第{}助餐点", c + 1);
      canteen.seats_per_meal = meals_per_day / kCanteens * 2;
      canteen.lunch = {127, 11 * 60, 13 * 60};
      canteen.dinner = {127, 17 * 60, 19 * 60};
      canteen.cutoff_min = 120;
      canteen.delivery_fee_fen = kDeliveryFen;
      canteen.fixed_monthly_cost_fen = 3'000'000;
      canteen.id = Must(eldercare::InsertCanteen(*connection, canteen), "canteen");
      canteens.push_back(canteen);
    }
    Must(tx.Commit(), "commit");
  }
  auto first_resident = [&] {
    auto connection = Must(database->Acquire(), "connect");
    auto rows = Must(connection->Query("SELECT MIN(id) FROM residents"), "residents");
    return rows.rows.at(0).GetInt(0);
  }();

  std::int64_t orders = 0;
  std::int64_t ledger_rows = 0;
  {
    auto connection = Must(database->Acquire(), "connect");
    for (int d = 0; d < days; ++d) {
      const CivilDate date = CivilFromDays(DaysFromCivil(first_day) + d);
      const std::string day = FormatDate(date);
      auto tx = Must(store::Transaction::Begin(*connection), "begin");
      for (int r = 0; r < residents; ++r) {
        const bool lunch = (r + d) % 9 < 7;
        const bool dinner = (r * 5 + d) % 9 < 2;
        for (int m = 0; m < 2; ++m) {
          if (!(m == 0 ? lunch : dinner)) continue;
          const Tier& tier = TierOf(r);
          const bool delivery = (r + 3 * d) % 10 == 0;
          const std::int64_t delivery_fen = delivery ? kDeliveryFen : 0;
          const std::int64_t price = kStandardFen - tier.subsidy_fen + delivery_fen;
          const eldercare::Canteen& canteen = canteens[static_cast<std::size_t>(r % kCanteens)];
          const bool subsidised = tier.subsidy_fen > 0;
          const std::string lines =
              subsidised
                  ? fmt::format(R"([{{"label":"标准价","label_en":"standard","amount_fen":{}}},)"
                                R"({{"label":"{}","label_en":"subsidy","amount_fen":-{}}}])",
                                kStandardFen, tier.tier, tier.subsidy_fen)
                  : fmt::format(R"([{{"label":"标准价","label_en":"standard","amount_fen":{}}}])",
                                kStandardFen);
          auto id = Must(
              connection->Query(
                  "INSERT INTO canteen_orders (community_id, canteen_id, resident_id, meal_date, "
                  "meal, mode, status, standard_fen, subsidy_fen, delivery_fen, price_fen, "
                  "operator_subsidy_fen, cost_fen, funding_line, tier, lines, created_by, "
                  "created_at) VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                  "'bench', 0) RETURNING id",
                  {community.value(), canteen.id.value(), first_resident + r, day,
                   m == 0 ? "lunch" : "dinner", delivery ? "delivery" : "dine_in", kStandardFen,
                   tier.subsidy_fen, delivery_fen, price, tier.operator_subsidy_fen, kCostFen,
                   subsidised ? store::Value(std::string(tier.funding_line)) : store::Value(),
                   subsidised ? store::Value(std::string(tier.tier)) : store::Value(), lines}),
              "order");
          ++orders;
          if (!subsidised) continue;
          Must(connection->Query(
                   "INSERT INTO canteen_subsidy_ledger (community_id, canteen_id, order_id, "
                   "resident_id, funding_line, meal_date, subsidy_fen, operator_subsidy_fen, "
                   "posted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
                   {community.value(), canteen.id.value(), id.rows.at(0).GetInt(0),
                    first_resident + r, std::string(tier.funding_line), day, tier.subsidy_fen,
                    tier.operator_subsidy_fen}),
               "ledger");
          ++ledger_rows;
        }
      }
      Must(tx.Commit(), "commit");
    }
  }
  const double load_s = Seconds(started);
  const double load_cpu = CpuSeconds();
  std::printf(
      "loaded %lld orders (%lld ledger rows) for %d canteens over %d days in %.1f s "
      "(%.1f s CPU); database %.0f MiB\n",
      static_cast<long long>(orders), static_cast<long long>(ledger_rows), kCanteens, days, load_s,
      load_cpu,
      static_cast<double>(std::filesystem::file_size(directory / "bench.db")) / 1048576.0);
  const long rss_after_load = PeakRssMib();

  // Month-end settlement: every canteen, every month of the year, as the API computes it.
  eldercare::CanteenService service(*database, clock);
  auth::Principal admin;
  admin.login = "bench";
  admin.role = auth::Role::kAdmin;
  admin.scope.kind = auth::ScopeKind::kStreet;
  admin.scope.place.street = street;
  const CivilDate last_day = CivilFromDays(DaysFromCivil(first_day) + days - 1);
  const int months = last_day.year == first_day.year ? last_day.month : 12;
  std::int64_t settled_meals = 0;
  int settlements = 0;
  int reconciled = 0;
  double slowest_ms = 0;
  eldercare::Settlement sample;
  const double cpu_before = CpuSeconds();
  const auto settle_start = SteadyClock::now();
  for (int month = 1; month <= months; ++month) {
    for (const eldercare::Canteen& canteen : canteens) {
      const auto one = SteadyClock::now();
      auto settlement = Must(service.Settle(admin, canteen.id, first_day.year, month), "settle");
      slowest_ms = std::max(slowest_ms, Seconds(one) * 1000);
      settled_meals += settlement.meals;
      ++settlements;
      if (settlement.reconciled) ++reconciled;
      if (month == 1 && canteen.id == canteens.front().id) sample = settlement;
    }
  }
  const double settle_s = Seconds(settle_start);
  const double settle_cpu = CpuSeconds() - cpu_before;
  std::printf(
      "settled %d canteen-months (%lld meals, %s) in %.2f s (%.2f s CPU): %.0f ms each, "
      "slowest %.0f ms\n",
      settlements, static_cast<long long>(settled_meals),
      reconciled == settlements ? "every one reconciled with its ledger" : "SOME NOT RECONCILED",
      settle_s, settle_cpu, settle_s * 1000 / settlements, slowest_ms);
  if (settled_meals != orders) {
    std::fprintf(stderr, "settled %lld meals but loaded %lld\n",
                 static_cast<long long>(settled_meals), static_cast<long long>(orders));
    return 1;
  }

  const auto xlsx_start = SteadyClock::now();
  const std::string xlsx =
      Must(registry::TableToXlsx(SettlementWorksheet(canteens.front(), sample)), "xlsx");
  std::printf("XLSX of one canteen-month (%lld meals, %zu tier rows): %zu bytes in %.1f ms\n",
              static_cast<long long>(sample.meals), sample.tiers.size(), xlsx.size(),
              Seconds(xlsx_start) * 1000);
  std::printf("peak RSS: %ld MiB after loading, %ld MiB at the end\n", rss_after_load,
              PeakRssMib());
  std::printf("SHEQU orders=%lld settle_s=%.3f settle_each_ms=%.1f peak_rss_mib=%ld\n",
              static_cast<long long>(orders), settle_s, settle_s * 1000 / settlements,
              PeakRssMib());

  database.reset();
  std::filesystem::remove_all(directory);
  return 0;
}
