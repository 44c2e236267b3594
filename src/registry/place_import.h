// Buildings (楼栋) and households (户) imported from CSV files: each kind's columns and template,
// the file's rows turned into BuildingImportRows and HouseholdImportRows, and the all-or-nothing
// import through RegistryService::ImportBuildings / ImportHouseholds with a row-by-row report.
//
// Places are named as a worker knows them: the community by its name (left empty, the caller's
// own when their scope is one community or grid), the grid by its name, the building by its
// number. Stateless apart from the service it is given; thread-safe as the service is.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "auth/principal.h"
#include "base/error.h"
#include "registry/csv_reader.h"
#include "registry/import_file.h"
#include "registry/registry_service.h"

namespace shequ::registry {

// `has_elevator` takes 是/否, 有/无, yes/no, true/false, 1/0 (empty: no); `units` empty is 1;
// latitude and longitude are WGS 84 degrees, both or neither.
inline constexpr std::array<ImportColumn, 10> kBuildingImportColumns = {{
    {"community", false},
    {"number"},
    {"address"},
    {"grid", false},
    {"floors", false},
    {"has_elevator", false},
    {"year_built", false},
    {"units", false},
    {"latitude", false},
    {"longitude", false},
}};

// `building` is the building's number; `unit` empty when the building has one; the floor area
// in square metres (at most two decimals are kept).
inline constexpr std::array<ImportColumn, 6> kHouseholdImportColumns = {{
    {"community", false},
    {"building"},
    {"unit", false},
    {"floor"},
    {"room"},
    {"floor_area_m2", false},
}};

// 是/否 and the other spellings of a yes-or-no cell; nullopt for anything else.
std::optional<bool> ParseYesNo(std::string_view cell);

// Decodes, parses and checks `file` (its header has every required column, in any order), then
// imports every row or none (kCheckOnly: checks, stores nothing). Faults in the file are in the
// outcome; the Result's errors are the service's (kPermissionDenied, database failures).
Result<ImportOutcome> ImportBuildingsCsv(RegistryService& registry, const auth::Principal& caller,
                                         std::string_view file, std::optional<CsvEncoding> encoding,
                                         const auth::RequestOrigin& origin,
                                         ImportMode mode = ImportMode::kImport);
Result<ImportOutcome> ImportHouseholdsCsv(RegistryService& registry, const auth::Principal& caller,
                                          std::string_view file,
                                          std::optional<CsvEncoding> encoding,
                                          const auth::RequestOrigin& origin,
                                          ImportMode mode = ImportMode::kImport);

}  // namespace shequ::registry
