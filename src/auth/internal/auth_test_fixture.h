// Internal, tests only: a fresh database with every migration applied, two streets of places, a
// FakeClock, and helpers to read tables back. Runs on SQLite (a temp file) and on PostgreSQL (a
// fresh database on the server SHEQU_TEST_POSTGRES_URL names; scripts/with-postgres.sh starts
// one). Without that variable the PostgreSQL cases fail: a skipped back end is a failed run.
//
//   street 1 "东华门街道": community 10 "多福巷社区" (grids 100 "第一网格", 101 "第二网格"),
//                         community 11 "韶九社区"
//   street 2 "景山街道":   community 20 "吉祥社区" (grid 200 "第一网格")
#pragma once

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "base/civil_time.h"
#include "base/log.h"
#include "store/database.h"
#include "store/migrations.h"

namespace shequ::auth::internal {

inline constexpr char kPostgresUrlVariable[] = "SHEQU_TEST_POSTGRES_URL";

inline std::string BackendParamName(const testing::TestParamInfo<store::Backend>& info) {
  return std::string(store::BackendName(info.param));
}

class AuthDatabaseTest : public testing::Test {
 protected:
  // 2026-03-01T00:00:00Z: tests never read the wall clock.
  static constexpr Instant kStart = 1'772'323'200LL * kMicrosPerSecond;

  static constexpr StreetId kStreet1{1};
  static constexpr StreetId kStreet2{2};
  static constexpr CommunityId kCommunity10{10};
  static constexpr CommunityId kCommunity11{11};
  static constexpr CommunityId kCommunity20{20};
  static constexpr GridId kGrid100{100};
  static constexpr GridId kGrid101{101};
  static constexpr GridId kGrid200{200};

  // Call from SetUp(); check HasFatalFailure() after it.
  void OpenDatabase(store::Backend backend) {
    log::SetLevel(log::Level::kWarn);  // keep db.open and auth.login lines out of test output
    std::string url;
    if (backend == store::Backend::kSqlite) {
      directory_ = std::filesystem::temp_directory_path() / ("shequ-auth-" + RandomHex());
      std::filesystem::create_directories(directory_);
      url = "sqlite:" + (directory_ / "auth.db").string();
    } else {
      const char* server = std::getenv(kPostgresUrlVariable);
      ASSERT_TRUE(server != nullptr && *server != '\0')
          << kPostgresUrlVariable << " is not set: run through scripts/with-postgres.sh";
      server_url_ = server;
      database_name_ = "shequ_auth_" + RandomHex();
      ASSERT_NO_FATAL_FAILURE(OnServer("CREATE DATABASE " + database_name_));
      url = WithDatabase(server_url_, database_name_);
    }
    auto opened = store::Database::Open(url);
    ASSERT_TRUE(opened) << opened.error().message;
    database_ = std::move(*opened);
    auto migrated = store::Migrate(*database_);
    ASSERT_TRUE(migrated) << migrated.error().message;
    Exec(
        "INSERT INTO streets (id, name, created_at) VALUES (1, '东华门街道', 0), "
        "(2, '景山街道', 0)");
    Exec(
        "INSERT INTO communities (id, street_id, name, created_at) VALUES "
        "(10, 1, '多福巷社区', 0), (11, 1, '韶九社区', 0), (20, 2, '吉祥社区', 0)");
    Exec(
        "INSERT INTO grids (id, community_id, name, created_at) VALUES "
        "(100, 10, '第一网格', 0), (101, 10, '第二网格', 0), (200, 20, '第一网格', 0)");
  }

  void TearDown() override {
    database_.reset();
    if (!directory_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(directory_, ignored);
    }
    if (!database_name_.empty()) {
      OnServer("DROP DATABASE IF EXISTS " + database_name_ + " WITH (FORCE)");
    }
  }

  // Runs `sql` on a pooled connection and returns its rows; fails the test on error.
  store::QueryResult Exec(std::string_view sql, const std::vector<store::Value>& params = {}) {
    auto connection = database_->Acquire();
    EXPECT_TRUE(connection) << connection.error().message;
    if (!connection) return {};
    auto result = (*connection)->Query(sql, params);
    EXPECT_TRUE(result) << sql << ": " << result.error().message;
    if (!result) return {};
    return std::move(*result);
  }

  std::int64_t Count(std::string_view sql, const std::vector<store::Value>& params = {}) {
    auto result = Exec(sql, params);
    return result.rows.empty() ? -1 : result.rows[0].GetInt(0);
  }

  std::filesystem::path directory_;
  std::string server_url_;
  std::string database_name_;
  std::unique_ptr<store::Database> database_;
  FakeClock clock_{kStart};

 private:
  void OnServer(const std::string& sql) {
    auto server = store::Database::Open(server_url_, {.pool_size = 1});
    ASSERT_TRUE(server) << server.error().message;
    auto connection = (*server)->Acquire();
    ASSERT_TRUE(connection) << connection.error().message;
    auto done = (*connection)->ExecuteScript(sql);
    ASSERT_TRUE(done) << done.error().message;
  }

  static std::string RandomHex() {
    std::random_device device;
    std::uniform_int_distribution<std::uint64_t> distribution;
    return fmt::format("{:016x}", distribution(device));
  }

  // `url` naming database `name` instead of the one it names.
  static std::string WithDatabase(std::string_view url, std::string_view name) {
    const std::size_t authority = url.find("://") + 3;
    const std::size_t query = std::min(url.find('?', authority), url.size());
    const std::size_t path = std::min(url.find('/', authority), query);
    return std::string(url.substr(0, path)) + "/" + std::string(name) +
           std::string(url.substr(query));
  }
};

}  // namespace shequ::auth::internal
