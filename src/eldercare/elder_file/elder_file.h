// The one-elder-one-file view (一人一档) and what it is built from: the elder as the registry has
// them, meals, home-care visits, ability assessments, the care plan, volunteer visits, the time
// bank, emergency contacts and the alerts. Plain values, no I/O; safe to copy between threads.
//
// Most of it is a read model over other modules' tables (canteen, home care, assessments,
// volunteers, time bank); only care plans and emergency contacts are this module's own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/civil_time.h"
#include "base/ids.h"
#include "eldercare/elder_file/care_plan_rules.h"
#include "eldercare/elder_file/elder_alerts.h"
#include "registry/registry_records.h"

namespace shequ::eldercare {

// The file is for residents aged 60 and over (老年人, 《老年人权益保障法》 第二条).
inline constexpr int kElderMinAge = 60;

// ---- Care plans and emergency contacts (this module's tables) ------------------------------

struct CarePlanItem {
  std::string service_code;
  std::string service_name_zh;  // from the home-care catalogue
  std::string service_name_en;
  int visits_per_month = 0;
  int delivered_this_month = 0;  // visits done this month while the plan was in force
  int planned_this_month = 0;    // visits_per_month prorated to the plan's days this month
};

struct CarePlan {
  std::int64_t id = 0;
  CommunityId community_id;
  registry::ResidentId resident_id;
  std::optional<std::int64_t> assessment_id;
  int grade = 0;
  CivilDate starts_on;
  std::optional<CivilDate> ends_on;  // last day in force; none: open-ended
  std::string note;
  std::vector<CarePlanItem> items;

  bool InForceOn(const CivilDate& day) const {
    return starts_on <= day && (!ends_on || *ends_on >= day);
  }
};

// What a worker sends to draw up a plan; items default from the grade's rule-table rows.
struct NewCarePlan {
  CivilDate starts_on;
  std::optional<CivilDate> ends_on;
  std::optional<std::int64_t> assessment_id;  // the latest assessment when absent
  std::optional<std::vector<CarePlanItemDefault>> items;
  std::string note;
};

struct EmergencyContact {
  std::int64_t id = 0;
  registry::ResidentId resident_id;
  std::string name;
  std::string relation;  // free text: "女儿", "邻居"
  std::string phone_masked;
  int priority = 1;  // 1 is called first
};

struct NewEmergencyContact {
  std::string name;
  std::string relation;
  std::string phone;  // as typed
  std::optional<int> priority;
};

// ---- The read model ---------------------------------------------------------------------------

// An elder of a community as the list shows them (the registry's facts, plus what the list adds).
struct ElderRosterEntry {
  registry::ResidentId id;
  std::string name;
  std::string sex;
  CivilDate birth_date;
  registry::HouseholdId household;
  GridId grid;
  std::string building;  // the building's number
  std::string unit;
  std::string room;
  std::vector<std::string> tags;  // registry tag codes, sorted
  std::optional<int> disability_level;
  int household_size = 0;  // residents living in the household now
};

// The registry tag living_alone (独居), or a household of one.
inline bool LivesAlone(const std::vector<std::string>& tags, int household_size) {
  for (const auto& tag : tags) {
    if (tag == "living_alone") return true;
  }
  return household_size == 1;
}

struct ElderMealOrder {
  std::int64_t order_id = 0;
  registry::ResidentId resident_id;
  std::int64_t canteen_id = 0;
  std::string canteen_name;
  CivilDate date;
  std::string meal;    // "lunch" | "dinner"
  std::string mode;    // "dine_in" | "pickup" | "delivery"
  std::string status;  // "active" | "cancelled"
  std::int64_t price_fen = 0;
};

struct ElderStandingOrder {
  std::int64_t id = 0;
  std::int64_t canteen_id = 0;
  std::string canteen_name;
  int weekdays = 0;  // bit 0 Monday ... bit 6 Sunday
  std::string meal;
  std::string mode;
  CivilDate from;
  std::optional<CivilDate> to;
  bool paused = false;
};

// A home-care visit, or an order not yet scheduled (visit_id 0, no worker, status "requested").
struct ElderVisit {
  std::int64_t id = 0;  // the visit; 0 for an order without one
  std::int64_t order_id = 0;
  registry::ResidentId resident_id;
  std::string service_code;
  std::string service_name_zh;
  std::string service_name_en;
  CivilDate date;
  int window_start_min = 0;
  int window_end_min = 0;
  std::optional<int> planned_start_min;
  std::optional<int> planned_end_min;
  std::optional<std::int64_t> worker_id;
  std::string worker_name;
  std::string status;
  std::optional<Instant> check_in_at;
  std::optional<Instant> check_out_at;
  bool late = false;
  bool missed = false;  // VisitIsMissed at the time of reading
  std::optional<int> rating;
};

struct VolunteerVisitRecord {
  std::int64_t id = 0;
  std::int64_t volunteer_id = 0;
  std::string volunteer_name;
  CivilDate date;
  int minutes = 0;
  std::string note;
};

struct ElderAssessmentSummary {
  std::int64_t id = 0;
  CivilDate assessed_on;
  int total = 0;
  int grade = 0;
  CivilDate next_due_on;
};

struct ElderFile {
  // The resident.
  registry::ResidentId id;
  std::string name;
  std::string sex;
  int age = 0;
  CivilDate birth_date;
  registry::HouseholdId household;
  std::string address;  // "幸福路1号 3号楼 2单元 301"; empty when they live nowhere now
  std::vector<std::string> tags;
  std::optional<int> disability_level;
  std::optional<std::string> phone_masked;
  bool living_alone = false;

  std::vector<ElderAssessmentSummary> assessments;  // newest first
  std::optional<CarePlan> care_plan;                // in force today
  std::vector<ElderMealOrder> recent_meals;         // newest first
  std::vector<ElderStandingOrder> standing_orders;
  std::optional<CivilDate> last_meal_date;
  std::vector<ElderVisit> upcoming_visits;  // today on, soonest first
  std::vector<ElderVisit> recent_visits;    // before today, newest first
  std::vector<VolunteerVisitRecord> volunteer_visits;
  std::optional<std::int64_t> timebank_balance_minutes;
  std::vector<EmergencyContact> emergency_contacts;
  std::vector<ElderAlert> alerts;
};

// A row of the list: the roster entry and what it adds.
struct ElderSummary {
  ElderRosterEntry elder;
  int age = 0;
  bool living_alone = false;
  std::optional<int> grade;
  std::vector<ElderAlert> alerts;
};

enum class ElderFilter { kAll, kLivingAlone, kDisabled, kAlerts };

struct ElderQuery {
  CommunityId community;  // the caller's when invalid
  std::string q;          // a name fragment
  ElderFilter filter = ElderFilter::kAll;
  int page = 1;
  int page_size = 20;
};

struct ElderPage {
  std::int64_t total = 0;
  std::vector<ElderSummary> elders;
};

struct ResidentAlert {
  registry::ResidentId resident_id;
  std::string resident_name;
  ElderAlert alert;
};

// "What is coming" for a resident's household (the family's view).
struct HouseholdMember {
  registry::ResidentId id;
  std::string name;
  int age = 0;
};

struct MyElderCare {
  std::vector<HouseholdMember> members;
  std::vector<ElderMealOrder> meals;  // active orders, soonest first
  std::vector<ElderVisit> visits;     // not cancelled, soonest first
  std::optional<std::int64_t> timebank_balance_minutes;
};

}  // namespace shequ::eldercare
