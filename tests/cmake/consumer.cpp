// A program that uses kulkija as a consumer project would: through the umbrella header.
#include <iostream>

#include <kulkija/kulkija.hpp>

int main() {
  using namespace kulkija;
  const client c{client_id{"C-1"}, 1950, municipality{272}, {language{"sv"}}};
  const professional p{professional_id{"P-1"}, sector::health_care, "Hälsocentral"};
  referral r{referral_id{"R-1"}, c, p, need_set{need::loneliness}};
  r.record_consent(parse_timestamp("2026-01-05T09:00:00Z"));
  r.apply({referral_event::issue, parse_timestamp("2026-01-05T10:00:00Z"), {actor_role::referrer, "P-1"}});
  std::cout << r.id() << ' ' << to_string(r.state()) << ' ' << c.home().name_sv() << '\n';
  return 0;
}
