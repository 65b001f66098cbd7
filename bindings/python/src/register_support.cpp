// The submodules kulkija._core.calendar (the Finnish business-day calendar) and
// kulkija._core.support (support-period policies and support periods).
//
// The support headers come before register.hpp so that its labelled_enum concept (a
// qualified call to kulkija::label) sees label(finnish_holiday).
#include "kulkija/support/calendar.hpp"
#include "kulkija/support/policy.hpp"
#include "kulkija/support/support_period.hpp"
#include "kulkija/support/history.hpp"
//
#include "register.hpp"

#include <pybind11/numpy.h>

#include "arrow.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace kulkija::python {

inline holiday_kind parse_holiday_kind(std::string_view code) {
  return parse_by_code<holiday_kind, holiday_kind::closure>("holiday kind", code);
}
inline deadline_kind parse_deadline_kind(std::string_view code) {
  return parse_by_code<deadline_kind, deadline_kind::follow_up_measurement>("deadline kind", code);
}
inline support_status parse_support_status(std::string_view code) {
  return parse_by_code<support_status, support_status::ended>("support status", code);
}
inline warning_kind parse_warning_kind(std::string_view code) {
  return parse_by_code<warning_kind, warning_kind::follow_up_due>("warning kind", code);
}

// clang-format off
template <> struct enum_traits<finnish_holiday> : enum_traits_of<finnish_holiday, finnish_holiday::st_stephens_day, parse_finnish_holiday> {};
template <> struct enum_traits<holiday_kind> : enum_traits_of<holiday_kind, holiday_kind::closure, parse_holiday_kind> {};
template <> struct enum_traits<length_unit> : enum_traits_of<length_unit, length_unit::months, parse_length_unit> {};
template <> struct enum_traits<contact_mode> : enum_traits_of<contact_mode, contact_mode::group_activity, parse_contact_mode> {};
template <> struct enum_traits<meeting_outcome> : enum_traits_of<meeting_outcome, meeting_outcome::no_show, parse_meeting_outcome> {};
template <> struct enum_traits<deadline_kind> : enum_traits_of<deadline_kind, deadline_kind::follow_up_measurement, parse_deadline_kind> {};
template <> struct enum_traits<support_status> : enum_traits_of<support_status, support_status::ended, parse_support_status> {};
template <> struct enum_traits<warning_kind> : enum_traits_of<warning_kind, warning_kind::follow_up_due, parse_warning_kind> {};
// clang-format on

namespace {

using days_array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

// A numpy datetime64[D] array seen as int64 days since 1970-01-01 (no copy when contiguous).
days_array as_days(const py::array& a, const char* name) {
  const py::dtype dt = a.dtype();
  if (dt.kind() != 'M') {
    throw py::type_error(std::string(name) + " must be a numpy.datetime64[D] array, got dtype " +
                         py::str(dt).cast<std::string>());
  }
  const auto unit = py::module_::import("numpy").attr("datetime_data")(dt)[py::int_(0)].cast<std::string>();
  if (unit != "D") {
    throw py::value_error(std::string(name) + " must have unit 'D' (datetime64[D]), got '" + unit +
                          "'; convert with .astype('datetime64[D]')");
  }
  return days_array::ensure(a.attr("view")("int64"));
}

days_array as_int64(const py::object& o, const char* name) {
  auto a = days_array::ensure(o);
  if (!a) throw py::type_error(std::string(name) + " must be an integer or an integer array");
  return a;
}

std::vector<py::ssize_t> shape_of(const py::array& a) { return {a.shape(), a.shape() + a.ndim()}; }

std::span<const std::int64_t> in_span(const days_array& a) {
  return {a.data(), static_cast<std::size_t>(a.size())};
}
template <class T>
std::span<T> out_span(py::array_t<T>& a) {
  return {a.mutable_data(), static_cast<std::size_t>(a.size())};
}

py::object as_datetime64(py::array_t<std::int64_t>& a) { return a.attr("view")("datetime64[D]"); }

void require_same_shape(const py::array& a, const py::array& b, const char* name) {
  if (shape_of(a) != shape_of(b)) {
    throw py::value_error(std::string(name) + " must have the same shape as the dates");
  }
}

// "1111100" (numpy's weekmask: 1 = a business day, Monday first) <-> the weekend flags.
std::array<bool, 7> weekend_from_mask(const std::string& mask) {
  if (mask.size() != 7 || mask.find_first_not_of("01") != std::string::npos) {
    throw invalid_argument(error_id::invalid_value, "weekmask",
                           "must be seven characters 0 or 1, Monday first (1 = business day), got " + quote(mask));
  }
  std::array<bool, 7> weekend{};
  for (std::size_t i = 0; i < 7; ++i) weekend[i] = mask[i] == '0';
  return weekend;
}
std::string mask_from_weekend(const std::array<bool, 7>& weekend) {
  std::string mask;
  for (bool off : weekend) mask += off ? '0' : '1';
  return mask;
}

finnish_calendar make_calendar(bool midsummer, bool christmas, const std::string& weekmask,
                               std::vector<closure_day> closures) {
  calendar_options o;
  o.midsummer_eve_off = midsummer;
  o.christmas_eve_off = christmas;
  o.weekend = weekend_from_mask(weekmask);
  o.closures = std::move(closures);
  return finnish_calendar{std::move(o)};
}

// The days of an Arrow column (the Arrow forms of the calendar): TypeError for anything else.
std::vector<std::int64_t> arrow_days(const py::object& days, const char* name) {
  if (!arrow::is_arrow(days)) {
    throw py::type_error(std::string(name) +
                         " must be a datetime.date, a numpy.datetime64[D] array or an Arrow array of dates");
  }
  return arrow::import_days(days, name);
}

// Integers from an Arrow column or a numpy array, `rows` of them.
std::vector<std::int64_t> arrow_or_numpy_integers(const py::object& n, const char* name, std::size_t rows) {
  std::vector<std::int64_t> out;
  if (arrow::is_arrow(n)) {
    out = arrow::import_integers(n, name);
  } else {
    const auto a = as_int64(n, name);
    out.assign(a.data(), a.data() + a.size());
  }
  if (out.size() != rows) {
    throw invalid_argument(error_id::invalid_value, name,
                           "has " + std::to_string(out.size()) + " rows, the days " + std::to_string(rows));
  }
  return out;
}

std::string repr_date(date d) { return "datetime.date(" + std::to_string(static_cast<int>(d.year())) + ", " +
                                       std::to_string(static_cast<int>(d.month())) + ", " +
                                       std::to_string(static_cast<int>(d.day())) + ")"; }

}  // namespace

void register_calendar(py::module_& m) {
  bind_enum<finnish_holiday>(m, "FinnishHoliday",
                             "The Finnish public holidays and de facto days off kulkija knows, including those of "
                             "earlier rules (Annunciation Day before 1955, Whit Monday before 1973).");
  bind_enum<holiday_kind>(m, "HolidayKind", "Why a day is off: an official holiday, a de facto day off, or a closure.");

  py::class_<holiday> h(m, "Holiday", "One day off in a calendar: the day, its kind and its name in fi, sv and en.");
  h.def_readonly("day", &holiday::day, "The day.")
      .def_readonly("kind", &holiday::kind, "Official holiday, de facto day off, or a region's closure.")
      .def_readonly("which", &holiday::which, "The Finnish holiday, or None for a closure day.")
      .def_readonly("name", &holiday::name, "The name in fi, sv and en (a LocalizedText).")
      .def("__repr__", [](const holiday& x) {
        return "Holiday(" + repr_date(x.day) + ", " + std::string(to_string(x.kind)) + ", " + py::repr(py::str(x.name.en)).cast<std::string>() + ")";
      });
  def_eq(h);

  py::class_<closure_day> c(m, "ClosureDay", "A day on which a region's service is closed, with its name.");
  c.def(py::init([](date day, localized_text name) { return closure_day{day, std::move(name)}; }), py::arg("day"),
        py::arg("name"), "Creates the closure day; `name` is a LocalizedText.")
      .def(py::init([](date day, const std::string& name) { return closure_day{day, {name, name, name}}; }),
           py::arg("day"), py::arg("name"), "Creates the closure day with the same name in fi, sv and en.")
      .def_readonly("day", &closure_day::day, "The day.")
      .def_readonly("name", &closure_day::name, "The name in fi, sv and en.")
      .def("__repr__", [](const closure_day& x) {
        return "ClosureDay(" + repr_date(x.day) + ", " + py::repr(py::str(x.name.en)).cast<std::string>() + ")";
      })
      .def(py::pickle([](const closure_day& x) { return py::make_tuple(x.day, x.name); },
                      [](const py::tuple& s) { return closure_day{s[0].cast<date>(), s[1].cast<localized_text>()}; }));
  def_eq(c);

  m.def("easter_sunday", &easter_sunday, py::arg("year"), "Easter Sunday of `year` (1583-9999), Gregorian.");
  m.def("finnish_holidays", &finnish_holidays, py::arg("year"),
        "The official Finnish holidays and de facto days off of `year` (1900-2200) under the rules in force "
        "that year, in date order.");

  py::class_<finnish_calendar> cal(
      m, "FinnishCalendar",
      "A Finnish business-day calendar over 1900-01-01 to 2200-12-31, with O(1) offsets and counts.\n\n"
      "add_business_days follows numpy.busday_offset(roll='forward'): a start that is not a business day rolls "
      "forward first (pandas' CustomBusinessDay counts the roll as the first step instead). "
      "business_days_between follows numpy.busday_count. Every method also takes numpy datetime64[D] arrays "
      "and then runs without the GIL; NaT stays NaT.");
  cal.def(py::init(&make_calendar), py::kw_only(), py::arg("midsummer_eve_off") = true,
          py::arg("christmas_eve_off") = true, py::arg("weekmask") = "1111100",
          py::arg("closures") = std::vector<closure_day>{},
          "Creates the calendar. `weekmask` is numpy's: seven 0/1 characters, Monday first, 1 = business day.")
      .def_static(
          "from_json", [](std::string_view text) { return finnish_calendar{calendar_options_from_json(text)}; },
          py::arg("text"),
          "Reads a region's calendar from JSON (midsummer_eve_off, christmas_eve_off, weekmask, closures); raises "
          "ParseError naming the JSON path.")
      .def_property_readonly("midsummer_eve_off", [](const finnish_calendar& x) { return x.options().midsummer_eve_off; },
                             "Whether Midsummer Eve is a day off.")
      .def_property_readonly("christmas_eve_off", [](const finnish_calendar& x) { return x.options().christmas_eve_off; },
                             "Whether Christmas Eve is a day off.")
      .def_property_readonly("weekmask", [](const finnish_calendar& x) { return mask_from_weekend(x.options().weekend); },
                             "numpy's weekmask: 1 = business day, Monday first.")
      .def_property_readonly("closures", [](const finnish_calendar& x) { return x.options().closures; },
                             "The region's closure days.")
      .def_property_readonly_static("first_day", [](const py::object&) { return finnish_calendar::first_day(); },
                                    "The first day covered, 1900-01-01.")
      .def_property_readonly_static("last_day", [](const py::object&) { return finnish_calendar::last_day(); },
                                    "The last day covered, 2200-12-31.")
      .def(
          "is_business_day", [](const finnish_calendar& x, date d) { return x.is_business_day(d); }, py::arg("day"),
          "Whether `day` is a business day.")
      .def(
          "is_business_day",
          [](const finnish_calendar& x, const py::array& days) {
            const auto in = as_days(days, "day");
            py::array_t<std::uint8_t> out(shape_of(in));
            {
              py::gil_scoped_release release;
              x.is_business_day(in_span(in), out_span(out));
            }
            return py::object(out.attr("view")("bool"));
          },
          py::arg("day"), "Array form: a bool array, False for NaT.")
      .def(
          "add_business_days", [](const finnish_calendar& x, date d, std::int64_t n) { return x.add_business_days(d, n); },
          py::arg("day"), py::arg("n"),
          "Moves `n` business days from `day` after rolling a non-business day forward "
          "(numpy.busday_offset(roll='forward')).")
      .def(
          "add_business_days",
          [](const finnish_calendar& x, const py::array& days, const py::object& n) {
            const auto in = as_days(days, "day");
            py::array_t<std::int64_t> out(shape_of(in));
            if (py::isinstance<py::int_>(n)) {
              const auto step = n.cast<std::int64_t>();
              py::gil_scoped_release release;
              x.add_business_days(in_span(in), step, out_span(out));
            } else {
              const auto steps = as_int64(n, "n");
              require_same_shape(in, steps, "n");
              py::gil_scoped_release release;
              x.add_business_days(in_span(in), in_span(steps), out_span(out));
            }
            return as_datetime64(out);
          },
          py::arg("day"), py::arg("n"), "Array form: a datetime64[D] array; `n` an int or an int array of the same shape.")
      .def(
          "business_days_between", [](const finnish_calendar& x, date a, date b) { return x.business_days_between(a, b); },
          py::arg("start"), py::arg("end"),
          "The business days in [start, end); when end < start, minus those in (end, start] (numpy.busday_count).")
      .def(
          "business_days_between",
          [](const finnish_calendar& x, const py::array& a, const py::array& b) {
            const auto ia = as_days(a, "start");
            const auto ib = as_days(b, "end");
            require_same_shape(ia, ib, "end");
            py::array_t<std::int64_t> out(shape_of(ia));
            {
              py::gil_scoped_release release;
              x.business_days_between(in_span(ia), in_span(ib), out_span(out));
            }
            return out;
          },
          py::arg("start"), py::arg("end"), "Array form: an int64 array, 0 where either day is NaT.")
      // Arrow forms, last: pybind11 tries them after the date and numpy forms
      .def(
          "is_business_day",
          [](const finnish_calendar& x, const arrow::arrow_object& days) {
            const auto in = arrow_days(days.obj, "day");
            std::vector<std::uint8_t> out(in.size());
            {
              py::gil_scoped_release release;
              x.is_business_day(in, out);
            }
            return arrow::export_flags(out, in);
          },
          py::arg("day"), "Arrow form: a boolean kulkija.io.ArrowData, null where the day is null.")
      .def(
          "add_business_days",
          [](const finnish_calendar& x, const arrow::arrow_object& days, const py::object& n) {
            const auto in = arrow_days(days.obj, "day");
            std::vector<std::int64_t> out(in.size());
            if (py::isinstance<py::int_>(n)) {
              const auto step = n.cast<std::int64_t>();
              py::gil_scoped_release release;
              x.add_business_days(in, step, out);
            } else {
              const auto steps = arrow_or_numpy_integers(n, "n", in.size());
              py::gil_scoped_release release;
              x.add_business_days(in, steps, out);
            }
            return arrow::export_days(out);
          },
          py::arg("day"), py::arg("n"),
          "Arrow form: `day` an Arrow array of dates (date32, date64, naive timestamps; a pyarrow Array or "
          "ChunkedArray, a polars Series, ...), `n` an int or an array of ints; a date32 kulkija.io.ArrowData, "
          "null where the day is null.")
      .def(
          "business_days_between",
          [](const finnish_calendar& x, const arrow::arrow_object& a, const arrow::arrow_object& b) {
            const auto ia = arrow_days(a.obj, "start");
            const auto ib = arrow_days(b.obj, "end");
            if (ia.size() != ib.size()) {
              throw invalid_argument(error_id::invalid_value, "end",
                                     "has " + std::to_string(ib.size()) + " rows, start " + std::to_string(ia.size()));
            }
            std::vector<std::int64_t> out(ia.size());
            {
              py::gil_scoped_release release;
              x.business_days_between(ia, ib, out);
            }
            return arrow::export_int64(out, ia, ib);
          },
          py::arg("start"), py::arg("end"), "Arrow form: an int64 kulkija.io.ArrowData, null where either day is null.")
      .def("holidays", &finnish_calendar::holidays, py::arg("year"),
           "The days off of `year` besides plain weekends: holidays, kept de facto days off, closures.")
      .def("holidays_on", &finnish_calendar::holidays_on, py::arg("day"), "The holidays on `day` (usually none or one).")
      .def("days_off", &finnish_calendar::days_off, py::arg("start"), py::arg("end"),
           "Every non-weekend day off in [start, end]: the holiday list for numpy.busday_offset.")
      .def("__repr__",
           [](const finnish_calendar& x) {
             const auto& o = x.options();
             return "FinnishCalendar(midsummer_eve_off=" + std::string(o.midsummer_eve_off ? "True" : "False") +
                    ", christmas_eve_off=" + (o.christmas_eve_off ? "True" : "False") + ", weekmask='" +
                    mask_from_weekend(o.weekend) + "', closures=<" + std::to_string(o.closures.size()) + ">)";
           })
      .def(py::pickle(
          [](const finnish_calendar& x) {
            const auto& o = x.options();
            return py::make_tuple(o.midsummer_eve_off, o.christmas_eve_off, mask_from_weekend(o.weekend), o.closures);
          },
          [](const py::tuple& s) {
            return make_calendar(s[0].cast<bool>(), s[1].cast<bool>(), s[2].cast<std::string>(),
                                 s[3].cast<std::vector<closure_day>>());
          }));
  def_eq(cal);
}

// ------------------------------------------------------------------ support

support_policy make_policy(std::string id, std::string version, std::string region, date valid_from,
                           std::optional<date> valid_to, length first_contact, int max_meetings, length max_length,
                           int max_extensions, length extension_length, bool extension_reason_required,
                           length max_pause_total, int no_contact_days, int no_contact_warning_days, length follow_up,
                           int due_soon_business_days) {
  support_policy p;
  p.id = std::move(id);
  p.version = std::move(version);
  p.region = std::move(region);
  p.valid_from = valid_from;
  p.valid_to = valid_to;
  p.first_contact = first_contact;
  p.max_meetings = max_meetings;
  p.max_length = max_length;
  p.max_extensions = max_extensions;
  p.extension_length = extension_length;
  p.extension_reason_required = extension_reason_required;
  p.max_pause_total = max_pause_total;
  p.no_contact_days = no_contact_days;
  p.no_contact_warning_days = no_contact_warning_days;
  p.follow_up = follow_up;
  p.due_soon_business_days = due_soon_business_days;
  validate(p);
  return p;
}

namespace {

std::string repr_length(const length& l) {
  return "Length(" + std::to_string(l.amount) + ", '" + std::string(to_string(l.unit)) + "')";
}

// The first-contact deadline of every acceptance day (not_a_day stays not_a_day).
void first_contact_days(std::span<const std::int64_t> src, const support_policy& policy, const finnish_calendar& calendar,
                        std::span<std::int64_t> dst) {
  const length& l = policy.first_contact;
  if (l.unit == length_unit::business_days) {
    calendar.add_business_days(src, l.amount, dst);
    return;
  }
  const std::int64_t step = l.unit == length_unit::weeks ? 7LL * l.amount : l.amount;
  for (std::size_t i = 0; i < src.size(); ++i) {
    if (src[i] == finnish_calendar::not_a_day) {
      dst[i] = finnish_calendar::not_a_day;
    } else if (l.unit == length_unit::months) {
      dst[i] = days_since_epoch(date_from_epoch_days(src[i]) + boost::gregorian::months(l.amount));
    } else {
      dst[i] = src[i] + step;
    }
  }
}

support_period replay_period(const py::tuple& s) {
  support_period p{s[0].cast<referral_id>(), s[1].cast<date>(), support_policy_from_json(s[2].cast<std::string>()),
                   s[3].cast<finnish_calendar>()};
  for (const auto& x : s[4].cast<std::vector<meeting>>()) p.record_meeting(x);
  for (const auto& x : s[5].cast<std::vector<support_pause>>()) p.add_pause(x);
  for (const auto& x : s[6].cast<std::vector<support_extension>>()) p.extend(x);
  if (!s[7].is_none()) p.close(s[7].cast<support_closure>());
  return p;
}

}  // namespace

void register_support(py::module_& m) {
  bind_enum<length_unit>(m, "LengthUnit", "The unit of a length in a policy.");
  bind_enum<contact_mode>(m, "ContactMode", "How a link worker and a client meet.");
  bind_enum<meeting_outcome>(m, "MeetingOutcome", "Whether a planned meeting took place.");
  bind_enum<deadline_kind>(m, "DeadlineKind", "What a deadline is for.");
  bind_enum<support_status>(m, "SupportStatus", "Where a support period stands on a day.");
  bind_enum<warning_kind>(m, "WarningKind", "What a service should warn about.");

  py::class_<length> len(m, "Length", "An amount of a unit, e.g. Length(12, 'weeks').");
  len.def(py::init([](int amount, length_unit unit) { return length{amount, unit}; }), py::arg("amount"),
          py::arg("unit"), "Creates the length; `unit` is a LengthUnit or its code.")
      .def_readonly("amount", &length::amount, "How many units.")
      .def_readonly("unit", &length::unit, "The unit.")
      .def("__str__", [](const length& l) { return to_string(l); })
      .def("__repr__", &repr_length)
      .def(py::pickle([](const length& l) { return py::make_tuple(l.amount, l.unit); },
                      [](const py::tuple& s) { return length{s[0].cast<int>(), s[1].cast<length_unit>()}; }));
  def_eq(len);

  const support_policy d;
  py::class_<support_policy> pol(
      m, "Policy",
      "A support-period policy: first contact, meetings, length, extensions, pauses, no-contact limit, follow-up. "
      "Versioned like rule sets (id, version, region, valid_from, valid_to). Defaults: first contact within 10 "
      "business days, 12 meetings, 12 weeks, one extension of up to 6 weeks, follow-up at 3 months.");
  pol.def(py::init(&make_policy), py::kw_only(), py::arg("id") = d.id, py::arg("version") = d.version,
          py::arg("region") = d.region, py::arg_v("valid_from", d.valid_from, "1900-01-01"), py::arg("valid_to") = d.valid_to,
          py::arg_v("first_contact", d.first_contact, "10 business_days"), py::arg("max_meetings") = d.max_meetings,
          py::arg_v("max_length", d.max_length, "12 weeks"), py::arg("max_extensions") = d.max_extensions,
          py::arg_v("extension_length", d.extension_length, "6 weeks"),
          py::arg("extension_reason_required") = d.extension_reason_required,
          py::arg_v("max_pause_total", d.max_pause_total, "6 weeks"), py::arg("no_contact_days") = d.no_contact_days,
          py::arg("no_contact_warning_days") = d.no_contact_warning_days, py::arg_v("follow_up", d.follow_up, "3 months"),
          py::arg("due_soon_business_days") = d.due_soon_business_days,
          "Creates and validates the policy; raises InvalidArgument naming the field (as in the JSON form).")
      .def_static("from_json", &support_policy_from_json, py::arg("text"),
                  "Reads a policy from JSON; raises ParseError naming the JSON path.")
      .def("to_json", [](const support_policy& p) { return to_json(p); }, "The policy as JSON.")
      .def("in_force_on", [](const support_policy& p, date day) { return in_force_on(p, day); }, py::arg("day"),
           "Whether the policy is in force on `day`.")
      .def_readonly("id", &support_policy::id, "The policy's id.")
      .def_readonly("version", &support_policy::version, "The version, e.g. '2026.1'.")
      .def_readonly("region", &support_policy::region, "The region it applies in.")
      .def_readonly("valid_from", &support_policy::valid_from, "The first day it is in force.")
      .def_readonly("valid_to", &support_policy::valid_to, "The last day it is in force, or None.")
      .def_readonly("first_contact", &support_policy::first_contact, "First contact within this of acceptance.")
      .def_readonly("max_meetings", &support_policy::max_meetings, "Attended meetings at most.")
      .def_readonly("max_length", &support_policy::max_length, "From first contact to the planned end.")
      .def_readonly("max_extensions", &support_policy::max_extensions, "Extensions at most.")
      .def_readonly("extension_length", &support_policy::extension_length, "Each extension at most this long.")
      .def_readonly("extension_reason_required", &support_policy::extension_reason_required,
                    "Whether an extension must give a reason.")
      .def_readonly("max_pause_total", &support_policy::max_pause_total, "Pauses in total at most.")
      .def_readonly("no_contact_days", &support_policy::no_contact_days,
                    "Discontinue after this many days without contact.")
      .def_readonly("no_contact_warning_days", &support_policy::no_contact_warning_days,
                    "Warn this many days before the no-contact limit.")
      .def_readonly("follow_up", &support_policy::follow_up, "The follow-up measurement this long after the end.")
      .def_readonly("due_soon_business_days", &support_policy::due_soon_business_days,
                    "A deadline this close (business days) is due soon.")
      .def("__repr__",
           [](const support_policy& p) {
             return "Policy(id=" + py::repr(py::str(p.id)).cast<std::string>() +
                    ", version=" + py::repr(py::str(p.version)).cast<std::string>() + ")";
           })
      .def(py::pickle([](const support_policy& p) { return py::make_tuple(to_json(p)); },
                      [](const py::tuple& s) { return support_policy_from_json(s[0].cast<std::string>()); }));
  def_eq(pol);

  py::class_<meeting> meet(m, "Meeting", "One meeting of the link worker and the client.");
  meet.def(py::init([](date day, contact_mode mode, meeting_outcome outcome) { return meeting{day, mode, outcome}; }),
           py::arg("day"), py::arg("mode") = contact_mode::in_person, py::arg("outcome") = meeting_outcome::attended,
           "Creates the meeting.")
      .def_readonly("day", &meeting::day, "The day.")
      .def_readonly("mode", &meeting::mode, "How they met.")
      .def_readonly("outcome", &meeting::outcome, "Whether it took place.")
      .def("__repr__",
           [](const meeting& x) {
             return "Meeting(" + repr_date(x.day) + ", '" + std::string(to_string(x.mode)) + "', '" +
                    std::string(to_string(x.outcome)) + "')";
           })
      .def(py::pickle([](const meeting& x) { return py::make_tuple(x.day, x.mode, x.outcome); },
                      [](const py::tuple& s) {
                        return meeting{s[0].cast<date>(), s[1].cast<contact_mode>(), s[2].cast<meeting_outcome>()};
                      }));
  def_eq(meet);

  py::class_<support_pause> pause(m, "Pause", "A pause: the clock stops from `start` to `until`, both included.");
  pause.def(py::init([](date start, date until, reason_code reason) { return support_pause{start, until, reason}; }),
            py::arg("start"), py::arg("until"), py::arg("reason"), "Creates the pause.")
      .def_readonly("start", &support_pause::from, "The first paused day.")
      .def_readonly("until", &support_pause::until, "The last paused day.")
      .def_readonly("reason", &support_pause::reason, "Why (a ReasonCode the lifecycle's pause accepts).")
      .def("__repr__",
           [](const support_pause& x) {
             return "Pause(" + repr_date(x.from) + ", " + repr_date(x.until) + ", '" + std::string(to_string(x.reason)) + "')";
           })
      .def(py::pickle([](const support_pause& x) { return py::make_tuple(x.from, x.until, x.reason); },
                      [](const py::tuple& s) {
                        return support_pause{s[0].cast<date>(), s[1].cast<date>(), s[2].cast<reason_code>()};
                      }));
  def_eq(pause);

  py::class_<support_extension> ext(m, "Extension", "An extension of the support period.");
  ext.def(py::init([](date granted_on, length added, std::string reason) {
            return support_extension{granted_on, added, std::move(reason)};
          }),
          py::arg("granted_on"), py::arg("added"), py::arg("reason") = "", "Creates the extension.")
      .def_readonly("granted_on", &support_extension::granted_on, "The day it was granted.")
      .def_readonly("added", &support_extension::added, "How much longer.")
      .def_readonly("reason", &support_extension::reason, "Why.")
      .def("__repr__",
           [](const support_extension& x) {
             return "Extension(" + repr_date(x.granted_on) + ", " + repr_length(x.added) + ", " +
                    py::repr(py::str(x.reason)).cast<std::string>() + ")";
           })
      .def(py::pickle([](const support_extension& x) { return py::make_tuple(x.granted_on, x.added, x.reason); },
                      [](const py::tuple& s) {
                        return support_extension{s[0].cast<date>(), s[1].cast<length>(), s[2].cast<std::string>()};
                      }));
  def_eq(ext);

  py::class_<support_closure> clo(m, "Closure", "The end of a support period.");
  clo.def(py::init([](date day, reason_code reason) { return support_closure{day, reason}; }), py::arg("day"),
          py::arg("reason"), "Creates the closure.")
      .def_readonly("day", &support_closure::day, "The last day of support.")
      .def_readonly("reason", &support_closure::reason, "Why (a ReasonCode complete or discontinue accepts).")
      .def("__repr__",
           [](const support_closure& x) {
             return "Closure(" + repr_date(x.day) + ", '" + std::string(to_string(x.reason)) + "')";
           })
      .def(py::pickle([](const support_closure& x) { return py::make_tuple(x.day, x.reason); },
                      [](const py::tuple& s) { return support_closure{s[0].cast<date>(), s[1].cast<reason_code>()}; }));
  def_eq(clo);

  py::class_<deadline> dl(m, "Deadline", "A computed deadline with its rule and how its day was computed (fi, sv, en).");
  dl.def_readonly("kind", &deadline::kind, "What it is for.")
      .def_readonly("due", &deadline::due, "The day by which it is due (included).")
      .def_readonly("met_on", &deadline::met_on, "When it was met, or None.")
      .def_readonly("provisional", &deadline::provisional, "Whether it is an estimate from another deadline.")
      .def_readonly("rule", &deadline::rule, "The policy rule, e.g. 'first_contact.within = 10 business_days'.")
      .def_readonly("reason", &deadline::reason, "How the day was computed, as a LocalizedText.")
      .def("__repr__", [](const deadline& x) {
        return "Deadline('" + std::string(to_string(x.kind)) + "', " + repr_date(x.due) + ")";
      });
  def_eq(dl);

  py::class_<support_warning> warn(m, "SupportWarning", "A warning on a day, with the day it concerns and a text.");
  warn.def_readonly("kind", &support_warning::kind, "What it is about.")
      .def_readonly("due", &support_warning::due, "The deadline it concerns.")
      .def_readonly("text", &support_warning::text, "What to do, as a LocalizedText.")
      .def("__repr__", [](const support_warning& x) {
        return "SupportWarning('" + std::string(to_string(x.kind)) + "', " + repr_date(x.due) + ")";
      });
  def_eq(warn);

  py::class_<support_period> sp(
      m, "SupportPeriod",
      "A link worker's fixed-term support of one client under a policy and a calendar. Recording methods check "
      "everything first and raise without changing anything.");
  sp.def(py::init([](referral_id referral, date accepted_on, support_policy policy, finnish_calendar calendar) {
           return support_period{std::move(referral), accepted_on, std::move(policy), std::move(calendar)};
         }),
         py::arg("referral"), py::arg("accepted_on"), py::arg("policy") = support_policy{},
         py::arg("calendar") = finnish_calendar{}, "Starts a period on the day the referral was accepted.")
      .def_property_readonly("referral", &support_period::referral, "The referral's id.")
      .def_property_readonly("accepted_on", &support_period::accepted_on, "The day the referral was accepted.")
      .def_property_readonly("policy", &support_period::policy, "The policy.")
      .def_property_readonly("calendar", &support_period::calendar, "The calendar.")
      .def_property_readonly("meetings", &support_period::meetings, "The meetings, by day.")
      .def_property_readonly("pauses", &support_period::pauses, "The pauses, by day.")
      .def_property_readonly("extensions", &support_period::extensions, "The extensions, in the order granted.")
      .def_property_readonly("closure", &support_period::closure, "The closure, or None while open.")
      .def_property_readonly("first_contact_on", &support_period::first_contact_on,
                             "The day of the first attended meeting, or None.")
      .def_property_readonly("attended_meetings", &support_period::attended_meetings, "Attended meetings.")
      .def_property_readonly("remaining_meetings", &support_period::remaining_meetings, "Meetings left.")
      .def_property_readonly("paused_days", &support_period::paused_days, "Paused days in total.")
      .def(
          "record_meeting",
          [](support_period& p, date day, contact_mode mode, meeting_outcome outcome) {
            p.record_meeting({day, mode, outcome});
          },
          py::arg("day"), py::arg("mode") = contact_mode::in_person, py::arg("outcome") = meeting_outcome::attended,
          "Records a meeting; raises InvalidArgument (e.g. before acceptance, in a pause, over meetings.max).")
      .def(
          "add_pause",
          [](support_period& p, date start, date until, reason_code reason) { p.add_pause({start, until, reason}); },
          py::arg("start"), py::arg("until"), py::arg("reason"),
          "Records a pause from `start` to `until` (both included); raises on overlaps and limits.")
      .def(
          "extend",
          [](support_period& p, date granted_on, length added, std::string reason) {
            p.extend({granted_on, added, std::move(reason)});
          },
          py::arg("granted_on"), py::arg("added"), py::arg("reason") = "",
          "Records an extension; raises past extensions.max or extensions.length.")
      .def(
          "close", [](support_period& p, date day, reason_code reason) { p.close({day, reason}); }, py::arg("day"),
          py::arg("reason"), "Closes the period; raises InvalidTransition when already closed.")
      .def(
          "deadlines",
          [](const support_period& p, std::optional<date> on) { return on ? p.deadlines_on(*on) : p.deadlines(); },
          py::arg("on") = py::none(),
          "Every deadline; with `on`, as they stood that day (records after it are left out).")
      .def("status", &support_period::status, py::arg("on"), "The SupportStatus on day `on`.")
      .def("warnings", &support_period::warnings, py::arg("on"), "The warnings to raise on day `on`.")
      .def("__repr__",
           [](const support_period& p) {
             return "SupportPeriod(" + py::repr(py::str(p.referral().str())).cast<std::string>() + ", " +
                    repr_date(p.accepted_on()) + ", meetings=" + std::to_string(p.meetings().size()) + ")";
           })
      .def(py::pickle(
          [](const support_period& p) {
            return py::make_tuple(p.referral(), p.accepted_on(), to_json(p.policy()), p.calendar(), p.meetings(),
                                  p.pauses(), p.extensions(), p.closure());
          },
          &replay_period));
  def_eq(sp);

  m.def(
      "first_contact_due",
      [](const py::array& accepted_on, const support_policy& policy, const finnish_calendar& calendar) {
        const auto in = as_days(accepted_on, "accepted_on");
        py::array_t<std::int64_t> out(shape_of(in));
        const auto src = in_span(in);
        auto dst = out_span(out);
        {
          py::gil_scoped_release release;
          first_contact_days(src, policy, calendar, dst);
        }
        return as_datetime64(out);
      },
      py::arg("accepted_on"), py::arg("policy") = support_policy{}, py::arg("calendar") = finnish_calendar{},
      "The first-contact deadlines for a datetime64[D] array of acceptance days, in one call without the GIL.");
  m.def(
      "first_contact_due",
      [](const arrow::arrow_object& accepted_on, const support_policy& policy, const finnish_calendar& calendar) {
        const auto in = arrow_days(accepted_on.obj, "accepted_on");
        std::vector<std::int64_t> out(in.size());
        {
          py::gil_scoped_release release;
          first_contact_days(in, policy, calendar, out);
        }
        return arrow::export_days(out);
      },
      py::arg("accepted_on"), py::arg("policy") = support_policy{}, py::arg("calendar") = finnish_calendar{},
      "Arrow form: the deadlines of an Arrow array of acceptance dates, as a date32 kulkija.io.ArrowData (null "
      "where the acceptance day is null).");
  m.def(
      "support_period_of",
      [](const referral& r, const support_policy& policy, const finnish_calendar& calendar, date as_of,
         const std::vector<meeting>& meetings) {
        py::gil_scoped_release release;
        return support_period_of(r, policy, calendar, as_of, meetings);
      },
      py::arg("referral"), py::arg("policy") = support_policy{}, py::arg("calendar") = finnish_calendar{},
      py::kw_only(), py::arg("as_of"), py::arg("meetings") = std::vector<meeting>{},
      "The referral's support period on `as_of` from its history: from the first acceptance, each pause to "
      "the day before its resume, the meetings up to `as_of` (in the order given), and a pause still going "
      "on to `as_of` unless the period refuses it (longer than the policy allows: the deadlines run on). "
      "None when the referral was never accepted; raises InvalidArgument as SupportPeriod.add_pause and "
      "record_meeting.");
}

}  // namespace kulkija::python
