#pragma once
/// @file
/// @brief The documented list of needs that lead to a wellbeing referral.

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>
#include <string_view>

#include "kulkija/core/text.hpp"

namespace kulkija {

/// @defgroup referral Referral
/// @brief Clients, professionals, referrals and the referral lifecycle.
/// @{

/// @brief Why a client is referred: the challenges in life or lowered wellbeing that a link
/// worker and third-sector activities can help with. The list is closed and documented in
/// the concepts guide; each need has a stable snake_case code.
enum class need : std::uint8_t {
  loneliness,           ///< yksinäisyys: feels lonely, lacks close relationships
  social_exclusion,     ///< syrjäytyminen: outside work, study and community life
  mental_wellbeing,     ///< mielen hyvinvointi: low mood, stress, anxiety not needing treatment
  life_transition,      ///< elämänmuutos: retirement, divorce, moving, children leaving home
  bereavement,          ///< läheisen menetys: loss of a spouse, relative or friend
  unemployment,         ///< työttömyys: out of work, especially long-term
  caregiver_burden,     ///< omaishoitajan kuormitus: strain of caring for a relative
  physical_inactivity,  ///< liikkumattomuus: too little physical activity
  financial_hardship,   ///< taloudelliset vaikeudet: tight finances limit participation
  long_term_condition,  ///< pitkäaikaissairaus: living with a chronic illness or disability
  digital_exclusion,    ///< digisyrjäytyminen: cannot use digital services without help
  integration,          ///< kotoutuminen: newcomer building a life and network in Finland
  meaningful_activity,  ///< mielekäs tekeminen: lacks meaningful everyday activity
};

/// @brief Number of needs in the list.
inline constexpr std::size_t need_count = 13;

/// @brief Every need, in declaration order.
[[nodiscard]] const std::array<need, need_count>& all_needs() noexcept;

/// @brief The stable code of a need, e.g. `loneliness`.
/// @param n the need
/// @return its snake_case code
[[nodiscard]] std::string_view to_string(need n) noexcept;

/// @brief Parses a need's code.
/// @param code the snake_case code, e.g. `social_exclusion`
/// @return the need
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] need parse_need(std::string_view code);

/// @brief The need's readable label in fi, sv and en.
/// @param n the need
/// @return the labels
[[nodiscard]] const localized_text& label(need n) noexcept;

/// @brief A set of needs, as a bit set over the list (regular, cheap to copy).
class need_set {
 public:
  /// @brief The empty set.
  constexpr need_set() noexcept = default;
  /// @brief A set of the given needs.
  /// @param needs the members
  need_set(std::initializer_list<need> needs) noexcept {
    for (need n : needs) insert(n);
  }
  /// @brief Adds a need.
  /// @param n the need
  void insert(need n) noexcept { bits_ |= bit(n); }
  /// @brief Removes a need.
  /// @param n the need
  void erase(need n) noexcept { bits_ &= static_cast<std::uint16_t>(~bit(n)); }
  /// @brief Whether the set holds `n`.
  /// @param n the need
  [[nodiscard]] bool contains(need n) const noexcept { return (bits_ & bit(n)) != 0; }
  /// @brief Whether the set is empty.
  [[nodiscard]] bool empty() const noexcept { return bits_ == 0; }
  /// @brief Number of needs in the set.
  [[nodiscard]] std::size_t size() const noexcept;
  /// @brief Whether the sets share a need.
  /// @param other the other set
  [[nodiscard]] bool intersects(need_set other) const noexcept { return (bits_ & other.bits_) != 0; }
  /// @brief The members in list order.
  [[nodiscard]] std::vector<need> members() const;
  /// @brief The bit mask (bit i = need i), for batch code.
  [[nodiscard]] std::uint16_t mask() const noexcept { return bits_; }
  /// @brief Sets are equal when they have the same members.
  friend bool operator==(need_set, need_set) noexcept = default;

 private:
  static constexpr std::uint16_t bit(need n) noexcept {
    return static_cast<std::uint16_t>(1U << static_cast<unsigned>(n));
  }
  std::uint16_t bits_ = 0;
};

/// @}

}  // namespace kulkija
