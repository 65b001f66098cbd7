#pragma once
/// @file
/// @brief The kinds of link worker: employed professionals, trained volunteers and peer
/// supporters.

#include <array>
#include <cstdint>
#include <string_view>

#include "kulkija/core/text.hpp"

namespace kulkija {

/// @addtogroup workforce
/// @{

/// @brief What kind of link worker someone is. In the Finnish model link workers are trained
/// people: some employed by the service, many volunteers with associations, and peer
/// supporters or experts by experience. A region's policy gives each kind its own caseload
/// limit and meeting modes.
enum class worker_kind : std::uint8_t {
  professional,    ///< an employed professional (e.g. a social instructor)
  volunteer,       ///< a trained volunteer working with an association
  peer_supporter,  ///< a peer supporter or expert by experience
};

/// @brief Every worker kind, in declaration order.
inline constexpr std::array<worker_kind, 3> all_worker_kinds{
    worker_kind::professional, worker_kind::volunteer, worker_kind::peer_supporter};

/// @brief The code of a worker kind: `professional`, `volunteer` or `peer_supporter`.
/// @param k the kind
/// @return its code
[[nodiscard]] std::string_view to_string(worker_kind k) noexcept;
/// @brief Parses a worker kind's code.
/// @param code the code
/// @return the kind
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] worker_kind parse_worker_kind(std::string_view code);
/// @brief The kind's readable label in fi, sv and en.
/// @param k the kind
/// @return the labels
[[nodiscard]] const localized_text& label(worker_kind k) noexcept;

/// @}

}  // namespace kulkija
