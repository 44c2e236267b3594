#include "store/connection.h"

namespace shequ::store {

std::string_view BackendName(Backend backend) {
  switch (backend) {
    case Backend::kSqlite:
      return "sqlite";
    case Backend::kPostgres:
      return "postgresql";
  }
  return "unknown";
}

}  // namespace shequ::store
