// Signing in and out, authenticating every request, and managing accounts.
//
// The use cases of auth/: validate, check the caller's permission and scope, write in one
// transaction together with the audit row. Passwords are verified outside any transaction and
// never with a pooled connection held, because argon2id takes ~190 ms. Authenticate() is on the
// path of every request: one indexed read, and a write at most once a minute per session.
// Thread-safe: one AuthService serves every request thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/audit_log.h"
#include "auth/login_throttle.h"
#include "auth/password_hasher.h"
#include "auth/principal.h"
#include "auth/session_repository.h"
#include "auth/user.h"
#include "auth/user_repository.h"
#include "base/civil_time.h"
#include "base/error.h"
#include "store/database.h"

namespace shequ::auth {

struct AuthOptions {
  std::chrono::seconds session_ttl = std::chrono::hours(12);      // from sign-in, whatever happens
  std::chrono::seconds idle_timeout = std::chrono::minutes(60);   // without a request
  std::chrono::seconds touch_interval = std::chrono::minutes(1);  // last_seen_at granularity
  int max_failures_per_login = 5;
  int max_failures_per_address = 20;
  std::chrono::seconds throttle_window = std::chrono::minutes(15);
  PasswordLimits password_limits = PasswordLimits::Interactive();  // Minimum() in tests
  int max_concurrent_password_hashes = 2;
};

struct LoginRequest {
  std::string login;  // ASCII upper case is lowered
  std::string password;
  std::string remote_address;
  std::string user_agent;
  std::string request_id;
};

struct LoginResult {
  std::string token;  // give to the client (cookie or bearer); the server keeps only its hash
  Principal principal;
  Instant expires_at = 0;
};

// Why a login failed. `retry_after_seconds` is set with kResourceExhausted only: the client may
// try again after that many seconds (the HTTP layer sends it as Retry-After).
struct LoginError {
  Error error;
  std::optional<std::int64_t> retry_after_seconds;
};

using LoginOutcome = std::expected<LoginResult, LoginError>;

// What the dashboard counts of a scope: accounts, and audit entries on one day.
struct ScopeActivity {
  std::int64_t users = 0;
  std::int64_t audit_events_on_day = 0;
};

// What PurgeExpired() deleted.
struct PurgeCounts {
  std::int64_t login_attempts = 0;
  std::int64_t sessions = 0;
};

class AuthService {
 public:
  // `database` and `clock` are not owned and must outlive the service. Hashes one dummy password
  // at once (so unknown logins take as long as known ones): ~190 ms at production limits.
  AuthService(store::Database& database, const Clock& clock, AuthOptions options = {});

  // Signs in. Errors: kInvalidArgument for a login that cannot exist (bad format) or an
  // over-long password; kResourceExhausted with retry_after_seconds when this login or this
  // address has failed too often lately; kUnauthenticated for a wrong login or password (the
  // same message whether or not the login exists) or a disabled account; kUnavailable when the
  // database cannot serve. Success creates a session and audits "session.login"; a wrong
  // password audits "session.login_failed". A hash made with other limits is upgraded.
  LoginOutcome Login(const LoginRequest& request);

  // The caller of a request bearing `token`. kUnauthenticated, with a message saying which, when
  // the token is malformed or unknown, or the session was signed out, expired or idle too long,
  // or the account is disabled. Writes only to move last_seen_at, at most once a touch_interval.
  Result<Principal> Authenticate(std::string_view token);

  // Signs the caller's session out at once (audited "session.logout"). Signing out a session
  // that already ended succeeds and writes nothing.
  Status Logout(const Principal& caller, const RequestOrigin& origin);

  // An account checked and its password hashed, not stored yet: AddUser's first half, for a
  // module that stores the account inside its own transaction together with records of its own
  // (the registry links a resident's account to the resident). No permission check: whoever
  // calls decides who may create the account. Errors as AddUser's rules.
  struct PreparedUser {
    User user;  // id unset
    std::string password_hash;
  };
  Result<PreparedUser> PrepareUser(const NewUser& user);
  // Stores `user` on `connection`, inside the caller's open transaction, with its "user.create"
  // audit row (who and from where as in `audit_template`): the scope's places must exist and
  // nest (kInvalidArgument), the login be free (kConflict on "login").
  Result<User> StoreUserIn(store::Connection& connection, const PreparedUser& user,
                           const AuditEntry& audit_template) const;

  // Creates an account for `caller` (who needs kManageUsers; one who is not an admin may only
  // create non-admin accounts inside their own scope). Audited "user.create". Errors:
  // kInvalidArgument naming the field ("login", "display_name", "password", "scope",
  // "street_id", "community_id", "grid_id"); kConflict on "login" when it is taken;
  // kPermissionDenied.
  Result<User> AddUser(const Principal& caller, const NewUser& user, const RequestOrigin& origin);

  // As AddUser, without a permission check, for the command line (`shequ init`, `shequ user
  // add`); audited as login "system".
  Result<User> AddUserAsSystem(const NewUser& user, const RequestOrigin& origin);

  // Every account the caller may see (kReadUsers; one who is not an admin sees their scope's).
  Result<std::vector<User>> ListUsers(const Principal& caller);

  // Disables or re-enables an account (kManageUsers). Disabling signs out all its sessions.
  // Audited "user.disable" / "user.enable". kNotFound for no such user (or one outside the
  // caller's scope); kInvalidArgument when callers would disable themselves.
  Result<User> SetUserDisabled(const Principal& caller, UserId user_id, bool disabled,
                               const RequestOrigin& origin);

  // "东华门街道 / 多福巷社区 / 第一网格": the scope's names from the street down, for display.
  // kNotFound when a level does not exist.
  Result<std::string> ScopeName(const Scope& scope);

  // The audit log for the admin's screen (kReadAuditLog). Callers who are not admins see their
  // own scope only, whatever the query asks; query.limit is clamped to 1..500.
  Result<std::vector<AuditEntry>> ListAuditEntries(const Principal& caller, AuditQuery query);

  // For the dashboard (kReadDashboard): accounts inside the caller's scope and the audit
  // entries of that scope on `day` (a Shanghai calendar day).
  Result<ScopeActivity> CountInScope(const Principal& caller, const CivilDate& day);

  // Deletes login attempts older than the throttle window and sessions that ended over a day
  // ago. Call periodically (e.g. hourly); the tables grow otherwise.
  Result<PurgeCounts> PurgeExpired();

 private:
  Result<std::string> ScopeNameOn(store::Connection& connection, const Scope& scope) const;
  Result<User> CreateUser(const NewUser& user, const AuditEntry& audit_template,
                          const std::optional<Principal>& caller);

  store::Database& database_;
  const Clock& clock_;
  AuthOptions options_;
  PasswordHasher hasher_;
  LoginThrottle throttle_;
  UserRepository users_;
  SessionRepository sessions_;
  AuditLog audit_log_;
  std::string dummy_hash_;  // verified against for unknown logins, so timing reveals nothing
};

}  // namespace shequ::auth
