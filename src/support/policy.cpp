#include "kulkija/support/policy.hpp"

#include <array>
#include <initializer_list>
#include <string>

#include "kulkija/core/error.hpp"
#include "kulkija/core/id.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/detail/enum_names.hpp"
#include "../detail/json.hpp"

namespace kulkija {

namespace {

using detail::json;

constexpr std::array<std::string_view, 4> unit_names{"days", "business_days", "weeks", "months"};

void require_range(const std::string& field, int value, int lo, int hi) {
  if (value < lo || value > hi) {
    throw invalid_argument(error_id::invalid_value, field,
                           "must be from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " +
                               std::to_string(value));
  }
}

void require_length(const std::string& field, const length& l, int lo) { validate(field, l, lo); }

// Runs `f` on the sub-object `name` of `r`, when present.
template <class F>
void with_object(const detail::json_object& r, std::string_view name, F f) {
  if (const json* v = r.find(name)) f(detail::json_object(*v, r.path(name)));
}

// The JSON path of a validated field name such as `extensions.max`.
std::string json_path(const std::string& field) { return "$." + field; }

}  // namespace

std::string_view to_string(length_unit u) noexcept { return detail::enum_name(unit_names, u); }

length_unit parse_length_unit(std::string_view code) {
  return detail::parse_enum<length_unit>("length unit", code, unit_names);
}

bool in_force_on(const support_policy& p, date day) noexcept {
  return !day.is_special() && day >= p.valid_from && (!p.valid_to || day <= *p.valid_to);
}

std::string to_string(const length& l) { return std::to_string(l.amount) + " " + std::string(to_string(l.unit)); }

void validate(std::string_view field, const length& l, int min_amount) {
  int most = 24;  // about two years of each unit
  switch (l.unit) {
    case length_unit::days: most = 730; break;
    case length_unit::business_days: most = 520; break;
    case length_unit::weeks: most = 104; break;
    case length_unit::months: break;
    default: throw invalid_argument(error_id::invalid_value, std::string(field) + ".unit", "must be a length unit");
  }
  require_range(std::string(field), l.amount, min_amount, most);
}

date add_length(date day, const length& l, const finnish_calendar& calendar) {
  switch (l.unit) {
    case length_unit::days: return day + boost::gregorian::days(l.amount);
    case length_unit::business_days: return calendar.add_business_days(day, l.amount);
    case length_unit::weeks: return day + boost::gregorian::weeks(l.amount);
    case length_unit::months: break;
  }
  return day + boost::gregorian::months(l.amount);  // from a month's last day, to the last day of the month
}

void validate(const support_policy& p) {
  validate_id("id", p.id);
  validate_id("version", p.version);
  validate_free_text("region", p.region, 200);
  if (p.valid_from.is_special()) {
    throw invalid_argument(error_id::invalid_date, "valid_from", "must be a real date, not a special value");
  }
  if (p.valid_to && (p.valid_to->is_special() || *p.valid_to < p.valid_from)) {
    throw invalid_argument(error_id::invalid_date, "valid_to",
                           "must be a real date not before valid_from (" + format_date(p.valid_from) + ")");
  }
  require_length("first_contact.within", p.first_contact, 0);
  require_range("meetings.max", p.max_meetings, 1, 200);
  require_length("length.max", p.max_length, 1);
  if (p.max_length.unit == length_unit::business_days) {
    throw invalid_argument(error_id::invalid_value, "length.unit", "must be days, weeks or months, not business_days");
  }
  require_range("extensions.max", p.max_extensions, 0, 10);
  require_length("extensions.length", p.extension_length, 1);
  if (p.extension_length.unit == length_unit::business_days) {
    throw invalid_argument(error_id::invalid_value, "extensions.unit", "must be days, weeks or months, not business_days");
  }
  require_length("pauses.max_total", p.max_pause_total, 0);
  if (p.max_pause_total.unit != length_unit::days && p.max_pause_total.unit != length_unit::weeks) {
    throw invalid_argument(error_id::invalid_value, "pauses.unit", "must be days or weeks");
  }
  require_range("no_contact.discontinue_after_days", p.no_contact_days, 1, 365);
  require_range("no_contact.warn_days_before", p.no_contact_warning_days, 0, p.no_contact_days - 1);
  require_length("follow_up.after", p.follow_up, 0);
  if (p.follow_up.unit == length_unit::business_days) {
    throw invalid_argument(error_id::invalid_value, "follow_up.unit", "must be days, weeks or months, not business_days");
  }
  require_range("due_soon.business_days", p.due_soon_business_days, 0, 60);
}

support_policy support_policy_from_json(std::string_view text) {
  const json j = detail::parse_json(text);
  const detail::json_object root(j, "$");
  root.allow({"id", "version", "region", "valid_from", "valid_to", "first_contact", "meetings", "length",
              "extensions", "pauses", "no_contact", "follow_up", "due_soon"});
  for (std::string_view name : {"id", "version", "valid_from"}) root.require(name);
  support_policy p;
  root.read("id", p.id);
  root.read("version", p.version);
  root.read("region", p.region);
  root.read("valid_from", p.valid_from);
  root.read("valid_to", p.valid_to);
  with_object(root, "first_contact", [&](const detail::json_object& r) {
    r.allow({"within", "unit"});
    r.read("within", p.first_contact.amount);
    r.read_code("unit", p.first_contact.unit, parse_length_unit);
  });
  with_object(root, "meetings", [&](const detail::json_object& r) {
    r.allow({"max"});
    r.read("max", p.max_meetings);
  });
  with_object(root, "length", [&](const detail::json_object& r) {
    r.allow({"max", "unit"});
    r.read("max", p.max_length.amount);
    r.read_code("unit", p.max_length.unit, parse_length_unit);
  });
  with_object(root, "extensions", [&](const detail::json_object& r) {
    r.allow({"max", "length", "unit", "reason_required"});
    r.read("max", p.max_extensions);
    r.read("length", p.extension_length.amount);
    r.read_code("unit", p.extension_length.unit, parse_length_unit);
    r.read("reason_required", p.extension_reason_required);
  });
  with_object(root, "pauses", [&](const detail::json_object& r) {
    r.allow({"max_total", "unit"});
    r.read("max_total", p.max_pause_total.amount);
    r.read_code("unit", p.max_pause_total.unit, parse_length_unit);
  });
  with_object(root, "no_contact", [&](const detail::json_object& r) {
    r.allow({"discontinue_after_days", "warn_days_before"});
    r.read("discontinue_after_days", p.no_contact_days);
    r.read("warn_days_before", p.no_contact_warning_days);
  });
  with_object(root, "follow_up", [&](const detail::json_object& r) {
    r.allow({"after", "unit"});
    r.read("after", p.follow_up.amount);
    r.read_code("unit", p.follow_up.unit, parse_length_unit);
  });
  with_object(root, "due_soon", [&](const detail::json_object& r) {
    r.allow({"business_days"});
    r.read("business_days", p.due_soon_business_days);
  });
  try {
    validate(p);
  } catch (const invalid_argument& e) {
    detail::json_fail(json_path(e.field()), e.rule());
  }
  return p;
}

std::string to_json(const support_policy& p) {
  const auto unit = [](length_unit u) { return std::string(to_string(u)); };
  json j = json::object();
  j["id"] = p.id;
  j["version"] = p.version;
  j["region"] = p.region;
  j["valid_from"] = format_date(p.valid_from);
  j["valid_to"] = p.valid_to ? json(format_date(*p.valid_to)) : json(nullptr);
  j["first_contact"] = {{"within", p.first_contact.amount}, {"unit", unit(p.first_contact.unit)}};
  j["meetings"] = {{"max", p.max_meetings}};
  j["length"] = {{"max", p.max_length.amount}, {"unit", unit(p.max_length.unit)}};
  j["extensions"] = {{"max", p.max_extensions},
                     {"length", p.extension_length.amount},
                     {"unit", unit(p.extension_length.unit)},
                     {"reason_required", p.extension_reason_required}};
  j["pauses"] = {{"max_total", p.max_pause_total.amount}, {"unit", unit(p.max_pause_total.unit)}};
  j["no_contact"] = {{"discontinue_after_days", p.no_contact_days}, {"warn_days_before", p.no_contact_warning_days}};
  j["follow_up"] = {{"after", p.follow_up.amount}, {"unit", unit(p.follow_up.unit)}};
  j["due_soon"] = {{"business_days", p.due_soon_business_days}};
  return j.dump(2);
}

}  // namespace kulkija
