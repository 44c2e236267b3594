// `shequ init`: the database (migrated), the personal-data key file, and with --demo the demo
// street laid on an OpenStreetMap extract (demo_street.h) with one account per role.
#include <fmt/format.h>
#include <sodium.h>

#include <filesystem>
#include <string>

#include "auth/auth_service.h"
#include "base/civil_time.h"
#include "cli/commands.h"
#include "cli/demo_eldercare.h"
#include "cli/demo_street.h"
#include "registry/pii_cipher.h"
#include "registry/registry_service.h"
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

// The day the demo population's ages are counted to: fixed, so that the same seed gives the
// same people whatever day `init` runs.
constexpr CivilDate kDemoAsOf{2026, 11, 1};

Status LinkDemoResident(store::Database& database, UserId user, registry::ResidentId resident,
                        Instant now) {
  auto connection = database.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  auto tx = store::Transaction::Begin(**connection);
  SHEQU_RETURN_IF_ERROR(tx);
  SHEQU_RETURN_IF_ERROR(registry::LinkResidentAccount(**connection, user, resident, now));
  return tx->Commit();
}

Status CreateDemo(store::Database& database, const Config& config, const InitOptions& options) {
  SystemClock clock;
  auto cipher = registry::PiiCipher::LoadKeyFile(config.key_file);
  SHEQU_RETURN_IF_ERROR(cipher);
  auto demo = CreateDemoStreet(
      database, **cipher,
      {.osm_path = options.demo_osm, .scale = options.demo_scale, .as_of = kDemoAsOf}, clock.Now());
  SHEQU_RETURN_IF_ERROR(demo);
  const DemoCommunity& home = demo->communities.at(demo->accounts_community);
  auth::AuthOptions auth_options;
  auth_options.session_ttl = std::chrono::minutes(config.session_ttl_minutes);
  auth_options.idle_timeout = std::chrono::minutes(config.session_idle_minutes);
  auth::AuthService auth(database, clock, auth_options);
  const std::string password =
      options.demo_password.empty() ? RandomPassword() : options.demo_password;
  const auth::Place street{demo->street.id, {}, {}};
  const auth::Place community{demo->street.id, home.community.id, {}};
  const auth::Place grid{demo->street.id, home.community.id, home.grids.front().id};
  DemoEldercareActors actors;
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
    const auth::Principal principal{.user_id = user->id,
                                    .login = std::string(account.login),
                                    .display_name = std::string(account.display_name),
                                    .role = account.role,
                                    .scope = scope};
    if (account.role == auth::Role::kCommunityWorker) actors.worker = principal;
    if (account.role == auth::Role::kCaregiver) actors.caregiver = principal;
    if (account.role == auth::Role::kVolunteer) actors.volunteer_user = user->id;
    if (account.role == auth::Role::kResident) {
      // The resident login is the head of the first household of the staff's community, so
      // "my household" shows a real home.
      SHEQU_RETURN_IF_ERROR(
          LinkDemoResident(database, user->id, demo->first_household_head, clock.Now()));
    }
  }
  if (options.demo_eldercare) {
    fmt::print(
        "Adding the demo community's eldercare services (canteen, assessments, home care, "
        "volunteers)...\n");
    SHEQU_RETURN_IF_ERROR(SeedDemoEldercare(database, **cipher, actors, clock.Now()));
  }
  int residents = 0;
  for (const DemoCommunity& c : demo->communities) residents += c.residents;
  fmt::print(
      "Demo street {} created: {} communities, {} residents. The demo staff work in {} ({}).\n",
      demo->street.name, demo->communities.size(), residents, home.community.name,
      home.grids.front().name);
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
  // Refused before anything is created, so a typo in the path leaves no empty database behind.
  if (options.demo && !std::filesystem::is_regular_file(options.demo_osm)) {
    PrintError({ErrorCode::kNotFound,
                fmt::format("the OpenStreetMap extract {} for the demo street does not exist; give "
                            "it with --demo-osm PATH",
                            options.demo_osm),
                "demo_osm"});
    return 1;
  }
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
