#pragma once
// Internal: the checked syntax tree of the rule language. Not documented, not stable.

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/eligibility/schema.hpp"

namespace kulkija::detail {

enum class node_kind : std::uint8_t {
  constant,       // value
  boolean_field,  // field
  compare,        // field op values[0]
  between,        // values[0] <= field <= values[1]  (negated: not between)
  in_list,        // field in values                  (negated: not in)
  has_any,        // code set shares a member with mask
  has_all,        // code set holds every member of mask
  is_missing,     // field is missing                 (negated: is not missing)
  negation,       // not children[0]
  conjunction,    // children[0] and children[1] and ...
  disjunction,    // children[0] or ...
  rule_ref,       // name -> children[0]
};

enum class compare_op : std::uint8_t { eq, ne, lt, le, gt, ge };

// A literal after type checking: integer, code index and date (days since 1970-01-01) in i,
// number in d, boolean in b, text in s. `source` is the literal as written.
struct rule_literal {
  std::int64_t i = 0;
  double d = 0.0;
  bool b = false;
  std::string s;
  std::string source;
};

struct set_lookup;  // (eligibility/batch.cpp)

// Batch evaluation's lookups of an `in` list, one for each column element type that has met
// it (indexed by batch_type), made by the first run that needs them. They cost far more than
// evaluating a small batch, so they live with the node: every compiled form of the rule,
// and every copy of the expression, shares them.
struct set_lookups {
  std::mutex mutex;
  std::array<std::shared_ptr<const set_lookup>, 10> by_type;
};

struct rule_node {
  node_kind kind = node_kind::constant;
  std::size_t line = 0;
  std::size_t column = 0;
  std::size_t field = 0;
  field_type type = field_type::boolean;  // the field's type (leaves)
  compare_op op = compare_op::eq;
  bool negated = false;
  bool value = false;  // constant
  std::vector<rule_literal> values;
  std::vector<std::uint64_t> mask;  // has_any / has_all (and in_list over codes)
  std::vector<std::shared_ptr<const rule_node>> children;
  std::string name;  // rule_ref
  std::shared_ptr<set_lookups> lookups;  // in_list (set by the parser)
};

using node_ptr = std::shared_ptr<const rule_node>;

// Days since 1970-01-01 of a real date.
std::int64_t epoch_days(const boost::gregorian::date& d);

// The names (identifiers that are not keywords) used in a rule's text, in order; empty when
// the text does not lex (the parser reports that error).
std::vector<std::string> identifiers_in(std::string_view text);

}  // namespace kulkija::detail
