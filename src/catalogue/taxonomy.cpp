#include "kulkija/catalogue/taxonomy.hpp"

#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {

constexpr std::array<std::string_view, activity_category_count> category_names{
    "peer_support_group", "meeting_place", "exercise",      "outdoor_nature", "music_singing",
    "arts_crafts",        "culture_events", "learning",     "digital_skills", "volunteering",
    "cooking_meals",      "games_hobbies", "work_activity", "guidance"};

constexpr std::array<std::string_view, target_group_count> target_group_names{
    "everyone",   "older_people",  "working_age",              "young_adults",  "unemployed",    "caregivers",
    "immigrants", "people_with_disabilities", "mental_health", "long_term_ill", "men",           "women"};

constexpr std::array<std::string_view, accessibility_feature_count> accessibility_names{
    "wheelchair_access", "induction_loop", "accessible_toilet", "transport_help", "sign_language", "easy_language"};

const std::array<localized_text, activity_category_count> category_labels{{
    {"vertaistukiryhmä", "kamratstödsgrupp", "peer support group"},
    {"kohtaamispaikka", "mötesplats", "meeting place"},
    {"liikunta", "motion", "exercise"},
    {"ulkoilu ja luonto", "friluftsliv och natur", "outdoors and nature"},
    {"musiikki ja laulu", "musik och sång", "music and singing"},
    {"taide ja käsityöt", "konst och hantverk", "arts and crafts"},
    {"kulttuuritapahtumat", "kulturevenemang", "cultural events"},
    {"oppiminen ja opintopiirit", "lärande och studiecirklar", "learning and study circles"},
    {"digituki", "digitalt stöd", "digital skills support"},
    {"vapaaehtoistoiminta", "frivilligverksamhet", "volunteering"},
    {"ruoka ja yhteiset ateriat", "mat och gemensamma måltider", "cooking and shared meals"},
    {"pelit ja harrastukset", "spel och hobbyer", "games and hobbies"},
    {"työllistymistä tukeva toiminta", "sysselsättningsfrämjande verksamhet", "work activity"},
    {"neuvonta ja ohjaus", "rådgivning och handledning", "advice and guidance"},
}};

const std::array<localized_text, target_group_count> target_group_labels{{
    {"kaikki aikuiset", "alla vuxna", "all adults"},
    {"ikäihmiset", "äldre personer", "older people"},
    {"työikäiset", "personer i arbetsför ålder", "working-age adults"},
    {"nuoret aikuiset", "unga vuxna", "young adults"},
    {"työttömät", "arbetslösa", "unemployed people"},
    {"omaishoitajat", "närståendevårdare", "family caregivers"},
    {"maahanmuuttajat", "invandrare", "immigrants"},
    {"vammaiset henkilöt", "personer med funktionsnedsättning", "people with disabilities"},
    {"mielenterveyskuntoutujat", "mentalvårdsrehabiliterade", "people recovering from mental ill health"},
    {"pitkäaikaissairaat", "långtidssjuka", "people with a long-term illness"},
    {"miehet", "män", "men"},
    {"naiset", "kvinnor", "women"},
}};

const std::array<localized_text, accessibility_feature_count> accessibility_labels{{
    {"esteetön kulku", "tillgängligt för rullstol", "wheelchair access"},
    {"induktiosilmukka", "hörslinga", "induction loop"},
    {"esteetön wc", "tillgänglig toalett", "accessible toilet"},
    {"kuljetus- tai saattoapu", "hjälp med transport eller ledsagning", "transport or escort help"},
    {"viittomakielen tulkkaus", "teckenspråkstolkning", "sign language interpretation"},
    {"selkokieli", "lättläst språk", "easy language"},
}};

const std::array<need_set, activity_category_count> category_needs{{
    {need::loneliness, need::mental_wellbeing, need::bereavement, need::caregiver_burden, need::long_term_condition,
     need::life_transition},
    {need::loneliness, need::social_exclusion, need::meaningful_activity, need::integration},
    {need::physical_inactivity, need::mental_wellbeing, need::long_term_condition},
    {need::physical_inactivity, need::mental_wellbeing, need::loneliness},
    {need::loneliness, need::mental_wellbeing, need::meaningful_activity},
    {need::meaningful_activity, need::mental_wellbeing, need::loneliness},
    {need::loneliness, need::meaningful_activity, need::social_exclusion},
    {need::meaningful_activity, need::integration, need::life_transition, need::unemployment},
    {need::digital_exclusion},
    {need::meaningful_activity, need::social_exclusion, need::unemployment, need::loneliness},
    {need::loneliness, need::financial_hardship, need::social_exclusion},
    {need::loneliness, need::meaningful_activity},
    {need::unemployment, need::social_exclusion, need::meaningful_activity},
    {need::financial_hardship, need::integration, need::digital_exclusion, need::life_transition},
}};

constexpr std::array<activity_category, activity_category_count> every_category{
    activity_category::peer_support_group, activity_category::meeting_place,  activity_category::exercise,
    activity_category::outdoor_nature,     activity_category::music_singing,  activity_category::arts_crafts,
    activity_category::culture_events,     activity_category::learning,       activity_category::digital_skills,
    activity_category::volunteering,       activity_category::cooking_meals,  activity_category::games_hobbies,
    activity_category::work_activity,      activity_category::guidance};

}  // namespace

const std::array<activity_category, activity_category_count>& all_activity_categories() noexcept { return every_category; }
std::string_view to_string(activity_category c) noexcept { return detail::enum_name(category_names, c); }
activity_category parse_activity_category(std::string_view code) {
  return detail::parse_enum<activity_category>("activity category", code, category_names);
}
const localized_text& label(activity_category c) noexcept { return category_labels[static_cast<std::size_t>(c)]; }
need_set needs_addressed(activity_category c) noexcept { return category_needs[static_cast<std::size_t>(c)]; }

std::string_view to_string(target_group g) noexcept { return detail::enum_name(target_group_names, g); }
target_group parse_target_group(std::string_view code) {
  return detail::parse_enum<target_group>("target group", code, target_group_names);
}
const localized_text& label(target_group g) noexcept { return target_group_labels[static_cast<std::size_t>(g)]; }

std::string_view to_string(accessibility_feature f) noexcept { return detail::enum_name(accessibility_names, f); }
accessibility_feature parse_accessibility_feature(std::string_view code) {
  return detail::parse_enum<accessibility_feature>("accessibility feature", code, accessibility_names);
}
const localized_text& label(accessibility_feature f) noexcept {
  return accessibility_labels[static_cast<std::size_t>(f)];
}

}  // namespace kulkija
