#include "kulkija/eligibility/client_record.hpp"

#include <string>
#include <vector>

#include "kulkija/referral/need.hpp"
#include "kulkija/referral/professional.hpp"

namespace kulkija {

namespace {

std::shared_ptr<const field_schema> make_client_schema() {
  std::vector<std::string> living;
  for (int i = 0; i <= static_cast<int>(living_situation::no_fixed_abode); ++i) {
    living.emplace_back(to_string(static_cast<living_situation>(i)));
  }
  std::vector<std::string> needs;
  for (need n : all_needs()) needs.emplace_back(to_string(n));
  std::vector<std::string> languages;
  for (std::string_view code : language::all_codes()) languages.emplace_back(code);
  std::vector<std::string> sectors;
  for (int i = 0; i <= static_cast<int>(sector::other); ++i) sectors.emplace_back(to_string(static_cast<sector>(i)));
  return std::make_shared<const field_schema>(std::vector<field_spec>{
      {"age", field_type::integer, {}},
      {"birth_year", field_type::integer, {}},
      {"birth_date", field_type::calendar_date, {}},
      {"municipality", field_type::integer, {}},
      {"living", field_type::code, living},
      {"needs", field_type::code_set, needs},
      {"languages", field_type::code_set, languages},
      {"referrer_sector", field_type::code, sectors},
      {"consent_given", field_type::boolean, {}},
      {"consent_date", field_type::calendar_date, {}},
      {"needs_medical_care", field_type::boolean, {}},
      {"own_resources_sufficient", field_type::boolean, {}},
      {"wellbeing", field_type::number, {}},
      {"participating_unit_client", field_type::boolean, {}},
      {"low_income", field_type::boolean, {}},
  });
}

std::vector<std::string> need_codes(need_set needs) {
  std::vector<std::string> out;
  for (need n : needs.members()) out.emplace_back(to_string(n));
  return out;
}

}  // namespace

const std::shared_ptr<const field_schema>& client_schema() {
  static const std::shared_ptr<const field_schema> schema = make_client_schema();
  return schema;
}

record client_record(const client& c, date on) {
  const auto [low, high] = c.age_range_on(on);
  record r(client_schema());
  if (low == high) {
    r.set_integer("age", low);
  } else {
    r.set_integer_range("age", low, high,
                        "age is " + std::to_string(low) + " or " + std::to_string(high) + " on " + format_date(on) +
                            ": only the birth year " + std::to_string(c.birth_year()) + " is known");
  }
  r.set_integer("birth_year", c.birth_year());
  if (c.birth_date()) r.set_date("birth_date", *c.birth_date());
  r.set_integer("municipality", c.home().code());
  if (c.living()) r.set_code("living", to_string(*c.living()));
  r.set_codes("needs", need_codes(c.needs()));
  std::vector<std::string> languages;
  for (const auto& l : c.languages()) languages.emplace_back(l.code());
  r.set_codes("languages", languages);
  return r;
}

record client_record(const referral& ref, date on) {
  record r = client_record(ref.subject(), on);
  need_set needs = ref.subject().needs();
  for (need n : ref.needs().members()) needs.insert(n);
  r.set_codes("needs", need_codes(needs));
  r.set_code("referrer_sector", to_string(ref.referrer().work_sector()));
  const auto& consent = ref.consent_given_at();
  r.set_boolean("consent_given", consent.has_value() && consent->date() <= on);
  if (consent) r.set_date("consent_date", consent->date());
  return r;
}

}  // namespace kulkija
