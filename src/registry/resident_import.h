// Residents imported from a CSV file (居民批量导入): the template's columns, the file's rows turned
// into NewResidents, and the all-or-nothing import through RegistryService::ImportResidents with
// a row-by-row report (row, column, value, reason) when anything is wrong.
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
#include "registry/registry_service.h"

namespace shequ::registry {

// The columns of an import file, in the template's order. `tags` holds tag names separated by
// semicolons; "disabled:2" gives a disability level.
inline constexpr std::array<std::string_view, 10> kResidentImportColumns = {"household_id",
                                                                            "name",
                                                                            "sex",
                                                                            "birth_date",
                                                                            "id_number",
                                                                            "phone",
                                                                            "residence_status",
                                                                            "relation_to_head",
                                                                            "moved_in_on",
                                                                            "tags"};

// Row errors listed in a report at most; the count covers all of them.
inline constexpr std::size_t kMaxListedRowErrors = 1000;

// The template file: a UTF-8 byte order mark (so Excel reads it as UTF-8) and the header line.
std::string ResidentImportTemplate();

struct ImportRowError {
  int row = 0;
  std::string column;  // empty when the fault is the whole row
  std::string value;   // as the file has it; masked for id_number and phone
  std::string reason;
};

// Either `imported` residents, or `error_count` faults (the first kMaxListedRowErrors of them in
// `errors`, by row) and nothing imported.
struct ResidentImportOutcome {
  std::int64_t imported = 0;
  std::int64_t error_count = 0;
  std::vector<ImportRowError> errors;
};

// Decodes, parses and checks `file` (the header must have exactly kResidentImportColumns, in any
// order), then imports every row or none. Faults in the file are in the outcome; the Result's
// errors are the service's (kPermissionDenied, database failures).
Result<ResidentImportOutcome> ImportResidentsCsv(RegistryService& registry,
                                                 const auth::Principal& caller,
                                                 std::string_view file,
                                                 std::optional<CsvEncoding> encoding,
                                                 const auth::RequestOrigin& origin);

}  // namespace shequ::registry
