#include "kulkija/eligibility/record.hpp"

#include <cmath>
#include <string>

#include "kulkija/core/error.hpp"
#include "kulkija/core/text.hpp"

namespace kulkija {

namespace {

[[noreturn]] void wrong_type(const field_spec& f, std::string_view given) {
  throw invalid_argument(error_id::invalid_value, f.name,
                         "is " + std::string(to_string(f.type)) + ", cannot hold " + std::string(given));
}

std::uint32_t code_of(const field_schema& s, std::size_t field, std::string_view code) {
  if (auto i = s.find_code(field, code)) return static_cast<std::uint32_t>(*i);
  std::string rule = "unknown code " + quote(code);
  if (auto near = closest_name(code, s[field].codes)) rule += " (did you mean '" + *near + "'?)";
  throw invalid_argument(error_id::invalid_value, s[field].name, rule);
}

}  // namespace

record::record(std::shared_ptr<const field_schema> schema) : schema_(std::move(schema)) {
  if (!schema_) throw invalid_argument(error_id::invalid_value, "schema", "must not be null");
  values_.resize(schema_->size());
  notes_.resize(schema_->size());
}

void record::set(std::size_t index, field_value value, std::string note) {
  if (index >= values_.size()) {
    throw invalid_argument(error_id::invalid_value, "field", "index " + std::to_string(index) + " is out of range");
  }
  const field_spec& f = (*schema_)[index];
  const bool fits = std::visit(
      [&](const auto& v) -> bool {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::monostate>) return true;
        if constexpr (std::is_same_v<V, std::int64_t>) return f.type == field_type::integer;
        if constexpr (std::is_same_v<V, double>) return f.type == field_type::number;
        if constexpr (std::is_same_v<V, bool>) return f.type == field_type::boolean;
        if constexpr (std::is_same_v<V, std::string>) return f.type == field_type::text;
        if constexpr (std::is_same_v<V, code_value>) return f.type == field_type::code && v.index < f.codes.size();
        if constexpr (std::is_same_v<V, code_set_value>) {
          if (f.type != field_type::code_set || v.bits.size() != (f.codes.size() + 63) / 64) return false;
          const std::size_t tail = f.codes.size() % 64;
          return tail == 0 || (v.bits.back() >> tail) == 0;
        }
        if constexpr (std::is_same_v<V, date>) return f.type == field_type::calendar_date && !v.is_special();
        if constexpr (std::is_same_v<V, integer_range>) return f.type == field_type::integer && v.low <= v.high;
        return false;
      },
      value);
  if (!fits) {
    throw invalid_argument(error_id::invalid_value, f.name,
                           "the value does not fit a " + std::string(to_string(f.type)) + " field");
  }
  if (const auto* d = std::get_if<double>(&value); d != nullptr && std::isnan(*d)) value = std::monostate{};
  if (const auto* r = std::get_if<integer_range>(&value); r != nullptr && r->low == r->high) value = r->low;
  if (note.size() > 300) throw invalid_argument(error_id::invalid_value, f.name, "a note has at most 300 bytes");
  values_[index] = std::move(value);
  notes_[index] = std::move(note);
}

void record::set_integer(std::string_view field, std::int64_t value) {
  const std::size_t i = schema_->index_of(field);
  if ((*schema_)[i].type != field_type::integer) wrong_type((*schema_)[i], "an integer");
  set(i, value);
}

void record::set_integer_range(std::string_view field, std::int64_t low, std::int64_t high, std::string note) {
  const std::size_t i = schema_->index_of(field);
  if ((*schema_)[i].type != field_type::integer) wrong_type((*schema_)[i], "an integer range");
  if (low > high) {
    throw invalid_argument(error_id::invalid_value, std::string(field),
                           "range low " + std::to_string(low) + " is above high " + std::to_string(high));
  }
  set(i, integer_range{low, high}, low == high ? std::string{} : std::move(note));
}

void record::set_number(std::string_view field, double value) {
  const std::size_t i = schema_->index_of(field);
  const field_spec& f = (*schema_)[i];
  if (f.type == field_type::integer && !std::isnan(value)) {
    if (value != std::floor(value) || std::abs(value) > 9.0e15) wrong_type(f, "the number " + std::to_string(value));
    set(i, static_cast<std::int64_t>(value));
    return;
  }
  if (f.type != field_type::number && f.type != field_type::integer) wrong_type(f, "a number");
  if (std::isnan(value)) {
    set(i, std::monostate{});
    return;
  }
  set(i, value);
}

void record::set_boolean(std::string_view field, bool value) {
  const std::size_t i = schema_->index_of(field);
  if ((*schema_)[i].type != field_type::boolean) wrong_type((*schema_)[i], "a boolean");
  set(i, value);
}

void record::set_text(std::string_view field, std::string value) {
  const std::size_t i = schema_->index_of(field);
  if ((*schema_)[i].type != field_type::text) wrong_type((*schema_)[i], "a text");
  validate_free_text((*schema_)[i].name, value, 1000);
  set(i, std::move(value));
}

void record::set_code(std::string_view field, std::string_view code) {
  const std::size_t i = schema_->index_of(field);
  if ((*schema_)[i].type != field_type::code) wrong_type((*schema_)[i], "a code");
  set(i, code_value{code_of(*schema_, i, code)});
}

void record::set_codes(std::string_view field, const std::vector<std::string>& codes) {
  const std::size_t i = schema_->index_of(field);
  const field_spec& f = (*schema_)[i];
  if (f.type != field_type::code_set) wrong_type(f, "a set of codes");
  code_set_value v{std::vector<std::uint64_t>((f.codes.size() + 63) / 64, 0)};
  for (const auto& c : codes) {
    const std::uint32_t k = code_of(*schema_, i, c);
    v.bits[k / 64] |= std::uint64_t{1} << (k % 64);
  }
  set(i, std::move(v));
}

void record::set_date(std::string_view field, date value) {
  const std::size_t i = schema_->index_of(field);
  if ((*schema_)[i].type != field_type::calendar_date) wrong_type((*schema_)[i], "a date");
  if (value.is_special()) {
    throw invalid_argument(error_id::invalid_date, std::string(field), "must be a real date, not a special value");
  }
  set(i, value);
}

void record::clear(std::string_view field) { set(schema_->index_of(field), std::monostate{}); }

const field_value& record::value(std::string_view field) const { return values_[schema_->index_of(field)]; }

}  // namespace kulkija
