#pragma once
/// @file
/// @brief The whole pipeline on a region, as one call: screening, matching, support periods
/// and deadlines, recommendations, the coordinator's queue, caseloads and KPIs.

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kulkija/catalogue/recommend.hpp"
#include "kulkija/core/date.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/eligibility/decision.hpp"
#include "kulkija/matching/apply.hpp"
#include "kulkija/matching/match.hpp"
#include "kulkija/outcomes/change.hpp"
#include "kulkija/outcomes/kpi.hpp"
#include "kulkija/outcomes/milestones.hpp"
#include "kulkija/region/region.hpp"
#include "kulkija/support/support_period.hpp"
#include "kulkija/workforce/queue.hpp"

namespace kulkija {

/// @addtogroup region
/// @{

/// @brief Progress of a long run: the stage's name, how many items are done, of how many.
using progress_callback = std::function<void(const std::string& stage, std::size_t done, std::size_t total)>;

/// @brief How run() runs.
struct run_options {
  bool stable = false;                        ///< client-proposing stable matching instead of the optimal assignment
  text_language lang = text_language::en;     ///< the language of the decisions' explanations and the report
  std::optional<std::string> only_referral;   ///< recommend for this referral only (the others are skipped)
  progress_callback progress;                 ///< called as the stages go (may be empty)
};

/// @brief A referral screened by the region's rule set.
struct screening {
  const referral* ref = nullptr;  ///< the referral (in the region's records)
  date on;                            ///< the day screened: the issue day, or the reporting day for drafts
  std::optional<decision> decided;    ///< empty when no rule set is in force on the day
  std::string error;                  ///< why there is no decision
};

/// @brief An open support period, or one this run's match starts, on the reporting day.
struct planned_period {
  const referral* ref = nullptr;              ///< the referral
  std::string worker;                             ///< the link worker (matched now, for the new ones)
  bool planned = false;                           ///< true: matched by this run, the period starts at the match
  support_period period;                          ///< the period with its pauses and meetings replayed
  support_status status = support_status::on_track;  ///< on the reporting day
  std::vector<deadline> deadlines;                ///< every deadline on the reporting day
  std::vector<support_warning> warnings;          ///< the period's warnings on the reporting day
};

/// @brief The activities recommended for one client in support.
struct client_recommendations {
  const referral* ref = nullptr;        ///< the referral
  std::vector<recommendation> items;        ///< best first
};

/// @brief The wellbeing change of one instrument's scale, start to end.
struct change_kpi {
  std::string instrument;                                    ///< e.g. `swemwbs`
  std::string scale;                                         ///< e.g. `total`
  change_summary summary;                                    ///< the paired changes summarised
  score_direction direction = score_direction::higher_is_better;  ///< which way is better
};

/// @brief One link worker's caseload on the reporting day.
struct caseload_row {
  std::string worker;                          ///< the link worker's id
  worker_kind kind = worker_kind::professional;  ///< the kind of worker
  int capacity = 0;     ///< the own capacity cut to the kind's limit (effective_capacity())
  int caseload = 0;     ///< before this run's matches
  int matched_now = 0;  ///< added by this run's matches
};

/// @brief The region's key figures on the reporting day.
struct region_kpis {
  std::map<referral_state, std::size_t> by_state;      ///< referrals per lifecycle state
  std::map<decision_status, std::size_t> screened;     ///< screening decisions per status
  std::size_t unscreened = 0;                          ///< referrals with no rule set in force
  std::vector<funnel_row> funnel;                      ///< requested, accepted, assigned, first contact, completed (funnel())
  std::size_t first_contacts = 0;                      ///< referrals with a first contact
  std::size_t first_contacts_in_time = 0;              ///< of these, within the deadline
  std::optional<double> median_business_days_to_first_contact;  ///< the median wait, when any
  std::vector<change_kpi> changes;                     ///< start -> end, per instrument
  std::size_t visit_clients = 0;                       ///< supports in the visit comparison
  std::size_t visits_before = 0;                       ///< visits in the window before first contact
  std::size_t visits_after = 0;                        ///< visits in the window after the closure
  std::map<support_status, std::size_t> deadline_status;  ///< open supports per status
  std::vector<caseload_row> caseloads;                 ///< one row per link worker
  std::map<worker_kind, std::size_t> workers_by_kind;  ///< link workers per kind
};

/// @brief The days before first contact and after closure in which visits are compared.
inline constexpr int visit_window_days = 180;

/// @brief Everything run() found, on the reporting day.
///
/// The result refers to the region's referrals (`ref` pointers): the region must
/// outlive the result.
struct region_result {
  const kulkija::region* region = nullptr;        ///< the region run
  date as_of;                                     ///< the reporting day
  text_language lang = text_language::en;         ///< the language of the texts
  std::vector<screening> screenings;              ///< every referral, in the region's order
  std::vector<const referral*> waiting;           ///< waiting for a link worker, in referral order
  std::vector<matching_client> waiting_clients;   ///< the same, as the matching sees them
  std::vector<link_worker> workers;               ///< with their caseloads before matching
  match_result matches;                           ///< the matching (client_index into `waiting`)
  std::vector<worker_standing> standings;         ///< every worker's standing on the reporting day
  std::vector<queue_entry> queue;                 ///< the coordinator's queue
  std::vector<planned_period> periods;            ///< open supports and this run's matches
  std::vector<client_recommendations> recommendations;  ///< for every client in `periods`
  region_kpis kpis;                               ///< the key figures
};

/// @brief Screens every referral of a region on its issue day (drafts on `as_of`) against
/// the region's rule set in force then, with the referrer's assessment.
/// @param r the region
/// @param as_of the reporting day
/// @param options the language (and progress)
/// @return one screening per referral, in the region's order
[[nodiscard]] std::vector<screening> screen(const region& r, date as_of, const run_options& options = {});

/// @brief Runs the whole pipeline on a region, on the reporting day `as_of`: screens every
/// referral, matches the referrals waiting for a link worker (accepted, or requested and
/// screened eligible), plans the support periods (the open ones and the ones the matches
/// start) with their deadlines, recommends activities, builds the coordinator's queue and
/// computes the KPIs.
///
/// Nothing in the region changes: the matches are proposals (apply them with
/// apply_matches()).
/// @param r the region (must outlive the result)
/// @param as_of the reporting day (the region's own is `r.config.as_of`)
/// @param options how to run
/// @return the result
/// @throws parse_error when the region's meetings cannot be replayed into a support period
///         (naming meetings.csv and the referral); other kulkija errors as the stages throw them.
[[nodiscard]] region_result run(const region& r, date as_of, const run_options& options = {});

/// @brief The region's referrals with a run's matches applied, and what applying did.
struct matched_referrals {
  std::vector<referral> referrals;  ///< a copy of the region's referrals, the matches applied
  apply_matches_result outcome;     ///< the matches applied and the ones the lifecycle refused
};

/// @brief Applies a run's matches to a copy of the region's referrals, as `kulkija run` writes
/// them: for each match, an `accept` (for a referral still requested) at 10:00 on the
/// reporting day and an `assign` to the matched worker a minute later, by the coordinator
/// `kulkija`, noted "matched by kulkija run" (apply_matches()). A match the lifecycle refuses
/// leaves its referral unchanged and is reported in `outcome.failed`.
/// @param p the result (its region must be alive)
/// @return the referrals and what was applied
[[nodiscard]] matched_referrals with_matches(const region_result& p);

/// @}

}  // namespace kulkija
