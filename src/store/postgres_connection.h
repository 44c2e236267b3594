// The PostgreSQL back end: one libpq connection to the server.
//
// `?` placeholders are rewritten to $1, $2, ... and each SQL text is prepared once per connection
// under a generated name. Results come back in text format and are converted by column type
// (integers, floating point and numeric, bool, bytea; anything else is text). One thread at a
// time, like every libpq connection.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/error.h"
#include "store/driver_connection.h"

namespace shequ::store {

struct RewrittenSql {
  std::string text;           // with $1, $2, ... in place of each `?`
  int placeholder_count = 0;  // how many were replaced
};

// Replaces each `?` with $n, leaving alone those inside '...' and E'...' strings, "..."
// identifiers, $tag$...$tag$ bodies, -- line comments and /* block */ comments. PostgreSQL's
// jsonb operators `?`, `?|`, `?&` cannot be written through this interface: use
// jsonb_exists() and friends instead.
RewrittenSql RewritePlaceholders(std::string_view sql);

class PostgresConnection final : public DriverConnection {
 public:
  // Connects to the server named by a libpq URI. Errors: kUnavailable when the server cannot be
  // reached or refuses the connection (the message never holds the password).
  static Result<std::unique_ptr<PostgresConnection>> Open(const std::string& uri);

  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;
  ~PostgresConnection() override;

  Backend backend() const override { return Backend::kPostgres; }
  Result<QueryResult> Query(std::string_view sql, const std::vector<Value>& params = {}) override;
  Status ExecuteScript(std::string_view sql) override;
  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;

  bool IsBroken() const override;
  bool InTransaction() const override;
  std::size_t CachedStatementCount() const override { return statements_.size(); }

 private:
  struct PreparedStatement {
    std::string name;
    int parameter_count = 0;
  };

  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const {
      return std::hash<std::string_view>{}(sql);
    }
  };

  explicit PostgresConnection(PGconn* connection) : connection_(connection) {}

  Result<PreparedStatement> Prepare(const std::string& key, std::string_view sql,
                                    const std::vector<Value>& params);
  // Runs a statement without parameters through the simple protocol (BEGIN, COMMIT, ...).
  Status Execute(const char* sql);
  Error ErrorFromResult(const PGresult* result) const;

  PGconn* connection_;  // owned
  // Keyed by the SQL text, followed by which parameters are blobs when any are (a blob parameter
  // is declared bytea, so the same text with a blob in another place is another statement).
  std::unordered_map<std::string, PreparedStatement, SqlHash, std::equal_to<>> statements_;
  std::uint64_t statements_made_ = 0;  // names shequ_1, shequ_2, ... never reused
};

}  // namespace shequ::store
