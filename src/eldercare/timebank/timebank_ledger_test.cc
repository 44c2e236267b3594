#include "eldercare/timebank/timebank_ledger.h"

#include <gtest/gtest.h>

namespace shequ::eldercare {
namespace {

constexpr auto kIssuance = TimebankAccountKind::kIssuance;
constexpr auto kPerson = TimebankAccountKind::kPerson;

TimebankEntry EntryOf(TimebankEntryKind kind, std::vector<TimebankLine> lines) {
  TimebankEntry entry;
  entry.kind = kind;
  entry.lines = std::move(lines);
  return entry;
}

struct EntryCase {
  const char* name;
  TimebankEntry entry;
  bool valid;
};

class TimebankEntryTest : public ::testing::TestWithParam<EntryCase> {};

TEST_P(TimebankEntryTest, DoubleEntryRules) {
  const EntryCase& c = GetParam();
  EXPECT_EQ(CheckTimebankEntry(c.entry).has_value(), c.valid);
}

using K = TimebankEntryKind;

INSTANTIATE_TEST_SUITE_P(
    Ledger, TimebankEntryTest,
    ::testing::Values(
        EntryCase{"credit", EntryOf(K::kCreditActivity, {{1, kIssuance, -60}, {2, kPerson, 60}}),
                  true},
        EntryCase{
            "credit_two_people",
            EntryOf(K::kCreditVisit, {{1, kIssuance, -90}, {2, kPerson, 60}, {3, kPerson, 30}}),
            true},
        EntryCase{"credit_from_a_person",
                  EntryOf(K::kCreditActivity, {{2, kPerson, -60}, {3, kPerson, 60}}), false},
        EntryCase{"credit_backwards",
                  EntryOf(K::kCreditActivity, {{1, kIssuance, 60}, {2, kPerson, -60}}), false},
        EntryCase{"redeem", EntryOf(K::kRedeem, {{2, kPerson, -30}, {1, kIssuance, 30}}), true},
        EntryCase{"redeem_to_person", EntryOf(K::kRedeem, {{2, kPerson, -30}, {3, kPerson, 30}}),
                  false},
        EntryCase{"transfer", EntryOf(K::kTransfer, {{2, kPerson, -30}, {3, kPerson, 30}}), true},
        EntryCase{"transfer_from_issuance",
                  EntryOf(K::kTransfer, {{1, kIssuance, -30}, {3, kPerson, 30}}), false},
        EntryCase{"correction_any_way",
                  EntryOf(K::kCorrection, {{1, kIssuance, 15}, {2, kPerson, -15}}), true},
        EntryCase{"unbalanced", EntryOf(K::kCorrection, {{1, kIssuance, -60}, {2, kPerson, 59}}),
                  false},
        EntryCase{"one_line", EntryOf(K::kCorrection, {{2, kPerson, 0}}), false},
        EntryCase{"zero_line",
                  EntryOf(K::kCorrection, {{1, kIssuance, -5}, {2, kPerson, 5}, {3, kPerson, 0}}),
                  false},
        EntryCase{"same_account_twice",
                  EntryOf(K::kCorrection, {{2, kPerson, -5}, {2, kPerson, 5}}), false}),
    [](const ::testing::TestParamInfo<EntryCase>& info) { return info.param.name; });

TEST(TimebankMinutesTest, PositiveAndBounded) {
  EXPECT_TRUE(CheckMinutes(1));
  EXPECT_TRUE(CheckMinutes(kMaxEntryMinutes));
  for (const std::int64_t bad : {std::int64_t{0}, std::int64_t{-30}, kMaxEntryMinutes + 1}) {
    auto checked = CheckMinutes(bad);
    ASSERT_FALSE(checked) << bad;
    EXPECT_EQ(checked.error().field, "minutes");
  }
}

TEST(TimebankHoursTest, Formats) {
  EXPECT_EQ(FormatHours(210), "3.5 h");
  EXPECT_EQ(FormatHours(120), "2 h");
  EXPECT_EQ(FormatHours(15), "0.25 h");
  EXPECT_EQ(FormatHours(20), "0.33 h");
  EXPECT_EQ(FormatHours(0), "0 h");
  EXPECT_EQ(FormatHours(-90), "-1.5 h");
}

TEST(TimebankTransferRuleTest, RuleInForceAndCaps) {
  const std::vector<TimebankTransferRule> rules = {{{2020, 1, 1}, true, 600, 1200},
                                                   {{2027, 1, 1}, false, 600, 1200}};
  const auto* rule = TransferRuleOn({2026, 11, 30}, rules);
  ASSERT_NE(rule, nullptr);
  EXPECT_TRUE(rule->transfers_allowed);
  EXPECT_TRUE(CheckTransferAllowed(rule, 600, 600));
  auto too_big = CheckTransferAllowed(rule, 601, 0);
  ASSERT_FALSE(too_big);
  EXPECT_EQ(too_big.error().field, "minutes");
  auto over_year = CheckTransferAllowed(rule, 60, 1150);
  ASSERT_FALSE(over_year);
  EXPECT_EQ(over_year.error().field, "minutes");
  // From 2027 the (invented) rule stops transfers; before 2020 there is no rule at all.
  auto stopped = CheckTransferAllowed(TransferRuleOn({2027, 3, 1}, rules), 60, 0);
  ASSERT_FALSE(stopped);
  EXPECT_EQ(stopped.error().code, ErrorCode::kConflict);
  EXPECT_EQ(TransferRuleOn({2019, 12, 31}, rules), nullptr);
  EXPECT_FALSE(CheckTransferAllowed(nullptr, 60, 0));
}

TEST(TimebankKindTest, NamesRoundTrip) {
  for (const auto kind : kAllTimebankEntryKinds) {
    EXPECT_EQ(ParseTimebankEntryKind(TimebankEntryKindName(kind)), kind);
  }
  EXPECT_FALSE(ParseTimebankEntryKind("gift"));
}

}  // namespace
}  // namespace shequ::eldercare
