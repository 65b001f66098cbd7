#include "kulkija/outcomes/measurement.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace kulkija {
namespace {

TEST(Measurement, PointsHaveCodes) {
  EXPECT_EQ(to_string(measurement_point::follow_up), "follow_up");
  EXPECT_EQ(parse_measurement_point("end"), measurement_point::end);
  KULKIJA_EXPECT_THROW_MSG((void)parse_measurement_point("middle"), parse_error, "unknown measurement point 'middle'");
}

TEST(Measurement, ScoresWithItsInstrument) {
  const measurement m{referral_id{"R-1"}, "ucla3", measurement_point::start, date(2026, 1, 19), {3, 2, 3}};
  const scored_measurement s = score(ucla_loneliness_3(), m);
  EXPECT_EQ(s.referral.str(), "R-1");
  EXPECT_DOUBLE_EQ(s.scores.at(0).value, 8);
  KULKIJA_EXPECT_THROW_MSG((void)score(swemwbs(), m), invalid_argument, "instrument: the measurement is of 'ucla3', not of 'swemwbs'");
  measurement bad = m;
  bad.answers[1] = 4;
  KULKIJA_EXPECT_THROW_MSG((void)score(ucla_loneliness_3(), bad), invalid_argument, "ucla3.left_out: the answer must be from 1 to 3, got 4");
}

TEST(ParseAnswers, ReadsWholeNumbersAndBlanks) {
  using answers = std::vector<std::optional<int>>;
  EXPECT_EQ(parse_answers("4;3;;5"), (answers{4, 3, std::nullopt, 5}));
  EXPECT_EQ(parse_answers(" 4 ;\t+3; ;-1"), (answers{4, 3, std::nullopt, -1}));
  EXPECT_EQ(parse_answers(""), (answers{std::nullopt}));
  EXPECT_EQ(parse_answers(";"), (answers{std::nullopt, std::nullopt}));
}

TEST(ParseAnswers, RejectsANonNumberNamingItsPosition) {
  KULKIJA_EXPECT_THROW_MSG((void)parse_answers("1;2;x;4"), invalid_argument,
                           "answers: answer 3 must be a whole number or empty, got 'x'");
  for (const char* bad : {"1;2.5", "1;3a", "1;+-3", "1;99999999999", "1;+"}) {
    try {
      (void)parse_answers(bad);
      ADD_FAILURE() << "expected invalid_argument for " << bad;
    } catch (const invalid_argument& e) {
      EXPECT_EQ(e.id(), error_id::invalid_measurement);
      EXPECT_EQ(e.field(), "answers");
      EXPECT_NE(e.rule().find("answer 2 must be a whole number or empty"), std::string::npos) << e.what();
    }
  }
}

TEST(ParseAnswers, NeverEchoesAnIdentityCode) {
  try {
    (void)parse_answers("1;131052-308T;3");
    ADD_FAILURE() << "expected invalid_argument";
  } catch (const invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("answer 2"), std::string::npos) << e.what();
  }
}

// The frame's columns: instrument ids and answers texts.
struct columns {
  std::vector<std::string_view> ids;
  std::vector<std::optional<std::string_view>> answers;
};

std::vector<instrument> builtins() {
  std::vector<instrument> out;
  for (const instrument* in : builtin_instruments()) out.push_back(*in);
  return out;
}

TEST(ScoreMeasurements, ScoresEveryRowAndScaleInOrder) {
  const auto known = builtins();
  const columns c{{"ucla3", "ons4", "swemwbs"}, {"1;2;3", "7;8;9;2", "3;3;3;3;3;3;3"}};
  const measurement_scores s = score_measurements(known, c.ids, c.answers);
  EXPECT_EQ(s.row, (std::vector<std::size_t>{0, 1, 1, 1, 1, 2}));
  ASSERT_EQ(s.scale.size(), 6U);
  EXPECT_EQ(s.scale[0]->id, "total");
  EXPECT_EQ(s.scale[1]->id, "life_satisfaction");
  EXPECT_EQ(s.scale[4]->id, "anxiety");
  EXPECT_EQ(s.value, (std::vector<double>{6, 7, 8, 9, 2, 19.25}));
  // raw: SWEMWBS's raw sum instead of its converted score; each row as score() gives it
  const auto raw = score_measurements(known, c.ids, c.answers, true);
  EXPECT_EQ(raw.value.back(), 21);
  for (std::size_t i = 0; i < s.row.size(); ++i) {
    const instrument& in = *std::find_if(known.begin(), known.end(), [&](const instrument& k) { return k.id == c.ids[s.row[i]]; });
    const auto one = score(in, parse_answers(*c.answers[s.row[i]]));
    EXPECT_DOUBLE_EQ(s.value[i], one[static_cast<std::size_t>(s.scale[i] - in.scales.data())].value);
  }
  EXPECT_TRUE(score_measurements(known, {}, {}).row.empty());
}

TEST(ScoreMeasurements, ARegionsOwnInstrumentOverridesByIdAndMayAllowMissingItems) {
  instrument own = ucla_loneliness_3();
  own.scales[0].max_missing = 1;
  const std::vector<instrument> known{ucla_loneliness_3(), own};
  const columns c{{"ucla3"}, {"1;;3"}};
  EXPECT_EQ(score_measurements(known, c.ids, c.answers).value, (std::vector<double>{6}));
  KULKIJA_EXPECT_THROW_MSG((void)score_measurements(std::span(known).first(1), c.ids, c.answers), invalid_argument,
                           "ucla3.left_out: measurements[0]: the answer is missing");
}

TEST(ScoreMeasurements, ErrorsNameTheRowAndTheField) {
  const auto known = builtins();
  const auto error_of = [&](const columns& c) -> invalid_argument {
    try {
      (void)score_measurements(known, c.ids, c.answers);
    } catch (const invalid_argument& e) {
      return e;
    }
    ADD_FAILURE() << "expected invalid_argument";
    return invalid_argument(error_id::invalid_value, "none", "none");
  };
  // a non-number answer
  auto e = error_of({{"ucla3", "ucla3"}, {"1;2;3", "1;two;3"}});
  EXPECT_EQ(e.id(), error_id::invalid_measurement);
  EXPECT_EQ(e.field(), "measurements[1].answers");
  EXPECT_EQ(e.rule(), "answer 2 must be a whole number or empty, got 'two'");
  // too many answers, and none at all
  e = error_of({{"ons4", "ons4"}, {"5;5;5;5", "5;5;5;5;5"}});
  EXPECT_EQ(e.field(), "measurements[1].answers");
  EXPECT_EQ(e.rule(), "instrument 'ons4' has 4 items, got 5 answers");
  e = error_of({{"ons4"}, {std::nullopt}});
  EXPECT_EQ(e.rule(), "instrument 'ons4' has 4 items, got 0 answers");
  // an unknown instrument
  e = error_of({{"ucla3", "ucla3", "phq9"}, {"1;2;3", "1;2;3", "1;2;3"}});
  EXPECT_EQ(e.id(), error_id::invalid_measurement);
  EXPECT_EQ(e.field(), "measurements[2].instrument");
  EXPECT_EQ(e.rule(), "unknown instrument 'phq9'; known: ons4, swemwbs, ucla3, wemwbs");
  // an answer out of range names the item, and the row in the rule
  e = error_of({{"ons4", "ons4"}, {"5;5;5;5", "5;11;5;5"}});
  EXPECT_EQ(e.field(), "ons4.worthwhile");
  EXPECT_EQ(e.rule(), "measurements[1]: the answer must be from 0 to 10, got 11");
  // columns of different lengths
  const std::vector<std::string_view> one{"ucla3"};
  KULKIJA_EXPECT_THROW_MSG((void)score_measurements(known, one, {}), invalid_argument,
                           "answers: must have as many rows as instrument_ids (1), got 0");
}

TEST(ScoreMeasurements, ErrorsNeverEchoAnIdentityCode) {
  const auto known = builtins();
  for (const columns& c : {columns{{"131052-308T"}, {"1;2;3"}}, columns{{"ucla3"}, {"1;131052-308T;3"}},
                           columns{{"ucla3"}, {"131052-308T;1;2;3"}}}) {
    try {
      (void)score_measurements(known, c.ids, c.answers);
      ADD_FAILURE() << "expected invalid_argument";
    } catch (const invalid_argument& e) {
      EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("measurements[0]"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace kulkija
