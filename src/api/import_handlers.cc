// HTTP for the registry's CSV imports: for residents, buildings and households, the template
// (GET /api/v1/imports/{kind}/template) and the import (POST /api/v1/imports/{kind}), which
// answers 200 {"imported"} or, when any row is faulty, 422 with the row-by-row report and nothing
// stored. ?check_only=true checks the whole file and stores nothing (the UI's preview).
#include <fmt/format.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "api/app_services.h"
#include "api/error_response.h"
#include "api/json_mapping.h"
#include "base/utf8.h"
#include "registry/csv_reader.h"
#include "registry/place_import.h"
#include "registry/resident_import.h"

namespace shequ::api {
namespace {

// One kind of import file: its name in the path, its template and its import.
struct ImportKind {
  const char* name;      // "residents": /api/v1/imports/residents
  const char* what;      // for the route summaries
  const char* filename;  // of the template download
  std::string (*template_file)();
  std::function<Result<registry::ImportOutcome>(
      registry::RegistryService&, const auth::Principal&, std::string_view,
      std::optional<registry::CsvEncoding>, const auth::RequestOrigin&, registry::ImportMode)>
      import;
};

std::string BuildingTemplate() {
  return registry::ImportTemplate(registry::kBuildingImportColumns);
}
std::string HouseholdTemplate() {
  return registry::ImportTemplate(registry::kHouseholdImportColumns);
}

const ImportKind kImportKinds[] = {
    {"residents", "residents (household by household_id, or by building, unit and room)",
     "residents.csv", registry::ResidentImportTemplate, registry::ImportResidentsCsv},
    {"buildings", "buildings (community by name, grid by name)", "buildings.csv", BuildingTemplate,
     registry::ImportBuildingsCsv},
    {"households", "households (building by number)", "households.csv", HouseholdTemplate,
     registry::ImportHouseholdsCsv},
};

// text/csv, with any parameters (charset is not read: the file's bytes or ?encoding= decide).
bool IsCsv(const Request& request) {
  const std::string_view type = request.Header("Content-Type").value_or("");
  const std::string_view media = type.substr(0, type.find(';'));
  return EqualsIgnoreCase(utf8::Trim(media), "text/csv");
}

// The error body every failure has, with the row-by-row report added; 422 rather than 400 so a
// client tells "fix these rows" from a malformed request.
Response RowReport(const registry::ImportOutcome& outcome, bool check_only) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& error : outcome.errors) {
    rows.push_back({{"row", error.row},
                    {"column", error.column},
                    {"value", error.value},
                    {"reason", error.reason}});
  }
  const std::string_view stored =
      check_only ? "nothing was stored (check only)" : "nothing was imported";
  const std::string message = outcome.error_count == 1 ? fmt::format("1 row has errors; {}", stored)
                                                       : fmt::format("{} rows have errors; {}",
                                                                     outcome.error_count, stored);
  return Response::Json(422, {{"error",
                               {{"code", ErrorCodeName(ErrorCode::kInvalidArgument)},
                                {"message", message},
                                {"error_count", outcome.error_count},
                                {"rows", std::move(rows)}}}});
}

Response Template(const ImportKind& kind) {
  Response response = Response::Text(200, kind.template_file(), "text/csv; charset=utf-8");
  response.headers.Set("Content-Disposition",
                       fmt::format("attachment; filename=\"{}\"", kind.filename));
  return response;
}

Response Import(const AppServices& services, RequestContext& ctx, const ImportKind& kind) {
  const Request& request = ctx.request();
  if (!IsCsv(request))
    return Response::Error(UnsupportedMediaType("Content-Type must be text/csv"));
  std::optional<registry::CsvEncoding> encoding;
  if (const auto name = request.QueryParam("encoding")) {
    encoding = registry::ParseCsvEncoding(*name);
    if (!encoding) {
      return Response::Error(
          Error{ErrorCode::kInvalidArgument, "encoding must be utf-8 or gb18030", "encoding"});
    }
  }
  bool check_only = false;
  if (const auto flag = request.QueryParam("check_only")) {
    if (*flag == "true" || *flag == "1") {
      check_only = true;
    } else if (*flag != "false" && *flag != "0") {
      return Response::Error(
          Error{ErrorCode::kInvalidArgument, "check_only must be true or false", "check_only"});
    }
  }
  auto outcome =
      kind.import(services.registry, ctx.principal(), request.body, encoding,
                  {request.remote_address, request.request_id},
                  check_only ? registry::ImportMode::kCheckOnly : registry::ImportMode::kImport);
  if (!outcome) return Response::Error(outcome.error());
  if (outcome->error_count > 0) return RowReport(*outcome, check_only);
  if (check_only) {
    return Response::Json(200, {{"imported", 0}, {"checked", outcome->checked}});
  }
  return Response::Json(200, {{"imported", outcome->imported}});
}

}  // namespace

void RegisterImportRoutes(Router& router, const AppServices& services) {
  const AppServices* s = &services;
  for (const ImportKind& kind : kImportKinds) {
    const ImportKind* k = &kind;
    router.Add({.method = Method::kGet,
                .path = fmt::format("/api/v1/imports/{}/template", kind.name),
                .summary = fmt::format("The import file of {} as an empty CSV with its header "
                                       "(UTF-8 with a byte order mark, so Excel opens it)",
                                       kind.what),
                .permission = auth::Permission::kWriteRegistry,
                .tag = "registry",
                .handler = [k](RequestContext&) { return Template(*k); }});
    router.Add({.method = Method::kPost,
                .path = fmt::format("/api/v1/imports/{}", kind.name),
                .summary = fmt::format(
                    "Import {} from a text/csv body (UTF-8 or GB18030, detected; "
                    "?encoding=utf-8|gb18030 overrides; ?check_only=true stores nothing). Every "
                    "row is checked; all are stored in one transaction, or none: 422 with "
                    "error.rows [{{row, column, value, reason}}]",
                    kind.what),
                .permission = auth::Permission::kWriteRegistry,
                .tag = "registry",
                .response_schema = {{"type", "object"},
                                    {"properties",
                                     {{"imported", {{"type", "integer"}}},
                                      {"checked", {{"type", "integer"}}}}}},
                .handler = [s, k](RequestContext& ctx) { return Import(*s, ctx, *k); }});
  }
}

}  // namespace shequ::api
