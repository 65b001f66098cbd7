#include "kulkija/core/error.hpp"

#include <string>

#include "kulkija/core/text.hpp"
#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {

std::string compose(error_id id, std::string_view kind, std::string_view message) {
  std::string out = "[kulkija.";
  out += kind;
  out += '.';
  out += std::to_string(static_cast<int>(id));
  out += "] ";
  out += message;
  return out;
}

std::string with_position(std::string_view message, std::size_t line, std::size_t column,
                          const std::string& path) {
  std::string out;
  if (!path.empty()) {
    out += "at ";
    out += path;
    out += ": ";
  }
  if (line > 0) {
    out += std::to_string(line);
    out += ':';
    out += std::to_string(column);
    out += ": ";
  }
  out += message;
  return out;
}

}  // namespace

std::string_view to_string(error_id id) noexcept {
  switch (id) {
    case error_id::parse_syntax: return "parse_syntax";
    case error_id::parse_date: return "parse_date";
    case error_id::parse_timestamp: return "parse_timestamp";
    case error_id::parse_csv: return "parse_csv";
    case error_id::parse_enum: return "parse_enum";
    case error_id::parse_unknown_name: return "parse_unknown_name";
    case error_id::parse_type_mismatch: return "parse_type_mismatch";
    case error_id::parse_rule_cycle: return "parse_rule_cycle";
    case error_id::parse_structure: return "parse_structure";
    case error_id::parse_unsupported: return "parse_unsupported";
    case error_id::invalid_value: return "invalid_value";
    case error_id::invalid_id: return "invalid_id";
    case error_id::invalid_language: return "invalid_language";
    case error_id::invalid_municipality: return "invalid_municipality";
    case error_id::invalid_date: return "invalid_date";
    case error_id::personal_data: return "personal_data";
    case error_id::rule_set_overlap: return "rule_set_overlap";
    case error_id::invalid_identity_code: return "invalid_identity_code";
    case error_id::matching_infeasible: return "matching_infeasible";
    case error_id::invalid_measurement: return "invalid_measurement";
    case error_id::transition_not_allowed: return "transition_not_allowed";
    case error_id::transition_guard: return "transition_guard";
    case error_id::transition_role: return "transition_role";
    case error_id::transition_time: return "transition_time";
    case error_id::transition_reason: return "transition_reason";
    case error_id::not_found: return "not_found";
    case error_id::conflict: return "conflict";
    case error_id::storage_io: return "storage_io";
    case error_id::storage_format: return "storage_format";
    case error_id::storage_version: return "storage_version";
    case error_id::storage_full: return "storage_full";
  }
  return "?";
}

error::error(error_id id, std::string_view kind, std::string_view message)
    : std::runtime_error(compose(id, kind, message)), id_(id) {}

std::string_view error::message() const noexcept {
  const std::string_view text(what());
  const auto cut = text.find("] ");
  return cut == std::string_view::npos ? text : text.substr(cut + 2);
}

parse_error::parse_error(error_id id, std::string_view message, std::size_t line, std::size_t column,
                         std::string path)
    : error(id, "parse_error", with_position(message, line, column, path)),
      line_(line),
      column_(column),
      path_(std::move(path)) {}

invalid_argument::invalid_argument(error_id id, std::string field, std::string rule)
    : error(id, "invalid_argument", field + ": " + rule), field_(std::move(field)), rule_(std::move(rule)) {}

invalid_transition::invalid_transition(error_id id, std::string state, std::string event, std::string guard)
    : error(id, "invalid_transition", "'" + event + "' from state '" + state + "': " + guard),
      state_(std::move(state)),
      event_(std::move(event)),
      guard_(std::move(guard)) {}

not_found::not_found(std::string kind, std::string_view key)
    : error(error_id::not_found, "not_found", kind + " " + quote(key) + " not found"), what_(std::move(kind)) {}

conflict::conflict(std::string record, std::string rule)
    : error(error_id::conflict, "conflict", shown(record) + ": " + shown(rule)), what_(shown(record)) {}

storage_error::storage_error(error_id id, std::string file, std::string rule)
    : error(id, "storage_error", shown(file) + ": " + shown(rule)), file_(shown(file)) {}

std::string quote(std::string_view value) {
  if (contains_identity_code(value)) return "<redacted personal identity code>";
  constexpr std::size_t max_shown = 60;
  std::string out = "'";
  if (value.size() > max_shown) {
    std::size_t cut = max_shown;
    // do not cut inside a UTF-8 sequence
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0U) == 0x80U) --cut;
    out += value.substr(0, cut);
    out += "...";
  } else {
    out += value;
  }
  out += '\'';
  return out;
}

namespace detail {

void throw_unknown_code(std::string_view what, std::string_view code, std::span<const std::string_view> names) {
  std::string message = "unknown ";
  message += what;
  message += ' ';
  message += quote(code);
  message += "; expected one of: ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) message += ", ";
    message += names[i];
  }
  throw parse_error(error_id::parse_enum, message);
}

}  // namespace detail

}  // namespace kulkija
