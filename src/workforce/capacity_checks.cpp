// The checks of a capacity simulation's and plan's inputs, naming the field and the rule.
#include <cmath>
#include <string>

#include "capacity_impl.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/workforce/worker_kind.hpp"

namespace kulkija::detail::capacity {

namespace {

// The horizon ends (exclusive) by this day, so that deadlines and support periods, each at
// most a few years long, stay within the calendar (to 2200-12-31).
const date horizon_limit{2171, 1, 1};

}  // namespace

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

}  // namespace kulkija::detail::capacity
