// kulkija._core.fhir and kulkija._core.io: referrals as FHIR R4 JSON, and CSV files.
#include "register.hpp"

#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "kulkija/interop/fhir.hpp"
#include "kulkija/interop/link_workers_csv.hpp"
#include "kulkija/interop/records_csv.hpp"
#include "kulkija/interop/training_csv.hpp"

namespace kulkija::python {

namespace {

using release_gil = py::call_guard<py::gil_scoped_release>;

}  // namespace

void register_fhir(py::module_& m) {
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
      "from_fhir", [](std::string_view json) { return from_fhir(json); }, py::arg("json"), release_gil(),
      "The one referral of a FHIR R4 Bundle (or of a Task or ServiceRequest with its resources contained). "
      "Raises ParseError naming the JSON path (e.g. $.entry[3].resource.subject) and the rule.");
  m.def(
      "from_fhir_bundle", [](std::string_view json) { return from_fhir_bundle(json); }, py::arg("json"),
      release_gil(),
      "Every referral of a FHIR R4 Bundle, in the order of their ServiceRequests. Raises ParseError naming the "
      "JSON path and the rule.");
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
