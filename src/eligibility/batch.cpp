#include "kulkija/eligibility/batch.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <tuple>

#include "kulkija/core/error.hpp"
#include "kulkija/detail/rule_node.hpp"
#include "batch_plan.hpp"

namespace kulkija {

namespace detail {

struct batch_op {
  node_ptr node;            // the leaf, or null for a merge of register `from`
  std::uint32_t to = 0;     // destination register
  std::uint32_t from = 0;   // for a merge
  batch_mode mode = batch_mode::store;
  bool invert = false;      // for a leaf: negate its test
};

// An `in` leaf's values made ready for one column type: the sorted values the type can hold
// and, on 8- and 16-bit columns, the lookups the kernels take (batch_leaf::table, window and
// hash). The hash's search tries up to 32,768 multipliers and the 16-bit table is 64 KiB, so
// these are made once per leaf and type and kept with the leaf (rule_node::lookups).
struct set_lookup {
  std::vector<std::int64_t> set;      // sorted
  std::vector<std::uint8_t> table;    // a byte a value of the type, from its lowest
  std::vector<std::uint16_t> window;  // 1024 bits from window_low, or empty
  std::int64_t window_low = 0;
  std::size_t window_size = 0;
  std::vector<std::uint8_t> hash;  // the perfect hash's bucket values, or empty
  std::uint16_t hash_multiplier = 0;
};

struct batch_program {
  std::shared_ptr<const field_schema> schema;
  std::vector<batch_op> ops;
  std::uint32_t registers = 0;
  std::vector<std::uint32_t> roots;   // the register of each output
  std::vector<criterion_kind> kinds;  // for rule sets
};

}  // namespace detail

namespace {

using detail::batch_mode;
using detail::batch_op;
using detail::batch_program;
using detail::compare_op;
using detail::node_kind;
using detail::rule_node;

using detail::batch_leaf;
using detail::batch_test;

// Rows a thread gets at least (in chunks): below this, starting a thread costs more than it saves.
constexpr std::size_t min_chunks_per_thread = 1024;

// ------------------------------------------------------------------ compilation

// Compiles a rule into leaf tests that write straight into the register of the `and`/`or`
// they belong to. Negations are pushed down to the leaves (De Morgan), nested operators of
// the same kind are flattened, and an `or` inside an `and` (or the reverse) gets a register
// of its own that is merged into its parent. A sub-rule that is not a single leaf is
// computed once into its own register and merged wherever it is referenced.
class compiler {
 public:
  explicit compiler(batch_program& p) : p_(p) {}

  std::uint32_t root(const detail::node_ptr& n) {
    const std::uint32_t r = p_.registers++;
    emit(n, false, r, batch_mode::store);
    return r;
  }

 private:
  static bool is_leaf(const rule_node& n) {
    return n.kind != node_kind::negation && n.kind != node_kind::conjunction && n.kind != node_kind::disjunction &&
           n.kind != node_kind::rule_ref;
  }

  void merge(std::uint32_t to, std::uint32_t from, batch_mode mode) {
    batch_op op;
    op.to = to;
    op.from = from;
    op.mode = mode;
    p_.ops.push_back(std::move(op));
  }

  // (The leaves are shared with the rule, not copied: their `in` lookups go with them.)
  void emit(const detail::node_ptr& node, bool negate, std::uint32_t to, batch_mode mode) {
    const rule_node& n = *node;
    switch (n.kind) {
      case node_kind::negation: emit(n.children[0], !negate, to, mode); return;
      case node_kind::rule_ref: {
        const detail::node_ptr& target = n.children[0];
        if (is_leaf(*target)) {
          emit(target, negate, to, mode);
          return;
        }
        const auto key = std::pair{target.get(), negate};
        auto it = memo_.find(key);
        if (it == memo_.end()) {
          const std::uint32_t r = p_.registers++;
          emit(target, negate, r, batch_mode::store);
          it = memo_.emplace(key, r).first;
        }
        merge(to, it->second, mode);
        return;
      }
      case node_kind::conjunction:
      case node_kind::disjunction: {
        const bool conjunction = (n.kind == node_kind::conjunction) != negate;
        const batch_mode own = conjunction ? batch_mode::conjoin : batch_mode::disjoin;
        if (mode == batch_mode::store || mode == own) {  // write the children straight into `to`
          for (std::size_t i = 0; i < n.children.size(); ++i) {
            emit(n.children[i], negate, to, i == 0 ? mode : own);
          }
          return;
        }
        const std::uint32_t r = p_.registers++;
        for (std::size_t i = 0; i < n.children.size(); ++i) {
          emit(n.children[i], negate, r, i == 0 ? batch_mode::store : own);
        }
        merge(to, r, mode);
        return;
      }
      default: {
        batch_op op;
        op.node = node;
        op.to = to;
        op.mode = mode;
        op.invert = negate != n.negated;
        p_.ops.push_back(std::move(op));
        return;
      }
    }
  }

  batch_program& p_;
  std::map<std::pair<const rule_node*, bool>, std::uint32_t> memo_;
};

void collect(const rule_node& n, std::vector<bool>& used) {
  if (n.kind == node_kind::constant) return;
  if (n.children.empty()) used[n.field] = true;
  for (const auto& c : n.children) collect(*c, used);
}

// ------------------------------------------------------------------ binding a leaf to its column

template <class F>
void visit_type(column_type type, F&& f) {
  switch (type) {
    case column_type::boolean:
    case column_type::bits:
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

detail::batch_type batch_type_of(column_type type) {
  using detail::batch_type;
  switch (type) {
    case column_type::boolean:
    case column_type::bits:
    case column_type::uint8: return batch_type::u8;
    case column_type::int8: return batch_type::i8;
    case column_type::int16: return batch_type::i16;
    case column_type::int32: return batch_type::i32;
    case column_type::int64: return batch_type::i64;
    case column_type::uint16: return batch_type::u16;
    case column_type::uint32: return batch_type::u32;
    case column_type::uint64: return batch_type::u64;
    case column_type::float32: return batch_type::f32;
    case column_type::float64: break;
  }
  return batch_type::f64;
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

// The perfect hash of batch_leaf::hash for a 16-bit set of at most 24 values: the least odd
// multiplier that sends every value's 16-bit pattern to a bucket of its own, and the buckets'
// bytes into `hash`. False (and `hash` untouched) when none does. Random sets of up to 20
// values always had one (200 of 200 tried for each size), of 22 about 3 in 5, of 24 about 1
// in 10, of 26 almost never: larger sets are not tried, as a failed search costs every
// multiplier (under a millisecond).
bool perfect_hash16(const std::vector<std::int64_t>& set, std::vector<std::uint8_t>& hash, std::uint16_t& multiplier) {
  constexpr std::size_t buckets = 32;
  constexpr std::size_t most = 24;
  if (set.empty() || set.size() > most) return false;
  const auto bucket = [](std::int64_t v, std::uint32_t m) -> std::size_t {
    return static_cast<std::uint16_t>(static_cast<std::uint16_t>(v) * m) >> 11;
  };
  for (std::uint32_t m = 1; m < 65536; m += 2) {
    std::uint32_t used = 0;
    bool separate = true;
    for (const std::int64_t v : set) {
      const std::uint32_t bit = 1U << bucket(v, m);
      separate = (used & bit) == 0;
      if (!separate) break;
      used |= bit;
    }
    if (!separate) continue;
    std::vector<std::uint16_t> value(buckets, static_cast<std::uint16_t>(set.front()));
    for (const std::int64_t v : set) value[bucket(v, m)] = static_cast<std::uint16_t>(v);
    hash.assign(2 * buckets, 0);
    for (std::size_t b = 0; b < buckets; ++b) {
      hash[b] = static_cast<std::uint8_t>(value[b] & 0xFFU);
      hash[buckets + b] = static_cast<std::uint8_t>(value[b] >> 8);
    }
    multiplier = static_cast<std::uint16_t>(m);
    return true;
  }
  return false;
}

void make_constant(batch_leaf& p, bool value) {
  p.test = batch_test::constant;
  p.constant = value;
}

// Integer columns read as numbers: double(x) never decreases as x grows, so the x of T for
// which `double(x) op c` holds form a run, and the test becomes an integer compare or range
// that vectorises (converting 64-bit integers to double does not before AVX-512). The run's
// ends are found by bisection with the very comparison each row would make, so the rows keep
// their truth values, rounding of large 64-bit values and NaN included.

// The least x in [lo, hi] for which `holds` (false, then true as x grows) is true; false when none is.
template <class Holds>
bool first_holding(std::int64_t lo, std::int64_t hi, Holds holds, std::int64_t& first) {
  if (!holds(hi)) return false;
  while (lo < hi) {
    const auto mid = static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) +
                                                (static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo)) / 2);
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  first = lo;
  return true;
}

// The x of T with lo_c <= double(x) <= hi_c (either bound may be open: -inf, +inf), as
// [first, last]; false when there are none.
template <class T>
bool number_run(double lo_c, double hi_c, std::int64_t& first, std::int64_t& last) {
  const std::int64_t lo = low_of<T>();
  const std::int64_t hi = high_of<T>();
  if (!first_holding(lo, hi, [lo_c](std::int64_t x) { return static_cast<double>(static_cast<T>(x)) >= lo_c; }, first)) {
    return false;
  }
  std::int64_t past = 0;  // the least x with double(x) > hi_c
  if (!first_holding(lo, hi, [hi_c](std::int64_t x) { return static_cast<double>(static_cast<T>(x)) > hi_c; }, past)) {
    last = hi;
    return true;
  }
  if (past <= first) return false;  // (also when past is lo: no x below it)
  last = past - 1;
  return true;
}

// `double(x) op c` (or, with `between`, c <= double(x) <= c2) on an integer column as an
// integer compare, range or constant.
template <class T>
void bind_number_run(batch_leaf& p, compare_op op, double c, double c2, bool between) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  const std::int64_t lo = low_of<T>();
  const std::int64_t hi = high_of<T>();
  double from = c;
  double to = c2;
  bool negate = false;  // the test is the run's complement
  if (!between) {
    const double above = std::nextafter(c, inf);
    const double below = std::nextafter(c, -inf);
    switch (op) {
      case compare_op::eq: from = to = c; break;
      case compare_op::ne: from = to = c; negate = true; break;
      case compare_op::lt: from = -inf; to = below; break;
      case compare_op::le: from = -inf; to = c; break;
      case compare_op::gt: from = above; to = inf; break;
      case compare_op::ge: from = c; to = inf; break;
    }
    if (std::isnan(c)) {  // every comparison with NaN is false, and != true
      make_constant(p, op == compare_op::ne);
      return;
    }
  }
  std::int64_t first = 0;
  std::int64_t last = 0;
  if (!number_run<T>(from, to, first, last)) {
    make_constant(p, negate);
  } else if (first == lo && last == hi) {
    make_constant(p, !negate);
  } else if (first == lo || last == hi) {  // one end open: a compare
    p.test = batch_test::compare;
    using detail::batch_compare;
    p.op = first == lo ? (negate ? batch_compare::gt : batch_compare::le) : (negate ? batch_compare::lt : batch_compare::ge);
    p.a = first == lo ? last : first;
  } else {
    p.test = batch_test::between;
    p.a = first;
    p.b = last;
    p.invert ^= static_cast<std::uint8_t>(negate);
  }
}

template <class T>
void bind_compare(batch_leaf& p, const rule_node& n) {
  const compare_op op = n.op;
  p.op = static_cast<detail::batch_compare>(op);
  p.test = batch_test::compare;
  if constexpr (std::is_floating_point_v<T>) {
    const double c = n.values[0].d;
    if constexpr (std::is_same_v<T, float>) {
      bool exact = false;
      p.fa = float_threshold(c, op, exact);
      // (ge/gt/le/lt were made exact; a value no float equals makes = false and != true)
      if ((op == compare_op::eq || op == compare_op::ne) && !exact) make_constant(p, op == compare_op::ne);
    } else {
      p.da = c;
    }
  } else if (n.type == field_type::number) {
    p.da = n.values[0].d;
    p.test = batch_test::compare_number;
    if constexpr (!std::is_same_v<T, std::uint64_t>) bind_number_run<T>(p, op, p.da, 0, false);
  } else {
    const std::int64_t c = n.type == field_type::boolean ? (n.values[0].b ? 1 : 0) : n.values[0].i;
    const std::int64_t lo = low_of<T>();
    const std::int64_t hi = high_of<T>();
    if (n.type == field_type::boolean) {  // non-zero is true; `= false` and `!= true` negate
      p.test = batch_test::truthy;
      p.invert ^= static_cast<std::uint8_t>((op == compare_op::eq) != (c == 1));
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
      make_constant(p, value);
      return;
    }
    p.a = c;
  }
}

// The set_lookup of `in` leaf `n` on columns of type T.
template <class T>
std::shared_ptr<const detail::set_lookup> make_set_lookup(const rule_node& n) {
  auto s = std::make_shared<detail::set_lookup>();
  for (const auto& v : n.values) {
    if (v.i >= low_of<T>() && v.i <= high_of<T>()) s->set.push_back(v.i);
  }
  std::sort(s->set.begin(), s->set.end());
  s->set.erase(std::unique(s->set.begin(), s->set.end()), s->set.end());
  if constexpr (sizeof(T) <= 2) {
    if (s->set.size() > 4) {  // (smaller sets are compared in lanes)
      const std::int64_t offset = -low_of<T>();
      s->table.assign(static_cast<std::size_t>(high_of<T>() - low_of<T>() + 1), 0);
      for (auto v : s->set) s->table[static_cast<std::size_t>(v + offset)] = 1;
      // 8-bit columns: the window covers the whole type from its lowest value; 16-bit
      // ones: from the smallest value in the set, when the set spans under 1024.
      const std::int64_t window_low = sizeof(T) == 1 ? low_of<T>() : s->set.front();
      if (s->set.back() - window_low < 1024) {
        s->window.assign(64, 0);
        for (auto v : s->set) {
          const auto at = static_cast<std::size_t>(v - window_low);
          s->window[at / 16] = static_cast<std::uint16_t>(s->window[at / 16] | (1U << (at % 16)));
        }
        s->window_low = window_low;
        s->window_size = static_cast<std::size_t>(s->set.back() - window_low) + 1;
      }
      if constexpr (sizeof(T) == 2) perfect_hash16(s->set, s->hash, s->hash_multiplier);
    }
  }
  return s;
}

// The set_lookup of `in` leaf `n` on columns of type T (batch type `type`): the one kept with
// the node, made by the first run that needs it (a node the parser did not make gets its own).
template <class T>
std::shared_ptr<const detail::set_lookup> set_lookup_for(const rule_node& n, detail::batch_type type) {
  if (n.lookups == nullptr) return make_set_lookup<T>(n);
  static_assert(std::tuple_size_v<decltype(n.lookups->by_type)> > static_cast<std::size_t>(detail::batch_type::f64));
  const std::lock_guard lock(n.lookups->mutex);
  auto& slot = n.lookups->by_type[static_cast<std::size_t>(type)];
  if (slot == nullptr) slot = make_set_lookup<T>(n);
  return slot;
}

template <class T>
void bind_leaf(batch_leaf& p, std::shared_ptr<const detail::set_lookup>& own, const rule_node& n) {
  switch (n.kind) {
    case node_kind::is_missing: p.test = batch_test::missing; return;
    case node_kind::boolean_field: p.test = batch_test::truthy; return;
    case node_kind::compare: bind_compare<T>(p, n); return;
    case node_kind::between: {
      p.test = batch_test::between;
      if constexpr (std::is_floating_point_v<T>) {
        p.da = n.values[0].d;
        p.db = n.values[1].d;
        if constexpr (std::is_same_v<T, float>) {
          bool exact = false;
          p.fa = float_threshold(p.da, compare_op::ge, exact);
          p.fb = float_threshold(p.db, compare_op::le, exact);
        }
      } else {
        if (n.type == field_type::number) {
          p.test = batch_test::between_number;
          p.da = n.values[0].d;
          p.db = n.values[1].d;
          if constexpr (!std::is_same_v<T, std::uint64_t>) bind_number_run<T>(p, compare_op::ge, p.da, p.db, true);
          return;
        }
        const std::int64_t lo = std::max(n.values[0].i, low_of<T>());
        const std::int64_t hi = std::min(n.values[1].i, high_of<T>());
        if (lo > hi) {
          make_constant(p, false);
          return;
        }
        p.a = lo;
        p.b = hi;
      }
      return;
    }
    case node_kind::in_list: {
      if constexpr (!std::is_floating_point_v<T>) {  // (floats are rejected by the caller)
        own = set_lookup_for<T>(n, p.type);
        const detail::set_lookup& s = *own;
        p.set = s.set.data();
        p.set_size = s.set.size();
        if (s.set.empty()) {
          make_constant(p, false);
        } else if (s.set.size() <= 4) {
          p.test = batch_test::in_small;
        } else if constexpr (sizeof(T) <= 2) {
          p.table = s.table.data() - low_of<T>();
          if (!s.window.empty()) {
            p.window = s.window.data();
            p.window_low = s.window_low;
            p.window_size = s.window_size;
          }
          if (!s.hash.empty()) {
            p.hash = s.hash.data();
            p.hash_multiplier = s.hash_multiplier;
          }
          p.test = batch_test::in_table;
        } else if (s.set.size() <= 32) {
          p.test = batch_test::in_small;  // (64-bit sets of more than 8 are searched where compares do not vectorise)
        } else {
          p.test = batch_test::in_sorted;
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
          make_constant(p, false);
          return;
        }
        p.test = n.kind == node_kind::has_any ? batch_test::mask_any : batch_test::mask_all;
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

// The engine of the widest instruction set this CPU has (or the one KULKIJA_BATCH_ISA names,
// when the CPU has it: `baseline`, `x86-64-v3`, `x86-64-v4`).
const detail::batch_engine& pick_engine() {
  const detail::batch_engine* best = &detail::batch_engine_baseline();
  std::vector<const detail::batch_engine*> all{best};
#if defined(KULKIJA_BATCH_X86_64_V3) || defined(KULKIJA_BATCH_X86_64_V4)
  __builtin_cpu_init();
#endif
#ifdef KULKIJA_BATCH_X86_64_V3
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("fma")) {
    all.push_back(&detail::batch_engine_x86_64_v3_impl());
  }
#endif
#ifdef KULKIJA_BATCH_X86_64_V4
  if (all.size() == 2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
      __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") &&
      __builtin_cpu_supports("avx512cd")) {
    all.push_back(&detail::batch_engine_x86_64_v4_impl());
  }
#endif
  best = all.back();
  if (const char* want = std::getenv("KULKIJA_BATCH_ISA"); want != nullptr) {  // NOLINT(concurrency-mt-unsafe): read once
    for (const auto* e : all) {
      if (std::string_view(e->name) == want) best = e;
    }
  }
  return *best;
}

const detail::batch_engine& engine() {
  static const detail::batch_engine& chosen = pick_engine();
  return chosen;
}

// A program bound to columns: the leaves with their data, the steps, and what they own.
struct bound_program {
  std::vector<batch_leaf> leaves;
  std::vector<std::shared_ptr<const detail::set_lookup>> lookups;  // what `in` leaves point into
  std::vector<detail::batch_step> steps;
  std::uint32_t registers = 0;
};

bound_program bind(const batch_program& prog, const column_table& columns) {
  const detail::batch_engine& e = engine();
  bound_program b;
  b.registers = std::max<std::uint32_t>(prog.registers, 1);
  std::size_t leaves = 0;
  for (const auto& op : prog.ops) leaves += op.node != nullptr ? 1 : 0;
  b.leaves.reserve(leaves);  // the steps point into these
  b.lookups.reserve(leaves);
  for (const batch_op& op : prog.ops) {
    detail::batch_step step;
    step.to = op.to;
    step.from = op.from;
    step.mode = op.mode;
    if (op.node == nullptr) {
      b.steps.push_back(step);
      continue;
    }
    const rule_node& n = *op.node;
    batch_leaf& p = b.leaves.emplace_back();
    auto& own = b.lookups.emplace_back();
    p.mode = op.mode;
    p.invert = op.invert ? 1 : 0;
    step.leaf = &p;
    b.steps.push_back(step);
    if (n.kind == node_kind::constant) {
      p.test = batch_test::literal;
      p.constant = n.value;
      e.resolve(p);  // a literal has a kernel in every engine
      continue;
    }
    const field_spec& f = (*prog.schema)[n.field];
    const column_view* col = columns.find(f.name);
    if (col == nullptr) throw invalid_argument(error_id::invalid_value, f.name, "no column for the field");
    p.data = col->data;
    p.valid = col->valid;
    p.valid_bits = col->valid_bits;
    p.bit_offset = col->bit_offset;
    p.data_bits = col->type == column_type::bits;
    p.type = batch_type_of(col->type);
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
    bool bound = false;
    visit_type(col->type, [&](auto tag) {
      using T = decltype(tag);
      if constexpr (std::is_floating_point_v<T>) {
        if (n.kind == node_kind::in_list || n.kind == node_kind::has_any || n.kind == node_kind::has_all) return;
      } else if constexpr (!std::is_unsigned_v<T>) {
        if (n.kind == node_kind::has_any || n.kind == node_kind::has_all) return;
      }
      bind_leaf<T>(p, own, n);
      bound = true;
    });
    if (!bound || !e.resolve(p)) bad_column(f, col->type, "another column type for this test");
  }
  return b;
}

void check_rows(const column_table& columns, std::size_t out_size, std::string_view out) {
  if (columns.rows() != out_size) {
    throw invalid_argument(error_id::invalid_value, std::string(out),
                           "has " + std::to_string(out_size) + " rows, the columns " + std::to_string(columns.rows()));
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
  static constexpr std::array<std::string_view, 12> names{"boolean", "int8",    "int16",   "int32",
                                                          "int64",   "uint8",   "uint16",  "uint32",
                                                          "uint64",  "float32", "float64", "bits"};
  const auto i = static_cast<std::size_t>(t);
  return i < names.size() ? names[i] : "?";
}

void column_table::add(std::string field, column_view column) {
  if (column.data == nullptr && column.size > 0) {
    throw invalid_argument(error_id::invalid_value, field, "the column has no data");
  }
  if (column.valid != nullptr && column.valid_bits != nullptr) {
    throw invalid_argument(error_id::invalid_value, field, "a column has a validity mask or a validity bitmap, not both");
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
  prog->roots.push_back(c.root(e.root()));
  fields_ = used_fields(*prog, {e.root().get()});
  program_ = std::move(prog);
}

namespace {

// Runs `prog` over every row: `run(plan, begin, end)` calls one of the engine's loops. With
// more than one thread, each takes a contiguous share of whole chunks with its own registers.
template <class Run>
void run_program(const batch_program& prog, const column_table& columns, std::size_t rows, unsigned threads,
                 Run run) {
  const bound_program b = bind(prog, columns);
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  const std::size_t chunks = (rows + detail::batch_chunk - 1) / detail::batch_chunk;
  const std::size_t parts = std::min<std::size_t>(threads, std::max<std::size_t>(1, chunks / min_chunks_per_thread));
  std::vector<std::uint8_t> scratch(parts * b.registers * detail::batch_chunk);
  auto plan_for = [&](std::size_t part) {
    return detail::batch_plan{b.steps.data(), b.steps.size(), b.registers,
                              scratch.data() + part * b.registers * detail::batch_chunk};
  };
  if (parts == 1) {
    run(plan_for(0), std::size_t{0}, rows);
    return;
  }
  std::vector<std::jthread> workers;
  workers.reserve(parts - 1);
  const std::size_t per = (chunks + parts - 1) / parts * detail::batch_chunk;
  for (std::size_t part = 1; part < parts; ++part) {
    const std::size_t begin = std::min(rows, part * per);
    const std::size_t end = std::min(rows, begin + per);
    workers.emplace_back([&run, plan = plan_for(part), begin, end] { run(plan, begin, end); });
  }
  run(plan_for(0), std::size_t{0}, std::min(rows, per));
}

}  // namespace

void compiled_rule::evaluate(const column_table& columns, std::span<std::uint8_t> out, unsigned threads) const {
  check_rows(columns, out.size(), "out");
  const std::uint32_t root = program_->roots[0];
  run_program(*program_, columns, out.size(), threads,
              [&](const detail::batch_plan& plan, std::size_t begin, std::size_t end) {
                engine().truth(plan, begin, end, root, out.data());
              });
}

void compiled_rule::select(const column_table& columns, std::span<bool> out, unsigned threads) const {
  check_rows(columns, out.size(), "out");
  const std::uint32_t root = program_->roots[0];
  run_program(*program_, columns, out.size(), threads,
              [&](const detail::batch_plan& plan, std::size_t begin, std::size_t end) {
                engine().select(plan, begin, end, root, out.data());
              });
}

std::string_view batch_instruction_set() noexcept { return engine().name; }

compiled_rule_set::compiled_rule_set(const rule_set& rs) {
  auto prog = std::make_shared<batch_program>();
  prog->schema = rs.schema();
  compiler c(*prog);
  std::vector<const rule_node*> roots;
  for (const auto& cr : rs.criteria()) {
    ids_.push_back(cr.id);
    prog->kinds.push_back(cr.kind);
    if (cr.kind == criterion_kind::warning) {
      prog->roots.push_back(0);
      continue;
    }
    prog->roots.push_back(c.root(cr.condition.root()));
    roots.push_back(cr.condition.root().get());
  }
  fields_ = used_fields(*prog, roots);
  program_ = std::move(prog);
}

void compiled_rule_set::evaluate(const column_table& columns, std::span<std::uint8_t> status,
                                 std::span<std::int32_t> first_criterion, unsigned threads) const {
  check_rows(columns, status.size(), "status");
  check_rows(columns, first_criterion.size(), "first_criterion");
  std::vector<std::uint8_t> failing;
  for (const criterion_kind kind : program_->kinds) {
    failing.push_back(kind == criterion_kind::inclusion   ? detail::batch_false
                      : kind == criterion_kind::exclusion ? detail::batch_true
                                                          : std::uint8_t{255});
  }
  run_program(*program_, columns, status.size(), threads,
              [&](const detail::batch_plan& plan, std::size_t begin, std::size_t end) {
                engine().decide(plan, begin, end, program_->roots.data(), failing.data(), failing.size(),
                                status.data(), first_criterion.data());
              });
}

}  // namespace kulkija
