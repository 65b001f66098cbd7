#include "kulkija/interop/link_workers_csv.hpp"

#include <charconv>
#include <cmath>
#include <set>

#include "csv_rows.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/interop/csv.hpp"

namespace kulkija {

namespace {

constexpr const char* columns[] = {"worker",        "languages",    "municipality", "capacity",      "caseload",
                                   "lat",           "lon",          "travel_radius_km", "specialisms", "gender",
                                   "availability",  "meeting_modes", "active_from",  "active_to",
                                   "kind",          "last_supervision"};

double parse_number(std::string_view field) {
  double value = 0;
  const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (field.empty() || ec != std::errc{} || end != field.data() + field.size() || !std::isfinite(value)) {
    throw parse_error(error_id::parse_syntax, "expected a decimal number with a '.', got " + quote(field));
  }
  return value;
}

template <class T, class Parse>
std::vector<T> codes(const std::string& field, Parse parse) {
  std::vector<T> out;
  for (const auto& code : detail::split_list(field)) out.push_back(parse(code));
  return out;
}

template <class T, class Format>
std::string join(const std::vector<T>& values, Format format) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ";") + std::string(format(v));
  return out;
}

std::string number_text(double v) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);  // shortest form that reads back exactly
  return ec == std::errc{} ? std::string(buf, end) : std::string{};
}

std::vector<link_worker> from_table(csv_table table, csv_diagnostics* collect = nullptr,
                                    std::size_t limit = csv_error_limit) {
  detail::csv_rows rows(std::move(table), collect, limit);
  rows.require({"worker", "languages", "municipality", "capacity"});
  std::vector<link_worker> out;
  std::set<std::string> seen;
  rows.each([&] {
    const link_worker_id id(rows.get("worker"));
    if (!seen.insert(id.str()).second) throw invalid_argument(error_id::invalid_id, "worker", quote(id.str()) + " appears twice");
    std::vector<language> languages;
    for (const auto& code : detail::split_list(rows.get("languages"))) languages.emplace_back(code);
    validate_languages("languages", languages);  // here, so that the error names this column
    const municipality home(std::string_view(rows.get("municipality")));
    const int capacity = detail::parse_whole_number(rows.get("capacity"));
    link_worker w(id, std::move(languages), home, capacity);
    if (const auto v = rows.get_or_empty("caseload"); !v.empty()) w.set_capacity(capacity, detail::parse_whole_number(v));
    const auto lat = rows.get_or_empty("lat");
    const auto lon = rows.get_or_empty("lon");
    if (!lat.empty() || !lon.empty()) {
      rows.mark("lat");
      const double la = parse_number(lat);
      rows.mark("lon");
      w.set_location(geo_point{la, parse_number(lon)});
    }
    if (const auto v = rows.get_or_empty("travel_radius_km"); !v.empty()) w.set_travel_radius_km(parse_number(v));
    if (const auto v = rows.get_or_empty("specialisms"); !v.empty()) w.set_specialisms(codes<specialism>(v, parse_specialism));
    if (const auto v = rows.get_or_empty("gender"); !v.empty()) w.set_gender(parse_gender(v));
    if (const auto v = rows.get_or_empty("availability"); !v.empty()) w.set_availability(codes<time_window>(v, parse_time_window));
    if (const auto v = rows.get_or_empty("meeting_modes"); !v.empty()) w.set_meeting_modes(codes<meeting_mode>(v, parse_meeting_mode));
    std::optional<date> from, to;
    if (const auto v = rows.get_or_empty("active_from"); !v.empty()) from = parse_date(v);
    if (const auto v = rows.get_or_empty("active_to"); !v.empty()) to = parse_date(v);
    w.set_active(from, to);
    if (const auto v = rows.get_or_empty("kind"); !v.empty()) w.set_kind(parse_worker_kind(v));
    if (const auto v = rows.get_or_empty("last_supervision"); !v.empty()) w.set_last_supervision(parse_date(v));
    out.push_back(std::move(w));
  });
  return out;
}

}  // namespace

std::vector<link_worker> link_workers_from_csv(std::string_view text, std::string source) {
  return from_table(parse_csv(text, std::move(source)));
}

csv_checked<link_worker> check_link_workers_csv(std::string_view text, std::string source, std::size_t max_errors) {
  return detail::check_file<link_worker>(source, max_errors, [&](csv_diagnostics& d) {
    return from_table(parse_csv(text, source), &d, max_errors);
  });
}

std::vector<link_worker> read_link_workers_csv(const std::filesystem::path& path) {
  return from_table(read_csv_file(path));
}

std::string link_workers_to_csv(std::span<const link_worker> workers) {
  std::string out = csv_row({std::begin(columns), std::end(columns)});
  for (const link_worker& w : workers) {
    const auto opt_date = [](const std::optional<date>& d) { return d ? format_date(*d) : std::string{}; };
    out += csv_row({
        w.id().str(),
        join(w.languages(), [](const language& l) { return l.code(); }),
        w.home().code_text(),
        std::to_string(w.capacity()),
        std::to_string(w.caseload()),
        w.location() ? number_text(w.location()->latitude) : std::string{},
        w.location() ? number_text(w.location()->longitude) : std::string{},
        w.travel_radius_km() ? number_text(*w.travel_radius_km()) : std::string{},
        join(w.specialisms(), [](specialism s) { return to_string(s); }),
        w.worker_gender() ? std::string(to_string(*w.worker_gender())) : std::string{},
        join(w.availability(), [](time_window t) { return to_string(t); }),
        join(w.meeting_modes(), [](meeting_mode m) { return to_string(m); }),
        opt_date(w.active_from()),
        opt_date(w.active_to()),
        std::string(to_string(w.kind())),
        opt_date(w.last_supervision()),
    });
  }
  return out;
}

}  // namespace kulkija
