// The FHIR status of each referral state (kulkija::fhir_status_of); the systems and codes of
// the profile are in fhir_codes.hpp.
#include <array>
#include <cstddef>

#include "fhir_codes.hpp"
#include "kulkija/interop/fhir.hpp"

namespace kulkija {

namespace {

constexpr std::array<fhir_status, referral_state_count> statuses{{
    {"draft", "draft"},
    {"requested", "active"},
    {"accepted", "active"},
    {"rejected", "revoked"},
    {"ready", "active"},
    {"in-progress", "active"},
    {"on-hold", "on-hold"},
    {"completed", "completed"},
    {"failed", "revoked"},
    {"cancelled", "revoked"},
    {"entered-in-error", "entered-in-error"},
}};

}  // namespace

fhir_status fhir_status_of(referral_state s) noexcept { return statuses[static_cast<std::size_t>(s)]; }

}  // namespace kulkija
