#include "store/database.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

#include "base/log.h"
#include "store/database_url.h"
#include "store/driver_connection.h"
#include "store/postgres_connection.h"
#include "store/sqlite_connection.h"

namespace shequ::store {
namespace {

using ConnectionFactory = std::function<Result<std::unique_ptr<Connection>>()>;

// A fixed number of slots. A slot holds a connection only once it has been needed: a quiet
// server keeps one connection open, a busy one grows to pool_size and stays there.
class ConnectionPool final : public Database {
 public:
  ConnectionPool(Backend backend, std::string redacted_url, DatabaseOptions options,
                 ConnectionFactory factory, std::unique_ptr<Connection> first)
      : backend_(backend),
        redacted_url_(std::move(redacted_url)),
        options_(options),
        factory_(std::move(factory)),
        open_(1) {
    idle_.push_back(std::move(first));
  }

  ~ConnectionPool() override {
    std::lock_guard lock(mutex_);
    if (in_use_ > 0) {
      // Handles must not outlive the Database (database.h); they would return into freed memory.
      log::Error("db.pool_destroyed_in_use", {{"url", redacted_url_}, {"in_use", in_use_}});
    }
  }

  Backend backend() const override { return backend_; }
  std::string redacted_url() const override { return redacted_url_; }

  PoolStats stats() const override {
    std::lock_guard lock(mutex_);
    return PoolStats{options_.pool_size, in_use_, acquired_, waited_, timed_out_};
  }

  Result<PooledConnection> Acquire() override {
    std::unique_lock lock(mutex_);
    const auto deadline = std::chrono::steady_clock::now() + options_.acquire_timeout;
    bool counted_wait = false;
    for (;;) {
      while (!idle_.empty()) {
        std::unique_ptr<Connection> connection = std::move(idle_.back());
        idle_.pop_back();
        if (IsBroken(*connection)) {
          --open_;  // the server closed it while it sat idle; make a new one in its slot
          continue;
        }
        ++in_use_;
        ++acquired_;
        return PooledConnection(this, std::move(connection));
      }
      if (open_ < options_.pool_size) {
        ++open_;  // reserve the slot, then connect without holding the lock
        lock.unlock();
        auto made = factory_();
        lock.lock();
        if (!made) {
          --open_;
          changed_.notify_one();  // the slot is free again for a waiter
          return std::unexpected(std::move(made).error());
        }
        ++in_use_;
        ++acquired_;
        return PooledConnection(this, std::move(*made));
      }
      if (!counted_wait) {
        ++waited_;
        counted_wait = true;
      }
      if (changed_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
          open_ >= options_.pool_size) {
        ++timed_out_;
        return Unavailable("all " + std::to_string(options_.pool_size) +
                           " database connections busy for " +
                           std::to_string(options_.acquire_timeout.count()) + " ms");
      }
    }
  }

 protected:
  void Return(std::unique_ptr<Connection> connection) override {
    // A connection must come back clean: a caller who called Begin() without Commit() or
    // Rollback() would otherwise hand its half-done transaction to the next borrower.
    bool keep = !IsBroken(*connection);
    if (keep) {
      if (auto* driver = dynamic_cast<DriverConnection*>(connection.get());
          driver != nullptr && driver->InTransaction()) {
        log::Warn("db.returned_in_transaction", {{"url", redacted_url_}});
        keep = driver->Rollback().has_value() && !driver->InTransaction();
      }
    }
    if (!keep) {
      connection.reset();  // close outside the lock: it may talk to the server
    }

    std::lock_guard lock(mutex_);
    --in_use_;
    if (connection) {
      idle_.push_back(std::move(connection));
    } else {
      --open_;
    }
    changed_.notify_one();
  }

 private:
  static bool IsBroken(const Connection& connection) {
    const auto* driver = dynamic_cast<const DriverConnection*>(&connection);
    return driver != nullptr && driver->IsBroken();
  }

  const Backend backend_;
  const std::string redacted_url_;
  const DatabaseOptions options_;
  const ConnectionFactory factory_;

  mutable std::mutex mutex_;
  std::condition_variable changed_;  // a connection came back or a slot was freed
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;  // connections that exist (idle or lent) plus slots being connected
  int in_use_ = 0;
  std::uint64_t acquired_ = 0;
  std::uint64_t waited_ = 0;
  std::uint64_t timed_out_ = 0;
};

}  // namespace

PooledConnection::PooledConnection(Database* pool, std::unique_ptr<Connection> connection)
    : pool_(pool), connection_(std::move(connection)) {}

PooledConnection::PooledConnection(PooledConnection&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)), connection_(std::move(other.connection_)) {}

PooledConnection& PooledConnection::operator=(PooledConnection&& other) noexcept {
  if (this != &other) {
    Release();
    pool_ = std::exchange(other.pool_, nullptr);
    connection_ = std::move(other.connection_);
  }
  return *this;
}

PooledConnection::~PooledConnection() { Release(); }

void PooledConnection::Release() {
  if (pool_ != nullptr && connection_ != nullptr) {
    pool_->Return(std::move(connection_));
  }
  pool_ = nullptr;
  connection_.reset();
}

Result<std::unique_ptr<Database>> Database::Open(std::string_view url, DatabaseOptions options) {
  auto parsed = ParseDatabaseUrl(url);
  if (!parsed) {
    return std::unexpected(std::move(parsed).error());
  }
  if (options.pool_size < 1) {
    return InvalidArgument("pool_size must be at least 1");
  }
  if (options.acquire_timeout.count() < 0 || options.busy_timeout.count() < 0) {
    return InvalidArgument("timeouts must not be negative");
  }

  ConnectionFactory factory;
  switch (parsed->backend) {
    case Backend::kSqlite:
      factory = [path = parsed->target,
                 busy = options.busy_timeout]() -> Result<std::unique_ptr<Connection>> {
        auto connection = SqliteConnection::Open(path, busy);
        if (!connection) {
          return std::unexpected(std::move(connection).error());
        }
        return std::unique_ptr<Connection>(std::move(*connection));
      };
      break;
    case Backend::kPostgres:
      factory = [uri = parsed->target]() -> Result<std::unique_ptr<Connection>> {
        auto connection = PostgresConnection::Open(uri);
        if (!connection) {
          return std::unexpected(std::move(connection).error());
        }
        return std::unique_ptr<Connection>(std::move(*connection));
      };
      break;
  }

  // The first connection is made now, so a wrong path, host or password fails at start and
  // not at the first request.
  auto first = factory();
  if (!first) {
    return std::unexpected(std::move(first).error());
  }
  log::Info("db.open", {{"backend", BackendName(parsed->backend)},
                        {"url", parsed->redacted},
                        {"pool_size", options.pool_size}});
  return std::make_unique<ConnectionPool>(parsed->backend, std::move(parsed->redacted), options,
                                          std::move(factory), std::move(*first));
}

}  // namespace shequ::store
