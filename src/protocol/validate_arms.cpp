// Checks of arms and their interventions: drugs, units, doses and their plausibility,
// including the dose in the registry's own words.
#include <algorithm>
#include <set>
#include <vector>

#include "protocol/drugs.h"
#include "protocol/plausibility.h"
#include "protocol/validate.h"

namespace il2t::protocol::detail {

namespace {

units::Body reference_body(const Population& pop) {
  units::Body b;
  if (pop.reference_weight_kg) b.weight_kg = pop.reference_weight_kg->value;
  if (pop.reference_height_cm) b.height_cm = pop.reference_height_cm->value;
  return b;
}

void check_one_dose(const DrugInfo& drug, const units::Dose& dose, const units::Body& body,
                    const Intervention& iv, const std::string& where, Diagnostics& d) {
  const SourcePos at = iv.regimen_text.pos;
  if (auto m = unit_mismatch(drug, dose)) {
    d.error(at, where + ".regimen: " + *m);
    return;
  }
  if (dose.unit.base == units::Base::ml && !dose.concentration) {
    d.error(at, where + ".regimen: " + units::format_number(dose.amount) +
                    " mL is a volume without a concentration: write it as \"" +
                    units::format_number(dose.amount) + " mL of <concentration> mg/mL\"");
    return;
  }
  auto amount = units::absolute(dose, body);
  if (!amount) {
    d.error(at, where + ".regimen: " + amount.error().message + ": give population.reference_weight_kg and reference_height_cm");
    return;
  }
  const units::Base written = dose.concentration ? dose.concentration->unit : dose.unit.base;
  if (auto bad = check_dose(drug, *amount, written)) {
    d.warning(at, where + ".regimen: " + bad->message);
  }
}

void check_registry_words(const DrugInfo& drug, const Intervention& iv, const std::string& where,
                          const units::Body& body, Diagnostics& d) {
  const Origin& o = iv.regimen_text.origin;
  if (o.words.empty()) return;
  auto found = find_dose_in_text(o.words);
  const std::string runs = "this file runs \"" + iv.regimen_text.value + "\" (" + to_string(o.kind) + ")";
  if (!found) {
    if (drug.active) d.warning(iv.regimen_text.pos, where + ".regimen: the registry's words give no dose; " + runs);
    return;
  }
  if (found->dose.unit.base == units::Base::ml) {
    d.warning(iv.regimen_text.pos, where + ".regimen: the registry gives a volume (\"" + found->text +
                                       "\") without a concentration; " + runs);
    return;
  }
  if (unit_mismatch(drug, found->dose)) return;
  auto amount = units::absolute(found->dose, body);
  if (!amount) return;
  if (auto bad = check_dose(drug, *amount, found->dose.unit.base); bad && bad->far) {
    d.warning(iv.regimen_text.pos, where + ".regimen: the registry's \"" + found->text + "\": " + bad->message +
                                       "; " + runs);
  }
}

void check_intervention(const Protocol& p, const Intervention& iv, const std::string& where, Diagnostics& d) {
  const DrugInfo* drug = find_drug(iv.drug.value);
  if (!drug) {
    if (!iv.drug.value.empty())
      d.error(iv.drug.pos, where + ".drug: unknown drug \"" + iv.drug.value + "\" (known: " + known_drug_list() + ")");
    return;
  }
  const units::Body body = reference_body(p.population);
  check_registry_words(*drug, iv, where, body, d);
  if (iv.regimen_text.origin.kind == OriginKind::assumed && drug->active)
    d.warning(iv.regimen_text.pos, where + ".regimen: the regimen is assumed: " + iv.regimen_text.origin.reason);
  if (!iv.regimen) return;
  const Regimen& r = *iv.regimen;
  if (!drug->active) {
    bool dosed = r.dose.has_value();
    for (const Phase& ph : r.phases) dosed = dosed || ph.dose.has_value();
    if (dosed) d.error(iv.regimen_text.pos, where + ".regimen: placebo has no dose: write only route and schedule");
    return;
  }
  if (r.route == Route::unspecified)
    d.error(iv.regimen_text.pos, where + ".regimen: give the route (sc, iv, im or po) after the dose");
  std::vector<units::Dose> checked;  // each distinct dose once, however many phases use it
  for (const Phase& ph : r.phases) {
    if (ph.off) continue;
    const auto& dose = ph.dose ? ph.dose : r.dose;
    if (!dose) {
      d.error(iv.regimen_text.pos, where + ".regimen: the dose is missing (write it first, e.g. \"1 MIU sc ...\")");
      return;
    }
    if (std::find(checked.begin(), checked.end(), *dose) != checked.end()) continue;
    checked.push_back(*dose);
    check_one_dose(*drug, *dose, body, iv, where, d);
  }
}

}  // namespace

void validate_arms(const Protocol& p, Diagnostics& d) {
  std::set<std::string> ids;
  for (std::size_t i = 0; i < p.arms.size(); ++i) {
    const Arm& a = p.arms[i];
    const std::string where = "arms[" + std::to_string(i) + "]";
    if (!a.id.empty() && !ids.insert(a.id).second) d.error(a.pos, where + ".id: \"" + a.id + "\" is used twice");
    if (a.ratio.pos.line > 0 && a.ratio.value <= 0)
      d.error(a.ratio.pos, where + ".ratio: an allocation ratio must be positive");
    for (std::size_t k = 0; k < a.interventions.size(); ++k)
      check_intervention(p, a.interventions[k], where + ".interventions[" + std::to_string(k) + "]", d);
  }
}

}  // namespace il2t::protocol::detail
