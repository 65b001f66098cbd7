#include "kulkija/eligibility/schema.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;

TEST(FieldSchema, AddFindAndCodes) {
  k::field_schema s({{"age", k::field_type::integer, {}}, {"needs", k::field_type::code_set, {"loneliness", "bereavement"}}});
  EXPECT_EQ(s.size(), 2U);
  EXPECT_EQ(s.find("needs"), 1U);
  EXPECT_FALSE(s.find("agee").has_value());
  EXPECT_EQ(s.find_code(1, "bereavement"), 1U);
  EXPECT_FALSE(s.find_code(1, "x").has_value());
  KULKIJA_EXPECT_THROW_MSG((void)s.index_of("agee"), k::invalid_argument, "field: unknown field 'agee' (did you mean 'age'?)");
  KULKIJA_EXPECT_THROW_MSG((void)s.index_of("zzzzzz"), k::invalid_argument, "unknown field 'zzzzzz'");
}

TEST(FieldSchema, RejectsBadFieldsAndStaysUnchanged) {
  k::field_schema s({{"age", k::field_type::integer, {}}});
  const k::field_schema before = s;
  KULKIJA_EXPECT_THROW_MSG(s.add({"age", k::field_type::number, {}}), k::invalid_argument, "fields[1].name: field 'age' is defined twice");
  KULKIJA_EXPECT_THROW_MSG(s.add({"and", k::field_type::number, {}}), k::invalid_argument, "is a keyword");
  KULKIJA_EXPECT_THROW_MSG(s.add({"1x", k::field_type::number, {}}), k::invalid_argument, "is not an identifier");
  KULKIJA_EXPECT_THROW_MSG(s.add({"c", k::field_type::code, {}}), k::invalid_argument, "fields[1].codes: a code field needs at least one code");
  KULKIJA_EXPECT_THROW_MSG(s.add({"n", k::field_type::number, {"a"}}), k::invalid_argument, "a number field has no codes");
  KULKIJA_EXPECT_THROW_MSG(s.add({"c", k::field_type::code, {"a", "a"}}), k::invalid_argument, "fields[1].codes[1]: 'a' is listed twice");
  EXPECT_EQ(s, before);
}

TEST(FieldSchema, TypeNamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(k::field_type::calendar_date); ++i) {
    const auto t = static_cast<k::field_type>(i);
    EXPECT_EQ(k::parse_field_type(k::to_string(t)), t);
  }
  EXPECT_EQ(k::to_string(k::field_type::calendar_date), "date");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_field_type("float"), k::parse_error, "unknown field type 'float'");
}

TEST(FieldSchema, ClosestName) {
  const std::vector<std::string> names{"age", "needs", "municipality", "wellbeing"};
  EXPECT_EQ(k::closest_name("agee", names), "age");
  EXPECT_EQ(k::closest_name("muncipality", names), "municipality");
  EXPECT_EQ(k::closest_name("neds", names), "needs");
  EXPECT_FALSE(k::closest_name("income", names).has_value());
  EXPECT_TRUE(k::is_rule_keyword("between"));
  EXPECT_FALSE(k::is_rule_keyword("age"));
}
