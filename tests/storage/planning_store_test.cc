// The planning engine's imports kept in the database (src/planning/store), on both back ends:
// what is stored and loaded back, and that a failed import leaves the previous one untouched.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/log.h"
#include "planning/osm_walk_import.h"
#include "planning/store/osm_import_store.h"
#include "scratch_database.h"
#include "store/migrations.h"

namespace shequ::planning {
namespace {

using store::Backend;

const std::string kSingapore = SHEQU_SHARED_DATA_DIR "/singapore-bayfront-2019.osm.pbf";
constexpr Instant kNow = 1'790'000'000'000'000;

class PlanningStoreTest : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    log::SetLevel(log::Level::kWarn);
    ASSERT_NO_FATAL_FAILURE(scratch_.CreateMigrated(GetParam(), &db_));
  }

  void TearDown() override {
    db_.reset();
    scratch_.Drop();
    if (!truncated_.empty()) std::filesystem::remove(truncated_);
  }

  std::int64_t Count(std::string_view sql) {
    auto connection = db_->Acquire();
    EXPECT_TRUE(connection) << connection.error().message;
    auto result = (*connection)->Query(sql);
    EXPECT_TRUE(result) << result.error().message;
    return result->rows.at(0).GetInt(0);
  }

  // The first `keep` bytes of the Singapore extract, as a file.
  std::string TruncatedCopy(std::size_t keep) {
    truncated_ = std::filesystem::temp_directory_path() /
                 ("shequ-truncated-" + store::testing_support::RandomHex() + ".osm.pbf");
    std::ifstream in(kSingapore, std::ios::binary);
    std::string bytes(keep, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(keep));
    std::ofstream(truncated_, std::ios::binary).write(bytes.data(), in.gcount());
    return truncated_.string();
  }

  store::testing_support::ScratchDatabase scratch_;
  std::unique_ptr<store::Database> db_;
  std::filesystem::path truncated_;
};

TEST_P(PlanningStoreTest, StoresTheExtractAndLoadsTheSameGraphBack) {
  std::vector<std::string> phases;
  auto summary =
      ImportOsmFile(*db_, kSingapore, "cli", kNow, [&](std::string_view phase, double fraction) {
        EXPECT_GE(fraction, 0.0);
        EXPECT_LE(fraction, 1.0);
        if (phases.empty() || phases.back() != phase) {
          phases.emplace_back(phase);
        }
      });
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(phases, (std::vector<std::string>{"network", "features", "storing"}));
  EXPECT_EQ(summary->source_name, "singapore-bayfront-2019.osm.pbf");
  // The checksum the data README gives for this file.
  EXPECT_EQ(summary->source_sha256,
            "30f5aa5d983145aa05f0e135807aa55366612ba7fa1382e745ab6a1cbb23f2f0");
  EXPECT_FALSE(summary->replaced_import_id.has_value());

  auto direct = ImportWalkGraph(kSingapore);
  ASSERT_TRUE(direct) << direct.error().message;
  EXPECT_EQ(summary->nodes, direct->graph.NodeCount());
  EXPECT_GT(summary->buildings, 0u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM osm_buildings"),
            static_cast<std::int64_t>(summary->buildings));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM osm_facilities"),
            static_cast<std::int64_t>(summary->facilities));

  auto loaded = LoadCurrentImport(*db_);
  ASSERT_TRUE(loaded) << loaded.error().message;
  ASSERT_TRUE(loaded->has_value());
  const StoredImport& stored = **loaded;
  EXPECT_EQ(stored.id, summary->import_id);
  EXPECT_EQ(stored.imported_at, kNow);
  ASSERT_EQ(stored.graph.NodeCount(), direct->graph.NodeCount());
  ASSERT_EQ(stored.graph.ArcCount(), direct->graph.ArcCount());
  for (NodeId node = 0; node < stored.graph.NodeCount(); ++node) {
    ASSERT_EQ(stored.graph.Degree(node), direct->graph.Degree(node));
    ASSERT_EQ(stored.graph.CoordOf(node).lat_e7, direct->graph.CoordOf(node).lat_e7);
  }
  EXPECT_EQ(stored.facilities.size(), summary->facilities);
  for (const StoredFacility& facility : stored.facilities) {
    EXPECT_FALSE(facility.facility_type.empty());
    EXPECT_NEAR(facility.location.Lat(), 1.28, 0.05);  // Marina Bay
  }
}

TEST_P(PlanningStoreTest, ANewImportReplacesThePreviousOneWhole) {
  auto first = ImportOsmFile(*db_, kSingapore, "cli", kNow);
  ASSERT_TRUE(first) << first.error().message;
  auto second = ImportOsmFile(*db_, kSingapore, "admin", kNow + 1);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->replaced_import_id, first->import_id);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM osm_imports"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM osm_buildings WHERE import_id <> " +
                  std::to_string(second->import_id)),
            0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM osm_buildings"),
            static_cast<std::int64_t>(second->buildings));
}

TEST_P(PlanningStoreTest, ACorruptFileLeavesThePreviousImportInPlace) {
  auto first = ImportOsmFile(*db_, kSingapore, "cli", kNow);
  ASSERT_TRUE(first) << first.error().message;
  const std::int64_t buildings = Count("SELECT COUNT(*) FROM osm_buildings");

  auto corrupt = ImportOsmFile(*db_, TruncatedCopy(20'000), "cli", kNow + 1);
  ASSERT_FALSE(corrupt);
  EXPECT_EQ(corrupt.error().code, ErrorCode::kInvalidArgument) << corrupt.error().message;
  auto missing = ImportOsmFile(*db_, "/nonexistent/extract.osm.pbf", "cli", kNow + 1);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  auto loaded = LoadCurrentImport(*db_);
  ASSERT_TRUE(loaded && loaded->has_value());
  EXPECT_EQ((*loaded)->id, first->import_id);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM osm_buildings"), buildings);
}

TEST_P(PlanningStoreTest, NothingImportedYetLoadsAsNothing) {
  auto loaded = LoadCurrentImport(*db_);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_FALSE(loaded->has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, PlanningStoreTest,
                         testing::Values(Backend::kSqlite, Backend::kPostgres),
                         store::testing_support::ParamName);

}  // namespace
}  // namespace shequ::planning
