#include "auth/internal/sodium.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

namespace shequ::auth::internal {

void EnsureSodium() {
  // A function-local static is initialised exactly once, even with threads racing to it.
  static const bool initialised = [] {
    if (sodium_init() < 0) {
      std::fputs("libsodium failed to initialise\n", stderr);
      std::abort();
    }
    return true;
  }();
  (void)initialised;
}

}  // namespace shequ::auth::internal
