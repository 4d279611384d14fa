#pragma once
// Eligibility expressions: the `expr` of a protocol criterion, compiled against the
// field dictionary and evaluated on a patient record in three values.
//
//   expr   := or ;  or := and {"or" and} ;  and := unary {"and" unary}
//   unary  := "not" unary | primary [cmp-op value | "in" list]
//   primary:= field | "(" expr ")" | "any(" expr {"," expr} ")" | "all(" ... ")"
//           | "within(" event "," number unit ")" | "ever(" event ")" | symbol "in" field
//   value  := number [unit] | true | false | symbol
//
// A bare flag field is true when the flag is set. Numbers without a unit are in the
// field's canonical unit; with a unit they are converted ("30 mL/min", "18 years").
// `within(rituximab, 6 months)`: the last date falls in the 6 calendar months up to
// the screening date. Missing data make a comparison unknown; and/or follow Kleene's
// three-valued logic (false and unknown = false; true or unknown = true).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "eligibility/record.h"

namespace il2t::eligibility {

enum class Tri : std::uint8_t { no, yes, unknown };

enum class NodeKind : std::uint8_t { all, any, negate, compare, flag, within, ever, in_set, has, constant };
enum class CmpOp : std::uint8_t { eq, ne, lt, le, gt, ge };
enum class Span : std::uint8_t { days, weeks, months, years };

struct Node {
  NodeKind kind = NodeKind::constant;
  std::vector<int> kids;        // all / any / negate
  int field = -1;               // index into all_fields()
  CmpOp op = CmpOp::eq;
  double number = 0;            // compare: the right-hand side (canonical unit); within: the count
  Span span = Span::months;     // within
  std::uint32_t bits = 0;       // in_set / has: the symbols
  bool constant = false;
  std::string text;             // the source fragment, for reasons
};

struct Expr {
  std::vector<Node> nodes;  // nodes[root] is the root
  int root = -1;
  std::string source;
};

// Why an expression does not compile: the message and its offset into the source.
using ExprError = Error;

struct Compiled {
  std::optional<Expr> expr;
  std::optional<ExprError> error;
};

Compiled compile(std::string_view source);

// `as_of`: the screening date, days since 1970-01-01. Allocates nothing.
Tri evaluate(const Expr& e, const PatientRecord& r, std::int32_t as_of);

// Why an expression came out as it did: the decisive comparisons with the record's
// values ("age >= 18: age is 17 years"), and the fields whose absence left it unknown.
struct Explanation {
  std::vector<std::string> reasons;
  std::vector<std::string> missing;
};
Explanation explain(const Expr& e, const PatientRecord& r, std::int32_t as_of);

}  // namespace il2t::eligibility
