#include "auth/audit_log.h"

#include "auth/internal/user_row.h"

namespace shequ::auth {

using internal::IdOrNull;

AuditEntry AuditEntryBy(const Principal& who, Instant at, const RequestOrigin& origin) {
  AuditEntry entry;
  entry.at = at;
  entry.user_id = who.user_id;
  entry.login = who.login;
  entry.remote_address = origin.remote_address;
  entry.request_id = origin.request_id;
  return entry;
}

AuditEntry AuditEntryFor(const Principal& who, Instant at, const RequestOrigin& origin,
                         std::string action, std::string record_type, std::int64_t record_id,
                         CommunityId community, std::optional<std::string> detail) {
  AuditEntry entry = AuditEntryBy(who, at, origin);
  entry.action = std::move(action);
  entry.record_type = std::move(record_type);
  entry.record_id = std::to_string(record_id);
  entry.community_id = community;
  entry.detail = std::move(detail);
  return entry;
}

Status AuditLog::Append(store::Connection& connection, const AuditEntry& entry) const {
  auto result = connection.Query(
      "INSERT INTO audit_log (at, user_id, login, action, record_type, record_id, community_id, "
      "remote_address, request_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {entry.at, IdOrNull(entry.user_id), entry.login, entry.action, entry.record_type,
       entry.record_id, IdOrNull(entry.community_id), entry.remote_address, entry.request_id,
       entry.detail ? store::Value(*entry.detail) : store::Value(store::kNull)});
  if (!result) return std::unexpected(std::move(result).error());
  return {};
}

namespace {

// The WHERE clause of a query's filters (not its paging), appended to `sql`.
void AppendFilters(const AuditQuery& query, std::string& sql, std::vector<store::Value>& params) {
  sql += " WHERE at >= ?";
  params.emplace_back(query.since);
  if (query.until > 0) {
    sql += " AND at < ?";
    params.emplace_back(query.until);
  }
  if (query.user_id.valid()) {
    sql += " AND user_id = ?";
    params.emplace_back(query.user_id.value());
  }
  if (query.community_id.valid()) {
    sql += " AND community_id = ?";
    params.emplace_back(query.community_id.value());
  }
  if (query.street_id.valid()) {
    sql +=
        " AND (community_id IN (SELECT id FROM communities WHERE street_id = ?)"
        " OR user_id IN (SELECT id FROM users WHERE street_id = ?))";
    params.emplace_back(query.street_id.value());
    params.emplace_back(query.street_id.value());
  }
  if (!query.action.empty()) {
    sql += " AND action = ?";
    params.emplace_back(query.action);
  }
}

}  // namespace

Result<std::int64_t> AuditLog::Count(store::Connection& connection, const AuditQuery& query) const {
  std::string sql = "SELECT COUNT(*) FROM audit_log";
  std::vector<store::Value> params;
  AppendFilters(query, sql, params);
  auto result = connection.Query(sql, params);
  if (!result) return std::unexpected(std::move(result).error());
  return result->rows.at(0).GetInt(0);
}

Result<std::vector<AuditEntry>> AuditLog::Recent(store::Connection& connection,
                                                 const AuditQuery& query) const {
  std::string sql =
      "SELECT id, at, user_id, login, action, record_type, record_id, community_id, "
      "remote_address, request_id, detail FROM audit_log";
  std::vector<store::Value> params;
  AppendFilters(query, sql, params);
  if (query.before_id > 0) {
    sql += " AND id < ?";
    params.emplace_back(query.before_id);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(std::int64_t{query.limit});

  auto result = connection.Query(sql, params);
  if (!result) return std::unexpected(std::move(result).error());
  std::vector<AuditEntry> entries;
  entries.reserve(result->rows.size());
  for (const store::Row& row : result->rows) {
    AuditEntry entry;
    entry.id = row.GetInt(0);
    entry.at = row.GetInt(1);
    entry.user_id = UserId(row.GetOptionalInt(2).value_or(0));
    entry.login = row.GetText(3);
    entry.action = row.GetText(4);
    entry.record_type = row.GetText(5);
    entry.record_id = row.GetText(6);
    entry.community_id = CommunityId(row.GetOptionalInt(7).value_or(0));
    entry.remote_address = row.GetText(8);
    entry.request_id = row.GetText(9);
    entry.detail = row.GetOptionalText(10);
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace shequ::auth
