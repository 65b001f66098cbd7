#pragma once
// The region folder the tool works on, and the whole pipeline on it: screening, matching,
// support periods and deadlines, recommendations and KPIs. The library does the work; this
// file only reads the folder's files and strings the library's calls together.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kulkija/kulkija.hpp"

namespace kulkija_tool {

namespace fs = std::filesystem;

// region.json: what the region uses; every path is relative to the region folder.
struct region_config {
  std::string name;                      // shown in the report
  kulkija::date as_of{2026, 1, 1};       // the reporting day
  std::vector<std::string> rule_sets;    // rule-set JSON files (several versions may be listed)
  std::string rule_set = "wellbeing-referral";  // the id of the rule set that screens referrals
  std::string support_policy;            // support-policy JSON (empty: the library's defaults)
  std::string matching_policy;           // matching-policy JSON (empty: the library's defaults)
  std::string catalogue = "catalogue.json";  // HSDS catalogue (empty: no recommendations)
  double mobility_radius_km = 30;        // the recommendation request's radius
  std::size_t recommendations = 3;       // activities recommended per client
};

// What the referrer recorded for the rule set beyond the referral (assessments.csv).
struct assessment {
  std::optional<double> wellbeing;
  std::optional<bool> needs_medical_care;
  std::optional<bool> own_resources_sufficient;
};

struct visit {
  kulkija::client_id client;
  kulkija::date day;
  std::string kind;
};

struct region_data {
  fs::path dir;
  region_config config;
  kulkija::region_records records;
  std::map<int, kulkija::geo_point> centres;  // municipality code -> centre (municipalities.csv)
  std::map<std::string, kulkija::geo_point> locations;  // client -> location (client_locations.csv)
  std::vector<kulkija::link_worker> workers;  // link_workers.csv with training.csv, caseloads from the records
  std::map<std::string, assessment> assessments;
  kulkija::rule_set_collection rules;
  kulkija::support_policy support;
  kulkija::matching_policy matching;
  std::optional<kulkija::catalogue> catalogue;
  std::vector<kulkija::measurement> measurements;                       // measurements.csv
  std::map<std::string, std::vector<kulkija::meeting>> meetings;        // meetings.csv by referral
  std::vector<visit> visits;                                            // visits.csv
};

// Reads a region folder. Throws kulkija::error (parse_error with file, line and column or
// JSON path; not_found for a missing required file).
region_data load_region(const fs::path& dir);

// Reads the optional config of a region folder (region.json) alone.
region_config read_region_config(const fs::path& dir);

// Parses region.json text; errors name the JSON path.
region_config region_config_from_json(const std::string& text);

// Where a client meets: client_locations.csv, else the municipality's centre, else nothing.
std::optional<kulkija::geo_point> location_of(const region_data& region, const kulkija::client& c);

// The progress callback: stage name, done, total.
using progress_fn = std::function<void(const std::string&, std::size_t, std::size_t)>;

struct screening {
  const kulkija::referral* referral = nullptr;
  kulkija::date on;                           // the day screened (issue day, or as_of for drafts)
  std::optional<kulkija::decision> decision;  // empty when no rule set is in force on the day
  std::string error;                          // why there is no decision
};

struct planned_period {
  const kulkija::referral* referral = nullptr;
  std::string worker;  // the link worker (matched now for newly matched referrals)
  bool planned = false;  // true: matched by this run, the period starts at the match
  kulkija::support_period period;
  kulkija::support_status status = kulkija::support_status::on_track;
  std::vector<kulkija::deadline> deadlines;
  std::vector<kulkija::support_warning> warnings;
};

struct client_recommendations {
  const kulkija::referral* referral = nullptr;
  std::vector<kulkija::recommendation> items;
};

struct change_kpi {
  std::string instrument;
  std::string scale;
  kulkija::change_summary summary;
  kulkija::score_direction direction = kulkija::score_direction::higher_is_better;
};

struct funnel_row {
  kulkija::funnel_stage stage;
  std::size_t reached = 0;
  std::size_t open = 0;
  std::size_t dropped = 0;
};

struct caseload_row {
  std::string worker;
  kulkija::worker_kind kind = kulkija::worker_kind::professional;
  int capacity = 0;      // the own capacity cut to the kind's limit (kulkija::effective_capacity)
  int caseload = 0;      // before this run's matches
  int matched_now = 0;   // added by this run's matches
};

struct kpi_set {
  std::map<kulkija::referral_state, std::size_t> by_state;
  std::map<kulkija::decision_status, std::size_t> screened;
  std::size_t unscreened = 0;
  std::vector<funnel_row> funnel;
  std::size_t first_contacts = 0;
  std::size_t first_contacts_in_time = 0;
  std::optional<double> median_business_days_to_first_contact;
  std::vector<change_kpi> changes;  // start -> end
  std::size_t visit_clients = 0;    // supports in the visit comparison
  std::size_t visits_before = 0;
  std::size_t visits_after = 0;
  std::map<kulkija::support_status, std::size_t> deadline_status;
  std::vector<caseload_row> caseloads;
  std::map<kulkija::worker_kind, std::size_t> workers_by_kind;
};

struct pipeline {
  const region_data* region = nullptr;
  kulkija::text_language lang = kulkija::text_language::en;
  std::vector<screening> screenings;
  std::vector<const kulkija::referral*> waiting;  // waiting for a link worker, in referral order
  std::vector<kulkija::matching_client> waiting_clients;
  std::vector<kulkija::link_worker> workers;      // with their caseloads before matching
  kulkija::match_result matches;
  std::vector<kulkija::worker_standing> standings;  // every worker's standing on the reporting day
  std::vector<kulkija::queue_entry> queue;          // the coordinator's queue (accepted, not assigned)
  std::vector<planned_period> periods;            // open supports and this run's matches
  std::vector<client_recommendations> recommendations;
  kpi_set kpis;
};

// The visit comparison window, as kulkija.outcomes.visit_windows: days before first contact
// and after the closure.
inline constexpr int visit_window_days = 180;

struct pipeline_options {
  bool stable = false;  // stable matching instead of the optimal assignment
  std::optional<std::string> only_referral;  // restrict per-referral outputs to this referral
};

// Runs every stage. Throws kulkija::error for data the library rejects.
pipeline run_pipeline(const region_data& region, kulkija::text_language lang, const pipeline_options& options,
                      const progress_fn& progress);

// Screening alone (used by `check`).
std::vector<screening> screen(const region_data& region, kulkija::text_language lang, const progress_fn& progress);

// The record the rule set reads for a referral: the library's client record plus the
// referral's assessment.
kulkija::record screening_record(const region_data& region, const kulkija::referral& r, kulkija::date on);

}  // namespace kulkija_tool
