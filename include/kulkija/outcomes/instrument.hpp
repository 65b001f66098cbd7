#pragma once
/// @file
/// @brief Wellbeing instruments: items with their ranges, scales with missing-item rules,
/// conversion tables and meaningful-change thresholds; the built-in SWEMWBS, WEMWBS, UCLA
/// 3-item loneliness scale and ONS4; a region's own instrument from JSON.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/core/text.hpp"

namespace kulkija {

/// @defgroup outcomes Outcomes
/// @brief Wellbeing instruments and their scoring, measurements at the start, end and
/// follow-up of support, paired change with confidence intervals, and the referral
/// milestones that the KPIs (funnel, time to first contact) are computed from.
/// @{

/// @brief Which way a scale improves.
enum class score_direction : std::uint8_t {
  higher_is_better,  ///< a higher score is better (wellbeing, life satisfaction)
  lower_is_better,   ///< a lower score is better (loneliness, anxiety)
};

/// @brief The code of a direction: `higher_is_better` or `lower_is_better`.
/// @param d the direction
/// @return its code
[[nodiscard]] std::string_view to_string(score_direction d) noexcept;

/// @brief Parses a direction's code.
/// @param code the code
/// @return the direction
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] score_direction parse_score_direction(std::string_view code);

/// @brief One item (question) of an instrument: its id and the range of its answers.
struct instrument_item {
  std::string id;         ///< the item's id within the instrument (1-64 characters, as an id)
  int min = 1;            ///< the lowest answer
  int max = 5;            ///< the highest answer (more than `min`, at most `min + 100`)
  bool reversed = false;  ///< scored as `min + max - answer`
  /// @brief Items are equal when every field is equal.
  friend bool operator==(const instrument_item&, const instrument_item&) = default;
};

/// @brief One reported score of an instrument: the items it sums, how many may be missing,
/// an optional conversion table, its direction and its meaningful-change threshold.
///
/// **Missing items.** At most `max_missing` of the scale's items may be missing; the raw
/// score is then prorated, the mean of the answered items times the number of items. When
/// the scale has a conversion table the prorated raw score is rounded to the nearest integer
/// (halves away from zero) before the look-up.
struct instrument_scale {
  std::string id;                    ///< the scale's id (e.g. `total`, `anxiety`), as an id
  localized_text name;               ///< its name in fi, sv and en
  std::vector<std::size_t> items;    ///< indices into instrument::items, at least one, each once
  score_direction direction = score_direction::higher_is_better;  ///< which way is better
  int max_missing = 0;               ///< how many of the items may be missing (0 to items - 1)
  /// @brief Empty, or one converted value per raw score from the lowest to the highest
  /// possible raw score (e.g. 29 values for SWEMWBS raw 7-35).
  std::vector<double> conversion;
  double meaningful_change = 1.0;    ///< the smallest change that counts as meaningful (> 0)
  std::string threshold_source;      ///< where the threshold comes from (free text)
  /// @brief Scales are equal when every field is equal.
  friend bool operator==(const instrument_scale&, const instrument_scale&) = default;
};

/// @brief A wellbeing instrument (questionnaire): items and the scales scored from them.
struct instrument {
  std::string id;                        ///< the instrument's id, e.g. `swemwbs` (as an id)
  std::string version = "1";             ///< the version (as an id)
  localized_text name;                   ///< its name in fi, sv and en
  std::vector<instrument_item> items;    ///< the items, in questionnaire order (1-200)
  std::vector<instrument_scale> scales;  ///< the reported scales (1-50)
  std::string source;                    ///< the publication it follows (free text)
  /// @brief Instruments are equal when every field is equal.
  friend bool operator==(const instrument&, const instrument&) = default;
};

/// @brief The lowest possible raw score of a scale (the sum of its items' minima).
/// @param in the instrument
/// @param scale one of its scales
/// @return the lowest raw score
[[nodiscard]] int raw_min(const instrument& in, const instrument_scale& scale);

/// @brief The highest possible raw score of a scale (the sum of its items' maxima).
/// @param in the instrument
/// @param scale one of its scales
/// @return the highest raw score
[[nodiscard]] int raw_max(const instrument& in, const instrument_scale& scale);

/// @brief The scale with id `id`.
/// @param in the instrument
/// @param id the scale's id
/// @return the scale
/// @throws not_found (kind `scale`) when the instrument has no such scale.
[[nodiscard]] const instrument_scale& find_scale(const instrument& in, std::string_view id);

/// @brief Checks every rule of an instrument (see the fields' documentation): ids, item
/// ranges, scale items in range and not repeated, `max_missing`, conversion tables of the
/// right length and increasing, thresholds above 0, unique item and scale ids.
/// @param in the instrument
/// @throws invalid_argument (ids invalid_id, invalid_value) naming the field, e.g.
///         `scales[0].conversion`, and the rule.
void validate(const instrument& in);

/// @brief The Short Warwick-Edinburgh Mental Wellbeing Scale: 7 items 1-5, one scale
/// `total` with the raw score 7-35 converted to the published Rasch metric score.
///
/// Meaningful change: 3 metric points, the upper end of the 1-3 points that Shah et al.
/// (2018) found to be statistically important change at the individual level (1 SEM =
/// 1.03 points, 2.77 SEM = 2.87 points), rounded up.
/// @return the instrument (no missing items allowed)
[[nodiscard]] const instrument& swemwbs();

/// @brief The Warwick-Edinburgh Mental Wellbeing Scale: 14 items 1-5, scale `total` 14-70.
///
/// Meaningful change: 3 points, the lower bound of the minimally important difference of 3
/// to 8 points (Maheswaran et al. 2012, SEM 2.4-3.1), as the scale's authors recommend.
/// @return the instrument (no missing items allowed)
[[nodiscard]] const instrument& wemwbs();

/// @brief The UCLA 3-item loneliness scale (Hughes et al. 2004): 3 items 1-3 (hardly ever,
/// some of the time, often), scale `total` 3-9, lower is better.
///
/// Meaningful change: 1 point, the smallest possible change. No minimally important
/// difference has been published; this is kulkija's own choice.
/// @return the instrument (no missing items allowed)
[[nodiscard]] const instrument& ucla_loneliness_3();

/// @brief The ONS personal wellbeing questions (ONS4): four items 0-10 reported separately as
/// scales `life_satisfaction`, `worthwhile`, `happiness` and `anxiety` (lower is better).
///
/// Meaningful change: 1 point on each 0-10 scale. The Office for National Statistics
/// publishes no minimally important difference; this is kulkija's own choice.
/// @return the instrument
[[nodiscard]] const instrument& ons4();

/// @brief The built-in instruments: SWEMWBS, WEMWBS, UCLA 3-item and ONS4.
/// @return their ids and definitions, in that order
[[nodiscard]] std::span<const instrument* const> builtin_instruments();

/// @brief The built-in instrument with id `id` (`swemwbs`, `wemwbs`, `ucla3`, `ons4`).
/// @param id the id
/// @return the instrument
/// @throws not_found (kind `instrument`) for any other id.
[[nodiscard]] const instrument& builtin_instrument(std::string_view id);

/// @brief The published SWEMWBS conversion of a raw score (7-35) to the Rasch metric score.
/// @param raw the raw score
/// @return the metric score
/// @throws invalid_argument (id invalid_measurement) naming `raw` outside 7-35.
[[nodiscard]] double swemwbs_metric_score(int raw);

/// @brief Reads a region's own instrument from JSON.
///
/// @code{.json}
/// {
///   "id": "osallisuus", "version": "2026.1", "name": {"fi": "Osallisuus", "sv": "Delaktighet", "en": "Participation"},
///   "source": "Region's own questionnaire",
///   "items": [{"id": "q1", "min": 1, "max": 5}, {"id": "q2", "min": 1, "max": 5, "reversed": true}],
///   "scales": [{"id": "total", "name": {"fi": "Summa", "sv": "Summa", "en": "Total"},
///               "items": ["q1", "q2"], "direction": "higher_is_better", "max_missing": 0,
///               "conversion": null, "meaningful_change": 1, "threshold_source": "own choice"}]
/// }
/// @endcode
/// `id`, `items` and `scales` are required; scales name their items by id. Unknown members
/// are errors.
/// @param text the JSON text
/// @return the validated instrument
/// @throws parse_error naming the JSON path (e.g. `$.scales[0].items[1]`) and the rule: id
///         parse_syntax for bad JSON, wrong types, unknown or missing members, unknown item
///         ids and broken rules; id parse_enum for an unknown direction.
[[nodiscard]] instrument instrument_from_json(std::string_view text);

/// @brief Writes an instrument as JSON in the form instrument_from_json() reads.
/// @param in the instrument
/// @return the JSON text (indented by 2)
[[nodiscard]] std::string to_json(const instrument& in);

/// @brief The score of one scale of one response.
struct scale_score {
  std::string scale;      ///< the scale's id
  double raw = 0;         ///< the raw score (sum of items, prorated when items are missing)
  double value = 0;       ///< the reported score: the converted raw score, or the raw score
  int answered = 0;       ///< how many of the scale's items were answered
  bool prorated = false;  ///< whether missing items were prorated
  /// @brief Scores are equal when every field is equal.
  friend bool operator==(const scale_score&, const scale_score&) = default;
};

/// @brief Scores one response: every scale of the instrument, in order.
/// @param in the instrument
/// @param answers one answer per item, in item order; empty for a missing answer
/// @return one score per scale
/// @throws invalid_argument (id invalid_measurement) naming the item, as
///         `<instrument>.<item>`, and the rule: an answer outside the item's range, or more
///         missing answers in a scale than its `max_missing`; naming `answers` when the
///         number of answers is not the number of items.
[[nodiscard]] std::vector<scale_score> score(const instrument& in, std::span<const std::optional<int>> answers);

/// @}

}  // namespace kulkija
