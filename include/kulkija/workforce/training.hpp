#pragma once
/// @file
/// @brief A link worker's training: the competences a course gives and how long it is valid.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/core/text.hpp"

namespace kulkija {

/// @addtogroup workforce
/// @{

/// @brief What a training course qualifies a link worker for.
///
/// `link_work` is the basic link-worker course (the training the Finnish model gives every
/// link worker, volunteers included); the regional policy says which competences each kind
/// of worker must hold (kind_policy::required_training). The nine topic competences are the
/// specialisms of the same names (specialism_of()); the language competences record training
/// for work in Swedish or Sámi.
enum class competence : std::uint8_t {
  link_work,          ///< the basic link-worker course
  peer_support,       ///< peer-supporter training (vertaistukijakoulutus)
  experience_expert,  ///< expert-by-experience training (kokemusasiantuntijakoulutus)
  older_people,       ///< work with older people
  young_adults,       ///< work with young adults
  mental_wellbeing,   ///< mental wellbeing, low mood, loneliness
  employment,         ///< unemployment and the way back to work or study
  immigrants,         ///< newcomers and integration
  caregivers,         ///< family carers
  physical_activity,  ///< moving more, sports associations
  digital_skills,     ///< digital services and devices
  bereavement,        ///< loss of a loved one
  swedish_language,   ///< work in Swedish
  sami_language,      ///< work in Sámi
};
/// @brief Number of competences.
inline constexpr std::size_t competence_count = 14;

/// @brief The code of a competence, e.g. `link_work`.
/// @param c the competence
/// @return its code
[[nodiscard]] std::string_view to_string(competence c) noexcept;
/// @brief Parses a competence's code.
/// @param code the code
/// @return the competence
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] competence parse_competence(std::string_view code);
/// @brief The competence's readable label in fi, sv and en.
/// @param c the competence
/// @return the labels
[[nodiscard]] const localized_text& label(competence c) noexcept;

/// @brief One course a link worker has completed.
struct training_record {
  std::string course;                   ///< the course's name (free text, 1-200 bytes, no personal identity code)
  date completed_on;                    ///< the day the course was completed; valid from this day
  std::optional<date> valid_until;      ///< the last day it is valid (included); nothing: it does not lapse
  std::vector<competence> competences;  ///< what it qualifies for: at least one, no duplicates

  /// @brief Whether the record is valid on `day`: `completed_on <= day` and, when it lapses,
  /// `day <= valid_until`.
  /// @param day the day
  /// @return true when valid
  [[nodiscard]] bool valid_on(date day) const noexcept {
    return completed_on <= day && (!valid_until || day <= *valid_until);
  }
  /// @brief Whether the record gives `c`.
  /// @param c the competence
  /// @return true when `c` is one of the competences
  [[nodiscard]] bool gives(competence c) const noexcept;
  /// @brief Records are equal when every field is equal.
  friend bool operator==(const training_record&, const training_record&) = default;
};

/// @brief Checks a training record.
/// @param r the record
/// @throws invalid_argument naming `course` (empty, too long, a personal identity code),
///         `completed_on` (id invalid_date: a special date), `valid_until` (id invalid_date:
///         special, or before `completed_on`) or `competences` (empty, or one listed twice).
void validate(const training_record& r);

/// @}

}  // namespace kulkija
