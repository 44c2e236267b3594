#include <gtest/gtest.h>

#include "eldercare/workforce/qualification.h"
#include "eldercare/workforce/workforce.h"

namespace shequ::eldercare {
namespace {

TEST(QualificationTableTest, ShippedTableParses) {
  const auto& table = DefaultQualifications();
  // Every code the home-care catalogue of migration 0013 requires is in the table.
  for (const char* code : {"caregiver_cert", "medical_license", "rehab_cert"}) {
    EXPECT_NE(FindQualification(table, code), nullptr) << code;
  }
  const Qualification* health = FindQualification(table, "health_cert");
  ASSERT_NE(health, nullptr);
  EXPECT_EQ(health->validity_years, 1);
  EXPECT_EQ(health->name_zh, "健康证");
}

TEST(QualificationTableTest, RejectsBadTables) {
  const std::string header = "code\tname_zh\tname_en\tvalidity_years\tsource\n";
  EXPECT_TRUE(ParseQualificationTable(header + "a_b\t甲\tA\t2\t[memory]\n").has_value());
  EXPECT_FALSE(ParseQualificationTable(header).has_value());  // empty
  EXPECT_FALSE(ParseQualificationTable("code\tname\n").has_value());
  EXPECT_FALSE(ParseQualificationTable(header + "Bad\t甲\tA\t2\tx\n").has_value());
  EXPECT_FALSE(ParseQualificationTable(header + "a\t甲\tA\t-1\tx\n").has_value());
  EXPECT_FALSE(ParseQualificationTable(header + "a\t甲\tA\t2y\tx\n").has_value());
  EXPECT_FALSE(ParseQualificationTable(header + "a\t\tA\t2\tx\n").has_value());
  EXPECT_FALSE(ParseQualificationTable(header + "a\t甲\tA\t2\tx\na\t乙\tB\t1\ty\n").has_value());
  auto error = ParseQualificationTable(header + "# note\na\t甲\tA\t2\n");
  ASSERT_FALSE(error.has_value());
  EXPECT_NE(error.error().message.find("line 3"), std::string::npos);
}

TEST(WorkforceRulesTest, WeekdaysAndClockTimes) {
  EXPECT_EQ(IsoWeekdayOf({2026, 11, 30}), 1);  // a Monday
  EXPECT_EQ(IsoWeekdayOf({2026, 12, 6}), 7);
  EXPECT_EQ(IsoWeekdayOf({1970, 1, 1}), 4);
  EXPECT_EQ(WeekdayMaskOf({2026, 12, 6}), 64);
  EXPECT_EQ(WeekdaysToMask({1, 2, 3, 4, 5}, "w").value(), 31);
  EXPECT_FALSE(WeekdaysToMask({0}, "w").has_value());
  EXPECT_FALSE(WeekdaysToMask({8}, "w").has_value());
  EXPECT_EQ(MaskToWeekdays(0b1000101), (std::vector<int>{1, 3, 7}));

  EXPECT_EQ(ParseClockTime("08:30", "t").value(), 510);
  EXPECT_EQ(ParseClockTime("00:00", "t").value(), 0);
  EXPECT_EQ(ParseClockTime("24:00", "t", true).value(), 1440);
  EXPECT_FALSE(ParseClockTime("24:00", "t").has_value());
  for (const char* bad : {"8:30", "08:60", "25:00", "0830", "08-30", "", "ab:cd", "24:01"}) {
    auto parsed = ParseClockTime(bad, "work_start", true);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_EQ(parsed.error().field, "work_start");
  }
  EXPECT_EQ(FormatClockTime(510), "08:30");
  EXPECT_EQ(SplitCodes("a,,b"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(JoinCodes({"a", "b"}), "a,b");
}

TEST(WorkforceRulesTest, HoursInTenths) {
  EXPECT_EQ(HoursToTenths(1.5, "hours").value(), 15);
  EXPECT_EQ(HoursToTenths(24, "hours").value(), 240);
  EXPECT_EQ(HoursToTenths(0.1, "hours").value(), 1);
  for (double bad : {0.0, -1.0, 24.1, 1.25}) {
    EXPECT_FALSE(HoursToTenths(bad, "hours").has_value()) << bad;
  }
}

CareWorkerCertificate Cert(std::string code, CivilDate from, CivilDate to, bool revoked = false) {
  return {.qualification = std::move(code), .valid_from = from, .valid_to = to, .revoked = revoked};
}

TEST(WorkforceRulesTest, CertificateValidityAtTheBoundaries) {
  const auto cert = Cert("caregiver_cert", {2026, 1, 1}, {2026, 12, 31});
  EXPECT_FALSE(CertificateValidOn(cert, {2025, 12, 31}));
  EXPECT_TRUE(CertificateValidOn(cert, {2026, 1, 1}));
  EXPECT_TRUE(CertificateValidOn(cert, {2026, 12, 31}));
  EXPECT_FALSE(CertificateValidOn(cert, {2027, 1, 1}));
  EXPECT_FALSE(CertificateValidOn(Cert("x", {2026, 1, 1}, {2026, 12, 31}, true), {2026, 6, 1}));

  const CivilDate today{2026, 11, 1};  // 60 days before 2026-12-31
  EXPECT_EQ(CertificateStatusOn(cert, today), CertificateStatus::kExpiring);
  EXPECT_EQ(CertificateStatusOn(cert, {2026, 10, 31}), CertificateStatus::kValid);  // 61 days
  EXPECT_EQ(CertificateStatusOn(cert, {2026, 12, 31}), CertificateStatus::kExpiring);
  EXPECT_EQ(CertificateStatusOn(cert, {2027, 1, 1}), CertificateStatus::kExpired);
  EXPECT_EQ(CertificateStatusOn(Cert("x", {2026, 1, 1}, {2026, 12, 31}, true), today),
            CertificateStatus::kRevoked);
}

TEST(WorkforceRulesTest, RemindersForExpiringExpiredAndShortTraining) {
  const CivilDate today{2026, 11, 30};
  WorkerRecords ann{.worker = {.id = 1, .name = "王芳"}, .training_hours_tenths_this_year = 240};
  ann.certificates = {
      Cert("caregiver_cert", {2021, 12, 1}, {2026, 12, 20}),  // 20 days left
      Cert("health_cert", {2025, 11, 1}, {2026, 10, 31}),     // expired ...
      Cert("health_cert", {2026, 11, 1}, {2027, 10, 31}),     // ... but renewed
      Cert("first_aid", {2023, 1, 1}, {2026, 11, 29}),        // expired yesterday
      Cert("rehab_cert", {2023, 1, 1}, {2026, 12, 1}, true),  // revoked: no reminder
  };
  WorkerRecords bob{.worker = {.id = 2, .name = "李强"}, .training_hours_tenths_this_year = 235};
  WorkerRecords gone{.worker = {.id = 3, .name = "离职", .active = false}};
  const std::vector<QualificationName> names{{"caregiver_cert", "养老护理员证", "Caregiver cert"}};

  const auto reminders = BuildWorkforceReminders({ann, bob, gone}, names, today);
  ASSERT_EQ(reminders.size(), 3u);
  EXPECT_EQ(reminders[0].kind, ReminderKind::kCertificateExpiring);
  EXPECT_EQ(reminders[0].qualification, "caregiver_cert");
  EXPECT_EQ(reminders[0].days_left, 20);
  EXPECT_EQ(reminders[0].message_zh, "王芳的养老护理员证将于2026-12-20到期（还有20天）");
  EXPECT_EQ(reminders[0].message_en, "王芳's Caregiver cert expires on 2026-12-20 (in 20 days)");
  EXPECT_EQ(reminders[1].kind, ReminderKind::kCertificateExpired);
  EXPECT_EQ(reminders[1].qualification, "first_aid");
  EXPECT_FALSE(reminders[1].days_left.has_value());
  EXPECT_EQ(reminders[2].kind, ReminderKind::kTrainingShort);
  EXPECT_EQ(reminders[2].worker_id, 2);
  EXPECT_EQ(reminders[2].message_en,
            "李强 has 23.5 training hours this year, below the local 24.0 h");

  // A shorter window leaves the 20-day certificate out.
  EXPECT_EQ(BuildWorkforceReminders({ann}, names, today, 19).size(), 1u);
}

TEST(WorkforceRulesTest, BackgroundCheckDueAfterTwelveMonths) {
  EXPECT_TRUE(BackgroundCheckDue(std::nullopt, {2026, 11, 30}));
  EXPECT_FALSE(BackgroundCheckDue(CivilDate{2025, 12, 1}, {2026, 11, 30}));
  EXPECT_TRUE(BackgroundCheckDue(CivilDate{2025, 11, 30}, {2026, 11, 30}));
  EXPECT_FALSE(BackgroundCheckDue(CivilDate{2024, 2, 29}, {2025, 2, 27}));
  EXPECT_TRUE(BackgroundCheckDue(CivilDate{2024, 2, 29}, {2025, 2, 28}));
}

}  // namespace
}  // namespace shequ::eldercare
