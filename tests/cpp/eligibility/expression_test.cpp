#include "kulkija/eligibility/expression.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/eligibility/batch.hpp"
#include "kulkija/eligibility/client_record.hpp"

namespace k = kulkija;

namespace {

const std::shared_ptr<const k::field_schema>& schema() { return k::client_schema(); }

k::expression parse(std::string_view text, const k::named_rules& rules = {}) {
  return k::expression::parse(text, schema(), rules);
}

k::truth eval(std::string_view text, const k::record& r) { return parse(text).evaluate(r).value; }

// Expects a parse error with this id at line:column whose message contains `fragment`.
void expect_error(std::string_view text, k::error_id id, std::size_t line, std::size_t column, const std::string& fragment) {
  try {
    (void)parse(text);
    ADD_FAILURE() << "expected a parse error for: " << text;
  } catch (const k::parse_error& e) {
    EXPECT_EQ(e.id(), id) << e.what();
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_EQ(e.column(), column) << e.what();
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what() << "\nexpected: " << fragment;
  }
}

}  // namespace

TEST(Expression, ParsesTheWholeLanguage) {
  const char* texts[] = {
      "age >= 18",
      "not needs_medical_care",
      "municipality in [272, 924, 584]",
      "municipality not in [272]",
      "needs has loneliness",
      "needs has any [loneliness, social_exclusion]",
      "needs has all [loneliness, bereavement]",
      "age between 18 and 64",
      "age not between 18 and 64",
      "wellbeing < 5.5 or wellbeing >= 8",
      "living = alone and living != with_family",
      "living in [\"alone\", with_partner]",
      "consent_date >= 2026-01-01",
      "consent_date between 2026-01-01 and 2026-12-31",
      "consent_given = true",
      "wellbeing is missing or wellbeing is not missing",
      "(age >= 18 or age < 0) and not (needs has bereavement)",
      "true and not false",
      "age >= -1",
  };
  for (const char* t : texts) {
    const k::expression e = parse(t);
    EXPECT_EQ(parse(e.to_string()), e) << t << " -> " << e.to_string();
    EXPECT_EQ(e.source(), t);
  }
}

TEST(Expression, CanonicalForm) {
  EXPECT_EQ(parse("age>=18   and(needs has any[bereavement,loneliness,loneliness])").to_string(),
            "age >= 18 and needs has any [loneliness, bereavement]");
  EXPECT_EQ(parse("not (adult)", {{"adult", parse("age >= 18")}}).to_string(), "not adult");
  EXPECT_EQ(parse("not (age > 1 and consent_given)").to_string(), "not (age > 1 and consent_given)");
  EXPECT_EQ(parse("(age > 1 or age < 0) and consent_given").to_string(), "(age > 1 or age < 0) and consent_given");
  EXPECT_EQ(parse("age > 1 or (age < 0 and consent_given)").to_string(), "age > 1 or age < 0 and consent_given");
  EXPECT_EQ(parse("wellbeing < 5").to_string(), "wellbeing < 5.0");
  EXPECT_EQ(parse("municipality in [924, 272, 272]").to_string(), "municipality in [272, 924]");
  EXPECT_EQ(parse("# a comment\nage >= 18 # another\n").to_string(), "age >= 18");
  EXPECT_EQ(parse("age >= 18 and needs has loneliness").fields(), (std::vector<std::string>{"age", "needs"}));
}

TEST(Expression, EveryErrorMessage) {
  using id = k::error_id;
  expect_error("agee >= 18", id::parse_unknown_name, 1, 1, "1:1: unknown field or rule 'agee' (did you mean 'age'?)");
  expect_error("not x and agee >= 1", id::parse_unknown_name, 1, 5, "unknown field or rule 'x'");
  expect_error("age >= 18 and agee", id::parse_unknown_name, 1, 15, "1:15: unknown field or rule 'agee' (did you mean 'age'?)");
  expect_error("age = \"x\"", id::parse_type_mismatch, 1, 7, "type mismatch: 'age' is integer, \"x\" is text");
  expect_error("age >= 17.5", id::parse_type_mismatch, 1, 8, "type mismatch: 'age' is integer, 17.5 is number");
  expect_error("consent_given = 1", id::parse_type_mismatch, 1, 17, "'consent_given' is boolean, 1 is integer");
  expect_error("living = lonely", id::parse_unknown_name, 1, 10, "unknown code 'lonely' for 'living'");
  expect_error("needs has lonelines", id::parse_unknown_name, 1, 11,
               "unknown code 'lonelines' for 'needs' (did you mean 'loneliness'?)");
  expect_error("needs = loneliness", id::parse_type_mismatch, 1, 7, "'needs' is code_set, '=' does not apply (use 'has', 'has any' or 'has all')");
  expect_error("age has 1", id::parse_type_mismatch, 1, 5, "'age' is integer, 'has' does not apply");
  expect_error("wellbeing in [1]", id::parse_type_mismatch, 1, 11, "'wellbeing' is number, 'in' does not apply");
  expect_error("living < alone", id::parse_type_mismatch, 1, 8, "'living' is code, '<' does not apply (use '=', '!=' or 'in')");
  expect_error("consent_date > 2026-02-30", id::parse_syntax, 1, 16, "date 2026-02-30 is not a real day");
  expect_error("consent_date > 2026", id::parse_type_mismatch, 1, 16, "'consent_date' is date, 2026 is integer");
  expect_error("age", id::parse_syntax, 1, 4, "expected a test after 'age' (use '=', '!=', '<', '<=', '>', '>=' or 'between', or 'is missing'), found end of rule");
  expect_error("age >=", id::parse_syntax, 1, 7, "expected a value after '>=', found end of rule");
  expect_error("", id::parse_syntax, 1, 1, "expected a field, a rule name, 'not', 'true', 'false' or '(', found end of rule");
  expect_error("(age > 1", id::parse_syntax, 1, 9, "expected ')' to close the '(' at 1:1, found end of rule");
  expect_error("age > 1 age", id::parse_syntax, 1, 9, "expected 'and', 'or' or the end of the rule, found 'age'");
  expect_error("age > 1 && consent_given", id::parse_syntax, 1, 9, "unexpected character '&' (use 'and')");
  expect_error("age > 1 || consent_given", id::parse_syntax, 1, 9, "(use 'or')");
  expect_error("!consent_given", id::parse_syntax, 1, 1, "(use 'not' or '!=')");
  expect_error("age between 64 and 18", id::parse_syntax, 1, 20, "empty range: the lower bound 64 is above the upper bound 18");
  expect_error("age between 1 or 2", id::parse_syntax, 1, 15, "expected 'and' between the bounds of 'between', found 'or'");
  expect_error("municipality in 272", id::parse_syntax, 1, 17, "expected '[' after 'in', found '272'");
  expect_error("municipality in [272 924]", id::parse_syntax, 1, 22, "expected ',' or ']' in the list, found '924'");
  expect_error("municipality in []", id::parse_syntax, 1, 18, "expected a value after '[', found ']'");
  expect_error("age not > 1", id::parse_syntax, 1, 5, "expected a test after 'age'");
  expect_error("wellbeing is nothing", id::parse_syntax, 1, 14, "expected 'missing' after 'is', found 'nothing'");
  expect_error("living = \"alone", id::parse_syntax, 1, 10, "unterminated text literal");
  expect_error("age > 18x", id::parse_syntax, 1, 7, "malformed number '18x'");
  expect_error("age > 99999999999999999999", id::parse_syntax, 1, 7, "integer 99999999999999999999 is out of range");
  expect_error("age >= 18 and\n  and", id::parse_syntax, 2, 3, "2:3: expected a field");
  expect_error("needs has any loneliness", id::parse_syntax, 1, 15, "expected '[' after 'has any'");
  expect_error("age > 1 and ä", id::parse_syntax, 1, 13, "unexpected character 'ä'");
  expect_error("living = \"ä\" and agee > 1", id::parse_unknown_name, 1, 10, "unknown code 'ä'");
}

TEST(Expression, ErrorsNeverShowIdentityCodes) {
  for (const char* text : {"living = \"131052-308T\"", "age = \"131052-308T\"", "age > 1 \"131052-308T\"",
                           "x131052A308T > 1", "needs has \"131052-308T\""}) {
    try {
      (void)parse(text);
      ADD_FAILURE() << text;
    } catch (const k::parse_error& e) {
      EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("<redacted personal identity code>"), std::string::npos) << e.what();
    }
  }
}

TEST(Expression, KleeneTruthTables) {
  // consent_given (a), own_resources_sufficient (b): each true, false or missing.
  const k::truth vals[] = {k::truth::no, k::truth::yes, k::truth::unknown};
  auto set = [](k::record& r, const char* f, k::truth t) {
    if (t == k::truth::unknown) r.clear(f);
    else r.set_boolean(f, t == k::truth::yes);
  };
  auto kleene_and = [](k::truth a, k::truth b) {
    if (a == k::truth::no || b == k::truth::no) return k::truth::no;
    if (a == k::truth::unknown || b == k::truth::unknown) return k::truth::unknown;
    return k::truth::yes;
  };
  auto kleene_not = [](k::truth a) {
    return a == k::truth::unknown ? a : a == k::truth::yes ? k::truth::no : k::truth::yes;
  };
  for (auto a : vals) {
    for (auto b : vals) {
      k::record r(schema());
      set(r, "consent_given", a);
      set(r, "own_resources_sufficient", b);
      EXPECT_EQ(eval("consent_given and own_resources_sufficient", r), kleene_and(a, b));
      EXPECT_EQ(eval("consent_given or own_resources_sufficient", r),
                kleene_not(kleene_and(kleene_not(a), kleene_not(b))));
      EXPECT_EQ(eval("not consent_given", r), kleene_not(a));
      EXPECT_EQ(eval("consent_given is missing", r), a == k::truth::unknown ? k::truth::yes : k::truth::no);
    }
  }
}

TEST(Expression, MissingFieldsAreNamed) {
  k::record r(schema());
  r.set_integer("age", 30);
  const auto e1 = parse("age >= 18 and not needs_medical_care and wellbeing < 7").evaluate(r);
  EXPECT_EQ(e1.value, k::truth::unknown);
  EXPECT_EQ(e1.undetermined_fields, (std::vector<std::string>{"needs_medical_care", "wellbeing"}));
  // a false conjunct decides: nothing is missing
  const auto e2 = parse("age < 18 and needs_medical_care").evaluate(r);
  EXPECT_EQ(e2.value, k::truth::no);
  EXPECT_TRUE(e2.undetermined_fields.empty());
  const auto e3 = parse("age >= 18 or needs_medical_care").evaluate(r);
  EXPECT_EQ(e3.value, k::truth::yes);
  EXPECT_TRUE(e3.undetermined_fields.empty());
}

TEST(Expression, AgeRangesAreThreeValued) {
  k::record r(schema());
  r.set_integer_range("age", 17, 18, "age is 17 or 18");
  EXPECT_EQ(eval("age >= 18", r), k::truth::unknown);
  EXPECT_EQ(eval("age >= 17", r), k::truth::yes);
  EXPECT_EQ(eval("age > 18", r), k::truth::no);
  EXPECT_EQ(eval("age = 16", r), k::truth::no);
  EXPECT_EQ(eval("age != 16", r), k::truth::yes);
  EXPECT_EQ(eval("age = 17", r), k::truth::unknown);
  EXPECT_EQ(eval("age between 17 and 30", r), k::truth::yes);
  EXPECT_EQ(eval("age between 18 and 30", r), k::truth::unknown);
  EXPECT_EQ(eval("age not between 19 and 30", r), k::truth::yes);
  EXPECT_EQ(eval("age in [17, 18]", r), k::truth::yes);
  EXPECT_EQ(eval("age in [18, 40]", r), k::truth::unknown);
  EXPECT_EQ(eval("age in [40]", r), k::truth::no);
  EXPECT_EQ(eval("age is missing", r), k::truth::no);
  const auto e = parse("age >= 18").evaluate(r);
  EXPECT_EQ(e.notes, std::vector<std::string>{"age is 17 or 18"});
}

TEST(Expression, ValuesOfEveryType) {
  k::record r(schema());
  r.set_integer("municipality", 272);
  r.set_number("wellbeing", 6.5);
  r.set_code("living", "alone");
  r.set_codes("needs", {"loneliness", "bereavement"});
  r.set_date("consent_date", boost::gregorian::date(2026, 3, 1));
  EXPECT_EQ(eval("municipality in [272, 924, 584]", r), k::truth::yes);
  EXPECT_EQ(eval("municipality not in [924, 584]", r), k::truth::yes);
  EXPECT_EQ(eval("wellbeing between 6.5 and 7", r), k::truth::yes);
  EXPECT_EQ(eval("wellbeing > 6.5", r), k::truth::no);
  EXPECT_EQ(eval("living = alone", r), k::truth::yes);
  EXPECT_EQ(eval("living in [with_family, with_partner]", r), k::truth::no);
  EXPECT_EQ(eval("needs has any [unemployment, bereavement]", r), k::truth::yes);
  EXPECT_EQ(eval("needs has all [loneliness, unemployment]", r), k::truth::no);
  EXPECT_EQ(eval("needs has all [loneliness, bereavement]", r), k::truth::yes);
  EXPECT_EQ(eval("consent_date >= 2026-03-01", r), k::truth::yes);
  EXPECT_EQ(eval("consent_date < 2026-03-01", r), k::truth::no);
}

TEST(Expression, NamedSubRules) {
  const k::expression adult = parse("age >= 18");
  const k::named_rules rules{{"adult", adult}};
  const k::expression e = parse("adult and not needs_medical_care", rules);
  EXPECT_EQ(e.to_string(), "adult and not needs_medical_care");
  EXPECT_EQ(e.fields(), (std::vector<std::string>{"age", "needs_medical_care"}));
  k::record r(schema());
  r.set_integer("age", 17);
  EXPECT_EQ(e.evaluate(r).value, k::truth::no);
  expect_error("adutl", k::error_id::parse_unknown_name, 1, 1, "unknown field or rule 'adutl'");
  try {
    (void)parse("adutl", rules);
    ADD_FAILURE();
  } catch (const k::parse_error& err) {
    EXPECT_NE(std::string(err.what()).find("(did you mean 'adult'?)"), std::string::npos);
  }
  auto other = std::make_shared<const k::field_schema>(std::vector<k::field_spec>{{"x", k::field_type::integer, {}}});
  KULKIJA_EXPECT_THROW_MSG((void)k::expression::parse("x > 1", other, rules), k::invalid_argument,
                           "rules.adult: uses another field schema");
  KULKIJA_EXPECT_THROW_MSG((void)e.evaluate(k::record(other)), k::invalid_argument, "record: its field schema differs");
}

// Found by hand (issue 15): 20,000 '(' overflowed the stack of the recursive parser.
TEST(Expression, NestingIsBoundedWithAClearError) {
  const std::size_t limit = k::max_rule_depth;
  EXPECT_EQ(limit, 256u);
  auto wrapped = [](std::size_t levels, std::string_view inner) {
    return std::string(levels, '(') + std::string(inner) + std::string(levels, ')');
  };
  expect_error(wrapped(20000, "age >= 18"), k::error_id::parse_syntax, 1, limit + 1,
               "the rule nests deeper than 256 levels (each '(' and each 'not' opens a level)");
  expect_error(wrapped(limit + 1, "age >= 18"), k::error_id::parse_syntax, 1, limit + 1, "deeper than 256 levels");
  std::string nots;
  for (std::size_t i = 0; i < 20000; ++i) nots += "not ";  // 80,000 bytes: under the 100,000 a rule may have
  expect_error(nots + "needs_medical_care", k::error_id::parse_syntax, 1, 4 * limit + 1, "deeper than 256 levels");
  expect_error("(\n" + std::string(limit, '(') + "age > 1" + std::string(limit + 1, ')'), k::error_id::parse_syntax, 2,
               limit, "deeper than 256 levels");

  // at the limit everything works: parsing, evaluating, printing, fields and compiling
  const k::expression parens = parse(wrapped(limit, "age >= 18"));
  EXPECT_EQ(parens.depth(), limit);
  EXPECT_EQ(parens.to_string(), "age >= 18");
  EXPECT_EQ(parse(std::string(limit - 1, '(') + "not needs_medical_care" + std::string(limit - 1, ')')).depth(), limit);
  expect_error(std::string(limit, '(') + "not needs_medical_care" + std::string(limit, ')'), k::error_id::parse_syntax, 1,
               limit + 1, "deeper than 256 levels");
  // a tree as tall as the limit allows: every level both an 'and' and an 'or'
  std::string tall = "age > 0";
  for (std::size_t i = 1; i < limit; ++i) {
    tall = "age > " + std::to_string(i) + (i % 2 ? " and (" : " or (") + tall + " or age < -" + std::to_string(i) +
           ") and not needs_medical_care";
  }
  const k::expression e = parse(tall);
  EXPECT_EQ(e.depth(), limit - 1);
  EXPECT_EQ(parse(e.to_string()).to_string(), e.to_string());
  EXPECT_EQ(e.fields(), (std::vector<std::string>{"age", "needs_medical_care"}));
  k::record r(schema());
  r.set_integer("age", 300);
  EXPECT_EQ(e.evaluate(r).value, k::truth::unknown);
  r.set_boolean("needs_medical_care", false);
  EXPECT_EQ(e.evaluate(r).value, k::truth::yes);
  const k::compiled_rule compiled(e);
  std::vector<std::int16_t> age{300, 0};
  std::vector<std::uint8_t> medical{0, 1};
  k::column_table table;
  table.add("age", k::make_column<std::int16_t>(age));
  table.add("needs_medical_care", k::make_column<std::uint8_t>(medical));
  std::vector<std::uint8_t> out(2);
  compiled.evaluate(table, out);
  EXPECT_EQ(out[0], static_cast<std::uint8_t>(k::truth::yes));
  EXPECT_EQ(out[1], static_cast<std::uint8_t>(k::truth::no));
}

TEST(Expression, SubRulesThatDoubleAtEveryLinkAreBoundedInSize) {
  // r(i) uses r(i-1) twice: written out in full, r(i) holds 2^(i+2) - 3 tests and operators
  // (each use of a name counts the sub-rule plus one), so r15 (131,069) is too big.
  k::named_rules rules{{"r0", parse("age >= 18")}};
  EXPECT_EQ(rules.at("r0").size(), 1U);
  std::size_t i = 1;
  try {
    for (; i < 40; ++i) {
      rules.insert_or_assign("r" + std::to_string(i),
                             parse("r" + std::to_string(i - 1) + " and r" + std::to_string(i - 1), rules));
      // an 'and' of two names, each the sub-rule plus one
      EXPECT_EQ(rules.at("r" + std::to_string(i)).size(), 1 + 2 * (rules.at("r" + std::to_string(i - 1)).size() + 1));
    }
    ADD_FAILURE() << "a chain of 40 doubling sub-rules parsed";
  } catch (const k::parse_error& e) {
    EXPECT_EQ(e.id(), k::error_id::parse_syntax);
    EXPECT_NE(std::string(e.what()).find("the rule holds more than 100000 tests and operators once its sub-rules are "
                                         "written out in full ('r14' adds 65533)"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(i, 15U);
  EXPECT_EQ(rules.at("r14").size(), 65533U);
  // what was parsed still evaluates, in time linear in its written-out size
  k::record r(schema());
  r.set_integer("age", 20);
  EXPECT_EQ(rules.at("r14").evaluate(r).value, k::truth::yes);
}

TEST(Expression, SubRulesCountTheirLevels) {
  k::named_rules rules{{"r0", parse("age >= 18")}};
  for (std::size_t i = 1; i <= k::max_rule_depth; ++i) {
    const std::string name = "r" + std::to_string(i);
    rules.insert_or_assign(name, parse("r" + std::to_string(i - 1), rules));
    EXPECT_EQ(rules.at(name).depth(), i);
  }
  k::record r(schema());
  r.set_integer("age", 20);
  EXPECT_EQ(rules.at("r256").evaluate(r).value, k::truth::yes);
  EXPECT_EQ(rules.at("r256").fields(), std::vector<std::string>{"age"});
  try {
    (void)parse("r0 and\n  r256", rules);
    ADD_FAILURE();
  } catch (const k::parse_error& e) {
    EXPECT_EQ(e.id(), k::error_id::parse_syntax);
    EXPECT_EQ(e.line(), 2u);
    EXPECT_EQ(e.column(), 3u);
    EXPECT_NE(std::string(e.what()).find("deeper than 256 levels (a sub-rule opens a level and adds its own)"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW((void)parse("(r200)", {{"r200", rules.at("r255")}}), k::parse_error);
  EXPECT_EQ(parse("(r254)", {{"r254", rules.at("r254")}}).depth(), 256u);
}
