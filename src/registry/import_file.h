// What every registry import file shares (residents, buildings, households): the template, the
// header matched against the kind's columns, the cells of a data row by column, and the report of
// faults (row, column, value, reason) sorted by row and cut to kMaxListedRowErrors.
//
// Rows are numbered as a spreadsheet shows them: the header is row 1. Plain values and pure
// functions; thread-safe.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "registry/csv_reader.h"

namespace shequ::registry {

// A column of an import file, named in English as the JSON API names the field. A file may leave
// out a column that is not required.
struct ImportColumn {
  std::string_view name;
  bool required = true;
};

// Row errors listed in a report at most; the count covers all of them.
inline constexpr std::size_t kMaxListedRowErrors = 1000;

struct ImportRowError {
  int row = 0;
  std::string column;  // empty when the fault is the whole row
  std::string value;   // as the file has it (masked where the kind says so)
  std::string reason;
};

// Either `imported` records (or, when only checked, `checked` rows that would be), or
// `error_count` faults (the first kMaxListedRowErrors of them in `errors`, by row) and nothing
// stored.
struct ImportOutcome {
  std::int64_t imported = 0;
  std::int64_t checked = 0;
  std::int64_t error_count = 0;
  std::vector<ImportRowError> errors;
};

// The template file: a UTF-8 byte order mark (so Excel reads it as UTF-8) and the header line.
std::string ImportTemplate(std::span<const ImportColumn> columns);

// `errors` as an outcome: sorted by row, then in `columns` order (whole-row faults last), the
// list cut to kMaxListedRowErrors.
ImportOutcome RefusedImport(std::vector<ImportRowError> errors,
                            std::span<const ImportColumn> columns);

// `text` with each run of 6 or more digits replaced by "…": what could be an ID or phone number.
std::string WithoutLongNumbers(std::string_view text);

// An import file, decoded, whose CSV is well-formed and whose header names known columns, each
// at most once, with every required one present. The records are read one at a time (ForEachRow),
// never all held parsed: a file of a million rows costs its text and one record.
class ImportTable {
 public:
  // The faults of the file itself (encoding, CSV syntax, header) when it cannot be read as a
  // table of `columns`. `file` and `columns` must outlive the table (UTF-8 text is not copied).
  static std::expected<ImportTable, std::vector<ImportRowError>> Read(
      std::string_view file, std::optional<CsvEncoding> encoding,
      std::span<const ImportColumn> columns);

  // Index in `columns` of `name`; columns.size() when unknown.
  static std::size_t IndexOf(std::span<const ImportColumn> columns, std::string_view name);

  int header_row() const { return header_row_; }
  std::size_t row_count() const { return row_count_; }
  bool Has(std::size_t column) const { return column_of_[column] >= 0; }

  // Calls `visit(const CsvRecord&)` for each data record (every record after the header), in
  // file order; the record is valid during the call only.
  template <typename Visit>
  void ForEachRow(Visit&& visit) const {
    CsvCursor cursor(text());
    CsvRecord record;
    bool header = true;
    // Read() found the whole text well-formed, so Next() does not fail here.
    while (cursor.Next(record).value_or(false)) {
      if (header) {
        header = false;
        continue;
      }
      visit(static_cast<const CsvRecord&>(record));
    }
  }

  // The trimmed cell of `column` in `record`; "" when the file has no such column (or `column`
  // is none of the table's).
  std::string_view Cell(const CsvRecord& record, std::size_t column) const;
  // The trimmed cells at (row, column) for each of `wanted`, in one pass over the file; "" for a
  // row that is not a data record's first line.
  std::vector<std::string> CellsAt(std::span<const std::pair<int, std::size_t>> wanted) const;
  // A fault when `record` has another number of fields than the header.
  std::optional<ImportRowError> ShapeFault(const CsvRecord& record) const;

 private:
  ImportTable() = default;
  std::string_view text() const { return decoded_ ? std::string_view(*decoded_) : file_text_; }

  std::optional<std::string> decoded_;  // the text when it had to be decoded (GB18030)
  std::string_view file_text_;          // else the text: the file itself, without a BOM
  int header_row_ = 1;
  std::size_t header_width_ = 0;
  std::size_t row_count_ = 0;
  std::vector<int> column_of_;  // column → field index, -1 when absent
};

}  // namespace shequ::registry
