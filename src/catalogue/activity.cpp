#include "kulkija/catalogue/activity.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <utility>

#include "kulkija/core/error.hpp"
#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {

constexpr std::array<std::string_view, 7> weekday_names{"monday", "tuesday",  "wednesday", "thursday",
                                                        "friday", "saturday", "sunday"};
constexpr std::array<std::string_view, 7> ical_days{"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
constexpr std::array<std::string_view, 3> frequency_names{"weekly", "biweekly", "monthly"};
constexpr std::array<std::string_view, 3> cost_names{"free", "fee", "unknown"};

[[noreturn]] void reject(std::string field, std::string rule) {
  throw invalid_argument(error_id::invalid_value, std::move(field), std::move(rule));
}

template <class T>
void no_duplicates(const std::string& field, const std::vector<T>& items) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (items[i] == items[j]) reject(field + "[" + std::to_string(i) + "]", "must not repeat an earlier item");
    }
  }
}

const std::string& first_of(const localized_text& t, text_language lang) noexcept {
  if (!t.in(lang).empty()) return t.in(lang);
  if (!t.fi.empty()) return t.fi;
  if (!t.sv.empty()) return t.sv;
  return t.en;
}

}  // namespace

std::string_view to_string(weekday d) noexcept { return detail::enum_name(weekday_names, d); }
weekday parse_weekday(std::string_view code) {
  for (std::size_t i = 0; i < ical_days.size(); ++i) {
    if (code == ical_days[i]) return static_cast<weekday>(i);
  }
  return detail::parse_enum<weekday>("weekday", code, weekday_names);
}
weekday weekday_of(date d) {
  const int dow = d.day_of_week().as_number();  // 0 = Sunday
  return static_cast<weekday>((dow + 6) % 7);
}

std::string_view to_string(recurrence_frequency f) noexcept { return detail::enum_name(frequency_names, f); }
recurrence_frequency parse_recurrence_frequency(std::string_view code) {
  return detail::parse_enum<recurrence_frequency>("recurrence frequency", code, frequency_names);
}
std::string_view to_string(cost_kind k) noexcept { return detail::enum_name(cost_names, k); }
cost_kind parse_cost_kind(std::string_view code) { return detail::parse_enum<cost_kind>("cost kind", code, cost_names); }

int parse_time_of_day(std::string_view text) {
  const auto bad = [&](std::size_t column) -> int {
    throw parse_error(error_id::parse_timestamp, "expected a time of day hh:mm or hh:mm:ss, got " + quote(text), 1,
                      column + 1);
  };
  if (text.size() != 5 && text.size() != 8) return bad(0);
  const auto digit = [&](std::size_t i) {
    if (text[i] < '0' || text[i] > '9') bad(i);
    return text[i] - '0';
  };
  const int h = digit(0) * 10 + digit(1);
  if (text[2] != ':') return bad(2);
  const int m = digit(3) * 10 + digit(4);
  int s = 0;
  if (text.size() == 8) {
    if (text[5] != ':') return bad(5);
    s = digit(6) * 10 + digit(7);
  }
  if (m > 59 || s > 59 || h > 24 || (h == 24 && (m != 0 || s != 0))) return bad(0);
  return h * 60 + m;
}

std::string format_time_of_day(int minutes) {
  std::array<char, 8> buf{};
  std::snprintf(buf.data(), buf.size(), "%02d:%02d", minutes / 60, minutes % 60);
  return buf.data();
}

void recurrence_rule::validate(std::string_view field) const {
  const std::string f(field);
  if (starts < 0 || starts > 1439) reject(f + ".starts", "must be a time of day from 00:00 to 23:59");
  if (ends <= starts || ends > 1440) reject(f + ".ends", "must be after the start and at most 24:00");
  switch (frequency) {
    case recurrence_frequency::weekly:
      if (week_of_month != 0) reject(f + ".week_of_month", "is only for monthly rules");
      break;
    case recurrence_frequency::biweekly:
      if (week_of_month != 0) reject(f + ".week_of_month", "is only for monthly rules");
      if (!anchor || anchor->is_special()) reject(f + ".anchor", "a biweekly rule needs an anchor day on which it meets");
      if (weekday_of(*anchor) != day) {
        reject(f + ".anchor", "must fall on the rule's weekday " + std::string(to_string(day)));
      }
      break;
    case recurrence_frequency::monthly:
      if (week_of_month == 0 || week_of_month < -1 || week_of_month > 4) {
        reject(f + ".week_of_month", "a monthly rule needs 1 to 4, or -1 for the last weekday of the month");
      }
      break;
  }
  if (frequency != recurrence_frequency::biweekly && anchor) reject(f + ".anchor", "is only for biweekly rules");
}

bool recurrence_rule::occurs_on(date d) const {
  if (weekday_of(d) != day) return false;
  switch (frequency) {
    case recurrence_frequency::weekly: return true;
    case recurrence_frequency::biweekly: {
      const long days = (d - *anchor).days();
      return ((days / 7) % 2) == 0;
    }
    case recurrence_frequency::monthly: {
      const int dom = d.day();
      if (week_of_month == -1) return dom + 7 > d.end_of_month().day();
      return (dom - 1) / 7 + 1 == week_of_month;
    }
  }
  return false;
}

date recurrence_rule::next_on_or_after(date from) const {
  date d = from;
  for (int i = 0; i < 7 * 6; ++i, d += boost::gregorian::days(1)) {
    if (occurs_on(d)) return d;
  }
  return d;  // unreachable for a valid rule: every rule meets within six weeks
}

time_window recurrence_rule::window() const noexcept {
  if (day == weekday::saturday || day == weekday::sunday) return time_window::weekend;
  return starts >= 17 * 60 ? time_window::weekday_evening : time_window::weekday_daytime;
}

std::optional<double> activity_cost::for_participant(bool holder) const noexcept {
  if (kaikukortti && holder) return 0.0;
  switch (kind) {
    case cost_kind::free: return 0.0;
    case cost_kind::fee: return amount;
    case cost_kind::unknown: break;
  }
  return std::nullopt;
}

void activity_cost::validate(std::string_view field) const {
  const std::string f(field);
  if (kind == cost_kind::fee && (!std::isfinite(amount) || amount <= 0 || amount > 100000)) {
    reject(f + ".amount", "a fee must be more than 0 and at most 100000");
  }
  if (kind != cost_kind::fee && amount != 0) reject(f + ".amount", "must be 0 unless the kind is fee");
  const bool code = currency.size() == 3 && std::all_of(currency.begin(), currency.end(),
                                                         [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!code) reject(f + ".currency", "must be an ISO 4217 code of three upper-case letters, got " + quote(currency));
}

activity::activity(activity_spec spec) : spec_(std::move(spec)) {
  const activity_spec& s = spec_;
  if (s.name.fi.empty() && s.name.sv.empty() && s.name.en.empty()) {
    reject("activity.name", "needs a name in at least one of fi, sv, en");
  }
  for (const auto lang : {text_language::fi, text_language::sv, text_language::en}) {
    const std::string l(to_string(lang));
    validate_free_text("activity.name." + l, s.name.in(lang), 200);
    validate_free_text("activity.description." + l, s.description.in(lang), 4000);
  }
  validate_free_text("activity.address", s.address, 200);
  no_duplicates("activity.categories", s.categories);
  no_duplicates("activity.target_groups", s.target_groups);
  no_duplicates("activity.accessibility", s.accessibility);
  if (s.languages.empty()) reject("activity.languages", "needs at least one language");
  no_duplicates("activity.languages", s.languages);
  if (s.min_age && (*s.min_age < 0 || *s.min_age > 120)) reject("activity.min_age", "must be from 0 to 120");
  if (s.max_age && (*s.max_age < 0 || *s.max_age > 120)) reject("activity.max_age", "must be from 0 to 120");
  if (s.min_age && s.max_age && *s.max_age < *s.min_age) reject("activity.max_age", "must not be below min_age");
  if (s.position) validate("activity.position", *s.position);
  for (std::size_t i = 0; i < s.schedule.size(); ++i) s.schedule[i].validate("activity.schedule[" + std::to_string(i) + "]");
  no_duplicates("activity.schedule", s.schedule);
  s.cost.validate("activity.cost");
  if (s.capacity && (*s.capacity < 1 || *s.capacity > 100000)) reject("activity.capacity", "must be from 1 to 100000");
  if ((s.valid_from && s.valid_from->is_special()) || (s.valid_to && s.valid_to->is_special())) {
    throw invalid_argument(error_id::invalid_date, "activity.valid_from", "must be a real day");
  }
  if (s.valid_from && s.valid_to && *s.valid_to < *s.valid_from) {
    throw invalid_argument(error_id::invalid_date, "activity.valid_to", "must not be before valid_from");
  }
}

const std::string& activity::name_in(text_language lang) const noexcept { return first_of(spec_.name, lang); }
const std::string& activity::description_in(text_language lang) const noexcept {
  return first_of(spec_.description, lang);
}
bool activity::valid_on(date d) const noexcept {
  if (spec_.valid_from && d < *spec_.valid_from) return false;
  if (spec_.valid_to && d > *spec_.valid_to) return false;
  return true;
}
bool activity::uses(const language& l) const noexcept {
  return std::find(spec_.languages.begin(), spec_.languages.end(), l) != spec_.languages.end();
}
bool activity::in_category(activity_category c) const noexcept {
  return std::find(spec_.categories.begin(), spec_.categories.end(), c) != spec_.categories.end();
}
need_set activity::needs() const noexcept {
  need_set n;
  for (auto c : spec_.categories) {
    const need_set addressed = needs_addressed(c);
    for (auto m : all_needs()) {
      if (addressed.contains(m)) n.insert(m);
    }
  }
  return n;
}

}  // namespace kulkija
