// The referral register's coordinator queries on a large generated register (default
// 1,000,000 referrals, about 10,600,000 events). Not a test: prints the times, asserts none.
//
//   bench_register [FILE] [REFERRALS]
//
// FILE (default /tmp/kulkija-bench-register.db) is generated up to REFERRALS when it has
// fewer (kept afterwards, so that a second run measures only; delete it to regenerate). Each query runs 200 times
// on varying arguments; the median and the 95th percentile are printed, with read auditing
// off and on (an audited read is a write transaction: with synchronous=FULL it waits for
// the disk).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "kulkija/store/register_db.hpp"

namespace k = kulkija;
namespace st = kulkija::store;
using clock_type = std::chrono::steady_clock;

namespace {

k::timestamp t0() { return k::parse_timestamp("2026-01-05T08:00:00Z"); }

// Referral i: 5% accepted, 5% assigned, 50% in support (12 events), 40% completed (11 events).
k::referral make(std::int64_t i) {
  const std::string id = "R-" + std::to_string(i);
  const std::string worker = "LW-" + std::to_string(i % 2000);
  const auto base = t0() + boost::posix_time::minutes(i / 4);  // ~700 days over 1M referrals
  const std::int64_t client = i % 700000;  // 300,000 clients have two referrals
  k::client c{k::client_id{"C-" + std::to_string(client)}, 1940 + static_cast<int>(client % 60), k::municipality{272},
              {k::language{"fi"}}};
  k::referral r{k::referral_id{id}, c, k::professional{k::professional_id{"P-" + std::to_string(i % 500)},
                                                       k::sector::health_care, "Terveysasema"},
                k::need_set{k::need::loneliness}, static_cast<k::priority>(i % 3)};
  r.record_consent(base);
  auto at = [&](int minutes) { return base + boost::posix_time::minutes(minutes); };
  r.apply({k::referral_event::issue, at(1), {k::actor_role::referrer, "P-1"}, {}, {}, {}});
  r.apply({k::referral_event::accept, at(60 * 24), {k::actor_role::coordinator, "K-1"}, {}, {}, {}});
  const auto kind = i % 100;
  if (kind < 5) return r;
  r.apply({k::referral_event::assign, at(60 * 48), {k::actor_role::coordinator, "K-1"}, {}, k::link_worker_id{worker}, {}});
  if (kind < 10) return r;
  r.apply({k::referral_event::first_contact, at(60 * 96), {k::actor_role::link_worker, worker}, {}, {}, {}});
  const int pauses = kind < 60 ? 8 : 6;
  for (int p = 0; p < pauses; ++p) {
    if (p % 2 == 0) {
      r.apply({k::referral_event::pause, at(60 * (120 + 24 * p)), {k::actor_role::link_worker, worker},
               k::reason_code::client_ill, {}, {}});
    } else {
      r.apply({k::referral_event::resume, at(60 * (120 + 24 * p)), {k::actor_role::link_worker, worker}, {}, {}, {}});
    }
  }
  if (kind >= 60) {
    r.apply({k::referral_event::complete, at(60 * 24 * 60), {k::actor_role::link_worker, worker},
             k::reason_code::goals_reached, {}, {}});
  }
  return r;
}

// Generates referrals until the register has `n` (resuming where an earlier run stopped).
void generate(const std::filesystem::path& file, std::int64_t n) {
  auto db = st::register_db::open(file, {.synchronous_full = false, .audit_reads = false});
  const st::accessor by{"bench", st::purpose::administration};
  const auto start = clock_type::now();
  constexpr std::int64_t batch = 10000;
  std::int64_t have = 0;
  for (const auto& [s, count] : db.state_counts()) have += count;
  for (std::int64_t from = have; from < n; from += batch) {
    k::region_records records;
    for (std::int64_t i = from; i < std::min(n, from + batch); ++i) records.referrals.push_back(make(i));
    db.import_records(records, st::sharing_level::codes_only, by);
    if ((from / batch) % 10 == 0) {
      std::fprintf(stderr, "  %lld referrals, %.0f s\n", static_cast<long long>(from + batch),
                   std::chrono::duration<double>(clock_type::now() - start).count());
    }
  }
  std::fprintf(stderr, "generated in %.0f s\n", std::chrono::duration<double>(clock_type::now() - start).count());
}

void measure(const char* name, int runs, const std::function<std::size_t(int)>& query) {
  std::vector<double> ms;
  std::size_t rows = 0;
  for (int i = 0; i < runs; ++i) {
    const auto start = clock_type::now();
    rows += query(i);
    ms.push_back(std::chrono::duration<double, std::milli>(clock_type::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%-44s median %8.3f ms   p95 %8.3f ms   max %8.3f ms   (%.0f rows/call)\n", name, ms[ms.size() / 2],
              ms[ms.size() * 95 / 100], ms.back(), static_cast<double>(rows) / runs);
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path file = argc > 1 ? argv[1] : "/tmp/kulkija-bench-register.db";
  const std::int64_t n = argc > 2 ? std::atoll(argv[2]) : 1000000;
  generate(file, n);
  const k::support_policy policy;
  const k::finnish_calendar cal;
  for (const bool audited : {false, true}) {
    auto db = st::register_db::open(file, {.audit_reads = audited});
    const st::accessor by{"K-1", st::purpose::coordination};
    std::printf("\n%s (%.0f MB), read auditing %s\n", file.c_str(),
                static_cast<double>(std::filesystem::file_size(file)) / 1e6, audited ? "on" : "off");
    if (!audited) {
      for (const auto& [s, count] : db.state_counts()) {
        std::printf("  %-16s %lld\n", std::string(k::to_string(s)).c_str(), static_cast<long long>(count));
      }
    }
    const int runs = 200;
    const auto day = k::parse_date("2026-06-01");
    measure("summary(id)", runs, [&](int i) {
      (void)db.summary(k::referral_id{"R-" + std::to_string((i * 7919) % n)});
      return std::size_t{1};
    });
    measure("get(id) with history", runs, [&](int i) {
      return db.get(k::referral_id{"R-" + std::to_string((i * 7919) % n)}, by).history().size();
    });
    measure("by_state(accepted, 50)", runs, [&](int) { return db.by_state(k::referral_state::accepted, 50, by).size(); });
    measure("queue(policy, day, 50)", runs, [&](int i) {
      return db.queue(policy, day + boost::gregorian::days(i % 30), cal, 50, by).size();
    });
    measure("deadlines_due(day, 5 business days, 50)", runs, [&](int i) {
      return db.deadlines_due(policy, day + boost::gregorian::days(i % 30), 5, cal, 50, by).size();
    });
    measure("caseload(worker)", runs, [&](int i) {
      return db.caseload(k::link_worker_id{"LW-" + std::to_string((i * 37) % 2000)}, by).size();
    });
    measure("client_referrals(client)", runs, [&](int i) {
      return db.client_referrals(k::client_id{"C-" + std::to_string((i * 7919) % 700000)}, by).size();
    });
    if (audited) {
      int next = 0;
      measure("append (synchronous=FULL)", 50, [&](int) {
        // pause/resume one in-support referral (kind 10-59): R-(100*j + 20)
        const k::referral_id id{"R-" + std::to_string(100 * (next++ % 1000) + 20)};
        const auto s = db.summary(id);
        const bool pause = s.state == k::referral_state::in_progress;
        k::lifecycle_event e{pause ? k::referral_event::pause : k::referral_event::resume,
                             *s.last_event_at + boost::posix_time::minutes(1), {k::actor_role::link_worker, "LW-1"},
                             pause ? std::optional(k::reason_code::client_ill) : std::nullopt, {}, {}};
        db.append(id, id.str() + "-bench-" + std::to_string(s.version + 1), e, s.version, by);
        return std::size_t{1};
      });
    }
  }
  return 0;
}
