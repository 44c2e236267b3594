#include "store/database_url.h"

#include <libpq-fe.h>

#include <algorithm>

namespace shequ::store {
namespace {

constexpr std::string_view kSqliteScheme = "sqlite:";

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Drops every `password=...` parameter from a query string ("a=1&password=x&b=2" -> "a=1&b=2").
std::string WithoutPasswordParameter(std::string_view query) {
  std::string kept;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view parameter = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (StartsWith(parameter, "password=") || parameter == "password") {
      continue;
    }
    if (!kept.empty()) {
      kept += '&';
    }
    kept += parameter;
  }
  return kept;
}

}  // namespace

std::string RedactDatabaseUrl(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    return std::string(url);  // sqlite:PATH has no secret
  }
  const std::size_t authority = scheme_end + 3;
  const std::size_t query_start = std::min(url.find('?', authority), url.size());

  std::string redacted(url.substr(0, authority));
  // The last '@' before the query ends the user info; taking the last one errs towards hiding
  // too much when a password holds an unescaped '@' or '/'.
  const std::string_view before_query = url.substr(authority, query_start - authority);
  const std::size_t at = before_query.rfind('@');
  if (at == std::string_view::npos) {
    redacted += before_query;
  } else {
    const std::string_view user_info = before_query.substr(0, at);
    redacted += user_info.substr(0, user_info.find(':'));
    redacted += before_query.substr(at);
  }
  if (query_start < url.size()) {
    const std::string query = WithoutPasswordParameter(url.substr(query_start + 1));
    if (!query.empty()) {
      redacted += '?' + query;
    }
  }
  return redacted;
}

Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url) {
  if (url.empty()) {
    return InvalidArgument("empty database URL");
  }
  const std::string redacted = RedactDatabaseUrl(url);

  if (StartsWith(url, kSqliteScheme)) {
    const std::string_view path = url.substr(kSqliteScheme.size());
    if (path.empty()) {
      return InvalidArgument("sqlite: URL without a file path");
    }
    if (path == ":memory:") {
      return InvalidArgument(
          "sqlite::memory: is not supported: each pooled connection would open its own database");
    }
    if (StartsWith(path, "//")) {
      return InvalidArgument("write sqlite:PATH (e.g. sqlite:var/shequ.db), not sqlite://PATH");
    }
    return DatabaseUrl{Backend::kSqlite, std::string(path), redacted};
  }

  if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://")) {
    const std::string uri(url);
    char* parse_error = nullptr;
    PQconninfoOption* options = PQconninfoParse(uri.c_str(), &parse_error);
    if (options == nullptr) {
      // libpq's own message may quote the offending part of the URI, password included.
      if (parse_error != nullptr) {
        PQfreemem(parse_error);
      }
      return InvalidArgument("malformed PostgreSQL URL: " + redacted);
    }
    PQconninfoFree(options);
    return DatabaseUrl{Backend::kPostgres, uri, redacted};
  }

  return InvalidArgument("unsupported database URL (use sqlite:PATH or postgresql://...): " +
                         redacted);
}

}  // namespace shequ::store
