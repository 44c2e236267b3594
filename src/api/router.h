// The route table: each route registered once as a RouteSpec (method, "/api/v1/users/{id}",
// access, permission, OpenAPI notes, handler), and the dispatch of a Request to its handler.
//
// Before an authenticated route's handler runs, the router asks the Authenticator for the caller
// (401 when it fails) and checks the route's permission (403). Unmatched paths answer 404, a path
// that exists under other methods 405 with Allow; GET/HEAD outside /api/ may go to a fallback
// (the static UI). Register every route before serving; after that the router is read-only and
// Dispatch() is thread-safe.
#pragma once

#include <array>
#include <deque>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "api/http_types.h"
#include "auth/permissions.h"
#include "auth/principal.h"
#include "base/error.h"

namespace shequ::api {

enum class Access {
  kPublic,         // anyone: health, login, the OpenAPI document
  kAuthenticated,  // a signed-in caller (Authorization: Bearer, or the shequ_session cookie)
};

// What a handler gets: the request, and for authenticated routes the caller.
class RequestContext {
 public:
  RequestContext(Request& request, std::optional<auth::Principal> principal)
      : request_(request), principal_(std::move(principal)) {}

  Request& request() { return request_; }
  const Request& request() const { return request_; }
  bool authenticated() const { return principal_.has_value(); }
  // The caller. Precondition: authenticated(), always true in a kAuthenticated route's handler;
  // otherwise throws std::logic_error (a bug, answered 500).
  const auth::Principal& principal() const {
    if (!principal_) ThrowNoPrincipal();
    return *principal_;
  }

  // The scope check a handler makes on the record it is about to touch: the caller's role must
  // hold `permission` and `place` must lie inside the caller's scope. kUnauthenticated on a
  // public route without a caller.
  Status Authorize(auth::Permission permission, const auth::Place& place) const;

 private:
  [[noreturn]] static void ThrowNoPrincipal();

  Request& request_;
  std::optional<auth::Principal> principal_;
};

// The cookie that carries a browser session, read when there is no Authorization field.
inline constexpr std::string_view kSessionCookie = "shequ_session";

using Handler = std::function<Response(RequestContext&)>;
// Who is calling, from `Authorization: Bearer <token>` or the shequ_session cookie. Called on an
// io thread for every authenticated request: must be thread-safe.
using Authenticator = std::function<Result<auth::Principal>(const Request&)>;
using FallbackHandler = std::function<Response(const Request&)>;

struct RouteSpec {
  Method method = Method::kGet;
  std::string path;  // "/api/v1/users/{id}": literal segments and whole-segment {parameters}
  std::string summary;
  Access access = Access::kAuthenticated;
  std::optional<auth::Permission> permission;  // checked by the router before the handler
  std::string tag;                             // OpenAPI tag: the module ("auth", "registry")

  // OpenAPI notes, all optional.
  nlohmann::json request_schema;   // schema of the JSON body (see JsonSchemaOf); null for none
  nlohmann::json response_schema;  // schema of the success body; null for none
  int success_status = 200;
  std::string response_description = "OK";

  bool quiet = false;  // access log at debug level (health checks, metrics scrapes)
  Handler handler;
};

class Router {
 public:
  static constexpr int kUnmatched = -1;  // route index of a request no route answered
  static constexpr int kFallback = -2;   // route index of a request the fallback answered

  Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Registers a route. Throws std::logic_error on a programming error: a malformed pattern, a
  // duplicate method + pattern, or no handler.
  void Add(RouteSpec spec);

  // The caller of authenticated routes; without one they all answer 401.
  void SetAuthenticator(Authenticator authenticator);
  // GET and HEAD requests outside /api/ that no route matches (the static UI).
  void SetFallback(FallbackHandler fallback);

  // Every route, in registration order; a route's index here is its id in Dispatch().
  const std::deque<RouteSpec>& routes() const { return routes_; }

  // The index of the route that `method` + `path` would reach (HEAD reaches GET), or kUnmatched.
  // Fills `params` when given.
  int Match(Method method, std::string_view path, std::vector<PathParameter>* params) const;

  // Answers `request`: authentication, permission, handler, and the error responses around them.
  // A handler's exception becomes a logged 500. `route_index` receives the route index, kFallback
  // or kUnmatched.
  Response Dispatch(Request& request, int* route_index = nullptr) const;

 private:
  struct Node {
    std::vector<std::pair<std::string, int>> literals;  // segment → child node
    int parameter = -1;                                 // the {parameter} child node
    std::array<int, kMethodCount> routes;               // route index per method, -1 for none
  };

  // The node reached by `segments` that has a route for `method_index` (any method when -1), or
  // -1; literal segments win over parameters.
  int FindNode(int node, std::span<const std::string_view> segments, int method_index) const;
  int NewNode();
  Response Invoke(const RouteSpec& route, Request& request) const;

  std::deque<RouteSpec> routes_;  // a deque: path parameter names point into the patterns
  std::vector<Node> nodes_;
  Authenticator authenticator_;
  FallbackHandler fallback_;
};

}  // namespace shequ::api
