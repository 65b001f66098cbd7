#pragma once
/// @file
/// @brief The support period (*tukijakso*): meetings, pauses, extensions and closure, with
/// every deadline computed, explained and checked.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/core/id.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/referral/lifecycle.hpp"
#include "kulkija/support/calendar.hpp"
#include "kulkija/support/policy.hpp"

namespace kulkija {

/// @addtogroup support
/// @{

/// @brief How a link worker and a client meet.
enum class contact_mode : std::uint8_t {
  in_person,       ///< face to face
  phone,           ///< by phone
  video,           ///< by video call
  group_activity,  ///< together at an organisation's group activity
};
/// @brief The code of a contact mode, e.g. `group_activity`.
/// @param m the mode
/// @return its code
[[nodiscard]] std::string_view to_string(contact_mode m) noexcept;
/// @brief Parses a contact mode's code.
/// @param code the code
/// @return the mode
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] contact_mode parse_contact_mode(std::string_view code);

/// @brief Whether a planned meeting took place.
enum class meeting_outcome : std::uint8_t {
  attended,   ///< it took place; it counts as contact and towards meetings.max
  cancelled,  ///< cancelled in advance
  no_show,    ///< the client did not come
};
/// @brief The code of a meeting outcome: `attended`, `cancelled` or `no_show`.
/// @param o the outcome
/// @return its code
[[nodiscard]] std::string_view to_string(meeting_outcome o) noexcept;
/// @brief Parses a meeting outcome's code.
/// @param code the code
/// @return the outcome
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] meeting_outcome parse_meeting_outcome(std::string_view code);

/// @brief One meeting of the link worker and the client.
struct meeting {
  date day;                                           ///< the day
  contact_mode mode = contact_mode::in_person;        ///< how they met
  meeting_outcome outcome = meeting_outcome::attended;  ///< whether it took place
  /// @brief Meetings are equal when every field is equal.
  friend bool operator==(const meeting&, const meeting&) = default;
};

/// @brief A pause in the support: the clock stops from `from` to `until`, both included.
struct support_pause {
  date from;          ///< the first paused day
  date until;         ///< the last paused day
  reason_code reason;  ///< why: a reason the lifecycle's `pause` event accepts
  /// @brief Pauses are equal when every field is equal.
  friend bool operator==(const support_pause&, const support_pause&) = default;
};

/// @brief An extension of the support period.
struct support_extension {
  date granted_on;     ///< the day it was granted
  length added;        ///< how much longer, in the policy's extension unit
  std::string reason;  ///< why (free text, at most 500 bytes, no personal identity code)
  /// @brief Extensions are equal when every field is equal.
  friend bool operator==(const support_extension&, const support_extension&) = default;
};

/// @brief The end of a support period.
struct support_closure {
  date day;            ///< the last day of support
  reason_code reason;  ///< why: a reason the lifecycle's `complete` or `discontinue` accepts
  /// @brief Closures are equal when every field is equal.
  friend bool operator==(const support_closure&, const support_closure&) = default;
};

/// @brief What a deadline is for.
enum class deadline_kind : std::uint8_t {
  first_contact,          ///< the link worker's first contact with the client
  start_measurement,      ///< the outcome measurement at the start (due at first contact)
  no_contact,             ///< the day the support is discontinued without contact
  planned_end,            ///< the planned end of the support period
  end_measurement,        ///< the outcome measurement at the end
  follow_up_measurement,  ///< the follow-up outcome measurement
};
/// @brief The code of a deadline kind, e.g. `planned_end`.
/// @param k the kind
/// @return its code
[[nodiscard]] std::string_view to_string(deadline_kind k) noexcept;

/// @brief A computed deadline: the day, whether and when it was met, the rule it comes from,
/// and how the day was computed, in fi, sv and en.
struct deadline {
  deadline_kind kind;           ///< what it is for
  date due;                     ///< the day by which it is due (included)
  std::optional<date> met_on;   ///< when it was met, if it was (measurements are not tracked here)
  bool provisional = false;     ///< computed from another deadline because an event has not happened yet
  std::string rule;             ///< the policy rule, e.g. `first_contact.within = 10 business_days`
  localized_text reason;        ///< how the day was computed
  /// @brief Deadlines are equal when every field is equal.
  friend bool operator==(const deadline&, const deadline&) = default;
};

/// @brief Where a support period stands on a given day.
enum class support_status : std::uint8_t {
  on_track,  ///< nothing open is due within the policy's "due soon" window
  due_soon,  ///< an open deadline is due within `due_soon.business_days` business days
  overdue,   ///< an open deadline has passed
  ended,     ///< the period is closed
};
/// @brief The code of a status: `on_track`, `due_soon`, `overdue` or `ended`.
/// @param s the status
/// @return its code
[[nodiscard]] std::string_view to_string(support_status s) noexcept;

/// @brief What a service should warn about.
enum class warning_kind : std::uint8_t {
  first_contact_due_soon,    ///< first contact not yet made and due soon
  first_contact_overdue,     ///< first contact not made by its deadline
  no_contact_warning,        ///< the no-contact limit is near: contact the client
  no_contact_limit_reached,  ///< no contact within the limit: the support should be discontinued
  period_ending_soon,        ///< the planned end is near: plan the closing and the end measurement
  period_past_end,           ///< the planned end has passed and the period is open
  meetings_nearly_used,      ///< two or fewer meetings remain
  meetings_used_up,          ///< no meetings remain
  follow_up_due,             ///< the follow-up measurement is due soon or overdue
};
/// @brief The code of a warning kind, e.g. `no_contact_warning`.
/// @param k the kind
/// @return its code
[[nodiscard]] std::string_view to_string(warning_kind k) noexcept;

/// @brief A warning on a given day, with the day it concerns and a text in fi, sv and en.
struct support_warning {
  warning_kind kind;    ///< what it is about
  date due;             ///< the deadline it concerns (the planned end for meeting warnings)
  localized_text text;  ///< what to do
  /// @brief Warnings are equal when every field is equal.
  friend bool operator==(const support_warning&, const support_warning&) = default;
};

/// @brief A link worker's fixed-term support of one client, under a policy and a calendar.
///
/// The period starts when the referral is accepted. The first attended meeting is the first
/// contact (the referral moves to `in_progress`); the planned end is the first contact plus
/// `length.max`, plus every extension, plus the paused days. Pauses (the referral's
/// `on_hold`) stop the clock of both the planned end and the no-contact limit, and may only
/// start after the first contact.
///
/// Every recording operation checks the whole record first and throws without changing
/// anything (the strong guarantee): invalid_argument naming the field and the rule for bad
/// input, invalid_transition once the period is closed.
/// @code
/// using namespace kulkija;
/// support_period p{referral_id{"R-1"}, date(2026, 1, 5), support_policy{}};
/// p.record_meeting({date(2026, 1, 12), contact_mode::in_person, meeting_outcome::attended});
/// for (const deadline& d : p.deadlines()) std::cout << d.reason.en << '\n';
/// @endcode
class support_period {
 public:
  /// @brief Starts a period on the day the referral was accepted.
  /// @param referral the referral the support belongs to
  /// @param accepted_on the day the referral was accepted
  /// @param policy the policy (validated)
  /// @param calendar the region's calendar
  /// @throws invalid_argument naming the policy field (see validate()) or `accepted_on`
  ///         when it is special or outside the calendar's range.
  support_period(referral_id referral, date accepted_on, support_policy policy,
                 finnish_calendar calendar = finnish_calendar{});

  /// @brief The referral.
  [[nodiscard]] const referral_id& referral() const noexcept { return referral_; }
  /// @brief The day the referral was accepted.
  [[nodiscard]] date accepted_on() const noexcept { return accepted_on_; }
  /// @brief The policy.
  [[nodiscard]] const support_policy& policy() const noexcept { return policy_; }
  /// @brief The calendar.
  [[nodiscard]] const finnish_calendar& calendar() const noexcept { return calendar_; }
  /// @brief The meetings, by day.
  [[nodiscard]] const std::vector<meeting>& meetings() const noexcept { return meetings_; }
  /// @brief The pauses, by day.
  [[nodiscard]] const std::vector<support_pause>& pauses() const noexcept { return pauses_; }
  /// @brief The extensions, in the order granted.
  [[nodiscard]] const std::vector<support_extension>& extensions() const noexcept { return extensions_; }
  /// @brief The closure, once closed.
  [[nodiscard]] const std::optional<support_closure>& closure() const noexcept { return closure_; }

  /// @brief The day of the first attended meeting, if any.
  [[nodiscard]] std::optional<date> first_contact_on() const;
  /// @brief The number of attended meetings.
  [[nodiscard]] int attended_meetings() const noexcept;
  /// @brief `meetings.max` minus the attended meetings.
  [[nodiscard]] int remaining_meetings() const noexcept;
  /// @brief The number of paused days (each pause's days, both ends included).
  [[nodiscard]] int paused_days() const noexcept;

  /// @brief Records a meeting.
  /// @param m the meeting
  /// @throws invalid_argument naming `meeting.day` when the day is before acceptance,
  ///         outside the calendar or within a pause, or `meeting` when an attended meeting
  ///         would exceed `meetings.max`;
  ///         invalid_transition when the period is closed. Unchanged when it throws.
  void record_meeting(const meeting& m);

  /// @brief Records a pause.
  /// @param p the pause
  /// @throws invalid_argument naming `pause.from`, `pause.until`, `pause.reason` or `pause`
  ///         (before the first contact, the wrong order, a reason the lifecycle does not
  ///         accept, an overlap with another pause or a meeting, or a total above
  ///         `pauses.max_total`); invalid_transition when closed. Unchanged when it throws.
  void add_pause(const support_pause& p);

  /// @brief Records an extension.
  /// @param e the extension
  /// @throws invalid_argument naming `extensions` (more than `extensions.max`),
  ///         `extension.added` (another unit, or longer than `extensions.length`),
  ///         `extension.reason` (missing though required, or bad free text) or
  ///         `extension.granted_on` (before the first contact or after the planned end);
  ///         invalid_transition when closed. Unchanged when it throws.
  void extend(const support_extension& e);

  /// @brief Closes the period.
  /// @param c the closure
  /// @throws invalid_argument naming `closure.day` (before acceptance or the last meeting)
  ///         or `closure.reason` (a reason neither `complete` nor `discontinue` accepts);
  ///         invalid_transition when already closed. Unchanged when it throws.
  void close(const support_closure& c);

  /// @brief Every deadline of the period as recorded, in the order of deadline_kind.
  ///
  /// Before the first contact, the planned end, the end measurement and the follow-up are
  /// computed from the first-contact deadline and marked provisional. The no-contact
  /// deadline is listed only while the period is open and after the first contact.
  /// @return the deadlines
  [[nodiscard]] std::vector<deadline> deadlines() const;

  /// @brief The deadlines as they stood on day `on`: only the meetings, pauses, extensions
  /// and closure on or before `on` are taken into account.
  /// @param on the day
  /// @return the deadlines
  /// @throws invalid_argument (id invalid_date) naming `on` when it is special.
  [[nodiscard]] std::vector<deadline> deadlines_on(date on) const;

  /// @brief The status on day `on`: ended when closed on or before `on`; otherwise overdue
  /// when an open deadline (first contact, no contact, planned end) has passed, due soon
  /// when one falls within `due_soon.business_days` business days, and on track otherwise.
  /// Measurement deadlines do not count: kulkija does not know when measurements are done.
  /// @param on the day
  /// @return the status
  /// @throws invalid_argument naming `on` when it is special or outside the calendar.
  [[nodiscard]] support_status status(date on) const;

  /// @brief The warnings a service should raise on day `on`, in the order of warning_kind.
  /// @param on the day
  /// @return the warnings
  /// @throws invalid_argument naming `on` when it is special or outside the calendar.
  [[nodiscard]] std::vector<support_warning> warnings(date on) const;

  /// @brief Periods are equal when every field and every record are equal.
  friend bool operator==(const support_period&, const support_period&) = default;

 private:
  [[nodiscard]] std::vector<deadline> compute(std::optional<date> as_of) const;
  void require_open(std::string_view event) const;

  referral_id referral_;
  date accepted_on_;
  support_policy policy_;
  finnish_calendar calendar_;
  std::vector<meeting> meetings_;
  std::vector<support_pause> pauses_;
  std::vector<support_extension> extensions_;
  std::optional<support_closure> closure_;
};

/// @}

}  // namespace kulkija
