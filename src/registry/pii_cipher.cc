#include "registry/pii_cipher.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace shequ::registry {
namespace {

// crypto_kdf contexts: 8 bytes each, fixed forever (changing one makes stored data unreadable).
constexpr char kBoxContext[crypto_kdf_CONTEXTBYTES + 1] = "shqpii01";
constexpr char kIndexContext[crypto_kdf_CONTEXTBYTES + 1] = "shqidx01";

void EnsureSodium() {
  // sodium_init is thread-safe and idempotent; -1 means no usable randomness, nothing is safe.
  static const int initialised = sodium_init();
  if (initialised < 0) std::abort();
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\r' ||
                           text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' ||
                           text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

static_assert(PiiCipher::kKeyBytes == crypto_secretbox_KEYBYTES);
static_assert(PiiCipher::kKeyBytes == crypto_kdf_KEYBYTES);

PiiCipher::PiiCipher(const std::array<unsigned char, kKeyBytes>& master) {
  crypto_kdf_derive_from_key(box_key_.data(), box_key_.size(), 1, kBoxContext, master.data());
  crypto_kdf_derive_from_key(index_key_.data(), index_key_.size(), 1, kIndexContext, master.data());
}

PiiCipher::~PiiCipher() {
  sodium_memzero(box_key_.data(), box_key_.size());
  sodium_memzero(index_key_.data(), index_key_.size());
}

Result<std::unique_ptr<PiiCipher>> PiiCipher::FromHex(std::string_view hex) {
  EnsureSodium();
  hex = Trim(hex);
  if (hex.size() != 2 * kKeyBytes) {
    return InvalidArgument(
        fmt::format("the key file must hold 64 hex characters (32 bytes), it holds {}", hex.size()),
        "key_file");
  }
  std::array<unsigned char, kKeyBytes> master{};
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(master.data(), master.size(), hex.data(), hex.size(), nullptr, &length,
                     &end) != 0 ||
      length != kKeyBytes || end != hex.data() + hex.size()) {
    sodium_memzero(master.data(), master.size());
    return InvalidArgument("the key file holds a character that is not hex", "key_file");
  }
  std::unique_ptr<PiiCipher> cipher(new PiiCipher(master));
  sodium_memzero(master.data(), master.size());
  return cipher;
}

Result<std::unique_ptr<PiiCipher>> PiiCipher::LoadKeyFile(const std::filesystem::path& path) {
  struct stat info{};
  if (::stat(path.c_str(), &info) != 0) {
    return InvalidArgument(
        fmt::format("cannot read the key file {} (run `shequ init` to create it)", path.string()),
        "key_file");
  }
  if ((info.st_mode & 077) != 0) {
    return InvalidArgument(
        fmt::format("the key file {} is readable by others (mode {:o}); chmod 600 it",
                    path.string(), info.st_mode & 0777),
        "key_file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidArgument(fmt::format("cannot open {}", path.string()), "key_file");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto cipher = FromHex(text);
  sodium_memzero(text.data(), text.size());
  return cipher;
}

Result<bool> PiiCipher::CreateKeyFileIfMissing(const std::filesystem::path& path) {
  if (std::filesystem::exists(path)) return false;
  if (sodium_init() < 0) return Internal("libsodium failed to initialise");
  std::error_code ignored;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ignored);
  // O_EXCL: never truncate a key another process wrote meanwhile.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {
    return InvalidArgument(fmt::format("cannot create the key file {}", path.string()), "key_file");
  }
  std::array<unsigned char, kKeyBytes> key;
  randombytes_buf(key.data(), key.size());
  std::array<char, kKeyBytes * 2 + 1> hex;
  sodium_bin2hex(hex.data(), hex.size(), key.data(), key.size());
  sodium_memzero(key.data(), key.size());
  hex.back() = '\n';  // the terminating NUL becomes the line end
  const bool written = ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size());
  sodium_memzero(hex.data(), hex.size());
  if (::close(fd) != 0 || !written) {
    return Internal(fmt::format("cannot write the key file {}", path.string()));
  }
  return true;
}

std::vector<std::uint8_t> PiiCipher::Encrypt(std::string_view plaintext) const {
  std::vector<std::uint8_t> box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                plaintext.size());
  randombytes_buf(box.data(), crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(box.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        box.data(), box_key_.data());
  return box;
}

Result<std::string> PiiCipher::Decrypt(std::span<const std::uint8_t> box) const {
  if (box.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return Internal("an encrypted value is too short");
  }
  std::string plaintext(box.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plaintext.data()),
                                 box.data() + crypto_secretbox_NONCEBYTES,
                                 box.size() - crypto_secretbox_NONCEBYTES, box.data(),
                                 box_key_.data()) != 0) {
    return Internal("an encrypted value does not open with this key (wrong key file?)");
  }
  return plaintext;
}

std::vector<std::uint8_t> PiiCipher::BlindIndex(std::string_view normalised) const {
  std::vector<std::uint8_t> index(crypto_generichash_BYTES);
  crypto_generichash(index.data(), index.size(),
                     reinterpret_cast<const unsigned char*>(normalised.data()), normalised.size(),
                     index_key_.data(), index_key_.size());
  return index;
}

std::string MaskIdNumber(std::string_view id_number) {
  if (id_number.size() <= 8) return std::string(id_number.size(), '*');
  return std::string(id_number.substr(0, 4)) + std::string(id_number.size() - 8, '*') +
         std::string(id_number.substr(id_number.size() - 4));
}

std::string MaskPhone(std::string_view phone) {
  if (phone.size() <= 7) return std::string(phone.size(), '*');
  return std::string(phone.substr(0, 3)) + std::string(phone.size() - 7, '*') +
         std::string(phone.substr(phone.size() - 4));
}

Result<std::string> NormalisePhone(std::string_view text) {
  std::string digits;
  int dashes = 0;
  for (char c : text) {
    if (c == ' ') continue;
    if (c == '-') {
      ++dashes;
      continue;
    }
    if (c < '0' || c > '9') {
      return InvalidArgument("a phone number holds digits only (and one '-' after the area code)",
                             "phone");
    }
    digits += c;
  }
  const bool mobile =
      digits.size() == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9';
  if (mobile && dashes == 0) return digits;
  const bool landline = digits.size() >= 10 && digits.size() <= 12 && digits[0] == '0';
  if (landline && dashes <= 1) return digits;
  return InvalidArgument(
      "not a phone number: give an 11-digit mobile number (1[3-9]...) or a landline with its area "
      "code (010-12345678)",
      "phone");
}

}  // namespace shequ::registry
