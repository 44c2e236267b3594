// Personal data at rest (PIPL): ID and phone numbers encrypted with a key that never enters the
// database, a keyed hash (blind index) for exact lookup, and the masked forms responses show.
//
// The master key is 32 bytes, kept as 64 hex characters in the key file that `shequ init` creates
// (mode 0600). Two subkeys are derived from it (crypto_kdf): one for XSalsa20-Poly1305 secretbox
// with a random nonce per value (stored as nonce || ciphertext), one for keyed BLAKE2b-256, so the
// index reveals nothing about the ciphertext key. Key material is zeroed when the cipher goes.
// Thread-safe after construction (read-only).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace shequ::registry {

class PiiCipher {
 public:
  static constexpr std::size_t kKeyBytes = 32;

  // From 64 hex characters (surrounding whitespace ignored). kInvalidArgument naming "key_file"
  // on any other length or a non-hex character.
  static Result<std::unique_ptr<PiiCipher>> FromHex(std::string_view hex);
  // Reads the key file. kInvalidArgument naming "key_file" when it is missing, readable by group
  // or others (more open than 0600), or not 64 hex characters.
  static Result<std::unique_ptr<PiiCipher>> LoadKeyFile(const std::filesystem::path& path);
  // Writes a new random key to `path` (mode 0600, parent folders created) unless a file is there
  // already: replacing a key would make every value encrypted under it unreadable. Returns
  // whether it created one.
  static Result<bool> CreateKeyFileIfMissing(const std::filesystem::path& path);

  PiiCipher(const PiiCipher&) = delete;
  PiiCipher& operator=(const PiiCipher&) = delete;
  ~PiiCipher();

  // nonce || ciphertext of `plaintext`; a fresh random nonce each call.
  std::vector<std::uint8_t> Encrypt(std::string_view plaintext) const;
  // kInternal when the box does not open (wrong key or tampered bytes).
  Result<std::string> Decrypt(std::span<const std::uint8_t> box) const;
  // The keyed BLAKE2b-256 of `normalised`: equal values give equal indexes under one key.
  std::vector<std::uint8_t> BlindIndex(std::string_view normalised) const;

 private:
  explicit PiiCipher(const std::array<unsigned char, kKeyBytes>& master);

  std::array<unsigned char, kKeyBytes> box_key_{};
  std::array<unsigned char, kKeyBytes> index_key_{};
};

// "110105199003071234" → "1101**********1234" (first 4 and last 4 kept).
std::string MaskIdNumber(std::string_view id_number);
// "13812345678" → "138****5678": first 3 and last 4 kept, the rest starred.
std::string MaskPhone(std::string_view phone);

// A phone number in its stored form, digits only. Accepted: a mainland mobile number, 1[3-9] and
// nine more digits; or a landline with its area code, 0 then 9-11 digits, an optional '-' after
// the area code ("010-12345678", "0571-8765432"). Spaces are dropped. kInvalidArgument naming
// "phone" otherwise.
Result<std::string> NormalisePhone(std::string_view text);

}  // namespace shequ::registry
