// Residents, buildings and households imported over HTTP from CSV: the templates, UTF-8 and
// GB18030 files, check-only, scope, and the 422 report that names every faulty row while nothing
// is imported; and the population of a street.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "registry/id_number.h"
#include "registry/pii_cipher.h"
#include "test_app.h"

namespace shequ {
namespace {

// The first resident template (household_id only): files made with it still import.
constexpr const char* kHeader =
    "household_id,name,sex,birth_date,id_number,phone,residence_status,relation_to_head,"
    "moved_in_on,tags\r\n";

constexpr const char* kBuildingHeader =
    "community,number,address,grid,floors,has_elevator,year_built,units,latitude,longitude\r\n";
constexpr const char* kHouseholdHeader = "community,building,unit,floor,room,floor_area_m2\r\n";

// A valid synthetic ID number: Chengdu (510108), born 1980-01-01 plus `n / 1000` days (n < 28000),
// sequence `n % 1000`.
std::string IdNumber(int n) {
  std::string first17 =
      fmt::format("5101081980{:02}{:02}{:03}", 1 + n / 28000, 1 + (n / 1000) % 28, n % 1000);
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
    building_ = std::to_string(building);
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
    return ImportInto("residents", token, file, query);
  }
  httplib::Result ImportInto(const std::string& kind, const std::string& token,
                             const std::string& file, const std::string& query = "") {
    return app_.client().Post("/api/v1/imports/" + kind + query, app_.Bearer(token), file,
                              "text/csv");
  }
  // The test application refuses bodies over 64 KiB; files of 10,000 rows go to a second server
  // over the same database and services with the default 1 MiB limit raised to 4 MiB.
  httplib::Client& LargeBodyClient() {
    if (!large_) {
      large_ = std::make_unique<LargeBodyServer>(app_);
      if (auto started = large_->application.Start(); !started) {
        ADD_FAILURE() << started.error().message;
      }
      large_->client = std::make_unique<httplib::Client>("127.0.0.1", large_->application.port());
      large_->client->set_read_timeout(120, 0);
    }
    return *large_->client;
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

  struct LargeBodyServer {
    explicit LargeBodyServer(testing::TestApp& app)
        : auth(app.database(), app.clock()),
          registry(app.database(), app.clock(), app.cipher()),
          services{
              .database = app.database(), .auth = auth, .registry = registry, .clock = app.clock()},
          application(services, Options()) {}
    static api::ApplicationOptions Options() {
      api::ApplicationOptions options;
      options.server.port = 0;
      options.server.io_threads = 1;
      options.server.max_body_bytes = 4 << 20;
      return options;
    }
    auth::AuthService auth;
    registry::RegistryService registry;
    api::AppServices services;
    api::Application application;
    std::unique_ptr<httplib::Client> client;
  };

  testing::TestApp app_;
  std::string worker_;
  std::string building_;
  std::string household_, other_household_;
  std::unique_ptr<LargeBodyServer> large_;
};

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

TEST_F(RegistryImportTest, EveryKindHasItsTemplate) {
  const std::pair<const char*, std::string> templates[] = {
      {"buildings", kBuildingHeader},
      {"households", kHouseholdHeader},
      {"residents",
       "household_id,community,building,unit,room,name,sex,birth_date,id_number,phone,"
       "residence_status,relation_to_head,moved_in_on,tags\r\n"}};
  for (const auto& [kind, header] : templates) {
    auto result =
        app_.client().Get(fmt::format("/api/v1/imports/{}/template", kind), app_.Bearer(worker_));
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << kind;
    EXPECT_TRUE(result->get_header_value("Content-Type").starts_with("text/csv"));
    EXPECT_EQ(result->body, "\xEF\xBB\xBF" + header) << kind;
  }
}

TEST_F(RegistryImportTest, ImportsBuildingsAfterACheck) {
  const std::string file = std::string("\xEF\xBB\xBF") + kBuildingHeader +
                           ",7号楼,多福巷7号,第一网格,6,否,1988,2,39.91,116.40\r\n"
                           "示范社区,8号楼,多福巷8号,,18,是,2005,,,\r\n";
  const std::int64_t before = app_.Count("buildings");
  // The preview stores nothing and says how many rows would go in.
  auto checked = ImportInto("buildings", worker_, file, "?check_only=true");
  ASSERT_TRUE(checked);
  ASSERT_EQ(checked->status, 200) << checked->body;
  EXPECT_EQ(testing::JsonOf(checked)["checked"], 2);
  EXPECT_EQ(testing::JsonOf(checked)["imported"], 0);
  EXPECT_EQ(app_.Count("buildings"), before);
  auto result = ImportInto("buildings", worker_, file);
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  EXPECT_EQ(testing::JsonOf(result)["imported"], 2);
  EXPECT_EQ(app_.Count("buildings"), before + 2);
  EXPECT_EQ(AuditCount("building.import"), 1);
  // They read back like buildings entered by hand; the grid worker sees the one in their grid.
  auto list =
      testing::JsonOf(app_.client().Get("/api/v1/buildings", app_.Bearer(app_.Login("grid"))));
  bool seen = false;
  for (const auto& building : list["buildings"]) {
    EXPECT_NE(building["number"], "8号楼");
    if (building["number"] == "7号楼") {
      seen = true;
      EXPECT_EQ(building["floors"], 6);
      EXPECT_EQ(building["has_elevator"], false);
      EXPECT_EQ(building["units"], 2);
      EXPECT_EQ(building["grid_id"], app_.grid.id.value());
    }
  }
  EXPECT_TRUE(seen) << list.dump();
}

TEST_F(RegistryImportTest, ImportsHouseholdsByBuildingNumber) {
  const std::string file = std::string(kHouseholdHeader) + ",3号楼,1,3,301,89.5\r\n" +
                           ",3号楼,1,3,302,\r\n" + "示范社区,3号楼,2,3,301,60\r\n";
  auto result = ImportInto("households", worker_, file);
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  EXPECT_EQ(testing::JsonOf(result)["imported"], 3);
  auto list = testing::JsonOf(
      app_.client().Get("/api/v1/households?building=" + building_, app_.Bearer(worker_)));
  ASSERT_EQ(list["households"].size(), 4u) << list.dump();  // with the one of SetUp
  EXPECT_EQ(AuditCount("household.import"), 1);
  // A resident then finds their household by its address, no id needed.
  auto resident = Import(worker_,
                         "building,unit,room,name,sex,birth_date,id_number,phone,"
                         "residence_status,relation_to_head,moved_in_on,tags\r\n"
                         "3号楼,2,301,张三,,," +
                             IdNumber(5) + ",,,head,,\r\n");
  ASSERT_TRUE(resident);
  ASSERT_EQ(resident->status, 200) << resident->body;
}

TEST_F(RegistryImportTest, PlaceFilesSavedAsGb18030) {
  // 号楼 = BA C5 C2 A5, 多福巷 = B6 E0 B8 A3 CF EF, 第一网格 = B5 DA D2 BB CD F8 B8 F1, 是 = CA C7.
  const std::string buildings = std::string(kBuildingHeader) +
                                ",9\xBA\xC5\xC2\xA5,\xB6\xE0\xB8\xA3\xCF\xEF"
                                "9,"
                                "\xB5\xDA\xD2\xBB\xCD\xF8\xB8\xF1,6,\xCA\xC7,,,,\r\n";
  auto result = ImportInto("buildings", worker_, buildings);
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  const std::string households = std::string(kHouseholdHeader) + ",9\xBA\xC5\xC2\xA5,,1,101,\r\n";
  result = ImportInto("households", worker_, households, "?encoding=gb18030");
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  auto connection = app_.database().Acquire();
  auto rows = (*connection)
                  ->Query(
                      "SELECT COUNT(*) FROM households h JOIN buildings b ON b.id = "
                      "h.building_id WHERE b.number = ? AND b.address = ? AND b.has_elevator = 1",
                      {std::string("9号楼"), std::string("多福巷9")});
  EXPECT_EQ(rows.value().rows.at(0).GetInt(0), 1);
  // Forced to UTF-8, the same bytes are a fault on the row they are in.
  const auto forced = Rejected(ImportInto("households", worker_, households, "?encoding=utf-8"));
  ASSERT_EQ(forced.size(), 1u);
  EXPECT_EQ(forced[0]["row"], 2);
}

TEST_F(RegistryImportTest, AWrongHeaderIsRefusedForEveryKind) {
  auto rows = Rejected(ImportInto("buildings", worker_, "number,adress\r\n1,a\r\n"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["column"], "address");
  EXPECT_EQ(rows[1]["column"], "adress");
  rows = Rejected(ImportInto("households", worker_, "building,floor,room,room\r\n3号楼,1,1,1\r\n"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_NE(rows[0]["reason"].get<std::string>().find("twice"), std::string::npos);
  rows = Rejected(Import(worker_,
                         "name,sex,birth_date,id_number,phone,residence_status,"
                         "relation_to_head,moved_in_on,tags\r\n"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["column"], "household_id");
  EXPECT_EQ(app_.Count("buildings"), 2);
  EXPECT_EQ(app_.Count("households"), 2);
}

TEST_F(RegistryImportTest, ABadRowNineThousandOfTenThousandStoresNothing) {
  // Buildings: row 9,001 (the 9,000th building) has no address.
  std::string buildings = kBuildingHeader;
  for (int n = 1; n <= 10000; ++n) {
    buildings += fmt::format(",B{},{},,,,,,,\r\n", n, n == 9000 ? "" : "多福巷");
  }
  // Households: the 9,000th repeats the 1st one's unit and room.
  std::string households = kHouseholdHeader;
  for (int n = 1; n <= 10000; ++n) {
    const int room = n == 9000 ? 1 : n;
    households += fmt::format(",3号楼,{},{},{},\r\n", room % 10, 1 + room % 30, room);
  }
  // Residents: the 9,000th has a wrong check character.
  std::string residents = kHeader;
  for (int n = 1; n <= 10000; ++n) {
    std::string id_number = IdNumber(n);
    if (n == 9000) id_number.back() = id_number.back() == '1' ? '2' : '1';
    residents += household_ + ",居民" + std::to_string(n) + ",,," + id_number + ",,,other,,\r\n";
  }
  const std::pair<const char*, std::string*> files[] = {
      {"buildings", &buildings}, {"households", &households}, {"residents", &residents}};
  const std::int64_t counts[] = {app_.Count("buildings"), app_.Count("households"),
                                 app_.Count("residents")};
  for (const auto& [kind, file] : files) {
    auto result = LargeBodyClient().Post(std::string("/api/v1/imports/") + kind,
                                         app_.Bearer(worker_), *file, "text/csv");
    const auto rows = Rejected(result);
    ASSERT_EQ(rows.size(), 1u) << kind << ": " << (result ? result->body.substr(0, 500) : "");
    EXPECT_EQ(rows[0]["row"], 9001) << kind;
  }
  EXPECT_EQ(app_.Count("buildings"), counts[0]);
  EXPECT_EQ(app_.Count("households"), counts[1]);
  EXPECT_EQ(app_.Count("residents"), counts[2]);
  EXPECT_EQ(AuditCount("building.import") + AuditCount("household.import") +
                AuditCount("resident.import"),
            0);
}

TEST_F(RegistryImportTest, DuplicatePlacesInTheFileAndTheDatabaseAreRowErrors) {
  auto rows = Rejected(ImportInto("buildings", worker_,
                                  std::string(kBuildingHeader) + ",10号楼,a,,,,,,,\r\n" +
                                      ",10号楼,b,,,,,,,\r\n" + ",3号楼,c,,,,,,,\r\n"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["row"], 3);
  EXPECT_NE(rows[0]["reason"].get<std::string>().find("row 2"), std::string::npos) << rows[0];
  EXPECT_EQ(rows[1]["row"], 4);  // 3号楼 was made in SetUp
  EXPECT_EQ(rows[1]["column"], "number");
  EXPECT_EQ(rows[1]["value"], "3号楼");
  rows = Rejected(ImportInto("households", worker_,
                             std::string(kHouseholdHeader) + ",3号楼,,2,201,\r\n" +
                                 ",3号楼,,5,501,\r\n" + ",3号楼,,5,501,\r\n"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["row"], 2);  // SetUp's household
  EXPECT_EQ(rows[1]["row"], 4);
  EXPECT_EQ(app_.Count("buildings"), 2);
  EXPECT_EQ(app_.Count("households"), 2);
}

TEST_F(RegistryImportTest, PlacesOutsideTheScopeAreRowErrors) {
  // The grid worker: a building in the other grid, a household in the other grid's building.
  const std::string grid_worker = app_.Login("grid");
  auto rows = Rejected(ImportInto("buildings", grid_worker,
                                  std::string(kBuildingHeader) + ",11号楼,a,第一网格,,,,,,\r\n" +
                                      ",12号楼,b,第二网格,,,,,,\r\n"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["row"], 3);
  EXPECT_EQ(rows[0]["column"], "grid");
  rows = Rejected(
      ImportInto("households", grid_worker,
                 std::string(kHouseholdHeader) + ",3号楼,,1,101,\r\n" + ",5号楼,,1,102,\r\n"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["row"], 3);
  EXPECT_EQ(rows[0]["column"], "building");
  // Another community's worker cannot name this community, nor reach its buildings.
  const std::string other_worker = app_.Login("other_worker");
  rows = Rejected(ImportInto("buildings", other_worker,
                             std::string(kBuildingHeader) + "示范社区,13号楼,a,,,,,,,\r\n"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["column"], "community");
  rows = Rejected(
      ImportInto("households", other_worker, std::string(kHouseholdHeader) + ",3号楼,,1,101,\r\n"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["column"], "building");  // their own community has no 3号楼
  EXPECT_EQ(app_.Count("buildings"), 2);
  EXPECT_EQ(app_.Count("households"), 2);
}

TEST_F(RegistryImportTest, ImportsNeedASessionAndTheWritePermission) {
  for (const char* kind : {"residents", "buildings", "households"}) {
    const std::string path = std::string("/api/v1/imports/") + kind;
    auto anonymous = app_.client().Post(path, "a\r\n", "text/csv");
    ASSERT_TRUE(anonymous);
    EXPECT_EQ(anonymous->status, 401) << kind;
    auto template_anonymous = app_.client().Get(path + "/template");
    ASSERT_TRUE(template_anonymous);
    EXPECT_EQ(template_anonymous->status, 401) << kind;
    for (const char* login : {"street", "planner", "volunteer"}) {
      auto refused = app_.client().Post(path, app_.Bearer(app_.Login(login)), "a\r\n", "text/csv");
      ASSERT_TRUE(refused);
      EXPECT_EQ(refused->status, 403) << kind << " " << login;
    }
  }
  auto bad_flag = ImportInto("buildings", worker_, kBuildingHeader, "?check_only=maybe");
  ASSERT_TRUE(bad_flag);
  EXPECT_EQ(bad_flag->status, 400);
  EXPECT_EQ(testing::JsonOf(bad_flag)["error"]["field"], "check_only");
}

TEST_F(RegistryImportTest, TheStreetPopulationCountsEveryCommunityOfTheStreet) {
  ASSERT_EQ(Import(worker_, std::string(kHeader) + household_ + ",张三,,," + IdNumber(1) +
                                ",,,head,,\r\n" + other_household_ +
                                ",李四,female,1940-03-04,,,,head,,\r\n")
                ->status,
            200);
  const std::string path =
      "/api/v1/streets/" + std::to_string(app_.street.id.value()) + "/population";
  for (const char* login : {"street", "admin"}) {
    auto result = app_.client().Get(path, app_.Bearer(app_.Login(login)));
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
    const auto body = testing::JsonOf(result);
    EXPECT_EQ(body["total"], 2) << login;
    EXPECT_EQ(body["age_80_plus"], 1) << login;
    // The same shape as a community's.
    auto community = testing::JsonOf(app_.client().Get(
        "/api/v1/communities/" + std::to_string(app_.community.id.value()) + "/population",
        app_.Bearer(app_.Login(login))));
    for (const auto& [key, value] : community.items()) EXPECT_TRUE(body.contains(key)) << key;
  }
  // The other street has nobody; a community worker and the other street's worker cannot look.
  auto other = testing::JsonOf(app_.client().Get(
      "/api/v1/streets/" + std::to_string(app_.other_street.id.value()) + "/population",
      app_.Bearer(app_.Login("admin"))));
  EXPECT_EQ(other["total"], 0);
  for (const char* login : {"worker", "other_worker"}) {
    auto refused = app_.client().Get(path, app_.Bearer(app_.Login(login)));
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 404) << login;
  }
  auto missing =
      app_.client().Get("/api/v1/streets/999999/population", app_.Bearer(app_.Login("admin")));
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

}  // namespace
}  // namespace shequ
