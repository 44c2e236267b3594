#include "planning/facility_mapping.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace shequ::planning {
namespace {

using Tags = std::vector<std::pair<std::string, std::string>>;

std::vector<std::string> MatchTags(const FacilityMapping& mapping, const Tags& tags) {
  std::vector<OsmTag> list;
  for (const auto& [key, value] : tags) list.push_back(OsmTag{key, value});
  return mapping.Match(list);
}

// One case per row of data/facility_mapping.tsv (and the cases around it that must not match).
// The standard a type serves is in docs/planning-facilities.md.
struct MappingCase {
  Tags tags;
  std::vector<std::string> types;
};

const std::vector<MappingCase>& Cases() {
  static const std::vector<MappingCase> cases = {
      {{{"amenity", "community_centre"}}, {"community_service_station", "culture_station"}},
      {{{"amenity", "social_centre"}}, {"community_service_station"}},
      {{{"amenity", "kindergarten"}}, {"kindergarten"}},
      {{{"amenity", "childcare"}}, {"nursery"}},
      {{{"amenity", "social_facility"}, {"social_facility:for", "senior"}},
       {"elderly_service_station"}},
      {{{"amenity", "social_facility"},
        {"social_facility", "day_care"},
        {"social_facility:for", "senior"}},
       {"elderly_service_station"}},
      {{{"amenity", "social_facility"},
        {"social_facility", "nursing_home"},
        {"social_facility:for", "senior"}},
       {"nursing_home"}},
      {{{"amenity", "social_facility"}, {"social_facility", "assisted_living"}}, {"nursing_home"}},
      {{{"amenity", "social_facility"}, {"social_facility:for", "homeless"}}, {}},
      {{{"amenity", "nursing_home"}}, {"nursing_home"}},
      {{{"amenity", "clinic"}}, {"community_health_station"}},
      {{{"amenity", "doctors"}}, {"community_health_station"}},
      {{{"healthcare", "clinic"}}, {"community_health_station"}},
      {{{"healthcare", "doctor"}, {"amenity", "doctors"}}, {"community_health_station"}},
      {{{"amenity", "hospital"}}, {"health_service_center"}},
      {{{"healthcare", "hospital"}}, {"health_service_center"}},
      {{{"amenity", "pharmacy"}}, {"pharmacy"}},
      {{{"healthcare", "pharmacy"}}, {"pharmacy"}},
      {{{"shop", "supermarket"}}, {"supermarket"}},
      {{{"shop", "convenience"}}, {"convenience_store"}},
      {{{"amenity", "marketplace"}}, {"fresh_market"}},
      {{{"shop", "greengrocer"}}, {"fresh_market"}},
      {{{"amenity", "canteen"}}, {"community_canteen"}},
      {{{"amenity", "social_facility"}, {"social_facility", "soup_kitchen"}},
       {"community_canteen"}},
      {{{"amenity", "restaurant"}}, {"restaurant"}},
      {{{"amenity", "fast_food"}}, {"restaurant"}},
      {{{"amenity", "food_court"}}, {"restaurant"}},
      {{{"amenity", "cafe"}}, {"restaurant"}},
      {{{"amenity", "parcel_locker"}}, {"parcel_point"}},
      {{{"amenity", "vending_machine"}, {"vending", "parcel_pickup;parcel_mail_in"}},
       {"parcel_point"}},
      {{{"amenity", "vending_machine"}, {"vending", "drinks"}}, {}},
      {{{"amenity", "post_office"}}, {"parcel_point", "post_office"}},
      {{{"amenity", "bank"}}, {"bank"}},
      {{{"leisure", "playground"}}, {"public_activity_space"}},
      {{{"leisure", "playground"}, {"access", "private"}}, {}},
      {{{"leisure", "fitness_station"}}, {"public_activity_space"}},
      {{{"leisure", "pitch"}, {"sport", "basketball"}}, {"public_activity_space"}},
      {{{"leisure", "park"}}, {"park"}},
      {{{"leisure", "garden"}}, {"park"}},
      {{{"leisure", "garden"}, {"access", "private"}}, {}},
      {{{"leisure", "sports_centre"}}, {"sports_ground"}},
      {{{"leisure", "stadium"}}, {"sports_ground"}},
      {{{"leisure", "track"}}, {"sports_ground"}},
      {{{"amenity", "school"}}, {"primary_school", "middle_school"}},
      {{{"amenity", "school"}, {"isced:level", "1"}}, {"primary_school"}},
      {{{"amenity", "school"}, {"isced:level", "2"}}, {"middle_school"}},
      {{{"amenity", "school"}, {"isced:level", "1;2"}}, {"primary_school", "middle_school"}},
      {{{"amenity", "school"}, {"isced:level", "3"}}, {}},  // 高中: not a residential facility
      {{{"amenity", "school"}, {"name", "幸福路小学"}}, {"primary_school"}},
      {{{"amenity", "school"}, {"name", "第五中学"}}, {"middle_school"}},
      {{{"highway", "bus_stop"}}, {"bus_stop"}},
      {{{"public_transport", "platform"}, {"bus", "yes"}}, {"bus_stop"}},
      {{{"public_transport", "platform"}, {"train", "yes"}}, {}},
      {{{"railway", "station"}, {"station", "subway"}}, {"metro_station"}},
      {{{"railway", "station"}}, {}},
      {{{"amenity", "toilets"}}, {"public_toilet"}},
      {{{"amenity", "toilets"}, {"access", "customers"}}, {}},
      {{{"amenity", "waste_disposal"}}, {"waste_collection"}},
      {{{"amenity", "waste_transfer_station"}}, {"waste_collection"}},
      {{{"amenity", "recycling"}}, {"recycling_point"}},
      {{{"amenity", "charging_station"}, {"bicycle", "yes"}}, {"ev_charging"}},
      {{{"amenity", "charging_station"}, {"scooter", "yes"}}, {"ev_charging"}},
      {{{"amenity", "charging_station"}, {"motorcar", "yes"}}, {}},
      {{{"amenity", "bicycle_parking"}}, {"bicycle_parking"}},
      {{{"amenity", "parking"}}, {"car_parking"}},
      {{{"amenity", "arts_centre"}}, {"culture_station"}},
      {{{"amenity", "library"}}, {"culture_station"}},
      {{{"shop", "florist"}}, {}},
      {{{"name", "no facility tags"}}, {}},
  };
  return cases;
}

TEST(FacilityMappingTest, EveryCaseMapsAsDocumented) {
  const FacilityMapping& mapping = FacilityMapping::Default();
  for (const MappingCase& c : Cases()) {
    std::string tags;
    for (const auto& [k, v] : c.tags) tags.append(k).append("=").append(v).append(" ");
    EXPECT_EQ(MatchTags(mapping, c.tags), c.types) << tags;
  }
}

// Every row of the table is exercised by a case above that maps to the row's type.
TEST(FacilityMappingTest, EveryRowHasACase) {
  for (const FacilityMappingRow& row : FacilityMapping::Default().Rows()) {
    bool covered = false;
    for (const MappingCase& c : Cases()) {
      bool has_tag = false;
      for (const auto& [k, v] : c.tags) has_tag |= (k == row.key && v == row.value);
      bool has_type = false;
      for (const std::string& t : c.types) has_type |= (t == row.facility_type);
      covered |= has_tag && has_type;
    }
    EXPECT_TRUE(covered) << "line " << row.line << ": " << row.facility_type << " " << row.key
                         << "=" << row.value;
  }
}

// The names others code against (the assessment and the demo generator).
TEST(FacilityMappingTest, TheCanonicalTypesAreAllThere) {
  const std::vector<std::string> types = FacilityMapping::Default().FacilityTypes();
  const std::set<std::string> present(types.begin(), types.end());
  for (const char* type : {"community_service_station",
                           "kindergarten",
                           "nursery",
                           "elderly_service_station",
                           "nursing_home",
                           "community_health_station",
                           "health_service_center",
                           "pharmacy",
                           "supermarket",
                           "convenience_store",
                           "fresh_market",
                           "community_canteen",
                           "restaurant",
                           "parcel_point",
                           "post_office",
                           "bank",
                           "public_activity_space",
                           "park",
                           "sports_ground",
                           "primary_school",
                           "middle_school",
                           "bus_stop",
                           "metro_station",
                           "public_toilet",
                           "waste_collection",
                           "recycling_point",
                           "ev_charging",
                           "bicycle_parking",
                           "car_parking",
                           "culture_station"}) {
    EXPECT_TRUE(present.contains(type)) << type;
  }
  EXPECT_EQ(types.size(), present.size());
}

TEST(FacilityMappingTest, BuiltInTextIsTheDataFile) {
  std::ifstream in(std::string(SHEQU_PLANNING_TESTDATA_DIR) + "/../data/facility_mapping.tsv",
                   std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(BuiltInFacilityMappingText(), text);
  auto parsed = FacilityMapping::Parse(text);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->Rows().size(), FacilityMapping::Default().Rows().size());
}

TEST(FacilityMappingTest, KnowsAndUsesKey) {
  const FacilityMapping& mapping = FacilityMapping::Default();
  EXPECT_TRUE(mapping.Knows("amenity", "school"));
  EXPECT_TRUE(mapping.Knows("amenity", "charging_station"));  // even where a condition fails
  EXPECT_FALSE(mapping.Knows("shop", "florist"));
  EXPECT_FALSE(mapping.Knows("craft", "school"));
  EXPECT_TRUE(mapping.UsesKey("highway"));
  EXPECT_FALSE(mapping.UsesKey("building"));
}

constexpr std::string_view kHeader = "facility_type\tkey\tvalue\tcondition\tnote\n";

TEST(FacilityMappingTest, ParsesConditionsAndComments) {
  const std::string text = std::string("# a comment\n\n") + std::string(kHeader) +
                           "a\tk\tv\tx=1|2&!y&z~ab&w!~cd&u!=3&t\tnote\n"
                           "b\tk\t*\t-\r\n";
  auto mapping = FacilityMapping::Parse(text);
  ASSERT_TRUE(mapping.has_value()) << mapping.error().message;
  ASSERT_EQ(mapping->Rows().size(), 2u);
  const FacilityMappingRow& a = mapping->Rows()[0];
  EXPECT_EQ(a.line, 4u);
  EXPECT_EQ(a.note, "note");
  ASSERT_EQ(a.conditions.size(), 6u);
  EXPECT_EQ(a.conditions[0].test, TagTest::kEquals);
  EXPECT_EQ(a.conditions[0].values, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(a.conditions[1].test, TagTest::kAbsent);
  EXPECT_EQ(a.conditions[1].key, "y");
  EXPECT_EQ(a.conditions[2].test, TagTest::kContains);
  EXPECT_EQ(a.conditions[3].test, TagTest::kNotContains);
  EXPECT_EQ(a.conditions[4].test, TagTest::kNotEquals);
  EXPECT_EQ(a.conditions[5].test, TagTest::kPresent);
  EXPECT_EQ(a.conditions[5].key, "t");
  EXPECT_TRUE(mapping->Rows()[1].conditions.empty());
  EXPECT_EQ(mapping->Rows()[1].value, "*");

  const Tags all = {{"k", "v"}, {"x", "2"}, {"z", "xaby"}, {"w", "c"}, {"u", "4"}, {"t", "0"}};
  EXPECT_EQ(MatchTags(*mapping, all), (std::vector<std::string>{"a", "b"}));
  Tags with_y = all;
  with_y.emplace_back("y", "1");
  EXPECT_EQ(MatchTags(*mapping, with_y), (std::vector<std::string>{"b"}));
  EXPECT_EQ(MatchTags(*mapping, {{"k", "other"}}), (std::vector<std::string>{"b"}));
}

struct BadTable {
  std::string body;  // after the header, which is line 1
  std::string message;
};

TEST(FacilityMappingTest, ErrorsNameTheLine) {
  const std::vector<BadTable> bad = {
      {"a\tk\tv\n", "line 2: expected 4 or 5 tab-separated columns, found 3"},
      {"a\tk\tv\t-\tn\textra\n", "line 2: expected 4 or 5 tab-separated columns, found 6"},
      {"a\tk\tv\t-\n\nB\tk\tv\t-\n", "line 4: facility type \"B\""},
      {"a\tk\tv\t-\na\t\tv\t-\n", "line 3: key \"\" is not valid"},
      {"a\tk\t\t-\n", "line 2: the value is empty"},
      {"a\tk\tv\tx=\n", "line 2: condition \"x=\" has an empty value"},
      {"a\tk\tv\t=1\n", "line 2: condition \"=1\" has no valid key"},
      {"a\tk\tv\tx=1&&y\n", "line 2: an empty condition between '&'"},
      {"a\tk\tv\t-\nb\tk\tv\t-\na\tk\tv\t-\n", "line 4: repeats line 2"},
  };
  for (const BadTable& b : bad) {
    auto mapping = FacilityMapping::Parse(std::string(kHeader) + b.body);
    ASSERT_FALSE(mapping.has_value()) << b.body;
    EXPECT_EQ(mapping.error().code, ErrorCode::kInvalidArgument);
    EXPECT_TRUE(mapping.error().message.starts_with(b.message))
        << mapping.error().message << " / expected " << b.message;
  }
}

TEST(FacilityMappingTest, HeaderAndEmptinessErrors) {
  auto no_header = FacilityMapping::Parse("# only\na\tk\tv\t-\n");
  ASSERT_FALSE(no_header.has_value());
  EXPECT_TRUE(no_header.error().message.starts_with("line 2: the header"))
      << no_header.error().message;
  auto empty = FacilityMapping::Parse("");
  ASSERT_FALSE(empty.has_value());
  EXPECT_NE(empty.error().message.find("no header and no rows"), std::string::npos);
  auto header_only = FacilityMapping::Parse(kHeader);
  ASSERT_FALSE(header_only.has_value());
  EXPECT_NE(header_only.error().message.find("no rows"), std::string::npos);
}

TEST(FacilityMappingTest, ReadFile) {
  EXPECT_EQ(FacilityMapping::ReadFile("/nonexistent/mapping.tsv").error().code,
            ErrorCode::kNotFound);
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("shequ_mapping_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
       ".tsv");
  std::ofstream(path) << kHeader << "x\tk\tv\t-\n" << "y\tk\n";
  auto mapping = FacilityMapping::ReadFile(path.string());
  std::filesystem::remove(path);
  ASSERT_FALSE(mapping.has_value());
  EXPECT_EQ(mapping.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(mapping.error().message.find("line 3:"), std::string::npos);
  EXPECT_NE(mapping.error().message.find(path.string()), std::string::npos);
}

}  // namespace
}  // namespace shequ::planning
