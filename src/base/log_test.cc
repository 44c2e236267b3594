#include "base/log.h"

#include <gtest/gtest.h>

namespace shequ::log {
namespace {

TEST(LogTest, FormatsKeyValueFieldsAndQuotesWhatNeedsIt) {
  EXPECT_EQ(FormatFields("http.request", {{"request_id", "ab12"}, {"status", 200}, {"ms", 1.5}}),
            "http.request request_id=ab12 status=200 ms=1.5");
  EXPECT_EQ(FormatFields("db.error", {{"message", "no such \"table\""}, {"empty", ""}}),
            R"(db.error message="no such \"table\"" empty="")");
}

TEST(LogTest, ParsesLevels) {
  Level level = Level::kInfo;
  EXPECT_TRUE(ParseLevel("warn", &level));
  EXPECT_EQ(level, Level::kWarn);
  EXPECT_FALSE(ParseLevel("loud", &level));
}

}  // namespace
}  // namespace shequ::log
