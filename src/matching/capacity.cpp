#include "kulkija/matching/capacity.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <queue>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "kulkija/core/error.hpp"
#include "kulkija/detail/enum_names.hpp"
#include "kulkija/matching/score.hpp"

namespace kulkija {

namespace {

namespace greg = boost::gregorian;

constexpr std::array<std::string_view, 2> arrival_pattern_names{"even", "poisson"};
constexpr std::array<std::string_view, 3> support_outcome_names{"completed", "ended_early", "extended"};
constexpr std::array<std::string_view, 2> queue_order_names{"priority_then_arrival", "arrival"};
constexpr std::array<std::string_view, 2> planning_search_names{"bisection", "linear_scan"};

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
// The Weyl sequences of the even pattern: frac((i + 1) * alpha), alpha irrational.
constexpr double priority_step = 0.6180339887498949;   // (sqrt(5) - 1) / 2
constexpr double outcome_step = 0.41421356237309515;   // sqrt(2) - 1
constexpr int max_months = 1200;
constexpr int max_workers = 100000;
constexpr int max_caseload_limit = 1000;
constexpr double max_per_month = 1000000.0;
constexpr double max_total_referrals = 10000000.0;
constexpr std::int64_t max_places = 1000000000;

std::string indexed(std::string_view base, std::size_t i) {
  return std::string(base) + "[" + std::to_string(i) + "]";
}
std::string member(std::string_view base, std::string_view name) { return std::string(base) + "." + std::string(name); }

void require_int_range(const std::string& field, std::int64_t value, std::int64_t lo, std::int64_t hi) {
  if (value < lo || value > hi) {
    throw invalid_argument(error_id::invalid_value, field,
                           "must be from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " +
                               std::to_string(value));
  }
}

std::string number(double v) {
  std::string s = std::to_string(v);
  while (s.size() > 1 && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

void require_share(const std::string& field, double v) {
  if (!std::isfinite(v) || v < 0.0 || v > 1.0) {
    throw invalid_argument(error_id::invalid_value, field, "must be a share from 0 to 1, got " + number(v));
  }
}

// The horizon ends (exclusive) by this day, so that deadlines and support periods, each at
// most a few years long, stay within the calendar (to 2200-12-31).
const date horizon_limit{2171, 1, 1};

void check_horizon(date start, int months, const std::string& start_field, const std::string& months_field) {
  if (start.is_special()) {
    throw invalid_argument(error_id::invalid_date, start_field, "must be a real date, not a special value");
  }
  if (start.day() != 1) {
    throw invalid_argument(error_id::invalid_date, start_field,
                           "must be the first day of a month, got " + quote(format_date(start)));
  }
  if (start < finnish_calendar::first_day()) {
    throw invalid_argument(error_id::invalid_date, start_field,
                           "must be on or after 1900-01-01, got " + quote(format_date(start)));
  }
  require_int_range(months_field, months, 1, max_months);
  if (start >= horizon_limit || start + greg::months(months) > horizon_limit) {
    throw invalid_argument(error_id::invalid_date, months_field,
                           "the horizon from " + format_date(start) + " must end by 2170-12-31");
  }
}

void check_options(const capacity_options& o, int months) {
  try {
    validate(o.policy);
  } catch (const invalid_argument& e) {
    throw invalid_argument(e.id(), "options.policy." + e.field(), e.rule());
  }
  validate("options.contact_after", o.contact_after);
  validate("options.early_length", o.early_length);
  if (static_cast<std::size_t>(o.order) >= queue_order_names.size()) {
    throw invalid_argument(error_id::invalid_value, "options.order", "must be priority_then_arrival or arrival");
  }
  require_int_range("options.warm_up_months", o.warm_up_months, 0, months - 1);
}

void check_workforce(std::span<const workforce_group> groups, int months, std::string_view name) {
  std::int64_t places = 0;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const workforce_group& g = groups[i];
    const std::string at = indexed(name, i);
    if (static_cast<std::size_t>(g.kind) >= all_worker_kinds.size()) {
      throw invalid_argument(error_id::invalid_value, member(at, "kind"), "must be a worker kind");
    }
    require_int_range(member(at, "workers"), g.workers, 0, max_workers);
    require_int_range(member(at, "caseload_limit"), g.caseload_limit, 1, max_caseload_limit);
    require_int_range(member(at, "start_month"), g.start_month, 0, months - 1);
    places += static_cast<std::int64_t>(g.workers) * g.caseload_limit;
  }
  if (places > max_places) {
    throw invalid_argument(error_id::invalid_value, std::string(name),
                           "may have at most " + std::to_string(max_places) + " places in total, got " +
                               std::to_string(places));
  }
}

void check_referrals(std::span<const capacity_referral> referrals, date start, int months) {
  const date end = start + greg::months(months);
  for (std::size_t i = 0; i < referrals.size(); ++i) {
    const capacity_referral& r = referrals[i];
    const std::string at = indexed("referrals", i);
    if (r.arrived.is_special() || r.arrived < start || r.arrived >= end) {
      throw invalid_argument(error_id::invalid_date, member(at, "arrived"),
                             "must be within the horizon " + format_date(start) + " to " +
                                 format_date(end - greg::days(1)) +
                                 (r.arrived.is_special() ? std::string(", got a special value")
                                                         : ", got " + quote(format_date(r.arrived))));
    }
    if (static_cast<std::size_t>(r.urgency) > static_cast<std::size_t>(priority::asap)) {
      throw invalid_argument(error_id::invalid_value, member(at, "urgency"), "must be routine, urgent or asap");
    }
    if (static_cast<std::size_t>(r.outcome) >= support_outcome_names.size()) {
      throw invalid_argument(error_id::invalid_value, member(at, "outcome"),
                             "must be completed, ended_early or extended");
    }
  }
}

void check_inflow(const referral_inflow& in) {
  require_int_range("inflow.per_month", static_cast<std::int64_t>(in.per_month.size()), 1, max_months);
  check_horizon(in.start, static_cast<int>(in.per_month.size()), "inflow.start", "inflow.per_month");
  double total = 0;
  for (std::size_t i = 0; i < in.per_month.size(); ++i) {
    const double v = in.per_month[i];
    if (!std::isfinite(v) || v < 0.0 || v > max_per_month) {
      throw invalid_argument(error_id::invalid_value, indexed("inflow.per_month", i),
                             "must be a number of referrals from 0 to 1000000, got " + number(v));
    }
    total += v;
  }
  if (total > max_total_referrals) {
    throw invalid_argument(error_id::invalid_value, "inflow.per_month",
                           "may expect at most 10000000 referrals in total, got " + number(total));
  }
  require_share("inflow.urgent_share", in.urgent_share);
  require_share("inflow.asap_share", in.asap_share);
  if (in.urgent_share + in.asap_share > 1.0 + 1e-9) {
    throw invalid_argument(error_id::invalid_value, "inflow.asap_share",
                           "urgent_share + asap_share must be at most 1, got " +
                               number(in.urgent_share + in.asap_share));
  }
  require_share("inflow.ended_early_share", in.ended_early_share);
  require_share("inflow.extended_share", in.extended_share);
  if (in.ended_early_share + in.extended_share > 1.0 + 1e-9) {
    throw invalid_argument(error_id::invalid_value, "inflow.extended_share",
                           "ended_early_share + extended_share must be at most 1, got " +
                               number(in.ended_early_share + in.extended_share));
  }
  if (static_cast<std::size_t>(in.pattern) >= arrival_pattern_names.size()) {
    throw invalid_argument(error_id::invalid_value, "inflow.pattern", "must be even or poisson");
  }
}

void check_hires(std::span<const hiring_option> hires) {
  if (hires.empty()) {
    throw invalid_argument(error_id::invalid_value, "hires", "must name at least one kind of worker to add");
  }
  for (std::size_t i = 0; i < hires.size(); ++i) {
    const hiring_option& h = hires[i];
    const std::string at = indexed("hires", i);
    if (static_cast<std::size_t>(h.kind) >= all_worker_kinds.size()) {
      throw invalid_argument(error_id::invalid_value, member(at, "kind"), "must be a worker kind");
    }
    require_int_range(member(at, "caseload_limit"), h.caseload_limit, 1, max_caseload_limit);
    if (!std::isfinite(h.weight) || h.weight <= 0.0) {
      throw invalid_argument(error_id::invalid_value, member(at, "weight"),
                             "must be a finite number above 0, got " + number(h.weight));
    }
  }
}

void check_target(double target) {
  if (!std::isfinite(target) || target <= 0.0 || target > 1.0) {
    throw invalid_argument(error_id::invalid_value, "target_share",
                           "must be above 0 and at most 1, got " + number(target));
  }
}

double frac(double x) { return x - std::floor(x); }

priority priority_from(double u, const referral_inflow& in) {
  if (u < 1.0 - in.urgent_share - in.asap_share) return priority::routine;
  if (u < 1.0 - in.asap_share) return priority::urgent;
  return priority::asap;
}

support_outcome outcome_from(double v, const referral_inflow& in) {
  if (v < 1.0 - in.ended_early_share - in.extended_share) return support_outcome::completed;
  if (v < 1.0 - in.extended_share) return support_outcome::ended_early;
  return support_outcome::extended;
}

// SplitMix64 (Steele, Lea and Flood 2014): small, fast, and the same everywhere.
class splitmix64 {
 public:
  explicit splitmix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // A double in [0, 1) from the top 53 bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

// Knuth's multiplication method, in steps of mean at most 30 (exp(-mean) stays far from 0).
std::int64_t poisson(double mean, splitmix64& rng) {
  std::int64_t total = 0;
  double rest = mean;
  while (rest > 0.0) {
    const double step = std::min(rest, 30.0);
    rest -= step;
    const double limit = std::exp(-step);
    double p = 1.0;
    std::int64_t k = 0;
    do {
      ++k;
      p *= rng.uniform();
    } while (p > limit);
    total += k - 1;
  }
  return total;
}

int days_in_month(date first) { return static_cast<int>(greg::gregorian_calendar::end_of_month_day(first.year(), first.month())); }

// The option that gets the `worker`-th added worker (from 1), `count` holding the earlier
// ones: the one furthest behind its share, ties to the earlier option.
std::size_t next_hire(std::span<const hiring_option> hires, const std::vector<int>& count, int worker) {
  double total = 0;
  for (const auto& h : hires) total += h.weight;
  std::size_t best = 0;
  double best_gap = 0;
  for (std::size_t t = 0; t < hires.size(); ++t) {
    const double gap = hires[t].weight * worker / total - count[t];
    if (t == 0 || gap > best_gap) {
      best = t;
      best_gap = gap;
    }
  }
  return best;
}

// ---------------------------------------------------------------- the simulation

// What a simulation needs that does not depend on the workforce.
struct prepared {
  date start;
  int months = 0;
  std::int64_t horizon_days = 0;           // days in the horizon
  std::int64_t last = 0;                   // the last simulated day (index from start)
  std::vector<std::int64_t> month_first;   // months + 1 entries: the first day of each month, then the horizon's end
  std::int64_t counted_from = 0;           // referrals from this day on are counted
  std::vector<std::int64_t> arrived;       // per referral
  std::vector<std::int64_t> due;           // per referral
  std::vector<std::size_t> by_arrival;     // referral indices by (arrival, index)
  bool single_priority = true;             // every referral has the same priority
};

std::int64_t index_of(date d, date start) { return (d - start).days(); }

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

// Runs the simulation. With `give_up_after`, it stops as soon as more counted referrals
// than that are sure to miss their deadline (waiting past it, or given a place too late),
// and returns nullopt: the planning search only needs to know that the target is missed.
std::optional<capacity_result> run(const prepared& p, std::span<const capacity_referral> referrals,
                                   std::span<const workforce_group> workforce, const capacity_options& o,
                                   std::optional<std::int64_t> give_up_after = std::nullopt) {
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

// The most places held at once if nobody ever waited.
std::int64_t peak_without_waiting(const prepared& p, std::span<const capacity_referral> referrals,
                                  const capacity_options& o) {
  std::map<std::int64_t, std::int64_t> change;
  for (std::size_t i = 0; i < referrals.size(); ++i) {
    const date given = referrals[i].arrived;
    const date end = contact_and_end(given, referrals[i].outcome, o).second;
    ++change[p.arrived[i]];
    --change[index_of(end, p.start)];
  }
  std::int64_t held = 0;
  std::int64_t peak = 0;
  for (const auto& [day, delta] : change) {
    held += delta;
    peak = std::max(peak, held);
  }
  return peak;
}

}  // namespace

std::string_view to_string(arrival_pattern p) noexcept { return detail::enum_name(arrival_pattern_names, p); }
arrival_pattern parse_arrival_pattern(std::string_view code) {
  return detail::parse_enum<arrival_pattern>("arrival pattern", code, arrival_pattern_names);
}
std::string_view to_string(support_outcome o) noexcept { return detail::enum_name(support_outcome_names, o); }
support_outcome parse_support_outcome(std::string_view code) {
  return detail::parse_enum<support_outcome>("support outcome", code, support_outcome_names);
}
std::string_view to_string(queue_order o) noexcept { return detail::enum_name(queue_order_names, o); }
queue_order parse_queue_order(std::string_view code) {
  return detail::parse_enum<queue_order>("queue order", code, queue_order_names);
}
std::string_view to_string(planning_search s) noexcept { return detail::enum_name(planning_search_names, s); }

std::vector<workforce_group> workforce_groups(const matching_policy& policy, std::span<const link_worker> workers,
                                             date on) {
  validate(policy);
  std::map<std::pair<worker_kind, int>, int> count;  // (kind, -capacity): largest first
  for (const link_worker& w : workers) {
    const worker_standing s = standing_of(policy, w, on);
    if (s.matchable() && s.capacity > 0) ++count[{w.kind(), -s.capacity}];
  }
  std::vector<workforce_group> out;
  for (const auto& [key, n] : count) out.push_back({key.first, n, -key.second, 0});
  return out;
}

std::vector<capacity_referral> generate_referrals(const referral_inflow& in) {
  check_inflow(in);
  std::vector<capacity_referral> out;
  splitmix64 rng(in.seed);
  double running = 0;
  std::int64_t rounded_before = 0;
  std::size_t i = 0;  // the referral's number overall, for the Weyl sequences
  for (std::size_t m = 0; m < in.per_month.size(); ++m) {
    const date first = in.start + greg::months(static_cast<int>(m));
    const std::int64_t days = days_in_month(first);
    if (in.pattern == arrival_pattern::even) {
      running += in.per_month[m];
      const auto rounded = static_cast<std::int64_t>(std::floor(running + 0.5));
      const std::int64_t count = rounded - rounded_before;
      rounded_before = rounded;
      for (std::int64_t k = 0; k < count; ++k, ++i) {
        const std::int64_t offset = (2 * k + 1) * days / (2 * count);
        const double step = static_cast<double>(i + 1);
        out.push_back({first + greg::days(offset), priority_from(frac(step * priority_step), in),
                       outcome_from(frac(step * outcome_step), in)});
      }
    } else {
      const std::int64_t count = poisson(in.per_month[m], rng);
      std::vector<capacity_referral> month;
      month.reserve(static_cast<std::size_t>(count));
      for (std::int64_t k = 0; k < count; ++k) {
        const auto offset =
            std::min(static_cast<std::int64_t>(rng.uniform() * static_cast<double>(days)), days - 1);
        const double u = rng.uniform();
        const double v = rng.uniform();
        month.push_back({first + greg::days(offset), priority_from(u, in), outcome_from(v, in)});
      }
      std::stable_sort(month.begin(), month.end(),
                       [](const capacity_referral& a, const capacity_referral& b) { return a.arrived < b.arrived; });
      out.insert(out.end(), month.begin(), month.end());
    }
  }
  return out;
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

std::vector<int> apportion_hires(std::span<const hiring_option> hires, int n) {
  check_hires(hires);
  require_int_range("n", n, 0, max_workers);
  std::vector<int> count(hires.size(), 0);
  for (int worker = 1; worker <= n; ++worker) ++count[next_hire(hires, count, worker)];
  return count;
}

capacity_plan plan_capacity(date start, int months, std::span<const capacity_referral> referrals,
                            std::span<const workforce_group> base, std::span<const hiring_option> hires,
                            double target_share, const capacity_options& options) {
  check_horizon(start, months, "start", "months");
  check_referrals(referrals, start, months);
  check_workforce(base, months, "base");
  check_hires(hires);
  check_target(target_share);
  check_options(options, months);
  const prepared p = prepare(start, months, referrals, options);

  // The fewest added workers with which nobody waits: enough added places for the peak.
  const std::int64_t peak = peak_without_waiting(p, referrals, options);
  int enough = 0;
  {
    std::vector<int> count(hires.size(), 0);
    std::int64_t places = 0;
    while (places < peak) {
      if (enough == max_workers) {
        throw invalid_argument(error_id::invalid_value, "hires",
                               "would need more than " + std::to_string(max_workers) + " added workers");
      }
      const std::size_t t = next_hire(hires, count, ++enough);
      ++count[t];
      places += hires[t].caseload_limit;
    }
  }

  const auto workforce_with = [&](int n) {
    const std::vector<int> count = apportion_hires(hires, n);
    std::vector<workforce_group> w(base.begin(), base.end());
    for (std::size_t t = 0; t < hires.size(); ++t) w.push_back({hires[t].kind, count[t], hires[t].caseload_limit, 0});
    return w;
  };
  // How many counted referrals may miss their deadline while the share still meets the target.
  std::int64_t counted = 0;
  for (const auto a : p.arrived) counted += a >= p.counted_from ? 1 : 0;
  const auto share_of = [&](std::int64_t within) {
    return counted > 0 ? static_cast<double>(within) / static_cast<double>(counted) : 1.0;
  };
  std::int64_t needed = 0;
  while (share_of(needed) < target_share) ++needed;  // at most `counted` steps: share_of(counted) == 1
  const std::int64_t may_miss = counted - needed;

  // n -> (within the deadline, share), empty when the run gave up early
  std::map<int, std::optional<std::pair<std::int64_t, double>>> tried;
  std::optional<std::pair<int, capacity_result>> best;
  int runs = 0;
  const auto evaluate = [&](int n, bool give_up) {
    ++runs;
    std::optional<capacity_result> r =
        run(p, referrals, workforce_with(n), options, give_up ? std::optional<std::int64_t>(may_miss) : std::nullopt);
    if (!r) {
      tried[n] = std::nullopt;
      return false;
    }
    const double share = share_of(r->summary.within_deadline);
    tried[n] = std::pair<std::int64_t, double>{r->summary.within_deadline, share};
    const bool ok = share >= target_share;
    if (ok && (!best || n < best->first)) best.emplace(n, std::move(*r));
    return ok;
  };
  const auto meets = [&](int n) {
    if (const auto it = tried.find(n); it != tried.end()) return it->second && it->second->second >= target_share;
    return evaluate(n, true);
  };

  capacity_plan plan;
  plan.target_share = target_share;
  const bool monotone = options.order == queue_order::arrival || p.single_priority;
  plan.search = monotone ? planning_search::bisection : planning_search::linear_scan;
  if (!evaluate(enough, false)) {
    const auto [within, share] = *tried.at(enough);
    throw invalid_argument(error_id::invalid_value, "target_share",
                           "cannot be met: even if nobody waited, " + std::to_string(within) + " of the " +
                               std::to_string(counted) + " counted referrals (a share of " + number(share) +
                               ") get first contact within the deadline");
  }
  int answer = enough;
  if (monotone) {
    // Gallop up from 0 to the first count that meets the target, then bisect below it.
    int fails = -1;
    int probe = 0;
    while (probe < enough && !meets(probe)) {
      fails = probe;
      probe = probe == 0 ? 1 : std::min(2 * probe, enough);
    }
    int ok = probe;
    while (ok - fails > 1) {
      const int mid = fails + (ok - fails) / 2;
      if (meets(mid)) {
        ok = mid;
      } else {
        fails = mid;
      }
    }
    answer = ok;
  } else {
    for (int n = 0; n < enough; ++n) {
      if (meets(n)) {
        answer = n;
        break;
      }
    }
  }
  plan.added_workers = answer;
  plan.workforce = workforce_with(answer);
  plan.added.assign(plan.workforce.begin() + static_cast<std::ptrdiff_t>(base.size()), plan.workforce.end());
  plan.share_within_deadline = tried.at(answer)->second;
  if (answer > 0) {
    if (!tried.contains(answer - 1) || !tried.at(answer - 1)) evaluate(answer - 1, false);
    plan.share_with_one_fewer = tried.at(answer - 1)->second;
  }
  plan.simulations = runs;
  plan.result = std::move(best->second);
  return plan;
}

capacity_plan plan_capacity(const referral_inflow& inflow, std::span<const workforce_group> base,
                            std::span<const hiring_option> hires, double target_share,
                            const capacity_options& options) {
  const auto referrals = generate_referrals(inflow);
  return plan_capacity(inflow.start, static_cast<int>(inflow.per_month.size()), referrals, base, hires, target_share,
                       options);
}

}  // namespace kulkija
