// The SQLite back end: one sqlite3 handle on the database file.
//
// Opened in WAL mode with foreign keys on, synchronous=FULL and a busy timeout; each SQL text is
// prepared once and kept. A statement that fails inside a transaction ends the transaction's
// usefulness, as on PostgreSQL: later statements and Commit() fail until Rollback(), so code
// tested on SQLite behaves the same on PostgreSQL. One thread at a time (opened NOMUTEX).
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/error.h"
#include "store/driver_connection.h"

namespace shequ::store {

class SqliteConnection final : public DriverConnection {
 public:
  // Opens (creating if missing) the file at `path`. Errors: kUnavailable when the file cannot be
  // opened or is not a database, or WAL mode cannot be set.
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path,
                                                        std::chrono::milliseconds busy_timeout);

  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;
  ~SqliteConnection() override;

  Backend backend() const override { return Backend::kSqlite; }
  Result<QueryResult> Query(std::string_view sql, const std::vector<Value>& params = {}) override;
  Status ExecuteScript(std::string_view sql) override;
  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;

  bool IsBroken() const override { return false; }  // a file does not go away like a server
  bool InTransaction() const override;
  std::size_t CachedStatementCount() const override { return statements_.size(); }

 private:
  struct StatementFinalizer {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
  };
  using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

  // Lets the cache be searched with a string_view, without building a std::string per query.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const {
      return std::hash<std::string_view>{}(sql);
    }
  };

  explicit SqliteConnection(sqlite3* db) : db_(db) {}

  // The cached statement for `sql`, preparing it on first use; null for SQL with no statement.
  Result<sqlite3_stmt*> Prepare(std::string_view sql);
  Result<QueryResult> Run(std::string_view sql, const std::vector<Value>& params);
  Error ErrorFromCode(int code) const;
  // Records that a statement failed inside a transaction, then passes the error on.
  std::unexpected<Error> Fail(Error error);

  sqlite3* db_;  // owned; closed after every statement is finalised
  std::unordered_map<std::string, StatementPtr, SqlHash, std::equal_to<>> statements_;
  bool transaction_failed_ = false;
};

}  // namespace shequ::store
