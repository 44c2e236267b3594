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

// A rule's message may quote part of the number it refused (the birth date of an ID number),
// which the masked value hides.
std::string RedactedReason(std::string_view column, std::string_view reason) {
  if (column != "id_number" && column != "phone") return std::string(reason);
  return WithoutLongNumbers(reason);
}

// The cells of one data row by column, and the row's errors as they are found.
class RowReader {
 public:
  RowReader(const ImportTable& table, const CsvRecord& record, std::vector<ImportRowError>& errors)
      : table_(table), record_(record), errors_(errors) {}

  // The trimmed cell of `column` ("" when the row is short); empty cells mean "not given".
  std::string_view Cell(std::size_t column) const { return table_.Cell(record_, column); }
  std::optional<std::string> Optional(std::size_t column) const {
    const std::string_view cell = Cell(column);
    if (cell.empty()) return std::nullopt;
    return std::string(cell);
  }
  void Fail(std::size_t column, std::string reason) {
    const std::string_view name = kResidentImportColumns[column].name;
    errors_.push_back(
        {record_.row, std::string(name), ReportedValue(name, Cell(column)), std::move(reason)});
    failed_ = true;
  }
  bool failed() const { return failed_; }
  int row() const { return record_.row; }

 private:
  const ImportTable& table_;
  const CsvRecord& record_;
  std::vector<ImportRowError>& errors_;
  bool failed_ = false;
};

// The column's position in kResidentImportColumns; kResidentImportColumns.size() when unknown.
constexpr std::size_t ColumnIndex(std::string_view name) {
  return static_cast<std::size_t>(
      std::ranges::find(kResidentImportColumns, name, &ImportColumn::name) -
      kResidentImportColumns.begin());
}

constexpr std::size_t kHousehold = ColumnIndex("household_id");
constexpr std::size_t kCommunity = ColumnIndex("community");
constexpr std::size_t kBuilding = ColumnIndex("building");
constexpr std::size_t kUnit = ColumnIndex("unit");
constexpr std::size_t kRoom = ColumnIndex("room");
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
  // The household by id, or else by its address (located afterwards, for all rows at once).
  if (!row.Cell(kHousehold).empty() || row.Cell(kBuilding).empty()) {
    const auto household = ParseInt(row.Cell(kHousehold));
    if (!household || *household <= 0) {
      row.Fail(kHousehold, "give household_id (a household's number id), or building and room");
    } else {
      resident.household_id = HouseholdId(*household);
    }
  } else if (row.Cell(kRoom).empty()) {
    row.Fail(kRoom, "room is required with building");
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
                 fmt::format("{} must be a date YYYY-MM-DD", kResidentImportColumns[column].name));
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
  return RefusedImport(std::move(errors), kResidentImportColumns);
}

HouseholdAddress AddressOf(const ImportTable& table, const CsvRecord& record) {
  return {std::string(table.Cell(record, kCommunity)), std::string(table.Cell(record, kBuilding)),
          std::string(table.Cell(record, kUnit)), std::string(table.Cell(record, kRoom))};
}

}  // namespace

std::string ResidentImportTemplate() { return ImportTemplate(kResidentImportColumns); }

Result<ResidentImportOutcome> ImportResidentsCsv(
    RegistryService& registry, const auth::Principal& caller, std::string_view file,
    std::optional<CsvEncoding> encoding, const auth::RequestOrigin& origin, ImportMode mode) {
  auto table = ImportTable::Read(file, encoding, kResidentImportColumns);
  if (!table) return Refused(std::move(table.error()));
  if (!table->Has(kHousehold) && !(table->Has(kBuilding) && table->Has(kRoom))) {
    return Refused({{table->header_row(), "household_id", "",
                     "column 'household_id' is missing (or give 'building', 'unit' and 'room')"}});
  }

  std::vector<ImportRowError> errors;
  std::vector<ResidentImportRow> rows;
  rows.reserve(table->row_count());
  std::vector<std::size_t> by_address;      // indexes in `rows` of residents named by address
  std::vector<HouseholdAddress> addresses;  // their distinct addresses
  std::vector<std::size_t> address_of;      // for each of by_address, its index in addresses
  std::map<HouseholdAddress, std::size_t> address_index;
  table->ForEachRow([&](const CsvRecord& record) {
    if (auto shape = table->ShapeFault(record)) {
      errors.push_back(std::move(*shape));
      return;
    }
    RowReader reader(*table, record, errors);
    auto resident = ResidentOf(reader);
    if (!resident) return;
    if (!resident->household_id.valid()) {
      auto [slot, inserted] = address_index.emplace(AddressOf(*table, record), addresses.size());
      if (inserted) addresses.push_back(slot->first);
      by_address.push_back(rows.size());
      address_of.push_back(slot->second);
    }
    rows.push_back({record.row, std::move(*resident)});
  });
  if (rows.empty() && errors.empty()) {
    return Refused({{table->header_row() + 1, "", "", "the file has a header and no residents"}});
  }
  // Households named by address: each distinct address looked up once.
  if (!by_address.empty()) {
    auto located = registry.LocateHouseholds(caller, addresses);
    SHEQU_RETURN_IF_ERROR(located);
    std::vector<ResidentImportRow> kept;
    kept.reserve(rows.size());
    std::size_t next = 0;  // position in by_address
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (next < by_address.size() && by_address[next] == i) {
        const HouseholdAddress& address = addresses[address_of[next]];
        const Result<HouseholdId>& household = (*located)[address_of[next++]];
        if (!household) {
          const std::string& field = household.error().field;
          const std::string_view value = field == "community"  ? address.community
                                         : field == "building" ? address.building
                                         : field == "unit"     ? address.unit
                                                               : address.room;
          errors.push_back({rows[i].row, field, std::string(utf8::TruncateCodePoints(value, 64)),
                            household.error().message});
          continue;
        }
        rows[i].resident.household_id = *household;
      }
      kept.push_back(std::move(rows[i]));
    }
    rows = std::move(kept);
  }
  // Rows the file already has faults in are not sent; the others are still checked, so the report
  // lists every faulty row at once, and then nothing is stored.
  auto report = registry.ImportResidents(caller, rows, origin,
                                         errors.empty() ? mode : ImportMode::kCheckOnly);
  SHEQU_RETURN_IF_ERROR(report);
  const auto checked = static_cast<std::int64_t>(rows.size());
  rows = {};
  // The cells the service's faults name, shown as the file has them (masked).
  std::vector<std::pair<int, std::size_t>> wanted;
  for (const auto& error : report->errors) {
    wanted.emplace_back(error.row, ColumnIndex(error.column));
  }
  const std::vector<std::string> values = table->CellsAt(wanted);
  for (std::size_t i = 0; i < report->errors.size(); ++i) {
    const auto& error = report->errors[i];
    errors.push_back({error.row, error.column,
                      error.column.empty() ? std::string() : ReportedValue(error.column, values[i]),
                      RedactedReason(error.column, error.reason)});
  }
  if (!errors.empty()) return Refused(std::move(errors));
  return ResidentImportOutcome{.imported = report->imported, .checked = checked};
}

}  // namespace shequ::registry
