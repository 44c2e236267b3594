// The server's settings: defaults, then a config file, then SHEQU_* environment variables, then
// command-line flags (the cli applies those), each overriding the one before.
//
// The file is `key = value` lines with `#` comments; the environment variable of a key is
// SHEQU_ and the key in upper case (database → SHEQU_DATABASE). Every key is listed in
// ConfigKeys() with its help text, which docs/configuration.md repeats. Plain values.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace shequ {

struct Config {
  std::string database = "sqlite:var/shequ.db";
  std::string listen = "127.0.0.1:8080";
  std::string web_root = "web/dist";
  std::string key_file = "var/shequ.key";
  int threads = 0;  // 0: one per core
  int db_pool_size = 16;
  // 8 MiB: a CSV import of a whole community (12,000 residents is about 1.5 MB) fits.
  std::int64_t max_body_bytes = 8 << 20;
  std::int64_t max_header_bytes = 16 << 10;
  int request_timeout_seconds = 30;
  int session_ttl_minutes = 12 * 60;
  int session_idle_minutes = 60;
  std::string log_level = "info";
};

struct ConfigKey {
  std::string_view name;
  std::string_view help;
};

const std::vector<ConfigKey>& ConfigKeys();

// Sets one key from its text form; kInvalidArgument names the key in `field`.
Status SetConfigValue(Config& config, std::string_view key, std::string_view value);

// Applies a config file's text. Unknown keys and malformed lines are errors (a typo in a key
// silently ignored is a setting that silently does not apply); the message gives the line number.
Status ApplyConfigText(Config& config, std::string_view text);

// Reads and applies the file at `path`.
Status ApplyConfigFile(Config& config, const std::string& path);

// Applies SHEQU_<KEY> variables, read through `getenv` (injected so tests need no real env).
Status ApplyEnvironment(Config& config, const std::function<const char*(const char*)>& getenv);

// Splits "host:port" (port 0..65535; "[::1]:80" for IPv6).
struct HostPort {
  std::string host;
  std::uint16_t port = 0;
};
Result<HostPort> ParseHostPort(std::string_view text);

}  // namespace shequ
