// SQL over the sessions table: create, look up by token hash (joined with the user), touch,
// revoke, purge.
//
// Stateless: every method takes the connection to run on, so writes can join the caller's
// store::Transaction. FindByTokenHash is on the path of every request: one lookup through the
// UNIQUE index on token_hash, joined to users by primary key. Thread-safe (no state).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "auth/session_token.h"
#include "auth/user.h"
#include "base/civil_time.h"
#include "base/error.h"
#include "store/connection.h"

namespace shequ::auth {

struct NewSession {
  UserId user_id;
  TokenHash token_hash{};
  Instant created_at = 0;
  Instant expires_at = 0;
  std::string remote_address;
  std::string user_agent;
};

// A stored session with the user it belongs to.
struct SessionRecord {
  SessionId id;
  Instant created_at = 0;
  Instant expires_at = 0;
  Instant last_seen_at = 0;
  std::optional<Instant> revoked_at;
  User user;
  std::string scope_name;  // the user's scope named from the street down, read in the same query
};

class SessionRepository {
 public:
  // Stores the session (last_seen_at = created_at) and returns its id.
  Result<SessionId> Insert(store::Connection& connection, const NewSession& session) const;

  // nullopt when no session has this token hash.
  Result<std::optional<SessionRecord>> FindByTokenHash(store::Connection& connection,
                                                       const TokenHash& token_hash) const;

  // Moves last_seen_at forward to `now` (never back).
  Status Touch(store::Connection& connection, SessionId id, Instant now) const;

  // Revokes the session; returns false when it was already revoked or does not exist.
  Result<bool> Revoke(store::Connection& connection, SessionId id, Instant now) const;

  // Revokes every live session of the user; returns how many.
  Result<std::int64_t> RevokeAllOfUser(store::Connection& connection, UserId user_id,
                                       Instant now) const;

  // Deletes sessions that expired or were revoked before `before`; returns how many.
  Result<std::int64_t> DeleteEndedBefore(store::Connection& connection, Instant before) const;
};

}  // namespace shequ::auth
