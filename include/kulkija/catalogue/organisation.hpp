#pragma once
/// @file
/// @brief Third-sector organisations that run the catalogue's activities.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kulkija/core/id.hpp"
#include "kulkija/core/municipality.hpp"

namespace kulkija {

/// @addtogroup catalogue
/// @{

/// @brief The kind of a third-sector organisation (järjestö).
enum class organisation_kind : std::uint8_t {
  patient,        ///< potilasjärjestö: patient association
  pensioner,      ///< eläkeläisjärjestö: pensioners' association
  disability,     ///< vammaisjärjestö: disability association
  mental_health,  ///< mielenterveysjärjestö: mental health association
  youth,          ///< nuorisojärjestö: youth association
  sports,         ///< urheiluseura: sports club
  culture,        ///< kulttuuriyhdistys: culture association, choir, theatre group
  village,        ///< kyläyhdistys: village association
  multicultural,  ///< monikulttuurinen yhdistys: association of and for immigrants
  umbrella,       ///< kattojärjestö: umbrella body such as Kosti ry or Kepli ry
  other,          ///< any other association, parish or foundation
};
/// @brief The stable code of an organisation kind, e.g. `pensioner`.
/// @param k the kind
/// @return its code
[[nodiscard]] std::string_view to_string(organisation_kind k) noexcept;
/// @brief Parses an organisation kind's code.
/// @param code the code
/// @return the kind
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] organisation_kind parse_organisation_kind(std::string_view code);

/// @brief A third-sector organisation: its id, name, kind and home municipality.
///
/// Holds no personal data: contact persons are not part of the model.
class organisation {
 public:
  /// @brief Creates an organisation.
  /// @param id the organisation's id
  /// @param name its name, 1 to 200 bytes of free text
  /// @param kind its kind
  /// @param home the municipality where it is registered, when known
  /// @param description a description, at most 2000 bytes (may be empty)
  /// @throws invalid_argument naming `organisation.name` or `organisation.description` and the rule.
  organisation(organisation_id id, std::string name, organisation_kind kind,
               std::optional<municipality> home = std::nullopt, std::string description = {});

  /// @brief The id.
  [[nodiscard]] const organisation_id& id() const noexcept { return id_; }
  /// @brief The name.
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  /// @brief The kind.
  [[nodiscard]] organisation_kind kind() const noexcept { return kind_; }
  /// @brief The home municipality, when known.
  [[nodiscard]] const std::optional<municipality>& home() const noexcept { return home_; }
  /// @brief The description (may be empty).
  [[nodiscard]] const std::string& description() const noexcept { return description_; }

  /// @brief Organisations are equal when every field is.
  friend bool operator==(const organisation&, const organisation&) = default;

 private:
  organisation_id id_;
  std::string name_;
  organisation_kind kind_;
  std::optional<municipality> home_;
  std::string description_;
};

/// @}

}  // namespace kulkija
