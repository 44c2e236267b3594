#include "store/postgres_connection.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <utility>
#include <variant>

#include "base/log.h"

namespace shequ::store {
namespace {

// Type OIDs from PostgreSQL's catalog (pg_type.dat); fixed since 7.x and part of the protocol.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

constexpr std::size_t kMaxCachedStatements = 256;

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool IsIdentifierChar(char c) { return IsWordChar(c) || c == '$'; }

// The end (one past) of the token that starts at `begin` when it is a string, quoted identifier,
// comment or dollar-quoted body, or `begin` itself when it is none of those.
std::size_t SkipQuoted(std::string_view sql, std::size_t begin) {
  const std::size_t n = sql.size();
  const char c = sql[begin];
  const char next = begin + 1 < n ? sql[begin + 1] : '\0';
  if (c == '\'') {
    // E'...' is the one string form where a backslash escapes the next character.
    const bool backslash_escapes = begin > 0 && (sql[begin - 1] == 'E' || sql[begin - 1] == 'e') &&
                                   (begin < 2 || !IsIdentifierChar(sql[begin - 2]));
    std::size_t i = begin + 1;
    while (i < n) {
      const bool escaped_quote = sql[i] == '\'' && i + 1 < n && sql[i + 1] == '\'';  // ''
      if ((backslash_escapes && sql[i] == '\\') || escaped_quote) {
        i += 2;
      } else if (sql[i] == '\'') {
        return i + 1;
      } else {
        ++i;
      }
    }
    return n;
  }
  if (c == '"') {
    const std::size_t close = sql.find('"', begin + 1);  // "" inside reads as close + reopen
    return close == std::string_view::npos ? n : close + 1;
  }
  if (c == '-' && next == '-') {
    const std::size_t newline = sql.find('\n', begin);
    return newline == std::string_view::npos ? n : newline + 1;
  }
  if (c == '/' && next == '*') {
    int depth = 0;  // PostgreSQL block comments nest
    std::size_t i = begin;
    while (i < n) {
      if (sql[i] == '/' && i + 1 < n && sql[i + 1] == '*') {
        ++depth;
        i += 2;
      } else if (sql[i] == '*' && i + 1 < n && sql[i + 1] == '/') {
        i += 2;
        if (--depth == 0) {
          return i;
        }
      } else {
        ++i;
      }
    }
    return n;
  }
  if (c == '$' && (begin == 0 || !IsIdentifierChar(sql[begin - 1]))) {
    // $tag$ ... $tag$ where the tag is empty or an identifier; $1 is a parameter, not a tag.
    std::size_t i = begin + 1;
    if (i < n && std::isdigit(static_cast<unsigned char>(sql[i])) == 0) {
      while (i < n && IsWordChar(sql[i])) {
        ++i;
      }
    }
    if (i < n && sql[i] == '$') {
      const std::string_view tag = sql.substr(begin, i - begin + 1);
      const std::size_t close = sql.find(tag, i + 1);
      return close == std::string_view::npos ? n : close + tag.size();
    }
  }
  return begin;
}

Value ConvertCell(Oid type, const char* text, int length) {
  const char* end = text + length;
  switch (type) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid: {
      std::int64_t integer = 0;
      std::from_chars(text, end, integer);
      return integer;
    }
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: {
      // from_chars reads "NaN", "Infinity" and "-Infinity" as PostgreSQL writes them, and does
      // not depend on the process locale as strtod does.
      double real = 0;
      if (std::from_chars(text, end, real).ec == std::errc::result_out_of_range) {
        real = std::strtod(text, nullptr);  // a numeric beyond double: strtod gives +-HUGE_VAL or 0
      }
      return real;
    }
    case kBoolOid:
      return std::int64_t{length > 0 && text[0] == 't' ? 1 : 0};
    case kByteaOid: {
      Blob blob;
      // The default bytea_output is hex ("\x0a1b..."); decode it here and leave the older
      // escape format to libpq.
      if (length >= 2 && text[0] == '\\' && text[1] == 'x') {
        blob.bytes.reserve(static_cast<std::size_t>(length - 2) / 2);
        for (const char* p = text + 2; p + 1 < end; p += 2) {
          std::uint8_t byte = 0;
          std::from_chars(p, p + 2, byte, 16);
          blob.bytes.push_back(byte);
        }
      } else {
        std::size_t size = 0;
        unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &size);
        if (bytes != nullptr) {
          blob.bytes.assign(bytes, bytes + size);
          PQfreemem(bytes);
        }
      }
      return blob;
    }
    default:
      return std::string(text, static_cast<std::size_t>(length));
  }
}

// PQcmdTuples() also counts the rows of a SELECT; rows_affected means written rows only, as on
// SQLite.
std::int64_t RowsWritten(PGresult* result) {
  const std::string_view command = PQcmdStatus(result);
  const bool writes = command.starts_with("INSERT") || command.starts_with("UPDATE") ||
                      command.starts_with("DELETE") || command.starts_with("MERGE");
  if (!writes) {
    return 0;
  }
  const std::string_view count = PQcmdTuples(result);
  std::int64_t rows = 0;
  std::from_chars(count.data(), count.data() + count.size(), rows);
  return rows;
}

std::string FirstLine(std::string_view text) {
  return std::string(text.substr(0, text.find('\n')));
}

void OnNotice(void*, const PGresult* result) {
  // NOTICEs ("relation already exists, skipping") would otherwise go to stderr. Only the primary
  // message: a DETAIL can hold row values.
  const char* message = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  log::Debug("db.notice", {{"message", message != nullptr ? message : ""}});
}

bool SqlStateIs(std::string_view state, std::initializer_list<std::string_view> codes) {
  return std::find(codes.begin(), codes.end(), state) != codes.end();
}

}  // namespace

RewrittenSql RewritePlaceholders(std::string_view sql) {
  RewrittenSql rewritten;
  rewritten.text.reserve(sql.size() + 16);
  std::size_t i = 0;
  while (i < sql.size()) {
    if (const std::size_t skipped = SkipQuoted(sql, i); skipped != i) {
      rewritten.text.append(sql.substr(i, skipped - i));
      i = skipped;
    } else if (sql[i] == '?') {
      rewritten.text += '$';
      rewritten.text += std::to_string(++rewritten.placeholder_count);
      ++i;
    } else {
      rewritten.text += sql[i++];
    }
  }
  return rewritten;
}

Result<std::unique_ptr<PostgresConnection>> PostgresConnection::Open(const std::string& uri) {
  // Later keywords override earlier ones, and the URI expands in place of "dbname": the defaults
  // before it yield to the URI, the client encoding after it is always UTF-8.
  const char* const keywords[] = {"connect_timeout", "application_name", "dbname",
                                  "client_encoding", nullptr};
  const char* const values[] = {"10", "shequ", uri.c_str(), "UTF8", nullptr};
  PGconn* raw = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (raw == nullptr) {
    return Unavailable("cannot connect to PostgreSQL: out of memory");
  }
  std::unique_ptr<PostgresConnection> connection(new PostgresConnection(raw));
  if (PQstatus(raw) != CONNECTION_OK) {
    // libpq names the host and port and the reason, never the password.
    return Unavailable("cannot connect to PostgreSQL: " + FirstLine(PQerrorMessage(raw)));
  }
  PQsetNoticeReceiver(raw, OnNotice, nullptr);
  // The placeholder rewriter reads '...' with backslashes as plain characters, which holds only
  // with standard_conforming_strings (the default since 9.1).
  const char* conforming = PQparameterStatus(raw, "standard_conforming_strings");
  if (conforming == nullptr || std::strcmp(conforming, "on") != 0) {
    SHEQU_RETURN_IF_ERROR(connection->Execute("SET standard_conforming_strings = on"));
  }
  return connection;
}

PostgresConnection::~PostgresConnection() { PQfinish(connection_); }

bool PostgresConnection::IsBroken() const { return PQstatus(connection_) != CONNECTION_OK; }

bool PostgresConnection::InTransaction() const {
  const PGTransactionStatusType status = PQtransactionStatus(connection_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

Error PostgresConnection::ErrorFromResult(const PGresult* result) const {
  const char* state_field = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  if (state_field == nullptr) {
    // No SQLSTATE: libpq itself failed, usually because the connection dropped.
    const std::string message =
        FirstLine(primary != nullptr ? primary : PQerrorMessage(connection_));
    if (IsBroken()) {
      return Error{ErrorCode::kUnavailable, "PostgreSQL connection lost: " + message};
    }
    return Error{ErrorCode::kInternal, "postgresql: " + message};
  }
  const std::string_view state = state_field;
  std::string message = primary != nullptr ? primary : "";
  // The primary message names the constraint; DETAIL ("Key (phone)=(...) already exists") holds
  // the values and is never read.
  if (state.starts_with("23")) {
    return Error{ErrorCode::kConflict, std::move(message)};
  }
  if (state.starts_with("22")) {
    // Data exceptions quote the offending input ('invalid input syntax for type bigint: "..."').
    message = message.substr(0, message.find('"'));
    while (!message.empty() && (message.back() == ' ' || message.back() == ':')) {
      message.pop_back();
    }
  }
  message = "postgresql: " + message + " (SQLSTATE " + std::string(state) + ")";
  // Connection trouble, server shutting down, too many connections, and serialisation failures
  // and deadlocks: all pass if the caller tries again later.
  if (state.starts_with("08") || state.starts_with("40") ||
      SqlStateIs(state, {"57P01", "57P02", "57P03", "53300"})) {
    return Error{ErrorCode::kUnavailable, std::move(message)};
  }
  return Error{ErrorCode::kInternal, std::move(message)};
}

Status PostgresConnection::Execute(const char* sql) {
  ResultPtr result(PQexec(connection_, sql));
  const ExecStatusType status = PQresultStatus(result.get());
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
    return {};
  }
  return std::unexpected(ErrorFromResult(result.get()));
}

Result<PostgresConnection::PreparedStatement> PostgresConnection::Prepare(
    const std::string& key, std::string_view sql, const std::vector<Value>& params) {
  if (auto cached = statements_.find(key); cached != statements_.end()) {
    return cached->second;
  }

  RewrittenSql rewritten = RewritePlaceholders(sql);
  if (static_cast<std::size_t>(rewritten.placeholder_count) != params.size()) {
    return Internal("statement has " + std::to_string(rewritten.placeholder_count) +
                    " placeholders but " + std::to_string(params.size()) + " values");
  }
  if (statements_.size() >= kMaxCachedStatements && Execute("DEALLOCATE ALL")) {
    statements_.clear();
  }

  // Parameter types are left for the server to infer from where each `?` stands, as for an
  // untyped literal, except a blob: declared bytea so that its binary bytes are never taken for
  // text.
  std::vector<Oid> types(params.size(), 0);
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (std::holds_alternative<Blob>(params[i])) {
      types[i] = kByteaOid;
    }
  }
  PreparedStatement statement{"shequ_" + std::to_string(++statements_made_),
                              rewritten.placeholder_count};
  ResultPtr result(PQprepare(connection_, statement.name.c_str(), rewritten.text.c_str(),
                             rewritten.placeholder_count, types.data()));
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    return std::unexpected(ErrorFromResult(result.get()));
  }
  statements_.emplace(key, statement);
  return statement;
}

Result<QueryResult> PostgresConnection::Query(std::string_view sql,
                                              const std::vector<Value>& params) {
  if (IsBroken()) {
    return Unavailable("PostgreSQL connection lost");
  }

  std::string key(sql);
  if (std::any_of(params.begin(), params.end(),
                  [](const Value& v) { return std::holds_alternative<Blob>(v); })) {
    key += '\0';
    for (const Value& value : params) {
      key += std::holds_alternative<Blob>(value) ? 'b' : '.';
    }
  }

  // Text parameters must be NUL-terminated C strings; numbers are written into `numbers`, sized
  // up front so that the c_str() pointers stay put.
  const int count = static_cast<int>(params.size());
  std::vector<std::string> numbers(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  std::vector<int> lengths(params.size(), 0);
  std::vector<int> formats(params.size(), 0);
  static constexpr char kEmpty[] = "";
  for (std::size_t i = 0; i < params.size(); ++i) {
    const Value& param = params[i];
    if (const auto* integer = std::get_if<std::int64_t>(&param)) {
      numbers[i] = std::to_string(*integer);
      values[i] = numbers[i].c_str();
    } else if (const auto* real = std::get_if<double>(&param)) {
      numbers[i] = fmt::format("{}", *real);  // shortest text that reads back to the same double
      values[i] = numbers[i].c_str();
    } else if (const auto* text = std::get_if<std::string>(&param)) {
      if (text->find('\0') != std::string::npos) {
        return InvalidArgument("text parameter " + std::to_string(i + 1) + " contains a NUL byte");
      }
      values[i] = text->c_str();
    } else if (const auto* blob = std::get_if<Blob>(&param)) {
      if (blob->bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        return InvalidArgument("blob parameter " + std::to_string(i + 1) + " is over 2 GiB");
      }
      // Binary format: the bytes as they are, no escaping. A null pointer would mean SQL NULL,
      // so an empty blob points at an empty string.
      values[i] = blob->bytes.empty() ? kEmpty : reinterpret_cast<const char*>(blob->bytes.data());
      lengths[i] = static_cast<int>(blob->bytes.size());
      formats[i] = 1;
    }
  }

  auto statement = Prepare(key, sql, params);
  if (!statement) {
    return std::unexpected(std::move(statement).error());
  }

  ResultPtr result(PQexecPrepared(connection_, statement->name.c_str(), count, values.data(),
                                  lengths.data(), formats.data(), /*resultFormat=*/0));
  QueryResult query_result;
  switch (PQresultStatus(result.get())) {
    case PGRES_TUPLES_OK: {
      const int columns = PQnfields(result.get());
      const int rows = PQntuples(result.get());
      std::vector<Oid> types(static_cast<std::size_t>(columns));
      query_result.columns.reserve(types.size());
      for (int c = 0; c < columns; ++c) {
        query_result.columns.emplace_back(PQfname(result.get(), c));
        types[static_cast<std::size_t>(c)] = PQftype(result.get(), c);
      }
      query_result.rows.reserve(static_cast<std::size_t>(rows));
      for (int r = 0; r < rows; ++r) {
        std::vector<Value> cells;
        cells.reserve(types.size());
        for (int c = 0; c < columns; ++c) {
          if (PQgetisnull(result.get(), r, c) != 0) {
            cells.emplace_back(kNull);
          } else {
            cells.push_back(ConvertCell(types[static_cast<std::size_t>(c)],
                                        PQgetvalue(result.get(), r, c),
                                        PQgetlength(result.get(), r, c)));
          }
        }
        query_result.rows.emplace_back(std::move(cells));
      }
      query_result.rows_affected = RowsWritten(result.get());
      return query_result;
    }
    case PGRES_COMMAND_OK:
      query_result.rows_affected = RowsWritten(result.get());
      return query_result;
    case PGRES_EMPTY_QUERY:
      return query_result;
    default: {
      Error error = ErrorFromResult(result.get());
      // "cached plan must not change result type": the table changed under a `SELECT *`. Forget
      // the statement so that the next call prepares it afresh.
      if (const char* state = PQresultErrorField(result.get(), PG_DIAG_SQLSTATE);
          state != nullptr && std::string_view(state) == "0A000") {
        statements_.erase(key);
      }
      return std::unexpected(std::move(error));
    }
  }
}

Status PostgresConnection::ExecuteScript(std::string_view sql) {
  if (IsBroken()) {
    return Unavailable("PostgreSQL connection lost");
  }
  // The simple query protocol runs several statements in one call (and, outside a transaction,
  // as one implicit transaction).
  return Execute(std::string(sql).c_str());
}

Status PostgresConnection::Begin() {
  if (IsBroken()) {
    return Unavailable("PostgreSQL connection lost");
  }
  if (InTransaction()) {
    return Internal("Begin() inside a transaction");
  }
  return Execute("BEGIN");
}

Status PostgresConnection::Commit() {
  if (IsBroken()) {
    return Unavailable("PostgreSQL connection lost");
  }
  if (!InTransaction()) {
    return Internal("Commit() without a transaction");
  }
  if (PQtransactionStatus(connection_) == PQTRANS_INERROR) {
    // COMMIT would answer "ROLLBACK" with success; say what happened instead.
    SHEQU_RETURN_IF_ERROR(Execute("ROLLBACK"));
    return Internal("transaction rolled back: a statement in it failed earlier");
  }
  return Execute("COMMIT");
}

Status PostgresConnection::Rollback() {
  // A lost connection has no transaction left on the server; the pool drops the connection.
  if (IsBroken() || !InTransaction()) {
    return {};
  }
  return Execute("ROLLBACK");
}

}  // namespace shequ::store
