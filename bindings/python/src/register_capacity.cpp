// The submodule kulkija._core.capacity: generated referral inflows, the day-by-day capacity
// simulation and the planning search, with results as dicts of numpy columns that the pure
// module kulkija.capacity turns into pandas DataFrames.
//
// The capacity headers come before register.hpp so that its labelled_enum concept (a
// qualified call to kulkija::label) sees every label() overload of the workforce and
// matching areas.
#include "kulkija/workforce/capacity.hpp"
#include "kulkija/matching/policy.hpp"
#include "kulkija/matching/workforce.hpp"
//
#include "register.hpp"

#include <pybind11/numpy.h>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace kulkija::python {

inline planning_search parse_planning_search(std::string_view code) {
  return parse_by_code<planning_search, planning_search::linear_scan>("planning search", code);
}

// clang-format off
template <> struct enum_traits<arrival_pattern> : enum_traits_of<arrival_pattern, arrival_pattern::poisson, parse_arrival_pattern> {};
template <> struct enum_traits<support_outcome> : enum_traits_of<support_outcome, support_outcome::extended, parse_support_outcome> {};
template <> struct enum_traits<queue_order> : enum_traits_of<queue_order, queue_order::arrival, parse_queue_order> {};
template <> struct enum_traits<planning_search> : enum_traits_of<planning_search, planning_search::linear_scan, parse_planning_search> {};
// clang-format on

namespace {

constexpr std::int64_t not_a_day = finnish_calendar::not_a_day;

// (kind, workers, caseload limit, start month) and (kind, caseload limit, weight).
using group_tuple = std::tuple<worker_kind, int, int, int>;
using hire_tuple = std::tuple<worker_kind, int, double>;

std::vector<workforce_group> groups_from(const std::vector<group_tuple>& rows) {
  std::vector<workforce_group> out;
  out.reserve(rows.size());
  for (const auto& [kind, workers, limit, start_month] : rows) out.push_back({kind, workers, limit, start_month});
  return out;
}

std::vector<hiring_option> hires_from(const std::vector<hire_tuple>& rows) {
  std::vector<hiring_option> out;
  out.reserve(rows.size());
  for (const auto& [kind, limit, weight] : rows) out.push_back({kind, limit, weight});
  return out;
}

// The referrals from their columns: datetime64[D] days, priorities and outcomes.
std::vector<capacity_referral> referrals_from(const py::array& arrived, const std::vector<priority>& urgency,
                                              const std::vector<support_outcome>& outcome) {
  if (arrived.dtype().kind() != 'M' ||
      py::module_::import("numpy").attr("datetime_data")(arrived.dtype())[py::int_(0)].cast<std::string>() != "D") {
    throw py::type_error("arrived must be a numpy.datetime64[D] array, got dtype " +
                         py::str(arrived.dtype()).cast<std::string>());
  }
  const auto days = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(
      arrived.attr("view")("int64"));
  if (days.ndim() != 1) throw invalid_argument(error_id::invalid_value, "arrived", "must be a 1-dimensional array");
  const auto n = static_cast<std::size_t>(days.size());
  if (urgency.size() != n) {
    throw invalid_argument(error_id::invalid_value, "urgency",
                           "must have one priority per referral (" + std::to_string(n) + "), got " +
                               std::to_string(urgency.size()));
  }
  if (outcome.size() != n) {
    throw invalid_argument(error_id::invalid_value, "outcome",
                           "must have one outcome per referral (" + std::to_string(n) + "), got " +
                               std::to_string(outcome.size()));
  }
  std::vector<capacity_referral> out;
  out.reserve(n);
  const std::int64_t* d = days.data();
  for (std::size_t i = 0; i < n; ++i) {
    if (d[i] == not_a_day) {
      throw invalid_argument(error_id::invalid_date, "referrals[" + std::to_string(i) + "].arrived",
                             "must be a day, not NaT");
    }
    out.push_back({date_from_epoch_days(d[i]), urgency[i], outcome[i]});
  }
  return out;
}

capacity_options options_from(const support_policy& policy, const finnish_calendar& calendar, const length& contact_after,
                              const length& early_length, queue_order order, int warm_up_months) {
  capacity_options o;
  o.policy = policy;
  o.calendar = calendar;
  o.contact_after = contact_after;
  o.early_length = early_length;
  o.order = order;
  o.warm_up_months = warm_up_months;
  return o;
}

py::object days_column(const std::vector<std::int64_t>& days) {
  py::array_t<std::int64_t> a(static_cast<py::ssize_t>(days.size()));
  std::copy(days.begin(), days.end(), a.mutable_data());
  return a.attr("view")("datetime64[D]");
}

template <class T>
py::array_t<T> column(const std::vector<T>& v) {
  py::array_t<T> a(static_cast<py::ssize_t>(v.size()));
  std::copy(v.begin(), v.end(), a.mutable_data());
  return a;
}

py::array_t<bool> bool_column(const std::vector<bool>& v) {
  py::array_t<bool> a(static_cast<py::ssize_t>(v.size()));
  for (std::size_t i = 0; i < v.size(); ++i) a.mutable_data()[i] = v[i];
  return a;
}

std::int64_t day_or_nat(const std::optional<date>& d) { return d ? days_since_epoch(*d) : not_a_day; }

py::dict referrals_dict(const std::vector<capacity_referral>& refs) {
  std::vector<std::int64_t> arrived;
  py::list urgency;
  py::list outcome;
  arrived.reserve(refs.size());
  for (const auto& r : refs) {
    arrived.push_back(days_since_epoch(r.arrived));
    urgency.append(py::str(std::string(to_string(r.urgency))));
    outcome.append(py::str(std::string(to_string(r.outcome))));
  }
  py::dict out;
  out["arrived"] = days_column(arrived);
  out["urgency"] = urgency;
  out["outcome"] = outcome;
  return out;
}

py::dict result_dict(const capacity_result& r) {
  py::dict months;
  {
    std::vector<std::int64_t> month;
    std::vector<std::int64_t> arrivals, assigned, contacts, within, queue, in_support;
    std::vector<double> share, mean_wait, p90_wait;
    for (const auto& m : r.months) {
      month.push_back(days_since_epoch(m.month));
      arrivals.push_back(m.arrivals);
      assigned.push_back(m.assigned);
      contacts.push_back(m.first_contacts);
      within.push_back(m.within_deadline);
      share.push_back(m.share_within_deadline);
      mean_wait.push_back(m.mean_wait_days);
      p90_wait.push_back(m.p90_wait_days);
      queue.push_back(m.queue_at_end);
      in_support.push_back(m.in_support_at_end);
    }
    months["month"] = days_column(month);
    months["arrivals"] = column(arrivals);
    months["assigned"] = column(assigned);
    months["first_contacts"] = column(contacts);
    months["within_deadline"] = column(within);
    months["share_within_deadline"] = column(share);
    months["mean_wait_days"] = column(mean_wait);
    months["p90_wait_days"] = column(p90_wait);
    months["queue_at_end"] = column(queue);
    months["in_support_at_end"] = column(in_support);
  }
  py::dict kinds;
  {
    std::vector<std::int64_t> month, workers, places, caseload;
    std::vector<double> utilisation;
    py::list kind;
    for (const auto& k : r.kinds) {
      month.push_back(days_since_epoch(k.month));
      kind.append(py::str(std::string(to_string(k.kind))));
      workers.push_back(k.workers);
      places.push_back(k.places);
      caseload.push_back(k.caseload);
      utilisation.push_back(k.utilisation);
    }
    kinds["month"] = days_column(month);
    kinds["kind"] = kind;
    kinds["workers"] = column(workers);
    kinds["places"] = column(places);
    kinds["caseload"] = column(caseload);
    kinds["utilisation"] = column(utilisation);
  }
  py::dict clients;
  {
    std::vector<std::int64_t> arrived, due, assigned, contact, ends, group;
    std::vector<bool> counted, within;
    py::list urgency, outcome;
    for (const auto& c : r.clients) {
      arrived.push_back(days_since_epoch(c.arrived));
      urgency.append(py::str(std::string(to_string(c.urgency))));
      outcome.append(py::str(std::string(to_string(c.outcome))));
      due.push_back(days_since_epoch(c.due));
      assigned.push_back(day_or_nat(c.assigned));
      contact.push_back(day_or_nat(c.first_contact));
      ends.push_back(day_or_nat(c.ends));
      group.push_back(c.group ? static_cast<std::int64_t>(*c.group) : -1);
      counted.push_back(c.counted);
      within.push_back(c.within_deadline);
    }
    clients["arrived"] = days_column(arrived);
    clients["urgency"] = urgency;
    clients["outcome"] = outcome;
    clients["due"] = days_column(due);
    clients["assigned"] = days_column(assigned);
    clients["first_contact"] = days_column(contact);
    clients["ends"] = days_column(ends);
    clients["group"] = column(group);
    clients["counted"] = bool_column(counted);
    clients["within_deadline"] = bool_column(within);
  }
  const capacity_summary& s = r.summary;
  py::dict summary;
  summary["clients"] = s.clients;
  summary["within_deadline"] = s.within_deadline;
  summary["not_contacted"] = s.not_contacted;
  summary["share_within_deadline"] = s.share_within_deadline;
  summary["mean_wait_days"] = s.mean_wait_days;
  summary["p90_wait_days"] = s.p90_wait_days;
  summary["max_queue"] = s.max_queue;
  summary["last_day"] = s.last_day;

  py::dict out;
  out["months"] = months;
  out["kinds"] = kinds;
  out["clients"] = clients;
  out["summary"] = summary;
  return out;
}

py::dict workforce_dict(const std::vector<workforce_group>& groups, std::size_t base) {
  py::list kind;
  std::vector<std::int64_t> workers, limit, start_month;
  std::vector<bool> added;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    kind.append(py::str(std::string(to_string(groups[i].kind))));
    workers.push_back(groups[i].workers);
    limit.push_back(groups[i].caseload_limit);
    start_month.push_back(groups[i].start_month);
    added.push_back(i >= base);
  }
  py::dict out;
  out["kind"] = kind;
  out["workers"] = column(workers);
  out["caseload_limit"] = column(limit);
  out["start_month"] = column(start_month);
  out["added"] = bool_column(added);
  return out;
}

const char* const options_doc =
    " `policy` gives the first-contact deadline and the support lengths, `calendar` the business days; first "
    "contact is `contact_after` after a place is given; a support that ends early lasts `early_length`; `order` "
    "is `priority_then_arrival` or `arrival`; referrals of the first `warm_up_months` are simulated but not "
    "counted.";

}  // namespace

void register_capacity(py::module_& m) {
  bind_enum<arrival_pattern>(m, "ArrivalPattern", "How generated referrals spread over each month: even or Poisson.");
  bind_enum<support_outcome>(m, "SupportOutcome",
                             "How long a simulated support holds its place: completed (length.max), ended early "
                             "(early_length) or extended (length.max plus every allowed extension).");
  bind_enum<queue_order>(m, "QueueOrder",
                         "Who gets a free place first: by priority then arrival, or by arrival only.");
  bind_enum<planning_search>(m, "PlanningSearch",
                             "How the planning search ran: bisection (monotone, first come first served) or a "
                             "linear scan (with priorities).");

  m.def(
      "workforce_groups",
      [](const matching_policy& policy, const std::vector<link_worker>& workers, date on) {
        std::vector<group_tuple> out;
        for (const workforce_group& g : workforce_groups(policy, workers, on)) {
          out.emplace_back(g.kind, g.workers, g.caseload_limit, g.start_month);
        }
        return out;
      },
      py::arg("policy"), py::arg("workers"), py::arg("on"),
      "The link workers matchable on `on` as (kind, workers, caseload_limit, start_month) groups, by kind and "
      "effective capacity (the own capacity cut to the kind's limit).");

  const capacity_options d;
  m.def(
      "generate_referrals",
      [](date start, std::vector<double> per_month, double urgent_share, double asap_share, double ended_early_share,
         double extended_share, arrival_pattern pattern, std::uint64_t seed) {
        referral_inflow in;
        in.start = start;
        in.per_month = std::move(per_month);
        in.urgent_share = urgent_share;
        in.asap_share = asap_share;
        in.ended_early_share = ended_early_share;
        in.extended_share = extended_share;
        in.pattern = pattern;
        in.seed = seed;
        std::vector<capacity_referral> refs;
        {
          py::gil_scoped_release release;
          refs = generate_referrals(in);
        }
        return referrals_dict(refs);
      },
      py::arg("start"), py::arg("per_month"), py::kw_only(), py::arg("urgent_share") = 0.0,
      py::arg("asap_share") = 0.0, py::arg("ended_early_share") = 0.0, py::arg("extended_share") = 0.0,
      py::arg("pattern") = arrival_pattern::even, py::arg("seed") = 0,
      "Referrals from an inflow per month starting on `start` (a month's first day), as columns `arrived` "
      "(datetime64[D]), `urgency` and `outcome` (codes). `even`: the running total rounded, spread evenly, the mix "
      "by Weyl sequences; `poisson`: reproducible from `seed`.");

  m.def(
      "simulate",
      [](date start, int months, const py::array& arrived, const std::vector<priority>& urgency,
         const std::vector<support_outcome>& outcome, const std::vector<group_tuple>& workforce,
         const support_policy& policy, const finnish_calendar& calendar, const length& contact_after,
         const length& early_length, queue_order order, int warm_up_months) {
        const auto refs = referrals_from(arrived, urgency, outcome);
        const auto groups = groups_from(workforce);
        const auto o = options_from(policy, calendar, contact_after, early_length, order, warm_up_months);
        capacity_result r;
        {
          py::gil_scoped_release release;
          r = simulate_capacity(start, months, refs, groups, o);
        }
        return result_dict(r);
      },
      py::arg("start"), py::arg("months"), py::arg("arrived"), py::arg("urgency"), py::arg("outcome"),
      py::arg("workforce"), py::kw_only(), py::arg("policy") = d.policy, py::arg("calendar") = d.calendar,
      py::arg_v("contact_after", d.contact_after, "Length(2, 'business_days')"),
      py::arg_v("early_length", d.early_length, "Length(4, 'weeks')"), py::arg("order") = d.order,
      py::arg("warm_up_months") = d.warm_up_months,
      (std::string("Simulates the referrals (columns `arrived`, `urgency`, `outcome`) over `months` months from "
                   "`start` with the workforce, a list of (kind, workers, caseload_limit, start_month), day by day "
                   "without the GIL. Returns a dict of `months`, `kinds` and `clients` columns and the `summary`.") +
       options_doc)
          .c_str());

  m.def(
      "plan",
      [](date start, int months, const py::array& arrived, const std::vector<priority>& urgency,
         const std::vector<support_outcome>& outcome, const std::vector<group_tuple>& base,
         const std::vector<hire_tuple>& hires, double target_share, const support_policy& policy,
         const finnish_calendar& calendar, const length& contact_after, const length& early_length,
         queue_order order, int warm_up_months) {
        const auto refs = referrals_from(arrived, urgency, outcome);
        const auto groups = groups_from(base);
        const auto options = hires_from(hires);
        const auto o = options_from(policy, calendar, contact_after, early_length, order, warm_up_months);
        capacity_plan p;
        {
          py::gil_scoped_release release;
          p = plan_capacity(start, months, refs, groups, options, target_share, o);
        }
        py::dict out;
        out["added_workers"] = p.added_workers;
        out["workforce"] = workforce_dict(p.workforce, groups.size());
        out["target_share"] = p.target_share;
        out["share_within_deadline"] = p.share_within_deadline;
        out["share_with_one_fewer"] = p.share_with_one_fewer;
        out["search"] = py::str(std::string(to_string(p.search)));
        out["simulations"] = p.simulations;
        out["result"] = result_dict(p.result);
        return out;
      },
      py::arg("start"), py::arg("months"), py::arg("arrived"), py::arg("urgency"), py::arg("outcome"), py::arg("base"),
      py::arg("hires"), py::arg("target_share") = 0.9, py::kw_only(), py::arg("policy") = d.policy,
      py::arg("calendar") = d.calendar, py::arg_v("contact_after", d.contact_after, "Length(2, 'business_days')"),
      py::arg_v("early_length", d.early_length, "Length(4, 'weeks')"), py::arg("order") = d.order,
      py::arg("warm_up_months") = d.warm_up_months,
      (std::string("The fewest workers to add to `base` (a list of (kind, workers, caseload_limit, start_month)) "
                   "from `hires` (a list of (kind, caseload_limit, weight)) so that at least `target_share` of the "
                   "counted referrals get first contact within the deadline; without the GIL. Raises "
                   "InvalidArgument naming target_share when no number of workers can meet it.") +
       options_doc)
          .c_str());

  m.def(
      "apportion_hires",
      [](const std::vector<hire_tuple>& hires, int n) { return apportion_hires(hires_from(hires), n); },
      py::arg("hires"), py::arg("n"),
      "How many workers each hiring option (kind, caseload_limit, weight) gets when `n` are added: each next worker "
      "goes to the option furthest behind its share, so the counts only grow with `n`.");
}

}  // namespace kulkija::python
