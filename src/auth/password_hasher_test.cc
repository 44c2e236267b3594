#include "auth/password_hasher.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace shequ::auth {
namespace {

TEST(PasswordHasherTest, VerifiesTheRightPasswordOnly) {
  PasswordHasher hasher(PasswordLimits::Minimum());
  auto hash = hasher.Hash("correct horse");
  ASSERT_TRUE(hash.has_value());
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_EQ(hash->find("correct horse"), std::string::npos);
  EXPECT_TRUE(hasher.Verify(*hash, "correct horse"));
  EXPECT_FALSE(hasher.Verify(*hash, "correct horsE"));
  EXPECT_FALSE(hasher.Verify(*hash, ""));
}

TEST(PasswordHasherTest, SaltsEveryHash) {
  PasswordHasher hasher(PasswordLimits::Minimum());
  EXPECT_NE(hasher.Hash("same password").value(), hasher.Hash("same password").value());
}

TEST(PasswordHasherTest, HashesChinesePasswords) {
  PasswordHasher hasher(PasswordLimits::Minimum());
  auto hash = hasher.Hash("社区居委会的密码");
  ASSERT_TRUE(hash.has_value());
  EXPECT_TRUE(hasher.Verify(*hash, "社区居委会的密码"));
  EXPECT_FALSE(hasher.Verify(*hash, "社区居委会的密"));
}

TEST(PasswordHasherTest, RefusesMalformedHashes) {
  PasswordHasher hasher(PasswordLimits::Minimum());
  EXPECT_FALSE(hasher.Verify("", "password"));
  EXPECT_FALSE(hasher.Verify("$argon2id$v=19$garbage", "password"));
  EXPECT_FALSE(hasher.Verify(std::string(500, 'x'), "password"));
  EXPECT_TRUE(hasher.NeedsRehash(""));
  EXPECT_TRUE(hasher.NeedsRehash("not a hash"));
}

TEST(PasswordHasherTest, NeedsRehashWhenLimitsChange) {
  PasswordHasher minimum(PasswordLimits::Minimum());
  PasswordHasher stronger(PasswordLimits{PasswordLimits::Minimum().ops_limit + 1,
                                         PasswordLimits::Minimum().mem_limit * 2});
  const std::string hash = minimum.Hash("password1").value();
  EXPECT_FALSE(minimum.NeedsRehash(hash));
  EXPECT_TRUE(stronger.NeedsRehash(hash));
  // A stronger hasher still verifies the old hash: the limits travel inside it.
  EXPECT_TRUE(stronger.Verify(hash, "password1"));
}

TEST(PasswordHasherTest, InteractiveLimitsAreLibsodiums) {
  const PasswordLimits limits = PasswordLimits::Interactive();
  EXPECT_EQ(limits.mem_limit, 64u * 1024 * 1024);
  EXPECT_EQ(limits.ops_limit, 2u);
}

TEST(PasswordHasherTest, ManyThreadsShareOneHasher) {
  PasswordHasher hasher(PasswordLimits::Minimum(), /*max_concurrent=*/2);
  const std::string hash = hasher.Hash("shared password").value();
  std::vector<std::thread> threads;
  threads.reserve(8);
  std::vector<int> verified(8, 0);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] { verified[i] = hasher.Verify(hash, "shared password") ? 1 : 0; });
  }
  for (auto& thread : threads) thread.join();
  for (int ok : verified) EXPECT_EQ(ok, 1);
}

struct PasswordRuleCase {
  std::string name;
  std::string password;
  bool valid;
};

class PasswordRulesTest : public testing::TestWithParam<PasswordRuleCase> {};

TEST_P(PasswordRulesTest, AppliesTheRule) {
  const auto& test_case = GetParam();
  const Status status = CheckPasswordRules(test_case.password);
  EXPECT_EQ(status.has_value(), test_case.valid);
  if (!status) {
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(status.error().field, "password");
  }
}

INSTANTIATE_TEST_SUITE_P(
    Rules, PasswordRulesTest,
    testing::Values(PasswordRuleCase{"Empty", "", false},
                    PasswordRuleCase{"SevenCharacters", "abcdefg", false},
                    PasswordRuleCase{"EightCharacters", "abcdefgh", true},
                    // 7 Chinese characters are 21 bytes but still too few characters.
                    PasswordRuleCase{"SevenChineseCharacters", "我们的社区很好", false},
                    PasswordRuleCase{"EightChineseCharacters", "我们的社区很美好", true},
                    PasswordRuleCase{"Exactly128Bytes", std::string(128, 'a'), true},
                    PasswordRuleCase{"Over128Bytes", std::string(129, 'a'), false},
                    // 43 three-byte characters: 129 bytes.
                    PasswordRuleCase{"Over128BytesInChinese",
                                     [] {
                                       std::string s;
                                       for (int i = 0; i < 43; ++i) s += "密";
                                       return s;
                                     }(),
                                     false},
                    PasswordRuleCase{"InvalidUtf8", "abcdefgh\xff", false},
                    PasswordRuleCase{"SpacesCount", "a b c d ", true}),
    [](const testing::TestParamInfo<PasswordRuleCase>& info) { return info.param.name; });

}  // namespace
}  // namespace shequ::auth
