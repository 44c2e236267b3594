// The one place that turns errors into HTTP: each ErrorCode to one status, and the JSON error body
// {"error":{"code":"...","message":"...","field":"..."}} that every failed API call carries.
//
// kInvalidArgument is 400, never 422: every fault in the caller's input, from malformed JSON to a
// value out of range, is one status and `field` names the input. HTTP-level failures (no route,
// wrong method, body too large, ...) have their own codes below. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "api/http_types.h"
#include "base/error.h"

namespace shequ::api {

// An error as HTTP sends it. `code` is a static snake_case name: an ErrorCodeName() or one of the
// HTTP-level codes of the functions below.
struct HttpError {
  int status = 500;
  std::string_view code = "internal";
  std::string message;
  std::string field;  // the input at fault; omitted from the body when empty
};

// invalid_argument 400, unauthenticated 401, permission_denied 403, not_found 404, conflict 409,
// resource_exhausted 429, internal 500, unavailable 503.
int HttpStatusOf(ErrorCode code);
HttpError ToHttpError(const Error& error);

HttpError RouteNotFound();                            // 404 route_not_found
HttpError MethodNotAllowed();                         // 405 method_not_allowed
HttpError RequestTimeout();                           // 408 request_timeout
HttpError PayloadTooLarge(std::size_t limit_bytes);   // 413 payload_too_large
HttpError UnsupportedMediaType(std::string message);  // 415 unsupported_media_type
HttpError HeaderTooLarge(std::size_t limit_bytes);    // 431 header_too_large
HttpError InvalidJson(std::string message);           // 400 invalid_json
HttpError BadRequest(std::string message);            // 400 bad_request (malformed HTTP)

// 405 with the Allow field listing `allowed` ("GET, HEAD, POST").
Response MethodNotAllowedResponse(std::string allowed);

namespace internal {

// The request id of the request this thread is handling, so that Response::Error can name it in
// a 500 without every handler passing it along. Handlers run synchronously on one io thread, so
// a thread-local set around the call is exact. "" outside a request.
std::string_view CurrentRequestId();

class ScopedRequestId {
 public:
  explicit ScopedRequestId(std::string_view request_id);
  ~ScopedRequestId();
  ScopedRequestId(const ScopedRequestId&) = delete;
  ScopedRequestId& operator=(const ScopedRequestId&) = delete;

 private:
  std::string_view previous_;
};

}  // namespace internal
}  // namespace shequ::api
