#include "kulkija/workforce/inflow.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "capacity_impl.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {

using namespace detail::capacity;

// The Weyl sequences of the even pattern: frac((i + 1) * alpha), alpha irrational.
constexpr double priority_step = 0.6180339887498949;   // (sqrt(5) - 1) / 2
constexpr double outcome_step = 0.41421356237309515;   // sqrt(2) - 1
constexpr double max_per_month = 1000000.0;
constexpr double max_total_referrals = 10000000.0;

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

}  // namespace

std::string_view to_string(arrival_pattern p) noexcept { return detail::enum_name(arrival_pattern_names, p); }
arrival_pattern parse_arrival_pattern(std::string_view code) {
  return detail::parse_enum<arrival_pattern>("arrival pattern", code, arrival_pattern_names);
}
std::string_view to_string(support_outcome o) noexcept { return detail::enum_name(support_outcome_names, o); }
support_outcome parse_support_outcome(std::string_view code) {
  return detail::parse_enum<support_outcome>("support outcome", code, support_outcome_names);
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

}  // namespace kulkija
