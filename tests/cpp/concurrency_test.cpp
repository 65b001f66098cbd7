// Concurrent use of the read-only parts of the library from many threads. Run under the
// tsan preset, ThreadSanitizer checks that shared tables (transition table, languages,
// municipalities, labels, holiday tables, compiled rules) are initialised and read without
// data races, and that one calendar, one rule set and one cost matrix can be shared by
// threads that evaluate, query and solve at once; in other builds it checks that every
// thread computes the same results as one thread does.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include <filesystem>
#include <random>

#include "kulkija/kulkija.hpp"

namespace k = kulkija;

namespace {

// One thread's work: build and walk referrals, validate codes, parse text. Returns a digest
// that must be the same in every thread.
std::size_t work(int rounds) {
  std::size_t digest = 0;
  const k::pseudonym_key key = k::pseudonym_key::from_hex(std::string(64, 'c'));
  for (int i = 0; i < rounds; ++i) {
    k::client c{k::client_id{"C-" + std::to_string(i)}, 1950 + i % 50, k::municipality{272},
                {k::language{"fi"}, k::language{i % 2 ? "sv" : "se"}}};
    k::referral r{k::referral_id{"R-" + std::to_string(i)}, c,
                  k::professional{k::professional_id{"P-1"}, k::sector::health_care, "Terveysasema"},
                  k::need_set{k::need::loneliness}};
    r.record_consent(k::parse_timestamp("2026-01-05T09:00:00Z"));
    r.apply({k::referral_event::issue, k::parse_timestamp("2026-01-05T10:00:00Z"), {k::actor_role::referrer, ""}});
    const auto problem =
        r.check({k::referral_event::complete, k::parse_timestamp("2026-01-06T10:00:00Z"), {k::actor_role::link_worker, ""}});
    digest += problem ? std::string(problem->what()).size() : 0;
    digest += k::allowed_events(r.state()).size() + k::lifecycle_dot().size();
    digest += k::municipality(i % 2 ? 91 : 758).name_sv().size() + k::language("smn").name(k::text_language::fi).size();
    digest += k::label(k::need::integration).sv.size() + k::label(k::reason_code::no_contact).fi.size();
    digest += k::pseudonymise("131052-308T", key).str().size();
    digest += k::parse_csv("a,b\n1,\"x,y\"\n").rows().front().back().size();
    digest += static_cast<std::size_t>(k::is_valid_identity_code("010120A123K"));
  }
  return digest;
}

}  // namespace

// Shared by every thread in the test below, built once before the threads start.
struct shared_state {
  kulkija::finnish_calendar calendar;
  kulkija::rule_set rules = kulkija::rule_set::load(std::filesystem::path(KULKIJA_SOURCE_DIR) /
                                                    "examples/data/rules/wellbeing-referral.json");
  std::vector<std::int64_t> cost;
  std::vector<std::int32_t> capacity = std::vector<std::int32_t>(20, 3);
  shared_state() {
    std::mt19937 rng(11);
    std::uniform_int_distribution<std::int64_t> c(0, 1000);
    for (int i = 0; i < 50 * 20; ++i) cost.push_back(c(rng));
  }
};

std::size_t shared_work(const shared_state& s, int rounds) {
  std::size_t digest = 0;
  const k::professional nurse{k::professional_id{"P-1"}, k::sector::health_care, "Terveysasema"};
  for (int i = 0; i < rounds; ++i) {
    const k::date day = k::parse_date("2026-01-01") + boost::gregorian::days(i * 3);
    digest += static_cast<std::size_t>(s.calendar.business_days_between(day, s.calendar.add_business_days(day, 10)));
    digest += static_cast<std::size_t>(s.calendar.is_business_day(day));
    k::client c{k::client_id{"C-" + std::to_string(i)}, 1940 + i % 70, k::municipality{272}, {k::language{"fi"}}};
    c.set_needs(k::need_set{k::need::loneliness});
    k::referral r{k::referral_id{"R-" + std::to_string(i)}, c, nurse, k::need_set{k::need::loneliness}};
    r.record_consent(k::parse_timestamp("2026-01-05T09:00:00Z"));
    digest += static_cast<std::size_t>(s.rules.evaluate(r, day).status);
    if (i % 20 == 0) {
      const auto result = k::solve_assignment({s.cost, 50, 20}, s.capacity);
      digest += static_cast<std::size_t>(result.total_cost);
    }
  }
  return digest;
}

TEST(Concurrency, SharedCalendarRulesAndMatrixFromManyThreads) {
  const shared_state state;
  constexpr int threads = 6;
  constexpr int rounds = 100;
  const std::size_t expected = shared_work(state, rounds);
  std::vector<std::size_t> results(threads);
  {
    std::vector<std::jthread> pool;
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] { results[static_cast<std::size_t>(t)] = shared_work(state, rounds); });
    }
  }
  for (std::size_t r : results) EXPECT_EQ(r, expected);
}

TEST(Concurrency, ReadOnlyTablesFromManyThreads) {
  constexpr int threads = 8;
  constexpr int rounds = 200;
  const std::size_t expected = work(rounds);
  std::vector<std::size_t> results(threads);
  {
    std::vector<std::jthread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back([&results, t] { results[static_cast<std::size_t>(t)] = work(rounds); });
  }
  for (std::size_t r : results) EXPECT_EQ(r, expected);
}
