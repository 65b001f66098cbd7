// The Arrow C data interface import of the batch APIs (see arrow.hpp).
#include "arrow.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include "kulkija/core/error.hpp"

namespace kulkija::python::arrow {

namespace {

constexpr const char* schema_capsule = "arrow_schema";
constexpr const char* array_capsule = "arrow_array";
constexpr const char* stream_capsule = "arrow_array_stream";

[[noreturn]] void fail(const std::string& field, const std::string& rule) {
  throw invalid_argument(error_id::invalid_value, field, rule);
}

/// Takes the struct out of a capsule (the capsule's destructor then finds it released).
template <class T>
T take(py::handle capsule, const char* name) {
  auto* p = static_cast<T*>(PyCapsule_GetPointer(capsule.ptr(), name));
  if (p == nullptr) throw py::error_already_set();
  T out = *p;
  p->release = nullptr;
  return out;
}

bool bit(const void* bits, std::int64_t i) noexcept {
  return ((static_cast<const std::uint8_t*>(bits)[i >> 3] >> (i & 7)) & 1) != 0;
}

std::string_view format_name(std::string_view f) {
  if (f == "n") return "null";
  if (f == "b") return "bool";
  if (f == "e") return "float16";
  if (f == "u" || f == "vu") return "utf8 string";
  if (f == "U") return "large utf8 string";
  if (f == "z" || f == "Z" || f == "vz") return "binary";
  if (f.starts_with("d:")) return "decimal";
  if (f.starts_with("w:")) return "fixed-size binary";
  if (f.starts_with("ts")) return "timestamp";
  if (f.starts_with("tt")) return "time";
  if (f.starts_with("tD") || f.starts_with("ti")) return "duration or interval";
  if (f == "+s") return "struct";
  if (f == "+l" || f == "+L" || f == "+vl" || f == "+vL" || f.starts_with("+w:")) return "list";
  if (f == "+m") return "map";
  return "";
}

[[noreturn]] void unsupported(const std::string& field, const ArrowSchema& s, std::string_view wanted) {
  const std::string_view f = s.format;
  const std::string_view name = s.dictionary != nullptr ? "dictionary" : format_name(f);
  fail(field, "the Arrow format '" + std::string(f) + "'" + (name.empty() ? "" : " (" + std::string(name) + ")") +
                  " cannot be read as a " + std::string(wanted));
}

std::optional<column_type> fixed_width_type(std::string_view f) {
  if (f == "c") return column_type::int8;
  if (f == "C") return column_type::uint8;
  if (f == "s") return column_type::int16;
  if (f == "S") return column_type::uint16;
  if (f == "i") return column_type::int32;
  if (f == "I") return column_type::uint32;
  if (f == "l") return column_type::int64;
  if (f == "L") return column_type::uint64;
  if (f == "f") return column_type::float32;
  if (f == "g") return column_type::float64;
  if (f == "tdD") return column_type::int32;  // date32: days since 1970-01-01
  return std::nullopt;
}

std::size_t width(column_type t) {
  switch (t) {
    case column_type::boolean:
    case column_type::int8:
    case column_type::uint8: return 1;
    case column_type::int16:
    case column_type::uint16: return 2;
    case column_type::int32:
    case column_type::uint32:
    case column_type::float32: return 4;
    default: return 8;
  }
}

/// One column of the batch: its schema, its array, and where its rows start in its buffers.
struct column_ref {
  std::string field;
  const ArrowSchema* schema;
  const ArrowArray* array;
  std::int64_t offset;  // the array's own offset plus the batch's
  std::int64_t length;
  std::int64_t row_base;
};

/// Reads strings of a utf8 ('u'), large utf8 ('U') or string view ('vu') array.
class string_reader {
 public:
  string_reader(const ArrowSchema& s, const ArrowArray& a) : a_(a) {
    const std::string_view f = s.format;
    if (f == "u") kind_ = 0;
    else if (f == "U") kind_ = 1;
    else if (f == "vu") kind_ = 2;
    else kind_ = -1;
  }
  [[nodiscard]] bool ok() const noexcept { return kind_ >= 0; }
  /// The string at absolute slot i (the array's offset already added).
  [[nodiscard]] std::string_view at(std::int64_t i) const noexcept {
    if (kind_ == 0) {
      const auto* off = static_cast<const std::int32_t*>(a_.buffers[1]);
      return {static_cast<const char*>(a_.buffers[2]) + off[i], static_cast<std::size_t>(off[i + 1] - off[i])};
    }
    if (kind_ == 1) {
      const auto* off = static_cast<const std::int64_t*>(a_.buffers[1]);
      return {static_cast<const char*>(a_.buffers[2]) + off[i], static_cast<std::size_t>(off[i + 1] - off[i])};
    }
    const auto* view = static_cast<const std::uint8_t*>(a_.buffers[1]) + 16 * i;
    std::int32_t len = 0;
    std::memcpy(&len, view, 4);
    if (len <= 12) return {reinterpret_cast<const char*>(view + 4), static_cast<std::size_t>(len)};
    std::int32_t buffer = 0;
    std::int32_t offset = 0;
    std::memcpy(&buffer, view + 8, 4);
    std::memcpy(&offset, view + 12, 4);
    return {static_cast<const char*>(a_.buffers[2 + buffer]) + offset, static_cast<std::size_t>(len)};
  }
  [[nodiscard]] bool valid(std::int64_t i) const noexcept {
    return a_.null_count == 0 || a_.buffers[0] == nullptr || bit(a_.buffers[0], i);
  }

 private:
  const ArrowArray& a_;
  int kind_;
};

/// Code positions (-1 missing, -2 not a code) of every entry of a string array.
std::vector<std::int32_t> positions_of_strings(const ArrowSchema& s, const ArrowArray& a, const field_spec& f,
                                               std::int64_t from, std::int64_t n) {
  string_reader strings(s, a);
  std::unordered_map<std::string_view, std::int32_t> index;
  for (std::size_t i = 0; i < f.codes.size(); ++i) index.emplace(f.codes[i], static_cast<std::int32_t>(i));
  std::vector<std::int32_t> out(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    if (!strings.valid(from + i)) {
      out[i] = -1;
      continue;
    }
    const auto it = index.find(strings.at(from + i));
    out[i] = it == index.end() ? -2 : it->second;
  }
  return out;
}

std::string codes_list(const field_spec& f) {
  std::string out;
  for (const auto& c : f.codes) out += (out.empty() ? "" : ", ") + c;
  return out;
}

[[noreturn]] void not_a_code(const column_ref& c, const field_spec& f, std::int64_t row, std::string_view what) {
  // (the value itself is not echoed: a column may hold anything)
  fail(c.field, "row " + std::to_string(c.row_base + row) + " holds a " + std::string(what) +
                    " that is not one of the codes " + codes_list(f));
}

template <class T>
std::int64_t index_at(const void* data, std::int64_t i) noexcept {
  return static_cast<std::int64_t>(static_cast<const T*>(data)[i]);
}

std::int64_t integer_at(column_type t, const void* data, std::int64_t i) noexcept {
  switch (t) {
    case column_type::int8: return index_at<std::int8_t>(data, i);
    case column_type::uint8: return index_at<std::uint8_t>(data, i);
    case column_type::int16: return index_at<std::int16_t>(data, i);
    case column_type::uint16: return index_at<std::uint16_t>(data, i);
    case column_type::int32: return index_at<std::int32_t>(data, i);
    case column_type::uint32: return index_at<std::uint32_t>(data, i);
    case column_type::int64: return index_at<std::int64_t>(data, i);
    default: return static_cast<std::int64_t>(static_cast<const std::uint64_t*>(data)[i]);
  }
}

/// The code positions of a dictionary's indices: `table[k]` is the position of entry `k`'s
/// string (-2 when it is not a code), and every index outside the dictionary gives -2 too.
/// For 8- and 16-bit indices the table covers every value, so a row is one lookup.
template <class Out, class Index>
void map_indices(const Index* indices, std::int64_t n, const std::vector<std::int32_t>& positions, Out* out) {
  if constexpr (sizeof(Index) <= 2) {
    constexpr std::size_t values = std::size_t{1} << (8 * sizeof(Index));
    std::vector<Out> table(values, static_cast<Out>(-2));
    for (std::size_t k = 0; k < positions.size() && k < values; ++k) {
      table[static_cast<std::size_t>(static_cast<std::make_unsigned_t<Index>>(static_cast<Index>(k)))] =
          static_cast<Out>(positions[k]);
    }
    for (std::int64_t i = 0; i < n; ++i) {
      out[i] = table[static_cast<std::make_unsigned_t<Index>>(indices[i])];
    }
  } else {
    const auto size = static_cast<std::int64_t>(positions.size());
    for (std::int64_t i = 0; i < n; ++i) {
      const auto k = static_cast<std::int64_t>(indices[i]);
      out[i] = static_cast<Out>(k >= 0 && k < size ? positions[static_cast<std::size_t>(k)] : -2);
    }
  }
}

/// Writes the code position of every row of a string or dictionary-encoded string column
/// as `Out` to `out`: -1 where missing (for a dictionary column with `nulls_written` false, a
/// null row's position is left as its index maps, and the caller passes the validity bitmap
/// on instead). A value that is not a code raises, naming its row, or with `check` false
/// gives -2.
template <class Out>
void code_positions(const column_ref& c, const field_spec& f, Out* out, bool check, bool nulls_written) {
  const ArrowSchema& s = *c.schema;
  const ArrowArray& a = *c.array;
  const auto n = c.length;
  const bool has_nulls = a.null_count != 0 && a.n_buffers > 0 && a.buffers[0] != nullptr;
  if (s.dictionary != nullptr) {
    const auto index_type = fixed_width_type(s.format);
    if (!index_type || !string_reader(*s.dictionary, *a.dictionary).ok() || std::string_view(s.format) == "tdD" ||
        *index_type == column_type::float32 || *index_type == column_type::float64) {
      unsupported(c.field, s, "code field (a dictionary of strings)");
    }
    const ArrowArray& dict = *a.dictionary;
    const auto table = positions_of_strings(*s.dictionary, dict, f, dict.offset, dict.length);  // small
    const void* indices = a.buffers[1];
    switch (*index_type) {
      case column_type::int8: map_indices(static_cast<const std::int8_t*>(indices) + c.offset, n, table, out); break;
      case column_type::uint8: map_indices(static_cast<const std::uint8_t*>(indices) + c.offset, n, table, out); break;
      case column_type::int16: map_indices(static_cast<const std::int16_t*>(indices) + c.offset, n, table, out); break;
      case column_type::uint16: map_indices(static_cast<const std::uint16_t*>(indices) + c.offset, n, table, out); break;
      case column_type::int32: map_indices(static_cast<const std::int32_t*>(indices) + c.offset, n, table, out); break;
      case column_type::uint32: map_indices(static_cast<const std::uint32_t*>(indices) + c.offset, n, table, out); break;
      case column_type::int64: map_indices(static_cast<const std::int64_t*>(indices) + c.offset, n, table, out); break;
      default: map_indices(static_cast<const std::uint64_t*>(indices) + c.offset, n, table, out); break;
    }
    if (has_nulls && nulls_written) {  // a null row's index may be anything
      for (std::int64_t i = 0; i < n; ++i) {
        if (!bit(a.buffers[0], c.offset + i)) out[i] = static_cast<Out>(-1);
      }
    }
  } else {
    if (!string_reader(s, a).ok()) unsupported(c.field, s, "code field");
    const auto positions = positions_of_strings(s, a, f, c.offset, n);
    for (std::int64_t i = 0; i < n; ++i) out[i] = static_cast<Out>(positions[static_cast<std::size_t>(i)]);
  }
  if (check) {
    bool bad = false;
    for (std::int64_t i = 0; i < n; ++i) bad |= out[i] == static_cast<Out>(-2);
    if (bad) {
      for (std::int64_t i = 0; i < n; ++i) {
        if (out[i] == static_cast<Out>(-2) && (!has_nulls || bit(a.buffers[0], c.offset + i))) {
          not_a_code(c, f, i, "value");
        }
      }
    }
  }
}

/// The code bit set of every row of a list column of strings (or dictionary-encoded strings).
std::vector<std::uint8_t> code_sets(const column_ref& c, const field_spec& f, std::vector<std::uint8_t>& valid) {
  const ArrowSchema& s = *c.schema;
  const ArrowArray& a = *c.array;
  const std::string_view fmt = s.format;
  if ((fmt != "+l" && fmt != "+L") || s.n_children != 1) unsupported(c.field, s, "code_set field");
  const ArrowSchema& child_schema = *s.children[0];
  const ArrowArray& child = *a.children[0];
  // the members' positions, read as a code column of the child array
  const column_ref members{c.field, &child_schema, &child, child.offset, child.length, 0};
  if (child_schema.dictionary == nullptr && !string_reader(child_schema, child).ok()) {
    unsupported(c.field, s, "code_set field (a list of strings)");
  }
  std::vector<std::int32_t> member_positions(static_cast<std::size_t>(child.length));
  code_positions<std::int32_t>(members, f, member_positions.data(), false, true);  // errors name the list's row, below
  const std::int32_t* positions = member_positions.data();
  std::vector<std::uint8_t> out(static_cast<std::size_t>(c.length) * 8);
  auto* bits = reinterpret_cast<std::uint64_t*>(out.data());
  valid.assign(static_cast<std::size_t>(c.length), 1);
  const bool has_nulls = a.null_count != 0 && a.buffers[0] != nullptr;
  for (std::int64_t i = 0; i < c.length; ++i) {
    if (has_nulls && !bit(a.buffers[0], c.offset + i)) {
      valid[i] = 0;
      bits[i] = 0;
      continue;
    }
    const std::int64_t slot = c.offset + i;
    const std::int64_t begin = fmt == "+l" ? index_at<std::int32_t>(a.buffers[1], slot) : index_at<std::int64_t>(a.buffers[1], slot);
    const std::int64_t end =
        fmt == "+l" ? index_at<std::int32_t>(a.buffers[1], slot + 1) : index_at<std::int64_t>(a.buffers[1], slot + 1);
    std::uint64_t set = 0;
    for (std::int64_t k = begin; k < end; ++k) {
      const std::int32_t p = positions[k];
      if (p == -1) continue;  // a null member
      if (p < 0) not_a_code(c, f, i, "member");
      set |= std::uint64_t{1} << p;
    }
    bits[i] = set;
  }
  return out;
}

/// Days since 1970-01-01 of a date or timezone-naive timestamp column, as int64, to `out`.
void days_of(const column_ref& c, std::int64_t* out) {
  const std::string_view f = c.schema->format;
  const ArrowArray& a = *c.array;
  auto floor_div = [](std::int64_t x, std::int64_t d) { return x / d - ((x % d != 0) && (x < 0)); };
  if (f == "tdD") {
    for (std::int64_t i = 0; i < c.length; ++i) out[i] = index_at<std::int32_t>(a.buffers[1], c.offset + i);
    return;
  }
  std::int64_t per_day = 0;
  if (f == "tdm") per_day = 86'400'000;
  else if (f == "tss:") per_day = 86'400;
  else if (f == "tsm:") per_day = 86'400'000;
  else if (f == "tsu:") per_day = 86'400'000'000;
  else if (f == "tsn:") per_day = 86'400'000'000'000;
  if (per_day == 0) unsupported(c.field, *c.schema, "date field (date32, date64 or a timestamp without a time zone)");
  for (std::int64_t i = 0; i < c.length; ++i) out[i] = floor_div(index_at<std::int64_t>(a.buffers[1], c.offset + i), per_day);
}

/// Year, month, day of days since 1970-01-01 (H. Hinnant's civil_from_days).
void civil(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

/// The age in whole years on `on` of someone born on each day (days since 1970-01-01, `n` of
/// them), written to `out`: the age goes up on the birthday (someone born on 29 February is a
/// year older on 1 March in a common year). Births in one span of at most 200 years are
/// looked up in a table of that span built with the same rule, so a row costs one load, not a
/// calendar conversion.
template <class Day>
void ages_on(const Day* days, std::size_t n, date on, std::int16_t* out) {
  const std::int64_t oy = on.year();
  const unsigned om = on.month();
  const unsigned od = on.day();
  auto age = [&](std::int64_t day) {
    std::int64_t y = 0;
    unsigned m = 0;
    unsigned d = 0;
    civil(day, y, m, d);
    const bool before_birthday = m > om || (m == om && d > od);
    return static_cast<std::int16_t>(std::clamp<std::int64_t>(oy - y - (before_birthday ? 1 : 0), -32768, 32767));
  };
  if (n == 0) return;
  Day lo = days[0];
  Day hi = days[0];
  for (std::size_t i = 1; i < n; ++i) {
    lo = days[i] < lo ? days[i] : lo;
    hi = days[i] > hi ? days[i] : hi;
  }
  constexpr std::int64_t widest_table = 200 * 366;
  const std::int64_t first = lo;
  const std::int64_t span = static_cast<std::int64_t>(hi) - first;
  if (span > widest_table || n < static_cast<std::size_t>(span) / 4) {
    for (std::size_t i = 0; i < n; ++i) out[i] = age(days[i]);
    return;
  }
  std::vector<std::int16_t> table(static_cast<std::size_t>(span + 1));
  for (std::size_t k = 0; k < table.size(); ++k) table[k] = age(first + static_cast<std::int64_t>(k));
  for (std::size_t i = 0; i < n; ++i) out[i] = table[static_cast<std::size_t>(static_cast<std::int64_t>(days[i]) - first)];
}

/// The validity bitmap of a column for its view (null when no row is null).
void set_validity(const column_ref& c, column_view& view) {
  const ArrowArray& a = *c.array;
  if (a.null_count == 0 || a.n_buffers == 0 || a.buffers[0] == nullptr) return;
  view.valid_bits = static_cast<const std::uint8_t*>(a.buffers[0]);
  view.bit_offset = static_cast<std::size_t>(c.offset);
}

}  // namespace

// ------------------------------------------------------------------ reading

bool is_arrow(py::handle obj) {
  return !py::isinstance<py::dict>(obj) &&
         (py::hasattr(obj, "__arrow_c_stream__") || py::hasattr(obj, "__arrow_c_array__"));
}

batch_reader::batch_reader(py::handle obj, bool tables_only) {
  if (py::hasattr(obj, "__arrow_c_stream__")) {
    py::object capsule = obj.attr("__arrow_c_stream__")();
    stream_ = take<ArrowArrayStream>(capsule, stream_capsule);
    is_stream_ = true;
    if (stream_.get_schema(&stream_, &schema_) != 0) {
      const char* why = stream_.get_last_error(&stream_);
      fail("arrow", std::string("the stream gave no schema: ") + (why != nullptr ? why : "unknown error"));
    }
  } else if (py::hasattr(obj, "__arrow_c_array__")) {
    py::tuple pair = obj.attr("__arrow_c_array__")();
    if (pair.size() != 2) throw py::type_error("__arrow_c_array__ must return (schema capsule, array capsule)");
    schema_ = take<ArrowSchema>(pair[0], schema_capsule);
    array_ = take<ArrowArray>(pair[1], array_capsule);
    single_pending_ = true;
  } else {
    throw py::type_error("expected an object with the Arrow PyCapsule interface (__arrow_c_stream__ or __arrow_c_array__)");
  }
  if (tables_only && std::string_view(schema_.format) != "+s") {
    const std::string format = schema_.format;
    release_array();
    if (schema_.release != nullptr) schema_.release(&schema_);
    if (is_stream_ && stream_.release != nullptr) stream_.release(&stream_);
    fail("arrow", "expected a table or record batch (an Arrow struct, format '+s'), got format '" + format + "'");
  }
}

batch_reader::~batch_reader() {
  release_array();
  if (schema_.release != nullptr) schema_.release(&schema_);
  if (is_stream_ && stream_.release != nullptr) stream_.release(&stream_);
}

void batch_reader::release_array() noexcept {
  if (array_.release != nullptr) array_.release(&array_);
  array_ = ArrowArray{};
}

bool batch_reader::next() {
  if (!is_stream_) {
    if (!single_pending_) {
      release_array();
      return false;
    }
    single_pending_ = false;
    return true;
  }
  release_array();
  if (const int rc = stream_.get_next(&stream_, &array_); rc != 0) {
    const char* why = stream_.get_last_error(&stream_);
    array_ = ArrowArray{};
    fail("arrow", "the stream failed (errno " + std::to_string(rc) + "): " + (why != nullptr ? why : "unknown error"));
  }
  return array_.release != nullptr;  // a released array marks the end
}

bool batch_reader::next_into(ArrowArray& out) {
  if (!is_stream_) {
    if (!single_pending_) return false;
    single_pending_ = false;
    out = array_;  // the struct moves: the caller releases it
    array_ = ArrowArray{};
    return true;
  }
  out = ArrowArray{};
  if (const int rc = stream_.get_next(&stream_, &out); rc != 0) {
    const char* why = stream_.get_last_error(&stream_);
    out = ArrowArray{};
    fail("arrow", "the stream failed (errno " + std::to_string(rc) + "): " + (why != nullptr ? why : "unknown error"));
  }
  return out.release != nullptr;  // a released array marks the end
}

// ------------------------------------------------------------------ binding

std::uint8_t* bound_batch::buffer(std::size_t bytes) {
  if (used == scratch.size()) scratch.emplace_back();
  auto& v = scratch[used++];
  v.resize(std::max<std::size_t>(bytes, 1));
  return v.data();
}

void bind(const ArrowSchema& schema, const ArrowArray& batch, const field_schema& fields_schema,
          const std::vector<std::string>& fields, const std::optional<date>& on, std::int64_t row_base,
          bound_batch& out) {
  out.table = column_table{};
  out.used = 0;
  auto find = [&](std::string_view name) -> std::optional<column_ref> {
    for (std::int64_t k = 0; k < schema.n_children; ++k) {
      const ArrowSchema* s = schema.children[k];
      if (s->name != nullptr && name == s->name) {
        const ArrowArray* a = batch.children[k];
        return column_ref{std::string(name), s, a, a->offset + batch.offset, batch.length, row_base};
      }
    }
    return std::nullopt;
  };
  if (batch.null_count > 0 && batch.buffers[0] != nullptr) {
    fail("arrow", "a record batch with null rows (a validity bitmap on the struct) is not supported");
  }

  for (const auto& name : fields) {
    const auto at = fields_schema.find(name);
    if (!at) continue;  // the kernels name unknown fields
    const field_spec& f = fields_schema[*at];
    auto found = find(name);
    if (!found) {
      if (name == "age" && on && f.type == field_type::integer) {
        if (auto birth = find("birth_date")) {
          const auto n = static_cast<std::size_t>(birth->length);
          auto* ages = reinterpret_cast<std::int16_t*>(out.buffer(n * sizeof(std::int16_t)));  // NOLINT: aligned by new
          if (std::string_view(birth->schema->format) == "tdD") {  // date32: read in place
            ages_on(static_cast<const std::int32_t*>(birth->array->buffers[1]) + birth->offset, n, *on, ages);
          } else {
            auto* days = reinterpret_cast<std::int64_t*>(out.buffer(n * sizeof(std::int64_t)));  // NOLINT
            days_of(*birth, days);
            ages_on(days, n, *on, ages);
          }
          column_view view{column_type::int16, ages, n, nullptr};
          set_validity(*birth, view);
          out.table.add(name, view);
          continue;
        }
      }
      continue;  // the kernels say "no column for the field"
    }
    const column_ref& c = *found;
    const ArrowSchema& s = *c.schema;
    const ArrowArray& a = *c.array;
    const std::string_view fmt = s.format;
    const auto n = static_cast<std::size_t>(c.length);

    if (fmt == "n") {  // all null
      const std::size_t w = f.type == field_type::calendar_date ? 4 : f.type == field_type::code_set ? 8 : 1;
      auto* data = out.buffer(n * w);
      auto* mask = out.buffer(n);
      std::memset(mask, 0, n);
      const column_type t = w == 4 ? column_type::int32 : w == 8 ? column_type::uint64 : column_type::int8;
      out.table.add(name, column_view{t, data, n, mask});
      continue;
    }
    if (f.type == field_type::text) unsupported(name, s, "text field (text is not evaluated in batch)");

    // code fields: strings and dictionary-encoded strings become positions
    if (f.type == field_type::code && (s.dictionary != nullptr || string_reader(s, a).ok())) {
      column_view view;
      view.size = n;
      if (f.codes.size() < 128) {
        auto* positions = reinterpret_cast<std::int8_t*>(out.buffer(n));  // NOLINT
        code_positions<std::int8_t>(c, f, positions, true, false);
        view.type = column_type::int8;
        view.data = positions;
      } else {
        auto* positions = reinterpret_cast<std::int32_t*>(out.buffer(n * sizeof(std::int32_t)));  // NOLINT
        code_positions<std::int32_t>(c, f, positions, true, false);
        view.type = column_type::int32;
        view.data = positions;
      }
      if (s.dictionary != nullptr) set_validity(c, view);  // (strings give -1 for null rows)
      out.table.add(name, view);
      continue;
    }
    if (f.type == field_type::code_set && fmt.starts_with("+")) {
      std::vector<std::uint8_t> valid;
      auto sets = code_sets(c, f, valid);
      auto* data = out.buffer(sets.size());
      std::memcpy(data, sets.data(), sets.size());
      const bool all_valid = std::all_of(valid.begin(), valid.end(), [](std::uint8_t v) { return v != 0; });
      const std::uint8_t* mask = nullptr;
      if (!all_valid) {
        auto* m = out.buffer(valid.size());
        std::memcpy(m, valid.data(), valid.size());
        mask = m;
      }
      out.table.add(name, column_view{column_type::uint64, data, n, mask});
      continue;
    }
    if (s.dictionary != nullptr) unsupported(name, s, std::string(to_string(f.type)) + " field");

    column_view view;
    view.size = n;
    set_validity(c, view);
    if (fmt == "b") {  // bit-packed: read in place, a chunk at a time
      if (f.type != field_type::boolean) {
        unsupported(name, s, std::string(to_string(f.type)) + " field");
      }
      view.type = column_type::bits;
      view.data = a.buffers[1];
      view.bit_offset = static_cast<std::size_t>(c.offset);
      out.table.add(name, view);
      continue;
    }
    if (f.type == field_type::calendar_date && fmt != "tdD") {
      auto* days = reinterpret_cast<std::int64_t*>(out.buffer(n * sizeof(std::int64_t)));  // NOLINT
      days_of(c, days);
      view.type = column_type::int64;
      view.data = days;
      out.table.add(name, view);
      continue;
    }
    const auto type = fixed_width_type(fmt);
    if (!type || (fmt == "tdD" && f.type != field_type::calendar_date)) {
      unsupported(name, s, std::string(to_string(f.type)) + " field");
    }
    // fixed width: viewed in place, no copy
    view.type = *type;
    view.data = static_cast<const std::uint8_t*>(a.buffers[1]) + static_cast<std::size_t>(c.offset) * width(*type);
    out.table.add(name, view);
  }
}

}  // namespace kulkija::python::arrow
