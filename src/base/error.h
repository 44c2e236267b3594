// Error values for expected failures, shared by every module.
//
// A module boundary returns Result<T> (std::expected<T, Error>); exceptions are for what cannot
// happen. The code set is small and canonical; api/ maps each code to one HTTP status and the JSON
// error body {"error":{"code","message","field"}}. Plain values, safe to copy between threads.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace shequ {

enum class ErrorCode {
  kInvalidArgument,    // the caller sent something wrong; `field` names it where there is one
  kNotFound,           // no such record, or none the caller may see
  kPermissionDenied,   // authenticated, but not allowed (role or scope)
  kConflict,           // the record changed or already exists
  kUnauthenticated,    // no valid session
  kResourceExhausted,  // a rate or size limit; retry later
  kUnavailable,        // a dependency (database, pool) cannot serve now
  kInternal,           // a bug or a broken invariant; logged with the request id
};

// The stable snake_case name used in the JSON error body and in logs.
std::string_view ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string field;  // the input field at fault, empty when none

  bool operator==(const Error&) const = default;
};

template <typename T>
using Result = std::expected<T, Error>;

// Result of an operation that returns nothing on success.
using Status = std::expected<void, Error>;

inline std::unexpected<Error> MakeError(ErrorCode code, std::string message,
                                        std::string field = {}) {
  return std::unexpected(Error{code, std::move(message), std::move(field)});
}
inline std::unexpected<Error> InvalidArgument(std::string message, std::string field = {}) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}
inline std::unexpected<Error> NotFound(std::string message) {
  return MakeError(ErrorCode::kNotFound, std::move(message));
}
inline std::unexpected<Error> PermissionDenied(std::string message) {
  return MakeError(ErrorCode::kPermissionDenied, std::move(message));
}
inline std::unexpected<Error> Conflict(std::string message, std::string field = {}) {
  return MakeError(ErrorCode::kConflict, std::move(message), std::move(field));
}
inline std::unexpected<Error> Unauthenticated(std::string message) {
  return MakeError(ErrorCode::kUnauthenticated, std::move(message));
}
inline std::unexpected<Error> ResourceExhausted(std::string message) {
  return MakeError(ErrorCode::kResourceExhausted, std::move(message));
}
inline std::unexpected<Error> Unavailable(std::string message) {
  return MakeError(ErrorCode::kUnavailable, std::move(message));
}
inline std::unexpected<Error> Internal(std::string message) {
  return MakeError(ErrorCode::kInternal, std::move(message));
}

}  // namespace shequ

// Returns early from the enclosing function with the error of `expr` (a Result or Status).
#define SHEQU_RETURN_IF_ERROR(expr)                             \
  do {                                                          \
    if (auto&& shequ_status_ = (expr); !shequ_status_) {        \
      return std::unexpected(std::move(shequ_status_).error()); \
    }                                                           \
  } while (false)
