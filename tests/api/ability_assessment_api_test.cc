// The ability-assessment routes over HTTP (GB/T 42195-2022): the form, filing an assessment and
// its scoring, the history, one assessment, the reassessments due, bad input, scope and audit.
#include <gtest/gtest.h>

#include <string>

#include "test_app.h"

namespace shequ {
namespace {

using testing::CreatedId;
using testing::ExpectFieldError;
using testing::JsonOf;

// Every item of 附录B at its maximum (90 points).
nlohmann::json AllMaxItems() {
  return {{"B.1.1", 4}, {"B.1.2", 4}, {"B.1.3", 4}, {"B.1.4", 4}, {"B.1.5", 4}, {"B.1.6", 4},
          {"B.1.7", 4}, {"B.1.8", 4}, {"B.2.1", 4}, {"B.2.2", 4}, {"B.2.3", 4}, {"B.2.4", 3},
          {"B.3.1", 4}, {"B.3.2", 4}, {"B.3.3", 4}, {"B.3.4", 4}, {"B.3.5", 4}, {"B.3.6", 4},
          {"B.3.7", 1}, {"B.3.8", 1}, {"B.3.9", 2}, {"B.4.1", 2}, {"B.4.2", 2}, {"B.4.3", 4},
          {"B.4.4", 3}, {"B.4.5", 4}};
}

class AbilityAssessmentApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    worker_ = app_.Login("worker");
    const auto building = CreatedId(Post(worker_, "/api/v1/buildings",
                                         {{"community_id", app_.community.id.value()},
                                          {"grid_id", app_.grid.id.value()},
                                          {"number", "1号楼"},
                                          {"address", "长寿巷1号"}}));
    const auto other_grid_building = CreatedId(Post(worker_, "/api/v1/buildings",
                                                    {{"community_id", app_.community.id.value()},
                                                     {"grid_id", app_.other_grid.id.value()},
                                                     {"number", "2号楼"},
                                                     {"address", "长寿巷2号"}}));
    const auto household = CreatedId(Post(
        worker_, "/api/v1/households", {{"building_id", building}, {"floor", 1}, {"room", "101"}}));
    const auto other_household =
        CreatedId(Post(worker_, "/api/v1/households",
                       {{"building_id", other_grid_building}, {"floor", 1}, {"room", "101"}}));
    elder_ = CreatedId(Post(worker_, "/api/v1/residents",
                            {{"household_id", household},
                             {"name", "王奶奶"},
                             {"sex", "female"},
                             {"birth_date", "1949-12-31"}}));
    young_ = CreatedId(Post(worker_, "/api/v1/residents",
                            {{"household_id", household},
                             {"name", "王小明"},
                             {"sex", "male"},
                             {"birth_date", "1990-03-07"}}));
    other_grid_elder_ = CreatedId(Post(worker_, "/api/v1/residents",
                                       {{"household_id", other_household},
                                        {"name", "李爷爷"},
                                        {"sex", "male"},
                                        {"birth_date", "1940-01-01"}}));
  }

  httplib::Result Post(const std::string& token, const std::string& path,
                       const nlohmann::json& body) {
    return app_.client().Post(path, app_.Bearer(token), body.dump(), "application/json");
  }
  httplib::Result Get(const std::string& token, const std::string& path) {
    return app_.client().Get(path, app_.Bearer(token));
  }
  nlohmann::json Body(std::int64_t resident, nlohmann::json items = AllMaxItems()) {
    return {{"resident_id", resident}, {"items", std::move(items)}};
  }

  testing::TestApp app_;
  std::string worker_;
  std::int64_t elder_ = 0, young_ = 0, other_grid_elder_ = 0;
};

TEST_F(AbilityAssessmentApiTest, FormDescribesTheStandard) {
  auto result = Get(worker_, "/api/v1/assessments/form");
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  const auto form = JsonOf(result);
  EXPECT_EQ(form["max_total"], 90);
  ASSERT_EQ(form["items"].size(), 26u);
  EXPECT_EQ(form["items"][0]["code"], "B.1.1");
  EXPECT_EQ(form["items"][11]["code"], "B.2.4");
  EXPECT_EQ(form["items"][11]["max_score"], 3);
  ASSERT_EQ(form["dimensions"].size(), 4u);
  EXPECT_EQ(form["dimensions"][2]["max_score"], 28);
  ASSERT_EQ(form["grades"].size(), 5u);
  EXPECT_EQ(form["grades"][1]["min_total"], 66);
  EXPECT_EQ(form["grades"][1]["max_total"], 89);
  EXPECT_EQ(form["conditions"].size(), 4u);
  EXPECT_EQ(form["reasons"][2]["name_zh"], "即时评估");
  // The form is for those who assess: a volunteer has no eldercare permission.
  EXPECT_EQ(Get(app_.Login("volunteer"), "/api/v1/assessments/form")->status, 403);
}

TEST_F(AbilityAssessmentApiTest, FilesScoresAndAudits) {
  // 70 points: B.1.1..B.1.5 at 0 (−20). Grade 1 by the total; dementia raises it to 2.
  nlohmann::json items = AllMaxItems();
  for (const char* code : {"B.1.1", "B.1.2", "B.1.3", "B.1.4", "B.1.5"}) items[code] = 0;
  nlohmann::json body = Body(elder_, items);
  body["assessed_on"] = "2026-11-20";
  body["conditions"] = {{"dementia", true}, {"risk_events_30d", 1}};
  auto created = Post(worker_, "/api/v1/assessments", body);
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  const auto a = JsonOf(created);
  EXPECT_EQ(a["total"], 70);
  EXPECT_EQ(a["dimension_scores"]["B.1"], 12);
  EXPECT_EQ(a["dimension_scores"]["B.2"], 15);
  EXPECT_EQ(a["dimension_scores"]["B.3"], 28);
  EXPECT_EQ(a["dimension_scores"]["B.4"], 15);
  EXPECT_EQ(a["initial_grade"], 1);
  EXPECT_EQ(a["grade"], 2);
  EXPECT_EQ(a["grade_name"], "能力中度受损（中度失能）");
  EXPECT_EQ(a["grade_name_en"], "Moderately impaired (moderate disability)");
  ASSERT_EQ(a["adjustments"].size(), 1u);
  EXPECT_EQ(a["adjustments"][0]["code"], "dementia");
  EXPECT_EQ(a["reason"], "first");
  // Grade 2: the seeded local rule says 12 months.
  EXPECT_EQ(a["next_due_on"], "2027-11-20");
  EXPECT_EQ(app_.AuditCount("ability_assessment.create"), 1);

  // Read back the same.
  auto read = Get(worker_, "/api/v1/assessments/" + std::to_string(a["id"].get<std::int64_t>()));
  ASSERT_EQ(read->status, 200) << read->body;
  const auto back = JsonOf(read);
  EXPECT_EQ(back["total"], 70);
  EXPECT_EQ(back["grade"], 2);
  EXPECT_EQ(back["items"]["B.1.1"], 0);
  EXPECT_EQ(back["conditions"]["dementia"], true);
  EXPECT_EQ(back["adjustments"][0]["code"], "dementia");
}

TEST_F(AbilityAssessmentApiTest, ComaAndSevereGradesFallDueInSixMonths) {
  nlohmann::json body = Body(elder_);
  body["assessed_on"] = "2026-08-31";
  body["conditions"] = {{"coma", true}};
  auto created = Post(worker_, "/api/v1/assessments", body);
  ASSERT_EQ(created->status, 201) << created->body;
  const auto a = JsonOf(created);
  EXPECT_EQ(a["total"], 90);
  EXPECT_EQ(a["initial_grade"], 0);
  EXPECT_EQ(a["grade"], 4);
  EXPECT_EQ(a["adjustments"][0]["code"], "coma");
  EXPECT_EQ(a["next_due_on"], "2027-02-28");  // 6 months, clamped to February's end
}

TEST_F(AbilityAssessmentApiTest, HistoryNewestFirstAndReasons) {
  nlohmann::json first = Body(elder_);
  first["assessed_on"] = "2025-11-01";
  const auto first_id = CreatedId(Post(worker_, "/api/v1/assessments", first));
  // A second "first" is refused; without a reason it is a regular one.
  nlohmann::json again = Body(elder_);
  again["reason"] = "first";
  ExpectFieldError(Post(worker_, "/api/v1/assessments", again), 400, "reason");
  nlohmann::json later = Body(elder_);
  later["assessed_on"] = "2026-11-01";
  const auto later_id = CreatedId(Post(worker_, "/api/v1/assessments", later));
  nlohmann::json immediate = Body(elder_);
  immediate["reason"] = "immediate";
  immediate["assessed_on"] = "2026-11-02";
  const auto immediate_id = CreatedId(Post(worker_, "/api/v1/assessments", immediate));

  auto history = Get(worker_, "/api/v1/residents/" + std::to_string(elder_) + "/assessments");
  ASSERT_EQ(history->status, 200) << history->body;
  const auto list = JsonOf(history)["assessments"];
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0]["id"], immediate_id);
  EXPECT_EQ(list[0]["reason"], "immediate");
  EXPECT_EQ(list[1]["id"], later_id);
  EXPECT_EQ(list[1]["reason"], "regular");
  EXPECT_EQ(list[2]["id"], first_id);
  EXPECT_EQ(list[2]["reason"], "first");

  // A regular assessment needs an earlier one.
  nlohmann::json regular = Body(other_grid_elder_);
  regular["reason"] = "regular";
  ExpectFieldError(Post(worker_, "/api/v1/assessments", regular), 400, "reason");
}

TEST_F(AbilityAssessmentApiTest, DueListsLatestAssessmentsOnly) {
  nlohmann::json old = Body(elder_);
  old["assessed_on"] = "2025-10-01";  // due 2026-10-01
  CreatedId(Post(worker_, "/api/v1/assessments", old));
  nlohmann::json other = Body(other_grid_elder_);
  other["assessed_on"] = "2025-11-15";  // due 2026-11-15
  const auto other_id = CreatedId(Post(worker_, "/api/v1/assessments", other));

  const std::string community = "?community=" + std::to_string(app_.community.id.value());
  auto due = Get(worker_, "/api/v1/assessments/due" + community + "&before=2026-12-31");
  ASSERT_EQ(due->status, 200) << due->body;
  auto list = JsonOf(due)["due"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["resident_id"], elder_);
  EXPECT_EQ(list[0]["next_due_on"], "2026-10-01");
  EXPECT_EQ(list[1]["assessment_id"], other_id);

  // Reassessed: the elder is no longer due; before a date only the earlier one.
  nlohmann::json fresh = Body(elder_);
  fresh["assessed_on"] = "2026-11-29";
  CreatedId(Post(worker_, "/api/v1/assessments", fresh));
  list = JsonOf(Get(worker_, "/api/v1/assessments/due" + community + "&before=2026-12-31"))["due"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["resident_id"], other_grid_elder_);
  EXPECT_EQ(
      JsonOf(Get(worker_, "/api/v1/assessments/due" + community + "&before=2026-11-01"))["due"]
          .size(),
      0u);
  // The grid worker sees their own grid only (the other elder lives in the other grid).
  list = JsonOf(Get(app_.Login("grid"), "/api/v1/assessments/due?before=2026-12-31"))["due"];
  EXPECT_EQ(list.size(), 0u);
  ExpectFieldError(Get(worker_, "/api/v1/assessments/due?before=tomorrow"), 400, "before");
  ExpectFieldError(Get(app_.Login("other_worker"), "/api/v1/assessments/due" + community), 404, "");
}

TEST_F(AbilityAssessmentApiTest, BadInputIsRefusedAndNothingIsWritten) {
  nlohmann::json missing = AllMaxItems();
  missing.erase("B.2.3");
  ExpectFieldError(Post(worker_, "/api/v1/assessments", Body(elder_, missing)), 400, "items.B.2.3");
  nlohmann::json unknown = AllMaxItems();
  unknown["B.5.1"] = 1;
  ExpectFieldError(Post(worker_, "/api/v1/assessments", Body(elder_, unknown)), 400, "items.B.5.1");
  nlohmann::json out_of_range = AllMaxItems();
  out_of_range["B.2.4"] = 4;  // stairs score 0..3
  ExpectFieldError(Post(worker_, "/api/v1/assessments", Body(elder_, out_of_range)), 400,
                   "items.B.2.4");
  nlohmann::json huge = AllMaxItems();
  huge["B.1.1"] = 9223372036854775807LL;
  ExpectFieldError(Post(worker_, "/api/v1/assessments", Body(elder_, huge)), 400, "items.B.1.1");
  nlohmann::json text = AllMaxItems();
  text["B.1.1"] = "4";
  ExpectFieldError(Post(worker_, "/api/v1/assessments", Body(elder_, text)), 400, "items.B.1.1");

  nlohmann::json condition = Body(elder_);
  condition["conditions"] = {{"diabetes", true}};
  ExpectFieldError(Post(worker_, "/api/v1/assessments", condition), 400, "conditions.diabetes");
  condition["conditions"] = {{"coma", 1}};
  ExpectFieldError(Post(worker_, "/api/v1/assessments", condition), 400, "conditions.coma");
  condition["conditions"] = {{"risk_events_30d", -1}};
  ExpectFieldError(Post(worker_, "/api/v1/assessments", condition), 400,
                   "conditions.risk_events_30d");

  nlohmann::json reason = Body(elder_);
  reason["reason"] = "yearly";
  ExpectFieldError(Post(worker_, "/api/v1/assessments", reason), 400, "reason");
  nlohmann::json future = Body(elder_);
  future["assessed_on"] = "2026-12-01";  // the test clock stands at 2026-11-30
  ExpectFieldError(Post(worker_, "/api/v1/assessments", future), 400, "assessed_on");
  future["assessed_on"] = "30/11/2026";
  ExpectFieldError(Post(worker_, "/api/v1/assessments", future), 400, "assessed_on");

  // The standard is for people aged 60 and over.
  ExpectFieldError(Post(worker_, "/api/v1/assessments", Body(young_)), 400, "resident_id");
  ExpectFieldError(Post(worker_, "/api/v1/assessments", Body(999999)), 404, "resident_id");
  ExpectFieldError(Post(worker_, "/api/v1/assessments", {{"items", AllMaxItems()}}), 400,
                   "resident_id");

  EXPECT_EQ(app_.Count("ability_assessments"), 0);
  EXPECT_EQ(app_.Count("ability_assessment_items"), 0);
  EXPECT_EQ(app_.AuditCount("ability_assessment.create"), 0);
}

TEST_F(AbilityAssessmentApiTest, ScopeAndPermissions) {
  const auto id = CreatedId(Post(worker_, "/api/v1/assessments", Body(elder_)));
  const std::string path = "/api/v1/assessments/" + std::to_string(id);
  const std::string history = "/api/v1/residents/" + std::to_string(elder_) + "/assessments";

  // A worker of another community: as if neither existed.
  const auto other = app_.Login("other_worker");
  ExpectFieldError(Get(other, path), 404, "");
  ExpectFieldError(Get(other, history), 404, "resident_id");
  ExpectFieldError(Post(other, "/api/v1/assessments", Body(other_grid_elder_)), 404, "resident_id");

  // The grid worker reaches their grid's elder but not the other grid's.
  const auto grid = app_.Login("grid");
  EXPECT_EQ(Get(grid, path)->status, 200);
  ExpectFieldError(Post(grid, "/api/v1/assessments", Body(other_grid_elder_)), 404, "resident_id");

  // A caregiver reads but does not assess; a resident or volunteer does neither.
  const auto caregiver = app_.Login("caregiver");
  EXPECT_EQ(Get(caregiver, path)->status, 200);
  EXPECT_EQ(Post(caregiver, "/api/v1/assessments", Body(other_grid_elder_))->status, 403);
  EXPECT_EQ(Get(app_.Login("resident"), history)->status, 403);
  EXPECT_EQ(Get(app_.Login("volunteer"), path)->status, 403);
  EXPECT_EQ(app_.Count("ability_assessments"), 1);
}

}  // namespace
}  // namespace shequ
