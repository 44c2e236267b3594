// A Connection made by one of the store's own drivers (SQLite, libpq), with what the pool needs
// to know before it lends the connection out again.
//
// Internal to store/: the pool asks a returned connection whether it is broken (drop it) or still
// inside a transaction (roll it back). Same threading rule as Connection: one thread at a time.
#pragma once

#include <cstddef>

#include "store/connection.h"

namespace shequ::store {

class DriverConnection : public Connection {
 public:
  // True when the connection can no longer be used (the server went away); the pool drops it.
  virtual bool IsBroken() const = 0;

  // True between Begin() and Commit()/Rollback(), also after a failed statement inside it.
  virtual bool InTransaction() const = 0;

  // Statements prepared and kept on this connection (tests check that a repeated SQL text is
  // prepared once).
  virtual std::size_t CachedStatementCount() const = 0;
};

}  // namespace shequ::store
