#include "kulkija/workforce/capacity_simulation.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <queue>
#include <set>
#include <tuple>
#include <utility>

#include "capacity_impl.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace detail::capacity {

prepared prepare(date start, int months, std::span<const capacity_referral> referrals, const capacity_options& o) {
  prepared p;
  p.start = start;
  p.months = months;
  for (int m = 0; m <= months; ++m) p.month_first.push_back(index_of(start + greg::months(m), start));
  p.horizon_days = p.month_first.back();
  p.counted_from = p.month_first[static_cast<std::size_t>(o.warm_up_months)];
  p.last = p.horizon_days - 1;
  p.arrived.reserve(referrals.size());
  p.due.reserve(referrals.size());
  for (const capacity_referral& r : referrals) {
    p.arrived.push_back(index_of(r.arrived, start));
    const std::int64_t due = index_of(add_length(r.arrived, o.policy.first_contact, o.calendar), start);
    p.due.push_back(due);
    p.last = std::max(p.last, due);
    if (r.urgency != referrals.front().urgency) p.single_priority = false;
  }
  p.by_arrival.resize(referrals.size());
  for (std::size_t i = 0; i < referrals.size(); ++i) p.by_arrival[i] = i;
  std::stable_sort(p.by_arrival.begin(), p.by_arrival.end(),
                   [&](std::size_t a, std::size_t b) { return p.arrived[a] < p.arrived[b]; });
  return p;
}

// The first contact and the end of a support whose place was given on `given`.
std::pair<date, date> contact_and_end(date given, support_outcome outcome, const capacity_options& o) {
  const date contact = add_length(given, o.contact_after, o.calendar);
  date end = contact;
  switch (outcome) {
    case support_outcome::completed: end = add_length(contact, o.policy.max_length, o.calendar); break;
    case support_outcome::ended_early: end = add_length(contact, o.early_length, o.calendar); break;
    case support_outcome::extended:
      end = add_length(contact, o.policy.max_length, o.calendar);
      for (int i = 0; i < o.policy.max_extensions; ++i) end = add_length(end, o.policy.extension_length, o.calendar);
      break;
  }
  return {contact, std::max(end, given + greg::days(1))};
}

namespace {

double p90(std::vector<std::int64_t>& waits) {
  if (waits.empty()) return nan;
  std::sort(waits.begin(), waits.end());
  const std::size_t rank = (9 * waits.size() + 9) / 10;  // ceil(0.9 n), from 1
  return static_cast<double>(waits[rank - 1]);
}

double mean(const std::vector<std::int64_t>& v) {
  if (v.empty()) return nan;
  double s = 0;
  for (const auto x : v) s += static_cast<double>(x);
  return s / static_cast<double>(v.size());
}

int month_of(date d, const prepared& p) {
  const int m = (static_cast<int>(d.year()) - static_cast<int>(p.start.year())) * 12 +
                (static_cast<int>(d.month()) - static_cast<int>(p.start.month()));
  return m;
}

struct group_state {
  std::int64_t open_from = 0;
  int places = 0;
  int held = 0;
};

}  // namespace

std::optional<capacity_result> run(const prepared& p, std::span<const capacity_referral> referrals,
                                   std::span<const workforce_group> workforce, const capacity_options& o,
                                   std::optional<std::int64_t> give_up_after) {
  capacity_result out;
  const std::size_t n = referrals.size();
  out.clients.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    capacity_client& c = out.clients[i];
    c.arrived = referrals[i].arrived;
    c.urgency = referrals[i].urgency;
    c.outcome = referrals[i].outcome;
    c.due = p.start + greg::days(p.due[i]);
    c.counted = p.arrived[i] >= p.counted_from;
  }

  std::vector<group_state> groups(workforce.size());
  for (std::size_t g = 0; g < workforce.size(); ++g) {
    groups[g].open_from = p.month_first[static_cast<std::size_t>(workforce[g].start_month)];
    groups[g].places = workforce[g].workers * workforce[g].caseload_limit;
  }

  // The queue, best first: (rank, arrival, index) with rank 0 for the first to be served.
  using key = std::tuple<int, std::int64_t, std::size_t>;
  std::set<key> queue;
  const auto rank = [&](std::size_t i) {
    return o.order == queue_order::arrival ? 0 : urgency_rank(referrals[i].urgency);
  };
  using release = std::pair<std::int64_t, std::size_t>;  // (end day, group)
  std::priority_queue<release, std::vector<release>, std::greater<>> releases;

  // Per kind and month: place-days held and open, for the utilisation.
  constexpr std::size_t kinds = all_worker_kinds.size();
  std::vector<std::array<std::int64_t, kinds>> held_days(static_cast<std::size_t>(p.months));
  std::vector<std::array<std::int64_t, kinds>> open_days(static_cast<std::size_t>(p.months));
  out.months.resize(static_cast<std::size_t>(p.months));
  std::array<bool, kinds> present{};
  for (const auto& g : workforce) present[static_cast<std::size_t>(g.kind)] = true;
  for (int m = 0; m < p.months; ++m) {
    for (std::size_t k = 0; k < kinds; ++k) {
      if (!present[k]) continue;
      capacity_kind_month row;
      row.month = p.start + greg::days(p.month_first[static_cast<std::size_t>(m)]);
      row.kind = all_worker_kinds[k];
      for (std::size_t g = 0; g < workforce.size(); ++g) {
        if (static_cast<std::size_t>(workforce[g].kind) == k && workforce[g].start_month <= m) {
          row.workers += workforce[g].workers;
          row.places += groups[g].places;
        }
      }
      out.kinds.push_back(row);
    }
  }
  const std::size_t kinds_present = static_cast<std::size_t>(std::count(present.begin(), present.end(), true));

  // For giving up early: the counted referrals sure to miss, and the waiting ones by deadline.
  std::int64_t missed = 0;
  std::vector<bool> known_missed(give_up_after ? n : 0, false);
  using deadline_entry = std::pair<std::int64_t, std::size_t>;  // (due, referral)
  std::priority_queue<deadline_entry, std::vector<deadline_entry>, std::greater<>> waiting_by_due;

  std::size_t next_arrival = 0;
  int month = 0;
  for (std::int64_t d = 0; d <= p.last; ++d) {
    while (!releases.empty() && releases.top().first <= d) {
      --groups[releases.top().second].held;
      releases.pop();
    }
    while (next_arrival < n && p.arrived[p.by_arrival[next_arrival]] == d) {
      const std::size_t i = p.by_arrival[next_arrival++];
      queue.insert({rank(i), p.arrived[i], i});
      if (give_up_after && p.arrived[i] >= p.counted_from) waiting_by_due.push({p.due[i], i});
    }
    while (!queue.empty()) {
      std::size_t best = groups.size();
      for (std::size_t g = 0; g < groups.size(); ++g) {
        const group_state& s = groups[g];
        if (s.open_from > d || s.held >= s.places) continue;
        if (best == groups.size() || static_cast<std::int64_t>(s.held) * groups[best].places <
                                         static_cast<std::int64_t>(groups[best].held) * s.places) {
          best = g;
        }
      }
      if (best == groups.size()) break;
      const std::size_t i = std::get<2>(*queue.begin());
      queue.erase(queue.begin());
      const date given = p.start + greg::days(d);
      const auto [contact, end] = contact_and_end(given, referrals[i].outcome, o);
      capacity_client& c = out.clients[i];
      c.assigned = given;
      c.first_contact = contact;
      c.ends = end;
      c.group = best;
      c.within_deadline = contact <= c.due;
      ++groups[best].held;
      releases.push({index_of(end, p.start), best});
      if (give_up_after && c.counted && !c.within_deadline && !known_missed[i]) {
        known_missed[i] = true;
        if (++missed > *give_up_after) return std::nullopt;
      }
    }
    if (give_up_after) {
      // a referral still waiting after its deadline can only miss it
      while (!waiting_by_due.empty() && waiting_by_due.top().first < d) {
        const std::size_t i = waiting_by_due.top().second;
        waiting_by_due.pop();
        if (out.clients[i].assigned || known_missed[i]) continue;
        known_missed[i] = true;
        if (++missed > *give_up_after) return std::nullopt;
      }
    }
    out.summary.max_queue = std::max(out.summary.max_queue, static_cast<int>(queue.size()));
    if (d < p.horizon_days) {
      const auto m = static_cast<std::size_t>(month);
      for (std::size_t g = 0; g < groups.size(); ++g) {
        if (groups[g].open_from > d) continue;
        const auto k = static_cast<std::size_t>(workforce[g].kind);
        held_days[m][k] += groups[g].held;
        open_days[m][k] += groups[g].places;
      }
      if (d + 1 == p.month_first[m + 1]) {
        capacity_month& row = out.months[m];
        row.queue_at_end = static_cast<int>(queue.size());
        std::size_t r = m * kinds_present;
        for (std::size_t k = 0; k < kinds; ++k) {
          if (!present[k]) continue;
          int held = 0;
          for (std::size_t g = 0; g < groups.size(); ++g) {
            if (static_cast<std::size_t>(workforce[g].kind) == k) held += groups[g].held;
          }
          out.kinds[r].caseload = held;
          out.kinds[r].utilisation = open_days[m][k] > 0 ? static_cast<double>(held_days[m][k]) /
                                                                static_cast<double>(open_days[m][k])
                                                          : nan;
          row.in_support_at_end += held;
          ++r;
        }
        ++month;
      }
    }
  }

  // The months and the summary, from the clients' traces.
  std::vector<std::vector<std::int64_t>> month_waits(static_cast<std::size_t>(p.months));
  std::vector<std::int64_t> waits;
  for (std::size_t m = 0; m < out.months.size(); ++m) out.months[m].month = p.start + greg::days(p.month_first[m]);
  for (std::size_t i = 0; i < n; ++i) {
    const capacity_client& c = out.clients[i];
    ++out.months[static_cast<std::size_t>(month_of(c.arrived, p))].arrivals;
    if (c.assigned) {
      const int m = month_of(*c.assigned, p);
      if (m >= 0 && m < p.months) ++out.months[static_cast<std::size_t>(m)].assigned;
    }
    if (c.first_contact) {
      const int m = month_of(*c.first_contact, p);
      const std::int64_t wait = (*c.first_contact - c.arrived).days();
      if (m >= 0 && m < p.months) {
        capacity_month& row = out.months[static_cast<std::size_t>(m)];
        ++row.first_contacts;
        if (c.within_deadline) ++row.within_deadline;
        month_waits[static_cast<std::size_t>(m)].push_back(wait);
      }
      if (c.counted) waits.push_back(wait);
    }
    if (c.counted) {
      ++out.summary.clients;
      if (c.within_deadline) ++out.summary.within_deadline;
      if (!c.assigned) ++out.summary.not_contacted;
    }
  }
  for (std::size_t m = 0; m < out.months.size(); ++m) {
    capacity_month& row = out.months[m];
    row.share_within_deadline = row.first_contacts > 0 ? static_cast<double>(row.within_deadline) /
                                                             static_cast<double>(row.first_contacts)
                                                       : nan;
    row.mean_wait_days = mean(month_waits[m]);
    row.p90_wait_days = p90(month_waits[m]);
  }
  capacity_summary& s = out.summary;
  s.share_within_deadline =
      s.clients > 0 ? static_cast<double>(s.within_deadline) / static_cast<double>(s.clients) : nan;
  s.mean_wait_days = mean(waits);
  s.p90_wait_days = p90(waits);
  s.last_day = p.start + greg::days(p.last);
  return out;
}

}  // namespace detail::capacity

using namespace detail::capacity;

std::string_view to_string(queue_order o) noexcept { return detail::enum_name(queue_order_names, o); }
queue_order parse_queue_order(std::string_view code) {
  return detail::parse_enum<queue_order>("queue order", code, queue_order_names);
}

capacity_result simulate_capacity(date start, int months, std::span<const capacity_referral> referrals,
                                  std::span<const workforce_group> workforce, const capacity_options& options) {
  check_horizon(start, months, "start", "months");
  check_referrals(referrals, start, months);
  check_workforce(workforce, months, "workforce");
  check_options(options, months);
  const prepared p = prepare(start, months, referrals, options);
  return *run(p, referrals, workforce, options);
}

capacity_result simulate_capacity(const referral_inflow& inflow, std::span<const workforce_group> workforce,
                                  const capacity_options& options) {
  const auto referrals = generate_referrals(inflow);
  return simulate_capacity(inflow.start, static_cast<int>(inflow.per_month.size()), referrals, workforce, options);
}

}  // namespace kulkija
