#include "format.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>

#include "kulkija/core/text.hpp"
#include "kulkija/interop/csv.hpp"

namespace kulkija_tool {

std::size_t text_width(std::string_view text) {
  std::size_t points = 0;
  for (char c : text) points += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  return points;
}

std::string pad(std::string_view text, std::size_t width) {
  std::string out(text);
  const auto w = text_width(text);
  if (w < width) out.append(width - w, ' ');
  return out;
}

namespace {

nlohmann::ordered_json json_rows(const table& t) {
  auto rows = nlohmann::ordered_json::array();
  for (const auto& row : t.rows) {
    nlohmann::ordered_json o = nlohmann::ordered_json::object();
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      if (row[c].empty() && t.numeric[c]) {
        o[t.columns[c]] = nullptr;
      } else if (t.numeric[c]) {
        o[t.columns[c]] = nlohmann::ordered_json::parse(row[c]);
      } else {
        o[t.columns[c]] = row[c];
      }
    }
    rows.push_back(std::move(o));
  }
  return rows;
}

}  // namespace

std::string render(const table& t, output_format f) {
  std::ostringstream out;
  if (f == output_format::csv) {
    out << kulkija::csv_row(t.columns);
    for (const auto& row : t.rows) out << kulkija::csv_row(row);
    return out.str();
  }
  if (f == output_format::json) return json_rows(t).dump(2) + "\n";
  std::vector<std::size_t> width(t.columns.size());
  for (std::size_t c = 0; c < t.columns.size(); ++c) width[c] = text_width(t.columns[c]);
  for (const auto& row : t.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], text_width(row[c]));
  }
  if (!t.title.empty()) out << t.title << '\n';
  const auto line = [&](const std::vector<std::string>& row) {
    std::string s;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const bool last = c + 1 == row.size();
      if (t.numeric[c]) {
        s += std::string(width[c] - text_width(row[c]), ' ') + row[c];
      } else {
        s += last ? row[c] : pad(row[c], width[c]);
      }
      if (!last) s += "  ";
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    out << s << '\n';
  };
  line(t.columns);
  std::vector<std::string> rule;
  for (std::size_t c = 0; c < t.columns.size(); ++c) rule.emplace_back(width[c], '-');
  line(rule);
  for (const auto& row : t.rows) line(row);
  if (t.rows.empty()) out << "(none)\n";
  return out.str();
}

std::string render(const std::vector<std::pair<std::string, table>>& tables, output_format f) {
  if (f == output_format::json) {
    nlohmann::ordered_json o = nlohmann::ordered_json::object();
    for (const auto& [key, t] : tables) o[key] = json_rows(t);
    return o.dump(2) + "\n";
  }
  std::string out;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    if (i > 0) out += '\n';
    if (f == output_format::csv) out += "# " + tables[i].first + '\n';
    out += render(tables[i].second, f);
  }
  return out;
}

progress_bar::progress_bar() : active_(::isatty(STDOUT_FILENO) == 1 && ::isatty(STDERR_FILENO) == 1) {}

progress_bar::~progress_bar() {
  if (drawn_) std::cerr << "\r\033[K" << std::flush;
}

void progress_bar::update(const std::string& stage, std::size_t done, std::size_t total) {
  if (!active_ || total == 0) return;
  constexpr std::size_t width = 30;
  const std::size_t filled = done * width / total;
  std::string bar = "\r" + pad(stage, 16) + " [" + std::string(filled, '#') + std::string(width - filled, ' ') + "] " +
                    std::to_string(done) + "/" + std::to_string(total);
  if (bar == last_) return;
  last_ = bar;
  drawn_ = true;
  std::cerr << bar << std::flush;
}

}  // namespace kulkija_tool
