// The submodule kulkija._core.outcomes: wellbeing instruments and their scoring, paired
// change with confidence intervals, Student's t, and referral milestones for the KPIs.
//
// The outcomes and support headers come before register.hpp so that its labelled_enum
// concept sees every label() overload.
#include "kulkija/outcomes/change.hpp"
#include "kulkija/outcomes/instrument.hpp"
#include "kulkija/outcomes/kpi.hpp"
#include "kulkija/outcomes/measurement.hpp"
#include "kulkija/outcomes/milestones.hpp"
#include "kulkija/referral/lifecycle.hpp"
#include "kulkija/support/calendar.hpp"
#include "kulkija/support/policy.hpp"
//
#include "register.hpp"

#include <pybind11/numpy.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
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


using day_array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

// Days (anything numpy.asarray turns into datetime64[D]; NaT for a missing day) as int64 days since 1970-01-01.
day_array as_day_array(const py::object& values, const char* name) {
  const py::object numpy = py::module_::import("numpy");
  py::object a;
  try {
    a = numpy.attr("asarray")(values, py::arg("dtype") = "datetime64[D]");
  } catch (const py::error_already_set&) {
    throw py::type_error(std::string(name) + " must be dates (datetime64[D], datetime.date or None)");
  }
  if (py::cast<py::array>(a).ndim() != 1) throw py::type_error(std::string(name) + " must be 1-D");
  return day_array::ensure(a.attr("view")("int64"));
}

std::optional<date> day_at(const day_array& a, std::size_t i) {
  const std::int64_t d = a.data()[i];
  if (d == finnish_calendar::not_a_day) return std::nullopt;
  return date_from_epoch_days(d);
}

py::object datetime64_of(const std::vector<std::int64_t>& days) {
  py::array_t<std::int64_t> out(static_cast<py::ssize_t>(days.size()));
  std::copy(days.begin(), days.end(), out.mutable_data());
  return out.attr("view")("datetime64[D]");
}

template <class T>
py::array_t<std::int64_t> int_array(const std::vector<T>& values) {
  py::array_t<std::int64_t> out(static_cast<py::ssize_t>(values.size()));
  auto* dst = out.mutable_data();
  for (std::size_t i = 0; i < values.size(); ++i) dst[i] = static_cast<std::int64_t>(values[i]);
  return out;
}

void require_rows(std::size_t n, std::size_t rows, const char* name, const char* of) {
  if (n != rows) {
    throw invalid_argument(error_id::invalid_value, name, std::string("must have as many rows as ") + of + " (" +
                                                              std::to_string(rows) + "), got " + std::to_string(n));
  }
}

py::dict funnel_columns(const std::vector<funnel_row>& rows) {
  py::list stage;
  std::vector<std::size_t> reached, open, dropped;
  for (const auto& r : rows) {
    stage.append(std::string(to_string(r.stage)));
    reached.push_back(r.reached);
    open.push_back(r.open);
    dropped.push_back(r.dropped);
  }
  py::dict out;
  out["stage"] = stage;
  out["reached"] = int_array(reached);
  out["open"] = int_array(open);
  out["dropped"] = int_array(dropped);
  return out;
}

double or_nan(const std::optional<double>& v) { return v.value_or(std::nan("")); }

// A column of texts (a list, numpy array or pandas Series; None, NaN and pandas.NA are
// missing) as views into the Python strings, which `keep` holds alive: readable without
// the GIL.
struct text_column {
  py::array keep;
  std::vector<std::optional<std::string_view>> texts;
};

text_column texts_of(const py::handle& values, const char* name) {
  const py::object numpy = py::module_::import("numpy");
  text_column out{numpy.attr("ascontiguousarray")(values, py::arg("dtype") = "object"), {}};
  if (out.keep.ndim() != 1) throw py::type_error(std::string(name) + " must be 1-D");
  const auto n = static_cast<std::size_t>(out.keep.shape(0));
  PyObject* const* items = static_cast<PyObject* const*>(out.keep.data());
  out.texts.reserve(n);
  py::object na;  // pandas.NA, looked up when first needed
  for (std::size_t i = 0; i < n; ++i) {
    PyObject* item = items[i];
    if (PyUnicode_Check(item)) {
      Py_ssize_t size = 0;
      const char* data = PyUnicode_AsUTF8AndSize(item, &size);
      if (data == nullptr) throw py::error_already_set();
      out.texts.emplace_back(std::string_view(data, static_cast<std::size_t>(size)));
      continue;
    }
    if (item == Py_None || (PyFloat_Check(item) && std::isnan(PyFloat_AS_DOUBLE(item)))) {
      out.texts.emplace_back(std::nullopt);
      continue;
    }
    if (!na) na = py::module_::import("pandas").attr("NA");
    if (item != na.ptr()) {
      throw py::type_error(std::string(name) + "[" + std::to_string(i) + "] must be text or missing, got " +
                           std::string(Py_TYPE(item)->tp_name));
    }
    out.texts.emplace_back(std::nullopt);
  }
  return out;
}

// The texts of a column that must have every value, or an error naming the row and `field`.
std::vector<std::string_view> required_texts(const text_column& column, const char* field) {
  std::vector<std::string_view> out;
  out.reserve(column.texts.size());
  for (std::size_t i = 0; i < column.texts.size(); ++i) {
    if (!column.texts[i]) {
      throw invalid_argument(error_id::invalid_measurement, "measurements[" + std::to_string(i) + "]." + field,
                             "is missing");
    }
    out.push_back(*column.texts[i]);
  }
  return out;
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
      "parse_answers", [](std::string_view text) { return parse_answers(text); }, py::arg("text"),
      "One measurement's answers as measurements.csv holds them ('4;3;;5': whole numbers separated by ';', "
      "blank for a missing answer) as a list with None for a missing answer; raises InvalidArgument (id "
      "invalid_measurement) naming the answer that is not a whole number.");
  m.def(
      "score_measurements",
      [](const py::object& instrument_ids_in, const py::object& answers_in, const std::vector<instrument>& extra,
         bool raw) {
        const auto ids_column = texts_of(instrument_ids_in, "instrument_ids");
        const auto answers = texts_of(answers_in, "answers");
        const auto ids = required_texts(ids_column, "instrument");
        std::vector<instrument> known;
        for (const instrument* in : builtin_instruments()) known.push_back(*in);
        known.insert(known.end(), extra.begin(), extra.end());
        measurement_scores scores;
        {
          py::gil_scoped_release release;
          scores = score_measurements(known, ids, answers.texts, raw);
        }
        const auto n = static_cast<py::ssize_t>(scores.row.size());
        py::array_t<std::int64_t> rows(n);
        py::array_t<double> values(n);
        py::array scales = py::module_::import("numpy").attr("empty")(n, py::arg("dtype") = "object");  // of None
        auto* row_out = rows.mutable_data();
        auto* value_out = values.mutable_data();
        auto** scale_out = static_cast<PyObject**>(scales.mutable_data());
        std::map<const instrument_scale*, py::str> names;  // one Python string per scale, shared by its rows
        for (py::ssize_t i = 0; i < n; ++i) {
          const auto k = static_cast<std::size_t>(i);
          row_out[i] = static_cast<std::int64_t>(scores.row[k]);
          value_out[i] = scores.value[k];
          auto it = names.find(scores.scale[k]);
          if (it == names.end()) it = names.emplace(scores.scale[k], py::str(scores.scale[k]->id)).first;
          Py_DECREF(scale_out[i]);
          scale_out[i] = it->second.inc_ref().ptr();
        }
        py::dict out;
        out["row"] = rows;
        out["scale"] = scales;
        out["score"] = values;
        return out;
      },
      py::arg("instrument_ids"), py::arg("answers"), py::kw_only(), py::arg("instruments") = std::vector<instrument>{},
      py::arg("raw") = false,
      "Scores measurements given as columns (each row's instrument id and answers text, as measurements.csv "
      "holds them) without the GIL: a dict of numpy arrays row (the measurement's position), scale (the scale's "
      "id) and score, one entry per measurement and scale in row order. instruments adds a region's own to the "
      "built-ins (replacing one of the same id); raw=True gives the raw (prorated) sums. Errors name the row as "
      "measurements[<position>] and the field.");
  m.def(
      "paired_changes",
      [](const instrument& in, std::string_view scale, const py::object& referral_ids_in, const py::object& points_in,
         const py::object& scores_in, measurement_point from, measurement_point to) {
        const auto ids_column = texts_of(referral_ids_in, "referral_ids");
        const auto points_column = texts_of(points_in, "points");
        const auto scores = double_array::ensure(scores_in);
        if (!scores || scores.ndim() != 1) throw py::type_error("scores must be a 1-D sequence of numbers");
        const auto ids = required_texts(ids_column, "referral_id");
        const auto point_texts = required_texts(points_column, "point");
        std::vector<measurement_point> points;
        points.reserve(point_texts.size());
        const std::string from_code(to_string(from));
        const std::string to_code(to_string(to));
        // rows at other points are skipped, and their codes not checked: they get a point that is neither
        measurement_point other = measurement_point::start;
        while (other == from || other == to) other = static_cast<measurement_point>(static_cast<int>(other) + 1);
        for (const auto text : point_texts) points.push_back(text == from_code ? from : text == to_code ? to : other);
        std::vector<client_change> changes;
        {
          py::gil_scoped_release release;
          changes = paired_changes(in, scale, ids, points,
                                   std::span<const double>(scores.data(), static_cast<std::size_t>(scores.size())), from, to);
        }
        py::list referral, category;
        std::vector<double> before, after, change;
        for (const auto& c : changes) {
          referral.append(c.referral.str());
          category.append(std::string(to_string(c.category)));
          before.push_back(c.before);
          after.push_back(c.after);
          change.push_back(c.change);
        }
        py::dict out;
        out["referral_id"] = referral;
        out["before"] = py::array_t<double>(py::cast(before));
        out["after"] = py::array_t<double>(py::cast(after));
        out["change"] = py::array_t<double>(py::cast(change));
        out["category"] = category;
        return out;
      },
      py::arg("instrument"), py::arg("scale"), py::arg("referral_ids"), py::arg("points"), py::arg("scores"),
      py::kw_only(), py::arg("start"), py::arg("end"),
      "Each client's paired change on one scale of an instrument from columns of its measurements (referral id, "
      "point code and score per row; rows at other points are skipped): a dict of columns referral_id, before, "
      "after, change and category, by referral id. Raises InvalidArgument naming measurements[<position>] when "
      "a referral has a second measurement at a point.");
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

  m.def(
      "funnel",
      [](const std::vector<referral_state>& states, const std::vector<std::optional<funnel_stage>>& reached) {
        require_rows(reached.size(), states.size(), "reached", "states");
        std::vector<referral_milestones> ms(states.size(), referral_milestones{referral_id{"_"}});
        for (std::size_t i = 0; i < states.size(); ++i) {
          ms[i].state = states[i];
          ms[i].reached = reached[i];
        }
        std::vector<funnel_row> rows;
        {
          py::gil_scoped_release release;
          rows = funnel(ms);
        }
        return funnel_columns(rows);
      },
      py::arg("states"), py::arg("reached"),
      "The referral funnel from the milestones' columns `state` and `reached` (None: never issued): the "
      "columns stage, reached, open (at the stage, not closed) and dropped (closed there without completing).");
  m.def(
      "first_contact_summary",
      [](const py::object& accepted_on, const py::object& business_days, const py::object& within_deadline) {
        const auto accepted = as_day_array(accepted_on, "accepted_on");
        const auto days = double_array::ensure(business_days);
        const auto within = double_array::ensure(within_deadline);
        if (!days || !within) throw py::type_error("business_days and within_deadline must be numbers (NaN: none)");
        const auto n = static_cast<std::size_t>(accepted.size());
        require_rows(static_cast<std::size_t>(days.size()), n, "business_days", "accepted_on");
        require_rows(static_cast<std::size_t>(within.size()), n, "within_deadline", "accepted_on");
        first_contact_kpi k;
        {
          py::gil_scoped_release release;
          std::vector<referral_milestones> ms(n, referral_milestones{referral_id{"_"}});
          for (std::size_t i = 0; i < n; ++i) {
            ms[i].accepted_on = day_at(accepted, i);
            if (!std::isnan(days.data()[i])) ms[i].business_days_to_first_contact = std::llround(days.data()[i]);
            if (!std::isnan(within.data()[i])) ms[i].first_contact_within_deadline = within.data()[i] != 0;
          }
          k = first_contact_summary(ms);
        }
        py::dict out;
        out["accepted"] = k.accepted;
        out["contacted"] = k.contacted;
        out["within_deadline"] = k.within_deadline;
        out["median"] = or_nan(k.median_business_days);
        out["p90"] = or_nan(k.p90_business_days);
        out["mean"] = or_nan(k.mean_business_days);
        return out;
      },
      py::arg("accepted_on"), py::arg("business_days"), py::arg("within_deadline"),
      "The time to first contact from the milestones' columns (acceptance days with NaT, business days to "
      "first contact and within-deadline flags with NaN where unknown): accepted, contacted, within_deadline, "
      "median, p90 (linear, as numpy) and mean business days (NaN when none was contacted).");
  m.def(
      "assignment_spans",
      [](const std::vector<std::string>& referral_ids, const std::vector<referral_event>& events,
         const py::object& days_in, const std::vector<std::optional<std::string>>& link_workers) {
        const auto days = as_day_array(days_in, "days");
        const std::size_t n = referral_ids.size();
        require_rows(events.size(), n, "events", "referral_ids");
        require_rows(static_cast<std::size_t>(days.size()), n, "days", "referral_ids");
        require_rows(link_workers.size(), n, "link_workers", "referral_ids");
        std::vector<milestone_event> rows;
        rows.reserve(n);
        for (std::size_t i = 0; i < n; ++i) {
          const auto day = day_at(days, i);
          if (!day) throw invalid_argument(error_id::invalid_date, "days[" + std::to_string(i) + "]", "must be a day, not NaT");
          std::optional<link_worker_id> lw;
          if (link_workers[i]) lw.emplace(*link_workers[i]);
          rows.push_back({referral_id{referral_ids[i]}, events[i], *day, std::nullopt, std::move(lw)});
        }
        std::vector<assignment_span> spans;
        {
          py::gil_scoped_release release;
          spans = assignment_spans(rows);
        }
        py::list ids, workers;
        std::vector<std::int64_t> start, end;
        for (const auto& sp : spans) {
          ids.append(sp.referral.str());
          workers.append(sp.worker ? py::object(py::str(sp.worker->str())) : py::none());
          start.push_back(days_since_epoch(sp.start));
          end.push_back(sp.end ? days_since_epoch(*sp.end) : finnish_calendar::not_a_day);
        }
        py::dict out;
        out["referral_id"] = ids;
        out["link_worker_id"] = workers;
        out["start"] = datetime64_of(start);
        out["end"] = datetime64_of(end);
        return out;
      },
      py::arg("referral_ids"), py::arg("events"), py::arg("days"), py::arg("link_workers"),
      "Who held each referral when, from event columns (local days): one span per assign or reassign, to the "
      "next reassign or closing event (is_closing), as columns referral_id, link_worker_id, start, end (NaT "
      "while it lasts); grouped by referral in order of first appearance.");
  m.def(
      "caseloads_on",
      [](const std::vector<std::optional<std::string>>& link_workers, const py::object& start_in,
         const py::object& end_in, const py::object& days_in) {
        const auto start = as_day_array(start_in, "start");
        const auto end = as_day_array(end_in, "end");
        const auto days = as_day_array(days_in, "days");
        const std::size_t n = link_workers.size();
        require_rows(static_cast<std::size_t>(start.size()), n, "start", "link_workers");
        require_rows(static_cast<std::size_t>(end.size()), n, "end", "link_workers");
        std::vector<assignment_span> spans;
        spans.reserve(n);
        for (std::size_t i = 0; i < n; ++i) {
          const auto from = day_at(start, i);
          if (!from) throw invalid_argument(error_id::invalid_date, "start[" + std::to_string(i) + "]", "must be a day, not NaT");
          std::optional<link_worker_id> lw;
          if (link_workers[i]) lw.emplace(*link_workers[i]);
          spans.push_back({referral_id{"_"}, std::move(lw), *from, day_at(end, i)});
        }
        std::vector<date> on;
        for (std::size_t i = 0; i < static_cast<std::size_t>(days.size()); ++i) {
          const auto d = day_at(days, i);
          if (!d) throw invalid_argument(error_id::invalid_date, "days[" + std::to_string(i) + "]", "must be a day, not NaT");
          on.push_back(*d);
        }
        std::vector<worker_caseload> rows;
        {
          py::gil_scoped_release release;
          rows = caseloads_on(spans, on);
        }
        py::list workers;
        std::vector<std::int64_t> day;
        std::vector<std::size_t> count;
        for (const auto& r : rows) {
          day.push_back(days_since_epoch(r.day));
          workers.append(r.worker.str());
          count.push_back(r.caseload);
        }
        py::dict out;
        out["day"] = datetime64_of(day);
        out["link_worker_id"] = workers;
        out["caseload"] = int_array(count);
        return out;
      },
      py::arg("link_workers"), py::arg("start"), py::arg("end"), py::arg("days"),
      "Each link worker's caseload on each day from assignment spans (columns of assignment_spans): the spans "
      "with start <= day and no end or end > day, as columns day, link_worker_id, caseload (every worker of the "
      "spans on every day, workers in order of id).");
  m.def(
      "visit_comparison",
      [](const std::vector<std::string>& referral_ids, const std::vector<std::optional<std::string>>& client_ids,
         const std::vector<std::optional<referral_state>>& states, const py::object& first_contact_in,
         const py::object& closed_in, const std::vector<std::optional<std::string>>& visit_clients,
         const py::object& visit_days_in, const std::vector<std::optional<std::string>>& visit_kinds,
         int window_days, date as_of) {
        const auto first_contact = as_day_array(first_contact_in, "first_contact_on");
        const auto closed = as_day_array(closed_in, "closed_on");
        const auto visit_days = as_day_array(visit_days_in, "visit_days");
        const std::size_t n = referral_ids.size();
        require_rows(client_ids.size(), n, "client_ids", "referral_ids");
        require_rows(states.size(), n, "states", "referral_ids");
        require_rows(static_cast<std::size_t>(first_contact.size()), n, "first_contact_on", "referral_ids");
        require_rows(static_cast<std::size_t>(closed.size()), n, "closed_on", "referral_ids");
        require_rows(static_cast<std::size_t>(visit_days.size()), visit_clients.size(), "visit_days", "visit_clients");
        require_rows(visit_kinds.size(), visit_clients.size(), "visit_kinds", "visit_clients");
        // Referrals without a client or a state cannot be compared: they stay drafts without days.
        std::vector<referral_milestones> ms;
        std::vector<client_id> clients;
        std::vector<std::size_t> rows;
        for (std::size_t i = 0; i < n; ++i) {
          if (!client_ids[i] || !states[i]) continue;
          referral_milestones m{referral_id{referral_ids[i]}};
          m.state = *states[i];
          m.first_contact_on = day_at(first_contact, i);
          m.closed_on = day_at(closed, i);
          ms.push_back(std::move(m));
          clients.emplace_back(*client_ids[i]);
          rows.push_back(i);
        }
        std::vector<care_visit> visits;
        for (std::size_t i = 0; i < visit_clients.size(); ++i) {
          const auto d = day_at(visit_days, i);
          if (!visit_clients[i] || !visit_kinds[i] || !d) continue;  // as pandas: a missing key counts nowhere
          visits.push_back({client_id{*visit_clients[i]}, *d, *visit_kinds[i]});
        }
        visit_comparison_result r;
        {
          py::gil_scoped_release release;
          r = visit_comparison(ms, clients, visits, window_days, as_of);
        }
        const auto kinds = r.kinds.size();
        py::array_t<std::int64_t> before({static_cast<py::ssize_t>(r.windows.size()), static_cast<py::ssize_t>(kinds)});
        py::array_t<std::int64_t> after({static_cast<py::ssize_t>(r.windows.size()), static_cast<py::ssize_t>(kinds)});
        auto b = before.mutable_unchecked<2>();
        auto a = after.mutable_unchecked<2>();
        py::list ids, cls;
        for (std::size_t w = 0; w < r.windows.size(); ++w) {
          ids.append(r.windows[w].referral.str());
          cls.append(r.windows[w].client.str());
          for (std::size_t k = 0; k < kinds; ++k) {
            b(static_cast<py::ssize_t>(w), static_cast<py::ssize_t>(k)) = static_cast<std::int64_t>(r.windows[w].before[k]);
            a(static_cast<py::ssize_t>(w), static_cast<py::ssize_t>(k)) = static_cast<std::int64_t>(r.windows[w].after[k]);
          }
        }
        py::dict out;
        out["kinds"] = r.kinds;
        out["referral_id"] = ids;
        out["client_id"] = cls;
        out["before"] = before;
        out["after"] = after;
        return out;
      },
      py::arg("referral_ids"), py::arg("client_ids"), py::arg("states"), py::arg("first_contact_on"),
      py::arg("closed_on"), py::arg("visit_clients"), py::arg("visit_days"), py::arg("visit_kinds"), py::kw_only(),
      py::arg("window_days"), py::arg("as_of"),
      "Care visits in equal windows before the first contact and after the closure, for the completed or "
      "discontinued referrals whose after-window has ended by as_of: a dict with kinds (sorted), referral_id, "
      "client_id and the before and after counts (one row per referral, one column per kind).");
}

}  // namespace kulkija::python
