#include "auth/session_token.h"

#include <sodium.h>

#include <algorithm>

#include "auth/internal/sodium.h"

namespace shequ::auth {

SessionToken SessionToken::Generate() {
  internal::EnsureSodium();
  SessionToken token;
  randombytes_buf(token.bytes_.data(), token.bytes_.size());
  return token;
}

SessionToken SessionToken::FromBytes(std::span<const std::uint8_t, kSessionTokenBytes> bytes) {
  SessionToken token;
  std::copy(bytes.begin(), bytes.end(), token.bytes_.begin());
  return token;
}

std::optional<SessionToken> SessionToken::Parse(std::string_view text) {
  if (text.size() != kSessionTokenTextLength) return std::nullopt;
  internal::EnsureSodium();
  SessionToken token;
  std::size_t decoded = 0;
  const char* end = nullptr;
  if (sodium_base642bin(token.bytes_.data(), token.bytes_.size(), text.data(), text.size(),
                        /*ignore=*/nullptr, &decoded, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      decoded != kSessionTokenBytes || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return token;
}

std::string SessionToken::ToString() const {
  internal::EnsureSodium();
  constexpr std::size_t kEncodedSize = sodium_base64_ENCODED_LEN(
      kSessionTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);  // includes the NUL
  char encoded[kEncodedSize];
  sodium_bin2base64(encoded, sizeof encoded, bytes_.data(), bytes_.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return std::string(encoded, kSessionTokenTextLength);
}

TokenHash SessionToken::Hash() const {
  internal::EnsureSodium();
  TokenHash hash;
  crypto_generichash(hash.data(), hash.size(), bytes_.data(), bytes_.size(), /*key=*/nullptr, 0);
  return hash;
}

}  // namespace shequ::auth
