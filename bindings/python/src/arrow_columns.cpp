// Single Arrow columns in and out, for the batch APIs that take one column (business days,
// first-contact deadlines) or a matrix (dense assignment costs); see arrow.hpp.
#include "arrow.hpp"

#include <pybind11/numpy.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string_view>

#include "kulkija/core/error.hpp"

namespace kulkija::python::arrow {

namespace {

[[noreturn]] void fail(const std::string& field, const std::string& rule) {
  throw invalid_argument(error_id::invalid_value, field, rule);
}

bool bit(const void* bits, std::int64_t i) noexcept {
  return ((static_cast<const std::uint8_t*>(bits)[i >> 3] >> (i & 7)) & 1) != 0;
}

bool present(const ArrowArray& a, std::int64_t slot) noexcept {
  return a.null_count == 0 || a.n_buffers == 0 || a.buffers[0] == nullptr || bit(a.buffers[0], slot);
}

/// Calls `fn(schema, array, offset)` on the column of every batch of `obj`: an Arrow array,
/// a chunked array (a stream of arrays), or a table / record batch of exactly one column.
template <class Fn>
void for_each_chunk(py::handle obj, const std::string& field, Fn&& fn) {
  batch_reader reader(obj, false);
  const ArrowSchema& s = reader.schema();
  const bool table = std::string_view(s.format) == "+s";
  if (table && s.n_children != 1) {
    fail(field, "expected one column, got a table of " + std::to_string(s.n_children) + " columns");
  }
  while (reader.next()) {
    const ArrowArray& a = reader.batch();
    if (table) {
      const ArrowArray& child = *a.children[0];
      fn(*s.children[0], child, child.offset + a.offset, a.length);
    } else {
      fn(s, a, a.offset, a.length);
    }
  }
}

[[noreturn]] void wrong_format(const std::string& field, const ArrowSchema& s, std::string_view wanted) {
  fail(field, "the Arrow format '" + std::string(s.format) + "' cannot be read as " + std::string(wanted));
}

template <class T>
T value_at(const void* data, std::int64_t i) noexcept {
  T v;
  std::memcpy(&v, static_cast<const char*>(data) + i * static_cast<std::int64_t>(sizeof(T)), sizeof(T));
  return v;
}

/// The value at slot i of a fixed-width numeric array as a double (false: not numeric).
bool number_at(std::string_view f, const void* data, std::int64_t i, double& out) noexcept {
  if (f == "c") out = value_at<std::int8_t>(data, i);
  else if (f == "C") out = value_at<std::uint8_t>(data, i);
  else if (f == "s") out = value_at<std::int16_t>(data, i);
  else if (f == "S") out = value_at<std::uint16_t>(data, i);
  else if (f == "i") out = value_at<std::int32_t>(data, i);
  else if (f == "I") out = value_at<std::uint32_t>(data, i);
  else if (f == "l") out = static_cast<double>(value_at<std::int64_t>(data, i));
  else if (f == "L") out = static_cast<double>(value_at<std::uint64_t>(data, i));
  else if (f == "f") out = value_at<float>(data, i);
  else if (f == "g") out = value_at<double>(data, i);
  else return false;
  return true;
}

bool is_integer_format(std::string_view f) {
  return f == "c" || f == "C" || f == "s" || f == "S" || f == "i" || f == "I" || f == "l" || f == "L";
}

}  // namespace

std::vector<std::int64_t> import_days(py::handle obj, const std::string& field) {
  std::vector<std::int64_t> out;
  for_each_chunk(obj, field, [&](const ArrowSchema& s, const ArrowArray& a, std::int64_t offset, std::int64_t n) {
    const std::string_view f = s.format;
    std::int64_t per_day = 0;
    if (f == "tdD") per_day = 1;
    else if (f == "tdm" || f == "tsm:") per_day = 86'400'000;
    else if (f == "tss:") per_day = 86'400;
    else if (f == "tsu:") per_day = 86'400'000'000;
    else if (f == "tsn:") per_day = 86'400'000'000'000;
    if (per_day == 0 || s.dictionary != nullptr) {
      wrong_format(field, s, "dates (date32, date64 or a timestamp without a time zone)");
    }
    const std::size_t base = out.size();
    out.resize(base + static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) {
      const std::int64_t slot = offset + i;
      if (!present(a, slot)) {
        out[base + i] = std::numeric_limits<std::int64_t>::min();  // NaT
        continue;
      }
      const std::int64_t v = f == "tdD" ? value_at<std::int32_t>(a.buffers[1], slot) : value_at<std::int64_t>(a.buffers[1], slot);
      out[base + i] = v / per_day - ((v % per_day != 0) && (v < 0));
    }
  });
  return out;
}

std::vector<std::int64_t> import_integers(py::handle obj, const std::string& field) {
  std::vector<std::int64_t> out;
  for_each_chunk(obj, field, [&](const ArrowSchema& s, const ArrowArray& a, std::int64_t offset, std::int64_t n) {
    const std::string_view f = s.format;
    if (!is_integer_format(f) || s.dictionary != nullptr) wrong_format(field, s, "integers");
    const std::size_t base = out.size();
    out.resize(base + static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) {
      const std::int64_t slot = offset + i;
      if (!present(a, slot)) fail(field, "row " + std::to_string(base + static_cast<std::size_t>(i)) + " is null");
      if (f == "L") {
        const auto v = value_at<std::uint64_t>(a.buffers[1], slot);
        if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
          fail(field, "row " + std::to_string(base + static_cast<std::size_t>(i)) + " is above the int64 range");
        }
        out[base + i] = static_cast<std::int64_t>(v);
        continue;
      }
      double d = 0;
      if (f == "l") out[base + i] = value_at<std::int64_t>(a.buffers[1], slot);
      else if (number_at(f, a.buffers[1], slot, d)) out[base + i] = static_cast<std::int64_t>(d);
    }
  });
  return out;
}

py::array import_matrix(py::handle obj, const std::string& field) {
  // A fixed-size list column (a row a client), or a table of numeric columns (a column a worker).
  batch_reader reader(obj, false);
  const ArrowSchema& top = reader.schema();
  // a table of one fixed-size list column is that column
  const bool wrapped = std::string_view(top.format) == "+s" && top.n_children == 1 &&
                       std::string_view(top.children[0]->format).starts_with("+w:");
  const ArrowSchema& s = wrapped ? *top.children[0] : top;
  const std::string_view format = s.format;
  const bool lists = format.starts_with("+w:");
  const bool table = format == "+s";
  if (!lists && !table) {
    wrong_format(field, s, "a matrix (a fixed-size list column, or a table of numeric columns)");
  }
  std::int64_t width = lists ? std::stoll(std::string(format.substr(3))) : s.n_children;
  if (lists && (s.n_children != 1 || s.children[0]->dictionary != nullptr)) wrong_format(field, s, "a matrix");
  for (std::int64_t k = 0; k < (lists ? 1 : width); ++k) {
    const ArrowSchema& c = *s.children[k];
    const std::string_view cf = c.format;
    const bool numeric = c.dictionary == nullptr && (is_integer_format(cf) || cf == "f" || cf == "g");
    if (!numeric) {
      fail(lists ? field : field + "." + (c.name != nullptr ? c.name : std::to_string(k)),
           "the Arrow format '" + std::string(c.format) + "' cannot be read as costs (integers or floats)");
    }
  }
  std::vector<double> values;
  std::int64_t rows = 0;
  while (reader.next()) {
    const ArrowArray& outer = reader.batch();
    const ArrowArray& a = wrapped ? *outer.children[0] : outer;
    const std::int64_t first = wrapped ? a.offset + outer.offset : a.offset;
    const std::size_t base = values.size();
    values.resize(base + static_cast<std::size_t>(a.length * width));
    for (std::int64_t r = 0; r < a.length; ++r) {
      const std::int64_t slot = first + r;
      const bool row_present = present(a, slot);
      for (std::int64_t k = 0; k < width; ++k) {
        const ArrowSchema* cs = lists ? s.children[0] : s.children[k];
        const ArrowArray* ca = lists ? a.children[0] : a.children[k];
        const std::int64_t at = lists ? ca->offset + slot * width + k : ca->offset + slot;
        double v = std::numeric_limits<double>::quiet_NaN();  // null: a forbidden pair
        if (row_present && present(*ca, at)) number_at(cs->format, ca->buffers[1], at, v);
        values[base + static_cast<std::size_t>(r * width + k)] = v;
      }
    }
    rows += a.length;
  }
  py::array_t<double> out({static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(width)});
  if (!values.empty()) std::memcpy(out.mutable_data(), values.data(), values.size() * sizeof(double));
  return std::move(out);
}

namespace {

constexpr auto nat = std::numeric_limits<std::int64_t>::min();

// A plain array of one column.
py::object export_array(std::string format, out_column column, std::int64_t length) {
  auto t = std::make_shared<out_table>();
  t->is_array = true;
  out_field f;
  f.format = std::move(format);
  t->fields.push_back(std::move(f));
  out_batch b;
  b.length = length;
  b.columns.push_back(std::move(column));
  t->batches.push_back(std::move(b));
  return to_python(std::move(t));
}

}  // namespace

py::object export_column(std::string format, std::vector<std::uint8_t>&& data, std::vector<std::uint8_t>&& validity,
                         std::int64_t length, std::int64_t null_count) {
  return export_array(std::move(format), column_of(std::move(data), std::move(validity), null_count), length);
}

out_column positions_column(std::vector<std::int32_t>&& positions) {
  auto [valid, nulls] = bitmap_of(positions.size(), [&](std::size_t i) { return positions[i] >= 0; });
  return column_of(std::move(positions), std::move(valid), nulls);
}

py::object export_codes(std::vector<std::uint8_t>&& codes) {
  const auto n = static_cast<std::int64_t>(codes.size());
  codes.push_back(0);  // (a buffer of at least one byte, also for no rows)
  return export_column("C", std::move(codes), {}, n, 0);
}

py::object export_bools(const std::vector<std::uint8_t>& flags) {
  auto data = bitmap_of(flags.size(), [&](std::size_t i) { return flags[i] != 0; }, 1).first;
  return export_column("b", std::move(data), {}, static_cast<std::int64_t>(flags.size()), 0);
}

py::object export_positions(const std::vector<std::int32_t>& values) {
  const auto n = static_cast<std::int64_t>(values.size());
  return export_array("i", positions_column(std::vector<std::int32_t>(values)), n);
}

py::object export_days(const std::vector<std::int64_t>& days) {
  const auto n = days.size();
  std::vector<std::uint8_t> data(n * sizeof(std::int32_t) + 1);
  for (std::size_t i = 0; i < n; ++i) {
    const auto d = static_cast<std::int32_t>(days[i] != nat ? days[i] : 0);
    std::memcpy(data.data() + i * sizeof(std::int32_t), &d, sizeof d);
  }
  auto [valid, nulls] = bitmap_of(n, [&](std::size_t i) { return days[i] != nat; });
  return export_column("tdD", std::move(data), std::move(valid), static_cast<std::int64_t>(n), nulls);
}

py::object export_int64(const std::vector<std::int64_t>& values, const std::vector<std::int64_t>& a,
                        const std::vector<std::int64_t>& b) {
  const auto n = values.size();
  std::vector<std::uint8_t> data(n * sizeof(std::int64_t) + 1);
  if (n > 0) std::memcpy(data.data(), values.data(), n * sizeof(std::int64_t));
  auto [valid, nulls] = bitmap_of(n, [&](std::size_t i) { return a[i] != nat && b[i] != nat; });
  return export_column("l", std::move(data), std::move(valid), static_cast<std::int64_t>(n), nulls);
}

py::object export_flags(const std::vector<std::uint8_t>& flags, const std::vector<std::int64_t>& days) {
  const auto n = flags.size();
  auto data = bitmap_of(n, [&](std::size_t i) { return flags[i] != 0; }, 1).first;
  auto [valid, nulls] = bitmap_of(n, [&](std::size_t i) { return days[i] != nat; });
  return export_column("b", std::move(data), std::move(valid), static_cast<std::int64_t>(n), nulls);
}

}  // namespace kulkija::python::arrow
