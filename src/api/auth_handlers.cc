// HTTP for auth/: sign in and out, who am I, accounts, the audit log. JSON ↔ AuthService only.
#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "api/app_services.h"
#include "api/json_body.h"
#include "api/json_mapping.h"
#include "registry/place_repository.h"

namespace shequ::api {
namespace {

constexpr JsonField kLoginFields[] = {{"login", JsonType::kString},
                                      {"password", JsonType::kString}};

constexpr JsonField kNewUserFields[] = {
    {"login", JsonType::kString},      {"display_name", JsonType::kString},
    {"password", JsonType::kString},   {"role", JsonType::kString},
    {"scope_kind", JsonType::kString}, {"scope_id", JsonType::kInteger},
};

std::string SessionCookie(std::string_view token, int max_age_seconds) {
  // HttpOnly keeps the token away from scripts; SameSite=Strict keeps other sites from using it
  // (CSRF). Add Secure at the TLS-terminating proxy, which knows whether the link is HTTPS.
  return fmt::format("shequ_session={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}", token,
                     max_age_seconds);
}

Response Login(const AppServices& services, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.request(), kLoginFields);
  if (!body) return Response::Error(body.error());
  const Request& request = ctx.request();
  auth::LoginRequest login{
      .login = (*body)["login"].get<std::string>(),
      .password = (*body)["password"].get<std::string>(),
      .remote_address = request.remote_address,
      .user_agent = std::string(request.Header("User-Agent").value_or("")),
      .request_id = request.request_id,
  };
  auto outcome = services.auth.Login(login);
  if (!outcome) {
    Response response = Response::Error(outcome.error().error);
    if (outcome.error().retry_after_seconds) {
      response.headers.Set("Retry-After", std::to_string(*outcome.error().retry_after_seconds));
    }
    return response;
  }
  Response response = Response::Json(200, {{"token", outcome->token},
                                           {"expires_at", FormatShanghai(outcome->expires_at)},
                                           {"user", PrincipalJson(outcome->principal)}});
  const auto max_age = (outcome->expires_at - services.clock.Now()) / kMicrosPerSecond;
  response.headers.Add("Set-Cookie", SessionCookie(outcome->token, static_cast<int>(max_age)));
  response.headers.Set("Cache-Control", "no-store");
  return response;
}

Response Logout(const AppServices& services, RequestContext& ctx) {
  if (auto status = services.auth.Logout(ctx.principal(), OriginOf(ctx.request())); !status) {
    return Response::Error(status.error());
  }
  Response response = Response::NoContent();
  response.headers.Add("Set-Cookie", SessionCookie("", 0));
  return response;
}

Response Me(RequestContext& ctx) { return Response::Json(200, PrincipalJson(ctx.principal())); }

Response ListUsers(const AppServices& services, RequestContext& ctx) {
  auto users = services.auth.ListUsers(ctx.principal());
  if (!users) return Response::Error(users.error());
  // Many accounts share a scope: name each scope once.
  std::map<std::tuple<int, std::int64_t, std::int64_t, std::int64_t>, std::string> scope_names;
  nlohmann::json list = nlohmann::json::array();
  for (const auto& user : *users) {
    const auto& place = user.scope.place;
    const auto key = std::make_tuple(static_cast<int>(user.scope.kind), place.street.value(),
                                     place.community.value(), place.grid.value());
    auto known = scope_names.find(key);
    if (known == scope_names.end()) {
      auto name = services.auth.ScopeName(user.scope);
      if (!name) return Response::Error(name.error());
      known = scope_names.emplace(key, std::move(*name)).first;
    }
    list.push_back(UserJson(user, known->second));
  }
  return Response::Json(200, {{"users", std::move(list)}});
}

Response CreateUser(const AppServices& services, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.request(), kNewUserFields);
  if (!body) return Response::Error(body.error());
  const auto role = auth::ParseRole((*body)["role"].get<std::string>());
  if (!role) return Response::Error(Error{ErrorCode::kInvalidArgument, "unknown role", "role"});
  const auto scope_kind = auth::ParseScopeKind((*body)["scope_kind"].get<std::string>());
  if (!scope_kind) {
    return Response::Error(Error{ErrorCode::kInvalidArgument,
                                 "scope_kind must be street, community or grid", "scope_kind"});
  }
  // The connection goes back to the pool before AddUser, which borrows its own.
  auto scope = [&]() -> Result<auth::Scope> {
    auto connection = services.database.Acquire();
    SHEQU_RETURN_IF_ERROR(connection);
    return registry::ResolveScope(**connection, *scope_kind,
                                  (*body)["scope_id"].get<std::int64_t>());
  }();
  if (!scope) return Response::Error(scope.error());
  auth::NewUser user{
      .login = (*body)["login"].get<std::string>(),
      .display_name = (*body)["display_name"].get<std::string>(),
      .password = (*body)["password"].get<std::string>(),
      .role = *role,
      .scope = *scope,
  };
  auto created = services.auth.AddUser(ctx.principal(), user, OriginOf(ctx.request()));
  if (!created) return Response::Error(created.error());
  auto scope_name = services.auth.ScopeName(created->scope);
  if (!scope_name) return Response::Error(scope_name.error());
  return Response::Json(201, UserJson(*created, *scope_name));
}

Response ListAudit(const AppServices& services, RequestContext& ctx) {
  auth::AuditQuery query;
  if (const auto limit = ctx.request().QueryParam("limit")) {
    auto parsed = ParseQueryInt(*limit, "limit");
    if (!parsed) return Response::Error(parsed.error());
    query.limit = static_cast<int>(std::clamp<std::int64_t>(*parsed, 1, 500));
  }
  if (const auto before = ctx.request().QueryParam("before_id")) {
    auto parsed = ParseQueryInt(*before, "before_id");
    if (!parsed) return Response::Error(parsed.error());
    query.before_id = *parsed;
  }
  if (const auto action = ctx.request().QueryParam("action")) query.action = *action;
  auto entries = services.auth.ListAuditEntries(ctx.principal(), query);
  if (!entries) return Response::Error(entries.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& entry : *entries) list.push_back(AuditEntryJson(entry));
  return Response::Json(200, {{"entries", std::move(list)}});
}

}  // namespace

void RegisterAuthRoutes(Router& router, const AppServices& services) {
  const AppServices* s = &services;
  router.Add({.method = Method::kPost,
              .path = "/api/v1/auth/login",
              .summary = "Sign in with login and password; returns a session token and sets the "
                         "shequ_session cookie",
              .access = Access::kPublic,
              .tag = "auth",
              .request_schema = JsonSchemaOf(kLoginFields),
              .response_schema = LoginResponseSchema(),
              .handler = [s](RequestContext& ctx) { return Login(*s, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/auth/logout",
              .summary = "Sign the current session out",
              .permission = auth::Permission::kReadOwnAccount,
              .tag = "auth",
              .success_status = 204,
              .response_description = "signed out",
              .handler = [s](RequestContext& ctx) { return Logout(*s, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/me",
              .summary = "The signed-in user, with role and scope",
              .permission = auth::Permission::kReadOwnAccount,
              .tag = "auth",
              .response_schema = UserSchema(),
              .handler = [](RequestContext& ctx) { return Me(ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/users",
              .summary = "Accounts the caller may see (admin)",
              .permission = auth::Permission::kReadUsers,
              .tag = "auth",
              .handler = [s](RequestContext& ctx) { return ListUsers(*s, ctx); }});
  router.Add({.method = Method::kPost,
              .path = "/api/v1/users",
              .summary = "Create an account (admin)",
              .permission = auth::Permission::kManageUsers,
              .tag = "auth",
              .request_schema = JsonSchemaOf(kNewUserFields),
              .response_schema = UserSchema(),
              .success_status = 201,
              .response_description = "created",
              .handler = [s](RequestContext& ctx) { return CreateUser(*s, ctx); }});
  router.Add({.method = Method::kGet,
              .path = "/api/v1/audit",
              .summary = "The audit log, newest first (?limit=&before_id=&action=)",
              .permission = auth::Permission::kReadAuditLog,
              .tag = "auth",
              .handler = [s](RequestContext& ctx) { return ListAudit(*s, ctx); }});
}

}  // namespace shequ::api
