#pragma once
/// @file
/// @brief Forward declarations of kulkija's public classes and structs (generated from the
/// headers; `basic_id` and the id aliases are in kulkija/core/id.hpp).

namespace kulkija {

template <class Tag>
class basic_id;

// core
class error;
class parse_error;
class invalid_argument;
class invalid_transition;
class not_found;
class conflict;
class storage_error;
struct referral_id_tag;
struct client_id_tag;
struct professional_id_tag;
struct link_worker_id_tag;
struct organisation_id_tag;
struct activity_id_tag;
class language;
class municipality;
struct localized_text;
struct geo_point;

// referral
struct client_preferences;
class client;
struct transition;
struct actor;
struct lifecycle_event;
struct history_entry;
class need_set;
class professional;
class referral;

// eligibility
struct column_view;
class column_table;
class compiled_rule;
class compiled_rule_set;
struct criterion_result;
struct decision;
struct evaluation;
class expression;
struct integer_range;
struct code_value;
struct code_set_value;
class record;
struct criterion;
class rule_set;
class rule_set_collection;
struct field_spec;
class field_schema;

// support
struct holiday;
struct closure_day;
struct calendar_options;
class finnish_calendar;
struct length;
struct support_policy;
struct meeting;
struct support_pause;
struct support_extension;
struct support_closure;
struct deadline;
struct support_warning;
class support_period;

// matching
struct cost_matrix_view;
struct assignment_result;
class link_worker;
struct matched_pair;
struct unmatched_client;
struct match_result;
struct travel_time_matrix;
struct scored_problem;
struct excluded_pair;
struct matching_weights;
struct matching_policy;
struct matching_client;
struct component_score;
struct match_score;
struct stable_preferences;
struct stable_result;
struct worker_standing;
struct reassignment;
struct reassignment_plan;

// workforce
struct training_record;
struct kind_policy;
struct continuity_policy;
struct workforce_policy;
class workforce_member;
struct standing_requirements;
struct workforce_standing;
struct queue_entry;
struct referral_inflow;
struct capacity_referral;
struct workforce_group;
struct capacity_options;
struct capacity_client;
struct capacity_month;
struct capacity_kind_month;
struct capacity_summary;
struct capacity_result;
struct hiring_option;
struct capacity_plan;

// catalogue
struct recurrence_rule;
struct activity_cost;
struct activity_spec;
class activity;
struct fold_options;
class catalogue;
class organisation;
struct recommendation_weights;
struct recommendation_request;
struct recommendation_reason;
struct recommendation;

// outcomes
struct client_change;
struct change_summary;
struct instrument_item;
struct instrument_scale;
struct instrument;
struct scale_score;
struct measurement;
struct scored_measurement;
struct milestone_event;
struct referral_milestones;

// interop
class csv_table;
struct fhir_status;
struct hsds_import_options;
struct hsds_warning;
struct hsds_taxonomy_term;
struct hsds_import;
struct region_records;
struct worker_training;

// privacy
struct identity_code_facts;
class pseudonym_key;

// store
namespace store {
struct accessor;
struct append_result;
struct stored_event;
struct referral_summary;
struct due_deadline;
struct outbox_message;
struct drain_result;
struct audit_entry;
struct subject_record;
struct retention_rule;
struct retention_result;
struct open_options;
struct import_summary;
class referral_store;
class register_db;
}  // namespace store

}  // namespace kulkija
