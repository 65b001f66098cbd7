#include "kulkija/workforce/policy.hpp"

#include <gtest/gtest.h>

#include "kulkija/core/error.hpp"
#include "../test_support.hpp"

namespace k = kulkija;

TEST(WorkforcePolicyRules, ValidateNamesTheFieldAsInTheJsonForm) {
  EXPECT_NO_THROW(k::validate(k::workforce_policy{}));
  const auto fails = [](auto change, const char* fragment) {
    k::workforce_policy p;
    change(p);
    KULKIJA_EXPECT_THROW_MSG(k::validate(p), k::invalid_argument, fragment);
  };
  fails([](k::workforce_policy& p) { p.of(k::worker_kind::volunteer).caseload_limit = 1001; },
        "workforce.kinds.volunteer.caseload_limit: must be from 0 to 1000, got 1001");
  fails([](k::workforce_policy& p) { p.of(k::worker_kind::professional).meeting_modes.clear(); },
        "workforce.kinds.professional.meeting_modes: must name at least one meeting mode");
  fails([](k::workforce_policy& p) {
          p.of(k::worker_kind::peer_supporter).meeting_modes = {k::meeting_mode::phone, k::meeting_mode::phone};
        },
        "workforce.kinds.peer_supporter.meeting_modes[1]: is listed twice (phone)");
  fails([](k::workforce_policy& p) { p.of(k::worker_kind::volunteer).supervision_interval_days = 367; },
        "workforce.kinds.volunteer.supervision_interval_days: must be from 1 to 366 days, got 367");
  fails([](k::workforce_policy& p) {
          p.of(k::worker_kind::professional).required_training = {k::competence::link_work, k::competence::link_work};
        },
        "workforce.kinds.professional.required_training[1]: is listed twice (link_work)");
}
