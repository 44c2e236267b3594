// Typed record ids: a UserId cannot be passed where a CommunityId is expected.
//
// Every table's primary key is a 64-bit integer; Id<Tag> wraps it with no run-time cost.
// Zero is "no id" (a row not yet stored). Plain values, safe to copy between threads.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace shequ {

template <typename Tag>
class Id {
 public:
  constexpr Id() = default;
  constexpr explicit Id(std::int64_t value) : value_(value) {}

  constexpr std::int64_t value() const { return value_; }
  constexpr bool valid() const { return value_ > 0; }

  friend constexpr auto operator<=>(Id, Id) = default;

 private:
  std::int64_t value_ = 0;
};

using StreetId = Id<struct StreetTag>;
using CommunityId = Id<struct CommunityTag>;
using GridId = Id<struct GridTag>;
using UserId = Id<struct UserTag>;
using SessionId = Id<struct SessionTag>;

}  // namespace shequ

template <typename Tag>
struct std::hash<shequ::Id<Tag>> {
  std::size_t operator()(shequ::Id<Tag> id) const noexcept {
    return std::hash<std::int64_t>{}(id.value());
  }
};
