// kulkija._core.fhir and kulkija._core.io: referrals as FHIR R4 JSON, and CSV files.
#include "register.hpp"

#include "arrow.hpp"

#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "kulkija/interop/fhir.hpp"
#include "kulkija/interop/link_workers_csv.hpp"
#include "kulkija/interop/records_csv.hpp"
#include "kulkija/interop/training_csv.hpp"

namespace kulkija::python {

namespace {

using release_gil = py::call_guard<py::gil_scoped_release>;

fhir_mode mode_of(const std::string& mode) {
  if (mode == "strict") return fhir_mode::strict;
  if (mode == "lenient") return fhir_mode::lenient;
  throw py::value_error("mode must be 'strict' or 'lenient', got '" + mode + "'");
}

// The options of an import, built while the GIL is held. The resolver takes the GIL back
// for each call of the Python function; an exception it raises propagates unchanged.
fhir_read_options read_options(const std::string& mode, const std::optional<fhir_code_map>& codes,
                               const std::optional<py::function>& resolve) {
  fhir_read_options options;
  options.mode = mode_of(mode);
  if (codes) options.codes = *codes;
  if (resolve) {
    options.resolver = [f = *resolve](const std::string& reference) -> std::optional<std::string> {
      py::gil_scoped_acquire gil;
      const py::object answer = f(reference);
      if (answer.is_none()) return std::nullopt;
      if (!py::isinstance<py::str>(answer)) {
        throw py::type_error("the resolver must return the resource's JSON text (str) or None, got " +
                             std::string(py::str(py::type::handle_of(answer).attr("__name__"))));
      }
      return answer.cast<std::string>();
    };
  }
  return options;
}

}  // namespace

void register_fhir(py::module_& m) {
  py::class_<fhir_code_map> map(
      m, "CodeMap",
      "Which codes of other systems kulkija reads, and as what: the referral codes it takes "
      "(ServiceRequest.code), codes that give a need (reasonCode) and codes that give a reason "
      "(Task.statusReason). Read from JSON with CodeMap.from_json(); CodeMap.default() is the map shipped with "
      "kulkija.");
  map.def_static("default", [] { return fhir_code_map::defaults(); },
                 "The map shipped with kulkija: SNOMED CT 871731000000106 and the referral-to-community-service "
                 "concepts listed in the FHIR guide.")
      .def_static(
          "from_json", [](std::string_view json) { return fhir_code_map::from_json(json); }, py::arg("json"),
          "Reads a map from JSON text (arrays 'referral', 'need' and 'reason'); raises ParseError naming the JSON "
          "path and the rule.")
      .def(
          "to_json", [](const fhir_code_map& c, int indent) { return c.to_json(indent); }, py::kw_only(),
          py::arg("indent") = 2, "The map as JSON text, in the form from_json() reads.")
      .def_property_readonly(
          "referral_codes",
          [](const fhir_code_map& c) {
            std::vector<std::tuple<std::string, std::string, std::string>> out;
            for (const auto& e : c.referral_codes()) out.emplace_back(e.system, e.code, e.display);
            return out;
          },
          "The referral codes as (system, code, display) tuples, in order.")
      .def("__repr__",
           [](const fhir_code_map& c) {
             return py::str("<CodeMap {} referral, {} need, {} reason codes>")
                 .format(c.referral_codes().size(), c.need_codes().size(), c.reason_codes().size());
           })
      .def(py::pickle([](const fhir_code_map& c) { return c.to_json(-1); },
                      [](const std::string& text) { return fhir_code_map::from_json(text); }));
  def_eq(map);

  py::class_<fhir_warning> warning(m, "FhirWarning",
                                   "What a lenient import let through: the error a strict import would have raised.");
  warning.def_property_readonly("id", [](const fhir_warning& w) { return w.id; }, "The ErrorId of that error.")
      .def_readonly("path", &fhir_warning::path, "The JSON path, e.g. '$.entry[0].resource.code'.")
      .def_readonly("message", &fhir_warning::message, "The rule; never a personal identity code.")
      .def("__str__", [](const fhir_warning& w) { return "at " + w.path + ": " + w.message; })
      .def("__repr__", [](const fhir_warning& w) {
        return py::str("<FhirWarning {} at {}>").format(std::string(to_string(w.id)), w.path);
      });
  def_eq(warning);

  py::class_<fhir_import>(m, "FhirImport", "What an import gives: the referrals and, in lenient mode, the warnings.")
      .def_readonly("referrals", &fhir_import::referrals, "The referrals, in the order of their ServiceRequests.")
      .def_readonly("warnings", &fhir_import::warnings,
                    "What a strict import would have refused (lenient mode only).")
      .def("__repr__", [](const fhir_import& i) {
        return py::str("<FhirImport {} referrals, {} warnings>").format(i.referrals.size(), i.warnings.size());
      });

  m.def(
      "read_fhir",
      [](std::string_view json, const std::string& mode, const std::optional<fhir_code_map>& codes,
         const std::optional<py::function>& resolve) {
        const fhir_read_options options = read_options(mode, codes, resolve);
        py::gil_scoped_release release;
        return read_fhir(json, options);
      },
      py::arg("json"), py::kw_only(), py::arg("mode") = "strict", py::arg("codes") = py::none(),
      py::arg("resolve") = py::none(),
      "Every referral of a FHIR R4 Bundle (any type), or of a Task with its resources contained or resolved, "
      "with the warnings of a lenient import. `mode` is 'strict' (an unknown code raises ParseError) or "
      "'lenient' (it becomes a warning); `codes` a CodeMap (default: CodeMap.default()); `resolve` a function "
      "called with a reference the JSON does not hold, returning the resource's JSON text or None.");
  m.def(
      "read_fhir_pair",
      [](std::string_view task, std::string_view service_request, const std::string& mode,
         const std::optional<fhir_code_map>& codes, const std::optional<py::function>& resolve) {
        const fhir_read_options options = read_options(mode, codes, resolve);
        py::gil_scoped_release release;
        return read_fhir_pair(task, service_request, options);
      },
      py::arg("task"), py::arg("service_request"), py::kw_only(), py::arg("mode") = "strict",
      py::arg("codes") = py::none(), py::arg("resolve") = py::none(),
      "The referral of a Task and its ServiceRequest given separately, with the warnings of a lenient import; "
      "errors in the ServiceRequest name paths from '[service_request]$'.");
  m.def(
      "to_fhir", [](const referral& r, int indent) { return to_fhir(r, indent); }, py::arg("referral"),
      py::kw_only(), py::arg("indent") = 2, release_gil(),
      "The referral as a FHIR R4 Bundle (type collection) in JSON: ServiceRequest, Task, the pseudonymous "
      "Patient, the requester's PractitionerRole, the Consent and one Provenance per history entry. "
      "`indent` < 0 gives one line. The same referral always gives the same text.");
  m.def(
      "bundle",
      [](const std::vector<referral>& referrals, int indent) { return to_fhir_bundle(referrals, indent); },
      py::arg("referrals"), py::kw_only(), py::arg("indent") = 2, release_gil(),
      "Many referrals as one FHIR R4 Bundle in JSON; raises InvalidArgument (id invalid_id) when an id "
      "appears twice.");
  m.def(
      "from_fhir",
      [](std::string_view json, const std::string& mode, const std::optional<fhir_code_map>& codes,
         const std::optional<py::function>& resolve) {
        const fhir_read_options options = read_options(mode, codes, resolve);
        py::gil_scoped_release release;
        return from_fhir(json, options);
      },
      py::arg("json"), py::kw_only(), py::arg("mode") = "strict", py::arg("codes") = py::none(),
      py::arg("resolve") = py::none(),
      "The one referral of a FHIR R4 Bundle (or of a Task with its resources contained or resolved); lenient "
      "warnings are dropped (read_fhir() returns them). Raises ParseError naming the JSON path (e.g. "
      "$.entry[3].resource.subject) and the rule.");
  m.def(
      "from_fhir_bundle",
      [](std::string_view json, const std::string& mode, const std::optional<fhir_code_map>& codes,
         const std::optional<py::function>& resolve) {
        const fhir_read_options options = read_options(mode, codes, resolve);
        py::gil_scoped_release release;
        return from_fhir_bundle(json, options);
      },
      py::arg("json"), py::kw_only(), py::arg("mode") = "strict", py::arg("codes") = py::none(),
      py::arg("resolve") = py::none(),
      "Every referral of a FHIR R4 Bundle, in the order of their ServiceRequests; lenient warnings are dropped "
      "(read_fhir() returns them). Raises ParseError naming the JSON path and the rule.");
  m.def(
      "fhir_status",
      [](referral_state state) {
        const fhir_status s = fhir_status_of(state);
        return std::make_pair(std::string(s.task), std::string(s.service_request));
      },
      py::arg("state"),
      "The FHIR statuses of a referral state as (Task.status, ServiceRequest.status), e.g. "
      "('ready', 'active') for assigned.");
}

void register_io(py::module_& m) {
  arrow::register_arrow_data(m);
  m.def(
      "_arrow_matrix", [](const arrow::arrow_object& data, const std::string& field) { return arrow::import_matrix(data.obj, field); },
      py::arg("data"), py::arg("field"),
      "A float64 matrix (NaN where null) of a fixed-size list column (a row each) or a table of numeric columns "
      "(a column each); raises InvalidArgument naming `field`.");
  m.def(
      "clients_to_csv", [](const std::vector<client>& clients) { return clients_to_csv(clients); },
      py::arg("clients"), release_gil(), "The clients as clients.csv text (the documented column layout).");
  m.def(
      "clients_from_csv",
      [](std::string_view text, std::string source) { return clients_from_csv(text, std::move(source)); },
      py::arg("text"), py::arg("source") = "", release_gil(),
      "Clients from clients.csv text; raises ParseError naming the line, the column and the rule.");
  m.def(
      "link_workers_from_csv",
      [](std::string_view text, std::string source) { return link_workers_from_csv(text, std::move(source)); },
      py::arg("text"), py::arg("source") = "", release_gil(),
      "Link workers from link_workers.csv text; raises ParseError naming the line, column and rule.");
  m.def(
      "read_link_workers_csv", [](const std::filesystem::path& path) { return read_link_workers_csv(path); },
      py::arg("path"), release_gil(), "Link workers from a link_workers.csv file; raises NotFound or ParseError.");
  m.def(
      "link_workers_to_csv",
      [](const std::vector<link_worker>& workers) { return link_workers_to_csv(workers); },
      py::arg("workers"), release_gil(), "The link workers as link_workers.csv text.");
  py::class_<worker_training> wt(m, "WorkerTraining", "One row of training.csv: a link worker's training record.");
  wt.def(py::init([](link_worker_id worker, training_record record) {
           validate(record);
           return worker_training{std::move(worker), std::move(record)};
         }),
         py::arg("worker"), py::arg("record"), "Creates the row; raises InvalidArgument for a bad record.")
      .def_readonly("worker", &worker_training::worker, "The link worker's id.")
      .def_readonly("record", &worker_training::record, "The training record.")
      .def("__repr__", [](const worker_training& t) {
        return py::str("<WorkerTraining {!r} {!r}>").format(t.worker.str(), t.record.course);
      });
  def_eq(wt);
  m.def(
      "training_from_csv",
      [](std::string_view text, std::string source, const std::vector<link_worker>& known) {
        return training_from_csv(text, std::move(source), known);
      },
      py::arg("text"), py::arg("source") = "", py::kw_only(), py::arg("known") = std::vector<link_worker>{},
      release_gil(),
      "Training records from training.csv text (worker, course, completed_on, valid_until, competences); with "
      "`known`, every row's worker must be one of them. Raises ParseError naming the line, the column and the rule.");
  m.def(
      "read_training_csv",
      [](const std::filesystem::path& path, const std::vector<link_worker>& known) {
        return read_training_csv(path, known);
      },
      py::arg("path"), py::kw_only(), py::arg("known") = std::vector<link_worker>{}, release_gil(),
      "Training records from a training.csv file; raises NotFound or ParseError.");
  m.def(
      "training_to_csv", [](const std::vector<link_worker>& workers) { return training_to_csv(workers); },
      py::arg("workers"), release_gil(), "Every worker's training records as training.csv text.");
  m.def(
      "with_training",
      [](const std::vector<link_worker>& workers, const std::vector<worker_training>& rows) {
        std::vector<link_worker> out = workers;
        add_training(out, rows);
        return out;
      },
      py::arg("workers"), py::arg("rows"), release_gil(),
      "The workers (new objects) with the rows' training records added; raises NotFound naming a worker that is "
      "not among them, and then nothing is added.");
  m.def(
      "read_clients_csv", [](const std::filesystem::path& path) { return read_clients_csv(path); },
      py::arg("path"), release_gil(), "Clients from a clients.csv file; raises NotFound or ParseError.");
  m.def(
      "professionals_to_csv",
      [](const std::vector<professional>& professionals) { return professionals_to_csv(professionals); },
      py::arg("professionals"), release_gil(), "The professionals as professionals.csv text.");
  m.def(
      "professionals_from_csv",
      [](std::string_view text, std::string source) { return professionals_from_csv(text, std::move(source)); },
      py::arg("text"), py::arg("source") = "", release_gil(),
      "Professionals from professionals.csv text; raises ParseError naming the line, the column and the rule.");
  m.def(
      "read_professionals_csv", [](const std::filesystem::path& path) { return read_professionals_csv(path); },
      py::arg("path"), release_gil(), "Professionals from a professionals.csv file; raises NotFound or ParseError.");
  m.def(
      "referrals_to_csv", [](const std::vector<referral>& referrals) { return referrals_to_csv(referrals); },
      py::arg("referrals"), release_gil(),
      "The referrals as referrals.csv text, with the derived columns state, issued_at, link_worker_id and "
      "last_event_at.");
  m.def(
      "events_to_csv", [](const std::vector<referral>& referrals) { return events_to_csv(referrals); },
      py::arg("referrals"), release_gil(),
      "The referrals' histories as events.csv text, one row per history entry, with from_state and to_state.");
  m.def(
      "read_referrals_csv", [](const std::filesystem::path& path) { return read_referrals_csv(path); },
      py::arg("path"), release_gil(),
      "The referrals of a region's data folder (or of its referrals.csv), their events replayed through the "
      "lifecycle; raises NotFound or ParseError naming the file, the line, the column and the rule.");
  m.def(
      "write_referrals_csv",
      [](const std::vector<referral>& referrals, const std::filesystem::path& path) {
        write_region_csv(path, region_records_of(referrals));
      },
      py::arg("referrals"), py::arg("path"), release_gil(),
      "Writes a region's data folder (clients.csv, professionals.csv, referrals.csv, events.csv) that "
      "read_referrals_csv() reads back as equal referrals.");
}

}  // namespace kulkija::python
