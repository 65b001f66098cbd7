#pragma once
// The pipeline's results as tables (the tool's stdout and the CSV files of `run`), and the
// HTML report.
#include <string>

#include "format.hpp"
#include "region.hpp"

namespace kulkija_tool {

// A text in the tool's three languages.
const std::string& tr(kulkija::text_language lang, const std::string& fi, const std::string& sv,
                      const std::string& en);

table screening_table(const pipeline& p, const std::vector<screening>& screenings);
table matches_table(const pipeline& p);
table deadlines_table(const pipeline& p);
table recommendations_table(const pipeline& p);
table kpi_table(const pipeline& p);
table funnel_table(const pipeline& p);
table caseload_table(const pipeline& p);
// Every link worker's standing on the reporting day: kind, capacity under the policy, last
// supervision and when the next is due, missing training, and why a worker is excluded.
table workers_table(const pipeline& p);
// The workers the matching leaves out on the reporting day, with the reasons.
table excluded_workers_table(const pipeline& p);
// The coordinator's queue: accepted referrals waiting for a link worker, most urgent first.
table queue_table(const pipeline& p);

// The self-contained HTML report: inline CSS and SVG charts, no scripts, no network.
std::string html_report(const pipeline& p);

}  // namespace kulkija_tool
