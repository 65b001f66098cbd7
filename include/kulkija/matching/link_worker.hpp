#pragma once
/// @file
/// @brief The link worker (linkkihenkilö) who walks alongside a client, and where they are.

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/core/geo.hpp"
#include "kulkija/core/id.hpp"
#include "kulkija/core/language.hpp"
#include "kulkija/core/municipality.hpp"
#include "kulkija/referral/client.hpp"
#include "kulkija/referral/need.hpp"
#include "kulkija/workforce/member.hpp"
#include "kulkija/workforce/training.hpp"
#include "kulkija/workforce/worker_kind.hpp"

namespace kulkija {

/// @addtogroup matching
/// @{

/// @brief What a link worker is especially experienced with.
enum class specialism : std::uint8_t {
  older_people,      ///< older people living at home
  young_adults,      ///< young adults (18-29)
  mental_wellbeing,  ///< low mood, stress, loneliness
  employment,        ///< unemployment and the way back to work or study
  immigrants,        ///< newcomers and integration
  caregivers,        ///< family carers (omaishoitajat)
  physical_activity, ///< moving more, sports associations
  digital_skills,    ///< digital services and devices
  bereavement,       ///< loss of a loved one
};
/// @brief The code of a specialism, e.g. `older_people`.
/// @param s the specialism
/// @return its code
[[nodiscard]] std::string_view to_string(specialism s) noexcept;
/// @brief Parses a specialism's code.
/// @param code the code
/// @return the specialism
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] specialism parse_specialism(std::string_view code);
/// @brief The specialism's readable label in fi, sv and en.
/// @param s the specialism
/// @return the labels
[[nodiscard]] const localized_text& label(specialism s) noexcept;
/// @brief The specialisms that serve a need, e.g. `unemployment` is served by `employment`.
/// @param n the need
/// @return the specialisms (one or two)
[[nodiscard]] std::vector<specialism> specialisms_for(need n);

/// @brief A link worker (linkkihenkilö): who they are to the matching, where and when they
/// work, how many clients they can walk alongside at once, what kind of worker they are,
/// their training and their last supervision.
///
/// The workforce facts (kind, own capacity and caseload, meeting modes, active days,
/// training, last supervision) are held as a workforce_member (member()): the matching asks
/// the workforce area, through it, whether the worker can take clients on a day.
///
/// The worker's own capacity is what the worker can take; the region's policy caps it by the
/// kind's caseload limit (kind_policy::caseload_limit, see effective_capacity()).
///
/// Every setter validates and leaves the worker unchanged when it throws.
class link_worker {
 public:
  /// @brief Creates a link worker.
  /// @param id the worker's id
  /// @param languages the languages the worker works in, at least one, no duplicates
  /// @param home the municipality the worker works from
  /// @param capacity how many clients at once, 0 to 1000
  /// @param kind what kind of link worker (an employed professional by default)
  /// @throws invalid_argument naming `languages` or `capacity` and the rule.
  link_worker(link_worker_id id, std::vector<language> languages, municipality home, int capacity,
              worker_kind kind = worker_kind::professional);

  /// @brief The id.
  [[nodiscard]] const link_worker_id& id() const noexcept { return member_.id(); }
  /// @brief The working languages.
  [[nodiscard]] const std::vector<language>& languages() const noexcept { return languages_; }
  /// @brief Whether the worker works in `l`.
  /// @param l the language
  /// @return true when `l` is one of languages()
  [[nodiscard]] bool speaks(const language& l) const noexcept;
  /// @brief The municipality the worker works from.
  [[nodiscard]] const municipality& home() const noexcept { return home_; }
  /// @brief Where the worker starts from, when known.
  [[nodiscard]] const std::optional<geo_point>& location() const noexcept { return location_; }
  /// @brief How far the worker travels to meet a client, in km (nothing: no limit).
  [[nodiscard]] const std::optional<double>& travel_radius_km() const noexcept { return travel_radius_km_; }
  /// @brief How many clients at once.
  [[nodiscard]] int capacity() const noexcept { return member_.capacity(); }
  /// @brief How many clients the worker has now.
  [[nodiscard]] int caseload() const noexcept { return member_.caseload(); }
  /// @brief Places left now: capacity() - caseload(), at least 0.
  [[nodiscard]] int free_places() const noexcept { return member_.free_places(); }
  /// @brief The worker's specialisms.
  [[nodiscard]] const std::vector<specialism>& specialisms() const noexcept { return specialisms_; }
  /// @brief The worker's gender, when recorded.
  [[nodiscard]] const std::optional<gender>& worker_gender() const noexcept { return gender_; }
  /// @brief When the worker can meet clients (empty: any time).
  [[nodiscard]] const std::vector<time_window>& availability() const noexcept { return availability_; }
  /// @brief How the worker meets clients (empty: every way).
  [[nodiscard]] const std::vector<meeting_mode>& meeting_modes() const noexcept { return member_.meeting_modes(); }
  /// @brief The first day the worker takes clients, when limited.
  [[nodiscard]] const std::optional<date>& active_from() const noexcept { return member_.active_from(); }
  /// @brief The last day the worker takes clients, when limited.
  [[nodiscard]] const std::optional<date>& active_to() const noexcept { return member_.active_to(); }
  /// @brief Whether the worker takes clients on `day`.
  /// @param day the day
  /// @return true when `day` is within active_from() to active_to()
  [[nodiscard]] bool active_on(date day) const noexcept { return member_.active_on(day); }
  /// @brief What kind of link worker.
  [[nodiscard]] worker_kind kind() const noexcept { return member_.kind(); }
  /// @brief The courses the worker has completed, in the order recorded.
  [[nodiscard]] const std::vector<training_record>& training() const noexcept { return member_.training(); }
  /// @brief The competences of the training records valid on `day`, in the order of
  /// competence, each once.
  /// @param day the day
  /// @return the competences
  [[nodiscard]] std::vector<competence> competences_on(date day) const { return member_.competences_on(day); }
  /// @brief The day of the worker's last supervision (työnohjaus), if ever.
  [[nodiscard]] const std::optional<date>& last_supervision() const noexcept {
    return member_.last_supervision();
  }
  /// @brief The worker's workforce facts (id, kind, own capacity and caseload, meeting
  /// modes, active days, training, last supervision), which the workforce area's standing
  /// functions read: e.g. `kulkija::matchable_on(policy.workforce, w.member(), day)`.
  [[nodiscard]] const workforce_member& member() const noexcept { return member_; }

  /// @brief Replaces the working languages.
  /// @param languages at least one, no duplicates
  /// @throws invalid_argument naming `languages`.
  void set_languages(std::vector<language> languages);
  /// @brief Records where the worker starts from.
  /// @param p the point, or nothing
  /// @throws invalid_argument naming `location.latitude` or `location.longitude`.
  void set_location(std::optional<geo_point> p);
  /// @brief Sets how far the worker travels.
  /// @param km 0 to 2000 km, or nothing for no limit
  /// @throws invalid_argument naming `travel_radius_km`.
  void set_travel_radius_km(std::optional<double> km);
  /// @brief Sets the capacity and the current caseload.
  /// @param capacity 0 to 1000
  /// @param caseload 0 to 1000 (may exceed capacity after a capacity cut)
  /// @throws invalid_argument naming `capacity` or `caseload`.
  void set_capacity(int capacity, int caseload) { member_.set_capacity(capacity, caseload); }
  /// @brief Replaces the specialisms (no duplicates).
  /// @param s the specialisms
  /// @throws invalid_argument naming `specialisms`.
  void set_specialisms(std::vector<specialism> s);
  /// @brief Records the worker's gender.
  /// @param g the gender, or nothing
  void set_gender(std::optional<gender> g) noexcept { gender_ = g; }
  /// @brief Replaces the availability (no duplicates; empty: any time).
  /// @param windows the time windows
  /// @throws invalid_argument naming `availability`.
  void set_availability(std::vector<time_window> windows);
  /// @brief Replaces the meeting modes (no duplicates; empty: every way).
  /// @param modes the modes
  /// @throws invalid_argument naming `meeting_modes`.
  void set_meeting_modes(std::vector<meeting_mode> modes) { member_.set_meeting_modes(std::move(modes)); }
  /// @brief Sets the days on which the worker takes clients.
  /// @param from the first day, or nothing
  /// @param to the last day, or nothing; not before `from`
  /// @throws invalid_argument (id invalid_date) naming `active_to`.
  void set_active(std::optional<date> from, std::optional<date> to) { member_.set_active(from, to); }

  /// @brief Sets the kind of link worker.
  /// @param k the kind
  void set_kind(worker_kind k) noexcept { member_.set_kind(k); }
  /// @brief Replaces the training records.
  /// @param records the records, each valid (see validate(const training_record&))
  /// @throws invalid_argument naming `training[i].<field>` and the rule.
  void set_training(std::vector<training_record> records) { member_.set_training(std::move(records)); }
  /// @brief Adds one training record.
  /// @param record the record
  /// @throws invalid_argument naming `training.<field>` and the rule.
  void add_training(training_record record) { member_.add_training(std::move(record)); }
  /// @brief Records the day of the last supervision.
  /// @param day the day, or nothing when never supervised
  /// @throws invalid_argument (id invalid_date) naming `last_supervision` when the day is special.
  void set_last_supervision(std::optional<date> day) { member_.set_last_supervision(day); }

  /// @brief Workers are equal when every field is equal.
  friend bool operator==(const link_worker&, const link_worker&) = default;

 private:
  std::vector<language> languages_;  // before member_: the languages are checked before the capacity
  municipality home_;
  workforce_member member_;
  std::optional<geo_point> location_;
  std::optional<double> travel_radius_km_;
  std::vector<specialism> specialisms_;
  std::optional<gender> gender_;
  std::vector<time_window> availability_;
};

/// @}

}  // namespace kulkija
