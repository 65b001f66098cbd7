#pragma once
/// @file
/// @brief Explained scores of a client and link-worker pair: the hard constraints that
/// exclude it and the weighted soft components that rank it, with reasons in fi, sv and en.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/core/geo.hpp"
#include "kulkija/core/id.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/matching/link_worker.hpp"
#include "kulkija/matching/policy.hpp"
#include "kulkija/matching/workforce.hpp"
#include "kulkija/referral/client.hpp"
#include "kulkija/workforce/standing.hpp"
#include "kulkija/workforce/training.hpp"

namespace kulkija {

/// @addtogroup matching
/// @{

/// @brief A client waiting for a link worker, with what matching needs beyond the client.
struct matching_client {
  client person;                                 ///< the client (pseudonymous)
  std::optional<geo_point> location;             ///< where the client meets, when known
  std::optional<link_worker_id> previous_worker; ///< the worker the client had before, if any
  int priority = 1;                              ///< 1 to 10; higher is assigned first when places are short
};

/// @brief Checks a matching client's location and priority.
/// @param c the client
/// @throws invalid_argument naming `priority` or `location.<part>`.
void validate(const matching_client& c);

/// @brief A hard constraint that excludes a pair.
enum class match_exclusion : std::uint8_t {
  no_shared_language,       ///< the worker speaks none of the client's languages
  no_time_overlap,          ///< none of the client's times is in the worker's availability
  gender_not_as_requested,  ///< the client asks for a worker of another gender
  no_meeting_mode_overlap,  ///< no meeting mode both accept
  beyond_travel_radius,     ///< further than the worker travels (or than the policy's travel-time limit)
  not_active,               ///< the worker does not take clients on the day
  excluded_pair,            ///< the policy excludes this pair
  unreachable,              ///< the travel-time matrix has no time for this pair
  training_not_valid,       ///< the worker's required training is missing or has lapsed on the day
  supervision_overdue,      ///< the worker's supervision is overdue on the day (or never recorded)
};
/// @brief Number of match exclusions.
inline constexpr std::size_t match_exclusion_count = 10;
/// @brief The code of a match exclusion, e.g. `no_shared_language`.
/// @param e the exclusion
/// @return its code
[[nodiscard]] std::string_view to_string(match_exclusion e) noexcept;
/// @brief The exclusion's readable text in fi, sv and en.
/// @param e the exclusion
/// @return the texts
[[nodiscard]] const localized_text& label(match_exclusion e) noexcept;

/// @brief A soft score component.
enum class match_component : std::uint8_t {
  distance,     ///< nearness
  specialism,   ///< specialisms cover needs
  preferences,  ///< the client's preferences are met
  continuity,   ///< the same worker as before
  caseload,     ///< the worker's free places
  language,     ///< the client's preferred language
};
/// @brief The code of a component, e.g. `distance`.
/// @param c the component
/// @return its code
[[nodiscard]] std::string_view to_string(match_component c) noexcept;

/// @brief One component of a pair's score.
struct component_score {
  match_component component = match_component::distance;  ///< which component
  double value = 0;     ///< 0 to 1
  double weight = 0;    ///< the policy's weight
  double points = 0;    ///< value * weight
  localized_text reason;  ///< why, e.g. `distance 12.4 km`
  /// @brief Components are equal when every field is equal.
  friend bool operator==(const component_score&, const component_score&) = default;
};

/// @brief The explained score of a client and worker pair.
struct match_score {
  std::vector<match_exclusion> exclusions;        ///< the hard constraints that fail; empty when allowed
  std::vector<component_score> components;  ///< the soft components, in match_component order
  double total = 0;                         ///< the sum of the components' points
  std::optional<double> distance_km;        ///< the haversine distance, when both locations are known
  std::optional<double> travel_minutes;     ///< the travel time, with the travel_time method
  /// @brief Whether every hard constraint holds.
  [[nodiscard]] bool allowed() const noexcept { return exclusions.empty(); }
  /// @brief Scores are equal when every field is equal.
  friend bool operator==(const match_score&, const match_score&) = default;
};

/// @brief Whether a worker can take clients on a day under a policy, before any client is
/// considered: the worker-level hard constraints (active on the day, required training
/// valid, supervision current) with their reasons and dates, and what the workforce policy
/// makes of the worker's capacity and meeting modes.
struct worker_standing {
  link_worker_id worker;                    ///< the worker
  date on;                                  ///< the day
  std::vector<match_exclusion> exclusions;  ///< not_active, training_not_valid, supervision_overdue (those the policy switches on) that fail
  std::vector<localized_text> reasons;      ///< one per exclusion, with the dates, in fi, sv and en
  int capacity = 0;                         ///< effective_capacity(): the own capacity cut to the kind's limit
  int free_places = 0;                      ///< effective_free_places()
  std::vector<meeting_mode> meeting_modes;  ///< effective_meeting_modes()
  std::optional<date> supervision_due;      ///< the last day supervision is current, when ever supervised
  std::vector<competence> missing_training;  ///< required competences without valid training on the day
  /// @brief Whether no worker-level hard constraint fails.
  [[nodiscard]] bool matchable() const noexcept { return exclusions.empty(); }
  /// @brief Standings are equal when every field is equal.
  friend bool operator==(const worker_standing&, const worker_standing&) = default;
};

/// @brief A worker's standing on a day under a policy, with the reasons in fi, sv and en: the
/// workforce area's standing_of() of the worker's workforce facts (link_worker::member())
/// under the policy's workforce section and standing_requirements_of(), its issues as match
/// exclusions.
///
/// Reasons say which course lapsed and when (`Required training 'Linkkityön peruskurssi'
/// (basic link-worker training) lapsed on 2026-10-31.`), that a required competence was
/// never trained or is completed only later, when supervision fell due (`Supervision
/// overdue: last on 2026-09-01, due by 2026-10-13 (every 42 days).`) or that none is
/// recorded, and the days a worker who is not active takes clients.
/// @param policy the policy
/// @param w the worker
/// @param on the day
/// @return the standing
[[nodiscard]] worker_standing standing_of(const matching_policy& policy, const link_worker& w, date on);

/// @brief The worker-level requirements a matching policy enforces: `hard.active`,
/// `hard.training_valid` and `hard.supervision_current`.
/// @param policy the policy
/// @return the requirements, as the workforce area's standing functions take them
[[nodiscard]] standing_requirements standing_requirements_of(const matching_policy& policy) noexcept;

/// @brief The match exclusion of a workforce standing issue: the exclusion of the same code
/// (not_active, training_not_valid, supervision_overdue).
/// @param i the issue
/// @return the exclusion
[[nodiscard]] match_exclusion exclusion_of(standing_issue i) noexcept;

/// @brief Scores a pair under a policy on a day.
///
/// Components: distance `max(0, 1 - km / scale_km)` (or minutes over `scale_minutes`; 1
/// for the same municipality and 0 otherwise when a location is missing); specialism, the
/// share of the client's needs served by one of the worker's specialisms (1 without needs);
/// preferences, the mean over the meeting-mode, time and gender preferences the client has
/// of whether the worker meets them (1 without preferences); continuity, 1 for the previous
/// worker; caseload, the worker's free places over capacity; language, 1 when the worker
/// speaks the client's preferred language, 0.5 for another shared one.
///
/// The workforce policy applies throughout: the worker's meeting modes are
/// effective_meeting_modes(), the specialisms effective_specialisms(), the capacity
/// effective_capacity(); the worker-level constraints are those of standing_of().
/// @param policy the policy
/// @param c the client
/// @param w the worker
/// @param on the day of the match
/// @param travel_minutes the travel time of the pair, needed with the travel_time method
///        (nothing or a negative value: unreachable)
/// @return the score with its components and exclusions
[[nodiscard]] match_score score_pair(const matching_policy& policy, const matching_client& c, const link_worker& w,
                                     date on, std::optional<double> travel_minutes = std::nullopt);

/// @}

}  // namespace kulkija
