#include "kulkija/core/municipality.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

#include "kulkija/core/error.hpp"

namespace kulkija {

namespace {

struct municipality_row {
  int code;
  std::string_view fi;
  std::string_view sv;
};

constexpr municipality_row rows[] = {
#include "municipality_table.inc"
};

const municipality_row* find(int code) noexcept {
  const auto* it = std::lower_bound(std::begin(rows), std::end(rows), code,
                                    [](const municipality_row& r, int c) { return r.code < c; });
  return (it != std::end(rows) && it->code == code) ? it : nullptr;
}

[[noreturn]] void reject(const std::string& shown) {
  throw invalid_argument(error_id::invalid_municipality, "municipality",
                         shown + " is not a municipality code of Statistics Finland in force in 2025");
}

}  // namespace

municipality::municipality(int code) : code_(code) {
  if (find(code) == nullptr) reject("'" + std::to_string(code) + "'");
}

municipality::municipality(std::string_view code) : code_(0) {
  const bool three_digits = code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) {
                              return c >= '0' && c <= '9';
                            });
  if (!three_digits) {
    throw invalid_argument(error_id::invalid_municipality, "municipality",
                           "must be exactly three digits such as '005', got " + quote(code));
  }
  const int value = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
  if (find(value) == nullptr) reject(quote(code));
  code_ = value;
}

std::string municipality::code_text() const {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%03d", code_);
  return buf;
}

std::string_view municipality::name_fi() const noexcept { return find(code_)->fi; }

std::string_view municipality::name_sv() const noexcept { return find(code_)->sv; }

bool municipality::is_valid(int code) noexcept { return find(code) != nullptr; }

std::vector<municipality> municipality::all() {
  std::vector<municipality> out;
  out.reserve(std::size(rows));
  for (const auto& r : rows) out.emplace_back(r.code);
  return out;
}

}  // namespace kulkija
