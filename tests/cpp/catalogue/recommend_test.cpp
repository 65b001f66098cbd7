#include "kulkija/catalogue/recommend.hpp"

#include <algorithm>
#include <random>
#include <set>

#include "../test_support.hpp"
#include "fixtures.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/eligibility/client_record.hpp"

#ifndef KULKIJA_SOURCE_DIR
#error "KULKIJA_SOURCE_DIR must be defined by the build"
#endif

namespace kulkija {
namespace {

using testing::choir_spec;

client older_client() {
  client c{client_id{"C-1"}, 1950, municipality{272}, {language{"fi"}, language{"sv"}}};
  c.set_needs({need::loneliness, need::physical_inactivity});
  client_preferences p;
  p.interests = {"laulu"};
  p.times = {time_window::weekday_daytime};
  c.set_preferences(p);
  return c;
}

catalogue two_activities() {
  catalogue cat = testing::sample_catalogue();
  auto gym = choir_spec("A-gym");
  gym.name = {"Tuolijumppa", "Stolgympa", "Chair exercise"};
  gym.description = {};
  gym.categories = {activity_category::exercise};
  gym.languages = {language{"sv"}};
  gym.cost = {};
  gym.position = geo_point{63.85, 23.14};
  cat.add(activity{gym});
  return cat;
}

recommendation_request request_on(const char* day) {
  recommendation_request r;
  r.on = parse_date(day);
  r.location = geo_point{63.8385, 23.1307};
  return r;
}

TEST(Recommend, RanksWithComponentsAndReasonsInThreeLanguages) {
  const auto recs = recommend(two_activities(), older_client(), request_on("2026-03-02"));
  ASSERT_EQ(recs.size(), 2U);
  EXPECT_EQ(recs[0].activity.str(), "A-choir");  // need + interest + preferred language
  EXPECT_GT(recs[0].score, recs[1].score);
  EXPECT_DOUBLE_EQ(recs[0].component(score_component::interest), 1.0);
  EXPECT_DOUBLE_EQ(recs[0].component(score_component::language), 1.0);
  EXPECT_DOUBLE_EQ(recs[1].component(score_component::language), 0.5);
  EXPECT_DOUBLE_EQ(recs[0].component(score_component::need), 0.5);  // loneliness, not inactivity
  EXPECT_DOUBLE_EQ(recs[1].component(score_component::need), 0.5);  // inactivity
  EXPECT_EQ(recs[0].cost, 5.0);
  EXPECT_EQ(recs[0].next_meeting, parse_date("2026-03-03"));
  const std::string fi = recs[0].explain(text_language::fi);
  EXPECT_NE(fi.find("Vastaa tarpeeseen: yksinäisyys"), std::string::npos) << fi;
  EXPECT_NE(fi.find("Kiinnostuksen kohde: laulu"), std::string::npos) << fi;
  EXPECT_NE(recs[0].explain(text_language::sv).find("Svarar mot behovet"), std::string::npos);
  EXPECT_NE(recs[0].explain(text_language::en).find("Addresses the need: loneliness"), std::string::npos);
}

TEST(Recommend, KaikukorttiHoldersSeeCardActivitiesAtZeroCost) {
  auto req = request_on("2026-03-02");
  req.budget = 2.0;
  auto recs = recommend(two_activities(), older_client(), req);
  const auto choir = std::find_if(recs.begin(), recs.end(), [](const auto& r) { return r.activity.str() == "A-choir"; });
  EXPECT_EQ(choir->cost, 5.0);
  EXPECT_DOUBLE_EQ(choir->component(score_component::cost), 0.0);  // over the budget
  req.kaikukortti_holder = true;
  recs = recommend(two_activities(), older_client(), req);
  const auto held = std::find_if(recs.begin(), recs.end(), [](const auto& r) { return r.activity.str() == "A-choir"; });
  EXPECT_EQ(held->cost, 0.0);
  EXPECT_DOUBLE_EQ(held->component(score_component::cost), 1.0);
  EXPECT_NE(held->explain(text_language::fi).find("Kaikukortilla"), std::string::npos);
}

TEST(Recommend, HardFiltersExcludeWithAReason) {
  const client c = older_client();
  auto s = choir_spec();
  auto req = request_on("2026-03-02");
  EXPECT_FALSE(hard_filter(activity{s}, c, req));
  s.languages = {language{"en"}};
  EXPECT_EQ(hard_filter(activity{s}, c, req), exclusion_reason::language);
  s = choir_spec();
  s.max_age = 75;  // born 1950: 75 or 76 on 2026-03-02
  EXPECT_EQ(hard_filter(activity{s}, c, req), exclusion_reason::age);
  s.max_age = 76;
  EXPECT_FALSE(hard_filter(activity{s}, c, req));
  s = choir_spec();
  s.valid_to = parse_date("2026-03-01");
  EXPECT_EQ(hard_filter(activity{s}, c, req), exclusion_reason::not_valid);
  s = choir_spec();
  s.position = geo_point{63.8999, 23.9158};  // Kannus, about 39 km
  EXPECT_EQ(hard_filter(activity{s}, c, req), exclusion_reason::out_of_reach);
  req.max_distance_km = 50;
  EXPECT_FALSE(hard_filter(activity{s}, c, req));
  // without a location, the municipality decides
  req.location.reset();
  s.place = municipality{217};
  EXPECT_EQ(hard_filter(activity{s}, c, req), exclusion_reason::out_of_reach);
  req.reachable = {municipality{217}};
  EXPECT_FALSE(hard_filter(activity{s}, c, req));
  s.place.reset();
  req.reachable.clear();
  EXPECT_FALSE(hard_filter(activity{s}, c, req));  // region-wide
}

TEST(Recommend, RequestIsValidated) {
  auto req = request_on("2026-03-02");
  req.max_distance_km = 0;
  KULKIJA_EXPECT_THROW_MSG((void)recommend(two_activities(), older_client(), req), invalid_argument,
                           "request.max_distance_km");
  req = request_on("2026-03-02");
  req.weights = {0, 0, 0, 0, 0, 0};
  KULKIJA_EXPECT_THROW_MSG((void)recommend(two_activities(), older_client(), req), invalid_argument, "request.weights");
  req = request_on("2026-03-02");
  req.weights.need = -1;
  KULKIJA_EXPECT_THROW_MSG((void)recommend(two_activities(), older_client(), req), invalid_argument, "request.weights.need");
}

TEST(Recommend, KaikukorttiDecisionComesFromTheRuleSetOfThatName) {
  const auto rules = rule_set::load(std::string(KULKIJA_SOURCE_DIR) + "/examples/data/rules/kaikukortti.json");
  client c = older_client();
  c.set_needs({need::financial_hardship});
  const date on = parse_date("2026-03-02");
  record r = client_record(c, on);
  r.set_boolean("participating_unit_client", true);
  EXPECT_EQ(kaikukortti_decision(rules, r, on).status, decision_status::eligible);
  r.set_boolean("participating_unit_client", false);
  EXPECT_EQ(kaikukortti_decision(rules, r, on).status, decision_status::not_eligible);
  const auto other = rule_set::load(std::string(KULKIJA_SOURCE_DIR) + "/examples/data/rules/wellbeing-referral.json");
  KULKIJA_EXPECT_THROW_MSG((void)kaikukortti_decision(other, r, on), invalid_argument, "rules");
}

// Property: on random catalogues and clients, every recommendation passes every hard
// filter (checked here independently of hard_filter()), and nothing that passes is
// missing when k covers the catalogue.
TEST(RecommendProperty, RespectsEveryHardFilterOnRandomCatalogues) {
  std::mt19937 rng(20260305);
  const std::vector<int> codes{272, 217, 236, 924, 74, 421, 584, 849};
  const std::vector<const char*> langs{"fi", "sv", "en", "ru", "ar"};
  const auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  const auto real = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
  for (int round = 0; round < 60; ++round) {
    catalogue cat;
    cat.add(organisation{organisation_id{"O"}, "Yhdistys", organisation_kind::other});
    const int n = 5 + pick(40);
    for (int i = 0; i < n; ++i) {
      activity_spec s;
      s.id = activity_id{"A" + std::to_string(i)};
      s.organisation = organisation_id{"O"};
      s.name.fi = "Toiminta " + std::to_string(i);
      s.categories = {static_cast<activity_category>(pick(static_cast<int>(activity_category_count)))};
      std::set<int> chosen;
      for (int k = 0, m = 1 + pick(2); k < m; ++k) chosen.insert(pick(static_cast<int>(langs.size())));
      for (int k : chosen) s.languages.emplace_back(langs[static_cast<std::size_t>(k)]);
      if (pick(2)) s.min_age = pick(80);
      if (pick(2)) s.max_age = std::min(120, s.min_age.value_or(0) + pick(50));
      if (pick(3)) s.place = municipality{codes[static_cast<std::size_t>(pick(static_cast<int>(codes.size())))]};
      if (pick(2)) s.position = geo_point{real(63.5, 64.2), real(22.8, 24.8)};
      if (pick(3) == 0) s.valid_from = parse_date("2026-01-01") + boost::gregorian::days(pick(200));
      if (pick(3) == 0) s.valid_to = s.valid_from.value_or(parse_date("2026-01-01")) + boost::gregorian::days(pick(200));
      if (pick(2)) s.cost = {cost_kind::fee, 1.0 + pick(20), "EUR", pick(2) == 0};
      cat.add(activity{s});
    }
    client c{client_id{"C"}, 1930 + pick(80), municipality{codes[static_cast<std::size_t>(pick(8))]},
             {language{langs[static_cast<std::size_t>(pick(5))]}}};
    if (pick(2)) c.set_birth_date(parse_date(std::to_string(c.birth_year()) + "-06-15"));
    recommendation_request req;
    req.on = parse_date("2026-01-01") + boost::gregorian::days(pick(365));
    if (pick(2)) req.location = geo_point{real(63.5, 64.2), real(22.8, 24.8)};
    req.max_distance_km = real(1, 60);
    if (pick(2)) req.reachable = {municipality{codes[static_cast<std::size_t>(pick(8))]}};
    req.k = cat.activities().size();
    req.kaikukortti_holder = pick(2) == 0;
    const auto [lo, hi] = c.age_range_on(req.on);
    const auto passes = [&](const activity& a) {
      const activity_spec& s = a.spec();
      if (s.valid_from && req.on < *s.valid_from) return false;
      if (s.valid_to && req.on > *s.valid_to) return false;
      if (std::find(s.languages.begin(), s.languages.end(), c.languages()[0]) == s.languages.end()) return false;
      if (s.min_age && lo < *s.min_age) return false;
      if (s.max_age && hi > *s.max_age) return false;
      if (req.location && s.position) return haversine_km(*req.location, *s.position) <= req.max_distance_km;
      if (s.place) {
        return *s.place == c.home() || std::find(req.reachable.begin(), req.reachable.end(), *s.place) != req.reachable.end();
      }
      return true;
    };
    const auto recs = recommend(cat, c, req);
    std::set<std::string> returned;
    for (const auto& r : recs) {
      const activity& a = cat.find(r.activity);
      EXPECT_TRUE(passes(a)) << "round " << round << ": " << r.activity;
      EXPECT_GE(r.score, 0.0);
      EXPECT_LE(r.score, 1.0);
      if (req.kaikukortti_holder && a.spec().cost.kaikukortti) EXPECT_EQ(r.cost, 0.0);
      returned.insert(r.activity.str());
    }
    for (const auto& a : cat.activities()) {
      EXPECT_EQ(returned.contains(a.id().str()), passes(a)) << "round " << round << ": " << a.id();
    }
    for (std::size_t i = 1; i < recs.size(); ++i) EXPECT_GE(recs[i - 1].score, recs[i].score);
  }
}

}  // namespace
}  // namespace kulkija
