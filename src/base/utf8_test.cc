#include "base/utf8.h"

#include <gtest/gtest.h>

namespace shequ::utf8 {
namespace {

TEST(Utf8Test, ValidatesWellFormedText) {
  EXPECT_TRUE(IsValid(""));
  EXPECT_TRUE(IsValid("社区 shequ"));
  EXPECT_TRUE(IsValid("\xF0\x9F\x98\x80"));  // U+1F600, four bytes
}

TEST(Utf8Test, RefusesMalformedText) {
  for (const char* text : {"\xC0\xAF",          // overlong '/'
                           "\xE0\x80\xAF",      // overlong '/'
                           "\xED\xA0\x80",      // a UTF-16 surrogate
                           "\xF4\x90\x80\x80",  // above U+10FFFF
                           "\xE7\xA4",          // truncated 社
                           "\x80", "\xFF"}) {
    EXPECT_FALSE(IsValid(text));
  }
  // GB18030 bytes of 社区 are not UTF-8.
  EXPECT_FALSE(IsValid("\xC9\xE7\xC7\xF8"));
}

TEST(Utf8Test, CountsAndTruncatesCodePoints) {
  EXPECT_EQ(CodePointCount("张三丰"), 3u);
  EXPECT_EQ(TruncateCodePoints("张三丰", 2), "张三");
  EXPECT_EQ(TruncateCodePoints("ab", 5), "ab");
  EXPECT_EQ(TruncateCodePoints("张三", 0), "");
}

TEST(Utf8Test, TrimsIdeographicSpace) {
  EXPECT_EQ(Trim("\xE3\x80\x80 王五\t\xE3\x80\x80"), "王五");
  EXPECT_EQ(Trim("   "), "");
}

}  // namespace
}  // namespace shequ::utf8
