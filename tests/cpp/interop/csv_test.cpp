#include "kulkija/interop/csv.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;

TEST(Csv, ParsesRfc4180) {
  const auto t = k::parse_csv("\xEF\xBB\xBFid,note\r\n1,\"a, \"\"quoted\"\"\nline\"\r\n\n2,\r\n3,plain\n");
  EXPECT_EQ(t.header(), (std::vector<std::string>{"id", "note"}));
  ASSERT_EQ(t.rows().size(), 3U);
  EXPECT_EQ(t.rows()[0][1], "a, \"quoted\"\nline");
  EXPECT_EQ(t.rows()[1][1], "");
  EXPECT_EQ(t.rows()[2][1], "plain");
  EXPECT_EQ(t.line_of(0), 2U);
  EXPECT_EQ(t.line_of(1), 5U);
  EXPECT_EQ(t.column("note"), 1U);
  EXPECT_TRUE(t.has_column("id"));
  EXPECT_FALSE(t.has_column("x"));
}

TEST(Csv, ErrorsNameLineAndColumn) {
  try {
    (void)k::parse_csv("a,b\n1,2\n3\n", "x.csv");
    FAIL();
  } catch (const k::parse_error& e) {
    EXPECT_EQ(e.line(), 3U);
    EXPECT_EQ(e.path(), "x.csv");
    EXPECT_NE(std::string(e.what()).find("row has 1 fields; the header has 2"), std::string::npos);
  }
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_csv("a,b\n1,\"open\n"), k::parse_error,
                           "2:3: the quoted field starting here is never closed");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_csv("a,b\n1,x\"y\n"), k::parse_error, "2:4: a quote may only start a field");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_csv("a,b\n1,\"x\"y\n"), k::parse_error,
                           "expected ',' or a line end after a closing quote");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_csv(""), k::parse_error, "the file is empty");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_csv("a,a\n"), k::parse_error, "column name 'a' appears twice");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_csv("a,,b\n"), k::parse_error, "column 2 has no name");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_csv("a\rb\n"), k::parse_error, "carriage return");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_csv("a,b\n").column("c"), k::parse_error,
                           "missing column 'c'; columns present: a, b");
  KULKIJA_EXPECT_THROW_MSG((void)k::read_csv_file("/nonexistent/file.csv"), k::not_found, "file");
}

TEST(Csv, WritesWhatItReads) {
  const std::vector<std::string> fields{"plain", "with,comma", "with \"quote\"", "line\nbreak", " padded", ""};
  EXPECT_EQ(k::csv_field("plain"), "plain");
  EXPECT_EQ(k::csv_field("with \"quote\""), "\"with \"\"quote\"\"\"");
  const std::string text = k::csv_row({"a", "b", "c", "d", "e", "f"}) + k::csv_row(fields);
  const auto t = k::parse_csv(text);
  ASSERT_EQ(t.rows().size(), 1U);
  EXPECT_EQ(t.rows()[0], fields);
  // found by fuzzing: a header field that starts with a byte order mark survives a round trip
  const std::string bom_field = "\xEF\xBB\xBFh";
  const auto again = k::parse_csv(k::csv_row({bom_field}));
  EXPECT_EQ(again.header().front(), bom_field);
}
