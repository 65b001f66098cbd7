#pragma once
/// @file
/// @brief The documented taxonomy of the service catalogue: activity categories (with the
/// needs each one addresses), target groups and accessibility features.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kulkija/core/text.hpp"
#include "kulkija/referral/need.hpp"

namespace kulkija {

/// @defgroup catalogue Catalogue
/// @brief The service catalogue (palvelutarjotin): organisations, their activities, text
/// search and explained recommendations.
/// @{

/// @brief What kind of activity it is. The list is closed and documented in the catalogue
/// guide (docs/catalogue.md); each category has a stable snake_case code, labels in fi, sv
/// and en, and the needs it addresses (used by the recommendation's need component).
enum class activity_category : std::uint8_t {
  peer_support_group,  ///< vertaistukiryhmä: a group of people sharing a situation
  meeting_place,       ///< kohtaamispaikka: open drop-in café or meeting place
  exercise,            ///< liikunta: gentle or guided exercise, sports groups
  outdoor_nature,      ///< ulkoilu ja luonto: walks, hiking, gardening
  music_singing,       ///< musiikki ja laulu: choirs, singing, playing together
  arts_crafts,         ///< taide ja käsityöt: painting, handicrafts, woodwork
  culture_events,      ///< kulttuuritapahtumat: theatre, concerts, museums, cinema
  learning,            ///< oppiminen: study circles, languages, lectures
  digital_skills,      ///< digituki: help with phones, computers and e-services
  volunteering,        ///< vapaaehtoistoiminta: helping others as a volunteer
  cooking_meals,       ///< ruoka ja yhteiset ateriat: cooking together, shared meals
  games_hobbies,       ///< pelit ja harrastukset: board games, cards, clubs
  work_activity,       ///< työllistymistä tukeva toiminta: work try-outs, workshops
  guidance,            ///< neuvonta ja ohjaus: advice on money, housing, services
};

/// @brief Number of activity categories.
inline constexpr std::size_t activity_category_count = 14;

/// @brief Every category, in declaration order.
[[nodiscard]] const std::array<activity_category, activity_category_count>& all_activity_categories() noexcept;
/// @brief The stable code of a category, e.g. `peer_support_group`.
/// @param c the category
/// @return its code
[[nodiscard]] std::string_view to_string(activity_category c) noexcept;
/// @brief Parses a category's code.
/// @param code the code
/// @return the category
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] activity_category parse_activity_category(std::string_view code);
/// @brief The category's label in fi, sv and en.
/// @param c the category
/// @return the labels
[[nodiscard]] const localized_text& label(activity_category c) noexcept;
/// @brief The needs a category addresses, as documented in the catalogue guide.
/// @param c the category
/// @return the needs
[[nodiscard]] need_set needs_addressed(activity_category c) noexcept;

/// @brief Who an activity is meant for.
enum class target_group : std::uint8_t {
  everyone,                ///< open to all adults
  older_people,            ///< ikäihmiset: older people living at home
  working_age,             ///< työikäiset: working-age adults
  young_adults,            ///< nuoret aikuiset: 18 to 29
  unemployed,              ///< työttömät
  caregivers,              ///< omaishoitajat: family caregivers
  immigrants,              ///< maahanmuuttajat
  people_with_disabilities,  ///< vammaiset henkilöt
  mental_health,           ///< mielenterveyskuntoutujat: people recovering from mental ill health
  long_term_ill,           ///< pitkäaikaissairaat: people with a chronic illness
  men,                     ///< miehet
  women,                   ///< naiset
};
/// @brief Number of target groups.
inline constexpr std::size_t target_group_count = 12;
/// @brief The stable code of a target group, e.g. `older_people`.
/// @param g the target group
/// @return its code
[[nodiscard]] std::string_view to_string(target_group g) noexcept;
/// @brief Parses a target group's code.
/// @param code the code
/// @return the target group
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] target_group parse_target_group(std::string_view code);
/// @brief The target group's label in fi, sv and en.
/// @param g the target group
/// @return the labels
[[nodiscard]] const localized_text& label(target_group g) noexcept;

/// @brief What makes an activity accessible.
enum class accessibility_feature : std::uint8_t {
  wheelchair_access,  ///< step-free access for wheelchairs
  induction_loop,     ///< hearing (induction) loop
  accessible_toilet,  ///< an accessible toilet
  transport_help,     ///< transport or an escort can be arranged
  sign_language,      ///< sign language interpretation available
  easy_language,      ///< selkokieli: easy-to-read language
};
/// @brief Number of accessibility features.
inline constexpr std::size_t accessibility_feature_count = 6;
/// @brief The stable code of an accessibility feature, e.g. `induction_loop`.
/// @param f the feature
/// @return its code
[[nodiscard]] std::string_view to_string(accessibility_feature f) noexcept;
/// @brief Parses an accessibility feature's code.
/// @param code the code
/// @return the feature
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] accessibility_feature parse_accessibility_feature(std::string_view code);
/// @brief The feature's label in fi, sv and en.
/// @param f the feature
/// @return the labels
[[nodiscard]] const localized_text& label(accessibility_feature f) noexcept;

/// @}

}  // namespace kulkija
