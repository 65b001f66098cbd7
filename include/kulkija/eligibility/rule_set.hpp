#pragma once
/// @file
/// @brief Versioned rule sets of eligibility criteria, read from JSON, and the collection
/// that picks the one in force on a decision day.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/eligibility/decision.hpp"
#include "kulkija/eligibility/expression.hpp"
#include "kulkija/eligibility/record.hpp"
#include "kulkija/referral/client.hpp"
#include "kulkija/referral/referral.hpp"

namespace kulkija {

/// @addtogroup eligibility
/// @{

/// @brief One criterion of a rule set.
struct criterion {
  std::string id;         ///< identifier, unique in the rule set
  criterion_kind kind;    ///< inclusion, exclusion or warning
  expression condition;   ///< the rule
  localized_text reason;  ///< why it matters, shown when it fails, is undetermined or warns
};

/// @brief A versioned set of eligibility criteria for one region, valid on a range of days.
///
/// The JSON form (see the rule language guide):
/// @code{.json}
/// {
///   "id": "wellbeing-referral", "version": "2026.1", "region": "Keski-Pohjanmaa",
///   "valid_from": "2026-01-01", "valid_to": null,
///   "rules": {"adult": "age >= 18"},
///   "criteria": [
///     {"id": "adult", "kind": "inclusion", "expression": "adult",
///      "reason": {"fi": "Täysi-ikäinen", "sv": "Myndig", "en": "Adult (18 or over)"}}
///   ]
/// }
/// @endcode
class rule_set {
 public:
  /// @brief Reads a rule set from JSON text.
  /// @param json the JSON text
  /// @param schema the field schema the expressions use (client_schema() by default)
  /// @return the rule set
  /// @throws parse_error naming the JSON path of the fault (e.g. `$.criteria[2].expression`),
  ///         with the line and column inside the expression for rule-language errors:
  ///         malformed JSON, missing or unknown keys, wrong types, bad dates, `valid_to`
  ///         before `valid_from`, repeated or malformed ids, empty reasons, sub-rules that
  ///         refer to each other in a cycle (id parse_rule_cycle).
  [[nodiscard]] static rule_set from_json(std::string_view json,
                                          std::shared_ptr<const field_schema> schema = nullptr);
  /// @brief Reads a rule set from a JSON file.
  /// @param path the file
  /// @param schema the field schema (client_schema() by default)
  /// @return the rule set
  /// @throws not_found when the file cannot be read; parse_error as from_json(), with the file name.
  [[nodiscard]] static rule_set load(const std::filesystem::path& path,
                                     std::shared_ptr<const field_schema> schema = nullptr);

  /// @brief The id, e.g. `wellbeing-referral`.
  [[nodiscard]] const std::string& id() const noexcept { return id_; }
  /// @brief The version, e.g. `2026.1`.
  [[nodiscard]] const std::string& version() const noexcept { return version_; }
  /// @brief The region it applies in.
  [[nodiscard]] const std::string& region() const noexcept { return region_; }
  /// @brief The first day it is in force.
  [[nodiscard]] date valid_from() const noexcept { return valid_from_; }
  /// @brief The last day it is in force, or nothing when open-ended.
  [[nodiscard]] const std::optional<date>& valid_to() const noexcept { return valid_to_; }
  /// @brief The field schema.
  [[nodiscard]] const std::shared_ptr<const field_schema>& schema() const noexcept { return schema_; }
  /// @brief The named sub-rules.
  [[nodiscard]] const named_rules& rules() const noexcept { return rules_; }
  /// @brief The criteria, in order.
  [[nodiscard]] const std::vector<criterion>& criteria() const noexcept { return criteria_; }
  /// @brief Whether the rule set is in force on `day`.
  /// @param day the day
  [[nodiscard]] bool in_force_on(date day) const noexcept;

  /// @brief Decides eligibility for a record.
  /// @param r the record (over the rule set's schema), bound on the day `on`
  /// @param on the day of the decision
  /// @param lang the language of the reason texts
  /// @return the explained decision
  /// @throws invalid_argument naming `record` when its schema differs, or `on` when the
  ///         rule set is not in force on that day.
  [[nodiscard]] decision evaluate(const record& r, date on, text_language lang = text_language::fi) const;
  /// @brief Decides eligibility for a referral (its client and its own fields) on `on`.
  /// @param r the referral
  /// @param on the day of the decision
  /// @param lang the language of the reason texts
  /// @return the explained decision
  /// @throws invalid_argument as evaluate(const record&, date, text_language) does, or naming
  ///         `schema` when the rule set does not use client_schema().
  [[nodiscard]] decision evaluate(const referral& r, date on, text_language lang = text_language::fi) const;
  /// @brief Decides eligibility for a client on `on` (referral fields stay missing).
  /// @param c the client
  /// @param on the day of the decision
  /// @param lang the language of the reason texts
  /// @return the explained decision
  /// @throws invalid_argument as evaluate(const referral&, date, text_language) does.
  [[nodiscard]] decision evaluate(const client& c, date on, text_language lang = text_language::fi) const;

 private:
  rule_set() = default;
  std::string id_;
  std::string version_;
  std::string region_;
  date valid_from_;
  std::optional<date> valid_to_;
  std::shared_ptr<const field_schema> schema_;
  named_rules rules_;
  std::vector<criterion> criteria_;
};

/// @brief Versions of rule sets; picks the one in force on a day.
///
/// Versions of the same id must not overlap in validity; different ids (the wellbeing
/// referral and Kaikukortti) live side by side.
class rule_set_collection {
 public:
  /// @brief Adds a rule set.
  /// @param rs the rule set
  /// @throws invalid_argument (id rule_set_overlap) naming `rule_set` when a version of the
  ///         same id is in force on a common day; the collection is unchanged.
  void add(rule_set rs);
  /// @brief The version of `id` in force on `day`.
  /// @param id the rule set id
  /// @param day the day of the decision
  /// @return the rule set
  /// @throws not_found when no version of `id` is in force on `day`.
  [[nodiscard]] const rule_set& in_force(std::string_view id, date day) const;
  /// @brief Every rule set, in the order added.
  [[nodiscard]] const std::vector<rule_set>& all() const noexcept { return sets_; }

 private:
  std::vector<rule_set> sets_;
};

/// @}

}  // namespace kulkija
