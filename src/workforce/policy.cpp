#include "kulkija/workforce/policy.hpp"

#include <algorithm>
#include <string>

#include "kulkija/core/error.hpp"

namespace kulkija {

namespace {

template <class T>
void check_unique(const std::vector<T>& values, const std::string& field) {
  for (std::size_t i = 1; i < values.size(); ++i) {
    const auto end = values.begin() + static_cast<std::ptrdiff_t>(i);
    if (std::find(values.begin(), end, values[i]) != end) {
      throw invalid_argument(error_id::invalid_value, field + "[" + std::to_string(i) + "]",
                             "is listed twice (" + std::string(to_string(values[i])) + ")");
    }
  }
}

}  // namespace

void validate(const workforce_policy& policy) {
  for (worker_kind k : all_worker_kinds) {
    const kind_policy& p = policy.of(k);
    const std::string at = "workforce.kinds." + std::string(to_string(k)) + ".";
    if (p.caseload_limit < 0 || p.caseload_limit > 1000) {
      throw invalid_argument(error_id::invalid_value, at + "caseload_limit",
                             "must be from 0 to 1000, got " + std::to_string(p.caseload_limit));
    }
    if (p.meeting_modes.empty()) {
      throw invalid_argument(error_id::invalid_value, at + "meeting_modes", "must name at least one meeting mode");
    }
    check_unique(p.meeting_modes, at + "meeting_modes");
    if (p.supervision_interval_days < 1 || p.supervision_interval_days > 366) {
      throw invalid_argument(error_id::invalid_value, at + "supervision_interval_days",
                             "must be from 1 to 366 days, got " + std::to_string(p.supervision_interval_days));
    }
    check_unique(p.required_training, at + "required_training");
  }
}

}  // namespace kulkija
