#include "kulkija/core/error.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string_view>

namespace k = kulkija;

TEST(Error, HierarchyAndStableIds) {
  const k::invalid_argument e(k::error_id::invalid_language, "language", "'xx' is not known");
  const k::error& base = e;
  EXPECT_EQ(base.id(), k::error_id::invalid_language);
  EXPECT_EQ(base.code(), 203);
  EXPECT_STREQ(e.what(), "[kulkija.invalid_argument.203] language: 'xx' is not known");
  EXPECT_EQ(e.field(), "language");
  EXPECT_EQ(e.rule(), "'xx' is not known");
  const std::runtime_error& std_base = e;
  EXPECT_NE(std::string(std_base.what()).find("203"), std::string::npos);
}

TEST(Error, ParseErrorCarriesPosition) {
  const k::parse_error e(k::error_id::parse_syntax, "unknown field 'agee'", 1, 7, "$.criteria[0].expression");
  EXPECT_EQ(e.line(), 1U);
  EXPECT_EQ(e.column(), 7U);
  EXPECT_EQ(e.path(), "$.criteria[0].expression");
  EXPECT_STREQ(e.what(), "[kulkija.parse_error.101] at $.criteria[0].expression: 1:7: unknown field 'agee'");
  const k::parse_error bare(k::error_id::parse_date, "bad");
  EXPECT_STREQ(bare.what(), "[kulkija.parse_error.102] bad");
}

TEST(Error, InvalidTransitionNamesStateEventGuard) {
  const k::invalid_transition e(k::error_id::transition_guard, "assigned", "complete", "first contact must have been made");
  EXPECT_EQ(e.state(), "assigned");
  EXPECT_EQ(e.event(), "complete");
  EXPECT_EQ(e.guard(), "first contact must have been made");
  EXPECT_STREQ(e.what(),
               "[kulkija.invalid_transition.302] 'complete' from state 'assigned': first contact must have been made");
}

TEST(Error, NotFound) {
  const k::not_found e("municipality", "999");
  EXPECT_EQ(e.id(), k::error_id::not_found);
  EXPECT_EQ(e.what_kind(), "municipality");
  EXPECT_STREQ(e.what(), "[kulkija.not_found.401] municipality '999' not found");
}

TEST(Quote, RedactsIdentityCodesAndShortens) {
  EXPECT_EQ(k::quote("abc"), "'abc'");
  EXPECT_EQ(k::quote("131052-308T"), "<redacted personal identity code>");
  EXPECT_EQ(k::quote("id 131052-308T here"), "<redacted personal identity code>");
  const std::string long_text(100, 'x');
  EXPECT_EQ(k::quote(long_text), "'" + std::string(60, 'x') + "...'");
  // never cuts a UTF-8 sequence in half
  std::string finnish;
  for (int i = 0; i < 40; ++i) finnish += "ä";
  const std::string q = k::quote(finnish);
  EXPECT_EQ(q.substr(q.size() - 4), "...'");
  EXPECT_EQ((q.size() - 5) % 2, 0U);
}

TEST(ErrorId, EveryIdHasItsOwnNameInIncreasingOrder) {
  std::set<std::string_view> names;
  int last = 0;
  for (const k::error_id id : k::all_error_ids) {
    EXPECT_GT(static_cast<int>(id), last);
    last = static_cast<int>(id);
    EXPECT_NE(k::to_string(id), "?");
    EXPECT_TRUE(names.insert(k::to_string(id)).second) << k::to_string(id);
  }
  EXPECT_EQ(k::to_string(k::error_id::invalid_value), "invalid_value");
  EXPECT_EQ(k::to_string(k::error_id::not_found), "not_found");
  EXPECT_EQ(k::to_string(static_cast<k::error_id>(999)), "?");
}
