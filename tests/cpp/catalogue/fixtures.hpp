#pragma once
// Shared builders for the catalogue tests.
#include "kulkija/catalogue/catalogue.hpp"

namespace kulkija::testing {

inline activity_spec choir_spec(const char* id = "A-choir") {
  activity_spec s;
  s.id = activity_id{id};
  s.organisation = organisation_id{"O-seniors"};
  s.name = {"Laulupiiri", "Sångcirkel", "Singing circle"};
  s.description = {"Laulamme yhdessä tuttuja lauluja.", "Vi sjunger kända sånger tillsammans.", "We sing familiar songs together."};
  s.categories = {activity_category::music_singing, activity_category::meeting_place};
  s.target_groups = {target_group::older_people};
  s.min_age = 60;
  s.languages = {language{"fi"}};
  s.place = municipality{272};
  s.address = "Torikatu 10, Kokkola";
  s.position = geo_point{63.8385, 23.1307};
  recurrence_rule r;
  r.day = weekday::tuesday;
  r.starts = 13 * 60;
  r.ends = 14 * 60 + 30;
  s.schedule = {r};
  s.cost = {cost_kind::fee, 5.0, "EUR", true};
  return s;
}

inline catalogue sample_catalogue() {
  catalogue c;
  c.add(organisation{organisation_id{"O-seniors"}, "Kokkolan Seniorit ry", organisation_kind::pensioner, municipality{272}});
  c.add(activity{choir_spec()});
  return c;
}

}  // namespace kulkija::testing
