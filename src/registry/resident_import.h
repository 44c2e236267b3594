// Residents imported from a CSV file (居民批量导入): the template's columns, the file's rows turned
// into NewResidents (the household found by its id or its address), and the all-or-nothing import
// through RegistryService::ImportResidents with a row-by-row report (row, column, value, reason)
// when anything is wrong.
//
// Rows are numbered as a spreadsheet shows them: the header is row 1. Values of id_number and
// phone are masked in the report, so an error never echoes personal numbers. Stateless apart from
// the service it is given; thread-safe as the service is.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.h"
#include "base/error.h"
#include "registry/csv_reader.h"
#include "registry/import_file.h"
#include "registry/registry_service.h"

namespace shequ::registry {

// The columns of an import file, in the template's order. The household is named either by
// `household_id` or by its address: `building` (the building's number), `unit` and `room`, with
// `community` (its name) when the caller's scope holds more than one community. `tags` holds tag
// names separated by semicolons; "disabled:2" gives a disability level.
inline constexpr std::array<ImportColumn, 14> kResidentImportColumns = {{
    {"household_id", false},
    {"community", false},
    {"building", false},
    {"unit", false},
    {"room", false},
    {"name"},
    {"sex"},
    {"birth_date"},
    {"id_number"},
    {"phone"},
    {"residence_status"},
    {"relation_to_head"},
    {"moved_in_on"},
    {"tags"},
}};

// The template file: a UTF-8 byte order mark (so Excel reads it as UTF-8) and the header line.
std::string ResidentImportTemplate();

using ResidentImportOutcome = ImportOutcome;

// Decodes, parses and checks `file` (the header has every required column of
// kResidentImportColumns, in any order, and household_id or building and room), then imports
// every row or none; kCheckOnly checks every row and stores nothing. Faults in the file are in
// the outcome; the Result's errors are the service's (kPermissionDenied, database failures).
Result<ResidentImportOutcome> ImportResidentsCsv(RegistryService& registry,
                                                 const auth::Principal& caller,
                                                 std::string_view file,
                                                 std::optional<CsvEncoding> encoding,
                                                 const auth::RequestOrigin& origin,
                                                 ImportMode mode = ImportMode::kImport);

}  // namespace shequ::registry
