#include "api/router.h"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <stdexcept>

#include "api/error_response.h"

namespace shequ::api {
namespace {

constexpr std::size_t kMaxSegments = 32;

// Splits "/a/b/c" into {"a","b","c"} ("/" into none). False when the path does not start with '/'
// or has too many segments.
bool SplitPath(std::string_view path, std::array<std::string_view, kMaxSegments>& segments,
               std::size_t& count) {
  count = 0;
  if (path.empty() || path.front() != '/') return false;
  path.remove_prefix(1);
  if (path.empty()) return true;
  while (true) {
    if (count == kMaxSegments) return false;
    const std::size_t slash = path.find('/');
    segments[count++] = path.substr(0, slash);
    if (slash == std::string_view::npos) return true;
    path.remove_prefix(slash + 1);
  }
}

bool IsParameter(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

bool IsValidParameterName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

bool IsApiPath(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

}  // namespace

void RequestContext::ThrowNoPrincipal() {
  throw std::logic_error("principal() called in a public route's handler");
}

Status RequestContext::Authorize(auth::Permission permission, const auth::Place& place) const {
  if (!principal_) return Unauthenticated("sign in first");
  return auth::Authorize(*principal_, permission, place);
}

Router::Router() { NewNode(); }

int Router::NewNode() {
  Node node;
  node.routes.fill(-1);
  nodes_.push_back(std::move(node));
  return static_cast<int>(nodes_.size()) - 1;
}

void Router::Add(RouteSpec spec) {
  if (!spec.handler) throw std::logic_error(fmt::format("route {} has no handler", spec.path));
  if (spec.method == Method::kOther) {
    throw std::logic_error(fmt::format("route {} has no method", spec.path));
  }
  std::array<std::string_view, kMaxSegments> segments;
  std::size_t count = 0;
  if (!SplitPath(spec.path, segments, count)) {
    throw std::logic_error(fmt::format("malformed route pattern {}", spec.path));
  }
  std::vector<std::string_view> names;
  int node = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view segment = segments[i];
    if (IsParameter(segment)) {
      const std::string_view name = segment.substr(1, segment.size() - 2);
      if (!IsValidParameterName(name) ||
          std::find(names.begin(), names.end(), name) != names.end()) {
        throw std::logic_error(fmt::format("bad parameter in route pattern {}", spec.path));
      }
      names.push_back(name);
      if (nodes_[node].parameter < 0) {
        const int child = NewNode();
        nodes_[node].parameter = child;
      }
      node = nodes_[node].parameter;
      continue;
    }
    if (segment.empty() || segment.find_first_of("{}?#%") != std::string_view::npos) {
      throw std::logic_error(fmt::format("malformed route pattern {}", spec.path));
    }
    int child = -1;
    for (const auto& [literal, index] : nodes_[node].literals) {
      if (literal == segment) child = index;
    }
    if (child < 0) {
      child = NewNode();
      nodes_[node].literals.emplace_back(std::string(segment), child);
    }
    node = child;
  }
  int& slot = nodes_[node].routes[static_cast<int>(spec.method)];
  if (slot >= 0) {
    throw std::logic_error(
        fmt::format("route {} {} registered twice", MethodName(spec.method), spec.path));
  }
  slot = static_cast<int>(routes_.size());
  routes_.push_back(std::move(spec));
}

void Router::SetAuthenticator(Authenticator authenticator) {
  authenticator_ = std::move(authenticator);
}

void Router::SetFallback(FallbackHandler fallback) { fallback_ = std::move(fallback); }

int Router::FindNode(int node, std::span<const std::string_view> segments, int method_index) const {
  const Node& current = nodes_[node];
  if (segments.empty()) {
    if (method_index >= 0) return current.routes[method_index] >= 0 ? node : -1;
    for (int route : current.routes) {
      if (route >= 0) return node;
    }
    return -1;
  }
  const std::string_view segment = segments.front();
  for (const auto& [literal, child] : current.literals) {
    if (literal != segment) continue;
    const int found = FindNode(child, segments.subspan(1), method_index);
    if (found >= 0) return found;
    break;
  }
  if (current.parameter >= 0 && !segment.empty()) {
    return FindNode(current.parameter, segments.subspan(1), method_index);
  }
  return -1;
}

int Router::Match(Method method, std::string_view path, std::vector<PathParameter>* params) const {
  std::array<std::string_view, kMaxSegments> storage;
  std::size_t count = 0;
  if (!SplitPath(path, storage, count)) return kUnmatched;
  const std::span<const std::string_view> segments(storage.data(), count);

  Method effective = method;
  int node = FindNode(0, segments, static_cast<int>(method));
  if (node < 0 && method == Method::kHead) {
    effective = Method::kGet;
    node = FindNode(0, segments, static_cast<int>(effective));
  }
  if (node < 0) return kUnmatched;
  const int route = nodes_[node].routes[static_cast<int>(effective)];

  if (params != nullptr) {
    params->clear();
    std::array<std::string_view, kMaxSegments> pattern;
    std::size_t pattern_count = 0;
    SplitPath(routes_[route].path, pattern, pattern_count);
    for (std::size_t i = 0; i < pattern_count; ++i) {
      if (!IsParameter(pattern[i])) continue;
      std::optional<std::string> value = PercentDecode(segments[i], /*plus_as_space=*/false);
      // A malformed escape is passed on as sent; the handler's parsing of it fails with 400.
      params->push_back({pattern[i].substr(1, pattern[i].size() - 2),
                         value ? std::move(*value) : std::string(segments[i])});
    }
  }
  return route;
}

Response Router::Invoke(const RouteSpec& route, Request& request) const {
  std::optional<auth::Principal> principal;
  if (route.access == Access::kAuthenticated) {
    Result<auth::Principal> caller =
        authenticator_ ? authenticator_(request)
                       : Result<auth::Principal>(Unauthenticated("sign-in is not configured"));
    if (!caller) {
      Response response = Response::Error(caller.error());
      if (response.status == 401) response.headers.Set("WWW-Authenticate", "Bearer");
      return response;
    }
    if (route.permission) {
      if (Status allowed = auth::Authorize(*caller, *route.permission); !allowed) {
        return Response::Error(allowed.error());
      }
    }
    principal = std::move(*caller);
  }
  RequestContext context(request, std::move(principal));
  return route.handler(context);
}

Response Router::Dispatch(Request& request, int* route_index) const {
  internal::ScopedRequestId scoped_id(request.request_id);
  int index = kUnmatched;
  Response response;
  try {
    index = Match(request.method, request.path, &request.path_params);
    if (index >= 0) {
      response = Invoke(routes_[index], request);
    } else {
      std::array<std::string_view, kMaxSegments> storage;
      std::size_t count = 0;
      const int node = SplitPath(request.path, storage, count)
                           ? FindNode(0, std::span(storage.data(), count), -1)
                           : -1;
      if (node >= 0) {
        std::string allowed;
        for (int m = 0; m < kMethodCount; ++m) {
          if (nodes_[node].routes[m] < 0) continue;
          if (!allowed.empty()) allowed += ", ";
          allowed += MethodName(static_cast<Method>(m));
          if (static_cast<Method>(m) == Method::kGet &&
              nodes_[node].routes[static_cast<int>(Method::kHead)] < 0) {
            allowed += ", HEAD";
          }
        }
        response = MethodNotAllowedResponse(std::move(allowed));
      } else if (fallback_ && (request.method == Method::kGet || request.method == Method::kHead) &&
                 !IsApiPath(request.path)) {
        index = kFallback;
        response = fallback_(request);
      } else {
        response = Response::Error(RouteNotFound());
      }
    }
  } catch (const std::exception& exception) {
    response = Response::Error(
        HttpError{500, "internal", fmt::format("handler threw: {}", exception.what()), {}});
  } catch (...) {
    response = Response::Error(HttpError{500, "internal", "handler threw a non-exception", {}});
  }
  if (route_index != nullptr) *route_index = index;
  return response;
}

}  // namespace shequ::api
