#pragma once
/// @file
/// @brief Finnish municipality codes (kuntanumero) of Statistics Finland, as a validated type.

#include <compare>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace kulkija {

/// @addtogroup core
/// @{

/// @brief A Finnish municipality by its three-digit Statistics Finland code.
///
/// The valid codes are those of the municipalities in force on 1 January 2025 (308
/// municipalities, the Åland Islands included), with their Finnish and Swedish names.
/// @code
/// kulkija::municipality kokkola{272};
/// assert(kokkola.name_fi() == "Kokkola" && kokkola.name_sv() == "Karleby");
/// @endcode
class municipality {
 public:
  /// @brief Creates the municipality from its numeric code.
  /// @param code the code, e.g. 272 for Kokkola
  /// @throws invalid_argument (id invalid_municipality) naming the field `municipality`.
  explicit municipality(int code);
  /// @brief Creates the municipality from its three-digit text code, e.g. `"005"`.
  /// @param code exactly three digits
  /// @throws invalid_argument (id invalid_municipality) naming the field `municipality`.
  explicit municipality(std::string_view code);

  /// @brief The numeric code, e.g. 5 for Alajärvi.
  [[nodiscard]] int code() const noexcept { return code_; }
  /// @brief The three-digit code with leading zeros, e.g. `"005"`.
  [[nodiscard]] std::string code_text() const;
  /// @brief The Finnish name, e.g. `Kokkola`.
  [[nodiscard]] std::string_view name_fi() const noexcept;
  /// @brief The Swedish name, e.g. `Karleby` (the Finnish name where there is no Swedish one).
  [[nodiscard]] std::string_view name_sv() const noexcept;

  /// @brief Whether `code` is a valid municipality code.
  /// @param code the numeric code
  [[nodiscard]] static bool is_valid(int code) noexcept;
  /// @brief Every municipality, ordered by code.
  [[nodiscard]] static std::vector<municipality> all();

  /// @brief Municipalities order by code.
  friend auto operator<=>(const municipality&, const municipality&) = default;
  /// @brief Municipalities are equal when their codes are.
  friend bool operator==(const municipality&, const municipality&) = default;
  /// @brief Writes the three-digit code.
  friend std::ostream& operator<<(std::ostream& os, const municipality& m) { return os << m.code_text(); }

 private:
  int code_;
};

/// @}

}  // namespace kulkija

/// @brief Hashes a municipality by its code.
template <>
struct std::hash<kulkija::municipality> {
  /// @brief The hash of the code.
  std::size_t operator()(const kulkija::municipality& m) const noexcept {
    return std::hash<int>{}(m.code());
  }
};
