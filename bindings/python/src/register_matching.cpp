// The submodule kulkija._core.matching: link workers, matching policies, explained scores,
// and the optimal, stable and online solvers on numpy cost matrices.
//
// The matching headers come before register.hpp so that its labelled_enum concept (a
// qualified call to kulkija::label) sees label(specialism) and label(match_exclusion).
#include "kulkija/core/geo.hpp"
#include "kulkija/matching/assignment.hpp"
#include "kulkija/matching/geographic.hpp"
#include "kulkija/matching/sparse_assignment.hpp"
#include "kulkija/matching/link_worker.hpp"
#include "kulkija/matching/match.hpp"
#include "kulkija/matching/policy.hpp"
#include "kulkija/matching/score.hpp"
#include "kulkija/matching/stable.hpp"
#include "kulkija/workforce/training.hpp"
#include "kulkija/matching/workforce.hpp"
//
#include "register.hpp"

#include <pybind11/numpy.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kulkija::python {

inline match_exclusion parse_match_exclusion(std::string_view code) {
  return parse_by_code<match_exclusion, match_exclusion::supervision_overdue>("match exclusion", code);
}
inline match_component parse_match_component(std::string_view code) {
  return parse_by_code<match_component, match_component::language>("match component", code);
}

// clang-format off
template <> struct enum_traits<specialism> : enum_traits_of<specialism, specialism::bereavement, parse_specialism> {};
template <> struct enum_traits<distance_method> : enum_traits_of<distance_method, distance_method::travel_time, parse_distance_method> {};
template <> struct enum_traits<match_exclusion> : enum_traits_of<match_exclusion, match_exclusion::supervision_overdue, parse_match_exclusion> {};
template <> struct enum_traits<match_component> : enum_traits_of<match_component, match_component::language, parse_match_component> {};
// clang-format on

namespace {

using cost_array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;
using int32_array = py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>;
using double_array = py::array_t<double, py::array::c_style | py::array::forcecast>;
using int64_array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

cost_matrix_view matrix_view(const cost_array& a, const char* name) {
  if (a.ndim() != 2) {
    throw invalid_argument(error_id::invalid_value, name,
                           "must be a 2-dimensional array (clients x workers), got " + std::to_string(a.ndim()) + " dimensions");
  }
  return {{a.data(), static_cast<std::size_t>(a.size())}, static_cast<std::size_t>(a.shape(0)),
          static_cast<std::size_t>(a.shape(1))};
}

template <class T, int F>
std::span<const T> vector_span(const py::array_t<T, F>& a, const char* name) {
  if (a.ndim() != 1) {
    throw invalid_argument(error_id::invalid_value, name,
                           "must be a 1-dimensional array, got " + std::to_string(a.ndim()) + " dimensions");
  }
  return {a.data(), static_cast<std::size_t>(a.size())};
}

template <class T>
py::array_t<T> to_numpy(const std::vector<T>& v) {
  py::array_t<T> out(static_cast<py::ssize_t>(v.size()));
  std::copy(v.begin(), v.end(), out.mutable_data());
  return out;
}

std::string method_name(assignment_result::method m) {
  switch (m) {
    case assignment_result::method::dense: return "dense";
    case assignment_result::method::sparse_proved: return "sparse_proved";
    case assignment_result::method::sparse_extended: return "sparse_extended";
    case assignment_result::method::sparse_graph: return "sparse_graph";
    case assignment_result::method::sparse_fallback: break;
  }
  return "sparse_fallback";
}

link_worker make_worker(link_worker_id id, std::vector<language> languages, municipality home, int capacity,
                        int caseload, std::optional<geo_point> location, std::optional<double> travel_radius_km,
                        std::vector<specialism> specialisms, std::optional<gender> g, std::vector<time_window> availability,
                        std::vector<meeting_mode> modes, std::optional<date> active_from, std::optional<date> active_to,
                        worker_kind kind, std::vector<training_record> training, std::optional<date> last_supervision) {
  link_worker w(std::move(id), std::move(languages), home, capacity, kind);
  w.set_training(std::move(training));
  w.set_last_supervision(last_supervision);
  w.set_capacity(capacity, caseload);
  w.set_location(location);
  w.set_travel_radius_km(travel_radius_km);
  w.set_specialisms(std::move(specialisms));
  w.set_gender(g);
  w.set_availability(std::move(availability));
  w.set_meeting_modes(std::move(modes));
  w.set_active(active_from, active_to);
  return w;
}

py::tuple graph_arrays(const sparse_costs& g) {
  return py::make_tuple(to_numpy(g.indptr), to_numpy(g.indices), to_numpy(g.costs));
}

std::span<const std::int64_t> penalty_span(const std::optional<cost_array>& penalty) {
  if (!penalty) return {};
  return vector_span(*penalty, "unassigned_penalty");
}

std::optional<travel_time_matrix> travel_view(const std::optional<double_array>& t) {
  if (!t) return std::nullopt;
  if (t->ndim() != 2) throw invalid_argument(error_id::invalid_value, "travel_minutes", "must be a 2-dimensional array");
  return travel_time_matrix{{t->data(), static_cast<std::size_t>(t->size())}, static_cast<std::size_t>(t->shape(0)),
                            static_cast<std::size_t>(t->shape(1))};
}

}  // namespace

void register_matching(py::module_& m) {
  // WorkerKind is bound here, once, for every area (its enum_traits are in register.hpp).
  bind_enum<worker_kind>(m, "WorkerKind",
                         "What kind of link worker someone is: an employed professional, a trained volunteer or a "
                         "peer supporter (expert by experience).");
  bind_enum<specialism>(m, "Specialism", "What a link worker is especially experienced with.");
  bind_enum<competence>(m, "Competence",
                        "What a training course qualifies a link worker for: the basic link-worker course "
                        "(link_work), peer-supporter and expert-by-experience training, topics (the specialisms) "
                        "and work in Swedish or Sami.");

  py::class_<training_record> tr(m, "TrainingRecord",
                                 "One course a link worker has completed: valid from completed_on to valid_until "
                                 "(both included; None: it does not lapse), giving its competences.");
  tr.def(py::init([](std::string course, date completed_on, std::optional<date> valid_until,
                     std::vector<competence> competences) {
           training_record r{std::move(course), completed_on, valid_until, std::move(competences)};
           validate(r);
           return r;
         }),
         py::arg("course"), py::arg("completed_on"), py::arg("valid_until") = std::nullopt, py::kw_only(),
         py::arg("competences"), "Creates and validates the record; raises InvalidArgument naming the field.")
      .def_readonly("course", &training_record::course, "The course's name.")
      .def_readonly("completed_on", &training_record::completed_on, "The day it was completed; valid from then.")
      .def_readonly("valid_until", &training_record::valid_until, "The last day it is valid, or None.")
      .def_readonly("competences", &training_record::competences, "What it qualifies for.")
      .def("valid_on", &training_record::valid_on, py::arg("day"), "Whether the record is valid on `day`.")
      .def("gives", &training_record::gives, py::arg("competence"), "Whether the record gives `competence`.")
      .def("__repr__", [](const training_record& r) { return py::str("<TrainingRecord {!r}>").format(r.course); })
      .def(py::pickle(
          [](const training_record& r) { return py::make_tuple(r.course, r.completed_on, r.valid_until, r.competences); },
          [](const py::tuple& t) {
            training_record r{t[0].cast<std::string>(), t[1].cast<date>(), t[2].cast<std::optional<date>>(),
                              t[3].cast<std::vector<competence>>()};
            validate(r);
            return r;
          }));
  def_eq(tr);
  bind_enum<distance_method>(m, "DistanceMethod", "How distance is measured: haversine km or a travel-time matrix.");
  bind_enum<match_exclusion>(m, "MatchExclusion", "A hard constraint that excludes a client and worker pair.");
  bind_enum<match_component>(m, "MatchComponent", "A soft score component of a pair.");

  m.attr("FORBIDDEN") = py::int_(forbidden_cost);
  m.def("specialisms_for", &specialisms_for, py::arg("need"), "The specialisms that serve a need.");

  py::class_<geo_point> gp(m, "GeoPoint", "A point on the earth in WGS 84 degrees.");
  gp.def(py::init([](double lat, double lon) {
           geo_point p{lat, lon};
           validate("location", p);
           return p;
         }),
         py::arg("latitude"), py::arg("longitude"), "Creates the point; raises InvalidArgument out of range.")
      .def_readonly("latitude", &geo_point::latitude, "Degrees north.")
      .def_readonly("longitude", &geo_point::longitude, "Degrees east.")
      .def("__repr__", [](const geo_point& p) {
        return "GeoPoint(" + py::repr(py::float_(p.latitude)).cast<std::string>() + ", " +
               py::repr(py::float_(p.longitude)).cast<std::string>() + ")";
      })
      .def(py::pickle([](const geo_point& p) { return py::make_tuple(p.latitude, p.longitude); },
                      [](const py::tuple& s) { return geo_point{s[0].cast<double>(), s[1].cast<double>()}; }));
  def_eq(gp);
  m.def("haversine_km", &haversine_km, py::arg("a"), py::arg("b"), "The great-circle distance in km.");

  py::class_<link_worker> lw(m, "LinkWorker",
                             "A link worker (linkkihenkilö): languages, where and when they work, specialisms and "
                             "how many clients they can walk alongside at once.");
  lw.def(py::init(&make_worker), py::arg("id"), py::arg("languages"), py::arg("home"), py::arg("capacity"),
         py::kw_only(), py::arg("caseload") = 0, py::arg("location") = std::nullopt,
         py::arg("travel_radius_km") = std::nullopt, py::arg("specialisms") = std::vector<specialism>{},
         py::arg("gender") = std::nullopt, py::arg("availability") = std::vector<time_window>{},
         py::arg("meeting_modes") = std::vector<meeting_mode>{}, py::arg("active_from") = std::nullopt,
         py::arg("active_to") = std::nullopt, py::arg("kind") = worker_kind::professional,
         py::arg("training") = std::vector<training_record>{}, py::arg("last_supervision") = std::nullopt,
         "Creates and validates the worker; raises InvalidArgument naming the field.")
      .def_property_readonly("id", &link_worker::id, "The worker's id.")
      .def_property_readonly("languages", &link_worker::languages, "The working languages.")
      .def_property_readonly("home", &link_worker::home, "The municipality the worker works from.")
      .def_property_readonly("location", &link_worker::location, "Where the worker starts from, or None.")
      .def_property_readonly("travel_radius_km", &link_worker::travel_radius_km, "How far the worker travels, or None.")
      .def_property_readonly("capacity", &link_worker::capacity, "How many clients at once.")
      .def_property_readonly("caseload", &link_worker::caseload, "How many clients now.")
      .def_property_readonly("free_places", &link_worker::free_places, "capacity - caseload, at least 0.")
      .def_property_readonly("specialisms", &link_worker::specialisms, "The specialisms.")
      .def_property_readonly("gender", &link_worker::worker_gender, "The gender, or None.")
      .def_property_readonly("availability", &link_worker::availability, "When the worker meets clients (empty: any time).")
      .def_property_readonly("meeting_modes", &link_worker::meeting_modes, "How the worker meets clients (empty: every way).")
      .def_property_readonly("active_from", &link_worker::active_from, "The first day the worker takes clients, or None.")
      .def_property_readonly("active_to", &link_worker::active_to, "The last day the worker takes clients, or None.")
      .def("active_on", &link_worker::active_on, py::arg("day"), "Whether the worker takes clients on `day`.")
      .def_property_readonly("kind", &link_worker::kind, "What kind of link worker (a WorkerKind).")
      .def_property_readonly("training", &link_worker::training, "The training records, in the order recorded.")
      .def_property_readonly("last_supervision", &link_worker::last_supervision,
                             "The day of the last supervision, or None when never supervised.")
      .def("competences_on", &link_worker::competences_on, py::arg("day"),
           "The competences of the training valid on `day`, each once.")
      .def("__repr__", [](const link_worker& w) { return py::str("<LinkWorker {!r}>").format(w.id().str()); });
  def_eq(lw);

  py::class_<kind_policy> kp(m, "KindPolicy",
                             "What a region allows and requires of one kind of link worker: the caseload limit "
                             "(which caps a worker's own capacity), the meeting modes, the supervision interval "
                             "in days and the required training.");
  kp.def_readonly("caseload_limit", &kind_policy::caseload_limit, "The most clients at once.")
      .def_readonly("meeting_modes", &kind_policy::meeting_modes, "The meeting modes the kind may use.")
      .def_readonly("supervision_interval_days", &kind_policy::supervision_interval_days,
                    "Supervision at least every this many days.")
      .def_readonly("required_training", &kind_policy::required_training,
                    "The competences a valid training record must give.")
      .def("__repr__", [](const kind_policy& k) {
        return "<KindPolicy caseload_limit=" + std::to_string(k.caseload_limit) +
               " supervision_interval_days=" + std::to_string(k.supervision_interval_days) + ">";
      });
  def_eq(kp);
  py::class_<continuity_policy> cp(m, "ContinuityPolicy", "How reassignment keeps a client with the people they know.");
  cp.def_readonly("prefer_earlier_worker", &continuity_policy::prefer_earlier_worker,
                  "A worker the client had before on the referral scores the continuity weight.")
      .def_readonly("require_earlier_worker", &continuity_policy::require_earlier_worker,
                    "Such a worker, matchable with a free place, takes the client first.")
      .def_readonly("return_after_leave", &continuity_policy::return_after_leave,
                    "After a leave, the worker's clients go back to them.")
      .def("__repr__", [](const continuity_policy& c) {
        return std::string("<ContinuityPolicy prefer_earlier_worker=") + (c.prefer_earlier_worker ? "True" : "False") +
               " require_earlier_worker=" + (c.require_earlier_worker ? "True" : "False") +
               " return_after_leave=" + (c.return_after_leave ? "True" : "False") + ">";
      });
  def_eq(cp);
  py::class_<workforce_policy> wp(m, "WorkforcePolicy",
                                  "The workforce section of a matching policy: each kind's policy, whether valid "
                                  "training adds specialisms, and continuity.");
  wp.def("of", py::overload_cast<worker_kind>(&workforce_policy::of, py::const_), py::arg("kind"),
         "The policy of a kind (a WorkerKind or its code).")
      .def_property_readonly("kinds", [](const workforce_policy& p) {
        py::dict d;
        for (worker_kind k : all_worker_kinds) d[py::cast(k)] = py::cast(p.of(k));
        return d;
      }, "Each kind's policy, as a dict keyed by WorkerKind.")
      .def_readonly("training_adds_specialisms", &workforce_policy::training_adds_specialisms,
                    "Whether the topic competences of valid training count as specialisms.")
      .def_readonly("continuity", &workforce_policy::continuity, "How reassignment keeps continuity.")
      .def("__repr__", [](const workforce_policy&) { return std::string("<WorkforcePolicy>"); });
  def_eq(wp);

  py::class_<matching_policy> pol(m, "MatchingPolicy",
                                  "A region's matching rules: hard constraints, weighted soft scores, distance method "
                                  "and the penalty of leaving a client unassigned. Read from JSON with from_json().");
  pol.def(py::init([]() { return matching_policy{}; }), "The default policy.")
      .def_static("from_json", &matching_policy_from_json, py::arg("text"),
                  "Reads a policy from JSON; raises ParseError naming the JSON path.")
      .def("to_json", [](const matching_policy& p) { return to_json(p); }, "The policy as JSON.")
      .def_readonly("id", &matching_policy::id, "The policy's id.")
      .def_readonly("version", &matching_policy::version, "The version.")
      .def_readonly("distance", &matching_policy::distance, "How distance is measured.")
      .def_readonly("unassigned_penalty", &matching_policy::unassigned_penalty,
                    "Score points lost per unassigned client (times priority), or None.")
      .def_property_readonly("weights", [](const matching_policy& p) {
        py::dict d;
        d["distance"] = p.weights.distance;
        d["specialism"] = p.weights.specialism;
        d["preferences"] = p.weights.preferences;
        d["continuity"] = p.weights.continuity;
        d["caseload"] = p.weights.caseload;
        d["language"] = p.weights.language;
        return d;
      }, "The soft scores' weights as a dict.")
      .def_property_readonly("hard", [](const matching_policy& p) {
        py::dict d;
        d["shared_language"] = p.require_shared_language;
        d["availability_overlap"] = p.require_availability_overlap;
        d["requested_gender"] = p.require_requested_gender;
        d["meeting_mode_overlap"] = p.require_meeting_mode_overlap;
        d["travel_radius"] = p.require_travel_radius;
        d["active"] = p.require_active;
        d["training_valid"] = p.require_training_valid;
        d["supervision_current"] = p.require_supervision_current;
        return d;
      }, "The hard constraints' switches as a dict (the JSON member hard).")
      .def_readonly("workforce", &matching_policy::workforce,
                    "The workforce section: kinds, training, supervision and continuity.")
      .def("__repr__", [](const matching_policy& p) { return "<MatchingPolicy " + p.id + " " + p.version + ">"; })
      .def(py::pickle([](const matching_policy& p) { return to_json(p); },
                      [](const std::string& s) { return matching_policy_from_json(s); }));
  def_eq(pol);

  py::class_<matching_client> mc(m, "MatchingClient",
                                 "A client waiting for a link worker: the client, where they meet, the previous "
                                 "worker and a priority from 1 to 10.");
  mc.def(py::init([](client c, std::optional<geo_point> location, std::optional<link_worker_id> previous, int priority) {
           matching_client x{std::move(c), location, std::move(previous), priority};
           validate(x);
           return x;
         }),
         py::arg("client"), py::kw_only(), py::arg("location") = std::nullopt, py::arg("previous_worker") = std::nullopt,
         py::arg("priority") = 1, "Creates and validates the matching client.")
      .def_readonly("client", &matching_client::person, "The client.")
      .def_readonly("location", &matching_client::location, "Where the client meets, or None.")
      .def_readonly("previous_worker", &matching_client::previous_worker, "The earlier worker's id, or None.")
      .def_readonly("priority", &matching_client::priority, "1 to 10; higher is assigned first.")
      .def("__repr__", [](const matching_client& c) { return py::str("<MatchingClient {!r}>").format(c.person.id().str()); });

  py::class_<component_score> cs(m, "ComponentScore", "One soft component of a pair's score, with its reason.");
  cs.def_readonly("component", &component_score::component, "Which component.")
      .def_readonly("value", &component_score::value, "0 to 1.")
      .def_readonly("weight", &component_score::weight, "The policy's weight.")
      .def_readonly("points", &component_score::points, "value * weight.")
      .def_readonly("reason", &component_score::reason, "Why, in fi, sv and en.")
      .def("__repr__", [](const component_score& c) {
        return "<ComponentScore " + std::string(to_string(c.component)) + " " + std::to_string(c.points) + ">";
      });

  py::class_<match_score> ms(m, "MatchScore", "The explained score of a pair: exclusions and soft components.");
  ms.def_readonly("exclusions", &match_score::exclusions, "The hard constraints that fail; empty when allowed.")
      .def_readonly("components", &match_score::components, "The soft components.")
      .def_readonly("total", &match_score::total, "The sum of the components' points.")
      .def_readonly("distance_km", &match_score::distance_km, "The haversine distance, or None.")
      .def_readonly("travel_minutes", &match_score::travel_minutes, "The travel time, or None.")
      .def_property_readonly("allowed", &match_score::allowed, "Whether every hard constraint holds.")
      .def("__repr__", [](const match_score& s) { return "<MatchScore total=" + std::to_string(s.total) + ">"; });

  py::class_<worker_standing> ws(m, "WorkerStanding",
                                 "Whether a worker can take clients on a day under a policy: the worker-level "
                                 "exclusions (not active, training not valid, supervision overdue) with their "
                                 "reasons and dates, and the capacity and meeting modes under the policy.");
  ws.def_readonly("worker", &worker_standing::worker, "The worker's id.")
      .def_readonly("on", &worker_standing::on, "The day.")
      .def_readonly("exclusions", &worker_standing::exclusions, "The worker-level exclusions that fail.")
      .def_readonly("reasons", &worker_standing::reasons, "One reason per exclusion, with the dates (LocalizedText).")
      .def_readonly("capacity", &worker_standing::capacity, "The own capacity cut to the kind's caseload limit.")
      .def_readonly("free_places", &worker_standing::free_places, "Free places under the policy.")
      .def_readonly("meeting_modes", &worker_standing::meeting_modes, "The meeting modes under the policy.")
      .def_readonly("supervision_due", &worker_standing::supervision_due,
                    "The last day supervision is current, or None when never supervised.")
      .def_readonly("missing_training", &worker_standing::missing_training,
                    "Required competences without valid training on the day.")
      .def_property_readonly("matchable", &worker_standing::matchable, "Whether no worker-level constraint fails.")
      .def("__repr__", [](const worker_standing& s) {
        return py::str("<WorkerStanding {!r} {} matchable={}>")
            .format(s.worker.str(), format_date(s.on), s.matchable() ? "True" : "False");
      });
  def_eq(ws);
  m.def("standing_of", py::overload_cast<const matching_policy&, const link_worker&, date>(&standing_of), py::arg("policy"), py::arg("worker"), py::arg("on"),
        "A worker's standing on a day under a matching policy, with the reasons in fi, sv and en.");
  m.def("effective_capacity", py::overload_cast<const workforce_policy&, const link_worker&>(&effective_capacity), py::arg("policy"), py::arg("worker"),
        "The worker's own capacity cut to the kind's caseload limit (policy: a WorkforcePolicy).");
  m.def("effective_meeting_modes",
        py::overload_cast<const workforce_policy&, const link_worker&>(&effective_meeting_modes), py::arg("policy"), py::arg("worker"),
        "The worker's meeting modes that the kind may use (all the kind's when the worker lists none).");
  m.def("effective_specialisms", &effective_specialisms, py::arg("policy"), py::arg("worker"), py::arg("day"),
        "The worker's specialisms plus, when the policy says so, those of training valid on `day`.");
  m.def("supervision_due", py::overload_cast<const workforce_policy&, const link_worker&>(&supervision_due), py::arg("policy"), py::arg("worker"),
        "The last day the worker's supervision is current, or None when never supervised.");
  m.def("missing_training",
        py::overload_cast<const workforce_policy&, const link_worker&, date>(&missing_training), py::arg("policy"), py::arg("worker"), py::arg("day"),
        "The kind's required competences the worker does not hold through training valid on `day`.");
  m.def("specialism_of", &specialism_of, py::arg("competence"),
        "The specialism a topic competence stands for, or None.");

  py::class_<matched_pair> mp(m, "MatchedPair", "A client matched with a worker, and why.");
  mp.def_readonly("client_index", &matched_pair::client_index, "The client's position in the input.")
      .def_readonly("worker_index", &matched_pair::worker_index, "The worker's position in the input.")
      .def_readonly("client", &matched_pair::client, "The client's pseudonym.")
      .def_readonly("worker", &matched_pair::worker, "The worker's id.")
      .def_readonly("score", &matched_pair::score, "The explained score.");
  py::class_<unmatched_client> uc(m, "UnmatchedClient", "A client left without a worker, and why.");
  uc.def_readonly("client_index", &unmatched_client::client_index, "The client's position in the input.")
      .def_readonly("client", &unmatched_client::client, "The client's pseudonym.")
      .def_readonly("reason", &unmatched_client::reason, "Why, in fi, sv and en.")
      .def_readonly("exclusions", &unmatched_client::exclusions, "The hard constraints that excluded most workers.");
  py::class_<match_result> mr(m, "MatchResult", "Matches, the unmatched with reasons, and the total score.");
  mr.def_readonly("matched", &match_result::matched, "The matched pairs in input order.")
      .def_readonly("unmatched", &match_result::unmatched, "The unmatched clients in input order.")
      .def_readonly("total_score", &match_result::total_score, "The sum of the matched pairs' scores.")
      .def_readonly("excluded_workers", &match_result::excluded_workers,
                    "The workers no client could have on the day, with the reasons and dates.");

  m.def("score_pair",
        [](const matching_policy& p, const matching_client& c, const link_worker& w, date on, std::optional<double> t) {
          return score_pair(p, c, w, on, t);
        },
        py::arg("policy"), py::arg("client"), py::arg("worker"), py::arg("on"), py::arg("travel_minutes") = std::nullopt,
        "Scores one pair under a policy on a day.");
  m.def("match_clients",
        [](const matching_policy& p, const std::vector<matching_client>& c, const std::vector<link_worker>& w, date on,
           const std::optional<double_array>& t) {
          const auto travel = travel_view(t);
          py::gil_scoped_release release;
          return match(p, c, w, on, travel);
        },
        py::arg("policy"), py::arg("clients"), py::arg("workers"), py::arg("on"), py::arg("travel_minutes") = std::nullopt,
        "Matches clients with workers maximising the total score (exact).");
  m.def("stable_match_clients",
        [](const matching_policy& p, const std::vector<matching_client>& c, const std::vector<link_worker>& w, date on,
           const std::optional<double_array>& t) {
          const auto travel = travel_view(t);
          py::gil_scoped_release release;
          return stable_match(p, c, w, on, travel);
        },
        py::arg("policy"), py::arg("clients"), py::arg("workers"), py::arg("on"), py::arg("travel_minutes") = std::nullopt,
        "Matches clients with workers by client-proposing deferred acceptance (stable).");
  m.def("match_one",
        [](const matching_policy& p, const matching_client& c, const std::vector<link_worker>& w, date on,
           const std::optional<double_array>& t) {
          std::span<const double> minutes;
          if (t) minutes = vector_span(*t, "travel_minutes");
          return match_one(p, c, w, on, minutes);
        },
        py::arg("policy"), py::arg("client"), py::arg("workers"), py::arg("on"), py::arg("travel_minutes") = std::nullopt,
        "Online: the best allowed worker with a free place now.");

  py::class_<assignment_result> ar(m, "AssignmentResult", "An optimal assignment with its dual certificate.");
  ar.def_property_readonly("worker_of", [](const assignment_result& r) { return to_numpy(r.worker_of); },
                           "The worker of each client (int32), -1 when unassigned.")
      .def_readonly("total_cost", &assignment_result::total_cost, "Assigned costs plus penalties.")
      .def_readonly("assigned_cost", &assignment_result::assigned_cost, "The sum of the assigned pairs' costs.")
      .def_readonly("unassigned", &assignment_result::unassigned, "Number of unassigned clients.")
      .def_property_readonly("worker_price", [](const assignment_result& r) { return to_numpy(r.worker_price); },
                             "Each worker's dual price (int64).")
      .def_property_readonly("method", [](const assignment_result& r) { return method_name(r.how); },
                             "'dense', 'sparse_proved', 'sparse_extended', 'sparse_fallback' or 'sparse_graph'.")
      .def_readonly("violated_arcs", &assignment_result::violated_arcs,
                    "Excluded pairs with negative reduced cost after the first k-best solve.")
      .def_readonly("rounds", &assignment_result::rounds, "k-best solves until the proof held.")
      .def_readonly("candidate_pairs", &assignment_result::candidate_pairs,
                    "Pairs in the last sparse graph solved (0 for a dense solve).")
      .def("__repr__", [](const assignment_result& r) {
        return "<AssignmentResult total_cost=" + std::to_string(r.total_cost) + " unassigned=" +
               std::to_string(r.unassigned) + " method=" + method_name(r.how) + ">";
      });

  m.def("solve_assignment",
        [](const cost_array& cost, const int32_array& capacity, const std::optional<cost_array>& penalty,
           std::optional<std::size_t> k) {
          const auto view = matrix_view(cost, "cost");
          const auto cap = vector_span(capacity, "capacity");
          std::span<const std::int64_t> pen;
          if (penalty) pen = vector_span(*penalty, "unassigned_penalty");
          py::gil_scoped_release release;
          return k ? solve_assignment_k_best(view, cap, *k, pen) : solve_assignment(view, cap, pen);
        },
        py::arg("cost"), py::arg("capacity"), py::arg("unassigned_penalty") = std::nullopt, py::arg("k") = std::nullopt,
        "The exact minimum-cost capacitated assignment of an int64 cost matrix (FORBIDDEN marks a forbidden pair), "
        "without the GIL; with k, on each client's k cheapest workers with a proof of optimality or a fallback.");
  m.def("assignment_cost",
        [](const cost_array& cost, const int32_array& capacity, const int32_array& worker_of,
           const std::optional<cost_array>& penalty) {
          std::span<const std::int64_t> pen;
          if (penalty) pen = vector_span(*penalty, "unassigned_penalty");
          return assignment_cost(matrix_view(cost, "cost"), vector_span(capacity, "capacity"),
                                 vector_span(worker_of, "worker_of"), pen);
        },
        py::arg("cost"), py::arg("capacity"), py::arg("worker_of"), py::arg("unassigned_penalty") = std::nullopt,
        "Checks an assignment and returns its total cost.");
  m.def("assign_one",
        [](const cost_array& cost, const int32_array& capacity, const int32_array& load, std::optional<std::int64_t> penalty) {
          return assign_one(vector_span(cost, "cost"), vector_span(capacity, "capacity"), vector_span(load, "load"), penalty);
        },
        py::arg("cost"), py::arg("capacity"), py::arg("load"), py::arg("unassigned_penalty") = std::nullopt,
        "Online: the cheapest allowed worker with room now, or None.");
  m.def("stable_match_costs",
        [](const cost_array& client_cost, const int32_array& capacity, const std::optional<cost_array>& worker_cost,
           const std::optional<int32_array>& priority, const std::optional<cost_array>& penalty) {
          stable_preferences p{matrix_view(client_cost, "client_cost"), vector_span(capacity, "capacity"), {}, {}, {}};
          if (worker_cost) p.worker_cost = matrix_view(*worker_cost, "worker_cost");
          if (priority) p.priority = vector_span(*priority, "priority");
          if (penalty) p.unassigned_penalty = vector_span(*penalty, "unassigned_penalty");
          stable_result r;
          {
            py::gil_scoped_release release;
            r = stable_match(p);
          }
          return py::make_tuple(to_numpy(r.worker_of), r.proposals);
        },
        py::arg("client_cost"), py::arg("capacity"), py::arg("worker_cost") = std::nullopt,
        py::arg("priority") = std::nullopt, py::arg("unassigned_penalty") = std::nullopt,
        "Client-proposing deferred acceptance on cost matrices, without the GIL: (worker_of, proposals).");
  m.def("find_blocking_pair",
        [](const cost_array& client_cost, const int32_array& capacity, const int32_array& worker_of,
           const std::optional<cost_array>& worker_cost, const std::optional<int32_array>& priority,
           const std::optional<cost_array>& penalty) {
          stable_preferences p{matrix_view(client_cost, "client_cost"), vector_span(capacity, "capacity"), {}, {}, {}};
          if (worker_cost) p.worker_cost = matrix_view(*worker_cost, "worker_cost");
          if (priority) p.priority = vector_span(*priority, "priority");
          if (penalty) p.unassigned_penalty = vector_span(*penalty, "unassigned_penalty");
          return find_blocking_pair(p, vector_span(worker_of, "worker_of"));
        },
        py::arg("client_cost"), py::arg("capacity"), py::arg("worker_of"), py::arg("worker_cost") = std::nullopt,
        py::arg("priority") = std::nullopt, py::arg("unassigned_penalty") = std::nullopt,
        "A blocking pair (client, worker) of the matching, or None when it is stable.");
  py::class_<geographic_cost> gc(m, "GeographicCost",
                                 "The costs of referrals and link workers by the great-circle distance between "
                                 "their points, in whole metres (round(1000 * haversine_km)), without a dense matrix: "
                                 "the points and a tree of the workers' points.");
  gc.def(py::init([](const double_array& referral_lat, const double_array& referral_lon, const double_array& worker_lat,
                     const double_array& worker_lon) {
           const auto rlat = vector_span(referral_lat, "referral_lat");
           const auto rlon = vector_span(referral_lon, "referral_lon");
           const auto wlat = vector_span(worker_lat, "worker_lat");
           const auto wlon = vector_span(worker_lon, "worker_lon");
           py::gil_scoped_release release;
           return geographic_cost(rlat, rlon, wlat, wlon);
         }),
         py::arg("referral_lat"), py::arg("referral_lon"), py::arg("worker_lat"), py::arg("worker_lon"),
         "Creates the costs from WGS 84 degrees (numpy arrays); raises InvalidArgument naming the array and the "
         "position of a NaN or out-of-range coordinate, or of a length that differs.")
      .def_property_readonly("referrals", &geographic_cost::referrals, "The number of referrals (rows).")
      .def_property_readonly("workers", &geographic_cost::workers, "The number of workers (columns).")
      .def("cost",
           [](const geographic_cost& c, std::size_t referral, std::size_t worker) {
             if (referral >= c.referrals()) throw invalid_argument(error_id::invalid_value, "referral", "must be less than " + std::to_string(c.referrals()));
             if (worker >= c.workers()) throw invalid_argument(error_id::invalid_value, "worker", "must be less than " + std::to_string(c.workers()));
             return c.at(referral, worker);
           },
           py::arg("referral"), py::arg("worker"), "The cost of a pair in metres.")
      .def("nearest",
           [](const geographic_cost& c, std::size_t k) {
             sparse_costs g;
             {
               py::gil_scoped_release release;
               g = c.nearest(k);
             }
             return graph_arrays(g);
           },
           py::arg("k"),
           "Each referral's k nearest workers as a CSR graph (indptr, indices, costs), nearest first; without the GIL.")
      .def("matrix",
           [](const geographic_cost& c) {
             py::array_t<std::int64_t> out({static_cast<py::ssize_t>(c.referrals()), static_cast<py::ssize_t>(c.workers())});
             const auto values = c.matrix();
             std::copy(values.begin(), values.end(), out.mutable_data());
             return out;
           },
           "The dense referrals x workers matrix of the costs (int64 metres): for small instances and tests.")
      .def("__repr__", [](const geographic_cost& c) {
        return "<GeographicCost referrals=" + std::to_string(c.referrals()) + " workers=" + std::to_string(c.workers()) + ">";
      })
      .def(py::pickle(
          [](const geographic_cost& c) {
            std::vector<double> rlat, rlon, wlat, wlon;
            for (std::size_t i = 0; i < c.referrals(); ++i) {
              rlat.push_back(c.referral(i).latitude);
              rlon.push_back(c.referral(i).longitude);
            }
            for (std::size_t j = 0; j < c.workers(); ++j) {
              wlat.push_back(c.worker(j).latitude);
              wlon.push_back(c.worker(j).longitude);
            }
            return py::make_tuple(to_numpy(rlat), to_numpy(rlon), to_numpy(wlat), to_numpy(wlon));
          },
          [](const py::tuple& t) {
            const auto a = t[0].cast<double_array>();
            const auto b = t[1].cast<double_array>();
            const auto c = t[2].cast<double_array>();
            const auto d = t[3].cast<double_array>();
            return geographic_cost(vector_span(a, "referral_lat"), vector_span(b, "referral_lon"),
                                   vector_span(c, "worker_lat"), vector_span(d, "worker_lon"));
          }));
  def_eq(gc);

  m.def("solve_geographic_assignment",
        [](const geographic_cost& cost, const int32_array& capacity, std::size_t k,
           const std::optional<cost_array>& penalty) {
          const auto cap = vector_span(capacity, "capacity");
          const auto pen = penalty_span(penalty);
          assignment_result r;
          sparse_costs graph;
          {
            py::gil_scoped_release release;
            r = solve_assignment(cost, cap, k, pen, &graph);
          }
          return py::make_tuple(std::move(r), graph_arrays(graph));
        },
        py::arg("cost"), py::arg("capacity"), py::arg("k") = 16, py::arg("unassigned_penalty") = std::nullopt,
        "The exact assignment on geographic costs, proved optimal over every pair by reduced costs computed on "
        "the fly, without the GIL: (result, (indptr, indices, costs)) with the last candidate graph.");
  m.def("solve_sparse_assignment",
        [](const int64_array& indptr, const int32_array& indices, const cost_array& costs, const int32_array& capacity,
           const std::optional<cost_array>& penalty) {
          const auto cap = vector_span(capacity, "capacity");
          const sparse_cost_view view{vector_span(indptr, "indptr"), vector_span(indices, "indices"),
                                      vector_span(costs, "costs"), cap.size()};
          const auto pen = penalty_span(penalty);
          py::gil_scoped_release release;
          return solve_sparse_assignment(view, cap, pen);
        },
        py::arg("indptr"), py::arg("indices"), py::arg("costs"), py::arg("capacity"),
        py::arg("unassigned_penalty") = std::nullopt,
        "The exact assignment on a CSR graph (pairs not listed are forbidden; one worker per capacity), without "
        "the GIL.");
  m.def("k_cheapest",
        [](const cost_array& cost, std::size_t k) {
          const auto view = matrix_view(cost, "cost");
          sparse_costs g;
          {
            py::gil_scoped_release release;
            g = k_cheapest(view, k);
          }
          return graph_arrays(g);
        },
        py::arg("cost"), py::arg("k"),
        "Each client's k cheapest allowed workers of a dense matrix as a CSR graph (indptr, indices, costs).");
  m.def("stable_match_geographic",
        [](const geographic_cost& cost, const int32_array& capacity, const std::optional<cost_array>& penalty) {
          const auto cap = vector_span(capacity, "capacity");
          const auto pen = penalty_span(penalty);
          stable_result r;
          {
            py::gil_scoped_release release;
            r = stable_match(cost, cap, pen);
          }
          return py::make_tuple(to_numpy(r.worker_of), r.proposals);
        },
        py::arg("cost"), py::arg("capacity"), py::arg("unassigned_penalty") = std::nullopt,
        "Deferred acceptance on geographic costs (nearer first on both sides), preference lists built lazily, "
        "without the GIL: (worker_of, proposals).");
}

}  // namespace kulkija::python
