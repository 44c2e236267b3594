#include "registry/table_export.h"

#include <gtest/gtest.h>

#include <string>

#include "registry/testing/xlsx_members.h"

namespace shequ::registry {
namespace {

using testing::Occurrences;
using testing::UnzipMember;

Table Sample() {
  return Table{
      .title = "居民",
      .columns = {"编号", "姓名", "备注", "面积"},
      .rows = {{std::int64_t{1}, std::string("张三"), std::string("a,\"b\"\nc"), 68.5},
               {std::int64_t{2}, std::string("李四"), std::monostate{}, 80.0},
               {std::int64_t{3}, std::string("王五"), std::string("x"), std::monostate{}}}};
}

TEST(TableExportTest, CsvHasAByteOrderMarkTheHeaderAndQuotedFields) {
  const std::string csv = TableToCsv(Sample());
  EXPECT_EQ(csv,
            "\xEF\xBB\xBF"
            "编号,姓名,备注,面积\r\n"
            "1,张三,\"a,\"\"b\"\"\nc\",68.5\r\n"
            "2,李四,,80\r\n"
            "3,王五,x,\r\n");
}

TEST(TableExportTest, XlsxIsAZipWithOneRowPerRecordAndTheHeader) {
  auto xlsx = TableToXlsx(Sample());
  ASSERT_TRUE(xlsx) << xlsx.error().message;
  ASSERT_GE(xlsx->size(), 4u);
  EXPECT_EQ(xlsx->substr(0, 2), "PK");
  const std::string sheet = UnzipMember(*xlsx, "xl/worksheets/sheet1.xml");
  ASSERT_FALSE(sheet.empty()) << "no xl/worksheets/sheet1.xml in the archive";
  EXPECT_EQ(Occurrences(sheet, "<row "), 4u);  // the header and three rows
  EXPECT_NE(sheet.find("<v>68.5</v>"), std::string::npos);
  const std::string strings = UnzipMember(*xlsx, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("张三"), std::string::npos);
  EXPECT_NE(strings.find("编号"), std::string::npos);
  const std::string workbook = UnzipMember(*xlsx, "xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"居民\""), std::string::npos);
}

TEST(TableExportTest, XlsxOfNoRowsHasTheHeaderOnly) {
  Table table = Sample();
  table.rows.clear();
  table.title = "a/b:c";  // characters Excel refuses in a sheet name
  auto xlsx = TableToXlsx(table);
  ASSERT_TRUE(xlsx) << xlsx.error().message;
  EXPECT_EQ(Occurrences(UnzipMember(*xlsx, "xl/worksheets/sheet1.xml"), "<row "), 1u);
  EXPECT_NE(UnzipMember(*xlsx, "xl/workbook.xml").find("name=\"a_b_c\""), std::string::npos);
}

}  // namespace
}  // namespace shequ::registry
