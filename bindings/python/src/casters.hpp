#pragma once
// The Python bindings' type casters, so that each C++ type converts the same way in every
// translation unit of kulkija._core:
//   kulkija::date        <-> datetime.date (also numpy.datetime64[D])
//   kulkija::timestamp   <-> datetime.datetime, tz-aware in UTC (naive input is read as UTC)
//   kulkija::basic_id<T> <-> str, validated on the way in
//   kulkija::language     accepts a Language or a str code
//   kulkija::municipality accepts a Municipality, an int or a three-digit str
//   coded enums           accept an enum member or its str code (enums.hpp)
//   kulkija::need_set    <-> frozenset[Need]; accepts any iterable of Need or str codes

#include <pybind11/native_enum.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <datetime.h>

#include <cstddef>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeindex>
#include <utility>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/core/id.hpp"
#include "kulkija/core/language.hpp"
#include "kulkija/core/municipality.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/detail/enum_names.hpp"
#include "kulkija/referral/client.hpp"
#include "kulkija/referral/lifecycle.hpp"
#include "kulkija/referral/need.hpp"
#include "kulkija/referral/professional.hpp"
#include "kulkija/referral/referral.hpp"
#include "kulkija/workforce/training.hpp"
#include "kulkija/workforce/worker_kind.hpp"
#include "enums.hpp"

namespace pybind11::detail {

// ------------------------------------------------------------------ dates and timestamps

/// The datetime C API, imported once for the whole module. (datetime.h's PyDateTimeAPI is a
/// static per translation unit, which does not mix with casters defined inline in a header.)
inline PyDateTime_CAPI* datetime_api() {
  static PyDateTime_CAPI* const api = static_cast<PyDateTime_CAPI*>(PyCapsule_Import(PyDateTime_CAPSULE_NAME, 0));
  if (api == nullptr) throw error_already_set();
  return api;
}

inline bool is_date(handle src) { return PyObject_TypeCheck(src.ptr(), datetime_api()->DateType) != 0; }
inline bool is_datetime(handle src) { return PyObject_TypeCheck(src.ptr(), datetime_api()->DateTimeType) != 0; }

/// Whether `src` is a numpy.datetime64 scalar (without importing numpy).
inline bool is_numpy_datetime64(handle src) {
  const auto type = handle(reinterpret_cast<PyObject*>(Py_TYPE(src.ptr())));
  return type.attr("__module__").cast<std::string>() == "numpy" &&
         type.attr("__name__").cast<std::string>() == "datetime64";
}

/// The unit of a numpy.datetime64 scalar, e.g. "D" or "s".
inline std::string numpy_datetime_unit(handle src) {
  const auto unit_and_count = module_::import("numpy").attr("datetime_data")(src.attr("dtype")).cast<tuple>();
  return unit_and_count[0].cast<std::string>();
}

/// Builds a boost date, turning Boost's range errors into ValueError.
inline kulkija::date make_kulkija_date(int y, int m, int d) {
  try {
    return {static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d)};
  } catch (const std::out_of_range& e) {
    throw value_error(std::string("date out of kulkija's range (years 1400 to 9999): ") + e.what());
  }
}

/// datetime.date (or numpy.datetime64 of unit D) <-> kulkija::date. datetime.datetime is not
/// accepted where a date is expected: it would silently lose its time.
template <>
struct type_caster<kulkija::date> {
  PYBIND11_TYPE_CASTER(kulkija::date, io_name("datetime.date | numpy.datetime64", "datetime.date"));

  bool load(handle src, bool convert) {
    if (convert && is_numpy_datetime64(src)) {
      const std::string unit = numpy_datetime_unit(src);
      if (unit == "generic") throw value_error("numpy.datetime64('NaT') is not a date");
      if (unit != "D") throw value_error("a numpy.datetime64 date must have unit 'D', got '" + unit + "'");
      object as_date = src.attr("astype")(module_::import("builtins").attr("object"));
      if (as_date.is_none()) throw value_error("numpy.datetime64('NaT') is not a date");
      return load(as_date, false);
    }
    if (!is_date(src) || is_datetime(src)) return false;
    value = make_kulkija_date(PyDateTime_GET_YEAR(src.ptr()), PyDateTime_GET_MONTH(src.ptr()),
                              PyDateTime_GET_DAY(src.ptr()));
    return true;
  }

  static handle cast(const kulkija::date& d, return_value_policy, handle) {
    if (d.is_special()) throw value_error("a special date value (not-a-date or infinity) has no Python form");
    PyDateTime_CAPI* api = datetime_api();
    return api->Date_FromDate(static_cast<int>(d.year()), static_cast<int>(d.month()), static_cast<int>(d.day()),
                              api->DateType);
  }
};

/// datetime.datetime <-> kulkija::timestamp (UTC). Aware datetimes are converted to UTC,
/// naive ones are read as UTC; the result is always an aware datetime in UTC.
template <>
struct type_caster<kulkija::timestamp> {
  PYBIND11_TYPE_CASTER(kulkija::timestamp, io_name("datetime.datetime | numpy.datetime64", "datetime.datetime"));

  bool load(handle src, bool convert) {
    if (convert && is_numpy_datetime64(src)) {
      if (numpy_datetime_unit(src) == "generic") throw value_error("numpy.datetime64('NaT') is not a timestamp");
      object as_datetime = src.attr("astype")("datetime64[us]").attr("astype")(module_::import("builtins").attr("object"));
      if (as_datetime.is_none()) throw value_error("numpy.datetime64('NaT') is not a timestamp");
      return load(as_datetime, false);
    }
    if (!is_datetime(src)) return false;
    if (Py_TYPE(src.ptr())->tp_name == std::string_view("NaTType")) {
      throw value_error("pandas.NaT is not a timestamp");
    }
    object utc = reinterpret_borrow<object>(src);
    if (!src.attr("tzinfo").is_none()) utc = src.attr("astimezone")(reinterpret_borrow<object>(datetime_api()->TimeZone_UTC));
    PyObject* p = utc.ptr();
    namespace pt = boost::posix_time;
    const kulkija::date day = make_kulkija_date(PyDateTime_GET_YEAR(p), PyDateTime_GET_MONTH(p), PyDateTime_GET_DAY(p));
    value = kulkija::timestamp(day, pt::hours(PyDateTime_DATE_GET_HOUR(p)) + pt::minutes(PyDateTime_DATE_GET_MINUTE(p)) +
                                        pt::seconds(PyDateTime_DATE_GET_SECOND(p)) +
                                        pt::microseconds(PyDateTime_DATE_GET_MICROSECOND(p)));
    return true;
  }

  static handle cast(const kulkija::timestamp& t, return_value_policy, handle) {
    if (t.is_special()) throw value_error("a special timestamp value (not-a-date-time or infinity) has no Python form");
    PyDateTime_CAPI* api = datetime_api();
    const auto d = t.date();
    const auto tod = t.time_of_day();
    const auto micro = static_cast<int>(tod.fractional_seconds() * 1000000 / tod.ticks_per_second());
    return api->DateTime_FromDateAndTime(
        static_cast<int>(d.year()), static_cast<int>(d.month()), static_cast<int>(d.day()),
        static_cast<int>(tod.hours()), static_cast<int>(tod.minutes()), static_cast<int>(tod.seconds()), micro,
        api->TimeZone_UTC, api->DateTimeType);
  }
};

// ------------------------------------------------------------------ ids

/// str <-> a strong id; the id's validating constructor raises InvalidArgument for bad text.
template <class Tag>
struct type_caster<kulkija::basic_id<Tag>> {
  using id_type = kulkija::basic_id<Tag>;
  static constexpr auto name = const_name("str");

  bool load(handle src, bool) {
    if (!isinstance<str>(src)) return false;
    value.emplace(src.cast<std::string>());
    return true;
  }

  static handle cast(const id_type& id, return_value_policy, handle) { return str(id.str()).release(); }

  template <class T>
  using cast_op_type = movable_cast_op_type<T>;
  operator id_type*() { return &*value; }
  operator id_type&() { return *value; }
  operator id_type&&() && { return std::move(*value); }

 private:
  std::optional<id_type> value;
};

// ------------------------------------------------------------------ classes that accept codes

/// A bound class's caster that also builds the class from another Python value through
/// `Convert`, which returns an empty optional when the value is of the wrong kind and
/// throws (a kulkija error) when it is of the right kind but invalid.
template <class T, class Convert>
struct convertible_class_caster : type_caster_base<T> {
  bool load(handle src, bool convert) {
    if (type_caster_base<T>::load(src, convert)) return true;
    if (!convert) return false;
    converted_ = Convert{}(src);
    if (!converted_) return false;
    this->value = &*converted_;
    return true;
  }

 private:
  std::optional<T> converted_;
};

struct language_from_code {
  std::optional<kulkija::language> operator()(handle src) const {
    if (!isinstance<str>(src)) return std::nullopt;
    return kulkija::language(src.cast<std::string>());
  }
};

struct municipality_from_code {
  std::optional<kulkija::municipality> operator()(handle src) const {
    if (isinstance<str>(src)) return kulkija::municipality(std::string_view(src.cast<std::string>()));
    if (PyLong_Check(src.ptr()) && !PyBool_Check(src.ptr())) return kulkija::municipality(src.cast<int>());
    return std::nullopt;
  }
};

/// A Language, or a language code such as "fi".
template <>
struct type_caster<kulkija::language> : convertible_class_caster<kulkija::language, language_from_code> {};
/// A Municipality, or its code as int (272) or three-digit str ("272").
template <>
struct type_caster<kulkija::municipality>
    : convertible_class_caster<kulkija::municipality, municipality_from_code> {};

// ------------------------------------------------------------------ coded enums

template <class E>
struct type_caster_enum_type_enabled<E, enable_if_t<kulkija::python::coded_enum<E>>> : std::false_type {};

/// A native enum member, or its code as str (parsed; a bad code raises ParseError).
template <class E>
class type_caster<E, enable_if_t<kulkija::python::coded_enum<E>>> : public type_caster_enum_type<E> {
  using base = type_caster_enum_type<E>;

 public:
  bool load(handle src, bool convert) {
    if (base::load(src, convert)) return true;
    if (!convert || !isinstance<str>(src)) return false;
    const E parsed = kulkija::python::enum_traits<E>::parse(src.cast<std::string>());
    const handle cls = global_internals_native_enum_type_map_get_item(std::type_index(typeid(E)));
    return base::load(cls(static_cast<std::underlying_type_t<E>>(parsed)), convert);
  }
};

// ------------------------------------------------------------------ need sets

/// frozenset[Need] <- kulkija::need_set <- any iterable of Need or str codes (not a bare str).
template <>
struct type_caster<kulkija::need_set> {
  PYBIND11_TYPE_CASTER(kulkija::need_set,
                       io_name("collections.abc.Iterable[kulkija._core.referral.Need | str]",
                               "frozenset[kulkija._core.referral.Need]"));

  bool load(handle src, bool convert) {
    if (isinstance<str>(src) || isinstance<bytes>(src) || !hasattr(src, "__iter__")) return false;
    kulkija::need_set out;
    for (handle item : reinterpret_borrow<iterable>(src)) {
      make_caster<kulkija::need> member;
      if (!member.load(item, convert)) return false;
      out.insert(cast_op<kulkija::need>(member));
    }
    value = out;
    return true;
  }

  static handle cast(const kulkija::need_set& needs, return_value_policy, handle) {
    list members;
    for (kulkija::need n : needs.members()) members.append(pybind11::cast(n));
    return frozenset(members).release();
  }
};

}  // namespace pybind11::detail
