// What other modules need to know about one resident to serve them — age, sex, the tags that
// decide subsidies and care (low income, extreme poverty, disability and its level, living
// alone), and where they live — without the registry's personal numbers and without a
// permission check: the calling module checks its own permission against `place` first.
//
// The canteen prices a meal from these facts, the ability assessment files under them, the time
// bank opens an account for them; none of them reads the registry's tables directly.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "base/civil_time.h"
#include "base/error.h"
#include "registry/registry_records.h"
#include "store/connection.h"

namespace shequ::registry {

struct ResidentFacts {
  ResidentId id;
  auth::Place place;  // street and community always; grid when the home's building has one
  std::string name;
  std::string sex;  // "male" | "female"
  CivilDate birth_date;
  std::vector<std::string> tags;        // the resident_tags values, sorted
  std::optional<int> disability_level;  // 1 (most severe) .. 4, with the "disabled" tag
  HouseholdId household;                // invalid when no open residency
  BuildingId building;                  // of that household
  std::optional<double> latitude;       // of that building, when located
  std::optional<double> longitude;

  bool HasTag(std::string_view tag) const;
  int AgeOn(const CivilDate& day) const { return shequ::AgeOn(birth_date, day); }
};

// kNotFound (field "resident_id") when there is no such resident.
Result<ResidentFacts> LoadResidentFacts(store::Connection& db, ResidentId resident);

}  // namespace shequ::registry
