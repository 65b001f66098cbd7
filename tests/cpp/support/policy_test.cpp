#include "kulkija/support/policy.hpp"

#include <gtest/gtest.h>

#include <string>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;

namespace {

std::string with(const std::string& members) {
  return R"({"id": "support-period", "version": "2026.1", "valid_from": "2026-01-01")" +
         (members.empty() ? "" : ", " + members) + "}";
}

}  // namespace

TEST(SupportPolicy, DocumentedDefaults) {
  const k::support_policy p;
  EXPECT_EQ(p.first_contact, (k::length{10, k::length_unit::business_days}));
  EXPECT_EQ(p.max_meetings, 12);
  EXPECT_EQ(p.max_length, (k::length{12, k::length_unit::weeks}));
  EXPECT_EQ(p.max_extensions, 1);
  EXPECT_EQ(p.extension_length, (k::length{6, k::length_unit::weeks}));
  EXPECT_TRUE(p.extension_reason_required);
  EXPECT_EQ(p.follow_up, (k::length{3, k::length_unit::months}));
  EXPECT_NO_THROW(k::validate(p));
  auto read = k::support_policy_from_json(with(""));  // missing members keep the defaults
  EXPECT_EQ(read.id, "support-period");
  EXPECT_EQ(read.version, "2026.1");
  EXPECT_EQ(read.valid_from, k::date(2026, 1, 1));
  EXPECT_EQ(read.valid_to, std::nullopt);
  read.id = p.id;
  read.version = p.version;
  read.valid_from = p.valid_from;
  EXPECT_EQ(read, p);
}

TEST(SupportPolicy, ReadsEveryMemberAndRoundTrips) {
  const auto p = k::support_policy_from_json(R"({
    "id": "soite", "version": "2026.2", "region": "Keski-Pohjanmaa", "valid_from": "2026-01-01",
    "valid_to": "2026-12-31",
    "first_contact": {"within": 5, "unit": "business_days"},
    "meetings": {"max": 8},
    "length": {"max": 3, "unit": "months"},
    "extensions": {"max": 2, "length": 4, "unit": "weeks", "reason_required": false},
    "pauses": {"max_total": 30, "unit": "days"},
    "no_contact": {"discontinue_after_days": 21, "warn_days_before": 5},
    "follow_up": {"after": 6, "unit": "months"},
    "due_soon": {"business_days": 3}})");
  EXPECT_EQ(p.id, "soite");
  EXPECT_EQ(p.version, "2026.2");
  EXPECT_EQ(p.region, "Keski-Pohjanmaa");
  EXPECT_EQ(p.valid_from, k::date(2026, 1, 1));
  EXPECT_EQ(p.valid_to, k::date(2026, 12, 31));
  EXPECT_TRUE(k::in_force_on(p, k::date(2026, 12, 31)));
  EXPECT_FALSE(k::in_force_on(p, k::date(2027, 1, 1)));
  EXPECT_FALSE(k::in_force_on(p, k::date(2025, 12, 31)));
  EXPECT_EQ(p.first_contact, (k::length{5, k::length_unit::business_days}));
  EXPECT_EQ(p.max_meetings, 8);
  EXPECT_EQ(p.max_length, (k::length{3, k::length_unit::months}));
  EXPECT_EQ(p.max_extensions, 2);
  EXPECT_EQ(p.extension_length, (k::length{4, k::length_unit::weeks}));
  EXPECT_FALSE(p.extension_reason_required);
  EXPECT_EQ(p.max_pause_total, (k::length{30, k::length_unit::days}));
  EXPECT_EQ(p.no_contact_days, 21);
  EXPECT_EQ(p.no_contact_warning_days, 5);
  EXPECT_EQ(p.follow_up, (k::length{6, k::length_unit::months}));
  EXPECT_EQ(p.due_soon_business_days, 3);
  EXPECT_EQ(k::support_policy_from_json(k::to_json(p)), p);
  EXPECT_EQ(k::to_string(p.max_length), "3 months");
}

TEST(SupportPolicy, ErrorsNameTheJsonPath) {
  KULKIJA_EXPECT_THROW_MSG((void)k::support_policy_from_json("{"), k::parse_error, "at $: 1:2: not valid JSON");
  // found by fuzzing: a number too large for a double is a parse error, not a crash
  KULKIJA_EXPECT_THROW_MSG((void)k::support_policy_from_json("44e994}"), k::parse_error,
                           "not valid JSON: a number is too large");
  // the text nlohmann read last never reaches the message: it could be personal data
  try {
    (void)k::support_policy_from_json("{\"id\": 131052-308T}");
    ADD_FAILURE();
  } catch (const k::parse_error& e) {
    EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
  }
  KULKIJA_EXPECT_THROW_MSG((void)k::support_policy_from_json("[]"), k::parse_error, "at $: must be an object, got array");
  KULKIJA_EXPECT_THROW_MSG((void)k::support_policy_from_json("{}"), k::parse_error, "at $.id: is required");
  KULKIJA_EXPECT_THROW_MSG((void)k::support_policy_from_json(R"({"id": "x", "version": "1"})"), k::parse_error,
                           "at $.valid_from: is required");
  KULKIJA_EXPECT_THROW_MSG((void)k::support_policy_from_json(with(R"("valid_to": "2025-12-31")")), k::parse_error,
                           "at $.valid_to: must be a real date not before valid_from (2026-01-01)");
  KULKIJA_EXPECT_THROW_MSG((void)k::support_policy_from_json(with(R"("region": 5)")), k::parse_error,
                           "at $.region: must be a string, got number");
  KULKIJA_EXPECT_THROW_MSG((void)k::support_policy_from_json(with(R"("meetings": {"max": 0})")), k::parse_error,
                           "at $.meetings.max: must be from 1 to 200, got 0");
  KULKIJA_EXPECT_THROW_MSG((void)k::support_policy_from_json(with(R"("meetings": {"max": "12"})")), k::parse_error,
                           "at $.meetings.max: must be an integer, got string");
  KULKIJA_EXPECT_THROW_MSG((void)k::support_policy_from_json(with(R"("meetings": {"maximum": 12})")), k::parse_error,
                           "at $.meetings.maximum: unknown member 'maximum'; expected one of: max");
  KULKIJA_EXPECT_THROW_MSG((void)k::support_policy_from_json(with(R"("extention": {})")), k::parse_error,
                           "at $.extention: unknown member");
  KULKIJA_EXPECT_THROW_MSG((void)k::support_policy_from_json(with(R"("extensions": {"max": 11})")), k::parse_error,
                           "at $.extensions.max: must be from 0 to 10, got 11");
  KULKIJA_EXPECT_THROW_MSG((void)k::support_policy_from_json(with(R"("extensions": {"reason_required": 1})")),
                           k::parse_error, "at $.extensions.reason_required: must be true or false");
  KULKIJA_EXPECT_THROW_MSG((void)k::support_policy_from_json(with(R"("length": {"unit": "fortnights"})")),
                           k::parse_error,
                           "[kulkija.parse_error.105] at $.length.unit: unknown length unit 'fortnights'; expected one of: "
                           "days, business_days, weeks, months");
  KULKIJA_EXPECT_THROW_MSG((void)k::support_policy_from_json(with(R"("length": {"unit": "business_days"})")),
                           k::parse_error, "at $.length.unit: must be days, weeks or months");
  KULKIJA_EXPECT_THROW_MSG((void)k::support_policy_from_json(with(R"("valid_to": "2026-02-30")")), k::parse_error,
                           "[kulkija.parse_error.102] at $.valid_to: 1:9: day must be 01 to 28 in '2026-02-30'");
  KULKIJA_EXPECT_THROW_MSG((void)k::support_policy_from_json(R"({"id": "bad id", "version": "1", "valid_from": "2026-01-01"})"),
                           k::parse_error, "at $.id: ");
  KULKIJA_EXPECT_THROW_MSG(
      (void)k::support_policy_from_json(with(R"("no_contact": {"discontinue_after_days": 10, "warn_days_before": 10})")),
      k::parse_error, "at $.no_contact.warn_days_before: must be from 0 to 9, got 10");
  KULKIJA_EXPECT_THROW_MSG((void)k::support_policy_from_json(with(R"("pauses": {"unit": "months"})")), k::parse_error,
                           "at $.pauses.unit: must be days or weeks");
  try {
    (void)k::support_policy_from_json(with(R"("follow_up": {"after": 30})"));
    FAIL();
  } catch (const k::parse_error& e) {
    EXPECT_EQ(e.path(), "$.follow_up.after");
    EXPECT_EQ(e.id(), k::error_id::parse_syntax);
  }
}

TEST(SupportPolicy, ValidateNamesTheField) {
  k::support_policy p;
  p.version = "";
  KULKIJA_EXPECT_THROW_MSG(k::validate(p), k::invalid_argument, "version: ");
  p = {};
  p.max_length = {0, k::length_unit::weeks};
  KULKIJA_EXPECT_THROW_MSG(k::validate(p), k::invalid_argument, "length.max: must be from 1 to 104, got 0");
  EXPECT_EQ(k::parse_length_unit("weeks"), k::length_unit::weeks);
  EXPECT_EQ(k::to_string(k::length_unit::business_days), "business_days");
}

TEST(SupportLength, ValidateChecksTheUnitAndTheAmountForEachUnit) {
  EXPECT_NO_THROW(k::validate("x", k::length{730, k::length_unit::days}));
  EXPECT_NO_THROW(k::validate("x", k::length{0, k::length_unit::weeks}));
  KULKIJA_EXPECT_THROW_MSG(k::validate("x", k::length{731, k::length_unit::days}), k::invalid_argument,
                           "x: must be from 0 to 730, got 731");
  KULKIJA_EXPECT_THROW_MSG(k::validate("x", k::length{521, k::length_unit::business_days}), k::invalid_argument,
                           "to 520");
  KULKIJA_EXPECT_THROW_MSG(k::validate("x", k::length{105, k::length_unit::weeks}), k::invalid_argument, "to 104");
  KULKIJA_EXPECT_THROW_MSG(k::validate("x", k::length{25, k::length_unit::months}), k::invalid_argument, "to 24");
  KULKIJA_EXPECT_THROW_MSG(k::validate("x", k::length{0, k::length_unit::weeks}, 1), k::invalid_argument,
                           "x: must be from 1 to 104, got 0");
  KULKIJA_EXPECT_THROW_MSG(k::validate("x", k::length{1, static_cast<k::length_unit>(9)}), k::invalid_argument,
                           "x.unit: must be a length unit");
}

TEST(SupportLength, AddLengthCountsEachUnit) {
  const k::finnish_calendar cal;
  const k::date fri(2026, 12, 4);  // the Friday before Independence Day (Sunday 6 December 2026)
  EXPECT_EQ(k::add_length(fri, {3, k::length_unit::days}, cal), k::date(2026, 12, 7));
  EXPECT_EQ(k::add_length(fri, {1, k::length_unit::business_days}, cal), k::date(2026, 12, 7));
  EXPECT_EQ(k::add_length(k::date(2026, 12, 23), {1, k::length_unit::business_days}, cal), k::date(2026, 12, 28));
  EXPECT_EQ(k::add_length(fri, {2, k::length_unit::weeks}, cal), k::date(2026, 12, 18));
  EXPECT_EQ(k::add_length(k::date(2026, 1, 31), {1, k::length_unit::months}, cal), k::date(2026, 2, 28));
  EXPECT_EQ(k::add_length(k::date(2028, 1, 30), {1, k::length_unit::months}, cal), k::date(2028, 2, 29));
  EXPECT_EQ(k::add_length(fri, {0, k::length_unit::business_days}, cal), fri);
}
