#pragma once
/// @file
/// @brief Validated language codes (ISO 639-1, plus the ISO 639-3 codes of Finland's own languages).

#include <array>
#include <compare>
#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/core/text.hpp"

namespace kulkija {

/// @addtogroup core
/// @{

/// @brief A language a client speaks or a link worker works in.
///
/// Valid codes are the 183 two-letter codes of ISO 639-1 (`fi`, `sv`, `se` Northern Sámi,
/// `en`, `ru`, `et`, `ar`, `so`, `uk`, ...) and the three-letter ISO 639-3 codes of
/// languages of Finland that have none: `smn` (Inari Sámi), `sms` (Skolt Sámi), `fit`
/// (Meänkieli), `rmf` (Finnish Kalo Romani), `fse` (Finnish Sign Language) and `fss`
/// (Finland-Swedish Sign Language). Codes are lower case; upper case input is folded.
class language {
 public:
  /// @brief Creates the language from its code.
  /// @param code an ISO 639-1 code or one of the listed ISO 639-3 codes, any case
  /// @throws invalid_argument (id invalid_language) naming the field `language`.
  explicit language(std::string_view code);

  /// @brief The lower-case code, e.g. `fi`.
  [[nodiscard]] std::string_view code() const noexcept { return {code_.data(), size_}; }

  /// @brief The language's name in `in`, for the languages most used in Finland
  /// (fi, sv, se, smn, sms, en, ru, et, ar, so, uk, fa, ku, zh, de, fr, es, th, vi, sq, tr,
  /// fse, fss, rmf, fit); other languages return their code.
  /// @param in the language of the name
  /// @return the name, e.g. `suomi`, `finska`, `Finnish`
  [[nodiscard]] std::string name(text_language in = text_language::en) const;

  /// @brief Whether `code` is a valid language code (case-insensitive).
  /// @param code the text to check
  [[nodiscard]] static bool is_valid(std::string_view code) noexcept;

  /// @brief Every valid code, sorted.
  [[nodiscard]] static const std::vector<std::string_view>& all_codes();

  /// @brief Languages order by code.
  friend auto operator<=>(const language&, const language&) = default;
  /// @brief Languages are equal when their codes are.
  friend bool operator==(const language&, const language&) = default;
  /// @brief Writes the code.
  friend std::ostream& operator<<(std::ostream& os, const language& l) { return os << l.code(); }

 private:
  std::array<char, 3> code_{};
  std::size_t size_ = 0;
};

/// @brief Checks a list of languages (a client's, a link worker's): at least one, none
/// listed twice.
/// @param field the field name for the error message, e.g. `languages`
/// @param languages the languages
/// @throws invalid_argument (id invalid_value) naming `<field>` when the list is empty
///         (`languages: must name at least one language`) or `<field>[i]` for the first
///         repeat (`languages[1]: 'fi' is listed twice`).
void validate_languages(std::string_view field, const std::vector<language>& languages);

/// @}

}  // namespace kulkija

/// @brief Hashes a language by its code.
template <>
struct std::hash<kulkija::language> {
  /// @brief The hash of the code.
  std::size_t operator()(const kulkija::language& l) const noexcept {
    return std::hash<std::string_view>{}(l.code());
  }
};
