#include "store/database_url.h"

#include <gtest/gtest.h>

namespace shequ::store {
namespace {

TEST(ParseDatabaseUrlTest, SqliteTakesThePathAfterTheScheme) {
  auto url = ParseDatabaseUrl("sqlite:var/shequ.db");
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_EQ(url->backend, Backend::kSqlite);
  EXPECT_EQ(url->target, "var/shequ.db");
  EXPECT_EQ(url->redacted, "sqlite:var/shequ.db");

  auto absolute = ParseDatabaseUrl("sqlite:/srv/shequ/社区.db");
  ASSERT_TRUE(absolute);
  EXPECT_EQ(absolute->target, "/srv/shequ/社区.db");
}

TEST(ParseDatabaseUrlTest, PostgresAcceptsBothSchemes) {
  for (const char* text : {"postgresql://shequ@127.0.0.1:5432/shequ", "postgres://db.example/x",
                           "postgresql://shequ:secret@db:6432/shequ?sslmode=require"}) {
    auto url = ParseDatabaseUrl(text);
    ASSERT_TRUE(url) << text << ": " << url.error().message;
    EXPECT_EQ(url->backend, Backend::kPostgres);
    EXPECT_EQ(url->target, text);
  }
}

TEST(ParseDatabaseUrlTest, RejectsWhatItCannotOpen) {
  struct Case {
    const char* url;
    const char* why;
  };
  for (const Case& c : {Case{"", "empty"}, Case{"sqlite:", "no path"},
                        Case{"sqlite::memory:", "one database per pooled connection"},
                        Case{"sqlite:///var/x.db", "sqlite://"}, Case{"mysql://u@h/db", "scheme"},
                        Case{"var/shequ.db", "no scheme"},
                        Case{"postgresql://u:%zz@host/db", "bad percent-encoding"}}) {
    auto url = ParseDatabaseUrl(c.url);
    ASSERT_FALSE(url) << c.url << " (" << c.why << ")";
    EXPECT_EQ(url.error().code, ErrorCode::kInvalidArgument) << c.url;
  }
}

TEST(ParseDatabaseUrlTest, ErrorsNeverShowThePassword) {
  auto url = ParseDatabaseUrl("postgresql://u:s3cret%zz@host/db");
  ASSERT_FALSE(url);
  EXPECT_EQ(url.error().message.find("s3cret"), std::string::npos) << url.error().message;

  auto scheme = ParseDatabaseUrl("mysql://u:s3cret@host/db");
  ASSERT_FALSE(scheme);
  EXPECT_EQ(scheme.error().message.find("s3cret"), std::string::npos) << scheme.error().message;
}

TEST(RedactDatabaseUrlTest, RemovesPasswordsOnly) {
  struct Case {
    const char* url;
    const char* redacted;
  };
  for (const Case& c : {
           Case{"sqlite:var/shequ.db", "sqlite:var/shequ.db"},
           Case{"postgresql://shequ@db:5432/shequ", "postgresql://shequ@db:5432/shequ"},
           Case{"postgresql://shequ:secret@db:5432/shequ", "postgresql://shequ@db:5432/shequ"},
           Case{"postgresql://shequ:p@ss/w@db/shequ", "postgresql://shequ@db/shequ"},
           Case{"postgresql://db/shequ?user=a&password=secret&sslmode=require",
                "postgresql://db/shequ?user=a&sslmode=require"},
           Case{"postgresql://db/shequ?password=secret", "postgresql://db/shequ"},
           Case{"postgres://db", "postgres://db"},
       }) {
    EXPECT_EQ(RedactDatabaseUrl(c.url), c.redacted) << c.url;
  }
}

}  // namespace
}  // namespace shequ::store
