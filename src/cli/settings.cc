#include "cli/settings.h"

#include <cstdlib>

namespace shequ::cli {

Result<Config> LoadSettings(const CommonFlags& flags) {
  Config config;
  if (!flags.config_file.empty()) {
    SHEQU_RETURN_IF_ERROR(ApplyConfigFile(config, flags.config_file));
  }
  SHEQU_RETURN_IF_ERROR(
      ApplyEnvironment(config, [](const char* name) { return std::getenv(name); }));
  const std::pair<const char*, const std::string*> overrides[] = {
      {"database", &flags.database},
      {"key_file", &flags.key_file},
      {"listen", &flags.listen},
      {"web_root", &flags.web_root},
  };
  for (const auto& [key, value] : overrides) {
    if (!value->empty()) SHEQU_RETURN_IF_ERROR(SetConfigValue(config, key, *value));
  }
  return config;
}

}  // namespace shequ::cli
