#pragma once
/// @file
/// @brief The rule language: parsing and type checking an expression against a field
/// schema, and evaluating it on a record with three-valued (Kleene) logic.

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/eligibility/record.hpp"
#include "kulkija/eligibility/schema.hpp"

namespace kulkija {

namespace detail {
struct rule_node;
}

/// @addtogroup eligibility
/// @{

/// @brief A truth value of three-valued (Kleene) logic.
///
/// `unknown` means the value depends on data the record lacks: `false and unknown` is
/// false, `true or unknown` is true, `not unknown` is unknown.
enum class truth : std::uint8_t {
  no = 0,       ///< definitely false
  yes = 1,      ///< definitely true
  unknown = 2,  ///< cannot be decided from the record
};

/// @brief The name of a truth value: `no`, `yes` or `unknown`.
/// @param t the truth value
/// @return its name
[[nodiscard]] std::string_view to_string(truth t) noexcept;

/// @brief The result of evaluating an expression on a record.
struct evaluation {
  truth value = truth::unknown;  ///< the truth value
  /// @brief When `value` is unknown: the fields (in schema order) whose missing or uncertain
  /// values left it undetermined; empty otherwise.
  std::vector<std::string> undetermined_fields;
  /// @brief Notes of those fields that are uncertain rather than missing (e.g. an age range).
  std::vector<std::string> notes;
  /// @brief Evaluations are equal when every part is.
  friend bool operator==(const evaluation&, const evaluation&) = default;
};

class expression;

/// @brief How deeply a rule may nest: each `(` and each `not` opens a level, and a sub-rule's
/// name opens one level plus the levels of the sub-rule (so a chain of sub-rules counts
/// too). Deeper rules fail to parse; the bound keeps parsing, evaluating, printing and
/// compiling a rule within a small, fixed stack.
inline constexpr std::size_t max_rule_depth = 256;

/// @brief How many tests and operators a rule may hold once its sub-rules are written out in
/// full: each name of a sub-rule counts as the whole sub-rule. A chain of sub-rules that use
/// the one before twice doubles at every link, so a few dozen short rules could otherwise
/// ask for billions of tests (and as many steps in every evaluation); such a rule fails to
/// parse instead.
inline constexpr std::size_t max_rule_size = 100000;

/// @brief Named sub-rules that an expression may refer to by name.
using named_rules = std::map<std::string, expression, std::less<>>;

/// @brief A parsed, type-checked rule: an immutable, cheap-to-copy boolean expression
/// over the fields of a schema.
///
/// The grammar (see the rule language guide, docs/rules.md):
/// @code{.unparsed}
/// rule       = or_expr
/// or_expr    = and_expr { "or" and_expr }
/// and_expr   = not_expr { "and" not_expr }
/// not_expr   = "not" not_expr | primary
/// primary    = "(" or_expr ")" | "true" | "false" | rule_name | field [ test ]
/// test       = compare_op value
///            | [ "not" ] "between" value "and" value
///            | [ "not" ] "in" "[" value { "," value } "]"
///            | "has" [ "any" | "all" ] ( code | "[" code { "," code } "]" )
///            | "is" [ "not" ] "missing"
/// compare_op = "=" | "==" | "!=" | "<" | "<=" | ">" | ">="
/// value      = integer | number | string | date | code | "true" | "false"
/// @endcode
/// @code
/// auto schema = kulkija::client_schema();
/// kulkija::expression e = kulkija::expression::parse("age >= 18 and needs has any [loneliness, bereavement]", schema);
/// @endcode
class expression {
 public:
  /// @brief Parses and type-checks `text` against `schema`.
  /// @param text the rule, e.g. `age between 18 and 64 and not needs_medical_care`
  /// @param schema the field schema
  /// @param rules named sub-rules the text may refer to (over the same schema)
  /// @return the expression
  /// @throws parse_error with the 1-based line and column and what was expected and found:
  ///         id parse_syntax for grammar errors, parse_unknown_name for an unknown field,
  ///         rule or code (with a `did you mean` suggestion), parse_type_mismatch for a
  ///         value of the wrong type (`type mismatch: 'age' is integer, "x" is text`);
  ///         id parse_syntax at the `(`, `not` or sub-rule name that nests the rule deeper
  ///         than max_rule_depth levels.
  ///         invalid_argument naming `schema` when it is null or a sub-rule uses another schema,
  ///         and naming `text` when it is longer than 100,000 bytes.
  [[nodiscard]] static expression parse(std::string_view text, std::shared_ptr<const field_schema> schema,
                                        const named_rules& rules = {});

  /// @brief Evaluates the expression on `r` with three-valued logic.
  /// @param r a record over the same schema
  /// @return the truth value and, when unknown, the fields that left it undetermined
  /// @throws invalid_argument (id invalid_value) naming `record` when its schema differs.
  [[nodiscard]] evaluation evaluate(const record& r) const;

  /// @brief The expression in canonical form (fully parenthesised where it matters; sub-rules by name).
  ///
  /// Parsing the result gives an equal expression.
  [[nodiscard]] std::string to_string() const;
  /// @brief The text the expression was parsed from.
  [[nodiscard]] const std::string& source() const noexcept { return source_; }
  /// @brief The schema.
  [[nodiscard]] const std::shared_ptr<const field_schema>& schema() const noexcept { return schema_; }
  /// @brief The names of the fields the expression reads, sub-rules included, in schema order.
  [[nodiscard]] std::vector<std::string> fields() const;
  /// @brief How deep the rule nests: the most levels open at once, where each `(` and each
  /// `not` opens a level and a sub-rule's name opens one level plus the sub-rule's depth.
  /// At most max_rule_depth.
  [[nodiscard]] std::size_t depth() const noexcept { return depth_; }
  /// @brief How many tests and operators the rule holds with its sub-rules written out in
  /// full (a name of a sub-rule counts as the whole sub-rule, plus one). At most max_rule_size.
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  /// @brief The internal tree, for the batch compiler.
  [[nodiscard]] const std::shared_ptr<const detail::rule_node>& root() const noexcept { return root_; }

  /// @brief Expressions are equal when their canonical forms and schemas are.
  /// @param a one expression
  /// @param b the other
  friend bool operator==(const expression& a, const expression& b);

 private:
  expression(std::string source, std::shared_ptr<const field_schema> schema,
             std::shared_ptr<const detail::rule_node> root, std::size_t depth, std::size_t size);
  std::string source_;
  std::shared_ptr<const field_schema> schema_;
  std::shared_ptr<const detail::rule_node> root_;
  std::size_t depth_ = 0;
  std::size_t size_ = 0;
};

/// @}

}  // namespace kulkija
