// The elderly canteen's plain types (老年食堂/助餐点): a canteen with its opening hours, seats and
// cost model, its menus, residents' orders with the price lines they were quoted, standing orders
// and diet notes. No I/O; plain values, safe to copy between threads.
//
// Dates are Asia/Shanghai calendar dates; weekday sets are bit masks with Monday = 1 << 0 ...
// Sunday = 1 << 6. Money is integer fen.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil_time.h"
#include "base/ids.h"
#include "registry/registry_records.h"

namespace shequ::eldercare {

using CanteenId = Id<struct CanteenTag>;
using CanteenOrderId = Id<struct CanteenOrderTag>;
using StandingOrderId = Id<struct StandingOrderTag>;
using registry::ResidentId;

enum class Meal { kLunch, kDinner };
std::string_view MealName(Meal meal);  // "lunch" | "dinner"
std::optional<Meal> ParseMeal(std::string_view name);

enum class OrderMode { kDineIn, kPickup, kDelivery };
std::string_view OrderModeName(OrderMode mode);  // "dine_in" | "pickup" | "delivery"
std::optional<OrderMode> ParseOrderMode(std::string_view name);

// ISO weekday of `date`: 1 = Monday ... 7 = Sunday.
int IsoWeekday(const CivilDate& date);
// The bit of `date`'s weekday in a weekday mask.
inline int WeekdayBit(const CivilDate& date) { return 1 << (IsoWeekday(date) - 1); }

// When one meal is served: the weekdays it is open and its hours (minutes after midnight).
struct MealHours {
  int weekdays = 0;  // 0: this meal is never served
  int start_min = 0;
  int end_min = 0;

  bool OpenOn(const CivilDate& date) const { return (weekdays & WeekdayBit(date)) != 0; }
};

struct Canteen {
  CanteenId id;
  CommunityId community_id;
  std::string name;
  int seats_per_meal = 0;  // meals one sitting serves, all modes (the kitchen cooks this many)
  MealHours lunch;
  MealHours dinner;
  int cutoff_min = 0;  // orders and cancellations close this long before the meal starts
  std::int64_t delivery_fee_fen = 0;        // paid by the diner; never subsidised
  std::int64_t fixed_monthly_cost_fen = 0;  // rent, staff, utilities
  Instant created_at = 0;

  const MealHours& HoursOf(Meal meal) const { return meal == Meal::kLunch ? lunch : dinner; }
  // When ordering and cancelling for `meal` on `date` closes.
  Instant CutoffOf(const CivilDate& date, Meal meal) const;
};

struct MenuDay {
  CanteenId canteen_id;
  CivilDate date;
  Meal meal = Meal::kLunch;
  std::vector<std::string> dishes;
  std::int64_t price_fen = 0;  // the standard price a diner without subsidy pays
  std::int64_t cost_fen = 0;   // food cost per meal
};

// One line of a bill, in Chinese and English: "标准价" 1500, "80岁以上补贴" -500, "送餐费" 200.
struct PriceLine {
  std::string label;
  std::string label_en;
  std::int64_t amount_fen = 0;
};

// What a resident pays for one meal, and why. price_fen is the sum of the lines.
struct Quote {
  std::int64_t standard_fen = 0;
  std::int64_t subsidy_fen = 0;
  std::int64_t delivery_fen = 0;
  std::int64_t price_fen = 0;
  std::int64_t operator_subsidy_fen = 0;
  std::int64_t cost_fen = 0;  // the menu's food cost, kept with the order for settlement
  std::string funding_line;   // empty when no subsidy applies
  std::string tier;           // the rule's label, empty when none
  std::vector<PriceLine> lines;
};

enum class OrderStatus { kActive, kCancelled };

struct CanteenOrder {
  CanteenOrderId id;
  CommunityId community_id;
  CanteenId canteen_id;
  ResidentId resident_id;
  CivilDate date;
  Meal meal = Meal::kLunch;
  OrderMode mode = OrderMode::kDineIn;
  OrderStatus status = OrderStatus::kActive;
  Quote quote;
  StandingOrderId standing_order_id;  // invalid for an order placed by hand
  std::string created_by;
  Instant created_at = 0;
};

struct StandingOrder {
  StandingOrderId id;
  CommunityId community_id;
  CanteenId canteen_id;
  ResidentId resident_id;
  int weekdays = 0;
  Meal meal = Meal::kLunch;
  OrderMode mode = OrderMode::kDineIn;
  CivilDate from;
  std::optional<CivilDate> to;
  bool paused = false;
};

struct DietNotes {
  ResidentId resident_id;
  bool diabetic = false;
  bool low_salt = false;
  bool soft_food = false;
  std::string note;
};

}  // namespace shequ::eldercare
