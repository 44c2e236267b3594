// A table for people to open in a spreadsheet (导出): a title, column headers and rows of text and
// numbers, written as CSV or as an Excel workbook. Pure apart from one temporary file per XLSX
// (libxlsxwriter 1.1.4 writes to files only), removed before the call returns. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "base/error.h"

namespace shequ::registry {

// An empty cell, text, or a number (integers stay exact in CSV; Excel holds doubles).
using TableCell = std::variant<std::monostate, std::string, std::int64_t, double>;

struct Table {
  std::string title;                 // the worksheet's name (cut to Excel's 31 characters)
  std::vector<std::string> columns;  // the header row
  std::vector<std::vector<TableCell>> rows;
};

// UTF-8 with a byte order mark (so Excel reads Chinese as UTF-8), RFC 4180 quoting, CRLF lines:
// the header, then one record per row.
std::string TableToCsv(const Table& table);

// An .xlsx workbook of one worksheet: the header in bold and frozen, text as text, numbers as
// numbers. kInternal when libxlsxwriter or the temporary file fails.
Result<std::string> TableToXlsx(const Table& table);

}  // namespace shequ::registry
