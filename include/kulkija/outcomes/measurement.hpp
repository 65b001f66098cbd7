#pragma once
/// @file
/// @brief Measurements of a client's wellbeing at the start, end and follow-up of support.

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

/// @}

}  // namespace kulkija
