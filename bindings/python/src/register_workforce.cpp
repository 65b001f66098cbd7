// The submodule kulkija._core.workforce: the coordinating link worker's queue, and
// reassignment when a link worker leaves or goes on leave.
//
// The matching headers come before register.hpp so that its labelled_enum concept sees their
// label() overloads (as in register_matching.cpp).
#include "kulkija/matching/link_worker.hpp"
#include "kulkija/matching/policy.hpp"
#include "kulkija/matching/reassignment.hpp"
#include "kulkija/matching/score.hpp"
#include "kulkija/support/support_period.hpp"
#include "kulkija/workforce/queue.hpp"
//
#include "register.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kulkija::python {

void register_workforce(py::module_& m) {
  m.def("priority_label", [](priority p, text_language lang) { return priority_label(p).in(lang); }, py::arg("priority"),
        py::arg("lang") = text_language::en, "A priority's readable label in `lang`, e.g. 'kiireellinen' for urgent in fi.");

  py::class_<queue_entry> qe(m, "QueueEntry",
                             "One referral in the coordinator's queue: the priority, when it was accepted, how long "
                             "it has waited, the first-contact deadline and whether that is overdue or due soon.");
  qe.def_readonly("referral", &queue_entry::referral, "The referral's id.")
      .def_readonly("client", &queue_entry::client, "The client's pseudonym.")
      .def_readonly("urgency", &queue_entry::urgency, "The referral's priority.")
      .def_readonly("accepted_at", &queue_entry::accepted_at, "When it was (last) accepted (UTC).")
      .def_readonly("accepted_on", &queue_entry::accepted_on, "The Finnish local day of acceptance.")
      .def_readonly("days_waiting", &queue_entry::days_waiting, "Calendar days from accepted_on to the day.")
      .def_readonly("business_days_waiting", &queue_entry::business_days_waiting,
                    "Business days from accepted_on to the day (numpy busday_count).")
      .def_readonly("first_contact", &queue_entry::first_contact, "The first-contact deadline (a Deadline).")
      .def_readonly("overdue", &queue_entry::overdue, "First contact was due before the day.")
      .def_readonly("due_soon", &queue_entry::due_soon, "Not overdue, and due within the policy's due_soon window.")
      .def_readonly("reason", &queue_entry::reason, "The priority, the wait and the deadline in words (LocalizedText).")
      .def("__repr__", [](const queue_entry& e) {
        return py::str("<QueueEntry {!r} {} due {}>")
            .format(e.referral.str(), std::string(to_string(e.urgency)), format_date(e.first_contact.due));
      });
  def_eq(qe);
  m.def(
      "coordinator_queue",
      [](const std::vector<referral>& referrals, const support_policy& policy, date on,
         const std::optional<finnish_calendar>& calendar) {
        return coordinator_queue(referrals, policy, on, calendar.value_or(finnish_calendar{}));
      },
      py::arg("referrals"), py::arg("policy"), py::arg("on"), py::kw_only(), py::arg("calendar") = std::nullopt,
      "The coordinator's queue on `on`: the accepted referrals not yet assigned, by priority (asap, urgent, "
      "routine), then waiting time, then id, each with the first-contact deadline of the support policy.");

  py::class_<reassignment> ra(m, "Reassignment",
                              "One referral's planned move from its link worker to another, with the explained "
                              "score and the reason in fi, sv and en.");
  ra.def_readonly("referral", &reassignment::referral, "The referral's id.")
      .def_readonly("client", &reassignment::client, "The client's pseudonym.")
      .def_readonly("from_worker", &reassignment::from, "The referral's link worker now.")
      .def_readonly("to_worker", &reassignment::to, "The new link worker, or None when none can take the client.")
      .def_readonly("continuity", &reassignment::continuity, "The new worker is one the client had before.")
      .def_readonly("score", &reassignment::score, "The explained score with the new worker, or None.")
      .def_readonly("reason", &reassignment::reason, "Why, in fi, sv and en (LocalizedText).")
      .def("__repr__", [](const reassignment& r) {
        return py::str("<Reassignment {!r} {} -> {}>")
            .format(r.referral.str(), r.from.str(), r.to ? r.to->str() : std::string("None"));
      });
  def_eq(ra);
  py::class_<reassignment_plan> rp(m, "ReassignmentPlan",
                                   "A plan of reassignments for one worker's clients, with the workers who could "
                                   "take no client on the day.");
  rp.def_readonly("worker", &reassignment_plan::worker, "The worker who leaves, goes on leave or returns.")
      .def_readonly("reason", &reassignment_plan::reason, "The reason each reassign event records.")
      .def_readonly("on", &reassignment_plan::on, "The day planned for.")
      .def_readonly("moves", &reassignment_plan::moves, "One move per affected referral.")
      .def_readonly("excluded_workers", &reassignment_plan::excluded_workers,
                    "The workers who could take no client on the day, with reasons.")
      .def_property_readonly("planned", &reassignment_plan::planned, "The number of moves with a new worker.")
      .def("__repr__", [](const reassignment_plan& p) {
        return py::str("<ReassignmentPlan {!r} {} planned={}/{}>")
            .format(p.worker.str(), std::string(to_string(p.reason)), p.planned(), p.moves.size());
      });
  def_eq(rp);

  m.def(
      "plan_reassignment",
      [](const matching_policy& policy, const std::vector<referral>& referrals, const std::vector<link_worker>& workers,
         const link_worker_id& leaving, reason_code reason, date on, const std::vector<std::optional<geo_point>>& locations) {
        py::gil_scoped_release release;
        return plan_reassignment(policy, referrals, workers, leaving, reason, on, locations);
      },
      py::arg("policy"), py::arg("referrals"), py::arg("workers"), py::arg("leaving"), py::arg("reason"), py::arg("on"),
      py::kw_only(), py::arg("locations") = std::vector<std::optional<geo_point>>{},
      "Plans new link workers for the active referrals of a worker who leaves (reason worker_left) or goes on "
      "leave (worker_on_leave), by the matching under the policy, with continuity as the policy asks.");
  m.def(
      "plan_return",
      [](const matching_policy& policy, const std::vector<referral>& referrals, const std::vector<link_worker>& workers,
         const link_worker_id& returning, date on) {
        return plan_return(policy, referrals, workers, returning, on);
      },
      py::arg("policy"), py::arg("referrals"), py::arg("workers"), py::arg("returning"), py::arg("on"),
      "Plans the return of the clients a worker handed over for a leave, as continuity.return_after_leave asks.");
  m.def(
      "apply_reassignment",
      [](const reassignment_plan& plan, const std::vector<referral>& referrals, timestamp at,
         const std::string& coordinator) {
        std::vector<referral> out = referrals;
        apply_reassignment(plan, out, at, coordinator);
        return out;
      },
      py::arg("plan"), py::arg("referrals"), py::arg("at"), py::arg("coordinator") = "",
      "The referrals with the plan applied (new objects): a reassign event by the coordinator for every move "
      "with a new worker. All or nothing: raises and changes nothing when any event cannot be applied.");
}

}  // namespace kulkija::python
