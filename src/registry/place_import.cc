#include "registry/place_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>
#include <vector>

#include "base/utf8.h"

namespace shequ::registry {
namespace {

constexpr std::size_t ColumnOf(std::span<const ImportColumn> columns, std::string_view name) {
  return static_cast<std::size_t>(std::ranges::find(columns, name, &ImportColumn::name) -
                                  columns.begin());
}

std::optional<std::int64_t> ParseInt(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<double> ParseDecimal(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// An int cell: out-of-range numbers are clamped to a value the service's rule refuses.
int Clamped(std::int64_t value) {
  return static_cast<int>(std::clamp<std::int64_t>(value, -1000000, 1000000));
}

// The cells of one data row by column, and the row's format faults as they are found.
class PlaceRow {
 public:
  PlaceRow(const ImportTable& table, std::span<const ImportColumn> columns, const CsvRecord& record,
           std::vector<ImportRowError>& errors)
      : table_(table), columns_(columns), record_(record), errors_(errors) {}

  std::string_view Cell(std::string_view name) const {
    return table_.Cell(record_, ColumnOf(columns_, name));
  }
  void Fail(std::string_view name, std::string reason) {
    errors_.push_back({record_.row, std::string(name),
                       std::string(utf8::TruncateCodePoints(Cell(name), 64)), std::move(reason)});
    failed_ = true;
  }
  // A whole number, or nullopt (a fault recorded unless the cell is empty).
  std::optional<int> Int(std::string_view name) {
    const std::string_view cell = Cell(name);
    if (cell.empty()) return std::nullopt;
    const auto value = ParseInt(cell);
    if (!value) Fail(name, fmt::format("{} must be a whole number", name));
    return value ? std::optional<int>(Clamped(*value)) : std::nullopt;
  }
  std::optional<double> Decimal(std::string_view name) {
    const std::string_view cell = Cell(name);
    if (cell.empty()) return std::nullopt;
    const auto value = ParseDecimal(cell);
    if (!value) Fail(name, fmt::format("{} must be a number", name));
    return value;
  }
  int row() const { return record_.row; }
  bool failed() const { return failed_; }

 private:
  const ImportTable& table_;
  std::span<const ImportColumn> columns_;
  const CsvRecord& record_;
  std::vector<ImportRowError>& errors_;
  bool failed_ = false;
};

std::optional<BuildingImportRow> BuildingOf(PlaceRow& row) {
  BuildingImportRow out{.row = row.row(),
                        .community = std::string(row.Cell("community")),
                        .grid = std::string(row.Cell("grid")),
                        .building = {}};
  Building& building = out.building;
  building.number = std::string(row.Cell("number"));
  building.address = std::string(row.Cell("address"));
  building.floors = row.Int("floors");
  building.year_built = row.Int("year_built");
  building.units = row.Int("units").value_or(1);
  if (const std::string_view elevator = row.Cell("has_elevator"); !elevator.empty()) {
    const auto yes = ParseYesNo(elevator);
    if (!yes) row.Fail("has_elevator", "has_elevator must be 是 or 否 (yes or no)");
    building.has_elevator = yes.value_or(false);
  }
  building.latitude = row.Decimal("latitude");
  building.longitude = row.Decimal("longitude");
  if (row.failed()) return std::nullopt;
  return out;
}

std::optional<HouseholdImportRow> HouseholdOf(PlaceRow& row) {
  HouseholdImportRow out{.row = row.row(),
                         .community = std::string(row.Cell("community")),
                         .building = std::string(row.Cell("building")),
                         .household = {}};
  if (out.building.empty()) row.Fail("building", "building (the building's number) is required");
  Household& household = out.household;
  household.unit = std::string(row.Cell("unit"));
  household.room = std::string(row.Cell("room"));
  if (row.Cell("floor").empty()) {
    row.Fail("floor", "floor is required");
  } else {
    household.floor = row.Int("floor").value_or(1);
  }
  if (const auto area = row.Decimal("floor_area_m2")) {
    if (!(*area > 0 && *area < 100000)) {
      row.Fail("floor_area_m2", "floor_area_m2 must be a positive number of square metres");
    } else {
      household.floor_area_dm2 = std::llround(*area * 100);
    }
  }
  if (row.failed()) return std::nullopt;
  return out;
}

// The shared course of a place import: read the table, turn each row into a service row, let
// the service check (and, with no fault anywhere, store) them, and report every fault at once.
template <typename ServiceRow, typename RowOf, typename Import>
Result<ImportOutcome> ImportPlaces(std::string_view file, std::optional<CsvEncoding> encoding,
                                   std::span<const ImportColumn> columns, ImportMode mode,
                                   RowOf row_of, Import import) {
  auto table = ImportTable::Read(file, encoding, columns);
  if (!table) return RefusedImport(std::move(table.error()), columns);
  std::vector<ImportRowError> errors;
  std::vector<ServiceRow> rows;
  rows.reserve(table->row_count());
  table->ForEachRow([&](const CsvRecord& record) {
    if (auto shape = table->ShapeFault(record)) {
      errors.push_back(std::move(*shape));
      return;
    }
    PlaceRow row(*table, columns, record, errors);
    if (auto parsed = row_of(row)) rows.push_back(std::move(*parsed));
  });
  if (rows.empty() && errors.empty()) {
    return RefusedImport({{table->header_row() + 1, "", "", "the file has a header and no rows"}},
                         columns);
  }
  // Rows with format faults are not sent; the others are still checked so that the report lists
  // every faulty row at once, and then nothing is stored.
  auto report =
      import(std::span<const ServiceRow>(rows), errors.empty() ? mode : ImportMode::kCheckOnly);
  SHEQU_RETURN_IF_ERROR(report);
  // The cells the service's faults name, shown as the file has them.
  std::vector<std::pair<int, std::size_t>> wanted;
  for (const auto& error : report->errors) {
    wanted.emplace_back(error.row, ColumnOf(columns, error.column));
  }
  std::vector<std::string> values = table->CellsAt(wanted);
  for (std::size_t i = 0; i < report->errors.size(); ++i) {
    const auto& error = report->errors[i];
    errors.push_back({error.row, error.column, std::string(utf8::TruncateCodePoints(values[i], 64)),
                      error.reason});
  }
  if (!errors.empty()) return RefusedImport(std::move(errors), columns);
  return ImportOutcome{.imported = report->imported,
                       .checked = static_cast<std::int64_t>(rows.size())};
}

}  // namespace

std::optional<bool> ParseYesNo(std::string_view cell) {
  for (std::string_view yes : {"是", "有", "yes", "y", "true", "1", "Yes", "YES", "Y", "TRUE"}) {
    if (cell == yes) return true;
  }
  for (std::string_view no : {"否", "无", "no", "n", "false", "0", "No", "NO", "N", "FALSE"}) {
    if (cell == no) return false;
  }
  return std::nullopt;
}

Result<ImportOutcome> ImportBuildingsCsv(RegistryService& registry, const auth::Principal& caller,
                                         std::string_view file, std::optional<CsvEncoding> encoding,
                                         const auth::RequestOrigin& origin, ImportMode mode) {
  return ImportPlaces<BuildingImportRow>(
      file, encoding, kBuildingImportColumns, mode, BuildingOf,
      [&](std::span<const BuildingImportRow> rows, ImportMode checked_as) {
        return registry.ImportBuildings(caller, rows, origin, checked_as);
      });
}

Result<ImportOutcome> ImportHouseholdsCsv(RegistryService& registry, const auth::Principal& caller,
                                          std::string_view file,
                                          std::optional<CsvEncoding> encoding,
                                          const auth::RequestOrigin& origin, ImportMode mode) {
  return ImportPlaces<HouseholdImportRow>(
      file, encoding, kHouseholdImportColumns, mode, HouseholdOf,
      [&](std::span<const HouseholdImportRow> rows, ImportMode checked_as) {
        return registry.ImportHouseholds(caller, rows, origin, checked_as);
      });
}

}  // namespace shequ::registry
