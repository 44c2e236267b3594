// CSV files as registry imports receive them: RFC 4180 records (quoted fields, doubled quotes,
// CRLF or LF line ends, line breaks inside quotes), in UTF-8 or in GB18030, the encoding Excel in
// China writes. Decoding turns either into UTF-8 and drops a byte order mark; parsing splits the
// text into records, each with the row number a spreadsheet shows for it (the first line is row 1).
//
// Errors are values that name the row. Pure functions (iconv state is per call); thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace shequ::registry {

enum class CsvEncoding { kUtf8, kGb18030 };

// "utf-8", "utf8", "gb18030" (any case); nullopt for anything else.
std::optional<CsvEncoding> ParseCsvEncoding(std::string_view name);

// A fault in a CSV file: where it is and what is wrong.
struct CsvError {
  int row = 0;  // the line the fault is on, 1-based
  std::string reason;
};

template <typename T>
using CsvResult = std::expected<T, CsvError>;

// `bytes` as UTF-8 text without a byte order mark. With no `encoding`, valid UTF-8 is taken as
// UTF-8 and anything else is decoded as GB18030. An error names the row of the first byte that is
// not valid in the encoding.
CsvResult<std::string> DecodeCsvText(std::string_view bytes,
                                     std::optional<CsvEncoding> encoding = std::nullopt);

struct CsvRecord {
  int row = 0;  // the line the record starts on, 1-based
  std::vector<std::string> fields;
};

// The records of `text` (UTF-8, as DecodeCsvText returns it). Blank lines are skipped; a final
// line break is optional. Errors: a quote inside an unquoted field, text after a closing quote,
// a quoted field still open at the end of the file.
CsvResult<std::vector<CsvRecord>> ParseCsv(std::string_view text);

// The records of `text` one at a time, as ParseCsv finds them, for files too large to hold
// parsed: only the current record is in memory. `text` must outlive the cursor.
class CsvCursor {
 public:
  explicit CsvCursor(std::string_view text) : text_(text) {}

  // The next non-blank record into `record` (its storage reused): true, false at the end of the
  // text, or ParseCsv's error.
  CsvResult<bool> Next(CsvRecord& record);

 private:
  std::string_view text_;
  std::size_t offset_ = 0;
  int line_ = 1;
};

// One CSV line (CRLF-terminated) of `fields`, quoting those that need it (RFC 4180 2.6-2.7).
std::string FormatCsvRecord(const std::vector<std::string_view>& fields);

}  // namespace shequ::registry
