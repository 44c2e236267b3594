#include "base/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>

namespace shequ::log {
namespace {

spdlog::logger& Logger() {
  // A function-local static: built on first use, thread-safe, and usable from other statics.
  static std::shared_ptr<spdlog::logger> logger = [] {
    auto created = spdlog::stderr_logger_mt("shequ");
    created->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
    created->set_level(spdlog::level::info);
    return created;
  }();
  return *logger;
}

spdlog::level::level_enum ToSpdlog(Level level) {
  switch (level) {
    case Level::kDebug:
      return spdlog::level::debug;
    case Level::kInfo:
      return spdlog::level::info;
    case Level::kWarn:
      return spdlog::level::warn;
    case Level::kError:
      return spdlog::level::err;
    case Level::kOff:
      return spdlog::level::off;
  }
  return spdlog::level::info;
}

bool NeedsQuotes(std::string_view value) {
  if (value.empty()) return true;
  for (char c : value) {
    if (c == ' ' || c == '"' || c == '=' || c == '\n' || c == '\t') return true;
  }
  return false;
}

void AppendValue(std::string& out, std::string_view value) {
  if (!NeedsQuotes(value)) {
    out += value;
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  out += '"';
}

}  // namespace

bool ParseLevel(std::string_view name, Level* level) {
  if (name == "debug")
    *level = Level::kDebug;
  else if (name == "info")
    *level = Level::kInfo;
  else if (name == "warn")
    *level = Level::kWarn;
  else if (name == "error")
    *level = Level::kError;
  else if (name == "off")
    *level = Level::kOff;
  else
    return false;
  return true;
}

void SetLevel(Level level) { Logger().set_level(ToSpdlog(level)); }

std::string FormatFields(std::string_view event, std::initializer_list<Field> fields) {
  std::string line(event);
  for (const Field& field : fields) {
    line += ' ';
    line += field.key;
    line += '=';
    AppendValue(line, field.value);
  }
  return line;
}

void Write(Level level, std::string_view event, std::initializer_list<Field> fields) {
  auto& logger = Logger();
  const auto spd_level = ToSpdlog(level);
  if (!logger.should_log(spd_level)) return;
  logger.log(spd_level, "{}", FormatFields(event, fields));
}

}  // namespace shequ::log
