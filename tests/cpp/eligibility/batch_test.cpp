#include "kulkija/eligibility/batch.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <span>
#include <limits>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;

namespace {

std::shared_ptr<const k::field_schema> schema() {
  static const auto s = std::make_shared<const k::field_schema>(std::vector<k::field_spec>{
      {"age", k::field_type::integer, {}},
      {"score", k::field_type::number, {}},
      {"flag", k::field_type::boolean, {}},
      {"living", k::field_type::code, {"alone", "with_partner", "with_family", "other"}},
      {"needs", k::field_type::code_set, {"a", "b", "c", "d", "e"}},
      {"day", k::field_type::calendar_date, {}},
      {"town", k::field_type::integer, {}},
      {"wide", k::field_type::integer, {}},
      {"note", k::field_type::text, {}}});
  return s;
}

// Random columns of every kind, with validity masks, and the same rows as records.
struct batch_rows {
  std::size_t n;
  std::vector<std::int16_t> age;
  std::vector<float> score;
  std::vector<std::uint8_t> flag;
  std::vector<std::int8_t> living;
  std::vector<std::uint16_t> needs;
  std::vector<std::int64_t> day;
  std::vector<std::int16_t> town;
  std::vector<std::int64_t> wide;
  std::vector<std::uint8_t> age_ok, flag_ok, needs_ok, town_ok;
  k::column_table table;
  std::vector<k::record> records;

  explicit batch_rows(std::size_t rows, unsigned seed) : n(rows) {
    std::mt19937_64 rng(seed);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    for (std::size_t i = 0; i < n; ++i) {
      age.push_back(static_cast<std::int16_t>(pick(-5, 110)));
      const int s = pick(0, 20);
      score.push_back(s == 0 ? std::numeric_limits<float>::quiet_NaN() : static_cast<float>(pick(0, 100)) / 10.0F + (s == 1 ? 0.05F : 0.0F));
      flag.push_back(static_cast<std::uint8_t>(pick(0, 2)));
      living.push_back(static_cast<std::int8_t>(pick(-1, 4)));  // -1 and 4 are missing
      needs.push_back(static_cast<std::uint16_t>(pick(0, 31)));
      day.push_back(pick(0, 10) == 0 ? std::numeric_limits<std::int64_t>::min() : 20000 + pick(0, 800));
      town.push_back(static_cast<std::int16_t>(pick(0, 1) != 0 ? pick(0, 40) * 25 : pick(-60, 1100)));
      wide.push_back(static_cast<std::int64_t>(pick(-3, 30)) * 1000000007LL);
      age_ok.push_back(static_cast<std::uint8_t>(pick(0, 9) != 0));
      flag_ok.push_back(static_cast<std::uint8_t>(pick(0, 5) != 0));
      needs_ok.push_back(static_cast<std::uint8_t>(pick(0, 7) != 0));
      town_ok.push_back(static_cast<std::uint8_t>(pick(0, 12) != 0));
    }
    table.add("age", k::make_column<std::int16_t>(age, age_ok.data()));
    table.add("score", k::make_column<float>(score));
    table.add("flag", {k::column_type::boolean, flag.data(), n, flag_ok.data()});
    table.add("living", k::make_column<std::int8_t>(living));
    table.add("needs", k::make_column<std::uint16_t>(needs, needs_ok.data()));
    table.add("day", k::make_column<std::int64_t>(day));
    table.add("town", k::make_column<std::int16_t>(town, town_ok.data()));
    table.add("wide", k::make_column<std::int64_t>(wide));
    const auto& sc = *schema();
    for (std::size_t i = 0; i < n; ++i) {
      k::record r(schema());
      if (age_ok[i]) r.set_integer("age", age[i]);
      r.set_number("score", static_cast<double>(score[i]));
      if (flag_ok[i]) r.set_boolean("flag", flag[i] != 0);
      if (living[i] >= 0 && living[i] < 4) r.set_code("living", sc[3].codes[static_cast<std::size_t>(living[i])]);
      if (needs_ok[i]) r.set(4, k::code_set_value{{needs[i]}});
      if (day[i] != std::numeric_limits<std::int64_t>::min()) {
        r.set_date("day", k::date(1970, 1, 1) + boost::gregorian::days(day[i]));
      }
      if (town_ok[i]) r.set_integer("town", town[i]);
      r.set_integer("wide", wide[i]);
      records.push_back(std::move(r));
    }
  }
};

// A random expression over the schema, from the grammar.
std::string random_expression(std::mt19937_64& rng, int depth) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  if (depth > 0 && pick(0, 2) != 0) {
    const int k = pick(0, 2);
    if (k == 0) return "not (" + random_expression(rng, depth - 1) + ")";
    const std::string op = k == 1 ? " and " : " or ";
    std::string out = "(" + random_expression(rng, depth - 1);
    for (int i = pick(1, 3); i > 0; --i) out += op + random_expression(rng, depth - 1);
    return out + ")";
  }
  static const char* ops[] = {"=", "!=", "<", "<=", ">", ">="};
  const std::string op = ops[pick(0, 5)];
  switch (pick(0, 17)) {
    case 0: return "age " + op + " " + std::to_string(pick(-40000, 40000) / (pick(0, 1) ? 1 : 300));
    case 1: return "score " + op + " " + std::to_string(pick(0, 100) / 10) + "." + std::to_string(pick(0, 99));
    case 2: return "flag";
    case 3: return std::string("flag ") + (pick(0, 1) ? "=" : "!=") + (pick(0, 1) ? " true" : " false");
    case 4: return std::string("living ") + (pick(0, 1) ? "= " : "!= ") + (pick(0, 1) ? "alone" : "other");
    case 5: return "living in [with_partner, with_family]";
    case 6: return "needs has " + std::string(1, static_cast<char>('a' + pick(0, 4)));
    case 7: return "needs has any [a, e]";
    case 8: return "needs has all [b, c, d]";
    case 9: return "day " + op + " 2025-0" + std::to_string(pick(1, 9)) + "-1" + std::to_string(pick(0, 9));
    case 10: {  // a random set of 5 to 12 values: sometimes within 1024 of each other, sometimes not
      std::string out = "town in [";
      for (int i = pick(5, 12); i > 0; --i) {
        out += std::to_string(pick(0, 1) != 0 ? pick(-2, 44) * 25 : pick(-60, 1100)) + (i > 1 ? ", " : "]");
      }
      return out;
    }
    case 11: return "town not in [50, 75]";
    case 12: return std::string(pick(0, 1) ? "age" : "score") + " between " + std::to_string(pick(0, 20)) + " and " + std::to_string(pick(20, 90));
    case 13: return "age not between 18 and 64";
    case 14: return std::string(pick(0, 1) ? "flag" : "score") + (pick(0, 1) ? " is missing" : " is not missing");
    case 15: return "wide in [0, 1000000007, 5000000035, 7000000049, 9000000063, 11000000077, 13000000091, 15000000105, 17000000119, -2000000014]";
    case 16: return "wide " + op + " " + std::to_string(pick(-3, 30) * 1000000007LL);
    default: return pick(0, 1) ? "true" : "false";
  }
}

}  // namespace

TEST(Batch, RandomRulesEqualPerRecordEvaluation) {
  const batch_rows data(3000, 42);
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 150; ++trial) {
    const std::string text = random_expression(rng, 3);
    const k::expression e = k::expression::parse(text, schema());
    const k::compiled_rule compiled(e);
    std::vector<std::uint8_t> out(data.n, 9);
    compiled.evaluate(data.table, out);
    std::unique_ptr<bool[]> selected(new bool[data.n]);  // (std::vector<bool> has no span)
    compiled.select(data.table, std::span<bool>(selected.get(), data.n));
    for (std::size_t i = 0; i < data.n; ++i) {
      const auto want = static_cast<std::uint8_t>(e.evaluate(data.records[i]).value);
      ASSERT_EQ(out[i], want) << text << " row " << i << " (" << k::batch_instruction_set() << ")";
      ASSERT_EQ(selected[i], want == 1) << text << " row " << i;
    }
  }
}

TEST(Batch, RuleSetsEqualPerRecordDecisions) {
  const batch_rows data(2500, 3);
  const auto rs = k::rule_set::from_json(R"({"id": "t", "version": "1", "region": "R", "valid_from": "2020-01-01",
    "rules": {"adult": "age >= 18", "in_town": "town in [0, 25, 100, 275, 500, 725, 900, 1000]"},
    "criteria": [
      {"id": "adult", "kind": "inclusion", "expression": "adult", "reason": {"fi": "a", "sv": "a", "en": "a"}},
      {"id": "flag", "kind": "exclusion", "expression": "flag and adult", "reason": {"fi": "b", "sv": "b", "en": "b"}},
      {"id": "warn", "kind": "warning", "expression": "score < 2", "reason": {"fi": "w", "sv": "w", "en": "w"}},
      {"id": "needs", "kind": "inclusion", "expression": "needs has any [a, b] or score < 5.5", "reason": {"fi": "c", "sv": "c", "en": "c"}},
      {"id": "town", "kind": "inclusion", "expression": "in_town", "reason": {"fi": "d", "sv": "d", "en": "d"}}
    ]})", schema());
  const k::compiled_rule_set compiled(rs);
  EXPECT_EQ(compiled.fields(), (std::vector<std::string>{"age", "score", "flag", "needs", "town"}));
  EXPECT_EQ(compiled.criterion_ids().size(), 5U);
  std::vector<std::uint8_t> status(data.n);
  std::vector<std::int32_t> first(data.n);
  compiled.evaluate(data.table, status, first);
  std::size_t seen[3] = {0, 0, 0};
  for (std::size_t i = 0; i < data.n; ++i) {
    const k::decision d = rs.evaluate(data.records[i], k::date(2026, 1, 1));
    ASSERT_EQ(status[i], static_cast<std::uint8_t>(d.status)) << "row " << i;
    const std::int32_t want = d.status == k::decision_status::eligible ? -1 : static_cast<std::int32_t>(d.results.front().position);
    ASSERT_EQ(first[i], want) << "row " << i;
    ++seen[status[i]];
  }
  EXPECT_GT(seen[0], 0U);
  EXPECT_GT(seen[1], 0U);
  EXPECT_GT(seen[2], 0U);
}

TEST(Batch, ThreadsGiveTheSameResults) {
  // enough rows for three threads of at least 262,144 rows, and a ragged end
  const std::size_t n = 3 * 262144 + 1234;
  std::mt19937_64 rng(11);
  std::vector<std::int16_t> age(n);
  std::vector<float> score(n);
  std::vector<std::int16_t> town(n);
  std::vector<std::uint8_t> town_ok(n);
  for (std::size_t i = 0; i < n; ++i) {
    age[i] = static_cast<std::int16_t>(rng() % 120);
    score[i] = rng() % 50 == 0 ? std::numeric_limits<float>::quiet_NaN() : static_cast<float>(rng() % 100) / 10.0F;
    town[i] = static_cast<std::int16_t>((rng() % 45) * 25);
    town_ok[i] = static_cast<std::uint8_t>(rng() % 20 != 0);
  }
  k::column_table t;
  t.add("age", k::make_column<std::int16_t>(age));
  t.add("score", k::make_column<float>(score));
  t.add("town", k::make_column<std::int16_t>(town, town_ok.data()));
  const k::compiled_rule rule(k::expression::parse(
      "age >= 18 and (score < 5.5 or town in [0, 25, 100, 275, 500, 725, 900, 1000])", schema()));
  std::vector<std::uint8_t> one(n);
  rule.evaluate(t, one, 1);
  for (const unsigned threads : {2U, 3U, 8U, 0U}) {
    std::vector<std::uint8_t> many(n, 9);
    rule.evaluate(t, many, threads);
    ASSERT_EQ(many, one) << threads << " threads";
    std::unique_ptr<bool[]> selected(new bool[n]);
    rule.select(t, std::span<bool>(selected.get(), n), threads);
    for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(selected[i], one[i] == 1) << "row " << i;
  }
  std::size_t counts[3] = {0, 0, 0};
  for (const auto v : one) ++counts[v];
  EXPECT_GT(counts[0], 0U);
  EXPECT_GT(counts[1], 0U);
  EXPECT_GT(counts[2], 0U);
}

TEST(Batch, InstructionSetIsOneOfTheKnownAndHonoursTheEnvironment) {
  const std::string_view isa = k::batch_instruction_set();
  EXPECT_TRUE(isa == "baseline" || isa == "x86-64-v3" || isa == "x86-64-v4") << isa;
  const char* want = std::getenv("KULKIJA_BATCH_ISA");  // NOLINT(concurrency-mt-unsafe)
  if (want != nullptr && std::string_view(want) == "baseline") EXPECT_EQ(isa, "baseline");
}

TEST(Batch, FloatThresholdsAreExact) {
  const auto s = std::make_shared<const k::field_schema>(std::vector<k::field_spec>{{"x", k::field_type::number, {}}});
  const std::vector<float> xs{0.1F, std::nextafter(0.1F, 1.0F), std::nextafter(0.1F, 0.0F), 0.5F, -0.0F};
  k::column_table t;
  t.add("x", k::make_column<float>(xs));
  for (const char* text : {"x >= 0.1", "x > 0.1", "x <= 0.1", "x < 0.1", "x = 0.1", "x != 0.1", "x = 0.5",
                           "x between 0.1 and 0.5", "x = 0"}) {
    const auto e = k::expression::parse(text, s);
    std::vector<std::uint8_t> out(xs.size());
    k::compiled_rule(e).evaluate(t, out);
    for (std::size_t i = 0; i < xs.size(); ++i) {
      k::record r(s);
      r.set_number("x", static_cast<double>(xs[i]));
      EXPECT_EQ(out[i], static_cast<std::uint8_t>(e.evaluate(r).value)) << text << " x=" << xs[i];
    }
  }
}

TEST(Batch, BadColumnsNameTheField) {
  const batch_rows data(10, 1);
  const auto e = k::expression::parse("age > 1 and note = \"x\"", schema());
  std::vector<std::uint8_t> out(10);
  KULKIJA_EXPECT_THROW_MSG(k::compiled_rule(e).evaluate(data.table, out), k::invalid_argument,
                           "note: no column for the field");
  k::column_table t = data.table;
  t.add("note", k::make_column<std::int16_t>(data.age));
  KULKIJA_EXPECT_THROW_MSG(k::compiled_rule(e).evaluate(t, out), k::invalid_argument,
                           "note: text fields cannot be evaluated in batch");
  KULKIJA_EXPECT_THROW_MSG(t.add("age", k::make_column<std::int16_t>(std::span(data.age).first(3))), k::invalid_argument,
                           "age: the column has 3 rows, the others 10");
  k::column_table floats;
  floats.add("age", k::make_column<float>(data.score));
  KULKIJA_EXPECT_THROW_MSG(k::compiled_rule(k::expression::parse("age > 1", schema())).evaluate(floats, out),
                           k::invalid_argument, "age: a integer field needs an integer column, got a float32 column");
  std::vector<std::uint8_t> short_out(3);
  KULKIJA_EXPECT_THROW_MSG(k::compiled_rule(k::expression::parse("age > 1", schema())).evaluate(data.table, short_out),
                           k::invalid_argument, "out: has 3 rows, the columns 10");
  k::column_table signed_needs;
  signed_needs.add("needs", k::make_column<std::int16_t>(data.age));
  KULKIJA_EXPECT_THROW_MSG(k::compiled_rule(k::expression::parse("needs has a", schema())).evaluate(signed_needs, out),
                           k::invalid_argument, "needs: a code_set field needs an unsigned integer column of bit sets");
  EXPECT_EQ(k::to_string(k::column_type::float32), "float32");
}

namespace {

// `v in [set]` and `v not in [set]` over a column of type T holding every value near the
// set's and the type's edges (present or missing), against the set itself.
template <class T>
void check_in_set(const std::vector<std::int64_t>& set, bool every_value = false) {
  const auto s = std::make_shared<const k::field_schema>(std::vector<k::field_spec>{{"v", k::field_type::integer, {}}});
  constexpr std::int64_t lo = std::numeric_limits<T>::min();
  constexpr std::int64_t hi = std::numeric_limits<T>::max();
  std::vector<std::int64_t> near;
  for (const std::int64_t x : set) {
    for (std::int64_t d = -2; d <= 2; ++d) near.push_back(x + d);
    for (const std::int64_t d : {-1025, -1024, -1023, -129, -128, -127, -16, 16, 127, 128, 129, 1023, 1024, 1025}) {
      near.push_back(x + d);
    }
  }
  for (std::int64_t x = lo; x <= hi && (every_value || x - lo < 300); ++x) near.push_back(x);  // all 8-bit values
  for (std::int64_t d = 0; d < 40; ++d) near.push_back(hi - d);
  std::vector<T> v;
  std::vector<std::uint8_t> ok;
  std::mt19937_64 rng(static_cast<std::uint64_t>(set.size() * 131 + sizeof(T)));
  for (int round = 0; round < (every_value ? 1 : 3); ++round) {  // shuffled, so each value lands on several lanes
    std::shuffle(near.begin(), near.end(), rng);
    for (const std::int64_t x : near) {
      if (x < lo || x > hi) continue;
      v.push_back(static_cast<T>(x));
      ok.push_back(static_cast<std::uint8_t>(rng() % 11 != 0));
    }
  }
  v.push_back(static_cast<T>(set.front()));  // a ragged end
  ok.push_back(1);
  std::string list;
  for (const std::int64_t x : set) list += (list.empty() ? "" : ", ") + std::to_string(x);
  for (const bool with_valid : {false, true}) {
    k::column_table t;
    t.add("v", k::make_column<T>(v, with_valid ? ok.data() : nullptr));
    for (const bool negate : {false, true}) {
      const std::string text = std::string("v ") + (negate ? "not in [" : "in [") + list + "]";
      const k::compiled_rule rule(k::expression::parse(text, s));
      std::vector<std::uint8_t> out(v.size(), 9);
      rule.evaluate(t, out);
      for (std::size_t i = 0; i < v.size(); ++i) {
        const bool in = std::find(set.begin(), set.end(), static_cast<std::int64_t>(v[i])) != set.end();
        const std::uint8_t want = with_valid && ok[i] == 0 ? 2 : static_cast<std::uint8_t>(in != negate);
        ASSERT_EQ(out[i], want) << text << " value " << static_cast<std::int64_t>(v[i]) << " row " << i << " ("
                                << k::batch_instruction_set() << ")";
      }
    }
  }
}

}  // namespace

TEST(Batch, EightBitSetsOnEveryValue) {
  check_in_set<std::int8_t>({-128, -127, -1, 0, 1, 127});
  check_in_set<std::int8_t>({-100, -3, 15, 16, 17, 31, 32, 126});
  check_in_set<std::uint8_t>({0, 1, 127, 128, 129, 255});
  check_in_set<std::uint8_t>({7, 8, 15, 16, 200});
  std::vector<std::int64_t> every_third;
  for (std::int64_t x = -128; x < 128; x += 3) every_third.push_back(x);
  check_in_set<std::int8_t>(every_third);
}

TEST(Batch, SixteenBitSetsAtTheWindowEdges) {
  // window segments are 128 values: sets ending inside the first, on a segment edge, at the
  // last value of a 1024 window (1023 from the smallest), and just past it (no window)
  for (const std::int64_t w : {-32768, -1000, -1, 0, 5, 31744}) {
    check_in_set<std::int16_t>({w, w + 1, w + 2, w + 3, w + 9});
    check_in_set<std::int16_t>({w, w + 1, w + 127, w + 128, w + 200});
    check_in_set<std::int16_t>({w, w + 15, w + 16, w + 511, w + 1022, w + 1023});
    check_in_set<std::int16_t>({w, w + 8, w + 100, w + 1000, w + 1024});
  }
  check_in_set<std::int16_t>({32767 - 1023, 32700, 32765, 32766, 32767});
  for (const std::int64_t w : {0, 1, 30000, 64512}) {
    check_in_set<std::uint16_t>({w, w + 1, w + 127, w + 128, w + 1023});
    check_in_set<std::uint16_t>({w, w + 2, w + 4, w + 6, w + 8, w + 10});
  }
  check_in_set<std::uint16_t>({0, 1, 2, 3, 65535});
  check_in_set<std::int16_t>({5, 10, 16, 18, 20, 46, 49, 52, 74, 91, 92, 217, 236, 272, 421, 584, 849, 924, 935, 946});
}

TEST(Batch, SixteenBitHashedSetsOnEveryValue) {
  // Sets of 5 to 24 values go through a perfect hash of their 16-bit patterns where the
  // instruction set has one (AVX2; with AVX-512 where no 1024-value window holds the set):
  // every value of the type is checked, so each empty bucket and each collision of a
  // non-member with a member's bucket is met. Sets of 22 to 24 random values may have no
  // perfect hash, and larger ones are not hashed: they take the window or the table.
  std::mt19937_64 rng(2026);
  for (const std::size_t size : {5, 20, 24, 31, 32}) {
    for (const std::int64_t span : {1000, 65535}) {
      std::vector<std::int64_t> set;
      while (set.size() < size) {
        const auto v = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(span + 1));
        if (std::find(set.begin(), set.end(), v) == set.end()) set.push_back(v);
      }
      std::sort(set.begin(), set.end());
      check_in_set<std::uint16_t>(set, true);
      std::vector<std::int64_t> shifted;
      for (const std::int64_t v : set) shifted.push_back(v - 32768);
      check_in_set<std::int16_t>(shifted, true);
    }
  }
  // Consecutive values: 24 have a perfect hash (2049 separates them), 32 are not hashed.
  for (const std::int64_t size : {24, 32}) {
    std::vector<std::int64_t> run;
    for (std::int64_t v = -size / 2; v < size / 2; ++v) run.push_back(v);
    check_in_set<std::int16_t>(run, true);
  }
  check_in_set<std::int16_t>({-32768, -32767, -1, 0, 1, 32766, 32767}, true);
  check_in_set<std::uint16_t>({0, 255, 256, 32767, 32768, 65280, 65535}, true);
}

namespace {

// The rows of a column of type T where `v in [set]` must hold, against what one compiled
// rule gave for them; the values are every one of an 8- or 16-bit type, else those near the set.
template <class T>
std::size_t wrong_rows_of_set(const k::compiled_rule& rule, const std::vector<std::int64_t>& set) {
  constexpr std::int64_t lo = std::numeric_limits<T>::min();
  constexpr std::int64_t hi = std::numeric_limits<T>::max();
  std::vector<T> v;
  if constexpr (sizeof(T) <= 2) {
    for (std::int64_t x = lo; x <= hi; ++x) v.push_back(static_cast<T>(x));
  } else {
    for (const std::int64_t x : set) {
      for (std::int64_t d = -3; d <= 3; ++d) {
        if (x + d >= lo && x + d <= hi) v.push_back(static_cast<T>(x + d));
        // the same 16-bit pattern as a member, and the value a 16-bit column would wrap it to
        const std::int64_t other = x + d + 65536;
        if (other >= lo && other <= hi) v.push_back(static_cast<T>(other));
      }
    }
  }
  k::column_table t;
  t.add("v", k::make_column<T>(v));
  std::unique_ptr<bool[]> selected(new bool[v.size()]);
  rule.select(t, std::span<bool>(selected.get(), v.size()));
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const bool in = std::find(set.begin(), set.end(), static_cast<std::int64_t>(v[i])) != set.end();
    wrong += selected[i] != in ? 1 : 0;
  }
  return wrong;
}

}  // namespace

TEST(Batch, OneCompiledSetOnColumnsOfEveryIntegerType) {
  // An `in` list keeps its lookups (the sorted values, the byte table, the window, the
  // perfect hash) by column type once made, for every later run of the rule: the values a
  // type can hold differ, and so do the 16-bit patterns of int16 and uint16 (-25536 and 40000
  // share one; only 40000 is in the set). Each type in turn, again after the others, then all
  // at once from threads that share a newly parsed rule before any lookup of it is made.
  const std::vector<std::int64_t> set{-200, -100, -5, 0, 7, 50, 100, 120, 200, 300, 40000, 70000, 5000000000};
  const auto s = std::make_shared<const k::field_schema>(std::vector<k::field_spec>{{"v", k::field_type::integer, {}}});
  std::string list;
  for (const std::int64_t x : set) list += (list.empty() ? "" : ", ") + std::to_string(x);
  const auto parse = [&] { return k::compiled_rule(k::expression::parse("v in [" + list + "]", s)); };
  const auto all_types = [&set](const k::compiled_rule& rule) {
    return std::array<std::size_t, 8>{
        wrong_rows_of_set<std::int8_t>(rule, set),  wrong_rows_of_set<std::uint8_t>(rule, set),
        wrong_rows_of_set<std::int16_t>(rule, set), wrong_rows_of_set<std::uint16_t>(rule, set),
        wrong_rows_of_set<std::int32_t>(rule, set), wrong_rows_of_set<std::uint32_t>(rule, set),
        wrong_rows_of_set<std::int64_t>(rule, set), wrong_rows_of_set<std::uint64_t>(rule, set)};
  };
  const std::array<std::size_t, 8> none{};
  const k::compiled_rule rule = parse();
  EXPECT_EQ(all_types(rule), none) << k::batch_instruction_set();
  EXPECT_EQ(wrong_rows_of_set<std::uint16_t>(rule, set), 0U);
  EXPECT_EQ(wrong_rows_of_set<std::int16_t>(rule, set), 0U);
  const k::compiled_rule fresh = parse();
  std::array<std::size_t, 8> from_threads[4]{};
  {
    std::vector<std::jthread> threads;
    for (auto& result : from_threads) threads.emplace_back([&] { result = all_types(fresh); });
  }
  for (const auto& result : from_threads) EXPECT_EQ(result, none) << k::batch_instruction_set();
}

TEST(Batch, WideSetsOfEverySize) {
  // 32- and 64-bit sets of up to 32 values compare every row with every value (padded to 8,
  // 16, 24 or 32 with a repeat), larger ones (and 64-bit ones of more than 8 without 64-bit
  // vector compares) are searched without branches: sizes on each side of each step.
  std::mt19937_64 rng(18);
  for (const std::size_t size : {5, 8, 9, 16, 17, 24, 25, 32, 33, 40, 100}) {
    std::vector<std::int64_t> set;
    while (set.size() < size) {
      const auto v = static_cast<std::int64_t>(rng() % 200'001) - 100'000;
      if (std::find(set.begin(), set.end(), v) == set.end()) set.push_back(v);
    }
    std::sort(set.begin(), set.end());
    check_in_set<std::int32_t>(set);
    check_in_set<std::int64_t>(set);
    std::vector<std::int64_t> high;  // int64 values past 2^32
    for (const std::int64_t v : set) high.push_back(v + (std::int64_t{1} << 40));
    check_in_set<std::int64_t>(high);
    std::vector<std::int64_t> positive;  // uint32 values near its top
    for (const std::int64_t v : set) positive.push_back(v + 4'294'867'295);
    check_in_set<std::uint32_t>(positive);
  }
  check_in_set<std::int32_t>({-2147483647 - 1, -2147483647, -1, 0, 1, 7, 2147483646, 2147483647, 12, 99});
  check_in_set<std::uint32_t>({0, 1, 2, 3, 4, 5, 6, 7, 8, 4294967295});
}

// Number tests (`v op c`, `v between c and c2`, negated) on an integer column of type T read
// as a number field, against double(v) op c row by row: the values sit at the type's edges,
// next to each threshold and where 64-bit integers round to doubles.
template <class T>
void check_number_tests_on_integers() {
  const auto s = std::make_shared<const k::field_schema>(std::vector<k::field_spec>{{"v", k::field_type::number, {}}});
  constexpr double two53 = 9007199254740992.0;
  const std::vector<double> thresholds = {-1e300, -9223372036854775808.0, -1e18, -4294967296.5, -2147483648.0,
                                          -32768.5, -129.5, -128.0, -1.5, -0.5, 0.0, 0.5, 2.5, 3.0, 127.0,
                                          127.5, 255.5, 32767.5, 65535.0, 2147483647.5, 4294967295.5, two53,
                                          two53 + 2.0, 1152921504606846976.0, 1152921504606847232.0,
                                          9223372036854775807.0, 1e300};
  std::vector<T> v;
  auto add = [&v](long double x) {
    if (x >= static_cast<long double>(std::numeric_limits<T>::min()) && x <= static_cast<long double>(std::numeric_limits<T>::max())) {
      v.push_back(static_cast<T>(x));
    }
  };
  for (const double c : thresholds) {
    for (int d = -300; d <= 300; ++d) add(std::floor(static_cast<long double>(c)) + d);
  }
  for (int d = 0; d < 300; ++d) {
    add(static_cast<long double>(std::numeric_limits<T>::min()) + d);
    add(static_cast<long double>(std::numeric_limits<T>::max()) - d);
  }
  std::mt19937_64 rng(sizeof(T) * 7 + std::is_signed_v<T>);
  std::shuffle(v.begin(), v.end(), rng);
  std::vector<std::uint8_t> ok(v.size());
  for (auto& o : ok) o = static_cast<std::uint8_t>(rng() % 13 != 0);
  auto text = [](double c) {
    std::array<char, 400> buf{};
    const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), c, std::chars_format::fixed);
    std::string out(buf.data(), end);
    return out.find('.') == std::string::npos ? out + ".0" : out;
  };
  k::column_table t;
  t.add("v", k::make_column<T>(v, ok.data()));
  const char* ops[] = {"=", "!=", "<", "<=", ">", ">="};
  for (std::size_t at = 0; at < thresholds.size(); ++at) {
    const double c = thresholds[at];
    const double c2 = thresholds[(at * 7 + 3) % thresholds.size()];
    for (int form = 0; form < 7; ++form) {
      for (const bool negate : {false, true}) {
        const std::string test = form < 6 ? std::string("v ") + ops[form] + " " + text(c)
                                          : "v between " + text(std::min(c, c2)) + " and " + text(std::max(c, c2));
        const std::string rule = negate ? "not (" + test + ")" : test;
        const k::compiled_rule compiled(k::expression::parse(rule, s));
        std::vector<std::uint8_t> out(v.size(), 9);
        compiled.evaluate(t, out);
        for (std::size_t i = 0; i < v.size(); ++i) {
          const auto x = static_cast<double>(v[i]);
          bool want = false;
          switch (form) {
            case 0: want = x == c; break;
            case 1: want = x != c; break;
            case 2: want = x < c; break;
            case 3: want = x <= c; break;
            case 4: want = x > c; break;
            case 5: want = x >= c; break;
            default: want = std::min(c, c2) <= x && x <= std::max(c, c2); break;
          }
          const std::uint8_t expected = ok[i] == 0 ? 2 : static_cast<std::uint8_t>(want != negate);
          ASSERT_EQ(out[i], expected) << rule << " value " << +v[i] << " (" << k::batch_instruction_set() << ")";
        }
      }
    }
  }
}

TEST(Batch, NumberTestsOnIntegerColumnsKeepEveryRow) {
  check_number_tests_on_integers<std::int8_t>();
  check_number_tests_on_integers<std::uint8_t>();
  check_number_tests_on_integers<std::int16_t>();
  check_number_tests_on_integers<std::uint16_t>();
  check_number_tests_on_integers<std::int32_t>();
  check_number_tests_on_integers<std::uint32_t>();
  check_number_tests_on_integers<std::int64_t>();
  check_number_tests_on_integers<std::uint64_t>();
}

TEST(Batch, FloatTestsOnEveryLaneWithNaNs) {
  // 32 and 16 rows a vector step: NaNs (unknown) and threshold values on every lane, a ragged end
  const auto s = std::make_shared<const k::field_schema>(std::vector<k::field_spec>{{"x", k::field_type::number, {}}});
  std::vector<float> xs;
  std::mt19937_64 rng(5);
  for (int i = 0; i < 32 * 7 + 13; ++i) {
    const auto r = rng() % 8;
    xs.push_back(r == 0 ? std::numeric_limits<float>::quiet_NaN()
                 : r == 1 ? 2.5F
                 : r == 2 ? -std::numeric_limits<float>::infinity()
                          : static_cast<float>(rng() % 100) / 20.0F);
  }
  k::column_table t;
  t.add("x", k::make_column<float>(xs));
  for (const char* text : {"x = 2.5", "x != 2.5", "x < 2.5", "x <= 2.5", "x > 2.5", "x >= 2.5", "not (x < 2.5)",
                           "x between 1 and 2.5", "x not between 1 and 2.5", "x < 1 or x > 4", "x >= 1 and x < 3"}) {
    const auto e = k::expression::parse(text, s);
    std::vector<std::uint8_t> out(xs.size(), 9);
    k::compiled_rule(e).evaluate(t, out);
    for (std::size_t i = 0; i < xs.size(); ++i) {
      k::record r(s);
      r.set_number("x", static_cast<double>(xs[i]));
      ASSERT_EQ(out[i], static_cast<std::uint8_t>(e.evaluate(r).value))
          << text << " x=" << xs[i] << " row " << i << " (" << k::batch_instruction_set() << ")";
    }
  }
}

namespace {

// The bits of `bytes` (one a row) packed Arrow-style after `offset` bits of padding.
std::vector<std::uint8_t> packed(const std::vector<std::uint8_t>& bytes, std::size_t offset) {
  std::vector<std::uint8_t> bits((bytes.size() + offset + 7) / 8, 0);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] != 0) bits[(i + offset) / 8] = static_cast<std::uint8_t>(bits[(i + offset) / 8] | (1U << ((i + offset) % 8)));
  }
  return bits;
}

}  // namespace

TEST(Batch, BitmapsReadInPlaceEqualByteMasks) {
  // validity bitmaps and bit-packed booleans at every bit offset, over several chunks
  const batch_rows data(1000, 7);
  const auto e = k::expression::parse("age >= 18 and not flag or town in [0, 25, 100, 275, 500] and flag", schema());
  std::vector<std::uint8_t> want(data.n);
  k::compiled_rule(e).evaluate(data.table, want);
  for (std::size_t offset : {0U, 1U, 5U, 8U, 13U}) {
    const auto age_bits = packed(data.age_ok, offset);
    const auto flag_bits = packed(data.flag_ok, offset);
    const auto flag_values = packed(data.flag, offset);
    const auto town_bits = packed(data.town_ok, offset);
    k::column_table t;
    k::column_view age = k::make_column<std::int16_t>(data.age);
    age.valid_bits = age_bits.data();
    age.bit_offset = offset;
    k::column_view flag{k::column_type::bits, flag_values.data(), data.n, nullptr, flag_bits.data(), offset};
    k::column_view town = k::make_column<std::int16_t>(data.town);
    town.valid_bits = town_bits.data();
    town.bit_offset = offset;
    t.add("age", age);
    t.add("flag", flag);
    t.add("town", town);
    std::vector<std::uint8_t> got(data.n);
    k::compiled_rule(e).evaluate(t, got);
    EXPECT_EQ(got, want) << "offset " << offset;
  }
  k::column_table both;
  k::column_view age = k::make_column<std::int16_t>(data.age, data.age_ok.data());
  age.valid_bits = data.age_ok.data();
  KULKIJA_EXPECT_THROW_MSG(both.add("age", age), k::invalid_argument,
                           "age: a column has a validity mask or a validity bitmap, not both");
}
