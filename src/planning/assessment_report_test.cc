#include "planning/assessment_report.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace shequ::planning {
namespace {

// A point `thousandths` of a degree east of (0, 0) on the equator.
Coord OnStreet(double thousandths) { return {0, static_cast<std::int32_t>(thousandths * 10000)}; }

ChecklistItem Item(std::string id, std::string zh, std::string en, std::string type,
                   double distance) {
  ChecklistItem item;
  item.item = std::move(id);
  item.name_zh = std::move(zh);
  item.name_en = std::move(en);
  item.facility_type = std::move(type);
  item.max_distance_m = distance;
  item.required_share_ppm = distance > 0 ? 900000 : 0;
  item.source = "test";
  return item;
}

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

// A straight street on the equator, nodes n0..n10 every 0.001° of longitude, each edge stored
// as 100 m. Buildings stand on nodes, so every walk is a whole number of edges:
//   kindergarten at n0, pharmacy at n2, supermarket at n10.
//   c1 (a name to escape): b1 at n1 (100 residents, 20 aged 60+), b2 at n3 (100, 30),
//      b3 at n7 (50, 10);
//   c2: b4 at n9 (30, 5);
//   c3: b5 at n5 with no residents.
// By hand, c1: kindergarten 100/300/700 m -> 200 of 250 within 300 m (80.0%, fails);
// supermarket 900/700/300 m -> 50 of 250 within 500 m (20.0%, fails; its worst item);
// pharmacy 100/100/500 m -> 250 of 250 (100.0%, passes). c2: kindergarten 900 m (0%),
// supermarket 100 m (100%), pharmacy 700 m (0%): worst is the kindergarten, first in order.
struct ReportCase {
  WalkGraph graph;
  std::vector<EdgePiece> pieces;
  std::vector<AssessmentCommunity> communities = {
      {"c1", "东街<script>alert('x')</script> & 邻里"}, {"c2", "West"}, {"c3", "空社区"}};
  std::vector<AssessmentBuilding> buildings = {
      {"b1", 1, OnStreet(1), 100, 20, "c1", false}, {"b2", 2, OnStreet(3), 100, 30, "c1", false},
      {"b3", 3, OnStreet(7), 50, 10, "c1", false},  {"b4", 4, OnStreet(9), 30, 5, "c2", true},
      {"b5", 5, OnStreet(5), 0, 0, "c3", false},
  };
  std::vector<AssessmentFacility> facilities = {
      {"k1", "kindergarten", OnStreet(0)},
      {"p1", "pharmacy", OnStreet(2)},
      {"s1", "supermarket", OnStreet(10)},
  };
  LivingCircleChecklist checklist;
  std::unique_ptr<EdgeSnapper> snapper;
  Assessment assessment;

  ReportCase() {
    WalkGraphBuilder builder;
    std::vector<NodeId> n;
    for (int i = 0; i <= 10; ++i) n.push_back(builder.AddNode(OnStreet(i)));
    for (int i = 0; i < 10; ++i) builder.AddEdge(n[i], n[i + 1], 100.0f);
    graph = builder.Build();
    pieces = StraightPieces(graph);
    snapper = std::make_unique<EdgeSnapper>(graph);
    checklist.items = {
        Item("cc02_kindergarten", "幼儿园", "Kindergarten", "kindergarten", 300),
        Item("cc06_supermarket", "综合超市", "Supermarket", "supermarket", 500),
        Item("cc08c_pharmacy", "药店", "Pharmacy", "pharmacy", 500),
        Item("cc16_property_service", "物业服务", "Property management", "", 0),
        Item("cc18_governance", "管理机制", "Governance mechanism", "", 0),
    };
    auto result = Assess(Input());
    EXPECT_TRUE(result.has_value());
    if (result) assessment = std::move(*result);
  }
  AssessmentInput Input() const {
    return {graph, *snapper, buildings, facilities, communities, checklist};
  }
  std::string Html(ReportLanguage language = ReportLanguage::kZh,
                   std::span<const std::optional<Area>> boundaries = {},
                   std::span<const EdgePiece> network = {}) const {
    const AssessmentInput input = Input();
    const ReportInput report{
        .input = input,
        .assessment = assessment,
        .network = network.empty() ? std::span<const EdgePiece>(pieces) : network,
        .boundaries = boundaries,
        .title = "示范街道 <b>",
        .generated_at = 1'796'000'000LL * kMicrosPerSecond,
        .source_file = "monaco & co.osm.pbf",
        .import_id = 7,
        .language = language};
    return AssessmentReportHtml(report);
  }
};

// The text of community `c`'s section.
std::string Section(const std::string& html, std::size_t c) {
  const std::string start = "<section class=\"community\" id=\"community-" + std::to_string(c);
  const std::size_t from = html.find(start);
  if (from == std::string::npos) return {};
  return html.substr(from, html.find("</section>", from) - from);
}

TEST(AssessmentReportTest, TheAssessmentIsAsComputedByHand) {
  ReportCase c;
  const CommunityResult& c1 = c.assessment.communities[0];
  EXPECT_EQ(c1.items[0].residents_covered, 200u);
  EXPECT_EQ(c1.items[1].residents_covered, 50u);
  EXPECT_EQ(c1.items[2].residents_covered, 250u);
  ASSERT_EQ(c.assessment.gaps.size(), 4u);
  // c1 supermarket 200 outside, c1 kindergarten 50, then c2's kindergarten and pharmacy, 30 each.
  EXPECT_EQ(c.assessment.gaps[0].community, 0u);
  EXPECT_EQ(c.assessment.gaps[0].item, 1u);
  EXPECT_EQ(c.assessment.gaps[1].item, 0u);
  const AssessmentInput input = c.Input();
  const ReportInput report{.input = input, .assessment = c.assessment};
  EXPECT_EQ(MapItem(report, 0), 1u);  // the supermarket, 20.0%
  EXPECT_EQ(MapItem(report, 1), 0u);  // kindergarten and pharmacy both 0%: the first
  EXPECT_EQ(MapItem(report, 2), 0u);  // no residents: the item with most buildings outside
  EXPECT_EQ(MapItem(report, 3), std::nullopt);

  // Without the kindergarten, c2's kindergarten and pharmacy still tie at 0%: the map shows the
  // pharmacy, which has a facility to walk to.
  c.facilities.erase(c.facilities.begin());
  auto without = Assess(c.Input());
  ASSERT_TRUE(without.has_value());
  const AssessmentInput input_without = c.Input();
  const ReportInput report_without{.input = input_without, .assessment = *without};
  EXPECT_EQ(MapItem(report_without, 1), 2u);
  // c1's kindergarten, at 0% against the supermarket's 20%, is worst even with no facility.
  EXPECT_EQ(MapItem(report_without, 0), 0u);
}

TEST(AssessmentReportTest, HasEveryCommunityItemAndGapInOrder) {
  ReportCase c;
  const std::string html = c.Html();
  ASSERT_TRUE(html.starts_with("<!DOCTYPE html>"));
  EXPECT_TRUE(html.ends_with("</html>\n"));
  EXPECT_NE(html.find("<html lang=\"zh-CN\">"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  for (const char* name : {"West", "空社区", "东街&lt;script&gt;"}) {
    EXPECT_NE(html.find(name), std::string::npos) << name;
  }
  EXPECT_EQ(Count(html, "<section class=\"community\""), 3u);
  // Three distance items per community, and two worker-input items as a form.
  EXPECT_EQ(Count(html, "<tr class=\"item\">"), 9u);
  EXPECT_EQ(Count(html, "<li class=\"worker-item\">"), 6u);
  EXPECT_NE(html.find("物业服务　□ 是　□ 否"), std::string::npos);

  // The c1 rows, by hand.
  const std::string c1 = Section(html, 0);
  EXPECT_NE(c1.find("<td>幼儿园</td><td><code>kindergarten</code></td><td>300 米（5 分钟）内 ≥ "
                    "90%</td><td class=\"n\">200 / 250</td><td class=\"n\">80.0%</td><td><span "
                    "class=\"ko\">✘</span></td><td class=\"n\">300 米</td><td class=\"n\">50 "
                    "(10)</td><td class=\"n\">0</td>"),
            std::string::npos)
      << c1;
  EXPECT_NE(c1.find("<td class=\"n\">250 / 250</td><td class=\"n\">100.0%</td><td><span "
                    "class=\"ok\">✔</span>"),
            std::string::npos);
  EXPECT_NE(c1.find("<td class=\"n\">50 / 250</td><td class=\"n\">20.0%</td>"), std::string::npos);
  // 500 m at 60 m/min.
  EXPECT_NE(c1.find("500 米（8.3 分钟）"), std::string::npos);

  // The gaps in the assessment's order, worded in Chinese.
  ASSERT_EQ(Count(html, "<tr class=\"gap\">"), c.assessment.gaps.size());
  std::size_t at = 0;
  for (const AssessmentGap& gap : c.assessment.gaps) {
    const std::size_t found = html.find(gap.message_zh, at);
    ASSERT_NE(found, std::string::npos) << gap.message_zh;
    at = found + 1;
  }
  EXPECT_NE(html.find("200 名居民（其中 60 岁以上 50 名）步行 500 米内没有综合超市"),
            std::string::npos);
  EXPECT_LT(html.find("200 名居民"), html.find("50 名居民"));

  // The cover's summary: c1 passes 1 of 3 and names the failing two.
  EXPECT_NE(html.find("<td class=\"n\">1 / 3</td><td>幼儿园、综合超市</td>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"n\">1 / 3</td><td>幼儿园、药店</td>"), std::string::npos);
  // How residents were counted: c2's one building is estimated.
  EXPECT_NE(html.find("按建筑面积估算"), std::string::npos);
  EXPECT_NE(html.find("登记人口"), std::string::npos);
  EXPECT_NE(html.find("2026-11-30T08:53:20+08:00"), std::string::npos);  // Shanghai time
  EXPECT_NE(html.find("导入编号 7"), std::string::npos);
  EXPECT_NE(html.find("60 米/分钟"), std::string::npos);
}

TEST(AssessmentReportTest, MapsHaveOneMarkPerBuildingColouredByTheWorstItem) {
  ReportCase c;
  const std::string html = c.Html();
  const std::string c1 = Section(html, 0);
  const std::string c2 = Section(html, 1);
  const std::string c3 = Section(html, 2);
  EXPECT_EQ(Count(c1, "<svg"), 1u);
  EXPECT_EQ(Count(c1, "<circle"), 3u);
  EXPECT_EQ(Count(c2, "<circle"), 1u);
  EXPECT_EQ(Count(c3, "<circle"), 1u);
  // c1 by the supermarket (500 m): b1 at 900 m and b2 at 700 m are within twice the distance,
  // b3 at 300 m within it but beyond half of it.
  EXPECT_NE(c1.find("综合超市"), std::string::npos);
  const std::size_t d2 = c1.find("<g class=\"b d2\">");
  ASSERT_NE(d2, std::string::npos);
  EXPECT_EQ(Count(c1.substr(d2, c1.find("</g>", d2) - d2), "<circle"), 2u);
  const std::size_t d1 = c1.find("<g class=\"b d1\">");
  ASSERT_NE(d1, std::string::npos);
  EXPECT_EQ(Count(c1.substr(d1, c1.find("</g>", d1) - d1), "<circle"), 1u);
  // c2 by the kindergarten (300 m): b4 walks 900 m, more than twice.
  EXPECT_NE(c2.find("<g class=\"b d3\"><circle"), std::string::npos);
  // The legend in metres, the supermarket (within twice 500 m of b1 and b2) as a marker, the
  // network, a scale bar.
  EXPECT_NE(c1.find("≤ 250 米"), std::string::npos);
  EXPECT_NE(c1.find("500–1000 米"), std::string::npos);
  EXPECT_NE(c1.find("<path class=\"fac\""), std::string::npos);
  EXPECT_NE(c1.find("<path class=\"net\""), std::string::npos);
  EXPECT_NE(c1.find(" m</text>"), std::string::npos);
  // No boundary given: said under the map.
  EXPECT_NE(c1.find("无社区边界数据"), std::string::npos);
  EXPECT_EQ(c1.find("class=\"bnd\""), std::string::npos);
}

TEST(AssessmentReportTest, BoundaryIsOutlinedAndFarEdgesAreSkipped) {
  ReportCase c;
  Area square;
  square.polygons.push_back({{OnStreet(0.5),
                              {-5000, 5000},
                              {-5000, 80000},
                              OnStreet(8),
                              {5000, 80000},
                              {5000, 5000},
                              OnStreet(0.5)},
                             {}});
  const std::vector<std::optional<Area>> boundaries = {square};
  const std::string html = c.Html(ReportLanguage::kZh, boundaries);
  EXPECT_NE(Section(html, 0).find("<path class=\"bnd\" d=\"M"), std::string::npos);
  EXPECT_EQ(Section(html, 0).find("无社区边界数据"), std::string::npos);
  // Only c1 has one.
  EXPECT_EQ(Section(html, 1).find("class=\"bnd\""), std::string::npos);

  // A street a degree away adds nothing to any map.
  std::vector<EdgePiece> with_far = c.pieces;
  EdgePiece far = with_far.front();
  far.a = {10000000, 10000000};
  far.b = {10010000, 10010000};
  with_far.push_back(far);
  EXPECT_EQ(c.Html(ReportLanguage::kZh, {}, with_far), c.Html());
}

TEST(AssessmentReportTest, EscapesEveryNameFromTheData) {
  ReportCase c;
  for (ReportLanguage language : {ReportLanguage::kZh, ReportLanguage::kEn}) {
    const std::string html = c.Html(language);
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_EQ(html.find("<b>"), std::string::npos);
    EXPECT_NE(html.find("东街&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; 邻里"),
              std::string::npos);
    EXPECT_NE(html.find("示范街道 &lt;b&gt;"), std::string::npos);
    EXPECT_NE(html.find("monaco &amp; co.osm.pbf"), std::string::npos);
  }
  EXPECT_EQ(HtmlEscape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
}

TEST(AssessmentReportTest, EnglishAndChineseLabels) {
  ReportCase c;
  const std::string zh = c.Html(ReportLanguage::kZh);
  const std::string en = c.Html(ReportLanguage::kEn);
  EXPECT_NE(en.find("<html lang=\"en\">"), std::string::npos);
  for (const char* text :
       {"Complete-community assessment", "Checklist items", "Summary by community",
        "Gaps, largest first", "Property management　□ yes　□ no", "≥ 90% within 300 m (5 min)",
        "Kindergarten, Supermarket",
        "200 residents, 50 of them 60+, have no supermarket within "
        "500 m",
        "(import 7)", "No boundary on record", "no residents: no verdict"}) {
    EXPECT_NE(en.find(text), std::string::npos) << text;
  }
  for (const char* text : {"评估项目", "综合超市", "幼儿园", "步行", "是　□ 否"}) {
    EXPECT_EQ(en.find(text), std::string::npos) << text;
    EXPECT_NE(zh.find(text), std::string::npos) << text;
  }
  EXPECT_EQ(zh.find("Checklist items"), std::string::npos);
}

TEST(AssessmentReportTest, CommunityWithoutResidentsHasNoVerdict) {
  ReportCase c;
  const std::string html = c.Html();
  EXPECT_NE(html.find("<td>空社区</td><td class=\"n\">0</td><td class=\"n\">0</td><td>登记人口</td>"
                      "<td class=\"n\">无居民，不作结论</td>"),
            std::string::npos);
  const std::string c3 = Section(html, 2);
  // Every item row: 0 / 0, no share, no verdict, no median.
  EXPECT_EQ(Count(c3,
                  "<td class=\"n\">0 / 0</td><td class=\"n\">—</td><td>—</td><td "
                  "class=\"n\">—</td>"),
            3u);
  // The map still shows its one building, coloured by the kindergarten (500 m > 300 m).
  EXPECT_NE(c3.find("<g class=\"b d2\"><circle"), std::string::npos);

  // A community with neither buildings nor boundary gets no map, and no error.
  c.communities.push_back({"c4", "Nowhere"});
  auto result = Assess(c.Input());
  ASSERT_TRUE(result.has_value());
  c.assessment = std::move(*result);
  const std::string c4 = Section(c.Html(ReportLanguage::kEn), 3);
  EXPECT_NE(c4.find("Nowhere"), std::string::npos);
  EXPECT_EQ(c4.find("<svg"), std::string::npos);
  EXPECT_NE(c4.find("no map"), std::string::npos);
}

TEST(AssessmentReportTest, ParsesTheLanguage) {
  EXPECT_EQ(ParseReportLanguage("zh"), ReportLanguage::kZh);
  EXPECT_EQ(ParseReportLanguage("en"), ReportLanguage::kEn);
  auto bad = ParseReportLanguage("fr");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "lang");
}

}  // namespace
}  // namespace shequ::planning
