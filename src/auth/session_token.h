// A session token: 32 random bytes the client holds, of which the server keeps only a hash.
//
// The client sees the bytes as 43 characters of URL-safe base64 without padding (a cookie or a
// bearer token). The database stores TokenHash, the BLAKE2b-256 of the raw bytes, so a copy of
// the database cannot be replayed as sessions. Plain values, thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace shequ::auth {

inline constexpr std::size_t kSessionTokenBytes = 32;
inline constexpr std::size_t kSessionTokenTextLength = 43;  // base64url of 32 bytes, no padding

using TokenHash = std::array<std::uint8_t, 32>;

class SessionToken {
 public:
  // 32 bytes from the operating system's CSPRNG (libsodium randombytes_buf).
  static SessionToken Generate();

  // The token with exactly these bytes (tests).
  static SessionToken FromBytes(std::span<const std::uint8_t, kSessionTokenBytes> bytes);

  // Decodes the text form; nullopt unless it is exactly 43 base64url characters.
  static std::optional<SessionToken> Parse(std::string_view text);

  // The text form the client holds.
  std::string ToString() const;

  // BLAKE2b-256 of the raw bytes: what the database stores and looks sessions up by.
  TokenHash Hash() const;

  const std::array<std::uint8_t, kSessionTokenBytes>& bytes() const { return bytes_; }

 private:
  SessionToken() = default;

  std::array<std::uint8_t, kSessionTokenBytes> bytes_{};
};

}  // namespace shequ::auth
