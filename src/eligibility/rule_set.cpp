#include "kulkija/eligibility/rule_set.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>


#include "../detail/json.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/detail/rule_node.hpp"
#include "kulkija/eligibility/client_record.hpp"

namespace kulkija {

namespace {

using detail::json;
using detail::json_fail;
using detail::json_member_path;

[[noreturn]] void fail(const std::string& path, const std::string& message, error_id id = error_id::parse_syntax) {
  json_fail(path, message, id);
}

const json& member(const json& obj, const std::string& key, const std::string& path) {
  const auto it = obj.find(key);
  if (it == obj.end()) detail::json_missing(json_member_path(path, key));
  return *it;
}

std::string string_at(const json& j, const std::string& path, bool allow_empty = false) {
  std::string s = detail::json_as_string(j, path);
  if (!allow_empty && s.empty()) fail(path, "must not be empty");
  try {
    validate_free_text(path, s, 2000);
  } catch (const invalid_argument& e) {
    fail(path, e.rule());
  }
  return s;
}

// The object's members must be among `allowed`: the shared check, with a suggestion first
// when an unknown member is close to a known one.
void check_keys(const json& obj, const std::string& path, std::initializer_list<std::string_view> allowed) {
  const detail::json_object o(obj, path);
  const std::vector<std::string> names(allowed.begin(), allowed.end());
  for (const auto& [key, value] : obj.items()) {
    if (std::find(names.begin(), names.end(), key) != names.end()) continue;
    if (auto near = closest_name(key, names)) {
      fail(o.path(key), "unknown member " + quote(key) + " (did you mean '" + *near + "'?)");
    }
  }
  o.allow(allowed);
}

bool is_id(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.';
  });
}

std::string id_at(const json& j, const std::string& path) {
  std::string s = string_at(j, path);
  if (!is_id(s)) fail(path, quote(s) + " is not an id (1 to 64 of A-Z a-z 0-9 _ - .)");
  return s;
}

date date_at(const json& j, const std::string& path) {
  const std::string s = string_at(j, path);
  try {
    return parse_date(s);
  } catch (const parse_error&) {
    fail(path, quote(s) + " is not an ISO 8601 date YYYY-MM-DD", error_id::parse_date);
  }
}

using detail::json_bare_message;

expression parse_at(const std::string& text, const std::shared_ptr<const field_schema>& schema,
                    const named_rules& rules, const std::string& path) {
  try {
    return expression::parse(text, schema, rules);
  } catch (const parse_error& e) {
    throw parse_error(e.id(), json_bare_message(e), e.line(), e.column(), path);
  }
}

localized_text reason_at(const json& j, const std::string& path) {
  check_keys(j, path, {"fi", "sv", "en"});
  return {string_at(member(j, "fi", path), path + ".fi"), string_at(member(j, "sv", path), path + ".sv"),
          string_at(member(j, "en", path), path + ".en")};
}

}  // namespace

rule_set rule_set::from_json(std::string_view text, std::shared_ptr<const field_schema> schema) {
  if (!schema) schema = client_schema();
  const json doc = detail::parse_json(text);
  check_keys(doc, "$", {"id", "version", "region", "valid_from", "valid_to", "description", "rules", "criteria"});
  rule_set rs;
  rs.schema_ = schema;
  rs.id_ = id_at(member(doc, "id", "$"), "$.id");
  rs.version_ = id_at(member(doc, "version", "$"), "$.version");
  rs.region_ = string_at(member(doc, "region", "$"), "$.region");
  rs.valid_from_ = date_at(member(doc, "valid_from", "$"), "$.valid_from");
  if (const auto it = doc.find("valid_to"); it != doc.end() && !it->is_null()) {
    rs.valid_to_ = date_at(*it, "$.valid_to");
    if (*rs.valid_to_ < rs.valid_from_) fail("$.valid_to", "must not be before valid_from", error_id::parse_date);
  }
  if (const auto it = doc.find("description"); it != doc.end()) (void)string_at(*it, "$.description", true);

  // named sub-rules, parsed in dependency order
  std::map<std::string, std::string> texts;
  if (const auto it = doc.find("rules"); it != doc.end()) {
    detail::json_as_object(*it, "$.rules");
    for (const auto& [name, value] : it->items()) {
      const std::string path = json_member_path("$.rules", name);
      if (!is_id(name) || name.find_first_of("-.") != std::string::npos || (name[0] >= '0' && name[0] <= '9') ||
          is_rule_keyword(name)) {
        fail("$.rules", "rule name " + quote(name) + " is not an identifier or is a keyword");
      }
      if (schema->find(name)) fail(path, "rule name '" + name + "' is also a field");
      texts[name] = string_at(value, path);
    }
  }
  std::map<std::string, int> state;  // 1 = in progress, 2 = done
  std::vector<std::string> chain;
  std::function<void(const std::string&)> resolve = [&](const std::string& name) {
    if (state[name] == 2) return;
    if (state[name] == 1) {
      std::string cycle;
      const auto from = std::find(chain.begin(), chain.end(), name);
      for (auto c = from; c != chain.end(); ++c) cycle += *c + " -> ";
      fail("$.rules." + name, "rule '" + name + "' refers to itself: " + cycle + name, error_id::parse_rule_cycle);
    }
    if (chain.size() >= max_rule_depth) {  // each sub-rule opens a level: the parse would fail; fail before recursing
      fail("$.rules." + name, "sub-rules nest deeper than " + std::to_string(max_rule_depth) +
                                  " levels (each sub-rule's name opens a level)");
    }
    state[name] = 1;
    chain.push_back(name);
    for (const auto& used : detail::identifiers_in(texts[name])) {
      if (texts.count(used) != 0 && !schema->find(used)) resolve(used);
    }
    chain.pop_back();
    rs.rules_.emplace(name, parse_at(texts[name], schema, rs.rules_, "$.rules." + name));
    state[name] = 2;
  };
  for (const auto& entry : texts) resolve(entry.first);

  const json& criteria = member(doc, "criteria", "$");
  detail::json_as_array(criteria, "$.criteria");
  if (criteria.empty()) fail("$.criteria", "must hold at least one criterion");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < criteria.size(); ++i) {
    const std::string path = detail::json_item_path("$.criteria", i);
    const json& c = criteria[i];
    check_keys(c, path, {"id", "kind", "expression", "reason"});
    std::string id = id_at(member(c, "id", path), path + ".id");
    if (!seen.insert(id).second) fail(path + ".id", "criterion id '" + id + "' is used twice");
    criterion_kind kind{};
    try {
      kind = parse_criterion_kind(string_at(member(c, "kind", path), path + ".kind"));
    } catch (const parse_error& e) {
      if (!e.path().empty()) throw;
      fail(path + ".kind", json_bare_message(e), error_id::parse_enum);
    }
    expression condition =
        parse_at(string_at(member(c, "expression", path), path + ".expression"), schema, rs.rules_, path + ".expression");
    rs.criteria_.push_back({std::move(id), kind, std::move(condition), reason_at(member(c, "reason", path), path + ".reason")});
  }
  return rs;
}

rule_set rule_set::load(const std::filesystem::path& path, std::shared_ptr<const field_schema> schema) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw not_found("rule set file", path.string());
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    return from_json(buffer.str(), std::move(schema));
  } catch (const parse_error& e) {
    throw detail::json_in_file(e, path.filename().string());
  }
}

bool rule_set::in_force_on(date day) const noexcept {
  return !day.is_special() && day >= valid_from_ && (!valid_to_ || day <= *valid_to_);
}

decision rule_set::evaluate(const record& r, date on, text_language lang) const {
  if (r.schema_ptr() != schema_ && !(r.schema() == *schema_)) {
    throw invalid_argument(error_id::invalid_value, "record", "its field schema differs from the rule set's");
  }
  if (!in_force_on(on)) {
    throw invalid_argument(error_id::invalid_date, "on",
                           "rule set '" + id_ + "' version '" + version_ + "' is not in force on " +
                               (on.is_special() ? std::string("a special date") : format_date(on)));
  }
  decision d;
  d.rule_set_id = id_;
  d.rule_set_version = version_;
  d.decided_on = on;
  d.language = lang;
  bool failed = false;
  bool unknown = false;
  for (std::size_t i = 0; i < criteria_.size(); ++i) {
    const criterion& c = criteria_[i];
    evaluation e = c.condition.evaluate(r);
    criterion_result res;
    res.criterion_id = c.id;
    res.position = i;
    res.kind = c.kind;
    res.value = e.value;
    res.reason = c.reason.in(lang);
    if (e.value == truth::unknown) {
      res.outcome = c.kind == criterion_kind::warning ? criterion_outcome::passed : criterion_outcome::undetermined;
      if (c.kind != criterion_kind::warning) {
        res.undetermined_fields = std::move(e.undetermined_fields);
        res.notes = std::move(e.notes);
        unknown = true;
      }
    } else {
      const bool holds = e.value == truth::yes;
      switch (c.kind) {
        case criterion_kind::inclusion: res.outcome = holds ? criterion_outcome::passed : criterion_outcome::failed; break;
        case criterion_kind::exclusion: res.outcome = holds ? criterion_outcome::failed : criterion_outcome::passed; break;
        case criterion_kind::warning: res.outcome = holds ? criterion_outcome::warning : criterion_outcome::passed; break;
      }
      failed = failed || res.outcome == criterion_outcome::failed;
    }
    d.results.push_back(std::move(res));
  }
  d.status = failed ? decision_status::not_eligible : unknown ? decision_status::undetermined : decision_status::eligible;
  std::stable_sort(d.results.begin(), d.results.end(),
                   [](const criterion_result& a, const criterion_result& b) { return a.outcome < b.outcome; });
  return d;
}

decision rule_set::evaluate(const referral& r, date on, text_language lang) const {
  if (schema_ != client_schema() && !(*schema_ == *client_schema())) {
    throw invalid_argument(error_id::invalid_value, "schema", "a referral binds only to client_schema()");
  }
  return evaluate(client_record(r, on), on, lang);
}

decision rule_set::evaluate(const client& c, date on, text_language lang) const {
  if (schema_ != client_schema() && !(*schema_ == *client_schema())) {
    throw invalid_argument(error_id::invalid_value, "schema", "a client binds only to client_schema()");
  }
  return evaluate(client_record(c, on), on, lang);
}

void rule_set_collection::add(rule_set rs) {
  for (const auto& other : sets_) {
    if (other.id() != rs.id()) continue;
    const date start = std::max(other.valid_from(), rs.valid_from());
    const bool overlap = (!other.valid_to() || start <= *other.valid_to()) && (!rs.valid_to() || start <= *rs.valid_to());
    if (overlap) {
      throw invalid_argument(error_id::rule_set_overlap, "rule_set",
                             "version '" + rs.version() + "' of '" + rs.id() + "' overlaps version '" +
                                 other.version() + "' from " + format_date(start));
    }
  }
  sets_.push_back(std::move(rs));
}

const rule_set& rule_set_collection::in_force(std::string_view id, date day) const {
  for (const auto& rs : sets_) {
    if (rs.id() == id && rs.in_force_on(day)) return rs;
  }
  throw not_found("rule set in force on " + (day.is_special() ? std::string("?") : format_date(day)), id);
}

}  // namespace kulkija
