#pragma once
/// @file
/// @brief The exception hierarchy: kulkija::error and its subclasses.

#include <array>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kulkija {

/// @defgroup core Core
/// @brief Ids, errors, dates, languages and municipality codes that every area uses.
/// @{

/// @brief Stable numeric ids of errors, grouped by kind (100s parse, 200s invalid argument,
/// 300s invalid transition, 400s not found, 500s conflict, 600s storage).
///
/// The id is part of the message (`[kulkija.invalid_argument.203] ...`) and never changes
/// meaning between releases; new ids are only added.
enum class error_id : int {
  parse_syntax = 101,       ///< text does not follow the grammar of its format
  parse_date = 102,         ///< a date is not ISO 8601 `YYYY-MM-DD` or not a real day
  parse_timestamp = 103,    ///< a timestamp is not ISO 8601 `YYYY-MM-DDThh:mm[:ss]Z`
  parse_csv = 104,          ///< CSV text is malformed (quotes, column count)
  parse_enum = 105,         ///< a code is not one of the values of its list
  parse_unknown_name = 106, ///< a rule names a field, sub-rule or code that is not defined
  parse_type_mismatch = 107,  ///< a rule compares a field with a value of another type
  parse_rule_cycle = 108,   ///< named sub-rules refer to each other in a cycle
  parse_structure = 109,    ///< well-formed text whose element is missing, of the wrong type, or refers to nothing
  parse_unsupported = 110,  ///< a valid record of its standard that kulkija cannot represent (another code, intent, status)
  invalid_value = 201,      ///< a value is outside its allowed range or set
  invalid_id = 202,         ///< an identifier is empty, too long or has a character not allowed
  invalid_language = 203,   ///< not a known ISO 639 language code
  invalid_municipality = 204,  ///< not a current Statistics Finland municipality code
  invalid_date = 205,       ///< a date is out of range or in the wrong order with another date
  personal_data = 206,      ///< a field would carry a personal identity code
  rule_set_overlap = 207,   ///< two versions of a rule set are in force on the same day
  invalid_identity_code = 208,  ///< not a valid Finnish personal identity code (the code is never shown)
  matching_infeasible = 209,  ///< no assignment gives every client a worker within the capacities and hard constraints
  invalid_measurement = 210,  ///< a measurement's item is missing beyond its instrument's rule, out of its range, or unknown
  transition_not_allowed = 301,  ///< the event is not defined from the current state
  transition_guard = 302,   ///< the event is defined but its guard does not hold
  transition_role = 303,    ///< the actor's role may not perform the event
  transition_time = 304,    ///< the event's timestamp goes back in time
  transition_reason = 305,  ///< the reason code is missing or not allowed for the event
  not_found = 401,          ///< a lookup by key found nothing
  conflict = 501,           ///< another writer changed the record first, or an id is taken by other content
  storage_io = 601,         ///< a file cannot be opened, created, read or written (permissions, locks, I/O)
  storage_format = 602,     ///< a file is not a kulkija register, or is corrupted or truncated
  storage_version = 603,    ///< a register's schema version is newer than the library's (or older, without migration)
  storage_full = 604,       ///< the disk (or the register's page limit) is full
};

/// @brief Every error id, in increasing order.
inline constexpr std::array<error_id, 31> all_error_ids{
    error_id::parse_syntax,
    error_id::parse_date,
    error_id::parse_timestamp,
    error_id::parse_csv,
    error_id::parse_enum,
    error_id::parse_unknown_name,
    error_id::parse_type_mismatch,
    error_id::parse_rule_cycle,
    error_id::parse_structure,
    error_id::parse_unsupported,
    error_id::invalid_value,
    error_id::invalid_id,
    error_id::invalid_language,
    error_id::invalid_municipality,
    error_id::invalid_date,
    error_id::personal_data,
    error_id::rule_set_overlap,
    error_id::invalid_identity_code,
    error_id::matching_infeasible,
    error_id::invalid_measurement,
    error_id::transition_not_allowed,
    error_id::transition_guard,
    error_id::transition_role,
    error_id::transition_time,
    error_id::transition_reason,
    error_id::not_found,
    error_id::conflict,
    error_id::storage_io,
    error_id::storage_format,
    error_id::storage_version,
    error_id::storage_full,
};

/// @brief The name of an error id, as in the enumeration, e.g. `invalid_value`; `?` for a
/// value that is not an id.
/// @param id the id
/// @return its name
[[nodiscard]] std::string_view to_string(error_id id) noexcept;

/// @brief Base class of every exception kulkija throws.
///
/// The message has the form `[kulkija.<kind>.<id>] <field>: <rule>` and names the field
/// and the rule that failed. It never contains a personal identity code: values that look
/// like one are replaced before they reach a message (see quote()).
class error : public std::runtime_error {
 public:
  /// @brief The stable numeric id of this error.
  [[nodiscard]] error_id id() const noexcept { return id_; }
  /// @brief The stable numeric id as an integer.
  [[nodiscard]] int code() const noexcept { return static_cast<int>(id_); }
  /// @brief The message without its `[kulkija.kind.id]` prefix, for wrapping one error's
  /// message into another's (for example a bad value inside a JSON file).
  [[nodiscard]] std::string_view message() const noexcept;

 protected:
  /// @brief Builds the message `[kulkija.<kind>.<id>] <message>`.
  error(error_id id, std::string_view kind, std::string_view message);

 private:
  error_id id_;
};

/// @brief Text that does not follow its format: rule language, JSON, CSV, dates.
///
/// Carries the position: a 1-based line and column for text formats, a JSON path such
/// as `$.criteria[2].expression` for JSON, or both; unknown parts are 0 or empty.
class parse_error : public error {
 public:
  /// @brief Creates a parse error at `line`:`column` (1-based; 0 when unknown) and/or `path`.
  /// @param id the stable id
  /// @param message what was expected and what was found
  /// @param line 1-based line, 0 when unknown
  /// @param column 1-based column, 0 when unknown
  /// @param path JSON path or file name, empty when unknown
  parse_error(error_id id, std::string_view message, std::size_t line = 0, std::size_t column = 0,
              std::string path = {});
  /// @brief 1-based line of the error, 0 when unknown.
  [[nodiscard]] std::size_t line() const noexcept { return line_; }
  /// @brief 1-based column of the error, 0 when unknown.
  [[nodiscard]] std::size_t column() const noexcept { return column_; }
  /// @brief JSON path (or other location) of the error, empty when unknown.
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  std::size_t line_;
  std::size_t column_;
  std::string path_;
};

/// @brief A value that breaks a rule of its field. Names the field and the rule.
class invalid_argument : public error {
 public:
  /// @brief Creates the error; the message reads `<field>: <rule>`.
  /// @param id the stable id
  /// @param field the field (or parameter) whose value was rejected
  /// @param rule the rule it broke, in words, with the (quoted) value where that helps
  invalid_argument(error_id id, std::string field, std::string rule);
  /// @brief The field whose value was rejected.
  [[nodiscard]] const std::string& field() const noexcept { return field_; }
  /// @brief The rule that the value broke.
  [[nodiscard]] const std::string& rule() const noexcept { return rule_; }

 private:
  std::string field_;
  std::string rule_;
};

/// @brief An event that the lifecycle does not allow from the current state.
///
/// Names the state, the event and the guard that failed. The object the event was
/// applied to is left unchanged.
class invalid_transition : public error {
 public:
  /// @brief Creates the error; the message reads `<event> from <state>: <guard>`.
  /// @param id the stable id
  /// @param state the current state's name
  /// @param event the event's name
  /// @param guard the guard (or rule) that did not hold, in words
  invalid_transition(error_id id, std::string state, std::string event, std::string guard);
  /// @brief Name of the state the object was in.
  [[nodiscard]] const std::string& state() const noexcept { return state_; }
  /// @brief Name of the rejected event.
  [[nodiscard]] const std::string& event() const noexcept { return event_; }
  /// @brief The guard that did not hold.
  [[nodiscard]] const std::string& guard() const noexcept { return guard_; }

 private:
  std::string state_;
  std::string event_;
  std::string guard_;
};

/// @brief A lookup by key that found nothing.
class not_found : public error {
 public:
  /// @brief Creates the error; the message names the kind and the quoted key.
  /// @param kind the kind of thing looked up, e.g. `municipality`
  /// @param key the key (quoted through quote())
  not_found(std::string kind, std::string_view key);
  /// @brief The kind of thing that was looked up.
  [[nodiscard]] const std::string& what_kind() const noexcept { return what_; }

 private:
  std::string what_;
};

/// @brief A write that lost a race: another writer changed the record first (an
/// optimistic version moved on), or an id is already taken by different content.
///
/// Nothing was written; read the record again and retry.
class conflict : public error {
 public:
  /// @brief Creates the error; the message reads `<record>: <rule>`.
  /// @param record the record or field, e.g. `referral R-1` (quoted)
  /// @param rule what happened, e.g. `expected version 3, found 4`
  conflict(std::string record, std::string rule);
  /// @brief The record or field.
  [[nodiscard]] const std::string& what_record() const noexcept { return what_; }

 private:
  std::string what_;
};

/// @brief A file that cannot be used as storage: not openable or writable, not a register,
/// corrupted, of a newer schema, or full. Names the file; nothing partial was written.
class storage_error : public error {
 public:
  /// @brief Creates the error; the message reads `<file>: <rule>`.
  /// @param id the stable id (storage_io, storage_format, storage_version or storage_full)
  /// @param file the file (shown through shown(), so never a personal identity code)
  /// @param rule what is wrong, in words
  storage_error(error_id id, std::string file, std::string rule);
  /// @brief The file.
  [[nodiscard]] const std::string& file() const noexcept { return file_; }

 private:
  std::string file_;
};

/// @brief Quotes a value for an error message, as `'value'`.
///
/// Values longer than 60 characters are shortened with `...`; a value that contains
/// something shaped like a Finnish personal identity code is replaced by
/// `<redacted personal identity code>` so that no code ever reaches a message.
/// @param value the value to quote
/// @return the quoted (and possibly redacted) value
[[nodiscard]] std::string quote(std::string_view value);

/// @}

}  // namespace kulkija
