// RegistryService on both back ends: the scope rules, one transaction per write with its audit
// row, and the ID number rules end to end. Uses auth's database fixture (two streets of places).
#include "registry/registry_service.h"

#include <gtest/gtest.h>

#include "auth/internal/auth_test_fixture.h"

namespace shequ::registry {
namespace {

constexpr std::string_view kKey =
    "8f0e1d2c3b4a59687766554433221100ffeeddccbbaa99887766554433221100";

class RegistryServiceTest : public auth::internal::AuthDatabaseTest,
                            public ::testing::WithParamInterface<store::Backend> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(OpenDatabase(GetParam()));
    cipher_ = PiiCipher::FromHex(kKey).value();
    service_ = std::make_unique<RegistryService>(*database_, clock_, *cipher_);
  }

  static auth::Principal Caller(auth::Role role, auth::ScopeKind kind, auth::Place place) {
    return auth::Principal{.login = "t", .role = role, .scope = {kind, place}};
  }
  const auth::Principal worker_ = Caller(auth::Role::kCommunityWorker, auth::ScopeKind::kCommunity,
                                         {kStreet1, kCommunity10, {}});
  const auth::Principal grid_worker_ =
      Caller(auth::Role::kGridWorker, auth::ScopeKind::kGrid, {kStreet1, kCommunity10, kGrid100});
  const auth::Principal other_grid_worker_ =
      Caller(auth::Role::kGridWorker, auth::ScopeKind::kGrid, {kStreet1, kCommunity10, kGrid101});
  const auth::Principal street_admin_ =
      Caller(auth::Role::kStreetAdmin, auth::ScopeKind::kStreet, {kStreet1, {}, {}});
  const auth::Principal other_street_admin_ =
      Caller(auth::Role::kStreetAdmin, auth::ScopeKind::kStreet, {kStreet2, {}, {}});
  const auth::RequestOrigin origin_{"127.0.0.1", "test"};

  // A household in a new building of grid 100.
  HouseholdId MakeHousehold() {
    auto building = service_->CreateBuilding(
        worker_, {.community_id = kCommunity10, .grid_id = kGrid100, .number = "1", .address = "a"},
        origin_);
    EXPECT_TRUE(building) << building.error().message;
    auto household = service_->CreateHousehold(
        worker_, {.building_id = building->id, .floor = 1, .room = "101"}, origin_);
    EXPECT_TRUE(household) << household.error().message;
    return household->id;
  }

  std::unique_ptr<PiiCipher> cipher_;
  std::unique_ptr<RegistryService> service_;
};

TEST_P(RegistryServiceTest, ScopeDecidesWhoReachesAResident) {
  const HouseholdId household = MakeHousehold();
  auto resident = service_->AddResident(
      grid_worker_, {.household_id = household, .name = "张三", .id_number = "510108199003071232"},
      origin_);
  ASSERT_TRUE(resident) << resident.error().message;
  EXPECT_EQ(resident->birth_date, (CivilDate{1990, 3, 7}));
  EXPECT_EQ(resident->id_number_masked, "5101**********1232");

  EXPECT_TRUE(service_->GetResident(worker_, resident->id));
  EXPECT_TRUE(service_->GetResident(grid_worker_, resident->id));
  EXPECT_TRUE(service_->GetResident(street_admin_, resident->id));
  EXPECT_EQ(service_->GetResident(other_grid_worker_, resident->id).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(service_->GetResident(other_street_admin_, resident->id).error().code,
            ErrorCode::kNotFound);
  // A street admin reads masked records but may not reveal (role table).
  EXPECT_EQ(
      service_->Reveal(street_admin_, resident->id, PersonalField::kIdNumber, origin_).error().code,
      ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->Reveal(worker_, resident->id, PersonalField::kIdNumber, origin_).value(),
            "510108199003071232");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'resident.read_id_number'"), 1);
  EXPECT_EQ(
      service_->SearchResidents(other_grid_worker_, {.q = "510108199003071232"})->residents.size(),
      0u);
  EXPECT_EQ(service_->SearchResidents(worker_, {.q = "510108199003071232"})->residents.size(), 1u);
}

TEST_P(RegistryServiceTest, DuplicateIdNumberIsAConflictAndWritesNothing) {
  const HouseholdId household = MakeHousehold();
  const NewResident resident{
      .household_id = household, .name = "张三", .id_number = "510108199003071232"};
  ASSERT_TRUE(service_->AddResident(worker_, resident, origin_));
  const auto audit_rows = Count("SELECT COUNT(*) FROM audit_log");
  auto again = service_->AddResident(worker_, resident, origin_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().field, "id_number");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM residents"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM residencies"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), audit_rows);
}

TEST_P(RegistryServiceTest, PopulationCountsTodaysResidents) {
  const HouseholdId household = MakeHousehold();
  // kStart is 2026-03-01 in Shanghai.
  ASSERT_TRUE(service_->AddResident(worker_,
                                    {.household_id = household,
                                     .name = "老人",
                                     .sex = Sex::kFemale,
                                     .birth_date = CivilDate{1946, 3, 1},
                                     .tags = {{"living_alone", std::nullopt}, {"low_income", {}}}},
                                    origin_));
  ASSERT_TRUE(service_->AddResident(worker_,
                                    {.household_id = household,
                                     .name = "幼儿",
                                     .sex = Sex::kMale,
                                     .birth_date = CivilDate{2023, 3, 2},
                                     .relation_to_head = "grandchild"},
                                    origin_));
  auto population = service_->Population(worker_, PopulationOf::kCommunity, kCommunity10.value());
  ASSERT_TRUE(population) << population.error().message;
  EXPECT_EQ(population->total, 2);
  EXPECT_EQ(population->age_80_plus, 1);
  EXPECT_EQ(population->elderly_living_alone, 1);
  EXPECT_EQ(population->children_0_3, 1);  // 2 years old, 3 tomorrow
  EXPECT_EQ(population->low_income_households, 1);
  EXPECT_EQ(population->by_age_band[16].female, 1);
  EXPECT_EQ(
      service_->Population(other_grid_worker_, PopulationOf::kGrid, kGrid100.value()).error().code,
      ErrorCode::kNotFound);
  EXPECT_EQ(service_->Population(grid_worker_, PopulationOf::kGrid, kGrid100.value())->total, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryServiceTest,
                         ::testing::Values(store::Backend::kSqlite, store::Backend::kPostgres),
                         auth::internal::BackendParamName);

}  // namespace
}  // namespace shequ::registry
