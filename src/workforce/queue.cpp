#include "kulkija/workforce/queue.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "kulkija/core/error.hpp"

namespace kulkija {

namespace {

const std::array<localized_text, 3> priority_labels{{
    {"tavallinen", "normal", "routine"},
    {"kiireellinen", "brådskande", "urgent"},
    {"mahdollisimman pian", "så snart som möjligt", "as soon as possible"},
}};

bool has_warning(const std::vector<support_warning>& ws, warning_kind k) {
  return std::any_of(ws.begin(), ws.end(), [&](const support_warning& w) { return w.kind == k; });
}

localized_text describe(const queue_entry& e) {
  const localized_text& p = priority_label(e.urgency);
  const std::string days = std::to_string(e.days_waiting);
  const std::string busdays = std::to_string(e.business_days_waiting);
  const std::string due = format_date(e.first_contact.due);
  localized_text out{p.fi + "; odottanut " + days + " päivää (" + busdays + " arkipäivää); ensikontakti viimeistään " + due,
                     p.sv + "; väntat " + days + " dagar (" + busdays + " arbetsdagar); första kontakten senast " + due,
                     p.en + "; waiting " + days + " days (" + busdays + " business days); first contact due by " + due};
  if (e.overdue) {
    out.fi += " (myöhässä)";
    out.sv += " (försenad)";
    out.en += " (overdue)";
  } else if (e.due_soon) {
    out.fi += " (pian)";
    out.sv += " (snart)";
    out.en += " (due soon)";
  }
  out.fi += ".";
  out.sv += ".";
  out.en += ".";
  return out;
}

}  // namespace

const localized_text& priority_label(priority p) noexcept { return priority_labels[static_cast<std::size_t>(p)]; }

std::vector<queue_entry> coordinator_queue(std::span<const referral> referrals, const support_policy& policy, date on,
                                           const finnish_calendar& calendar) {
  validate(policy);
  if (on.is_special() || on < finnish_calendar::first_day() || on > finnish_calendar::last_day()) {
    throw invalid_argument(error_id::invalid_date, "on", "must be a real date within 1900-01-01 and 2200-12-31");
  }
  std::vector<queue_entry> out;
  for (const referral& r : referrals) {
    if (r.state() != referral_state::accepted) continue;
    const auto& h = r.history();
    const auto accept = std::find_if(h.rbegin(), h.rend(),
                                     [](const history_entry& e) { return e.event.kind == referral_event::accept; });
    if (accept == h.rend()) continue;  // unreachable: `accepted` is entered only by accept
    queue_entry e{r.id(), r.subject().id(), r.urgency(), accept->event.at, finnish_local_date(accept->event.at),
                  0, 0, {}, false, false, {}};
    if (e.accepted_on > on) continue;
    e.days_waiting = (on - e.accepted_on).days();
    e.business_days_waiting = calendar.business_days_between(e.accepted_on, on);
    const support_period period(r.id(), e.accepted_on, policy, calendar);
    for (const deadline& d : period.deadlines_on(on)) {
      if (d.kind == deadline_kind::first_contact) e.first_contact = d;
    }
    const auto warnings = period.warnings(on);
    e.overdue = has_warning(warnings, warning_kind::first_contact_overdue);
    e.due_soon = has_warning(warnings, warning_kind::first_contact_due_soon);
    e.reason = describe(e);
    out.push_back(std::move(e));
  }
  std::stable_sort(out.begin(), out.end(), [](const queue_entry& a, const queue_entry& b) {
    if (urgency_rank(a.urgency) != urgency_rank(b.urgency)) return urgency_rank(a.urgency) < urgency_rank(b.urgency);
    if (a.accepted_at != b.accepted_at) return a.accepted_at < b.accepted_at;
    return a.referral.str() < b.referral.str();
  });
  return out;
}

}  // namespace kulkija
