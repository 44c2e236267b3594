// Test helper: a concrete request path for a route pattern, so tests can call every route.
// Header-only and used by tests alone; pure, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace shequ::api::testing {

// "/a/{id}/b" → "/a/1/b": a path that the pattern matches, every parameter set to 1.
inline std::string ConcretePath(std::string_view pattern) {
  std::string path;
  bool in_parameter = false;
  for (char c : pattern) {
    if (c == '{') {
      in_parameter = true;
      path += '1';
    } else if (c == '}') {
      in_parameter = false;
    } else if (!in_parameter) {
      path += c;
    }
  }
  return path;
}

}  // namespace shequ::api::testing
