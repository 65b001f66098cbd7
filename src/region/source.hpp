#pragma once
// Internal to the region area: errors re-thrown naming the file they came from.
#include <string>

#include "kulkija/core/error.hpp"

namespace kulkija::detail {

// The rule of a parse error, without its "at PATH: " and "LINE:COLUMN: " prefixes.
std::string rule_of(const parse_error& e);

// `e` again, naming `file` before its own path (a JSON path such as `$.as_of`, or nothing).
parse_error in_file(const parse_error& e, const std::string& file);

}  // namespace kulkija::detail
