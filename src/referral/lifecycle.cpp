#include "kulkija/referral/lifecycle.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {

using enum referral_state;
using enum referral_event;
using enum actor_role;
using enum reason_code;
using enum transition_guard;

constexpr std::array<std::string_view, referral_state_count> state_names{
    "draft",     "requested",    "accepted",  "rejected",  "assigned",        "in_progress",
    "on_hold",   "completed",    "discontinued", "cancelled", "entered_in_error"};
constexpr std::array<std::string_view, referral_event_count> event_names{
    "issue",    "accept", "reject",      "assign", "reassign", "first_contact", "pause",
    "resume",   "complete", "discontinue", "cancel", "enter_in_error", "reopen"};
constexpr std::array<std::string_view, actor_role_count> role_names{"referrer", "coordinator", "link_worker", "client",
                                                                    "system"};
constexpr std::array<std::string_view, reason_code_count> reason_names{
    "not_eligible",   "no_capacity",      "client_declined", "could_not_contact",   "duplicate",
    "out_of_area",    "needs_medical_care", "worker_left",   "worker_on_leave",     "client_request",
    "client_ill",     "client_away",      "worker_unavailable", "goals_reached",    "support_period_ended",
    "client_withdrew", "no_contact",      "moved_away",      "deceased",            "referral_withdrawn",
    "data_entry_error", "reconsidered",   "client_returned", "other"};
constexpr std::array<std::string_view, transition_guard_count> guard_names{
    "consent_recorded", "needs_present", "link_worker_given", "link_worker_changes", "first_contact_recorded"};
constexpr std::array<std::string_view, 3> reason_rule_names{"none", "optional", "required"};

// The lifecycle, in one place. Events with several source states have one row per state.
std::vector<transition> build_table() {
  std::vector<transition> t;
  const auto add = [&t](std::initializer_list<referral_state> from, referral_event e, referral_state to,
                        std::vector<actor_role> roles, reason_rule rule, std::vector<reason_code> reasons,
                        std::vector<transition_guard> guards) {
    for (referral_state f : from) t.push_back({f, e, to, roles, rule, reasons, guards});
  };
  add({draft}, issue, requested, {referrer}, reason_rule::none, {}, {consent_recorded, needs_present});
  add({requested}, accept, accepted, {coordinator}, reason_rule::none, {}, {});
  add({requested}, reject, rejected, {coordinator}, reason_rule::required,
      {not_eligible, no_capacity, client_declined, could_not_contact, duplicate, out_of_area, needs_medical_care,
       other},
      {});
  add({accepted}, assign, assigned, {coordinator}, reason_rule::none, {}, {link_worker_given});
  add({assigned, in_progress, on_hold}, reassign, referral_state{}, {coordinator}, reason_rule::required,
      {worker_left, worker_on_leave, client_request, other}, {link_worker_given, link_worker_changes});
  add({assigned}, first_contact, in_progress, {link_worker, coordinator}, reason_rule::none, {}, {});
  add({in_progress}, pause, on_hold, {link_worker, coordinator}, reason_rule::required,
      {client_ill, client_away, worker_unavailable, client_request, other}, {});
  add({on_hold}, resume, in_progress, {link_worker, coordinator}, reason_rule::none, {}, {});
  add({in_progress}, complete, completed, {link_worker, coordinator}, reason_rule::optional,
      {goals_reached, support_period_ended, other}, {first_contact_recorded});
  add({assigned, in_progress, on_hold}, discontinue, discontinued, {link_worker, coordinator, actor_role::system},
      reason_rule::required,
      {client_withdrew, no_contact, could_not_contact, moved_away, needs_medical_care, deceased, other}, {});
  add({draft, requested, accepted, assigned, in_progress, on_hold}, cancel, cancelled,
      {referrer, coordinator, actor_role::client}, reason_rule::required,
      {client_declined, referral_withdrawn, duplicate, other}, {});
  add({draft, requested, accepted, rejected, assigned, in_progress, on_hold, completed, discontinued, cancelled},
      enter_in_error, entered_in_error, {referrer, coordinator}, reason_rule::optional, {data_entry_error, duplicate, other},
      {});
  add({rejected, completed, discontinued, cancelled}, reopen, requested, {coordinator}, reason_rule::required,
      {reconsidered, client_returned, other}, {});
  // reassign keeps the state: its rows were added with a placeholder target
  for (auto& row : t) {
    if (row.event == reassign) row.to = row.from;
  }
  return t;
}

const std::vector<transition>& table() {
  static const std::vector<transition> t = build_table();
  return t;
}

const std::array<localized_text, referral_state_count> state_labels{{
    {"luonnos", "utkast", "draft"},
    {"lähetetty", "skickad", "requested"},
    {"hyväksytty", "godkänd", "accepted"},
    {"hylätty", "avslagen", "rejected"},
    {"linkkihenkilö nimetty", "länkperson utsedd", "link worker assigned"},
    {"tuki käynnissä", "stödet pågår", "in progress"},
    {"tauolla", "pausad", "on hold"},
    {"päättynyt", "avslutad", "completed"},
    {"keskeytynyt", "avbruten", "discontinued"},
    {"peruttu", "återkallad", "cancelled"},
    {"kirjattu virheellisesti", "felregistrerad", "entered in error"},
}};

const std::array<localized_text, reason_code_count> reason_labels{{
    {"ei täytä kriteerejä", "uppfyller inte kriterierna", "does not meet the criteria"},
    {"ei vapaata linkkihenkilöä", "ingen ledig länkperson", "no link worker has capacity"},
    {"asiakas kieltäytyi", "klienten avböjde", "the client declined"},
    {"asiakasta ei tavoitettu", "klienten nåddes inte", "the client could not be contacted"},
    {"päällekkäinen lähete", "dubblett", "duplicate referral"},
    {"asuu alueen ulkopuolella", "bor utanför området", "lives outside the area"},
    {"tarvitsee ensisijaisesti hoitoa", "behöver främst vård", "primarily needs medical care"},
    {"linkkihenkilö lopetti", "länkpersonen slutade", "the link worker left"},
    {"linkkihenkilö lomalla", "länkpersonen är ledig", "the link worker is on leave"},
    {"asiakkaan pyyntö", "på klientens begäran", "at the client's request"},
    {"asiakas sairaana", "klienten är sjuk", "the client is ill"},
    {"asiakas poissa", "klienten är bortrest", "the client is away"},
    {"linkkihenkilö estynyt", "länkpersonen är förhindrad", "the link worker is unavailable"},
    {"tavoitteet saavutettu", "målen uppnådda", "goals reached"},
    {"tukijakso päättyi", "stödperioden tog slut", "the support period ended"},
    {"asiakas keskeytti", "klienten avbröt", "the client withdrew"},
    {"ei yhteyttä asiakkaaseen", "ingen kontakt med klienten", "no contact with the client"},
    {"muutti pois alueelta", "flyttade från området", "moved out of the area"},
    {"asiakas kuoli", "klienten avled", "the client died"},
    {"lähettäjä perui lähetteen", "remittenten återkallade remissen", "the referrer withdrew the referral"},
    {"kirjausvirhe", "registreringsfel", "data entry error"},
    {"päätös harkittiin uudelleen", "beslutet omprövades", "the decision was reconsidered"},
    {"asiakas palasi", "klienten återkom", "the client came back"},
    {"muu syy", "annan orsak", "other reason"},
}};

const std::array<localized_text, transition_guard_count> guard_labels{{
    {"asiakkaan suostumus on kirjattu viimeistään tapahtumahetkellä",
     "klientens samtycke är registrerat senast vid händelsen",
     "the client's consent must be recorded, no later than the event"},
    {"lähetteessä on vähintään yksi tarve", "remissen anger minst ett behov", "the referral must name at least one need"},
    {"tapahtuma nimeää linkkihenkilön", "händelsen anger en länkperson", "the event must name a link worker"},
    {"uusi linkkihenkilö on eri kuin nykyinen", "den nya länkpersonen är en annan än den nuvarande",
     "the new link worker must differ from the current one"},
    {"ensikontakti on tehty", "första kontakten är tagen", "first contact must have been made"},
}};

}  // namespace

std::span<const transition> transition_table() { return table(); }

const transition* find_transition(referral_state from, referral_event event) noexcept {
  const auto& t = table();
  const auto it =
      std::find_if(t.begin(), t.end(), [&](const transition& r) { return r.from == from && r.event == event; });
  return it == t.end() ? nullptr : &*it;
}

std::vector<referral_event> allowed_events(referral_state from) {
  std::vector<referral_event> out;
  for (const auto& row : table()) {
    if (row.from == from) out.push_back(row.event);
  }
  return out;
}

bool is_closed(referral_state s) noexcept {
  return s == rejected || s == completed || s == discontinued || s == cancelled || s == entered_in_error;
}

bool is_open_support(referral_state s) noexcept { return s == assigned || s == in_progress || s == on_hold; }

bool is_closing(referral_event e) noexcept {
  return e == reject || e == complete || e == discontinue || e == cancel || e == enter_in_error;
}

std::string lifecycle_dot() {
  std::string out =
      "digraph referral_lifecycle {\n"
      "  rankdir=LR;\n"
      "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
      "  edge [fontname=\"Helvetica\", fontsize=9];\n";
  for (std::size_t i = 0; i < referral_state_count; ++i) {
    const auto s = static_cast<referral_state>(i);
    out += "  ";
    out += to_string(s);
    out += is_closed(s) ? " [peripheries=2];\n" : ";\n";
  }
  for (const auto& row : table()) {
    std::string label(to_string(row.event));
    label += "\\n[";
    for (std::size_t i = 0; i < row.roles.size(); ++i) {
      if (i > 0) label += ", ";
      label += to_string(row.roles[i]);
    }
    label += "]";
    if (row.reason == reason_rule::required) label += "\\nreason required";
    for (auto g : row.guards) {
      label += "\\nif ";
      label += to_string(g);
    }
    out += "  ";
    out += to_string(row.from);
    out += " -> ";
    out += to_string(row.to);
    out += " [label=\"" + label + "\"";
    if (row.event == enter_in_error || row.event == cancel) out += ", style=dashed, color=gray40";
    out += "];\n";
  }
  out += "}\n";
  return out;
}

std::string_view to_string(referral_state s) noexcept { return detail::enum_name(state_names, s); }
std::string_view to_string(referral_event e) noexcept { return detail::enum_name(event_names, e); }
std::string_view to_string(actor_role r) noexcept { return detail::enum_name(role_names, r); }
std::string_view to_string(reason_code r) noexcept { return detail::enum_name(reason_names, r); }
std::string_view to_string(transition_guard g) noexcept { return detail::enum_name(guard_names, g); }
std::string_view to_string(reason_rule r) noexcept { return detail::enum_name(reason_rule_names, r); }

referral_state parse_referral_state(std::string_view code) {
  return detail::parse_enum<referral_state>("referral state", code, state_names);
}
referral_event parse_referral_event(std::string_view code) {
  return detail::parse_enum<referral_event>("referral event", code, event_names);
}
actor_role parse_actor_role(std::string_view code) {
  return detail::parse_enum<actor_role>("actor role", code, role_names);
}
reason_code parse_reason_code(std::string_view code) {
  return detail::parse_enum<reason_code>("reason code", code, reason_names);
}

const localized_text& label(referral_state s) noexcept { return state_labels[static_cast<std::size_t>(s)]; }
const localized_text& label(reason_code r) noexcept { return reason_labels[static_cast<std::size_t>(r)]; }
const localized_text& label(transition_guard g) noexcept { return guard_labels[static_cast<std::size_t>(g)]; }

}  // namespace kulkija
