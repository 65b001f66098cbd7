#include "kulkija/interop/records_csv.hpp"

#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "kulkija/core/error.hpp"
#include "csv_rows.hpp"
#include "kulkija/interop/csv.hpp"

namespace kulkija {

namespace {

// ------------------------------------------------------------------ lists inside a field

template <class T, class Name>
std::string join(const std::vector<T>& items, Name name) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ';';
    out += name(items[i]);
  }
  return out;
}

// A list of free texts: `;` separates, `\;` and `\\` stand for themselves.
std::string join_texts(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ';';
    for (const char c : items[i]) {
      if (c == ';' || c == '\\') out += '\\';
      out += c;
    }
  }
  return out;
}

std::vector<std::string> split_texts(const std::string& field) {
  std::vector<std::string> out;
  if (field.empty()) return out;
  std::string item;
  for (std::size_t i = 0; i < field.size(); ++i) {
    const char c = field[i];
    if (c == '\\') {
      if (i + 1 == field.size() || (field[i + 1] != ';' && field[i + 1] != '\\')) {
        throw parse_error(error_id::parse_csv, "a backslash must be followed by ';' or '\\' (escapes in a list)");
      }
      item += field[++i];
    } else if (c == ';') {
      out.push_back(std::move(item));
      item.clear();
    } else {
      item += c;
    }
  }
  out.push_back(std::move(item));
  return out;
}

void insert_unique(std::set<std::string>& seen, const std::string& id, const char* field) {
  if (!seen.insert(id).second) throw invalid_argument(error_id::invalid_id, field, quote(id) + " appears twice");
}

std::string optional_text(const std::optional<timestamp>& t) {
  return t ? format_timestamp(*t) : std::string{};
}

void write_file(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw not_found("writable file", file.string());
}

}  // namespace

// ------------------------------------------------------------------ clients

namespace detail {

client read_client_row(csv_rows& r) {
  client_id id(r.get("client_id"));
  const int year = detail::parse_whole_number(r.get("birth_year"));
  const municipality home(std::string_view(r.get("municipality")));
  std::vector<language> languages;
  for (const auto& code : detail::split_list(r.get("languages"))) languages.emplace_back(code);
  r.get("languages");
  client c(id, year, home, std::move(languages));
  if (const auto& living = r.get("living_situation"); !living.empty()) c.set_living(parse_living_situation(living));
  need_set needs;
  for (const auto& code : detail::split_list(r.get("needs"))) needs.insert(parse_need(code));
  c.set_needs(needs);
  if (const auto birth = r.optional("birth_date"); birth && !birth->empty()) c.set_birth_date(parse_date(*birth));
  if (const auto goals = r.optional("goals")) c.set_goals(split_texts(*goals));
  client_preferences p;
  if (const auto g = r.optional("worker_gender"); g && !g->empty()) p.worker_gender = parse_gender(*g);
  if (const auto modes = r.optional("meeting_modes")) {
    for (const auto& code : detail::split_list(*modes)) p.meeting_modes.push_back(parse_meeting_mode(code));
  }
  if (const auto times = r.optional("times")) {
    for (const auto& code : detail::split_list(*times)) p.times.push_back(parse_time_window(code));
  }
  if (const auto interests = r.optional("interests")) p.interests = split_texts(*interests);
  c.set_preferences(std::move(p));
  return c;
}

}  // namespace detail


std::string clients_to_csv(std::span<const client> clients) {
  std::string out = csv_row({"client_id", "birth_year", "municipality", "languages", "living_situation", "needs",
                             "birth_date", "goals", "worker_gender", "meeting_modes", "times", "interests"});
  for (const client& c : clients) {
    const client_preferences& p = c.preferences();
    out += csv_row({
        c.id().str(),
        std::to_string(c.birth_year()),
        c.home().code_text(),
        join(c.languages(), [](const language& l) { return std::string(l.code()); }),
        c.living() ? std::string(to_string(*c.living())) : std::string{},
        join(c.needs().members(), [](need n) { return std::string(to_string(n)); }),
        c.birth_date() ? format_date(*c.birth_date()) : std::string{},
        join_texts(c.goals()),
        p.worker_gender ? std::string(to_string(*p.worker_gender)) : std::string{},
        join(p.meeting_modes, [](meeting_mode m) { return std::string(to_string(m)); }),
        join(p.times, [](time_window w) { return std::string(to_string(w)); }),
        join_texts(p.interests),
    });
  }
  return out;
}

namespace {

std::vector<client> clients_of(csv_table table, csv_diagnostics* collect = nullptr,
                               std::size_t limit = csv_error_limit) {
  detail::csv_rows r(std::move(table), collect, limit);
  r.require({"client_id", "birth_year", "municipality", "languages", "living_situation", "needs"});
  std::vector<client> out;
  std::set<std::string> seen;
  r.each([&] {
    client c = detail::read_client_row(r);
    r.get("client_id");  // a duplicate is reported at the id column
    insert_unique(seen, c.id().str(), "client_id");
    out.push_back(std::move(c));
  });
  return out;
}

}  // namespace

std::vector<client> clients_from_csv(std::string_view text, std::string source) {
  return clients_of(parse_csv(text, std::move(source)));
}

csv_checked<client> check_clients_csv(std::string_view text, std::string source, std::size_t max_errors) {
  return detail::check_file<client>(source, max_errors, [&](csv_diagnostics& d) {
    return clients_of(parse_csv(text, source), &d, max_errors);
  });
}

std::vector<client> read_clients_csv(const std::filesystem::path& file) { return clients_of(read_csv_file(file)); }

// ------------------------------------------------------------------ professionals

std::string professionals_to_csv(std::span<const professional> professionals) {
  std::string out = csv_row({"professional_id", "sector", "organisation", "title"});
  for (const professional& p : professionals) {
    out += csv_row({p.id().str(), std::string(to_string(p.work_sector())), p.organisation(), p.title()});
  }
  return out;
}

namespace {

std::vector<professional> professionals_of(csv_table table, csv_diagnostics* collect = nullptr,
                                           std::size_t limit = csv_error_limit) {
  detail::csv_rows r(std::move(table), collect, limit);
  r.require({"professional_id", "sector", "organisation", "title"});
  std::vector<professional> out;
  std::set<std::string> seen;
  r.each([&] {
    professional_id id(r.get("professional_id"));
    const sector s = parse_sector(r.get("sector"));
    const std::string& organisation = r.get("organisation");
    professional p(id, s, organisation, r.get("title"));
    r.get("professional_id");
    insert_unique(seen, id.str(), "professional_id");
    out.push_back(std::move(p));
  });
  return out;
}

}  // namespace

std::vector<professional> professionals_from_csv(std::string_view text, std::string source) {
  return professionals_of(parse_csv(text, std::move(source)));
}

csv_checked<professional> check_professionals_csv(std::string_view text, std::string source,
                                                  std::size_t max_errors) {
  return detail::check_file<professional>(source, max_errors, [&](csv_diagnostics& d) {
    return professionals_of(parse_csv(text, source), &d, max_errors);
  });
}

std::vector<professional> read_professionals_csv(const std::filesystem::path& file) {
  return professionals_of(read_csv_file(file));
}

// ------------------------------------------------------------------ referrals and events

std::string referrals_to_csv(std::span<const referral> referrals) {
  std::string out = csv_row({"referral_id", "client_id", "professional_id", "needs", "priority", "consent_given_at",
                             "state", "issued_at", "link_worker_id", "last_event_at"});
  for (const referral& r : referrals) {
    const auto worker = r.link_worker();
    out += csv_row({r.id().str(), r.subject().id().str(), r.referrer().id().str(),
                    join(r.needs().members(), [](need n) { return std::string(to_string(n)); }),
                    std::string(to_string(r.urgency())), optional_text(r.consent_given_at()),
                    std::string(to_string(r.state())), optional_text(r.issued_at()),
                    worker ? worker->str() : std::string{}, optional_text(r.last_event_at())});
  }
  return out;
}

std::string events_to_csv(std::span<const referral> referrals) {
  std::string out = csv_row({"referral_id", "event", "at", "role", "actor_id", "reason", "link_worker_id", "note",
                             "from_state", "to_state"});
  for (const referral& r : referrals) {
    for (const history_entry& h : r.history()) {
      const lifecycle_event& e = h.event;
      out += csv_row({r.id().str(), std::string(to_string(e.kind)), format_timestamp(e.at),
                      std::string(to_string(e.by.role)), e.by.id,
                      e.reason ? std::string(to_string(*e.reason)) : std::string{},
                      e.link_worker ? e.link_worker->str() : std::string{}, e.note, std::string(to_string(h.from)),
                      std::string(to_string(h.to))});
    }
  }
  return out;
}

region_records region_records_of(std::span<const referral> referrals) {
  region_records out;
  std::map<std::string, std::size_t> clients, professionals;
  std::set<std::string> ids;
  for (const referral& r : referrals) {
    if (!ids.insert(r.id().str()).second) {
      throw invalid_argument(error_id::invalid_id, "referrals", "referral id " + quote(r.id().str()) + " appears twice");
    }
    const auto [c, new_client] = clients.emplace(r.subject().id().str(), out.clients.size());
    if (new_client) {
      out.clients.push_back(r.subject());
    } else if (!(out.clients[c->second] == r.subject())) {
      throw invalid_argument(error_id::invalid_id, "referrals",
                             "client " + quote(c->first) + " has different data on referral " + quote(r.id().str()) +
                                 " than on an earlier one; a folder holds one row per client");
    }
    const auto [p, new_professional] = professionals.emplace(r.referrer().id().str(), out.professionals.size());
    if (new_professional) {
      out.professionals.push_back(r.referrer());
    } else if (!(out.professionals[p->second] == r.referrer())) {
      throw invalid_argument(error_id::invalid_id, "referrals",
                             "professional " + quote(p->first) + " has different data on referral " +
                                 quote(r.id().str()) + " than on an earlier one; a folder holds one row per professional");
    }
    out.referrals.push_back(r);
  }
  return out;
}

void write_region_csv(const std::filesystem::path& dir, const region_records& records) {
  std::set<std::string> clients, professionals;
  for (const client& c : records.clients) clients.insert(c.id().str());
  for (const professional& p : records.professionals) professionals.insert(p.id().str());
  for (const referral& r : records.referrals) {
    if (!clients.contains(r.subject().id().str())) {
      throw invalid_argument(error_id::invalid_id, "records",
                             "client " + quote(r.subject().id().str()) + " of referral " + quote(r.id().str()) +
                                 " is not among the clients");
    }
    if (!professionals.contains(r.referrer().id().str())) {
      throw invalid_argument(error_id::invalid_id, "records",
                             "professional " + quote(r.referrer().id().str()) + " of referral " + quote(r.id().str()) +
                                 " is not among the professionals");
    }
  }
  std::filesystem::create_directories(dir);
  write_file(dir / "clients.csv", clients_to_csv(records.clients));
  write_file(dir / "professionals.csv", professionals_to_csv(records.professionals));
  write_file(dir / "referrals.csv", referrals_to_csv(records.referrals));
  write_file(dir / "events.csv", events_to_csv(records.referrals));
}

std::vector<referral> read_referrals_csv(const std::filesystem::path& path) {
  const std::filesystem::path dir = path.filename() == "referrals.csv" ? path.parent_path() : path;
  return read_region_csv(dir).referrals;
}

}  // namespace kulkija
