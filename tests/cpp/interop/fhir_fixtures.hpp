#pragma once
// Referrals in every lifecycle state, for the FHIR tests and the validator's sample Bundle.
#include <optional>
#include <string>
#include <vector>

#include "kulkija/referral/referral.hpp"

namespace kulkija::testing::fhir {

inline timestamp at(const char* text) { return parse_timestamp(text); }

// parse_timestamp() drops fractions of a second; this adds them back.
inline lifecycle_event with_fraction(lifecycle_event e, long long microseconds) {
  e.at += boost::posix_time::microseconds(microseconds);
  return e;
}

inline lifecycle_event ev(referral_event kind, const char* when, actor_role role, std::string actor_id = {},
                          std::optional<reason_code> reason = std::nullopt, const char* worker = nullptr,
                          std::string note = {}) {
  lifecycle_event e{kind, at(when), actor{role, std::move(actor_id)}, reason, std::nullopt, std::move(note)};
  if (worker != nullptr) e.link_worker = link_worker_id{worker};
  return e;
}

// A client with every optional part filled in.
inline client rich_client(const char* id) {
  client c{client_id{id}, 1948, municipality{272}, {language{"sv"}, language{"fi"}, language{"smn"}}};
  c.set_birth_date(parse_date("1948-02-29"));
  c.set_living(living_situation::alone);
  c.set_needs(need_set{need::loneliness, need::bereavement});
  c.set_goals({"käydä kuorossa", "meet people \"every\" week"});
  c.set_preferences(client_preferences{gender::female, {meeting_mode::home_visit, meeting_mode::phone},
                                       {time_window::weekday_daytime}, {"singing", "kävely"}});
  return c;
}

inline client plain_client(const char* id) {
  return client{client_id{id}, 1960, municipality{"005"}, {language{"fi"}}};
}

inline professional referrer() {
  return professional{professional_id{"P-1"}, sector::health_care, "Kokkolan terveysasema", "terveydenhoitaja"};
}

inline professional referrer_without_title() {
  return professional{professional_id{"P:2"}, sector::employment_services, "TE-palvelut, Soite"};
}

using enum referral_event;

// Events of one referral; each sequence is valid for the lifecycle.
inline std::vector<lifecycle_event> issued() {
  return {ev(issue, "2026-01-05T10:00:00Z", actor_role::referrer, "P-1", std::nullopt, nullptr, "toivoo ryhmätoimintaa")};
}
inline std::vector<lifecycle_event> plus(std::vector<lifecycle_event> a, const std::vector<lifecycle_event>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}
inline std::vector<lifecycle_event> accepted() {
  return plus(issued(), {with_fraction(ev(accept, "2026-01-06T08:15:30Z", actor_role::coordinator, "K-1"), 250000)});
}
inline std::vector<lifecycle_event> assigned() {
  return plus(accepted(), {ev(assign, "2026-01-07T12:00:00Z", actor_role::coordinator, "K-1", std::nullopt, "LW-7")});
}
inline std::vector<lifecycle_event> started() {
  return plus(assigned(), {ev(first_contact, "2026-01-09T14:30:00Z", actor_role::link_worker, "LW-7")});
}

struct named_referral {
  const char* name;
  referral_state state;
  referral value;
};

inline referral make(const char* id, client c, professional p, need_set needs, priority u,
                     std::optional<timestamp> consent, const std::vector<lifecycle_event>& events) {
  return referral::replay(referral_id{id}, std::move(c), std::move(p), needs, u, consent, events);
}

// At least one referral in each of the eleven states, with reasons, notes, reassignment,
// pause and resume, reopening, actors with and without ids, and fractional seconds.
inline std::vector<named_referral> every_state() {
  const auto consent = at("2026-01-05T09:00:00Z");
  const need_set needs{need::loneliness, need::meaningful_activity};
  std::vector<named_referral> out;
  out.push_back({"draft", referral_state::draft,
                 make("R-draft", plain_client("C-1"), referrer_without_title(), {}, priority::routine, std::nullopt, {})});
  out.push_back({"requested", referral_state::requested,
                 make("R-requested", rich_client("C-2"), referrer(), needs, priority::urgent, consent, issued())});
  out.push_back({"accepted", referral_state::accepted,
                 make("R-accepted", plain_client("C-3"), referrer(), needs, priority::asap, consent, accepted())});
  out.push_back({"rejected", referral_state::rejected,
                 make("R-rejected", plain_client("C-4"), referrer(), needs, priority::routine, consent,
                      plus(issued(), {ev(reject, "2026-01-06T09:00:00Z", actor_role::coordinator, "K-1",
                                         reason_code::client_declined, nullptr, "ei halua tukea nyt")}))});
  out.push_back({"assigned", referral_state::assigned,
                 make("R-assigned", rich_client("C-5"), referrer(), needs, priority::routine, consent, assigned())});
  out.push_back({"in_progress", referral_state::in_progress,
                 make("R-in_progress", rich_client("C-6"), referrer(), needs, priority::routine, consent,
                      plus(started(), {ev(pause, "2026-02-01T10:00:00Z", actor_role::link_worker, "LW-7", reason_code::client_ill),
                                       ev(resume, "2026-02-15T10:00:00Z", actor_role::link_worker, {}),
                                       ev(reassign, "2026-03-01T10:00:00Z", actor_role::coordinator, "K-1",
                                          reason_code::worker_on_leave, "LW-8")}))});
  out.push_back({"on_hold", referral_state::on_hold,
                 make("R-on_hold", plain_client("C-7"), referrer(), needs, priority::routine, consent,
                      plus(started(), {ev(pause, "2026-02-01T10:00:00Z", actor_role::coordinator, "K-1", reason_code::client_away)}))});
  out.push_back({"completed", referral_state::completed,
                 make("R-completed", rich_client("C-8"), referrer(), needs, priority::routine, consent,
                      plus(started(), {with_fraction(ev(complete, "2026-05-01T10:00:00Z", actor_role::link_worker, "LW-7",
                                                        reason_code::goals_reached),
                                                     123)}))});
  out.push_back({"completed_without_reason", referral_state::completed,
                 make("R-completed.2", plain_client("C-9"), referrer(), needs, priority::routine, consent,
                      plus(started(), {ev(complete, "2026-05-01T10:00:00Z", actor_role::link_worker, {})}))});
  out.push_back({"discontinued", referral_state::discontinued,
                 make("R-discontinued", plain_client("C-10"), referrer(), needs, priority::routine, consent,
                      plus(started(), {ev(discontinue, "2026-03-01T10:00:00Z", actor_role::system, {}, reason_code::no_contact)}))});
  out.push_back({"cancelled", referral_state::cancelled,
                 make("R-cancelled", plain_client("C-11"), referrer(), needs, priority::routine, consent,
                      plus(issued(), {ev(cancel, "2026-01-05T11:00:00Z", actor_role::client, {}, reason_code::client_declined)}))});
  out.push_back({"entered_in_error", referral_state::entered_in_error,
                 make("R-entered_in_error", plain_client("C-12"), referrer(), needs, priority::routine, consent,
                      plus(issued(), {ev(enter_in_error, "2026-01-05T12:00:00Z", actor_role::referrer, "P-1",
                                         reason_code::data_entry_error)}))});
  out.push_back({"reopened", referral_state::assigned,
                 make("R-reopened", plain_client("C-13"), referrer(), needs, priority::routine, consent,
                      plus(issued(), {ev(reject, "2026-01-06T09:00:00Z", actor_role::coordinator, "K-1", reason_code::no_capacity),
                                      ev(reopen, "2026-02-06T09:00:00Z", actor_role::coordinator, "K-2", reason_code::reconsidered),
                                      ev(accept, "2026-02-06T09:05:00Z", actor_role::coordinator, "K-2"),
                                      ev(assign, "2026-02-07T09:00:00Z", actor_role::coordinator, "K-2", std::nullopt, "LW-1")}))});
  return out;
}

inline std::vector<referral> every_state_referrals() {
  std::vector<referral> out;
  for (auto& n : every_state()) out.push_back(n.value);
  return out;
}

}  // namespace kulkija::testing::fhir
