// Resident identity card numbers (居民身份证号码, GB 11643-1999): parsing, the check character,
// and the birth date and sex the number encodes.
//
// An 18-character number is a 6-digit region code, an 8-digit birth date (YYYYMMDD), a 3-digit
// sequence code whose last digit is odd for men and even for women, and a check character computed
// with ISO 7064 MOD 11-2. 15-digit numbers issued before 1999 are refused with a message that says
// how to convert them: guessing the century for a person's record is not the registry's call.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/civil_time.h"
#include "base/error.h"

namespace shequ::registry {

enum class Sex { kMale, kFemale };

std::string_view SexName(Sex sex);  // "male", "female"
std::optional<Sex> ParseSex(std::string_view name);

// A valid 18-character ID number, normalised (upper-case X), with what it encodes.
struct IdNumber {
  std::string value;
  CivilDate birth_date;
  Sex sex = Sex::kMale;
};

// The check character ('0'-'9' or 'X') for the first 17 digits. Precondition: 17 ASCII digits.
char IdNumberCheckChar(std::string_view first17);

// Parses `text` as an ID number of someone born on or before `today`. Errors are kInvalidArgument
// with field "id_number" and a message that says what is wrong (length, a non-digit, the region
// code, the birth date, the check character, a 15-digit legacy number).
Result<IdNumber> ParseIdNumber(std::string_view text, const CivilDate& today);

// kInvalidArgument naming "birth_date" or "sex" when an entered value disagrees with the number.
// Absent values are not compared.
Status CheckAgainst(const IdNumber& id_number, const std::optional<CivilDate>& birth_date,
                    const std::optional<Sex>& sex);

}  // namespace shequ::registry
