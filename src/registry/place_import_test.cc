// The CSV import of buildings and households on both back ends: places named as workers know
// them, the rules of a single create, duplicates in the file and in the database, scope, and all
// or nothing; and residents placed by their household's address.
#include "registry/place_import.h"

#include <gtest/gtest.h>

#include "auth/internal/auth_test_fixture.h"
#include "registry/resident_import.h"

namespace shequ::registry {
namespace {

constexpr std::string_view kKey =
    "8f0e1d2c3b4a59687766554433221100ffeeddccbbaa99887766554433221100";

class PlaceImportTest : public auth::internal::AuthDatabaseTest,
                        public ::testing::WithParamInterface<store::Backend> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(OpenDatabase(GetParam()));
    cipher_ = PiiCipher::FromHex(kKey).value();
    service_ = std::make_unique<RegistryService>(*database_, clock_, *cipher_);
  }

  ImportOutcome Buildings(const std::string& file, const auth::Principal& caller,
                          ImportMode mode = ImportMode::kImport) {
    auto outcome = ImportBuildingsCsv(*service_, caller, file, std::nullopt, origin_, mode);
    EXPECT_TRUE(outcome) << outcome.error().message;
    return outcome.value_or(ImportOutcome{});
  }
  ImportOutcome Households(const std::string& file, const auth::Principal& caller) {
    auto outcome = ImportHouseholdsCsv(*service_, caller, file, std::nullopt, origin_);
    EXPECT_TRUE(outcome) << outcome.error().message;
    return outcome.value_or(ImportOutcome{});
  }

  const auth::Principal worker_{
      .login = "w",
      .role = auth::Role::kCommunityWorker,
      .scope = {auth::ScopeKind::kCommunity, {kStreet1, kCommunity10, {}}}};
  const auth::Principal grid_worker_{
      .login = "g",
      .role = auth::Role::kGridWorker,
      .scope = {auth::ScopeKind::kGrid, {kStreet1, kCommunity10, kGrid100}}};
  const auth::Principal admin_{.login = "a",
                               .role = auth::Role::kAdmin,
                               .scope = {auth::ScopeKind::kStreet, {kStreet1, {}, {}}}};
  const auth::RequestOrigin origin_{"127.0.0.1", "test"};
  std::unique_ptr<PiiCipher> cipher_;
  std::unique_ptr<RegistryService> service_;
};

TEST(PlaceImportColumns, YesAndNoInChineseAndEnglish) {
  EXPECT_EQ(ParseYesNo("是"), true);
  EXPECT_EQ(ParseYesNo("有"), true);
  EXPECT_EQ(ParseYesNo("yes"), true);
  EXPECT_EQ(ParseYesNo("否"), false);
  EXPECT_EQ(ParseYesNo("0"), false);
  EXPECT_EQ(ParseYesNo("maybe"), std::nullopt);
}

TEST_P(PlaceImportTest, ImportsBuildingsNamedAsWorkersKnowThem) {
  const auto outcome = Buildings(
      "community,number,address,grid,floors,has_elevator,year_built,units,latitude,longitude\n"
      ",3号楼,多福巷3号,第一网格,6,否,1985,2,39.9,116.4\n"
      "多福巷社区,5号楼,多福巷5号,,18,是,,,,\n",
      worker_);
  ASSERT_EQ(outcome.error_count, 0) << outcome.errors.front().reason;
  EXPECT_EQ(outcome.imported, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM buildings WHERE community_id = 10 AND grid_id = 100 AND "
                  "floors = 6 AND has_elevator = 0 AND units = 2"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM buildings WHERE number = '5号楼' AND has_elevator = 1 AND "
                  "grid_id IS NULL AND units = 1"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'building.import'"), 1);
}

TEST_P(PlaceImportTest, CheckOnlyStoresNothing) {
  const auto outcome =
      Buildings("number,address\n1号楼,多福巷1号\n", worker_, ImportMode::kCheckOnly);
  EXPECT_EQ(outcome.error_count, 0);
  EXPECT_EQ(outcome.checked, 1);
  EXPECT_EQ(outcome.imported, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM buildings"), 0);
}

TEST_P(PlaceImportTest, ReportsEveryFaultyBuildingAndStoresNone) {
  ASSERT_EQ(Buildings("number,address\n9号楼,多福巷9号\n", worker_).imported, 1);
  const auto outcome = Buildings(
      "number,address,floors,has_elevator,grid,latitude,longitude,community\n"
      "1号楼,多福巷1号,6,否,,,,\n"        // row 2: fine
      "2号楼,多福巷2号,300,,,,,\n"        // row 3: floors
      "3号楼,多福巷3号,,也许,,,,\n"       // row 4: has_elevator
      "1号楼,多福巷1号,,,,,,\n"           // row 5: twice in the file
      "9号楼,多福巷9号,,,,,,\n"           // row 6: in the database
      "4号楼,多福巷4号,,,第九网格,,,\n"   // row 7: no such grid
      "6号楼,多福巷6号,,,,39.9,,\n"       // row 8: latitude without longitude
      "7号楼,多福巷7号,,,,,,吉祥社区\n",  // row 9: another street's community
      worker_);
  EXPECT_EQ(outcome.imported, 0);
  ASSERT_EQ(outcome.error_count, 7);
  const std::vector<std::pair<int, std::string>> expected = {
      {3, "floors"}, {4, "has_elevator"}, {5, "number"},   {6, "number"},
      {7, "grid"},   {8, "longitude"},    {9, "community"}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(outcome.errors[i].row, expected[i].first) << i;
    EXPECT_EQ(outcome.errors[i].column, expected[i].second) << outcome.errors[i].reason;
  }
  EXPECT_EQ(outcome.errors[1].value, "也许");
  EXPECT_NE(outcome.errors[2].reason.find("row 2"), std::string::npos) << outcome.errors[2].reason;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM buildings"), 1);
}

TEST_P(PlaceImportTest, AGridWorkerImportsIntoTheirGridOnly) {
  const auto outcome = Buildings(
      "number,address,grid\n1号楼,多福巷1号,第一网格\n2号楼,多福巷2号,第二网格\n3号楼,多福巷3号,\n",
      grid_worker_);
  ASSERT_EQ(outcome.error_count, 2);
  EXPECT_EQ(outcome.errors[0].row, 3);
  EXPECT_EQ(outcome.errors[1].row, 4);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM buildings"), 0);
}

TEST_P(PlaceImportTest, AStreetWideCallerNamesTheCommunity) {
  const auto outcome = Buildings(
      "community,number,address\n,1号楼,a\n吉祥社区,1号楼,b\n多福巷社区,1号楼,c\n", admin_);
  ASSERT_EQ(outcome.error_count, 1);
  EXPECT_EQ(outcome.errors[0].row, 2);
  EXPECT_EQ(outcome.errors[0].column, "community");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM buildings"), 0);
  // Without the faulty row both go in: the same number in two communities is fine.
  EXPECT_EQ(Buildings("community,number,address\n吉祥社区,1号楼,b\n多福巷社区,1号楼,c\n", admin_)
                .imported,
            2);
}

TEST_P(PlaceImportTest, ImportsHouseholdsByBuildingNumber) {
  ASSERT_EQ(Buildings("number,address,floors,grid\n3号楼,多福巷3号,6,第一网格\n"
                      "5号楼,多福巷5号,6,第二网格\n",
                      worker_)
                .imported,
            2);
  auto outcome = Households(
      "building,unit,floor,room,floor_area_m2\n3号楼,1,2,201,85.5\n3号楼,2,2,201,\n", worker_);
  ASSERT_EQ(outcome.error_count, 0) << outcome.errors.front().reason;
  EXPECT_EQ(outcome.imported, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM households WHERE floor_area_dm2 = 8550"), 1);
  // Duplicates (file, database), a missing building, a floor above the roof, another grid's
  // building for the grid worker.
  outcome = Households(
      "building,unit,floor,room\n"
      "3号楼,1,3,301\n"   // row 2: fine
      "3号楼,1,3,301\n"   // row 3: twice in the file
      "3号楼,1,2,201\n"   // row 4: in the database
      "8号楼,1,1,101\n"   // row 5: no such building
      "3号楼,1,9,901\n"   // row 6: floor 9 of 6
      "5号楼,1,1,101\n",  // row 7: the other grid's building
      grid_worker_);
  ASSERT_EQ(outcome.error_count, 5);
  const std::vector<std::pair<int, std::string>> expected = {
      {3, "room"}, {4, "room"}, {5, "building"}, {6, "floor"}, {7, "building"}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(outcome.errors[i].row, expected[i].first) << i;
    EXPECT_EQ(outcome.errors[i].column, expected[i].second) << outcome.errors[i].reason;
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM households"), 2);
}

TEST_P(PlaceImportTest, ResidentsFindTheirHouseholdByAddress) {
  ASSERT_EQ(Buildings("number,address\n3号楼,多福巷3号\n", worker_).imported, 1);
  ASSERT_EQ(Households("building,unit,floor,room\n3号楼,1,2,201\n", worker_).imported, 1);
  // The old header (household_id only) and the address columns both work.
  auto by_address =
      ImportResidentsCsv(*service_, worker_,
                         "building,unit,room,name,sex,birth_date,id_number,phone,residence_status,"
                         "relation_to_head,moved_in_on,tags\n"
                         "3号楼,1,201,张三,male,1950-01-01,,,,,,\n"
                         "3号楼,2,201,李四,female,1950-01-01,,,,,,\n"  // no unit 2 room 201
                         "3号楼,1,,王五,female,1950-01-01,,,,,,\n",    // no room
                         std::nullopt, origin_);
  ASSERT_TRUE(by_address);
  ASSERT_EQ(by_address->error_count, 2);
  EXPECT_EQ(by_address->errors[0].row, 3);
  EXPECT_EQ(by_address->errors[0].column, "room");
  EXPECT_EQ(by_address->errors[1].row, 4);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM residents"), 0);
  by_address = ImportResidentsCsv(*service_, worker_,
                                  "building,unit,room,name,sex,birth_date,id_number,phone,"
                                  "residence_status,relation_to_head,moved_in_on,tags\n"
                                  "3号楼,1,201,张三,male,1950-01-01,,,,,,\n",
                                  std::nullopt, origin_);
  ASSERT_TRUE(by_address);
  EXPECT_EQ(by_address->imported, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM residencies rs JOIN households h ON h.id = "
                  "rs.household_id WHERE h.room = '201' AND h.unit = '1'"),
            1);
}

INSTANTIATE_TEST_SUITE_P(Backends, PlaceImportTest,
                         ::testing::Values(store::Backend::kSqlite, store::Backend::kPostgres),
                         auth::internal::BackendParamName);

}  // namespace
}  // namespace shequ::registry
