#include "kulkija/interop/csv.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "kulkija/core/error.hpp"

namespace kulkija {

namespace {

[[noreturn]] void fail(const std::string& source, std::size_t line, std::size_t column, const std::string& message) {
  throw parse_error(error_id::parse_csv, message, line, column, source);
}

}  // namespace

csv_table parse_csv(std::string_view text, std::string source) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  csv_table table;
  table.source_ = std::move(source);

  std::vector<std::vector<std::string>> records;
  std::vector<std::size_t> record_lines;
  std::vector<std::string> record;
  std::string field;
  std::size_t line = 1, column = 1;
  std::size_t record_line = 1;
  bool in_quotes = false, was_quoted = false, record_has_content = false;

  const auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
    was_quoted = false;
  };
  const auto end_record = [&] {
    end_field();
    if (record_has_content || record.size() > 1) {
      records.push_back(std::move(record));
      record_lines.push_back(record_line);
    }
    record.clear();
    record_has_content = false;
  };

  std::size_t quote_line = 0, quote_column = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
          column += 2;
          continue;
        }
        in_quotes = false;
        ++column;
        if (i + 1 < text.size() && text[i + 1] != ',' && text[i + 1] != '\n' && text[i + 1] != '\r') {
          fail(table.source_, line, column, "expected ',' or a line end after a closing quote");
        }
        continue;
      }
      field += c;
      if (c == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
      continue;
    }
    switch (c) {
      case '"':
        if (!field.empty() || was_quoted) fail(table.source_, line, column, "a quote may only start a field");
        in_quotes = was_quoted = record_has_content = true;
        quote_line = line;
        quote_column = column;
        ++column;
        break;
      case ',':
        record_has_content = true;
        end_field();
        ++column;
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') break;  // CRLF: handled at '\n'
        fail(table.source_, line, column, "a carriage return must be followed by a line feed");
      case '\n':
        end_record();
        ++line;
        column = 1;
        record_line = line;
        break;
      default:
        field += c;
        record_has_content = true;
        ++column;
    }
  }
  if (in_quotes) fail(table.source_, quote_line, quote_column, "the quoted field starting here is never closed");
  end_record();

  if (records.empty()) fail(table.source_, 1, 1, "the file is empty; expected a header row");
  table.header_ = std::move(records.front());
  for (std::size_t c = 0; c < table.header_.size(); ++c) {
    if (table.header_[c].empty()) fail(table.source_, record_lines.front(), 0, "column " + std::to_string(c + 1) + " has no name");
    for (std::size_t d = 0; d < c; ++d) {
      if (table.header_[d] == table.header_[c]) {
        fail(table.source_, record_lines.front(), 0, "column name " + quote(table.header_[c]) + " appears twice");
      }
    }
  }
  for (std::size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != table.header_.size()) {
      fail(table.source_, record_lines[r], 0,
           "row has " + std::to_string(records[r].size()) + " fields; the header has " +
               std::to_string(table.header_.size()));
    }
    table.rows_.push_back(std::move(records[r]));
    table.lines_.push_back(record_lines[r]);
  }
  return table;
}

std::size_t csv_table::column(std::string_view name) const {
  const auto it = std::find(header_.begin(), header_.end(), name);
  if (it == header_.end()) {
    std::string present;
    for (const auto& h : header_) present += (present.empty() ? "" : ", ") + h;
    throw parse_error(error_id::parse_csv, "missing column " + quote(name) + "; columns present: " + present, 1, 0,
                      source_);
  }
  return static_cast<std::size_t>(it - header_.begin());
}

bool csv_table::has_column(std::string_view name) const noexcept {
  return std::find(header_.begin(), header_.end(), name) != header_.end();
}

csv_table read_csv_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw not_found("file", path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_csv(buffer.str(), path.filename().string());
}

std::string csv_field(std::string_view field) {
  // A leading byte order mark is quoted too: unquoted at the start of a file, a reader
  // would take it for the file's own mark and drop it.
  const bool needs_quotes = field.find_first_of(",\"\r\n") != std::string_view::npos ||
                            (!field.empty() && (field.front() == ' ' || field.back() == ' ')) ||
                            field.starts_with("\xEF\xBB\xBF");
  if (!needs_quotes) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_row(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(fields[i]);
  }
  out += '\n';
  return out;
}

}  // namespace kulkija
