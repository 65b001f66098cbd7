#include "kulkija/eligibility/record.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;

namespace {
std::shared_ptr<const k::field_schema> schema() {
  return std::make_shared<const k::field_schema>(std::vector<k::field_spec>{
      {"age", k::field_type::integer, {}},
      {"score", k::field_type::number, {}},
      {"flag", k::field_type::boolean, {}},
      {"note", k::field_type::text, {}},
      {"living", k::field_type::code, {"alone", "with_family"}},
      {"needs", k::field_type::code_set, {"loneliness", "bereavement"}},
      {"since", k::field_type::calendar_date, {}}});
}
}  // namespace

TEST(Record, SettersCheckTypes) {
  k::record r(schema());
  for (std::size_t i = 0; i < r.schema().size(); ++i) EXPECT_TRUE(r.missing(i));
  r.set_integer("age", 40);
  r.set_number("score", 6.5);
  r.set_boolean("flag", true);
  r.set_text("note", "ok");
  r.set_code("living", "alone");
  r.set_codes("needs", {"bereavement", "bereavement"});
  r.set_date("since", boost::gregorian::date(2026, 1, 2));
  EXPECT_EQ(std::get<std::int64_t>(r.value("age")), 40);
  EXPECT_EQ(std::get<k::code_value>(r.value("living")).index, 0U);
  EXPECT_EQ(std::get<k::code_set_value>(r.value("needs")).bits, std::vector<std::uint64_t>{2});
  r.set_number("age", 41.0);
  EXPECT_EQ(std::get<std::int64_t>(r.value("age")), 41);
  r.set_number("score", std::nan(""));
  EXPECT_TRUE(r.missing(1));
  const k::record before = r;
  KULKIJA_EXPECT_THROW_MSG(r.set_boolean("age", true), k::invalid_argument, "age: is integer, cannot hold a boolean");
  KULKIJA_EXPECT_THROW_MSG(r.set_number("age", 4.5), k::invalid_argument, "age: is integer, cannot hold the number");
  KULKIJA_EXPECT_THROW_MSG(r.set_code("living", "alon"), k::invalid_argument, "living: unknown code 'alon' (did you mean 'alone'?)");
  KULKIJA_EXPECT_THROW_MSG(r.set_codes("needs", {"x"}), k::invalid_argument, "needs: unknown code 'x'");
  KULKIJA_EXPECT_THROW_MSG(r.set_integer("agee", 1), k::invalid_argument, "did you mean 'age'?");
  KULKIJA_EXPECT_THROW_MSG(r.set_text("note", "hetu 131052-308T"), k::invalid_argument, "personal identity code");
  KULKIJA_EXPECT_THROW_MSG(r.set_integer_range("age", 5, 4), k::invalid_argument, "range low 5 is above high 4");
  KULKIJA_EXPECT_THROW_MSG(r.set_date("since", boost::gregorian::date(boost::gregorian::not_a_date_time)),
                           k::invalid_argument, "since: must be a real date");
  KULKIJA_EXPECT_THROW_MSG(r.set(4, k::code_value{7}), k::invalid_argument, "living: the value does not fit a code field");
  EXPECT_EQ(r, before);
}

TEST(Record, RangesAndNotes) {
  k::record r(schema());
  r.set_integer_range("age", 17, 18, "only the year is known");
  EXPECT_EQ(std::get<k::integer_range>(r.value("age")), (k::integer_range{17, 18}));
  EXPECT_EQ(r.note(0), "only the year is known");
  r.set_integer_range("age", 18, 18, "ignored");
  EXPECT_EQ(std::get<std::int64_t>(r.value("age")), 18);
  EXPECT_EQ(r.note(0), "");
  r.clear("age");
  EXPECT_TRUE(r.missing(0));
  KULKIJA_EXPECT_THROW_MSG(k::record(nullptr), k::invalid_argument, "schema: must not be null");
}
