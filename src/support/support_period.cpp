#include "kulkija/support/support_period.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "kulkija/core/error.hpp"
#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {

namespace greg = boost::gregorian;

constexpr std::array<std::string_view, 4> mode_names{"in_person", "phone", "video", "group_activity"};
constexpr std::array<std::string_view, 3> outcome_names{"attended", "cancelled", "no_show"};
constexpr std::array<std::string_view, 6> deadline_names{"first_contact", "start_measurement", "no_contact",
                                                         "planned_end",   "end_measurement",   "follow_up_measurement"};
constexpr std::array<std::string_view, 4> status_names{"on_track", "due_soon", "overdue", "ended"};
constexpr std::array<std::string_view, 9> warning_names{
    "first_contact_due_soon", "first_contact_overdue", "no_contact_warning",
    "no_contact_limit_reached", "period_ending_soon",  "period_past_end",
    "meetings_nearly_used",   "meetings_used_up",      "follow_up_due"};

// ---------------------------------------------------------------- texts

std::string n(std::int64_t v) { return std::to_string(v); }
std::string day(date d) { return format_date(d); }

// "12 weeks" in fi, sv and en, with the singular for 1.
localized_text words(const length& l) {
  const bool one = l.amount == 1;
  const std::string a = n(l.amount) + " ";
  switch (l.unit) {
    case length_unit::days: return {a + (one ? "päivä" : "päivää"), a + (one ? "dag" : "dagar"), a + (one ? "day" : "days")};
    case length_unit::business_days:
      return {a + (one ? "arkipäivä" : "arkipäivää"), a + (one ? "arbetsdag" : "arbetsdagar"),
              a + (one ? "business day" : "business days")};
    case length_unit::weeks: return {a + (one ? "viikko" : "viikkoa"), a + (one ? "vecka" : "veckor"), a + (one ? "week" : "weeks")};
    case length_unit::months: break;
  }
  return {a + (one ? "kuukausi" : "kuukautta"), a + (one ? "månad" : "månader"), a + (one ? "month" : "months")};
}

localized_text days_words(std::int64_t d) { return words({static_cast<int>(d), length_unit::days}); }


std::string rule_text(std::string_view field, const std::string& value) { return std::string(field) + " = " + value; }

// ---------------------------------------------------------------- date arithmetic

std::int64_t pause_days(const support_pause& p) { return (p.until - p.from).days() + 1; }

std::int64_t length_in_days(const length& l) {
  return l.unit == length_unit::weeks ? 7LL * l.amount : static_cast<std::int64_t>(l.amount);
}

void require_real(date d, const char* field) {
  if (d.is_special()) throw invalid_argument(error_id::invalid_date, field, "must be a real date, not a special value");
}

void require_in_calendar(date d, const char* field) {
  require_real(d, field);
  if (d < finnish_calendar::first_day() || d > finnish_calendar::last_day()) {
    throw invalid_argument(error_id::invalid_date, field, "must be within 1900-01-01 and 2200-12-31");
  }
}

bool allowed_reason(referral_event event, reason_code r) {
  const transition* t = find_transition(referral_state::in_progress, event);
  return t != nullptr && std::find(t->allowed_reasons.begin(), t->allowed_reasons.end(), r) != t->allowed_reasons.end();
}

std::string reasons_of(std::initializer_list<referral_event> events) {
  std::string out;
  for (referral_event e : events) {
    for (reason_code r : find_transition(referral_state::in_progress, e)->allowed_reasons) {
      const std::string code(to_string(r));
      if (out.find(code) != std::string::npos) continue;
      if (!out.empty()) out += ", ";
      out += code;
    }
  }
  return out;
}

const deadline* find(const std::vector<deadline>& ds, deadline_kind k) {
  for (const auto& d : ds) {
    if (d.kind == k) return &d;
  }
  return nullptr;
}

}  // namespace

std::string_view to_string(contact_mode m) noexcept { return detail::enum_name(mode_names, m); }
contact_mode parse_contact_mode(std::string_view code) {
  return detail::parse_enum<contact_mode>("contact mode", code, mode_names);
}
std::string_view to_string(meeting_outcome o) noexcept { return detail::enum_name(outcome_names, o); }
meeting_outcome parse_meeting_outcome(std::string_view code) {
  return detail::parse_enum<meeting_outcome>("meeting outcome", code, outcome_names);
}
std::string_view to_string(deadline_kind k) noexcept { return detail::enum_name(deadline_names, k); }
std::string_view to_string(support_status s) noexcept { return detail::enum_name(status_names, s); }
std::string_view to_string(warning_kind k) noexcept { return detail::enum_name(warning_names, k); }

support_period::support_period(referral_id referral, date accepted_on, support_policy policy, finnish_calendar calendar)
    : referral_(std::move(referral)), accepted_on_(accepted_on), policy_(std::move(policy)), calendar_(std::move(calendar)) {
  validate(policy_);
  require_in_calendar(accepted_on_, "accepted_on");
}

std::optional<date> support_period::first_contact_on() const {
  for (const meeting& m : meetings_) {
    if (m.outcome == meeting_outcome::attended) return m.day;
  }
  return std::nullopt;
}

int support_period::attended_meetings() const noexcept {
  return static_cast<int>(std::count_if(meetings_.begin(), meetings_.end(),
                                        [](const meeting& m) { return m.outcome == meeting_outcome::attended; }));
}

int support_period::remaining_meetings() const noexcept { return policy_.max_meetings - attended_meetings(); }

int support_period::paused_days() const noexcept {
  std::int64_t total = 0;
  for (const auto& p : pauses_) total += pause_days(p);
  return static_cast<int>(total);
}

void support_period::require_open(std::string_view event) const {
  if (closure_) {
    throw invalid_transition(error_id::transition_not_allowed, "closed", std::string(event),
                             "the support period was closed on " + day(closure_->day));
  }
}

void support_period::record_meeting(const meeting& m) {
  require_open("record_meeting");
  require_in_calendar(m.day, "meeting.day");
  if (m.day < accepted_on_) {
    throw invalid_argument(error_id::invalid_date, "meeting.day",
                           "must not be before the acceptance day " + day(accepted_on_) + ", got " + day(m.day));
  }
  for (const auto& p : pauses_) {
    if (m.day >= p.from && m.day <= p.until) {
      throw invalid_argument(error_id::invalid_date, "meeting.day",
                             "must not fall within the pause from " + day(p.from) + " to " + day(p.until));
    }
  }
  if (m.outcome == meeting_outcome::attended) {
    if (attended_meetings() >= policy_.max_meetings) {
      throw invalid_argument(error_id::invalid_value, "meeting",
                             "at most " + n(policy_.max_meetings) + " attended meetings (meetings.max of policy " +
                                 quote(policy_.id) + " version " + quote(policy_.version) + ")");
    }
  }
  auto next = meetings_;
  const auto at = std::upper_bound(next.begin(), next.end(), m.day,
                                   [](date d, const meeting& x) { return d < x.day; });
  next.insert(at, m);
  meetings_.swap(next);
}

void support_period::add_pause(const support_pause& p) {
  require_open("add_pause");
  require_in_calendar(p.from, "pause.from");
  require_in_calendar(p.until, "pause.until");
  if (p.until < p.from) {
    throw invalid_argument(error_id::invalid_date, "pause.until",
                           "must not be before pause.from (" + day(p.from) + "), got " + day(p.until));
  }
  if (!allowed_reason(referral_event::pause, p.reason)) {
    throw invalid_argument(error_id::invalid_value, "pause.reason",
                           "must be one of: " + reasons_of({referral_event::pause}) + "; got " +
                               std::string(to_string(p.reason)));
  }
  const auto first = first_contact_on();
  if (!first) {
    throw invalid_argument(error_id::invalid_date, "pause.from",
                           "a pause needs a first contact (an attended meeting) before it");
  }
  if (p.from <= *first) {
    throw invalid_argument(error_id::invalid_date, "pause.from",
                           "must be after the first contact on " + day(*first) + ", got " + day(p.from));
  }
  for (const auto& q : pauses_) {
    if (p.from <= q.until && q.from <= p.until) {
      throw invalid_argument(error_id::invalid_date, "pause",
                             "must not overlap the pause from " + day(q.from) + " to " + day(q.until));
    }
  }
  for (const auto& m : meetings_) {
    if (m.day >= p.from && m.day <= p.until) {
      throw invalid_argument(error_id::invalid_date, "pause", "must not contain the meeting on " + day(m.day));
    }
  }
  const std::int64_t total = paused_days() + pause_days(p);
  const std::int64_t limit = length_in_days(policy_.max_pause_total);
  if (total > limit) {
    throw invalid_argument(error_id::invalid_value, "pause",
                           "the pauses would total " + n(total) + " days, more than pauses.max_total = " +
                               to_string(policy_.max_pause_total) + " (" + n(limit) + " days)");
  }
  auto next = pauses_;
  const auto at = std::upper_bound(next.begin(), next.end(), p.from,
                                   [](date d, const support_pause& x) { return d < x.from; });
  next.insert(at, p);
  pauses_.swap(next);
}

void support_period::extend(const support_extension& e) {
  require_open("extend");
  require_in_calendar(e.granted_on, "extension.granted_on");
  if (static_cast<int>(extensions_.size()) >= policy_.max_extensions) {
    throw invalid_argument(error_id::invalid_value, "extensions",
                           "at most " + n(policy_.max_extensions) + " extension(s) (extensions.max of policy " +
                               quote(policy_.id) + " version " + quote(policy_.version) + ")");
  }
  if (e.added.unit != policy_.extension_length.unit) {
    throw invalid_argument(error_id::invalid_value, "extension.added",
                           "must be in " + std::string(to_string(policy_.extension_length.unit)) + " (extensions.unit), got " +
                               std::string(to_string(e.added.unit)));
  }
  if (e.added.amount < 1 || e.added.amount > policy_.extension_length.amount) {
    throw invalid_argument(error_id::invalid_value, "extension.added",
                           "must be from 1 to " + to_string(policy_.extension_length) + " (extensions.length), got " +
                               to_string(e.added));
  }
  if (policy_.extension_reason_required && e.reason.empty()) {
    throw invalid_argument(error_id::invalid_value, "extension.reason",
                           "is required by the policy (extensions.reason_required)");
  }
  validate_free_text("extension.reason", e.reason, 500);
  const auto first = first_contact_on();
  if (!first || e.granted_on < *first) {
    throw invalid_argument(error_id::invalid_date, "extension.granted_on",
                           first ? "must not be before the first contact on " + day(*first)
                                 : std::string("an extension needs a first contact (an attended meeting) before it"));
  }
  const auto current = compute(std::nullopt);
  const deadline* end = find(current, deadline_kind::planned_end);
  if (e.granted_on > end->due) {
    throw invalid_argument(error_id::invalid_date, "extension.granted_on",
                           "must not be after the planned end " + day(end->due) + ", got " + day(e.granted_on));
  }
  auto next = extensions_;
  next.push_back(e);
  extensions_.swap(next);
}

void support_period::close(const support_closure& c) {
  require_open("close");
  require_in_calendar(c.day, "closure.day");
  if (c.day < accepted_on_) {
    throw invalid_argument(error_id::invalid_date, "closure.day",
                           "must not be before the acceptance day " + day(accepted_on_) + ", got " + day(c.day));
  }
  if (!meetings_.empty() && c.day < meetings_.back().day) {
    throw invalid_argument(error_id::invalid_date, "closure.day",
                           "must not be before the last meeting on " + day(meetings_.back().day) + ", got " + day(c.day));
  }
  if (!allowed_reason(referral_event::complete, c.reason) && !allowed_reason(referral_event::discontinue, c.reason)) {
    throw invalid_argument(error_id::invalid_value, "closure.reason",
                           "must be one of: " + reasons_of({referral_event::complete, referral_event::discontinue}) +
                               "; got " + std::string(to_string(c.reason)));
  }
  closure_ = c;
}

std::vector<deadline> support_period::deadlines() const { return compute(std::nullopt); }

std::vector<deadline> support_period::deadlines_on(date on) const {
  require_real(on, "on");
  return compute(on);
}

std::vector<deadline> support_period::compute(std::optional<date> as_of) const {
  const auto known = [&](date d) { return !as_of || d <= *as_of; };
  std::optional<date> first, last;
  for (const meeting& m : meetings_) {
    if (m.outcome != meeting_outcome::attended || !known(m.day)) continue;
    if (!first) first = m.day;
    last = m.day;
  }
  std::vector<support_pause> pauses;
  for (const auto& p : pauses_) {
    if (known(p.from)) pauses.push_back(p);
  }
  std::vector<support_extension> extensions;
  for (const auto& e : extensions_) {
    if (known(e.granted_on)) extensions.push_back(e);
  }
  const std::optional<support_closure> closure =
      closure_ && known(closure_->day) ? closure_ : std::optional<support_closure>{};

  std::vector<deadline> out;
  const support_policy& pol = policy_;

  // First contact.
  const date contact_due = add_length(accepted_on_, pol.first_contact, calendar_);
  const localized_text within = words(pol.first_contact);
  out.push_back({deadline_kind::first_contact, contact_due, first, false,
                 rule_text("first_contact.within", to_string(pol.first_contact)),
                 concat({{"Ensikontakti viimeistään: hyväksymispäivä ", "Första kontakten senast: godkännandedagen ",
                          "First contact due: acceptance day "},
                         untranslated(day(accepted_on_) + " + "), within, untranslated(".")})});

  // Start measurement, at the first contact.
  const date start = first.value_or(contact_due);
  out.push_back({deadline_kind::start_measurement, start, std::nullopt, !first,
                 "measurements.start = at first contact",
                 first ? concat({{"Alkumittaus ensikontaktissa ", "Startmätningen vid första kontakten ",
                                  "Start measurement at the first contact on "},
                                 untranslated(day(start) + ".")})
                       : concat({{"Alkumittaus ensikontaktissa (ei vielä tapahtunut; arvio: ensikontaktin määräpäivä ",
                                  "Startmätningen vid första kontakten (inte ännu; uppskattning: sista dag för första kontakten ",
                                  "Start measurement at the first contact (not yet made; estimate: the first-contact deadline "},
                                 untranslated(day(start) + ").")})});

  // No contact: from the last attended meeting, the clock stopped in pauses.
  if (first && !closure) {
    date due = *last + greg::days(pol.no_contact_days);
    std::int64_t stopped = 0;
    for (const auto& p : pauses) {
      if (p.until <= *last) continue;
      if (p.from > due) break;
      const date from = std::max(p.from, *last + greg::days(1));
      const std::int64_t d = (p.until - from).days() + 1;
      stopped += d;
      due += greg::days(d);
    }
    localized_text reason = concat({{"Keskeytys ilman yhteyttä: viimeisin tapaaminen ",
                                     "Avbrytande utan kontakt: senaste mötet ", "Discontinued without contact: last meeting "},
                                    untranslated(day(*last) + " + "), days_words(pol.no_contact_days)});
    if (stopped > 0) {
      reason = concat({reason, {" + tauot ", " + pauser ", " + pauses "}, days_words(stopped)});
    }
    out.push_back({deadline_kind::no_contact, due, std::nullopt, false,
                   rule_text("no_contact.discontinue_after_days", n(pol.no_contact_days)), concat({reason, untranslated(".")})});
  }

  // Planned end: start + length + extensions + paused days.
  date end = add_length(start, pol.max_length, calendar_);
  localized_text end_reason = concat({first ? localized_text{"Suunniteltu päättyminen: ensikontakti ",
                                                             "Planerat slut: första kontakten ", "Planned end: first contact "}
                                            : localized_text{"Suunniteltu päättyminen (arvio): ensikontaktin määräpäivä ",
                                                             "Planerat slut (uppskattning): sista dag för första kontakten ",
                                                             "Planned end (estimate): first-contact deadline "},
                                      untranslated(day(start) + " + "), words(pol.max_length)});
  std::string end_rule = rule_text("length.max", to_string(pol.max_length));
  for (const auto& e : extensions) {
    end = add_length(end, e.added, calendar_);
    end_reason = concat({end_reason, {" + jatko ", " + förlängning ", " + extension "}, words(e.added),
                         untranslated(" (" + day(e.granted_on) + ")")});
  }
  if (!extensions.empty()) end_rule += "; extensions.max = " + n(pol.max_extensions);
  std::int64_t paused = 0;
  for (const auto& p : pauses) paused += pause_days(p);
  if (paused > 0) {
    end += greg::days(paused);
    end_reason = concat({end_reason, {" + tauot ", " + pauser ", " + pauses "}, days_words(paused)});
    end_rule += "; pauses stop the clock";
  }
  end_reason = concat({end_reason, untranslated(".")});
  out.push_back({deadline_kind::planned_end, end, closure ? std::optional<date>(closure->day) : std::nullopt, !first,
                 end_rule, end_reason});

  // End and follow-up measurements.
  const date measured_end = closure ? closure->day : end;
  out.push_back({deadline_kind::end_measurement, measured_end, std::nullopt, !first && !closure,
                 "measurements.end = at the end",
                 closure ? concat({{"Loppumittaus tuen päättyessä ", "Slutmätningen när stödet avslutas ",
                                    "End measurement when the support closed on "},
                                   untranslated(day(measured_end) + ".")})
                         : concat({{"Loppumittaus suunniteltuna päättymispäivänä ",
                                    "Slutmätningen på den planerade slutdagen ", "End measurement on the planned end "},
                                   untranslated(day(measured_end) + ".")})});
  out.push_back({deadline_kind::follow_up_measurement, add_length(measured_end, pol.follow_up, calendar_), std::nullopt,
                 !first && !closure, rule_text("follow_up.after", to_string(pol.follow_up)),
                 concat({{"Seurantamittaus: tuen päättyminen ", "Uppföljningsmätning: stödets slut ",
                          "Follow-up measurement: end of support "},
                         untranslated(day(measured_end) + " + "), words(pol.follow_up), untranslated(".")})});
  return out;
}

support_status support_period::status(date on) const {
  require_in_calendar(on, "on");
  if (closure_ && closure_->day <= on) return support_status::ended;
  const auto ds = compute(on);
  support_status worst = support_status::on_track;
  for (const auto& d : ds) {
    if (d.kind != deadline_kind::first_contact && d.kind != deadline_kind::no_contact &&
        d.kind != deadline_kind::planned_end) {
      continue;
    }
    if (d.met_on && *d.met_on <= on) continue;
    if (d.due < on) return support_status::overdue;
    if (d.due <= finnish_calendar::last_day() &&
        calendar_.business_days_between(on, d.due) <= policy_.due_soon_business_days) {
      worst = support_status::due_soon;
    }
  }
  return worst;
}

std::vector<support_warning> support_period::warnings(date on) const {
  require_in_calendar(on, "on");
  const auto ds = compute(on);
  std::vector<support_warning> out;
  const auto soon = [&](date due) {
    return due >= on && due <= finnish_calendar::last_day() &&
           calendar_.business_days_between(on, due) <= policy_.due_soon_business_days;
  };
  const bool closed = closure_ && closure_->day <= on;
  const deadline& contact = *find(ds, deadline_kind::first_contact);
  const deadline& end = *find(ds, deadline_kind::planned_end);
  if (!closed && !(contact.met_on && *contact.met_on <= on)) {
    if (contact.due < on) {
      out.push_back({warning_kind::first_contact_overdue, contact.due,
                     concat({{"Ensikontakti myöhässä: määräpäivä oli ", "Första kontakten försenad: sista dagen var ",
                              "First contact overdue: it was due on "},
                             untranslated(day(contact.due) + ".")})});
    } else if (soon(contact.due)) {
      out.push_back({warning_kind::first_contact_due_soon, contact.due,
                     concat({{"Ota ensikontakti viimeistään ", "Ta första kontakten senast ", "Make the first contact by "},
                             untranslated(day(contact.due) + ".")})});
    }
  }
  if (const deadline* nc = find(ds, deadline_kind::no_contact); nc != nullptr && !closed) {
    if (nc->due < on) {
      out.push_back({warning_kind::no_contact_limit_reached, nc->due,
                     concat({{"Ei yhteyttä määräajassa: tuki tulee keskeyttää (raja ", "Ingen kontakt inom gränsen: stödet bör avbrytas (gränsen ",
                              "No contact within the limit: the support should be discontinued (limit "},
                             untranslated(day(nc->due) + ").")})});
    } else if ((nc->due - on).days() <= policy_.no_contact_warning_days) {
      out.push_back({warning_kind::no_contact_warning, nc->due,
                     concat({{"Ota yhteyttä asiakkaaseen: tuki keskeytetään ", "Kontakta klienten: stödet avbryts ",
                              "Contact the client: the support is discontinued on "},
                             untranslated(day(nc->due)), {" ilman yhteyttä.", " utan kontakt.", " without contact."}})});
    }
  }
  if (!closed && contact.met_on && *contact.met_on <= on) {
    if (end.due < on) {
      out.push_back({warning_kind::period_past_end, end.due,
                     concat({{"Tukijakso on päättynyt ", "Stödperioden tog slut ", "The support period ended on "},
                             untranslated(day(end.due)), {": päätä jakso ja tee loppumittaus.", ": avsluta perioden och gör slutmätningen.",
                                                  ": close it and make the end measurement."}})});
    } else if (soon(end.due)) {
      out.push_back({warning_kind::period_ending_soon, end.due,
                     concat({{"Tukijakso päättyy ", "Stödperioden slutar ", "The support period ends on "},
                             untranslated(day(end.due)), {": suunnittele päättäminen ja loppumittaus.",
                                                  ": planera avslutningen och slutmätningen.",
                                                  ": plan the closing and the end measurement."}})});
    }
  }
  if (!closed) {
    int attended = 0;
    for (const meeting& m : meetings_) attended += m.outcome == meeting_outcome::attended && m.day <= on;
    const int remaining = policy_.max_meetings - attended;
    if (remaining == 0) {
      out.push_back({warning_kind::meetings_used_up, end.due,
                     concat({{"Kaikki ", "Alla ", "All "}, untranslated(n(policy_.max_meetings)),
                             {" tapaamista on käytetty.", " möten har använts.", " meetings have been used."}})});
    } else if (remaining <= 2 && attended > 0) {
      out.push_back({warning_kind::meetings_nearly_used, end.due,
                     concat({{"Tapaamisia jäljellä: ", "Möten kvar: ", "Meetings left: "}, untranslated(n(remaining) + ".")})});
    }
  }
  if (closed) {
    const deadline& follow = *find(ds, deadline_kind::follow_up_measurement);
    if (follow.due < on || soon(follow.due)) {
      out.push_back({warning_kind::follow_up_due, follow.due,
                     concat({{"Seurantamittaus ", "Uppföljningsmätningen ", "Follow-up measurement due on "},
                             untranslated(day(follow.due)),
                             {follow.due < on ? " (myöhässä)." : ".", follow.due < on ? " (försenad)." : ".",
                              follow.due < on ? " (overdue)." : "."}})});
    }
  }
  return out;
}

}  // namespace kulkija
