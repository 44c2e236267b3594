// The CSV import of residents on both back ends: the header check, faults found before and by the
// service reported together, masked values, and all or nothing.
#include "registry/resident_import.h"

#include <gtest/gtest.h>

#include "auth/internal/auth_test_fixture.h"

namespace shequ::registry {
namespace {

constexpr std::string_view kKey =
    "8f0e1d2c3b4a59687766554433221100ffeeddccbbaa99887766554433221100";
constexpr std::string_view kHeader =
    "household_id,name,sex,birth_date,id_number,phone,residence_status,relation_to_head,"
    "moved_in_on,tags\n";

class ResidentImportTest : public auth::internal::AuthDatabaseTest,
                           public ::testing::WithParamInterface<store::Backend> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(OpenDatabase(GetParam()));
    cipher_ = PiiCipher::FromHex(kKey).value();
    service_ = std::make_unique<RegistryService>(*database_, clock_, *cipher_);
    auto building = service_->CreateBuilding(
        worker_, {.community_id = kCommunity10, .grid_id = kGrid100, .number = "1", .address = "a"},
        origin_);
    ASSERT_TRUE(building) << building.error().message;
    auto household = service_->CreateHousehold(
        worker_, {.building_id = building->id, .floor = 1, .room = "101"}, origin_);
    ASSERT_TRUE(household) << household.error().message;
    household_ = std::to_string(household->id.value());
  }

  ResidentImportOutcome Import(const std::string& file) {
    auto outcome = ImportResidentsCsv(*service_, worker_, file, std::nullopt, origin_);
    EXPECT_TRUE(outcome) << outcome.error().message;
    return outcome.value_or(ResidentImportOutcome{});
  }

  const auth::Principal worker_{
      .login = "t",
      .role = auth::Role::kCommunityWorker,
      .scope = {auth::ScopeKind::kCommunity, {kStreet1, kCommunity10, {}}}};
  const auth::RequestOrigin origin_{"127.0.0.1", "test"};
  std::unique_ptr<PiiCipher> cipher_;
  std::unique_ptr<RegistryService> service_;
  std::string household_;
};

TEST_P(ResidentImportTest, TheTemplateIsTheHeaderWithAByteOrderMark) {
  const std::string file = ResidentImportTemplate();
  ASSERT_TRUE(file.starts_with("\xEF\xBB\xBF"));
  EXPECT_EQ(file.substr(3),
            "household_id,community,building,unit,room,name,sex,birth_date,id_number,phone,"
            "residence_status,relation_to_head,moved_in_on,tags\r\n");
}

TEST_P(ResidentImportTest, ImportsEveryRowWithTagsInOneGo) {
  const std::string file = std::string(kHeader) + household_ +
                           ",张三,,,510108199003071232,13812345678,both,head,2020-01-01,"
                           "living_alone;disabled:2\n" +
                           household_ + ",李四,female,1950-05-01,,,,spouse,,\n";
  const auto outcome = Import(file);
  EXPECT_TRUE(outcome.errors.empty()) << outcome.errors.front().reason;
  EXPECT_EQ(outcome.imported, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM residents"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM resident_tags"), 2);
}

TEST_P(ResidentImportTest, ReportsFaultsOfEveryKindAndImportsNothing) {
  const std::string file = std::string(kHeader) + household_ +
                           ",张三,,,510108199003071232,,,,,\n" +               // row 2: fine
                           household_ + ",李四,unknown,,,,,,,\n" +             // row 3: sex
                           household_ + ",王五,,,510108199003071233,,,,,\n" +  // row 4: check
                           household_ + ",赵六,,,510108199003071232,,,,,\n" +  // row 5: dup
                           "999999,钱七,male,1980-01-01,,,,,,\n";  // row 6: no household
  const auto outcome = Import(file);
  EXPECT_EQ(outcome.imported, 0);
  ASSERT_EQ(outcome.error_count, 4);
  EXPECT_EQ(outcome.errors[0].row, 3);
  EXPECT_EQ(outcome.errors[0].column, "sex");
  EXPECT_EQ(outcome.errors[0].value, "unknown");
  EXPECT_EQ(outcome.errors[1].row, 4);
  EXPECT_EQ(outcome.errors[1].column, "id_number");
  EXPECT_EQ(outcome.errors[1].value, "5101**********1233");  // masked
  EXPECT_EQ(outcome.errors[2].row, 5);
  EXPECT_NE(outcome.errors[2].reason.find("row 2"), std::string::npos) << outcome.errors[2].reason;
  EXPECT_EQ(outcome.errors[3].row, 6);
  EXPECT_EQ(outcome.errors[3].column, "household_id");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM residents"), 0);
}

TEST_P(ResidentImportTest, ReasonsDoNotQuoteTheDigitsOfANumber) {
  // 1990-02-30 does not exist; the service's message quotes the date, the report does not.
  const auto outcome =
      Import(std::string(kHeader) + household_ + ",张三,,,510108199002301233,,,,,\n");
  ASSERT_EQ(outcome.error_count, 1);
  EXPECT_EQ(outcome.errors[0].column, "id_number");
  EXPECT_EQ(outcome.errors[0].reason.find("19900230"), std::string::npos)
      << outcome.errors[0].reason;
  EXPECT_NE(outcome.errors[0].reason.find("not a real date"), std::string::npos);
}

TEST_P(ResidentImportTest, AWrongHeaderNamesTheColumns) {
  const auto outcome = Import(
      "household_id,name,sex,birth_date,id_number,mobile,residence_status,"
      "relation_to_head,moved_in_on,tags\n1,a,,,,,,,,\n");
  ASSERT_EQ(outcome.error_count, 2);
  EXPECT_EQ(outcome.errors[0].row, 1);
  EXPECT_EQ(outcome.errors[0].reason, "column 'phone' is missing");
  EXPECT_EQ(outcome.errors[1].reason, "unknown column 'mobile'");
}

TEST_P(ResidentImportTest, AFileWithoutItsHeaderDoesNotEchoTheNumbers) {
  const auto outcome = Import(household_ + ",张三,,,510108199003071232,13812345678,,,,\n");
  ASSERT_GT(outcome.error_count, 0);
  for (const auto& error : outcome.errors) {
    EXPECT_EQ(error.value.find("510108199003071232"), std::string::npos);
    EXPECT_EQ(error.reason.find("13812345678"), std::string::npos);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM residents"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ResidentImportTest,
                         ::testing::Values(store::Backend::kSqlite, store::Backend::kPostgres),
                         auth::internal::BackendParamName);

}  // namespace
}  // namespace shequ::registry
