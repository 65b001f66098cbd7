#include "kulkija/outcomes/kpi.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "kulkija/core/error.hpp"

namespace kulkija {

namespace {

constexpr std::size_t stage_count = static_cast<std::size_t>(funnel_stage::completed) + 1;

// numpy.percentile's default (linear) on sorted values.
double percentile(const std::vector<double>& sorted, double q) {
  const double h = static_cast<double>(sorted.size() - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

double median(const std::vector<double>& sorted) {
  const auto n = sorted.size();
  return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

// The spans of one referral's events, in order.
class span_builder {
 public:
  void add(const referral_id& referral, referral_event event, date day, const std::optional<link_worker_id>& worker,
           std::vector<assignment_span>& out) {
    const bool assigns = event == referral_event::assign || event == referral_event::reassign;
    if (assigns || (is_closing(event) && current_)) {
      if (current_) {
        current_->end = day;
        out.push_back(std::move(*current_));
        current_.reset();
      }
      if (assigns) current_ = assignment_span{referral, worker, day, std::nullopt};
    }
  }
  void finish(std::vector<assignment_span>& out) {
    if (current_) out.push_back(std::move(*current_));
    current_.reset();
  }

 private:
  std::optional<assignment_span> current_;
};

}  // namespace

std::vector<funnel_row> funnel(std::span<const referral_milestones> milestones) {
  std::vector<funnel_row> out;
  out.reserve(stage_count);
  for (std::size_t level = 0; level < stage_count; ++level) out.push_back({static_cast<funnel_stage>(level), 0, 0, 0});
  for (const referral_milestones& m : milestones) {
    if (!m.reached) continue;
    const auto at = static_cast<std::size_t>(*m.reached);
    for (std::size_t level = 0; level <= at && level < stage_count; ++level) ++out[level].reached;
    if (at >= stage_count) continue;
    if (!is_closed(m.state)) {
      ++out[at].open;
    } else if (m.state != referral_state::completed) {
      ++out[at].dropped;
    }
  }
  return out;
}

first_contact_kpi first_contact_summary(std::span<const referral_milestones> milestones) {
  first_contact_kpi out;
  std::vector<double> days;
  for (const referral_milestones& m : milestones) {
    if (m.accepted_on) ++out.accepted;
    if (m.business_days_to_first_contact) {
      ++out.contacted;
      days.push_back(static_cast<double>(*m.business_days_to_first_contact));
      if (m.first_contact_within_deadline.value_or(false)) ++out.within_deadline;
    }
  }
  if (days.empty()) return out;
  double sum = 0;
  for (const double d : days) sum += d;
  std::sort(days.begin(), days.end());
  out.median_business_days = median(days);
  out.p90_business_days = percentile(days, 0.9);
  out.mean_business_days = sum / static_cast<double>(days.size());
  return out;
}

std::vector<assignment_span> assignment_spans(std::span<const milestone_event> events) {
  // Each referral's spans collect apart, then follow each other in order of first appearance.
  std::map<referral_id, std::size_t> index;
  std::vector<span_builder> builders;
  std::vector<std::vector<assignment_span>> spans;
  for (const milestone_event& e : events) {
    const auto [it, inserted] = index.try_emplace(e.referral, builders.size());
    if (inserted) {
      builders.emplace_back();
      spans.emplace_back();
    }
    builders[it->second].add(e.referral, e.event, e.day, e.link_worker, spans[it->second]);
  }
  std::vector<assignment_span> out;
  for (std::size_t i = 0; i < builders.size(); ++i) {
    builders[i].finish(spans[i]);
    for (auto& s : spans[i]) out.push_back(std::move(s));
  }
  return out;
}

std::vector<assignment_span> assignment_spans(std::span<const referral> referrals) {
  std::vector<assignment_span> out;
  for (const referral& r : referrals) {
    span_builder b;
    for (const history_entry& h : r.history()) {
      b.add(r.id(), h.event.kind, finnish_local_date(h.event.at), h.event.link_worker, out);
    }
    b.finish(out);
  }
  return out;
}

std::vector<worker_caseload> caseloads_on(std::span<const assignment_span> spans, std::span<const date> days) {
  std::map<link_worker_id, std::size_t> workers;
  for (const assignment_span& s : spans) {
    if (s.worker) workers.try_emplace(*s.worker, 0);
  }
  std::size_t w = 0;
  for (auto& [id, i] : workers) i = w++;
  std::vector<worker_caseload> out;
  out.reserve(days.size() * workers.size());
  for (const date day : days) {
    const std::size_t first = out.size();
    for (const auto& [id, i] : workers) out.push_back({day, id, 0});
    for (const assignment_span& s : spans) {
      if (!s.worker || s.start > day || (s.end && *s.end <= day)) continue;
      ++out[first + workers.at(*s.worker)].caseload;
    }
  }
  return out;
}

std::vector<worker_caseload> caseloads_on(std::span<const referral> referrals, date day) {
  const auto spans = assignment_spans(referrals);
  return caseloads_on(spans, std::span<const date>(&day, 1));
}

visit_comparison_result visit_comparison(std::span<const referral_milestones> milestones,
                                         std::span<const client_id> clients, std::span<const care_visit> visits,
                                         int window_days, date as_of) {
  if (window_days < 1) {
    throw invalid_argument(error_id::invalid_value, "window_days", "must be at least 1, got " + std::to_string(window_days));
  }
  if (clients.size() != milestones.size()) {
    throw invalid_argument(error_id::invalid_value, "clients", "must name one client per milestone");
  }
  if (as_of.is_special()) throw invalid_argument(error_id::invalid_date, "as_of", "must be a real date");
  visit_comparison_result out;
  {
    std::set<std::string> kinds;
    for (const care_visit& v : visits) kinds.insert(v.kind);
    out.kinds.assign(kinds.begin(), kinds.end());
  }
  std::map<client_id, std::vector<std::pair<date, std::size_t>>> by_client;
  for (const care_visit& v : visits) {
    const auto k = static_cast<std::size_t>(std::lower_bound(out.kinds.begin(), out.kinds.end(), v.kind) - out.kinds.begin());
    by_client[v.client].emplace_back(v.day, k);
  }
  const boost::gregorian::days window(window_days);
  for (std::size_t i = 0; i < milestones.size(); ++i) {
    const referral_milestones& m = milestones[i];
    if (m.state != referral_state::completed && m.state != referral_state::discontinued) continue;
    if (!m.first_contact_on || !m.closed_on || *m.closed_on + window > as_of) continue;
    visit_window w{m.referral, clients[i], *m.first_contact_on, *m.closed_on,
                   std::vector<std::size_t>(out.kinds.size(), 0), std::vector<std::size_t>(out.kinds.size(), 0)};
    const auto mine = by_client.find(clients[i]);
    if (mine != by_client.end()) {
      for (const auto& [day, k] : mine->second) {
        if (day >= w.first_contact_on - window && day < w.first_contact_on) {
          ++w.before[k];
          ++out.before;
        }
        if (day > w.closed_on && day <= w.closed_on + window) {
          ++w.after[k];
          ++out.after;
        }
      }
    }
    out.windows.push_back(std::move(w));
  }
  return out;
}

}  // namespace kulkija
