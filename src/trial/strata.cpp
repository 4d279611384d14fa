#include "trial/strata.h"

#include "protocol/strata.h"

namespace il2t::trial {

namespace {

std::string join(const std::vector<std::string>& xs, const char* sep = ", ") {
  std::string s;
  for (const std::string& x : xs) s += (s.empty() ? "" : sep) + x;
  return s;
}

std::string where(std::size_t i) { return "randomisation.strata[" + std::to_string(i) + "]"; }

// Entry `i` as a factor with its rules compiled; the error names the entry and, for a
// rule, the character in it.
Expected<Factor> compile_factor(const std::string& entry, std::size_t i, bool& grammar_error) {
  grammar_error = false;
  auto parsed = protocol::parse_stratum_factor(entry);
  if (!parsed) {
    grammar_error = true;
    return Error{where(i) + ": " + parsed.error().message};
  }
  Factor f;
  f.name = parsed->name;
  for (const protocol::StratumLevel& l : parsed->levels) {
    f.levels.push_back(l.name);
    if (!l.rule) continue;
    eligibility::Compiled c = eligibility::compile(*l.rule);
    if (c.error)
      return Error{where(i) + ": level " + l.name + ": " + c.error->message + " (at character " +
                   std::to_string(l.rule_offset + c.error->offset + 1) + " of \"" + entry + "\")"};
    f.rules.push_back(std::move(*c.expr));
  }
  return f;
}

}  // namespace

std::size_t Strata::count() const {
  std::size_t n = 1;
  for (const Factor& f : factors) n *= f.levels.size();
  return n;
}

std::vector<std::size_t> Strata::levels_of(std::size_t stratum) const {
  std::vector<std::size_t> out(factors.size());
  for (std::size_t k = factors.size(); k-- > 0;) {
    out[k] = stratum % factors[k].levels.size();
    stratum /= factors[k].levels.size();
  }
  return out;
}

std::string Strata::label(std::size_t stratum) const {
  if (factors.empty()) return "all";
  const auto levels = levels_of(stratum);
  std::vector<std::string> parts;
  for (std::size_t k = 0; k < factors.size(); ++k) parts.push_back(factors[k].name + " " + factors[k].levels[levels[k]]);
  return join(parts);
}

Expected<Strata> read_strata(const protocol::Protocol& p) {
  Strata s;
  const auto& entries = p.randomisation.strata.value;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    bool grammar = false;
    auto f = compile_factor(entries[i], i, grammar);
    if (!f) return f.error();
    s.factors.push_back(std::move(*f));
  }
  return s;
}

void check_strata_rules(const protocol::Protocol& p, Diagnostics& d) {
  const auto& entries = p.randomisation.strata.value;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    bool grammar = false;
    auto f = compile_factor(entries[i], i, grammar);
    if (!f && !grammar) d.error(p.randomisation.strata.pos, f.error().message);
  }
}

std::size_t SimulatedStrata::stratum_of(const Strata& s, const eligibility::PatientRecord& r, std::int32_t as_of,
                                        bool& placed) const {
  placed = true;
  std::size_t stratum = 0;
  for (std::size_t k = 0; k < factors.size(); ++k) {
    const Factor& f = s.factors[factors[k]];
    std::size_t level = f.levels.size();  // placed in none
    for (std::size_t l = 0; l < f.rules.size(); ++l)
      if (eligibility::evaluate(f.rules[l], r, as_of) == eligibility::Tri::yes) {
        level = l;
        break;
      }
    placed = placed && level < f.levels.size();
    stratum = stratum * radix[k] + level;
  }
  return stratum;
}

SimulatedStrata simulated_strata(const Strata& s) {
  SimulatedStrata out;
  std::vector<std::string> by, not_by;
  for (std::size_t k = 0; k < s.factors.size(); ++k) {
    const Factor& f = s.factors[k];
    if (!f.rules.empty()) {
      out.factors.push_back(k);
      out.radix.push_back(f.levels.size() + 1);
      out.count *= f.levels.size() + 1;
      by.push_back(f.name + " (" + join(f.levels) + ")");
    } else {
      not_by.push_back(f.name + (f.levels.empty() ? " (no levels)" : " (" + join(f.levels) + ": no rules)"));
    }
  }
  if (s.factors.empty()) return out;
  if (!by.empty())
    out.note = "stratified by " + join(by, " and ") +
               ": the level whose rule each simulated participant's screening record meets, permuted blocks within "
               "each stratum (a participant no rule places is allocated in a stratum of their own)";
  if (!not_by.empty())
    out.note += std::string(out.note.empty() ? "" : "; ") + "not stratified by " + join(not_by, " or ") +
                ": nothing places a simulated participant in their levels (give each level a rule in parentheses, "
                "docs/protocol-format.md)";
  return out;
}

}  // namespace il2t::trial
