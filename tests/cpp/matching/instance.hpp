#pragma once
// An assignment instance for the matching tests and the LEMON oracle tests.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "kulkija/matching/assignment.hpp"

namespace kulkija::testing {

struct instance {
  std::size_t n = 0;                    // clients
  std::size_t w = 0;                    // workers
  std::vector<std::int64_t> cost;       // n x w, row by row; forbidden_cost for a forbidden pair
  std::vector<std::int32_t> capacity;   // per worker
  std::vector<std::int64_t> penalty;    // per client, or empty for "every client must be assigned"
  [[nodiscard]] cost_matrix_view view() const { return {cost, n, w}; }
};

}  // namespace kulkija::testing
