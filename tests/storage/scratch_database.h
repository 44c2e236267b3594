// A database that exists for one test case: a fresh SQLite file in a temp dir, or a fresh
// database on the PostgreSQL server named by SHEQU_TEST_POSTGRES_URL (scripts/with-postgres.sh
// starts one), dropped again at the end. Without that variable the PostgreSQL case fails rather
// than skips: a skipped back end is a failed test run.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <ostream>
#include <random>
#include <string>
#include <string_view>

#include "store/connection.h"
#include "store/database.h"
#include "store/migrations.h"

namespace shequ::store {

// Lets GoogleTest print the back end of a case by name.
inline void PrintTo(Backend backend, std::ostream* out) { *out << BackendName(backend); }

namespace testing_support {

inline constexpr char kPostgresUrlVariable[] = "SHEQU_TEST_POSTGRES_URL";

inline std::string RandomHex() {
  std::random_device device;
  std::uniform_int_distribution<std::uint64_t> distribution;
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (std::uint64_t bits = distribution(device); hex.size() < 16; bits >>= 4) {
    hex += kDigits[bits & 0xf];
  }
  return hex;
}

// `url` naming database `name` instead of the one it names.
inline std::string WithDatabase(std::string_view url, std::string_view name) {
  const std::size_t authority = url.find("://") + 3;
  const std::size_t query = std::min(url.find('?', authority), url.size());
  const std::size_t path = std::min(url.find('/', authority), query);
  return std::string(url.substr(0, path)) + "/" + std::string(name) +
         std::string(url.substr(query));
}

inline std::string ParamName(const ::testing::TestParamInfo<Backend>& info) {
  return std::string(BackendName(info.param));
}

class ScratchDatabase {
 public:
  // Creates the database; check with ASSERT_NO_FATAL_FAILURE. url() then names it.
  void Create(Backend backend) {
    if (backend == Backend::kSqlite) {
      dir_ = std::filesystem::temp_directory_path() / ("shequ-storage-" + RandomHex());
      std::filesystem::create_directories(dir_);
      url_ = "sqlite:" + (dir_ / "shequ.db").string();
      return;
    }
    const char* admin = std::getenv(kPostgresUrlVariable);
    ASSERT_TRUE(admin != nullptr && *admin != '\0')
        << kPostgresUrlVariable << " is not set, so the PostgreSQL back end cannot be tested. "
        << "Run the suite through scripts/with-postgres.sh, e.g. scripts/with-postgres.sh "
           "ctest --preset dev (a skipped back end is a failed test run).";
    admin_url_ = admin;
    auto server = Database::Open(admin_url_, {.pool_size = 1});
    ASSERT_TRUE(server) << "cannot reach " << kPostgresUrlVariable << ": "
                        << server.error().message;
    database_name_ = "shequ_test_" + RandomHex();
    auto connection = (*server)->Acquire();
    ASSERT_TRUE(connection) << connection.error().message;
    auto created = (*connection)->ExecuteScript("CREATE DATABASE " + database_name_);
    ASSERT_TRUE(created) << created.error().message;
    url_ = WithDatabase(admin_url_, database_name_);
  }

  // Creates the database, opens it into `*database` and runs every migration; check with
  // ASSERT_NO_FATAL_FAILURE.
  void CreateMigrated(Backend backend, std::unique_ptr<Database>* database) {
    ASSERT_NO_FATAL_FAILURE(Create(backend));
    auto opened = Database::Open(url_);
    ASSERT_TRUE(opened) << opened.error().message;
    *database = std::move(*opened);
    auto migrated = Migrate(**database);
    ASSERT_TRUE(migrated) << migrated.error().message;
  }

  // Removes the file or drops the database; every connection to it must be closed first.
  void Drop() {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    dir_.clear();
    if (database_name_.empty()) return;
    auto server = Database::Open(admin_url_, {.pool_size = 1});
    ASSERT_TRUE(server) << server.error().message;
    auto connection = (*server)->Acquire();
    ASSERT_TRUE(connection) << connection.error().message;
    auto dropped =
        (*connection)->ExecuteScript("DROP DATABASE IF EXISTS " + database_name_ + " WITH (FORCE)");
    EXPECT_TRUE(dropped) << dropped.error().message;
    database_name_.clear();
  }

  const std::string& url() const { return url_; }
  const std::string& admin_url() const { return admin_url_; }

 private:
  std::filesystem::path dir_;
  std::string admin_url_;
  std::string database_name_;
  std::string url_;
};

}  // namespace testing_support
}  // namespace shequ::store
