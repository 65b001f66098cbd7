#include "kulkija/region/config.hpp"

#include <fstream>
#include <sstream>

#include "../detail/json.hpp"
#include "kulkija/core/error.hpp"

namespace kulkija {

region_config region_config_from_json(std::string_view text) {
  try {
    const detail::json j = detail::parse_json(text);
    const detail::json_object root(j, "$");
    root.allow({"name", "as_of", "rule_sets", "rule_set", "support_policy", "matching_policy", "catalogue",
                "mobility_radius_km", "recommendations"});
    region_config c;
    root.read("name", c.name);
    root.read("as_of", c.as_of);
    root.read("rule_set", c.rule_set);
    root.read("support_policy", c.support_policy);
    root.read("matching_policy", c.matching_policy);
    root.read("catalogue", c.catalogue);
    if (const detail::json* files = root.find("rule_sets")) {
      if (!files->is_array()) detail::json_fail(root.path("rule_sets"), "must be an array of file names, got " +
                                                                            std::string(files->type_name()));
      for (std::size_t i = 0; i < files->size(); ++i) {
        const detail::json& f = (*files)[i];
        const std::string at = root.path("rule_sets") + "[" + std::to_string(i) + "]";
        if (!f.is_string()) detail::json_fail(at, "must be a string, got " + std::string(f.type_name()));
        c.rule_sets.push_back(f.get<std::string>());
      }
    }
    if (root.read("mobility_radius_km", c.mobility_radius_km) && !(c.mobility_radius_km > 0)) {
      detail::json_fail(root.path("mobility_radius_km"), "must be more than 0", error_id::invalid_value);
    }
    int recommendations = static_cast<int>(c.recommendations);
    if (root.read("recommendations", recommendations, 1, 50)) c.recommendations = static_cast<std::size_t>(recommendations);
    return c;
  } catch (const parse_error& e) {
    // name the file before the JSON path, as a rule-set file's errors do
    throw detail::json_in_file(e, "region.json");
  }
}

region_config read_region_config(const std::filesystem::path& dir) {
  const std::filesystem::path file = dir / "region.json";
  region_config c;
  if (std::filesystem::exists(file)) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw not_found("file", file.string());
    std::ostringstream text;
    text << in.rdbuf();
    c = region_config_from_json(text.str());
  }
  if (c.name.empty()) c.name = std::filesystem::absolute(dir).lexically_normal().filename().string();
  return c;
}

}  // namespace kulkija
