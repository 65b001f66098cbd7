#pragma once
/// @file
/// @brief The workforce facts of one link worker: who they are, what kind of worker, their
/// own capacity and caseload, how they meet clients, when they take clients, their training
/// and their last supervision.

#include <optional>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/core/id.hpp"
#include "kulkija/referral/client.hpp"
#include "kulkija/workforce/training.hpp"
#include "kulkija/workforce/worker_kind.hpp"

namespace kulkija {

/// @addtogroup workforce
/// @{

/// @brief One link worker as the workforce area sees them: what the workforce policy and the
/// capacity planning read of a worker, and nothing the matching scores (languages, places,
/// specialisms).
///
/// The standing functions (effective_capacity(), supervision_current(), missing_training(),
/// standing_of() ...) take a member. A matching link_worker holds one (link_worker::member())
/// and the matching asks the workforce area, through it, whether the worker is matchable on
/// a day.
///
/// The worker's own capacity is what the worker can take; the region's policy caps it by the
/// kind's caseload limit (kind_policy::caseload_limit, see effective_capacity()).
///
/// Every setter validates and leaves the member unchanged when it throws.
/// @code
/// kulkija::workforce_member m(kulkija::link_worker_id("lw-1"), 5, kulkija::worker_kind::volunteer);
/// m.set_last_supervision(kulkija::date(2026, 2, 20));
/// bool current = kulkija::supervision_current(kulkija::workforce_policy{}, m, kulkija::date(2026, 3, 2));
/// @endcode
class workforce_member {
 public:
  /// @brief Creates a member with no caseload, training or supervision recorded, taking
  /// clients on every day and in every meeting mode.
  /// @param id the worker's id
  /// @param capacity how many clients at once, 0 to 1000
  /// @param kind what kind of link worker (an employed professional by default)
  /// @throws invalid_argument naming `capacity` and the rule.
  workforce_member(link_worker_id id, int capacity, worker_kind kind = worker_kind::professional);

  /// @brief The worker's id.
  [[nodiscard]] const link_worker_id& id() const noexcept { return id_; }
  /// @brief What kind of link worker.
  [[nodiscard]] worker_kind kind() const noexcept { return kind_; }
  /// @brief How many clients at once (the worker's own capacity, before the kind's limit).
  [[nodiscard]] int capacity() const noexcept { return capacity_; }
  /// @brief How many clients the worker has now.
  [[nodiscard]] int caseload() const noexcept { return caseload_; }
  /// @brief Places left now: capacity() - caseload(), at least 0.
  [[nodiscard]] int free_places() const noexcept { return caseload_ < capacity_ ? capacity_ - caseload_ : 0; }
  /// @brief How the worker meets clients (empty: every way).
  [[nodiscard]] const std::vector<meeting_mode>& meeting_modes() const noexcept { return meeting_modes_; }
  /// @brief The first day the worker takes clients, when limited.
  [[nodiscard]] const std::optional<date>& active_from() const noexcept { return active_from_; }
  /// @brief The last day the worker takes clients, when limited.
  [[nodiscard]] const std::optional<date>& active_to() const noexcept { return active_to_; }
  /// @brief Whether the worker takes clients on `day`.
  /// @param day the day
  /// @return true when `day` is within active_from() to active_to()
  [[nodiscard]] bool active_on(date day) const noexcept {
    return (!active_from_ || day >= *active_from_) && (!active_to_ || day <= *active_to_);
  }
  /// @brief The courses the worker has completed, in the order recorded.
  [[nodiscard]] const std::vector<training_record>& training() const noexcept { return training_; }
  /// @brief The competences of the training records valid on `day`, in the order of
  /// competence, each once.
  /// @param day the day
  /// @return the competences
  [[nodiscard]] std::vector<competence> competences_on(date day) const;
  /// @brief The day of the worker's last supervision (työnohjaus), if ever.
  [[nodiscard]] const std::optional<date>& last_supervision() const noexcept { return last_supervision_; }

  /// @brief Sets the kind of link worker.
  /// @param k the kind
  void set_kind(worker_kind k) noexcept { kind_ = k; }
  /// @brief Sets the capacity and the current caseload.
  /// @param capacity 0 to 1000
  /// @param caseload 0 to 1000 (may exceed capacity after a capacity cut)
  /// @throws invalid_argument naming `capacity` or `caseload`.
  void set_capacity(int capacity, int caseload);
  /// @brief Replaces the meeting modes (no duplicates; empty: every way).
  /// @param modes the modes
  /// @throws invalid_argument naming `meeting_modes`.
  void set_meeting_modes(std::vector<meeting_mode> modes);
  /// @brief Sets the days on which the worker takes clients.
  /// @param from the first day, or nothing
  /// @param to the last day, or nothing; not before `from`
  /// @throws invalid_argument (id invalid_date) naming `active_from` or `active_to`.
  void set_active(std::optional<date> from, std::optional<date> to);
  /// @brief Replaces the training records.
  /// @param records the records, each valid (see validate(const training_record&))
  /// @throws invalid_argument naming `training[i].<field>` and the rule.
  void set_training(std::vector<training_record> records);
  /// @brief Adds one training record.
  /// @param record the record
  /// @throws invalid_argument naming `training.<field>` and the rule.
  void add_training(training_record record);
  /// @brief Records the day of the last supervision.
  /// @param day the day, or nothing when never supervised
  /// @throws invalid_argument (id invalid_date) naming `last_supervision` when the day is special.
  void set_last_supervision(std::optional<date> day);

  /// @brief Members are equal when every field is equal.
  friend bool operator==(const workforce_member&, const workforce_member&) = default;

 private:
  link_worker_id id_;
  worker_kind kind_ = worker_kind::professional;
  int capacity_;
  int caseload_ = 0;
  std::vector<meeting_mode> meeting_modes_;
  std::optional<date> active_from_;
  std::optional<date> active_to_;
  std::vector<training_record> training_;
  std::optional<date> last_supervision_;
};

/// @}

}  // namespace kulkija
