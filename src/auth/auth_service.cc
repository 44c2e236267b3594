#include "auth/auth_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "auth/permissions.h"
#include "auth/session_token.h"
#include "auth/user_rules.h"
#include "base/log.h"
#include "base/utf8.h"
#include "store/transaction.h"

namespace shequ::auth {
namespace {

constexpr std::size_t kMaxRemoteAddressCodePoints = 64;
constexpr std::size_t kMaxUserAgentCodePoints = 256;
constexpr std::size_t kMaxRequestIdCodePoints = 64;
constexpr int kMaxAuditPage = 500;
constexpr Instant kEndedSessionRetention = Instant{24} * 3600 * kMicrosPerSecond;
constexpr std::string_view kSystemLogin = "system";
constexpr std::string_view kWrongCredentials = "wrong login or password";

Instant Micros(std::chrono::seconds duration) { return duration.count() * kMicrosPerSecond; }

// Request metadata is stored as text: keep it well-formed and bounded, whatever the client sent.
std::string Clip(std::string_view text, std::size_t max_code_points) {
  if (!utf8::IsValid(text)) return "(invalid UTF-8)";
  return std::string(utf8::TruncateCodePoints(text, max_code_points));
}

RequestOrigin ClipOrigin(const RequestOrigin& origin) {
  return {Clip(origin.remote_address, kMaxRemoteAddressCodePoints),
          Clip(origin.request_id, kMaxRequestIdCodePoints)};
}

Principal PrincipalOf(const User& user, SessionId session, std::string scope_name) {
  return Principal{user.id,   session,    user.login,           user.display_name,
                   user.role, user.scope, std::move(scope_name)};
}

std::string ScopeText(const Scope& scope) {
  switch (scope.kind) {
    case ScopeKind::kStreet:
      return fmt::format("street:{}", scope.place.street.value());
    case ScopeKind::kCommunity:
      return fmt::format("community:{}", scope.place.community.value());
    case ScopeKind::kGrid:
      return fmt::format("grid:{}", scope.place.grid.value());
  }
  return "";
}

// The scope's places exist and nest: the grid in the community, the community in the street.
Status CheckPlacesNest(const Place& place, const PlaceNames& names) {
  if (!names.street) {
    return InvalidArgument(fmt::format("there is no street {}", place.street.value()), "street_id");
  }
  if (place.community.valid()) {
    if (!names.community) {
      return InvalidArgument(fmt::format("there is no community {}", place.community.value()),
                             "community_id");
    }
    if (names.community_street != place.street) {
      return InvalidArgument(fmt::format("community {} is not in street {}",
                                         place.community.value(), place.street.value()),
                             "community_id");
    }
  }
  if (place.grid.valid()) {
    if (!names.grid) {
      return InvalidArgument(fmt::format("there is no grid {}", place.grid.value()), "grid_id");
    }
    if (names.grid_community != place.community) {
      return InvalidArgument(fmt::format("grid {} is not in community {}", place.grid.value(),
                                         place.community.value()),
                             "grid_id");
    }
  }
  return {};
}

LoginOutcome LoginFailed(Error error, std::optional<std::int64_t> retry_after = std::nullopt) {
  return std::unexpected(LoginError{std::move(error), retry_after});
}

}  // namespace

AuthService::AuthService(store::Database& database, const Clock& clock, AuthOptions options)
    : database_(database),
      clock_(clock),
      options_(options),
      hasher_(options.password_limits, options.max_concurrent_password_hashes),
      throttle_(ThrottleLimits{options.max_failures_per_login, options.max_failures_per_address,
                               Micros(options.throttle_window)}) {
  auto dummy = hasher_.Hash(SessionToken::Generate().ToString());
  if (dummy) {
    dummy_hash_ = std::move(*dummy);
  } else {
    log::Error("auth.dummy_hash_failed", {{"error", dummy.error().message}});
  }
}

LoginOutcome AuthService::Login(const LoginRequest& request) {
  const std::string login = NormalizeLogin(request.login);
  if (auto valid = CheckLogin(login); !valid) return LoginFailed(valid.error());
  if (request.password.size() > kMaxPasswordBytes) {
    return LoginFailed(
        Error{ErrorCode::kInvalidArgument, "the password is longer than 128 bytes", "password"});
  }
  const RequestOrigin origin = ClipOrigin({request.remote_address, request.request_id});
  const std::string user_agent = Clip(request.user_agent, kMaxUserAgentCodePoints);
  const Instant now = clock_.Now();

  // Read what the decision needs, then give the connection back before the slow hash.
  std::optional<UserCredentials> credentials;
  {
    auto connection = database_.Acquire();
    if (!connection) return LoginFailed(connection.error());
    auto block = throttle_.Check(**connection, login, origin.remote_address, now);
    if (!block) return LoginFailed(block.error());
    if (const std::optional<LoginBlock>& blocked = *block; blocked.has_value()) {
      const Instant wait = blocked->until - now;
      const std::int64_t seconds =
          std::max<Instant>(1, (wait + kMicrosPerSecond - 1) / kMicrosPerSecond);
      const bool by_login = blocked->reason == LoginBlock::Reason::kLogin;
      log::Warn("auth.login_throttled", {{"request_id", origin.request_id},
                                         {"by", by_login ? "login" : "address"},
                                         {"retry_after_s", seconds}});
      return LoginFailed(Error{ErrorCode::kResourceExhausted,
                               fmt::format("too many failed sign-ins {}; try again in {} minute(s)",
                                           by_login ? "for this account" : "from this address",
                                           (seconds + 59) / 60)},
                         seconds);
    }
    auto found = users_.FindCredentials(**connection, login);
    if (!found) return LoginFailed(found.error());
    credentials = std::move(*found);
  }

  // An unknown login is verified against a dummy hash, so it costs as long as a known one.
  const bool password_matches =
      hasher_.Verify(credentials ? credentials->password_hash : dummy_hash_, request.password) &&
      credentials.has_value();
  const bool succeeded = password_matches && !credentials->user.disabled;

  std::optional<std::string> upgraded_hash;
  if (succeeded && hasher_.NeedsRehash(credentials->password_hash)) {
    if (auto rehashed = hasher_.Hash(request.password)) upgraded_hash = std::move(*rehashed);
  }

  AuditEntry audit;
  audit.at = now;
  audit.login = login;
  audit.remote_address = origin.remote_address;
  audit.request_id = origin.request_id;
  audit.record_type = "user";
  if (credentials) {
    audit.user_id = credentials->user.id;
    audit.record_id = std::to_string(credentials->user.id.value());
    audit.community_id = credentials->user.scope.place.community;
  }

  auto connection = database_.Acquire();
  if (!connection) return LoginFailed(connection.error());
  auto tx = store::Transaction::Begin(**connection);
  if (!tx) return LoginFailed(tx.error());
  if (auto recorded = throttle_.Record(**connection, login, origin.remote_address, now, succeeded);
      !recorded) {
    return LoginFailed(recorded.error());
  }

  if (!succeeded) {
    audit.action = "session.login_failed";
    audit.detail = !credentials        ? "unknown login"
                   : !password_matches ? "wrong password"
                                       : "account disabled";
    if (auto appended = audit_log_.Append(**connection, audit); !appended) {
      return LoginFailed(appended.error());
    }
    if (auto committed = tx->Commit(); !committed) return LoginFailed(committed.error());
    // Only someone who knows the password learns that the account is disabled.
    return LoginFailed(Error{ErrorCode::kUnauthenticated, password_matches
                                                              ? "this account is disabled"
                                                              : std::string(kWrongCredentials)});
  }

  const User& user = credentials->user;
  const SessionToken token = SessionToken::Generate();
  NewSession session{
      user.id,   token.Hash(), now, now + Micros(options_.session_ttl), origin.remote_address,
      user_agent};
  auto session_id = sessions_.Insert(**connection, session);
  if (!session_id) return LoginFailed(session_id.error());
  if (upgraded_hash) {
    if (auto updated = users_.SetPasswordHash(**connection, user.id, *upgraded_hash, now);
        !updated) {
      return LoginFailed(updated.error());
    }
  }
  audit.action = "session.login";
  audit.record_type = "session";
  audit.record_id = std::to_string(session_id->value());
  if (auto appended = audit_log_.Append(**connection, audit); !appended) {
    return LoginFailed(appended.error());
  }
  if (auto committed = tx->Commit(); !committed) return LoginFailed(committed.error());

  log::Info("auth.login", {{"request_id", origin.request_id},
                           {"user_id", user.id.value()},
                           {"session_id", session_id->value()}});
  // A name that cannot be read leaves the sign-in valid; the next request names the scope.
  auto scope_name = ScopeNameOn(**connection, user.scope);
  return LoginResult{token.ToString(),
                     PrincipalOf(user, *session_id, scope_name.value_or(std::string())),
                     session.expires_at};
}

Result<Principal> AuthService::Authenticate(std::string_view token) {
  const auto parsed = SessionToken::Parse(token);
  if (!parsed) return Unauthenticated("the session token is malformed; sign in again");

  auto connection = database_.Acquire();
  if (!connection) return std::unexpected(std::move(connection).error());
  auto found = sessions_.FindByTokenHash(**connection, parsed->Hash());
  if (!found) return std::unexpected(std::move(found).error());
  const std::optional<SessionRecord>& record = *found;
  if (!record) return Unauthenticated("unknown session; sign in again");

  const SessionRecord& session = *record;
  const Instant now = clock_.Now();
  if (session.revoked_at) return Unauthenticated("this session was signed out; sign in again");
  if (now >= session.expires_at) return Unauthenticated("the session expired; sign in again");
  // last_seen_at moves at most once a touch_interval, so "idle" is measured to that precision.
  if (now - session.last_seen_at >= Micros(options_.idle_timeout)) {
    return Unauthenticated(
        fmt::format("the session ended after {} minutes without activity; sign in again",
                    options_.idle_timeout.count() / 60));
  }
  if (session.user.disabled) return Unauthenticated("this account is disabled");

  if (now - session.last_seen_at >= Micros(options_.touch_interval)) {
    // A failed touch costs the session at most one interval of idle time; the request goes on.
    if (auto touched = sessions_.Touch(**connection, session.id, now); !touched) {
      log::Warn("auth.touch_failed",
                {{"session_id", session.id.value()}, {"error", touched.error().message}});
    }
  }
  return PrincipalOf(session.user, session.id, session.scope_name);
}

Status AuthService::Logout(const Principal& caller, const RequestOrigin& origin) {
  const Instant now = clock_.Now();
  auto connection = database_.Acquire();
  if (!connection) return std::unexpected(std::move(connection).error());
  auto tx = store::Transaction::Begin(**connection);
  if (!tx) return std::unexpected(std::move(tx).error());
  auto revoked = sessions_.Revoke(**connection, caller.session_id, now);
  if (!revoked) return std::unexpected(std::move(revoked).error());
  if (!*revoked) return {};  // already signed out: nothing to write, and the transaction rolls back

  AuditEntry audit = AuditEntryBy(caller, now, ClipOrigin(origin));
  audit.action = "session.logout";
  audit.record_type = "session";
  audit.record_id = std::to_string(caller.session_id.value());
  audit.community_id = caller.scope.place.community;
  SHEQU_RETURN_IF_ERROR(audit_log_.Append(**connection, audit));
  return tx->Commit();
}

Result<User> AuthService::AddUser(const Principal& caller, const NewUser& user,
                                  const RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(Authorize(caller, Permission::kManageUsers));
  return CreateUser(user, AuditEntryBy(caller, clock_.Now(), ClipOrigin(origin)), caller);
}

Result<User> AuthService::AddUserAsSystem(const NewUser& user, const RequestOrigin& origin) {
  const RequestOrigin clipped = ClipOrigin(origin);
  AuditEntry audit;
  audit.at = clock_.Now();
  audit.login = kSystemLogin;
  audit.remote_address = clipped.remote_address;
  audit.request_id = clipped.request_id;
  return CreateUser(user, audit, std::nullopt);
}

Result<AuthService::PreparedUser> AuthService::PrepareUser(const NewUser& new_user) {
  PreparedUser prepared;
  User& user = prepared.user;
  user.login = NormalizeLogin(new_user.login);
  SHEQU_RETURN_IF_ERROR(CheckLogin(user.login));
  auto display_name = CheckDisplayName(new_user.display_name);
  if (!display_name) return std::unexpected(std::move(display_name).error());
  user.display_name = std::move(*display_name);
  SHEQU_RETURN_IF_ERROR(CheckPasswordRules(new_user.password));
  SHEQU_RETURN_IF_ERROR(CheckScopeShape(new_user.role, new_user.scope));
  user.role = new_user.role;
  user.scope = new_user.scope;
  auto password_hash = hasher_.Hash(new_user.password);  // slow: before any transaction
  if (!password_hash) return std::unexpected(std::move(password_hash).error());
  prepared.password_hash = std::move(*password_hash);
  return prepared;
}

Result<User> AuthService::StoreUserIn(store::Connection& connection, const PreparedUser& prepared,
                                      const AuditEntry& audit_template) const {
  User user = prepared.user;
  user.created_at = audit_template.at;
  user.updated_at = audit_template.at;
  auto names = users_.FindPlaceNames(connection, user.scope.place);
  if (!names) return std::unexpected(std::move(names).error());
  SHEQU_RETURN_IF_ERROR(CheckPlacesNest(user.scope.place, *names));
  auto stored = users_.Insert(connection, user, prepared.password_hash);
  if (!stored) return std::unexpected(std::move(stored).error());

  AuditEntry audit = audit_template;
  audit.action = "user.create";
  audit.record_type = "user";
  audit.record_id = std::to_string(stored->id.value());
  audit.community_id = stored->scope.place.community;
  audit.detail = fmt::format("role={} scope={}", RoleName(stored->role), ScopeText(stored->scope));
  SHEQU_RETURN_IF_ERROR(audit_log_.Append(connection, audit));
  return stored;
}

Result<User> AuthService::CreateUser(const NewUser& new_user, const AuditEntry& audit_template,
                                     const std::optional<Principal>& caller) {
  if (caller && caller->role != Role::kAdmin) {
    // Whoever manages accounts below admin may create them only inside, and no wider than, their
    // own scope.
    if (new_user.role == Role::kAdmin || !ScopeContains(caller->scope, new_user.scope.place) ||
        ScopeDepth(new_user.scope.kind) < ScopeDepth(caller->scope.kind)) {
      return PermissionDenied("you may create accounts only inside your own scope");
    }
  }
  auto prepared = PrepareUser(new_user);
  if (!prepared) return std::unexpected(std::move(prepared).error());

  auto connection = database_.Acquire();
  if (!connection) return std::unexpected(std::move(connection).error());
  auto tx = store::Transaction::Begin(**connection);
  if (!tx) return std::unexpected(std::move(tx).error());
  auto stored = StoreUserIn(**connection, *prepared, audit_template);
  if (!stored) return std::unexpected(std::move(stored).error());
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  return stored;
}

Result<std::vector<User>> AuthService::ListUsers(const Principal& caller) {
  SHEQU_RETURN_IF_ERROR(Authorize(caller, Permission::kReadUsers));
  auto connection = database_.Acquire();
  if (!connection) return std::unexpected(std::move(connection).error());
  auto users = users_.List(**connection);
  if (!users) return std::unexpected(std::move(users).error());
  if (caller.role != Role::kAdmin) {
    std::erase_if(*users,
                  [&](const User& user) { return !ScopeContains(caller.scope, user.scope.place); });
  }
  return users;
}

Result<User> AuthService::SetUserDisabled(const Principal& caller, UserId user_id, bool disabled,
                                          const RequestOrigin& origin) {
  SHEQU_RETURN_IF_ERROR(Authorize(caller, Permission::kManageUsers));
  if (disabled && user_id == caller.user_id) {
    return InvalidArgument("you cannot disable your own account", "disabled");
  }
  const Instant now = clock_.Now();
  auto connection = database_.Acquire();
  if (!connection) return std::unexpected(std::move(connection).error());
  auto tx = store::Transaction::Begin(**connection);
  if (!tx) return std::unexpected(std::move(tx).error());
  auto found = users_.FindById(**connection, user_id);
  if (!found) return std::unexpected(std::move(found).error());
  std::optional<User>& stored = *found;
  const bool visible =
      stored.has_value() &&
      (caller.role == Role::kAdmin ||
       (stored->role != Role::kAdmin && ScopeContains(caller.scope, stored->scope.place)));
  if (!visible) return NotFound(fmt::format("there is no user {}", user_id.value()));
  User user = std::move(*stored);
  if (user.disabled == disabled) return user;  // nothing changes, nothing to audit

  auto updated = users_.SetDisabled(**connection, user_id, disabled, now);
  if (!updated) return std::unexpected(std::move(updated).error());
  std::int64_t revoked = 0;
  if (disabled) {
    auto count = sessions_.RevokeAllOfUser(**connection, user_id, now);
    if (!count) return std::unexpected(std::move(count).error());
    revoked = *count;
  }
  AuditEntry audit = AuditEntryBy(caller, now, ClipOrigin(origin));
  audit.action = disabled ? "user.disable" : "user.enable";
  audit.record_type = "user";
  audit.record_id = std::to_string(user_id.value());
  audit.community_id = user.scope.place.community;
  if (disabled) audit.detail = fmt::format("sessions_revoked={}", revoked);
  SHEQU_RETURN_IF_ERROR(audit_log_.Append(**connection, audit));
  SHEQU_RETURN_IF_ERROR(tx->Commit());
  user.disabled = disabled;
  user.updated_at = now;
  return user;
}

Result<std::string> AuthService::ScopeName(const Scope& scope) {
  auto connection = database_.Acquire();
  if (!connection) return std::unexpected(std::move(connection).error());
  return ScopeNameOn(**connection, scope);
}

Result<std::string> AuthService::ScopeNameOn(store::Connection& connection,
                                             const Scope& scope) const {
  Place place{scope.place.street, {}, {}};
  if (ScopeDepth(scope.kind) >= 1) place.community = scope.place.community;
  if (ScopeDepth(scope.kind) >= 2) place.grid = scope.place.grid;

  auto names = users_.FindPlaceNames(connection, place);
  if (!names) return std::unexpected(std::move(names).error());
  const PlaceNames& found = *names;
  if (!found.street) return NotFound(fmt::format("there is no street {}", place.street.value()));
  std::string text = *found.street;
  if (ScopeDepth(scope.kind) >= 1) {
    if (!found.community) {
      return NotFound(fmt::format("there is no community {}", place.community.value()));
    }
    text += " / " + *found.community;
  }
  if (ScopeDepth(scope.kind) >= 2) {
    if (!found.grid) return NotFound(fmt::format("there is no grid {}", place.grid.value()));
    text += " / " + *found.grid;
  }
  return text;
}

Result<std::vector<AuditEntry>> AuthService::ListAuditEntries(const Principal& caller,
                                                              AuditQuery query) {
  SHEQU_RETURN_IF_ERROR(Authorize(caller, Permission::kReadAuditLog));
  if (caller.role != Role::kAdmin) {
    if (caller.scope.kind == ScopeKind::kStreet) {
      query.street_id = caller.scope.place.street;
    } else {
      query.community_id = caller.scope.place.community;
    }
  }
  query.limit = std::clamp(query.limit, 1, kMaxAuditPage);
  auto connection = database_.Acquire();
  if (!connection) return std::unexpected(std::move(connection).error());
  return audit_log_.Recent(**connection, query);
}

Result<ScopeActivity> AuthService::CountInScope(const Principal& caller, const CivilDate& day) {
  SHEQU_RETURN_IF_ERROR(Authorize(caller, Permission::kReadDashboard));
  const bool unrestricted = caller.role == Role::kAdmin;
  AuditQuery query;
  query.since = ShanghaiStartOfDay(day);
  query.until = ShanghaiStartOfDay(CivilFromDays(DaysFromCivil(day) + 1));
  if (!unrestricted) {
    if (caller.scope.kind == ScopeKind::kStreet) {
      query.street_id = caller.scope.place.street;
    } else {
      query.community_id = caller.scope.place.community;
    }
  }
  auto connection = database_.Acquire();
  if (!connection) return std::unexpected(std::move(connection).error());
  ScopeActivity activity;
  auto users = users_.CountInScope(**connection, caller.scope, unrestricted);
  if (!users) return std::unexpected(std::move(users).error());
  activity.users = *users;
  auto events = audit_log_.Count(**connection, query);
  if (!events) return std::unexpected(std::move(events).error());
  activity.audit_events_on_day = *events;
  return activity;
}

Result<PurgeCounts> AuthService::PurgeExpired() {
  const Instant now = clock_.Now();
  auto connection = database_.Acquire();
  if (!connection) return std::unexpected(std::move(connection).error());
  PurgeCounts counts;
  auto attempts = throttle_.Purge(**connection, now);
  if (!attempts) return std::unexpected(std::move(attempts).error());
  counts.login_attempts = *attempts;
  auto sessions = sessions_.DeleteEndedBefore(**connection, now - kEndedSessionRetention);
  if (!sessions) return std::unexpected(std::move(sessions).error());
  counts.sessions = *sessions;
  return counts;
}

}  // namespace shequ::auth
