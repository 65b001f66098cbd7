#include "kulkija/workforce/training.hpp"

#include <gtest/gtest.h>

#include "kulkija/core/error.hpp"
#include "../test_support.hpp"
#include "fixtures.hpp"

namespace k = kulkija;

namespace {

using kulkija_test::course;

}  // namespace

TEST(Competence, CodesLabelsAndParse) {
  for (std::size_t i = 0; i < k::competence_count; ++i) {
    const auto c = static_cast<k::competence>(i);
    EXPECT_EQ(k::parse_competence(k::to_string(c)), c);
    EXPECT_FALSE(k::label(c).fi.empty());
    EXPECT_FALSE(k::label(c).sv.empty());
    EXPECT_FALSE(k::label(c).en.empty());
  }
  EXPECT_EQ(k::to_string(k::competence::swedish_language), "swedish_language");
  EXPECT_EQ(k::label(k::competence::link_work).en, "basic link-worker training");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_competence("telepathy"), k::parse_error, "unknown competence 'telepathy'");
}

TEST(TrainingRecord, ValidFromCompletionToTheLastDayIncluded) {
  const auto r = course("2025-09-12", "2026-10-31", {k::competence::link_work});
  EXPECT_FALSE(r.valid_on(k::parse_date("2025-09-11")));
  EXPECT_TRUE(r.valid_on(k::parse_date("2025-09-12")));
  EXPECT_TRUE(r.valid_on(k::parse_date("2026-10-30")));
  EXPECT_TRUE(r.valid_on(k::parse_date("2026-10-31")));
  EXPECT_FALSE(r.valid_on(k::parse_date("2026-11-01")));
  const auto forever = course("2025-09-12", std::nullopt, {k::competence::link_work});
  EXPECT_TRUE(forever.valid_on(k::parse_date("2099-01-01")));
  EXPECT_TRUE(r.gives(k::competence::link_work));
  EXPECT_FALSE(r.gives(k::competence::older_people));
}

TEST(TrainingRecord, BadRecordsNameTheFieldAndTheRule) {
  KULKIJA_EXPECT_THROW_MSG(k::validate(course("2026-01-01", "2025-12-31", {k::competence::link_work})),
                           k::invalid_argument, "valid_until: must not be before completed_on (2026-01-01)");
  KULKIJA_EXPECT_THROW_MSG(k::validate(course("2026-01-01", std::nullopt, {})), k::invalid_argument,
                           "competences: must name at least one competence");
  KULKIJA_EXPECT_THROW_MSG(
      k::validate(course("2026-01-01", std::nullopt, {k::competence::link_work, k::competence::link_work})),
      k::invalid_argument, "competences[1]: is listed twice (link_work)");
  auto r = course("2026-01-01", std::nullopt, {k::competence::link_work});
  r.course = "";
  KULKIJA_EXPECT_THROW_MSG(k::validate(r), k::invalid_argument, "course: must name the course");
  r.course = "Kurssi 131052-308T";
  try {
    k::validate(r);
    ADD_FAILURE() << "expected invalid_argument";
  } catch (const k::invalid_argument& e) {
    EXPECT_EQ(e.id(), k::error_id::personal_data);
    EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos);
  }
  r = course("2026-01-01", std::nullopt, {k::competence::link_work});
  r.completed_on = k::date(boost::date_time::not_a_date_time);
  KULKIJA_EXPECT_THROW_MSG(k::validate(r), k::invalid_argument, "completed_on: must be a real date");
}
