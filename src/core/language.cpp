#include "kulkija/core/language.hpp"

#include <algorithm>
#include <string>

#include "kulkija/core/error.hpp"

namespace kulkija {

namespace {

// ISO 639-1 (183 codes; `bh` was withdrawn in 2021), then the ISO 639-3 codes of languages
// of Finland that have no two-letter code. Kept sorted for binary search.
const std::vector<std::string_view>& codes() {
  static const std::vector<std::string_view> all = [] {
    std::vector<std::string_view> v{
        "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi", "bm",
        "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dz",
        "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl",
        "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii",
        "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr",
        "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi",
        "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv",
        "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw",
        "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv",
        "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk",
        "ur", "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
        // ISO 639-3, languages of Finland
        "fit", "fse", "fss", "rmf", "smn", "sms"};
    std::sort(v.begin(), v.end());
    return v;
  }();
  return all;
}

struct language_name {
  std::string_view code;
  localized_text name;
};

const std::vector<language_name>& names() {
  static const std::vector<language_name> table{
      {"ar", {"arabia", "arabiska", "Arabic"}},
      {"de", {"saksa", "tyska", "German"}},
      {"en", {"englanti", "engelska", "English"}},
      {"es", {"espanja", "spanska", "Spanish"}},
      {"et", {"viro", "estniska", "Estonian"}},
      {"fa", {"persia", "persiska", "Persian"}},
      {"fi", {"suomi", "finska", "Finnish"}},
      {"fit", {"meänkieli", "meänkieli", "Meänkieli"}},
      {"fr", {"ranska", "franska", "French"}},
      {"fse", {"suomalainen viittomakieli", "finskt teckenspråk", "Finnish Sign Language"}},
      {"fss", {"suomenruotsalainen viittomakieli", "finlandssvenskt teckenspråk", "Finland-Swedish Sign Language"}},
      {"ku", {"kurdi", "kurdiska", "Kurdish"}},
      {"rmf", {"romanikieli", "romani", "Finnish Kalo Romani"}},
      {"ru", {"venäjä", "ryska", "Russian"}},
      {"se", {"pohjoissaame", "nordsamiska", "Northern Sámi"}},
      {"smn", {"inarinsaame", "enaresamiska", "Inari Sámi"}},
      {"sms", {"koltansaame", "skoltsamiska", "Skolt Sámi"}},
      {"so", {"somali", "somaliska", "Somali"}},
      {"sq", {"albania", "albanska", "Albanian"}},
      {"sv", {"ruotsi", "svenska", "Swedish"}},
      {"th", {"thai", "thailändska", "Thai"}},
      {"tr", {"turkki", "turkiska", "Turkish"}},
      {"uk", {"ukraina", "ukrainska", "Ukrainian"}},
      {"vi", {"vietnam", "vietnamesiska", "Vietnamese"}},
      {"zh", {"kiina", "kinesiska", "Chinese"}},
  };
  return table;
}

std::string fold(std::string_view code) {
  std::string out(code);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

language::language(std::string_view code) {
  const std::string folded = fold(code);
  if (!is_valid(folded)) {
    throw invalid_argument(error_id::invalid_language, "language",
                           quote(code) + " is not an ISO 639-1 code (or one of fit, fse, fss, rmf, smn, sms)");
  }
  std::copy(folded.begin(), folded.end(), code_.begin());
  size_ = folded.size();
}

bool language::is_valid(std::string_view code) noexcept {
  if (code.size() < 2 || code.size() > 3) return false;
  const std::string folded = fold(code);
  return std::binary_search(codes().begin(), codes().end(), std::string_view(folded));
}

const std::vector<std::string_view>& language::all_codes() { return codes(); }

void validate_languages(std::string_view field, const std::vector<language>& languages) {
  if (languages.empty()) {
    throw invalid_argument(error_id::invalid_value, std::string(field), "must name at least one language");
  }
  for (std::size_t i = 1; i < languages.size(); ++i) {
    const auto end = languages.begin() + static_cast<std::ptrdiff_t>(i);
    if (std::find(languages.begin(), end, languages[i]) != end) {
      throw invalid_argument(error_id::invalid_value, std::string(field) + "[" + std::to_string(i) + "]",
                             quote(languages[i].code()) + " is listed twice");
    }
  }
}

std::string language::name(text_language in) const {
  const auto& table = names();
  const auto it = std::find_if(table.begin(), table.end(), [&](const language_name& n) { return n.code == code(); });
  if (it == table.end()) return std::string(code());
  return it->name.in(in);
}

}  // namespace kulkija
