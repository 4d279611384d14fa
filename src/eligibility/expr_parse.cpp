// Compiles eligibility expression text (see expr.h) into an Expr.
#include <cctype>
#include <charconv>
#include <cmath>

#include "eligibility/expr.h"

namespace il2t::eligibility {

namespace {

struct Tok {
  enum class K { ident, number, unit, op, end } k = K::end;
  std::string text;
  double number = 0;
  int offset = 0;
};

struct Fail {
  int offset;
  std::string message;
};

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::vector<Tok> lex(std::string_view s) {
  std::vector<Tok> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) { ++i; continue; }
    const int at = static_cast<int>(i);
    if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      double v = 0;
      auto r = std::from_chars(s.data() + i, s.data() + s.size(), v);
      if (r.ec != std::errc()) throw Fail{at, "the number is out of range"};
      out.push_back({Tok::K::number, std::string(s.substr(i, static_cast<std::size_t>(r.ptr - (s.data() + i)))), v, at});
      i = static_cast<std::size_t>(r.ptr - s.data());
      // A unit right after a number: letters, µ, '/', '^' and digits after the first letter.
      std::size_t j = i;
      while (j < s.size() && s[j] == ' ') ++j;
      const bool unit_start = j < s.size() && (std::isalpha(static_cast<unsigned char>(s[j])) || s[j] == '/' ||
                                               static_cast<unsigned char>(s[j]) >= 0x80);
      if (unit_start) {
        std::size_t k = j;
        while (k < s.size() && (std::isalnum(static_cast<unsigned char>(s[k])) || s[k] == '/' || s[k] == '^' ||
                                static_cast<unsigned char>(s[k]) >= 0x80))
          ++k;
        const std::string word(s.substr(j, k - j));
        if (word != "and" && word != "or" && word != "in") {
          out.push_back({Tok::K::unit, word, 0, static_cast<int>(j)});
          i = k;
        }
      }
      continue;
    }
    if (ident_start(c)) {
      std::size_t j = i;
      while (j < s.size() && ident_char(s[j])) ++j;
      out.push_back({Tok::K::ident, std::string(s.substr(i, j - i)), 0, at});
      i = j;
      continue;
    }
    for (std::string_view op : {"==", "!=", "<=", ">=", "<", ">", "(", ")", "[", "]", ","}) {
      if (s.substr(i, op.size()) == op) {
        out.push_back({Tok::K::op, std::string(op), 0, at});
        i += op.size();
        goto next;
      }
    }
    throw Fail{at, "unexpected character '" + std::string(1, c) + "'"};
  next:;
  }
  out.push_back({Tok::K::end, "", 0, static_cast<int>(s.size())});
  return out;
}

class Parser {
 public:
  Parser(std::string_view src, std::vector<Tok> t) : src_(src), t_(std::move(t)) {}

  Expr run() {
    Expr e;
    e.source = std::string(src_);
    nodes_ = &e.nodes;
    e.root = or_expr();
    if (cur().k != Tok::K::end) fail("unexpected \"" + cur().text + "\"");
    return e;
  }

 private:
  std::string_view src_;
  std::vector<Tok> t_;
  std::size_t i_ = 0;
  std::vector<Node>* nodes_ = nullptr;

  const Tok& cur() const { return t_[i_]; }
  bool is(std::string_view w) const { return cur().k != Tok::K::number && cur().text == w; }
  bool accept(std::string_view w) {
    if (!is(w)) return false;
    ++i_;
    return true;
  }
  void expect(std::string_view w) {
    if (!accept(w)) fail("expected \"" + std::string(w) + "\"" + (cur().k == Tok::K::end ? "" : ", got \"" + cur().text + "\""));
  }
  [[noreturn]] void fail(std::string m) const { throw Fail{cur().offset, std::move(m)}; }

  int add(Node n, int from) {
    n.text = std::string(src_.substr(static_cast<std::size_t>(from),
                                     static_cast<std::size_t>(t_[i_ - 1].offset) + t_[i_ - 1].text.size() -
                                         static_cast<std::size_t>(from)));
    nodes_->push_back(std::move(n));
    return static_cast<int>(nodes_->size()) - 1;
  }

  int nary(NodeKind kind, std::string_view word, int (Parser::*sub)()) {
    const int from = cur().offset;
    int first = (this->*sub)();
    if (!is(word)) return first;
    Node n;
    n.kind = kind;
    n.kids.push_back(first);
    while (accept(word)) n.kids.push_back((this->*sub)());
    return add(std::move(n), from);
  }
  int or_expr() { return nary(NodeKind::any, "or", &Parser::and_expr); }
  int and_expr() { return nary(NodeKind::all, "and", &Parser::unary); }

  int unary() {
    const int from = cur().offset;
    if (accept("not")) {
      Node n;
      n.kind = NodeKind::negate;
      n.kids.push_back(unary());
      return add(std::move(n), from);
    }
    return primary();
  }

  const FieldSpec& field_spec(int idx) const { return all_fields()[static_cast<std::size_t>(idx)]; }

  int field_ref(const char* want = nullptr) {
    if (cur().k != Tok::K::ident) fail("expected a field name");
    const std::size_t idx = PatientRecord::index_of(cur().text);
    if (idx == static_cast<std::size_t>(-1)) fail("unknown field \"" + cur().text + "\" (docs/patient-fields.md lists them)");
    if (want && std::string_view(want) == "event" && all_fields()[idx].kind != FieldKind::event)
      fail("\"" + cur().text + "\" is not a dated history field");
    ++i_;
    return static_cast<int>(idx);
  }

  int symbol_bit(const FieldSpec& f, const Tok& t) const {
    for (std::size_t k = 0; k < f.choices.size(); ++k) {
      if (f.choices[k] == t.text) return static_cast<int>(k);
    }
    throw Fail{t.offset, "\"" + t.text + "\" is not a value of " + std::string(f.name)};
  }

  int primary() {
    const int from = cur().offset;
    if (accept("(")) {
      const int inner = or_expr();
      expect(")");
      return inner;
    }
    if (is("any") || is("all")) {
      Node n;
      n.kind = is("any") ? NodeKind::any : NodeKind::all;
      ++i_;
      expect("(");
      n.kids.push_back(or_expr());
      while (accept(",")) n.kids.push_back(or_expr());
      expect(")");
      return add(std::move(n), from);
    }
    if (accept("ever")) {
      Node n;
      n.kind = NodeKind::ever;
      expect("(");
      n.field = field_ref("event");
      expect(")");
      return add(std::move(n), from);
    }
    if (accept("within")) {
      Node n;
      n.kind = NodeKind::within;
      expect("(");
      n.field = field_ref("event");
      expect(",");
      if (cur().k != Tok::K::number || cur().number < 1 || cur().number != std::floor(cur().number) ||
          cur().number > 100000)
        fail("expected a whole number of days, weeks, months or years (1 or more)");
      n.number = cur().number;
      ++i_;
      if (cur().k != Tok::K::unit) fail("give the unit: days, weeks, months or years");
      const std::string u = cur().text;
      if (u == "day" || u == "days") n.span = Span::days;
      else if (u == "week" || u == "weeks") n.span = Span::weeks;
      else if (u == "month" || u == "months") n.span = Span::months;
      else if (u == "year" || u == "years") n.span = Span::years;
      else fail("\"" + u + "\" is not days, weeks, months or years");
      ++i_;
      expect(")");
      return add(std::move(n), from);
    }
    if (is("true") || is("false")) {
      Node n;
      n.kind = NodeKind::constant;
      n.constant = is("true");
      ++i_;
      return add(std::move(n), from);
    }
    // symbol "in" list-field
    // (a field followed by "in [" is the other form, `field in [values]`)
    if (cur().k == Tok::K::ident && i_ + 2 < t_.size() && t_[i_ + 1].text == "in" && t_[i_ + 2].k == Tok::K::ident) {
      const Tok sym = cur();
      i_ += 2;
      Node n;
      n.kind = NodeKind::has;
      n.field = field_ref();
      if (field_spec(n.field).kind != FieldKind::list) fail("\"in\" needs a list field such as allergies");
      n.bits = 1u << symbol_bit(field_spec(n.field), sym);
      return add(std::move(n), from);
    }
    const int f = field_ref();
    const FieldSpec& spec = field_spec(f);
    if (accept("in")) {
      Node n;
      n.kind = NodeKind::in_set;
      n.field = f;
      expect("[");
      do {
        if (cur().k != Tok::K::ident) fail("expected a value of " + std::string(spec.name));
        n.bits |= 1u << symbol_bit(spec, cur());
        ++i_;
      } while (accept(","));
      expect("]");
      return add(std::move(n), from);
    }
    static constexpr std::string_view ops[] = {"==", "!=", "<", "<=", ">", ">="};
    static constexpr CmpOp kinds[] = {CmpOp::eq, CmpOp::ne, CmpOp::lt, CmpOp::le, CmpOp::gt, CmpOp::ge};
    for (int k = 0; k < 6; ++k) {
      if (cur().k == Tok::K::op && cur().text == ops[k]) {
        ++i_;
        Node n;
        n.kind = NodeKind::compare;
        n.field = f;
        n.op = kinds[k];
        value(spec, n);
        return add(std::move(n), from);
      }
    }
    if (spec.kind != FieldKind::flag) fail("\"" + std::string(spec.name) + "\" needs a comparison (it is not a yes/no field)");
    Node n;
    n.kind = NodeKind::flag;
    n.field = f;
    return add(std::move(n), from);
  }

  // The right-hand side of a comparison, checked against the field's kind and unit.
  void value(const FieldSpec& spec, Node& n) {
    const Tok v = cur();
    switch (spec.kind) {
      case FieldKind::quantity: {
        if (v.k != Tok::K::number) fail("expected a number for " + std::string(spec.name));
        ++i_;
        std::string unit;
        if (cur().k == Tok::K::unit) {
          unit = cur().text;
          ++i_;
        }
        FieldSpec lenient = spec;
        lenient.unit_required = false;  // in an expression a bare number is in the canonical unit
        auto c = to_canonical(lenient, v.number, unit);
        if (!c.value) throw Fail{v.offset, std::string(spec.name) + ": " + c.error.text()};
        n.number = *c.value;
        return;
      }
      case FieldKind::flag:
        if (!(v.text == "true" || v.text == "false")) fail(std::string(spec.name) + " is true or false");
        n.number = v.text == "true" ? 1 : 0;
        break;
      case FieldKind::result:
        if (!(v.text == "positive" || v.text == "negative")) fail(std::string(spec.name) + " is positive or negative");
        n.number = v.text == "positive" ? 1 : 0;
        break;
      case FieldKind::choice:
        if (v.k != Tok::K::ident) fail("expected a value of " + std::string(spec.name));
        n.number = symbol_bit(spec, v);
        break;
      default:
        fail(std::string(spec.name) + " cannot be compared; use within(), ever() or in");
    }
    if (n.op != CmpOp::eq && n.op != CmpOp::ne) throw Fail{v.offset, "only == and != apply to " + std::string(spec.name)};
    ++i_;
  }
};

}  // namespace

Compiled compile(std::string_view source) {
  try {
    Parser p(source, lex(source));
    return {p.run(), std::nullopt};
  } catch (const Fail& f) {
    return {std::nullopt, ExprError{.message = f.message, .offset = f.offset}};
  }
}

}  // namespace il2t::eligibility
