// Residents imported over HTTP from CSV: the template, UTF-8 and GB18030 files, and the 422 report
// that names every faulty row while nothing is imported.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

#include "registry/id_number.h"
#include "registry/pii_cipher.h"
#include "test_app.h"

namespace shequ {
namespace {

constexpr const char* kHeader =
    "household_id,name,sex,birth_date,id_number,phone,residence_status,relation_to_head,"
    "moved_in_on,tags\r\n";

// A valid synthetic ID number: Chengdu (510108), born 1980-01-01, sequence `n` (1-999).
std::string IdNumber(int n) {
  std::string first17 = fmt::format("51010819800101{:03}", n);
  return first17 + registry::IdNumberCheckChar(first17);
}

class RegistryImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    worker_ = app_.Login("worker");
    const auto building = Created(Post(worker_, "/api/v1/buildings",
                                       {{"community_id", app_.community.id.value()},
                                        {"grid_id", app_.grid.id.value()},
                                        {"number", "3号楼"},
                                        {"address", "多福巷3号"}}));
    const auto other_building = Created(Post(worker_, "/api/v1/buildings",
                                             {{"community_id", app_.community.id.value()},
                                              {"grid_id", app_.other_grid.id.value()},
                                              {"number", "5号楼"},
                                              {"address", "多福巷5号"}}));
    household_ =
        std::to_string(Created(Post(worker_, "/api/v1/households",
                                    {{"building_id", building}, {"floor", 2}, {"room", "201"}})));
    other_household_ = std::to_string(
        Created(Post(worker_, "/api/v1/households",
                     {{"building_id", other_building}, {"floor", 1}, {"room", "101"}})));
  }

  httplib::Result Post(const std::string& token, const std::string& path,
                       const nlohmann::json& body) {
    return app_.client().Post(path, app_.Bearer(token), body.dump(), "application/json");
  }
  httplib::Result Import(const std::string& token, const std::string& file,
                         const std::string& query = "") {
    return app_.client().Post("/api/v1/imports/residents" + query, app_.Bearer(token), file,
                              "text/csv");
  }
  std::int64_t Created(const httplib::Result& result) {
    EXPECT_TRUE(result && result->status == 201) << (result ? result->body : "no response");
    return testing::JsonOf(result).value("id", std::int64_t{0});
  }
  // The 422 report's rows (the test fails unless the response is one).
  static nlohmann::json Rejected(const httplib::Result& result) {
    EXPECT_TRUE(result);
    if (!result) return nlohmann::json::array();
    EXPECT_EQ(result->status, 422) << result->body;
    const auto body = testing::JsonOf(result);
    EXPECT_EQ(body["error"].value("code", ""), "invalid_argument") << result->body;
    return body["error"].value("rows", nlohmann::json::array());
  }
  std::int64_t AuditCount(const std::string& action) {
    auto connection = app_.database().Acquire();
    auto rows = (*connection)->Query("SELECT COUNT(*) FROM audit_log WHERE action = ?", {action});
    return rows.value().rows.at(0).GetInt(0);
  }

  testing::TestApp app_;
  std::string worker_;
  std::string household_, other_household_;
};

TEST_F(RegistryImportTest, TheTemplateIsTheHeaderInUtf8WithAByteOrderMark) {
  auto result = app_.client().Get("/api/v1/imports/residents/template", app_.Bearer(worker_));
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  EXPECT_TRUE(result->get_header_value("Content-Type").starts_with("text/csv"));
  EXPECT_EQ(result->body, std::string("\xEF\xBB\xBF") + kHeader);
}

TEST_F(RegistryImportTest, ImportsAUtf8File) {
  const std::int64_t before = app_.Count("residents");
  const std::string file = std::string("\xEF\xBB\xBF") + kHeader + household_ + ",张三,,," +
                           IdNumber(1) + ",13812345678,both,head,2020-01-01,living_alone\r\n" +
                           household_ + ",李四,female,1952-03-04,,,,spouse,,disabled:2\r\n" +
                           household_ + ",\"王五\",,," + IdNumber(3) + ",,,child,,\r\n";
  auto result = Import(worker_, file);
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  EXPECT_EQ(testing::JsonOf(result)["imported"], 3);
  EXPECT_EQ(app_.Count("residents"), before + 3);
  EXPECT_EQ(AuditCount("resident.import"), 1);
  // The imported resident reads back like one entered by hand: masked, tagged.
  auto list = testing::JsonOf(
      app_.client().Get("/api/v1/residents?q=%E5%BC%A0%E4%B8%89", app_.Bearer(worker_)));
  ASSERT_EQ(list["residents"].size(), 1u) << list.dump();
  EXPECT_EQ(list["residents"][0]["phone"], "138****5678");
  EXPECT_EQ(list["residents"][0]["residence_status"], "both");
}

TEST_F(RegistryImportTest, ImportsTheSameFileSavedAsGb18030) {
  // 张三, 李四, 王五 in GB18030, as Excel in China saves a CSV.
  const std::string file = std::string(kHeader) + household_ + ",\xD5\xC5\xC8\xFD,,," +
                           IdNumber(1) + ",,,head,,\r\n" + household_ +
                           ",\xC0\xEE\xCB\xC4,female,1952-03-04,,,,spouse,,\r\n" + household_ +
                           ",\xCD\xF5\xCE\xE5,,," + IdNumber(3) + ",,,child,,\r\n";
  const std::int64_t before = app_.Count("residents");
  auto result = Import(worker_, file);
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  EXPECT_EQ(app_.Count("residents"), before + 3);
  auto list = testing::JsonOf(
      app_.client().Get("/api/v1/residents?q=%E7%8E%8B%E4%BA%94", app_.Bearer(worker_)));  // 王五
  EXPECT_EQ(list["total"], 1) << list.dump();
  // Forced to UTF-8, the same bytes are refused and nothing is stored.
  auto forced = Import(worker_, file, "?encoding=utf-8");
  const auto rows = Rejected(forced);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["row"], 2);
  EXPECT_EQ(app_.Count("residents"), before + 3);
}

TEST_F(RegistryImportTest, ABadRowNinetyOfAHundredImportsNothing) {
  std::string file = kHeader;
  std::string bad_id;
  for (int n = 1; n <= 100; ++n) {
    std::string id_number = IdNumber(n);
    if (n == 90) {
      id_number.back() = id_number.back() == '1' ? '2' : '1';  // a wrong check character
      bad_id = id_number;
    }
    file += household_ + ",居民" + std::to_string(n) + ",,," + id_number + ",,,other,,\r\n";
  }
  const std::int64_t before = app_.Count("residents");
  auto result = Import(worker_, file);
  const auto rows = Rejected(result);
  ASSERT_EQ(rows.size(), 1u) << result->body;
  EXPECT_EQ(rows[0]["row"], 91);  // the header is row 1
  EXPECT_EQ(rows[0]["column"], "id_number");
  EXPECT_EQ(rows[0]["value"], registry::MaskIdNumber(bad_id));
  EXPECT_EQ(result->body.find(bad_id), std::string::npos);
  EXPECT_EQ(testing::JsonOf(result)["error"]["message"], "1 row has errors; nothing was imported");
  EXPECT_EQ(result->body.find(IdNumber(90).substr(4, 10)), std::string::npos);  // masked
  EXPECT_EQ(app_.Count("residents"), before);
  EXPECT_EQ(AuditCount("resident.import"), 0);
}

TEST_F(RegistryImportTest, AWrongHeaderNamesTheColumn) {
  const std::string file =
      "household_id,name,sex,birth_date,id_number,mobile,residence_status,relation_to_head,"
      "moved_in_on,tags\r\n" +
      household_ + ",张三,,," + IdNumber(1) + ",,,head,,\r\n";
  auto result = Import(worker_, file);
  const auto rows = Rejected(result);
  ASSERT_EQ(rows.size(), 2u) << result->body;
  EXPECT_EQ(rows[0]["row"], 1);
  EXPECT_EQ(rows[0]["column"], "phone");
  EXPECT_NE(rows[0]["reason"].get<std::string>().find("missing"), std::string::npos);
  EXPECT_EQ(rows[1]["column"], "mobile");
  EXPECT_NE(rows[1]["reason"].get<std::string>().find("unknown"), std::string::npos);
  EXPECT_EQ(app_.Count("residents"), 0);
}

TEST_F(RegistryImportTest, AHouseholdOutsideTheScopeIsARowError) {
  // The grid worker reaches the first grid's household, not the other grid's.
  const std::string grid_worker = app_.Login("grid");
  const std::string file = std::string(kHeader) + household_ + ",张三,,," + IdNumber(1) +
                           ",,,head,,\r\n" + other_household_ + ",李四,,," + IdNumber(2) +
                           ",,,head,,\r\n";
  auto result = Import(grid_worker, file);
  const auto rows = Rejected(result);
  ASSERT_EQ(rows.size(), 1u) << result->body;
  EXPECT_EQ(rows[0]["row"], 3);
  EXPECT_EQ(rows[0]["column"], "household_id");
  EXPECT_EQ(rows[0]["value"], other_household_);
  EXPECT_EQ(app_.Count("residents"), 0);
}

TEST_F(RegistryImportTest, DuplicateIdNumbersInTheFileAndTheCommunityAreRowErrors) {
  ASSERT_EQ(Import(worker_,
                   std::string(kHeader) + household_ + ",张三,,," + IdNumber(7) + ",,,head,,\r\n")
                ->status,
            200);
  const std::string file = std::string(kHeader) + household_ + ",李四,,," + IdNumber(1) +
                           ",,,head,,\r\n" + household_ + ",王五,,," + IdNumber(1) +
                           ",,,child,,\r\n" + household_ + ",赵六,,," + IdNumber(7) +
                           ",,,child,,\r\n";
  auto result = Import(worker_, file);
  const auto rows = Rejected(result);
  ASSERT_EQ(rows.size(), 2u) << result->body;
  EXPECT_EQ(rows[0]["row"], 3);
  EXPECT_EQ(rows[0]["column"], "id_number");
  EXPECT_NE(rows[0]["reason"].get<std::string>().find("row 2"), std::string::npos) << rows[0];
  EXPECT_EQ(rows[1]["row"], 4);  // registered by the first import
  EXPECT_EQ(app_.Count("residents"), 1);
}

TEST_F(RegistryImportTest, ExportsTheScopeWithMaskedNumbers) {
  ASSERT_EQ(Import(worker_, std::string(kHeader) + household_ + ",张三,,," + IdNumber(1) +
                                ",13812345678,,head,2020-01-01,\r\n" + other_household_ +
                                ",\"李, 四\",female,1952-03-04,,,,head,,\r\n")
                ->status,
            200);
  auto all = app_.client().Get(
      "/api/v1/residents/export.csv?community=" + std::to_string(app_.community.id.value()),
      app_.Bearer(worker_));
  ASSERT_TRUE(all);
  ASSERT_EQ(all->status, 200) << all->body;
  EXPECT_TRUE(all->get_header_value("Content-Type").starts_with("text/csv"));
  EXPECT_TRUE(all->body.starts_with("\xEF\xBB\xBFid,household_id,building_id,name,"));
  EXPECT_NE(all->body.find("5101**********" + IdNumber(1).substr(14)), std::string::npos);
  EXPECT_NE(all->body.find("138****5678"), std::string::npos);
  EXPECT_NE(all->body.find("\"李, 四\""), std::string::npos);  // quoted: it holds a comma
  EXPECT_EQ(all->body.find(IdNumber(1)), std::string::npos);
  EXPECT_EQ(all->body.find("13812345678"), std::string::npos);
  EXPECT_EQ(AuditCount("resident.export"), 1);
  // The grid worker's export holds their grid's resident only.
  auto grid = app_.client().Get("/api/v1/residents/export.csv", app_.Bearer(app_.Login("grid")));
  ASSERT_TRUE(grid);
  ASSERT_EQ(grid->status, 200) << grid->body;
  EXPECT_NE(grid->body.find("张三"), std::string::npos);
  EXPECT_EQ(grid->body.find("李, 四"), std::string::npos);
  // Another community's worker cannot name this one.
  auto other = app_.client().Get(
      "/api/v1/residents/export.csv?community=" + std::to_string(app_.community.id.value()),
      app_.Bearer(app_.Login("other_worker")));
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 404);
}

TEST_F(RegistryImportTest, OnlyCsvAndKnownEncodingsAreAccepted) {
  auto json = app_.client().Post("/api/v1/imports/residents", app_.Bearer(worker_), "{}",
                                 "application/json");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->status, 415);
  auto encoding = Import(worker_, kHeader, "?encoding=latin1");
  ASSERT_TRUE(encoding);
  EXPECT_EQ(encoding->status, 400);
  EXPECT_EQ(testing::JsonOf(encoding)["error"]["field"], "encoding");
}

}  // namespace
}  // namespace shequ
