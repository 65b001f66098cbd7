#pragma once
/// @file
/// @brief Umbrella header: includes the whole public API of kulkija.

#include "kulkija/version.hpp"
#include "kulkija/core/date.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/core/id.hpp"
#include "kulkija/core/language.hpp"
#include "kulkija/core/municipality.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/referral/client.hpp"
#include "kulkija/referral/lifecycle.hpp"
#include "kulkija/referral/need.hpp"
#include "kulkija/referral/professional.hpp"
#include "kulkija/referral/referral.hpp"
#include "kulkija/interop/csv.hpp"
#include "kulkija/interop/region_csv.hpp"
#include "kulkija/interop/fhir.hpp"
#include "kulkija/interop/records_csv.hpp"
#include "kulkija/privacy/identity_code.hpp"
#include "kulkija/support/calendar.hpp"
#include "kulkija/support/policy.hpp"
#include "kulkija/support/support_period.hpp"
