#include "kulkija/core/geo.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;

namespace {

constexpr double rad = std::numbers::pi / 180;
constexpr double half_circumference = std::numbers::pi * k::mean_earth_radius_km;  // 20015.114 km

// Independent oracle: the central angle from the two points' unit vectors,
// atan2(|u x v|, u . v) (well conditioned at every distance, unlike haversine near antipodes).
double vector_km(const k::geo_point& a, const k::geo_point& b) {
  const auto unit = [](const k::geo_point& p) {
    return std::array<double, 3>{std::cos(p.latitude * rad) * std::cos(p.longitude * rad),
                                 std::cos(p.latitude * rad) * std::sin(p.longitude * rad), std::sin(p.latitude * rad)};
  };
  const auto u = unit(a), v = unit(b);
  const std::array<double, 3> c{u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
  const double cross = std::sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
  const double dot = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  return k::mean_earth_radius_km * std::atan2(cross, dot);
}

}  // namespace

TEST(GeoPoint, IsARegularValue) {
  const k::geo_point a{63.8385, 23.1307};
  k::geo_point b = a;
  EXPECT_EQ(a, b);
  b.longitude = 23.9158;
  EXPECT_NE(a, b);
  EXPECT_EQ(k::geo_point{}, (k::geo_point{0, 0}));
}

TEST(GeoPoint, ValidateAcceptsTheWholeRangeIncludingTheEdges) {
  for (const k::geo_point p : {k::geo_point{90, 180}, k::geo_point{-90, -180}, k::geo_point{0, 0},
                               k::geo_point{63.8385, 23.1307}, k::geo_point{-33.9, 151.2}}) {
    EXPECT_NO_THROW(k::validate("location", p)) << p.latitude << ", " << p.longitude;
  }
}

TEST(GeoPoint, ValidateNamesTheFieldAndTheRule) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  constexpr double inf = std::numeric_limits<double>::infinity();
  KULKIJA_EXPECT_THROW_MSG(k::validate("location", k::geo_point{91, 0}), k::invalid_argument,
                           "location.latitude: must be from -90 to 90 degrees");
  KULKIJA_EXPECT_THROW_MSG(k::validate("activity.position", k::geo_point{-90.000001, 0}), k::invalid_argument,
                           "activity.position.latitude: must be from -90 to 90 degrees");
  KULKIJA_EXPECT_THROW_MSG(k::validate("location", k::geo_point{nan, 0}), k::invalid_argument,
                           "location.latitude: must be from -90 to 90 degrees");
  KULKIJA_EXPECT_THROW_MSG(k::validate("location", k::geo_point{0, 180.5}), k::invalid_argument,
                           "location.longitude: must be from -180 to 180 degrees");
  KULKIJA_EXPECT_THROW_MSG(k::validate("location", k::geo_point{0, -inf}), k::invalid_argument,
                           "location.longitude: must be from -180 to 180 degrees");
  // both wrong: the latitude is named
  KULKIJA_EXPECT_THROW_MSG(k::validate("request.location", k::geo_point{100, 200}), k::invalid_argument,
                           "request.location.latitude: must be from -90 to 90 degrees");
  try {
    k::validate("location", k::geo_point{0, 360});
    ADD_FAILURE() << "expected invalid_argument";
  } catch (const k::invalid_argument& e) {
    EXPECT_EQ(e.id(), k::error_id::invalid_value);
    EXPECT_EQ(e.field(), "location.longitude");
    EXPECT_EQ(e.rule(), "must be from -180 to 180 degrees");
  }
}

TEST(Haversine, PublishedDistances) {
  // Rosetta Code, task "Haversine formula": Nashville BNA (36.12, -86.67) to Los Angeles LAX
  // (33.94, -118.40) on a sphere of radius 6371.0 km is 2886.44444283798329974715782394574671655 km;
  // the central angle is that over 6371.0, scaled here to our radius.
  const double bna_lax = 2886.44444283798329974715782394574671655 / 6371.0 * k::mean_earth_radius_km;
  EXPECT_NEAR(k::haversine_km({36.12, -86.67}, {33.94, -118.40}), bna_lax, 1e-9);
  // Ed Williams, Aviation Formulary V1.46, "Distance between points": LAX (33°57'N, 118°24'W) to
  // JFK (40°38'N, 73°47'W) is d = 0.623585 radians (2144 nm).
  const double lax_jfk = k::haversine_km({33 + 57.0 / 60, -(118 + 24.0 / 60)}, {40 + 38.0 / 60, -(73 + 47.0 / 60)});
  EXPECT_NEAR(lax_jfk / k::mean_earth_radius_km, 0.623585, 5e-7);
  EXPECT_NEAR(lax_jfk / k::mean_earth_radius_km * 180 * 60 / std::numbers::pi, 2144, 0.5);
}

TEST(Haversine, MeridianArcsAreTheRadiusTimesTheAngle) {
  const double one_degree = k::mean_earth_radius_km * rad;  // 111.195 km
  EXPECT_NEAR(one_degree, 111.195, 0.001);
  EXPECT_NEAR(k::haversine_km({60, 25}, {61, 25}), one_degree, 1e-9);
  EXPECT_NEAR(k::haversine_km({0, 10}, {0, 11}), one_degree, 1e-9);  // along the equator too
  EXPECT_NEAR(k::haversine_km({0, 0}, {90, 0}), half_circumference / 2, 1e-9);
}

TEST(Haversine, KokkolaToKannusMatchesTheFlatApproximation) {
  const k::geo_point kokkola{63.8385, 23.1307}, kannus{63.8999, 23.9158};
  // the equirectangular approximation is within 0.5 % at this distance
  const double x = (kannus.longitude - kokkola.longitude) * rad * std::cos((kokkola.latitude + kannus.latitude) / 2 * rad);
  const double y = (kannus.latitude - kokkola.latitude) * rad;
  const double approx = k::mean_earth_radius_km * std::sqrt(x * x + y * y);
  EXPECT_NEAR(k::haversine_km(kokkola, kannus), approx, approx * 0.005);
  EXPECT_NEAR(k::haversine_km(kokkola, kannus), 39.3, 1.0);
}

TEST(Haversine, SamePointIsZero) {
  for (const k::geo_point p : {k::geo_point{63.8, 23.1}, k::geo_point{0, 0}, k::geo_point{-90, 0},
                               k::geo_point{90, 180}, k::geo_point{-45.5, -180}}) {
    EXPECT_EQ(k::haversine_km(p, p), 0.0) << p.latitude << ", " << p.longitude;
  }
}

TEST(Haversine, AntipodesAreHalfTheCircumference) {
  EXPECT_NEAR(half_circumference, 20015.114, 0.001);
  EXPECT_NEAR(k::haversine_km({0, 0}, {0, 180}), half_circumference, 1e-6);
  EXPECT_NEAR(k::haversine_km({0, -90}, {0, 90}), half_circumference, 1e-6);
  // off the axes, haversine is ill-conditioned at antipodes (asin near 1): within a metre
  EXPECT_NEAR(k::haversine_km({63.8385, 23.1307}, {-63.8385, 23.1307 - 180}), half_circumference, 1e-3);
  EXPECT_NEAR(k::haversine_km({-33.9, 151.2}, {33.9, 151.2 - 180}), half_circumference, 1e-3);
  EXPECT_FALSE(std::isnan(k::haversine_km({45, 45}, {-45, -135})));
}

TEST(Haversine, PolesIgnoreLongitude) {
  EXPECT_NEAR(k::haversine_km({90, 0}, {-90, 0}), half_circumference, 1e-6);
  EXPECT_NEAR(k::haversine_km({90, 0}, {-90, 123}), half_circumference, 1e-3);
  EXPECT_NEAR(k::haversine_km({90, 0}, {90, 123}), 0.0, 1e-9);     // one north pole, whatever the longitude
  EXPECT_NEAR(k::haversine_km({-90, -180}, {-90, 45}), 0.0, 1e-9);  // one south pole
  // every point of the equator is a quarter of the circumference from either pole
  for (double lon = -180; lon <= 180; lon += 15) {
    EXPECT_NEAR(k::haversine_km({90, 0}, {0, lon}), half_circumference / 2, 1e-6) << lon;
    EXPECT_NEAR(k::haversine_km({-90, 77}, {0, lon}), half_circumference / 2, 1e-6) << lon;
  }
}

TEST(Haversine, LongitudeWrapsAtTheAntimeridian) {
  const double one_degree = k::mean_earth_radius_km * rad;
  // across ±180: one degree, not 359
  EXPECT_NEAR(k::haversine_km({0, 179.5}, {0, -179.5}), one_degree, 1e-9);
  EXPECT_NEAR(k::haversine_km({0, -179.5}, {0, 179.5}), one_degree, 1e-9);
  // -180 and 180 are the same meridian
  EXPECT_NEAR(k::haversine_km({63.8, 180}, {63.8, -180}), 0.0, 1e-9);
  EXPECT_NEAR(k::haversine_km({-12.5, 180}, {40, -180}), k::haversine_km({-12.5, 180}, {40, 180}), 1e-9);
  // a point just east of the antimeridian is as far from Kokkola as the same point written west
  EXPECT_NEAR(k::haversine_km({63.8385, 23.1307}, {10, 180}), k::haversine_km({63.8385, 23.1307}, {10, -180}), 1e-9);
}

TEST(Haversine, AgreesWithTheVectorFormulaAndIsAMetric) {
  std::mt19937_64 rng(20260315);
  std::uniform_real_distribution<double> lat(-90, 90), lon(-180, 180);
  for (int i = 0; i < 2000; ++i) {
    const k::geo_point a{lat(rng), lon(rng)}, b{lat(rng), lon(rng)}, c{lat(rng), lon(rng)};
    const double ab = k::haversine_km(a, b);
    // haversine loses digits near antipodes (asin near 1): a few metres at worst
    EXPECT_NEAR(ab, vector_km(a, b), 1e-3) << i;
    EXPECT_DOUBLE_EQ(ab, k::haversine_km(b, a)) << i;
    EXPECT_GE(ab, 0.0) << i;
    EXPECT_LE(ab, half_circumference + 1e-9) << i;
    EXPECT_LE(ab, k::haversine_km(a, c) + k::haversine_km(c, b) + 1e-6) << i;
  }
}
