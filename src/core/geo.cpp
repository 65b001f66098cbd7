#include "kulkija/core/geo.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "kulkija/core/error.hpp"

namespace kulkija {

void validate(std::string_view field, const geo_point& p) {
  if (!std::isfinite(p.latitude) || p.latitude < -90 || p.latitude > 90) {
    throw invalid_argument(error_id::invalid_value, std::string(field) + ".latitude", "must be from -90 to 90 degrees");
  }
  if (!std::isfinite(p.longitude) || p.longitude < -180 || p.longitude > 180) {
    throw invalid_argument(error_id::invalid_value, std::string(field) + ".longitude", "must be from -180 to 180 degrees");
  }
}

double haversine_km(const geo_point& a, const geo_point& b) noexcept {
  constexpr double rad = std::numbers::pi / 180.0;
  const double dlat = (b.latitude - a.latitude) * rad;
  const double dlon = (b.longitude - a.longitude) * rad;
  const double s = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.latitude * rad) * std::cos(b.latitude * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  // min(): rounding can push s a hair above 1 for antipodes, where asin would give NaN
  return 2 * mean_earth_radius_km * std::asin(std::min(1.0, std::sqrt(s)));
}

}  // namespace kulkija
