// `shequ user add`: creates an account from the command line (the first admin, for instance).
#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <charconv>
#include <iostream>
#include <string>

#include "auth/auth_service.h"
#include "cli/commands.h"
#include "registry/place_repository.h"

namespace shequ::cli {
namespace {

// Reads one line; with echo off when standard input is a terminal.
std::string ReadPassword(bool prompt) {
  const bool terminal = ::isatty(STDIN_FILENO) != 0;
  termios saved{};
  if (terminal) {
    if (prompt) fmt::print(stderr, "Password: ");
    ::tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string password;
  std::getline(std::cin, password);
  if (terminal) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    fmt::print(stderr, "\n");
  }
  return password;
}

Result<auth::Scope> ParseScopeFlag(store::Database& database, std::string_view text) {
  const auto colon = text.find(':');
  const auto kind = auth::ParseScopeKind(text.substr(0, colon));
  std::int64_t id = 0;
  const auto id_text =
      colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
  const auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (!kind || ec != std::errc() || end != id_text.data() + id_text.size()) {
    return InvalidArgument("expected street:ID, community:ID or grid:ID", "scope");
  }
  auto connection = database.Acquire();
  SHEQU_RETURN_IF_ERROR(connection);
  return registry::ResolveScope(**connection, *kind, id);
}

}  // namespace

int RunUserAdd(const Config& config, const UserAddOptions& options) {
  const auto role = auth::ParseRole(options.role);
  if (!role) {
    PrintError(
        {ErrorCode::kInvalidArgument, fmt::format("unknown role '{}'", options.role), "role"});
    return 2;
  }
  auto database = OpenAndMigrate(config);
  if (!database) {
    PrintError(database.error());
    return 1;
  }
  auto scope = ParseScopeFlag(**database, options.scope);
  if (!scope) {
    PrintError(scope.error());
    return 2;
  }
  const std::string password = ReadPassword(!options.password_from_stdin);
  SystemClock clock;
  auth::AuthService auth(**database, clock);
  auto user = auth.AddUserAsSystem(
      {.login = options.login,
       .display_name = options.display_name.empty() ? options.login : options.display_name,
       .password = password,
       .role = *role,
       .scope = *scope},
      {.remote_address = "cli", .request_id = "user-add"});
  if (!user) {
    PrintError(user.error());
    return 1;
  }
  fmt::print("Created user {} (id {}, {}).\n", user->login, user->id.value(),
             auth::RoleName(user->role));
  return 0;
}

}  // namespace shequ::cli
