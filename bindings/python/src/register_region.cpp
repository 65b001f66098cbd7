// The submodule kulkija._core.region: a region's data folder and the whole pipeline on it
// (what `kulkija run` does), with its tables and the HTML report.
#include "register.hpp"

#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "kulkija/region/region.hpp"
#include "kulkija/region/report.hpp"
#include "kulkija/region/run.hpp"

namespace kulkija::python {

namespace {

using release_gil = py::call_guard<py::gil_scoped_release>;

// A run's result with the region it refers to, and how it was run (for pickling).
struct result_holder {
  std::shared_ptr<const region> source;
  region_result result;
  bool stable = false;
};

py::dict tables_of(const region_result& r) {
  py::dict out;
  for (auto& [stem, t] : report_tables(r)) {
    py::list rows;
    for (auto& row : t.rows) rows.append(py::cast(row));
    out[py::str(stem)] = py::make_tuple(t.title, t.columns, t.numeric, rows);
  }
  const report_table t = excluded_workers_table(r);
  py::list rows;
  for (const auto& row : t.rows) rows.append(py::cast(row));
  out["excluded_workers"] = py::make_tuple(t.title, t.columns, t.numeric, rows);
  return out;
}

std::shared_ptr<result_holder> run_region(const std::shared_ptr<const region>& source, std::optional<date> as_of,
                                          bool stable, text_language lang) {
  auto holder = std::make_shared<result_holder>();
  holder->source = source;
  holder->stable = stable;
  run_options options;
  options.stable = stable;
  options.lang = lang;
  py::gil_scoped_release release;
  holder->result = run(*source, as_of.value_or(source->config.as_of), options);
  return holder;
}

py::dict sources_of(const region& r) {
  py::dict out;
  for (const auto& [name, text] : r.sources()) out[py::str(name)] = py::bytes(text);
  return out;
}

std::shared_ptr<region> region_from(const py::dict& sources, const std::string& name) {
  std::map<std::string, std::string> files;
  for (const auto& [key, value] : sources) {
    files.emplace(key.cast<std::string>(), py::isinstance<py::bytes>(value) ? std::string(value.cast<py::bytes>())
                                                                             : value.cast<std::string>());
  }
  py::gil_scoped_release release;
  return std::make_shared<region>(region::from_sources(std::move(files), name));
}

}  // namespace

void register_region(py::module_& m) {
  py::class_<region, std::shared_ptr<region>> rg(
      m, "Region",
      "A region's data folder, loaded and checked: its referral records, link workers, rule sets, policies, "
      "catalogue, measurements, meetings and visits (see the C++ kulkija::region for the files). Pickles as the "
      "texts of the files it read, so that a copy in another process is the same region.");
  rg.def_static(
        "load",
        [](const std::filesystem::path& folder) {
          py::gil_scoped_release release;
          return std::make_shared<region>(region::load(folder));
        },
        py::arg("folder"),
        "Loads a region folder. Raises ParseError naming the file, the line and column or the JSON path, and the "
        "rule; NotFound for a missing folder or required file.")
      .def_static("from_sources", &region_from, py::arg("sources"), py::arg("name"),
                  "Rebuilds a region from the texts of its files ({file name: bytes or str}), as load() reads them; "
                  "`name` is used when region.json has none.")
      .def_property_readonly("name", [](const region& r) { return r.config.name; }, "The region's name.")
      .def_property_readonly("as_of", [](const region& r) { return r.config.as_of; },
                             "The region's reporting day (region.json's as_of).")
      .def_property_readonly("referrals", [](const region& r) { return r.records.referrals; },
                             "The referrals, with their histories replayed (a list of Referral).")
      .def_property_readonly("link_workers", [](const region& r) { return r.workers; },
                             "The link workers, with their training (a list of LinkWorker).")
      .def_property_readonly("sources", &sources_of, "The texts of the files read: {file name: bytes}.")
      .def(
          "_run",
          [](const std::shared_ptr<region>& self, std::optional<date> as_of, bool stable, text_language lang) {
            return run_region(self, as_of, stable, lang);
          },
          py::arg("as_of") = std::nullopt, py::kw_only(), py::arg("stable") = false,
          py::arg("lang") = text_language::en,
          "The whole pipeline on the reporting day `as_of` (default: the region's own): screening, matching "
          "(optimal, or client-proposing stable with stable=True), support periods and deadlines, "
          "recommendations, the coordinator's queue and the KPIs, as a RegionRun. Nothing in the region "
          "changes. (kulkija.Region.run wraps this and returns a RegionResult of DataFrames.)")
      .def("__repr__",
           [](const region& r) {
             return py::str("<Region {!r}: {} referrals, {} link workers>")
                 .format(shown(r.config.name), r.records.referrals.size(), r.workers.size());
           })
      .def(py::pickle([](const region& r) { return py::make_tuple(sources_of(r), r.config.name); },
                      [](const py::tuple& t) {
                        if (t.size() != 2) throw std::runtime_error("Region: a pickle of 2 items expected");
                        return region_from(t[0].cast<py::dict>(), t[1].cast<std::string>());
                      }));

  py::class_<result_holder, std::shared_ptr<result_holder>> rr(
      m, "RegionRun",
      "One run of the pipeline on a region: its tables (tables()) and the HTML report (report_html()). "
      "kulkija.region.RegionResult wraps it and gives the tables as DataFrames.");
  rr.def_property_readonly("region", [](const result_holder& h) { return std::const_pointer_cast<region>(h.source); },
                           "The region run.")
      .def_property_readonly("as_of", [](const result_holder& h) { return h.result.as_of; }, "The reporting day.")
      .def_property_readonly("lang", [](const result_holder& h) { return h.result.lang; },
                             "The language of the texts.")
      .def_property_readonly("stable", [](const result_holder& h) { return h.stable; },
                             "Whether stable matching was used.")
      .def("tables", [](const result_holder& h) { return tables_of(h.result); },
           "Every table, {name: (title, columns, numeric, rows)}: the CSV files of `kulkija run` (summary, "
           "screening, matches, deadlines, recommendations, funnel, caseloads, workers, queue) and "
           "excluded_workers.")
      .def(
          "report_html", [](const result_holder& h) { return report_html(h.result); }, release_gil(),
          "The self-contained HTML report (inline CSS and SVG charts), as `kulkija run` writes it.")
      .def("__repr__", [](const result_holder& h) {
        return py::str("<RegionRun {!r} as of {}: {} matched, {} waiting>")
            .format(shown(h.source->config.name), format_date(h.result.as_of), h.result.matches.matched.size(),
                    h.result.waiting.size());
      });
}

}  // namespace kulkija::python
