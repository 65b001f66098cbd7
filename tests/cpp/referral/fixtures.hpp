#pragma once
// Shared builders for the referral tests.
#include "kulkija/referral/referral.hpp"

namespace kulkija::testing {

inline client sample_client(const char* id = "C-1") {
  return client{client_id{id}, 1950, municipality{272}, {language{"fi"}, language{"sv"}}};
}

inline professional sample_referrer() {
  return professional{professional_id{"P-1"}, sector::health_care, "Kokkolan terveysasema", "terveydenhoitaja"};
}

inline timestamp at(const char* text) { return parse_timestamp(text); }

inline lifecycle_event event(referral_event kind, const char* when, actor_role role,
                             std::optional<reason_code> reason = std::nullopt,
                             std::optional<const char*> worker = std::nullopt) {
  lifecycle_event e{kind, at(when), actor{role, {}}, reason, std::nullopt, {}};
  if (worker) e.link_worker = link_worker_id{*worker};
  return e;
}

// A draft referral with consent, ready to be issued at or after 2026-01-05T10:00Z.
inline referral sample_referral() {
  referral r{referral_id{"R-1"}, sample_client(), sample_referrer(), need_set{need::loneliness}};
  r.record_consent(at("2026-01-05T09:00:00Z"));
  return r;
}

}  // namespace kulkija::testing
