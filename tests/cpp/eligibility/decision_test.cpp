#include "kulkija/eligibility/decision.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;

TEST(Decision, CodesRoundTrip) {
  EXPECT_EQ(k::parse_criterion_kind("exclusion"), k::criterion_kind::exclusion);
  EXPECT_EQ(k::to_string(k::criterion_kind::warning), "warning");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_criterion_kind("must"), k::parse_error,
                           "unknown criterion kind 'must'; expected one of: inclusion, exclusion, warning");
  EXPECT_EQ(k::to_string(k::decision_status::not_eligible), "not_eligible");
  EXPECT_EQ(k::to_string(k::criterion_outcome::undetermined), "undetermined");
  EXPECT_EQ(static_cast<int>(k::decision_status::undetermined), 2);
}

TEST(Decision, ReasonsWarningsAndExplanation) {
  k::decision d;
  d.status = k::decision_status::undetermined;
  d.rule_set_id = "rs";
  d.rule_set_version = "1";
  d.decided_on = boost::gregorian::date(2026, 3, 1);
  d.language = k::text_language::en;
  d.results.push_back({"a", 0, k::criterion_kind::inclusion, k::truth::unknown, k::criterion_outcome::undetermined,
                       "Adult", {"age"}, {"age is 17 or 18"}});
  d.results.push_back({"w", 1, k::criterion_kind::warning, k::truth::yes, k::criterion_outcome::warning, "Careful", {}, {}});
  d.results.push_back({"c", 2, k::criterion_kind::inclusion, k::truth::yes, k::criterion_outcome::passed, "Consent", {}, {}});
  EXPECT_EQ(d.reasons(), std::vector<std::string>{"Adult (missing or uncertain: age); age is 17 or 18"});
  EXPECT_EQ(d.warnings(), std::vector<std::string>{"Careful"});
  EXPECT_EQ(d.explain(),
            "undetermined: rs 1 on 2026-03-01\n"
            "  [undetermined] a (inclusion): Adult (missing or uncertain: age); age is 17 or 18\n"
            "  [warning] w (warning): Careful\n"
            "  [passed] c (inclusion): Consent\n");
  d.language = k::text_language::fi;
  EXPECT_EQ(d.reasons().front().find("Adult (tieto puuttuu tai on epävarma: age)"), 0U);
}
