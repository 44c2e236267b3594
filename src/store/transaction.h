// A transaction that rolls back unless committed (RAII).
//
//   auto tx = Transaction::Begin(conn);
//   if (!tx) return std::unexpected(tx.error());
//   ... conn.Query(...) ...
//   SHEQU_RETURN_IF_ERROR(tx->Commit());
//
// Destroying an uncommitted Transaction rolls back, so an early `return` on error never leaves a
// half-written record. Not thread-safe; lives on the stack of the thread that owns the connection.
#pragma once

#include "base/error.h"
#include "store/connection.h"

namespace shequ::store {

class Transaction {
 public:
  static Result<Transaction> Begin(Connection& connection);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();

  Status Commit();
  Status Rollback();

 private:
  explicit Transaction(Connection& connection) : connection_(&connection) {}

  Connection* connection_;  // not owned; null once committed, rolled back or moved from
};

}  // namespace shequ::store
