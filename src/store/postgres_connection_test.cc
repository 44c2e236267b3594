// The parts of the PostgreSQL back end that need no server; the rest is in tests/storage/.
#include "store/postgres_connection.h"

#include <gtest/gtest.h>

namespace shequ::store {
namespace {

TEST(RewritePlaceholdersTest, NumbersEachPlaceholderInOrder) {
  struct Case {
    const char* sql;
    const char* rewritten;
    int count;
  };
  for (const Case& c : {
           Case{"SELECT 1", "SELECT 1", 0},
           Case{"SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = $1 AND b = $2",
                2},
           Case{"INSERT INTO t VALUES (?,?,?)", "INSERT INTO t VALUES ($1,$2,$3)", 3},
           // Inside strings, identifiers and comments a '?' is text.
           Case{"SELECT '?' , ?", "SELECT '?' , $1", 1},
           Case{"SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1},
           Case{"SELECT E'\\'?', ?", "SELECT E'\\'?', $1", 1},
           Case{"SELECT e'a\\\\', ?", "SELECT e'a\\\\', $1", 1},
           Case{"SELECT '\\', ?", "SELECT '\\', $1", 1},  // standard strings: '\' is one backslash
           Case{"SELECT \"what?\" FROM t WHERE x = ?", "SELECT \"what?\" FROM t WHERE x = $1", 1},
           Case{"SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2", 2},
           Case{"SELECT ? /* a? /* nested? */ b? */ + ?",
                "SELECT $1 /* a? /* nested? */ b? */ + $2", 2},
           Case{"SELECT $$a?b$$, ?", "SELECT $$a?b$$, $1", 1},
           Case{"SELECT $fn$ x ? $fn$, ?", "SELECT $fn$ x ? $fn$, $1", 1},
           Case{"SELECT a$b, ?", "SELECT a$b, $1", 1},  // '$' inside an identifier is no quote
           Case{"SELECT '社区?' || ?", "SELECT '社区?' || $1", 1},
           Case{"SELECT 'unterminated ?", "SELECT 'unterminated ?", 0},
           Case{"SELECT ?-- c", "SELECT $1-- c", 1},
           Case{"SELECT 10-?", "SELECT 10-$1", 1},
       }) {
    const RewrittenSql rewritten = RewritePlaceholders(c.sql);
    EXPECT_EQ(rewritten.text, c.rewritten) << c.sql;
    EXPECT_EQ(rewritten.placeholder_count, c.count) << c.sql;
  }
}

TEST(RewritePlaceholdersTest, CountsPastNine) {
  const RewrittenSql rewritten = RewritePlaceholders("VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  EXPECT_EQ(rewritten.text, "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)");
  EXPECT_EQ(rewritten.placeholder_count, 11);
}

}  // namespace
}  // namespace shequ::store
