#include "test_app.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <random>

#include "auth/principal.h"
#include "base/log.h"
#include "registry/place_repository.h"
#include "store/migrations.h"
#include "store/transaction.h"

namespace shequ::testing {
namespace {

// 2026-11-30T12:00:00+08:00
constexpr Instant kStart = 1'796'011'200LL * kMicrosPerSecond;

std::filesystem::path MakeTempDir() {
  std::random_device random;
  auto dir = std::filesystem::temp_directory_path() /
             ("shequ-api-test-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace

TestApp::TestApp() : dir_(MakeTempDir()), clock_(kStart) {
  log::SetLevel(log::Level::kWarn);  // a failing test's output stays readable
  auto database = store::Database::Open("sqlite:" + (dir_ / "shequ.db").string());
  if (!database) throw std::runtime_error(database.error().message);
  database_ = std::move(*database);
  if (auto migrated = store::Migrate(*database_); !migrated) {
    throw std::runtime_error(migrated.error().message);
  }
  {
    auto connection = database_->Acquire();
    if (!connection) throw std::runtime_error(connection.error().message);
    auto tx = store::Transaction::Begin(**connection);
    street = registry::InsertStreet(**connection, "示范街道", kStart).value();
    community = registry::InsertCommunity(**connection, street.id, "示范社区", kStart).value();
    grid = registry::InsertGrid(**connection, community.id, "第一网格", kStart).value();
    other_grid = registry::InsertGrid(**connection, community.id, "第二网格", kStart).value();
    other_street = registry::InsertStreet(**connection, "另一街道", kStart).value();
    other_community =
        registry::InsertCommunity(**connection, other_street.id, "另一社区", kStart).value();
    if (!tx->Commit()) throw std::runtime_error("cannot commit test places");
  }

  auth::AuthOptions options;
  options.password_limits = auth::PasswordLimits::Minimum();
  auth_ = std::make_unique<auth::AuthService>(*database_, clock_, options);
  const auth::Place street_place{street.id, {}, {}};
  const auth::Place community_place{street.id, community.id, {}};
  const auth::Place grid_place{street.id, community.id, grid.id};
  const std::map<std::string, std::pair<auth::Role, auth::Scope>> accounts = {
      {"admin", {auth::Role::kAdmin, {auth::ScopeKind::kStreet, street_place}}},
      {"street", {auth::Role::kStreetAdmin, {auth::ScopeKind::kStreet, street_place}}},
      {"worker", {auth::Role::kCommunityWorker, {auth::ScopeKind::kCommunity, community_place}}},
      {"grid", {auth::Role::kGridWorker, {auth::ScopeKind::kGrid, grid_place}}},
      {"resident", {auth::Role::kResident, {auth::ScopeKind::kCommunity, community_place}}},
      {"volunteer", {auth::Role::kVolunteer, {auth::ScopeKind::kCommunity, community_place}}},
      {"caregiver", {auth::Role::kCaregiver, {auth::ScopeKind::kCommunity, community_place}}},
      {"canteen", {auth::Role::kCanteenOperator, {auth::ScopeKind::kCommunity, community_place}}},
      {"childcare",
       {auth::Role::kChildcareOperator, {auth::ScopeKind::kCommunity, community_place}}},
      {"courier", {auth::Role::kCourier, {auth::ScopeKind::kCommunity, community_place}}},
      {"planner", {auth::Role::kPlanner, {auth::ScopeKind::kStreet, street_place}}},
      {"other_worker",
       {auth::Role::kCommunityWorker,
        {auth::ScopeKind::kCommunity, {other_street.id, other_community.id, {}}}}},
  };
  for (const auto& [login, account] : accounts) {
    auto user = auth_->AddUserAsSystem({.login = login,
                                        .display_name = login,
                                        .password = kPassword,
                                        .role = account.first,
                                        .scope = account.second},
                                       {.remote_address = "test", .request_id = "setup"});
    if (!user) throw std::runtime_error(login + ": " + user.error().message);
  }

  // A fixed test key: the tests read raw columns to show that no plaintext is stored.
  cipher_ = registry::PiiCipher::FromHex(
                "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")
                .value();
  registry_ = std::make_unique<registry::RegistryService>(*database_, clock_, *cipher_);
  services_ = std::make_unique<api::AppServices>(api::AppServices{
      .database = *database_, .auth = *auth_, .registry = *registry_, .clock = clock_});
  api::ApplicationOptions app_options;
  app_options.server.port = 0;
  app_options.server.io_threads = 2;
  app_options.server.max_body_bytes = 64 * 1024;
  application_ = std::make_unique<api::Application>(*services_, app_options);
  if (auto started = application_->Start(); !started) {
    throw std::runtime_error(started.error().message);
  }
  client_ = std::make_unique<httplib::Client>("127.0.0.1", application_->port());
  client_->set_read_timeout(10, 0);
}

TestApp::~TestApp() {
  client_.reset();
  application_.reset();
  registry_.reset();
  cipher_.reset();
  auth_.reset();
  database_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string TestApp::Login(const std::string& login) {
  nlohmann::json body = {{"login", login}, {"password", kPassword}};
  auto result = client_->Post("/api/v1/auth/login", body.dump(), "application/json");
  EXPECT_TRUE(result) << "no response";
  if (!result) return "";
  EXPECT_EQ(result->status, 200) << result->body;
  return JsonOf(result).value("token", "");
}

std::int64_t TestApp::Count(const std::string& table) {
  auto connection = database_->Acquire();
  auto rows = (*connection)->Query("SELECT COUNT(*) FROM " + table);
  return rows.value().rows.at(0).GetInt(0);
}

nlohmann::json JsonOf(const httplib::Result& result) {
  if (!result) {
    ADD_FAILURE() << "no response";
    return nullptr;
  }
  auto json = nlohmann::json::parse(result->body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    ADD_FAILURE() << "not JSON: " << result->body;
    return nullptr;
  }
  return json;
}

std::int64_t TestApp::AuditCount(const std::string& action) {
  auto connection = database_->Acquire();
  EXPECT_TRUE(connection) << connection.error().message;
  auto rows = (*connection)->Query("SELECT COUNT(*) FROM audit_log WHERE action = ?", {action});
  EXPECT_TRUE(rows) << rows.error().message;
  return rows->rows.at(0).GetInt(0);
}

std::int64_t CreatedId(const httplib::Result& result) {
  EXPECT_TRUE(result && result->status == 201) << (result ? result->body : "no response");
  return JsonOf(result).value("id", std::int64_t{0});
}

void ExpectFieldError(const httplib::Result& result, int status, const std::string& field) {
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, status) << result->body;
  if (!field.empty()) {
    EXPECT_EQ(JsonOf(result)["error"].value("field", ""), field) << result->body;
  }
}

}  // namespace shequ::testing
