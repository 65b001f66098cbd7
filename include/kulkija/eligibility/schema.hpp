#pragma once
/// @file
/// @brief The field schema: the typed fields that eligibility rules may refer to.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kulkija {

/// @defgroup eligibility Eligibility
/// @brief The rule language, versioned rule sets, explained decisions and columnar batch evaluation.
/// @{

/// @brief The type of a field that rules refer to.
enum class field_type : std::uint8_t {
  integer,   ///< a whole number, e.g. `age`; compared with `= != < <= > >=`, `between`, `in`
  number,    ///< a real number, e.g. a wellbeing score; compared with `= != < <= > >=`, `between`
  boolean,   ///< true or false, used on its own (`consent_given`) or with `=` / `!=`
  text,      ///< free text; compared with `=`, `!=` and `in`
  code,      ///< one code of a closed list, e.g. `living`; compared with `=`, `!=` and `in`
  code_set,  ///< a set of codes of a closed list, e.g. `needs`; tested with `has`, `has any`, `has all`
  calendar_date,  ///< a calendar day (name `date`); compared with `= != < <= > >=` and `between`
};

/// @brief The name of a field type, e.g. `code_set`.
/// @param t the type
/// @return its snake_case name
[[nodiscard]] std::string_view to_string(field_type t) noexcept;

/// @brief Parses a field type's name.
/// @param name `integer`, `number`, `boolean`, `text`, `code`, `code_set` or `date`
/// @return the type
/// @throws parse_error (id parse_enum) listing the valid names.
[[nodiscard]] field_type parse_field_type(std::string_view name);

/// @brief One field of a schema: a name, a type and, for `code` and `code_set`, the codes.
struct field_spec {
  std::string name;                ///< identifier, e.g. `age`: a letter or `_`, then letters, digits, `_`
  field_type type;                 ///< the type
  std::vector<std::string> codes;  ///< the closed list of codes (code and code_set only)
  /// @brief Field specs are equal when name, type and codes are.
  friend bool operator==(const field_spec&, const field_spec&) = default;
};

/// @brief The typed fields that rules may refer to, in a fixed order (a field's index is
/// its position).
///
/// Names are identifiers that are not keywords of the rule language (`and`, `or`, `not`,
/// `in`, `between`, `has`, `any`, `all`, `is`, `missing`, `true`, `false`) and are unique.
/// @code
/// kulkija::field_schema s;
/// s.add({"age", kulkija::field_type::integer, {}});
/// s.add({"needs", kulkija::field_type::code_set, {"loneliness", "bereavement"}});
/// @endcode
class field_schema {
 public:
  /// @brief The empty schema.
  field_schema() = default;
  /// @brief A schema with the given fields, added in order with add().
  /// @param fields the fields
  /// @throws invalid_argument as add() does.
  explicit field_schema(std::vector<field_spec> fields);

  /// @brief Adds a field at the end.
  /// @param spec the field
  /// @throws invalid_argument (id invalid_value) naming `fields[i].name` or `fields[i].codes`
  ///         when the name is not an identifier, is a keyword or is taken, or when the codes
  ///         are missing, repeated, not identifiers, or given for a type without codes. (A
  ///         code may be a keyword, e.g. the language code `is`; rules then quote it: `"is"`.)
  ///         The schema is unchanged when it throws.
  void add(field_spec spec);

  /// @brief The number of fields.
  [[nodiscard]] std::size_t size() const noexcept { return fields_.size(); }
  /// @brief All fields, in order.
  [[nodiscard]] const std::vector<field_spec>& fields() const noexcept { return fields_; }
  /// @brief The field at `index`.
  /// @param index the position, less than size()
  [[nodiscard]] const field_spec& operator[](std::size_t index) const noexcept { return fields_[index]; }
  /// @brief The position of the field called `name`, or nothing.
  /// @param name the field name
  [[nodiscard]] std::optional<std::size_t> find(std::string_view name) const noexcept;
  /// @brief The position of the field called `name`.
  /// @param name the field name
  /// @return the position
  /// @throws invalid_argument (id invalid_value) naming `field` and, where one is close,
  ///         suggesting the nearest name (`did you mean 'age'?`).
  [[nodiscard]] std::size_t index_of(std::string_view name) const;
  /// @brief The position of `code` in the code list of the field at `field`, or nothing.
  /// @param field the field's position
  /// @param code the code
  [[nodiscard]] std::optional<std::size_t> find_code(std::size_t field, std::string_view code) const noexcept;

  /// @brief Schemas are equal when their fields are equal, in order.
  friend bool operator==(const field_schema&, const field_schema&) = default;

 private:
  std::vector<field_spec> fields_;
};

/// @brief Whether `name` is a keyword of the rule language (and so cannot name a field or
/// a sub-rule, and must be quoted where it is a code).
/// @param name any text
/// @return true for `and`, `or`, `not`, `in`, `between`, `has`, `any`, `all`, `is`,
///         `missing`, `true`, `false`
[[nodiscard]] bool is_rule_keyword(std::string_view name) noexcept;

/// @brief The candidate closest to `name` by edit distance (Levenshtein, with swaps of
/// neighbouring characters counted as one edit), if it is close
/// enough to be a likely typo: at most one edit for names of up to 5 characters, two for
/// up to 9, three beyond.
/// @param name the unknown name
/// @param candidates the known names
/// @return the closest candidate (the first of equally close ones), or nothing
[[nodiscard]] std::optional<std::string> closest_name(std::string_view name,
                                                      const std::vector<std::string>& candidates);

/// @}

}  // namespace kulkija
