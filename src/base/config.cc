#include "base/config.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <fstream>
#include <sstream>

#include "base/log.h"
#include "base/utf8.h"

namespace shequ {
namespace {

template <typename Int>
Status ParseInt(std::string_view key, std::string_view text, Int min, Int max, Int* out) {
  Int value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return InvalidArgument(fmt::format("{} must be a whole number from {} to {}", key, min, max),
                           std::string(key));
  }
  *out = value;
  return {};
}

struct KeyRow {
  ConfigKey key;
  std::function<Status(Config&, std::string_view)> set;
};

const std::vector<KeyRow>& KeyTable() {
  static const std::vector<KeyRow> table = {
      {{"database", "sqlite:PATH (embedded, the default) or postgresql://user@host:port/db"},
       [](Config& c, std::string_view v) -> Status {
         if (!v.starts_with("sqlite:") && !v.starts_with("postgresql://") &&
             !v.starts_with("postgres://")) {
           return InvalidArgument("database must start with sqlite: or postgresql://", "database");
         }
         c.database = v;
         return {};
       }},
      {{"listen", "address and port to serve on, e.g. 127.0.0.1:8080 (port 0: any free port)"},
       [](Config& c, std::string_view v) -> Status {
         SHEQU_RETURN_IF_ERROR(ParseHostPort(v));
         c.listen = v;
         return {};
       }},
      {{"web_root", "folder of the built web UI (web/dist)"},
       [](Config& c, std::string_view v) -> Status {
         c.web_root = v;
         return {};
       }},
      {{"key_file",
        "file holding the key that encrypts personal data at rest (created by shequ init, 0600)"},
       [](Config& c, std::string_view v) -> Status {
         c.key_file = v;
         return {};
       }},
      {{"threads", "HTTP worker threads; 0 means one per core"},
       [](Config& c, std::string_view v) { return ParseInt("threads", v, 0, 256, &c.threads); }},
      {{"db_pool_size", "database connections kept open"},
       [](Config& c, std::string_view v) {
         return ParseInt("db_pool_size", v, 1, 1024, &c.db_pool_size);
       }},
      {{"max_body_bytes", "largest request body accepted (413 beyond)"},
       [](Config& c, std::string_view v) {
         return ParseInt<std::int64_t>("max_body_bytes", v, 1024, std::int64_t{1} << 32,
                                       &c.max_body_bytes);
       }},
      {{"max_header_bytes", "largest request header block accepted (431 beyond)"},
       [](Config& c, std::string_view v) {
         return ParseInt<std::int64_t>("max_header_bytes", v, 1024, 1 << 20, &c.max_header_bytes);
       }},
      {{"request_timeout_seconds", "time allowed to receive one request"},
       [](Config& c, std::string_view v) {
         return ParseInt("request_timeout_seconds", v, 1, 3600, &c.request_timeout_seconds);
       }},
      {{"session_ttl_minutes", "a session ends this long after login"},
       [](Config& c, std::string_view v) {
         return ParseInt("session_ttl_minutes", v, 1, 60 * 24 * 30, &c.session_ttl_minutes);
       }},
      {{"session_idle_minutes", "a session ends after this long without a request"},
       [](Config& c, std::string_view v) {
         return ParseInt("session_idle_minutes", v, 1, 60 * 24, &c.session_idle_minutes);
       }},
      {{"log_level", "debug, info, warn, error or off"},
       [](Config& c, std::string_view v) -> Status {
         log::Level level;
         if (!log::ParseLevel(v, &level)) {
           return InvalidArgument("log_level must be debug, info, warn, error or off", "log_level");
         }
         c.log_level = v;
         return {};
       }},
  };
  return table;
}

}  // namespace

const std::vector<ConfigKey>& ConfigKeys() {
  static const std::vector<ConfigKey> keys = [] {
    std::vector<ConfigKey> result;
    for (const auto& row : KeyTable()) result.push_back(row.key);
    return result;
  }();
  return keys;
}

Status SetConfigValue(Config& config, std::string_view key, std::string_view value) {
  for (const auto& row : KeyTable()) {
    if (row.key.name == key) return row.set(config, value);
  }
  return InvalidArgument(fmt::format("unknown setting '{}'", key), std::string(key));
}

Status ApplyConfigText(Config& config, std::string_view text) {
  int line_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (const auto hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    line = utf8::Trim(line);
    if (line.empty()) continue;
    const auto equals = line.find('=');
    if (equals == std::string_view::npos) {
      return InvalidArgument(fmt::format("line {}: expected key = value", line_number));
    }
    const auto key = utf8::Trim(line.substr(0, equals));
    const auto value = utf8::Trim(line.substr(equals + 1));
    if (auto status = SetConfigValue(config, key, value); !status) {
      status.error().message = fmt::format("line {}: {}", line_number, status.error().message);
      return status;
    }
  }
  return {};
}

Status ApplyConfigFile(Config& config, const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return InvalidArgument(fmt::format("cannot read config file {}", path), "config");
  std::ostringstream text;
  text << file.rdbuf();
  if (auto status = ApplyConfigText(config, text.str()); !status) {
    status.error().message = fmt::format("{}: {}", path, status.error().message);
    return status;
  }
  return {};
}

Status ApplyEnvironment(Config& config, const std::function<const char*(const char*)>& getenv) {
  for (const auto& row : KeyTable()) {
    std::string variable = "SHEQU_";
    for (char c : row.key.name) variable += static_cast<char>(std::toupper(c));
    if (const char* value = getenv(variable.c_str()); value != nullptr) {
      if (auto status = row.set(config, value); !status) {
        status.error().message = fmt::format("{}: {}", variable, status.error().message);
        return status;
      }
    }
  }
  return {};
}

Result<HostPort> ParseHostPort(std::string_view text) {
  HostPort result;
  std::string_view port_text;
  if (text.starts_with('[')) {
    const auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return InvalidArgument("expected [IPv6]:port", "listen");
    }
    result.host = text.substr(1, close - 1);
    port_text = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) {
      return InvalidArgument("expected host:port", "listen");
    }
    result.host = text.substr(0, colon);
    port_text = text.substr(colon + 1);
  }
  SHEQU_RETURN_IF_ERROR(ParseInt<std::uint16_t>("listen", port_text, 0, 65535, &result.port));
  return result;
}

}  // namespace shequ
