// Password hashing with argon2id (libsodium crypto_pwhash_str), and the rules a password obeys.
//
// A hash is the self-describing encoded string ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"), so
// raising the limits later still verifies old hashes and NeedsRehash() says when to upgrade one.
// Hashing is deliberately slow and memory-hungry (64 MiB at Interactive()); the hasher lets only a
// few run at once so a burst of logins cannot exhaust memory. Thread-safe.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "base/error.h"

namespace shequ::auth {

inline constexpr std::size_t kMinPasswordCodePoints = 8;
inline constexpr std::size_t kMaxPasswordBytes = 128;

// kInvalidArgument (field "password") unless `password` is UTF-8 of at least 8 code points and
// at most 128 bytes.
Status CheckPasswordRules(std::string_view password);

struct PasswordLimits {
  unsigned long long ops_limit = 0;  // argon2 passes
  std::size_t mem_limit = 0;         // bytes

  // libsodium's INTERACTIVE limits (2 passes, 64 MiB, ~190 ms here): production.
  static PasswordLimits Interactive();
  // libsodium's MIN limits (1 pass, 8 KiB, well under a millisecond): tests only.
  static PasswordLimits Minimum();
};

class PasswordHasher {
 public:
  // At most `max_concurrent` hashes or verifications run at once; more callers wait their turn.
  explicit PasswordHasher(PasswordLimits limits, int max_concurrent = 2);
  ~PasswordHasher();
  PasswordHasher(const PasswordHasher&) = delete;
  PasswordHasher& operator=(const PasswordHasher&) = delete;

  // The encoded argon2id hash of `password` with a fresh random salt. Does not check the
  // password rules (the caller does, naming the field). kInternal if libsodium runs out of memory.
  Result<std::string> Hash(std::string_view password) const;

  // True when `password` matches `encoded`; false for a wrong password or a malformed hash.
  bool Verify(std::string_view encoded, std::string_view password) const;

  // True when `encoded` was made with limits other than this hasher's (or is not argon2id).
  bool NeedsRehash(std::string_view encoded) const;

  const PasswordLimits& limits() const { return limits_; }

 private:
  class Gate;  // a counting semaphore sized at run time

  PasswordLimits limits_;
  std::unique_ptr<Gate> gate_;
};

}  // namespace shequ::auth
