// Allowed: matching may include workforce and core, and detail from anywhere.
#include "kulkija/workforce/queue.hpp"
#include "../detail/json.hpp"
