// The planning routes over HTTP on a real database holding a real import (Monaco, 2016): the
// status before and after an import and after a second one, the assessment checked against an
// independent computation (a textbook Dijkstra on the full, uncollapsed graph, and coverage
// recounted from the building list), the map layers, isochrones, the what-if, and every route
// against the roles and scopes that may not use it.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <set>
#include <string>

#include "planning/dijkstra.h"
#include "planning/snapping.h"
#include "planning/store/osm_import_store.h"
#include "registry/place_repository.h"
#include "test_app.h"

namespace shequ {
namespace {

using nlohmann::json;
using testing::ExpectFieldError;
using testing::JsonOf;
using testing::TestApp;

const std::string kMonaco = SHEQU_SHARED_DATA_DIR "/monaco-2016.osm.pbf";
constexpr Instant kImportedAt = 1'796'000'000LL * kMicrosPerSecond;

planning::OsmImportSummary Import(TestApp& app, Instant at) {
  auto summary = planning::ImportOsmFile(app.database(), kMonaco, "cli", at);
  if (!summary) throw std::runtime_error(summary.error().message);
  // Monaco's wards hold almost no building OSM calls a home (src/planning/README.md: 6 of 1,000);
  // the test counts every building of the import as one, so that both wards have residents
  // estimated from their floor area.
  auto connection = app.database().Acquire();
  auto updated = (*connection)
                     ->Query("UPDATE osm_buildings SET residential = 1 WHERE import_id = ?",
                             {summary->import_id});
  if (!updated) throw std::runtime_error(updated.error().message);
  return *summary;
}

// Gives the app's two communities two Monaco wards as boundaries: 示范社区 is Fontvieille,
// 另一社区 (on the other street) is Monaco-Ville.
void SetBoundaries(TestApp& app) {
  auto connection = app.database().Acquire();
  const std::pair<CommunityId, const char*> wards[] = {{app.community.id, "Fontvieille"},
                                                       {app.other_community.id, "Monaco-Ville"}};
  for (const auto& [community, ward] : wards) {
    auto rows = (*connection)
                    ->Query(
                        "SELECT geometry FROM osm_areas WHERE kind = 'admin_boundary' AND "
                        "admin_level = 10 AND name = ?",
                        {std::string(ward)});
    if (!rows || rows->rows.size() != 1) throw std::runtime_error(std::string("no ward ") + ward);
    auto set = registry::SetCommunityBoundary(**connection, community, rows->rows[0].GetText(0));
    if (!set) throw std::runtime_error(set.error().message);
  }
}

class PlanningApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    app_ = new TestApp();
    summary_ = Import(*app_, kImportedAt);
    SetBoundaries(*app_);
    // Isochrones of 15 minutes take seconds in the sanitizer build.
    app_->client().set_read_timeout(120, 0);
  }
  static void TearDownTestSuite() {
    delete app_;
    app_ = nullptr;
  }

  static httplib::Result Get(const std::string& token, const std::string& path) {
    return app_->client().Get(path, app_->Bearer(token));
  }
  static httplib::Result Post(const std::string& token, const std::string& path, const json& body) {
    return app_->client().Post(path, app_->Bearer(token), body.dump(), "application/json");
  }
  static std::string Community(CommunityId id) { return std::to_string(id.value()); }
  static json Assessment(const std::string& token, const std::string& query = "") {
    auto result = Get(token, "/api/v1/planning/assessment" + query);
    EXPECT_TRUE(result && result->status == 200) << (result ? result->body : "no response");
    return JsonOf(result);
  }
  static json Layer(const std::string& token, const std::string& name, const std::string& query) {
    auto result = Get(token, "/api/v1/planning/layers/" + name + ".geojson" + query);
    EXPECT_TRUE(result && result->status == 200) << (result ? result->body : "no response");
    if (result) {
      EXPECT_EQ(result->get_header_value("Content-Type"), "application/geo+json");
    }
    return JsonOf(result);
  }

  static TestApp* app_;
  static planning::OsmImportSummary summary_;
};

TestApp* PlanningApiTest::app_ = nullptr;
planning::OsmImportSummary PlanningApiTest::summary_;

// The distance the assessment should give a building to the nearest facility of `type`,
// computed apart from it: the full graph as stored (no collapsed chains), straight-edge
// snapping, and a textbook Dijkstra from each end of the building's edge.
double ReferenceNearest(store::Database& database, planning::Coord building,
                        const std::string& type) {
  auto stored = planning::LoadCurrentImport(database);
  EXPECT_TRUE(stored && stored->has_value());
  const planning::WalkGraph& graph = (**stored).graph;
  const planning::EdgeSnapper snapper(graph);
  const planning::Snap from = snapper.Nearest(building);
  const std::vector<double> via_from =
      planning::ReferenceDijkstra(graph, from.from, from.DistanceToFrom(), planning::kUnreachable);
  const std::vector<double> via_to =
      planning::ReferenceDijkstra(graph, from.to, from.DistanceToTo(), planning::kUnreachable);
  double best = planning::kUnreachable;
  for (const planning::StoredFacility& facility : (**stored).facilities) {
    if (facility.facility_type != type) continue;
    const planning::Snap to = snapper.Nearest(facility.location);
    if (to.snap_distance_m > 200) continue;  // off the network: serves no one
    for (auto [node, rest] :
         {std::pair{to.from, to.offset_m}, std::pair{to.to, to.edge_length_m - to.offset_m}}) {
      best = std::min({best, via_from[node] + rest + to.snap_distance_m,
                       via_to[node] + rest + to.snap_distance_m});
    }
    const bool same_edge =
        (to.from == from.from && to.to == from.to) || (to.from == from.to && to.to == from.from);
    if (same_edge) {
      const double offset = to.from == from.from ? to.offset_m : to.edge_length_m - to.offset_m;
      best = std::min(best,
                      from.snap_distance_m + std::abs(from.offset_m - offset) + to.snap_distance_m);
    }
  }
  return best;
}

TEST(PlanningApiImportTest, StatusFollowsTheImportsWhileTheServerRuns) {
  TestApp app;
  const std::string planner = app.Login("planner");
  auto before = app.client().Get("/api/v1/planning/status", app.Bearer(planner));
  ASSERT_TRUE(before);
  ASSERT_EQ(before->status, 200) << before->body;
  json status = JsonOf(before);
  EXPECT_TRUE(status["import"].is_null());
  EXPECT_EQ(status["walking_speed_m_per_min"], 60.0);
  ASSERT_GE(status["checklist"].size(), 20u);
  EXPECT_EQ(status["checklist"][0]["item"], "cc01_service_station");
  EXPECT_EQ(status["checklist"][0]["max_distance_m"], 300.0);
  for (const json& type : status["facility_types"]) EXPECT_EQ(type["count"], 0) << type;

  auto missing = app.client().Get("/api/v1/planning/assessment", app.Bearer(planner));
  ExpectFieldError(missing, 404, "");
  EXPECT_EQ(JsonOf(missing)["error"]["code"], "not_found");
  EXPECT_NE(JsonOf(missing)["error"]["message"].get<std::string>().find("shequ import osm FILE"),
            std::string::npos);
  ExpectFieldError(app.client().Get("/api/v1/planning/isochrone?lat=43.73&lon=7.42&minutes=5",
                                    app.Bearer(planner)),
                   404, "");

  const planning::OsmImportSummary first = Import(app, kImportedAt);
  status = JsonOf(app.client().Get("/api/v1/planning/status", app.Bearer(planner)));
  ASSERT_TRUE(status["import"].is_object()) << status;
  EXPECT_EQ(status["import"]["id"], first.import_id);
  EXPECT_EQ(status["import"]["source_name"], "monaco-2016.osm.pbf");
  EXPECT_EQ(status["import"]["nodes"], 23948);
  EXPECT_EQ(status["import"]["edges"], first.edges);
  EXPECT_EQ(status["import"]["imported_at"], FormatShanghai(kImportedAt));
  // Each type's count, recounted from the stored rows.
  std::size_t supermarkets = 0;
  for (const json& type : status["facility_types"]) {
    auto connection = app.database().Acquire();
    auto rows = (*connection)
                    ->Query("SELECT COUNT(*) FROM osm_facilities WHERE facility_type = ?",
                            {type["type"].get<std::string>()});
    EXPECT_EQ(type["count"], rows->rows.at(0).GetInt(0)) << type;
    EXPECT_FALSE(type["name_zh"].get<std::string>().empty());
    if (type["type"] == "supermarket") supermarkets = type["count"].get<std::size_t>();
  }
  EXPECT_GT(supermarkets, 0u);

  SetBoundaries(app);
  auto assessed = JsonOf(app.client().Get("/api/v1/planning/assessment", app.Bearer(planner)));
  EXPECT_EQ(assessed["source"]["import_id"], first.import_id);

  // A second import while the server runs: the next request sees it.
  const planning::OsmImportSummary second = Import(app, kImportedAt + kMicrosPerSecond);
  ASSERT_NE(second.import_id, first.import_id);
  status = JsonOf(app.client().Get("/api/v1/planning/status", app.Bearer(planner)));
  EXPECT_EQ(status["import"]["id"], second.import_id);
  assessed = JsonOf(app.client().Get("/api/v1/planning/assessment", app.Bearer(planner)));
  EXPECT_EQ(assessed["source"]["import_id"], second.import_id);
  auto isochrone = app.client().Get("/api/v1/planning/isochrone?lat=43.7308&lon=7.4210&minutes=5",
                                    app.Bearer(planner));
  ASSERT_TRUE(isochrone);
  EXPECT_EQ(isochrone->status, 200) << isochrone->body;
}

TEST_F(PlanningApiTest, AssessmentMatchesAnIndependentComputation) {
  const std::string planner = app_->Login("planner");
  const auto started = std::chrono::steady_clock::now();
  auto result = Get(planner, "/api/v1/planning/assessment");
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  EXPECT_NE(result->get_header_value("Server-Timing").find("assess;dur="), std::string::npos);
  std::printf("planning assessment over HTTP: %.0f ms (%s)\n", ms,
              result->get_header_value("Server-Timing").c_str());
  const json report = JsonOf(result);
  EXPECT_EQ(report["source"]["import_id"], summary_.import_id);
  EXPECT_EQ(report["source"]["file"], "monaco-2016.osm.pbf");
  EXPECT_EQ(report["walking_speed_m_per_min"], 60.0);
  // The planner's street holds one community; the other street's stays out.
  ASSERT_EQ(report["communities"].size(), 1u);
  const json& community = report["communities"][0];
  EXPECT_EQ(community["id"], Community(app_->community.id));
  EXPECT_EQ(community["name"], "示范社区");
  EXPECT_EQ(community["residents_source"], "estimated");
  EXPECT_GT(community["residents"].get<int>(), 0);
  ASSERT_GE(community["items"].size(), 20u);
  ASSERT_GT(report["buildings"].size(), 10u);
  for (const json& building : report["buildings"]) {
    EXPECT_EQ(building["community_id"], Community(app_->community.id));
  }

  // Coverage recounted from the building list, item by item.
  std::uint64_t residents = 0;
  for (const json& b : report["buildings"]) residents += b["residents"].get<std::uint64_t>();
  EXPECT_EQ(community["residents"], residents);
  int checked = 0;
  for (const json& item : community["items"]) {
    if (item["facility_type"].is_null() || item["facility_type"] == "") continue;
    const std::string type = item["facility_type"];
    const double max_distance = item["max_distance_m"];
    std::uint64_t covered = 0;
    for (const json& b : report["buildings"]) {
      const json& nearest = b["nearest"][type];
      if (!nearest.is_null() && nearest["distance_m"].get<double>() <= max_distance) {
        covered += b["residents"].get<std::uint64_t>();
      }
    }
    EXPECT_EQ(item["residents_covered"], covered) << type;
    ++checked;
  }
  EXPECT_GE(checked, 10);

  // One building's distance to the nearest supermarket, by a textbook Dijkstra.
  const json* probe = nullptr;
  for (const json& b : report["buildings"]) {
    if (b["on_network"] == true && !b["nearest"]["supermarket"].is_null()) {
      probe = &b;
      break;
    }
  }
  ASSERT_NE(probe, nullptr);
  const double expected = ReferenceNearest(
      app_->database(),
      planning::Coord::FromDegrees((*probe)["lat"].get<double>(), (*probe)["lon"].get<double>()),
      "supermarket");
  ASSERT_TRUE(std::isfinite(expected));
  // The report rounds to 0.1 m; chains summed as float add a few millimetres at most.
  EXPECT_NEAR((*probe)["nearest"]["supermarket"]["distance_m"].get<double>(), expected, 0.06);

  // The admin sees both communities, each with its own buildings.
  const json all = Assessment(app_->Login("admin"));
  ASSERT_EQ(all["communities"].size(), 2u);
  EXPECT_EQ(all["communities"][1]["id"], Community(app_->other_community.id));
  EXPECT_GT(all["communities"][1]["residents"].get<int>(), 0);
  // ?community= gives that one alone, with the same numbers.
  const json one = Assessment(app_->Login("admin"), "?community=" + Community(app_->community.id));
  ASSERT_EQ(one["communities"].size(), 1u);
  EXPECT_EQ(one["communities"][0], community);
}

TEST_F(PlanningApiTest, LayersAreFeatureCollectionsThatMatchTheAssessment) {
  const std::string planner = app_->Login("planner");
  const std::string query = "?community=" + Community(app_->community.id);
  const json report = Assessment(planner, query);

  const json buildings = Layer(planner, "buildings", query);
  EXPECT_EQ(buildings["type"], "FeatureCollection");
  ASSERT_EQ(buildings["features"].size(), report["buildings"].size());
  int polygons = 0;
  for (std::size_t i = 0; i < buildings["features"].size(); ++i) {
    const json& feature = buildings["features"][i];
    EXPECT_EQ(feature["properties"]["id"], report["buildings"][i]["id"]);
    const std::string geometry = feature["geometry"]["type"];
    EXPECT_TRUE(geometry == "Polygon" || geometry == "MultiPolygon" || geometry == "Point");
    if (geometry != "Point") ++polygons;
  }
  // Every building here is an OSM way with its outline.
  EXPECT_EQ(polygons, static_cast<int>(buildings["features"].size()));

  const json facilities = Layer(planner, "facilities", query);
  EXPECT_EQ(facilities["type"], "FeatureCollection");
  ASSERT_FALSE(facilities["features"].empty());
  bool named = false;
  for (const json& f : facilities["features"]) {
    EXPECT_TRUE(f["properties"].contains("name"));
    EXPECT_TRUE(f["properties"].contains("facility_type"));
    named = named || f["properties"]["name"].is_string();
  }
  EXPECT_TRUE(named);
  const json all_facilities = Layer(planner, "facilities", "");
  EXPECT_LT(facilities["features"].size(), all_facilities["features"].size());

  const json network = Layer(planner, "network", query);
  const json whole = Layer(planner, "network", "");
  ASSERT_FALSE(network["features"].empty());
  EXPECT_LT(network["features"].size(), whole["features"].size());
  for (const json& f : network["features"]) {
    ASSERT_EQ(f["geometry"]["type"], "LineString");
    ASSERT_GE(f["geometry"]["coordinates"].size(), 2u);
    ASSERT_GT(f["properties"]["length_m"].get<double>(), 0);
  }
  // Coordinates are rounded to 6 decimals.
  const double lon = whole["features"][0]["geometry"]["coordinates"][0][0];
  EXPECT_NEAR(lon * 1e6, std::round(lon * 1e6), 1e-6);

  const json communities = Layer(planner, "communities", "");
  ASSERT_EQ(communities["features"].size(), 1u);
  const json& props = communities["features"][0]["properties"];
  EXPECT_EQ(props["id"], Community(app_->community.id));
  EXPECT_EQ(props["residents"], report["communities"][0]["residents"]);
  EXPECT_EQ(communities["features"][0]["geometry"]["type"], "Polygon");
  int passing = 0;
  int failing = 0;
  for (const json& item : report["communities"][0]["items"]) {
    if (item["pass"] == true) ++passing;
    if (item["pass"] == false) ++failing;
  }
  EXPECT_EQ(props["items_passing"], passing);
  EXPECT_EQ(props["items_failing"], failing);
  EXPECT_EQ(props["items_passing"].get<std::size_t>() + props["items_failing"].get<std::size_t>() +
                props["items_without_residents"].get<std::size_t>() +
                props["items_needing_input"].get<std::size_t>(),
            report["communities"][0]["items"].size());

  auto unknown = Get(planner, "/api/v1/planning/layers/roads.geojson");
  ExpectFieldError(unknown, 404, "name");
  ExpectFieldError(Get(planner, "/api/v1/planning/layers/buildings"), 404, "name");
  ExpectFieldError(Get(planner, "/api/v1/planning/layers/buildings.geojson?community=x"), 400,
                   "community");
}

TEST_F(PlanningApiTest, IsochronesGrowWithTheMinutesAndRefuseBadInput) {
  const std::string planner = app_->Login("planner");
  // Fontvieille, on its streets.
  const std::string at = "/api/v1/planning/isochrone?lat=43.7308&lon=7.4210";
  const auto started = std::chrono::steady_clock::now();
  auto result = Get(planner, at + "&minutes=5,15,10");
  std::printf("isochrones of 5, 10 and 15 minutes over HTTP: %.0f ms\n",
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                  .count());
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/geo+json");
  const json collection = JsonOf(result);
  ASSERT_EQ(collection["features"].size(), 3u);
  const double minutes[] = {15, 10, 5};
  for (int i = 0; i < 3; ++i) {
    const json& props = collection["features"][i]["properties"];
    EXPECT_EQ(props["minutes"], minutes[i]);
    EXPECT_EQ(props["distance_m"], minutes[i] * 60);
    EXPECT_LT(props["snap_distance_m"].get<double>(), 200);
    EXPECT_GT(props["nodes_reached"].get<int>(), 0);
    const std::string type = collection["features"][i]["geometry"]["type"];
    EXPECT_TRUE(type == "Polygon" || type == "MultiPolygon") << type;
  }
  const double area15 = collection["features"][0]["properties"]["area_m2"];
  const double area10 = collection["features"][1]["properties"]["area_m2"];
  const double area5 = collection["features"][2]["properties"]["area_m2"];
  EXPECT_GT(area15, area10);
  EXPECT_GT(area10, area5);
  EXPECT_GT(area5, 0);
  // A disc of 300 m is 283,000 m²; streets reach less than all of it.
  EXPECT_LT(area5, 3.2e5);

  const std::pair<std::string, std::string> bad[] = {
      {"?lat=abc&lon=7.42&minutes=5", "lat"},
      {"?lat=95&lon=7.42&minutes=5", "lat"},
      {"?lat=43.73&minutes=5", "lon"},
      {"?lat=43.73&lon=200&minutes=5", "lon"},
      {"?lat=43.73&lon=7.42", "minutes"},
      {"?lat=43.73&lon=7.42&minutes=0", "minutes"},
      {"?lat=43.73&lon=7.42&minutes=-5", "minutes"},
      {"?lat=43.73&lon=7.42&minutes=61", "minutes"},
      {"?lat=43.73&lon=7.42&minutes=5,10,15,20", "minutes"},
      {"?lat=43.73&lon=7.42&minutes=5,,10", "minutes"},
      {"?lat=43.73&lon=7.42&minutes=ten", "minutes"},
      {"?lat=43.73&lon=7.42&minutes=nan", "minutes"},
      // In the sea, 1.5 km off the harbour: off the network.
      {"?lat=43.715&lon=7.43&minutes=5", "origin"},
      // Beijing: nowhere near the import.
      {"?lat=39.9&lon=116.4&minutes=5", "origin"},
  };
  for (const auto& [query, field] : bad) {
    SCOPED_TRACE(query);
    ExpectFieldError(Get(planner, "/api/v1/planning/isochrone" + query), 400, field);
  }
}

TEST_F(PlanningApiTest, WhatIfAddsAFacilityBesideAnUncoveredBuilding) {
  const std::string planner = app_->Login("planner");
  const std::string id = Community(app_->community.id);
  const json report = Assessment(planner, "?community=" + id);
  const json& items = report["communities"][0]["items"];
  const auto elderly = std::find_if(items.begin(), items.end(), [](const json& item) {
    return item["facility_type"] == "elderly_service_station";
  });
  ASSERT_NE(elderly, items.end());
  const double max_distance = (*elderly)["max_distance_m"];
  // The building with the most residents that no elderly service station serves within reach.
  const json* uncovered = nullptr;
  for (const json& b : report["buildings"]) {
    const json& nearest = b["nearest"]["elderly_service_station"];
    const bool covered = !nearest.is_null() && nearest["distance_m"].get<double>() <= max_distance;
    if (!covered && b["on_network"] == true && b["residents"].get<int>() > 0 &&
        (uncovered == nullptr || b["residents"] > (*uncovered)["residents"])) {
      uncovered = &b;
    }
  }
  ASSERT_NE(uncovered, nullptr) << "every building is covered already";
  const std::int64_t facilities = app_->Count("osm_facilities");

  auto result = Post(planner, "/api/v1/planning/what-if",
                     {{"community", app_->community.id.value()},
                      {"add",
                       {{{"facility_type", "elderly_service_station"},
                         {"lat", (*uncovered)["lat"]},
                         {"lon", (*uncovered)["lon"]},
                         {"name", "新的老年服务站"}}}}});
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  const json what_if = JsonOf(result);
  // `before` is the plain assessment.
  EXPECT_EQ(what_if["before"]["communities"], report["communities"]);
  ASSERT_EQ(what_if["added"].size(), 1u);
  EXPECT_EQ(what_if["added"][0]["id"], "proposed/1");
  EXPECT_EQ(what_if["added"][0]["name"], "新的老年服务站");
  EXPECT_EQ(what_if["added"][0]["on_network"], true);
  // The building now walks to the new station.
  const json* after_building = nullptr;
  for (const json& b : what_if["after"]["buildings"]) {
    if (b["id"] == (*uncovered)["id"]) after_building = &b;
  }
  ASSERT_NE(after_building, nullptr);
  EXPECT_EQ((*after_building)["nearest"]["elderly_service_station"]["facility_id"], "proposed/1");
  EXPECT_LE((*after_building)["nearest"]["elderly_service_station"]["distance_m"].get<double>(),
            max_distance);
  const json* change = nullptr;
  for (const json& c : what_if["changes"]) {
    if (c["community_id"] == id && c["item"] == (*elderly)["item"]) change = &c;
  }
  ASSERT_NE(change, nullptr) << what_if["changes"];
  EXPECT_EQ((*change)["facility_type"], "elderly_service_station");
  EXPECT_EQ((*change)["residents_covered_before"], (*elderly)["residents_covered"]);
  EXPECT_GE((*change)["residents_covered_after"].get<std::uint64_t>(),
            (*elderly)["residents_covered"].get<std::uint64_t>() +
                (*uncovered)["residents"].get<std::uint64_t>());
  EXPECT_GT((*change)["share_after"].get<double>(), (*change)["share_before"].get<double>());
  // Only items that changed are listed: the other facility types did not move.
  for (const json& c : what_if["changes"]) EXPECT_EQ(c["facility_type"], "elderly_service_station");
  // Nothing was stored.
  EXPECT_EQ(app_->Count("osm_facilities"), facilities);
  const json again = Assessment(planner, "?community=" + id);
  EXPECT_EQ(again["communities"], report["communities"]);

  const json station = {
      {"facility_type", "elderly_service_station"}, {"lat", 43.73}, {"lon", 7.42}};
  json many = json::array();
  for (int i = 0; i < 21; ++i) many.push_back(station);
  const std::pair<json, std::string> bad[] = {
      {{{"add", {{{"facility_type", "spaceport"}, {"lat", 43.73}, {"lon", 7.42}}}}},
       "add[0].facility_type"},
      {{{"add", {station, {{"lat", 43.73}, {"lon", 7.42}}}}}, "add[1].facility_type"},
      {{{"add", {{{"facility_type", "kindergarten"}, {"lat", 100}, {"lon", 7.42}}}}}, "add[0].lat"},
      {{{"add", {{{"facility_type", "kindergarten"}, {"lat", "north"}, {"lon", 7.42}}}}},
       "add[0].lat"},
      {{{"add", {{{"facility_type", "kindergarten"}, {"lat", 43.73}}}}}, "add[0].lon"},
      {{{"add", {{{"facility_type", "kindergarten"}, {"lat", 39.9}, {"lon", 116.4}}}}},
       "add[0].lat"},
      {{{"add", json::array()}}, "add"},
      {{{"add", many}}, "add"},
      {{{"add", {1}}}, "add[0]"},
      {{{"community", "one"}, {"add", {station}}}, "community"},
      {json::object(), "add"},
  };
  for (const auto& [body, field] : bad) {
    SCOPED_TRACE(body.dump());
    ExpectFieldError(Post(planner, "/api/v1/planning/what-if", body), 400, field);
  }
}

// The items no map can answer: a worker records yes or no with a note; the assessment shows the
// answer and counts it as the item's pass, for that community only; the answer can change and
// each change is audited; a facility item, an unknown item or another answer is refused, and
// only a writer of the community may answer.
TEST_F(PlanningApiTest, WorkersAnswerTheItemsNoMapCanAnswer) {
  const std::string worker = app_->Login("worker");
  const std::string planner = app_->Login("planner");
  const std::string other_worker = app_->Login("other_worker");
  const std::string path = "/api/v1/planning/communities/" + Community(app_->community.id) +
                           "/worker-items/cc16_property_service";
  auto put = [](const std::string& token, const std::string& to, const json& body) {
    return app_->client().Put(to, app_->Bearer(token), body.dump(), "application/json");
  };
  auto item_of = [](const json& report, const std::string& community, const std::string& item) {
    for (const json& c : report["communities"]) {
      if (c["id"] != community) continue;
      for (const json& i : c["items"]) {
        if (i["item"] == item) return i;
      }
    }
    return json();
  };
  const std::string own = Community(app_->community.id);
  const std::string other = Community(app_->other_community.id);

  json before = item_of(Assessment(planner), own, "cc16_property_service");
  ASSERT_TRUE(before.is_object());
  EXPECT_EQ(before["needs_worker_input"], true);
  EXPECT_TRUE(before["worker_answer"].is_null());
  EXPECT_TRUE(before["pass"].is_null());
  const std::int64_t audited = app_->AuditCount("planning_worker_answer.save");

  auto saved = put(worker, path, {{"answer", "yes"}, {"note", "物业全覆盖, 2026 年签约"}});
  ASSERT_TRUE(saved && saved->status == 200) << (saved ? saved->body : "no response");
  EXPECT_EQ(JsonOf(saved)["answered_by"], "worker");
  json after = item_of(Assessment(planner), own, "cc16_property_service");
  EXPECT_EQ(after["pass"], true);
  EXPECT_EQ(after["worker_answer"]["answer"], "yes");
  EXPECT_EQ(after["worker_answer"]["note"], "物业全覆盖, 2026 年签约");
  // The other community has no answer: unchanged.
  EXPECT_TRUE(item_of(Assessment(planner), other, "cc16_property_service")["pass"].is_null());

  ASSERT_EQ(put(worker, path, {{"answer", "no"}})->status, 200);
  EXPECT_EQ(item_of(Assessment(planner), own, "cc16_property_service")["pass"], false);
  EXPECT_EQ(app_->AuditCount("planning_worker_answer.save"), audited + 2);

  const std::string base = "/api/v1/planning/communities/" + own + "/worker-items/";
  ExpectFieldError(put(worker, base + "cc01_service_station", {{"answer", "yes"}}), 400, "item");
  ExpectFieldError(put(worker, base + "no_such_item", {{"answer", "yes"}}), 400, "item");
  ExpectFieldError(put(worker, path, {{"answer", "maybe"}}), 400, "answer");
  ExpectFieldError(put(worker, path, json::object()), 400, "answer");
  ExpectFieldError(put(worker, path, {{"answer", "yes"}, {"note", std::string(1001, 'x')}}), 400,
                   "note");
  ExpectFieldError(put(other_worker, path, {{"answer", "yes"}}), 403, "");
  ExpectFieldError(put(planner, path, {{"answer", "yes"}}), 403, "");
  ExpectFieldError(
      put(worker, "/api/v1/planning/communities/999999/worker-items/cc16_property_service",
          {{"answer", "yes"}}),
      404, "");
  // Nothing the refused requests sent was stored.
  EXPECT_EQ(item_of(Assessment(planner), own, "cc16_property_service")["pass"], false);
  EXPECT_EQ(app_->AuditCount("planning_worker_answer.save"), audited + 2);
}

TEST_F(PlanningApiTest, EveryRouteKeepsToTheCallersScope) {
  const std::string own = "?community=" + Community(app_->community.id);
  const std::string other = "?community=" + Community(app_->other_community.id);
  const std::string worker = app_->Login("worker");
  const std::string other_worker = app_->Login("other_worker");
  const std::string planner = app_->Login("planner");
  const std::string street = app_->Login("street");

  // A community worker: their own community, asked or not; never the other one.
  json mine = Assessment(worker);
  ASSERT_EQ(mine["communities"].size(), 1u);
  EXPECT_EQ(mine["communities"][0]["id"], Community(app_->community.id));
  EXPECT_EQ(Assessment(worker, own)["communities"].size(), 1u);
  ExpectFieldError(Get(worker, "/api/v1/planning/assessment" + other), 403, "");
  ExpectFieldError(Get(worker, "/api/v1/planning/layers/buildings.geojson" + other), 403, "");
  ExpectFieldError(Get(worker, "/api/v1/planning/layers/network.geojson" + other), 403, "");
  ExpectFieldError(
      Post(worker, "/api/v1/planning/what-if",
           {{"community", app_->other_community.id.value()},
            {"add", {{{"facility_type", "kindergarten"}, {"lat", 43.73}, {"lon", 7.42}}}}}),
      403, "");
  json theirs = Assessment(other_worker);
  ASSERT_EQ(theirs["communities"].size(), 1u);
  EXPECT_EQ(theirs["communities"][0]["id"], Community(app_->other_community.id));
  for (const json& b : theirs["buildings"]) {
    EXPECT_EQ(b["community_id"], Community(app_->other_community.id));
  }
  // A what-if without a community keeps to the scope too.
  auto what_if =
      Post(other_worker, "/api/v1/planning/what-if",
           {{"add", {{{"facility_type", "kindergarten"}, {"lat", 43.73}, {"lon", 7.42}}}}});
  ASSERT_TRUE(what_if);
  ASSERT_EQ(what_if->status, 200) << what_if->body;
  ASSERT_EQ(JsonOf(what_if)["before"]["communities"].size(), 1u);
  EXPECT_EQ(JsonOf(what_if)["before"]["communities"][0]["id"], Community(app_->other_community.id));

  // The street's planner and admin: their street, not the other one.
  EXPECT_EQ(Assessment(planner, own)["communities"].size(), 1u);
  EXPECT_EQ(Assessment(street)["communities"].size(), 1u);
  ExpectFieldError(Get(planner, "/api/v1/planning/assessment" + other), 403, "");
  ExpectFieldError(Get(street, "/api/v1/planning/layers/communities.geojson" + other), 403, "");
  // A community that does not exist, and one that is not an id.
  ExpectFieldError(Get(planner, "/api/v1/planning/assessment?community=999999"), 404, "");
  ExpectFieldError(Get(planner, "/api/v1/planning/assessment?community=abc"), 400, "community");

  // Roles without the planning permission, and no one at all.
  const std::string routes[] = {"/api/v1/planning/status", "/api/v1/planning/assessment",
                                "/api/v1/planning/layers/buildings.geojson",
                                "/api/v1/planning/isochrone?lat=43.7308&lon=7.4210&minutes=5"};
  for (const std::string login : {"grid", "resident", "volunteer", "courier"}) {
    const std::string token = app_->Login(login);
    for (const std::string& route : routes) {
      SCOPED_TRACE(login + " " + route);
      ExpectFieldError(Get(token, route), 403, "");
    }
    ExpectFieldError(
        Post(token, "/api/v1/planning/what-if",
             {{"add", {{{"facility_type", "kindergarten"}, {"lat", 43.73}, {"lon", 7.42}}}}}),
        403, "");
  }
  for (const std::string& route : routes) {
    auto anonymous = app_->client().Get(route);
    ASSERT_TRUE(anonymous);
    EXPECT_EQ(anonymous->status, 401) << route;
  }
  auto anonymous = app_->client().Post("/api/v1/planning/what-if", "{}", "application/json");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
}

}  // namespace
}  // namespace shequ
