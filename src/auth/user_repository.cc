#include "auth/user_repository.h"

#include <fmt/format.h>

#include "auth/internal/user_row.h"

namespace shequ::auth {

using internal::IdOrNull;
using store::Value;

namespace {

const std::string kSelectUsers = fmt::format("SELECT {} FROM users u", internal::kUserColumns);
const std::string kSelectCredentials = fmt::format(
    "SELECT {}, u.password_hash FROM users u WHERE u.login = ?", internal::kUserColumns);

}  // namespace

Result<User> UserRepository::Insert(store::Connection& connection, const User& user,
                                    std::string_view password_hash) const {
  auto taken = connection.Query("SELECT 1 FROM users WHERE login = ?", {user.login});
  if (!taken) return std::unexpected(std::move(taken).error());
  if (!taken->empty()) return Conflict("this login is already taken", "login");

  auto inserted = connection.Query(
      "INSERT INTO users (login, display_name, password_hash, role, scope_kind, street_id, "
      "community_id, grid_id, disabled, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {user.login, user.display_name, std::string(password_hash), std::string(RoleName(user.role)),
       std::string(ScopeKindName(user.scope.kind)), IdOrNull(user.scope.place.street),
       IdOrNull(user.scope.place.community), IdOrNull(user.scope.place.grid),
       std::int64_t{user.disabled ? 1 : 0}, user.created_at, user.updated_at});
  if (!inserted) return std::unexpected(std::move(inserted).error());
  if (inserted->rows.size() != 1) return Internal("INSERT INTO users returned no id");
  User stored = user;
  stored.id = UserId(inserted->rows[0].GetInt(0));
  return stored;
}

Result<std::optional<User>> UserRepository::FindById(store::Connection& connection,
                                                     UserId id) const {
  auto result = connection.Query(kSelectUsers + " WHERE u.id = ?", {id.value()});
  if (!result) return std::unexpected(std::move(result).error());
  if (result->empty()) return std::optional<User>();
  auto user = internal::UserFromRow(result->rows[0]);
  if (!user) return std::unexpected(std::move(user).error());
  return std::optional<User>(std::move(*user));
}

Result<std::optional<UserCredentials>> UserRepository::FindCredentials(
    store::Connection& connection, std::string_view login) const {
  auto result = connection.Query(kSelectCredentials, {std::string(login)});
  if (!result) return std::unexpected(std::move(result).error());
  if (result->empty()) return std::optional<UserCredentials>();
  const store::Row& row = result->rows[0];
  auto user = internal::UserFromRow(row);
  if (!user) return std::unexpected(std::move(user).error());
  return std::optional<UserCredentials>(
      UserCredentials{std::move(*user), row.GetText(internal::kUserColumnCount)});
}

Result<std::vector<User>> UserRepository::List(store::Connection& connection) const {
  auto result = connection.Query(kSelectUsers + " ORDER BY u.login");
  if (!result) return std::unexpected(std::move(result).error());
  std::vector<User> users;
  users.reserve(result->rows.size());
  for (const store::Row& row : result->rows) {
    auto user = internal::UserFromRow(row);
    if (!user) return std::unexpected(std::move(user).error());
    users.push_back(std::move(*user));
  }
  return users;
}

Result<std::int64_t> UserRepository::CountInScope(store::Connection& connection, const Scope& scope,
                                                  bool unrestricted) const {
  std::string sql = "SELECT COUNT(*) FROM users";
  std::vector<store::Value> params;
  if (!unrestricted) {
    switch (scope.kind) {
      case ScopeKind::kStreet:
        sql += " WHERE street_id = ?";
        params.emplace_back(scope.place.street.value());
        break;
      case ScopeKind::kCommunity:
        sql += " WHERE community_id = ?";
        params.emplace_back(scope.place.community.value());
        break;
      case ScopeKind::kGrid:
        sql += " WHERE grid_id = ?";
        params.emplace_back(scope.place.grid.value());
        break;
    }
  }
  auto result = connection.Query(sql, params);
  if (!result) return std::unexpected(std::move(result).error());
  return result->rows.at(0).GetInt(0);
}

Status UserRepository::SetPasswordHash(store::Connection& connection, UserId id,
                                       std::string_view password_hash, Instant now) const {
  auto result = connection.Query("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
                                 {std::string(password_hash), now, id.value()});
  if (!result) return std::unexpected(std::move(result).error());
  return {};
}

Result<bool> UserRepository::SetDisabled(store::Connection& connection, UserId id, bool disabled,
                                         Instant now) const {
  auto result = connection.Query("UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?",
                                 {std::int64_t{disabled ? 1 : 0}, now, id.value()});
  if (!result) return std::unexpected(std::move(result).error());
  return result->rows_affected > 0;
}

Result<PlaceNames> UserRepository::FindPlaceNames(store::Connection& connection,
                                                  const Place& place) const {
  PlaceNames names;
  if (place.street.valid()) {
    auto result = connection.Query("SELECT name FROM streets WHERE id = ?", {place.street.value()});
    if (!result) return std::unexpected(std::move(result).error());
    if (!result->empty()) names.street = result->rows[0].GetText(0);
  }
  if (place.community.valid()) {
    auto result = connection.Query("SELECT name, street_id FROM communities WHERE id = ?",
                                   {place.community.value()});
    if (!result) return std::unexpected(std::move(result).error());
    if (!result->empty()) {
      names.community = result->rows[0].GetText(0);
      names.community_street = StreetId(result->rows[0].GetInt(1));
    }
  }
  if (place.grid.valid()) {
    auto result =
        connection.Query("SELECT name, community_id FROM grids WHERE id = ?", {place.grid.value()});
    if (!result) return std::unexpected(std::move(result).error());
    if (!result->empty()) {
      names.grid = result->rows[0].GetText(0);
      names.grid_community = CommunityId(result->rows[0].GetInt(1));
    }
  }
  return names;
}

}  // namespace shequ::auth
