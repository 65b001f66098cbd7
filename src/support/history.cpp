#include "kulkija/support/history.hpp"

#include <utility>
#include <vector>

#include "kulkija/core/error.hpp"

namespace kulkija {

std::optional<support_period> support_period_of(const referral& r, const support_policy& policy,
                                                const finnish_calendar& calendar, date as_of,
                                                std::span<const meeting> meetings) {
  std::optional<date> accepted_on;
  std::optional<std::pair<date, reason_code>> paused;
  std::vector<support_pause> pauses;
  for (const history_entry& h : r.history()) {
    const date day = finnish_local_date(h.event.at);
    if (h.event.kind == referral_event::accept && !accepted_on) accepted_on = day;
    if (h.event.kind == referral_event::pause && h.event.reason) paused = {{day, *h.event.reason}};
    if (h.event.kind == referral_event::resume && paused) {
      pauses.push_back({paused->first, day - boost::gregorian::days(1), paused->second});
      paused.reset();
    }
  }
  if (!accepted_on) return std::nullopt;
  support_period p(r.id(), *accepted_on, policy, calendar);
  std::size_t next_pause = 0;
  for (const meeting& m : meetings) {
    while (next_pause < pauses.size() && pauses[next_pause].from <= m.day) p.add_pause(pauses[next_pause++]);
    if (m.day <= as_of) p.record_meeting(m);
  }
  while (next_pause < pauses.size()) p.add_pause(pauses[next_pause++]);
  if (paused && paused->first <= as_of) {
    try {
      p.add_pause({paused->first, as_of, paused->second});
    } catch (const invalid_argument&) {
      // longer than the policy allows (or otherwise refused): the deadlines run on
    }
  }
  return p;
}

}  // namespace kulkija
