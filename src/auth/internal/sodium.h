// Internal: makes sure libsodium is initialised before any of its functions run.
#pragma once

namespace shequ::auth::internal {

// Calls sodium_init() once per process (thread-safe; later calls are free). Aborts if libsodium
// cannot initialise, since nothing in auth/ is safe without it.
void EnsureSodium();

}  // namespace shequ::auth::internal
