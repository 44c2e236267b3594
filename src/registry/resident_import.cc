#include "registry/resident_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <utility>

#include "base/civil_time.h"
#include "base/utf8.h"
#include "registry/pii_cipher.h"

namespace shequ::registry {
namespace {

// A value as the report may show it: personal numbers masked, long text cut short.
std::string ReportedValue(std::string_view column, std::string_view value) {
  if (column == "id_number") return MaskIdNumber(value);
  if (column == "phone") return MaskPhone(value);
  return std::string(utf8::TruncateCodePoints(value, 64));
}

// `text` with each run of 6 or more digits replaced by "…": what could be an ID or phone number.
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

// A rule's message may quote part of the number it refused (the birth date of an ID number),
// which the masked value hides.
std::string RedactedReason(std::string_view column, std::string_view reason) {
  if (column != "id_number" && column != "phone") return std::string(reason);
  return WithoutLongNumbers(reason);
}

// The cells of one data row by column name, and the row's errors as they are found.
class RowReader {
 public:
  RowReader(const CsvRecord& record, const std::vector<int>& column_of,
            std::vector<ImportRowError>& errors)
      : record_(record), column_of_(column_of), errors_(errors) {}

  // The trimmed cell of `column` ("" when the row is short); empty cells mean "not given".
  std::string_view Cell(std::size_t column) const {
    const auto index = static_cast<std::size_t>(column_of_[column]);
    if (index >= record_.fields.size()) return {};
    return utf8::Trim(record_.fields[index]);
  }
  std::optional<std::string> Optional(std::size_t column) const {
    const std::string_view cell = Cell(column);
    if (cell.empty()) return std::nullopt;
    return std::string(cell);
  }
  void Fail(std::size_t column, std::string reason) {
    const std::string_view name = kResidentImportColumns[column];
    errors_.push_back(
        {record_.row, std::string(name), ReportedValue(name, Cell(column)), std::move(reason)});
    failed_ = true;
  }
  bool failed() const { return failed_; }

 private:
  const CsvRecord& record_;
  const std::vector<int>& column_of_;
  std::vector<ImportRowError>& errors_;
  bool failed_ = false;
};

// The column's position in kResidentImportColumns; kResidentImportColumns.size() when unknown.
constexpr std::size_t ColumnIndex(std::string_view name) {
  return static_cast<std::size_t>(std::ranges::find(kResidentImportColumns, name) -
                                  kResidentImportColumns.begin());
}

constexpr std::size_t kHousehold = ColumnIndex("household_id");
constexpr std::size_t kName = ColumnIndex("name");
constexpr std::size_t kSex = ColumnIndex("sex");
constexpr std::size_t kBirth = ColumnIndex("birth_date");
constexpr std::size_t kId = ColumnIndex("id_number");
constexpr std::size_t kPhone = ColumnIndex("phone");
constexpr std::size_t kStatus = ColumnIndex("residence_status");
constexpr std::size_t kRelation = ColumnIndex("relation_to_head");
constexpr std::size_t kMovedIn = ColumnIndex("moved_in_on");
constexpr std::size_t kTags = ColumnIndex("tags");

std::optional<std::int64_t> ParseInt(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// A data row as a NewResident, with the same formats the JSON API takes; nullopt (and errors
// recorded) when a cell cannot be read. The rules beyond the format are the service's.
std::optional<NewResident> ResidentOf(RowReader& row) {
  NewResident resident;
  const auto household = ParseInt(row.Cell(kHousehold));
  if (!household || *household <= 0) {
    row.Fail(kHousehold, "household_id must be a household's number id");
  } else {
    resident.household_id = HouseholdId(*household);
  }
  resident.name = std::string(row.Cell(kName));
  resident.id_number = row.Optional(kId);
  resident.phone = row.Optional(kPhone);
  if (auto sex = row.Optional(kSex)) {
    resident.sex = ParseSex(*sex);
    if (!resident.sex) row.Fail(kSex, "sex must be male or female");
  }
  const auto date = [&row](std::size_t column, std::optional<CivilDate>& out) {
    if (auto text = row.Optional(column)) {
      auto parsed = ParseDate(*text);
      if (parsed) {
        out = *parsed;
      } else {
        row.Fail(column,
                 fmt::format("{} must be a date YYYY-MM-DD", kResidentImportColumns[column]));
      }
    }
  };
  date(kBirth, resident.birth_date);
  date(kMovedIn, resident.moved_in_on);
  if (auto status = row.Optional(kStatus)) {
    auto parsed = ParseResidenceStatus(*status);
    if (parsed) {
      resident.residence_status = *parsed;
    } else {
      row.Fail(kStatus, "residence_status must be registered, living_here or both");
    }
  }
  if (auto relation = row.Optional(kRelation)) resident.relation_to_head = *relation;
  // "living_alone;disabled:2"
  std::string_view tags = row.Cell(kTags);
  while (!tags.empty()) {
    const std::size_t semicolon = tags.find(';');
    const std::string_view item = utf8::Trim(tags.substr(0, semicolon));
    tags = semicolon == std::string_view::npos ? std::string_view() : tags.substr(semicolon + 1);
    if (item.empty()) continue;
    const std::size_t colon = item.find(':');
    ResidentTagValue tag{std::string(item.substr(0, colon)), std::nullopt};
    if (colon != std::string_view::npos) {
      const auto level = ParseInt(item.substr(colon + 1));
      if (!level || *level < 1 || *level > 4) {
        row.Fail(kTags, "a disability level is disabled:1 to disabled:4");
        break;
      }
      tag.disability_level = static_cast<int>(*level);
    }
    resident.tags.push_back(std::move(tag));
  }
  if (row.failed()) return std::nullopt;
  return resident;
}

ResidentImportOutcome Refused(std::vector<ImportRowError> errors) {
  // By row, then in the template's column order (whole-row faults, with no column, last).
  std::ranges::sort(errors, {}, [](const ImportRowError& error) {
    return std::pair{error.row, ColumnIndex(error.column)};
  });
  ResidentImportOutcome outcome{.error_count = static_cast<std::int64_t>(errors.size())};
  if (errors.size() > kMaxListedRowErrors) errors.resize(kMaxListedRowErrors);
  outcome.errors = std::move(errors);
  return outcome;
}

}  // namespace

std::string ResidentImportTemplate() {
  return "\xEF\xBB\xBF" + FormatCsvRecord(std::vector<std::string_view>(
                              kResidentImportColumns.begin(), kResidentImportColumns.end()));
}

Result<ResidentImportOutcome> ImportResidentsCsv(RegistryService& registry,
                                                 const auth::Principal& caller,
                                                 std::string_view file,
                                                 std::optional<CsvEncoding> encoding,
                                                 const auth::RequestOrigin& origin) {
  auto text = DecodeCsvText(file, encoding);
  if (!text) return Refused({{text.error().row, "", "", text.error().reason}});
  auto records = ParseCsv(*text);
  if (!records) return Refused({{records.error().row, "", "", records.error().reason}});
  if (records->empty()) return Refused({{1, "", "", "the file is empty: no header row"}});

  // The header: every template column once, nothing else.
  const CsvRecord& header = records->front();
  std::vector<int> column_of(kResidentImportColumns.size(), -1);
  std::vector<ImportRowError> errors;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string_view name = utf8::Trim(header.fields[i]);
    const std::size_t column = ColumnIndex(name);
    if (column == kResidentImportColumns.size()) {
      // A file without its header has a resident's data here: shown short, numbers hidden.
      const std::string shown = WithoutLongNumbers(utf8::TruncateCodePoints(name, 64));
      errors.push_back({header.row, shown, shown, fmt::format("unknown column '{}'", shown)});
    } else if (column_of[column] >= 0) {
      errors.push_back({header.row, std::string(name), std::string(name),
                        fmt::format("column '{}' appears twice", name)});
    } else {
      column_of[column] = static_cast<int>(i);
    }
  }
  for (std::size_t column = 0; column < column_of.size(); ++column) {
    if (column_of[column] < 0) {
      const std::string name(kResidentImportColumns[column]);
      errors.push_back({header.row, name, "", fmt::format("column '{}' is missing", name)});
    }
  }
  if (!errors.empty()) return Refused(std::move(errors));

  std::vector<ResidentImportRow> rows;
  rows.reserve(records->size() - 1);
  std::map<int, const CsvRecord*> record_at;  // row → record, to show the value of a fault
  for (auto record = records->begin() + 1; record != records->end(); ++record) {
    RowReader reader(*record, column_of, errors);
    if (record->fields.size() != header.fields.size()) {
      errors.push_back({record->row, "", "",
                        fmt::format("the row has {} fields, the header {}", record->fields.size(),
                                    header.fields.size())});
      continue;
    }
    if (auto resident = ResidentOf(reader)) {
      rows.push_back({record->row, std::move(*resident)});
      record_at[record->row] = &*record;
    }
  }
  if (rows.empty() && errors.empty()) {
    return Refused({{header.row + 1, "", "", "the file has a header and no residents"}});
  }
  // Rows the file already has faults in are not sent; the others are still checked, so the report
  // lists every faulty row at once, and then nothing is stored.
  auto report = registry.ImportResidents(
      caller, rows, origin, errors.empty() ? ImportMode::kImport : ImportMode::kCheckOnly);
  SHEQU_RETURN_IF_ERROR(report);
  for (const auto& error : report->errors) {
    std::string value;
    const std::size_t column = ColumnIndex(error.column);
    if (column < kResidentImportColumns.size()) {
      const CsvRecord& record = *record_at.at(error.row);
      const auto index = static_cast<std::size_t>(column_of[column]);
      if (index < record.fields.size()) {
        value = ReportedValue(error.column, utf8::Trim(record.fields[index]));
      }
    }
    errors.push_back(
        {error.row, error.column, std::move(value), RedactedReason(error.column, error.reason)});
  }
  if (!errors.empty()) return Refused(std::move(errors));
  return ResidentImportOutcome{.imported = report->imported};
}

}  // namespace shequ::registry
