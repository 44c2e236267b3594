#include "base/money.h"

#include <gtest/gtest.h>

#include <limits>

namespace shequ {
namespace {

TEST(MoneyTest, FormatsYuanWithTwoDecimals) {
  EXPECT_EQ(FormatYuan(Money::FromFen(1500)), "15.00");
  EXPECT_EQ(FormatYuan(Money::FromFen(5)), "0.05");
  EXPECT_EQ(FormatYuan(Money::FromFen(-500)), "-5.00");
  EXPECT_EQ(FormatYuan(Money::FromFen(std::numeric_limits<std::int64_t>::min())),
            "-92233720368547758.08");
}

TEST(MoneyTest, ParsesYuan) {
  struct Case {
    const char* text;
    std::int64_t fen;
  };
  for (const Case& c : {Case{"15", 1500}, Case{"15.5", 1550}, Case{"15.50", 1550},
                        Case{"-3.20", -320}, Case{"0.01", 1}, Case{"+2", 200}}) {
    const auto money = ParseYuan(c.text);
    ASSERT_TRUE(money) << c.text;
    EXPECT_EQ(money->fen(), c.fen) << c.text;
  }
}

TEST(MoneyTest, RefusesWhatWouldNeedRounding) {
  for (const char* text :
       {"15.005", "", ".5", "15.", "1,000", "abc", "15 ", "99999999999999999999"}) {
    EXPECT_FALSE(ParseYuan(text)) << text;
  }
}

TEST(MoneyTest, Arithmetic) {
  Money total = Money::FromYuan(15);
  total -= Money::FromFen(500);
  EXPECT_EQ(total, Money::FromFen(1000));
  EXPECT_EQ(total * 3, Money::FromYuan(30));
  EXPECT_LT(-total, Money());
}

}  // namespace
}  // namespace shequ
