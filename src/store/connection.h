// One session with a database, SQLite or PostgreSQL, behind the same interface.
//
// SQL uses `?` positional placeholders on both back ends (the PostgreSQL back end rewrites them
// to $1, $2, ... outside string literals). Statements are prepared once and cached per connection.
// A Connection is used by one thread at a time: borrow it from the Database pool, give it back.
// Errors from the driver become Result errors: a constraint violation is kConflict (unique,
// foreign key, check), a lost server kUnavailable, anything else kInternal; the message names the
// constraint but never echoes parameter values (they may be personal data).
#pragma once

#include <string_view>
#include <vector>

#include "base/error.h"
#include "store/query_result.h"
#include "store/value.h"

namespace shequ::store {

enum class Backend { kSqlite, kPostgres };

std::string_view BackendName(Backend backend);  // "sqlite" or "postgresql"

class Connection {
 public:
  virtual ~Connection() = default;

  virtual Backend backend() const = 0;

  // Runs one statement with `params` bound to its `?` placeholders in order.
  // INSERT ... RETURNING id works on both back ends.
  virtual Result<QueryResult> Query(std::string_view sql,
                                    const std::vector<Value>& params = {}) = 0;

  // Runs a script of several statements without parameters (migrations, schema set-up).
  virtual Status ExecuteScript(std::string_view sql) = 0;

  // Transaction control; prefer the RAII store::Transaction over calling these directly.
  // Begin() takes the write lock at once on SQLite (BEGIN IMMEDIATE), so two writers never
  // deadlock upgrading a read lock. On both back ends a statement that fails inside a
  // transaction ends it: later statements and Commit() fail until Rollback() (PostgreSQL's rule,
  // kept on SQLite too). Use INSERT ... ON CONFLICT rather than catching a kConflict and going on.
  // Begin() inside a transaction and Commit() outside one are kInternal; Rollback() outside one
  // does nothing.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
};

}  // namespace shequ::store
