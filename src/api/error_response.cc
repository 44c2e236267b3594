#include "api/error_response.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "base/log.h"

namespace shequ::api {
namespace {

thread_local std::string_view current_request_id;

HttpError Make(int status, std::string_view code, std::string message) {
  return HttpError{status, code, std::move(message), {}};
}

}  // namespace

int HttpStatusOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kResourceExhausted:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

HttpError ToHttpError(const Error& error) {
  return HttpError{HttpStatusOf(error.code), ErrorCodeName(error.code), error.message, error.field};
}

HttpError RouteNotFound() { return Make(404, "route_not_found", "no such route"); }

HttpError MethodNotAllowed() {
  return Make(405, "method_not_allowed", "method not allowed on this route");
}

HttpError RequestTimeout() {
  return Make(408, "request_timeout", "the request was not received in time");
}

HttpError PayloadTooLarge(std::size_t limit_bytes) {
  return Make(413, "payload_too_large",
              fmt::format("request body larger than {} bytes", limit_bytes));
}

HttpError UnsupportedMediaType(std::string message) {
  return Make(415, "unsupported_media_type", std::move(message));
}

HttpError HeaderTooLarge(std::size_t limit_bytes) {
  return Make(431, "header_too_large",
              fmt::format("request header larger than {} bytes", limit_bytes));
}

HttpError InvalidJson(std::string message) { return Make(400, "invalid_json", std::move(message)); }

HttpError BadRequest(std::string message) { return Make(400, "bad_request", std::move(message)); }

Response MethodNotAllowedResponse(std::string allowed) {
  Response response = Response::Error(MethodNotAllowed());
  response.headers.Set("Allow", std::move(allowed));
  return response;
}

Response Response::Error(const shequ::Error& error) { return Error(ToHttpError(error)); }

Response Response::Error(const HttpError& error) {
  const std::string_view request_id = internal::CurrentRequestId();
  std::string message;
  if (error.status == 500) {
    // The details stay in the log; the caller gets only the id to quote to an operator.
    if (error.field.empty()) {
      log::Error("http.internal_error",
                 {{"request_id", request_id}, {"code", error.code}, {"message", error.message}});
    } else {
      log::Error("http.internal_error", {{"request_id", request_id},
                                         {"code", error.code},
                                         {"message", error.message},
                                         {"field", error.field}});
    }
    message = request_id.empty() ? std::string("internal error")
                                 : fmt::format("internal error, request id {}", request_id);
  } else {
    message = error.message;
  }
  nlohmann::json inner = {{"code", error.code}, {"message", std::move(message)}};
  if (!error.field.empty() && error.status != 500) inner["field"] = error.field;
  return Json(error.status, nlohmann::json{{"error", std::move(inner)}});
}

namespace internal {

std::string_view CurrentRequestId() { return current_request_id; }

ScopedRequestId::ScopedRequestId(std::string_view request_id) : previous_(current_request_id) {
  current_request_id = request_id;
}

ScopedRequestId::~ScopedRequestId() { current_request_id = previous_; }

}  // namespace internal
}  // namespace shequ::api
