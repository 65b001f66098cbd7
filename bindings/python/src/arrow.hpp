#pragma once
// The Arrow C data interface, imported by hand (the interface is a small, stable ABI: no Arrow
// C++ library is needed): any Python object with the Arrow PyCapsule interface
// (`__arrow_c_stream__` or `__arrow_c_array__`: pyarrow tables, record batches and readers,
// polars frames, ...) is read batch by batch, and the columns the rules need are bound as a
// column_table. Fixed-width data (integers, floats, date32) is viewed in place; validity
// bitmaps become byte masks; booleans are unpacked; strings, dictionary-encoded strings and
// lists of them become code positions and code bit sets.

#include "register.hpp"

#include <cstdint>
#include <optional>
#include <string>
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
  /// Raises TypeError for an object without either, InvalidArgument for an array that is
  /// not a struct (a table's rows).
  explicit batch_reader(py::handle obj);
  ~batch_reader();
  batch_reader(const batch_reader&) = delete;
  batch_reader& operator=(const batch_reader&) = delete;

  /// The schema of every batch (a struct whose children are the columns).
  [[nodiscard]] const ArrowSchema& schema() const noexcept { return schema_; }
  /// Moves to the next batch; false at the end. Raises InvalidArgument when the producer fails.
  bool next();
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

/// The columns of one batch bound for evaluation, and the buffers made for them.
struct bound_batch {
  column_table table;
  std::vector<std::vector<std::uint8_t>> scratch;  ///< expanded masks, unpacked booleans, code positions
};

/// Binds the columns of `fields` from `batch` (of `schema`) as the field types of `fields_schema`
/// say. When `age` is needed but absent and `on` is given, ages are computed on `on` from a
/// `birth_date` column. `row_base` (the rows of earlier batches) makes row numbers in messages
/// count from the start of the stream. Needs no GIL. Raises InvalidArgument naming the column
/// and its Arrow format for a type the field cannot read, and the row for a value that is not
/// one of a code field's codes.
bound_batch bind(const ArrowSchema& schema, const ArrowArray& batch, const field_schema& fields_schema,
                 const std::vector<std::string>& fields, const std::optional<date>& on, std::int64_t row_base);

}  // namespace kulkija::python::arrow
