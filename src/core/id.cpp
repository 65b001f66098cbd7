#include "kulkija/core/id.hpp"

#include <string>

#include "kulkija/core/error.hpp"
#include "kulkija/core/text.hpp"

namespace kulkija {

void validate_id(std::string_view field, std::string_view value) {
  constexpr std::size_t max_length = 64;
  if (value.empty()) throw invalid_argument(error_id::invalid_id, std::string(field), "must not be empty");
  if (contains_identity_code(value)) {
    throw invalid_argument(error_id::personal_data, std::string(field),
                           "must not be a personal identity code; use a pseudonym");
  }
  if (value.size() > max_length) {
    throw invalid_argument(error_id::invalid_id, std::string(field),
                           "must be at most 64 characters, got " + std::to_string(value.size()));
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == ':' || c == '-';
    if (!ok) {
      throw invalid_argument(error_id::invalid_id, std::string(field),
                             "may contain only A-Z a-z 0-9 . _ : - (bad character at position " +
                                 std::to_string(i + 1) + " of " + quote(value) + ")");
    }
  }
}

}  // namespace kulkija
