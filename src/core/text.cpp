#include "kulkija/core/text.hpp"

#include <array>
#include <string>

#include "kulkija/core/error.hpp"
#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {

constexpr std::array<std::string_view, 3> text_language_names{"fi", "sv", "en"};

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

constexpr int two_digits(std::string_view s, std::size_t at) noexcept {
  return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

constexpr char upper(char c) noexcept { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

constexpr bool is_century_sign(char c) noexcept {
  constexpr std::string_view signs = "+-ABCDEFUVWXY";
  return signs.find(upper(c)) != std::string_view::npos;
}

constexpr bool is_check_char(char c) noexcept {
  constexpr std::string_view checks = "0123456789ABCDEFHJKLMNPRSTUVWXY";
  return checks.find(upper(c)) != std::string_view::npos;
}

// Length in bytes of the UTF-8 sequence starting at s[i], or 0 when it is not well formed
// (overlong forms, surrogates and code points above U+10FFFF are rejected).
std::size_t utf8_sequence(std::string_view s, std::size_t i) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  std::size_t n = 0;
  unsigned lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (b < (k == 1 ? lo : 0x80U) || b > (k == 1 ? hi : 0xBFU)) return 0;
  }
  return n;
}

}  // namespace

text_language parse_text_language(std::string_view code) {
  return detail::parse_enum<text_language>("text language", code, text_language_names);
}

std::string_view to_string(text_language lang) noexcept { return detail::enum_name(text_language_names, lang); }

bool contains_identity_code(std::string_view text) noexcept {
  constexpr std::size_t n = 11;  // DDMMYY C NNN Q
  if (text.size() < n) return false;
  for (std::size_t i = 0; i + n <= text.size(); ++i) {
    const std::string_view s = text.substr(i, n);
    bool digits = true;
    for (std::size_t k : {0U, 1U, 2U, 3U, 4U, 5U, 7U, 8U, 9U}) digits = digits && is_digit(s[k]);
    if (!digits) continue;
    const int day = two_digits(s, 0), month = two_digits(s, 2);
    if (day < 1 || day > 31 || month < 1 || month > 12) continue;
    if (is_century_sign(s[6]) && is_check_char(s[10])) return true;
  }
  return false;
}

std::string shown(std::string_view text) {
  return contains_identity_code(text) ? "<redacted personal identity code>" : std::string(text);
}

void validate_free_text(std::string_view field, std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    throw invalid_argument(error_id::invalid_value, std::string(field),
                           "must be at most " + std::to_string(max_bytes) + " bytes, got " +
                               std::to_string(text.size()));
  }
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t len = utf8_sequence(text, i);
    if (len == 0) {
      throw invalid_argument(error_id::invalid_value, std::string(field),
                             "must be valid UTF-8 (bad byte at offset " + std::to_string(i) + ")");
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (len == 1 && (c < 0x20 || c == 0x7F) && c != '\n' && c != '\t' && c != '\r') {
      throw invalid_argument(error_id::invalid_value, std::string(field),
                             "must not contain control characters (found one at offset " + std::to_string(i) + ")");
    }
    i += len;
  }
  if (contains_identity_code(text)) {
    throw invalid_argument(error_id::personal_data, std::string(field),
                           "must not contain a personal identity code; refer to the client by pseudonym");
  }
}

}  // namespace kulkija
