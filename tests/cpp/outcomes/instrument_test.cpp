#include "kulkija/outcomes/instrument.hpp"

#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace kulkija {
namespace {

using answers = std::vector<std::optional<int>>;

// The published SWEMWBS conversion table (Warwick Medical School; Stewart-Brown et al. 2009),
// typed in here again from the publication, independently of the table in the source.
constexpr std::array<std::pair<int, double>, 29> published{{
    {7, 7.00},   {8, 9.51},   {9, 11.25},  {10, 12.40}, {11, 13.33}, {12, 14.08}, {13, 14.75}, {14, 15.32},
    {15, 15.84}, {16, 16.36}, {17, 16.88}, {18, 17.43}, {19, 17.98}, {20, 18.59}, {21, 19.25}, {22, 19.98},
    {23, 20.73}, {24, 21.54}, {25, 22.35}, {26, 23.21}, {27, 24.11}, {28, 25.03}, {29, 26.02}, {30, 27.03},
    {31, 28.13}, {32, 29.31}, {33, 30.70}, {34, 32.55}, {35, 35.00},
}};

TEST(Instrument, SwemwbsMatchesThePublishedConversionTable) {
  for (const auto& [raw, metric] : published) {
    EXPECT_DOUBLE_EQ(swemwbs_metric_score(raw), metric) << "raw " << raw;
    // Every way of answering to reach this raw score: spread the raw score over 7 items.
    answers a(7, 1);
    int rest = raw - 7;
    for (auto& item : a) {
      const int add = std::min(rest, 4);
      *item += add;
      rest -= add;
    }
    const auto s = score(swemwbs(), a);
    ASSERT_EQ(s.size(), 1U);
    EXPECT_DOUBLE_EQ(s[0].raw, raw);
    EXPECT_DOUBLE_EQ(s[0].value, metric);
  }
  KULKIJA_EXPECT_THROW_MSG((void)swemwbs_metric_score(36), invalid_argument, "raw: a SWEMWBS raw score must be from 7 to 35, got 36");
}

TEST(Instrument, HandComputedScores) {
  // WEMWBS: 14 items summed: 3*14 + (5-3) + (1-3) = 42
  answers w(14, 3);
  w[0] = 5;
  w[13] = 1;
  EXPECT_DOUBLE_EQ(score(wemwbs(), w)[0].value, 42);
  // UCLA 3: 1 + 2 + 3 = 6, lower is better
  const auto u = score(ucla_loneliness_3(), answers{1, 2, 3});
  EXPECT_DOUBLE_EQ(u[0].value, 6);
  EXPECT_EQ(ucla_loneliness_3().scales[0].direction, score_direction::lower_is_better);
  // ONS4: four separate scales
  const auto o = score(ons4(), answers{7, 8, 6, 2});
  ASSERT_EQ(o.size(), 4U);
  EXPECT_EQ(o[3].scale, "anxiety");
  EXPECT_DOUBLE_EQ(o[0].value, 7);
  EXPECT_DOUBLE_EQ(o[3].value, 2);
  EXPECT_EQ(ons4().scales[3].direction, score_direction::lower_is_better);
  EXPECT_EQ(raw_min(wemwbs(), wemwbs().scales[0]), 14);
  EXPECT_EQ(raw_max(wemwbs(), wemwbs().scales[0]), 70);
}

TEST(Instrument, BadAnswersNameTheItem) {
  KULKIJA_EXPECT_THROW_MSG((void)score(swemwbs(), answers{1, 2, 3, 6, 1, 1, 1}), invalid_argument,
                           "[kulkija.invalid_argument.210] swemwbs.dealing_with_problems: the answer must be from 1 to 5, got 6");
  KULKIJA_EXPECT_THROW_MSG((void)score(ons4(), answers{7, 8, -1, 2}), invalid_argument, "ons4.happiness: the answer must be from 0 to 10, got -1");
  KULKIJA_EXPECT_THROW_MSG((void)score(swemwbs(), answers{1, 2, 3, 4, std::nullopt, 1, 1}), invalid_argument,
                           "swemwbs.thinking_clearly: the answer is missing, and scale 'total' allows at most 0 missing of its 7 items");
  KULKIJA_EXPECT_THROW_MSG((void)score(ucla_loneliness_3(), answers{1, 2}), invalid_argument,
                           "answers: instrument 'ucla3' has 3 items, got 2 answers");
  try {
    (void)score(swemwbs(), answers{1, 2, 3, 6, 1, 1, 1});
  } catch (const invalid_argument& e) {
    EXPECT_EQ(e.id(), error_id::invalid_measurement);
    EXPECT_EQ(e.field(), "swemwbs.dealing_with_problems");
  }
}

TEST(Instrument, ProratesMissingItemsAndReversesItems) {
  instrument in = wemwbs();
  in.id = "own";
  in.scales[0].max_missing = 2;
  in.items[1].reversed = true;
  answers a(14, 4);
  a[1] = 2;              // reversed: 1 + 5 - 2 = 4
  a[5] = std::nullopt;   // missing: 13 answers of 4, prorated to 56
  validate(in);
  const auto s = score(in, a);
  EXPECT_TRUE(s[0].prorated);
  EXPECT_EQ(s[0].answered, 13);
  EXPECT_DOUBLE_EQ(s[0].value, 56);
  // A conversion table looks up the rounded prorated raw score: 6 answers summing 20 -> 23.33 -> 23
  instrument sw = swemwbs();
  sw.scales[0].max_missing = 1;
  const auto t = score(sw, answers{4, 4, 3, 3, 3, 3, std::nullopt});
  EXPECT_NEAR(t[0].raw, 20.0 * 7 / 6, 1e-12);
  EXPECT_DOUBLE_EQ(t[0].value, 20.73);
}

TEST(Instrument, BuiltinsAreValidAndFoundById) {
  for (const instrument* in : builtin_instruments()) {
    EXPECT_NO_THROW(validate(*in)) << in->id;
    EXPECT_EQ(&builtin_instrument(in->id), in);
    for (const auto& s : in->scales) EXPECT_FALSE(s.threshold_source.empty());
  }
  KULKIJA_EXPECT_THROW_MSG((void)builtin_instrument("phq9"), not_found, "instrument 'phq9' not found");
  KULKIJA_EXPECT_THROW_MSG((void)find_scale(ons4(), "joy"), not_found, "scale 'joy' not found");
}

TEST(Instrument, ValidateRejectsBrokenRules) {
  instrument in = swemwbs();
  in.scales[0].conversion.pop_back();
  KULKIJA_EXPECT_THROW_MSG(validate(in), invalid_argument, "scales[0].conversion: must have one value per raw score from 7 to 35 (29), got 28");
  in = swemwbs();
  in.scales[0].conversion[3] = 1.0;
  KULKIJA_EXPECT_THROW_MSG(validate(in), invalid_argument, "scales[0].conversion[3]: must be finite and above the value before it");
  in = ucla_loneliness_3();
  in.items[2].id = "left_out";
  KULKIJA_EXPECT_THROW_MSG(validate(in), invalid_argument, "items[2].id: repeats the id 'left_out' of items[1]");
  in = ucla_loneliness_3();
  in.scales[0].max_missing = 3;
  KULKIJA_EXPECT_THROW_MSG(validate(in), invalid_argument, "scales[0].max_missing: must be from 0 to 2, got 3");
  in = ucla_loneliness_3();
  in.scales[0].meaningful_change = 0;
  KULKIJA_EXPECT_THROW_MSG(validate(in), invalid_argument, "scales[0].meaningful_change: must be a finite number above 0");
  in = ucla_loneliness_3();
  in.items[0].max = 1;
  KULKIJA_EXPECT_THROW_MSG(validate(in), invalid_argument, "items[0].max: must be above min (1)");
}

TEST(Instrument, JsonRoundTripAndRegionInstrument) {
  for (const instrument* in : builtin_instruments()) EXPECT_EQ(instrument_from_json(to_json(*in)), *in) << in->id;
  const instrument own = instrument_from_json(R"({
    "id": "osallisuus", "version": "2026.1", "name": {"fi": "Osallisuus", "sv": "Delaktighet", "en": "Participation"},
    "items": [{"id": "q1", "min": 0, "max": 4}, {"id": "q2", "min": 0, "max": 4, "reversed": true}, {"id": "q3", "min": 0, "max": 4}],
    "scales": [{"id": "total", "items": ["q1", "q2", "q3"], "max_missing": 1, "meaningful_change": 2,
                "threshold_source": "own choice"}]})");
  EXPECT_EQ(own.items.size(), 3U);
  const auto s = score(own, answers{4, 0, std::nullopt});  // 4 + (4 - 0) = 8 of 2 items -> 12
  EXPECT_DOUBLE_EQ(s[0].value, 12);
}

TEST(Instrument, JsonErrorsNameThePath) {
  KULKIJA_EXPECT_THROW_MSG((void)instrument_from_json(R"({"id": "x", "items": [{"id": "a"}], "scales": [{"id": "t", "items": ["b"]}]})"),
                           parse_error, "at $.scales[0].items[0]: names no item: 'b'");
  KULKIJA_EXPECT_THROW_MSG((void)instrument_from_json(R"({"id": "x", "items": [{"id": "a", "colour": 1}], "scales": []})"),
                           parse_error, "at $.items[0].colour: unknown member 'colour'");
  KULKIJA_EXPECT_THROW_MSG((void)instrument_from_json(R"({"id": "x", "items": [{"id": "a", "min": 3, "max": 2}], "scales": [{"id": "t", "items": ["a"]}]})"),
                           parse_error, "at $.items[0].max: must be above min (3)");
  KULKIJA_EXPECT_THROW_MSG((void)instrument_from_json(R"({"id": "x", "items": [{"id": "a"}], "scales": [{"id": "t", "items": ["a"], "direction": "up"}]})"),
                           parse_error, "at $.scales[0].direction: unknown score direction 'up'");
  KULKIJA_EXPECT_THROW_MSG((void)instrument_from_json(R"({"id": "x", "scales": []})"), parse_error, "at $.items: is required");
  KULKIJA_EXPECT_THROW_MSG((void)instrument_from_json("{"), parse_error, "at $: 1:2: not valid JSON");
}

}  // namespace
}  // namespace kulkija
