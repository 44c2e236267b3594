#include "eldercare/canteen/canteen.h"

namespace shequ::eldercare {

std::string_view MealName(Meal meal) { return meal == Meal::kLunch ? "lunch" : "dinner"; }

std::optional<Meal> ParseMeal(std::string_view name) {
  if (name == "lunch") return Meal::kLunch;
  if (name == "dinner") return Meal::kDinner;
  return std::nullopt;
}

std::string_view OrderModeName(OrderMode mode) {
  switch (mode) {
    case OrderMode::kDineIn:
      return "dine_in";
    case OrderMode::kPickup:
      return "pickup";
    case OrderMode::kDelivery:
      return "delivery";
  }
  return "dine_in";
}

std::optional<OrderMode> ParseOrderMode(std::string_view name) {
  if (name == "dine_in") return OrderMode::kDineIn;
  if (name == "pickup") return OrderMode::kPickup;
  if (name == "delivery") return OrderMode::kDelivery;
  return std::nullopt;
}

int IsoWeekday(const CivilDate& date) {
  // 1970-01-01 was a Thursday (ISO 4).
  const std::int64_t days = DaysFromCivil(date);
  const std::int64_t from_monday = ((days + 3) % 7 + 7) % 7;
  return static_cast<int>(from_monday) + 1;
}

Instant Canteen::CutoffOf(const CivilDate& date, Meal meal) const {
  const Instant start = ShanghaiStartOfDay(date) +
                        static_cast<Instant>(HoursOf(meal).start_min) * 60 * kMicrosPerSecond;
  return start - static_cast<Instant>(cutoff_min) * 60 * kMicrosPerSecond;
}

}  // namespace shequ::eldercare
