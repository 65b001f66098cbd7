#include "kulkija/outcomes/milestones.hpp"

#include <array>
#include <map>
#include <string>
#include <utility>

#include "kulkija/core/error.hpp"
#include "kulkija/detail/enum_names.hpp"
#include "kulkija/support/support_period.hpp"

namespace kulkija {

namespace {

constexpr std::array<std::string_view, 5> stage_names{"requested", "accepted", "assigned", "first_contact", "completed"};


referral_milestones fresh(const referral_id& id) {
  return {id,           referral_state::draft, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
          std::nullopt, std::nullopt,          std::nullopt, std::nullopt, std::nullopt, std::nullopt};
}

void raise_stage(std::optional<funnel_stage>& reached, funnel_stage s) {
  if (!reached || *reached < s) reached = s;
}

}  // namespace

std::string_view to_string(funnel_stage s) noexcept { return detail::enum_name(stage_names, s); }


std::vector<referral_milestones> milestones_of(std::span<const milestone_event> events, const support_policy& policy,
                                               const finnish_calendar& calendar) {
  validate(policy);
  std::vector<referral_milestones> out;
  std::map<referral_id, std::size_t> index;
  std::vector<date> last_day;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const milestone_event& e = events[i];
    const std::string field = "events[" + std::to_string(i) + "]";
    if (e.day.is_special() || e.day < finnish_calendar::first_day() || e.day > finnish_calendar::last_day()) {
      throw invalid_argument(error_id::invalid_date, field + ".day", "must be a real date from 1900-01-01 to 2200-12-31");
    }
    auto [it, inserted] = index.try_emplace(e.referral, out.size());
    if (inserted) {
      out.push_back(fresh(e.referral));
      last_day.push_back(e.day);
    }
    referral_milestones& m = out[it->second];
    if (e.day < last_day[it->second]) {
      throw invalid_argument(error_id::invalid_date, field + ".day",
                             "goes back in time: " + format_date(e.day) + " is before the referral's previous event on " +
                                 format_date(last_day[it->second]));
    }
    last_day[it->second] = e.day;
    const transition* t = find_transition(m.state, e.event);
    if (t == nullptr) {
      throw invalid_argument(error_id::invalid_value, field + ".event",
                             "the lifecycle does not allow " + quote(to_string(e.event)) + " from state " +
                                 quote(to_string(m.state)) + " (referral " + quote(m.referral.str()) + ")");
    }
    m.state = t->to;
    switch (e.event) {
      case referral_event::issue:
        if (!m.requested_on) m.requested_on = e.day;
        raise_stage(m.reached, funnel_stage::requested);
        break;
      case referral_event::accept:
        if (!m.accepted_on) m.accepted_on = e.day;
        raise_stage(m.reached, funnel_stage::accepted);
        break;
      case referral_event::assign:
      case referral_event::reassign:
        if (!m.assigned_on) m.assigned_on = e.day;
        if (e.link_worker) m.link_worker = e.link_worker;
        raise_stage(m.reached, funnel_stage::assigned);
        break;
      case referral_event::first_contact:
        if (!m.first_contact_on) m.first_contact_on = e.day;
        raise_stage(m.reached, funnel_stage::first_contact);
        break;
      case referral_event::complete:
        raise_stage(m.reached, funnel_stage::completed);
        break;
      case referral_event::reopen:
        m.closed_on.reset();
        m.closing_reason.reset();
        break;
      default:
        break;
    }
    if (is_closed(m.state)) {
      m.closed_on = e.day;
      m.closing_reason = e.reason;
    }
  }
  for (referral_milestones& m : out) {
    if (!m.accepted_on) continue;
    const support_period period(m.referral, *m.accepted_on, policy, calendar);
    for (const deadline& d : period.deadlines()) {
      if (d.kind == deadline_kind::first_contact) m.first_contact_due = d.due;
    }
    if (m.first_contact_on) {
      m.business_days_to_first_contact = calendar.business_days_between(*m.accepted_on, *m.first_contact_on);
      m.first_contact_within_deadline = m.first_contact_due && *m.first_contact_on <= *m.first_contact_due;
    }
  }
  return out;
}

referral_milestones milestones_of(const referral& r, const support_policy& policy, const finnish_calendar& calendar) {
  std::vector<milestone_event> events;
  events.reserve(r.history().size());
  for (const history_entry& h : r.history()) {
    events.push_back({r.id(), h.event.kind, finnish_local_date(h.event.at), h.event.reason, h.event.link_worker});
  }
  auto all = milestones_of(events, policy, calendar);
  if (all.empty()) return fresh(r.id());
  return std::move(all.front());
}

}  // namespace kulkija
