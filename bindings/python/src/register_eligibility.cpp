// kulkija._core.eligibility: the rule language, rule sets, explained decisions and batch evaluation.
#include "register.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "arrow.hpp"

#include <cstdint>
#include <future>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kulkija/eligibility/batch.hpp"
#include "kulkija/eligibility/client_record.hpp"
#include "kulkija/eligibility/decision.hpp"
#include "kulkija/eligibility/expression.hpp"
#include "kulkija/eligibility/record.hpp"
#include "kulkija/eligibility/rule_set.hpp"
#include "kulkija/eligibility/schema.hpp"

namespace kulkija::python {

namespace {

using schema_ptr = std::shared_ptr<const field_schema>;
using py_schema_ptr = std::shared_ptr<field_schema>;  // pybind11 holders are not const

py_schema_ptr to_py(const schema_ptr& s) { return std::const_pointer_cast<field_schema>(s); }

// ------------------------------------------------------------------ schema

/// A schema from {name: type} or {name: (type, [codes])}, in the dict's order.
py_schema_ptr schema_from(const py::dict& fields) {
  std::vector<field_spec> specs;
  for (const auto& [key, value] : fields) {
    field_spec spec{key.cast<std::string>(), field_type::integer, {}};
    if (py::isinstance<py::str>(value)) {
      spec.type = parse_field_type(value.cast<std::string>());
    } else {
      const auto pair = value.cast<py::tuple>();
      if (pair.size() != 2) throw py::value_error("a field is a type name or a (type, codes) pair");
      spec.type = parse_field_type(pair[0].cast<std::string>());
      spec.codes = pair[1].cast<std::vector<std::string>>();
    }
    specs.push_back(std::move(spec));
  }
  return std::make_shared<field_schema>(std::move(specs));
}

schema_ptr schema_or_default(const std::optional<py_schema_ptr>& s) { return s ? schema_ptr(*s) : client_schema(); }

// ------------------------------------------------------------------ records from Python values

void set_value(record& r, std::size_t index, py::handle v) {
  const field_spec& f = r.schema()[index];
  if (v.is_none()) {
    r.set(index, std::monostate{});
    return;
  }
  switch (f.type) {
    case field_type::integer:
      if (py::isinstance<py::tuple>(v)) {
        const auto t = v.cast<std::pair<std::int64_t, std::int64_t>>();
        r.set_integer_range(f.name, t.first, t.second);
      } else if (py::isinstance<py::float_>(v)) {
        r.set_number(f.name, v.cast<double>());
      } else {
        r.set_integer(f.name, v.cast<std::int64_t>());
      }
      return;
    case field_type::number: r.set_number(f.name, v.cast<double>()); return;
    case field_type::boolean:
      if (!py::isinstance<py::bool_>(v) && !py::hasattr(v, "__bool__")) throw py::type_error(f.name + ": expected a bool");
      r.set_boolean(f.name, v.cast<bool>());
      return;
    case field_type::text: r.set_text(f.name, v.cast<std::string>()); return;
    case field_type::code: {
      if (py::hasattr(v, "name") && !py::isinstance<py::str>(v)) {
        r.set_code(f.name, v.attr("name").cast<std::string>());  // an enum member (LivingSituation.alone)
      } else {
        r.set_code(f.name, v.cast<std::string>());
      }
      return;
    }
    case field_type::code_set: {
      if (py::isinstance<py::str>(v)) throw py::type_error(f.name + ": expected an iterable of codes, not a str");
      std::vector<std::string> codes;
      for (py::handle item : py::reinterpret_borrow<py::iterable>(v)) {
        codes.push_back(py::hasattr(item, "name") && !py::isinstance<py::str>(item) ? item.attr("name").cast<std::string>()
                                                                                     : item.cast<std::string>());
      }
      r.set_codes(f.name, codes);
      return;
    }
    case field_type::calendar_date: r.set_date(f.name, v.cast<date>()); return;
  }
}

void apply_values(record& r, const py::dict& values) {
  for (const auto& [key, value] : values) set_value(r, r.schema().index_of(key.cast<std::string>()), value);
}

/// A record from a dict of values, a Client or a Referral (bound on `on`), plus facts.
record record_from(const schema_ptr& schema, py::handle subject, const std::optional<date>& on, const py::dict& facts) {
  std::optional<record> r;
  if (py::isinstance<client>(subject) || py::isinstance<referral>(subject)) {
    if (!on) throw py::value_error("on: the day of the decision is needed to bind a Client or Referral");
    if (schema != client_schema()) throw py::value_error("schema: a Client or Referral binds only to client_schema()");
    r = py::isinstance<client>(subject) ? client_record(subject.cast<const client&>(), *on)
                                        : client_record(subject.cast<const referral&>(), *on);
  } else if (py::isinstance<py::dict>(subject)) {
    r.emplace(schema);
    apply_values(*r, subject.cast<py::dict>());
  } else {
    throw py::type_error("expected a dict of field values, a Client or a Referral");
  }
  apply_values(*r, facts);
  return std::move(*r);
}

// ------------------------------------------------------------------ columns from numpy arrays

/// Keeps the arrays alive while a column_table points into them.
struct bound_columns {
  std::vector<py::array> arrays;
  column_table table;
};

column_type column_type_of_dtype(const py::dtype& dt, const std::string& field) {
  const char kind = dt.kind();
  const auto size = dt.itemsize();
  if (kind == 'b' && size == 1) return column_type::boolean;
  if (kind == 'i') {
    if (size == 1) return column_type::int8;
    if (size == 2) return column_type::int16;
    if (size == 4) return column_type::int32;
    if (size == 8) return column_type::int64;
  }
  if (kind == 'u') {
    if (size == 1) return column_type::uint8;
    if (size == 2) return column_type::uint16;
    if (size == 4) return column_type::uint32;
    if (size == 8) return column_type::uint64;
  }
  if (kind == 'f' && size == 4) return column_type::float32;
  if (kind == 'f' && size == 8) return column_type::float64;
  throw invalid_argument(error_id::invalid_value, field,
                         "numpy dtype '" + py::str(py::handle(reinterpret_cast<PyObject*>(dt.ptr()))).cast<std::string>() +
                             "' is not a supported column type");
}

bound_columns columns_from(const py::dict& columns, const py::dict& masks) {
  bound_columns out;
  for (const auto& [key, value] : columns) {
    const auto field = key.cast<std::string>();
    py::array a = py::array::ensure(value, py::array::c_style);
    if (!a) throw py::type_error(field + ": expected an array-like column");
    if (a.ndim() != 1) throw invalid_argument(error_id::invalid_value, field, "a column must be one-dimensional");
    if (a.dtype().kind() == 'M') {  // datetime64: days since 1970-01-01 as int64 (NaT is the int64 minimum)
      py::object days = a.attr("astype")("datetime64[D]");
      a = py::array::ensure(days.attr("view")("int64"), py::array::c_style);
    }
    column_view view{column_type_of_dtype(a.dtype(), field), a.data(), static_cast<std::size_t>(a.shape(0)), nullptr};
    if (masks.contains(key)) {
      auto m = py::array_t<bool, py::array::c_style | py::array::forcecast>::ensure(masks[key]);
      if (!m || m.ndim() != 1 || m.shape(0) != a.shape(0)) {
        throw invalid_argument(error_id::invalid_value, field, "the validity mask must be one-dimensional, as long as the column");
      }
      view.valid = reinterpret_cast<const std::uint8_t*>(m.data());
      out.arrays.push_back(m);
    }
    out.arrays.push_back(a);
    out.table.add(field, view);
  }
  for (const auto& [key, value] : masks) {
    if (!columns.contains(key)) {
      throw invalid_argument(error_id::invalid_value, key.cast<std::string>(), "a validity mask without its column");
    }
  }
  return out;
}

// ------------------------------------------------------------------ columns from Arrow

/// A numpy array that owns `v` (no copy).
template <class T, class Elem = T>
py::array_t<Elem> owning_array(std::vector<T>&& v) {
  static_assert(sizeof(T) == sizeof(Elem));
  auto* owned = new std::vector<T>(std::move(v));
  py::capsule base(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<Elem>({static_cast<py::ssize_t>(owned->size())}, {static_cast<py::ssize_t>(sizeof(Elem))},
                           reinterpret_cast<const Elem*>(owned->data()), base);
}

/// Runs `fn(table, first_row, rows)` on every record batch of an Arrow object, binding the
/// columns of `fields`, without the GIL; returns the number of rows. While a batch of at least
/// `read_ahead_rows` rows is bound and evaluated, a second thread already pulls the next one from
/// the stream (for a Parquet reader, decodes it), so evaluation overlaps the read instead of
/// adding to it; smaller batches are pulled after (a thread costs more than they take).
template <class Fn>
std::size_t for_each_arrow_batch(py::handle data, const std::optional<py::dict>& masks, const field_schema& schema,
                                 const std::vector<std::string>& fields, const std::optional<date>& on, Fn&& fn) {
  if (masks && !masks->empty()) {
    throw invalid_argument(error_id::invalid_value, "masks", "Arrow data carries its own validity bitmaps; pass no masks");
  }
  arrow::batch_reader reader(data);
  std::size_t rows = 0;
  arrow::bound_batch bound;  // (its buffers are reused from batch to batch)
  py::gil_scoped_release release;
  arrow::owned_array current;
  arrow::owned_array ahead;
  constexpr std::int64_t read_ahead_rows = 65'536;
  bool more = reader.next_into(current.array);
  while (more) {
    // (the future's destructor waits for the pull, also when bind or fn throws)
    std::future<bool> pull;
    if (current.array.length >= read_ahead_rows) {
      pull = std::async(std::launch::async, [&reader, &ahead] { return reader.next_into(ahead.array); });
    }
    arrow::bind(reader.schema(), current.array, schema, fields, on, static_cast<std::int64_t>(rows), bound);
    const auto n = static_cast<std::size_t>(current.array.length);
    if (n > 0) fn(bound.table, rows, n);
    rows += n;
    more = pull.valid() ? pull.get() : reader.next_into(ahead.array);
    current.reset();
    std::swap(current.array, ahead.array);
  }
  return rows;
}

/// The truth codes (or, with Select, the true rows) of a rule on numpy columns or Arrow data.
template <bool Select>
py::object evaluate_rule(const expression& e, py::handle columns, const std::optional<py::dict>& masks, unsigned threads,
                         bool to_numpy) {
  const compiled_rule compiled(e);
  if (arrow::is_arrow(columns)) {
    std::vector<std::uint8_t> out;
    for_each_arrow_batch(columns, masks, *e.schema(), compiled.fields(), std::nullopt,
                         [&](const column_table& table, std::size_t first, std::size_t n) {
                           out.resize(first + n);
                           if constexpr (Select) {
                             compiled.select(table, std::span<bool>(reinterpret_cast<bool*>(out.data() + first), n), threads);
                           } else {
                             compiled.evaluate(table, std::span<std::uint8_t>(out.data() + first, n), threads);
                           }
                         });
    if constexpr (Select) {
      if (!to_numpy) return arrow::export_bools(out);  // Arrow in, Arrow out
      return owning_array<std::uint8_t, bool>(std::move(out));
    } else {
      if (!to_numpy) return arrow::export_codes(std::move(out));  // Arrow in, Arrow out
      return owning_array(std::move(out));
    }
  }
  if (!py::isinstance<py::dict>(columns)) {
    throw py::type_error("columns: expected a dict {field: array} or an object with the Arrow PyCapsule interface");
  }
  bound_columns bound = columns_from(columns.cast<py::dict>(), masks.value_or(py::dict()));
  using out_t = std::conditional_t<Select, bool, std::uint8_t>;
  py::array_t<out_t> out(static_cast<py::ssize_t>(bound.table.rows()));
  std::span<out_t> span(out.mutable_data(), bound.table.rows());
  {
    py::gil_scoped_release release;
    if constexpr (Select) compiled.select(bound.table, span, threads);
    else compiled.evaluate(bound.table, span, threads);
  }
  return std::move(out);
}

/// The decisions of a rule set on Arrow data as Arrow columns, a batch per input batch:
/// `status` (a dictionary of the status labels, int8 indices), `status_code` (uint8: the same
/// buffer) and `first_criterion` (a dictionary of the criterion ids, int32 indices, null where
/// no criterion failed or was undetermined).
py::object evaluate_rule_set_arrow(const rule_set& r, py::handle data, unsigned threads, const std::optional<date>& on) {
  const compiled_rule_set compiled(r);
  auto table = std::make_shared<arrow::out_table>();
  arrow::out_field status{"status", "c"};
  status.nullable = false;
  status.set_dictionary({"eligible", "not_eligible", "undetermined"});
  arrow::out_field code{"status_code", "C"};
  code.nullable = false;
  arrow::out_field first{"first_criterion", "i"};
  first.set_dictionary(compiled.criterion_ids());
  table->fields = {status, code, first};
  for_each_arrow_batch(data, std::nullopt, *r.schema(), compiled.fields(), on,
                       [&](const column_table& columns, std::size_t, std::size_t n) {
                         auto codes = std::make_shared<std::vector<std::uint8_t>>(n);
                         std::vector<std::int32_t> positions(n);
                         compiled.evaluate(columns, *codes, positions, threads);
                         arrow::out_batch batch;
                         batch.length = static_cast<std::int64_t>(n);
                         arrow::out_column shared;
                         shared.keep = codes;
                         shared.data = codes->data();
                         batch.columns = {shared, shared, arrow::positions_column(std::move(positions))};  // null: none named
                         table->batches.push_back(std::move(batch));
                       });
  return arrow::to_python(std::move(table));
}

// ------------------------------------------------------------------ repr helpers

std::string repr_list(const std::vector<std::string>& v) {
  return py::repr(py::cast(v)).cast<std::string>();
}

}  // namespace

void register_eligibility(py::module_& m) {
  py::native_enum<truth>(m, "Truth", "enum.Enum", "A truth value of three-valued (Kleene) logic.")
      .value("no", truth::no, "definitely false")
      .value("yes", truth::yes, "definitely true")
      .value("unknown", truth::unknown, "cannot be decided from the data")
      .finalize();
  py::native_enum<decision_status>(m, "DecisionStatus", "enum.Enum",
                                   "The overall outcome of a decision; the values are the batch status codes.")
      .value("eligible", decision_status::eligible)
      .value("not_eligible", decision_status::not_eligible)
      .value("undetermined", decision_status::undetermined)
      .finalize();
  py::native_enum<criterion_kind>(m, "CriterionKind", "enum.Enum", "What a criterion does to the decision.")
      .value("inclusion", criterion_kind::inclusion)
      .value("exclusion", criterion_kind::exclusion)
      .value("warning", criterion_kind::warning)
      .finalize();
  py::native_enum<criterion_outcome>(m, "CriterionOutcome", "enum.Enum", "The outcome of one criterion.")
      .value("failed", criterion_outcome::failed)
      .value("undetermined", criterion_outcome::undetermined)
      .value("warning", criterion_outcome::warning)
      .value("passed", criterion_outcome::passed)
      .finalize();

  py::class_<field_schema, py_schema_ptr> schema(
      m, "Schema",
      "The typed fields that rules may refer to. Built from a dict {name: type} or {name: (type, [codes])}; the "
      "types are 'integer', 'number', 'boolean', 'text', 'code', 'code_set' and 'date'.");
  schema.def(py::init(&schema_from), py::arg("fields"), "Creates the schema; raises InvalidArgument for a bad field.")
      .def_property_readonly(
          "fields",
          [](const field_schema& s) {
            py::dict out;
            for (const auto& f : s.fields()) {
              if (f.codes.empty()) out[py::str(f.name)] = std::string(to_string(f.type));
              else out[py::str(f.name)] = py::make_tuple(std::string(to_string(f.type)), f.codes);
            }
            return out;
          },
          "The fields as {name: type} or {name: (type, [codes])}.")
      .def("__len__", &field_schema::size)
      .def("__contains__", [](const field_schema& s, const std::string& name) { return s.find(name).has_value(); },
           py::arg("name"))
      .def("__repr__", [](const field_schema& s) { return "Schema(" + py::repr(py::cast(s).attr("fields")).cast<std::string>() + ")"; })
      .def("__eq__", [](const field_schema& a, py::handle b) -> py::object {
        if (!py::isinstance<field_schema>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        return py::bool_(a == b.cast<const field_schema&>());
      }, py::arg("other"));
  m.def("client_schema", [] { return to_py(client_schema()); },
        "The default schema of a wellbeing-referral client (age, municipality, living, needs, ...).");

  py::class_<evaluation>(m, "Evaluation", "The result of evaluating an expression on one record.")
      .def_readonly("value", &evaluation::value, "The Truth value.")
      .def_readonly("undetermined_fields", &evaluation::undetermined_fields,
                    "When unknown: the fields whose missing or uncertain values left it undetermined.")
      .def_readonly("notes", &evaluation::notes, "Explanations of uncertain values (e.g. an age range).")
      .def("__repr__", [](const evaluation& e) {
        return "Evaluation(value=Truth." + std::string(to_string(e.value)) + ", undetermined_fields=" +
               repr_list(e.undetermined_fields) + ")";
      });

  py::class_<expression> expr(m, "Expression",
                              "A parsed, type-checked rule. Create with parse(); str() gives the canonical form.");
  expr.def_property_readonly("source", &expression::source, "The text the expression was parsed from.")
      .def_property_readonly("fields", &expression::fields, "The fields the expression reads, in schema order.")
      .def_property_readonly("schema", [](const expression& e) { return to_py(e.schema()); }, "The schema.")
      .def(
          "evaluate",
          [](const expression& e, py::handle subject, std::optional<date> on, const py::kwargs& facts) {
            return e.evaluate(record_from(e.schema(), subject, on, facts));
          },
          py::arg("subject"), py::kw_only(), py::arg("on") = py::none(),
          "Evaluates on a dict of field values (None = missing; an integer field takes a (low, high) tuple for "
          "a range), or on a Client or Referral bound on the day `on`; extra keyword arguments set fields.")
      .def(
          "evaluate_columns",
          [](const expression& e, py::handle columns, std::optional<py::dict> masks, unsigned threads, bool to_numpy) {
            return evaluate_rule<false>(e, columns, masks, threads, to_numpy);
          },
          py::arg("columns"), py::arg("masks") = py::none(), py::kw_only(), py::arg("threads") = 1U,
          py::arg("to_numpy") = false,
          "Evaluates every row of numpy columns {field: array} (zero-copy where contiguous) with optional validity "
          "masks {field: bool array}, or of Arrow data (any object with __arrow_c_stream__ or __arrow_c_array__: "
          "a pyarrow Table, RecordBatch or RecordBatchReader, a polars DataFrame; read batch by batch through "
          "the Arrow C data interface, fixed-width columns in place, validity bitmaps as missing values, "
          "strings and dictionary-encoded strings as codes); returns uint8 truth codes (0 no, 1 yes, 2 unknown): a "
          "numpy array, or for Arrow data a kulkija.io.ArrowData uint8 array (numpy with to_numpy=True). "
          "Releases the GIL; `threads` > 1 shares the rows among that many threads (0: one per CPU), at least "
          "262,144 rows each.")
      .def(
          "select",
          [](const expression& e, py::handle columns, std::optional<py::dict> masks, unsigned threads, bool to_numpy) {
            return evaluate_rule<true>(e, columns, masks, threads, to_numpy);
          },
          py::arg("columns"), py::arg("masks") = py::none(), py::kw_only(), py::arg("threads") = 1U,
          py::arg("to_numpy") = false,
          "The rows for which the rule is true (neither false nor unknown), as a bool array to filter with (for "
          "Arrow data a kulkija.io.ArrowData boolean array, numpy with to_numpy=True); columns (numpy or Arrow), "
          "masks and threads as in evaluate_columns. Releases the GIL.")
      .def("__str__", &expression::to_string)
      .def("__repr__", [](const expression& e) { return "Expression(" + py::repr(py::str(e.to_string())).cast<std::string>() + ")"; });
  def_eq(expr);
  m.def("batch_instruction_set", &batch_instruction_set,
        "The instruction set the batch kernels run with here: 'baseline', 'x86-64-v3' (AVX2) or 'x86-64-v4' "
        "(AVX-512); the environment variable KULKIJA_BATCH_ISA picks a narrower one.");
  m.def(
      "parse",
      [](std::string_view text, std::optional<py_schema_ptr> s, std::optional<std::map<std::string, expression>> rules) {
        named_rules named;
        if (rules) named.insert(rules->begin(), rules->end());
        return expression::parse(text, schema_or_default(s), named);
      },
      py::arg("text"), py::arg("schema") = py::none(), py::arg("rules") = py::none(),
      "Parses and type-checks a rule against `schema` (client_schema() by default), with named sub-rules "
      "{name: Expression}. Raises ParseError (a ValueError) with .line and .column.");

  py::class_<criterion_result>(m, "CriterionResult", "One criterion's part of a decision.")
      .def_readonly("criterion_id", &criterion_result::criterion_id, "The criterion's id.")
      .def_readonly("position", &criterion_result::position, "Its position in the rule set.")
      .def_readonly("kind", &criterion_result::kind, "Its CriterionKind.")
      .def_readonly("value", &criterion_result::value, "The Truth value of its expression.")
      .def_readonly("outcome", &criterion_result::outcome, "The CriterionOutcome.")
      .def_readonly("reason", &criterion_result::reason, "The reason text in the decision's language.")
      .def_readonly("undetermined_fields", &criterion_result::undetermined_fields, "Fields that left it undetermined.")
      .def_readonly("notes", &criterion_result::notes, "Explanations of uncertain values.")
      .def("__repr__", [](const criterion_result& r) {
        return "CriterionResult(" + r.criterion_id + ", " + std::string(to_string(r.outcome)) + ")";
      });

  py::class_<decision>(m, "Decision", "An explained eligibility decision.")
      .def_readonly("status", &decision::status, "The DecisionStatus.")
      .def_property_readonly("eligible", [](const decision& d) { return d.status == decision_status::eligible; },
                             "Whether the status is eligible.")
      .def_readonly("rule_set_id", &decision::rule_set_id, "The rule set's id.")
      .def_readonly("rule_set_version", &decision::rule_set_version, "The rule set's version.")
      .def_readonly("decided_on", &decision::decided_on, "The day of the decision.")
      .def_readonly("language", &decision::language, "The language of the texts.")
      .def_readonly("results", &decision::results, "Every criterion, failed and undetermined first.")
      .def_property_readonly("reasons", &decision::reasons,
                             "Reason texts of failed and undetermined criteria (with the missing fields).")
      .def_property_readonly("warnings", &decision::warnings, "Reason texts of raised warnings.")
      .def("explain", &decision::explain, "A readable, multi-line explanation.")
      .def("__repr__", [](const decision& d) {
        return "<Decision " + std::string(to_string(d.status)) + " by " + d.rule_set_id + " " + d.rule_set_version + ">";
      });

  py::class_<criterion>(m, "Criterion", "One criterion of a rule set.")
      .def_readonly("id", &criterion::id, "The id.")
      .def_readonly("kind", &criterion::kind, "The CriterionKind.")
      .def_readonly("condition", &criterion::condition, "The Expression.")
      .def_property_readonly(
          "reason", [](const criterion& c) { return py::dict(py::arg("fi") = c.reason.fi, py::arg("sv") = c.reason.sv, py::arg("en") = c.reason.en); },
          "The reason texts {'fi': ..., 'sv': ..., 'en': ...}.")
      .def("__repr__", [](const criterion& c) { return "Criterion(" + c.id + ": " + c.condition.to_string() + ")"; });

  py::class_<rule_set> rs(m, "RuleSet", "A versioned set of eligibility criteria for one region.");
  rs.def_static(
        "from_json",
        [](py::object source, std::optional<py_schema_ptr> s) {
          const py::module_ pathlib = py::module_::import("pathlib");
          if (py::isinstance(source, pathlib.attr("PurePath"))) return rule_set::load(source.attr("__fspath__")().cast<std::string>(), schema_or_default(s));
          const auto text = source.cast<std::string>();
          if (text.find('{') == std::string::npos) return rule_set::load(text, schema_or_default(s));
          return rule_set::from_json(text, schema_or_default(s));
        },
        py::arg("source"), py::arg("schema") = py::none(),
        "Reads a rule set from a path (str or os.PathLike) or from JSON text. Raises ParseError naming the JSON "
        "path (.path), NotFound for a missing file.")
      .def_property_readonly("id", &rule_set::id, "The id.")
      .def_property_readonly("version", &rule_set::version, "The version.")
      .def_property_readonly("region", &rule_set::region, "The region.")
      .def_property_readonly("valid_from", &rule_set::valid_from, "The first day in force.")
      .def_property_readonly("valid_to", &rule_set::valid_to, "The last day in force, or None.")
      .def_property_readonly("schema", [](const rule_set& r) { return to_py(r.schema()); }, "The field schema.")
      .def_property_readonly(
          "rules", [](const rule_set& r) { return std::map<std::string, expression>(r.rules().begin(), r.rules().end()); },
          "The named sub-rules {name: Expression}.")
      .def_property_readonly("criteria", &rule_set::criteria, "The criteria, in order.")
      .def("in_force_on", &rule_set::in_force_on, py::arg("day"), "Whether the rule set is in force on `day`.")
      .def(
          "evaluate",
          [](const rule_set& r, py::handle subject, date on, text_language lang, const py::kwargs& facts) {
            return r.evaluate(record_from(r.schema(), subject, on, facts), on, lang);
          },
          py::arg("subject"), py::kw_only(), py::arg("on"), py::arg("lang") = text_language::fi,
          "Decides eligibility for a Client, a Referral or a dict of field values on the day `on`, with reasons in "
          "`lang`; extra keyword arguments set fields (needs_medical_care=False).")
      .def(
          "evaluate_columns",
          [](const rule_set& r, py::handle columns, std::optional<py::dict> masks, unsigned threads,
             std::optional<date> on, bool to_numpy) -> py::tuple {
            const compiled_rule_set compiled(r);
            if (arrow::is_arrow(columns)) {
              std::vector<std::uint8_t> status;
              std::vector<std::int32_t> first;
              for_each_arrow_batch(columns, masks, *r.schema(), compiled.fields(), on,
                                   [&](const column_table& table, std::size_t at, std::size_t n) {
                                     status.resize(at + n);
                                     first.resize(at + n);
                                     compiled.evaluate(table, std::span<std::uint8_t>(status.data() + at, n),
                                                       std::span<std::int32_t>(first.data() + at, n), threads);
                                   });
              if (!to_numpy) {  // Arrow in, Arrow out
                return py::make_tuple(arrow::export_codes(std::move(status)), arrow::export_positions(first));
              }
              return py::make_tuple(owning_array(std::move(status)), owning_array(std::move(first)));
            }
            if (!py::isinstance<py::dict>(columns)) {
              throw py::type_error("columns: expected a dict {field: array} or an object with the Arrow PyCapsule interface");
            }
            bound_columns bound = columns_from(columns.cast<py::dict>(), masks.value_or(py::dict()));
            const auto n = static_cast<py::ssize_t>(bound.table.rows());
            py::array_t<std::uint8_t> status(n);
            py::array_t<std::int32_t> first(n);
            std::span<std::uint8_t> s(status.mutable_data(), bound.table.rows());
            std::span<std::int32_t> f(first.mutable_data(), bound.table.rows());
            {
              py::gil_scoped_release release;
              compiled.evaluate(bound.table, s, f, threads);
            }
            return py::make_tuple(status, first);
          },
          py::arg("columns"), py::arg("masks") = py::none(), py::kw_only(), py::arg("threads") = 1U,
          py::arg("on") = py::none(), py::arg("to_numpy") = false,
          "Evaluates every row of numpy columns or Arrow data (as in Expression.evaluate_columns); returns (status "
          "uint8 array of DecisionStatus values, first int32 array: the first failing, else undetermined, "
          "criterion's position or -1). For Arrow data both are kulkija.io.ArrowData arrays, first null where "
          "no criterion is named (numpy as for numpy columns with to_numpy=True). With Arrow data and `on`, ages are computed on `on` from a birth_date "
          "column when there is no age column. Releases the GIL; threads as in Expression.evaluate_columns.")
      .def(
          "_evaluate_arrow",
          [](const rule_set& r, py::handle data, unsigned threads, std::optional<date> on) {
            if (!arrow::is_arrow(data)) {
              throw py::type_error("data: expected an object with the Arrow PyCapsule interface");
            }
            return evaluate_rule_set_arrow(r, data, threads, on);
          },
          py::arg("data"), py::kw_only(), py::arg("threads") = 1U, py::arg("on") = py::none(),
          "evaluate_arrow's work: the decisions as a kulkija.io.ArrowData, a batch per input batch.")
      .def_property_readonly(
          "batch_fields", [](const rule_set& r) { return compiled_rule_set(r).fields(); },
          "The fields the criteria read (the columns evaluate_columns needs).")
      .def("__repr__", [](const rule_set& r) { return "<RuleSet " + r.id() + " " + r.version() + ">"; });

  py::class_<rule_set_collection>(m, "RuleSetCollection", "Versions of rule sets; picks the one in force on a day.")
      .def(py::init<>())
      .def("add", &rule_set_collection::add, py::arg("rule_set"),
           "Adds a rule set; raises InvalidArgument (id rule_set_overlap) when a version of the same id overlaps.")
      .def("in_force", &rule_set_collection::in_force, py::arg("id"), py::arg("on"), py::return_value_policy::copy,
           "The version of `id` in force on `on`; raises NotFound.")
      .def("__len__", [](const rule_set_collection& c) { return c.all().size(); })
      .def("__iter__", [](const rule_set_collection& c) { return py::iter(py::cast(c.all())); });
}

}  // namespace kulkija::python
