#pragma once
/// @file
/// @brief A point on the earth (WGS 84) and the great-circle distance between two points.

#include <string_view>

namespace kulkija {

/// @addtogroup core
/// @{

/// @brief The mean radius of the earth in km (IUGG mean radius R1 of the WGS 84 ellipsoid),
/// used by haversine_km().
inline constexpr double mean_earth_radius_km = 6371.0088;

/// @brief A point on the earth in WGS 84 decimal degrees: where a link worker starts from,
/// where a client meets, where an activity meets.
///
/// The coordinates are not checked on construction; validate() checks them, and every class
/// that stores a point validates it.
///
/// @code
/// const kulkija::geo_point kokkola{63.8385, 23.1307};
/// kulkija::validate("location", kokkola);
/// @endcode
struct geo_point {
  double latitude = 0;   ///< degrees north, -90 to 90
  double longitude = 0;  ///< degrees east, -180 to 180
  /// @brief Points are equal when both coordinates are equal.
  friend bool operator==(const geo_point&, const geo_point&) = default;
};

/// @brief Checks a point's coordinates: a finite latitude from -90 to 90 degrees and a finite
/// longitude from -180 to 180 degrees.
/// @param field the field name for the error message, e.g. `location`
/// @param p the point
/// @throws invalid_argument (id invalid_value) naming `<field>.latitude` or `<field>.longitude`,
///         e.g. `location.latitude: must be from -90 to 90 degrees`.
void validate(std::string_view field, const geo_point& p);

/// @brief The great-circle distance between two points in km, by the haversine formula on a
/// sphere of radius mean_earth_radius_km (6371.0088 km).
///
/// The sphere is within about 0.5 % of the WGS 84 ellipsoid's geodesic distance. The result
/// is symmetric, 0 for the same point and at most half the circumference (about 20015 km,
/// antipodes); longitudes -180 and 180 are the same meridian.
///
/// @code
/// const double km = kulkija::haversine_km({63.8385, 23.1307}, {63.8999, 23.9158});  // about 39.0
/// @endcode
/// @param a one point (valid, see validate())
/// @param b the other point (valid)
/// @return the distance in km
[[nodiscard]] double haversine_km(const geo_point& a, const geo_point& b) noexcept;

/// @}

}  // namespace kulkija
