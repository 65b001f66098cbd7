#include "kulkija/core/language.hpp"

#include <gtest/gtest.h>

#include <unordered_set>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;

TEST(Language, RequiredCodesAreValid) {
  for (const char* code : {"fi", "sv", "se", "en", "ru", "et", "ar", "so", "uk", "smn", "sms", "fit", "rmf", "fse", "fss"}) {
    EXPECT_TRUE(k::language::is_valid(code)) << code;
    EXPECT_EQ(k::language(code).code(), code);
  }
  EXPECT_EQ(k::language::all_codes().size(), 189U);  // 183 ISO 639-1 + 6 ISO 639-3
  EXPECT_TRUE(std::is_sorted(k::language::all_codes().begin(), k::language::all_codes().end()));
}

TEST(Language, FoldsCaseAndNames) {
  EXPECT_EQ(k::language("FI"), k::language("fi"));
  EXPECT_EQ(k::language("se").name(k::text_language::fi), "pohjoissaame");
  EXPECT_EQ(k::language("sv").name(k::text_language::sv), "svenska");
  EXPECT_EQ(k::language("uk").name(), "Ukrainian");
  EXPECT_EQ(k::language("zu").name(), "zu");  // no name listed: the code
  std::unordered_set<k::language> set{k::language("fi"), k::language("FI"), k::language("sv")};
  EXPECT_EQ(set.size(), 2U);
}

TEST(Language, RejectsUnknown) {
  for (const char* code : {"", "x", "xx", "fin", "bh", "f1", "svenska"}) {
    EXPECT_FALSE(k::language::is_valid(code)) << code;
  }
  KULKIJA_EXPECT_THROW_MSG(k::language("xx"), k::invalid_argument,
                           "[kulkija.invalid_argument.203] language: 'xx' is not an ISO 639-1 code");
}

TEST(Language, ValidateLanguagesNeedsOneAndNoRepeats) {
  EXPECT_NO_THROW(k::validate_languages("languages", {k::language("fi")}));
  EXPECT_NO_THROW(k::validate_languages("languages", {k::language("fi"), k::language("sv"), k::language("se")}));
  KULKIJA_EXPECT_THROW_MSG(k::validate_languages("languages", {}), k::invalid_argument,
                           "[kulkija.invalid_argument.201] languages: must name at least one language");
  KULKIJA_EXPECT_THROW_MSG(
      k::validate_languages("languages", {k::language("fi"), k::language("sv"), k::language("en"), k::language("SV")}),
      k::invalid_argument, "languages[3]: 'sv' is listed twice");
  try {  // the first repeat is named, under the caller's field
    k::validate_languages("worker.languages", {k::language("fi"), k::language("fi"), k::language("sv"), k::language("sv")});
    ADD_FAILURE() << "expected invalid_argument";
  } catch (const k::invalid_argument& e) {
    EXPECT_EQ(e.id(), k::error_id::invalid_value);
    EXPECT_EQ(e.field(), "worker.languages[1]");
    EXPECT_EQ(e.rule(), "'fi' is listed twice");
  }
}
