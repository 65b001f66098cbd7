#pragma once
/// @file
/// @brief A region's results as tables (what `kulkija run` writes as CSV and prints) and as
/// the self-contained HTML report with SVG charts.

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "kulkija/core/text.hpp"
#include "kulkija/region/run.hpp"

namespace kulkija {

/// @addtogroup region
/// @{

/// @brief A table of texts: the columns' codes, which columns hold numbers, and the rows.
///
/// Numbers are already formatted (a fixed number of decimals); an empty numeric cell is a
/// missing value.
struct report_table {
  std::string title;                           ///< in the result's language, shown above the text form
  std::vector<std::string> columns;            ///< column codes, e.g. `referral`
  std::vector<bool> numeric;                   ///< per column: whether it holds numbers
  std::vector<std::vector<std::string>> rows;  ///< one text per column

  /// @brief An empty table.
  /// @param title_ the title
  /// @param columns_ the column codes
  /// @param numeric_ per column whether it holds numbers (empty: none)
  report_table(std::string title_, std::vector<std::string> columns_, std::vector<bool> numeric_ = {});
  /// @brief Appends a row; a short row is filled with empty cells, a long one cut to the columns.
  /// @param row one text per column
  void add(std::vector<std::string> row);
};

/// @brief Eligibility: one row per screening, with the criteria that failed, are
/// undetermined or warn, and the reasons.
/// @param screenings the screenings (e.g. region_result::screenings, or some of them)
/// @param lang the language of the title
/// @return the table
[[nodiscard]] report_table screening_table(std::span<const screening> screenings, text_language lang);
/// @brief The matching: one row per referral waiting for a link worker, matched or not, with the reasons.
/// @param p the result
/// @return the table
[[nodiscard]] report_table matches_table(const region_result& p);
/// @brief Every deadline of every planned period, with its rule, status and warnings.
/// @param p the result
/// @return the table
[[nodiscard]] report_table deadlines_table(const region_result& p);
/// @brief The recommended activities per client, best first, with the reasons.
/// @param p the result
/// @return the table
[[nodiscard]] report_table recommendations_table(const region_result& p);
/// @brief The KPIs as `metric, value, label` rows (the summary of `kulkija run`).
/// @param p the result
/// @return the table
[[nodiscard]] report_table kpi_table(const region_result& p);
/// @brief The referral funnel: reached, open and dropped per stage.
/// @param p the result
/// @return the table
[[nodiscard]] report_table funnel_table(const region_result& p);
/// @brief Every link worker's capacity, caseload, this run's matches and free places.
/// @param p the result
/// @return the table
[[nodiscard]] report_table caseload_table(const region_result& p);
/// @brief Every link worker's standing on the reporting day: kind, capacity under the
/// policy, last supervision and when the next is due, missing training, and why a worker
/// is excluded.
/// @param p the result
/// @return the table
[[nodiscard]] report_table workers_table(const region_result& p);
/// @brief The link workers the matching leaves out on the reporting day, with the reasons.
/// @param p the result
/// @return the table
[[nodiscard]] report_table excluded_workers_table(const region_result& p);
/// @brief The coordinator's queue: accepted referrals waiting for a link worker, most urgent first.
/// @param queue the queue (coordinator_queue())
/// @param lang the language of the title and the reasons
/// @return the table
[[nodiscard]] report_table queue_table(std::span<const queue_entry> queue, text_language lang);

/// @brief The tables `kulkija run` writes, each with the stem of its CSV file: `summary`,
/// `screening`, `matches`, `deadlines`, `recommendations`, `funnel`, `caseloads`, `workers`,
/// `queue`.
/// @param p the result
/// @return the tables, in that order
[[nodiscard]] std::vector<std::pair<std::string, report_table>> report_tables(const region_result& p);

/// @brief The self-contained HTML report: the KPIs, the funnel, wellbeing change, visits,
/// deadlines, caseloads, link workers, the queue and the matching; inline CSS and SVG
/// charts, no scripts, no network. Texts in the result's language; a region name holding a
/// personal identity code is redacted.
/// @param p the result
/// @return the HTML document
[[nodiscard]] std::string report_html(const region_result& p);

/// @}

}  // namespace kulkija
