// Walks one wellbeing referral through its lifecycle, and shows what an invalid event does.
#include <iostream>

#include <kulkija/kulkija.hpp>

int main() {
  using namespace kulkija;

  // The client is known by a pseudonym only.
  client c{client_id{"C-0042"}, 1948, municipality{272}, {language{"sv"}, language{"fi"}}};
  c.set_living(living_situation::alone);
  c.set_goals({"Hitta sällskap för promenader"});
  const professional nurse{professional_id{"P-HC-7"}, sector::health_care, "Karleby hälsocentral", "sjukskötare"};

  referral r{referral_id{"R-2026-0042"}, c, nurse, need_set{need::loneliness, need::physical_inactivity}};
  r.record_consent(parse_timestamp("2026-03-02T09:00:00+02:00"));

  const auto at = [](const char* text) { return parse_timestamp(text); };
  r.apply({referral_event::issue, at("2026-03-02T09:15:00+02:00"), {actor_role::referrer, "P-HC-7"}});
  r.apply({referral_event::accept, at("2026-03-03T08:30:00+02:00"), {actor_role::coordinator, "LW-COORD"}});

  // Completing before first contact is not allowed: the referral stays as it was.
  try {
    r.apply({referral_event::complete, at("2026-03-03T09:00:00+02:00"), {actor_role::link_worker, "LW-4"}});
  } catch (const invalid_transition& e) {
    std::cout << "rejected: " << e.what() << '\n';
  }

  lifecycle_event assign{referral_event::assign, at("2026-03-03T08:45:00+02:00"), {actor_role::coordinator, "LW-COORD"}};
  assign.link_worker = link_worker_id{"LW-4"};
  r.apply(assign);
  r.apply({referral_event::first_contact, at("2026-03-05T13:00:00+02:00"), {actor_role::link_worker, "LW-4"}});
  lifecycle_event done{referral_event::complete, at("2026-05-28T12:00:00+03:00"), {actor_role::link_worker, "LW-4"}};
  done.reason = reason_code::goals_reached;
  r.apply(done);

  for (const history_entry& h : r.history()) {
    std::cout << format_timestamp(h.event.at) << "  " << to_string(h.from) << " -> " << to_string(h.to) << "  ("
              << to_string(h.event.kind) << " by " << to_string(h.event.by.role) << ")\n";
  }
  std::cout << "state: " << label(r.state()).in(text_language::sv) << ", link worker " << *r.link_worker() << '\n';
  return 0;
}
