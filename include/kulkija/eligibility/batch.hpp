#pragma once
/// @file
/// @brief Columnar batch evaluation: a rule or a rule set compiled once into a program that
/// runs in fused chunks over typed columns with validity masks, without per-row dispatch.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "kulkija/eligibility/expression.hpp"
#include "kulkija/eligibility/rule_set.hpp"

namespace kulkija {

namespace detail {
struct batch_program;
}

/// @addtogroup eligibility
/// @{

/// @brief The element type of a column.
enum class column_type : std::uint8_t {
  boolean,  ///< one byte, 0 false, anything else true
  int8,     ///< std::int8_t
  int16,    ///< std::int16_t
  int32,    ///< std::int32_t
  int64,    ///< std::int64_t
  uint8,    ///< std::uint8_t
  uint16,   ///< std::uint16_t
  uint32,   ///< std::uint32_t
  uint64,   ///< std::uint64_t
  float32,  ///< float
  float64,  ///< double
  bits,     ///< booleans packed a bit a row, least significant bit first (Arrow's layout), from bit_offset
};

/// @brief The name of a column type, e.g. `int16`.
/// @param t the type
/// @return its name
[[nodiscard]] std::string_view to_string(column_type t) noexcept;

/// @brief A read-only view of one column: `size` elements of `type` at `data`, and an
/// optional validity mask, either one byte a row (`valid`, non-zero = present) or one bit a
/// row (`valid_bits`, Arrow's validity bitmap). Nothing is copied: bitmaps are read in place,
/// a 256-row chunk at a time.
///
/// How each field type reads its column:
/// - integer: any integer column;
/// - number: float32 or float64 (NaN is missing) or any integer column;
/// - boolean: boolean, bits or any integer column (non-zero is true);
/// - code: an integer column of positions in the field's codes (negative or too large is missing);
/// - code_set: an unsigned integer column of bit sets (bit i = code i; at most 64 codes);
/// - date: int32 or int64 days since 1970-01-01 (numpy `datetime64[D]`; the int64 minimum, NaT, is missing);
/// - text: not supported in batch.
struct column_view {
  column_type type = column_type::int64;  ///< element type
  const void* data = nullptr;             ///< the first element (for `bits`: the byte holding bit 0)
  std::size_t size = 0;                   ///< number of rows
  const std::uint8_t* valid = nullptr;    ///< validity mask, a byte a row, or null when every row is present
  /// Validity bitmap, a bit a row from `bit_offset` (1 = present, least significant bit
  /// first), or null; a column has `valid` or `valid_bits`, not both.
  const std::uint8_t* valid_bits = nullptr;
  /// The bit of row 0 in `valid_bits` and, for a `bits` column, in `data` (Arrow's array offset).
  std::size_t bit_offset = 0;
};

/// @brief The column_type of a C++ element type (bool maps to boolean).
/// @tparam T the element type
/// @return the column type
template <class T>
[[nodiscard]] constexpr column_type column_type_of() noexcept {
  if constexpr (std::is_same_v<T, bool>) return column_type::boolean;
  else if constexpr (std::is_same_v<T, std::int8_t>) return column_type::int8;
  else if constexpr (std::is_same_v<T, std::int16_t>) return column_type::int16;
  else if constexpr (std::is_same_v<T, std::int32_t>) return column_type::int32;
  else if constexpr (std::is_same_v<T, std::int64_t>) return column_type::int64;
  else if constexpr (std::is_same_v<T, std::uint8_t>) return column_type::uint8;
  else if constexpr (std::is_same_v<T, std::uint16_t>) return column_type::uint16;
  else if constexpr (std::is_same_v<T, std::uint32_t>) return column_type::uint32;
  else if constexpr (std::is_same_v<T, std::uint64_t>) return column_type::uint64;
  else if constexpr (std::is_same_v<T, float>) return column_type::float32;
  else {
    static_assert(std::is_same_v<T, double>, "unsupported column element type");
    return column_type::float64;
  }
}

/// @brief A view of a contiguous array as a column.
/// @tparam T the element type
/// @param values the elements
/// @param valid the validity mask (same length), or null
/// @return the view
template <class T>
[[nodiscard]] column_view make_column(std::span<const T> values, const std::uint8_t* valid = nullptr) noexcept {
  return {column_type_of<T>(), values.data(), values.size(), valid};
}

/// @brief Columns by field name, all of the same length.
class column_table {
 public:
  /// @brief Adds (or replaces) the column of `field`.
  /// @param field the field name
  /// @param column the column
  /// @throws invalid_argument (id invalid_value) naming the field when its length differs
  ///         from the columns already added, data is null for a non-empty column, or it
  ///         has both a validity mask and a validity bitmap.
  void add(std::string field, column_view column);
  /// @brief The number of rows (0 when empty).
  [[nodiscard]] std::size_t rows() const noexcept { return rows_; }
  /// @brief The column of `field`, or null.
  /// @param field the field name
  [[nodiscard]] const column_view* find(std::string_view field) const noexcept;

 private:
  std::vector<std::pair<std::string, column_view>> columns_;
  std::size_t rows_ = 0;
};

/// @brief One rule compiled for columnar evaluation.
///
/// Evaluation gives the same truth values as expression::evaluate() on each row's record.
class compiled_rule {
 public:
  /// @brief Compiles `e` (sub-rules referenced twice are computed once).
  /// @param e the expression
  explicit compiled_rule(const expression& e);
  /// @brief Evaluates every row.
  /// @param columns the columns of the fields the rule reads
  /// @param out one truth code a row: 0 no, 1 yes, 2 unknown (the values of truth)
  /// @param threads how many threads share the rows: 1 (the default) runs on the calling
  ///        thread only, 0 uses one per hardware thread; each thread takes at least 262,144
  ///        rows, so small inputs run on the calling thread whatever this says
  /// @throws invalid_argument naming the field when a column is absent, of a type the field
  ///         cannot read, or of the wrong length; naming `out` when its size differs.
  void evaluate(const column_table& columns, std::span<std::uint8_t> out, unsigned threads = 1) const;
  /// @brief Selects the rows for which the rule is true (neither false nor unknown): the
  /// mask a caller filters a table with.
  /// @param columns the columns of the fields the rule reads
  /// @param out one flag a row: true when the rule is true on the row
  /// @param threads as in evaluate()
  /// @throws invalid_argument as evaluate() does.
  void select(const column_table& columns, std::span<bool> out, unsigned threads = 1) const;
  /// @brief The fields the rule reads.
  [[nodiscard]] const std::vector<std::string>& fields() const noexcept { return fields_; }

 private:
  std::shared_ptr<const detail::batch_program> program_;
  std::vector<std::string> fields_;
};

/// @brief A rule set compiled for columnar evaluation.
///
/// Gives the status and first criterion of rule_set::evaluate() on each row's record:
/// the status codes are those of decision_status, and the criterion is the first failing
/// one in rule-set order, or when none fails the first undetermined one, or -1.
class compiled_rule_set {
 public:
  /// @brief Compiles every criterion of `rs` into one program.
  /// @param rs the rule set
  explicit compiled_rule_set(const rule_set& rs);
  /// @brief Evaluates every row.
  /// @param columns the columns of the fields the criteria read
  /// @param status one decision_status code a row
  /// @param first_criterion the position of the first failing (else undetermined) criterion, or -1
  /// @param threads as in compiled_rule::evaluate()
  /// @throws invalid_argument as compiled_rule::evaluate() does.
  void evaluate(const column_table& columns, std::span<std::uint8_t> status, std::span<std::int32_t> first_criterion,
                unsigned threads = 1) const;
  /// @brief The fields the criteria read.
  [[nodiscard]] const std::vector<std::string>& fields() const noexcept { return fields_; }
  /// @brief The criterion ids, in order.
  [[nodiscard]] const std::vector<std::string>& criterion_ids() const noexcept { return ids_; }

 private:
  std::shared_ptr<const detail::batch_program> program_;
  std::vector<std::string> fields_;
  std::vector<std::string> ids_;
};

/// @brief The instruction set the batch kernels run with on this CPU: `baseline` (the
/// compiler's default target), `x86-64-v3` (AVX2) or `x86-64-v4` (AVX-512).
///
/// The widest one the library was built with and the CPU has is picked once, at the first
/// batch evaluation; the environment variable `KULKIJA_BATCH_ISA` set to one of these names
/// picks a narrower one (for tests and comparisons). Every one gives the same results.
/// @return the name
[[nodiscard]] std::string_view batch_instruction_set() noexcept;

/// @}

}  // namespace kulkija
