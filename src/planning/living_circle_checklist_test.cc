#include "planning/living_circle_checklist.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "planning/facility_mapping.h"

namespace shequ::planning {
namespace {

const std::string kHeader =
    "item\tname_zh\tname_en\tfacility_type\tmax_distance_m\trequired_share\tpopulation\tsource\t"
    "source_status\n";

// The facility types the checklist may name: those of the built-in mapping table.
const std::vector<std::string> kCanonicalTypes = FacilityMapping::Default().FacilityTypes();

TEST(LivingCircleChecklistTest, ParsesRowsCommentsAndWorkerInputItems) {
  const std::string tsv =
      "# a comment\n\n" + kHeader +
      "cc02_kindergarten\t幼儿园\tKindergarten\tkindergarten\t300\t0.9\tall\t"
      "GB 50180-2018 附录B\tsourced\r\n"
      "cc04_elderly\t老年服务站\tElderly service station\telderly_service_station\t"
      "300\t0.75\t60_plus\tstd item 4\tmemory\n"
      "cc16_property\t物业服务\tProperty management\t\t\t\tall\tstd item 16\tmemory";
  auto checklist = ParseLivingCircleChecklist(tsv, kCanonicalTypes);
  ASSERT_TRUE(checklist.has_value()) << checklist.error().message;
  ASSERT_EQ(checklist->items.size(), 3u);
  const ChecklistItem& kindergarten = checklist->items[0];
  EXPECT_EQ(kindergarten.item, "cc02_kindergarten");
  EXPECT_EQ(kindergarten.name_zh, "幼儿园");
  EXPECT_EQ(kindergarten.facility_type, "kindergarten");
  EXPECT_EQ(kindergarten.max_distance_m, 300);
  EXPECT_EQ(kindergarten.required_share_ppm, 900000u);
  EXPECT_TRUE(kindergarten.sourced);
  EXPECT_EQ(kindergarten.source, "GB 50180-2018 附录B");  // the trailing \r is not part of it
  EXPECT_EQ(checklist->items[1].population, ServedPopulation::k60Plus);
  EXPECT_EQ(checklist->items[1].required_share_ppm, 750000u);
  EXPECT_FALSE(checklist->items[1].sourced);
  EXPECT_TRUE(checklist->items[2].NeedsWorkerInput());
  EXPECT_EQ(checklist->FacilityTypes(),
            (std::vector<std::string>{"kindergarten", "elderly_service_station"}));
  EXPECT_DOUBLE_EQ(checklist->walking_speed_m_per_min, 60.0);
  EXPECT_DOUBLE_EQ(checklist->Minutes(300), 5.0);
}

struct BadRow {
  const char* name;
  std::string row;
  std::string field;
};

TEST(LivingCircleChecklistTest, RejectsBadRowsWithLineAndColumn) {
  const std::string good = "cc01_a\t甲\tA\tkindergarten\t300\t0.9\tall\tsrc\tmemory\n";
  const std::vector<BadRow> rows = {
      {"too few columns", "cc02_b\t乙\tB\tkindergarten\t300\n", ""},
      {"duplicate id", "cc01_a\t甲\tA\tkindergarten\t300\t0.9\tall\tsrc\tmemory\n", "item"},
      {"id not snake case", "CC02 B\t乙\tB\tkindergarten\t300\t0.9\tall\tsrc\tmemory\n", "item"},
      {"empty Chinese name", "cc02_b\t\tB\tkindergarten\t300\t0.9\tall\tsrc\tmemory\n", "name_zh"},
      {"unknown type", "cc02_b\t乙\tB\tspaceport\t300\t0.9\tall\tsrc\tmemory\n", "facility_type"},
      {"distance not a number", "cc02_b\t乙\tB\tkindergarten\t300m\t0.9\tall\tsrc\tmemory\n",
       "max_distance_m"},
      {"distance zero", "cc02_b\t乙\tB\tkindergarten\t0\t0.9\tall\tsrc\tmemory\n",
       "max_distance_m"},
      {"share above one", "cc02_b\t乙\tB\tkindergarten\t300\t1.5\tall\tsrc\tmemory\n",
       "required_share"},
      {"share zero", "cc02_b\t乙\tB\tkindergarten\t300\t0\tall\tsrc\tmemory\n", "required_share"},
      {"worker item with distance", "cc02_b\t乙\tB\t\t300\t\tall\tsrc\tmemory\n", "max_distance_m"},
      {"worker item with share", "cc02_b\t乙\tB\t\t\t0.9\tall\tsrc\tmemory\n", "required_share"},
      {"bad population", "cc02_b\t乙\tB\tkindergarten\t300\t0.9\tchildren\tsrc\tmemory\n",
       "population"},
      {"no source", "cc02_b\t乙\tB\tkindergarten\t300\t0.9\tall\t\tmemory\n", "source"},
      {"bad status", "cc02_b\t乙\tB\tkindergarten\t300\t0.9\tall\tsrc\tverified\n",
       "source_status"},
  };
  for (const BadRow& row : rows) {
    // Line 1 header, line 2 the good row, line 3 the bad one.
    auto result = ParseLivingCircleChecklist(kHeader + good + row.row, kCanonicalTypes);
    ASSERT_FALSE(result.has_value()) << row.name;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument) << row.name;
    EXPECT_EQ(result.error().field, row.field) << row.name;
    EXPECT_NE(result.error().message.find("line 3:"), std::string::npos)
        << row.name << ": " << result.error().message;
  }
}

TEST(LivingCircleChecklistTest, RejectsWrongHeaderAndEmptyTable) {
  auto wrong = ParseLivingCircleChecklist(
      "item\tname\tname_en\tfacility_type\tmax_distance_m\t"
      "required_share\tpopulation\tsource\tsource_status\n");
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().field, "name_zh");
  EXPECT_NE(wrong.error().message.find("line 1:"), std::string::npos);
  EXPECT_FALSE(ParseLivingCircleChecklist("# only a comment\n").has_value());
  EXPECT_FALSE(ParseLivingCircleChecklist(kHeader).has_value());
}

// The table shipped in the binary: it parses, covers the 20 items of the standard, and names
// only canonical facility types.
TEST(LivingCircleChecklistTest, BuiltInTableCoversTheTwentyItems) {
  auto checklist = ParseLivingCircleChecklist(BuiltInChecklistTsv(), kCanonicalTypes);
  ASSERT_TRUE(checklist.has_value()) << checklist.error().message;
  std::vector<bool> numbered(21, false);
  for (const ChecklistItem& item : checklist->items) {
    // Ids start "ccNN": the item's number in 完整居住社区建设标准(试行).
    const int number = std::stoi(item.item.substr(2, 2));
    ASSERT_GE(number, 1) << item.item;
    ASSERT_LE(number, 20) << item.item;
    numbered[number] = true;
    if (!item.NeedsWorkerInput()) {
      EXPECT_TRUE(item.max_distance_m == 300 || item.max_distance_m == 500 ||
                  item.max_distance_m == 1000)
          << item.item << ": GB 50180 levels are 300, 500 and 1000 m";
    }
  }
  for (int n = 1; n <= 20; ++n) EXPECT_TRUE(numbered[n]) << "item " << n << " missing";
  auto built_in = BuiltInChecklist();
  ASSERT_TRUE(built_in.has_value());
  EXPECT_EQ(built_in->items.size(), checklist->items.size());
}

}  // namespace
}  // namespace shequ::planning
