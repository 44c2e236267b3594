#include "eldercare/timebank/timebank_ledger.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <set>

namespace shequ::eldercare {
namespace {

constexpr std::string_view kKindNames[] = {"credit_activity", "credit_visit", "redeem", "transfer",
                                           "correction"};

bool IsIssuance(const TimebankLine& line) {
  return line.account_kind == TimebankAccountKind::kIssuance;
}

}  // namespace

std::string_view TimebankEntryKindName(TimebankEntryKind kind) {
  return kKindNames[static_cast<int>(kind)];
}

std::optional<TimebankEntryKind> ParseTimebankEntryKind(std::string_view name) {
  for (const auto kind : kAllTimebankEntryKinds) {
    if (TimebankEntryKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

std::string_view TimebankAccountKindName(TimebankAccountKind kind) {
  return kind == TimebankAccountKind::kIssuance ? "issuance" : "person";
}

Status CheckMinutes(std::int64_t minutes) {
  if (minutes <= 0) return InvalidArgument("minutes must be a positive whole number", "minutes");
  if (minutes > kMaxEntryMinutes) {
    return InvalidArgument(fmt::format("at most {} minutes at a time", kMaxEntryMinutes),
                           "minutes");
  }
  return {};
}

Status CheckTimebankEntry(const TimebankEntry& entry) {
  if (entry.lines.size() < 2) return InvalidArgument("an entry has at least two lines");
  std::int64_t sum = 0;
  std::set<std::int64_t> accounts;
  for (const auto& line : entry.lines) {
    if (line.minutes == 0) return InvalidArgument("a line moves a non-zero number of minutes");
    if (std::abs(line.minutes) > kMaxEntryMinutes * 100) {
      return InvalidArgument("a line moves too many minutes", "minutes");
    }
    if (!accounts.insert(line.account_id).second) {
      return InvalidArgument("an account appears once in an entry");
    }
    sum += line.minutes;
  }
  if (sum != 0) return InvalidArgument("the lines of an entry must sum to zero");
  if (entry.kind == TimebankEntryKind::kCorrection) return {};

  // The flows each kind allows: which side issuance may stand on.
  const auto all_of = [&](auto predicate) {
    return std::all_of(entry.lines.begin(), entry.lines.end(), predicate);
  };
  switch (entry.kind) {
    case TimebankEntryKind::kCreditActivity:
    case TimebankEntryKind::kCreditVisit:
      // Issuance pays out, people receive.
      if (all_of([](const TimebankLine& l) { return IsIssuance(l) == (l.minutes < 0); })) {
        return {};
      }
      return InvalidArgument("a credit moves minutes from the issuance account to people");
    case TimebankEntryKind::kRedeem:
      if (all_of([](const TimebankLine& l) { return IsIssuance(l) == (l.minutes > 0); })) {
        return {};
      }
      return InvalidArgument("a redeem moves minutes from people to the issuance account");
    case TimebankEntryKind::kTransfer:
      if (all_of([](const TimebankLine& l) { return !IsIssuance(l); })) return {};
      return InvalidArgument("a transfer moves minutes between people only");
    case TimebankEntryKind::kCorrection:
      return {};
  }
  return InvalidArgument("unknown entry kind");
}

std::string FormatHours(std::int64_t minutes) {
  const bool negative = minutes < 0;
  const std::int64_t m = negative ? -minutes : minutes;
  // Hundredths of an hour, rounded half up.
  const std::int64_t hundredths = (m * 100 + 30) / 60;
  std::string text = fmt::format("{}{}", negative ? "-" : "", hundredths / 100);
  if (const std::int64_t fraction = hundredths % 100; fraction != 0) {
    text +=
        fraction % 10 == 0 ? fmt::format(".{}", fraction / 10) : fmt::format(".{:02}", fraction);
  }
  return text + " h";
}

const TimebankTransferRule* TransferRuleOn(const CivilDate& day,
                                           std::span<const TimebankTransferRule> rules) {
  const TimebankTransferRule* in_force = nullptr;
  for (const auto& rule : rules) {
    if (rule.effective_from > day) continue;
    if (in_force == nullptr || rule.effective_from > in_force->effective_from) in_force = &rule;
  }
  return in_force;
}

Status CheckTransferAllowed(const TimebankTransferRule* rule, std::int64_t minutes,
                            std::int64_t transferred_this_year) {
  if (rule == nullptr || !rule->transfers_allowed) {
    return Conflict("the local time-bank rules do not allow transfers now");
  }
  if (minutes > rule->max_transfer_minutes) {
    return InvalidArgument(
        fmt::format("at most {} per transfer", FormatHours(rule->max_transfer_minutes)), "minutes");
  }
  if (transferred_this_year + minutes > rule->max_transfer_minutes_per_year) {
    return InvalidArgument(
        fmt::format("at most {} a year may be transferred; {} already went this year",
                    FormatHours(rule->max_transfer_minutes_per_year),
                    FormatHours(transferred_this_year)),
        "minutes");
  }
  return {};
}

}  // namespace shequ::eldercare
