#pragma once
/// @file
/// @brief Forward declarations of kulkija's public types.

namespace kulkija {

class error;
class parse_error;
class invalid_argument;
class invalid_transition;
class not_found;
template <class Tag>
class basic_id;
class language;
class municipality;
struct localized_text;
class need_set;
struct client_preferences;
class client;
class professional;
struct transition;
struct actor;
struct lifecycle_event;
struct history_entry;
class referral;
class csv_table;

}  // namespace kulkija
