#pragma once
/// @file
/// @brief The wellbeing referral (hyvinvointilähete) and its guarded lifecycle.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/core/id.hpp"
#include "kulkija/referral/client.hpp"
#include "kulkija/referral/kept_element.hpp"
#include "kulkija/referral/lifecycle.hpp"
#include "kulkija/referral/need.hpp"
#include "kulkija/referral/professional.hpp"

namespace kulkija {

/// @addtogroup referral
/// @{

/// @brief How soon the referral should be acted on (FHIR request priority).
enum class priority : std::uint8_t {
  routine,  ///< normal
  urgent,   ///< sooner than routine
  asap,     ///< as soon as possible
};
/// @brief The code of a priority: `routine`, `urgent` or `asap`.
/// @param p the priority
[[nodiscard]] std::string_view to_string(priority p) noexcept;
/// @brief Parses a priority's code.
/// @param code the code
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] priority parse_priority(std::string_view code);

/// @brief The one order of urgency: 0 for the most urgent (`asap`), 1 for `urgent`, 2 for
/// `routine`. The coordinator's queue, the capacity simulation and the matching
/// (matching_priority()) all follow it.
/// @param p the priority
/// @return its rank, lower first
[[nodiscard]] constexpr int urgency_rank(priority p) noexcept {
  switch (p) {
    case priority::asap: return 0;
    case priority::urgent: return 1;
    case priority::routine: break;
  }
  return 2;
}

/// @brief The priority a referral's client gets in the matching (matching_client::priority,
/// higher is placed first when places are short), in the order of urgency_rank(): 3 for
/// `asap`, 2 for `urgent`, 1 for `routine`.
/// @param p the priority
/// @return the matching priority, 1 to 3
[[nodiscard]] constexpr int matching_priority(priority p) noexcept { return 3 - urgency_rank(p); }

/// @brief A wellbeing referral: a professional refers a client to a link worker.
///
/// A referral starts as a draft. Its content (needs, priority, consent, the client's data)
/// may change only while it is a draft; afterwards it moves only through apply(), which
/// checks the transition table (transition_table()), the actor's role, the reason, the
/// guards and that time does not go back. The history is append-only, and state() always
/// equals the state reached by replaying history() from draft.
///
/// Every operation that throws leaves the referral exactly as it was.
/// @code
/// using namespace kulkija;
/// referral r{referral_id{"R-1"}, c, p, need_set{need::loneliness}};
/// r.record_consent(parse_timestamp("2026-01-05T09:00Z"));
/// r.apply({referral_event::issue, parse_timestamp("2026-01-05T10:00Z"), {actor_role::referrer, "P-1"}});
/// @endcode
class referral {
 public:
  /// @brief Creates a draft referral.
  /// @param id the referral's id
  /// @param subject the client
  /// @param referrer the referring professional
  /// @param needs why the client is referred (may be empty while a draft; must not be
  ///        empty when issued)
  /// @param urgency the priority
  referral(referral_id id, client subject, professional referrer, need_set needs,
           priority urgency = priority::routine);

  /// @brief The id.
  [[nodiscard]] const referral_id& id() const noexcept { return id_; }
  /// @brief The client as recorded on the referral.
  [[nodiscard]] const client& subject() const noexcept { return client_; }
  /// @brief The referring professional.
  [[nodiscard]] const professional& referrer() const noexcept { return referrer_; }
  /// @brief Why the client is referred.
  [[nodiscard]] need_set needs() const noexcept { return needs_; }
  /// @brief The priority.
  [[nodiscard]] priority urgency() const noexcept { return priority_; }
  /// @brief When the client gave consent, if recorded.
  [[nodiscard]] const std::optional<timestamp>& consent_given_at() const noexcept { return consent_; }
  /// @brief The current state.
  [[nodiscard]] referral_state state() const noexcept { return state_; }
  /// @brief The append-only history, oldest first.
  [[nodiscard]] const std::vector<history_entry>& history() const noexcept { return history_; }
  /// @brief The elements of a received record that kulkija does not model, in order
  /// (empty for a referral made in kulkija).
  [[nodiscard]] const std::vector<kept_element>& kept() const noexcept { return kept_; }

  /// @brief When the referral was last issued (the latest `issue` event), if ever.
  [[nodiscard]] std::optional<timestamp> issued_at() const;
  /// @brief The day the referral was last issued, if ever.
  [[nodiscard]] std::optional<date> issued_on() const;
  /// @brief The link worker assigned since the referral was last (re)opened, if any.
  [[nodiscard]] std::optional<link_worker_id> link_worker() const;
  /// @brief When first contact was made since the referral was last (re)opened, if it was.
  [[nodiscard]] std::optional<timestamp> first_contact_at() const;
  /// @brief When the last event happened, if any.
  [[nodiscard]] std::optional<timestamp> last_event_at() const;

  /// @brief Replaces the needs (draft only).
  /// @param needs the needs
  /// @throws invalid_transition (id transition_not_allowed) when not a draft.
  void set_needs(need_set needs);
  /// @brief Changes the priority (draft only).
  /// @param urgency the priority
  /// @throws invalid_transition (id transition_not_allowed) when not a draft.
  void set_urgency(priority urgency);
  /// @brief Records when the client gave consent (draft only).
  /// @param at the moment of consent (a real timestamp)
  /// @throws invalid_transition when not a draft; invalid_argument when `at` is special.
  void record_consent(timestamp at);
  /// @brief Replaces the client's data (draft only); the pseudonym must stay the same.
  /// @param subject the client
  /// @throws invalid_transition when not a draft; invalid_argument naming `client_id`
  ///         when the pseudonym differs.
  void update_subject(client subject);

  /// @brief Replaces the kept elements (in any state: they do not take part in the lifecycle).
  /// @param elements the elements; each needs a resource and a name, and JSON text that
  ///        holds nothing shaped like a personal identity code
  /// @throws invalid_argument naming `kept` (id invalid_value) for an empty resource or name
  ///         or text that is not JSON, (id personal_data) for text holding something shaped
  ///         like a personal identity code, which the message never repeats. The referral
  ///         is unchanged when it throws.
  void set_kept(std::vector<kept_element> elements);

  /// @brief Why `event` cannot be applied now, or nothing when it can.
  ///
  /// Runs the lifecycle checks of apply() (table, time, role, reason, guards) without
  /// changing anything; the free-text checks of the note and the actor id, which throw
  /// invalid_argument, run in apply() only.
  /// @param event the event
  /// @return the invalid_transition apply() would throw, or nothing
  [[nodiscard]] std::optional<invalid_transition> check(const lifecycle_event& event) const;

  /// @brief Applies an event: moves the state along the table and appends to the history.
  /// @param event the event
  /// @return the history entry appended
  /// @throws invalid_transition naming the state, the event and the guard that failed
  ///         (ids transition_not_allowed, transition_guard, transition_role,
  ///         transition_time, transition_reason); invalid_argument when the note breaks a
  ///         free-text rule. The referral is unchanged when it throws.
  const history_entry& apply(const lifecycle_event& event);

  /// @brief The events that the table allows from the current state.
  [[nodiscard]] std::vector<referral_event> allowed_events() const;

  /// @brief Builds a referral by applying `events` in order to a new draft.
  /// @param id the referral's id
  /// @param subject the client
  /// @param referrer the referring professional
  /// @param needs the needs
  /// @param urgency the priority
  /// @param consent when consent was given, if it was
  /// @param events the events to apply
  /// @return the referral
  /// @throws invalid_transition at the first event that cannot be applied.
  [[nodiscard]] static referral replay(referral_id id, client subject, professional referrer,
                                       need_set needs, priority urgency,
                                       std::optional<timestamp> consent,
                                       const std::vector<lifecycle_event>& events);

  /// @brief Referrals are equal when every field and the whole history are equal.
  friend bool operator==(const referral&, const referral&) = default;

 private:
  void require_draft(std::string_view what) const;

  referral_id id_;
  client client_;
  professional referrer_;
  need_set needs_;
  priority priority_;
  std::optional<timestamp> consent_;
  referral_state state_ = referral_state::draft;
  std::vector<history_entry> history_;
  std::vector<kept_element> kept_;
};

/// @}

}  // namespace kulkija
