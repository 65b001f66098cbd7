#pragma once
/// @file
/// @brief The referral lifecycle: states, events, actor roles, reason codes and the
/// transition table, modelled on the FHIR Task statuses of closed-loop referrals.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/core/id.hpp"
#include "kulkija/core/text.hpp"

namespace kulkija {

/// @addtogroup referral
/// @{

/// @brief Where a referral is in its lifecycle.
///
/// The FHIR Task status each maps to is given in brackets.
enum class referral_state : std::uint8_t {
  draft,             ///< being written by the professional [draft]
  requested,         ///< issued to the link-worker service [requested]
  accepted,          ///< accepted by the coordinator, waiting for a link worker [accepted]
  rejected,          ///< not taken on, with a reason [rejected]
  assigned,          ///< a link worker is chosen, first contact not yet made [ready]
  in_progress,       ///< first contact made; support period running [in-progress]
  on_hold,           ///< support paused, the clock stopped [on-hold]
  completed,         ///< support period completed [completed]
  discontinued,      ///< support ended early, with a reason [failed]
  cancelled,         ///< withdrawn before completion [cancelled]
  entered_in_error,  ///< should never have existed [entered-in-error]
};
/// @brief Number of states.
inline constexpr std::size_t referral_state_count = 11;

/// @brief What happens to a referral; each event moves it along one transition.
enum class referral_event : std::uint8_t {
  issue,           ///< the professional sends the referral
  accept,          ///< the coordinator takes it on
  reject,          ///< the coordinator turns it down (reason required)
  assign,          ///< a link worker is chosen (link worker required)
  reassign,        ///< another link worker takes over (link worker and reason required)
  first_contact,   ///< the link worker reaches the client for the first time
  pause,           ///< support pauses (reason required)
  resume,          ///< support resumes after a pause
  complete,        ///< the support period ends as planned
  discontinue,     ///< support ends early (reason required)
  cancel,          ///< the referral is withdrawn (reason required)
  enter_in_error,  ///< the referral is marked as entered in error
  reopen,          ///< a closed referral is opened again for triage (reason required)
};
/// @brief Number of events.
inline constexpr std::size_t referral_event_count = 13;

/// @brief The role of whoever causes an event.
enum class actor_role : std::uint8_t {
  referrer,     ///< the referring professional
  coordinator,  ///< the coordinating link worker who receives and routes referrals
  link_worker,  ///< the client's link worker
  client,       ///< the client
  system,       ///< kulkija or the referral service acting on a rule (e.g. no-contact deadline)
};
/// @brief Number of actor roles.
inline constexpr std::size_t actor_role_count = 5;

/// @brief Why an event happened. Which codes an event accepts is part of the transition table.
enum class reason_code : std::uint8_t {
  not_eligible,          ///< the client does not meet the eligibility criteria
  no_capacity,           ///< no link worker can take the client on
  client_declined,       ///< the client does not want the support
  could_not_contact,     ///< the client could not be reached
  duplicate,             ///< the same referral exists already
  out_of_area,           ///< the client lives outside the service's region
  needs_medical_care,    ///< the client primarily needs medical treatment
  worker_left,           ///< the link worker left the service
  worker_on_leave,       ///< the link worker is on leave
  client_request,        ///< the client asked for it
  client_ill,            ///< the client is ill
  client_away,           ///< the client is away
  worker_unavailable,    ///< the link worker is temporarily unavailable
  goals_reached,         ///< the client's goals were reached
  support_period_ended,  ///< the support period reached its limit
  client_withdrew,       ///< the client withdrew from the support
  no_contact,            ///< no contact with the client within the policy's limit
  moved_away,            ///< the client moved out of the region
  deceased,              ///< the client died
  referral_withdrawn,    ///< the referrer withdrew the referral
  data_entry_error,      ///< the record was made in error
  reconsidered,          ///< an earlier decision was reconsidered
  client_returned,       ///< the client came back for more support
  other,                 ///< another reason (explain in the note)
};
/// @brief Number of reason codes.
inline constexpr std::size_t reason_code_count = 24;

/// @brief A condition, beyond the state, that a transition requires.
enum class transition_guard : std::uint8_t {
  consent_recorded,        ///< the client's consent is recorded, no later than the event
  needs_present,           ///< the referral names at least one need
  link_worker_given,       ///< the event names a link worker
  link_worker_changes,     ///< the named link worker differs from the current one
  first_contact_recorded,  ///< first contact has been made since the referral was (re)opened
};
/// @brief Number of guards.
inline constexpr std::size_t transition_guard_count = 5;

/// @brief Whether an event takes a reason code.
enum class reason_rule : std::uint8_t {
  none,      ///< no reason may be given
  optional,  ///< a reason may be given
  required,  ///< a reason must be given
};

/// @brief One row of the transition table: from a state, on an event, to a state, if the
/// actor's role is allowed, the reason fits and every guard holds.
struct transition {
  referral_state from;                        ///< state before
  referral_event event;                       ///< the event
  referral_state to;                          ///< state after
  std::vector<actor_role> roles;              ///< roles that may cause the event
  reason_rule reason;                         ///< whether a reason is taken
  std::vector<reason_code> allowed_reasons;   ///< the codes accepted when a reason is taken
  std::vector<transition_guard> guards;       ///< conditions that must hold
  /// @brief Rows are equal when every field is equal.
  friend bool operator==(const transition&, const transition&) = default;
};

/// @brief The lifecycle's transition table: the single place where the lifecycle is defined.
///
/// Everything else (referral::apply, allowed_events, the diagram in the docs) reads it.
/// @return every row, grouped by event
[[nodiscard]] std::span<const transition> transition_table();

/// @brief The row for `event` from `from`, or nothing when the event is not allowed there.
/// @param from the current state
/// @param event the event
[[nodiscard]] const transition* find_transition(referral_state from, referral_event event) noexcept;

/// @brief The events the table allows from `from`, in table order.
/// @param from the state
[[nodiscard]] std::vector<referral_event> allowed_events(referral_state from);

/// @brief Whether no event but `reopen` (or none at all) leaves `s`: rejected, completed,
/// discontinued, cancelled, entered_in_error.
/// @param s the state
[[nodiscard]] bool is_closed(referral_state s) noexcept;

/// @brief Whether a referral in `s` is in support with a link worker, holding a place in
/// the worker's caseload: assigned, in_progress, on_hold.
/// @param s the state
[[nodiscard]] bool is_open_support(referral_state s) noexcept;

/// @brief Whether `e` closes a referral: every transition on it leads to a closed state
/// (is_closed()): reject, complete, discontinue, cancel, enter_in_error.
/// @param e the event
[[nodiscard]] bool is_closing(referral_event e) noexcept;

/// @brief The transition table as a Graphviz `digraph`, one edge per row, labelled with the
/// event, the roles and the guards. The docs' lifecycle diagram is generated from it.
/// @return the DOT text
[[nodiscard]] std::string lifecycle_dot();

/// @brief The code of a state, e.g. `in_progress`.
/// @param s the state
[[nodiscard]] std::string_view to_string(referral_state s) noexcept;
/// @brief The code of an event, e.g. `first_contact`.
/// @param e the event
[[nodiscard]] std::string_view to_string(referral_event e) noexcept;
/// @brief The code of a role, e.g. `coordinator`.
/// @param r the role
[[nodiscard]] std::string_view to_string(actor_role r) noexcept;
/// @brief The code of a reason, e.g. `no_capacity`.
/// @param r the reason
[[nodiscard]] std::string_view to_string(reason_code r) noexcept;
/// @brief The code of a guard, e.g. `consent_recorded`.
/// @param g the guard
[[nodiscard]] std::string_view to_string(transition_guard g) noexcept;
/// @brief The code of a reason rule: `none`, `optional` or `required`.
/// @param r the rule
[[nodiscard]] std::string_view to_string(reason_rule r) noexcept;

/// @brief Parses a state's code.
/// @param code the code
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] referral_state parse_referral_state(std::string_view code);
/// @brief Parses an event's code.
/// @param code the code
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] referral_event parse_referral_event(std::string_view code);
/// @brief Parses a role's code.
/// @param code the code
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] actor_role parse_actor_role(std::string_view code);
/// @brief Parses a reason's code.
/// @param code the code
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] reason_code parse_reason_code(std::string_view code);

/// @brief A state's readable label in fi, sv and en.
/// @param s the state
[[nodiscard]] const localized_text& label(referral_state s) noexcept;
/// @brief A reason's readable label in fi, sv and en.
/// @param r the reason
[[nodiscard]] const localized_text& label(reason_code r) noexcept;
/// @brief A guard's description in fi, sv and en, as used in error messages (en) and docs.
/// @param g the guard
[[nodiscard]] const localized_text& label(transition_guard g) noexcept;

/// @brief Who caused an event: a role and, optionally, the actor's id.
struct actor {
  actor_role role;  ///< the role
  std::string id;   ///< the actor's id (e.g. a professional or link worker id); may be empty
  /// @brief Actors are equal when role and id are equal.
  friend bool operator==(const actor&, const actor&) = default;
};

/// @brief An event as it is applied to a referral.
struct lifecycle_event {
  referral_event kind;                      ///< what happens
  timestamp at;                             ///< when (UTC); never earlier than the last event
  actor by;                                 ///< who causes it
  std::optional<reason_code> reason;        ///< why, where the table takes a reason
  std::optional<link_worker_id> link_worker;  ///< the link worker, on assign and reassign only
  std::string note;                         ///< free text; never a personal identity code
  /// @brief Events are equal when every field is equal.
  friend bool operator==(const lifecycle_event&, const lifecycle_event&) = default;
};

/// @brief One entry of a referral's append-only history: the event and the states it joined.
struct history_entry {
  lifecycle_event event;  ///< the event as applied
  referral_state from;    ///< the state before
  referral_state to;      ///< the state after
  /// @brief Entries are equal when every field is equal.
  friend bool operator==(const history_entry&, const history_entry&) = default;
};

/// @}

}  // namespace kulkija
