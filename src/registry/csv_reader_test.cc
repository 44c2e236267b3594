// The CSV reader on the files workers send: RFC 4180 quoting, both line ends, a byte order mark,
// GB18030 from Excel, and the row numbers errors carry.
#include "registry/csv_reader.h"

#include <gtest/gtest.h>

namespace shequ::registry {
namespace {

std::vector<std::vector<std::string>> Fields(std::string_view text) {
  auto records = ParseCsv(text);
  EXPECT_TRUE(records) << records.error().reason;
  std::vector<std::vector<std::string>> fields;
  if (records) {
    for (const auto& record : *records) fields.push_back(record.fields);
  }
  return fields;
}

TEST(CsvReaderTest, SplitsPlainRecordsWithEitherLineEnd) {
  using Rows = std::vector<std::vector<std::string>>;
  EXPECT_EQ(Fields("a,b\r\n1,2\r\n"), (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(Fields("a,b\n1,2"), (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(Fields("a,,\n"), (Rows{{"a", "", ""}}));
  EXPECT_EQ(Fields(""), Rows{});
}

TEST(CsvReaderTest, QuotedFieldsKeepCommasQuotesAndLineBreaks) {
  using Rows = std::vector<std::vector<std::string>>;
  EXPECT_EQ(Fields("\"a,b\",\"say \"\"hi\"\"\"\r\n"), (Rows{{"a,b", "say \"hi\""}}));
  EXPECT_EQ(Fields("\"line 1\r\nline 2\",x\n"), (Rows{{"line 1\r\nline 2", "x"}}));
  EXPECT_EQ(Fields("\"\",x"), (Rows{{"", "x"}}));
}

TEST(CsvReaderTest, RowsCountLinesIncludingLineBreaksInQuotesAndSkipBlankLines) {
  auto records = ParseCsv("h\n\"two\nlines\"\n\nlast\n");
  ASSERT_TRUE(records);
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[0].row, 1);
  EXPECT_EQ((*records)[1].row, 2);
  EXPECT_EQ((*records)[2].row, 5);  // line 4 is blank
}

TEST(CsvReaderTest, MalformedQuotingIsAnErrorNamingTheRow) {
  struct Case {
    std::string_view text;
    int row;
    std::string_view reason;
  };
  const Case cases[] = {
      {"a\nb\"c\n", 2, "a quote inside an unquoted field"},
      {"a\n\"b\"c\n", 2, "text after a closing quote"},
      {"a\nb\n\"open\nstill open", 3, "a quoted field is not closed"},
  };
  for (const auto& c : cases) {
    auto records = ParseCsv(c.text);
    ASSERT_FALSE(records) << c.text;
    EXPECT_EQ(records.error().row, c.row) << c.text;
    EXPECT_TRUE(records.error().reason.starts_with(c.reason)) << records.error().reason;
  }
}

TEST(CsvReaderTest, DecodesUtf8AndDropsTheByteOrderMark) {
  auto text = DecodeCsvText("\xEF\xBB\xBFname\n张三\n");
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, "name\n张三\n");
}

TEST(CsvReaderTest, DetectsGb18030AndConvertsItToUtf8) {
  // 张三,李四 and 王五 as Excel in China saves them.
  const std::string_view gb =
      "name\r\n\xD5\xC5\xC8\xFD\r\n\xC0\xEE\xCB\xC4\r\n\xCD\xF5\xCE\xE5\r\n";
  auto text = DecodeCsvText(gb);
  ASSERT_TRUE(text) << text.error().reason;
  EXPECT_EQ(*text, "name\r\n张三\r\n李四\r\n王五\r\n");
  auto forced = DecodeCsvText(gb, CsvEncoding::kGb18030);
  ASSERT_TRUE(forced);
  EXPECT_EQ(*forced, *text);
}

TEST(CsvReaderTest, AnExplicitEncodingOverridesDetection) {
  // Valid GB18030 that is not UTF-8, read as UTF-8: the error names the row of the first bad byte.
  auto as_utf8 = DecodeCsvText("name\n\xD5\xC5\xC8\xFD\n", CsvEncoding::kUtf8);
  ASSERT_FALSE(as_utf8);
  EXPECT_EQ(as_utf8.error().row, 2);
  // UTF-8 text read as GB18030 decodes to something else (mojibake), not to the same text.
  auto as_gb = DecodeCsvText("张三", CsvEncoding::kGb18030);
  ASSERT_TRUE(as_gb);
  EXPECT_NE(*as_gb, "张三");
}

TEST(CsvReaderTest, BytesValidInNeitherEncodingAreAnError) {
  // 0xFF is never a GB18030 lead byte.
  auto text = DecodeCsvText("a\nb\n\xFF\xFF\n");
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().row, 3);
}

TEST(CsvReaderTest, ParsesTheEncodingParameter) {
  EXPECT_EQ(ParseCsvEncoding("UTF-8"), CsvEncoding::kUtf8);
  EXPECT_EQ(ParseCsvEncoding("utf8"), CsvEncoding::kUtf8);
  EXPECT_EQ(ParseCsvEncoding("gb18030"), CsvEncoding::kGb18030);
  EXPECT_EQ(ParseCsvEncoding("gbk"), std::nullopt);
}

TEST(CsvReaderTest, FormatsRecordsThatParseBack) {
  const std::vector<std::string_view> fields = {"plain", "a,b", "say \"hi\"", "two\nlines"};
  const std::string line = FormatCsvRecord(fields);
  EXPECT_EQ(line, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
  auto records = ParseCsv(line);
  ASSERT_TRUE(records);
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].fields, std::vector<std::string>(fields.begin(), fields.end()));
}

TEST(CsvReaderTest, TheCursorReadsOneRecordAtATimeReusingIt) {
  CsvCursor cursor("a,b,c\n\n\"x\ny\",2\nlast\n");
  CsvRecord record;
  ASSERT_EQ(cursor.Next(record), true);
  EXPECT_EQ(record.row, 1);
  EXPECT_EQ(record.fields, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(cursor.Next(record), true);  // the blank line skipped; fewer fields than before
  EXPECT_EQ(record.row, 3);
  EXPECT_EQ(record.fields, (std::vector<std::string>{"x\ny", "2"}));
  ASSERT_EQ(cursor.Next(record), true);
  EXPECT_EQ(record.row, 5);
  EXPECT_EQ(record.fields, (std::vector<std::string>{"last"}));
  EXPECT_EQ(cursor.Next(record), false);
  CsvCursor broken("ok\nbad\"quote\n");
  ASSERT_EQ(broken.Next(record), true);
  const auto fault = broken.Next(record);
  ASSERT_FALSE(fault);
  EXPECT_EQ(fault.error().row, 2);
}

}  // namespace
}  // namespace shequ::registry
