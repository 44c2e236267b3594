// The workforce's records besides the worker itself (care_worker.h): certificates, training,
// volunteers and their visits, and the pure rules over them — weekday masks, "HH:MM", a
// certificate's status on a day, the reminders, a volunteer's background-check due date.
// Dates are Asia/Shanghai calendar dates. Plain values; functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil_time.h"
#include "base/error.h"
#include "base/ids.h"
#include "eldercare/workforce/care_worker.h"
#include "registry/registry_records.h"

namespace shequ::eldercare {

// Certificates expiring within this many days are reminded of (the default of
// GET /workforce/reminders?within_days=). [local rule] two months gives time to book a renewal
// exam.
inline constexpr int kCertificateReminderDays = 60;
// Training hours a worker should log per calendar year, in tenths of an hour. [local rule] —
// not a national figure: the street's own yearly requirement, 24 h.
inline constexpr int kAnnualTrainingHoursTenths = 240;
// A volunteer's background check is due again after this many months, or when there is none.
// [local rule]
inline constexpr int kBackgroundCheckValidMonths = 12;
// One volunteer visit credits 1 to 480 minutes (a working day).
inline constexpr int kVolunteerVisitMaxMinutes = 480;
// Volunteer visits go to elders: residents of at least this age on the visit's day.
inline constexpr int kVisitedElderMinAge = 60;

// ISO weekday of `date`: 1 = Monday ... 7 = Sunday; its bit in a weekday mask (Monday = 1).
int IsoWeekdayOf(const CivilDate& date);
inline int WeekdayMaskOf(const CivilDate& date) { return 1 << (IsoWeekdayOf(date) - 1); }
// [1, 2, 3] <-> 0b111. kInvalidArgument (field) for a day outside 1..7.
Result<int> WeekdaysToMask(const std::vector<std::int64_t>& weekdays, const std::string& field);
std::vector<int> MaskToWeekdays(int mask);

// "08:30" -> 510. kInvalidArgument (field) unless HH:MM with HH 00..24 and MM 00..59; "24:00"
// only when `allow_end_of_day`.
Result<int> ParseClockTime(std::string_view text, const std::string& field,
                           bool allow_end_of_day = false);
std::string FormatClockTime(int minutes);  // 510 -> "08:30"

Result<CareWorkerKind> ParseCareWorkerKind(std::string_view name);

// "bathing,cleaning" <-> {"bathing", "cleaning"}; empty items dropped.
std::vector<std::string> SplitCodes(std::string_view text);
std::string JoinCodes(const std::vector<std::string>& codes);

struct CareWorkerCertificate {
  std::int64_t id = 0;
  std::int64_t worker_id = 0;
  std::string qualification;
  std::string number;
  std::string issuer;
  CivilDate valid_from;
  CivilDate valid_to;
  bool revoked = false;
  Instant created_at = 0;
};

enum class CertificateStatus { kValid, kExpiring, kExpired, kRevoked };
std::string_view CertificateStatusName(CertificateStatus status);

// Held that day: not revoked and valid_from <= day <= valid_to.
bool CertificateValidOn(const CareWorkerCertificate& cert, const CivilDate& day);
// Revoked; expired (valid_to before today); expiring (valid_to within `within_days` of today);
// otherwise valid (including one that starts later).
CertificateStatus CertificateStatusOn(const CareWorkerCertificate& cert, const CivilDate& today,
                                      int within_days = kCertificateReminderDays);

struct CareWorkerTraining {
  std::int64_t id = 0;
  std::int64_t worker_id = 0;
  std::string course;
  CivilDate date;
  int hours_tenths = 0;  // 1.5 h = 15
};

// 1.5 -> 15. kInvalidArgument (field) unless 0 < hours <= 24 in steps of 0.1.
Result<int> HoursToTenths(double hours, const std::string& field);

enum class ReminderKind { kCertificateExpiring, kCertificateExpired, kTrainingShort };
std::string_view ReminderKindName(ReminderKind kind);

struct WorkforceReminder {
  ReminderKind kind = ReminderKind::kCertificateExpiring;
  std::int64_t worker_id = 0;
  std::string worker_name;
  std::string qualification;          // certificate reminders
  std::optional<CivilDate> valid_to;  // certificate reminders
  std::optional<int> days_left;       // certificate_expiring (0: expires today)
  int training_hours_tenths = 0;      // training_short: logged this year
  std::string message_zh;
  std::string message_en;
};

// What the reminders look at for one worker.
struct WorkerRecords {
  CareWorker worker;
  std::vector<CareWorkerCertificate> certificates;
  int training_hours_tenths_this_year = 0;
};

// The reminders for `today`: per worker and qualification, the not-revoked certificate that runs
// longest decides — expired (and not replaced by a later one) or expiring within `within_days`;
// then workers whose training this year is below kAnnualTrainingHoursTenths. Active workers only;
// in the order of `workers`, certificates by qualification code. `qualification_names` gives
// the Chinese and English names for messages (code when missing).
struct QualificationName {
  std::string code;
  std::string name_zh;
  std::string name_en;
};
std::vector<WorkforceReminder> BuildWorkforceReminders(const std::vector<WorkerRecords>& workers,
                                                       const std::vector<QualificationName>& names,
                                                       const CivilDate& today,
                                                       int within_days = kCertificateReminderDays);

struct Volunteer {
  std::int64_t id = 0;
  CommunityId community_id;
  registry::ResidentId resident_id;
  std::string name;  // the resident's, read with the row
  std::vector<std::string> skills;
  int availability_weekdays = 0;  // mask, Monday = 1
  std::string availability_note;
  std::optional<CivilDate> background_check_date;
  bool active = true;
  std::int64_t balance_minutes = 0;  // the resident's time-bank balance, 0 without an account
};

// True when there is no check, or the last is kBackgroundCheckValidMonths or more before today.
bool BackgroundCheckDue(const std::optional<CivilDate>& checked_on, const CivilDate& today);

struct VolunteerVisit {
  std::int64_t id = 0;
  CommunityId community_id;
  std::int64_t volunteer_id = 0;
  registry::ResidentId volunteer_resident_id;
  std::string volunteer_name;
  registry::ResidentId elder_resident_id;
  std::string elder_name;
  CivilDate date;
  int minutes = 0;
  std::string note;
  std::int64_t entry_id = 0;
  UserId recorded_by;
  Instant created_at = 0;
};

}  // namespace shequ::eldercare
