#include "eligibility/screen.h"

#include "core/units.h"

namespace il2t::eligibility {

const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::eligible: return "eligible";
    case Verdict::not_eligible: return "not_eligible";
    case Verdict::undetermined: return "undetermined";
  }
  return "undetermined";
}

std::optional<CompiledProtocol> compile_protocol(const protocol::Protocol& p, Diagnostics& diag) {
  CompiledProtocol out;
  out.id = p.identity.id.value;
  bool ok = true;
  auto add = [&](const std::vector<protocol::Criterion>& list, bool inclusion, const char* kind) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const protocol::Criterion& c = list[i];
      CompiledCriterion cc{c.id, c.text, inclusion, std::nullopt};
      if (c.expr) {
        Compiled compiled = compile(*c.expr);
        if (compiled.error) {
          // The expression's line in the file: the criterion table starts at c.pos; the
          // message names the criterion and the offset inside the expression.
          diag.error(c.pos, std::string("eligibility.") + kind + "[" + std::to_string(i) + "].expr: " +
                                compiled.error->message + " (at character " +
                                std::to_string(compiled.error->offset + 1) + " of \"" + *c.expr + "\")");
          ok = false;
          continue;
        }
        cc.expr = std::move(compiled.expr);
      }
      out.criteria.push_back(std::move(cc));
    }
  };
  // The registry's eligible ages, sex and weights are criteria too, whether or not an
  // inclusion criterion repeats them.
  // Registry ages are whole years: a maximum of 17 years admits a child until the 18th
  // birthday (age < 18), as ClinicalTrials.gov's age limits mean.
  auto limits = [&](const char* id, const char* field, const protocol::Range& r, const char* unit, bool whole_years) {
    std::string e;
    if (r.min) e = std::string(field) + " >= " + units::format_number(r.min->value) + " " + unit;
    if (r.max)
      e += (e.empty() ? "" : " and ") + std::string(field) +
           (whole_years ? " < " + units::format_number(r.max->value + 1) : " <= " + units::format_number(r.max->value)) +
           " " + unit;
    if (e.empty()) return;
    Compiled c = compile(e);
    out.criteria.push_back({id, "population: " + e, true, std::move(c.expr)});
  };
  limits("population.age", "age", p.population.age_years, "years", true);
  limits("population.weight", "weight", p.population.weight_kg, "kg", false);
  if (p.population.sex.value == "female" || p.population.sex.value == "male") {
    Compiled c = compile("sex == " + p.population.sex.value);
    out.criteria.push_back({"population.sex", "population: sex " + p.population.sex.value, true, std::move(c.expr)});
  }
  add(p.eligibility.inclusion, true, "inclusion");
  add(p.eligibility.exclusion, false, "exclusion");
  if (!ok) return std::nullopt;
  return out;
}

namespace {

// How a criterion came out for this patient: `no` means it failed.
Tri criterion_passes(const CompiledCriterion& c, const PatientRecord& r, std::int32_t as_of) {
  const Tri t = evaluate(*c.expr, r, as_of);
  if (t == Tri::unknown || c.inclusion) return t;
  return t == Tri::yes ? Tri::no : Tri::yes;  // an exclusion that applies fails the patient
}

}  // namespace

Verdict screen_verdict(const CompiledProtocol& p, const PatientRecord& r, std::int32_t as_of) {
  bool unknown = false;
  for (const CompiledCriterion& c : p.criteria) {
    if (!c.expr) continue;
    const Tri t = criterion_passes(c, r, as_of);
    if (t == Tri::no) return Verdict::not_eligible;
    unknown = unknown || t == Tri::unknown;
  }
  return unknown ? Verdict::undetermined : Verdict::eligible;
}

ScreenResult screen(const CompiledProtocol& p, const PatientRecord& r, std::int32_t as_of) {
  ScreenResult out;
  out.patient = r.id;
  out.protocol = p.id;
  for (const CompiledCriterion& c : p.criteria) {
    CriterionOutcome o{c.id, c.text, c.inclusion, {}, {}};
    if (!c.expr) {
      out.manual.push_back(std::move(o));
      continue;
    }
    const Tri t = criterion_passes(c, r, as_of);
    if (t == Tri::yes) continue;
    Explanation why = explain(*c.expr, r, as_of);
    o.reasons = std::move(why.reasons);
    o.missing = std::move(why.missing);
    (t == Tri::no ? out.failed : out.unknown).push_back(std::move(o));
  }
  out.verdict = !out.failed.empty() ? Verdict::not_eligible
                                    : (!out.unknown.empty() ? Verdict::undetermined : Verdict::eligible);
  return out;
}

}  // namespace il2t::eligibility
