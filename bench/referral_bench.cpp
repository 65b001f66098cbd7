// Throughput of the referral lifecycle: applying events, and replaying a whole history.
#include <benchmark/benchmark.h>

#include <kulkija/kulkija.hpp>

namespace {

using namespace kulkija;

referral draft() {
  referral r{referral_id{"R-1"}, client{client_id{"C-1"}, 1950, municipality{272}, {language{"fi"}}},
             professional{professional_id{"P-1"}, sector::health_care, "Terveysasema"}, need_set{need::loneliness}};
  r.record_consent(parse_timestamp("2026-01-05T09:00:00Z"));
  return r;
}

std::vector<lifecycle_event> full_history() {
  const auto at = [](const char* t) { return parse_timestamp(t); };
  std::vector<lifecycle_event> events{
      {referral_event::issue, at("2026-01-05T10:00:00Z"), {actor_role::referrer, "P-1"}},
      {referral_event::accept, at("2026-01-06T10:00:00Z"), {actor_role::coordinator, ""}},
      {referral_event::assign, at("2026-01-06T11:00:00Z"), {actor_role::coordinator, ""}, {}, link_worker_id{"LW-1"}},
      {referral_event::first_contact, at("2026-01-08T10:00:00Z"), {actor_role::link_worker, "LW-1"}},
      {referral_event::pause, at("2026-02-01T10:00:00Z"), {actor_role::link_worker, "LW-1"}, reason_code::client_ill},
      {referral_event::resume, at("2026-02-10T10:00:00Z"), {actor_role::link_worker, "LW-1"}},
      {referral_event::complete, at("2026-04-01T10:00:00Z"), {actor_role::link_worker, "LW-1"}, reason_code::goals_reached}};
  return events;
}

void replay_history(benchmark::State& state) {
  const referral base = draft();
  const auto events = full_history();
  for (auto _ : state) {
    referral r = referral::replay(base.id(), base.subject(), base.referrer(), base.needs(), base.urgency(),
                                  base.consent_given_at(), events);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(events.size()));
}
BENCHMARK(replay_history);

void check_rejected_event(benchmark::State& state) {
  const referral r = draft();
  const lifecycle_event e{referral_event::complete, parse_timestamp("2026-01-05T10:00:00Z"), {actor_role::link_worker, ""}};
  for (auto _ : state) benchmark::DoNotOptimize(r.check(e));
}
BENCHMARK(check_rejected_event);

void parse_region_csv_text(benchmark::State& state) {
  std::string text = "referral_id,event,at,role,actor_id,reason,link_worker_id,note\n";
  for (int i = 0; i < 10000; ++i) {
    text += "R-" + std::to_string(i) + ",issue,2026-01-05T10:00:00+02:00,referrer,P-1,,,\"a note, with comma\"\n";
  }
  for (auto _ : state) benchmark::DoNotOptimize(parse_csv(text));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(parse_region_csv_text);

}  // namespace
