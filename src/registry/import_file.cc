#include "registry/import_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "base/utf8.h"

namespace shequ::registry {

std::string ImportTemplate(std::span<const ImportColumn> columns) {
  std::vector<std::string_view> names;
  for (const auto& column : columns) names.push_back(column.name);
  return "\xEF\xBB\xBF" + FormatCsvRecord(names);
}

ImportOutcome RefusedImport(std::vector<ImportRowError> errors,
                            std::span<const ImportColumn> columns) {
  std::ranges::stable_sort(errors, {}, [columns](const ImportRowError& error) {
    return std::pair{error.row, ImportTable::IndexOf(columns, error.column)};
  });
  ImportOutcome outcome{.error_count = static_cast<std::int64_t>(errors.size())};
  if (errors.size() > kMaxListedRowErrors) errors.resize(kMaxListedRowErrors);
  outcome.errors = std::move(errors);
  return outcome;
}

std::string WithoutLongNumbers(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t run = 0;
    while (i + run < text.size() && text[i + run] >= '0' && text[i + run] <= '9') ++run;
    if (run >= 6) {
      out.append("…");
    } else {
      out.append(text.substr(i, std::max<std::size_t>(run, 1)));
    }
    i += std::max<std::size_t>(run, 1);
  }
  return out;
}

std::size_t ImportTable::IndexOf(std::span<const ImportColumn> columns, std::string_view name) {
  return static_cast<std::size_t>(std::ranges::find(columns, name, &ImportColumn::name) -
                                  columns.begin());
}

std::expected<ImportTable, std::vector<ImportRowError>> ImportTable::Read(
    std::string_view file, std::optional<CsvEncoding> encoding,
    std::span<const ImportColumn> columns) {
  using Faults = std::vector<ImportRowError>;
  ImportTable table;
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (encoding != CsvEncoding::kGb18030 && utf8::IsValid(file)) {
    // UTF-8 as it came: read in place rather than copied.
    table.file_text_ = file.starts_with(kBom) ? file.substr(kBom.size()) : file;
  } else {
    auto text = DecodeCsvText(file, encoding);
    if (!text) return std::unexpected(Faults{{text.error().row, "", "", text.error().reason}});
    table.decoded_ = std::move(*text);
  }
  // One pass for the CSV syntax and the header, holding one record at a time.
  CsvCursor cursor(table.text());
  CsvRecord record;
  auto more = cursor.Next(record);
  if (!more) return std::unexpected(Faults{{more.error().row, "", "", more.error().reason}});
  if (!*more) return std::unexpected(Faults{{1, "", "", "the file is empty: no header row"}});
  CsvRecord header = record;
  while (true) {
    more = cursor.Next(record);
    if (!more) return std::unexpected(Faults{{more.error().row, "", "", more.error().reason}});
    if (!*more) break;
    ++table.row_count_;
  }
  table.header_row_ = header.row;
  table.header_width_ = header.fields.size();
  // The header: known columns once each, every required one.
  table.column_of_.assign(columns.size(), -1);
  std::vector<int>& column_of = table.column_of_;
  Faults faults;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string_view name = utf8::Trim(header.fields[i]);
    const std::size_t column = IndexOf(columns, name);
    if (column == columns.size()) {
      // A file without its header has a record's data here: shown short, numbers hidden.
      const std::string shown = WithoutLongNumbers(utf8::TruncateCodePoints(name, 64));
      faults.push_back({header.row, shown, shown, fmt::format("unknown column '{}'", shown)});
    } else if (column_of[column] >= 0) {
      faults.push_back({header.row, std::string(name), std::string(name),
                        fmt::format("column '{}' appears twice", name)});
    } else {
      column_of[column] = static_cast<int>(i);
    }
  }
  for (std::size_t column = 0; column < columns.size(); ++column) {
    if (column_of[column] < 0 && columns[column].required) {
      const std::string name(columns[column].name);
      faults.push_back({header.row, name, "", fmt::format("column '{}' is missing", name)});
    }
  }
  if (!faults.empty()) return std::unexpected(std::move(faults));
  return table;
}

std::string_view ImportTable::Cell(const CsvRecord& record, std::size_t column) const {
  if (column >= column_of_.size() || column_of_[column] < 0) return {};
  const auto index = static_cast<std::size_t>(column_of_[column]);
  if (index >= record.fields.size()) return {};
  return utf8::Trim(record.fields[index]);
}

std::vector<std::string> ImportTable::CellsAt(
    std::span<const std::pair<int, std::size_t>> wanted) const {
  std::vector<std::string> cells(wanted.size());
  if (wanted.empty()) return cells;
  // The wanted rows in ascending order, each pointing back to its place in `cells`.
  std::vector<std::size_t> order(wanted.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::ranges::stable_sort(order, {}, [&wanted](std::size_t i) { return wanted[i].first; });
  std::size_t next = 0;
  ForEachRow([&](const CsvRecord& record) {
    while (next < order.size() && wanted[order[next]].first < record.row) ++next;
    while (next < order.size() && wanted[order[next]].first == record.row) {
      cells[order[next]] = std::string(Cell(record, wanted[order[next]].second));
      ++next;
    }
  });
  return cells;
}

std::optional<ImportRowError> ImportTable::ShapeFault(const CsvRecord& record) const {
  if (record.fields.size() == header_width_) return std::nullopt;
  return ImportRowError{
      record.row, "", "",
      fmt::format("the row has {} fields, the header {}", record.fields.size(), header_width_)};
}

}  // namespace shequ::registry
