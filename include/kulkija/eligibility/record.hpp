#pragma once
/// @file
/// @brief A record: the values of one client's fields, typed by a field schema, any of them missing.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/eligibility/schema.hpp"

namespace kulkija {

/// @addtogroup eligibility
/// @{

/// @brief A whole number known only to lie in `[low, high]`, e.g. an age when only the
/// birth year is known.
struct integer_range {
  std::int64_t low;   ///< the smallest possible value
  std::int64_t high;  ///< the largest possible value
  /// @brief Ranges are equal when both ends are.
  friend bool operator==(const integer_range&, const integer_range&) = default;
};

/// @brief A code, by its position in the field's code list.
struct code_value {
  std::uint32_t index;  ///< position in field_spec::codes
  /// @brief Codes are equal when their positions are.
  friend bool operator==(const code_value&, const code_value&) = default;
};

/// @brief A set of codes, as a bit set over the field's code list (bit i = code i).
struct code_set_value {
  std::vector<std::uint64_t> bits;  ///< 64 codes a word, (size + 63) / 64 words
  /// @brief Sets are equal when they have the same members.
  friend bool operator==(const code_set_value&, const code_set_value&) = default;
};

/// @brief The value of one field: missing (`std::monostate`) or of the field's type.
using field_value = std::variant<std::monostate, std::int64_t, double, bool, std::string, code_value,
                                 code_set_value, date, integer_range>;

/// @brief The values of one client's fields under a schema; every field starts missing.
///
/// Setters check the value against the field's type and leave the record unchanged when
/// they throw. A field may carry a note that explains an uncertain value (e.g. an age
/// range), which decisions repeat when the value leaves a criterion undetermined.
class record {
 public:
  /// @brief A record with every field of `schema` missing.
  /// @param schema the schema (shared with the rules evaluated on this record)
  /// @throws invalid_argument (id invalid_value) naming `schema` when it is null.
  explicit record(std::shared_ptr<const field_schema> schema);

  /// @brief The schema.
  [[nodiscard]] const field_schema& schema() const noexcept { return *schema_; }
  /// @brief The shared schema.
  [[nodiscard]] const std::shared_ptr<const field_schema>& schema_ptr() const noexcept { return schema_; }

  /// @brief Sets an integer field.
  /// @param field the field name
  /// @param value the value
  /// @throws invalid_argument (id invalid_value) naming the field when it is unknown or not integer.
  void set_integer(std::string_view field, std::int64_t value);
  /// @brief Sets an integer field to a range of possible values; a range of one value is exact.
  /// @param field the field name
  /// @param low the smallest possible value
  /// @param high the largest possible value
  /// @param note why the value is uncertain, repeated in decisions (may be empty)
  /// @throws invalid_argument (id invalid_value) naming the field when it is unknown, not
  ///         integer, or `low > high`.
  void set_integer_range(std::string_view field, std::int64_t low, std::int64_t high, std::string note = {});
  /// @brief Sets a number field (an integer field accepts whole numbers); NaN makes it missing.
  /// @param field the field name
  /// @param value the value
  /// @throws invalid_argument (id invalid_value) naming the field when it is unknown or of another type.
  void set_number(std::string_view field, double value);
  /// @brief Sets a boolean field.
  /// @param field the field name
  /// @param value the value
  /// @throws invalid_argument (id invalid_value) naming the field when it is unknown or not boolean.
  void set_boolean(std::string_view field, bool value);
  /// @brief Sets a text field.
  /// @param field the field name
  /// @param value the text
  /// @throws invalid_argument (id invalid_value or personal_data) naming the field when it is
  ///         unknown, not text, or the text breaks validate_free_text() (at most 1000 bytes).
  void set_text(std::string_view field, std::string value);
  /// @brief Sets a code field.
  /// @param field the field name
  /// @param code one of the field's codes
  /// @throws invalid_argument (id invalid_value) naming the field when it is unknown, not a
  ///         code field, or `code` is not one of its codes (suggesting the nearest).
  void set_code(std::string_view field, std::string_view code);
  /// @brief Sets a code-set field.
  /// @param field the field name
  /// @param codes the members (repeats are ignored)
  /// @throws invalid_argument (id invalid_value) as set_code() does.
  void set_codes(std::string_view field, const std::vector<std::string>& codes);
  /// @brief Sets a date field.
  /// @param field the field name
  /// @param value a real (not special) date
  /// @throws invalid_argument naming the field when it is unknown, not a date or `value` is special.
  void set_date(std::string_view field, date value);
  /// @brief Sets a field from a value of the variant, checked against the field's type.
  /// @param index the field's position in the schema
  /// @param value the value (std::monostate makes the field missing)
  /// @param note why the value is uncertain (may be empty)
  /// @throws invalid_argument (id invalid_value) naming the field when the value does not fit.
  void set(std::size_t index, field_value value, std::string note = {});
  /// @brief Makes a field missing.
  /// @param field the field name
  /// @throws invalid_argument naming the field when it is unknown.
  void clear(std::string_view field);

  /// @brief The value of the field at `index`.
  /// @param index the field's position
  [[nodiscard]] const field_value& value(std::size_t index) const noexcept { return values_[index]; }
  /// @brief The value of the field called `field`.
  /// @param field the field name
  /// @throws invalid_argument naming the field when it is unknown.
  [[nodiscard]] const field_value& value(std::string_view field) const;
  /// @brief The note of the field at `index` (empty when none).
  /// @param index the field's position
  [[nodiscard]] const std::string& note(std::size_t index) const noexcept { return notes_[index]; }
  /// @brief Whether the field at `index` is missing.
  /// @param index the field's position
  [[nodiscard]] bool missing(std::size_t index) const noexcept {
    return std::holds_alternative<std::monostate>(values_[index]);
  }

  /// @brief Records are equal when their schemas and values are equal.
  /// @param a one record
  /// @param b the other
  friend bool operator==(const record& a, const record& b) {
    return *a.schema_ == *b.schema_ && a.values_ == b.values_ && a.notes_ == b.notes_;
  }

 private:
  std::shared_ptr<const field_schema> schema_;
  std::vector<field_value> values_;
  std::vector<std::string> notes_;
};

/// @}

}  // namespace kulkija
