#include "store/query_result.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace shequ::store {
namespace {

Row MakeRow() { return Row({kNull, std::int64_t{42}, 2.5, std::string("社区"), Blob{{0, 1, 0}}}); }

TEST(RowTest, ReadsEachKind) {
  const Row row = MakeRow();
  ASSERT_EQ(row.size(), 5u);
  EXPECT_TRUE(row.IsNull(0));
  EXPECT_FALSE(row.IsNull(1));
  EXPECT_EQ(row.GetInt(1), 42);
  EXPECT_DOUBLE_EQ(row.GetDouble(2), 2.5);
  EXPECT_EQ(row.GetText(3), "社区");
  EXPECT_EQ(row.GetBlob(4), (Blob{{0, 1, 0}}));
}

TEST(RowTest, DoubleReaderAcceptsAnInteger) {
  const Row row({std::int64_t{7}, std::numeric_limits<std::int64_t>::max()});
  EXPECT_DOUBLE_EQ(row.GetDouble(0), 7.0);
  EXPECT_DOUBLE_EQ(row.GetDouble(1), 9223372036854775807.0);
}

TEST(RowTest, OptionalReadersMapNullToNullopt) {
  const Row row = MakeRow();
  EXPECT_EQ(row.GetOptionalInt(0), std::nullopt);
  EXPECT_EQ(row.GetOptionalText(0), std::nullopt);
  EXPECT_EQ(row.GetOptionalInt(1), 42);
  EXPECT_EQ(row.GetOptionalText(3), "社区");
}

TEST(RowDeathTest, WrongKindIsAProgrammerError) {
  const Row row = MakeRow();
  EXPECT_DEATH(row.GetText(1), "column 1 holds integer, read as text");
  EXPECT_DEATH(row.GetInt(3), "column 3 holds text, read as integer");
  EXPECT_DEATH(row.GetInt(2), "column 2 holds double, read as integer");
  EXPECT_DEATH(row.GetBlob(3), "column 3 holds text, read as blob");
  EXPECT_DEATH(row.GetDouble(3), "column 3 holds text, read as double");
}

TEST(RowDeathTest, NullThroughANonOptionalReaderIsAProgrammerError) {
  const Row row = MakeRow();
  EXPECT_DEATH(row.GetInt(0), "column 0 holds NULL, read as integer");
  EXPECT_DEATH(row.GetOptionalInt(3), "column 3 holds text, read as integer");
}

TEST(QueryResultTest, EmptyWhenNoRows) {
  QueryResult result;
  EXPECT_TRUE(result.empty());
  result.rows.emplace_back();
  EXPECT_FALSE(result.empty());
}

}  // namespace
}  // namespace shequ::store
