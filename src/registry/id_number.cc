#include "registry/id_number.h"

#include <fmt/format.h>

#include <array>

namespace shequ::registry {
namespace {

constexpr std::string_view kField = "id_number";

// GB 11643-1999 clause 7 (ISO 7064 MOD 11-2): weight 2^(17-i) mod 11 for digit i.
constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCheckChars = "10X98765432";

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int DigitsValue(std::string_view text) {
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

std::string_view SexName(Sex sex) { return sex == Sex::kMale ? "male" : "female"; }

std::optional<Sex> ParseSex(std::string_view name) {
  if (name == "male") return Sex::kMale;
  if (name == "female") return Sex::kFemale;
  return std::nullopt;
}

char IdNumberCheckChar(std::string_view first17) {
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheckChars[static_cast<std::size_t>(sum % 11)];
}

Result<IdNumber> ParseIdNumber(std::string_view text, const CivilDate& today) {
  if (text.size() == 15 && AllDigits(text)) {
    return InvalidArgument(
        "15-digit ID numbers (issued before 1999) are not accepted: convert it to 18 digits by "
        "inserting \"19\" after the 6-digit region code and appending the check character, or "
        "enter the number on the resident's current card",
        std::string(kField));
  }
  if (text.size() != 18) {
    return InvalidArgument(
        fmt::format("an ID number has 18 characters, this one has {}", text.size()),
        std::string(kField));
  }
  std::string value(text);
  if (value[17] == 'x') value[17] = 'X';
  const std::string_view first17 = std::string_view(value).substr(0, 17);
  if (!AllDigits(first17)) {
    return InvalidArgument("the first 17 characters of an ID number must be digits",
                           std::string(kField));
  }
  if (value[17] != 'X' && (value[17] < '0' || value[17] > '9')) {
    return InvalidArgument("the last character of an ID number must be a digit or X",
                           std::string(kField));
  }
  // Region codes (GB/T 2260) begin with 1-8; only the shape is checked, since codes change.
  if (value[0] < '1' || value[0] > '8') {
    return InvalidArgument("the region code (first 6 digits) of the ID number is not valid",
                           std::string(kField));
  }
  const CivilDate birth{DigitsValue(first17.substr(6, 4)), DigitsValue(first17.substr(10, 2)),
                        DigitsValue(first17.substr(12, 2))};
  if (birth.year < 1800 || !IsValidDate(birth)) {
    return InvalidArgument(fmt::format("the birth date in the ID number ({}) is not a real date",
                                       first17.substr(6, 8)),
                           std::string(kField));
  }
  if (birth > today) {
    return InvalidArgument("the birth date in the ID number is in the future", std::string(kField));
  }
  const char expected = IdNumberCheckChar(first17);
  if (value[17] != expected) {
    return InvalidArgument(
        fmt::format("the check character of the ID number is wrong (a typing error?): the first "
                    "17 digits give {}, not {}",
                    expected, value[17]),
        std::string(kField));
  }
  const Sex sex = (first17[16] - '0') % 2 == 1 ? Sex::kMale : Sex::kFemale;
  return IdNumber{std::move(value), birth, sex};
}

Status CheckAgainst(const IdNumber& id_number, const std::optional<CivilDate>& birth_date,
                    const std::optional<Sex>& sex) {
  if (birth_date && *birth_date != id_number.birth_date) {
    return InvalidArgument(fmt::format("the birth date entered differs from the ID number's ({})",
                                       FormatDate(id_number.birth_date)),
                           "birth_date");
  }
  if (sex && *sex != id_number.sex) {
    return InvalidArgument(
        fmt::format("the sex entered differs from the ID number's ({})", SexName(id_number.sex)),
        "sex");
  }
  return {};
}

}  // namespace shequ::registry
