#pragma once
// Internal: the compiled form of a rule that the batch kernels run, as plain data.
//
// The kernels are compiled once per instruction set (batch_kernels.inc, included by
// batch_kernels_<isa>.cpp with that instruction set's compiler flags); batch.cpp picks the
// best one the CPU supports at run time. The kernel translation units include nothing but
// this header and C headers, so no template instantiated with wider instructions can be
// shared with (and picked by the linker for) code that runs on every CPU.

#include <cstddef>
#include <cstdint>

namespace kulkija::detail {

// How a test's truth values go into its destination register. Truth values are one byte a
// row in Kleene order: 0 false, 1 unknown, 2 true; `and` is the minimum, `or` the maximum,
// and negations are pushed down to the tests when compiling.
enum class batch_mode : std::uint8_t { store, conjoin, disjoin };

inline constexpr std::size_t batch_chunk = 256;  // rows a register holds
inline constexpr std::uint8_t batch_false = 0;
inline constexpr std::uint8_t batch_unknown = 1;
inline constexpr std::uint8_t batch_true = 2;

// The element type of a column (booleans are uint8).
enum class batch_type : std::uint8_t { i8, i16, i32, i64, u8, u16, u32, u64, f32, f64 };

// A comparison (the order of detail::compare_op).
enum class batch_compare : std::uint8_t { eq, ne, lt, le, gt, ge };

// What a leaf tests; the kernel is chosen from this, the column type, the operator and the mode.
enum class batch_test : std::uint8_t {
  literal,         // the constant `constant`
  missing,         // the value is missing (never unknown)
  truthy,          // non-zero
  constant,        // `constant` where the value is present, else unknown
  compare,         // value op a / da / fa
  compare_number,  // double(value) op da, on a uint64 column (other integer columns get an integer test)
  between,         // a..b, da..db or fa..fb
  between_number,  // da <= double(value) <= db, on a uint64 column (likewise)
  in_small,        // one of set[0..set_size), at most 32 (at most 4 on 8- and 16-bit columns)
  in_table,        // table[value] != 0 (8- and 16-bit columns)
  in_sorted,       // binary search in set (without branches)
  mask_any,        // value & mask != 0
  mask_all,        // value & mask == mask
};

struct batch_leaf;
using batch_kernel = void (*)(const batch_leaf&, std::size_t begin, std::size_t n, std::uint8_t* to);

struct batch_leaf {
  batch_test test = batch_test::literal;
  batch_type type = batch_type::i64;
  batch_compare op = batch_compare::eq;
  batch_mode mode = batch_mode::store;
  std::uint8_t invert = 0;  // 1: negate the test (not, `= false`, `!= true`)
  bool constant = false;
  bool check_nat = false;       // date columns: the int64 minimum is missing
  std::int64_t code_count = 0;  // code columns: valid codes are [0, code_count)
  const void* data = nullptr;
  const std::uint8_t* valid = nullptr;
  std::int64_t a = 0;
  std::int64_t b = 0;
  double da = 0;
  double db = 0;
  float fa = 0;
  float fb = 0;
  std::uint64_t mask = 0;
  const std::int64_t* set = nullptr;  // sorted
  std::size_t set_size = 0;
  const std::uint8_t* table = nullptr;  // 8/16-bit `in`: indexed by the value itself (offset applied)
  // 8-bit `in`, and 16-bit `in` over a span under 1024: a bit a value from window_low, 64
  // words (1024 bits), of which the first window_size bits can be set.
  const std::uint16_t* window = nullptr;
  std::int64_t window_low = 0;   // the value of the window's first bit
  std::size_t window_size = 0;   // 1 + the largest set bit's position (at most 1024)
  // 16-bit `in` of 5 to 24 values: a perfect hash of the values' 16-bit patterns, bucket
  // (pattern x hash_multiplier mod 2^16) >> 11 (0..31). hash[b] and hash[32 + b] are the low
  // and high bytes of bucket b's value; an empty bucket holds a value of another bucket, so
  // nothing that lands in it equals it. Null when no multiplier separates the values.
  const std::uint8_t* hash = nullptr;
  std::uint16_t hash_multiplier = 0;
  batch_kernel kernel = nullptr;        // set by batch_engine::resolve
  // Arrow bitmaps, read in place: before the kernel runs on a chunk, run_chunk unpacks the
  // chunk's bits into bytes on its stack and runs the kernel on a copy of the leaf that points
  // there (a chunk without a missing row gets no mask at all).
  const std::uint8_t* valid_bits = nullptr;  // validity bitmap (1 = present), or null
  std::uint64_t bit_offset = 0;              // the bit of row 0 in valid_bits, and in data when data_bits
  bool data_bits = false;                    // data is a bitmap of booleans, read as u8 once unpacked
};

// One step of a program: a leaf writing into register `to`, or (leaf null) register `from`
// merged into register `to`.
struct batch_step {
  const batch_leaf* leaf = nullptr;
  std::uint32_t to = 0;
  std::uint32_t from = 0;
  batch_mode mode = batch_mode::store;
};

struct batch_plan {
  const batch_step* steps = nullptr;
  std::size_t step_count = 0;
  std::uint32_t registers = 0;
  std::uint8_t* scratch = nullptr;  // registers * batch_chunk bytes
};

// The kernels of one instruction set. Each run covers rows [begin, end).
struct batch_engine {
  const char* name;
  // Sets leaf.kernel; false when no kernel fits (the caller reports the column type).
  bool (*resolve)(batch_leaf& leaf);
  // out[r]: 0 no, 1 yes, 2 unknown.
  void (*truth)(const batch_plan& plan, std::size_t begin, std::size_t end, std::uint32_t root, std::uint8_t* out);
  // out[r]: the root is true.
  void (*select)(const batch_plan& plan, std::size_t begin, std::size_t end, std::uint32_t root, bool* out);
  // Rule sets: failing[k] is the truth value that fails criterion k (0 inclusion, 2
  // exclusion, 255 a warning, never failing).
  void (*decide)(const batch_plan& plan, std::size_t begin, std::size_t end, const std::uint32_t* roots,
                 const std::uint8_t* failing, std::size_t criteria, std::uint8_t* status, std::int32_t* first);
};

// The engines: the baseline one always; the others only where the build defines
// KULKIJA_BATCH_X86_64_V3 / _V4 (x86-64 with GCC or Clang), and batch.cpp calls them only
// after checking that the CPU has the instructions.
const batch_engine& batch_engine_baseline();
const batch_engine& batch_engine_x86_64_v3_impl();
const batch_engine& batch_engine_x86_64_v4_impl();

}  // namespace kulkija::detail
