// The effective settings of one `shequ` invocation: defaults, then the config file, then SHEQU_*
// environment variables, then the flags given on the command line.
#pragma once

#include <optional>
#include <string>

#include "base/config.h"
#include "base/error.h"

namespace shequ::cli {

// Flags shared by the subcommands; empty means "not given".
struct CommonFlags {
  std::string config_file;
  std::string database;
  std::string key_file;
  std::string listen;
  std::string web_root;
};

Result<Config> LoadSettings(const CommonFlags& flags);

}  // namespace shequ::cli
