#include "kulkija/core/text.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;

TEST(TextLanguage, ParseAndName) {
  EXPECT_EQ(k::parse_text_language("sv"), k::text_language::sv);
  EXPECT_EQ(k::to_string(k::text_language::fi), "fi");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_text_language("de"), k::parse_error,
                           "unknown text language 'de'; expected one of: fi, sv, en");
  const k::localized_text t{"kyllä", "ja", "yes"};
  EXPECT_EQ(t.in(k::text_language::sv), "ja");
  EXPECT_EQ(t.in(k::text_language::en), "yes");
}

TEST(IdentityCode, ShapeDetection) {
  // every century sign, valid and mistyped check characters
  for (const char* code : {"131052-308T", "131052+308T", "010120A123N", "010120B123N", "010120F1234",
                           "010190U123A", "010190Y123A", "131052-308t"}) {
    EXPECT_TRUE(k::contains_identity_code(code)) << code;
  }
  EXPECT_TRUE(k::contains_identity_code("client 131052-308T said"));
  for (const char* text : {"", "131052", "321052-308T", "131352-308T", "001052-308T", "131052G308T", "131052-30XT",
                           "131052-308G", "R-2026-0042", "2026-03-15T09:30:00Z"}) {
    EXPECT_FALSE(k::contains_identity_code(text)) << text;
  }
}

TEST(FreeText, Rules) {
  EXPECT_NO_THROW(k::validate_free_text("note", "Tapasimme kirjastossa.\nKävimme kävelyllä.", 100));
  KULKIJA_EXPECT_THROW_MSG(k::validate_free_text("note", std::string(11, 'a'), 10), k::invalid_argument,
                           "note: must be at most 10 bytes, got 11");
  KULKIJA_EXPECT_THROW_MSG(k::validate_free_text("note", "bad \xff byte", 100), k::invalid_argument,
                           "note: must be valid UTF-8 (bad byte at offset 4)");
  KULKIJA_EXPECT_THROW_MSG(k::validate_free_text("note", "overlong \xc0\xaf", 100), k::invalid_argument, "UTF-8");
  KULKIJA_EXPECT_THROW_MSG(k::validate_free_text("note", "surrogate \xed\xa0\x80", 100), k::invalid_argument, "UTF-8");
  KULKIJA_EXPECT_THROW_MSG(k::validate_free_text("note", "truncated \xe2\x82", 100), k::invalid_argument, "UTF-8");
  KULKIJA_EXPECT_THROW_MSG(k::validate_free_text("note", std::string("nul \0 here", 10), 100), k::invalid_argument,
                           "control characters");
  try {
    k::validate_free_text("goals[0]", "my code is 131052-308T", 100);
    FAIL();
  } catch (const k::invalid_argument& e) {
    EXPECT_EQ(e.id(), k::error_id::personal_data);
    EXPECT_EQ(e.field(), "goals[0]");
    EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos);
  }
}
