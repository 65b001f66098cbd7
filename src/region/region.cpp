#include "kulkija/region/region.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <utility>

#include "kulkija/core/error.hpp"
#include "kulkija/core/municipality.hpp"
#include "kulkija/eligibility/client_record.hpp"
#include "kulkija/interop/csv.hpp"
#include "kulkija/interop/hsds.hpp"
#include "kulkija/interop/link_workers_csv.hpp"
#include "kulkija/interop/training_csv.hpp"
#include "kulkija/outcomes/instrument.hpp"
#include "kulkija/outcomes/measurement.hpp"
#include "../detail/json.hpp"

namespace kulkija {

namespace {

namespace fs = std::filesystem;

// A value's error, re-thrown naming the file, the line and the column.
[[noreturn]] void rethrow_at(const error& e, const csv_table& t, std::size_t row, std::string_view column) {
  const std::size_t col = t.has_column(column) ? t.column(column) + 1 : 0;
  throw parse_error(e.id(), "column '" + std::string(column) + "': " + std::string(e.message()), t.line_of(row), col,
                    t.source());
}

[[noreturn]] void fail_at(const csv_table& t, std::size_t row, std::string_view column, const std::string& rule) {
  const std::size_t col = t.has_column(column) ? t.column(column) + 1 : 0;
  throw parse_error(error_id::invalid_value, "column '" + std::string(column) + "': " + rule, t.line_of(row), col,
                    t.source());
}

const std::string& cell(const csv_table& t, std::size_t row, std::string_view column) {
  return t.rows()[row][t.column(column)];
}

double parse_number(const csv_table& t, std::size_t row, std::string_view column) {
  const std::string& text = cell(t, row, column);
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size() || !std::isfinite(value)) {
    fail_at(t, row, column, "expected a number, got " + quote(text));
  }
  return value;
}

std::optional<bool> parse_optional_bool(const csv_table& t, std::size_t row, std::string_view column) {
  const std::string& text = cell(t, row, column);
  if (text.empty()) return std::nullopt;
  if (text == "true") return true;
  if (text == "false") return false;
  fail_at(t, row, column, "expected true, false or empty, got " + quote(text));
}

// Each row of a table through `read_row`; a kulkija error that is not yet a parse error is
// re-thrown at the row, naming the column `read_row` was reading (it sets `column`).
void each_row(const csv_table& t, const std::function<void(std::size_t, std::string&)>& read_row) {
  for (std::size_t row = 0; row < t.rows().size(); ++row) {
    std::string column;
    try {
      read_row(row, column);
    } catch (const parse_error&) {
      throw;
    } catch (const error& e) {
      rethrow_at(e, t, row, column);
    }
  }
}

// The region's files, by the name the layout or region.json gives them; every file read is
// kept in `sources`.
struct file_reader {
  std::function<std::optional<std::string>(const std::string&)> read;
  std::function<std::string(const std::string&)> describe;  // the file as not_found names it
  std::map<std::string, std::string>* sources;

  std::optional<std::string> optional(const std::string& name) const {
    auto text = read(name);
    if (text) (*sources)[name] = *text;
    return text;
  }
  std::string required(const std::string& name, const std::string& kind = "file") const {
    auto text = optional(name);
    if (!text) throw not_found(kind, kind == "file" ? describe(name) : name);
    return std::move(*text);
  }
  std::optional<csv_table> table(const std::string& name) const {
    const auto text = optional(name);
    if (!text) return std::nullopt;
    return parse_csv(*text, fs::path(name).filename().string());
  }
};

std::vector<measurement> read_measurements(const csv_table& t) {
  std::vector<measurement> out;
  each_row(t, [&](std::size_t row, std::string& column) {
    column = "referral_id";
    measurement m{referral_id(cell(t, row, "referral_id")), {}, measurement_point::start, {}, {}};
    column = "instrument";
    m.instrument = cell(t, row, "instrument");
    (void)builtin_instrument(m.instrument);
    column = "point";
    m.point = parse_measurement_point(cell(t, row, "point"));
    column = "day";
    m.day = parse_date(cell(t, row, "day"));
    column = "answers";
    m.answers = parse_answers(cell(t, row, "answers"));
    (void)score(builtin_instrument(m.instrument), m);
    out.push_back(std::move(m));
  });
  return out;
}

void load_from(region& r, const file_reader& files) {
  region_csv_texts texts{files.required("clients.csv"), files.required("professionals.csv"),
                         files.required("referrals.csv"), files.required("events.csv")};
  r.records = region_records_from_csv(texts);

  if (const auto t = files.table("municipalities.csv")) {
    each_row(*t, [&](std::size_t row, std::string& column) {
      column = "code";
      const municipality m(cell(*t, row, "code"));
      geo_point p{parse_number(*t, row, "lat"), parse_number(*t, row, "lon")};
      validate("lat", p);
      r.centres[m.code()] = p;
    });
  }
  if (const auto t = files.table("client_locations.csv")) {
    each_row(*t, [&](std::size_t row, std::string& column) {
      column = "client_id";
      const client_id id(cell(*t, row, "client_id"));
      geo_point p{parse_number(*t, row, "lat"), parse_number(*t, row, "lon")};
      validate("location", p);
      r.locations[id.str()] = p;
    });
  }
  if (const auto text = files.optional("link_workers.csv")) r.workers = link_workers_from_csv(*text, "link_workers.csv");
  if (const auto text = files.optional("training.csv")) {
    const auto rows = training_from_csv(*text, "training.csv", r.workers);  // names the row of an unknown worker
    add_training(r.workers, rows);
  }
  if (const auto t = files.table("assessments.csv")) {
    std::set<std::string> known;
    for (const auto& ref : r.records.referrals) known.insert(ref.id().str());
    for (std::size_t row = 0; row < t->rows().size(); ++row) {
      const std::string& id = cell(*t, row, "referral_id");
      if (!known.contains(id)) fail_at(*t, row, "referral_id", "referral " + quote(id) + " not found in referrals.csv");
      assessment a;
      if (!cell(*t, row, "wellbeing").empty()) {
        a.wellbeing = parse_number(*t, row, "wellbeing");
        if (*a.wellbeing < 0 || *a.wellbeing > 10) fail_at(*t, row, "wellbeing", "must be from 0 to 10");
      }
      a.needs_medical_care = parse_optional_bool(*t, row, "needs_medical_care");
      a.own_resources_sufficient = parse_optional_bool(*t, row, "own_resources_sufficient");
      r.assessments[id] = a;
    }
  }

  for (const auto& file : r.config.rule_sets) {
    const std::string text = files.required(file, "rule set file named in region.json");
    try {
      r.rules.add(rule_set::from_json(text));
    } catch (const parse_error& e) {
      throw detail::json_in_file(e, file);
    }
  }
  const auto policy = [&](const std::string& file, const auto& read) {
    const std::string text = files.required(file, "policy file named in region.json");
    try {
      return read(text);
    } catch (const parse_error& e) {
      throw detail::json_in_file(e, file);
    }
  };
  if (!r.config.support_policy.empty()) {
    r.support = policy(r.config.support_policy, [](const std::string& t) { return support_policy_from_json(t); });
  }
  if (!r.config.matching_policy.empty()) {
    r.matching = policy(r.config.matching_policy, [](const std::string& t) { return matching_policy_from_json(t); });
  }
  if (!r.config.catalogue.empty()) {
    if (const auto text = files.optional(r.config.catalogue)) {
      try {
        r.catalogue = catalogue_from_hsds(*text).catalogue;
      } catch (const parse_error& e) {
        throw detail::json_in_file(e, r.config.catalogue);
      }
    }
  }

  if (const auto t = files.table("measurements.csv")) r.measurements = read_measurements(*t);
  if (const auto t = files.table("meetings.csv")) {
    each_row(*t, [&](std::size_t row, std::string& column) {
      meeting m;
      column = "day";
      m.day = parse_date(cell(*t, row, "day"));
      column = "mode";
      m.mode = parse_contact_mode(cell(*t, row, "mode"));
      column = "outcome";
      m.outcome = parse_meeting_outcome(cell(*t, row, "outcome"));
      r.meetings[cell(*t, row, "referral_id")].push_back(m);
    });
  }
  if (const auto t = files.table("visits.csv")) {
    each_row(*t, [&](std::size_t row, std::string& column) {
      column = "client_id";
      care_visit v{client_id(cell(*t, row, "client_id")), date{}, cell(*t, row, "kind")};
      column = "day";
      v.day = parse_date(cell(*t, row, "day"));
      r.visits.push_back(std::move(v));
    });
  }
}

}  // namespace

region region::load(const std::filesystem::path& dir) {
  if (!fs::is_directory(dir)) throw not_found("region folder", dir.string());
  region r;
  const file_reader files{[&](const std::string& name) -> std::optional<std::string> {
                            const fs::path path = dir / name;
                            if (!fs::exists(path)) return std::nullopt;
                            std::ifstream in(path, std::ios::binary);
                            if (!in) throw not_found("file", path.string());
                            std::ostringstream text;
                            text << in.rdbuf();
                            return text.str();
                          },
                          [&](const std::string& name) { return (dir / name).string(); }, &r.sources_};
  if (const auto text = files.optional("region.json")) r.config = region_config_from_json(*text);
  if (r.config.name.empty()) r.config.name = fs::absolute(dir).lexically_normal().filename().string();
  load_from(r, files);
  return r;
}

region region::from_sources(std::map<std::string, std::string> sources, const std::string& name) {
  region r;
  const file_reader files{[&](const std::string& file) -> std::optional<std::string> {
                            const auto it = sources.find(file);
                            if (it == sources.end()) return std::nullopt;
                            return it->second;
                          },
                          [](const std::string& file) { return file; }, &r.sources_};
  if (const auto text = files.optional("region.json")) r.config = region_config_from_json(*text);
  if (r.config.name.empty()) r.config.name = name;
  load_from(r, files);
  return r;
}

std::optional<geo_point> location_of(const region& r, const client& c) {
  const auto own = r.locations.find(c.id().str());
  if (own != r.locations.end()) return own->second;
  const auto centre = r.centres.find(c.home().code());
  if (centre != r.centres.end()) return centre->second;
  return std::nullopt;
}

record screening_record(const region& r, const referral& ref, date on) {
  record rec = client_record(ref, on);
  const auto it = r.assessments.find(ref.id().str());
  if (it != r.assessments.end()) {
    if (it->second.wellbeing) rec.set_number("wellbeing", *it->second.wellbeing);
    if (it->second.needs_medical_care) rec.set_boolean("needs_medical_care", *it->second.needs_medical_care);
    if (it->second.own_resources_sufficient) {
      rec.set_boolean("own_resources_sufficient", *it->second.own_resources_sufficient);
    }
  }
  return rec;
}

}  // namespace kulkija
