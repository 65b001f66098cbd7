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
