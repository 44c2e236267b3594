#include "auth/password_hasher.h"

#include <sodium.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>

#include "auth/internal/sodium.h"
#include "base/utf8.h"

namespace shequ::auth {

Status CheckPasswordRules(std::string_view password) {
  if (!utf8::IsValid(password)) {
    return InvalidArgument("password is not valid UTF-8", "password");
  }
  if (password.size() > kMaxPasswordBytes) {
    return InvalidArgument("password is longer than 128 bytes", "password");
  }
  if (utf8::CodePointCount(password) < kMinPasswordCodePoints) {
    return InvalidArgument("password must have at least 8 characters", "password");
  }
  return {};
}

PasswordLimits PasswordLimits::Interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordLimits PasswordLimits::Minimum() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

// std::counting_semaphore needs its maximum at compile time; this one takes it at run time.
class PasswordHasher::Gate {
 public:
  explicit Gate(int slots) : free_(slots) {}

  // Holds one slot for its lifetime.
  class Pass {
   public:
    explicit Pass(Gate& gate) : gate_(gate) { gate_.Enter(); }
    ~Pass() { gate_.Leave(); }
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;

   private:
    Gate& gate_;
  };

 private:
  void Enter() {
    std::unique_lock lock(mutex_);
    freed_.wait(lock, [this] { return free_ > 0; });
    --free_;
  }
  void Leave() {
    {
      std::lock_guard lock(mutex_);
      ++free_;
    }
    freed_.notify_one();
  }

  std::mutex mutex_;
  std::condition_variable freed_;
  int free_;
};

PasswordHasher::PasswordHasher(PasswordLimits limits, int max_concurrent)
    : limits_(limits), gate_(std::make_unique<Gate>(std::max(1, max_concurrent))) {
  internal::EnsureSodium();
}

PasswordHasher::~PasswordHasher() = default;

Result<std::string> PasswordHasher::Hash(std::string_view password) const {
  char encoded[crypto_pwhash_STRBYTES];
  int rc = 0;
  {
    Gate::Pass pass(*gate_);
    rc = crypto_pwhash_str(encoded, password.data(), password.size(), limits_.ops_limit,
                           limits_.mem_limit);
  }
  if (rc != 0) return Internal("password hashing ran out of memory");
  return std::string(encoded);
}

bool PasswordHasher::Verify(std::string_view encoded, std::string_view password) const {
  // crypto_pwhash_str_verify reads a NUL-terminated string of at most STRBYTES - 1 characters.
  if (encoded.empty() || encoded.size() >= crypto_pwhash_STRBYTES) return false;
  char terminated[crypto_pwhash_STRBYTES] = {};
  std::copy(encoded.begin(), encoded.end(), terminated);
  Gate::Pass pass(*gate_);
  return crypto_pwhash_str_verify(terminated, password.data(), password.size()) == 0;
}

bool PasswordHasher::NeedsRehash(std::string_view encoded) const {
  if (encoded.empty() || encoded.size() >= crypto_pwhash_STRBYTES) return true;
  char terminated[crypto_pwhash_STRBYTES] = {};
  std::copy(encoded.begin(), encoded.end(), terminated);
  // 0: same limits; 1: different limits; -1: not an argon2id hash at all.
  return crypto_pwhash_str_needs_rehash(terminated, limits_.ops_limit, limits_.mem_limit) != 0;
}

}  // namespace shequ::auth
