#include "kulkija/eligibility/batch.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <string>

#include "kulkija/core/error.hpp"
#include "kulkija/detail/rule_node.hpp"

namespace kulkija {

namespace detail {

struct batch_op {
  bool combine = false;           // and/or over inputs, else a leaf
  bool conjunction = false;       // for combine
  std::vector<std::uint32_t> in;  // input registers: t0, f0, t1, f1, ...
  std::uint32_t t = 0;
  std::uint32_t f = 0;
  node_ptr node;  // the leaf
};

struct batch_program {
  std::shared_ptr<const field_schema> schema;
  std::vector<batch_op> ops;
  std::uint32_t registers = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> roots;  // (t, f) of each output
  std::vector<criterion_kind> kinds;                            // for rule sets
};

}  // namespace detail

namespace {

using detail::batch_op;
using detail::batch_program;
using detail::compare_op;
using detail::node_kind;
using detail::rule_node;

constexpr std::size_t chunk = 256;

// ------------------------------------------------------------------ compilation

class compiler {
 public:
  explicit compiler(batch_program& p) : p_(p) {}

  std::pair<std::uint32_t, std::uint32_t> run(const rule_node& n) {
    switch (n.kind) {
      case node_kind::negation: {
        const auto [t, f] = run(*n.children[0]);
        return {f, t};
      }
      case node_kind::rule_ref: {
        const auto it = memo_.find(n.children[0].get());
        if (it != memo_.end()) return it->second;
        const auto r = run(*n.children[0]);
        memo_.emplace(n.children[0].get(), r);
        return r;
      }
      case node_kind::conjunction:
      case node_kind::disjunction: {
        batch_op op;
        op.combine = true;
        op.conjunction = n.kind == node_kind::conjunction;
        for (const auto& c : n.children) {
          const auto [t, f] = run(*c);
          op.in.push_back(t);
          op.in.push_back(f);
        }
        op.t = p_.registers++;
        op.f = p_.registers++;
        p_.ops.push_back(std::move(op));
        return {p_.ops.back().t, p_.ops.back().f};
      }
      default: {
        batch_op op;
        op.t = p_.registers++;
        op.f = p_.registers++;
        auto leaf = std::make_shared<rule_node>(n);
        const bool negated = leaf->negated;
        leaf->negated = false;
        if (n.kind == node_kind::is_missing) {
          // is missing = not present
          op.node = leaf;
          p_.ops.push_back(std::move(op));
          const auto& b = p_.ops.back();
          return negated ? std::pair{b.t, b.f} : std::pair{b.f, b.t};
        }
        op.node = leaf;
        p_.ops.push_back(std::move(op));
        const auto& b = p_.ops.back();
        return negated ? std::pair{b.f, b.t} : std::pair{b.t, b.f};
      }
    }
  }

 private:
  batch_program& p_;
  std::map<const rule_node*, std::pair<std::uint32_t, std::uint32_t>> memo_;
};

void collect(const rule_node& n, std::vector<bool>& used) {
  if (n.kind == node_kind::constant) return;
  if (n.children.empty()) used[n.field] = true;
  for (const auto& c : n.children) collect(*c, used);
}

// ------------------------------------------------------------------ kernels

struct leaf_plan {
  const void* data = nullptr;
  const std::uint8_t* valid = nullptr;
  bool constant = false;
  bool negate = false;  // swap the output planes (boolean `= false`, `!= true`)
  std::int64_t a = 0;
  std::int64_t b = 0;
  double da = 0;
  double db = 0;
  float fa = 0;
  float fb = 0;
  std::uint64_t mask = 0;
  std::int64_t code_count = 0;  // code columns: valid codes are [0, code_count)
  bool check_nat = false;       // date columns: the int64 minimum is missing
  bool number_on_integers = false;
  std::vector<std::int64_t> set;     // sorted
  std::vector<std::uint8_t> table;   // 8/16-bit in_set
  std::int64_t table_offset = 0;
  void (*kernel)(const leaf_plan&, std::size_t, std::size_t, std::uint8_t*, std::uint8_t*) = nullptr;
};

template <class T, class Pred, class Ok>
inline void run_leaf(const leaf_plan& p, std::size_t begin, std::size_t n, std::uint8_t* __restrict t,
                     std::uint8_t* __restrict f, Pred pred, Ok ok) {
  const T* __restrict x = static_cast<const T*>(p.data) + begin;
  if (p.valid != nullptr) {
    const std::uint8_t* __restrict v = p.valid + begin;
    for (std::size_t i = 0; i < n; ++i) {
      const auto present = static_cast<std::uint8_t>((v[i] != 0) & ok(x[i]));
      const auto c = static_cast<std::uint8_t>(pred(x[i]));
      t[i] = static_cast<std::uint8_t>(present & c);
      f[i] = static_cast<std::uint8_t>(present & (c ^ 1U));
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      const auto present = static_cast<std::uint8_t>(ok(x[i]));
      const auto c = static_cast<std::uint8_t>(pred(x[i]));
      t[i] = static_cast<std::uint8_t>(present & c);
      f[i] = static_cast<std::uint8_t>(present & (c ^ 1U));
    }
  }
}

template <class T, class Pred>
inline void with_presence(const leaf_plan& p, std::size_t begin, std::size_t n, std::uint8_t* t, std::uint8_t* f,
                          Pred pred) {
  if constexpr (std::is_floating_point_v<T>) {
    run_leaf<T>(p, begin, n, t, f, pred, [](T x) { return x == x; });
  } else {
    if (p.code_count > 0) {
      const std::int64_t count = p.code_count;
      if constexpr (std::is_signed_v<T>) {
        run_leaf<T>(p, begin, n, t, f, pred, [count](T x) { return x >= 0 && static_cast<std::int64_t>(x) < count; });
      } else {
        run_leaf<T>(p, begin, n, t, f, pred,
                    [count](T x) { return static_cast<std::uint64_t>(x) < static_cast<std::uint64_t>(count); });
      }
    } else if (p.check_nat) {
      run_leaf<T>(p, begin, n, t, f, pred, [](T x) { return x != std::numeric_limits<T>::min(); });
    } else {
      run_leaf<T>(p, begin, n, t, f, pred, [](T) { return true; });
    }
  }
}

template <class T>
void k_present(const leaf_plan& p, std::size_t begin, std::size_t n, std::uint8_t* t, std::uint8_t* f) {
  // t = present, f = not present: never unknown
  with_presence<T>(p, begin, n, t, f, [](T) { return true; });
  for (std::size_t i = 0; i < n; ++i) f[i] = static_cast<std::uint8_t>(t[i] ^ 1U);
}

template <class T>
void k_truthy(const leaf_plan& p, std::size_t begin, std::size_t n, std::uint8_t* t, std::uint8_t* f) {
  with_presence<T>(p, begin, n, t, f, [](T x) { return x != T{0}; });
}

template <class T>
void k_constant(const leaf_plan& p, std::size_t begin, std::size_t n, std::uint8_t* t, std::uint8_t* f) {
  const bool c = p.constant;
  with_presence<T>(p, begin, n, t, f, [c](T) { return c; });
}

void k_literal(const leaf_plan& p, std::size_t, std::size_t n, std::uint8_t* t, std::uint8_t* f) {
  std::memset(t, p.constant ? 1 : 0, n);
  std::memset(f, p.constant ? 0 : 1, n);
}

template <class T, compare_op Op>
void k_compare(const leaf_plan& p, std::size_t begin, std::size_t n, std::uint8_t* t, std::uint8_t* f) {
  using C = std::conditional_t<std::is_same_v<T, float>, float, std::conditional_t<std::is_floating_point_v<T>, double, T>>;
  C c{};
  if constexpr (std::is_same_v<T, float>) c = p.fa;
  else if constexpr (std::is_floating_point_v<T>) c = p.da;
  else c = static_cast<T>(p.a);
  with_presence<T>(p, begin, n, t, f, [c](T x) {
    if constexpr (Op == compare_op::eq) return x == c;
    if constexpr (Op == compare_op::ne) return x != c;
    if constexpr (Op == compare_op::lt) return x < c;
    if constexpr (Op == compare_op::le) return x <= c;
    if constexpr (Op == compare_op::gt) return x > c;
    if constexpr (Op == compare_op::ge) return x >= c;
  });
}

template <class T, compare_op Op>
void k_compare_number(const leaf_plan& p, std::size_t begin, std::size_t n, std::uint8_t* t, std::uint8_t* f) {
  const double c = p.da;
  with_presence<T>(p, begin, n, t, f, [c](T xi) {
    const auto x = static_cast<double>(xi);
    if constexpr (Op == compare_op::eq) return x == c;
    if constexpr (Op == compare_op::ne) return x != c;
    if constexpr (Op == compare_op::lt) return x < c;
    if constexpr (Op == compare_op::le) return x <= c;
    if constexpr (Op == compare_op::gt) return x > c;
    if constexpr (Op == compare_op::ge) return x >= c;
  });
}

template <class T>
void k_between(const leaf_plan& p, std::size_t begin, std::size_t n, std::uint8_t* t, std::uint8_t* f) {
  if constexpr (std::is_same_v<T, float>) {
    const float lo = p.fa;
    const float hi = p.fb;
    with_presence<T>(p, begin, n, t, f, [lo, hi](T x) { return (x >= lo) & (x <= hi); });
  } else if constexpr (std::is_floating_point_v<T>) {
    const double lo = p.da;
    const double hi = p.db;
    with_presence<T>(p, begin, n, t, f, [lo, hi](T x) { return (x >= lo) & (x <= hi); });
  } else if (p.number_on_integers) {
    const double lo = p.da;
    const double hi = p.db;
    with_presence<T>(p, begin, n, t, f,
                     [lo, hi](T x) { return (static_cast<double>(x) >= lo) & (static_cast<double>(x) <= hi); });
  } else {
    const auto lo = static_cast<T>(p.a);
    const auto hi = static_cast<T>(p.b);
    with_presence<T>(p, begin, n, t, f, [lo, hi](T x) { return (x >= lo) & (x <= hi); });
  }
}

template <class T>
void k_in_small(const leaf_plan& p, std::size_t begin, std::size_t n, std::uint8_t* t, std::uint8_t* f) {
  std::array<T, 8> v{};
  const std::size_t k = p.set.size();
  for (std::size_t i = 0; i < 8; ++i) v[i] = static_cast<T>(p.set[std::min(i, k - 1)]);  // pad with a repeat
  with_presence<T>(p, begin, n, t, f, [v](T x) {
    return (x == v[0]) | (x == v[1]) | (x == v[2]) | (x == v[3]) | (x == v[4]) | (x == v[5]) | (x == v[6]) |
           (x == v[7]);
  });
}

// The truth planes of a test whose `t` plane holds the raw result for every row: masks
// `t` by presence and derives `f`. Vectorises; used after scalar lookups.
template <class T>
inline void finish_planes(const leaf_plan& p, std::size_t begin, std::size_t n, std::uint8_t* __restrict t,
                          std::uint8_t* __restrict f) {
  if (p.valid != nullptr || p.code_count > 0 || p.check_nat) {
    std::array<std::uint8_t, chunk> raw;  // NOLINT: filled below, only n bytes used
    std::memcpy(raw.data(), t, n);
    with_presence<T>(p, begin, n, t, f, [](T) { return true; });  // t = present, f = 0
    for (std::size_t i = 0; i < n; ++i) {
      const auto present = t[i];
      const auto c = raw[i];
      t[i] = static_cast<std::uint8_t>(present & c);
      f[i] = static_cast<std::uint8_t>(present & (c ^ 1U));
    }
    return;
  }
  for (std::size_t i = 0; i < n; ++i) f[i] = static_cast<std::uint8_t>(t[i] ^ 1U);
}

template <class T>
void k_in_table(const leaf_plan& p, std::size_t begin, std::size_t n, std::uint8_t* t, std::uint8_t* f) {
  const std::uint8_t* __restrict table = p.table.data() + p.table_offset;
  const T* __restrict x = static_cast<const T*>(p.data) + begin;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {  // scalar lookups, unrolled; the planes are finished vectorised
    t[i] = table[x[i]];
    t[i + 1] = table[x[i + 1]];
    t[i + 2] = table[x[i + 2]];
    t[i + 3] = table[x[i + 3]];
    t[i + 4] = table[x[i + 4]];
    t[i + 5] = table[x[i + 5]];
    t[i + 6] = table[x[i + 6]];
    t[i + 7] = table[x[i + 7]];
  }
  for (; i < n; ++i) t[i] = table[x[i]];
  finish_planes<T>(p, begin, n, t, f);
}

template <class T>
void k_in_sorted(const leaf_plan& p, std::size_t begin, std::size_t n, std::uint8_t* t, std::uint8_t* f) {
  const auto* s = p.set.data();
  const auto* e = s + p.set.size();
  with_presence<T>(p, begin, n, t, f, [s, e](T x) {
    if constexpr (std::is_unsigned_v<T>) {
      if (static_cast<std::uint64_t>(x) > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return false;
      }
    }
    return std::binary_search(s, e, static_cast<std::int64_t>(x));
  });
}

template <class T>
void k_mask_any(const leaf_plan& p, std::size_t begin, std::size_t n, std::uint8_t* t, std::uint8_t* f) {
  const auto m = static_cast<T>(p.mask);
  with_presence<T>(p, begin, n, t, f, [m](T x) { return (x & m) != 0; });
}

template <class T>
void k_mask_all(const leaf_plan& p, std::size_t begin, std::size_t n, std::uint8_t* t, std::uint8_t* f) {
  const auto m = static_cast<T>(p.mask);
  with_presence<T>(p, begin, n, t, f, [m](T x) { return (x & m) == m; });
}

// ------------------------------------------------------------------ binding a leaf to its column

template <class F>
void visit_type(column_type type, F&& f) {
  switch (type) {
    case column_type::boolean:
    case column_type::uint8: f(std::uint8_t{}); return;
    case column_type::int8: f(std::int8_t{}); return;
    case column_type::int16: f(std::int16_t{}); return;
    case column_type::int32: f(std::int32_t{}); return;
    case column_type::int64: f(std::int64_t{}); return;
    case column_type::uint16: f(std::uint16_t{}); return;
    case column_type::uint32: f(std::uint32_t{}); return;
    case column_type::uint64: f(std::uint64_t{}); return;
    case column_type::float32: f(float{}); return;
    case column_type::float64: f(double{}); return;
  }
}

template <class T>
constexpr std::int64_t low_of() {
  return static_cast<std::int64_t>(std::numeric_limits<T>::min());
}
template <class T>
constexpr std::int64_t high_of() {
  if constexpr (std::is_same_v<T, std::uint64_t>) return std::numeric_limits<std::int64_t>::max();
  else return static_cast<std::int64_t>(std::numeric_limits<T>::max());
}

// The float threshold f such that, for every float x, x op f <=> double(x) op c.
float float_threshold(double c, compare_op op, bool& exact_eq) {
  auto f = static_cast<float>(c);
  const float up = std::numeric_limits<float>::infinity();
  exact_eq = static_cast<double>(f) == c;
  switch (op) {
    case compare_op::ge: if (static_cast<double>(f) < c) f = std::nextafter(f, up); break;
    case compare_op::gt: if (static_cast<double>(f) > c) f = std::nextafter(f, -up); break;
    case compare_op::le: if (static_cast<double>(f) > c) f = std::nextafter(f, -up); break;
    case compare_op::lt: if (static_cast<double>(f) < c) f = std::nextafter(f, up); break;
    default: break;
  }
  return f;
}

template <class T>
void bind_compare(leaf_plan& p, const rule_node& n) {
  const compare_op op = n.op;
  auto pick = [&](auto kernel_for) {
    switch (op) {
      case compare_op::eq: p.kernel = kernel_for(std::integral_constant<compare_op, compare_op::eq>{}); break;
      case compare_op::ne: p.kernel = kernel_for(std::integral_constant<compare_op, compare_op::ne>{}); break;
      case compare_op::lt: p.kernel = kernel_for(std::integral_constant<compare_op, compare_op::lt>{}); break;
      case compare_op::le: p.kernel = kernel_for(std::integral_constant<compare_op, compare_op::le>{}); break;
      case compare_op::gt: p.kernel = kernel_for(std::integral_constant<compare_op, compare_op::gt>{}); break;
      case compare_op::ge: p.kernel = kernel_for(std::integral_constant<compare_op, compare_op::ge>{}); break;
    }
  };
  if constexpr (std::is_floating_point_v<T>) {
    const double c = n.values[0].d;
    if constexpr (std::is_same_v<T, float>) {
      bool exact = false;
      p.fa = float_threshold(c, op, exact);
      // (ge/gt/le/lt were made exact; a value no float equals makes = false and != true)
      if ((op == compare_op::eq || op == compare_op::ne) && !exact) {
        p.constant = op == compare_op::ne;
        p.kernel = &k_constant<T>;
        return;
      }
    } else {
      p.da = c;
    }
    pick([](auto o) { return &k_compare<T, decltype(o)::value>; });
  } else if (n.type == field_type::number) {
    p.da = n.values[0].d;
    pick([](auto o) { return &k_compare_number<T, decltype(o)::value>; });
  } else {
    const std::int64_t c = n.type == field_type::boolean ? (n.values[0].b ? 1 : 0) : n.values[0].i;
    const std::int64_t lo = low_of<T>();
    const std::int64_t hi = high_of<T>();
    if (n.type == field_type::boolean) {  // non-zero is true; `= false` and `!= true` negate
      p.kernel = &k_truthy<T>;
      p.negate = (op == compare_op::eq) != (c == 1);
      return;
    }
    if (c < lo || c > hi) {
      bool value = false;
      switch (op) {
        case compare_op::eq: value = false; break;
        case compare_op::ne: value = true; break;
        case compare_op::lt:
        case compare_op::le: value = c > hi; break;
        case compare_op::gt:
        case compare_op::ge: value = c < lo; break;
      }
      p.constant = value;
      p.kernel = &k_constant<T>;
      return;
    }
    p.a = c;
    pick([](auto o) { return &k_compare<T, decltype(o)::value>; });
  }
}

template <class T>
void bind_leaf(leaf_plan& p, const rule_node& n) {
  switch (n.kind) {
    case node_kind::is_missing: p.kernel = &k_present<T>; return;
    case node_kind::boolean_field: p.kernel = &k_truthy<T>; return;
    case node_kind::compare: bind_compare<T>(p, n); return;
    case node_kind::between: {
      if constexpr (std::is_floating_point_v<T>) {
        p.da = n.values[0].d;
        p.db = n.values[1].d;
        if constexpr (std::is_same_v<T, float>) {
          bool exact = false;
          p.fa = float_threshold(p.da, compare_op::ge, exact);
          p.fb = float_threshold(p.db, compare_op::le, exact);
        }
        p.kernel = &k_between<T>;
      } else {
        if (n.type == field_type::number) {
          p.number_on_integers = true;
          p.da = n.values[0].d;
          p.db = n.values[1].d;
          p.kernel = &k_between<T>;
          return;
        }
        const std::int64_t lo = std::max(n.values[0].i, low_of<T>());
        const std::int64_t hi = std::min(n.values[1].i, high_of<T>());
        if (lo > hi) {
          p.constant = false;
          p.kernel = &k_constant<T>;
          return;
        }
        p.a = lo;
        p.b = hi;
        p.kernel = &k_between<T>;
      }
      return;
    }
    case node_kind::in_list: {
      if constexpr (std::is_floating_point_v<T>) {
        return;  // rejected by the caller
      } else {
        for (const auto& v : n.values) {
          if (v.i >= low_of<T>() && v.i <= high_of<T>()) p.set.push_back(v.i);
        }
        std::sort(p.set.begin(), p.set.end());
        if (p.set.empty()) {
          p.constant = false;
          p.kernel = &k_constant<T>;
        } else if (p.set.size() <= 4) {
          p.kernel = &k_in_small<T>;
        } else if constexpr (sizeof(T) <= 2) {
          p.table_offset = -low_of<T>();
          p.table.assign(static_cast<std::size_t>(high_of<T>() - low_of<T>() + 1), 0);
          for (auto v : p.set) p.table[static_cast<std::size_t>(v + p.table_offset)] = 1;
          p.kernel = &k_in_table<T>;
        } else if (p.set.size() <= 8) {
          p.kernel = &k_in_small<T>;
        } else {
          p.kernel = &k_in_sorted<T>;
        }
      }
      return;
    }
    case node_kind::has_any:
    case node_kind::has_all: {
      if constexpr (std::is_unsigned_v<T>) {
        const std::uint64_t m = n.mask.empty() ? 0 : n.mask[0];
        const std::uint64_t width_mask = sizeof(T) == 8 ? ~std::uint64_t{0} : ((std::uint64_t{1} << (8 * sizeof(T))) - 1);
        p.mask = m & width_mask;
        if (n.kind == node_kind::has_all && (m & ~width_mask) != 0) {
          p.constant = false;
          p.kernel = &k_constant<T>;
          return;
        }
        p.kernel = n.kind == node_kind::has_any ? &k_mask_any<T> : &k_mask_all<T>;
      }
      return;
    }
    default: return;
  }
}

[[noreturn]] void bad_column(const field_spec& f, column_type type, std::string_view need) {
  throw invalid_argument(error_id::invalid_value, f.name,
                         "a " + std::string(to_string(f.type)) + " field needs " + std::string(need) + ", got a " +
                             std::string(to_string(type)) + " column");
}

bool is_integer(column_type t) { return t != column_type::float32 && t != column_type::float64; }
bool is_unsigned(column_type t) {
  return t == column_type::uint8 || t == column_type::uint16 || t == column_type::uint32 ||
         t == column_type::uint64 || t == column_type::boolean;
}

struct bound_program {
  std::vector<leaf_plan> plans;  // one per op (unused for combines)
};

bound_program bind(const batch_program& prog, const column_table& columns) {
  bound_program b;
  b.plans.resize(prog.ops.size());
  for (std::size_t i = 0; i < prog.ops.size(); ++i) {
    const batch_op& op = prog.ops[i];
    if (op.combine) continue;
    const rule_node& n = *op.node;
    leaf_plan& p = b.plans[i];
    if (n.kind == node_kind::constant) {
      p.constant = n.value;
      p.kernel = &k_literal;
      continue;
    }
    const field_spec& f = (*prog.schema)[n.field];
    const column_view* col = columns.find(f.name);
    if (col == nullptr) throw invalid_argument(error_id::invalid_value, f.name, "no column for the field");
    p.data = col->data;
    p.valid = col->valid;
    switch (f.type) {
      case field_type::integer:
        if (!is_integer(col->type)) bad_column(f, col->type, "an integer column");
        break;
      case field_type::number: break;
      case field_type::boolean:
        if (!is_integer(col->type)) bad_column(f, col->type, "a boolean or integer column");
        break;
      case field_type::code:
        if (!is_integer(col->type)) bad_column(f, col->type, "an integer column of code positions");
        p.code_count = static_cast<std::int64_t>(f.codes.size());
        break;
      case field_type::code_set:
        if (!is_unsigned(col->type) || col->type == column_type::boolean) {
          bad_column(f, col->type, "an unsigned integer column of bit sets");
        }
        if (f.codes.size() > 64) {
          throw invalid_argument(error_id::invalid_value, f.name, "batch evaluation handles code sets of at most 64 codes");
        }
        break;
      case field_type::calendar_date:
        if (col->type != column_type::int32 && col->type != column_type::int64) {
          bad_column(f, col->type, "an int32 or int64 column of days since 1970-01-01");
        }
        p.check_nat = col->type == column_type::int64;
        break;
      case field_type::text:
        throw invalid_argument(error_id::invalid_value, f.name, "text fields cannot be evaluated in batch");
    }
    visit_type(col->type, [&](auto tag) { bind_leaf<decltype(tag)>(p, n); });
    if (p.kernel == nullptr) bad_column(f, col->type, "another column type for this test");
  }
  return b;
}

void check_rows(const column_table& columns, std::size_t out_size, std::string_view out) {
  if (columns.rows() != out_size) {
    throw invalid_argument(error_id::invalid_value, std::string(out),
                           "has " + std::to_string(out_size) + " rows, the columns " + std::to_string(columns.rows()));
  }
}

// Runs the program over rows [begin, begin + n) into its registers.
void run_chunk(const batch_program& prog, const bound_program& b, std::size_t begin, std::size_t n,
               std::uint8_t* regs) {
  for (std::size_t i = 0; i < prog.ops.size(); ++i) {
    const batch_op& op = prog.ops[i];
    std::uint8_t* __restrict t = regs + static_cast<std::size_t>(op.t) * chunk;
    std::uint8_t* __restrict f = regs + static_cast<std::size_t>(op.f) * chunk;
    if (!op.combine) {
      const leaf_plan& p = b.plans[i];
      if (p.negate) std::swap(t, f);
      p.kernel(p, begin, n, t, f);
      continue;
    }
    // and: t = all t, f = any f; or: t = any t, f = all f
    const std::uint8_t* t0 = regs + static_cast<std::size_t>(op.in[0]) * chunk;
    const std::uint8_t* f0 = regs + static_cast<std::size_t>(op.in[1]) * chunk;
    std::memcpy(t, t0, n);
    std::memcpy(f, f0, n);
    for (std::size_t k = 2; k < op.in.size(); k += 2) {
      const std::uint8_t* __restrict ti = regs + static_cast<std::size_t>(op.in[k]) * chunk;
      const std::uint8_t* __restrict fi = regs + static_cast<std::size_t>(op.in[k + 1]) * chunk;
      if (op.conjunction) {
        for (std::size_t r = 0; r < n; ++r) {
          t[r] = static_cast<std::uint8_t>(t[r] & ti[r]);
          f[r] = static_cast<std::uint8_t>(f[r] | fi[r]);
        }
      } else {
        for (std::size_t r = 0; r < n; ++r) {
          t[r] = static_cast<std::uint8_t>(t[r] | ti[r]);
          f[r] = static_cast<std::uint8_t>(f[r] & fi[r]);
        }
      }
    }
  }
}

std::vector<std::string> used_fields(const batch_program& prog, const std::vector<const rule_node*>& roots) {
  std::vector<bool> used(prog.schema->size(), false);
  for (const auto* r : roots) collect(*r, used);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < used.size(); ++i) {
    if (used[i]) out.push_back((*prog.schema)[i].name);
  }
  return out;
}

}  // namespace

std::string_view to_string(column_type t) noexcept {
  static constexpr std::array<std::string_view, 11> names{"boolean", "int8",   "int16",   "int32",  "int64",  "uint8",
                                                          "uint16",  "uint32", "uint64", "float32", "float64"};
  const auto i = static_cast<std::size_t>(t);
  return i < names.size() ? names[i] : "?";
}

void column_table::add(std::string field, column_view column) {
  if (column.data == nullptr && column.size > 0) {
    throw invalid_argument(error_id::invalid_value, field, "the column has no data");
  }
  const bool replacing = find(field) != nullptr;
  if ((!columns_.empty() && !(replacing && columns_.size() == 1)) && column.size != rows_) {
    throw invalid_argument(error_id::invalid_value, field,
                           "the column has " + std::to_string(column.size) + " rows, the others " + std::to_string(rows_));
  }
  for (auto& [name, view] : columns_) {
    if (name == field) {
      view = column;
      rows_ = column.size;
      return;
    }
  }
  columns_.emplace_back(std::move(field), column);
  rows_ = column.size;
}

const column_view* column_table::find(std::string_view field) const noexcept {
  for (const auto& [name, view] : columns_) {
    if (name == field) return &view;
  }
  return nullptr;
}

compiled_rule::compiled_rule(const expression& e) {
  auto prog = std::make_shared<batch_program>();
  prog->schema = e.schema();
  compiler c(*prog);
  prog->roots.push_back(c.run(*e.root()));
  fields_ = used_fields(*prog, {e.root().get()});
  program_ = std::move(prog);
}

void compiled_rule::evaluate(const column_table& columns, std::span<std::uint8_t> out) const {
  check_rows(columns, out.size(), "out");
  const bound_program b = bind(*program_, columns);
  std::vector<std::uint8_t> regs(static_cast<std::size_t>(program_->registers) * chunk);
  const auto [rt, rf] = program_->roots[0];
  for (std::size_t begin = 0; begin < out.size(); begin += chunk) {
    const std::size_t n = std::min(chunk, out.size() - begin);
    run_chunk(*program_, b, begin, n, regs.data());
    const std::uint8_t* __restrict t = regs.data() + static_cast<std::size_t>(rt) * chunk;
    const std::uint8_t* __restrict f = regs.data() + static_cast<std::size_t>(rf) * chunk;
    std::uint8_t* __restrict o = out.data() + begin;
    for (std::size_t r = 0; r < n; ++r) o[r] = static_cast<std::uint8_t>(t[r] + 2 * ((t[r] | f[r]) ^ 1U));
  }
}

compiled_rule_set::compiled_rule_set(const rule_set& rs) {
  auto prog = std::make_shared<batch_program>();
  prog->schema = rs.schema();
  compiler c(*prog);
  std::vector<const rule_node*> roots;
  for (const auto& cr : rs.criteria()) {
    ids_.push_back(cr.id);
    prog->kinds.push_back(cr.kind);
    if (cr.kind == criterion_kind::warning) {
      prog->roots.emplace_back(0, 0);
      continue;
    }
    prog->roots.push_back(c.run(*cr.condition.root()));
    roots.push_back(cr.condition.root().get());
  }
  fields_ = used_fields(*prog, roots);
  program_ = std::move(prog);
}

void compiled_rule_set::evaluate(const column_table& columns, std::span<std::uint8_t> status,
                                 std::span<std::int32_t> first_criterion) const {
  check_rows(columns, status.size(), "status");
  check_rows(columns, first_criterion.size(), "first_criterion");
  const bound_program b = bind(*program_, columns);
  std::vector<std::uint8_t> regs(static_cast<std::size_t>(std::max<std::uint32_t>(program_->registers, 1)) * chunk);
  std::array<std::int32_t, chunk> first_failed{};
  std::array<std::int32_t, chunk> first_unknown{};
  for (std::size_t begin = 0; begin < status.size(); begin += chunk) {
    const std::size_t n = std::min(chunk, status.size() - begin);
    run_chunk(*program_, b, begin, n, regs.data());
    std::fill_n(first_failed.begin(), n, -1);
    std::fill_n(first_unknown.begin(), n, -1);
    for (std::size_t k = program_->roots.size(); k-- > 0;) {  // backwards: the first one wins
      const criterion_kind kind = program_->kinds[k];
      if (kind == criterion_kind::warning) continue;
      const auto [rt, rf] = program_->roots[k];
      const std::uint8_t* __restrict t = regs.data() + static_cast<std::size_t>(rt) * chunk;
      const std::uint8_t* __restrict f = regs.data() + static_cast<std::size_t>(rf) * chunk;
      const std::uint8_t* __restrict fail = kind == criterion_kind::inclusion ? f : t;
      const auto id = static_cast<std::int32_t>(k);
      for (std::size_t r = 0; r < n; ++r) {
        first_failed[r] = fail[r] != 0 ? id : first_failed[r];
        first_unknown[r] = (t[r] | f[r]) == 0 ? id : first_unknown[r];
      }
    }
    std::uint8_t* __restrict s = status.data() + begin;
    std::int32_t* __restrict o = first_criterion.data() + begin;
    for (std::size_t r = 0; r < n; ++r) {
      const bool failed = first_failed[r] >= 0;
      const bool unknown = first_unknown[r] >= 0;
      s[r] = failed ? std::uint8_t{1} : unknown ? std::uint8_t{2} : std::uint8_t{0};
      o[r] = failed ? first_failed[r] : first_unknown[r];
    }
  }
}

}  // namespace kulkija
