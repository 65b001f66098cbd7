#include "kulkija/privacy/identity_code.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <string>

#include "kulkija/core/error.hpp"

namespace kulkija {

namespace {

constexpr std::string_view check_characters = "0123456789ABCDEFHJKLMNPRSTUVWXY";
constexpr std::string_view pseudonym_letters = "bcdfghjklmnpqrst";
constexpr std::size_t min_key_bytes = 32;
constexpr std::size_t max_key_bytes = 1024;

constexpr char upper(char c) noexcept { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// The century a sign stands for, or 0 when it is not a century sign.
constexpr int century_of(char sign) noexcept {
  switch (upper(sign)) {
    case '+': return 1800;
    case '-': case 'U': case 'V': case 'W': case 'X': case 'Y': return 1900;
    case 'A': case 'B': case 'C': case 'D': case 'E': case 'F': return 2000;
    default: return 0;
  }
}

// Why a code is invalid, or nothing. Never looks at more than the 11 characters.
struct verdict {
  const char* rule = nullptr;
  identity_code_facts facts{};
};

verdict examine(std::string_view code, bool allow_temporary) noexcept {
  verdict v;
  if (code.size() != 11) {
    v.rule = "must be 11 characters: DDMMYY, a century sign, three digits and a check character";
    return v;
  }
  for (std::size_t i : {0U, 1U, 2U, 3U, 4U, 5U, 7U, 8U, 9U}) {
    if (!is_digit(code[i])) {
      v.rule = "the birth date and the individual number must be digits";
      return v;
    }
  }
  const int century = century_of(code[6]);
  if (century == 0) {
    v.rule = "the century sign must be one of + - U V W X Y A B C D E F";
    return v;
  }
  const auto digits = [&](std::size_t at, std::size_t n) {
    int value = 0;
    for (std::size_t k = 0; k < n; ++k) value = value * 10 + (code[at + k] - '0');
    return value;
  };
  const int day = digits(0, 2), month = digits(2, 2), year = century + digits(4, 2);
  const int individual = digits(7, 3);
  if (month < 1 || month > 12 || day < 1 ||
      day > boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(year),
                                                                   static_cast<unsigned short>(month))) {
    v.rule = "the first six digits must be a real birth date";
    return v;
  }
  if (individual < 2) {
    v.rule = "the individual number must be 002 or more";
    return v;
  }
  const bool temporary = individual >= 900;
  if (temporary && !allow_temporary) {
    v.rule = "the individual number 900-999 is a temporary code, not accepted here";
    return v;
  }
  const long number = static_cast<long>(digits(0, 6)) * 1000 + individual;
  if (check_characters[static_cast<std::size_t>(number % 31)] != upper(code[10])) {
    v.rule = "the check character does not match";
    return v;
  }
  v.facts = {date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                  static_cast<unsigned short>(day)),
             temporary};
  return v;
}

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

identity_code_facts check_identity_code(std::string_view code, bool allow_temporary) {
  const verdict v = examine(code, allow_temporary);
  if (v.rule != nullptr) throw invalid_argument(error_id::invalid_identity_code, "identity_code", v.rule);
  return v.facts;
}

bool is_valid_identity_code(std::string_view code, bool allow_temporary) noexcept {
  return examine(code, allow_temporary).rule == nullptr;
}

pseudonym_key::pseudonym_key(std::span<const std::byte> bytes) : bytes_(bytes.begin(), bytes.end()) {
  if (bytes_.size() < min_key_bytes || bytes_.size() > max_key_bytes) {
    const std::size_t size = bytes_.size();
    OPENSSL_cleanse(bytes_.data(), bytes_.size());
    throw invalid_argument(error_id::invalid_value, "key",
                           "must be 32 to 1024 bytes, got " + std::to_string(size));
  }
}

pseudonym_key pseudonym_key::from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) throw invalid_argument(error_id::invalid_value, "key", "hex text must have an even length");
  std::vector<std::byte> bytes(hex.size() / 2);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      OPENSSL_cleanse(bytes.data(), bytes.size());
      throw invalid_argument(error_id::invalid_value, "key",
                             "must be hexadecimal (bad digit at position " + std::to_string(2 * i + (hi < 0 ? 1 : 2)) + ")");
    }
    bytes[i] = static_cast<std::byte>(hi * 16 + lo);
  }
  try {
    pseudonym_key key(bytes);
    OPENSSL_cleanse(bytes.data(), bytes.size());
    return key;
  } catch (...) {
    OPENSSL_cleanse(bytes.data(), bytes.size());
    throw;
  }
}

pseudonym_key::~pseudonym_key() {
  if (!bytes_.empty()) OPENSSL_cleanse(bytes_.data(), bytes_.size());
}

std::array<std::byte, 32> pseudonym_key::hmac_sha256(std::span<const std::byte> message) const {
  std::array<std::byte, 32> out{};
  unsigned int length = 0;
  const unsigned char* result =
      HMAC(EVP_sha256(), bytes_.data(), static_cast<int>(bytes_.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(),
           reinterpret_cast<unsigned char*>(out.data()), &length);
  if (result == nullptr || length != out.size()) {
    throw invalid_argument(error_id::invalid_value, "key", "OpenSSL could not compute HMAC-SHA256 with this key");
  }
  return out;
}

client_id pseudonymise(std::string_view code, const pseudonym_key& key, std::string_view prefix) {
  if (prefix.size() > 30) {
    throw invalid_argument(error_id::invalid_value, "prefix", "must be at most 30 characters");
  }
  (void)check_identity_code(code, /*allow_temporary=*/true);
  std::array<std::byte, 11> canonical{};
  for (std::size_t i = 0; i < canonical.size(); ++i) canonical[i] = static_cast<std::byte>(upper(code[i]));
  const auto mac = key.hmac_sha256(canonical);
  OPENSSL_cleanse(canonical.data(), canonical.size());
  std::string id(prefix);
  for (std::size_t i = 0; i < 16; ++i) {
    const auto b = std::to_integer<unsigned>(mac[i]);
    id += pseudonym_letters[b >> 4U];
    id += pseudonym_letters[b & 0xFU];
  }
  return client_id(std::move(id));
}

}  // namespace kulkija
