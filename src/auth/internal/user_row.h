// Internal: the users columns that UserRepository and SessionRepository select, and their mapping.
#pragma once

#include <cstddef>
#include <string_view>

#include "auth/user.h"
#include "base/error.h"
#include "store/query_result.h"
#include "store/value.h"

namespace shequ::auth::internal {

// The 11 user columns in the order UserFromRow reads them, qualified with the alias "u".
inline constexpr std::string_view kUserColumns =
    "u.id, u.login, u.display_name, u.role, u.scope_kind, u.street_id, u.community_id, "
    "u.grid_id, u.disabled, u.created_at, u.updated_at";
inline constexpr std::size_t kUserColumnCount = 11;

// Reads a user from `row` starting at column `first`. kInternal when a stored role or scope kind
// is unknown (the schema's CHECKs make that a broken invariant).
Result<User> UserFromRow(const store::Row& row, std::size_t first = 0);

// An id as a bound parameter: NULL when invalid (not set).
template <typename Tag>
store::Value IdOrNull(Id<Tag> id) {
  if (!id.valid()) return store::kNull;
  return id.value();
}

}  // namespace shequ::auth::internal
