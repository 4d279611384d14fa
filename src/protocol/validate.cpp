// Checks of identity, population, eligibility, randomisation and endpoints.
#include "protocol/validate.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <regex>
#include <set>
#include <vector>

#include "measures/catalogue.h"
#include "protocol/strata.h"

namespace il2t::protocol {

namespace {

std::string join(const std::vector<std::string_view>& xs) {
  std::string s;
  for (auto x : xs) s += (s.empty() ? "" : ", ") + std::string(x);
  return s;
}

void one_of(Diagnostics& d, const Fact<std::string>& f, const std::string& where,
            const std::vector<std::string_view>& allowed) {
  if (f.value.empty()) return;  // missing: already reported by the reader
  if (std::find(allowed.begin(), allowed.end(), f.value) != allowed.end()) return;
  d.error(f.pos, where + ": \"" + f.value + "\" is not one of: " + join(allowed));
}

// The analysis: a method the simulator runs on the endpoint's reading of its
// instrument, and a multiplicity adjustment it knows.
void analysis_method(Diagnostics& d, const Endpoint& e, const std::string& where) {
  const Fact<std::string>& m = e.analysis.method;
  if (m.value.empty()) return;  // missing: already reported by the reader
  const std::string at = where + ".analysis.method";
  if (m.value == "kaplan-meier") {
    d.error(m.pos, at + ": \"kaplan-meier\" estimates survival but compares nothing: name \"logrank\" (its test) "
                        "or \"cox\" for a comparison, or \"descriptive\"");
    return;
  }
  const measures::MethodSpec* spec = measures::find_method(m.value);
  if (!spec) {
    std::vector<std::string_view> names;
    for (const measures::MethodSpec& x : measures::methods()) names.push_back(x.name);
    d.error(m.pos, at + ": \"" + m.value + "\" is not one of: " + join(names));
    return;
  }
  const measures::Reading r = measures::reading_for(e.instrument.value, m.value);
  if (measures::find_instrument(e.instrument.value) && !measures::runs_on(*spec, r))
    d.error(m.pos, at + ": \"" + m.value + "\" needs " + std::string(spec->needs) + "; instrument \"" +
                       e.instrument.value + "\" does not give one under it");
  const Strings& covariates = e.analysis.covariates.value;
  for (std::size_t i = 0; i < covariates.size(); ++i)
    if (std::find(covariates.begin(), covariates.begin() + static_cast<std::ptrdiff_t>(i), covariates[i]) !=
        covariates.begin() + static_cast<std::ptrdiff_t>(i))
      d.error(e.analysis.covariates.pos, where + ".analysis.covariates: \"" + covariates[i] + "\" is named twice");
  if (e.analysis.multiplicity) {
    static const std::vector<std::string_view> kAdjustments{"none", "bonferroni", "holm", "hochberg", "dunnett"};
    const std::string& adjust = e.analysis.multiplicity->value;
    one_of(d, *e.analysis.multiplicity, where + ".analysis.multiplicity", kAdjustments);
    const bool known = std::find(kAdjustments.begin(), kAdjustments.end(), adjust) != kAdjustments.end();
    if (spec->pairwise && e.compare.value.size() <= 2 && known && adjust != "none")
      d.warning(e.analysis.multiplicity->pos, where + ".analysis.multiplicity: one comparison, so \"" +
                                                  e.analysis.multiplicity->value + "\" adjusts nothing");
    if (!spec->pairwise && e.analysis.multiplicity->value != "none")
      d.error(e.analysis.multiplicity->pos, where + ".analysis.multiplicity: \"" + m.value +
                                                "\" makes no pairwise comparisons to adjust");
  }
}

// The instrument ids an endpoint may name: the measure catalogue's.
const std::vector<std::string_view>& instrument_ids() {
  static const std::vector<std::string_view> ids = [] {
    std::vector<std::string_view> v;
    for (const measures::InstrumentSpec& i : measures::instruments()) v.push_back(i.id);
    return v;
  }();
  return ids;
}

void identity(const Protocol& p, Diagnostics& d) {
  const Identity& id = p.identity;
  one_of(d, id.design, "identity.design", {"randomised", "non-randomised", "observational"});
  one_of(d, id.masking, "identity.masking", {"none", "single", "double", "triple", "quadruple"});
  one_of(d, id.phase, "identity.phase", {"early-1", "1", "1/2", "2", "2/3", "3", "4", "n/a"});
  one_of(d, id.status, "identity.status",
         {"not-yet-recruiting", "recruiting", "enrolling-by-invitation", "active-not-recruiting", "completed",
          "suspended", "terminated", "withdrawn", "unknown"});
  if (id.enrolment.pos.line > 0 && id.enrolment.value <= 0)
    d.error(id.enrolment.pos, "identity.enrolment: must be a positive number of participants");
  static const std::regex nct("NCT[0-9]{8}");
  for (const std::string& r : id.registry_ids.value) {
    if (r.rfind("NCT", 0) == 0 && !std::regex_match(r, nct))
      d.error(id.registry_ids.pos, "identity.registry_ids: \"" + r + "\" is not an NCT number (NCT and 8 digits)");
  }
  if (id.design.value == "observational" && id.masking.value != "none" && !id.masking.value.empty())
    d.warning(id.masking.pos, "identity.masking: an observational study is not masked");
}

void bounded(Diagnostics& d, const std::optional<Fact<double>>& f, const std::string& where, double lo,
             double hi, const std::string& hint) {
  if (!f) return;
  if (f->value < lo || f->value > hi)
    d.error(f->pos, where + ": " + units::format_number(f->value) + " is outside " + units::format_number(lo) + "–" +
                        units::format_number(hi) +
                        (hint.empty() ? "" : " (" + hint + ")"));
}

void population(const Protocol& p, Diagnostics& d) {
  const Population& pop = p.population;
  one_of(d, pop.sex, "population.sex", {"all", "female", "male"});
  if (pop.conditions.pos.line > 0 && pop.conditions.value.empty())
    d.error(pop.conditions.pos, "population.conditions: name at least one condition");
  bounded(d, pop.age_years.min, "population.age_min_years", 0, 120, "");
  bounded(d, pop.age_years.max, "population.age_max_years", 0, 120, "");
  bounded(d, pop.weight_kg.min, "population.weight_min_kg", 1, 300, "kilograms");
  bounded(d, pop.weight_kg.max, "population.weight_max_kg", 1, 300, "kilograms; pounds or grams?");
  bounded(d, pop.reference_weight_kg, "population.reference_weight_kg", 2, 300, "kilograms; pounds or grams?");
  bounded(d, pop.reference_height_cm, "population.reference_height_cm", 40, 250,
          "centimetres; metres or inches?");
  for (auto [r, name] : {std::pair{&pop.age_years, "age"}, std::pair{&pop.weight_kg, "weight"}}) {
    if (r->min && r->max && r->min->value > r->max->value)
      d.error(r->max->pos, std::string("population: the maximum ") + name + " is below the minimum");
  }
  if (pop.reference_weight_kg.has_value() != pop.reference_height_cm.has_value()) {
    const auto& given = pop.reference_weight_kg ? pop.reference_weight_kg : pop.reference_height_cm;
    d.error(given->pos, "population: give both reference_weight_kg and reference_height_cm");
  }
}

// A substring that neither starts nor ends inside a UTF-8 character.
std::string utf8_safe(const std::string& s, std::size_t from, std::size_t len) {
  auto cont = [&](std::size_t i) { return i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80; };
  while (cont(from)) ++from;
  std::size_t to = std::min(s.size(), from + len);
  while (to > from && cont(to)) --to;
  return s.substr(from, to - from);
}

// "SLEDAI = 8" in a registry's words is usually a lost ≥ or ≤.
void lost_signs(const std::string& text, const Origin& origin, SourcePos pos, const std::string& where,
                Diagnostics& d) {
  static const std::regex lone_eq(R"((^|[^<>!=≤≥])=\s*([0-9]|grade))");
  // "(n=60)" is a count, not a lost sign.
  static const std::regex count_eq(R"((^|[^A-Za-z])[nN]\s*$)");
  std::string frag;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), lone_eq); it != std::sregex_iterator(); ++it) {
    const auto eq = static_cast<std::size_t>(it->position(0) + it->length(1));
    if (std::regex_search(text.substr(eq >= 3 ? eq - 3 : 0, eq >= 3 ? 3 : eq), count_eq)) continue;
    frag = utf8_safe(text, eq >= 12 ? eq - 12 : 0, 24);
    break;
  }
  if (frag.empty()) return;
  std::string msg = where + ": the registry's \"=\" (\"…" + frag + "…\") reads as a lost ≥ or ≤";
  if (origin.kind == OriginKind::interpreted) msg += "; interpreted: " + origin.reason;
  else msg += "; mark it `interpreted` with the sign it takes";
  d.warning(pos, msg);
}

void eligibility(const Protocol& p, Diagnostics& d) {
  std::set<std::string> seen;
  auto check = [&](const std::vector<Criterion>& list, const char* kind) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Criterion& c = list[i];
      const std::string where = std::string("eligibility.") + kind + "[" + std::to_string(i) + "]";
      if (!c.id.empty() && !seen.insert(c.id).second)
        d.error(c.pos, where + ".id: \"" + c.id + "\" is used by another criterion");
      lost_signs(c.text, c.origin, c.pos, where + ".text", d);
    }
  };
  check(p.eligibility.inclusion, "inclusion");
  check(p.eligibility.exclusion, "exclusion");
}

// Each entry of randomisation.strata as protocol/strata.h reads it (its rules are
// compiled with the eligibility criteria, trial/strata.h).
void strata(const Randomisation& r, Diagnostics& d) {
  std::set<std::string> names;
  std::size_t combinations = 1;
  for (std::size_t i = 0; i < r.strata.value.size(); ++i) {
    const std::string& entry = r.strata.value[i];
    const std::string where = "randomisation.strata[" + std::to_string(i) + "]";
    auto f = parse_stratum_factor(entry);
    if (!f) {
      d.error(r.strata.pos, where + ": " + f.error().message + " (at character " + std::to_string(f.error().offset + 1) +
                                " of \"" + entry + "\")");
      continue;
    }
    if (!names.insert(f->name).second) d.error(r.strata.pos, where + ": factor \"" + f->name + "\" is given twice");
    if (f->levels.empty()) {
      d.warning(r.strata.pos, where + ": \"" + f->name + "\" gives no levels (write \"" + f->name +
                                  ": level, level\"): il2trial randomise cannot list its strata, and simulate does not "
                                  "stratify by it");
      continue;
    }
    combinations = std::min(combinations * f->levels.size(), kMaxStrata + 1);
  }
  if (combinations > kMaxStrata)
    d.error(r.strata.pos, "randomisation.strata: more than " + std::to_string(kMaxStrata) +
                              " strata (every combination of the factors' levels)");
}

void randomisation(const Protocol& p, Diagnostics& d) {
  const Randomisation& r = p.randomisation;
  const std::string& design = p.identity.design.value;
  one_of(d, r.method, "randomisation.method", {"permuted-blocks", "simple", "none"});
  if (design == "randomised" && r.method.value == "none")
    d.error(r.method.pos, "randomisation.method: a randomised trial needs a method other than \"none\"");
  if ((design == "observational" || design == "non-randomised") && !r.method.value.empty() &&
      r.method.value != "none")
    d.error(r.method.pos, "randomisation.method: " + std::string(design == "observational" ? "an " : "a ") + design +
                              " study is not randomised: write \"none\"");
  if (design == "randomised" && p.arms.size() < 2)
    d.error(p.arms.empty() ? SourcePos{} : p.arms[0].pos, "arms: a randomised trial needs at least two arms");

  double total = 0;
  bool integral = true;
  for (const Arm& a : p.arms) {
    total += a.ratio.value;
    integral = integral && a.ratio.value == std::floor(a.ratio.value);
  }
  if (r.method.value == "permuted-blocks") {
    if (r.block_sizes.value.empty())
      d.error(r.method.pos, "randomisation.block_sizes: permuted blocks need at least one block size");
    if (!integral)
      d.error(r.method.pos, "randomisation: permuted blocks need whole-number allocation ratios");
    for (std::int64_t b : r.block_sizes.value) {
      if (b <= 0 || (integral && total > 0 && std::fmod(static_cast<double>(b), total) != 0.0))
        d.error(r.block_sizes.pos, "randomisation.block_sizes: " + std::to_string(b) +
                                       " is not a positive multiple of the allocation ratios' sum (" +
                                       std::to_string(static_cast<long long>(total)) + ")");
    }
  }
  strata(r, d);
  if (design == "randomised" && integral && total > 0 && p.identity.enrolment.value > 0 &&
      std::fmod(static_cast<double>(p.identity.enrolment.value), total) != 0.0)
    d.warning(p.identity.enrolment.pos, "identity.enrolment: " + std::to_string(p.identity.enrolment.value) +
                                            " does not divide by the allocation ratios' sum (" +
                                            std::to_string(static_cast<long long>(total)) + ")");
}

void endpoints(const Protocol& p, Diagnostics& d) {
  std::set<std::string> seen;
  int primary = 0;
  for (std::size_t i = 0; i < p.endpoints.size(); ++i) {
    const Endpoint& e = p.endpoints[i];
    const std::string where = "endpoints[" + std::to_string(i) + "]";
    if (!e.id.empty() && !seen.insert(e.id).second) d.error(e.pos, where + ".id: \"" + e.id + "\" is used twice");
    one_of(d, e.kind, where + ".kind", {"primary", "secondary"});
    if (e.kind.value == "primary") ++primary;
    const Origin& described = e.description.origin.kind != OriginKind::registry ? e.description.origin : e.origin;
    lost_signs(e.description.value, described, e.description.pos, where + ".description", d);
    one_of(d, e.instrument, where + ".instrument", instrument_ids());
    for (const std::string& v : e.timepoints.value) {
      if (!p.find_visit(v)) d.error(e.timepoints.pos, where + ".timepoints: no visit has the id \"" + v + "\"");
    }
    if (e.timepoints.pos.line > 0 && e.timepoints.value.empty())
      d.error(e.timepoints.pos, where + ".timepoints: name at least one visit");
    if (e.compare.pos.line > 0 && e.compare.value.empty())
      d.error(e.compare.pos, where + ".compare: name at least one arm");
    for (const std::string& a : e.compare.value) {
      if (!p.find_arm(a)) d.error(e.compare.pos, where + ".compare: no arm has the id \"" + a + "\"");
    }
    analysis_method(d, e, where);
    if (e.analysis.alpha && (e.analysis.alpha->value <= 0 || e.analysis.alpha->value >= 1))
      d.error(e.analysis.alpha->pos, where + ".analysis.alpha: must lie between 0 and 1");
  }
  if (!p.endpoints.empty() && primary == 0)
    d.error(p.endpoints[0].pos, "endpoints: none is primary (mark one `kind = \"primary\"`, interpreted if the "
                                "registry does not say)");
}

}  // namespace

void validate(const Protocol& p, Diagnostics& d) {
  identity(p, d);
  population(p, d);
  eligibility(p, d);
  detail::validate_arms(p, d);
  randomisation(p, d);
  detail::validate_schedule(p, d);
  endpoints(p, d);
  detail::validate_design(p, d);
}

}  // namespace il2t::protocol
