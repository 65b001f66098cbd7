#include "kulkija/interop/region_csv.hpp"

#include <functional>
#include <iterator>
#include <map>
#include <string>

#include "kulkija/core/error.hpp"
#include "csv_rows.hpp"
#include "kulkija/interop/csv.hpp"

namespace kulkija {

namespace {

need_set parse_needs(const std::string& field) {
  need_set needs;
  for (const auto& code : detail::split_list(field)) needs.insert(parse_need(code));
  return needs;
}

template <class Value>
const Value& lookup(const std::map<std::string, Value>& by_id, const std::string& id, const char* kind) {
  const auto it = by_id.find(id);
  if (it == by_id.end()) throw not_found(kind, id);
  return it->second;
}

template <class Value>
void insert_unique(std::map<std::string, Value>& by_id, const std::string& id, Value value, const char* kind) {
  if (!by_id.emplace(id, std::move(value)).second) {
    throw invalid_argument(error_id::invalid_id, kind, quote(id) + " appears twice");
  }
}

// The four files' names, in the order read; check_region_csv() reports them in this order.
constexpr const char* file_names[] = {"clients.csv", "professionals.csv", "referrals.csv", "events.csv"};

// Reads the folder; with `collect` (one entry per file), every row's error is recorded there
// instead of thrown, and a file's bad CSV or missing column stops that file only.
// `read_file(name)` gives one file's table; it throws not_found for a missing file.
region_records read_records(const std::function<csv_table(const char*)>& read_file,
                            std::vector<csv_diagnostics>* collect, std::size_t limit) {
  if (collect != nullptr) {
    collect->assign(std::size(file_names), csv_diagnostics{});
    for (std::size_t i = 0; i < std::size(file_names); ++i) (*collect)[i].source = file_names[i];
  }
  const auto sink = [&](std::size_t file) { return collect == nullptr ? nullptr : &(*collect)[file]; };
  const auto open = [&](std::size_t file) {
    if (collect == nullptr) return read_file(file_names[file]);
    try {
      return read_file(file_names[file]);
    } catch (const parse_error& e) {  // bad CSV stops this file only (a missing file: not_found)
      detail::add_error(*sink(file), e, limit);
      return csv_table{};
    }
  };
  const auto each = [&](detail::csv_rows& rows, std::size_t file, const std::function<void()>& read_row) {
    if (collect == nullptr) return rows.each(read_row);
    try {
      rows.each(read_row);
    } catch (const parse_error& e) {  // a missing column stops this file only
      detail::add_error(*sink(file), e, limit);
    }
  };

  region_records out;
  std::map<std::string, client> clients;
  std::map<std::string, professional> professionals;

  detail::csv_rows client_rows(open(0), sink(0), limit);
  each(client_rows, 0, [&] {
    client c = detail::read_client_row(client_rows);
    client_rows.get("client_id");  // a duplicate is reported at the id column
    insert_unique(clients, c.id().str(), c, "client_id");
    out.clients.push_back(std::move(c));
  });

  detail::csv_rows professional_rows(open(1), sink(1), limit);
  each(professional_rows, 1, [&] {
    professional_id id(professional_rows.get("professional_id"));
    const sector s = parse_sector(professional_rows.get("sector"));
    professional p(id, s, professional_rows.get("organisation"), professional_rows.get("title"));
    professional_rows.get("professional_id");  // a duplicate is reported at the id column
    insert_unique(professionals, id.str(), p, "professional_id");
    out.professionals.push_back(std::move(p));
  });

  std::map<std::string, referral> referrals;
  std::vector<std::string> order;
  detail::csv_rows referral_rows(open(2), sink(2), limit);
  each(referral_rows, 2, [&] {
    referral_id id(referral_rows.get("referral_id"));
    const client& c = lookup(clients, referral_rows.get("client_id"), "client");
    const professional& p = lookup(professionals, referral_rows.get("professional_id"), "professional");
    referral r(id, c, p, parse_needs(referral_rows.get("needs")), parse_priority(referral_rows.get("priority")));
    if (const auto& consent = referral_rows.get("consent_given_at"); !consent.empty()) {
      r.record_consent(parse_timestamp(consent));
    }
    referral_rows.get("referral_id");  // a duplicate is reported at the id column
    insert_unique(referrals, id.str(), std::move(r), "referral_id");
    order.push_back(id.str());
  });

  detail::csv_rows event_rows(open(3), sink(3), limit);
  each(event_rows, 3, [&] {
    const auto it = referrals.find(event_rows.get("referral_id"));
    if (it == referrals.end()) throw not_found("referral", event_rows.get("referral_id"));
    lifecycle_event e{parse_referral_event(event_rows.get("event")), parse_timestamp(event_rows.get("at")),
                      actor{parse_actor_role(event_rows.get("role")), event_rows.get("actor_id")},
                      std::nullopt, std::nullopt, event_rows.get("note")};
    if (const auto& reason = event_rows.get("reason"); !reason.empty()) e.reason = parse_reason_code(reason);
    if (const auto& worker = event_rows.get("link_worker_id"); !worker.empty()) e.link_worker = link_worker_id(worker);
    event_rows.get("event");  // a rejected transition is reported at the event column
    it->second.apply(e);
  });

  out.referrals.reserve(order.size());
  for (const auto& id : order) out.referrals.push_back(std::move(referrals.at(id)));
  return out;
}

}  // namespace

namespace {

std::function<csv_table(const char*)> folder(const std::filesystem::path& dir) {
  return [dir](const char* name) { return read_csv_file(dir / name); };
}

}  // namespace

region_records read_region_csv(const std::filesystem::path& dir) {
  return read_records(folder(dir), nullptr, csv_error_limit);
}

region_records region_records_from_csv(const region_csv_texts& texts) {
  return read_records(
      [&](const char* name) {
        const std::string_view file(name);
        const std::string& text = file == "clients.csv"         ? texts.clients
                                  : file == "professionals.csv" ? texts.professionals
                                  : file == "referrals.csv"     ? texts.referrals
                                                                : texts.events;
        return parse_csv(text, name);
      },
      nullptr, csv_error_limit);
}

region_records_checked check_region_csv(const std::filesystem::path& dir, std::size_t max_errors) {
  region_records_checked out;
  out.records = read_records(folder(dir), &out.files, max_errors);
  return out;
}

}  // namespace kulkija
