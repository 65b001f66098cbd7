// The JSON form of a region's calendar options (nlohmann/json stays out of the headers).
#include <string>

#include "../detail/json.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/support/calendar.hpp"

namespace kulkija {

calendar_options calendar_options_from_json(std::string_view text) {
  using detail::json;
  using detail::json_fail;
  const json j = detail::parse_json(text);
  const detail::json_object root(j, "$");
  root.allow({"midsummer_eve_off", "christmas_eve_off", "weekmask", "closures"});
  calendar_options o;
  root.read("midsummer_eve_off", o.midsummer_eve_off);
  root.read("christmas_eve_off", o.christmas_eve_off);
  if (std::string mask; root.read("weekmask", mask)) {
    if (mask.size() != 7 || mask.find_first_not_of("01") != std::string::npos) {
      json_fail("$.weekmask", "must be seven characters 0 or 1, Monday first (1 = working day), got " + quote(mask));
    }
    for (std::size_t i = 0; i < 7; ++i) o.weekend[i] = mask[i] == '0';
  }
  if (const json* cs = root.find("closures")) {
    if (!cs->is_array()) json_fail("$.closures", "must be an array, got " + std::string(cs->type_name()));
    for (std::size_t i = 0; i < cs->size(); ++i) {
      const detail::json_object c((*cs)[i], "$.closures[" + std::to_string(i) + "]");
      c.allow({"day", "name"});
      c.require("day");
      c.require("name");
      closure_day day;
      c.read("day", day.day);
      if (const json* name = c.find("name"); name->is_string()) {
        day.name = {name->get<std::string>(), name->get<std::string>(), name->get<std::string>()};
      } else {
        const detail::json_object names(*name, c.path("name"));
        names.allow({"fi", "sv", "en"});
        names.read("fi", day.name.fi);
        names.read("sv", day.name.sv);
        names.read("en", day.name.en);
      }
      o.closures.push_back(std::move(day));
    }
  }
  try {
    (void)finnish_calendar{o};  // the constructor's checks, mapped to JSON paths
  } catch (const invalid_argument& e) {
    json_fail("$." + e.field(), e.rule());
  }
  return o;
}

}  // namespace kulkija
