#include "kulkija/workforce/member.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "kulkija/core/error.hpp"

namespace kulkija {

namespace {

void check_count(std::string_view field, int value) {
  if (value < 0 || value > 1000) {
    throw invalid_argument(error_id::invalid_value, std::string(field),
                           "must be from 0 to 1000, got " + std::to_string(value));
  }
}

}  // namespace

workforce_member::workforce_member(link_worker_id id, int capacity, worker_kind kind)
    : id_(std::move(id)), kind_(kind), capacity_(capacity) {
  check_count("capacity", capacity_);
}

std::vector<competence> workforce_member::competences_on(date day) const {
  std::array<bool, competence_count> held{};
  for (const auto& r : training_) {
    if (!r.valid_on(day)) continue;
    for (competence c : r.competences) held[static_cast<std::size_t>(c)] = true;
  }
  std::vector<competence> out;
  for (std::size_t i = 0; i < held.size(); ++i) {
    if (held[i]) out.push_back(static_cast<competence>(i));
  }
  return out;
}

void workforce_member::set_capacity(int capacity, int caseload) {
  check_count("capacity", capacity);
  check_count("caseload", caseload);
  capacity_ = capacity;
  caseload_ = caseload;
}

void workforce_member::set_meeting_modes(std::vector<meeting_mode> modes) {
  for (std::size_t i = 0; i < modes.size(); ++i) {
    const auto end = modes.begin() + static_cast<std::ptrdiff_t>(i);
    if (std::find(modes.begin(), end, modes[i]) != end) {
      throw invalid_argument(error_id::invalid_value, "meeting_modes[" + std::to_string(i) + "]", "is listed twice");
    }
  }
  meeting_modes_ = std::move(modes);
}

void workforce_member::set_active(std::optional<date> from, std::optional<date> to) {
  if ((from && from->is_special()) || (to && to->is_special())) {
    throw invalid_argument(error_id::invalid_date, from && from->is_special() ? "active_from" : "active_to",
                           "must be a real date");
  }
  if (from && to && *to < *from) {
    throw invalid_argument(error_id::invalid_date, "active_to", "must not be before active_from (" + format_date(*from) + ")");
  }
  active_from_ = from;
  active_to_ = to;
}

void workforce_member::set_training(std::vector<training_record> records) {
  for (std::size_t i = 0; i < records.size(); ++i) {
    try {
      validate(records[i]);
    } catch (const invalid_argument& e) {
      throw invalid_argument(e.id(), "training[" + std::to_string(i) + "]." + e.field(), e.rule());
    }
  }
  training_ = std::move(records);
}

void workforce_member::add_training(training_record record) {
  try {
    validate(record);
  } catch (const invalid_argument& e) {
    throw invalid_argument(e.id(), "training." + e.field(), e.rule());
  }
  training_.push_back(std::move(record));  // strong guarantee: push_back leaves the vector as it was if it throws
}

void workforce_member::set_last_supervision(std::optional<date> day) {
  if (day && day->is_special()) {
    throw invalid_argument(error_id::invalid_date, "last_supervision", "must be a real date, not a special value");
  }
  last_supervision_ = day;
}

}  // namespace kulkija
