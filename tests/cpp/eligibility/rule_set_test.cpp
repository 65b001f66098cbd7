#include "kulkija/eligibility/rule_set.hpp"

#include <gtest/gtest.h>

#include "../referral/fixtures.hpp"
#include "../test_support.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/core/municipality.hpp"
#include "kulkija/eligibility/client_record.hpp"
#include "kulkija/detail/rule_node.hpp"

namespace k = kulkija;
using boost::gregorian::date;

namespace {

const std::string rules_dir = std::string(KULKIJA_SOURCE_DIR) + "/examples/data/rules/";

std::string minimal(const std::string& criteria, const std::string& extra = "") {
  return R"({"id": "rs", "version": "1", "region": "R", "valid_from": "2026-01-01", )" + extra +
         R"("criteria": )" + criteria + "}";
}

const std::string ok_criterion =
    R"({"id": "adult", "kind": "inclusion", "expression": "age >= 18", "reason": {"fi": "a", "sv": "b", "en": "c"}})";

void expect_json_error(const std::string& json, const std::string& path, const std::string& fragment,
                       std::size_t line = 0, std::size_t column = 0) {
  try {
    (void)k::rule_set::from_json(json);
    ADD_FAILURE() << "expected an error for " << json;
  } catch (const k::parse_error& e) {
    EXPECT_EQ(e.path(), path) << e.what();
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what() << "\nexpected: " << fragment;
    if (line > 0) {
      EXPECT_EQ(e.line(), line) << e.what();
      EXPECT_EQ(e.column(), column) << e.what();
    }
  }
}

k::referral eligible_referral() {
  k::client c{k::client_id{"C-9"}, 1980, k::municipality{272}, {k::language{"fi"}}};
  c.set_living(k::living_situation::alone);
  c.set_needs({k::need::loneliness});
  k::referral r{k::referral_id{"R-9"}, c, k::testing::sample_referrer(), k::need_set{k::need::loneliness}};
  r.record_consent(k::testing::at("2026-02-01T09:00:00Z"));
  return r;
}

}  // namespace

TEST(RuleSet, ShippedWellbeingReferral) {
  const auto rs = k::rule_set::load(rules_dir + "wellbeing-referral.json");
  EXPECT_EQ(rs.id(), "wellbeing-referral");
  EXPECT_EQ(rs.criteria().size(), 9U);
  EXPECT_TRUE(rs.in_force_on(date(2030, 1, 1)));
  EXPECT_FALSE(rs.in_force_on(date(2025, 12, 31)));
  // every municipality listed in the region is a real one
  for (const auto& v : rs.rules().at("resident").root()->values) EXPECT_TRUE(k::municipality::is_valid(static_cast<int>(v.i)));

  k::record r = k::client_record(eligible_referral(), date(2026, 3, 1));
  // the professional has not yet said whether the client needs medical care
  r.set_boolean("own_resources_sufficient", false);
  k::decision d = rs.evaluate(r, date(2026, 3, 1), k::text_language::en);
  EXPECT_EQ(d.status, k::decision_status::undetermined);
  EXPECT_EQ(d.results.front().criterion_id, "no_medical_need");
  EXPECT_EQ(d.reasons(), std::vector<std::string>{
                             "The client primarily needs medical treatment. (missing or uncertain: needs_medical_care)"});
  r.set_boolean("needs_medical_care", false);
  d = rs.evaluate(r, date(2026, 3, 1), k::text_language::sv);
  EXPECT_EQ(d.status, k::decision_status::eligible) << d.explain();
  EXPECT_TRUE(d.reasons().empty());
  r.set_boolean("needs_medical_care", true);
  r.set_integer("municipality", 91);  // Helsinki
  d = rs.evaluate(r, date(2026, 3, 1), k::text_language::fi);
  EXPECT_EQ(d.status, k::decision_status::not_eligible);
  EXPECT_EQ(d.results[0].criterion_id, "no_medical_need");
  EXPECT_EQ(d.results[1].criterion_id, "resident");
  EXPECT_EQ(d.reasons()[1], "Asiakas asuu hyvinvointialueella.");
}

TEST(RuleSet, BirthYearOnlyStraddlingTheThresholdIsUndetermined) {
  const auto rs = k::rule_set::load(rules_dir + "kaikukortti.json");
  k::client c{k::client_id{"C-1"}, 2010, k::municipality{272}, {k::language{"fi"}}};
  c.set_needs({k::need::financial_hardship});
  k::record r = k::client_record(c, date(2026, 6, 1));
  r.set_boolean("participating_unit_client", true);
  k::decision d = rs.evaluate(r, date(2026, 6, 1), k::text_language::en);
  EXPECT_EQ(d.status, k::decision_status::undetermined);
  EXPECT_EQ(d.results[0].criterion_id, "age_16");
  EXPECT_EQ(d.results[0].undetermined_fields, std::vector<std::string>{"age"});
  EXPECT_EQ(d.reasons()[0],
            "The cardholder is 16 or over. (missing or uncertain: age); age is 15 or 16 on 2026-06-01: only the "
            "birth year 2010 is known");
  // later in the year the birthday has surely passed
  r = k::client_record(c, date(2026, 12, 31));
  r.set_boolean("participating_unit_client", true);
  EXPECT_EQ(rs.evaluate(r, date(2026, 12, 31)).status, k::decision_status::eligible);
  // and with a birth date the age is exact
  c.set_birth_date(date(2010, 7, 1));
  EXPECT_EQ(rs.evaluate(c, date(2026, 6, 1)).status, k::decision_status::not_eligible);
}

TEST(RuleSet, EvaluatesReferralsAndChecksTheDay) {
  const auto rs = k::rule_set::load(rules_dir + "wellbeing-referral.json");
  const k::decision d = rs.evaluate(eligible_referral(), date(2026, 3, 1));
  EXPECT_EQ(d.status, k::decision_status::undetermined);
  EXPECT_EQ(d.rule_set_version, "2026.1");
  KULKIJA_EXPECT_THROW_MSG((void)rs.evaluate(eligible_referral(), date(2025, 3, 1)), k::invalid_argument,
                           "on: rule set 'wellbeing-referral' version '2026.1' is not in force on 2025-03-01");
}

TEST(RuleSet, BadJsonNamesThePath) {
  expect_json_error("{", "$", "not valid JSON");
  expect_json_error("[]", "$", "must be an object, got array");
  expect_json_error(minimal("[" + ok_criterion + "]", R"("vesion": 1, )"), "$.vesion",
                    "unknown member 'vesion' (did you mean 'version'?)");
  expect_json_error(R"({"id": "rs", "region": "R", "valid_from": "2026-01-01", "criteria": []})", "$.version", "is required");
  expect_json_error(minimal("[" + ok_criterion + "]", R"("zzz": 1, )"), "$.zzz",
                    "unknown member 'zzz'; expected one of: id, version, region, valid_from, valid_to, description, "
                    "rules, criteria");
  expect_json_error(minimal("[]"), "$.criteria", "must hold at least one criterion");
  expect_json_error(minimal("{}"), "$.criteria", "must be an array, got object");
  expect_json_error(minimal("[" + ok_criterion + "]", R"("valid_to": "2025-01-01", )"), "$.valid_to", "must not be before valid_from");
  expect_json_error(minimal("[" + ok_criterion + "]", R"("valid_to": "2026-13-01", )"), "$.valid_to", "is not an ISO 8601 date");
  expect_json_error(minimal("[" + ok_criterion + ", " + ok_criterion + "]"), "$.criteria[1].id", "criterion id 'adult' is used twice");
  expect_json_error(minimal(R"([{"id": "a", "kind": "must", "expression": "age > 1", "reason": {"fi": "a", "sv": "b", "en": "c"}}])"),
                    "$.criteria[0].kind", "unknown criterion kind 'must'");
  expect_json_error(minimal(R"([{"id": "a", "kind": "inclusion", "expression": "age > 1", "reason": {"fi": "a", "sv": "", "en": "c"}}])"),
                    "$.criteria[0].reason.sv", "must not be empty");
  expect_json_error(minimal(R"([{"id": "a", "kind": "inclusion", "expression": "age > 1", "reason": {"fi": "a", "en": "c"}}])"),
                    "$.criteria[0].reason.sv", "is required");
  expect_json_error(minimal(R"([{"id": "a", "kind": "inclusion", "expression": 5, "reason": {"fi": "a", "sv": "b", "en": "c"}}])"),
                    "$.criteria[0].expression", "must be a string, got number");
  expect_json_error(minimal("[" + ok_criterion + R"(, {"id": "b", "kind": "inclusion", "expression": "x and\n agee > 1", "reason": {"fi": "a", "sv": "b", "en": "c"}}])"),
                    "$.criteria[1].expression", "at $.criteria[1].expression: 1:1: unknown field or rule 'x'", 1, 1);
  expect_json_error(minimal("[" + ok_criterion + R"(, {"id": "b", "kind": "inclusion", "expression": "age > 1 and\n agee > 1", "reason": {"fi": "a", "sv": "b", "en": "c"}}])"),
                    "$.criteria[1].expression", "2:2: unknown field or rule 'agee' (did you mean 'age'?)", 2, 2);
  expect_json_error(minimal("[" + ok_criterion + "]", R"("rules": {"a": "b", "b": "c and age > 1", "c": "a"}, )"),
                    "$.rules.a", "rule 'a' refers to itself: a -> b -> c -> a");
  expect_json_error(minimal("[" + ok_criterion + "]", R"("rules": {"age": "true"}, )"), "$.rules.age", "rule name 'age' is also a field");
  expect_json_error(minimal("[" + ok_criterion + "]", R"("rules": {"x": "agee > 1"}, )"), "$.rules.x", "did you mean 'age'?");
  try {
    (void)k::rule_set::from_json(minimal("[" + ok_criterion + "]", R"("description": "hetu 131052-308T", )"));
    ADD_FAILURE();
  } catch (const k::parse_error& e) {
    EXPECT_EQ(e.path(), "$.description");
    EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
  }
  KULKIJA_EXPECT_THROW_MSG((void)k::rule_set::load(rules_dir + "no-such.json"), k::not_found, "not found");
}

TEST(RuleSet, RulesInAnyOrderAndCollectionsPickTheVersionInForce) {
  const auto rs = k::rule_set::from_json(minimal(std::string("[") + R"({"id": "x", "kind": "inclusion", "expression": "b", "reason": {"fi": "a", "sv": "b", "en": "c"}})" + std::string("]"),
                                                 R"("rules": {"b": "a and consent_given", "a": "age >= 18"}, )"));
  EXPECT_EQ(rs.rules().size(), 2U);
  k::rule_set_collection all;
  auto version = [](const char* v, const char* from, const char* to) {
    return k::rule_set::from_json(std::string(R"({"id": "rs", "version": ")") + v +
                                  R"(", "region": "R", "valid_from": ")" + from + R"(", "valid_to": )" + to +
                                  R"(, "criteria": [)" + ok_criterion + "]}");
  };
  all.add(version("1", "2025-01-01", "\"2025-12-31\""));
  all.add(version("2", "2026-01-01", "null"));
  all.add(k::rule_set::load(rules_dir + "kaikukortti.json"));
  EXPECT_EQ(all.in_force("rs", date(2025, 12, 31)).version(), "1");
  EXPECT_EQ(all.in_force("rs", date(2026, 1, 1)).version(), "2");
  EXPECT_EQ(all.in_force("kaikukortti", date(2026, 1, 1)).id(), "kaikukortti");
  KULKIJA_EXPECT_THROW_MSG((void)all.in_force("rs", date(2024, 5, 1)), k::not_found, "rule set in force on 2024-05-01 'rs' not found");
  KULKIJA_EXPECT_THROW_MSG(all.add(version("3", "2026-06-01", "\"2026-12-31\"")), k::invalid_argument,
                           "rule_set: version '3' of 'rs' overlaps version '2' from 2026-06-01");
  KULKIJA_EXPECT_THROW_MSG(all.add(version("0", "2024-01-01", "\"2025-01-01\"")), k::invalid_argument,
                           "overlaps version '1' from 2025-01-01");
  EXPECT_EQ(all.all().size(), 3U);
  all.add(version("0", "2024-01-01", "\"2024-12-31\""));
  EXPECT_EQ(all.in_force("rs", date(2024, 5, 1)).version(), "0");
}

// Issue 15: a deep rule or a long chain of sub-rules is a parse_error at its path, never a crash.
TEST(RuleSet, DeepRulesAndLongSubRuleChainsAreParseErrors) {
  auto criterion = [](const std::string& expression) {
    return R"([{"id": "a", "kind": "inclusion", "expression": ")" + expression +
           R"(", "reason": {"fi": "a", "sv": "b", "en": "c"}}])";
  };
  const std::string deep = std::string(300, '(') + "age >= 18" + std::string(300, ')');
  expect_json_error(minimal(criterion(deep)), "$.criteria[0].expression",
                    "at $.criteria[0].expression: 1:257: the rule nests deeper than 256 levels", 1, 257);
  // a rule in a rule set has at most 2,000 bytes: 20,000 levels fail before the parser
  const std::string deeper = std::string(20000, '(') + "age >= 18" + std::string(20000, ')');
  expect_json_error(minimal(criterion(deeper)), "$.criteria[0].expression", "at most 2000 bytes");
  auto chain = [](std::size_t n) {
    std::string rules = R"("rules": {"r0": "age >= 18")";
    for (std::size_t i = 1; i < n; ++i) rules += ", \"r" + std::to_string(i) + "\": \"r" + std::to_string(i - 1) + "\"";
    return rules + "}, ";
  };
  const std::string last_of_300 =
      R"([{"id": "a", "kind": "inclusion", "expression": "r299", "reason": {"fi": "a", "sv": "b", "en": "c"}}])";
  expect_json_error(minimal(last_of_300, chain(100000)), "$.rules.r744", "sub-rules nest deeper than 256 levels");
  const k::rule_set ok = k::rule_set::from_json(minimal(
      R"([{"id": "a", "kind": "inclusion", "expression": "r255", "reason": {"fi": "a", "sv": "b", "en": "c"}}])", chain(256)));
  EXPECT_EQ(ok.criteria().at(0).condition.depth(), 256u);
  expect_json_error(minimal(last_of_300, chain(300)), "$.rules.r257", "deeper than 256 levels");
}
