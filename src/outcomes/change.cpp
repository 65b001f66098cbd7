#include "kulkija/outcomes/change.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "kulkija/core/error.hpp"
#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {

constexpr std::array<std::string_view, 3> category_names{"improved", "unchanged", "worsened"};
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

void require(bool ok, const char* field, const std::string& rule) {
  if (!ok) throw invalid_argument(error_id::invalid_value, field, rule);
}

// The continued fraction of the incomplete beta function (Numerical Recipes, 3rd ed., 6.4),
// evaluated by the modified Lentz method.
double beta_continued_fraction(double a, double b, double x) {
  constexpr double tiny = 1e-300;
  constexpr double eps = 1e-16;
  const double qab = a + b;
  const double qap = a + 1.0;
  const double qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 - qab * x / qap;
  if (std::fabs(d) < tiny) d = tiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 100000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1.0) < eps) break;
  }
  return h;
}

// P(T > t) for t >= 0.
double upper_tail(double t, double df) { return 0.5 * regularized_incomplete_beta(df / 2.0, 0.5, df / (df + t * t)); }

}  // namespace

double regularized_incomplete_beta(double a, double b, double x) {
  require(a > 0 && std::isfinite(a), "a", "must be a finite number above 0");
  require(b > 0 && std::isfinite(b), "b", "must be a finite number above 0");
  require(x >= 0 && x <= 1, "x", "must be from 0 to 1");
  if (x == 0 || x == 1) return x;
  const double log_front = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
  return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

double student_t_cdf(double t, double df) {
  require(df > 0 && std::isfinite(df), "df", "must be a finite number above 0");
  require(std::isfinite(t), "t", "must be finite");
  const double tail = upper_tail(std::fabs(t), df);
  return t >= 0 ? 1.0 - tail : tail;
}

double student_t_quantile(double p, double df) {
  require(p > 0 && p < 1, "p", "must be between 0 and 1 (both excluded)");
  require(df > 0 && std::isfinite(df), "df", "must be a finite number above 0");
  if (p == 0.5) return 0.0;
  // Solve P(T > t) = tail for t > 0, then mirror: the lower tail p < 0.5 is exact in p.
  const double tail = p < 0.5 ? p : 1.0 - p;
  double lo = 0.0;
  double hi = 1.0;
  while (upper_tail(hi, df) > tail) {
    lo = hi;
    hi *= 2.0;
    if (hi > 1e300) break;
  }
  for (int i = 0; i < 2000 && hi - lo > 1e-15 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (upper_tail(mid, df) > tail) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  const double t = 0.5 * (lo + hi);
  return p < 0.5 ? -t : t;
}

std::string_view to_string(change_category c) noexcept { return detail::enum_name(category_names, c); }

change_category classify_change(double change, double threshold, score_direction direction) {
  require(threshold > 0 && std::isfinite(threshold), "threshold", "must be a finite number above 0");
  const double better = direction == score_direction::higher_is_better ? change : -change;
  // A tiny tolerance so that a change of exactly the threshold counts despite rounding
  // (e.g. 22.35 - 19.25 computed as 3.0999999999999996 against 3.1).
  constexpr double slack = 1e-9;
  if (better >= threshold - slack) return change_category::improved;
  if (-better >= threshold - slack) return change_category::worsened;
  return change_category::unchanged;
}

change_summary paired_change(std::span<const double> before, std::span<const double> after, double threshold,
                             score_direction direction, double confidence) {
  require(before.size() == after.size(), "after",
          "must have as many scores as before (" + std::to_string(before.size()) + "), got " + std::to_string(after.size()));
  require(confidence > 0 && confidence < 1, "confidence", "must be between 0 and 1 (both excluded)");
  require(threshold > 0 && std::isfinite(threshold), "threshold", "must be a finite number above 0");
  change_summary s;
  s.n = before.size();
  s.confidence = confidence;
  double sum_b = 0;
  double sum_a = 0;
  for (std::size_t i = 0; i < s.n; ++i) {
    if (!std::isfinite(before[i])) throw invalid_argument(error_id::invalid_value, "before[" + std::to_string(i) + "]", "must be finite");
    if (!std::isfinite(after[i])) throw invalid_argument(error_id::invalid_value, "after[" + std::to_string(i) + "]", "must be finite");
    sum_b += before[i];
    sum_a += after[i];
    switch (classify_change(after[i] - before[i], threshold, direction)) {
      case change_category::improved: ++s.improved; break;
      case change_category::unchanged: ++s.unchanged; break;
      case change_category::worsened: ++s.worsened; break;
    }
  }
  if (s.n == 0) {
    s.mean_before = s.mean_after = s.mean_change = s.sd_change = s.ci_low = s.ci_high = nan;
    s.share_improved = s.share_worsened = nan;
    return s;
  }
  const auto n = static_cast<double>(s.n);
  s.mean_before = sum_b / n;
  s.mean_after = sum_a / n;
  double sum_d = 0;
  for (std::size_t i = 0; i < s.n; ++i) sum_d += after[i] - before[i];
  s.mean_change = sum_d / n;
  s.share_improved = static_cast<double>(s.improved) / n;
  s.share_worsened = static_cast<double>(s.worsened) / n;
  if (s.n < 2) {
    s.sd_change = s.ci_low = s.ci_high = nan;
    return s;
  }
  double ss = 0;
  for (std::size_t i = 0; i < s.n; ++i) {
    const double dev = after[i] - before[i] - s.mean_change;
    ss += dev * dev;
  }
  s.sd_change = std::sqrt(ss / (n - 1));
  const double half = student_t_quantile(1.0 - (1.0 - confidence) / 2.0, n - 1) * s.sd_change / std::sqrt(n);
  s.ci_low = s.mean_change - half;
  s.ci_high = s.mean_change + half;
  return s;
}

namespace {

constexpr std::size_t no_row = static_cast<std::size_t>(-1);

// Which row a referral has at `from` and at `to`, by referral id: the one pairing rule of
// both forms of paired_changes(). `at(i)` gives row i's referral and point, or nothing when
// the row does not count (another instrument, another point).
template <class Key, class At>
std::map<Key, std::pair<std::size_t, std::size_t>> pair_rows(std::size_t rows, const instrument& in,
                                                             measurement_point from, At at) {
  std::map<Key, std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t i = 0; i < rows; ++i) {
    const auto row = at(i);
    if (!row) continue;
    const auto& [key, point] = *row;
    auto [it, inserted] = pairs.try_emplace(key, no_row, no_row);
    std::size_t& slot = point == from ? it->second.first : it->second.second;
    if (slot != no_row) {
      throw invalid_argument(error_id::invalid_measurement, "measurements[" + std::to_string(i) + "]",
                             "referral " + quote(std::string_view(key)) + " has a second " + quote(in.id) +
                                 " measurement at " + std::string(to_string(point)) + " (the first is measurements[" +
                                 std::to_string(slot) + "])");
    }
    slot = i;
  }
  return pairs;
}

std::size_t scale_index(const instrument& in, const instrument_scale& scale) {
  std::size_t k = 0;
  while (&in.scales[k] != &scale) ++k;
  return k;
}

}  // namespace

std::vector<client_change> paired_changes(const instrument& in, std::string_view scale_id,
                                          std::span<const measurement> measurements, measurement_point from,
                                          measurement_point to) {
  const instrument_scale& scale = find_scale(in, scale_id);
  const std::size_t k = scale_index(in, scale);
  const auto pairs = pair_rows<std::string_view>(
      measurements.size(), in, from,
      [&](std::size_t i) -> std::optional<std::pair<std::string_view, measurement_point>> {
        const measurement& m = measurements[i];
        if (m.instrument != in.id || (m.point != from && m.point != to)) return std::nullopt;
        return std::pair{std::string_view(m.referral.str()), m.point};
      });
  std::vector<client_change> out;
  for (const auto& [ref, idx] : pairs) {
    if (idx.first == no_row || idx.second == no_row) continue;
    const double before = score(in, measurements[idx.first]).scores[k].value;
    const double after = score(in, measurements[idx.second]).scores[k].value;
    const double change = after - before;
    out.push_back({measurements[idx.first].referral, before, after, change,
                   classify_change(change, scale.meaningful_change, scale.direction)});
  }
  return out;
}

std::vector<client_change> paired_changes(const instrument& in, std::string_view scale_id,
                                          std::span<const std::string_view> referral_ids,
                                          std::span<const measurement_point> points, std::span<const double> scores,
                                          measurement_point from, measurement_point to) {
  const instrument_scale& scale = find_scale(in, scale_id);
  const std::size_t n = referral_ids.size();
  for (const auto& [size, name] : {std::pair{points.size(), "points"}, std::pair{scores.size(), "scores"}}) {
    if (size != n) {
      throw invalid_argument(error_id::invalid_value, name,
                             "must have as many rows as referral_ids (" + std::to_string(n) + "), got " +
                                 std::to_string(size));
    }
  }
  const auto pairs = pair_rows<std::string_view>(
      n, in, from, [&](std::size_t i) -> std::optional<std::pair<std::string_view, measurement_point>> {
        if (points[i] != from && points[i] != to) return std::nullopt;
        return std::pair{referral_ids[i], points[i]};
      });
  const auto row_field = [](std::size_t i, const char* field) {
    return "measurements[" + std::to_string(i) + "]." + field;
  };
  std::vector<client_change> out;
  out.reserve(pairs.size());
  for (const auto& [ref, idx] : pairs) {
    if (idx.first == no_row || idx.second == no_row) continue;
    for (const std::size_t i : {idx.first, idx.second}) {
      if (!std::isfinite(scores[i])) throw invalid_argument(error_id::invalid_value, row_field(i, "score"), "must be finite");
    }
    std::optional<referral_id> id;
    try {
      id.emplace(std::string(ref));
    } catch (const invalid_argument& e) {
      throw invalid_argument(e.id(), row_field(idx.first, "referral_id"), e.rule());
    }
    const double change = scores[idx.second] - scores[idx.first];
    out.push_back({std::move(*id), scores[idx.first], scores[idx.second], change,
                   classify_change(change, scale.meaningful_change, scale.direction)});
  }
  return out;
}

change_summary summarize(std::span<const client_change> changes, const instrument_scale& scale, double confidence) {
  std::vector<double> before;
  std::vector<double> after;
  before.reserve(changes.size());
  after.reserve(changes.size());
  for (const auto& c : changes) {
    before.push_back(c.before);
    after.push_back(c.after);
  }
  return paired_change(before, after, scale.meaningful_change, scale.direction, confidence);
}

}  // namespace kulkija
