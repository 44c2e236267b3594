// Structured logging: one line per event, `time level event key=value ...`, to stderr.
//
//   log::Info("http.request", {{"request_id", id}, {"status", 200}, {"ms", 1.7}});
//
// An event name is a dotted lower-case word ("db.migrate", "http.request"); fields carry the
// rest, the request id first when there is one, so one grep follows a request through the logs.
// Values with spaces or quotes are quoted. Never log personal data (ID and phone numbers, names).
// Thread-safe (spdlog underneath).
#pragma once

#include <fmt/format.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>

namespace shequ::log {

enum class Level { kDebug, kInfo, kWarn, kError, kOff };

// "debug", "info", "warn", "error", "off"; nullopt-like kInfo fallback is the caller's choice.
bool ParseLevel(std::string_view name, Level* level);

// Sets the minimum level; call once at start (tests may call it again).
void SetLevel(Level level);

struct Field {
  template <typename T>
  Field(std::string_view key, const T& value) : key(key) {
    if constexpr (std::is_convertible_v<const T&, std::string_view>) {
      this->value = std::string(std::string_view(value));
    } else {
      this->value = fmt::to_string(value);
    }
  }

  std::string_view key;
  std::string value;
};

void Write(Level level, std::string_view event, std::initializer_list<Field> fields);

inline void Debug(std::string_view event, std::initializer_list<Field> fields = {}) {
  Write(Level::kDebug, event, fields);
}
inline void Info(std::string_view event, std::initializer_list<Field> fields = {}) {
  Write(Level::kInfo, event, fields);
}
inline void Warn(std::string_view event, std::initializer_list<Field> fields = {}) {
  Write(Level::kWarn, event, fields);
}
inline void Error(std::string_view event, std::initializer_list<Field> fields = {}) {
  Write(Level::kError, event, fields);
}

// Formats one line as Write() would, without the time and level (for tests).
std::string FormatFields(std::string_view event, std::initializer_list<Field> fields);

}  // namespace shequ::log
