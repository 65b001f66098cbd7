#pragma once
// The Arrow C data interface, imported by hand (the interface is a small, stable ABI: no Arrow
// C++ library is needed): any Python object with the Arrow PyCapsule interface
// (`__arrow_c_stream__` or `__arrow_c_array__`: pyarrow tables, record batches and readers,
// polars frames, ...) is read batch by batch, and the columns the rules need are bound as a
// column_table. Fixed-width data (integers, floats, date32), validity bitmaps and bit-packed
// booleans are viewed in place (the kernels unpack bitmaps a 256-row chunk at a time);
// strings, dictionary-encoded strings and lists of them become code positions and code bit
// sets. Results go back out the same way (out_table, exported as ArrowData).

#include "register.hpp"

#include <pybind11/numpy.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/eligibility/batch.hpp"
#include "kulkija/eligibility/schema.hpp"

// ------------------------------------------------------------------ the ABI, as the specification gives it

#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

struct ArrowSchema {
  const char* format;
  const char* name;
  const char* metadata;
  int64_t flags;
  int64_t n_children;
  struct ArrowSchema** children;
  struct ArrowSchema* dictionary;
  void (*release)(struct ArrowSchema*);
  void* private_data;
};

struct ArrowArray {
  int64_t length;
  int64_t null_count;
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  const void** buffers;
  struct ArrowArray** children;
  struct ArrowArray* dictionary;
  void (*release)(struct ArrowArray*);
  void* private_data;
};

#endif  // ARROW_C_DATA_INTERFACE

#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

struct ArrowArrayStream {
  int (*get_schema)(struct ArrowArrayStream*, struct ArrowSchema* out);
  int (*get_next)(struct ArrowArrayStream*, struct ArrowArray* out);
  const char* (*get_last_error)(struct ArrowArrayStream*);
  void (*release)(struct ArrowArrayStream*);
  void* private_data;
};

#endif  // ARROW_C_STREAM_INTERFACE

namespace kulkija::python::arrow {

/// Whether `obj` speaks the Arrow PyCapsule interface (and is not a dict of numpy columns).
bool is_arrow(py::handle obj);

/// The record batches of an Arrow object, one at a time. Created with the GIL held; next()
/// runs without it. Owns (and releases) the imported structs.
class batch_reader {
 public:
  /// Calls `__arrow_c_stream__()` (else `__arrow_c_array__()`) and takes over the structs.
  /// Raises TypeError for an object without either, and with `tables_only` InvalidArgument
  /// for an array that is not a struct (a table's rows).
  explicit batch_reader(py::handle obj, bool tables_only = true);
  ~batch_reader();
  batch_reader(const batch_reader&) = delete;
  batch_reader& operator=(const batch_reader&) = delete;

  /// The schema of every batch (a struct whose children are the columns).
  [[nodiscard]] const ArrowSchema& schema() const noexcept { return schema_; }
  /// Moves to the next batch; false at the end. Raises InvalidArgument when the producer fails.
  bool next();
  /// Moves the next batch into `out`, which the caller then owns (an owned_array releases it);
  /// false at the end. May run on another thread than the one that made the reader (the Arrow C
  /// stream interface allows that), never on two at once. Raises as next() does.
  bool next_into(ArrowArray& out);
  /// The current batch (a struct array).
  [[nodiscard]] const ArrowArray& batch() const noexcept { return array_; }

 private:
  void release_array() noexcept;
  ArrowSchema schema_{};
  ArrowArray array_{};
  ArrowArrayStream stream_{};
  bool is_stream_ = false;
  bool single_pending_ = false;
};

/// An imported array that releases itself.
struct owned_array {
  ArrowArray array{};
  owned_array() = default;
  owned_array(const owned_array&) = delete;
  owned_array& operator=(const owned_array&) = delete;
  ~owned_array() { reset(); }
  /// Releases the array (when there is one).
  void reset() noexcept {
    if (array.release != nullptr) array.release(&array);
    array = ArrowArray{};
  }
};

/// The columns of one batch bound for evaluation, and the buffers made for them. Reused from
/// batch to batch, so that the buffers keep their memory.
struct bound_batch {
  column_table table;
  std::vector<std::vector<std::uint8_t>> scratch;  ///< code positions, code sets, ages, days
  std::size_t used = 0;                             ///< the scratch buffers the current batch uses
  /// A scratch buffer of `bytes` bytes for the current batch (its contents unspecified).
  std::uint8_t* buffer(std::size_t bytes);
};

/// Binds the columns of `fields` from `batch` (of `schema`) as the field types of `fields_schema`
/// say. When `age` is needed but absent and `on` is given, ages are computed on `on` from a
/// `birth_date` column. `row_base` (the rows of earlier batches) makes row numbers in messages
/// count from the start of the stream. Needs no GIL. Raises InvalidArgument naming the column
/// and its Arrow format for a type the field cannot read, and the row for a value that is not
/// one of a code field's codes.
/// Fixed-width columns, validity bitmaps and bit-packed booleans are read in place.
void bind(const ArrowSchema& schema, const ArrowArray& batch, const field_schema& fields_schema,
          const std::vector<std::string>& fields, const std::optional<date>& on, std::int64_t row_base,
          bound_batch& out);

// ------------------------------------------------------------------ export

/// One column of exported data: its name and Arrow format (for a dictionary-encoded column,
/// the indices' format, and the dictionary's strings).
struct out_field {
  std::string name;
  std::string format;
  bool nullable = true;
  bool is_dictionary = false;
  std::vector<std::int32_t> dictionary_offsets;  ///< utf8 offsets of the dictionary's strings
  std::string dictionary_data;                   ///< their bytes
  /// Makes the column dictionary-encoded with these strings.
  void set_dictionary(const std::vector<std::string>& strings);
};

/// One column of one batch: its buffers, and what keeps them alive.
struct out_column {
  std::shared_ptr<const void> keep;
  const void* data = nullptr;
  const std::uint8_t* validity = nullptr;  ///< bitmap, or null when no value is null
  std::int64_t null_count = 0;
};

/// One batch: a column per field.
struct out_batch {
  std::int64_t length = 0;
  std::vector<out_column> columns;
};

/// Data to export: the fields and the batches. With `is_array`, its single field is
/// exported as a plain array (not a struct of columns).
struct out_table {
  std::vector<out_field> fields;
  std::vector<out_batch> batches;
  bool is_array = false;
  [[nodiscard]] std::int64_t rows() const noexcept;
};

/// A column of `v` (which it keeps), with a validity bitmap made of `present` when given.
template <class T>
out_column column_of(std::vector<T>&& v, std::vector<std::uint8_t>&& bitmap = {}, std::int64_t null_count = 0) {
  auto kept = std::make_shared<std::pair<std::vector<T>, std::vector<std::uint8_t>>>(std::move(v), std::move(bitmap));
  out_column c;
  c.data = kept->first.data();
  c.validity = kept->second.empty() || null_count == 0 ? nullptr : kept->second.data();
  c.null_count = null_count;
  c.keep = std::move(kept);
  return c;
}

/// An Arrow bitmap of `n` rows (bit i is bit i % 8 of byte i / 8), set where `bit(i)`, and how
/// many rows are not set. `extra` bytes past the bitmap are zero (a data buffer is never empty).
template <class Bit>
std::pair<std::vector<std::uint8_t>, std::int64_t> bitmap_of(std::size_t n, Bit&& bit, std::size_t extra = 0) {
  std::pair<std::vector<std::uint8_t>, std::int64_t> out{std::vector<std::uint8_t>((n + 7) / 8 + extra, 0), 0};
  for (std::size_t i = 0; i < n; ++i) {
    if (bit(i)) {
      out.first[i >> 3] = static_cast<std::uint8_t>(out.first[i >> 3] | (1U << (i & 7)));
    } else {
      ++out.second;
    }
  }
  return out;
}

/// An int32 column of criterion (or other) positions, null where a position is negative.
out_column positions_column(std::vector<std::int32_t>&& positions);

/// The Python object kulkija._core.io.ArrowData: exported data.
struct arrow_data {
  std::shared_ptr<const out_table> table;
};

/// Exports the schema (a struct of the columns, or the single field with is_array).
void export_schema(const out_table& t, ArrowSchema* out);
/// Exports batch `batch`; the array keeps `t` alive until released.
void export_batch(const std::shared_ptr<const out_table>& t, std::size_t batch, ArrowArray* out);
/// Exports every batch as a stream.
void export_stream(const std::shared_ptr<const out_table>& t, ArrowArrayStream* out);
/// Days since 1970-01-01 of every row of a column of dates (date32, date64, a timestamp
/// without a time zone): an Arrow array, a chunked array or stream, or a table of one column;
/// null rows give the int64 minimum (numpy's NaT). Raises InvalidArgument naming `field`.
std::vector<std::int64_t> import_days(py::handle obj, const std::string& field);
/// The values of a column of integers as int64; raises InvalidArgument naming `field` and
/// the row of a null.
std::vector<std::int64_t> import_integers(py::handle obj, const std::string& field);
/// A matrix of doubles (NaN where null) from a fixed-size list column (a row each) or a table
/// of numeric columns (a column each); raises InvalidArgument naming `field` (and the column).
py::array import_matrix(py::handle obj, const std::string& field);
/// An ArrowData array of Arrow format `format` whose values are the bytes `data`, with a
/// validity bitmap (`validity`, ignored when `null_count` is 0).
py::object export_column(std::string format, std::vector<std::uint8_t>&& data, std::vector<std::uint8_t>&& validity,
                         std::int64_t length, std::int64_t null_count);
/// A uint8 ArrowData of `codes` (truth or status codes), without nulls.
py::object export_codes(std::vector<std::uint8_t>&& codes);
/// A boolean ArrowData (bit-packed) of `flags` (0 or 1), without nulls.
py::object export_bools(const std::vector<std::uint8_t>& flags);
/// An int32 ArrowData of `values`, null where a value is negative.
py::object export_positions(const std::vector<std::int32_t>& values);
/// A date32 ArrowData of days since 1970-01-01 (the int64 minimum is null).
py::object export_days(const std::vector<std::int64_t>& days);
/// An int64 ArrowData of `values`, null where `a` or `b` holds the int64 minimum.
py::object export_int64(const std::vector<std::int64_t>& values, const std::vector<std::int64_t>& a,
                        const std::vector<std::int64_t>& b);
/// A boolean ArrowData of `flags`, null where `days` holds the int64 minimum.
py::object export_flags(const std::vector<std::uint8_t>& flags, const std::vector<std::int64_t>& days);
/// Registers ArrowData in `m`.
void register_arrow_data(py::module_& m);
/// `t` as an ArrowData.
py::object to_python(std::shared_ptr<const out_table> t);

/// An argument that is Arrow data (anything is_arrow() accepts): overloads taking it are
/// tried only for such objects, so numpy arrays and dates still reach their own overloads.
struct arrow_object {
  py::object obj;
};

}  // namespace kulkija::python::arrow

namespace pybind11::detail {
template <>
struct type_caster<kulkija::python::arrow::arrow_object> {
  PYBIND11_TYPE_CASTER(kulkija::python::arrow::arrow_object, const_name("ArrowArray"));
  bool load(handle src, bool) {
    if (!kulkija::python::arrow::is_arrow(src)) return false;
    value.obj = reinterpret_borrow<object>(src);
    return true;
  }
  static handle cast(const kulkija::python::arrow::arrow_object& v, return_value_policy, handle) {
    return v.obj.inc_ref();
  }
};
}  // namespace pybind11::detail
