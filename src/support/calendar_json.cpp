// The JSON form of a region's calendar options (nlohmann/json stays out of the headers).
#include <nlohmann/json.hpp>
#include <string>

#include "kulkija/core/error.hpp"
#include "kulkija/support/calendar.hpp"

namespace kulkija {

namespace {

using json = nlohmann::json;

[[noreturn]] void fail(const std::string& path, const std::string& rule, error_id id = error_id::parse_syntax) {
  throw parse_error(id, rule, 0, 0, path);
}

std::string inner_message(const error& e) {
  const std::string what = e.what();
  const auto cut = what.find("] ");
  return cut == std::string::npos ? what : what.substr(cut + 2);
}

void only(const json& j, const std::string& path, std::initializer_list<std::string_view> names) {
  if (!j.is_object()) fail(path, "must be an object, got " + std::string(j.type_name()));
  for (const auto& [key, value] : j.items()) {
    bool known = false;
    std::string expected;
    for (std::string_view n : names) {
      known = known || key == n;
      if (!expected.empty()) expected += ", ";
      expected += n;
    }
    if (!known) fail(path + "." + key, "unknown member " + quote(key) + "; expected one of: " + expected);
  }
}

const json* member(const json& j, const char* name) {
  const auto it = j.find(name);
  return it == j.end() ? nullptr : &*it;
}

bool read_bool(const json& j, const std::string& path, const char* name, bool fallback) {
  const json* v = member(j, name);
  if (v == nullptr) return fallback;
  if (!v->is_boolean()) fail(path + "." + name, "must be true or false, got " + std::string(v->type_name()));
  return v->get<bool>();
}

std::string read_string(const json& j, const std::string& path, const char* name, bool required) {
  const json* v = member(j, name);
  if (v == nullptr) {
    if (required) fail(path + "." + name, "is required");
    return {};
  }
  if (!v->is_string()) fail(path + "." + name, "must be a string, got " + std::string(v->type_name()));
  return v->get<std::string>();
}

}  // namespace

calendar_options calendar_options_from_json(std::string_view text) {
  json j;
  try {
    j = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    const std::string what = e.what();
    const auto cut = what.find("] ");
    fail("$", "not valid JSON: " + (cut == std::string::npos ? what : what.substr(cut + 2)));
  }
  only(j, "$", {"midsummer_eve_off", "christmas_eve_off", "weekmask", "closures"});
  calendar_options o;
  o.midsummer_eve_off = read_bool(j, "$", "midsummer_eve_off", o.midsummer_eve_off);
  o.christmas_eve_off = read_bool(j, "$", "christmas_eve_off", o.christmas_eve_off);
  if (member(j, "weekmask") != nullptr) {
    const std::string mask = read_string(j, "$", "weekmask", true);
    if (mask.size() != 7 || mask.find_first_not_of("01") != std::string::npos) {
      fail("$.weekmask", "must be seven characters 0 or 1, Monday first (1 = working day), got " + quote(mask));
    }
    for (std::size_t i = 0; i < 7; ++i) o.weekend[i] = mask[i] == '0';
  }
  if (const json* cs = member(j, "closures")) {
    if (!cs->is_array()) fail("$.closures", "must be an array, got " + std::string(cs->type_name()));
    for (std::size_t i = 0; i < cs->size(); ++i) {
      const std::string path = "$.closures[" + std::to_string(i) + "]";
      const json& c = (*cs)[i];
      only(c, path, {"day", "name"});
      closure_day day;
      try {
        day.day = parse_date(read_string(c, path, "day", true));
      } catch (const parse_error& e) {
        if (!e.path().empty()) throw;
        fail(path + ".day", inner_message(e), error_id::parse_date);
      }
      const json* name = member(c, "name");
      if (name == nullptr) fail(path + ".name", "is required");
      if (name->is_string()) {
        day.name = {name->get<std::string>(), name->get<std::string>(), name->get<std::string>()};
      } else {
        only(*name, path + ".name", {"fi", "sv", "en"});
        day.name = {read_string(*name, path + ".name", "fi", false), read_string(*name, path + ".name", "sv", false),
                    read_string(*name, path + ".name", "en", false)};
      }
      o.closures.push_back(std::move(day));
    }
  }
  try {
    (void)finnish_calendar{o};  // the constructor's checks, mapped to JSON paths
  } catch (const invalid_argument& e) {
    fail("$." + e.field(), e.rule());
  }
  return o;
}

}  // namespace kulkija
