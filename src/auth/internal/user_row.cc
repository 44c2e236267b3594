#include "auth/internal/user_row.h"

#include <fmt/format.h>

namespace shequ::auth::internal {

Result<User> UserFromRow(const store::Row& row, std::size_t first) {
  User user;
  user.id = UserId(row.GetInt(first));
  user.login = row.GetText(first + 1);
  user.display_name = row.GetText(first + 2);
  const auto role = ParseRole(row.GetText(first + 3));
  const auto kind = ParseScopeKind(row.GetText(first + 4));
  if (!role || !kind) {
    return Internal(fmt::format("user {} has an unknown role or scope kind", user.id.value()));
  }
  user.role = *role;
  user.scope.kind = *kind;
  user.scope.place.street = StreetId(row.GetInt(first + 5));
  user.scope.place.community = CommunityId(row.GetOptionalInt(first + 6).value_or(0));
  user.scope.place.grid = GridId(row.GetOptionalInt(first + 7).value_or(0));
  user.disabled = row.GetInt(first + 8) != 0;
  user.created_at = row.GetInt(first + 9);
  user.updated_at = row.GetInt(first + 10);
  return user;
}

}  // namespace shequ::auth::internal
