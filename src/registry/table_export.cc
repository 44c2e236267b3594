#include "registry/table_export.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "base/utf8.h"
#include "registry/csv_reader.h"

namespace shequ::registry {
namespace {

std::string CellText(const TableCell& cell) {
  struct Visitor {
    std::string operator()(std::monostate) const { return ""; }
    std::string operator()(const std::string& text) const { return text; }
    std::string operator()(std::int64_t number) const { return std::to_string(number); }
    std::string operator()(double number) const { return fmt::format("{}", number); }
  };
  return std::visit(Visitor{}, cell);
}

// Excel's rules for a worksheet name: 1-31 characters, none of []:*?/\ .
std::string SheetName(std::string_view title) {
  std::string name;
  for (char c : title)
    name += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_';
  name = std::string(utf8::TruncateCodePoints(name, 31));
  return name.empty() ? "Sheet1" : name;
}

// A temporary file that is removed when this goes out of scope.
class TemporaryFile {
 public:
  static Result<TemporaryFile> Create() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "shequ-export-XXXXXX.xlsx").string();
    const int fd = ::mkstemps(pattern.data(), 5);
    if (fd < 0) return Internal("cannot create a temporary file for the workbook");
    ::close(fd);
    return TemporaryFile(std::move(pattern));
  }
  TemporaryFile(TemporaryFile&& other) noexcept : path_(std::exchange(other.path_, {})) {}
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  TemporaryFile& operator=(TemporaryFile&&) = delete;
  ~TemporaryFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  const std::string& path() const { return path_; }

 private:
  explicit TemporaryFile(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

Status Check(lxw_error error, std::string_view what) {
  if (error == LXW_NO_ERROR) return {};
  return Internal(fmt::format("xlsx: {}: {}", what, lxw_strerror(error)));
}

}  // namespace

std::string TableToCsv(const Table& table) {
  std::string csv = "\xEF\xBB\xBF";
  csv += FormatCsvRecord(std::vector<std::string_view>(table.columns.begin(), table.columns.end()));
  for (const auto& row : table.rows) {
    std::vector<std::string> fields;
    fields.reserve(row.size());
    for (const auto& cell : row) fields.push_back(CellText(cell));
    csv += FormatCsvRecord(std::vector<std::string_view>(fields.begin(), fields.end()));
  }
  return csv;
}

Result<std::string> TableToXlsx(const Table& table) {
  auto file = TemporaryFile::Create();
  SHEQU_RETURN_IF_ERROR(file);
  {
    lxw_workbook* workbook = workbook_new(file->path().c_str());
    if (workbook == nullptr) return Internal("xlsx: cannot start a workbook");
    const std::string sheet_name = SheetName(table.title);
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheet_name.c_str());
    lxw_format* bold = workbook_add_format(workbook);
    format_set_bold(bold);
    Status written;
    const auto write = [&](lxw_error error) {
      if (written) written = Check(error, "write a cell");
    };
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      write(worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), table.columns[c].c_str(),
                                   bold));
      // Wide enough for the header or a date, whichever is wider (CJK counts double).
      const double width =
          std::max<double>(12, 2.2 * static_cast<double>(utf8::CodePointCount(table.columns[c])));
      write(worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width,
                                 nullptr));
    }
    worksheet_freeze_panes(sheet, 1, 0);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const auto row = static_cast<lxw_row_t>(r + 1);
      for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        const TableCell& cell = table.rows[r][c];
        if (const auto* text = std::get_if<std::string>(&cell)) {
          if (!text->empty())
            write(worksheet_write_string(sheet, row, col, text->c_str(), nullptr));
        } else if (const auto* integer = std::get_if<std::int64_t>(&cell)) {
          write(worksheet_write_number(sheet, row, col, static_cast<double>(*integer), nullptr));
        } else if (const auto* number = std::get_if<double>(&cell)) {
          write(worksheet_write_number(sheet, row, col, *number, nullptr));
        }
      }
    }
    // workbook_close frees the workbook whatever it returns.
    const lxw_error closed = workbook_close(workbook);
    SHEQU_RETURN_IF_ERROR(written);
    SHEQU_RETURN_IF_ERROR(Check(closed, "write the workbook"));
  }
  std::ifstream in(file->path(), std::ios::binary);
  if (!in) return Internal("xlsx: cannot read the workbook back");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace shequ::registry
