// The audit log: who did what to which record, and every read of personal data (append-only).
//
// Every module appends through AuditLog::Append on the connection of its own transaction, so the
// audit row commits or rolls back with the change it describes. Nothing updates or deletes a
// row. Recent() serves the admin's audit screen. Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "base/civil_time.h"
#include "base/error.h"
#include "base/ids.h"
#include "store/connection.h"

namespace shequ::auth {

// Where a request came from, as the audit log records it.
struct RequestOrigin {
  std::string remote_address;
  std::string request_id;
};

struct AuditEntry {
  std::int64_t id = 0;  // set when read back; ignored by Append
  Instant at = 0;
  UserId user_id;            // invalid: the system, or a login that matched no account
  std::string login;         // the actor's login ("system" for the command line)
  std::string action;        // dotted: "user.create", "session.login", "resident.read_id_number"
  std::string record_type;   // "user", "session", "resident", ...
  std::string record_id;     // empty when there is none
  CommunityId community_id;  // the community the record belongs to; invalid when none
  std::string remote_address;
  std::string request_id;
  std::optional<std::string> detail;  // free text; never personal data itself
};

// An entry with the actor, time and origin filled in from `who`; the caller adds the rest.
AuditEntry AuditEntryBy(const Principal& who, Instant at, const RequestOrigin& origin);

// The whole entry for a change to one record of a community (what the services write with each
// change): actor, time and origin from `who`, then the action, the record and the community.
AuditEntry AuditEntryFor(const Principal& who, Instant at, const RequestOrigin& origin,
                         std::string action, std::string record_type, std::int64_t record_id,
                         CommunityId community, std::optional<std::string> detail = std::nullopt);

// Filters for Recent(); an unset filter matches everything.
struct AuditQuery {
  UserId user_id;
  CommunityId community_id;
  StreetId street_id;  // entries of the street's communities, or by users scoped to the street
  std::string action;  // exact match
  Instant since = 0;   // at >= since
  Instant until = 0;   // at < until, when set
  std::int64_t before_id = 0;  // paging: only entries with id < before_id
  int limit = 100;
};

class AuditLog {
 public:
  // Appends one entry on `connection` (inside the caller's transaction, if any).
  Status Append(store::Connection& connection, const AuditEntry& entry) const;

  // Matching entries, newest first, at most query.limit of them.
  Result<std::vector<AuditEntry>> Recent(store::Connection& connection,
                                         const AuditQuery& query) const;

  // How many entries match (paging fields ignored).
  Result<std::int64_t> Count(store::Connection& connection, const AuditQuery& query) const;
};

}  // namespace shequ::auth
