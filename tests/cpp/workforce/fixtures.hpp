#pragma once
// Shared by the workforce and link-worker tests: a training record in one line.
#include <optional>
#include <utility>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/workforce/training.hpp"

namespace kulkija_test {

// A course completed on `from`, valid until `until` (none: no expiry), giving `c`.
inline kulkija::training_record course(const char* from, std::optional<const char*> until,
                                       std::vector<kulkija::competence> c) {
  return {"Linkkityön peruskurssi", kulkija::parse_date(from),
          until ? std::optional(kulkija::parse_date(*until)) : std::nullopt, std::move(c)};
}

}  // namespace kulkija_test
