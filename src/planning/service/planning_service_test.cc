// PlanningService on both back ends (its SQL: the current import's row, the communities of a
// scope, the footprints of the buildings layer): status, an assessment of a real import, the
// layers, an isochrone, the what-if, the scope rules, and the reload after a second import.
#include "planning/service/planning_service.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "base/log.h"
#include "planning/service/planning_layers.h"
#include "planning/store/osm_import_store.h"
#include "registry/place_repository.h"
#include "scratch_database.h"
#include "store/migrations.h"

namespace shequ::planning {
namespace {

using store::Backend;

const std::string kMonaco = SHEQU_SHARED_DATA_DIR "/monaco-2016.osm.pbf";
constexpr Instant kNow = 1'796'000'000LL * kMicrosPerSecond;

class PlanningServiceTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    log::SetLevel(log::Level::kWarn);
    ASSERT_NO_FATAL_FAILURE(scratch_.CreateMigrated(GetParam(), &db_));
    auto connection = db_->Acquire();
    ASSERT_TRUE(connection);
    street_ = registry::InsertStreet(**connection, "示范街道", kNow).value();
    community_ = registry::InsertCommunity(**connection, street_.id, "Fontvieille", kNow).value();
    other_street_ = registry::InsertStreet(**connection, "另一街道", kNow).value();
    other_ = registry::InsertCommunity(**connection, other_street_.id, "另一社区", kNow).value();
  }
  void TearDown() override {
    db_.reset();
    scratch_.Drop();
  }

  // Imports Monaco and gives the community the Fontvieille ward as boundary, every building of
  // the import counted as a home (the wards hold almost no OSM-tagged homes).
  std::int64_t ImportMonaco(Instant at) {
    auto summary = ImportOsmFile(*db_, kMonaco, "cli", at);
    EXPECT_TRUE(summary) << summary.error().message;
    auto connection = db_->Acquire();
    EXPECT_TRUE((*connection)->Query("UPDATE osm_buildings SET residential = 1"));
    auto ward = (*connection)
                    ->Query(
                        "SELECT geometry FROM osm_areas WHERE kind = 'admin_boundary' AND name = "
                        "'Fontvieille'");
    EXPECT_TRUE(ward && ward->rows.size() == 1);
    EXPECT_TRUE(
        registry::SetCommunityBoundary(**connection, community_.id, ward->rows[0].GetText(0)));
    return summary->import_id;
  }

  auth::Principal Caller(auth::Role role, auth::ScopeKind kind, auth::Place place) const {
    return {.login = "t", .role = role, .scope = {kind, place}};
  }

  store::testing_support::ScratchDatabase scratch_;
  std::unique_ptr<store::Database> db_;
  FakeClock clock_{kNow};
  registry::Street street_;
  registry::Community community_;
  registry::Street other_street_;
  registry::Community other_;
};

TEST_P(PlanningServiceTest, AssessesLayersIsochronesAndReloads) {
  PlanningService service(*db_, clock_);
  const auth::Principal planner =
      Caller(auth::Role::kPlanner, auth::ScopeKind::kStreet, {street_.id, {}, {}});
  auto status = service.CurrentStatus(planner);
  ASSERT_TRUE(status) << status.error().message;
  EXPECT_FALSE(status->import.has_value());
  auto none = service.Assess(planner, {});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::kNotFound);

  const std::int64_t first = ImportMonaco(kNow);
  status = service.CurrentStatus(planner);
  ASSERT_TRUE(status && status->import);
  EXPECT_EQ(status->import->id, first);
  EXPECT_EQ(status->import->nodes, 23948);

  auto run = service.Assess(planner, {});
  ASSERT_TRUE(run) << run.error().message;
  ASSERT_EQ(run->data.communities.size(), 1u);
  EXPECT_GT(run->data.buildings.size(), 10u);
  EXPECT_LT(run->network->collapsed.graph.NodeCount(), 23948u);
  // The assessment's own time is measured (for the Server-Timing header), never bounded here:
  // the machines that run the tests are shared.
  EXPECT_GT(run->elapsed_ms, 0);

  auto buildings = BuildingsLayer(*db_, *run);
  ASSERT_TRUE(buildings) << buildings.error().message;
  ASSERT_EQ((*buildings)["features"].size(), run->data.buildings.size());
  EXPECT_EQ((*buildings)["features"][0]["geometry"]["type"], "Polygon");
  EXPECT_FALSE(
      NetworkLayer(*run->network, CommunitiesBounds(*run).Padded(1000))["features"].empty());
  EXPECT_EQ(CommunitiesLayer(*run)["features"][0]["geometry"]["type"], "Polygon");

  const double minutes[] = {5, 10};
  auto isochrones = service.Isochrones(planner, Coord::FromDegrees(43.7308, 7.4210), minutes);
  ASSERT_TRUE(isochrones) << isochrones.error().message;
  ASSERT_EQ(isochrones->size(), 2u);
  EXPECT_EQ((*isochrones)[0].minutes, 10);
  EXPECT_GT((*isochrones)[0].isochrone.area_m2, (*isochrones)[1].isochrone.area_m2);

  const ProposedFacility station{.facility_type = "elderly_service_station",
                                 .location = run->data.buildings[0].location,
                                 .name = "x"};
  auto what_if = service.WhatIfAdded(planner, community_.id, {&station, 1});
  ASSERT_TRUE(what_if) << what_if.error().message;
  EXPECT_EQ(what_if->after.data.facilities.size(), what_if->before.data.facilities.size() + 1);

  // Scope: the other street's community is out of reach; a missing one is not found.
  auto outside = service.Assess(planner, other_.id);
  ASSERT_FALSE(outside);
  EXPECT_EQ(outside.error().code, ErrorCode::kPermissionDenied);
  auto missing = service.Assess(planner, CommunityId(999999));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  const auth::Principal grid =
      Caller(auth::Role::kGridWorker, auth::ScopeKind::kCommunity, {street_.id, community_.id, {}});
  auto denied = service.CurrentStatus(grid);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);

  // A second import: the next request rebuilds the network on it.
  const std::shared_ptr<const PlanningNetwork> old_network = run->network;
  const std::int64_t second = ImportMonaco(kNow + kMicrosPerSecond);
  ASSERT_NE(second, first);
  auto network = service.CurrentNetwork();
  ASSERT_TRUE(network);
  EXPECT_EQ((*network)->import_id, second);
  EXPECT_NE(network->get(), old_network.get());
  auto again = service.CurrentNetwork();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->get(), network->get());  // cached, not rebuilt
}

// A worker's answer is stored once per community and item (a second one replaces the first, the
// upsert on both back ends) and comes back with the assessment of that community only.
TEST_P(PlanningServiceTest, AWorkersAnswerReplacesTheLastAndComesWithTheAssessment) {
  PlanningService service(*db_, clock_);
  ImportMonaco(kNow);
  const auth::Principal worker = Caller(auth::Role::kCommunityWorker, auth::ScopeKind::kCommunity,
                                        {street_.id, community_.id, {}});
  const auth::RequestOrigin origin{"test", "test"};
  ASSERT_TRUE(service.AnswerWorkerItem(worker, community_.id, "cc18_governance", true, "", origin));
  auto saved =
      service.AnswerWorkerItem(worker, community_.id, "cc18_governance", false, "无议事会", origin);
  ASSERT_TRUE(saved) << saved.error().message;
  auto run = service.Assess(worker, community_.id);
  ASSERT_TRUE(run) << run.error().message;
  ASSERT_EQ(run->worker_answers.size(), 1u);
  EXPECT_EQ(run->worker_answers[0].item, "cc18_governance");
  EXPECT_FALSE(run->worker_answers[0].answer);
  EXPECT_EQ(run->worker_answers[0].note, "无议事会");
  EXPECT_EQ(run->worker_answers[0].answered_by, "t");
  // Another community's worker reaches neither the answer nor the community.
  const auth::Principal other = Caller(auth::Role::kCommunityWorker, auth::ScopeKind::kCommunity,
                                       {other_street_.id, other_.id, {}});
  auto denied = service.AnswerWorkerItem(other, community_.id, "cc18_governance", true, "", origin);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
  auto facility_item =
      service.AnswerWorkerItem(worker, community_.id, "cc01_service_station", true, "", origin);
  ASSERT_FALSE(facility_item);
  EXPECT_EQ(facility_item.error().field, "item");
}

INSTANTIATE_TEST_SUITE_P(Backends, PlanningServiceTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         store::testing_support::ParamName);

}  // namespace
}  // namespace shequ::planning
