#include "base/config.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace shequ {
namespace {

TEST(ConfigTest, FileOverridesDefaults) {
  Config config;
  ASSERT_TRUE(ApplyConfigText(config,
                              "# shequ\n"
                              "database = postgresql://shequ@127.0.0.1:5432/shequ\n"
                              "listen = 0.0.0.0:9000   # all interfaces\n"
                              "\n"
                              "session_idle_minutes = 30\n"));
  EXPECT_EQ(config.database, "postgresql://shequ@127.0.0.1:5432/shequ");
  EXPECT_EQ(config.listen, "0.0.0.0:9000");
  EXPECT_EQ(config.session_idle_minutes, 30);
  EXPECT_EQ(config.threads, 0);  // untouched default
}

TEST(ConfigTest, UnknownKeyIsAnErrorWithItsLine) {
  Config config;
  const auto status = ApplyConfigText(config, "threads = 2\nthreds = 4\n");
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().field, "threds");
  EXPECT_NE(status.error().message.find("line 2"), std::string::npos);
}

TEST(ConfigTest, BadValuesNameTheKey) {
  Config config;
  for (const char* text : {"threads = many", "threads = -1", "listen = nowhere",
                           "database = mysql://x", "log_level = loud", "max_body_bytes = 10"}) {
    const auto status = ApplyConfigText(config, text);
    EXPECT_FALSE(status) << text;
  }
  EXPECT_EQ(config.threads, 0);
}

TEST(ConfigTest, EnvironmentOverridesFile) {
  Config config;
  ASSERT_TRUE(ApplyConfigText(config, "db_pool_size = 4\n"));
  std::map<std::string, std::string> env = {{"SHEQU_DB_POOL_SIZE", "12"},
                                            {"SHEQU_LOG_LEVEL", "debug"}};
  ASSERT_TRUE(ApplyEnvironment(config, [&](const char* name) -> const char* {
    const auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  }));
  EXPECT_EQ(config.db_pool_size, 12);
  EXPECT_EQ(config.log_level, "debug");
}

TEST(ConfigTest, EveryKeyIsDocumented) {
  for (const auto& key : ConfigKeys()) {
    EXPECT_FALSE(key.help.empty()) << key.name;
  }
  EXPECT_GE(ConfigKeys().size(), 10u);
}

TEST(ConfigTest, ParsesHostPort) {
  const auto v4 = ParseHostPort("127.0.0.1:8080");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->host, "127.0.0.1");
  EXPECT_EQ(v4->port, 8080);
  const auto v6 = ParseHostPort("[::1]:0");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 0);
  EXPECT_FALSE(ParseHostPort("127.0.0.1:65536"));
  EXPECT_FALSE(ParseHostPort("127.0.0.1"));
}

}  // namespace
}  // namespace shequ
