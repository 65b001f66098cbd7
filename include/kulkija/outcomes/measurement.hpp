#pragma once
/// @file
/// @brief Measurements of a client's wellbeing at the start, end and follow-up of support.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/core/id.hpp"
#include "kulkija/outcomes/instrument.hpp"

namespace kulkija {

/// @addtogroup outcomes
/// @{

/// @brief When in the support a measurement is taken.
enum class measurement_point : std::uint8_t {
  start,      ///< at the first contact
  end,        ///< at the end of the support period
  follow_up,  ///< at the follow-up (by default 3 months after the end)
};

/// @brief The code of a measurement point: `start`, `end` or `follow_up`.
/// @param p the point
/// @return its code
[[nodiscard]] std::string_view to_string(measurement_point p) noexcept;

/// @brief Parses a measurement point's code.
/// @param code the code
/// @return the point
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] measurement_point parse_measurement_point(std::string_view code);

/// @brief One completed questionnaire: whose support, which instrument, when, and the answers.
struct measurement {
  referral_id referral;                    ///< the referral (one client's support) it belongs to
  std::string instrument;                  ///< the instrument's id
  measurement_point point = measurement_point::start;  ///< when in the support
  date day;                                ///< the day it was taken
  std::vector<std::optional<int>> answers;  ///< one per item, empty when missing
  /// @brief Measurements are equal when every field is equal.
  friend bool operator==(const measurement&, const measurement&) = default;
};

/// @brief A measurement with its scores.
struct scored_measurement {
  referral_id referral;             ///< the referral
  std::string instrument;           ///< the instrument's id
  measurement_point point;          ///< when in the support
  date day;                         ///< the day
  std::vector<scale_score> scores;  ///< one per scale of the instrument
  /// @brief Scored measurements are equal when every field is equal.
  friend bool operator==(const scored_measurement&, const scored_measurement&) = default;
};

/// @brief Scores a measurement with its instrument.
/// @param in the instrument; its id must be the measurement's
/// @param m the measurement
/// @return the scores
/// @throws invalid_argument (id invalid_measurement) naming `instrument` when the ids
///         differ, `day` when it is not a real date, or the item as score() does.
[[nodiscard]] scored_measurement score(const instrument& in, const measurement& m);

/// @brief Parses one measurement's answers as `measurements.csv` holds them: whole numbers
/// in questionnaire order separated by `;`, blank for a missing answer. Spaces and tabs
/// around an answer are ignored, and a `+` sign is allowed.
/// @code
/// const auto answers = kulkija::parse_answers("4;3; ;5");  // {4, 3, nullopt, 5}
/// @endcode
/// @param text the answers, e.g. `4;3;;5` (an empty text is one missing answer)
/// @return one answer per `;`-separated part, empty when missing
/// @throws invalid_argument (id invalid_measurement) naming `answers` when a part is not a
///         whole number (that fits an int) or blank, e.g. `answer 3 must be a whole number
///         or empty, got 'x'` (the part is quoted through quote()).
[[nodiscard]] std::vector<std::optional<int>> parse_answers(std::string_view text);

/// @brief The scores of many measurements, one entry per measurement and scale: the rows in
/// order, each with every scale of its instrument in the instrument's order.
struct measurement_scores {
  std::vector<std::size_t> row;               ///< the measurement's row (0-based)
  std::vector<const instrument_scale*> scale;  ///< the scale, within the instruments given to score_measurements()
  std::vector<double> value;                   ///< the reported score, or with `raw` the raw (prorated) sum
};

/// @brief Scores measurements given as columns, as a data frame or `measurements.csv` holds
/// them: each row's answers text is parsed with parse_answers() and scored with score()
/// by the instrument its id names. The batch form of score().
///
/// Errors name the row as `measurements[<row>]` (0-based) and the field.
/// @code
/// const std::vector<kulkija::instrument> known{kulkija::ucla_loneliness_3()};
/// const std::vector<std::string_view> ids{"ucla3", "ucla3"};
/// const std::vector<std::optional<std::string_view>> answers{"1;2;3", "3;3;3"};
/// const auto s = kulkija::score_measurements(known, ids, answers);  // s.value: {6, 9}
/// @endcode
/// @param instruments the known instruments (when two have the same id, the later one counts)
/// @param instrument_ids each row's instrument id
/// @param answers each row's answers text (parse_answers()); empty when missing, which is no answers
/// @param raw whether to give the raw (prorated) sums instead of the reported scores
/// @return the scores
/// @throws invalid_argument naming `answers` (id invalid_value) when the columns' lengths
///         differ; (id invalid_measurement) naming `measurements[<row>].instrument` for an
///         instrument that is not in `instruments`, `measurements[<row>].answers` for a part
///         that is not a whole number or for too many or too few answers, and the item (as
///         score(), e.g. `ons4.worthwhile`) with the rule starting `measurements[<row>]: `
///         for an answer out of range or missing beyond the scale's rule.
[[nodiscard]] measurement_scores score_measurements(std::span<const instrument> instruments,
                                                    std::span<const std::string_view> instrument_ids,
                                                    std::span<const std::optional<std::string_view>> answers,
                                                    bool raw = false);

/// @}

}  // namespace kulkija
