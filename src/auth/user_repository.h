// SQL over the users table, and the reads of streets, communities and grids that scopes need.
//
// Stateless: every method takes the connection to run on, so a caller can group several calls
// (and an audit row) in one store::Transaction. Errors are the store's: kUnavailable when the
// database cannot serve, kConflict for a violated constraint, kInternal otherwise.
// Thread-safe (no state); each connection is used by one thread at a time.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/user.h"
#include "base/error.h"
#include "store/connection.h"

namespace shequ::auth {

// A user with the stored argon2id hash, for verifying a login.
struct UserCredentials {
  User user;
  std::string password_hash;
};

// The names of a Place's levels, as far as they exist. A level not asked for (invalid id) or
// not found is nullopt; the parent ids say where the community and grid really belong.
struct PlaceNames {
  std::optional<std::string> street;
  std::optional<std::string> community;
  StreetId community_street;  // the street of `community`, when found
  std::optional<std::string> grid;
  CommunityId grid_community;  // the community of `grid`, when found
};

class UserRepository {
 public:
  // Stores `user` (its id is ignored) with `password_hash`, and returns it with its new id.
  // kConflict with field "login" when the login is taken.
  Result<User> Insert(store::Connection& connection, const User& user,
                      std::string_view password_hash) const;

  Result<std::optional<User>> FindById(store::Connection& connection, UserId id) const;

  // The user with `login` (already lower-cased) and their hash; nullopt when there is none.
  Result<std::optional<UserCredentials>> FindCredentials(store::Connection& connection,
                                                         std::string_view login) const;

  // Every user, ordered by login.
  Result<std::vector<User>> List(store::Connection& connection) const;

  // How many accounts lie inside `scope` (every account when `unrestricted`).
  Result<std::int64_t> CountInScope(store::Connection& connection, const Scope& scope,
                                    bool unrestricted) const;

  Status SetPasswordHash(store::Connection& connection, UserId id, std::string_view password_hash,
                         Instant now) const;

  // Returns false when there is no such user.
  Result<bool> SetDisabled(store::Connection& connection, UserId id, bool disabled,
                           Instant now) const;

  Result<PlaceNames> FindPlaceNames(store::Connection& connection, const Place& place) const;
};

}  // namespace shequ::auth
