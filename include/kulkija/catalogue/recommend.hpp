#pragma once
/// @file
/// @brief Explained recommendations of catalogue activities for a client, and the
/// Kaikukortti holder's decision.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/catalogue/catalogue.hpp"
#include "kulkija/core/date.hpp"
#include "kulkija/core/geo.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/eligibility/decision.hpp"
#include "kulkija/eligibility/record.hpp"
#include "kulkija/eligibility/rule_set.hpp"
#include "kulkija/referral/client.hpp"

namespace kulkija {

/// @addtogroup catalogue
/// @{

/// @brief The parts of a recommendation's score, each from 0 to 1.
enum class score_component : std::uint8_t {
  need,      ///< share of the client's needs that the activity's categories address
  interest,  ///< share of the client's interests found in the activity's text
  language,  ///< 1 in the client's preferred language, 0.5 in another language they speak
  distance,  ///< 1 at the client's door, falling linearly to 0 at the mobility radius
  cost,      ///< 1 when free for the client, less for a fee, 0 above the budget
  time,      ///< share of the activity's meeting times in the client's preferred time windows
};
/// @brief Number of score components.
inline constexpr std::size_t score_component_count = 6;
/// @brief The code of a component, e.g. `need`.
/// @param c the component
/// @return its code
[[nodiscard]] std::string_view to_string(score_component c) noexcept;

/// @brief The weights of the score components (non-negative, not all zero). The score is
/// the weighted mean of the components.
struct recommendation_weights {
  double need = 3.0;      ///< weight of score_component::need
  double interest = 2.0;  ///< weight of score_component::interest
  double language = 1.0;  ///< weight of score_component::language
  double distance = 1.0;  ///< weight of score_component::distance
  double cost = 1.0;      ///< weight of score_component::cost
  double time = 1.0;      ///< weight of score_component::time
  /// @brief The weight of component `c`.
  /// @param c the component
  [[nodiscard]] double of(score_component c) const noexcept;
  /// @brief Weights are equal when every part is.
  friend bool operator==(const recommendation_weights&, const recommendation_weights&) = default;
};

/// @brief Why an activity was left out by a hard filter.
enum class exclusion_reason : std::uint8_t {
  not_valid,     ///< it does not run on the day (validity dates)
  language,      ///< the client speaks none of its languages
  age,           ///< the client's age is (or may be) outside its age range
  out_of_reach,  ///< farther than the mobility radius, or in a municipality the client cannot reach
};
/// @brief The code of an exclusion reason, e.g. `out_of_reach`.
/// @param r the reason
/// @return its code
[[nodiscard]] std::string_view to_string(exclusion_reason r) noexcept;

/// @brief What the recommendation needs to know beyond the client.
struct recommendation_request {
  date on;  ///< the day: activities must be valid on it and ages are taken on it
  std::optional<geo_point> location;  ///< where the client starts from, when known
  double max_distance_km = 15.0;      ///< mobility radius (haversine_km()), more than 0
  /// @brief Municipalities the client can reach besides the home municipality (used for
  /// activities whose distance cannot be computed).
  std::vector<municipality> reachable;
  std::optional<double> budget;   ///< the most the client can pay per time (in the activity's currency)
  bool kaikukortti_holder = false;  ///< the client holds a Kaikukortti (see kaikukortti_decision())
  std::size_t k = 10;             ///< how many recommendations to return at most
  recommendation_weights weights; ///< the component weights
  /// @brief Checks the request.
  /// @throws invalid_argument (id invalid_value or invalid_date) naming `request.<field>`.
  void validate() const;
};

/// @brief One readable reason of a recommendation, with a stable code.
struct recommendation_reason {
  std::string code;    ///< e.g. `need:loneliness`, `interest:singing`, `kaikukortti`
  localized_text text; ///< the reason in fi, sv and en
  /// @brief Reasons are equal when both parts are.
  friend bool operator==(const recommendation_reason&, const recommendation_reason&) = default;
};

/// @brief One recommended activity with its score, components and reasons.
struct recommendation {
  activity_id activity{"activity"};  ///< the activity
  double score = 0;                  ///< weighted mean of the components, 0 to 1
  std::array<double, score_component_count> components{};  ///< each component, 0 to 1
  std::optional<double> distance_km;  ///< distance from the client's location, when known
  std::optional<double> cost;         ///< the cost for this client, when known (0 for card holders where accepted)
  std::optional<date> next_meeting;   ///< the first meeting on or after the request's day
  std::vector<recommendation_reason> reasons;  ///< why, in component order
  /// @brief The component `c`.
  /// @param c the component
  [[nodiscard]] double component(score_component c) const noexcept {
    return components[static_cast<std::size_t>(c)];
  }
  /// @brief The reasons in `lang`, joined by `; `.
  /// @param lang the language
  [[nodiscard]] std::string explain(text_language lang) const;
};

/// @brief Applies the hard filters to one activity, in the order valid, language, age,
/// reach.
///
/// - **valid**: the day is between the activity's valid_from and valid_to;
/// - **language**: the client speaks at least one of the activity's languages;
/// - **age**: every age the client can have on the day (client::age_range_on()) is inside
///   the activity's range; an unknown birthday that could put the client outside excludes;
/// - **reach**: when the request has a location and the activity a position, the distance
///   is at most the mobility radius; otherwise, when the activity has a municipality, it is
///   the client's home or one of `request.reachable`; an activity with neither is
///   region-wide and in reach.
/// @param a the activity
/// @param c the client
/// @param request the request
/// @return the first filter that excludes it, or nothing when it passes all
[[nodiscard]] std::optional<exclusion_reason> hard_filter(const activity& a, const client& c,
                                                          const recommendation_request& request);

/// @brief Ranks the catalogue's activities for a client.
///
/// Activities that pass hard_filter() are scored (see score_component and the catalogue
/// guide) and the best `request.k` returned, highest score first; ties go to the nearer,
/// then to the catalogue's order. A Kaikukortti holder sees card-accepting activities at
/// cost 0.
/// @param cat the catalogue
/// @param c the client
/// @param request the day, location, mobility, budget, card and weights
/// @return at most `request.k` recommendations
/// @throws invalid_argument as recommendation_request::validate().
[[nodiscard]] std::vector<recommendation> recommend(const catalogue& cat, const client& c,
                                                    const recommendation_request& request);

/// @brief Decides whether a client holds the Kaikukortti, by the rule set of that name.
/// @param rules the Kaikukortti rule set (its id must be `kaikukortti`)
/// @param r the client's record (see client_record()), with `participating_unit_client`
///        and `low_income` set by the caller
/// @param on the day of the decision
/// @param lang the language of the reasons
/// @return the explained decision; the client is a holder when its status is eligible
/// @throws invalid_argument naming `rules` when the rule set is not the Kaikukortti one, and
///         as rule_set::evaluate().
[[nodiscard]] decision kaikukortti_decision(const rule_set& rules, const record& r, date on,
                                            text_language lang = text_language::fi);

/// @}

}  // namespace kulkija
