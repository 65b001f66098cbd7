#include "kulkija/eligibility/expression.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <string>
#include <utility>

#include "kulkija/core/error.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/detail/rule_node.hpp"

namespace kulkija {

namespace detail {

std::int64_t epoch_days(const boost::gregorian::date& d) {
  static const boost::gregorian::date epoch(1970, 1, 1);
  return (d - epoch).days();
}

}  // namespace detail

namespace {

using detail::compare_op;
using detail::node_kind;
using detail::node_ptr;
using detail::rule_literal;
using detail::rule_node;

// ------------------------------------------------------------------ lexer

enum class token_kind { identifier, integer, number, string, date, lparen, rparen, lbracket, rbracket, comma, op, end };

struct token {
  token_kind kind = token_kind::end;
  std::string text;   // identifier, operator, literal as written
  std::string value;  // string literal unescaped
  std::size_t line = 1;
  std::size_t column = 1;
};

bool ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool ident_char(char c) { return ident_start(c) || (c >= '0' && c <= '9'); }
bool digit(char c) { return c >= '0' && c <= '9'; }

class lexer {
 public:
  explicit lexer(std::string_view text) : text_(text) {}

  std::vector<token> run() {
    std::vector<token> out;
    while (true) {
      skip_space();
      token t;
      t.line = line_;
      t.column = column_;
      if (pos_ >= text_.size()) {
        t.kind = token_kind::end;
        out.push_back(std::move(t));
        return out;
      }
      const char c = text_[pos_];
      if (ident_start(c)) {
        const std::size_t start = pos_;
        while (pos_ < text_.size() && ident_char(text_[pos_])) advance();
        t.kind = token_kind::identifier;
        t.text = std::string(text_.substr(start, pos_ - start));
      } else if (digit(c) || (c == '-' && pos_ + 1 < text_.size() && digit(text_[pos_ + 1]))) {
        lex_number(t);
      } else if (c == '"' || c == '\'') {
        lex_string(t);
      } else if (c == '(' || c == ')' || c == '[' || c == ']' || c == ',') {
        t.kind = c == '(' ? token_kind::lparen
                 : c == ')' ? token_kind::rparen
                 : c == '[' ? token_kind::lbracket
                 : c == ']' ? token_kind::rbracket
                            : token_kind::comma;
        t.text = std::string(1, c);
        advance();
      } else if (c == '=' || c == '<' || c == '>' || (c == '!' && peek(1) == '=')) {
        t.kind = token_kind::op;
        t.text = std::string(1, c);
        advance();
        if (pos_ < text_.size() && text_[pos_] == '=') {
          t.text += '=';
          advance();
        }
      } else {
        std::string shown(1, c);
        std::size_t len = 1;
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0xC0) len = u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : 2;
        shown = std::string(text_.substr(pos_, len));
        std::string hint;
        if (c == '&') hint = " (use 'and')";
        if (c == '|') hint = " (use 'or')";
        if (c == '!') hint = " (use 'not' or '!=')";
        throw parse_error(error_id::parse_syntax, "unexpected character " + quote(shown) + hint, line_, column_);
      }
      out.push_back(std::move(t));
    }
  }

 private:
  char peek(std::size_t ahead) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }

  void advance() {
    const char c = text_[pos_++];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
      ++column_;  // columns count characters: a continuation byte was counted at its lead byte
    }
  }

  void skip_space() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        advance();
      } else if (c == '#') {
        while (pos_ < text_.size() && text_[pos_] != '\n') advance();
      } else {
        return;
      }
    }
  }

  void lex_number(token& t) {
    const std::size_t start = pos_;
    if (text_[pos_] == '-') advance();
    const std::size_t digits_start = pos_;
    while (pos_ < text_.size() && digit(text_[pos_])) advance();
    // a date: exactly YYYY-MM-DD
    if (pos_ - digits_start == 4 && start == digits_start && peek(0) == '-' && digit(peek(1)) && digit(peek(2)) &&
        peek(3) == '-' && digit(peek(4)) && digit(peek(5)) && !ident_char(peek(6))) {
      for (int i = 0; i < 6; ++i) advance();
      t.kind = token_kind::date;
      t.text = std::string(text_.substr(start, pos_ - start));
      return;
    }
    t.kind = token_kind::integer;
    if (peek(0) == '.' && digit(peek(1))) {
      advance();
      while (pos_ < text_.size() && digit(text_[pos_])) advance();
      t.kind = token_kind::number;
    }
    if (pos_ < text_.size() && (ident_char(text_[pos_]) || text_[pos_] == '.')) {
      throw parse_error(error_id::parse_syntax,
                        "malformed number " + quote(text_.substr(start, pos_ - start + 1)), t.line, t.column);
    }
    t.text = std::string(text_.substr(start, pos_ - start));
  }

  void lex_string(token& t) {
    const char q = text_[pos_];
    const std::size_t start = pos_;
    advance();
    std::string value;
    while (true) {
      if (pos_ >= text_.size() || text_[pos_] == '\n') {
        throw parse_error(error_id::parse_syntax, "unterminated text literal (a closing " + std::string(1, q) +
                                                      " is missing)",
                          t.line, t.column);
      }
      const char c = text_[pos_];
      if (c == q) {
        advance();
        break;
      }
      if (c == '\\' && (peek(1) == q || peek(1) == '\\')) {
        value += peek(1);
        advance();
        advance();
        continue;
      }
      value += c;
      advance();
    }
    t.kind = token_kind::string;
    t.text = std::string(text_.substr(start, pos_ - start));
    t.value = std::move(value);
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t column_ = 1;
};

// A string literal as written (with its quotes), unless it is long or holds something shaped
// like a personal identity code: then quote() shortens or redacts it.
std::string shown_string(const std::string& text) {
  return text.size() > 60 || contains_identity_code(text) ? quote(text) : text;
}

std::string describe(const token& t) {
  if (t.kind == token_kind::end) return "end of rule";
  if (t.kind == token_kind::string) return shown_string(t.text);
  return quote(t.text);
}

std::string literal_kind(const token& t) {
  switch (t.kind) {
    case token_kind::integer: return "integer";
    case token_kind::number: return "number";
    case token_kind::string: return "text";
    case token_kind::date: return "date";
    case token_kind::identifier: return (t.text == "true" || t.text == "false") ? "boolean" : "a name";
    default: return "not a value";
  }
}

std::string shown_literal(const token& t) {
  if (t.kind == token_kind::identifier) return quote(t.text);
  if (t.kind == token_kind::string) return shown_string(t.text);
  return t.text;
}

// ------------------------------------------------------------------ parser

class parser {
 public:
  parser(std::string_view text, const field_schema& schema, const named_rules& rules)
      : tokens_(lexer(text).run()), schema_(schema), rules_(rules) {}

  node_ptr run() {
    node_ptr root = parse_or();
    if (cur().kind != token_kind::end) {
      fail(error_id::parse_syntax, "expected 'and', 'or' or the end of the rule, found " + describe(cur()), cur());
    }
    return root;
  }

  // The deepest nesting reached: see expression::depth().
  [[nodiscard]] std::size_t depth() const noexcept { return max_depth_; }
  // The tests and operators with sub-rules written out: see expression::size().
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

 private:
  const token& cur() const { return tokens_[pos_]; }
  const token& take() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
  bool at_word(std::string_view w) const { return cur().kind == token_kind::identifier && cur().text == w; }

  [[noreturn]] static void fail(error_id id, const std::string& message, const token& at) {
    throw parse_error(id, message, at.line, at.column);
  }

  // Fails at `at` when `levels` more levels would nest the rule deeper than max_rule_depth;
  // the parser recurses once a level, so this bounds its stack (and the tree's height).
  void check_depth(std::size_t levels, const token& at, std::string_view what) {
    if (levels > max_rule_depth - depth_) {
      fail(error_id::parse_syntax,
           "the rule nests deeper than " + std::to_string(max_rule_depth) + " levels (" + std::string(what) + ")",
           at);
    }
    max_depth_ = std::max(max_depth_, depth_ + levels);
  }

  // One level deeper for the lifetime of the guard.
  class level {
   public:
    level(parser& p, const token& at, std::string_view what) : p_(p) {
      p_.check_depth(1, at, what);
      ++p_.depth_;
    }
    level(const level&) = delete;
    level& operator=(const level&) = delete;
    ~level() { --p_.depth_; }

   private:
    parser& p_;
  };

  // Counts `nodes` more tests and operators in the rule written out in full, failing at `at`
  // past max_rule_size.
  void add_size(std::size_t nodes, const token& at) {
    if (nodes > max_rule_size - size_) {
      fail(error_id::parse_syntax,
           "the rule holds more than " + std::to_string(max_rule_size) +
               " tests and operators once its sub-rules are written out in full (" + quote(at.text) + " adds " +
               std::to_string(nodes) + ")",
           at);
    }
    size_ += nodes;
  }

  std::shared_ptr<rule_node> make(node_kind kind, const token& at) {
    add_size(1, at);
    auto n = std::make_shared<rule_node>();
    n->kind = kind;
    n->line = at.line;
    n->column = at.column;
    return n;
  }

  node_ptr parse_or() {
    const token first = cur();
    std::vector<node_ptr> parts{parse_and()};
    while (at_word("or")) {
      take();
      parts.push_back(parse_and());
    }
    if (parts.size() == 1) return parts.front();
    auto n = make(node_kind::disjunction, first);
    n->children = std::move(parts);
    return n;
  }

  node_ptr parse_and() {
    const token first = cur();
    std::vector<node_ptr> parts{parse_not()};
    while (at_word("and")) {
      take();
      parts.push_back(parse_not());
    }
    if (parts.size() == 1) return parts.front();
    auto n = make(node_kind::conjunction, first);
    n->children = std::move(parts);
    return n;
  }

  node_ptr parse_not() {
    if (at_word("not")) {
      const token t = take();
      const level guard(*this, t, "each '(' and each 'not' opens a level");
      auto n = make(node_kind::negation, t);
      n->children.push_back(parse_not());
      return n;
    }
    return parse_primary();
  }

  node_ptr parse_primary() {
    const token t = cur();
    if (t.kind == token_kind::lparen) {
      take();
      const level guard(*this, t, "each '(' and each 'not' opens a level");
      node_ptr inner = parse_or();
      if (cur().kind != token_kind::rparen) {
        fail(error_id::parse_syntax,
             "expected ')' to close the '(' at " + std::to_string(t.line) + ":" + std::to_string(t.column) +
                 ", found " + describe(cur()),
             cur());
      }
      take();
      return inner;
    }
    if (t.kind == token_kind::identifier && (t.text == "true" || t.text == "false")) {
      take();
      auto n = make(node_kind::constant, t);
      n->value = t.text == "true";
      return n;
    }
    if (t.kind != token_kind::identifier || is_rule_keyword(t.text)) {
      fail(error_id::parse_syntax,
           "expected a field, a rule name, 'not', 'true', 'false' or '(', found " + describe(t), t);
    }
    take();
    if (auto field = schema_.find(t.text)) return parse_test(t, *field);
    if (auto rule = rules_.find(t.text); rule != rules_.end()) {
      check_depth(1 + rule->second.depth(), t, "a sub-rule opens a level and adds its own");
      add_size(rule->second.size(), t);
      auto n = make(node_kind::rule_ref, t);
      n->name = t.text;
      n->children.push_back(rule->second.root());
      return n;
    }
    std::vector<std::string> names;
    for (const auto& f : schema_.fields()) names.push_back(f.name);
    for (const auto& [name, rule] : rules_) names.push_back(name);
    std::string message = "unknown field or rule " + quote(t.text);
    if (auto near = closest_name(t.text, names)) message += " (did you mean '" + *near + "'?)";
    fail(error_id::parse_unknown_name, message, t);
  }

  [[noreturn]] void mismatch(const field_spec& f, const token& value) const {
    fail(error_id::parse_type_mismatch,
         "type mismatch: '" + f.name + "' is " + std::string(to_string(f.type)) + ", " + shown_literal(value) +
             " is " + literal_kind(value),
         value);
  }

  // Reads one value token for field f and checks its type.
  rule_literal parse_value(const field_spec& f, std::size_t field_index, std::string_view after) {
    const token t = cur();
    const bool is_value = t.kind == token_kind::integer || t.kind == token_kind::number ||
                          t.kind == token_kind::string || t.kind == token_kind::date ||
                          (t.kind == token_kind::identifier && !is_rule_keyword(t.text)) || at_word("true") ||
                          at_word("false");
    if (!is_value) {
      fail(error_id::parse_syntax, "expected a value after " + std::string(after) + ", found " + describe(t), t);
    }
    take();
    rule_literal lit;
    lit.source = t.text;
    switch (f.type) {
      case field_type::integer: {
        if (t.kind != token_kind::integer) mismatch(f, t);
        const auto [p, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), lit.i);
        if (ec != std::errc{} || p != t.text.data() + t.text.size()) {
          fail(error_id::parse_syntax, "integer " + t.text + " is out of range", t);
        }
        break;
      }
      case field_type::number: {
        if (t.kind != token_kind::integer && t.kind != token_kind::number) mismatch(f, t);
        lit.d = std::strtod(t.text.c_str(), nullptr);
        if (!std::isfinite(lit.d)) fail(error_id::parse_syntax, "number " + t.text + " is out of range", t);
        break;
      }
      case field_type::boolean:
        if (t.kind != token_kind::identifier || (t.text != "true" && t.text != "false")) mismatch(f, t);
        lit.b = t.text == "true";
        break;
      case field_type::text:
        if (t.kind != token_kind::string) mismatch(f, t);
        lit.s = t.value;
        break;
      case field_type::code:
      case field_type::code_set: {
        std::string code;
        if (t.kind == token_kind::identifier && t.text != "true" && t.text != "false") {
          code = t.text;
        } else if (t.kind == token_kind::string) {
          code = t.value;
        } else {
          mismatch(f, t);
        }
        const auto k = schema_.find_code(field_index, code);
        if (!k) {
          std::string message = "unknown code " + quote(code) + " for '" + f.name + "'";
          if (auto near = closest_name(code, f.codes)) message += " (did you mean '" + *near + "'?)";
          fail(error_id::parse_unknown_name, message, t);
        }
        lit.i = static_cast<std::int64_t>(*k);
        lit.s = code;
        lit.source = code;
        break;
      }
      case field_type::calendar_date: {
        if (t.kind != token_kind::date) mismatch(f, t);
        try {
          lit.i = detail::epoch_days(parse_date(t.text));
        } catch (const parse_error&) {
          fail(error_id::parse_syntax, "date " + t.text + " is not a real day", t);
        }
        break;
      }
    }
    return lit;
  }

  std::vector<rule_literal> parse_list(const field_spec& f, std::size_t index, std::string_view after) {
    if (cur().kind != token_kind::lbracket) {
      fail(error_id::parse_syntax, "expected '[' after " + std::string(after) + ", found " + describe(cur()), cur());
    }
    take();
    std::vector<rule_literal> values{parse_value(f, index, "'['")};
    while (cur().kind == token_kind::comma) {
      take();
      values.push_back(parse_value(f, index, "','"));
    }
    if (cur().kind != token_kind::rbracket) {
      fail(error_id::parse_syntax, "expected ',' or ']' in the list, found " + describe(cur()), cur());
    }
    take();
    return values;
  }

  void require_type(const field_spec& f, const token& op, std::initializer_list<field_type> allowed,
                    std::string_view instead) const {
    if (std::find(allowed.begin(), allowed.end(), f.type) != allowed.end()) return;
    fail(error_id::parse_type_mismatch,
         "type mismatch: '" + f.name + "' is " + std::string(to_string(f.type)) + ", " + quote(op.text) +
             " does not apply" + (instead.empty() ? std::string{} : " (" + std::string(instead) + ")"),
         op);
  }

  static std::string hint_for(const field_spec& f) {
    switch (f.type) {
      case field_type::code_set: return "use 'has', 'has any' or 'has all'";
      case field_type::boolean: return "use the field on its own, '=' or '!='";
      case field_type::text:
      case field_type::code: return "use '=', '!=' or 'in'";
      default: return "use '=', '!=', '<', '<=', '>', '>=' or 'between'";
    }
  }

  node_ptr parse_test(const token& name, std::size_t index) {
    const field_spec& f = schema_[index];
    const token t = cur();
    auto n = make(node_kind::compare, name);
    n->field = index;
    n->type = f.type;
    if (t.kind == token_kind::op) {
      take();
      const std::string& o = t.text;
      if (o == "<" || o == "<=" || o == ">" || o == ">=") {
        require_type(f, t, {field_type::integer, field_type::number, field_type::calendar_date}, hint_for(f));
      } else {
        require_type(f, t, {field_type::integer, field_type::number, field_type::calendar_date, field_type::boolean,
                            field_type::text, field_type::code},
                     hint_for(f));
      }
      n->op = o == "=" || o == "==" ? compare_op::eq
              : o == "!="           ? compare_op::ne
              : o == "<"            ? compare_op::lt
              : o == "<="           ? compare_op::le
              : o == ">"            ? compare_op::gt
                                    : compare_op::ge;
      n->values.push_back(parse_value(f, index, quote(o)));
      return n;
    }
    bool negated = false;
    if (at_word("not")) {
      const token& next = tokens_[pos_ + 1];
      if (next.kind == token_kind::identifier && (next.text == "between" || next.text == "in")) {
        take();
        negated = true;
      }
    }
    if (at_word("between")) {
      const token op = take();
      require_type(f, op, {field_type::integer, field_type::number, field_type::calendar_date}, hint_for(f));
      n->kind = node_kind::between;
      n->negated = negated;
      n->values.push_back(parse_value(f, index, "'between'"));
      if (!at_word("and")) {
        fail(error_id::parse_syntax, "expected 'and' between the bounds of 'between', found " + describe(cur()),
             cur());
      }
      take();
      const token high = cur();
      n->values.push_back(parse_value(f, index, "'and'"));
      const auto& lo = n->values[0];
      const auto& hi = n->values[1];
      if (f.type == field_type::number ? lo.d > hi.d : lo.i > hi.i) {
        fail(error_id::parse_syntax, "empty range: the lower bound " + lo.source + " is above the upper bound " +
                                         hi.source,
             high);
      }
      return n;
    }
    if (at_word("in")) {
      const token op = take();
      require_type(f, op, {field_type::integer, field_type::text, field_type::code},
                   f.type == field_type::code_set ? "use 'has any'" : "use 'between' or comparisons");
      n->kind = node_kind::in_list;
      n->negated = negated;
      n->lookups = std::make_shared<detail::set_lookups>();
      n->values = parse_list(f, index, "'in'");
      // sort and remove repeats: the order of a list does not matter
      auto key_less = [&](const rule_literal& a, const rule_literal& b) {
        return f.type == field_type::text ? a.s < b.s : a.i < b.i;
      };
      auto key_eq = [&](const rule_literal& a, const rule_literal& b) {
        return f.type == field_type::text ? a.s == b.s : a.i == b.i;
      };
      std::stable_sort(n->values.begin(), n->values.end(), key_less);
      n->values.erase(std::unique(n->values.begin(), n->values.end(), key_eq), n->values.end());
      return n;
    }
    if (negated) {
      fail(error_id::parse_syntax, "expected 'between' or 'in' after 'not', found " + describe(cur()), cur());
    }
    if (at_word("has")) {
      const token op = take();
      require_type(f, op, {field_type::code_set}, hint_for(f));
      n->kind = node_kind::has_any;
      std::string after = "'has'";
      if (at_word("any") || at_word("all")) {
        if (at_word("all")) n->kind = node_kind::has_all;
        after = "'has " + take().text + "'";
        n->values = parse_list(f, index, after);
      } else {
        n->values.push_back(parse_value(f, index, after));
      }
      n->mask.assign((f.codes.size() + 63) / 64, 0);
      for (const auto& v : n->values) {
        n->mask[static_cast<std::size_t>(v.i) / 64] |= std::uint64_t{1} << (static_cast<std::size_t>(v.i) % 64);
      }
      std::sort(n->values.begin(), n->values.end(), [](const auto& a, const auto& b) { return a.i < b.i; });
      n->values.erase(std::unique(n->values.begin(), n->values.end(),
                                  [](const auto& a, const auto& b) { return a.i == b.i; }),
                      n->values.end());
      return n;
    }
    if (at_word("is")) {
      take();
      n->kind = node_kind::is_missing;
      if (at_word("not")) {
        take();
        n->negated = true;
      }
      if (!at_word("missing")) {
        fail(error_id::parse_syntax, "expected 'missing' after 'is', found " + describe(cur()), cur());
      }
      take();
      return n;
    }
    if (f.type == field_type::boolean) {
      n->kind = node_kind::boolean_field;
      return n;
    }
    fail(error_id::parse_syntax,
         "expected a test after '" + f.name + "' (" + hint_for(f) + ", or 'is missing'), found " + describe(t), t);
  }

  std::vector<token> tokens_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;      // levels open at the current token
  std::size_t max_depth_ = 0;  // the most levels open at any point, sub-rules included
  std::size_t size_ = 0;       // tests and operators so far, sub-rules written out in full
  const field_schema& schema_;
  const named_rules& rules_;
};

// ------------------------------------------------------------------ evaluation

template <class T>
bool compare(const T& a, const T& b, compare_op op) {
  switch (op) {
    case compare_op::eq: return a == b;
    case compare_op::ne: return !(a == b);
    case compare_op::lt: return a < b;
    case compare_op::le: return a <= b;
    case compare_op::gt: return a > b;
    case compare_op::ge: return b <= a;
  }
  return false;
}

truth of(bool b) { return b ? truth::yes : truth::no; }
truth negate(truth t) { return t == truth::unknown ? t : (t == truth::yes ? truth::no : truth::yes); }

truth on_range(const rule_node& n, integer_range r) {
  switch (n.kind) {
    case node_kind::compare: {
      const std::int64_t c = n.values[0].i;
      if (n.op == compare_op::eq || n.op == compare_op::ne) {
        const truth eq = (c < r.low || c > r.high) ? truth::no : truth::unknown;
        return n.op == compare_op::eq ? eq : negate(eq);
      }
      const bool low = compare(r.low, c, n.op);
      const bool high = compare(r.high, c, n.op);
      return low == high ? of(low) : truth::unknown;
    }
    case node_kind::between: {
      const std::int64_t a = n.values[0].i;
      const std::int64_t b = n.values[1].i;
      const truth t = (a <= r.low && r.high <= b) ? truth::yes : (r.high < a || r.low > b) ? truth::no : truth::unknown;
      return n.negated ? negate(t) : t;
    }
    case node_kind::in_list: {
      std::int64_t inside = 0;
      for (const auto& v : n.values) inside += (v.i >= r.low && v.i <= r.high) ? 1 : 0;
      const truth t = inside == 0 ? truth::no : (inside - 1 == r.high - r.low) ? truth::yes : truth::unknown;
      return n.negated ? negate(t) : t;
    }
    default: return truth::unknown;
  }
}

truth on_value(const rule_node& n, const field_value& v) {
  if (const auto* r = std::get_if<integer_range>(&v)) return on_range(n, *r);
  switch (n.kind) {
    case node_kind::boolean_field: return of(std::get<bool>(v));
    case node_kind::compare: {
      const rule_literal& lit = n.values[0];
      switch (n.type) {
        case field_type::integer: return of(compare(std::get<std::int64_t>(v), lit.i, n.op));
        case field_type::number: return of(compare(std::get<double>(v), lit.d, n.op));
        case field_type::boolean: return of(compare(std::get<bool>(v), lit.b, n.op));
        case field_type::text: return of(compare(std::get<std::string>(v), lit.s, n.op));
        case field_type::code:
          return of(compare(static_cast<std::int64_t>(std::get<code_value>(v).index), lit.i, n.op));
        case field_type::calendar_date: return of(compare(detail::epoch_days(std::get<date>(v)), lit.i, n.op));
        case field_type::code_set: break;
      }
      return truth::unknown;
    }
    case node_kind::between: {
      bool inside = false;
      if (n.type == field_type::number) {
        const double x = std::get<double>(v);
        inside = n.values[0].d <= x && x <= n.values[1].d;
      } else {
        const std::int64_t x = n.type == field_type::calendar_date ? detail::epoch_days(std::get<date>(v))
                                                          : std::get<std::int64_t>(v);
        inside = n.values[0].i <= x && x <= n.values[1].i;
      }
      return of(inside != n.negated);
    }
    case node_kind::in_list: {
      bool found = false;
      if (n.type == field_type::text) {
        const auto& s = std::get<std::string>(v);
        found = std::any_of(n.values.begin(), n.values.end(), [&](const auto& l) { return l.s == s; });
      } else {
        const std::int64_t x = n.type == field_type::code ? std::get<code_value>(v).index : std::get<std::int64_t>(v);
        found = std::any_of(n.values.begin(), n.values.end(), [&](const auto& l) { return l.i == x; });
      }
      return of(found != n.negated);
    }
    case node_kind::has_any:
    case node_kind::has_all: {
      const auto& bits = std::get<code_set_value>(v).bits;
      bool any = false;
      bool all = true;
      for (std::size_t w = 0; w < n.mask.size(); ++w) {
        any = any || (bits[w] & n.mask[w]) != 0;
        all = all && (bits[w] & n.mask[w]) == n.mask[w];
      }
      return of(n.kind == node_kind::has_any ? any : all);
    }
    default: return truth::unknown;
  }
}

truth eval(const rule_node& n, const record& r, std::vector<std::size_t>& unresolved) {
  switch (n.kind) {
    case node_kind::constant: return of(n.value);
    case node_kind::is_missing: return of(r.missing(n.field) != n.negated);
    case node_kind::negation: return negate(eval(*n.children[0], r, unresolved));
    case node_kind::rule_ref: return eval(*n.children[0], r, unresolved);
    case node_kind::conjunction:
    case node_kind::disjunction: {
      const truth dominant = n.kind == node_kind::conjunction ? truth::no : truth::yes;
      const std::size_t entry = unresolved.size();
      bool unknown = false;
      for (const auto& c : n.children) {
        const truth t = eval(*c, r, unresolved);
        if (t == dominant) {
          unresolved.resize(entry);
          return dominant;
        }
        unknown = unknown || t == truth::unknown;
      }
      if (!unknown) unresolved.resize(entry);
      return unknown ? truth::unknown : negate(dominant);
    }
    default: {
      const field_value& v = r.value(n.field);
      if (std::holds_alternative<std::monostate>(v)) {
        unresolved.push_back(n.field);
        return truth::unknown;
      }
      const truth t = on_value(n, v);
      if (t == truth::unknown) unresolved.push_back(n.field);
      return t;
    }
  }
}

// ------------------------------------------------------------------ printing

std::string print_literal(const rule_node& n, const rule_literal& l) {
  switch (n.type) {
    case field_type::integer: return std::to_string(l.i);
    case field_type::number: {
      std::array<char, 64> buf{};
      const auto [p, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), l.d);
      std::string s(buf.data(), p);
      if (s.find_first_of(".e") == std::string::npos) s += ".0";
      if (s.find('e') != std::string::npos) {  // the rule language has no exponents
        std::array<char, 400> fixed{};
        const auto [q, ec2] = std::to_chars(fixed.data(), fixed.data() + fixed.size(), l.d, std::chars_format::fixed);
        s.assign(fixed.data(), q);
        if (s.find('.') == std::string::npos) s += ".0";
      }
      return s;
    }
    case field_type::boolean: return l.b ? "true" : "false";
    case field_type::text: {
      std::string s = "\"";
      for (char c : l.s) {
        if (c == '"' || c == '\\') s += '\\';
        s += c;
      }
      return s + "\"";
    }
    case field_type::code:
    case field_type::code_set: return l.s;
    case field_type::calendar_date:
      return format_date(boost::gregorian::date(1970, 1, 1) + boost::gregorian::days(l.i));
  }
  return {};
}

std::string print(const rule_node& n, const field_schema& s) {
  static constexpr std::array<std::string_view, 6> ops{"=", "!=", "<", "<=", ">", ">="};
  const std::string field = n.kind == node_kind::constant || n.children.size() > 0 ? std::string{} : s[n.field].name;
  auto list = [&] {
    std::string out = "[";
    for (std::size_t i = 0; i < n.values.size(); ++i) out += (i ? ", " : "") + print_literal(n, n.values[i]);
    return out + "]";
  };
  switch (n.kind) {
    case node_kind::constant: return n.value ? "true" : "false";
    case node_kind::boolean_field: return field;
    case node_kind::compare:
      return field + " " + std::string(ops[static_cast<std::size_t>(n.op)]) + " " + print_literal(n, n.values[0]);
    case node_kind::between:
      return field + (n.negated ? " not between " : " between ") + print_literal(n, n.values[0]) + " and " +
             print_literal(n, n.values[1]);
    case node_kind::in_list: return field + (n.negated ? " not in " : " in ") + list();
    case node_kind::has_any:
      return n.values.size() == 1 ? field + " has " + print_literal(n, n.values[0]) : field + " has any " + list();
    case node_kind::has_all: return field + " has all " + list();
    case node_kind::is_missing: return field + (n.negated ? " is not missing" : " is missing");
    case node_kind::rule_ref: return n.name;
    case node_kind::negation: {
      const auto& c = *n.children[0];
      const bool wrap = c.kind == node_kind::conjunction || c.kind == node_kind::disjunction;
      return wrap ? "not (" + print(c, s) + ")" : "not " + print(c, s);
    }
    case node_kind::conjunction:
    case node_kind::disjunction: {
      std::string out;
      for (std::size_t i = 0; i < n.children.size(); ++i) {
        const auto& c = *n.children[i];
        const bool wrap = c.kind == node_kind::disjunction ||
                          (n.kind == node_kind::conjunction && c.kind == node_kind::conjunction) ||
                          (n.kind == node_kind::disjunction && c.kind == node_kind::disjunction);
        if (i > 0) out += n.kind == node_kind::conjunction ? " and " : " or ";
        out += wrap ? "(" + print(c, s) + ")" : print(c, s);
      }
      return out;
    }
  }
  return {};
}

void collect_fields(const rule_node& n, std::vector<bool>& used) {
  if (n.kind == node_kind::constant) return;
  if (n.children.empty()) used[n.field] = true;
  for (const auto& c : n.children) collect_fields(*c, used);
}

}  // namespace

namespace detail {

std::vector<std::string> identifiers_in(std::string_view text) {
  std::vector<std::string> out;
  try {
    for (const auto& t : lexer(text).run()) {
      if (t.kind == token_kind::identifier && !is_rule_keyword(t.text)) out.push_back(t.text);
    }
  } catch (const parse_error&) {
    out.clear();
  }
  return out;
}

}  // namespace detail

std::string_view to_string(truth t) noexcept {
  switch (t) {
    case truth::no: return "no";
    case truth::yes: return "yes";
    case truth::unknown: break;
  }
  return "unknown";
}

expression::expression(std::string source, std::shared_ptr<const field_schema> schema,
                       std::shared_ptr<const detail::rule_node> root, std::size_t depth, std::size_t size)
    : source_(std::move(source)), schema_(std::move(schema)), root_(std::move(root)), depth_(depth), size_(size) {}

expression expression::parse(std::string_view text, std::shared_ptr<const field_schema> schema,
                             const named_rules& rules) {
  if (!schema) throw invalid_argument(error_id::invalid_value, "schema", "must not be null");
  for (const auto& [name, rule] : rules) {
    if (rule.schema_ != schema && !(*rule.schema_ == *schema)) {
      throw invalid_argument(error_id::invalid_value, "rules." + name, "uses another field schema");
    }
  }
  if (text.size() > 100000) throw invalid_argument(error_id::invalid_value, "text", "a rule has at most 100000 bytes");
  parser p(text, *schema, rules);
  node_ptr root = p.run();
  return expression(std::string(text), std::move(schema), std::move(root), p.depth(), p.size());
}

evaluation expression::evaluate(const record& r) const {
  if (r.schema_ptr() != schema_ && !(r.schema() == *schema_)) {
    throw invalid_argument(error_id::invalid_value, "record", "its field schema differs from the rule's");
  }
  std::vector<std::size_t> unresolved;
  evaluation out;
  out.value = eval(*root_, r, unresolved);
  std::sort(unresolved.begin(), unresolved.end());
  unresolved.erase(std::unique(unresolved.begin(), unresolved.end()), unresolved.end());
  for (std::size_t i : unresolved) {
    out.undetermined_fields.push_back((*schema_)[i].name);
    if (!r.missing(i) && !r.note(i).empty()) out.notes.push_back(r.note(i));
  }
  return out;
}

std::string expression::to_string() const { return print(*root_, *schema_); }

std::vector<std::string> expression::fields() const {
  std::vector<bool> used(schema_->size(), false);
  collect_fields(*root_, used);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < used.size(); ++i) {
    if (used[i]) out.push_back((*schema_)[i].name);
  }
  return out;
}

bool operator==(const expression& a, const expression& b) {
  return (a.schema_ == b.schema_ || *a.schema_ == *b.schema_) && a.to_string() == b.to_string();
}

}  // namespace kulkija
