#include "kulkija/matching/link_worker.hpp"

#include <gtest/gtest.h>

#include "kulkija/core/error.hpp"
#include "../test_support.hpp"

namespace {

kulkija::link_worker make_worker() {
  return kulkija::link_worker(kulkija::link_worker_id("lw-1"), {kulkija::language("fi"), kulkija::language("sv")},
                              kulkija::municipality(272), 8);
}

TEST(LinkWorker, ValidatesAndLeavesItselfUnchanged) {
  auto w = make_worker();
  EXPECT_TRUE(w.speaks(kulkija::language("sv")));
  EXPECT_FALSE(w.speaks(kulkija::language("en")));
  EXPECT_EQ(w.free_places(), 8);
  w.set_capacity(8, 10);
  EXPECT_EQ(w.free_places(), 0);
  KULKIJA_EXPECT_THROW_MSG(w.set_capacity(-1, 0), kulkija::invalid_argument, "capacity: must be from 0 to 1000, got -1");
  EXPECT_EQ(w.capacity(), 8);
  KULKIJA_EXPECT_THROW_MSG(w.set_languages({}), kulkija::invalid_argument, "languages: must name at least one language");
  KULKIJA_EXPECT_THROW_MSG(w.set_languages({kulkija::language("sv"), kulkija::language("SV")}), kulkija::invalid_argument,
                           "languages[1]: 'sv' is listed twice");
  EXPECT_EQ(w.languages().size(), 2U);
  KULKIJA_EXPECT_THROW_MSG(w.set_location(kulkija::geo_point{63.8, 190}), kulkija::invalid_argument,
                           "location.longitude: must be from -180 to 180 degrees");
  EXPECT_FALSE(w.location().has_value());
  KULKIJA_EXPECT_THROW_MSG(
      w.set_specialisms({kulkija::specialism::employment, kulkija::specialism::employment}), kulkija::invalid_argument,
      "specialisms[1]: is listed twice");
  KULKIJA_EXPECT_THROW_MSG(w.set_travel_radius_km(-3.0), kulkija::invalid_argument, "travel_radius_km: must be from 0 to 2000 km");
  KULKIJA_EXPECT_THROW_MSG(w.set_active(kulkija::parse_date("2026-05-01"), kulkija::parse_date("2026-04-30")),
                           kulkija::invalid_argument, "active_to: must not be before active_from (2026-05-01)");
  EXPECT_FALSE(w.active_from().has_value());
  w.set_active(kulkija::parse_date("2026-01-01"), kulkija::parse_date("2026-12-31"));
  EXPECT_TRUE(w.active_on(kulkija::parse_date("2026-06-01")));
  EXPECT_FALSE(w.active_on(kulkija::parse_date("2027-01-01")));
}

TEST(Specialism, CodesLabelsAndNeeds) {
  EXPECT_EQ(kulkija::parse_specialism("older_people"), kulkija::specialism::older_people);
  EXPECT_EQ(kulkija::to_string(kulkija::specialism::digital_skills), "digital_skills");
  EXPECT_EQ(kulkija::label(kulkija::specialism::immigrants).fi, "maahan muuttaneet");
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::parse_specialism("elderly"), kulkija::parse_error, "elderly");
  for (kulkija::need n : kulkija::all_needs()) EXPECT_FALSE(kulkija::specialisms_for(n).empty());
  EXPECT_EQ(kulkija::specialisms_for(kulkija::need::integration),
            std::vector<kulkija::specialism>{kulkija::specialism::immigrants});
}

}  // namespace
