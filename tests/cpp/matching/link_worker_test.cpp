#include "kulkija/matching/link_worker.hpp"

#include <gtest/gtest.h>

#include "kulkija/core/error.hpp"
#include "../test_support.hpp"
#include "../workforce/fixtures.hpp"

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

namespace k = kulkija;

namespace {

using kulkija_test::course;

}  // namespace

TEST(LinkWorkerTraining, SettersValidateAndLeaveTheWorkerUnchanged) {
  k::link_worker w(k::link_worker_id("lw-1"), {k::language("fi")}, k::municipality(272), 5, k::worker_kind::volunteer);
  EXPECT_EQ(w.kind(), k::worker_kind::volunteer);
  w.set_training({course("2025-01-01", "2026-12-31", {k::competence::link_work, k::competence::older_people}),
                  course("2026-03-01", std::nullopt, {k::competence::older_people, k::competence::swedish_language})});
  const k::link_worker before = w;
  KULKIJA_EXPECT_THROW_MSG(w.set_training({course("2026-01-01", std::nullopt, {k::competence::link_work}),
                                           course("2026-01-01", "2025-01-01", {k::competence::link_work})}),
                           k::invalid_argument, "training[1].valid_until: must not be before completed_on");
  EXPECT_EQ(w, before);
  KULKIJA_EXPECT_THROW_MSG(w.add_training(course("2026-01-01", std::nullopt, {})), k::invalid_argument,
                           "training.competences:");
  EXPECT_EQ(w, before);
  KULKIJA_EXPECT_THROW_MSG(w.set_last_supervision(k::date(boost::date_time::not_a_date_time)), k::invalid_argument,
                           "last_supervision: must be a real date");
  EXPECT_EQ(w, before);
  // competences valid on a day, each once, in the enum's order
  EXPECT_EQ(w.competences_on(k::parse_date("2025-06-01")),
            (std::vector<k::competence>{k::competence::link_work, k::competence::older_people}));
  EXPECT_EQ(w.competences_on(k::parse_date("2026-06-01")),
            (std::vector<k::competence>{k::competence::link_work, k::competence::older_people,
                                        k::competence::swedish_language}));
  EXPECT_EQ(w.competences_on(k::parse_date("2027-01-01")),
            (std::vector<k::competence>{k::competence::older_people, k::competence::swedish_language}));
  EXPECT_TRUE(w.competences_on(k::parse_date("2024-01-01")).empty());
}
