#include "registry/pii_cipher.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <random>

namespace shequ::registry {
namespace {

constexpr std::string_view kKeyA =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr std::string_view kKeyB =
    "ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

TEST(PiiCipherTest, RoundTripsWithAFreshNonceEachTime) {
  auto cipher = PiiCipher::FromHex(kKeyA).value();
  const auto first = cipher->Encrypt("510108199003071232");
  const auto second = cipher->Encrypt("510108199003071232");
  EXPECT_NE(first, second);
  EXPECT_EQ(cipher->Decrypt(first).value(), "510108199003071232");
  EXPECT_EQ(cipher->Decrypt(second).value(), "510108199003071232");
}

TEST(PiiCipherTest, WrongKeyOrTamperingFails) {
  auto a = PiiCipher::FromHex(kKeyA).value();
  auto b = PiiCipher::FromHex(kKeyB).value();
  auto box = a->Encrypt("13812345678");
  EXPECT_FALSE(b->Decrypt(box));
  box.back() ^= 1;
  EXPECT_FALSE(a->Decrypt(box));
  EXPECT_FALSE(a->Decrypt(std::vector<std::uint8_t>(10)));
}

TEST(PiiCipherTest, BlindIndexIsStableAndKeyed) {
  auto a = PiiCipher::FromHex(kKeyA).value();
  auto a_again = PiiCipher::FromHex(std::string(kKeyA) + "\n").value();
  auto b = PiiCipher::FromHex(kKeyB).value();
  EXPECT_EQ(a->BlindIndex("13812345678"), a_again->BlindIndex("13812345678"));
  EXPECT_NE(a->BlindIndex("13812345678"), a->BlindIndex("13812345679"));
  EXPECT_NE(a->BlindIndex("13812345678"), b->BlindIndex("13812345678"));
  EXPECT_EQ(a->BlindIndex("x").size(), 32u);
}

TEST(PiiCipherTest, RefusesMalformedKeys) {
  EXPECT_EQ(PiiCipher::FromHex("abcd").error().field, "key_file");
  std::string bad(kKeyA);
  bad[5] = 'g';
  EXPECT_FALSE(PiiCipher::FromHex(bad));
}

TEST(PiiCipherTest, KeyFileMustBePrivate) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("shequ-key-" + std::to_string(std::random_device{}()));
  std::ofstream(path) << kKeyA << "\n";
  ::chmod(path.c_str(), 0644);
  auto open = PiiCipher::LoadKeyFile(path);
  ASSERT_FALSE(open);
  EXPECT_NE(open.error().message.find("chmod 600"), std::string::npos);
  ::chmod(path.c_str(), 0600);
  EXPECT_TRUE(PiiCipher::LoadKeyFile(path));
  std::filesystem::remove(path);
  EXPECT_FALSE(PiiCipher::LoadKeyFile(path));
}

TEST(PiiCipherTest, CreatesAPrivateKeyFileOnceAndNeverReplacesIt) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("shequ-keydir-" + std::to_string(std::random_device{}()));
  const auto path = dir / "var" / "shequ.key";
  auto created = PiiCipher::CreateKeyFileIfMissing(path);
  ASSERT_TRUE(created);
  EXPECT_TRUE(*created);
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  auto first = PiiCipher::LoadKeyFile(path);
  ASSERT_TRUE(first);
  const auto box = (*first)->Encrypt("11010519491231002X");
  auto again = PiiCipher::CreateKeyFileIfMissing(path);
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);
  // The same key is still there: what it encrypted still opens.
  auto second = PiiCipher::LoadKeyFile(path);
  ASSERT_TRUE(second);
  EXPECT_EQ((*second)->Decrypt(box).value(), "11010519491231002X");
  std::filesystem::remove_all(dir);
}

TEST(PiiCipherTest, Masks) {
  EXPECT_EQ(MaskIdNumber("110105194912310021"), "1101**********0021");
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(MaskPhone("01012345678"), "010****5678");
}

TEST(PiiCipherTest, PhoneNumbers) {
  const std::pair<const char*, const char*> good[] = {
      {"13812345678", "13812345678"},
      {"199 1234 5678", "19912345678"},
      {"010-12345678", "01012345678"},
      {"0571-8765432", "05718765432"},
  };
  for (const auto& [text, stored] : good) EXPECT_EQ(NormalisePhone(text).value(), stored) << text;
  for (const char* text :
       {"12812345678", "1381234567", "+8613812345678", "12345", "138-1234-5678"}) {
    auto phone = NormalisePhone(text);
    ASSERT_FALSE(phone) << text;
    EXPECT_EQ(phone.error().field, "phone");
  }
}

}  // namespace
}  // namespace shequ::registry
