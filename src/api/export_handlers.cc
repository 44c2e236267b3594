// HTTP for the registry's exports (导出): residents, buildings and households in the caller's
// scope as CSV (UTF-8 with a byte order mark) or as an Excel workbook, personal numbers masked,
// each export audited by the service. Records → registry::Table → bytes; no rules here.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "api/app_services.h"
#include "api/json_mapping.h"
#include "registry/registry_service.h"
#include "registry/table_export.h"

namespace shequ::api {
namespace {

using registry::Table;
using registry::TableCell;

enum class ExportFormat { kCsv, kXlsx };

// RFC 5987 attr-chars pass; every other byte is %XX (the UTF-8 of a Chinese name).
std::string PercentEncoded(std::string_view text) {
  constexpr std::string_view kAttrChar =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~";
  std::string out;
  for (const char c : text) {
    if (kAttrChar.find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned>(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

// The file as a download: `ascii_name` for old clients, `name` (UTF-8, RFC 5987 filename*) for
// the rest, both with today's date (Asia/Shanghai) and the format's extension.
Response Download(const AppServices& services, const Table& table, ExportFormat format,
                  std::string_view ascii_name, std::string_view name) {
  const std::string date = FormatDate(ShanghaiDate(services.clock.Now()));
  const std::string_view extension = format == ExportFormat::kCsv ? "csv" : "xlsx";
  std::string body;
  std::string content_type;
  if (format == ExportFormat::kCsv) {
    body = registry::TableToCsv(table);
    content_type = "text/csv; charset=utf-8";
  } else {
    auto bytes = registry::TableToXlsx(table);
    if (!bytes) return Response::Error(bytes.error());
    body = std::move(*bytes);
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }
  Response response = Response::Text(200, std::move(body), content_type);
  response.headers.Set(
      "Content-Disposition",
      fmt::format("attachment; filename=\"{}-{}.{}\"; filename*=UTF-8''{}", ascii_name, date,
                  extension, PercentEncoded(fmt::format("{}-{}.{}", name, date, extension))));
  // Personal data, masked or not, stays out of shared caches.
  response.headers.Set("Cache-Control", "no-store");
  return response;
}

Result<CommunityId> CommunityParam(const Request& request) {
  if (const auto text = request.QueryParam("community")) {
    auto parsed = ParseQueryInt(*text, "community");
    SHEQU_RETURN_IF_ERROR(parsed);
    return CommunityId(*parsed);
  }
  return CommunityId();
}

TableCell IdCell(std::int64_t id) { return id > 0 ? TableCell(id) : TableCell(); }

template <typename T>
TableCell OptionalCell(const std::optional<T>& value) {
  return value ? TableCell(*value) : TableCell();
}

// The column names are the import templates' and the JSON API's field names, so that a file
// can be edited and imported again.
Response ExportResidents(const AppServices& services, RequestContext& ctx, ExportFormat format) {
  auto community = CommunityParam(ctx.request());
  if (!community) return Response::Error(community.error());
  auto residents =
      services.registry.ExportResidents(ctx.principal(), *community, OriginOf(ctx.request()));
  if (!residents) return Response::Error(residents.error());
  Table table{
      .title = "居民",
      .columns = {"id", "household_id", "building_id", "name", "sex", "birth_date", "id_number",
                  "phone", "residence_status", "relation_to_head", "moved_in_on"}};
  table.rows.reserve(residents->size());
  for (const auto& r : *residents) {
    table.rows.push_back(
        {r.id.value(), IdCell(r.household_id.value()), IdCell(r.building_id.value()), r.name,
         std::string(registry::SexName(r.sex)), FormatDate(r.birth_date),
         r.id_number_masked.value_or(""), r.phone_masked.value_or(""),
         std::string(registry::ResidenceStatusName(r.residence_status)), r.relation_to_head,
         r.moved_in_on ? FormatDate(*r.moved_in_on) : std::string()});
  }
  return Download(services, table, format, "residents", "居民");
}

Response ExportBuildings(const AppServices& services, RequestContext& ctx, ExportFormat format) {
  auto community = CommunityParam(ctx.request());
  if (!community) return Response::Error(community.error());
  auto buildings =
      services.registry.ExportBuildings(ctx.principal(), *community, OriginOf(ctx.request()));
  if (!buildings) return Response::Error(buildings.error());
  Table table{
      .title = "楼栋",
      .columns = {"id", "number", "address", "grid_id", "floors", "has_elevator", "year_built",
                  "units", "latitude", "longitude", "osm_id", "households", "residents"}};
  table.rows.reserve(buildings->size());
  for (const auto& entry : *buildings) {
    const registry::Building& b = entry.building;
    table.rows.push_back({b.id.value(), b.number, b.address, IdCell(b.grid_id.value()),
                          b.floors ? TableCell(std::int64_t{*b.floors}) : TableCell(),
                          std::string(b.has_elevator ? "是" : "否"),
                          b.year_built ? TableCell(std::int64_t{*b.year_built}) : TableCell(),
                          std::int64_t{b.units}, OptionalCell(b.latitude),
                          OptionalCell(b.longitude), OptionalCell(b.osm_id), entry.households,
                          entry.residents});
  }
  return Download(services, table, format, "buildings", "楼栋");
}

Response ExportHouseholds(const AppServices& services, RequestContext& ctx, ExportFormat format) {
  auto community = CommunityParam(ctx.request());
  if (!community) return Response::Error(community.error());
  registry::BuildingId building;
  if (const auto text = ctx.request().QueryParam("building")) {
    auto parsed = ParseQueryInt(*text, "building");
    if (!parsed) return Response::Error(parsed.error());
    building = registry::BuildingId(*parsed);
  }
  auto households = services.registry.ExportHouseholds(ctx.principal(), building, *community,
                                                       OriginOf(ctx.request()));
  if (!households) return Response::Error(households.error());
  Table table{.title = "住户",
              .columns = {"id", "building_id", "building", "unit", "floor", "room", "floor_area_m2",
                          "residents"}};
  table.rows.reserve(households->size());
  for (const auto& entry : *households) {
    const registry::Household& h = entry.household;
    table.rows.push_back(
        {h.id.value(), h.building_id.value(), entry.building_number, h.unit, std::int64_t{h.floor},
         h.room,
         h.floor_area_dm2 ? TableCell(static_cast<double>(*h.floor_area_dm2) / 100.0) : TableCell(),
         entry.residents});
  }
  return Download(services, table, format, "households", "住户");
}

}  // namespace

void RegisterExportRoutes(Router& router, const AppServices& services) {
  const AppServices* s = &services;
  using Exporter = Response (*)(const AppServices&, RequestContext&, ExportFormat);
  struct Export {
    const char* list;
    const char* what;
    Exporter exporter;
  };
  const Export exports[] = {
      {"residents",
       "Residents of a community (?community=; the caller's scope when absent) ordered by name, "
       "ID and phone masked",
       ExportResidents},
      {"buildings",
       "Buildings of a community (?community=; a grid worker's grid) with their open households "
       "and residents living there now",
       ExportBuildings},
      {"households",
       "Open households of a building (?building=) or of a community (?community=; the "
       "caller's own when absent) with the residents living there now",
       ExportHouseholds},
  };
  for (const auto& [list, what, exporter] : exports) {
    for (const ExportFormat format : {ExportFormat::kCsv, ExportFormat::kXlsx}) {
      const bool csv = format == ExportFormat::kCsv;
      const Exporter run = exporter;  // plain variables for the lambda to copy
      router.Add(
          {.method = Method::kGet,
           .path = fmt::format("/api/v1/{}/export.{}", list, csv ? "csv" : "xlsx"),
           .summary = fmt::format(
               "{}, as {}; audited", what,
               csv ? "CSV (UTF-8 with a byte order mark)" : "an Excel workbook (.xlsx)"),
           .permission = auth::Permission::kReadRegistry,
           .tag = "registry",
           .handler = [s, run, format](RequestContext& ctx) { return run(*s, ctx, format); }});
    }
  }
}

}  // namespace shequ::api
