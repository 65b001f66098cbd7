// Arrow out: results exported through the Arrow C data interface (see arrow.hpp), and the
// Python class kulkija._core.io.ArrowData that carries them to pyarrow, polars, ... without
// needing pyarrow.
#include "arrow.hpp"

#include <pybind11/numpy.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>

#include "kulkija/core/error.hpp"

namespace kulkija::python::arrow {

namespace {

// ------------------------------------------------------------------ schema

/// What an exported schema owns: its strings and its children.
struct schema_holder {
  std::string format;
  std::string name;
  std::vector<ArrowSchema> children;
  std::vector<ArrowSchema*> child_pointers;
  std::unique_ptr<ArrowSchema> dictionary;
};

void release_schema(ArrowSchema* s) {
  if (s == nullptr || s->release == nullptr) return;
  auto* h = static_cast<schema_holder*>(s->private_data);
  for (ArrowSchema* c : h->child_pointers) {
    if (c->release != nullptr) c->release(c);
  }
  if (h->dictionary && h->dictionary->release != nullptr) h->dictionary->release(h->dictionary.get());
  delete h;
  s->release = nullptr;
}

void fill_schema(ArrowSchema* out, std::string format, std::string name, std::int64_t flags) {
  auto* h = new schema_holder{std::move(format), std::move(name), {}, {}, nullptr};
  *out = ArrowSchema{};
  out->format = h->format.c_str();
  out->name = h->name.c_str();
  out->metadata = nullptr;
  out->flags = flags;
  out->release = &release_schema;
  out->private_data = h;
}

void field_schema_of(const out_field& f, ArrowSchema* out) {
  fill_schema(out, f.format, f.name, f.nullable ? ARROW_FLAG_NULLABLE : 0);
  if (f.is_dictionary) {
    auto* h = static_cast<schema_holder*>(out->private_data);
    h->dictionary = std::make_unique<ArrowSchema>();
    fill_schema(h->dictionary.get(), "u", "", 0);
    out->dictionary = h->dictionary.get();
  }
}

// ------------------------------------------------------------------ arrays

/// What an exported array owns: a reference to the table (which owns every buffer), the
/// buffer pointers, and its children.
struct array_holder {
  std::shared_ptr<const out_table> table;
  std::vector<const void*> buffers;
  std::vector<ArrowArray> children;
  std::vector<ArrowArray*> child_pointers;
  std::unique_ptr<ArrowArray> dictionary;
};

void release_array(ArrowArray* a) {
  if (a == nullptr || a->release == nullptr) return;
  auto* h = static_cast<array_holder*>(a->private_data);
  for (ArrowArray* c : h->child_pointers) {
    if (c->release != nullptr) c->release(c);
  }
  if (h->dictionary && h->dictionary->release != nullptr) h->dictionary->release(h->dictionary.get());
  delete h;
  a->release = nullptr;
}

array_holder* fill_array(ArrowArray* out, const std::shared_ptr<const out_table>& t, std::int64_t length,
                         std::int64_t null_count, std::vector<const void*> buffers) {
  auto* h = new array_holder{t, std::move(buffers), {}, {}, nullptr};
  *out = ArrowArray{};
  out->length = length;
  out->null_count = null_count;
  out->offset = 0;
  out->n_buffers = static_cast<std::int64_t>(h->buffers.size());
  out->buffers = h->buffers.data();
  out->release = &release_array;
  out->private_data = h;
  return h;
}

constexpr char no_bytes[1] = {0};  // the data buffer of an empty string dictionary

void column_array_of(const std::shared_ptr<const out_table>& t, std::size_t field, std::size_t batch, ArrowArray* out) {
  const out_field& f = t->fields[field];
  const out_batch& b = t->batches[batch];
  const out_column& c = b.columns[field];
  array_holder* h = fill_array(out, t, b.length, c.validity == nullptr ? 0 : c.null_count, {c.validity, c.data});
  if (f.is_dictionary) {
    h->dictionary = std::make_unique<ArrowArray>();
    fill_array(h->dictionary.get(), t, static_cast<std::int64_t>(f.dictionary_offsets.size()) - 1, 0,
               {nullptr, f.dictionary_offsets.data(), f.dictionary_data.empty() ? no_bytes : f.dictionary_data.data()});
    out->dictionary = h->dictionary.get();
  }
}

// ------------------------------------------------------------------ streams

struct stream_holder {
  std::shared_ptr<const out_table> table;
  std::size_t next = 0;
};

int stream_schema(ArrowArrayStream* s, ArrowSchema* out) {
  export_schema(*static_cast<stream_holder*>(s->private_data)->table, out);
  return 0;
}

int stream_next(ArrowArrayStream* s, ArrowArray* out) {
  auto* h = static_cast<stream_holder*>(s->private_data);
  if (h->next >= h->table->batches.size()) {
    *out = ArrowArray{};  // released: the end
    return 0;
  }
  export_batch(h->table, h->next++, out);
  return 0;
}

const char* stream_error(ArrowArrayStream*) { return nullptr; }

void release_stream(ArrowArrayStream* s) {
  if (s == nullptr || s->release == nullptr) return;
  delete static_cast<stream_holder*>(s->private_data);
  s->release = nullptr;
}

// ------------------------------------------------------------------ one batch of many

std::size_t width_of_format(std::string_view f) {
  if (f == "c" || f == "C") return 1;
  if (f == "s" || f == "S") return 2;
  if (f == "i" || f == "I" || f == "f" || f == "tdD") return 4;
  return 8;  // l, L, g, tdm, ts*
}

bool bit_at(const std::uint8_t* bits, std::int64_t i) { return ((bits[i >> 3] >> (i & 7)) & 1) != 0; }
void set_bit(std::uint8_t* bits, std::int64_t i, bool v) {
  if (v) bits[i >> 3] = static_cast<std::uint8_t>(bits[i >> 3] | (1U << (i & 7)));
}

/// The table's batches as one (a copy; the table itself when it has one batch already).
std::shared_ptr<const out_table> single_batch(const std::shared_ptr<const out_table>& t) {
  if (t->batches.size() == 1) return t;
  auto one = std::make_shared<out_table>();
  one->fields = t->fields;
  one->is_array = t->is_array;
  const std::int64_t n = t->rows();
  out_batch joined;
  joined.length = n;
  for (std::size_t k = 0; k < t->fields.size(); ++k) {
    const bool bits = t->fields[k].format == "b";
    const std::size_t w = bits ? 0 : width_of_format(t->fields[k].format);
    auto data = std::make_shared<std::vector<std::uint8_t>>(bits ? static_cast<std::size_t>((n + 7) / 8) : static_cast<std::size_t>(n) * w + 1);
    bool any_nulls = false;
    for (const auto& b : t->batches) any_nulls |= b.columns[k].validity != nullptr && b.columns[k].null_count != 0;
    auto valid = std::make_shared<std::vector<std::uint8_t>>(any_nulls ? static_cast<std::size_t>((n + 7) / 8) : 0);
    std::int64_t at = 0;
    std::int64_t nulls = 0;
    for (const auto& b : t->batches) {
      const out_column& c = b.columns[k];
      const auto* src = static_cast<const std::uint8_t*>(c.data);
      if (bits) {
        for (std::int64_t i = 0; i < b.length; ++i) set_bit(data->data(), at + i, bit_at(src, i));
      } else if (b.length > 0) {
        std::memcpy(data->data() + static_cast<std::size_t>(at) * w, src, static_cast<std::size_t>(b.length) * w);
      }
      if (any_nulls) {
        for (std::int64_t i = 0; i < b.length; ++i) {
          const bool present = c.validity == nullptr || bit_at(c.validity, i);
          set_bit(valid->data(), at + i, present);
          nulls += present ? 0 : 1;
        }
      }
      at += b.length;
    }
    out_column col;
    col.data = data->data();
    col.validity = any_nulls ? valid->data() : nullptr;
    col.null_count = nulls;
    col.keep = std::make_shared<std::pair<decltype(data), decltype(valid)>>(data, valid);
    joined.columns.push_back(std::move(col));
  }
  one->batches.push_back(std::move(joined));
  return one;
}

// ------------------------------------------------------------------ capsules

template <class T, void (*Release)(T*)>
void capsule_destructor(PyObject* capsule) {
  const char* name = PyCapsule_GetName(capsule);
  auto* p = static_cast<T*>(PyCapsule_GetPointer(capsule, name));
  if (p == nullptr) {
    PyErr_Clear();
    return;
  }
  if (p->release != nullptr) p->release(p);
  delete p;
}

void release_schema_struct(ArrowSchema* s) { s->release(s); }
void release_array_struct(ArrowArray* a) { a->release(a); }
void release_stream_struct(ArrowArrayStream* s) { s->release(s); }

py::capsule schema_capsule_of(const out_table& t) {
  auto* s = new ArrowSchema{};
  export_schema(t, s);
  return py::reinterpret_steal<py::capsule>(
      PyCapsule_New(s, "arrow_schema", &capsule_destructor<ArrowSchema, &release_schema_struct>));
}

/// Values of one column gathered from every batch into a new numpy array (dictionary
/// columns: the indices, -1 where null).
py::array column_numpy(const out_table& t, std::size_t k) {
  const out_field& f = t.fields[k];
  const std::int64_t n = t.rows();
  if (f.format == "b") {
    py::array_t<bool> out(static_cast<py::ssize_t>(n));
    bool* o = out.mutable_data();
    std::int64_t at = 0;
    for (const auto& b : t.batches) {
      const auto* src = static_cast<const std::uint8_t*>(b.columns[k].data);
      for (std::int64_t i = 0; i < b.length; ++i) o[at + i] = bit_at(src, i);
      at += b.length;
    }
    return std::move(out);
  }
  const std::size_t w = width_of_format(f.format);
  py::dtype dt = f.format == "c"   ? py::dtype::of<std::int8_t>()
                 : f.format == "C" ? py::dtype::of<std::uint8_t>()
                 : f.format == "s" ? py::dtype::of<std::int16_t>()
                 : f.format == "S" ? py::dtype::of<std::uint16_t>()
                 : f.format == "i" ? py::dtype::of<std::int32_t>()
                 : f.format == "I" ? py::dtype::of<std::uint32_t>()
                 : f.format == "f" ? py::dtype::of<float>()
                 : f.format == "g" ? py::dtype::of<double>()
                 : f.format == "L" ? py::dtype::of<std::uint64_t>()
                                   : py::dtype::of<std::int64_t>();
  if (f.format == "tdD") dt = py::dtype::of<std::int32_t>();
  py::array out(dt, std::vector<py::ssize_t>{static_cast<py::ssize_t>(n)});
  auto* o = static_cast<std::uint8_t*>(out.mutable_data());
  std::int64_t at = 0;
  for (const auto& b : t.batches) {
    const out_column& c = b.columns[k];
    if (b.length > 0) std::memcpy(o + static_cast<std::size_t>(at) * w, c.data, static_cast<std::size_t>(b.length) * w);
    if (f.is_dictionary && c.validity != nullptr) {
      for (std::int64_t i = 0; i < b.length; ++i) {
        if (!bit_at(c.validity, i)) std::memset(o + static_cast<std::size_t>(at + i) * w, 0xFF, w);  // -1
      }
    }
    at += b.length;
  }
  if (f.format == "tdD") return out.attr("astype")("datetime64[D]");
  return out;
}

}  // namespace

// ------------------------------------------------------------------ the table

void out_field::set_dictionary(const std::vector<std::string>& strings) {
  is_dictionary = true;
  dictionary_offsets.assign(1, 0);
  dictionary_data.clear();
  for (const auto& s : strings) {
    dictionary_data += s;
    dictionary_offsets.push_back(static_cast<std::int32_t>(dictionary_data.size()));
  }
}

std::int64_t out_table::rows() const noexcept {
  std::int64_t n = 0;
  for (const auto& b : batches) n += b.length;
  return n;
}

void export_schema(const out_table& t, ArrowSchema* out) {
  if (t.is_array) {
    field_schema_of(t.fields.at(0), out);
    return;
  }
  fill_schema(out, "+s", "", 0);
  auto* h = static_cast<schema_holder*>(out->private_data);
  h->children.resize(t.fields.size());
  for (std::size_t k = 0; k < t.fields.size(); ++k) {
    field_schema_of(t.fields[k], &h->children[k]);
    h->child_pointers.push_back(&h->children[k]);
  }
  out->n_children = static_cast<std::int64_t>(t.fields.size());
  out->children = h->child_pointers.data();
}

void export_batch(const std::shared_ptr<const out_table>& t, std::size_t batch, ArrowArray* out) {
  if (t->is_array) {
    column_array_of(t, 0, batch, out);
    return;
  }
  array_holder* h = fill_array(out, t, t->batches[batch].length, 0, {nullptr});
  h->children.resize(t->fields.size());
  for (std::size_t k = 0; k < t->fields.size(); ++k) {
    column_array_of(t, k, batch, &h->children[k]);
    h->child_pointers.push_back(&h->children[k]);
  }
  out->n_children = static_cast<std::int64_t>(t->fields.size());
  out->children = h->child_pointers.data();
}

void export_stream(const std::shared_ptr<const out_table>& t, ArrowArrayStream* out) {
  *out = ArrowArrayStream{};
  out->get_schema = &stream_schema;
  out->get_next = &stream_next;
  out->get_last_error = &stream_error;
  out->release = &release_stream;
  out->private_data = new stream_holder{t, 0};
}

// ------------------------------------------------------------------ Python

void register_arrow_data(py::module_& m) {
  py::class_<arrow_data>(
      m, "ArrowData",
      "Columns that kulkija computed, held as Arrow arrays and handed out through the Arrow PyCapsule "
      "interface (__arrow_c_stream__, __arrow_c_array__, __arrow_c_schema__) without copying: "
      "pyarrow.table(data), pyarrow.array(data) (a single column), polars.DataFrame(data) and any other Arrow "
      "consumer import it. Needs no pyarrow; column(name) gives a column as a numpy array.")
      .def(
          "__arrow_c_stream__",
          [](const arrow_data& d, const py::object& requested_schema) {
            (void)requested_schema;  // (the data is exported as it is)
            auto* s = new ArrowArrayStream{};
            export_stream(d.table, s);
            return py::reinterpret_steal<py::capsule>(
                PyCapsule_New(s, "arrow_array_stream", &capsule_destructor<ArrowArrayStream, &release_stream_struct>));
          },
          py::arg("requested_schema") = py::none(), "The data as an Arrow C stream capsule, a batch at a time.")
      .def(
          "__arrow_c_array__",
          [](const arrow_data& d, const py::object& requested_schema) {
            (void)requested_schema;
            const auto one = single_batch(d.table);
            auto* a = new ArrowArray{};
            if (one->batches.empty()) {
              auto empty = std::make_shared<out_table>(*one);
              out_batch b;
              for (std::size_t k = 0; k < empty->fields.size(); ++k) {
                out_column c;
                c.data = no_bytes;
                b.columns.push_back(c);
              }
              empty->batches.push_back(std::move(b));
              export_batch(empty, 0, a);
            } else {
              export_batch(one, 0, a);
            }
            py::capsule array = py::reinterpret_steal<py::capsule>(
                PyCapsule_New(a, "arrow_array", &capsule_destructor<ArrowArray, &release_array_struct>));
            return py::make_tuple(schema_capsule_of(*d.table), array);
          },
          py::arg("requested_schema") = py::none(),
          "The data as (schema capsule, array capsule): one struct array of every row (a table), or the column "
          "itself when the data is a single array; the batches are joined into one (a copy) when there are several.")
      .def("__arrow_c_schema__", [](const arrow_data& d) { return schema_capsule_of(*d.table); },
           "The schema as an Arrow C schema capsule.")
      .def_property_readonly("num_rows", [](const arrow_data& d) { return d.table->rows(); }, "The number of rows.")
      .def_property_readonly("num_batches", [](const arrow_data& d) { return d.table->batches.size(); },
                             "The number of batches (one per input batch).")
      .def_property_readonly(
          "column_names",
          [](const arrow_data& d) {
            std::vector<std::string> names;
            for (const auto& f : d.table->fields) names.push_back(f.name);
            return names;
          },
          "The columns' names.")
      .def(
          "column",
          [](const arrow_data& d, const std::string& name) {
            for (std::size_t k = 0; k < d.table->fields.size(); ++k) {
              if (d.table->fields[k].name == name) return column_numpy(*d.table, k);
            }
            throw py::key_error(name);
          },
          py::arg("name"),
          "A column as a new numpy array: the values (a null slot holds an unspecified value), dates as "
          "datetime64[D], and for a dictionary-encoded column its indices, -1 where null. Raises KeyError.")
      .def("__len__", [](const arrow_data& d) { return d.table->rows(); })
      .def("__repr__", [](const arrow_data& d) {
        std::string names;
        for (const auto& f : d.table->fields) names += (names.empty() ? "" : ", ") + f.name;
        return "<ArrowData " + std::to_string(d.table->rows()) + " rows in " + std::to_string(d.table->batches.size()) +
               " batches: " + names + ">";
      });
}

py::object to_python(std::shared_ptr<const out_table> t) { return py::cast(arrow_data{std::move(t)}); }

}  // namespace kulkija::python::arrow
