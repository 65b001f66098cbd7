// Every JSON reader of the library on hostile input (issue 15): nesting 100,000 levels deep, a
// number too large for a double and invalid UTF-8 are each a kulkija::parse_error at `$`,
// never a crash and never another exception type.
#include <gtest/gtest.h>

#include <exception>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "kulkija/core/error.hpp"
#include "kulkija/eligibility/rule_set.hpp"
#include "kulkija/interop/fhir.hpp"
#include "kulkija/interop/hsds.hpp"
#include "kulkija/matching/policy.hpp"
#include "kulkija/outcomes/instrument.hpp"
#include "kulkija/support/calendar.hpp"
#include "kulkija/support/policy.hpp"

namespace k = kulkija;

namespace {

using reader = std::function<void(std::string_view)>;

std::vector<std::pair<std::string, reader>> readers() {
  return {
      {"rule_set", [](std::string_view t) { (void)k::rule_set::from_json(t); }},
      {"fhir", [](std::string_view t) { (void)k::from_fhir(t); }},
      {"fhir_bundle", [](std::string_view t) { (void)k::from_fhir_bundle(t); }},
      {"hsds", [](std::string_view t) { (void)k::catalogue_from_hsds(t); }},
      {"matching_policy", [](std::string_view t) { (void)k::matching_policy_from_json(t); }},
      {"support_policy", [](std::string_view t) { (void)k::support_policy_from_json(t); }},
      {"calendar", [](std::string_view t) { (void)k::calendar_options_from_json(t); }},
      {"instrument", [](std::string_view t) { (void)k::instrument_from_json(t); }},
  };
}

// `text` read by every reader throws a parse_error whose message holds `fragment`, at `$`.
void expect_parse_error(const std::string& name, const std::string& text, const std::string& fragment,
                        std::size_t line = 0, std::size_t column = 0) {
  for (const auto& [reader_name, read] : readers()) {
    SCOPED_TRACE(reader_name + " reading " + name);
    try {
      read(text);
      ADD_FAILURE() << "expected a parse_error";
    } catch (const k::parse_error& e) {
      EXPECT_EQ(e.path(), "$") << e.what();
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what() << "\nexpected: " << fragment;
      if (line > 0) {
        EXPECT_EQ(e.line(), line) << e.what();
        EXPECT_EQ(e.column(), column) << e.what();
      }
    } catch (const std::exception& e) {
      ADD_FAILURE() << "expected a parse_error, got: " << e.what();
    }
  }
}

std::string deep(std::size_t levels, std::string_view open, std::string_view inner, std::string_view close) {
  std::string s;
  for (std::size_t i = 0; i < levels; ++i) s += open;
  s += inner;
  for (std::size_t i = 0; i < levels; ++i) s += close;
  return s;
}

}  // namespace

TEST(JsonReaders, DeepNestingIsAParseErrorNamingTheLimit) {
  const std::string limit = "arrays and objects nest deeper than 256 levels";
  expect_parse_error("deep arrays", deep(100000, "[", "1", "]"), limit, 1, 257);
  expect_parse_error("unclosed arrays", std::string(100000, '['), limit, 1, 257);
  expect_parse_error("deep objects", deep(100000, R"({"a":)", "1", "}"), limit, 1, 257 * 5 - 4);
  // the outer object is the first level: the 256th '[' opens the 257th
  expect_parse_error("deep member", "{\n  \"resourceType\": " + deep(100000, "[", "", "]") + "}", limit, 2,
                     19 + 255);
  expect_parse_error("deep mixed", deep(50000, R"([{"x":)", "null", "}]"), limit);
}

TEST(JsonReaders, BracketsInStringsDoNotCount) {
  // 300 '[' inside a string (with escaped quotes) are text, not nesting: the readers go on to
  // their own checks, which fail differently.
  const std::string text = R"({"resourceType": "\"[)" + std::string(300, '[') + R"(\\", "x": [[1]]})";
  for (const auto& [reader_name, read] : readers()) {
    SCOPED_TRACE(reader_name);
    try {
      read(text);
      ADD_FAILURE() << "expected an error";
    } catch (const k::error& e) {
      EXPECT_EQ(std::string(e.what()).find("nest deeper"), std::string::npos) << e.what();
    }
  }
}

TEST(JsonReaders, NestingAtTheLimitIsRead) {
  // 256 levels pass the depth check and reach each reader's own rules (which reject them).
  for (const auto& [reader_name, read] : readers()) {
    SCOPED_TRACE(reader_name);
    try {
      read(deep(256, "[", "", "]"));
      ADD_FAILURE() << "expected an error";
    } catch (const k::parse_error& e) {
      EXPECT_EQ(std::string(e.what()).find("nest deeper"), std::string::npos) << e.what();
    }
  }
}

TEST(JsonReaders, NumberOverflowIsAParseError) {
  expect_parse_error("1e999", R"({"resourceType": 1e999})", "a number is too large");
  expect_parse_error("-1e999 in an array", R"({"a": [1, 2, -1e999]})", "a number is too large");
  expect_parse_error("1e999 alone", "1e999", "a number is too large");
}

TEST(JsonReaders, InvalidUtf8IsAParseError) {
  expect_parse_error("a lone continuation byte", "{\"resourceType\": \"a\x80z\"}", "not valid JSON", 1, 20);
  expect_parse_error("a truncated sequence", "{\"id\": \"\xc3\"}", "not valid JSON");
  expect_parse_error("0xff in a key", "{\"\xff\": 1}", "not valid JSON");
  expect_parse_error("an overlong encoding", "[\"\xc0\xaf\"]", "not valid JSON");
  expect_parse_error("a surrogate", "[\"\xed\xa0\x80\"]", "not valid JSON");
}
