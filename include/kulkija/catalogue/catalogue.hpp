#pragma once
/// @file
/// @brief The service catalogue (palvelutarjotin): organisations and their activities, with
/// a text search that treats Finnish and Swedish letters properly.

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kulkija/catalogue/activity.hpp"
#include "kulkija/catalogue/organisation.hpp"

namespace kulkija {

/// @addtogroup catalogue
/// @{

/// @brief How fold_text() compares letters.
struct fold_options {
  /// @brief Also fold the Nordic letters: `å` and `ä` to `a`, `ö` and `ø` to `o`, `æ` to
  /// `a`. Off by default, because in Finnish and Swedish collation they are letters of
  /// their own (`Hämeenlinna` is not `Hameenlinna`); turn it on for queries typed on a
  /// keyboard without them.
  bool nordic_letters = false;
  /// @brief Options are equal when every part is.
  friend bool operator==(const fold_options&, const fold_options&) = default;
};

/// @brief Folds text for searching, as Finnish and Swedish collation compares at the
/// primary level.
///
/// The text is decoded as UTF-8; decomposed letters (a base letter and combining marks,
/// Unicode NFD) are composed first, so `a` + U+0308 is `ä`. Then: letters are lower-cased
/// (ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic); accents that are not letters of
/// their own in Finnish or Swedish are removed (`é` → `e`, `š` → `s`, `ü` → `y` as in
/// Finnish collation, `ß` → `ss`); `æ` becomes `ä` and `ø` becomes `ö`; `å`, `ä` and `ö`
/// stay distinct unless `options.nordic_letters` is set. Other characters are kept; bytes
/// that are not valid UTF-8 become U+FFFD.
/// @param text the text
/// @param options how to fold
/// @return the folded UTF-8 text
[[nodiscard]] std::string fold_text(std::string_view text, fold_options options = {});

/// @brief The service catalogue: organisations and their activities, each id once.
///
/// Every activity's organisation is in the catalogue. Adding is all-or-nothing: a rejected
/// add leaves the catalogue as it was.
class catalogue {
 public:
  /// @brief An empty catalogue.
  catalogue() = default;

  /// @brief Adds an organisation.
  /// @param o the organisation
  /// @throws invalid_argument (id invalid_id) naming `organisation_id` when the id is taken.
  void add(organisation o);
  /// @brief Adds an activity.
  /// @param a the activity
  /// @throws invalid_argument (id invalid_id) naming `activity_id` when the id is taken;
  ///         not_found when its organisation is not in the catalogue.
  void add(activity a);

  /// @brief The organisations, in the order added.
  [[nodiscard]] const std::vector<organisation>& organisations() const noexcept { return organisations_; }
  /// @brief The activities, in the order added.
  [[nodiscard]] const std::vector<activity>& activities() const noexcept { return activities_; }
  /// @brief The organisation with id `id`.
  /// @param id the id
  /// @return the organisation
  /// @throws not_found when there is none.
  [[nodiscard]] const organisation& find(const organisation_id& id) const;
  /// @brief The activity with id `id`.
  /// @param id the id
  /// @return the activity
  /// @throws not_found when there is none.
  [[nodiscard]] const activity& find(const activity_id& id) const;

  /// @brief Activities whose text matches every word of `query`, in catalogue order.
  ///
  /// The searched text is the activity's names and descriptions in fi, sv and en, its
  /// categories' and target groups' labels, its municipality's names and its
  /// organisation's name; query and text are compared after fold_text() with `options`,
  /// each query word as a substring. An empty query matches every activity.
  /// @param query words separated by spaces
  /// @param options how to fold letters
  /// @return the matching activities
  [[nodiscard]] std::vector<const activity*> search(std::string_view query, fold_options options = {}) const;

  /// @brief The folded text search() looks in for `a` (for callers that index it themselves).
  /// @param a an activity of this catalogue
  /// @param options how to fold letters
  /// @return the folded text
  [[nodiscard]] std::string search_text(const activity& a, fold_options options = {}) const;

  /// @brief Catalogues are equal when they hold equal organisations and activities in the same order.
  friend bool operator==(const catalogue& a, const catalogue& b) {
    return a.organisations_ == b.organisations_ && a.activities_ == b.activities_;
  }

 private:
  std::vector<organisation> organisations_;
  std::vector<activity> activities_;
  std::unordered_map<std::string, std::size_t> organisation_index_;
  std::unordered_map<std::string, std::size_t> activity_index_;
};

/// @}

}  // namespace kulkija
