#include "eldercare/homecare/homecare.h"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace shequ::eldercare {
namespace {

constexpr std::array<std::pair<HomeCareOrderStatus, std::string_view>, 5> kOrderStatuses = {{
    {HomeCareOrderStatus::kRequested, "requested"},
    {HomeCareOrderStatus::kScheduled, "scheduled"},
    {HomeCareOrderStatus::kDone, "done"},
    {HomeCareOrderStatus::kMissed, "missed"},
    {HomeCareOrderStatus::kCancelled, "cancelled"},
}};

constexpr std::array<std::pair<HomeCareVisitStatus, std::string_view>, 5> kVisitStatuses = {{
    {HomeCareVisitStatus::kPlanned, "planned"},
    {HomeCareVisitStatus::kInProgress, "in_progress"},
    {HomeCareVisitStatus::kDone, "done"},
    {HomeCareVisitStatus::kMissed, "missed"},
    {HomeCareVisitStatus::kCancelled, "cancelled"},
}};

}  // namespace

std::string_view OrderStatusName(HomeCareOrderStatus status) {
  for (const auto& [value, name] : kOrderStatuses) {
    if (value == status) return name;
  }
  return "requested";
}

std::optional<HomeCareOrderStatus> ParseOrderStatus(std::string_view name) {
  for (const auto& [value, text] : kOrderStatuses) {
    if (text == name) return value;
  }
  return std::nullopt;
}

std::string_view VisitStatusName(HomeCareVisitStatus status) {
  for (const auto& [value, name] : kVisitStatuses) {
    if (value == status) return name;
  }
  return "planned";
}

std::optional<HomeCareVisitStatus> ParseVisitStatus(std::string_view name) {
  for (const auto& [value, text] : kVisitStatuses) {
    if (text == name) return value;
  }
  return std::nullopt;
}

std::string ClockText(int minutes) {
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

}  // namespace shequ::eldercare
