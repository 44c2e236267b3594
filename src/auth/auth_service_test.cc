#include "auth/auth_service.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <tuple>

#include "auth/internal/auth_test_fixture.h"
#include "auth/session_token.h"

namespace shequ::auth {
namespace {

constexpr Instant kMinute = 60 * kMicrosPerSecond;
constexpr std::string_view kPassword = "correct horse";
const RequestOrigin kOrigin{"10.0.0.1", "req-1"};

Scope StreetScope(StreetId street) { return {ScopeKind::kStreet, {street, {}, {}}}; }
Scope CommunityScope(StreetId street, CommunityId community) {
  return {ScopeKind::kCommunity, {street, community, {}}};
}
Scope GridScope(StreetId street, CommunityId community, GridId grid) {
  return {ScopeKind::kGrid, {street, community, grid}};
}

// The service on a fresh database, with an admin (street 1) and a grid worker (grid 100).
class AuthServiceFixture : public internal::AuthDatabaseTest {
 protected:
  void SetUpService(store::Backend backend) {
    OpenDatabase(backend);
    if (HasFatalFailure()) return;
    service_ = std::make_unique<AuthService>(*database_, clock_, Options());
    admin_user_ = AddUser("admin", Role::kAdmin, StreetScope(kStreet1));
    grid_worker_ =
        AddUser("wangfang", Role::kGridWorker, GridScope(kStreet1, kCommunity10, kGrid100));
  }

  static AuthOptions Options() {
    AuthOptions options;
    options.password_limits = PasswordLimits::Minimum();
    return options;
  }

  User AddUser(const std::string& login, Role role, const Scope& scope) {
    auto user = service_->AddUserAsSystem(
        NewUser{login, "用户 " + login, std::string(kPassword), role, scope}, {"", "cli"});
    EXPECT_TRUE(user) << user.error().message;
    return user.value_or(User{});
  }

  LoginOutcome LogIn(std::string login, std::string password = std::string(kPassword),
                     std::string address = "10.0.0.1") {
    return service_->Login(LoginRequest{std::move(login), std::move(password), std::move(address),
                                        "Mozilla/5.0", "req-login"});
  }

  Principal SignedIn(std::string login) {
    auto result = LogIn(std::move(login));
    EXPECT_TRUE(result) << result.error().error.message;
    return result ? result->principal : Principal{};
  }

  std::int64_t AuditCount(std::string_view action) {
    return Count("SELECT COUNT(*) FROM audit_log WHERE action = ?", {std::string(action)});
  }

  std::unique_ptr<AuthService> service_;
  User admin_user_;
  User grid_worker_;
};

class AuthServiceTest : public AuthServiceFixture,
                        public testing::WithParamInterface<store::Backend> {
 protected:
  void SetUp() override { SetUpService(GetParam()); }
};

INSTANTIATE_TEST_SUITE_P(Backends, AuthServiceTest,
                         testing::Values(store::Backend::kSqlite, store::Backend::kPostgres),
                         internal::BackendParamName);

// --- Login ----------------------------------------------------------------------------------

TEST_P(AuthServiceTest, LoginCreatesASessionThatAuthenticates) {
  auto result = LogIn("wangfang");
  ASSERT_TRUE(result) << result.error().error.message;
  EXPECT_EQ(result->token.size(), kSessionTokenTextLength);
  EXPECT_EQ(result->expires_at, kStart + Instant{12} * 60 * kMinute);
  EXPECT_EQ(result->principal.user_id, grid_worker_.id);
  EXPECT_EQ(result->principal.login, "wangfang");
  EXPECT_EQ(result->principal.display_name, "用户 wangfang");
  EXPECT_EQ(result->principal.role, Role::kGridWorker);
  EXPECT_EQ(result->principal.scope.place.grid, kGrid100);
  EXPECT_TRUE(result->principal.session_id.valid());

  auto principal = service_->Authenticate(result->token);
  ASSERT_TRUE(principal) << principal.error().message;
  EXPECT_EQ(principal->session_id, result->principal.session_id);
  EXPECT_EQ(principal->user_id, grid_worker_.id);
  EXPECT_EQ(principal->scope.kind, ScopeKind::kGrid);
  EXPECT_EQ(principal->scope.place.community, kCommunity10);

  auto audit = Exec(
      "SELECT user_id, login, record_type, record_id, community_id, remote_address, request_id "
      "FROM audit_log WHERE action = 'session.login'");
  ASSERT_EQ(audit.rows.size(), 1u);
  EXPECT_EQ(audit.rows[0].GetInt(0), grid_worker_.id.value());
  EXPECT_EQ(audit.rows[0].GetText(1), "wangfang");
  EXPECT_EQ(audit.rows[0].GetText(2), "session");
  EXPECT_EQ(audit.rows[0].GetText(3), std::to_string(result->principal.session_id.value()));
  EXPECT_EQ(audit.rows[0].GetInt(4), kCommunity10.value());
  EXPECT_EQ(audit.rows[0].GetText(5), "10.0.0.1");
  EXPECT_EQ(audit.rows[0].GetText(6), "req-login");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM login_attempts WHERE succeeded = 1"), 1);
}

TEST_P(AuthServiceTest, LoginIgnoresTheCaseOfTheLogin) {
  auto result = LogIn("WangFang");
  ASSERT_TRUE(result) << result.error().error.message;
  EXPECT_EQ(result->principal.login, "wangfang");
}

TEST_P(AuthServiceTest, EachLoginIsItsOwnSession) {
  auto first = LogIn("wangfang");
  auto second = LogIn("wangfang");
  ASSERT_TRUE(first && second);
  EXPECT_NE(first->token, second->token);
  EXPECT_NE(first->principal.session_id, second->principal.session_id);
}

TEST_P(AuthServiceTest, WrongPasswordAndUnknownLoginLookTheSame) {
  auto wrong = LogIn("wangfang", "incorrect horse");
  auto unknown = LogIn("nobody", "incorrect horse");
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.error().error, unknown.error().error);
  EXPECT_EQ(wrong.error().error.code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.error().error.message, "wrong login or password");
  EXPECT_FALSE(wrong.error().retry_after_seconds.has_value());

  auto audit = Exec(
      "SELECT user_id, login, detail FROM audit_log WHERE action = 'session.login_failed' "
      "ORDER BY id");
  ASSERT_EQ(audit.rows.size(), 2u);
  EXPECT_EQ(audit.rows[0].GetInt(0), grid_worker_.id.value());
  EXPECT_EQ(audit.rows[0].GetText(2), "wrong password");
  EXPECT_TRUE(audit.rows[1].IsNull(0));
  EXPECT_EQ(audit.rows[1].GetText(1), "nobody");
  EXPECT_EQ(audit.rows[1].GetText(2), "unknown login");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sessions"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM login_attempts WHERE succeeded = 0"), 2);
}

TEST_P(AuthServiceTest, LoginThatCannotExistIsRefusedWithoutCounting) {
  for (const std::string& login :
       std::vector<std::string>{"ab", "zhang li", "张丽", std::string(40, 'a')}) {
    auto result = LogIn(login);
    ASSERT_FALSE(result) << login;
    EXPECT_EQ(result.error().error.code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(result.error().error.field, "login");
  }
  auto long_password = LogIn("wangfang", std::string(129, 'x'));
  ASSERT_FALSE(long_password);
  EXPECT_EQ(long_password.error().error.field, "password");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM login_attempts"), 0);
}

TEST_P(AuthServiceTest, TokensAreNeverStoredInPlainText) {
  auto result = LogIn("wangfang");
  ASSERT_TRUE(result);
  const auto token = SessionToken::Parse(result->token);
  ASSERT_TRUE(token);
  const store::Blob raw{{token->bytes().begin(), token->bytes().end()}};
  const TokenHash expected_hash = token->Hash();
  const store::Blob hash{{expected_hash.begin(), expected_hash.end()}};

  auto sessions = Exec("SELECT * FROM sessions");
  ASSERT_EQ(sessions.rows.size(), 1u);
  bool found_hash = false;
  for (std::size_t column = 0; column < sessions.rows[0].size(); ++column) {
    const store::Value& cell = sessions.rows[0].at(column);
    if (const auto* text = std::get_if<std::string>(&cell)) {
      EXPECT_EQ(text->find(result->token), std::string::npos) << sessions.columns[column];
    }
    if (const auto* blob = std::get_if<store::Blob>(&cell)) {
      EXPECT_NE(*blob, raw) << sessions.columns[column];
      found_hash = found_hash || *blob == hash;
    }
  }
  EXPECT_TRUE(found_hash);
  // Nor in the audit log.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE ? OR record_id = ?",
                  {"%" + result->token + "%", result->token}),
            0);
}

TEST_P(AuthServiceTest, PasswordsAreStoredAsArgon2idHashes) {
  auto stored = Exec("SELECT password_hash FROM users WHERE login = 'wangfang'");
  ASSERT_EQ(stored.rows.size(), 1u);
  const std::string& hash = stored.rows[0].GetText(0);
  EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
  EXPECT_EQ(hash.find(kPassword), std::string::npos);
}

TEST_P(AuthServiceTest, LoginUpgradesAHashMadeWithOtherLimits) {
  const std::string before =
      Exec("SELECT password_hash FROM users WHERE login = 'wangfang'").rows[0].GetText(0);
  AuthOptions stronger = Options();
  stronger.password_limits.ops_limit += 1;
  AuthService upgraded(*database_, clock_, stronger);
  ASSERT_TRUE(upgraded.Login({"wangfang", std::string(kPassword), "10.0.0.1", "", "r"}));
  const std::string after =
      Exec("SELECT password_hash FROM users WHERE login = 'wangfang'").rows[0].GetText(0);
  EXPECT_NE(before, after);
  EXPECT_NE(after.find("t=2"), std::string::npos) << after;
  // The upgraded hash still opens the account.
  EXPECT_TRUE(upgraded.Login({"wangfang", std::string(kPassword), "10.0.0.1", "", "r"}));
}

// --- Throttling -----------------------------------------------------------------------------

TEST_P(AuthServiceTest, FiveFailuresLockTheAccountForTheRestOfTheWindow) {
  for (int i = 0; i < 5; ++i) {
    auto failed = LogIn("wangfang", "guess " + std::to_string(i));
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().error.code, ErrorCode::kUnauthenticated);
    clock_.Advance(kMinute);
  }
  // Now 5 minutes after the first failure: even the right password waits 10 more minutes.
  auto locked = LogIn("wangfang");
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().error.code, ErrorCode::kResourceExhausted);
  EXPECT_EQ(locked.error().retry_after_seconds, 10 * 60);
  EXPECT_NE(locked.error().error.message.find("for this account"), std::string::npos);
  EXPECT_NE(locked.error().error.message.find("10 minute"), std::string::npos);
  // Refused attempts are not recorded, so they do not extend the lock.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM login_attempts"), 5);

  // Other accounts from another address are unaffected.
  ASSERT_TRUE(LogIn("admin", std::string(kPassword), "10.0.0.2"));

  clock_.Advance(10 * kMinute - kMicrosPerSecond);
  auto still_locked = LogIn("wangfang");
  ASSERT_FALSE(still_locked);
  EXPECT_EQ(still_locked.error().retry_after_seconds, 1);

  clock_.Advance(kMicrosPerSecond);  // the first failure leaves the window
  EXPECT_TRUE(LogIn("wangfang"));
}

TEST_P(AuthServiceTest, ASuccessResetsTheAccountCount) {
  for (int i = 0; i < 4; ++i) {
    ASSERT_FALSE(LogIn("wangfang", "guess"));
    clock_.Advance(kMicrosPerSecond);
  }
  ASSERT_TRUE(LogIn("wangfang"));
  clock_.Advance(kMicrosPerSecond);
  for (int i = 0; i < 4; ++i) {
    ASSERT_FALSE(LogIn("wangfang", "guess"));
    clock_.Advance(kMicrosPerSecond);
  }
  EXPECT_TRUE(LogIn("wangfang"));
}

TEST_P(AuthServiceTest, UnknownLoginsAreThrottledLikeKnownOnes) {
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(LogIn("nobody", "guess", "10.0.0.9"));
  auto locked = LogIn("nobody", "guess", "10.0.0.8");
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().error.code, ErrorCode::kResourceExhausted);
}

TEST_P(AuthServiceTest, TwentyFailuresFromOneAddressBlockIt) {
  // A sprayer tries four passwords on each of five accounts: no account reaches its limit.
  for (int i = 0; i < 20; ++i) {
    ASSERT_FALSE(LogIn("user" + std::to_string(i % 5), "guess", "203.0.113.7"));
    clock_.Advance(kMicrosPerSecond);
  }
  auto blocked = LogIn("admin", std::string(kPassword), "203.0.113.7");
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().error.code, ErrorCode::kResourceExhausted);
  EXPECT_NE(blocked.error().error.message.find("from this address"), std::string::npos);
  // 20 s passed since the first failure; it leaves the window 15 min after it was made.
  EXPECT_EQ(blocked.error().retry_after_seconds, 15 * 60 - 20);

  // The same account from another address is fine.
  EXPECT_TRUE(LogIn("admin", std::string(kPassword), "198.51.100.1"));

  clock_.Advance(15 * kMinute);
  EXPECT_TRUE(LogIn("admin", std::string(kPassword), "203.0.113.7"));
}

TEST_P(AuthServiceTest, ThrottleLimitsComeFromOptions) {
  AuthOptions strict = Options();
  strict.max_failures_per_login = 2;
  strict.throttle_window = std::chrono::minutes(1);
  AuthService service(*database_, clock_, strict);
  ASSERT_FALSE(service.Login({"wangfang", "x", "1.1.1.1", "", ""}));
  ASSERT_FALSE(service.Login({"wangfang", "x", "1.1.1.1", "", ""}));
  auto locked = service.Login({"wangfang", std::string(kPassword), "1.1.1.1", "", ""});
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().retry_after_seconds, 60);
  clock_.Advance(kMinute);
  EXPECT_TRUE(service.Login({"wangfang", std::string(kPassword), "1.1.1.1", "", ""}));
}

// --- Sessions -------------------------------------------------------------------------------

TEST_P(AuthServiceTest, MalformedAndUnknownTokensAreRefused) {
  for (const std::string& token :
       std::vector<std::string>{"", "short", std::string(43, '!'), std::string(200, 'A')}) {
    auto principal = service_->Authenticate(token);
    ASSERT_FALSE(principal);
    EXPECT_EQ(principal.error().code, ErrorCode::kUnauthenticated);
    EXPECT_NE(principal.error().message.find("malformed"), std::string::npos);
  }
  auto unknown = service_->Authenticate(SessionToken::Generate().ToString());
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(unknown.error().message, "unknown session; sign in again");
}

TEST_P(AuthServiceTest, IdleSessionsEnd) {
  auto login = LogIn("wangfang");
  ASSERT_TRUE(login);
  clock_.Advance(59 * kMinute);
  ASSERT_TRUE(service_->Authenticate(login->token));  // moves last_seen_at
  clock_.Advance(59 * kMinute);
  ASSERT_TRUE(service_->Authenticate(login->token));
  clock_.Advance(60 * kMinute);
  auto idle = service_->Authenticate(login->token);
  ASSERT_FALSE(idle);
  EXPECT_EQ(idle.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(idle.error().message,
            "the session ended after 60 minutes without activity; sign in again");
}

TEST_P(AuthServiceTest, SessionsExpireAfterTheirLifetimeHoweverActive) {
  auto login = LogIn("wangfang");
  ASSERT_TRUE(login);
  for (int i = 0; i < 23; ++i) {
    clock_.Advance(30 * kMinute);
    ASSERT_TRUE(service_->Authenticate(login->token)) << "after " << (i + 1) * 30 << " min";
  }
  clock_.Advance(30 * kMinute);  // 12 h
  auto expired = service_->Authenticate(login->token);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().message, "the session expired; sign in again");
}

TEST_P(AuthServiceTest, LastSeenMovesAtMostOnceAMinute) {
  auto login = LogIn("wangfang");
  ASSERT_TRUE(login);
  const std::vector<store::Value> id = {login->principal.session_id.value()};
  auto last_seen = [&] { return Count("SELECT last_seen_at FROM sessions WHERE id = ?", id); };
  clock_.Advance(30 * kMicrosPerSecond);
  ASSERT_TRUE(service_->Authenticate(login->token));
  EXPECT_EQ(last_seen(), kStart);
  clock_.Advance(30 * kMicrosPerSecond);
  ASSERT_TRUE(service_->Authenticate(login->token));
  EXPECT_EQ(last_seen(), kStart + kMinute);
  clock_.Advance(10 * kMicrosPerSecond);
  ASSERT_TRUE(service_->Authenticate(login->token));
  EXPECT_EQ(last_seen(), kStart + kMinute);
}

TEST_P(AuthServiceTest, LogoutRevokesAtOnce) {
  auto login = LogIn("wangfang");
  ASSERT_TRUE(login);
  auto other = LogIn("wangfang");  // another browser
  ASSERT_TRUE(other);
  ASSERT_TRUE(service_->Logout(login->principal, kOrigin));
  auto after = service_->Authenticate(login->token);
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().message, "this session was signed out; sign in again");
  EXPECT_TRUE(service_->Authenticate(other->token));  // only the one session ends
  EXPECT_EQ(AuditCount("session.logout"), 1);

  // Signing out again succeeds and writes nothing.
  ASSERT_TRUE(service_->Logout(login->principal, kOrigin));
  EXPECT_EQ(AuditCount("session.logout"), 1);
}

// --- Disabled accounts ----------------------------------------------------------------------

TEST_P(AuthServiceTest, DisablingSignsOutAndStopsLogins) {
  const Principal admin = SignedIn("admin");
  auto session = LogIn("wangfang");
  ASSERT_TRUE(session);

  auto disabled = service_->SetUserDisabled(admin, grid_worker_.id, true, kOrigin);
  ASSERT_TRUE(disabled) << disabled.error().message;
  EXPECT_TRUE(disabled->disabled);
  EXPECT_FALSE(service_->Authenticate(session->token));

  auto refused = LogIn("wangfang");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().error.code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(refused.error().error.message, "this account is disabled");
  // A wrong password does not learn that the account is disabled.
  auto guessed = LogIn("wangfang", "guess");
  ASSERT_FALSE(guessed);
  EXPECT_EQ(guessed.error().error.message, "wrong login or password");

  auto audit = Exec("SELECT login, detail FROM audit_log WHERE action = 'user.disable'");
  ASSERT_EQ(audit.rows.size(), 1u);
  EXPECT_EQ(audit.rows[0].GetText(0), "admin");
  EXPECT_EQ(audit.rows[0].GetText(1), "sessions_revoked=1");

  ASSERT_TRUE(service_->SetUserDisabled(admin, grid_worker_.id, false, kOrigin));
  EXPECT_TRUE(LogIn("wangfang"));
  EXPECT_EQ(AuditCount("user.enable"), 1);
}

TEST_P(AuthServiceTest, DisabledAccountsFailAuthenticateEvenWithALiveSession) {
  auto session = LogIn("wangfang");
  ASSERT_TRUE(session);
  // Disabled behind the service's back (e.g. by another server): the join still sees it.
  Exec("UPDATE users SET disabled = 1 WHERE login = 'wangfang'");
  auto principal = service_->Authenticate(session->token);
  ASSERT_FALSE(principal);
  EXPECT_EQ(principal.error().message, "this account is disabled");
}

TEST_P(AuthServiceTest, OnlyManagersDisableAndNobodyDisablesThemselves) {
  const Principal admin = SignedIn("admin");
  const Principal worker = SignedIn("wangfang");
  auto denied = service_->SetUserDisabled(worker, admin_user_.id, true, kOrigin);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
  auto self = service_->SetUserDisabled(admin, admin_user_.id, true, kOrigin);
  ASSERT_FALSE(self);
  EXPECT_EQ(self.error().code, ErrorCode::kInvalidArgument);
  auto missing = service_->SetUserDisabled(admin, UserId(999), true, kOrigin);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

// --- Adding users ---------------------------------------------------------------------------

TEST_P(AuthServiceTest, AdminAddsAUserAndTheAuditSaysWho) {
  const Principal admin = SignedIn("admin");
  auto user =
      service_->AddUser(admin,
                        NewUser{"LiWei", "  李伟 ", "社区工作真的很重要", Role::kCommunityWorker,
                                CommunityScope(kStreet1, kCommunity11)},
                        {"10.0.0.5", "req-42"});
  ASSERT_TRUE(user) << user.error().message;
  EXPECT_EQ(user->login, "liwei");
  EXPECT_EQ(user->display_name, "李伟");
  EXPECT_EQ(user->scope.place.community, kCommunity11);
  EXPECT_EQ(user->created_at, kStart);
  EXPECT_FALSE(user->disabled);

  auto audit = Exec(
      "SELECT user_id, login, record_id, community_id, remote_address, request_id, detail "
      "FROM audit_log WHERE action = 'user.create' AND record_id = ?",
      {std::to_string(user->id.value())});
  ASSERT_EQ(audit.rows.size(), 1u);
  EXPECT_EQ(audit.rows[0].GetInt(0), admin.user_id.value());
  EXPECT_EQ(audit.rows[0].GetText(1), "admin");
  EXPECT_EQ(audit.rows[0].GetInt(3), kCommunity11.value());
  EXPECT_EQ(audit.rows[0].GetText(4), "10.0.0.5");
  EXPECT_EQ(audit.rows[0].GetText(5), "req-42");
  EXPECT_EQ(audit.rows[0].GetText(6), "role=community_worker scope=community:11");

  EXPECT_TRUE(LogIn("liwei", "社区工作真的很重要"));
}

TEST_P(AuthServiceTest, SystemAddsAreAuditedAsSystem) {
  auto audit = Exec(
      "SELECT user_id, login, request_id FROM audit_log WHERE action = 'user.create' "
      "AND record_id = ?",
      {std::to_string(admin_user_.id.value())});
  ASSERT_EQ(audit.rows.size(), 1u);
  EXPECT_TRUE(audit.rows[0].IsNull(0));
  EXPECT_EQ(audit.rows[0].GetText(1), "system");
  EXPECT_EQ(audit.rows[0].GetText(2), "cli");
}

TEST_P(AuthServiceTest, OnlyManagersAddUsers) {
  const Principal worker = SignedIn("wangfang");
  auto denied = service_->AddUser(worker,
                                  NewUser{"neighbour", "邻居", std::string(kPassword),
                                          Role::kResident, CommunityScope(kStreet1, kCommunity10)},
                                  kOrigin);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users WHERE login = 'neighbour'"), 0);
}

struct BadUserCase {
  std::string name;
  NewUser user;
  ErrorCode code;
  std::string field;
};

class AddUserValidationTest
    : public AuthServiceFixture,
      public testing::WithParamInterface<std::tuple<store::Backend, BadUserCase>> {
 protected:
  void SetUp() override { SetUpService(std::get<0>(GetParam())); }
};

TEST_P(AddUserValidationTest, NamesTheField) {
  const BadUserCase& bad = std::get<1>(GetParam());
  const std::int64_t users_before = Count("SELECT COUNT(*) FROM users");
  const std::int64_t audit_before = Count("SELECT COUNT(*) FROM audit_log");
  auto result = service_->AddUserAsSystem(bad.user, kOrigin);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, bad.code) << result.error().message;
  EXPECT_EQ(result.error().field, bad.field) << result.error().message;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users"), users_before);
  // A refused add leaves no audit row: nothing happened.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), audit_before);
}

NewUser Valid() {
  return NewUser{"zhaolei", "赵磊", "a good password", Role::kGridWorker,
                 GridScope(StreetId(1), CommunityId(10), GridId(100))};
}
NewUser With(const std::function<void(NewUser&)>& change) {
  NewUser user = Valid();
  change(user);
  return user;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, AddUserValidationTest,
    testing::Combine(
        testing::Values(store::Backend::kSqlite, store::Backend::kPostgres),
        testing::Values(
            BadUserCase{"ShortLogin", With([](NewUser& u) { u.login = "zl"; }),
                        ErrorCode::kInvalidArgument, "login"},
            BadUserCase{"LoginWithSpace", With([](NewUser& u) { u.login = "zhao lei"; }),
                        ErrorCode::kInvalidArgument, "login"},
            BadUserCase{"TakenLogin", With([](NewUser& u) { u.login = "WangFang"; }),
                        ErrorCode::kConflict, "login"},
            BadUserCase{"EmptyDisplayName", With([](NewUser& u) { u.display_name = " \u3000 "; }),
                        ErrorCode::kInvalidArgument, "display_name"},
            BadUserCase{"ShortPassword", With([](NewUser& u) { u.password = "1234567"; }),
                        ErrorCode::kInvalidArgument, "password"},
            BadUserCase{"GridWorkerWithCommunityScope", With([](NewUser& u) {
                          u.scope = CommunityScope(StreetId(1), CommunityId(10));
                        }),
                        ErrorCode::kInvalidArgument, "scope"},
            BadUserCase{"CommunityWorkerWithGridScope",
                        With([](NewUser& u) { u.role = Role::kCommunityWorker; }),
                        ErrorCode::kInvalidArgument, "scope"},
            BadUserCase{"StreetAdminWithCommunityScope", With([](NewUser& u) {
                          u.role = Role::kStreetAdmin;
                          u.scope = CommunityScope(StreetId(1), CommunityId(10));
                        }),
                        ErrorCode::kInvalidArgument, "scope"},
            BadUserCase{"NoSuchStreet", With([](NewUser& u) {
                          u.role = Role::kStreetAdmin;
                          u.scope = StreetScope(StreetId(9));
                        }),
                        ErrorCode::kInvalidArgument, "street_id"},
            BadUserCase{"NoSuchCommunity",
                        With([](NewUser& u) { u.scope.place.community = CommunityId(99); }),
                        ErrorCode::kInvalidArgument, "community_id"},
            BadUserCase{"CommunityOfAnotherStreet", With([](NewUser& u) {
                          u.scope = GridScope(StreetId(1), CommunityId(20), GridId(200));
                        }),
                        ErrorCode::kInvalidArgument, "community_id"},
            BadUserCase{"GridOfAnotherCommunity",
                        With([](NewUser& u) { u.scope.place.grid = GridId(200); }),
                        ErrorCode::kInvalidArgument, "grid_id"},
            BadUserCase{"NoSuchGrid", With([](NewUser& u) { u.scope.place.grid = GridId(999); }),
                        ErrorCode::kInvalidArgument, "grid_id"})),
    [](const testing::TestParamInfo<std::tuple<store::Backend, BadUserCase>>& info) {
      return std::get<1>(info.param).name + "_" +
             std::string(store::BackendName(std::get<0>(info.param)));
    });

TEST_P(AuthServiceTest, TheSchemaRefusesScopesThatDoNotNest) {
  // The service checks first; the composite foreign keys stop any other writer.
  auto connection = database_->Acquire();
  ASSERT_TRUE(connection);
  auto inserted = (*connection)
                      ->Query(
                          "INSERT INTO users (login, display_name, password_hash, role, "
                          "scope_kind, street_id, community_id, grid_id, created_at, updated_at) "
                          "VALUES ('x1', 'x', 'h', 'grid_worker', 'grid', 1, 10, 200, 0, 0)");
  ASSERT_FALSE(inserted);
  EXPECT_EQ(inserted.error().code, ErrorCode::kConflict);
  auto street_mismatch =
      (*connection)
          ->Query(
              "INSERT INTO users (login, display_name, password_hash, role, scope_kind, "
              "street_id, community_id, created_at, updated_at) "
              "VALUES ('x2', 'x', 'h', 'community_worker', 'community', 2, 10, 0, 0)");
  ASSERT_FALSE(street_mismatch);
  auto kind_mismatch =
      (*connection)
          ->Query(
              "INSERT INTO users (login, display_name, password_hash, role, scope_kind, "
              "street_id, community_id, created_at, updated_at) "
              "VALUES ('x3', 'x', 'h', 'community_worker', 'street', 1, 10, 0, 0)");
  ASSERT_FALSE(kind_mismatch);
}

// --- Listing and names ----------------------------------------------------------------------

TEST_P(AuthServiceTest, AdminListsUsersOthersMayNot) {
  auto users = service_->ListUsers(SignedIn("admin"));
  ASSERT_TRUE(users) << users.error().message;
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].login, "admin");  // ordered by login
  EXPECT_EQ((*users)[1].login, "wangfang");
  EXPECT_EQ((*users)[1].role, Role::kGridWorker);

  auto denied = service_->ListUsers(SignedIn("wangfang"));
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
}

TEST_P(AuthServiceTest, ScopeNameReadsFromTheStreetDown) {
  EXPECT_EQ(service_->ScopeName(GridScope(kStreet1, kCommunity10, kGrid101)).value(),
            "东华门街道 / 多福巷社区 / 第二网格");
  EXPECT_EQ(service_->ScopeName(CommunityScope(kStreet2, kCommunity20)).value(),
            "景山街道 / 吉祥社区");
  EXPECT_EQ(service_->ScopeName(StreetScope(kStreet1)).value(), "东华门街道");
  auto missing = service_->ScopeName(StreetScope(StreetId(42)));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

// --- The audit screen -----------------------------------------------------------------------

TEST_P(AuthServiceTest, StreetAdminsSeeTheirStreetsAuditOnly) {
  AddUser("jingshan", Role::kCommunityWorker, CommunityScope(kStreet2, kCommunity20));
  AddUser("donghua", Role::kStreetAdmin, StreetScope(kStreet1));
  ASSERT_TRUE(LogIn("jingshan"));
  ASSERT_TRUE(LogIn("wangfang"));

  auto everything = service_->ListAuditEntries(SignedIn("admin"), AuditQuery{});
  ASSERT_TRUE(everything) << everything.error().message;
  EXPECT_EQ(everything->front().action, "session.login");  // newest first
  EXPECT_EQ(everything->front().login, "admin");

  AuditQuery logins;
  logins.action = "session.login";
  logins.street_id = kStreet2;  // asks for the other street: the caller's scope replaces it
  auto street1 = service_->ListAuditEntries(SignedIn("donghua"), logins);
  ASSERT_TRUE(street1) << street1.error().message;
  std::set<std::string> logins_seen;
  for (const AuditEntry& entry : *street1) logins_seen.insert(entry.login);
  EXPECT_EQ(logins_seen, (std::set<std::string>{"admin", "donghua", "wangfang"}));

  AuditQuery other_community;
  other_community.community_id = kCommunity20;  // in street 2: nothing for street 1's admin
  auto none = service_->ListAuditEntries(SignedIn("donghua"), other_community);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());

  auto denied = service_->ListAuditEntries(SignedIn("wangfang"), AuditQuery{});
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
}

// --- Housekeeping ---------------------------------------------------------------------------

TEST_P(AuthServiceTest, PurgeDeletesWhatNoLongerCounts) {
  ASSERT_FALSE(LogIn("wangfang", "guess"));
  auto session = LogIn("wangfang");
  ASSERT_TRUE(session);
  auto purged = service_->PurgeExpired();
  ASSERT_TRUE(purged);
  EXPECT_EQ(purged->login_attempts, 0);
  EXPECT_EQ(purged->sessions, 0);

  clock_.Advance(Instant{13} * 60 * kMinute);
  purged = service_->PurgeExpired();
  ASSERT_TRUE(purged);
  EXPECT_EQ(purged->login_attempts, 2);
  EXPECT_EQ(purged->sessions, 0);  // expired, but kept a day for the record

  clock_.Advance(Instant{24} * 60 * kMinute);
  purged = service_->PurgeExpired();
  ASSERT_TRUE(purged);
  EXPECT_EQ(purged->sessions, 1);
  EXPECT_GT(Count("SELECT COUNT(*) FROM audit_log"), 0);  // the audit log is never purged
}

}  // namespace
}  // namespace shequ::auth
