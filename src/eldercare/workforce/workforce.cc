#include "eldercare/workforce/workforce.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace shequ::eldercare {

int IsoWeekdayOf(const CivilDate& date) {
  // 1970-01-01 was a Thursday (ISO 4).
  const std::int64_t days = DaysFromCivil(date);
  return static_cast<int>(((days + 3) % 7 + 7) % 7) + 1;
}

Result<int> WeekdaysToMask(const std::vector<std::int64_t>& weekdays, const std::string& field) {
  int mask = 0;
  for (std::int64_t day : weekdays) {
    if (day < 1 || day > 7) return InvalidArgument("weekdays are 1 (Monday) to 7 (Sunday)", field);
    mask |= 1 << (day - 1);
  }
  return mask;
}

std::vector<int> MaskToWeekdays(int mask) {
  std::vector<int> days;
  for (int day = 1; day <= 7; ++day) {
    if ((mask & (1 << (day - 1))) != 0) days.push_back(day);
  }
  return days;
}

Result<int> ParseClockTime(std::string_view text, const std::string& field, bool allow_end_of_day) {
  const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (text.size() != 5 || text[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
    return InvalidArgument("a time of day is \"HH:MM\"", field);
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  const int total = hours * 60 + minutes;
  if (minutes > 59 || total > 24 * 60 || (total == 24 * 60 && !allow_end_of_day)) {
    return InvalidArgument("a time of day is 00:00 to 23:59", field);
  }
  return total;
}

std::string FormatClockTime(int minutes) {
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

Result<CareWorkerKind> ParseCareWorkerKind(std::string_view name) {
  for (auto kind : {CareWorkerKind::kCaregiver, CareWorkerKind::kDoctor, CareWorkerKind::kNurse,
                    CareWorkerKind::kTherapist, CareWorkerKind::kSocialWorker}) {
    if (CareWorkerKindName(kind) == name) return kind;
  }
  return InvalidArgument("kind is caregiver, doctor, nurse, therapist or social_worker", "kind");
}

std::vector<std::string> SplitCodes(std::string_view text) {
  std::vector<std::string> codes;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    if (!item.empty()) codes.emplace_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return codes;
}

std::string JoinCodes(const std::vector<std::string>& codes) {
  return fmt::format("{}", fmt::join(codes, ","));
}

std::string_view CertificateStatusName(CertificateStatus status) {
  switch (status) {
    case CertificateStatus::kValid:
      return "valid";
    case CertificateStatus::kExpiring:
      return "expiring";
    case CertificateStatus::kExpired:
      return "expired";
    case CertificateStatus::kRevoked:
      return "revoked";
  }
  return "valid";
}

bool CertificateValidOn(const CareWorkerCertificate& cert, const CivilDate& day) {
  return !cert.revoked && cert.valid_from <= day && day <= cert.valid_to;
}

CertificateStatus CertificateStatusOn(const CareWorkerCertificate& cert, const CivilDate& today,
                                      int within_days) {
  if (cert.revoked) return CertificateStatus::kRevoked;
  const std::int64_t days_left = DaysFromCivil(cert.valid_to) - DaysFromCivil(today);
  if (days_left < 0) return CertificateStatus::kExpired;
  if (days_left <= within_days) return CertificateStatus::kExpiring;
  return CertificateStatus::kValid;
}

Result<int> HoursToTenths(double hours, const std::string& field) {
  if (!std::isfinite(hours) || hours <= 0 || hours > 24) {
    return InvalidArgument("hours are more than 0 and at most 24", field);
  }
  const double tenths = hours * 10;
  const double rounded = std::round(tenths);
  if (std::abs(tenths - rounded) > 1e-6 || rounded < 1) {
    return InvalidArgument("hours are given in steps of 0.1", field);
  }
  return static_cast<int>(rounded);
}

std::string_view ReminderKindName(ReminderKind kind) {
  switch (kind) {
    case ReminderKind::kCertificateExpiring:
      return "certificate_expiring";
    case ReminderKind::kCertificateExpired:
      return "certificate_expired";
    case ReminderKind::kTrainingShort:
      return "training_short";
  }
  return "certificate_expiring";
}

namespace {

std::string TenthsText(int tenths) { return fmt::format("{}.{}", tenths / 10, tenths % 10); }

}  // namespace

std::vector<WorkforceReminder> BuildWorkforceReminders(const std::vector<WorkerRecords>& workers,
                                                       const std::vector<QualificationName>& names,
                                                       const CivilDate& today, int within_days) {
  const auto name_of = [&](const std::string& code) -> const QualificationName* {
    for (const auto& name : names) {
      if (name.code == code) return &name;
    }
    return nullptr;
  };
  std::vector<WorkforceReminder> reminders;
  for (const auto& records : workers) {
    if (!records.worker.active) continue;
    // The certificate that runs longest per qualification: a renewal replaces the old one.
    std::map<std::string, const CareWorkerCertificate*> latest;
    for (const auto& cert : records.certificates) {
      if (cert.revoked) continue;
      auto& slot = latest[cert.qualification];
      if (slot == nullptr || slot->valid_to < cert.valid_to) slot = &cert;
    }
    for (const auto& [code, cert] : latest) {
      const CertificateStatus status = CertificateStatusOn(*cert, today, within_days);
      if (status != CertificateStatus::kExpired && status != CertificateStatus::kExpiring) continue;
      const QualificationName* name = name_of(code);
      const std::string zh = name ? name->name_zh : code;
      const std::string en = name ? name->name_en : code;
      const std::string date = FormatDate(cert->valid_to);
      WorkforceReminder reminder{.worker_id = records.worker.id,
                                 .worker_name = records.worker.name,
                                 .qualification = code,
                                 .valid_to = cert->valid_to};
      if (status == CertificateStatus::kExpired) {
        reminder.kind = ReminderKind::kCertificateExpired;
        reminder.message_zh =
            fmt::format("{}的{}已于{}过期，请尽快复审或换证", records.worker.name, zh, date);
        reminder.message_en =
            fmt::format("{}'s {} expired on {}; renew it", records.worker.name, en, date);
      } else {
        const int days_left =
            static_cast<int>(DaysFromCivil(cert->valid_to) - DaysFromCivil(today));
        reminder.kind = ReminderKind::kCertificateExpiring;
        reminder.days_left = days_left;
        reminder.message_zh =
            fmt::format("{}的{}将于{}到期（还有{}天）", records.worker.name, zh, date, days_left);
        reminder.message_en = fmt::format("{}'s {} expires on {} (in {} days)", records.worker.name,
                                          en, date, days_left);
      }
      reminders.push_back(std::move(reminder));
    }
    if (records.training_hours_tenths_this_year < kAnnualTrainingHoursTenths) {
      const std::string done = TenthsText(records.training_hours_tenths_this_year);
      const std::string needed = TenthsText(kAnnualTrainingHoursTenths);
      reminders.push_back(
          {.kind = ReminderKind::kTrainingShort,
           .worker_id = records.worker.id,
           .worker_name = records.worker.name,
           .training_hours_tenths = records.training_hours_tenths_this_year,
           .message_zh = fmt::format("{}今年培训{}小时，未达到每年{}小时的本地要求",
                                     records.worker.name, done, needed),
           .message_en = fmt::format("{} has {} training hours this year, below the local {} h",
                                     records.worker.name, done, needed)});
    }
  }
  return reminders;
}

bool BackgroundCheckDue(const std::optional<CivilDate>& checked_on, const CivilDate& today) {
  if (!checked_on) return true;
  // The same day kBackgroundCheckValidMonths later (the month's last day when it is shorter).
  int month = checked_on->month - 1 + kBackgroundCheckValidMonths;
  CivilDate due{checked_on->year + month / 12, month % 12 + 1, 1};
  due.day = std::min(checked_on->day, DaysInMonth(due.year, due.month));
  return today >= due;
}

}  // namespace shequ::eldercare
