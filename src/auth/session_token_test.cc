#include "auth/session_token.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <set>
#include <string>

namespace shequ::auth {
namespace {

TEST(SessionTokenTest, IsFortyThreeUrlSafeCharacters) {
  const std::string text = SessionToken::Generate().ToString();
  EXPECT_EQ(text.size(), kSessionTokenTextLength);
  for (char c : text) {
    const bool url_safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                          (c >= '0' && c <= '9') || c == '-' || c == '_';
    EXPECT_TRUE(url_safe) << text;
  }
}

TEST(SessionTokenTest, EveryTokenIsNew) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(SessionToken::Generate().ToString());
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(SessionTokenTest, ParsesItsOwnText) {
  const SessionToken token = SessionToken::Generate();
  const auto parsed = SessionToken::Parse(token.ToString());
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->bytes(), token.bytes());
  EXPECT_EQ(parsed->Hash(), token.Hash());
}

TEST(SessionTokenTest, EncodesKnownBytes) {
  std::array<std::uint8_t, kSessionTokenBytes> bytes{};
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(i * 8);
  // base64url of 00 08 10 18 ... f8, no padding.
  EXPECT_EQ(SessionToken::FromBytes(bytes).ToString(),
            "AAgQGCAoMDhASFBYYGhweICIkJigqLC4wMjQ2ODo8Pg");
}

TEST(SessionTokenTest, HashIsBlake2b256OfTheRawBytes) {
  const SessionToken token = SessionToken::Generate();
  std::array<std::uint8_t, 32> expected{};
  crypto_generichash(expected.data(), expected.size(), token.bytes().data(), token.bytes().size(),
                     nullptr, 0);
  EXPECT_EQ(token.Hash(), expected);
  const TokenHash hash = token.Hash();
  EXPECT_FALSE(std::equal(hash.begin(), hash.end(), token.bytes().begin()));
}

TEST(SessionTokenTest, RefusesAnythingElse) {
  const std::string good = SessionToken::Generate().ToString();
  EXPECT_FALSE(SessionToken::Parse("").has_value());
  EXPECT_FALSE(SessionToken::Parse(good.substr(1)).has_value());
  EXPECT_FALSE(SessionToken::Parse(good + "A").has_value());
  EXPECT_FALSE(SessionToken::Parse(good + "=").has_value());
  std::string standard_alphabet = good;
  standard_alphabet[0] = '+';
  EXPECT_FALSE(SessionToken::Parse(standard_alphabet).has_value());
  std::string with_space = good;
  with_space[10] = ' ';
  EXPECT_FALSE(SessionToken::Parse(with_space).has_value());
  // The last character carries 2 unused bits; only the canonical encoding is accepted, so one
  // token has exactly one text form.
  std::array<std::uint8_t, kSessionTokenBytes> zeros{};
  std::string text = SessionToken::FromBytes(zeros).ToString();
  ASSERT_EQ(text.back(), 'A');
  text.back() = 'B';
  EXPECT_FALSE(SessionToken::Parse(text).has_value());
}

}  // namespace
}  // namespace shequ::auth
