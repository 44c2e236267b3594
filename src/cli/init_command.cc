// `shequ init`: the database (migrated), the personal-data key file, and with --demo a demo street
// with one account per role.
#include <fmt/format.h>
#include <sodium.h>

#include <filesystem>
#include <string>

#include "auth/auth_service.h"
#include "base/civil_time.h"
#include "cli/commands.h"
#include "registry/pii_cipher.h"
#include "registry/place_repository.h"
#include "store/transaction.h"

namespace shequ::cli {
namespace {

// 16 characters without look-alikes (0/O, 1/l/I), ~93 bits.
std::string RandomPassword() {
  constexpr std::string_view kAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string password;
  for (int i = 0; i < 16; ++i) {
    password += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
  }
  return password;
}

struct DemoAccount {
  std::string_view login;
  std::string_view display_name;
  auth::Role role;
  auth::ScopeKind scope;
};

// One account per role, named after the role (README.md lists them).
constexpr DemoAccount kDemoAccounts[] = {
    {"admin", "系统管理员", auth::Role::kAdmin, auth::ScopeKind::kStreet},
    {"street", "街道管理员", auth::Role::kStreetAdmin, auth::ScopeKind::kStreet},
    {"worker", "王芳（社区工作者）", auth::Role::kCommunityWorker, auth::ScopeKind::kCommunity},
    {"grid", "李强（网格员）", auth::Role::kGridWorker, auth::ScopeKind::kGrid},
    {"resident", "张秀英（居民）", auth::Role::kResident, auth::ScopeKind::kCommunity},
    {"volunteer", "刘洋（志愿者）", auth::Role::kVolunteer, auth::ScopeKind::kCommunity},
    {"caregiver", "陈静（护理员）", auth::Role::kCaregiver, auth::ScopeKind::kCommunity},
    {"canteen", "老年食堂", auth::Role::kCanteenOperator, auth::ScopeKind::kCommunity},
    {"childcare", "托育机构", auth::Role::kChildcareOperator, auth::ScopeKind::kCommunity},
    {"courier", "赵磊（快递员）", auth::Role::kCourier, auth::ScopeKind::kCommunity},
    {"planner", "区规划师", auth::Role::kPlanner, auth::ScopeKind::kStreet},
};

struct DemoPlaces {
  registry::Street street;
  registry::Community community;
  registry::Grid first_grid;
};

Result<DemoPlaces> CreateDemoPlaces(store::Database& database, Instant now) {
  auto connection = database.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  auto existing = (*connection)->Query("SELECT COUNT(*) FROM streets");
  SHEQU_RETURN_IF_ERROR(existing);
  if (existing->rows[0].GetInt(0) > 0) {
    return Conflict("the database already holds streets; --demo fills an empty database only");
  }
  auto tx = store::Transaction::Begin(**connection);
  SHEQU_RETURN_IF_ERROR(tx);
  auto street = registry::InsertStreet(**connection, "示范街道", now);
  SHEQU_RETURN_IF_ERROR(street);
  auto community = registry::InsertCommunity(**connection, street->id, "示范社区", now);
  SHEQU_RETURN_IF_ERROR(community);
  auto first_grid = registry::InsertGrid(**connection, community->id, "第一网格", now);
  SHEQU_RETURN_IF_ERROR(first_grid);
  SHEQU_RETURN_IF_ERROR(registry::InsertGrid(**connection, community->id, "第二网格", now));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return DemoPlaces{*street, *community, *first_grid};
}

Status CreateDemo(store::Database& database, const Config& config, const InitOptions& options) {
  SystemClock clock;
  auto places = CreateDemoPlaces(database, clock.Now());
  SHEQU_RETURN_IF_ERROR(places);
  auth::AuthOptions auth_options;
  auth_options.session_ttl = std::chrono::minutes(config.session_ttl_minutes);
  auth_options.idle_timeout = std::chrono::minutes(config.session_idle_minutes);
  auth::AuthService auth(database, clock, auth_options);
  const std::string password =
      options.demo_password.empty() ? RandomPassword() : options.demo_password;
  const auth::Place street{places->street.id, {}, {}};
  const auth::Place community{places->street.id, places->community.id, {}};
  const auth::Place grid{places->street.id, places->community.id, places->first_grid.id};
  for (const DemoAccount& account : kDemoAccounts) {
    auth::Scope scope{.kind = account.scope, .place = {}};
    switch (account.scope) {
      case auth::ScopeKind::kStreet:
        scope.place = street;
        break;
      case auth::ScopeKind::kCommunity:
        scope.place = community;
        break;
      case auth::ScopeKind::kGrid:
        scope.place = grid;
        break;
    }
    auto user = auth.AddUserAsSystem({.login = std::string(account.login),
                                      .display_name = std::string(account.display_name),
                                      .password = password,
                                      .role = account.role,
                                      .scope = scope},
                                     {.remote_address = "cli", .request_id = "init"});
    SHEQU_RETURN_IF_ERROR(user);
  }
  fmt::print("Demo street {} with community {} created.\n", places->street.name,
             places->community.name);
  fmt::print("Demo logins (one per role): ");
  for (const DemoAccount& account : kDemoAccounts) {
    fmt::print("{}{}", account.login,
               &account == &kDemoAccounts[std::size(kDemoAccounts) - 1] ? "\n" : ", ");
  }
  if (options.demo_password.empty()) {
    fmt::print("Password for every demo login (shown once, keep it): {}\n", password);
  } else {
    fmt::print("Password for every demo login: the one given with --demo-password\n");
  }
  return {};
}

}  // namespace

int RunInit(const Config& config, const InitOptions& options) {
  // A new SQLite database may live in a folder that does not exist yet (var/ on a fresh clone).
  if (config.database.starts_with("sqlite:")) {
    const auto parent = std::filesystem::path(config.database.substr(7)).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  auto database = OpenAndMigrate(config);
  if (!database) {
    PrintError(database.error());
    return 1;
  }
  auto key_created = registry::PiiCipher::CreateKeyFileIfMissing(config.key_file);
  if (!key_created) {
    PrintError(key_created.error());
    return 1;
  }
  fmt::print("Database {} is ready.\n", (*database)->redacted_url());
  fmt::print("{} {}\n", *key_created ? "Created the personal-data key file" : "Kept the key file",
             config.key_file);
  if (options.demo) {
    if (auto status = CreateDemo(**database, config, options); !status) {
      PrintError(status.error());
      return 1;
    }
  }
  return 0;
}

}  // namespace shequ::cli
