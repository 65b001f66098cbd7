#pragma once
/// @file
/// @brief The matching policy: a region's hard constraints and weighted soft scores for
/// matching clients with link workers, as versioned JSON data.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/core/id.hpp"
#include "kulkija/matching/workforce.hpp"

namespace kulkija {

/// @addtogroup matching
/// @{

/// @brief How the distance between a client and a worker is measured.
enum class distance_method : std::uint8_t {
  haversine,    ///< great-circle km between the two locations (haversine_km())
  travel_time,  ///< minutes from a travel-time matrix the caller supplies
};
/// @brief The code of a distance method: `haversine` or `travel_time`.
/// @param m the method
/// @return its code
[[nodiscard]] std::string_view to_string(distance_method m) noexcept;
/// @brief Parses a distance method's code.
/// @param code the code
/// @return the method
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] distance_method parse_distance_method(std::string_view code);

/// @brief A client and a worker who must never be matched (relatives, a conflict of
/// interest, an earlier complaint).
struct excluded_pair {
  client_id client;       ///< the client's pseudonym
  link_worker_id worker;  ///< the worker
  std::string reason;     ///< why, free text of at most 200 bytes (shown to the service, not the client)
  /// @brief Pairs are equal when every field is equal.
  friend bool operator==(const excluded_pair&, const excluded_pair&) = default;
};

/// @brief The weights of the soft scores; each component is scored 0 to 1 and multiplied by
/// its weight, so a match scores 0 to the sum of the weights.
struct matching_weights {
  double distance = 30;     ///< near is better (haversine km or travel minutes)
  double specialism = 25;   ///< the worker's specialisms cover the client's needs
  double preferences = 15;  ///< meeting modes, times and worker gender the client prefers
  double continuity = 20;   ///< the worker the client had before
  double caseload = 10;     ///< a worker with more free places (balances caseloads)
  double language = 0;      ///< the worker speaks the client's preferred (first) language
  /// @brief Weights are equal when every weight is equal.
  friend bool operator==(const matching_weights&, const matching_weights&) = default;
};

/// @brief A region's rules for matching clients with link workers.
///
/// **Hard constraints** exclude a pair: a shared language, an overlap of the client's times
/// with the worker's availability, the worker gender the client requires, an overlap of
/// meeting modes, the worker's travel radius (or the policy's travel-time limit), the
/// worker being active on the day, the worker's required training being valid on the day,
/// the worker's supervision being current on the day, and the excluded pairs. Each can be
/// switched off, except the excluded pairs and the workers' capacities, which always hold.
/// The training and supervision constraints are off by default, so that a region that does
/// not record training and supervision keeps matching; a region that does switches them on.
///
/// **Workforce** (workforce_policy): each kind of worker's caseload limit (which caps the
/// worker's own capacity), meeting modes, supervision interval and required training.
///
/// **Soft scores** rank the allowed pairs (see matching_weights); the optimal solver
/// maximises their sum. A client can be left unassigned at `unassigned_penalty` score
/// points times the client's priority; without a penalty as many clients as possible (by
/// priority) are assigned first, and the score decides among those assignments.
struct matching_policy {
  std::string id = "default";  ///< the policy's id (as an id: 1-64 of `A-Z a-z 0-9 . _ : -`)
  std::string version = "1";   ///< the version, e.g. `2026.1`
  bool require_shared_language = true;       ///< `hard.shared_language`
  bool require_availability_overlap = true;  ///< `hard.availability_overlap`
  bool require_requested_gender = true;      ///< `hard.requested_gender`: the gender the client asks for
  bool require_meeting_mode_overlap = false; ///< `hard.meeting_mode_overlap`
  bool require_travel_radius = true;         ///< `hard.travel_radius`
  bool require_active = true;                ///< `hard.active`: the worker is active on the day
  bool require_training_valid = false;       ///< `hard.training_valid`: the kind's required training is valid on the day
  bool require_supervision_current = false;  ///< `hard.supervision_current`: supervised within the kind's interval
  std::vector<excluded_pair> excluded_pairs; ///< pairs never matched
  matching_weights weights;                  ///< the soft scores' weights
  distance_method distance = distance_method::haversine;  ///< how distance is measured
  double distance_scale_km = 50;             ///< the distance score falls linearly to 0 at this many km
  double travel_time_scale_minutes = 60;     ///< the travel-time score falls linearly to 0 at this many minutes
  std::optional<double> max_travel_minutes;  ///< with travel_time, pairs further than this are excluded
  std::optional<double> unassigned_penalty;  ///< score points lost per unassigned client (times priority)
  workforce_policy workforce;                ///< the kinds of worker, training, supervision and continuity
  /// @brief Policies are equal when every field is equal.
  friend bool operator==(const matching_policy&, const matching_policy&) = default;
};

/// @brief Checks every rule of a policy.
///
/// Fields are named as in the JSON form, e.g. `weights.distance`, `distance.scale_km`,
/// `workforce.kinds.volunteer.caseload_limit`.
/// @param policy the policy
/// @throws invalid_argument (ids invalid_id, invalid_value, personal_data) naming the field
///         and the rule.
void validate(const matching_policy& policy);

/// @brief Reads a matching policy from JSON; missing members keep their defaults.
///
/// @code{.json}
/// {
///   "id": "matching", "version": "2026.1",
///   "hard": {"shared_language": true, "availability_overlap": true, "requested_gender": true,
///            "meeting_mode_overlap": false, "travel_radius": true, "active": true,
///            "training_valid": true, "supervision_current": true},
///   "excluded_pairs": [{"client": "c-17", "worker": "lw-3", "reason": "relative"}],
///   "weights": {"distance": 30, "specialism": 25, "preferences": 15, "continuity": 20,
///               "caseload": 10, "language": 0},
///   "distance": {"method": "haversine", "scale_km": 50, "scale_minutes": 60, "max_minutes": null},
///   "unassigned_penalty": 40,
///   "workforce": {
///     "kinds": {
///       "professional": {"caseload_limit": 50, "meeting_modes": ["in_person", "home_visit", "phone", "video"],
///                        "supervision_interval_days": 42, "required_training": ["link_work"]},
///       "volunteer": {"caseload_limit": 5, "meeting_modes": ["in_person", "phone", "video"]},
///       "peer_supporter": {"caseload_limit": 3}
///     },
///     "training_adds_specialisms": true,
///     "continuity": {"prefer_earlier_worker": true, "require_earlier_worker": false, "return_after_leave": true}
///   }
/// }
/// @endcode
/// `id` and `version` are required; unknown members are errors; a kind or a member of a kind
/// left out keeps its default.
/// @param text the JSON text
/// @return the validated policy
/// @throws parse_error (id parse_syntax) naming the JSON path (e.g. `$.weights.distance`) and
///         the rule, for bad JSON, a wrong type, a missing or unknown member or a value out of
///         range; (id parse_enum) for an unknown distance method, meeting mode or competence
///         (e.g. at `$.workforce.kinds.volunteer.meeting_modes[1]`).
[[nodiscard]] matching_policy matching_policy_from_json(std::string_view text);

/// @brief Writes a policy as JSON in the form matching_policy_from_json() reads.
/// @param policy the policy
/// @return the JSON text (indented by 2)
[[nodiscard]] std::string to_json(const matching_policy& policy);

/// @}

}  // namespace kulkija
