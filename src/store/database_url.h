// How Database::Open() reads its URL: which back end, where it is, and a form safe for logs.
//
// `sqlite:PATH` names a file (created if missing); `postgresql://...` and `postgres://...` are
// libpq connection URIs, passed to libpq as given. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/error.h"
#include "store/connection.h"

namespace shequ::store {

struct DatabaseUrl {
  Backend backend = Backend::kSqlite;
  std::string target;    // SQLite: the file path; PostgreSQL: the URI for libpq
  std::string redacted;  // the URL without any password, for logs and error messages
};

// Errors: kInvalidArgument for an empty or malformed URL, an unknown scheme, or `sqlite::memory:`
// (each pooled connection would get its own empty database). The message never holds a password.
Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url);

// The URL with the password taken out of its user info and any `password=` query parameter.
std::string RedactDatabaseUrl(std::string_view url);

}  // namespace shequ::store
