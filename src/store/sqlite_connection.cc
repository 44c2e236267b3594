#include "store/sqlite_connection.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace shequ::store {
namespace {

// Each distinct SQL text keeps a prepared statement; a caller that builds SQL text dynamically
// (IN lists of varying length) would otherwise grow the cache without end.
constexpr std::size_t kMaxCachedStatements = 256;

constexpr std::string_view kAbortedTransaction =
    "the transaction failed earlier and must be rolled back";

// Resets a statement after use so it holds no lock and no pointer into the caller's parameters.
class StatementReset {
 public:
  explicit StatementReset(sqlite3_stmt* statement) : statement_(statement) {}
  StatementReset(const StatementReset&) = delete;
  StatementReset& operator=(const StatementReset&) = delete;
  ~StatementReset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }

 private:
  sqlite3_stmt* statement_;
};

int Bind(sqlite3_stmt* statement, int index, const Value& value) {
  struct Binder {
    sqlite3_stmt* statement;
    int index;
    int operator()(std::nullptr_t) const { return sqlite3_bind_null(statement, index); }
    int operator()(std::int64_t integer) const {
      return sqlite3_bind_int64(statement, index, integer);
    }
    int operator()(double real) const { return sqlite3_bind_double(statement, index, real); }
    int operator()(const std::string& text) const {
      // SQLITE_STATIC: the caller's vector outlives the step loop and StatementReset clears the
      // bindings before returning.
      return sqlite3_bind_text64(statement, index, text.data(), text.size(), SQLITE_STATIC,
                                 SQLITE_UTF8);
    }
    int operator()(const Blob& blob) const {
      // An empty vector may have a null data(), which SQLite would bind as NULL, not as an empty
      // blob.
      if (blob.bytes.empty()) {
        return sqlite3_bind_zeroblob(statement, index, 0);
      }
      return sqlite3_bind_blob64(statement, index, blob.bytes.data(), blob.bytes.size(),
                                 SQLITE_STATIC);
    }
  };
  return std::visit(Binder{statement, index}, value);
}

Value ReadColumn(sqlite3_stmt* statement, int column) {
  switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER:
      return static_cast<std::int64_t>(sqlite3_column_int64(statement, column));
    case SQLITE_FLOAT:
      return sqlite3_column_double(statement, column);
    case SQLITE_TEXT: {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
      const int size = sqlite3_column_bytes(statement, column);
      return text == nullptr ? std::string() : std::string(text, static_cast<std::size_t>(size));
    }
    case SQLITE_BLOB: {
      const auto* bytes = static_cast<const std::uint8_t*>(sqlite3_column_blob(statement, column));
      const int size = sqlite3_column_bytes(statement, column);
      if (bytes == nullptr) {
        return Blob{};
      }
      return Blob{std::vector<std::uint8_t>(bytes, bytes + size)};
    }
    default:
      return kNull;
  }
}

bool HasNul(const std::string& text) { return text.find('\0') != std::string::npos; }

}  // namespace

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(
    const std::string& path, std::chrono::milliseconds busy_timeout) {
  sqlite3* db = nullptr;
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  const int opened = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  // The handle is owned from here, also when opening failed (sqlite3_close accepts it then).
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db));
  if (opened != SQLITE_OK) {
    return Unavailable("cannot open SQLite database " + path + ": " +
                       (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(opened)));
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, static_cast<int>(std::min<std::chrono::milliseconds::rep>(
                               busy_timeout.count(), INT_MAX)));

  // WAL lets readers go on while one writer commits. The mode is stored in the file, so only the
  // first connection ever converts it; the busy timeout above covers two processes racing here.
  std::string mode;
  const auto read_mode = [](void* out, int, char** values, char**) -> int {
    if (values[0] != nullptr) {
      *static_cast<std::string*>(out) = values[0];
    }
    return 0;
  };
  if (const int rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL", read_mode, &mode, nullptr);
      rc != SQLITE_OK) {
    return Unavailable("cannot use SQLite database " + path + ": " + sqlite3_errmsg(db));
  }
  if (mode != "wal") {
    return Unavailable("SQLite database " + path + " refused WAL mode (journal_mode=" + mode + ")");
  }

  // synchronous=FULL: in WAL mode, NORMAL skips the fsync of the WAL at each commit, so a power
  // cut can lose the last committed transactions (the database stays consistent, but a resident's
  // request the screen said was saved would be gone). We promise that a commit loses nothing, and
  // one community writes a few records a second at most, so one fsync per commit is cheap.
  //
  // foreign_keys is off by default in SQLite and must be set on every connection; it is a no-op
  // inside a transaction, which is why it is set here at open.
  if (const int rc = sqlite3_exec(db, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON", nullptr,
                                  nullptr, nullptr);
      rc != SQLITE_OK) {
    return Unavailable("cannot configure SQLite database " + path + ": " + sqlite3_errmsg(db));
  }
  return connection;
}

SqliteConnection::~SqliteConnection() {
  statements_.clear();  // sqlite3_close refuses a handle with unfinalised statements
  sqlite3_close(db_);
}

Error SqliteConnection::ErrorFromCode(int code) const {
  // sqlite3_errmsg names the constraint or the SQL near an error, never a bound value.
  std::string message = sqlite3_errmsg(db_);
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      return Error{ErrorCode::kConflict, std::move(message)};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error{ErrorCode::kUnavailable, "sqlite: " + message};
    default:
      return Error{ErrorCode::kInternal, "sqlite: " + message};
  }
}

std::unexpected<Error> SqliteConnection::Fail(Error error) {
  if (InTransaction()) {
    transaction_failed_ = true;
  }
  return std::unexpected(std::move(error));
}

bool SqliteConnection::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

Result<sqlite3_stmt*> SqliteConnection::Prepare(std::string_view sql) {
  if (auto cached = statements_.find(sql); cached != statements_.end()) {
    return cached->second.get();
  }
  if (sql.size() > INT_MAX) {
    return Internal("SQL text too long");
  }
  if (statements_.size() >= kMaxCachedStatements) {
    statements_.clear();
  }

  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &raw, &tail);
  StatementPtr statement(raw);
  if (rc != SQLITE_OK) {
    return std::unexpected(ErrorFromCode(rc));
  }

  // Whatever follows the first statement must be blank or comments; PostgreSQL refuses several
  // statements in one prepared statement, so SQLite does too.
  const std::size_t rest = static_cast<std::size_t>(sql.data() + sql.size() - tail);
  if (rest > 0) {
    sqlite3_stmt* second = nullptr;
    const int second_rc = sqlite3_prepare_v2(db_, tail, static_cast<int>(rest), &second, nullptr);
    const bool more = second != nullptr || second_rc != SQLITE_OK;
    sqlite3_finalize(second);
    if (more) {
      return Internal("Query() takes one statement; use ExecuteScript() for several");
    }
  }

  sqlite3_stmt* result = statement.get();
  statements_.emplace(std::string(sql), std::move(statement));
  return result;
}

Result<QueryResult> SqliteConnection::Query(std::string_view sql,
                                            const std::vector<Value>& params) {
  if (transaction_failed_) {
    return Internal(std::string(kAbortedTransaction));
  }
  return Run(sql, params);
}

Result<QueryResult> SqliteConnection::Run(std::string_view sql, const std::vector<Value>& params) {
  auto prepared = Prepare(sql);
  if (!prepared) {
    return Fail(std::move(prepared).error());
  }
  sqlite3_stmt* statement = *prepared;
  QueryResult result;
  if (statement == nullptr) {
    return result;  // only blanks or comments
  }
  StatementReset reset(statement);

  const int expected = sqlite3_bind_parameter_count(statement);
  if (static_cast<std::size_t>(expected) != params.size()) {
    return Fail(Error{ErrorCode::kInternal, "statement has " + std::to_string(expected) +
                                                " placeholders but " +
                                                std::to_string(params.size()) + " values"});
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    // PostgreSQL cannot store NUL in text; refusing it here keeps the back ends alike.
    if (const auto* text = std::get_if<std::string>(&params[i]); text != nullptr && HasNul(*text)) {
      return Fail(Error{ErrorCode::kInvalidArgument,
                        "text parameter " + std::to_string(i + 1) + " contains a NUL byte"});
    }
    if (const int rc = Bind(statement, static_cast<int>(i) + 1, params[i]); rc != SQLITE_OK) {
      return Fail(ErrorFromCode(rc));
    }
  }

  const int columns = sqlite3_column_count(statement);
  result.columns.reserve(static_cast<std::size_t>(columns));
  for (int c = 0; c < columns; ++c) {
    result.columns.emplace_back(sqlite3_column_name(statement, c));
  }

  // sqlite3_changes64() keeps the count of the last INSERT/UPDATE/DELETE, also across later
  // SELECTs and DDL; only trust it when this statement changed something.
  const std::int64_t changes_before = sqlite3_total_changes64(db_);
  for (;;) {
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_DONE) {
      break;
    }
    if (rc != SQLITE_ROW) {
      return Fail(ErrorFromCode(rc));
    }
    std::vector<Value> cells;
    cells.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      cells.push_back(ReadColumn(statement, c));
    }
    result.rows.emplace_back(std::move(cells));
  }
  if (sqlite3_total_changes64(db_) != changes_before) {
    result.rows_affected = sqlite3_changes64(db_);
  }
  return result;
}

Status SqliteConnection::ExecuteScript(std::string_view sql) {
  if (transaction_failed_) {
    return Internal(std::string(kAbortedTransaction));
  }
  const std::string script(sql);  // sqlite3_exec wants a NUL-terminated string
  if (const int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, nullptr);
      rc != SQLITE_OK) {
    return Fail(ErrorFromCode(rc));
  }
  return {};
}

Status SqliteConnection::Begin() {
  if (InTransaction()) {
    return Internal("Begin() inside a transaction");
  }
  transaction_failed_ = false;
  // IMMEDIATE takes the write lock now. A DEFERRED transaction that reads first and then writes
  // must upgrade its lock, and two of those deadlock: SQLite then fails one with SQLITE_BUSY at
  // once, without waiting for the busy timeout.
  SHEQU_RETURN_IF_ERROR(Run("BEGIN IMMEDIATE", {}));
  return {};
}

Status SqliteConnection::Commit() {
  if (!InTransaction()) {
    return Internal("Commit() without a transaction");
  }
  if (transaction_failed_) {
    SHEQU_RETURN_IF_ERROR(Rollback());
    return Internal("transaction rolled back: a statement in it failed earlier");
  }
  SHEQU_RETURN_IF_ERROR(Run("COMMIT", {}));
  return {};
}

Status SqliteConnection::Rollback() {
  transaction_failed_ = false;
  // SQLite ends a transaction by itself on some errors (SQLITE_FULL, SQLITE_IOERR, ...); a
  // rollback after that has nothing to do.
  if (!InTransaction()) {
    return {};
  }
  SHEQU_RETURN_IF_ERROR(Run("ROLLBACK", {}));
  return {};
}

}  // namespace shequ::store
