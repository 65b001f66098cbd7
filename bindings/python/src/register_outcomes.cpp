// The submodule kulkija._core.outcomes: wellbeing instruments and their scoring, paired
// change with confidence intervals, Student's t, and referral milestones for the KPIs.
//
// The outcomes and support headers come before register.hpp so that its labelled_enum
// concept sees every label() overload.
#include "kulkija/outcomes/change.hpp"
#include "kulkija/outcomes/instrument.hpp"
#include "kulkija/outcomes/measurement.hpp"
#include "kulkija/outcomes/milestones.hpp"
#include "kulkija/support/calendar.hpp"
#include "kulkija/support/policy.hpp"
//
#include "register.hpp"
#include "register_outcomes.hpp"

#include <pybind11/numpy.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kulkija::python {

inline change_category parse_change_category(std::string_view code) {
  return parse_by_code<change_category, change_category::worsened>("change category", code);
}
inline funnel_stage parse_funnel_stage(std::string_view code) {
  return parse_by_code<funnel_stage, funnel_stage::completed>("funnel stage", code);
}

// clang-format off
template <> struct enum_traits<score_direction> : enum_traits_of<score_direction, score_direction::lower_is_better, parse_score_direction> {};
template <> struct enum_traits<measurement_point> : enum_traits_of<measurement_point, measurement_point::follow_up, parse_measurement_point> {};
template <> struct enum_traits<change_category> : enum_traits_of<change_category, change_category::worsened, parse_change_category> {};
template <> struct enum_traits<funnel_stage> : enum_traits_of<funnel_stage, funnel_stage::completed, parse_funnel_stage> {};
// clang-format on

namespace {

using double_array = py::array_t<double, py::array::c_style | py::array::forcecast>;

py::dict scores_dict(const std::vector<scale_score>& scores, bool raw) {
  py::dict out;
  for (const auto& s : scores) out[py::str(s.scale)] = raw ? s.raw : s.value;
  return out;
}

// Scores rows of answers (NaN = missing) into one array per scale.
py::dict score_batch(const instrument& in, const py::array& answers_in, bool raw) {
  const auto answers = double_array::ensure(answers_in);
  if (!answers) throw py::type_error("answers must be a 2-D array of numbers (NaN for a missing answer)");
  if (answers.ndim() != 2 || static_cast<std::size_t>(answers.shape(1)) != in.items.size()) {
    throw invalid_argument(error_id::invalid_measurement, "answers",
                           "must be a 2-D array with one column per item of " + quote(in.id) + " (" +
                               std::to_string(in.items.size()) + ")");
  }
  const auto rows = static_cast<std::size_t>(answers.shape(0));
  const std::size_t cols = in.items.size();
  std::vector<std::vector<double>> out(in.scales.size(), std::vector<double>(rows));
  const double* data = answers.data();
  {
    py::gil_scoped_release release;
    std::vector<std::optional<int>> row(cols);
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t c = 0; c < cols; ++c) {
        const double v = data[r * cols + c];
        if (std::isnan(v)) {
          row[c].reset();
        } else if (v != std::floor(v) || std::fabs(v) > 1e6) {
          throw invalid_argument(error_id::invalid_measurement, in.id + "." + in.items[c].id,
                                 "row " + std::to_string(r) + ": the answer must be a whole number");
        } else {
          row[c] = static_cast<int>(v);
        }
      }
      std::vector<scale_score> s;
      try {
        s = score(in, row);
      } catch (const invalid_argument& e) {
        throw invalid_argument(e.id(), e.field(), "row " + std::to_string(r) + ": " + e.rule());
      }
      for (std::size_t k = 0; k < s.size(); ++k) out[k][r] = raw ? s[k].raw : s[k].value;
    }
  }
  py::dict result;
  for (std::size_t k = 0; k < in.scales.size(); ++k) result[py::str(in.scales[k].id)] = py::array_t<double>(py::cast(out[k]));
  return result;
}

std::string repr_instrument(const instrument& in) {
  return "Instrument(" + py::repr(py::str(in.id)).cast<std::string>() + ", items=" + std::to_string(in.items.size()) +
         ", scales=" + std::to_string(in.scales.size()) + ")";
}

py::object optional_date(const std::optional<date>& d) { return d ? py::cast(*d) : py::none(); }

py::dict milestones_dict(const std::vector<referral_milestones>& ms) {
  py::list ids, state, reached, requested, accepted, assigned, contact, closed, reason, worker, due, days, within;
  for (const auto& m : ms) {
    ids.append(m.referral.str());
    state.append(std::string(to_string(m.state)));
    reached.append(m.reached ? py::object(py::str(std::string(to_string(*m.reached)))) : py::none());
    requested.append(optional_date(m.requested_on));
    accepted.append(optional_date(m.accepted_on));
    assigned.append(optional_date(m.assigned_on));
    contact.append(optional_date(m.first_contact_on));
    closed.append(optional_date(m.closed_on));
    reason.append(m.closing_reason ? py::object(py::str(std::string(to_string(*m.closing_reason)))) : py::none());
    worker.append(m.link_worker ? py::object(py::str(m.link_worker->str())) : py::none());
    due.append(optional_date(m.first_contact_due));
    days.append(m.business_days_to_first_contact ? py::object(py::int_(*m.business_days_to_first_contact)) : py::none());
    within.append(m.first_contact_within_deadline ? py::object(py::bool_(*m.first_contact_within_deadline)) : py::none());
  }
  py::dict out;
  out["referral_id"] = ids;
  out["state"] = state;
  out["reached"] = reached;
  out["requested_on"] = requested;
  out["accepted_on"] = accepted;
  out["assigned_on"] = assigned;
  out["first_contact_on"] = contact;
  out["closed_on"] = closed;
  out["closing_reason"] = reason;
  out["link_worker_id"] = worker;
  out["first_contact_due"] = due;
  out["business_days_to_first_contact"] = days;
  out["first_contact_within_deadline"] = within;
  return out;
}

std::vector<double> as_vector(const py::handle& values, const char* name) {
  const auto a = double_array::ensure(values);
  if (!a || a.ndim() != 1) throw py::type_error(std::string(name) + " must be a 1-D sequence of numbers");
  return {a.data(), a.data() + a.size()};
}

}  // namespace

void register_outcomes(py::module_& m) {
  bind_enum<score_direction>(m, "ScoreDirection", "Which way a scale improves.");
  bind_enum<measurement_point>(m, "MeasurementPoint", "When in the support a measurement is taken.");
  bind_enum<change_category>(m, "ChangeCategory", "Whether a client's change is meaningful, and which way.");
  bind_enum<funnel_stage>(m, "FunnelStage", "The stages of the referral funnel, in order.");

  py::class_<instrument_item> item(m, "Item", "One item (question) of an instrument: its id and answer range.");
  item.def_readonly("id", &instrument_item::id, "The item's id within the instrument.")
      .def_readonly("min", &instrument_item::min, "The lowest answer.")
      .def_readonly("max", &instrument_item::max, "The highest answer.")
      .def_readonly("reversed", &instrument_item::reversed, "Whether it is scored as min + max - answer.")
      .def("__repr__", [](const instrument_item& x) {
        return "Item(" + py::repr(py::str(x.id)).cast<std::string>() + ", " + std::to_string(x.min) + ", " +
               std::to_string(x.max) + (x.reversed ? ", reversed=True)" : ")");
      });
  def_eq(item);

  py::class_<instrument_scale> scale(
      m, "Scale",
      "One reported score of an instrument: its items (indices), missing-item rule, conversion table, "
      "direction and meaningful-change threshold with its source.");
  scale.def_readonly("id", &instrument_scale::id, "The scale's id, e.g. 'total'.")
      .def_readonly("name", &instrument_scale::name, "Its name in fi, sv and en.")
      .def_readonly("items", &instrument_scale::items, "Indices of its items in Instrument.items.")
      .def_readonly("direction", &instrument_scale::direction, "Which way is better.")
      .def_readonly("max_missing", &instrument_scale::max_missing, "How many items may be missing (prorated).")
      .def_readonly("conversion", &instrument_scale::conversion,
                    "Empty, or the converted value of each raw score from the lowest to the highest.")
      .def_readonly("meaningful_change", &instrument_scale::meaningful_change,
                    "The smallest change that counts as meaningful.")
      .def_readonly("threshold_source", &instrument_scale::threshold_source, "Where the threshold comes from.")
      .def("__repr__", [](const instrument_scale& x) {
        return "Scale(" + py::repr(py::str(x.id)).cast<std::string>() + ", meaningful_change=" +
               py::repr(py::float_(x.meaningful_change)).cast<std::string>() + ")";
      });
  def_eq(scale);

  py::class_<instrument> ins(
      m, "Instrument",
      "A wellbeing instrument: items with answer ranges and the scales scored from them. Use the built-ins "
      "(swemwbs(), wemwbs(), ucla3(), ons4()) or Instrument.from_json for a region's own.");
  ins.def_static(
         "from_json", [](std::string_view text) { return instrument_from_json(text); }, py::arg("text"),
         "Reads a region's instrument from JSON; raises ParseError naming the JSON path and the rule.")
      .def("to_json", [](const instrument& x) { return to_json(x); }, "The instrument as JSON (from_json reads it back).")
      .def_readonly("id", &instrument::id, "The instrument's id, e.g. 'swemwbs'.")
      .def_readonly("version", &instrument::version, "The version.")
      .def_readonly("name", &instrument::name, "Its name in fi, sv and en.")
      .def_readonly("items", &instrument::items, "The items, in questionnaire order.")
      .def_readonly("scales", &instrument::scales, "The reported scales.")
      .def_readonly("source", &instrument::source, "The publication it follows.")
      .def(
          "scale", [](const instrument& x, std::string_view id) { return find_scale(x, id); }, py::arg("id"),
          "The scale with this id; raises NotFound.")
      .def(
          "raw_range",
          [](const instrument& x, std::string_view id) {
            const auto& s = find_scale(x, id);
            return std::make_pair(raw_min(x, s), raw_max(x, s));
          },
          py::arg("scale"), "The lowest and highest possible raw score of a scale.")
      .def(
          "score",
          [](const instrument& x, const std::vector<std::optional<int>>& answers, bool raw) {
            return scores_dict(score(x, answers), raw);
          },
          py::arg("answers"), py::kw_only(), py::arg("raw") = false,
          "Scores one response (one answer per item, None when missing) into {scale: score}; raw=True gives "
          "the raw (prorated) sums instead of the reported scores. Raises InvalidArgument (id "
          "invalid_measurement) naming the item as '<instrument>.<item>' and the rule.")
      .def(
          "score_batch",
          [](const instrument& x, const py::array& answers, bool raw) { return score_batch(x, answers, raw); },
          py::arg("answers"), py::kw_only(), py::arg("raw") = false,
          "Scores a 2-D array, one row per response and one column per item (NaN for a missing answer), into "
          "{scale: numpy array}, without the GIL. Errors name the item and the row.")
      .def("__repr__", &repr_instrument)
      .def(py::pickle([](const instrument& x) { return to_json(x); },
                      [](const std::string& text) { return instrument_from_json(text); }));
  def_eq(ins);

  py::class_<change_summary> cs(
      m, "ChangeSummary",
      "A cohort's paired change: n, means, mean change with a t-based confidence interval, and the counts and "
      "shares with a meaningful improvement or worsening.");
  cs.def_readonly("n", &change_summary::n, "The number of pairs.")
      .def_readonly("mean_before", &change_summary::mean_before, "The mean score at the first point.")
      .def_readonly("mean_after", &change_summary::mean_after, "The mean score at the second point.")
      .def_readonly("mean_change", &change_summary::mean_change, "The mean of after minus before.")
      .def_readonly("sd_change", &change_summary::sd_change, "The sample standard deviation of the change.")
      .def_readonly("confidence", &change_summary::confidence, "The confidence level.")
      .def_readonly("ci_low", &change_summary::ci_low, "The lower end of the confidence interval.")
      .def_readonly("ci_high", &change_summary::ci_high, "The upper end of the confidence interval.")
      .def_readonly("improved", &change_summary::improved, "Pairs with a meaningful improvement.")
      .def_readonly("unchanged", &change_summary::unchanged, "Pairs without a meaningful change.")
      .def_readonly("worsened", &change_summary::worsened, "Pairs with a meaningful worsening.")
      .def_readonly("share_improved", &change_summary::share_improved, "improved / n.")
      .def_readonly("share_worsened", &change_summary::share_worsened, "worsened / n.")
      .def(
          "as_dict",
          [](const change_summary& s) {
            py::dict d;
            d["n"] = s.n;
            d["mean_before"] = s.mean_before;
            d["mean_after"] = s.mean_after;
            d["mean_change"] = s.mean_change;
            d["sd_change"] = s.sd_change;
            d["confidence"] = s.confidence;
            d["ci_low"] = s.ci_low;
            d["ci_high"] = s.ci_high;
            d["improved"] = s.improved;
            d["unchanged"] = s.unchanged;
            d["worsened"] = s.worsened;
            d["share_improved"] = s.share_improved;
            d["share_worsened"] = s.share_worsened;
            return d;
          },
          "The fields as a dict (one row of a DataFrame).")
      .def("__repr__", [](const change_summary& s) {
        return "ChangeSummary(n=" + std::to_string(s.n) + ", mean_change=" + py::repr(py::float_(s.mean_change)).cast<std::string>() +
               ", ci=(" + py::repr(py::float_(s.ci_low)).cast<std::string>() + ", " +
               py::repr(py::float_(s.ci_high)).cast<std::string>() + "))";
      });

  m.def("swemwbs", &swemwbs, "The Short Warwick-Edinburgh Mental Wellbeing Scale: 7 items 1-5, raw 7-35 converted to the published Rasch metric score.");
  m.def("wemwbs", &wemwbs, "The Warwick-Edinburgh Mental Wellbeing Scale: 14 items 1-5, total 14-70.");
  m.def("ucla3", &ucla_loneliness_3, "The UCLA 3-item loneliness scale: 3 items 1-3, total 3-9, lower is better.");
  m.def("ons4", &ons4, "The ONS4 personal wellbeing questions: four 0-10 items reported separately; anxiety lower is better.");
  m.def(
      "builtin_instrument", [](std::string_view id) { return builtin_instrument(id); }, py::arg("id"),
      "The built-in instrument 'swemwbs', 'wemwbs', 'ucla3' or 'ons4'; raises NotFound for another id.");
  m.def(
      "builtin_instruments",
      [] {
        std::vector<instrument> out;
        for (const instrument* in : builtin_instruments()) out.push_back(*in);
        return out;
      },
      "The built-in instruments: SWEMWBS, WEMWBS, UCLA 3-item, ONS4.");
  m.def("swemwbs_metric_score", &swemwbs_metric_score, py::arg("raw"),
        "The published SWEMWBS conversion of a raw score (7-35) to the Rasch metric score.");
  m.def("regularized_incomplete_beta", &regularized_incomplete_beta, py::arg("a"), py::arg("b"), py::arg("x"),
        "The regularized incomplete beta function I_x(a, b) (as scipy.special.betainc).");
  m.def("student_t_cdf", &student_t_cdf, py::arg("t"), py::arg("df"), "Student's t CDF (as scipy.stats.t.cdf).");
  m.def("student_t_quantile", &student_t_quantile, py::arg("p"), py::arg("df"),
        "Student's t quantile (as scipy.stats.t.ppf).");
  m.def("classify_change", &classify_change, py::arg("change"), py::arg("threshold"), py::arg("direction"),
        "Whether a change (after - before) is a meaningful improvement, worsening, or neither.");
  m.def(
      "paired_change",
      [](const py::object& before, const py::object& after, double threshold, score_direction direction,
         double confidence) {
        const auto b = as_vector(before, "before");
        const auto a = as_vector(after, "after");
        py::gil_scoped_release release;
        return paired_change(b, a, threshold, direction, confidence);
      },
      py::arg("before"), py::arg("after"), py::arg("threshold"), py::arg("direction"), py::kw_only(),
      py::arg("confidence") = 0.95,
      "Summarises paired scores: mean change with a t-based confidence interval and the shares with a "
      "meaningful change; raises InvalidArgument naming the field.");
  m.def(
      "milestones",
      [](const std::vector<std::string>& referral_ids, const std::vector<referral_event>& events,
         const std::vector<date>& days, const std::vector<std::optional<reason_code>>& reasons,
         const std::vector<std::optional<std::string>>& link_workers, const support_policy& policy,
         const finnish_calendar& calendar) {
        const std::size_t n = referral_ids.size();
        if (events.size() != n || days.size() != n || reasons.size() != n || link_workers.size() != n) {
          throw invalid_argument(error_id::invalid_value, "events", "every column must have as many rows as referral_ids");
        }
        std::vector<milestone_event> rows;
        rows.reserve(n);
        for (std::size_t i = 0; i < n; ++i) {
          std::optional<link_worker_id> lw;
          if (link_workers[i]) lw.emplace(*link_workers[i]);
          rows.push_back({referral_id{referral_ids[i]}, events[i], days[i], reasons[i], std::move(lw)});
        }
        std::vector<referral_milestones> ms;
        {
          py::gil_scoped_release release;
          ms = milestones_of(rows, policy, calendar);
        }
        return milestones_dict(ms);
      },
      py::arg("referral_ids"), py::arg("events"), py::arg("days"), py::arg("reasons"), py::arg("link_workers"),
      py::kw_only(), py::arg("policy"), py::arg("calendar"),
      "The milestones of every referral from its events (columns of events.csv, days as Finnish local dates) as "
      "a dict of columns; raises InvalidArgument naming events[i] when a day goes back or the lifecycle does "
      "not allow an event.");
}

void register_outcomes_area(py::module_& core_module) {
  const py::object modules = py::module_::import("sys").attr("modules");
  const std::string name = core_module.attr("__name__").cast<std::string>();
  auto outcomes = core_module.def_submodule(
      "outcomes", "Wellbeing instruments, paired change with confidence intervals, and referral milestones.");
  modules[py::str(name + ".outcomes")] = outcomes;
  register_outcomes(outcomes);
}

}  // namespace kulkija::python
