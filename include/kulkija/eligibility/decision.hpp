#pragma once
/// @file
/// @brief An explained eligibility decision: the status, every criterion's outcome and the
/// reasons in Finnish, Swedish or English.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/eligibility/expression.hpp"

namespace kulkija {

/// @addtogroup eligibility
/// @{

/// @brief What a criterion does to the decision.
enum class criterion_kind : std::uint8_t {
  inclusion,  ///< must hold: false makes the client not eligible
  exclusion,  ///< must not hold: true makes the client not eligible
  warning,    ///< informs: true raises a warning, the status is not affected
};
/// @brief The code of a criterion kind: `inclusion`, `exclusion` or `warning`.
/// @param k the kind
[[nodiscard]] std::string_view to_string(criterion_kind k) noexcept;
/// @brief Parses a criterion kind's code.
/// @param code the code
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] criterion_kind parse_criterion_kind(std::string_view code);

/// @brief The overall outcome of a decision. The numeric values are those of batch results.
enum class decision_status : std::uint8_t {
  eligible = 0,      ///< every inclusion holds and no exclusion does
  not_eligible = 1,  ///< an inclusion fails or an exclusion holds
  undetermined = 2,  ///< nothing fails, but some criterion needs data the record lacks
};
/// @brief The code of a status: `eligible`, `not_eligible` or `undetermined`.
/// @param s the status
[[nodiscard]] std::string_view to_string(decision_status s) noexcept;

/// @brief The outcome of one criterion.
enum class criterion_outcome : std::uint8_t {
  failed = 0,        ///< an inclusion is false or an exclusion is true
  undetermined = 1,  ///< the value is unknown (missing or uncertain data)
  warning = 2,       ///< a warning criterion is true
  passed = 3,        ///< an inclusion is true, an exclusion false, or a warning false
};
/// @brief The code of an outcome: `failed`, `undetermined`, `warning` or `passed`.
/// @param o the outcome
[[nodiscard]] std::string_view to_string(criterion_outcome o) noexcept;

/// @brief One criterion's part of a decision.
struct criterion_result {
  std::string criterion_id;  ///< the criterion's id
  std::size_t position = 0;  ///< the criterion's position in the rule set
  criterion_kind kind = criterion_kind::inclusion;  ///< its kind
  truth value = truth::unknown;                     ///< the truth value of its expression
  criterion_outcome outcome = criterion_outcome::undetermined;  ///< what that means
  std::string reason;  ///< the criterion's reason text in the decision's language
  /// @brief The fields whose missing or uncertain values left it undetermined.
  std::vector<std::string> undetermined_fields;
  /// @brief Explanations of uncertain values (e.g. an age known only as a range).
  std::vector<std::string> notes;
  /// @brief Results are equal when every part is.
  friend bool operator==(const criterion_result&, const criterion_result&) = default;
};

/// @brief An explained eligibility decision.
///
/// The results hold every criterion, the failed ones first, then the undetermined ones,
/// then raised warnings, then the passed ones; within each group in rule-set order.
struct decision {
  decision_status status = decision_status::undetermined;  ///< the overall status
  std::string rule_set_id;                                 ///< id of the rule set applied
  std::string rule_set_version;                            ///< its version
  date decided_on;                                         ///< the day of the decision
  text_language language = text_language::fi;              ///< the language of the texts
  std::vector<criterion_result> results;                   ///< every criterion, failing and missing first

  /// @brief The reason texts of the failed and undetermined criteria, in order; for
  /// undetermined ones the missing fields are named after the text.
  [[nodiscard]] std::vector<std::string> reasons() const;
  /// @brief The reason texts of raised warnings.
  [[nodiscard]] std::vector<std::string> warnings() const;
  /// @brief A readable, multi-line explanation: the status, then one line a criterion.
  [[nodiscard]] std::string explain() const;

  /// @brief Decisions are equal when every part is.
  friend bool operator==(const decision&, const decision&) = default;
};

/// @}

}  // namespace kulkija
