#include "planning/assessment_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <unordered_map>
#include <vector>

namespace shequ::planning {
namespace {

// Mean Earth radius, as HaversineMetres uses: metres per degree of latitude.
constexpr double kMetresPerDegree = 6371008.8 * 3.14159265358979323846 / 180.0;
// The largest map on the page (px; an A4 page is about 718 px wide between 12 mm margins at
// 96 dpi, and a map taller than this leaves no room for its caption and legend).
constexpr double kMapMaxWidthPx = 680;
constexpr double kMapMaxHeightPx = 620;
// The largest scale: a community of a few buildings is drawn at street scale, not blown up to
// fill the page.
constexpr double kMapMaxPxPerMetre = 1.5;

// Everything printed inline, so that a report mailed as one file or printed offline is complete.
constexpr std::string_view kStyle = R"(
@page{size:A4;margin:14mm 12mm}
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
font-size:10.5pt;line-height:1.45;color:#222;margin:0 auto;max-width:190mm;
-webkit-print-color-adjust:exact;print-color-adjust:exact}
h1{font-size:20pt;margin:0 0 5mm}
h2{font-size:15pt;border-bottom:2px solid #333;padding-bottom:1mm;margin:6mm 0 3mm}
h3{font-size:12pt;margin:5mm 0 2mm}
p{margin:1.5mm 0}
table{border-collapse:collapse;width:100%;margin:2mm 0}
th,td{border:1px solid #999;padding:1mm 1.5mm;text-align:left;vertical-align:top}
th{background:#eee}
td.n{text-align:right;white-space:nowrap}
code{font-size:8pt;word-break:break-all}
.items td:first-child{width:24mm}
.meta th{width:26mm;white-space:nowrap}
thead{display:table-header-group}
tr{break-inside:avoid;page-break-inside:avoid}
.ok{color:#1a7f37;font-weight:bold}
.ko{color:#c62828;font-weight:bold}
.note{color:#555;font-size:9pt}
figure{margin:2mm 0;break-inside:avoid;page-break-inside:avoid}
figcaption{font-size:9.5pt;margin-top:1mm}
svg{display:block;max-width:100%;height:auto;overflow:hidden;border:1px solid #999;background:#fff}
.net{fill:none;stroke:#b4b4b4;stroke-width:.7;stroke-linecap:round;stroke-linejoin:round}
.bnd{fill:none;stroke:#1f4e9c;stroke-width:1.6;stroke-dasharray:6 3}
.d0{fill:#1a9850;background:#1a9850}
.d1{fill:#a6d96a;background:#a6d96a}
.d2{fill:#fdae61;background:#fdae61}
.d3{fill:#d73027;background:#d73027}
.dx{fill:#000;background:#000}
.dn{fill:#888;background:#888}
.fac{fill:#6a3d9a;stroke:#fff;stroke-width:1;background:#6a3d9a}
.fo{fill:#fff;stroke:#6a3d9a;stroke-width:1.5;background:#fff}
.bar{stroke:#000;stroke-width:1.5;fill:none}
.bartext{font-size:11px;font-family:sans-serif}
.legend{font-size:9pt;margin:1mm 0}
.sw{display:inline-block;width:3mm;height:3mm;border:1px solid #555;vertical-align:middle;
margin:0 1mm 0 3mm}
.sw.fac,.sw.fo{transform:rotate(45deg);border-color:#6a3d9a}
.sw.bnd{border:0;border-top:2px dashed #1f4e9c;height:0;width:6mm}
ul.form{padding:0}
ul.form li{list-style:none;margin:3mm 0;break-inside:avoid}
.blank{display:inline-block;border-bottom:1px solid #333;width:80mm;margin-left:3mm}
@media screen{body{padding:8mm}}
@media print{
body{font-size:10pt}
section.community{break-before:page;page-break-before:always}
section.gaps{break-before:page;page-break-before:always}
h2,h3{break-after:avoid;page-break-after:avoid}
}
)";

std::string Metres(double m) {
  const double tenths = std::round(m * 10);
  if (std::fmod(tenths, 10) == 0) return fmt::format("{}", static_cast<long long>(tenths / 10));
  return fmt::format("{:.1f}", tenths / 10);
}

// Whole minutes print without decimals; 500 m at 60 m/min is "8.3".
std::string Minutes(double minutes) { return Metres(minutes); }

// A share as a percentage truncated to 0.1 (integer arithmetic): a failing 89.96% must not
// print as a passing-looking 90.0%.
std::string Percent(std::uint64_t part, std::uint64_t whole) {
  const std::uint64_t tenths = whole == 0 ? 0 : part * 1000 / whole;
  return fmt::format("{}.{}%", tenths / 10, tenths % 10);
}

std::string PercentPpm(std::uint32_t ppm) {
  const std::uint32_t tenths = ppm / 1000;
  if (tenths % 10 == 0) return fmt::format("{}%", tenths / 10);
  return fmt::format("{}.{}%", tenths / 10, tenths % 10);
}

// SVG coordinates rounded to 0.1 px, written without a trailing ".0": small files, and no visible
// difference at print resolution.
void AppendPx(std::string& out, double v) {
  long long tenths = std::llround(v * 10);
  if (tenths < 0) {
    out += '-';
    tenths = -tenths;
  }
  out += std::to_string(tenths / 10);
  if (tenths % 10 != 0) {
    out += '.';
    out += static_cast<char>('0' + tenths % 10);
  }
}

std::string Px(double v) {
  std::string s;
  AppendPx(s, v);
  return s;
}

// The bounding box of what a map shows, in degrees.
struct Extent {
  double south = std::numeric_limits<double>::infinity();
  double north = -std::numeric_limits<double>::infinity();
  double west = std::numeric_limits<double>::infinity();
  double east = -std::numeric_limits<double>::infinity();

  void Add(Coord c) {
    south = std::min(south, c.Lat());
    north = std::max(north, c.Lat());
    west = std::min(west, c.Lon());
    east = std::max(east, c.Lon());
  }
};

// An equirectangular projection of an extent onto the page: metres east and south of the
// extent's north-west corner (east-west shrunk by cos(latitude) at the extent's middle, exact
// enough over a community's kilometre), scaled to fit the largest map.
struct MapFrame {
  explicit MapFrame(const Extent& e) {
    const double mid_lat = (e.south + e.north) / 2;
    m_per_deg_lat = kMetresPerDegree;
    m_per_deg_lon = kMetresPerDegree * std::cos(mid_lat * 3.14159265358979323846 / 180.0);
    double width_m = (e.east - e.west) * m_per_deg_lon;
    double height_m = (e.north - e.south) * m_per_deg_lat;
    // A margin of 8% and at least 40 m, and at least 200 m across, so a one-building community
    // still shows its street.
    const double pad_x = std::max({40.0, width_m * 0.08, (200 - width_m) / 2});
    const double pad_y = std::max({40.0, height_m * 0.08, (200 - height_m) / 2});
    west = e.west - pad_x / m_per_deg_lon;
    east = e.east + pad_x / m_per_deg_lon;
    north = e.north + pad_y / m_per_deg_lat;
    south = e.south - pad_y / m_per_deg_lat;
    width_m += 2 * pad_x;
    height_m += 2 * pad_y;
    px_per_m = std::min({kMapMaxWidthPx / width_m, kMapMaxHeightPx / height_m, kMapMaxPxPerMetre});
    width_px = std::ceil(width_m * px_per_m);
    height_px = std::ceil(height_m * px_per_m);
    south_e7 = static_cast<std::int64_t>(std::floor(south * 1e7));
    north_e7 = static_cast<std::int64_t>(std::ceil(north * 1e7));
    west_e7 = static_cast<std::int64_t>(std::floor(west * 1e7));
    east_e7 = static_cast<std::int64_t>(std::ceil(east * 1e7));
  }

  double X(Coord c) const { return (c.Lon() - west) * m_per_deg_lon * px_per_m; }
  double Y(Coord c) const { return (north - c.Lat()) * m_per_deg_lat * px_per_m; }
  bool Contains(Coord c) const {
    return c.lat_e7 >= south_e7 && c.lat_e7 <= north_e7 && c.lon_e7 >= west_e7 &&
           c.lon_e7 <= east_e7;
  }
  // Whether the segment's bounding box meets the frame: pieces wholly outside are skipped.
  bool Meets(Coord a, Coord b) const {
    return std::max(a.lat_e7, b.lat_e7) >= south_e7 && std::min(a.lat_e7, b.lat_e7) <= north_e7 &&
           std::max(a.lon_e7, b.lon_e7) >= west_e7 && std::min(a.lon_e7, b.lon_e7) <= east_e7;
  }

  double m_per_deg_lat = 0;
  double m_per_deg_lon = 0;
  double west = 0, east = 0, north = 0, south = 0;
  std::int64_t south_e7 = 0, north_e7 = 0, west_e7 = 0, east_e7 = 0;
  double px_per_m = 1;
  double width_px = 0;
  double height_px = 0;
};

class Report {
 public:
  explicit Report(const ReportInput& report)
      : r_(report),
        in_(report.input),
        a_(report.assessment),
        zh_(report.language == ReportLanguage::kZh) {
    for (std::size_t c = 0; c < in_.communities.size(); ++c) {
      community_index_.emplace(in_.communities[c].id, c);
    }
    buildings_of_.resize(in_.communities.size());
    for (std::size_t b = 0; b < in_.buildings.size(); ++b) {
      auto it = community_index_.find(in_.buildings[b].community_id);
      if (it != community_index_.end()) buildings_of_[it->second].push_back(b);
    }
  }

  std::string Html() {
    out_.reserve(1 << 16);
    out_ += "<!DOCTYPE html>\n<html lang=\"";
    out_ += zh_ ? "zh-CN" : "en";
    out_ += "\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
    out_ += HtmlEscape(Heading());
    out_ += "</title>\n<style>";
    out_ += kStyle;
    out_ += "</style>\n</head>\n<body>\n";
    Cover();
    Gaps();
    for (std::size_t c = 0; c < in_.communities.size(); ++c) Community(c);
    out_ += "</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  std::string Heading() const {
    const std::string kind = zh_ ? "完整居住社区评估报告" : "Complete-community assessment";
    return r_.title.empty() ? kind : r_.title + " — " + kind;
  }

  std::string ItemName(std::size_t item) const {
    const ChecklistItem& i = in_.checklist.items[item];
    return HtmlEscape(zh_ ? i.name_zh : i.name_en);
  }

  std::string CommunityName(std::size_t c) const { return HtmlEscape(in_.communities[c].name); }

  std::string ResidentsSource(const CommunityResult& c) const {
    if (c.buildings == 0) return zh_ ? "无建筑" : "no buildings";
    if (c.buildings_estimated == 0) return zh_ ? "登记人口" : "registry";
    if (c.buildings_estimated == c.buildings) {
      return zh_ ? "按建筑面积估算" : "estimated from floor area";
    }
    return zh_ ? fmt::format("登记为主，{} 栋建筑按面积估算", c.buildings_estimated)
               : fmt::format("registry, {} buildings estimated from floor area",
                             c.buildings_estimated);
  }

  void Cover() {
    out_ += "<header class=\"cover\">\n<h1>" + HtmlEscape(Heading()) + "</h1>\n";
    out_ += "<table class=\"meta\">\n";
    auto row = [&](std::string_view th, const std::string& td) {
      out_ += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", th, td);
    };
    row(zh_ ? "生成时间" : "Generated", HtmlEscape(FormatShanghai(r_.generated_at)));
    const std::string file = r_.source_file.empty() ? "—" : HtmlEscape(r_.source_file);
    row(zh_ ? "路网数据" : "Street network",
        zh_ ? fmt::format("OpenStreetMap {}（导入编号 {}）", file, r_.import_id)
            : fmt::format("OpenStreetMap {} (import {})", file, r_.import_id));
    row(zh_ ? "评估依据" : "Checklist",
        zh_ ? "完整居住社区建设标准(试行)（住房和城乡建设部，2020）；步行距离按 GB 50180-2018 "
              "生活圈分级"
            : "完整居住社区建设标准(试行) (MOHURD, 2020); walking distances from the GB "
              "50180-2018 living-circle levels");
    row(zh_ ? "步行速度" : "Walking speed",
        zh_ ? fmt::format("{} 米/分钟（分钟数仅供参考，判定按距离）",
                          Metres(in_.checklist.walking_speed_m_per_min))
            : fmt::format("{} m/min (minutes are shown for reading; verdicts use the distances)",
                          Metres(in_.checklist.walking_speed_m_per_min)));
    row(zh_ ? "距离" : "Distances",
        zh_ ? "沿步行路网的实际步行距离（含建筑到最近道路的一段），不是直线距离"
            : "walked along the street network (including the walk from the building to the "
              "street), not straight lines");
    if (a_.buildings_off_network > 0 || a_.facilities_off_network > 0) {
      row(zh_ ? "离路网过远" : "Off the network",
          zh_ ? fmt::format(
                    "{} 栋建筑、{} 处设施离步行路网过远：建筑按无法到达计，设施不服务任何人",
                    GroupThousands(a_.buildings_off_network),
                    GroupThousands(a_.facilities_off_network))
              : fmt::format("{} buildings and {} facilities are too far from the walking network: "
                            "the buildings count as reaching nothing, the facilities serve no one",
                            GroupThousands(a_.buildings_off_network),
                            GroupThousands(a_.facilities_off_network)));
    }
    out_ += "</table>\n";

    out_ += fmt::format("<h3>{}</h3>\n", zh_ ? "各社区概况" : "Summary by community");
    out_ += "<table class=\"summary\">\n<thead><tr>";
    for (std::string_view th :
         zh_ ? std::array<std::string_view, 6>{"社区", "居民", "其中 60 岁以上", "居民统计方式",
                                               "达标项目", "未达标项目"}
             : std::array<std::string_view, 6>{"Community", "Residents", "Of them 60+",
                                               "Residents counted from", "Items passed",
                                               "Items failed"}) {
      out_ += fmt::format("<th>{}</th>", th);
    }
    out_ += "</tr></thead>\n<tbody>\n";
    for (const CommunityResult& c : a_.communities) {
      std::size_t passed = 0;
      std::size_t judged = 0;
      std::string failing;
      for (const ItemResult& item : c.items) {
        if (!item.pass) continue;
        ++judged;
        if (*item.pass) {
          ++passed;
        } else {
          if (!failing.empty()) failing += zh_ ? "、" : ", ";
          failing += ItemName(item.item);
        }
      }
      std::string verdict;
      if (judged == 0) {
        verdict = zh_ ? "无居民，不作结论" : "no residents: no verdict";
      } else {
        verdict = fmt::format("{} / {}", passed, judged);
        if (failing.empty()) failing = zh_ ? "无" : "none";
      }
      out_ += fmt::format(
          "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td>"
          "<td class=\"n\">{}</td><td>{}</td></tr>\n",
          CommunityName(c.community), GroupThousands(c.residents),
          GroupThousands(c.residents_60_plus), ResidentsSource(c), verdict, failing);
    }
    out_ += "</tbody>\n</table>\n";
    out_ += fmt::format(
        "<p class=\"note\">{}</p>\n",
        zh_ ? "达标：要求距离内的居民占比不低于要求比例。按建筑面积估算的居民数只说明缺口的规模，"
              "不说明具体是谁。需社区工作人员填写的项目不计入达标项目数。"
            : "Passes: the share of residents within the required distance is at least the "
              "required share. Estimated residents say how large a gap is likely to be, never "
              "who is in it. Items a community worker must answer are not counted.");
    out_ += "</header>\n";
  }

  void Gaps() {
    out_ += fmt::format("<section class=\"gaps\">\n<h2>{}</h2>\n",
                        zh_ ? "缺口（按影响人数排序）" : "Gaps, largest first");
    out_ += fmt::format(
        "<p class=\"note\">{}</p>\n",
        zh_ ? "服务老年人的项目（老年服务站、社区食堂）按范围外 60 "
              "岁以上居民排序，其余按范围外居民排序。"
            : "Items that serve older residents (elderly service station, canteen) are ranked by "
              "the residents aged 60+ left outside, the others by all residents left outside.");
    if (a_.gaps.empty()) {
      out_ += fmt::format("<p>{}</p>\n</section>\n", zh_ ? "没有缺口。" : "No gaps.");
      return;
    }
    out_ += fmt::format(
        "<table>\n<thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th>"
        "<th>{}</th></tr></thead>\n<tbody>\n",
        zh_ ? "社区" : "Community", zh_ ? "项目" : "Item", zh_ ? "缺口" : "Gap",
        zh_ ? "该项达标" : "Item passes");
    std::size_t rank = 0;
    for (const AssessmentGap& gap : a_.gaps) {
      out_ += fmt::format(
          "<tr class=\"gap\"><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td>"
          "<td>{}</td></tr>\n",
          ++rank, CommunityName(gap.community), ItemName(gap.item),
          HtmlEscape(zh_ ? gap.message_zh : gap.message_en), PassMark(gap.pass));
    }
    out_ += "</tbody>\n</table>\n</section>\n";
  }

  static std::string PassMark(bool pass) {
    return pass ? "<span class=\"ok\">✔</span>" : "<span class=\"ko\">✘</span>";
  }

  void Community(std::size_t c) {
    const CommunityResult& result = a_.communities[c];
    out_ += fmt::format("<section class=\"community\" id=\"community-{}\">\n<h2>{}</h2>\n", c,
                        CommunityName(c));
    out_ += zh_ ? fmt::format(
                      "<p>居民 {} 人（60 岁以上 {} 人），住宅建筑 {} 栋；居民数：{}。</p>\n",
                      GroupThousands(result.residents), GroupThousands(result.residents_60_plus),
                      GroupThousands(result.buildings), ResidentsSource(result))
                : fmt::format(
                      "<p>{} residents ({} aged 60+) in {} buildings; residents counted "
                      "from: {}.</p>\n",
                      GroupThousands(result.residents), GroupThousands(result.residents_60_plus),
                      GroupThousands(result.buildings), ResidentsSource(result));
    Map(c);
    ItemsTable(result);
    WorkerForm(result);
    out_ += "</section>\n";
  }

  // Building colour classes by the walk to the map item's nearest facility, against its
  // distance D: within D/2, within D (covered), within 2D, farther, and none reachable.
  static std::string_view DistanceClass(const NearestFacility& nearest, double d) {
    if (!nearest.Reachable()) return "dx";
    if (nearest.distance_m <= d / 2) return "d0";
    if (nearest.distance_m <= d) return "d1";
    if (nearest.distance_m <= 2 * d) return "d2";
    return "d3";
  }

  void Map(std::size_t c) {
    const std::vector<std::size_t>& buildings = buildings_of_[c];
    const Area* boundary = nullptr;
    if (c < r_.boundaries.size() && r_.boundaries[c].has_value()) boundary = &*r_.boundaries[c];
    if (buildings.empty() && boundary == nullptr) {
      out_ += fmt::format("<p class=\"note\">{}</p>\n",
                          zh_ ? "本社区没有已定位的建筑和边界，无地图。"
                              : "No located buildings and no boundary: no map.");
      return;
    }
    const std::optional<std::size_t> item = MapItem(r_, c);
    const ChecklistItem* map_item = item ? &in_.checklist.items[*item] : nullptr;
    const FacilityTypeResult* type = map_item ? a_.Type(map_item->facility_type) : nullptr;

    // The extent: the community's buildings and boundary, and the facilities its buildings walk
    // to when they are within twice the item's distance (a farther one would shrink the map to
    // nothing for a facility that serves no one here anyway).
    Extent extent;
    for (std::size_t b : buildings) extent.Add(in_.buildings[b].location);
    if (boundary != nullptr) {
      for (const Polygon& polygon : boundary->polygons) {
        for (Coord point : polygon.outer) extent.Add(point);
      }
    }
    if (type != nullptr) {
      for (std::size_t b : buildings) {
        const NearestFacility& nearest = type->per_building[b];
        if (nearest.Reachable() && nearest.distance_m <= 2 * map_item->max_distance_m) {
          extent.Add(in_.facilities[nearest.facility].location);
        }
      }
    }
    const MapFrame frame(extent);

    std::string svg;
    svg.reserve(1 << 14);
    svg += fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" "
        "height=\"{1}\" role=\"img\" aria-label=\"{2}\">\n",
        Px(frame.width_px), Px(frame.height_px), CommunityName(c));
    NetworkPath(frame, svg);
    if (boundary != nullptr) BoundaryPath(frame, *boundary, svg);

    // One group per colour, a circle per building: the count of circles is the count of
    // buildings, whatever overlaps at this scale.
    const double radius = buildings.size() > 1500 ? 1.5 : 2.5;
    constexpr std::array<std::string_view, 6> kClasses = {"d0", "d1", "d2", "d3", "dx", "dn"};
    for (std::string_view cls : kClasses) {
      std::string group;
      for (std::size_t b : buildings) {
        const std::string_view building_class =
            type != nullptr ? DistanceClass(type->per_building[b], map_item->max_distance_m)
                            : std::string_view("dn");
        if (building_class != cls) continue;
        const Coord location = in_.buildings[b].location;
        group += "<circle cx=\"";
        AppendPx(group, frame.X(location));
        group += "\" cy=\"";
        AppendPx(group, frame.Y(location));
        group += "\" r=\"" + Px(radius) + "\"/>";
      }
      if (!group.empty()) svg += fmt::format("<g class=\"b {}\">{}</g>\n", cls, group);
    }

    if (map_item != nullptr) {
      std::string on;
      std::string off;
      for (std::size_t f = 0; f < in_.facilities.size(); ++f) {
        if (in_.facilities[f].facility_type != map_item->facility_type) continue;
        const Coord location = in_.facilities[f].location;
        if (!frame.Contains(location)) continue;
        std::string& path = a_.facility_access[f].on_network ? on : off;
        path += 'M';
        AppendPx(path, frame.X(location));
        path += ' ';
        AppendPx(path, frame.Y(location) - 5);
        path += "l5 5-5 5-5-5z";
      }
      if (!on.empty()) svg += "<path class=\"fac\" d=\"" + on + "\"/>\n";
      if (!off.empty()) svg += "<path class=\"fo\" d=\"" + off + "\"/>\n";
    }
    ScaleBar(frame, svg);
    svg += "</svg>\n";

    out_ += "<figure>\n" + svg + "<figcaption>";
    if (map_item != nullptr) {
      const std::string d = Metres(map_item->max_distance_m);
      out_ += zh_ ? fmt::format(
                        "颜色：到最近的「{}」的步行距离（本社区覆盖率最低的项目，要求 {} "
                        "米以内）。灰线为步行路网。",
                        ItemName(*item), d)
                  : fmt::format(
                        "Colour: the walk to the nearest {} (this community's "
                        "worst-covered item, required within {} m). Grey lines: the "
                        "walking network.",
                        ItemName(*item), d);
    } else {
      out_ += zh_ ? "清单中没有按距离评估的项目。灰线为步行路网。"
                  : "The checklist has no distance item. Grey lines: the walking network.";
    }
    if (boundary == nullptr) {
      out_ += zh_ ? "（无社区边界数据。）" : " (No boundary on record.)";
    }
    out_ += "</figcaption>\n";
    if (map_item != nullptr) Legend(*item, boundary != nullptr);
    std::size_t off_network = 0;
    for (std::size_t b : buildings) off_network += a_.building_access[b].on_network ? 0 : 1;
    if (off_network > 0) {
      out_ += fmt::format(
          "<p class=\"note\">{}</p>\n",
          zh_ ? fmt::format("{} 栋建筑离步行路网过远，按无法到达计（黑色）。", off_network)
              : fmt::format("{} buildings are too far from the walking network and count as "
                            "unreachable (black).",
                            off_network));
    }
    out_ += "</figure>\n";
  }

  void Legend(std::size_t item, bool with_boundary) {
    const double d = in_.checklist.items[item].max_distance_m;
    const std::string half = Metres(d / 2);
    const std::string full = Metres(d);
    const std::string twice = Metres(2 * d);
    const std::string unit = zh_ ? " 米" : " m";
    out_ += "<div class=\"legend\">";
    auto swatch = [&](std::string_view cls, const std::string& text) {
      out_ += fmt::format("<span class=\"sw {}\"></span>{}", cls, text);
    };
    swatch("d0", "≤ " + half + unit);
    swatch("d1", half + "–" + full + unit);
    swatch("d2", full + "–" + twice + unit);
    swatch("d3", "> " + twice + unit);
    swatch("dx", zh_ ? "无法到达" : "unreachable");
    swatch("fac", ItemName(item));
    swatch("fo", zh_ ? "离网设施" : "off the network");
    if (with_boundary) swatch("bnd", zh_ ? "社区边界" : "community boundary");
    out_ += "</div>\n";
  }

  void NetworkPath(const MapFrame& frame, std::string& svg) const {
    std::string d;
    long long last_x = std::numeric_limits<long long>::min();
    long long last_y = 0;
    auto append_tenths = [&d](long long tenths) { AppendPx(d, static_cast<double>(tenths) / 10); };
    for (const EdgePiece& piece : r_.network) {
      if (!frame.Meets(piece.a, piece.b)) continue;
      const long long ax = std::llround(frame.X(piece.a) * 10);
      const long long ay = std::llround(frame.Y(piece.a) * 10);
      const long long bx = std::llround(frame.X(piece.b) * 10);
      const long long by = std::llround(frame.Y(piece.b) * 10);
      if (ax == bx && ay == by) continue;
      // Consecutive pieces of a chain continue one line instead of starting a new one.
      if (ax != last_x || ay != last_y) {
        d += 'M';
        append_tenths(ax);
        d += ' ';
        append_tenths(ay);
      }
      d += 'L';
      append_tenths(bx);
      d += ' ';
      append_tenths(by);
      last_x = bx;
      last_y = by;
    }
    if (!d.empty()) svg += "<path class=\"net\" d=\"" + d + "\"/>\n";
  }

  static void RingPath(const MapFrame& frame, const Ring& ring, std::string& d) {
    long long last_x = std::numeric_limits<long long>::min();
    long long last_y = 0;
    bool first = true;
    for (Coord point : ring) {
      const long long x = std::llround(frame.X(point) * 10);
      const long long y = std::llround(frame.Y(point) * 10);
      if (x == last_x && y == last_y) continue;
      d += first ? 'M' : 'L';
      first = false;
      AppendPx(d, static_cast<double>(x) / 10);
      d += ' ';
      AppendPx(d, static_cast<double>(y) / 10);
      last_x = x;
      last_y = y;
    }
    if (!first) d += 'Z';
  }

  static void BoundaryPath(const MapFrame& frame, const Area& area, std::string& svg) {
    std::string d;
    for (const Polygon& polygon : area.polygons) {
      RingPath(frame, polygon.outer, d);
      for (const Ring& inner : polygon.inners) RingPath(frame, inner, d);
    }
    if (!d.empty()) svg += "<path class=\"bnd\" d=\"" + d + "\"/>\n";
  }

  // A bar of a round length, about a fifth of the map's width, in the lower left corner.
  void ScaleBar(const MapFrame& frame, std::string& svg) const {
    const double map_width_m = frame.width_px / frame.px_per_m;
    double length_m = 10;
    for (double nice : {10.0, 20.0, 50.0, 100.0, 200.0, 250.0, 500.0, 1000.0, 2000.0, 5000.0,
                        10000.0, 20000.0, 50000.0}) {
      if (nice <= map_width_m / 5) length_m = nice;
    }
    const double length_px = length_m * frame.px_per_m;
    const double x = 10;
    const double y = frame.height_px - 10;
    svg += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"26\" fill=\"#fff\" "
        "fill-opacity=\".8\"/>",
        Px(x - 4), Px(y - 22), Px(length_px + 8));
    svg +=
        fmt::format("<path class=\"bar\" d=\"M{} {}v5h{}v-5\"/>", Px(x), Px(y - 5), Px(length_px));
    const std::string label =
        length_m >= 1000 ? Metres(length_m / 1000) + " km" : Metres(length_m) + " m";
    svg += fmt::format("<text class=\"bartext\" x=\"{}\" y=\"{}\">{}</text>\n", Px(x), Px(y - 9),
                       label);
  }

  void ItemsTable(const CommunityResult& c) {
    out_ += fmt::format("<h3>{}</h3>\n", zh_ ? "评估项目" : "Checklist items");
    out_ += "<table class=\"items\">\n<thead><tr>";
    for (std::string_view th :
         zh_ ? std::array<std::string_view, 9>{"项目", "设施类型", "要求", "覆盖居民 / 总数",
                                               "覆盖率", "达标", "中位步行距离",
                                               "范围外居民（60 岁以上）", "离网建筑"}
             : std::array<std::string_view, 9>{
                   "Item", "Facility type", "Required", "Residents covered / total", "Share",
                   "Pass", "Median walk", "Residents outside (60+)", "Buildings off network"}) {
      out_ += fmt::format("<th>{}</th>", th);
    }
    out_ += "</tr></thead>\n<tbody>\n";
    for (const ItemResult& r : c.items) {
      if (r.needs_worker_input) continue;
      const ChecklistItem& item = in_.checklist.items[r.item];
      const std::string d = Metres(item.max_distance_m);
      const std::string minutes = Minutes(in_.checklist.Minutes(item.max_distance_m));
      const std::string required =
          zh_ ? fmt::format("{} 米（{} 分钟）内 ≥ {}", d, minutes,
                            PercentPpm(item.required_share_ppm))
              : fmt::format("≥ {} within {} m ({} min)", PercentPpm(item.required_share_ppm), d,
                            minutes);
      const std::string share = r.share ? Percent(r.residents_covered, c.residents) : "—";
      const std::string pass = r.pass ? PassMark(*r.pass) : "—";
      // A number keeps to one line on the right; the sentence for "none" may wrap.
      std::string median;
      if (c.residents == 0) {
        median = "<td class=\"n\">—</td>";
      } else if (r.evidence.median.Reachable()) {
        median = "<td class=\"n\">" + Metres(std::round(r.evidence.median.distance_m)) +
                 (zh_ ? " 米" : " m") + "</td>";
      } else {
        median = zh_ ? "<td>一半以上居民无可达设施</td>"
                     : "<td>none reachable for half the residents</td>";
      }
      out_ += fmt::format(
          "<tr class=\"item\"><td>{}</td><td><code>{}</code></td><td>{}</td>"
          "<td class=\"n\">{} / {}</td><td class=\"n\">{}</td><td>{}</td>{}"
          "<td class=\"n\">{} ({})</td><td class=\"n\">{}</td></tr>\n",
          ItemName(r.item), HtmlEscape(item.facility_type), required,
          GroupThousands(r.residents_covered), GroupThousands(c.residents), share, pass, median,
          GroupThousands(r.evidence.residents_outside),
          GroupThousands(r.evidence.residents_outside_60_plus),
          GroupThousands(r.evidence.buildings_off_network));
    }
    out_ += "</tbody>\n</table>\n";
  }

  // What the map cannot measure (utilities, governance, ...) as a form to fill in by hand.
  void WorkerForm(const CommunityResult& c) {
    std::string rows;
    for (const ItemResult& r : c.items) {
      if (!r.needs_worker_input) continue;
      rows += fmt::format(
          "<li class=\"worker-item\">{}　□ {}　□ {}<span class=\"blank\"></span></li>\n",
          ItemName(r.item), zh_ ? "是" : "yes", zh_ ? "否" : "no");
    }
    if (rows.empty()) return;
    out_ += fmt::format("<h3>{}</h3>\n<p class=\"note\">{}</p>\n<ul class=\"form\">\n{}</ul>\n",
                        zh_ ? "需社区工作人员填写的项目" : "Items for the community worker",
                        zh_ ? "地图无法判断以下项目，请现场核实后勾选并注明情况。"
                            : "A map cannot tell these: check on site, tick, and note what "
                              "you found.",
                        rows);
    out_ += fmt::format(
        "<p>{}<span class=\"blank\"></span>　{}<span class=\"blank\" "
        "style=\"width:40mm\"></span></p>\n",
        zh_ ? "填写人：" : "Filled in by:", zh_ ? "日期：" : "Date:");
  }

  const ReportInput& r_;
  const AssessmentInput& in_;
  const Assessment& a_;
  const bool zh_;
  std::unordered_map<std::string, std::size_t> community_index_;
  std::vector<std::vector<std::size_t>> buildings_of_;  // per community, building indices
  std::string out_;
};

}  // namespace

Result<ReportLanguage> ParseReportLanguage(std::string_view text) {
  if (text == "zh") return ReportLanguage::kZh;
  if (text == "en") return ReportLanguage::kEn;
  return InvalidArgument("the report language must be zh or en", "lang");
}

std::optional<std::size_t> MapItem(const ReportInput& report, std::size_t community) {
  if (community >= report.assessment.communities.size()) return std::nullopt;
  const CommunityResult& c = report.assessment.communities[community];
  // On a tie, an item whose type has facilities: a map of its walks says more than one where
  // every building is black for want of any facility.
  auto has_facilities = [&](const ItemResult& r) {
    const FacilityTypeResult* type =
        report.assessment.Type(report.input.checklist.items[r.item].facility_type);
    return type != nullptr && type->facility_count > 0;
  };
  const ItemResult* best = nullptr;
  for (const ItemResult& r : c.items) {
    if (r.needs_worker_input) continue;
    if (best == nullptr) {
      best = &r;
      continue;
    }
    const bool measured = c.residents > 0 && r.share && best->share;
    const bool worse = measured ? *r.share < *best->share
                                : r.evidence.buildings_outside > best->evidence.buildings_outside;
    const bool tie = measured ? *r.share == *best->share
                              : r.evidence.buildings_outside == best->evidence.buildings_outside;
    if (worse || (tie && has_facilities(r) && !has_facilities(*best))) best = &r;
  }
  if (best == nullptr) return std::nullopt;
  return best->item;
}

std::string AssessmentReportHtml(const ReportInput& report) { return Report(report).Html(); }

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

}  // namespace shequ::planning
