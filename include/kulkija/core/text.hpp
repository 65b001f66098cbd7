#pragma once
/// @file
/// @brief Texts in the three languages of decisions (fi, sv, en) and checks on free text.

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace kulkija {

/// @addtogroup core
/// @{

/// @brief The languages in which kulkija writes every reason and explanation.
enum class text_language {
  fi,  ///< Finnish
  sv,  ///< Swedish
  en,  ///< English
};

/// @brief Parses `fi`, `sv` or `en`.
/// @param code the code
/// @return the language
/// @throws parse_error (id parse_enum) for any other text.
[[nodiscard]] text_language parse_text_language(std::string_view code);

/// @brief The code of a text language: `fi`, `sv` or `en`.
/// @param lang the language
/// @return its two-letter code
[[nodiscard]] std::string_view to_string(text_language lang) noexcept;

/// @brief One text in Finnish, Swedish and English.
struct localized_text {
  std::string fi;  ///< Finnish text
  std::string sv;  ///< Swedish text
  std::string en;  ///< English text

  /// @brief The text in `lang`.
  /// @param lang the wanted language
  /// @return the text in that language
  [[nodiscard]] const std::string& in(text_language lang) const noexcept {
    switch (lang) {
      case text_language::fi: return fi;
      case text_language::sv: return sv;
      case text_language::en: break;
    }
    return en;
  }
  /// @brief Texts are equal when all three languages are equal.
  friend bool operator==(const localized_text&, const localized_text&) = default;
};

/// @brief A text that reads the same in every language (a date, a number, punctuation).
/// @param text the text
/// @return `text` in fi, sv and en
[[nodiscard]] inline localized_text untranslated(const std::string& text) { return {text, text, text}; }

/// @brief Texts one after the other, language by language.
/// @param parts the texts
/// @return their concatenation in each language
[[nodiscard]] inline localized_text concat(std::initializer_list<localized_text> parts) {
  localized_text out;
  for (const auto& p : parts) {
    out.fi += p.fi;
    out.sv += p.sv;
    out.en += p.en;
  }
  return out;
}

/// @brief Whether `text` contains something shaped like a Finnish personal identity code
/// (henkilötunnus): `DDMMYY`, a century sign (`+ - A-F U-Y`), three digits and a check
/// character, with a plausible day and month.
///
/// The check is on shape only, so that mistyped codes are caught too. It is how kulkija
/// keeps codes out of ids, free text and error messages.
/// @param text any text
/// @return true when some part of the text has the shape of a code
[[nodiscard]] bool contains_identity_code(std::string_view text) noexcept;

/// @brief A text from the user (a file name, a region's name) as it may be shown: the text
/// itself, or `<redacted personal identity code>` when it holds something shaped like a
/// personal identity code (contains_identity_code()), which must never reach any output.
/// @param text the text
/// @return the text to show
[[nodiscard]] std::string shown(std::string_view text);

/// @brief Checks a free-text field: valid UTF-8, no control characters other than line
/// breaks and tabs, at most `max_bytes` bytes, and no personal identity code.
/// @param field the field name for the error message
/// @param text the text
/// @param max_bytes the largest allowed size in bytes
/// @throws invalid_argument (id invalid_value or personal_data) naming the field and the rule.
void validate_free_text(std::string_view field, std::string_view text, std::size_t max_bytes);

/// @}

}  // namespace kulkija
