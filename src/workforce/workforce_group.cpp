#include "kulkija/workforce/workforce_group.hpp"

#include <map>
#include <utility>

namespace kulkija {

std::vector<workforce_group> workforce_groups(const workforce_policy& policy, std::span<const workforce_member> members,
                                             date on, const standing_requirements& required) {
  validate(policy);
  std::map<std::pair<worker_kind, int>, int> count;  // (kind, -capacity): largest first
  for (const workforce_member& m : members) {
    const workforce_standing s = standing_of(policy, m, on, required);
    if (s.matchable() && s.capacity > 0) ++count[{m.kind(), -s.capacity}];
  }
  std::vector<workforce_group> out;
  for (const auto& [key, n] : count) out.push_back({key.first, n, -key.second, 0});
  return out;
}

}  // namespace kulkija
