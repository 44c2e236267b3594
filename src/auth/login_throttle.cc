#include "auth/login_throttle.h"

#include <algorithm>
#include <string>

namespace shequ::auth {
namespace {

// The newest `limit` failures that count, newest first. When there are `limit` of them the caller
// is blocked until the oldest of those leaves the window.
std::optional<Instant> BlockedUntil(const store::QueryResult& newest_failures, int limit,
                                    Instant window) {
  if (limit <= 0 || newest_failures.rows.size() < static_cast<std::size_t>(limit)) {
    return std::nullopt;
  }
  return newest_failures.rows.back().GetInt(0) + window;
}

}  // namespace

Result<std::optional<LoginBlock>> LoginThrottle::Check(store::Connection& connection,
                                                       std::string_view login,
                                                       std::string_view remote_address,
                                                       Instant now) const {
  const Instant window_start = now - limits_.window;
  std::optional<LoginBlock> block;

  // Failures of this login since the window opened and since its last success.
  auto by_login = connection.Query(
      "SELECT attempted_at FROM login_attempts "
      "WHERE login = ? AND succeeded = 0 AND attempted_at > ? AND attempted_at > COALESCE("
      "(SELECT MAX(attempted_at) FROM login_attempts WHERE login = ? AND succeeded = 1), 0) "
      "ORDER BY attempted_at DESC LIMIT ?",
      {std::string(login), window_start, std::string(login),
       std::int64_t{limits_.max_failures_per_login}});
  if (!by_login) return std::unexpected(std::move(by_login).error());
  if (auto until = BlockedUntil(*by_login, limits_.max_failures_per_login, limits_.window)) {
    block = LoginBlock{LoginBlock::Reason::kLogin, *until};
  }

  auto by_address = connection.Query(
      "SELECT attempted_at FROM login_attempts "
      "WHERE remote_address = ? AND succeeded = 0 AND attempted_at > ? "
      "ORDER BY attempted_at DESC LIMIT ?",
      {std::string(remote_address), window_start, std::int64_t{limits_.max_failures_per_address}});
  if (!by_address) return std::unexpected(std::move(by_address).error());
  if (auto until = BlockedUntil(*by_address, limits_.max_failures_per_address, limits_.window)) {
    if (!block || *until > block->until) block = LoginBlock{LoginBlock::Reason::kAddress, *until};
  }
  return block;
}

Status LoginThrottle::Record(store::Connection& connection, std::string_view login,
                             std::string_view remote_address, Instant now, bool succeeded) const {
  auto result = connection.Query(
      "INSERT INTO login_attempts (login, remote_address, attempted_at, succeeded) "
      "VALUES (?, ?, ?, ?)",
      {std::string(login), std::string(remote_address), now, std::int64_t{succeeded ? 1 : 0}});
  if (!result) return std::unexpected(std::move(result).error());
  return {};
}

Result<std::int64_t> LoginThrottle::Purge(store::Connection& connection, Instant now) const {
  // A success older than the window still resets the count of failures after it, but those are
  // all older than the window too, so nothing that counts is lost.
  auto result = connection.Query("DELETE FROM login_attempts WHERE attempted_at <= ?",
                                 {now - limits_.window});
  if (!result) return std::unexpected(std::move(result).error());
  return result->rows_affected;
}

}  // namespace shequ::auth
