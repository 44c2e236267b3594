// Rate limits on signing in, counted in the login_attempts table.
//
// Two limits, each over a sliding window: failures per login (a guesser on one account; a
// success resets it) and failures per remote address (a guesser spraying many accounts; a success
// does not reset it, or one valid account would unlock the rest). The counts live in the database
// so several servers behind a load balancer share them. Stateless apart from its limits;
// thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "base/civil_time.h"
#include "base/error.h"
#include "store/connection.h"

namespace shequ::auth {

struct ThrottleLimits {
  int max_failures_per_login = 5;
  int max_failures_per_address = 20;
  Instant window = Instant{15} * 60 * kMicrosPerSecond;
};

// Why and until when sign-in is refused.
struct LoginBlock {
  enum class Reason { kLogin, kAddress };
  Reason reason = Reason::kLogin;
  Instant until = 0;  // the first instant at which an attempt counts again
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottleLimits limits) : limits_(limits) {}

  // nullopt when an attempt for `login` from `remote_address` may go ahead at `now`; otherwise
  // the block that lifts last.
  Result<std::optional<LoginBlock>> Check(store::Connection& connection, std::string_view login,
                                          std::string_view remote_address, Instant now) const;

  // Records one attempt. Attempts refused by Check() are not recorded, so a blocked guesser
  // cannot extend the block and the table grows by at most the limits per window.
  Status Record(store::Connection& connection, std::string_view login,
                std::string_view remote_address, Instant now, bool succeeded) const;

  // Deletes attempts that no longer count (older than the window); returns how many.
  Result<std::int64_t> Purge(store::Connection& connection, Instant now) const;

  const ThrottleLimits& limits() const { return limits_; }

 private:
  ThrottleLimits limits_;
};

}  // namespace shequ::auth
