#include "store/transaction.h"

#include <utility>

#include "base/log.h"

namespace shequ::store {

Result<Transaction> Transaction::Begin(Connection& connection) {
  SHEQU_RETURN_IF_ERROR(connection.Begin());
  return Transaction(connection);
}

Transaction::Transaction(Transaction&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)) {}

Transaction::~Transaction() {
  if (connection_ == nullptr) {
    return;
  }
  // Nothing to return an error to; the pool also rolls back a connection that comes back inside
  // a transaction, and drops it when that fails too.
  if (auto rolled_back = connection_->Rollback(); !rolled_back) {
    log::Warn("db.rollback_failed", {{"code", ErrorCodeName(rolled_back.error().code)},
                                     {"message", rolled_back.error().message}});
  }
}

Status Transaction::Commit() {
  if (connection_ == nullptr) {
    return Internal("Commit() on a finished transaction");
  }
  Connection* connection = std::exchange(connection_, nullptr);
  Status committed = connection->Commit();
  if (!committed) {
    // A failed COMMIT can leave SQLite inside the transaction (e.g. a deferred foreign key);
    // end it here so the connection goes back to the pool clean. The drivers' Rollback() is a
    // no-op when no transaction is open; if it fails, the pool rolls back or drops the connection.
    if (auto rolled_back = connection->Rollback(); !rolled_back) {
      log::Warn("db.rollback_failed", {{"code", ErrorCodeName(rolled_back.error().code)},
                                       {"message", rolled_back.error().message}});
    }
  }
  return committed;
}

Status Transaction::Rollback() {
  if (connection_ == nullptr) {
    return Internal("Rollback() on a finished transaction");
  }
  return std::exchange(connection_, nullptr)->Rollback();
}

}  // namespace shequ::store
