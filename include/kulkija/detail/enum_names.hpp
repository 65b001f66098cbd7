#pragma once
// Internal: code <-> enum tables. Not documented, not stable.

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

namespace kulkija::detail {

[[noreturn]] void throw_unknown_code(std::string_view what, std::string_view code,
                                     std::span<const std::string_view> names);

template <class E, std::size_t N>
constexpr std::string_view enum_name(const std::array<std::string_view, N>& names, E e) noexcept {
  const auto i = static_cast<std::size_t>(e);
  return i < N ? names[i] : std::string_view{"?"};
}

template <class E, std::size_t N>
E parse_enum(std::string_view what, std::string_view code, const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == code) return static_cast<E>(i);
  }
  throw_unknown_code(what, code, names);
}

}  // namespace kulkija::detail
