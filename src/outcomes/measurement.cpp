#include "kulkija/outcomes/measurement.hpp"

#include <array>
#include <string>

#include "kulkija/core/error.hpp"
#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {
constexpr std::array<std::string_view, 3> point_names{"start", "end", "follow_up"};
}  // namespace

std::string_view to_string(measurement_point p) noexcept { return detail::enum_name(point_names, p); }

measurement_point parse_measurement_point(std::string_view code) {
  return detail::parse_enum<measurement_point>("measurement point", code, point_names);
}

scored_measurement score(const instrument& in, const measurement& m) {
  if (m.instrument != in.id) {
    throw invalid_argument(error_id::invalid_measurement, "instrument",
                           "the measurement is of " + quote(m.instrument) + ", not of " + quote(in.id));
  }
  if (m.day.is_special()) throw invalid_argument(error_id::invalid_measurement, "day", "must be a real date");
  return {m.referral, m.instrument, m.point, m.day, score(in, std::span<const std::optional<int>>(m.answers))};
}

}  // namespace kulkija
