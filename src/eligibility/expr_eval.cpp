// Three-valued evaluation of compiled eligibility expressions, and their explanation.
#include <algorithm>
#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "eligibility/expr.h"
#include "core/units.h"

namespace il2t::eligibility {

namespace {

using State = Cell::State;

Tri from_bool(bool b) { return b ? Tri::yes : Tri::no; }

// First day of the window that ends on `as_of`: "within 6 months" reaches back 6
// calendar months (a day that does not exist, 31 Feb, falls to the month's last day).
std::int32_t window_start(std::int32_t as_of, double count, Span span) {
  using namespace std::chrono;
  const sys_days today{days(as_of)};
  switch (span) {
    case Span::days: return as_of - static_cast<std::int32_t>(std::lround(count));
    case Span::weeks: return as_of - static_cast<std::int32_t>(std::lround(count * 7));
    case Span::months:
    case Span::years: {
      const int n = static_cast<int>(std::lround(span == Span::years ? count * 12 : count));
      year_month_day ymd{today};
      year_month_day back = ymd - months(n);
      if (!back.ok()) back = back.year() / back.month() / last;
      return static_cast<std::int32_t>(sys_days(back).time_since_epoch().count());
    }
  }
  return as_of;
}

bool compare(double a, CmpOp op, double b) {
  switch (op) {
    case CmpOp::eq: return a == b;
    case CmpOp::ne: return a != b;
    case CmpOp::lt: return a < b;
    case CmpOp::le: return a <= b;
    case CmpOp::gt: return a > b;
    case CmpOp::ge: return a >= b;
  }
  return false;
}

Tri eval(const Expr& e, int id, const PatientRecord& r, std::int32_t as_of) {
  const Node& n = e.nodes[static_cast<std::size_t>(id)];
  const Cell* c = n.field >= 0 ? &r.cells[static_cast<std::size_t>(n.field)] : nullptr;
  switch (n.kind) {
    case NodeKind::constant: return from_bool(n.constant);
    case NodeKind::all: {
      Tri acc = Tri::yes;
      for (int k : n.kids) {
        const Tri t = eval(e, k, r, as_of);
        if (t == Tri::no) return Tri::no;
        if (t == Tri::unknown) acc = Tri::unknown;
      }
      return acc;
    }
    case NodeKind::any: {
      Tri acc = Tri::no;
      for (int k : n.kids) {
        const Tri t = eval(e, k, r, as_of);
        if (t == Tri::yes) return Tri::yes;
        if (t == Tri::unknown) acc = Tri::unknown;
      }
      return acc;
    }
    case NodeKind::negate: {
      const Tri t = eval(e, n.kids[0], r, as_of);
      return t == Tri::unknown ? t : from_bool(t == Tri::no);
    }
    case NodeKind::compare:
      if (c->state != State::value) return Tri::unknown;
      return from_bool(compare(c->number, n.op, n.number));
    case NodeKind::flag:
      if (c->state != State::value) return Tri::unknown;
      return from_bool(c->number != 0);
    case NodeKind::ever:
      if (c->state == State::missing) return Tri::unknown;
      return from_bool(c->state != State::never);
    case NodeKind::within:
      if (c->state == State::never) return Tri::no;
      if (c->state != State::value) return Tri::unknown;
      return from_bool(c->day >= window_start(as_of, n.number, n.span) && c->day <= as_of);
    case NodeKind::in_set:
      if (c->state != State::value) return Tri::unknown;
      if (all_fields()[static_cast<std::size_t>(n.field)].kind == FieldKind::list)
        return from_bool((c->bits & n.bits) != 0);  // a list: any of its values among those named
      return from_bool(((1u << static_cast<unsigned>(c->number)) & n.bits) != 0);
    case NodeKind::has:
      if (c->state != State::value) return Tri::unknown;
      return from_bool((c->bits & n.bits) != 0);
  }
  return Tri::unknown;
}

std::string date_text(std::int32_t day) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days(std::chrono::days(day))};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

// The record's value of a field, in words.
std::string shown(const FieldSpec& f, const Cell& c) {
  switch (c.state) {
    case State::missing: return "missing";
    case State::never: return "never";
    case State::ever_undated: return "yes, date unknown";
    case State::value: break;
  }
  switch (f.kind) {
    case FieldKind::quantity: {
      const std::string v = units::format_number(std::round(c.number * 1e4) / 1e4);
      return f.canonical_unit.empty() ? v : v + " " + std::string(f.canonical_unit);
    }
    case FieldKind::flag: return c.number != 0 ? "yes" : "no";
    case FieldKind::result: return c.number != 0 ? "positive" : "negative";
    case FieldKind::choice: return std::string(f.choices[static_cast<std::size_t>(c.number)]);
    case FieldKind::event: return date_text(c.day);
    case FieldKind::list: {
      std::string s;
      for (std::size_t k = 0; k < f.choices.size(); ++k) {
        if (c.bits & (1u << k)) s += (s.empty() ? "" : ";") + std::string(f.choices[k]);
      }
      return s.empty() ? "none" : s;
    }
    case FieldKind::text: break;
  }
  return "?";
}

void explain_node(const Expr& e, int id, const PatientRecord& r, std::int32_t as_of, Tri want, Explanation& out) {
  const Node& n = e.nodes[static_cast<std::size_t>(id)];
  if (n.kind == NodeKind::all || n.kind == NodeKind::any) {
    // The children that decided the result (or left it unknown).
    for (int k : n.kids) {
      const Tri t = eval(e, k, r, as_of);
      if (t == want) explain_node(e, k, r, as_of, want, out);
    }
    return;
  }
  if (n.kind == NodeKind::negate) {
    const Tri inner = want == Tri::unknown ? Tri::unknown : (want == Tri::yes ? Tri::no : Tri::yes);
    explain_node(e, n.kids[0], r, as_of, inner, out);
    return;
  }
  if (n.field < 0) return;
  const FieldSpec& f = all_fields()[static_cast<std::size_t>(n.field)];
  const Cell& c = r.cells[static_cast<std::size_t>(n.field)];
  if (want == Tri::unknown) {
    std::string name = c.state == State::ever_undated ? std::string(f.name) + " (date)" : std::string(f.name);
    if (const auto from = derived_from(f.name); !from.empty() && c.state == State::missing)
      name += " (or " + std::string(from) + " to compute it)";
    if (std::find(out.missing.begin(), out.missing.end(), name) == out.missing.end()) out.missing.push_back(name);
    return;
  }
  out.reasons.push_back(n.text + ": " + std::string(f.name) + " is " + shown(f, c));
}

}  // namespace

Tri evaluate(const Expr& e, const PatientRecord& r, std::int32_t as_of) { return eval(e, e.root, r, as_of); }

Explanation explain(const Expr& e, const PatientRecord& r, std::int32_t as_of) {
  Explanation out;
  explain_node(e, e.root, r, as_of, evaluate(e, r, as_of), out);
  return out;
}

}  // namespace il2t::eligibility
