#include "registry/table_export.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace shequ::registry {
namespace {

Table Sample() {
  return Table{
      .title = "居民",
      .columns = {"编号", "姓名", "备注", "面积"},
      .rows = {{std::int64_t{1}, std::string("张三"), std::string("a,\"b\"\nc"), 68.5},
               {std::int64_t{2}, std::string("李四"), std::monostate{}, 80.0},
               {std::int64_t{3}, std::string("王五"), std::string("x"), std::monostate{}}}};
}

// What `unzip -p` prints for one member of the archive `bytes` ("" when it is not there).
std::string UnzipMember(const std::string& bytes, const std::string& member) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("table-export-test-" + std::to_string(::getpid()) + "-" +
                     std::to_string(std::random_device{}()) + ".xlsx");
  std::ofstream(path, std::ios::binary) << bytes;
  std::string out;
  if (FILE* pipe =
          ::popen(("unzip -p " + path.string() + " " + member + " 2>/dev/null").c_str(), "r")) {
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    ::pclose(pipe);
  }
  std::filesystem::remove(path);
  return out;
}

std::size_t Occurrences(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
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
