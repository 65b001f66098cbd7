#pragma once
/// @file
/// @brief Strong identifier types: a referral id cannot be passed where a client id is due.

#include <compare>
#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace kulkija {

/// @addtogroup core
/// @{

/// @brief Checks an identifier's text and throws when it breaks a rule.
///
/// Identifiers are 1 to 64 characters of `A-Z a-z 0-9 . _ : -`, and never have the shape of
/// a Finnish personal identity code (a client is known by a pseudonym, never by the code).
/// @param field the field name used in the error message, e.g. `referral_id`
/// @param value the identifier text
/// @throws invalid_argument (id invalid_id or personal_data) naming the field and the rule.
void validate_id(std::string_view field, std::string_view value);

/// @brief A validated, strongly typed identifier; `Tag` tells the kinds apart.
///
/// `Tag` must have a `static constexpr std::string_view field` naming the kind, used in
/// error messages. Ids are regular values: copyable, ordered, hashable.
/// @tparam Tag an empty type that names the kind of id
template <class Tag>
class basic_id {
 public:
  /// @brief Creates the id after validate_id().
  /// @param value the identifier text
  /// @throws invalid_argument when the text breaks a rule of validate_id().
  explicit basic_id(std::string value) : value_(std::move(value)) { validate_id(Tag::field, value_); }

  /// @brief The identifier text.
  [[nodiscard]] const std::string& str() const noexcept { return value_; }

  /// @brief Ids compare by their text.
  friend auto operator<=>(const basic_id&, const basic_id&) = default;
  /// @brief Ids are equal when their texts are equal.
  friend bool operator==(const basic_id&, const basic_id&) = default;

  /// @brief Writes the identifier text.
  friend std::ostream& operator<<(std::ostream& os, const basic_id& id) { return os << id.value_; }

 private:
  std::string value_;
};

/// @brief Tag of referral_id.
struct referral_id_tag {
  static constexpr std::string_view field = "referral_id";  ///< field name in messages
};
/// @brief Tag of client_id.
struct client_id_tag {
  static constexpr std::string_view field = "client_id";  ///< field name in messages
};
/// @brief Tag of professional_id.
struct professional_id_tag {
  static constexpr std::string_view field = "professional_id";  ///< field name in messages
};
/// @brief Tag of link_worker_id.
struct link_worker_id_tag {
  static constexpr std::string_view field = "link_worker_id";  ///< field name in messages
};
/// @brief Tag of organisation_id.
struct organisation_id_tag {
  static constexpr std::string_view field = "organisation_id";  ///< field name in messages
};
/// @brief Tag of activity_id.
struct activity_id_tag {
  static constexpr std::string_view field = "activity_id";  ///< field name in messages
};

/// @brief Identifies a referral.
using referral_id = basic_id<referral_id_tag>;
/// @brief A client's pseudonym: the only way kulkija knows a client.
using client_id = basic_id<client_id_tag>;
/// @brief Identifies a referring professional (or their role in an organisation).
using professional_id = basic_id<professional_id_tag>;
/// @brief Identifies a link worker (linkkihenkilö).
using link_worker_id = basic_id<link_worker_id_tag>;
/// @brief Identifies a third-sector organisation.
using organisation_id = basic_id<organisation_id_tag>;
/// @brief Identifies an activity in the service catalogue.
using activity_id = basic_id<activity_id_tag>;

/// @}

}  // namespace kulkija

/// @brief Hashes a kulkija id by its text.
template <class Tag>
struct std::hash<kulkija::basic_id<Tag>> {
  /// @brief The hash of the identifier text.
  std::size_t operator()(const kulkija::basic_id<Tag>& id) const noexcept {
    return std::hash<std::string>{}(id.str());
  }
};
