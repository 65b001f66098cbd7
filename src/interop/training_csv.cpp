#include "kulkija/interop/training_csv.hpp"

#include <algorithm>
#include <map>

#include "csv_rows.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/interop/csv.hpp"

namespace kulkija {

namespace {

constexpr const char* columns[] = {"worker", "course", "completed_on", "valid_until", "competences"};

std::vector<worker_training> from_table(csv_table table, std::span<const link_worker> known,
                                        csv_diagnostics* collect = nullptr, std::size_t limit = csv_error_limit) {
  detail::csv_rows rows(std::move(table), collect, limit);
  rows.require({"worker", "course", "completed_on", "competences"});
  std::vector<worker_training> out;
  rows.each([&] {
    const link_worker_id id(rows.get("worker"));
    if (!known.empty() && std::none_of(known.begin(), known.end(), [&](const link_worker& w) { return w.id() == id; })) {
      throw invalid_argument(error_id::invalid_id, "worker", "no link worker " + quote(id.str()) + " is known");
    }
    training_record r;
    r.course = rows.get("course");
    r.completed_on = parse_date(rows.get("completed_on"));
    if (const auto v = rows.get_or_empty("valid_until"); !v.empty()) r.valid_until = parse_date(v);
    for (const auto& code : detail::split_list(rows.get("competences"))) r.competences.push_back(parse_competence(code));
    try {
      validate(r);
    } catch (const invalid_argument& e) {
      rows.mark(e.field().starts_with("competences") ? "competences" : e.field());
      throw;
    }
    out.push_back({id, std::move(r)});
  });
  return out;
}

std::string join_codes(const std::vector<competence>& values) {
  std::string out;
  for (competence c : values) out += (out.empty() ? "" : ";") + std::string(to_string(c));
  return out;
}

}  // namespace

std::vector<worker_training> training_from_csv(std::string_view text, std::string source,
                                               std::span<const link_worker> known) {
  return from_table(parse_csv(text, std::move(source)), known);
}

csv_checked<worker_training> check_training_csv(std::string_view text, std::string source,
                                                std::span<const link_worker> known, std::size_t max_errors) {
  return detail::check_file<worker_training>(source, max_errors, [&](csv_diagnostics& d) {
    return from_table(parse_csv(text, source), known, &d, max_errors);
  });
}

std::vector<worker_training> read_training_csv(const std::filesystem::path& path, std::span<const link_worker> known) {
  return from_table(read_csv_file(path), known);
}

std::string training_to_csv(std::span<const link_worker> workers) {
  std::string out = csv_row({std::begin(columns), std::end(columns)});
  for (const link_worker& w : workers) {
    for (const training_record& r : w.training()) {
      out += csv_row({w.id().str(), r.course, format_date(r.completed_on),
                      r.valid_until ? format_date(*r.valid_until) : std::string{}, join_codes(r.competences)});
    }
  }
  return out;
}

void add_training(std::span<link_worker> workers, std::span<const worker_training> rows) {
  std::map<std::string, std::size_t> index_of;
  for (std::size_t i = 0; i < workers.size(); ++i) index_of.emplace(workers[i].id().str(), i);
  std::vector<std::vector<training_record>> added(workers.size());
  for (const auto& row : rows) {
    const auto found = index_of.find(row.worker.str());
    if (found == index_of.end()) throw not_found("link worker", row.worker.str());
    validate(row.record);
    added[found->second].push_back(row.record);
  }
  std::vector<std::vector<training_record>> merged(workers.size());
  for (std::size_t i = 0; i < workers.size(); ++i) {
    merged[i] = workers[i].training();
    merged[i].insert(merged[i].end(), added[i].begin(), added[i].end());
  }
  for (std::size_t i = 0; i < workers.size(); ++i) {
    if (!added[i].empty()) workers[i].set_training(std::move(merged[i]));  // validated above: cannot throw
  }
}

}  // namespace kulkija
