// A running shequ application for API tests: a temporary SQLite database with the migrations
// applied, two streets with a community and grids each, one account per role in the first
// community, the real router and HTTP server on a free loopback port, and an HTTP client.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "api/application.h"
#include "auth/auth_service.h"
#include "base/civil_time.h"
#include "registry/pii_cipher.h"
#include "registry/place.h"
#include "registry/registry_service.h"
#include "store/database.h"

namespace shequ::testing {

inline constexpr const char* kPassword = "correct-horse-9";

class TestApp {
 public:
  TestApp();
  ~TestApp();

  httplib::Client& client() { return *client_; }
  store::Database& database() { return *database_; }
  const api::Router& router() const { return application_->router(); }
  FakeClock& clock() { return clock_; }
  const registry::PiiCipher& cipher() const { return *cipher_; }

  // Signs in and returns the bearer token (the test fails if it cannot).
  std::string Login(const std::string& login);
  httplib::Headers Bearer(const std::string& token) const {
    return {{"Authorization", "Bearer " + token}};
  }
  // Rows in a table, to show a failed request changed nothing.
  std::int64_t Count(const std::string& table);
  // Audit rows of one action ("resident.update").
  std::int64_t AuditCount(const std::string& action);

  registry::Street street;              // the demo street
  registry::Community community;        // its community, where every role's account lives
  registry::Grid grid;                  // the grid worker's grid
  registry::Grid other_grid;            // another grid of the same community
  registry::Street other_street;        // a second street
  registry::Community other_community;  // with its own community and worker ("other_worker")

 private:
  std::filesystem::path dir_;
  FakeClock clock_;
  std::unique_ptr<store::Database> database_;
  std::unique_ptr<auth::AuthService> auth_;
  std::unique_ptr<registry::PiiCipher> cipher_;
  std::unique_ptr<registry::RegistryService> registry_;
  std::unique_ptr<api::AppServices> services_;
  std::unique_ptr<api::Application> application_;
  std::unique_ptr<httplib::Client> client_;
};

// The body of a response as JSON (a failed parse fails the test and returns null).
nlohmann::json JsonOf(const httplib::Result& result);

// The "id" of a 201 response (the test fails on any other answer).
std::int64_t CreatedId(const httplib::Result& result);

// The response is an error with `status` naming `field` (any field when empty).
void ExpectFieldError(const httplib::Result& result, int status, const std::string& field);

}  // namespace shequ::testing
