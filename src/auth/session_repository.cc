#include "auth/session_repository.h"

#include <fmt/format.h>

#include "auth/internal/user_row.h"

namespace shequ::auth {
namespace {

store::Blob ToBlob(const TokenHash& hash) {
  return store::Blob{std::vector<std::uint8_t>(hash.begin(), hash.end())};
}

// Session columns first (5), then the user's, then the names of the user's scope, so that the
// one lookup every request makes also gives what the UI shows of the caller.
const std::string kSelectByTokenHash = fmt::format(
    "SELECT s.id, s.created_at, s.expires_at, s.last_seen_at, s.revoked_at, {}, "
    "st.name, c.name, g.name "
    "FROM sessions s JOIN users u ON u.id = s.user_id "
    "JOIN streets st ON st.id = u.street_id "
    "LEFT JOIN communities c ON c.id = u.community_id "
    "LEFT JOIN grids g ON g.id = u.grid_id "
    "WHERE s.token_hash = ?",
    internal::kUserColumns);
constexpr std::size_t kSessionColumnCount = 5;
constexpr std::size_t kScopeNameColumn = kSessionColumnCount + internal::kUserColumnCount;

}  // namespace

Result<SessionId> SessionRepository::Insert(store::Connection& connection,
                                            const NewSession& session) const {
  auto result = connection.Query(
      "INSERT INTO sessions (user_id, token_hash, created_at, expires_at, last_seen_at, "
      "remote_address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {session.user_id.value(), ToBlob(session.token_hash), session.created_at, session.expires_at,
       session.created_at, session.remote_address, session.user_agent});
  if (!result) return std::unexpected(std::move(result).error());
  if (result->rows.size() != 1) return Internal("INSERT INTO sessions returned no id");
  return SessionId(result->rows[0].GetInt(0));
}

Result<std::optional<SessionRecord>> SessionRepository::FindByTokenHash(
    store::Connection& connection, const TokenHash& token_hash) const {
  auto result = connection.Query(kSelectByTokenHash, {ToBlob(token_hash)});
  if (!result) return std::unexpected(std::move(result).error());
  if (result->empty()) return std::optional<SessionRecord>();
  const store::Row& row = result->rows[0];
  auto user = internal::UserFromRow(row, kSessionColumnCount);
  if (!user) return std::unexpected(std::move(user).error());
  SessionRecord record;
  record.id = SessionId(row.GetInt(0));
  record.created_at = row.GetInt(1);
  record.expires_at = row.GetInt(2);
  record.last_seen_at = row.GetInt(3);
  record.revoked_at = row.GetOptionalInt(4);
  record.user = std::move(*user);
  // The schema ties community and grid to the scope kind, so the non-null names are its levels.
  for (std::size_t column = kScopeNameColumn; column < kScopeNameColumn + 3; ++column) {
    if (row.IsNull(column)) break;
    if (!record.scope_name.empty()) record.scope_name += " / ";
    record.scope_name += row.GetText(column);
  }
  return std::optional<SessionRecord>(std::move(record));
}

Status SessionRepository::Touch(store::Connection& connection, SessionId id, Instant now) const {
  auto result =
      connection.Query("UPDATE sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?",
                       {now, id.value(), now});
  if (!result) return std::unexpected(std::move(result).error());
  return {};
}

Result<bool> SessionRepository::Revoke(store::Connection& connection, SessionId id,
                                       Instant now) const {
  auto result = connection.Query(
      "UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", {now, id.value()});
  if (!result) return std::unexpected(std::move(result).error());
  return result->rows_affected > 0;
}

Result<std::int64_t> SessionRepository::RevokeAllOfUser(store::Connection& connection,
                                                        UserId user_id, Instant now) const {
  auto result = connection.Query(
      "UPDATE sessions SET revoked_at = ? "
      "WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?",
      {now, user_id.value(), now});
  if (!result) return std::unexpected(std::move(result).error());
  return result->rows_affected;
}

Result<std::int64_t> SessionRepository::DeleteEndedBefore(store::Connection& connection,
                                                          Instant before) const {
  auto result = connection.Query("DELETE FROM sessions WHERE expires_at < ? OR revoked_at < ?",
                                 {before, before});
  if (!result) return std::unexpected(std::move(result).error());
  return result->rows_affected;
}

}  // namespace shequ::auth
