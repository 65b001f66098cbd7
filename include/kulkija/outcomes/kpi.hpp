#pragma once
/// @file
/// @brief The key performance indicators of a referral service, computed once for the
/// command-line tool and the Python package: the funnel, the time to first contact, the
/// link workers' caseloads on a day, and care visits before and after support.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/core/id.hpp"
#include "kulkija/outcomes/milestones.hpp"
#include "kulkija/referral/referral.hpp"

namespace kulkija {

/// @addtogroup outcomes
/// @{

/// @brief One stage of the referral funnel.
struct funnel_row {
  funnel_stage stage = funnel_stage::requested;  ///< the stage
  std::size_t reached = 0;  ///< referrals that reached at least this stage
  std::size_t open = 0;     ///< referrals whose furthest stage is this one and that are not closed
  std::size_t dropped = 0;  ///< referrals whose furthest stage is this one, closed without completing
  /// @brief Rows are equal when every field is equal.
  friend bool operator==(const funnel_row&, const funnel_row&) = default;
};

/// @brief The referral funnel: one row per stage (requested, accepted, assigned,
/// first_contact, completed), counting the referrals that were issued
/// (referral_milestones::reached is set).
///
/// A referral is *closed* when is_closed() holds for its state; *dropped* at its furthest
/// stage when closed in any state but `completed`.
/// @code
/// const auto rows = kulkija::funnel(milestones);  // rows[0].reached: every issued referral
/// @endcode
/// @param milestones the referrals' milestones (milestones_of())
/// @return five rows, in stage order
[[nodiscard]] std::vector<funnel_row> funnel(std::span<const referral_milestones> milestones);

/// @brief The time to first contact over a set of referrals.
struct first_contact_kpi {
  std::size_t accepted = 0;         ///< referrals accepted (referral_milestones::accepted_on set)
  std::size_t contacted = 0;        ///< of those, referrals contacted (business days to first contact known)
  std::size_t within_deadline = 0;  ///< of those, referrals contacted by the first-contact deadline
  std::optional<double> median_business_days;  ///< the median business days from acceptance; empty when none
  std::optional<double> p90_business_days;     ///< the 90th percentile (linear interpolation, as numpy)
  std::optional<double> mean_business_days;    ///< the mean
  /// @brief Summaries are equal when every field is equal.
  friend bool operator==(const first_contact_kpi&, const first_contact_kpi&) = default;
};

/// @brief Summarises the time to first contact: counts, the median, 90th percentile and
/// mean business days from acceptance to first contact
/// (referral_milestones::business_days_to_first_contact), and how many were within the
/// deadline (referral_milestones::first_contact_within_deadline).
/// @param milestones the referrals' milestones
/// @return the summary
[[nodiscard]] first_contact_kpi first_contact_summary(std::span<const referral_milestones> milestones);

/// @brief Who held a referral when: from an `assign` or `reassign` to the next `reassign`
/// or closing event (is_closing()).
struct assignment_span {
  referral_id referral;                  ///< the referral
  std::optional<link_worker_id> worker;  ///< the link worker (empty when the event named none)
  date start;                            ///< the day of the assign or reassign
  std::optional<date> end;  ///< the day it ended (the referral no longer counts that day); empty while it lasts
  /// @brief Spans are equal when every field is equal.
  friend bool operator==(const assignment_span&, const assignment_span&) = default;
};

/// @brief The assignments recorded by `events`, grouped by referral in order of first
/// appearance and, within a referral, in the order of the events (the events are not
/// checked against the lifecycle; pauses do not end an assignment).
/// @param events the events
/// @return the spans
[[nodiscard]] std::vector<assignment_span> assignment_spans(std::span<const milestone_event> events);

/// @brief The assignments in the referrals' histories (Finnish local days), referral by referral.
/// @param referrals the referrals
/// @return the spans
[[nodiscard]] std::vector<assignment_span> assignment_spans(std::span<const referral> referrals);

/// @brief A link worker's caseload on a day.
struct worker_caseload {
  date day;               ///< the day
  link_worker_id worker;  ///< the link worker
  std::size_t caseload = 0;  ///< the referrals the worker holds on the day
  /// @brief Counts are equal when every field is equal.
  friend bool operator==(const worker_caseload&, const worker_caseload&) = default;
};

/// @brief Each link worker's caseload on each day: the spans with `start <= day` and no
/// `end` or `end > day`.
/// @param spans the assignments (assignment_spans())
/// @param days the days
/// @return for every day in the order given, one row per worker named by any span (zeros
///         included), workers in order of id
[[nodiscard]] std::vector<worker_caseload> caseloads_on(std::span<const assignment_span> spans,
                                                        std::span<const date> days);

/// @brief Each link worker's caseload on a day, from the referrals' histories up to the day:
/// the referrals in open support (is_open_support()) with the worker.
///
/// When no event is later than `day`, the counts are those of the referrals' current
/// states and link workers (referral::state(), referral::link_worker()).
/// @param referrals the referrals
/// @param day the day
/// @return one row per worker the histories ever assigned (zeros included), in order of id
[[nodiscard]] std::vector<worker_caseload> caseloads_on(std::span<const referral> referrals, date day);

/// @brief A social- or health-care visit of a client.
struct care_visit {
  client_id client;  ///< the client's pseudonym
  date day;          ///< the day of the visit
  std::string kind;  ///< the kind, the key of the unit costs (e.g. `gp_visit`)
  /// @brief Visits are equal when every field is equal.
  friend bool operator==(const care_visit&, const care_visit&) = default;
};

/// @brief One supported client's visits in equal windows before and after support.
struct visit_window {
  referral_id referral;  ///< the referral
  client_id client;      ///< its client
  date first_contact_on;  ///< the support's start
  date closed_on;         ///< the support's end
  std::vector<std::size_t> before;  ///< visits per kind (visit_comparison_result::kinds) in the window before
  std::vector<std::size_t> after;   ///< visits per kind in the window after
  /// @brief Windows are equal when every field is equal.
  friend bool operator==(const visit_window&, const visit_window&) = default;
};

/// @brief Care visits before and after support, per referral and kind, with totals.
struct visit_comparison_result {
  std::vector<std::string> kinds;     ///< every kind among the visits, in order
  std::vector<visit_window> windows;  ///< one per compared referral, in the order of the milestones
  std::size_t before = 0;             ///< all visits in the windows before
  std::size_t after = 0;              ///< all visits in the windows after
  /// @brief Results are equal when every field is equal.
  friend bool operator==(const visit_comparison_result&, const visit_comparison_result&) = default;
};

/// @brief Compares each supported client's care visits in the `window_days` days before the
/// first contact (`[first_contact_on - window, first_contact_on)`) with those in the
/// `window_days` days after the closure (`(closed_on, closed_on + window]`).
///
/// Only referrals in state `completed` or `discontinued` with a first contact and a closure
/// whose after-window has ended by `as_of` (`closed_on + window <= as_of`) are compared.
/// @param milestones the referrals' milestones
/// @param clients the client of each referral, one per milestone
/// @param visits the visits
/// @param window_days the window's length in days, at least 1
/// @param as_of the reporting day
/// @return the windows and totals
/// @throws invalid_argument naming `window_days` (below 1), `clients` (not one per
///         milestone) or `as_of` (special).
[[nodiscard]] visit_comparison_result visit_comparison(std::span<const referral_milestones> milestones,
                                                       std::span<const client_id> clients,
                                                       std::span<const care_visit> visits, int window_days,
                                                       date as_of);

/// @}

}  // namespace kulkija
