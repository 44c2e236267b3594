// RegistryService's edits, map counts, exports and residents' accounts on both back ends: the
// same rules as creation, nothing half-written, the audit rows, and LinkResidentAccount.
#include <gtest/gtest.h>

#include "auth/auth_service.h"
#include "auth/internal/auth_test_fixture.h"
#include "registry/registry_repository.h"
#include "registry/registry_service.h"
#include "store/transaction.h"

namespace shequ::registry {
namespace {

constexpr std::string_view kKey =
    "8f0e1d2c3b4a59687766554433221100ffeeddccbbaa99887766554433221100";
constexpr const char* kIdNumber = "510108199003071232";       // male, 1990-03-07
constexpr const char* kOtherIdNumber = "11010519491231002X";  // female, 1949-12-31

class RegistryEditServiceTest : public auth::internal::AuthDatabaseTest,
                                public ::testing::WithParamInterface<store::Backend> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(OpenDatabase(GetParam()));
    cipher_ = PiiCipher::FromHex(kKey).value();
    service_ = std::make_unique<RegistryService>(*database_, clock_, *cipher_);
    auth::AuthOptions options;
    options.password_limits = auth::PasswordLimits::Minimum();
    auth_ = std::make_unique<auth::AuthService>(*database_, clock_, options);
    auto building = service_->CreateBuilding(
        worker_, {.community_id = kCommunity10, .grid_id = kGrid100, .number = "1", .address = "a"},
        origin_);
    ASSERT_TRUE(building) << building.error().message;
    building_ = building->id;
    auto household = service_->CreateHousehold(
        worker_, {.building_id = building_, .floor = 1, .room = "101"}, origin_);
    ASSERT_TRUE(household) << household.error().message;
    household_ = household->id;
    auto resident = service_->AddResident(
        worker_, {.household_id = household_, .name = "张三", .id_number = kIdNumber}, origin_);
    ASSERT_TRUE(resident) << resident.error().message;
    resident_ = resident->id;
    auto other = service_->AddResident(
        worker_, {.household_id = household_, .name = "李四", .id_number = kOtherIdNumber},
        origin_);
    ASSERT_TRUE(other) << other.error().message;
    other_resident_ = other->id;
  }

  static auth::Principal Caller(auth::Role role, auth::ScopeKind kind, auth::Place place) {
    return auth::Principal{.login = "t", .role = role, .scope = {kind, place}};
  }
  const auth::Principal worker_ = Caller(auth::Role::kCommunityWorker, auth::ScopeKind::kCommunity,
                                         {kStreet1, kCommunity10, {}});
  const auth::Principal other_grid_worker_ =
      Caller(auth::Role::kGridWorker, auth::ScopeKind::kGrid, {kStreet1, kCommunity10, kGrid101});
  const auth::Principal other_street_admin_ =
      Caller(auth::Role::kStreetAdmin, auth::ScopeKind::kStreet, {kStreet2, {}, {}});
  const auth::RequestOrigin origin_{"127.0.0.1", "test"};

  std::unique_ptr<PiiCipher> cipher_;
  std::unique_ptr<RegistryService> service_;
  std::unique_ptr<auth::AuthService> auth_;
  BuildingId building_;
  HouseholdId household_;
  ResidentId resident_, other_resident_;
};

TEST_P(RegistryEditServiceTest, ADuplicateIdNumberWritesNothing) {
  auto updated = service_->UpdateResident(
      worker_, resident_,
      {.name = "张三丰", .id_number = std::optional<std::string>(kOtherIdNumber)}, origin_);
  ASSERT_FALSE(updated);
  EXPECT_EQ(updated.error().code, ErrorCode::kConflict);
  EXPECT_EQ(updated.error().field, "id_number");
  EXPECT_EQ(service_->GetResident(worker_, resident_)->name, "张三");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'resident.update'"), 0);
}

TEST_P(RegistryEditServiceTest, TagsAreReplacedAndTheAuditNamesFieldsOnly) {
  auto updated = service_->UpdateResident(
      worker_, resident_,
      {.phone = std::optional<std::string>("13812345678"),
       .tags = std::vector<ResidentTagValue>{{"disabled", 2}, {"veteran", std::nullopt}}},
      origin_);
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->phone_masked, "138****5678");
  ASSERT_EQ(updated->tags.size(), 2u);
  updated = service_->UpdateResident(
      worker_, resident_, {.tags = std::vector<ResidentTagValue>{{"party_member", std::nullopt}}},
      origin_);
  ASSERT_TRUE(updated) << updated.error().message;
  ASSERT_EQ(updated->tags.size(), 1u);
  EXPECT_EQ(updated->tags[0].tag, "party_member");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM resident_tags WHERE resident_id = ?", {resident_.value()}),
            1);
  const auto details =
      Exec("SELECT detail FROM audit_log WHERE action = 'resident.update' ORDER BY id");
  ASSERT_EQ(details.rows.size(), 2u);
  EXPECT_EQ(details.rows[0].GetText(0), "fields=phone,tags");
  EXPECT_EQ(details.rows[1].GetText(0), "fields=tags");
}

TEST_P(RegistryEditServiceTest, EditsOutsideTheScopeAreNotFound) {
  EXPECT_EQ(
      service_->UpdateResident(other_grid_worker_, resident_, {.name = "x"}, origin_).error().code,
      ErrorCode::kNotFound);
  EXPECT_EQ(
      service_->UpdateBuilding(other_grid_worker_, building_, {.floors = 3}, origin_).error().code,
      ErrorCode::kNotFound);
  EXPECT_EQ(service_->UpdateHousehold(other_grid_worker_, household_, {.room = "102"}, origin_)
                .error()
                .code,
            ErrorCode::kNotFound);
  EXPECT_EQ(service_->ListBuildingOccupancy(other_street_admin_, kCommunity10, false).error().code,
            ErrorCode::kNotFound);
}

TEST_P(RegistryEditServiceTest, OccupancyCountsOpenHouseholdsAndResidentsLivingThereNow) {
  ASSERT_TRUE(service_->MoveOut(worker_, other_resident_, std::nullopt, origin_));
  ASSERT_TRUE(service_->CreateHousehold(
      worker_, {.building_id = building_, .floor = 2, .room = "201"}, origin_));
  auto buildings = service_->ListBuildingOccupancy(worker_, kCommunity10, false);
  ASSERT_TRUE(buildings) << buildings.error().message;
  ASSERT_EQ(buildings->size(), 1u);
  EXPECT_EQ((*buildings)[0].households, 2);
  EXPECT_EQ((*buildings)[0].residents, 1);
  // Without a point or a footprint it is not on the map.
  EXPECT_EQ(service_->ListBuildingOccupancy(worker_, kCommunity10, true)->size(), 0u);
  ASSERT_TRUE(service_->UpdateBuilding(
      worker_, building_,
      {.latitude = std::optional<double>(39.9), .longitude = std::optional<double>(116.4)},
      origin_));
  EXPECT_EQ(service_->ListBuildingOccupancy(worker_, kCommunity10, true)->size(), 1u);
}

TEST_P(RegistryEditServiceTest, AResidentAccountIsCreatedAndLinkedInOneTransaction) {
  const auth::NewUser user{.login = "zhangsan", .password = "long-enough-1"};
  auto account = service_->CreateResidentAccount(worker_, resident_, user, *auth_, origin_);
  ASSERT_TRUE(account) << account.error().message;
  EXPECT_EQ(account->user.role, auth::Role::kResident);
  EXPECT_EQ(account->user.scope.place.community, kCommunity10);
  EXPECT_EQ(account->user.display_name, "张三");
  const auth::Principal resident{.user_id = account->user.id,
                                 .login = "zhangsan",
                                 .role = auth::Role::kResident,
                                 .scope = account->user.scope};
  auto own = service_->OwnHouseholdOf(resident);
  ASSERT_TRUE(own) << own.error().message;
  EXPECT_EQ(own->household.id, household_);
  EXPECT_EQ(own->residents.size(), 2u);
  // A taken login fails after the user check, and neither the user nor the link stays.
  const auto users = Count("SELECT COUNT(*) FROM users");
  auto taken = service_->CreateResidentAccount(worker_, other_resident_,
                                               {.login = "zhangsan", .password = "long-enough-1"},
                                               *auth_, origin_);
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, ErrorCode::kConflict);
  EXPECT_EQ(taken.error().field, "login");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users"), users);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM resident_accounts"), 1);
}

TEST_P(RegistryEditServiceTest, LinkResidentAccountForTheCommandLine) {
  auto user =
      auth_->AddUserAsSystem({.login = "lisi",
                              .display_name = "李四",
                              .password = "long-enough-1",
                              .role = auth::Role::kResident,
                              .scope = {auth::ScopeKind::kCommunity, {kStreet1, kCommunity10, {}}}},
                             origin_);
  ASSERT_TRUE(user) << user.error().message;
  auto worker =
      auth_->AddUserAsSystem({.login = "gongzuo",
                              .display_name = "工作",
                              .password = "long-enough-1",
                              .role = auth::Role::kCommunityWorker,
                              .scope = {auth::ScopeKind::kCommunity, {kStreet1, kCommunity10, {}}}},
                             origin_);
  ASSERT_TRUE(worker) << worker.error().message;
  auto connection = database_->Acquire();
  ASSERT_TRUE(connection);
  {
    auto tx = store::Transaction::Begin(**connection);
    ASSERT_TRUE(tx);
    const Status linked = LinkResidentAccount(**connection, user->id, other_resident_, kStart);
    ASSERT_TRUE(linked) << linked.error().message;
    ASSERT_TRUE(tx->Commit());
  }
  EXPECT_EQ(LinkResidentAccount(**connection, worker->id, resident_, kStart).error().field, "user");
  EXPECT_EQ(LinkResidentAccount(**connection, user->id, resident_, kStart).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(LinkResidentAccount(**connection, user->id, ResidentId(999999), kStart).error().field,
            "resident");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'resident.link_account'"), 1);
  const auth::Principal lisi{.user_id = user->id, .role = auth::Role::kResident};
  EXPECT_EQ(service_->OwnHouseholdOf(lisi)->household.id, household_);
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryEditServiceTest,
                         ::testing::Values(store::Backend::kSqlite, store::Backend::kPostgres),
                         auth::internal::BackendParamName);

}  // namespace
}  // namespace shequ::registry
