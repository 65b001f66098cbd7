// Concurrent use of the read-only parts of the library from many threads. Run under the
// tsan preset, ThreadSanitizer checks that shared tables (transition table, languages,
// municipalities, labels) are initialised and read without data races; in other builds it
// checks that every thread computes the same results as one thread does.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

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
