#pragma once
/// @file
/// @brief The referring professional and the service sector they work in.

#include <cstdint>
#include <string>
#include <string_view>

#include "kulkija/core/id.hpp"

namespace kulkija {

/// @addtogroup referral
/// @{

/// @brief The service sector a referring professional works in.
enum class sector : std::uint8_t {
  social_services,      ///< sosiaalipalvelut: social work, family and elderly services
  health_care,          ///< terveydenhuolto: health centres, nurses, doctors, therapists
  employment_services,  ///< työllisyyspalvelut: TE services, municipal employment services
  other,                ///< anyone else (parish, school, association); not a referrer in the model
};
/// @brief The code of a sector, e.g. `health_care`.
/// @param s the sector
[[nodiscard]] std::string_view to_string(sector s) noexcept;
/// @brief Parses a sector's code.
/// @param code the code
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] sector parse_sector(std::string_view code);

/// @brief A professional who writes referrals: known by an id, a sector and an organisation.
class professional {
 public:
  /// @brief Creates a professional.
  /// @param id the professional's id (or the id of their role in the organisation)
  /// @param s the sector they work in
  /// @param organisation the organisation's name or code, 1 to 200 bytes of free text
  /// @param title the job title, e.g. `sosiaaliohjaaja`; may be empty; at most 100 bytes
  /// @throws invalid_argument naming `organisation` or `title` and the rule.
  professional(professional_id id, sector s, std::string organisation, std::string title = {});

  /// @brief The id.
  [[nodiscard]] const professional_id& id() const noexcept { return id_; }
  /// @brief The sector.
  [[nodiscard]] sector work_sector() const noexcept { return sector_; }
  /// @brief The organisation.
  [[nodiscard]] const std::string& organisation() const noexcept { return organisation_; }
  /// @brief The job title (may be empty).
  [[nodiscard]] const std::string& title() const noexcept { return title_; }

  /// @brief Professionals are equal when every field is equal.
  friend bool operator==(const professional&, const professional&) = default;

 private:
  professional_id id_;
  sector sector_;
  std::string organisation_;
  std::string title_;
};

/// @}

}  // namespace kulkija
