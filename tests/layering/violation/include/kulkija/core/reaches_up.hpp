#pragma once
// A deliberate violation for the layering check's own test: core may not include region.
#include "kulkija/region/run.hpp"
