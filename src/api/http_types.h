// Plain HTTP values that handlers see: a Request read from the wire, a Response to send back.
//
// The server fills a Request, the router adds the path parameters, a handler returns a Response;
// no Beast or Asio type appears here. Both are plain values used by one io thread at a time:
// safe to move between threads, not to share without synchronisation.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.h"

namespace shequ::api {

struct HttpError;  // error_response.h

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
inline constexpr int kMethodCount = 8;

// "GET", "HEAD", ...; "OTHER" for kOther.
std::string_view MethodName(Method method);
// Methods are case-sensitive (RFC 9110 9.1): "get" is kOther.
Method ParseMethod(std::string_view name);

// ASCII case-insensitive comparison, for header names and tokens.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// Decodes %XX escapes (and '+' as a space when `plus_as_space`, for query strings).
// nullopt when an escape is malformed ("%4", "%zz").
std::optional<std::string> PercentDecode(std::string_view text, bool plus_as_space);

// A fresh request id: 16 lower-case hex digits from a per-thread generator.
std::string NewRequestId();
// An incoming X-Request-Id is reused when it is 1-64 characters of [A-Za-z0-9._-].
bool IsValidRequestId(std::string_view id);

// Header fields in arrival order. Names compare case-insensitively (RFC 9110 5.1).
class Headers {
 public:
  using Field = std::pair<std::string, std::string>;

  // The first value of `name`, or nullopt when absent.
  std::optional<std::string_view> Find(std::string_view name) const;
  bool Contains(std::string_view name) const { return Find(name).has_value(); }

  // Appends a field, keeping earlier ones of the same name.
  void Add(std::string name, std::string value);
  // Replaces every field called `name` with one.
  void Set(std::string_view name, std::string value);
  void Remove(std::string_view name);

  std::vector<Field>::const_iterator begin() const { return fields_.begin(); }
  std::vector<Field>::const_iterator end() const { return fields_.end(); }
  std::size_t size() const { return fields_.size(); }
  bool empty() const { return fields_.empty(); }
  void Reserve(std::size_t n) { fields_.reserve(n); }

 private:
  std::vector<Field> fields_;
};

struct QueryParameter {
  std::string name;   // decoded
  std::string value;  // decoded; '+' is a space
};

struct PathParameter {
  std::string_view name;  // points into the route's pattern, which outlives the request
  std::string value;      // percent-decoded
};

struct Request {
  Method method = Method::kGet;
  // The target's path before any '?', exactly as sent (still percent-encoded). The router matches
  // it segment by segment and decodes each path parameter on its own, so "%2F" inside a parameter
  // never splits a segment.
  std::string path;
  std::vector<QueryParameter> query;
  Headers headers;
  std::string body;
  std::string remote_address;  // peer IP address
  std::uint16_t remote_port = 0;
  // From a valid incoming X-Request-Id, otherwise NewRequestId(). Echoed in the response and in
  // every log line about this request.
  std::string request_id;
  std::vector<PathParameter> path_params;  // filled by the router

  std::optional<std::string_view> Header(std::string_view name) const { return headers.Find(name); }
  // The first query parameter called `name`, or nullopt.
  std::optional<std::string_view> QueryParam(std::string_view name) const;
  // The value of path parameter `name` ("{id}" in the route pattern), or "" when there is none.
  std::string_view PathParam(std::string_view name) const;
  // Path parameter `name` as a 64-bit integer; kInvalidArgument naming the parameter otherwise.
  Result<std::int64_t> PathParamInt(std::string_view name) const;
  // The value of cookie `name` from the Cookie header(s), or nullopt.
  std::optional<std::string_view> Cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type;  // empty when there is no body
  Headers headers;           // extra fields: Location, Cache-Control, ETag, Allow, ...
  std::string body;

  // The JSON text of `body` (invalid UTF-8 in strings replaced, never throws).
  static Response Json(int status, const nlohmann::json& body);
  static Response Text(int status, std::string body,
                       std::string content_type = "text/plain; charset=utf-8");
  static Response NoContent();  // 204
  // The JSON error body and status for `error` (error_response.cc). A kInternal error is logged
  // with the request id and answered with "internal error, request id X" only.
  static Response Error(const shequ::Error& error);
  static Response Error(const HttpError& error);
};

}  // namespace shequ::api
