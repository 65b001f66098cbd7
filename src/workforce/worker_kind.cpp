#include "kulkija/workforce/worker_kind.hpp"

#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {

constexpr std::array<std::string_view, 3> worker_kind_names{"professional", "volunteer", "peer_supporter"};

const std::array<localized_text, 3> worker_kind_labels{{
    {"ammattilainen", "yrkesperson", "professional"},
    {"koulutettu vapaaehtoinen", "utbildad frivillig", "trained volunteer"},
    {"vertaistukija tai kokemusasiantuntija", "stödperson eller erfarenhetsexpert",
     "peer supporter or expert by experience"},
}};

}  // namespace

std::string_view to_string(worker_kind k) noexcept { return detail::enum_name(worker_kind_names, k); }

worker_kind parse_worker_kind(std::string_view code) {
  return detail::parse_enum<worker_kind>("worker kind", code, worker_kind_names);
}

const localized_text& label(worker_kind k) noexcept { return worker_kind_labels[static_cast<std::size_t>(k)]; }

}  // namespace kulkija
