#include "kulkija/referral/referral.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "../detail/identity_text.hpp"
#include "../detail/json.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {

constexpr std::array<std::string_view, 3> priority_names{"routine", "urgent", "asap"};
constexpr std::size_t max_note_bytes = 2000;

template <class T>
std::string join(const std::vector<T>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ", ";
    out += to_string(values[i]);
  }
  return out;
}

// Walks the history from the newest entry back to the last (re)opening of the referral.
template <class Visit>
void since_opened(const std::vector<history_entry>& history, Visit visit) {
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    if (visit(*it)) return;
    if (it->event.kind == referral_event::reopen || it->event.kind == referral_event::issue) return;
  }
}

}  // namespace

std::string_view to_string(priority p) noexcept { return detail::enum_name(priority_names, p); }

priority parse_priority(std::string_view code) { return detail::parse_enum<priority>("priority", code, priority_names); }

referral::referral(referral_id id, client subject, professional referrer, need_set needs, priority urgency)
    : id_(std::move(id)),
      client_(std::move(subject)),
      referrer_(std::move(referrer)),
      needs_(needs),
      priority_(urgency) {}

std::optional<timestamp> referral::issued_at() const {
  for (auto it = history_.rbegin(); it != history_.rend(); ++it) {
    if (it->event.kind == referral_event::issue) return it->event.at;
  }
  return std::nullopt;
}

std::optional<date> referral::issued_on() const {
  const auto at = issued_at();
  if (!at) return std::nullopt;
  return at->date();
}

std::optional<link_worker_id> referral::link_worker() const {
  std::optional<link_worker_id> found;
  since_opened(history_, [&](const history_entry& e) {
    if (e.event.kind == referral_event::assign || e.event.kind == referral_event::reassign) {
      found = e.event.link_worker;
      return true;
    }
    return false;
  });
  return found;
}

std::optional<timestamp> referral::first_contact_at() const {
  std::optional<timestamp> found;
  since_opened(history_, [&](const history_entry& e) {
    if (e.event.kind == referral_event::first_contact) {
      found = e.event.at;
      return true;
    }
    return false;
  });
  return found;
}

std::optional<timestamp> referral::last_event_at() const {
  if (history_.empty()) return std::nullopt;
  return history_.back().event.at;
}

void referral::require_draft(std::string_view what) const {
  if (state_ != referral_state::draft) {
    throw invalid_transition(error_id::transition_not_allowed, std::string(to_string(state_)), std::string(what),
                             "the referral's content may change only while it is a draft");
  }
}

void referral::set_needs(need_set needs) {
  require_draft("set_needs");
  needs_ = needs;
}

void referral::set_urgency(priority urgency) {
  require_draft("set_urgency");
  priority_ = urgency;
}

void referral::record_consent(timestamp at) {
  require_draft("record_consent");
  if (at.is_special()) {
    throw invalid_argument(error_id::invalid_date, "consent_given_at", "must be a real date-time, not a special value");
  }
  consent_ = at;
}

void referral::update_subject(client subject) {
  require_draft("update_subject");
  if (subject.id() != client_.id()) {
    throw invalid_argument(error_id::invalid_value, "client_id", "the client of a referral cannot be changed");
  }
  client_ = std::move(subject);
}

void referral::set_kept(std::vector<kept_element> elements) {
  for (std::size_t i = 0; i < elements.size(); ++i) {
    const kept_element& e = elements[i];
    const std::string where = "element " + std::to_string(i);
    if (e.resource.empty() || e.name.empty()) {
      throw invalid_argument(error_id::invalid_value, "kept", where + " must name its resource and element");
    }
    if (contains_identity_code(e.resource) || contains_identity_code(e.name) || detail::holds_identity_code(e.json)) {
      throw invalid_argument(error_id::personal_data, "kept",
                             where + " holds something shaped like a personal identity code; it is never kept");
    }
    try {
      (void)detail::parse_json(e.json);
    } catch (const parse_error&) {
      throw invalid_argument(error_id::invalid_value, "kept", where + " (" + e.resource + "." + e.name + ") must be JSON text");
    }
  }
  kept_ = std::move(elements);
}

std::optional<invalid_transition> referral::check(const lifecycle_event& event) const {
  const std::string state(to_string(state_));
  const std::string name(to_string(event.kind));
  const auto fail = [&](error_id id, std::string guard) {
    return std::optional<invalid_transition>(std::in_place, id, state, name, std::move(guard));
  };

  const transition* row = find_transition(state_, event.kind);
  if (row == nullptr) {
    const auto allowed = kulkija::allowed_events(state_);
    return fail(error_id::transition_not_allowed,
                "not allowed from this state; allowed events: " + (allowed.empty() ? "none" : join(allowed)));
  }
  if (event.at.is_special()) return fail(error_id::transition_time, "the timestamp must be a real date-time");
  if (const auto last = last_event_at(); last && event.at < *last) {
    return fail(error_id::transition_time, "time may not go back: " + format_timestamp(event.at) +
                                               " is before the last event at " + format_timestamp(*last));
  }
  if (std::find(row->roles.begin(), row->roles.end(), event.by.role) == row->roles.end()) {
    return fail(error_id::transition_role, "role '" + std::string(to_string(event.by.role)) +
                                               "' may not do this; allowed roles: " + join(row->roles));
  }
  if (event.reason) {
    if (row->reason == reason_rule::none) return fail(error_id::transition_reason, "this event takes no reason code");
    if (std::find(row->allowed_reasons.begin(), row->allowed_reasons.end(), *event.reason) ==
        row->allowed_reasons.end()) {
      return fail(error_id::transition_reason, "reason '" + std::string(to_string(*event.reason)) +
                                                   "' does not fit; allowed reasons: " + join(row->allowed_reasons));
    }
  } else if (row->reason == reason_rule::required) {
    return fail(error_id::transition_reason, "a reason is required; allowed reasons: " + join(row->allowed_reasons));
  }
  const bool names_worker = event.link_worker.has_value();
  const bool takes_worker = std::find(row->guards.begin(), row->guards.end(), transition_guard::link_worker_given) !=
                            row->guards.end();
  if (names_worker && !takes_worker) {
    return fail(error_id::transition_guard, "only assign and reassign name a link worker");
  }
  for (transition_guard g : row->guards) {
    bool holds = true;
    switch (g) {
      case transition_guard::consent_recorded: holds = consent_.has_value() && *consent_ <= event.at; break;
      case transition_guard::needs_present: holds = !needs_.empty(); break;
      case transition_guard::link_worker_given: holds = names_worker; break;
      case transition_guard::link_worker_changes: holds = !names_worker || link_worker() != event.link_worker; break;
      case transition_guard::first_contact_recorded: holds = first_contact_at().has_value(); break;
    }
    if (!holds) return fail(error_id::transition_guard, std::string(to_string(g)) + ": " + label(g).en);
  }
  return std::nullopt;
}

const history_entry& referral::apply(const lifecycle_event& event) {
  if (auto problem = check(event)) throw std::move(*problem);
  if (!event.by.id.empty()) validate_id("actor.id", event.by.id);
  validate_free_text("note", event.note, max_note_bytes);
  const referral_state to = find_transition(state_, event.kind)->to;
  history_.push_back({event, state_, to});  // strong guarantee: nothing changed if this throws
  state_ = to;
  return history_.back();
}

std::vector<referral_event> referral::allowed_events() const { return kulkija::allowed_events(state_); }

referral referral::replay(referral_id id, client subject, professional referrer, need_set needs, priority urgency,
                          std::optional<timestamp> consent, const std::vector<lifecycle_event>& events) {
  referral r(std::move(id), std::move(subject), std::move(referrer), needs, urgency);
  if (consent) r.record_consent(*consent);
  for (const auto& e : events) r.apply(e);
  return r;
}

}  // namespace kulkija
