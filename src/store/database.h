// A database: a pool of connections to one SQLite file or one PostgreSQL server.
//
// Open() takes a URL: `sqlite:PATH` (the embedded default; `sqlite::memory:` is not supported
// because each pooled connection would see its own database) or `postgresql://user@host:port/db`.
// Acquire() borrows a connection and the handle gives it back when it goes out of scope.
// Thread-safe: any thread may Acquire(); each borrowed connection is used by one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/error.h"
#include "store/connection.h"

namespace shequ::store {

struct DatabaseOptions {
  int pool_size = 8;
  std::chrono::milliseconds acquire_timeout{5000};  // then Acquire() fails with kUnavailable
  std::chrono::milliseconds busy_timeout{5000};     // SQLite: wait this long for a write lock
};

struct PoolStats {
  int size = 0;                 // connections the pool may hold
  int in_use = 0;               // borrowed right now
  std::uint64_t acquired = 0;   // borrows since start
  std::uint64_t waited = 0;     // borrows that had to wait for a free connection
  std::uint64_t timed_out = 0;  // borrows that gave up after acquire_timeout
};

class Database;

// A borrowed connection; returns itself to the pool on destruction. Move-only.
class PooledConnection {
 public:
  PooledConnection(Database* pool, std::unique_ptr<Connection> connection);
  PooledConnection(PooledConnection&&) noexcept;
  PooledConnection& operator=(PooledConnection&&) noexcept;
  ~PooledConnection();

  Connection& operator*() const { return *connection_; }
  Connection* operator->() const { return connection_.get(); }

 private:
  void Release();

  Database* pool_ = nullptr;  // not owned; outlives every handle
  std::unique_ptr<Connection> connection_;
};

class Database {
 public:
  virtual ~Database() = default;

  // Opens the pool (connections are made lazily, the first one at once to check the URL).
  // Errors: kInvalidArgument for a malformed URL, kUnavailable when the server or file cannot be
  // opened.
  static Result<std::unique_ptr<Database>> Open(std::string_view url, DatabaseOptions options = {});

  virtual Backend backend() const = 0;
  virtual Result<PooledConnection> Acquire() = 0;
  virtual PoolStats stats() const = 0;

  // The URL with any password removed, for logs.
  virtual std::string redacted_url() const = 0;

 protected:
  friend class PooledConnection;
  virtual void Return(std::unique_ptr<Connection> connection) = 0;
};

}  // namespace shequ::store
