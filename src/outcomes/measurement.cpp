#include "kulkija/outcomes/measurement.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <string>
#include <unordered_map>

#include "kulkija/core/error.hpp"
#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {
constexpr std::array<std::string_view, 3> point_names{"start", "end", "follow_up"};

std::string_view trimmed(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string row_field(std::size_t row, std::string_view field) {
  return "measurements[" + std::to_string(row) + "]." + std::string(field);
}

std::string known_ids(const std::unordered_map<std::string_view, const instrument*>& known) {
  std::vector<std::string_view> ids;
  ids.reserve(known.size());
  for (const auto& [id, in] : known) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  std::string out;
  for (const auto id : ids) out += (out.empty() ? "" : ", ") + std::string(id);
  return out;
}
}  // namespace

std::string_view to_string(measurement_point p) noexcept { return detail::enum_name(point_names, p); }

measurement_point parse_measurement_point(std::string_view code) {
  return detail::parse_enum<measurement_point>("measurement point", code, point_names);
}

scored_measurement score(const instrument& in, const measurement& m) {
  if (m.instrument != in.id) {
    throw invalid_argument(error_id::invalid_measurement, "instrument",
                           "the measurement is of " + quote(m.instrument) + ", not of " + quote(in.id));
  }
  if (m.day.is_special()) throw invalid_argument(error_id::invalid_measurement, "day", "must be a real date");
  return {m.referral, m.instrument, m.point, m.day, score(in, std::span<const std::optional<int>>(m.answers))};
}

std::vector<std::optional<int>> parse_answers(std::string_view text) {
  std::vector<std::optional<int>> out;
  std::size_t start = 0;
  while (true) {
    const auto end = std::min(text.find(';', start), text.size());
    const std::string_view whole = text.substr(start, end - start);
    std::string_view part = trimmed(whole);
    if (part.empty()) {
      out.emplace_back(std::nullopt);
    } else {
      if (part.front() == '+' && part.size() > 1 && part[1] != '-') part.remove_prefix(1);
      int v = 0;
      const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
      if (ec != std::errc{} || ptr != part.data() + part.size()) {
        throw invalid_argument(error_id::invalid_measurement, "answers",
                               "answer " + std::to_string(out.size() + 1) + " must be a whole number or empty, got " +
                                   quote(trimmed(whole)));
      }
      out.emplace_back(v);
    }
    if (end == text.size()) break;
    start = end + 1;
  }
  return out;
}

measurement_scores score_measurements(std::span<const instrument> instruments,
                                      std::span<const std::string_view> instrument_ids,
                                      std::span<const std::optional<std::string_view>> answers, bool raw) {
  const std::size_t n = instrument_ids.size();
  if (answers.size() != n) {
    throw invalid_argument(error_id::invalid_value, "answers",
                           "must have as many rows as instrument_ids (" + std::to_string(n) + "), got " +
                               std::to_string(answers.size()));
  }
  std::unordered_map<std::string_view, const instrument*> known;
  for (const auto& in : instruments) known.insert_or_assign(std::string_view(in.id), &in);
  measurement_scores out;
  out.row.reserve(n);
  out.scale.reserve(n);
  out.value.reserve(n);
  const instrument* last = nullptr;
  for (std::size_t i = 0; i < n; ++i) {
    if (last == nullptr || last->id != instrument_ids[i]) {
      const auto it = known.find(instrument_ids[i]);
      if (it == known.end()) {
        throw invalid_argument(error_id::invalid_measurement, row_field(i, "instrument"),
                               "unknown instrument " + quote(instrument_ids[i]) + "; known: " + known_ids(known));
      }
      last = it->second;
    }
    const instrument& in = *last;
    std::vector<std::optional<int>> parsed;
    if (answers[i]) {
      try {
        parsed = parse_answers(*answers[i]);
      } catch (const invalid_argument& e) {
        throw invalid_argument(e.id(), row_field(i, "answers"), e.rule());
      }
    }
    if (parsed.size() != in.items.size()) {
      throw invalid_argument(error_id::invalid_measurement, row_field(i, "answers"),
                             "instrument " + quote(in.id) + " has " + std::to_string(in.items.size()) + " items, got " +
                                 std::to_string(parsed.size()) + " answers");
    }
    std::vector<scale_score> scores;
    try {
      scores = score(in, parsed);
    } catch (const invalid_argument& e) {
      throw invalid_argument(e.id(), e.field(), "measurements[" + std::to_string(i) + "]: " + e.rule());
    }
    for (std::size_t k = 0; k < scores.size(); ++k) {
      out.row.push_back(i);
      out.scale.push_back(&in.scales[k]);
      out.value.push_back(raw ? scores[k].raw : scores[k].value);
    }
  }
  return out;
}

}  // namespace kulkija
