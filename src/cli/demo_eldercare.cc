#include "cli/demo_eldercare.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "eldercare/assessment/ability_assessment_rules.h"
#include "eldercare/assessment/ability_assessment_service.h"
#include "eldercare/canteen/canteen_service.h"
#include "eldercare/elder_file/elder_file_service.h"
#include "eldercare/homecare/homecare_service.h"
#include "eldercare/timebank/timebank_service.h"
#include "eldercare/workforce/volunteer_service.h"
#include "eldercare/workforce/workforce_service.h"
#include "planning/service/planning_service.h"
#include "registry/registry_service.h"
#include "registry/resident_facts.h"
#include "store/transaction.h"

namespace shequ::cli {
namespace {

using eldercare::ElderSummary;

constexpr Instant kMicrosPerMinute = 60 * kMicrosPerSecond;
const auth::RequestOrigin kOrigin{.remote_address = "cli", .request_id = "init-demo"};

// How far back the demo's history reaches.
constexpr int kCanteenHistoryDays = 42;
constexpr int kHomeCareHistoryDays = 7;

CivilDate AddDays(const CivilDate& date, int days) {
  return CivilFromDays(DaysFromCivil(date) + days);
}

// `minute` after midnight on `date`, Asia/Shanghai.
Instant At(const CivilDate& date, int minute) {
  return ShanghaiStartOfDay(date) + minute * kMicrosPerMinute;
}

// A stable pseudo-random choice for (a, b): the same demo every time.
int Dice(std::int64_t a, std::int64_t b) {
  std::uint64_t x = static_cast<std::uint64_t>(a) * 0x9E3779B97F4A7C15ULL ^
                    static_cast<std::uint64_t>(b + 0x632BE5AB) * 0xC2B2AE3D27D4EB4FULL;
  x ^= x >> 31;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 29;
  return static_cast<int>(x % 100);
}

bool Has(const ElderSummary& elder, std::string_view tag) {
  return std::find(elder.elder.tags.begin(), elder.elder.tags.end(), tag) != elder.elder.tags.end();
}

// The community's elders, oldest first (ties by id), as the elder list reports them.
Result<std::vector<ElderSummary>> Elders(eldercare::ElderFileService& files,
                                         const auth::Principal& worker) {
  std::vector<ElderSummary> elders;
  for (int page = 1;; ++page) {
    auto got = files.List(worker, {.page = page, .page_size = eldercare::kMaxElderPageSize});
    SHEQU_RETURN_IF_ERROR(got);
    for (ElderSummary& elder : got->elders) elders.push_back(std::move(elder));
    if (got->elders.empty() || static_cast<std::int64_t>(elders.size()) >= got->total) break;
  }
  std::ranges::sort(elders, [](const ElderSummary& a, const ElderSummary& b) {
    if (a.age != b.age) return a.age > b.age;
    return a.elder.id.value() < b.elder.id.value();
  });
  return elders;
}

// Every item scored at `share` of its maximum (rounded), the rest of the form as given.
eldercare::AbilityItemScores ScoresAt(double share) {
  eldercare::AbilityItemScores scores;
  for (const eldercare::AbilityItem& item : eldercare::AbilityItems()) {
    scores[std::string(item.code)] = static_cast<int>(item.max_score * share + 0.5);
  }
  return scores;
}

class Seeder {
 public:
  Seeder(store::Database& database, const registry::PiiCipher& cipher,
         const DemoEldercareActors& actors, Instant now)
      : database_(database),
        actors_(actors),
        now_(now),
        today_(ShanghaiDate(now)),
        clock_(now),
        files_(database, clock_, cipher),
        assessments_(database, clock_),
        canteens_(database, clock_),
        workforce_(database, clock_),
        volunteers_(database, clock_),
        timebank_(database, clock_),
        planning_(database, clock_),
        homecare_(database, clock_, planning_) {}

  Status Run() {
    clock_.Set(At(AddDays(today_, -60), 9 * 60));
    auto elders = Elders(files_, actors_.worker);
    SHEQU_RETURN_IF_ERROR(elders);
    elders_ = std::move(*elders);
    if (elders_.size() < 30) return {};  // a tiny --demo-scale: nothing sensible to show
    SHEQU_RETURN_IF_ERROR(Workforce());
    SHEQU_RETURN_IF_ERROR(Assessments());
    SHEQU_RETURN_IF_ERROR(Canteen());
    SHEQU_RETURN_IF_ERROR(Volunteers());
    SHEQU_RETURN_IF_ERROR(HomeCare());
    return {};
  }

 private:
  const auth::Principal& worker() const { return actors_.worker; }

  // Six caregivers, a doctor, a nurse and a therapist; the demo caregiver login is 陈静's. One
  // certificate runs out in three weeks, one ran out last month (the reminders show both).
  Status Workforce() {
    struct Person {
      const char* name;
      const char* kind;
      std::vector<std::string> skills;
      std::vector<std::string> certificates;
    };
    const Person people[] = {
        {"陈静",
         "caregiver",
         {"personal_care", "bathing", "cleaning", "companionship"},
         {"caregiver_cert", "health_cert"}},
        {"刘芳", "caregiver", {"personal_care", "bathing", "meal_delivery"}, {"caregiver_cert"}},
        {"赵丽华", "caregiver", {"cleaning", "companionship", "escort"}, {"health_cert"}},
        {"孙建国", "caregiver", {"escort", "meal_delivery", "cleaning"}, {}},
        {"周敏", "caregiver", {"personal_care", "companionship", "cleaning"}, {"caregiver_cert"}},
        {"吴秀兰", "caregiver", {"bathing", "personal_care"}, {"caregiver_cert"}},
        {"郑医生", "doctor", {"medical"}, {"medical_license"}},
        {"王护士", "nurse", {"medical", "personal_care"}, {"medical_license", "caregiver_cert"}},
        {"林康复", "therapist", {"rehabilitation"}, {"rehab_cert"}},
    };
    // Homes of the first elders stand in for the workers' start points (the service station is
    // among them in a real street); any located home will do.
    std::vector<std::pair<double, double>> starts;
    {
      auto connection = database_.Acquire();
      SHEQU_RETURN_IF_ERROR(connection);
      for (const ElderSummary& elder : elders_) {
        auto facts = registry::LoadResidentFacts(**connection, elder.elder.id);
        SHEQU_RETURN_IF_ERROR(facts);
        if (facts->latitude && facts->longitude) {
          starts.emplace_back(*facts->latitude, *facts->longitude);
        }
        if (starts.size() >= 9) break;
      }
    }
    if (starts.empty()) return {};
    int index = 0;
    for (const Person& person : people) {
      const auto [lat, lon] = starts[index % starts.size()];
      eldercare::CareWorkerInput input{
          .name = person.name,
          .kind = person.kind,
          .skills = person.skills,
          .work_weekdays = {1, 2, 3, 4, 5, 6},
          .work_start = index % 3 == 2 ? "09:00" : "08:00",
          .work_end = index % 3 == 2 ? "18:00" : "17:00",
          .start_lat = lat,
          .start_lon = lon,
      };
      if (index == 0) input.login = actors_.caregiver.login;
      auto created = workforce_.CreateWorker(worker(), input, kOrigin);
      SHEQU_RETURN_IF_ERROR(created);
      const std::int64_t id = created->worker.id;
      worker_ids_.push_back(id);
      for (const std::string& code : person.certificates) {
        // Issued 700 days ago (a health certificate 200: it lasts a year). The second
        // caregiver's expires in three weeks; the third's health certificate lapsed a month ago.
        const bool yearly = code == "health_cert";
        eldercare::CertificateInput cert{
            .qualification = code,
            .number = fmt::format("DEMO-{}-{}", id, code),
            .issuer = "区人力资源和社会保障局",
            .valid_from = FormatDate(AddDays(today_, yearly ? -200 : -700))};
        if (index == 1) cert.valid_to = FormatDate(AddDays(today_, 21));
        if (index == 2 && yearly) cert.valid_from = FormatDate(AddDays(today_, -400));
        auto added = workforce_.AddCertificate(worker(), id, cert, kOrigin);
        SHEQU_RETURN_IF_ERROR(added);
      }
      // Training is recorded once it has taken place: as of today.
      const Instant hired = clock_.Now();
      clock_.Set(now_);
      auto trained = workforce_.AddTraining(worker(), id,
                                            {.course = "失能老人照护与安全转移",
                                             .date = FormatDate(AddDays(today_, -30 - index)),
                                             .hours = index == 3 ? 4.0 : 16.0},
                                            kOrigin);
      SHEQU_RETURN_IF_ERROR(trained);
      // A second course for all but 孙建国, who stays short of the year's hours (a reminder).
      if (index != 3) {
        auto again = workforce_.AddTraining(worker(), id,
                                            {.course = "老年人急救与防跌倒",
                                             .date = FormatDate(AddDays(today_, -90 - index)),
                                             .hours = 12.0},
                                            kOrigin);
        SHEQU_RETURN_IF_ERROR(again);
      }
      clock_.Set(hired);
      ++index;
    }
    return {};
  }

  // A dozen assessments spread over the grades, two of them a year old (due again), and a care
  // plan for each elder of grade 2 or worse but one (the "no care plan" alert).
  Status Assessments() {
    const double shares[] = {1.0, 0.9, 0.8, 0.7, 0.6, 0.55, 0.45, 0.4, 0.3, 0.25, 0.95, 0.5};
    for (std::size_t i = 0; i < std::size(shares) && i < elders_.size(); ++i) {
      const ElderSummary& elder = elders_[i];
      const int days_ago = i < 2 ? 380 : 20 + static_cast<int>(i) * 9;
      clock_.Set(At(AddDays(today_, -days_ago), 10 * 60));
      auto assessed = assessments_.Create(
          worker(), {.resident_id = elder.elder.id, .items = ScoresAt(shares[i])}, kOrigin);
      SHEQU_RETURN_IF_ERROR(assessed);
      if (assessed->score.grade >= 2 && i != 6) {
        clock_.Set(At(AddDays(today_, -days_ago + 2), 10 * 60));
        auto plan = files_.CreateCarePlan(worker(), elder.elder.id,
                                          {.starts_on = AddDays(today_, -days_ago + 2)}, kOrigin);
        SHEQU_RETURN_IF_ERROR(plan);
      }
    }
    return {};
  }

  // The canteen, six weeks of menus and two ahead, the regulars' lunches (placed the day before,
  // as they would be), a few younger diners at full price, standing orders for next week. One
  // regular who lives alone stopped ordering four days ago: the elder file raises the alert.
  Status Canteen() {
    clock_.Set(At(AddDays(today_, -kCanteenHistoryDays - 3), 9 * 60));
    eldercare::Canteen canteen{
        .community_id = worker().scope.place.community,
        .name = "社区长者食堂",
        .seats_per_meal = 60,
        .lunch = {.weekdays = 0b0111111, .start_min = 11 * 60, .end_min = 13 * 60},
        .dinner = {.weekdays = 0b0011111, .start_min = 17 * 60, .end_min = 18 * 60 + 30},
        .cutoff_min = 120,
        .delivery_fee_fen = 200,
        .fixed_monthly_cost_fen = 1'600'000,
    };
    auto created = canteens_.CreateCanteen(worker(), canteen, kOrigin);
    SHEQU_RETURN_IF_ERROR(created);
    const eldercare::CanteenId id = created->id;
    const std::vector<std::vector<std::string>> lunches = {
        {"红烧鸡腿", "清炒时蔬", "番茄蛋汤", "米饭"},
        {"清蒸鲈鱼", "蒜蓉西兰花", "紫菜汤", "米饭"},
        {"土豆烧牛肉", "炒青菜", "冬瓜汤", "杂粮饭"},
        {"肉末豆腐", "凉拌黄瓜", "玉米排骨汤", "米饭"},
        {"虾仁炒蛋", "香菇油菜", "丝瓜汤", "米饭"},
        {"粉蒸肉", "清炒山药", "小米粥", "馒头"},
    };
    for (int d = -kCanteenHistoryDays; d <= 13; ++d) {
      const CivilDate date = AddDays(today_, d);
      const auto& dishes = lunches[static_cast<std::size_t>(DaysFromCivil(date) % 6)];
      if (canteen.lunch.OpenOn(date)) {
        auto set = canteens_.SetMenu(worker(),
                                     {.canteen_id = id,
                                      .date = date,
                                      .meal = eldercare::Meal::kLunch,
                                      .dishes = dishes,
                                      .price_fen = 1500,
                                      .cost_fen = 1150},
                                     kOrigin);
        SHEQU_RETURN_IF_ERROR(set);
      }
      if (canteen.dinner.OpenOn(date)) {
        auto set = canteens_.SetMenu(worker(),
                                     {.canteen_id = id,
                                      .date = date,
                                      .meal = eldercare::Meal::kDinner,
                                      .dishes = {"鸡蛋面", "小菜"},
                                      .price_fen = 1200,
                                      .cost_fen = 850},
                                     kOrigin);
        SHEQU_RETURN_IF_ERROR(set);
      }
    }
    // The regulars: elders who live alone or on low income first, then the oldest.
    std::vector<const ElderSummary*> regulars;
    for (const ElderSummary& elder : elders_) {
      if (elder.living_alone || Has(elder, "low_income")) regulars.push_back(&elder);
    }
    for (const ElderSummary& elder : elders_) {
      if (regulars.size() >= 24) break;
      if (std::ranges::find(regulars, &elder) == regulars.end()) regulars.push_back(&elder);
    }
    if (regulars.size() > 24) regulars.resize(24);
    const ElderSummary* stopped = nullptr;
    for (const ElderSummary* elder : regulars) {
      if (elder->living_alone) {
        stopped = elder;
        break;
      }
    }
    for (int d = -kCanteenHistoryDays; d <= 1; ++d) {
      const CivilDate date = AddDays(today_, d);
      if (!canteen.lunch.OpenOn(date)) continue;
      clock_.Set(std::min(At(AddDays(date, -1), 9 * 60 + 30), now_));
      for (const ElderSummary* elder : regulars) {
        if (elder == stopped && d >= -4) continue;
        const int dice = Dice(elder->elder.id.value(), DaysFromCivil(date));
        if (elder != stopped && dice >= 85) continue;
        const auto mode = dice < 12   ? eldercare::OrderMode::kDelivery
                          : dice < 25 ? eldercare::OrderMode::kPickup
                                      : eldercare::OrderMode::kDineIn;
        auto placed = canteens_.PlaceOrder(
            worker(),
            {.canteen_id = id, .resident_id = elder->elder.id, .date = date, .mode = mode},
            kOrigin);
        SHEQU_RETURN_IF_ERROR(placed);
      }
    }
    // Standing orders: weekday lunches from next Monday for the first six regulars.
    clock_.Set(now_);
    const int to_monday = (8 - eldercare::IsoWeekday(today_)) % 7;
    for (std::size_t i = 0; i < regulars.size() && i < 6; ++i) {
      auto standing =
          canteens_.CreateStandingOrder(worker(),
                                        {.canteen_id = id,
                                         .resident_id = regulars[i]->elder.id,
                                         .weekdays = 0b0011111,
                                         .from = AddDays(today_, to_monday == 0 ? 7 : to_monday)},
                                        kOrigin);
      SHEQU_RETURN_IF_ERROR(standing);
    }
    return {};
  }

  // Younger elders (60-69) volunteer for the oldest, as time banks usually work: four of them,
  // the demo volunteer login linked to the first; visits over the last three weeks and an
  // activity last week (attended, credited) and one next week.
  Status Volunteers() {
    std::vector<const ElderSummary*> young;
    for (auto it = elders_.rbegin(); it != elders_.rend() && young.size() < 4; ++it) {
      if (it->age >= 60 && it->age < 70) young.push_back(&*it);
    }
    if (young.empty()) return {};
    clock_.Set(At(AddDays(today_, -40), 10 * 60));
    std::vector<std::int64_t> ids;
    const char* skills[][2] = {{"companionship", "escort"},
                               {"repairs", "companionship"},
                               {"reading", "companionship"},
                               {"escort", "shopping"}};
    for (std::size_t i = 0; i < young.size(); ++i) {
      eldercare::VolunteerInput input{
          .resident_id = young[i]->elder.id,
          .skills = {skills[i][0], skills[i][1]},
          .availability_weekdays = {2, 4, 6},
          .availability_note = "周二、周四、周六上午",
      };
      if (i != 3) input.background_check_date = FormatDate(AddDays(today_, -100 - 30 * i));
      auto created = volunteers_.Create(worker(), input, kOrigin);
      SHEQU_RETURN_IF_ERROR(created);
      ids.push_back(created->volunteer.id);
    }
    // The demo volunteer login: the first of them who has no account of their own yet (the
    // demo resident login may be one of them).
    for (const ElderSummary* person : young) {
      auto connection = database_.Acquire();
      SHEQU_RETURN_IF_ERROR(connection);
      auto tx = store::Transaction::Begin(**connection);
      SHEQU_RETURN_IF_ERROR(tx);
      const Status linked = registry::LinkResidentAccount(**connection, actors_.volunteer_user,
                                                          person->elder.id, clock_.Now());
      if (!linked && linked.error().code == ErrorCode::kConflict) continue;
      SHEQU_RETURN_IF_ERROR(linked);
      SHEQU_RETURN_IF_ERROR(tx->Commit());
      break;
    }
    // Visits to the oldest who live alone, a few a week.
    for (int d = -21; d < 0; d += 3) {
      const CivilDate date = AddDays(today_, d);
      clock_.Set(At(date, 16 * 60));
      for (std::size_t v = 0; v < ids.size(); ++v) {
        const ElderSummary& elder = elders_[(v * 3 + static_cast<std::size_t>(-d)) % 10];
        if (Dice(ids[v], d) >= 60) continue;
        auto visited = volunteers_.RecordVisit(worker(), ids[v],
                                               {.elder_resident_id = elder.elder.id,
                                                .date = FormatDate(date),
                                                .minutes = 60,
                                                .note = "上门探访，陪同聊天"},
                                               kOrigin);
        SHEQU_RETURN_IF_ERROR(visited);
      }
    }
    const CivilDate last_week = AddDays(today_, -6);
    clock_.Set(At(AddDays(last_week, -5), 9 * 60));
    auto past = timebank_.CreateActivity(worker(),
                                         {.title = "敬老午餐帮厨",
                                          .starts_at = At(last_week, 9 * 60),
                                          .ends_at = At(last_week, 13 * 60),
                                          .credit_minutes = 240},
                                         kOrigin);
    SHEQU_RETURN_IF_ERROR(past);
    for (const ElderSummary* person : young) {
      auto signed_up = timebank_.SignUp(worker(), past->id, person->elder.id, kOrigin);
      SHEQU_RETURN_IF_ERROR(signed_up);
    }
    clock_.Set(At(last_week, 14 * 60));
    for (std::size_t i = 0; i < young.size(); ++i) {
      auto attended =
          timebank_.RecordAttendance(worker(), past->id, young[i]->elder.id, i != 2, kOrigin);
      SHEQU_RETURN_IF_ERROR(attended);
    }
    clock_.Set(now_);
    const CivilDate next_week = AddDays(today_, 7);
    auto upcoming = timebank_.CreateActivity(worker(),
                                             {.title = "智能手机使用互助课堂",
                                              .starts_at = At(next_week, 14 * 60),
                                              .ends_at = At(next_week, 16 * 60),
                                              .credit_minutes = 120},
                                             kOrigin);
    SHEQU_RETURN_IF_ERROR(upcoming);
    auto signed_up = timebank_.SignUp(worker(), upcoming->id, young.front()->elder.id, kOrigin);
    SHEQU_RETURN_IF_ERROR(signed_up);
    return {};
  }

  // Last week's visits by the demo caregiver (checked in and out, rated; one missed), tomorrow's
  // orders planned over every worker, and today's visits waiting in the demo caregiver's day.
  Status HomeCare() {
    if (worker_ids_.empty()) return {};
    const std::int64_t chen = worker_ids_.front();
    const char* services[] = {"personal_care", "cleaning", "companionship", "bathing"};
    for (int d = -kHomeCareHistoryDays; d < 0; ++d) {
      const CivilDate date = AddDays(today_, d);
      if (eldercare::IsoWeekday(date) == 7) continue;  // the workers' day off
      clock_.Set(At(AddDays(date, -1), 10 * 60));
      std::vector<std::pair<std::int64_t, int>> visits;  // order, start
      for (int slot = 0; slot < 3; ++slot) {
        const ElderSummary& elder = elders_[static_cast<std::size_t>((slot * 5 - d) % 12)];
        const int start = 9 * 60 + slot * 120;
        auto order = homecare_.PlaceOrder(worker(),
                                          {.resident_id = elder.elder.id,
                                           .service_code = services[(slot - d) % 4],
                                           .date = date,
                                           .window_start_min = start,
                                           .window_end_min = start + 60},
                                          kOrigin);
        SHEQU_RETURN_IF_ERROR(order);
        auto visit = homecare_.AssignVisit(worker(), order->id, chen, start, kOrigin);
        SHEQU_RETURN_IF_ERROR(visit);
        visits.emplace_back(visit->id, start);
      }
      for (const auto& [visit_id, start] : visits) {
        // Two days ago the last visit of the day was missed; every other one was made, one of
        // them 20 minutes late.
        if (d == -2 && start == visits.back().second) continue;
        const int late = (d == -3 && start == visits.front().second) ? 20 : 5;
        clock_.Set(At(date, start + late));
        auto seen = homecare_.MyDay(actors_.caregiver, date, kOrigin);
        SHEQU_RETURN_IF_ERROR(seen);
        const auto at = std::ranges::find_if(
            seen->visits, [&](const eldercare::HomeCareVisit& v) { return v.id == visit_id; });
        if (at == seen->visits.end() || !at->lat || !at->lon) continue;
        auto in = homecare_.CheckIn(actors_.caregiver, visit_id, *at->lat, *at->lon, kOrigin);
        SHEQU_RETURN_IF_ERROR(in);
        clock_.Set(At(date, start + late + at->planned_end_min - at->planned_start_min));
        auto out = homecare_.CheckOut(actors_.caregiver, visit_id, *at->lat, *at->lon,
                                      "服务完成，老人状态良好", kOrigin);
        SHEQU_RETURN_IF_ERROR(out);
        if (Dice(visit_id, d) < 60) {
          auto rated = homecare_.Rate(worker(), visit_id, Dice(visit_id, 7) < 80 ? 5 : 4,
                                      "护理员很细心", kOrigin);
          SHEQU_RETURN_IF_ERROR(rated);
        }
      }
    }
    // Today: the rest of the demo caregiver's day, the visits whose window has not begun.
    clock_.Set(now_);
    if (eldercare::IsoWeekday(today_) != 7) {
      for (int slot = 0; slot < 4; ++slot) {
        const int start = 9 * 60 + slot * 120;
        if (At(today_, start) <= now_ + 30 * kMicrosPerMinute) continue;
        const ElderSummary& elder = elders_[static_cast<std::size_t>(slot * 3 + 1)];
        auto order = homecare_.PlaceOrder(worker(),
                                          {.resident_id = elder.elder.id,
                                           .service_code = services[slot % 4],
                                           .date = today_,
                                           .window_start_min = start,
                                           .window_end_min = start + 60},
                                          kOrigin);
        SHEQU_RETURN_IF_ERROR(order);
        auto visit = homecare_.AssignVisit(worker(), order->id, chen, start, kOrigin);
        SHEQU_RETURN_IF_ERROR(visit);
      }
    }
    // Tomorrow: a day of orders from the oldest elders, planned over every worker.
    const CivilDate tomorrow = AddDays(today_, 1);
    if (eldercare::IsoWeekday(tomorrow) != 7) {
      const char* more[] = {"personal_care", "cleaning",      "companionship",  "bathing",
                            "medical_visit", "meal_delivery", "rehabilitation", "escort_hospital"};
      for (std::size_t i = 0; i < 20 && i < elders_.size(); ++i) {
        const int start = 8 * 60 + static_cast<int>(i % 4) * 120;
        auto order = homecare_.PlaceOrder(worker(),
                                          {.resident_id = elders_[i].elder.id,
                                           .service_code = more[i % 8],
                                           .date = tomorrow,
                                           .window_start_min = start,
                                           .window_end_min = start + 180},
                                          kOrigin);
        SHEQU_RETURN_IF_ERROR(order);
      }
      auto planned = homecare_.Schedule(worker(), {.date = tomorrow}, kOrigin);
      SHEQU_RETURN_IF_ERROR(planned);
    }
    return {};
  }

  store::Database& database_;
  const DemoEldercareActors& actors_;
  const Instant now_;  // the real time: "today" happens now, the history before it
  const CivilDate today_;
  FakeClock clock_;
  eldercare::ElderFileService files_;
  eldercare::AbilityAssessmentService assessments_;
  eldercare::CanteenService canteens_;
  eldercare::WorkforceService workforce_;
  eldercare::VolunteerService volunteers_;
  eldercare::TimebankService timebank_;
  planning::PlanningService planning_;
  eldercare::HomeCareService homecare_;
  std::vector<ElderSummary> elders_;
  std::vector<std::int64_t> worker_ids_;
};

}  // namespace

Status SeedDemoEldercare(store::Database& database, const registry::PiiCipher& cipher,
                         const DemoEldercareActors& actors, Instant now) {
  Seeder seeder(database, cipher, actors, now);
  return seeder.Run();
}

}  // namespace shequ::cli
