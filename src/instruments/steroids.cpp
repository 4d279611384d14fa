#include "instruments/steroids.h"

#include <array>
#include <string>

#include "instruments/parse.h"

namespace il2t::instruments {

namespace {

using G = Glucocorticoid;
constexpr std::array<GlucocorticoidInfo, 8> kDrugs{{
    {G::prednisone, "prednisone", "Prednisone", 5.0, false},
    {G::prednisolone, "prednisolone", "Prednisolone", 5.0, false},
    {G::methylprednisolone, "methylprednisolone", "Methylprednisolone", 4.0, false},
    {G::triamcinolone, "triamcinolone", "Triamcinolone", 4.0, false},
    {G::hydrocortisone, "hydrocortisone", "Hydrocortisone", 20.0, false},
    {G::cortisone, "cortisone", "Cortisone", 25.0, false},
    {G::dexamethasone, "dexamethasone", "Dexamethasone", 0.75, false},
    {G::deflazacort, "deflazacort", "Deflazacort", 6.0, true},
}};

}  // namespace

std::span<const GlucocorticoidInfo> glucocorticoids() { return kDrugs; }

Scored<Glucocorticoid> find_glucocorticoid(std::string_view id) {
  const std::string t = detail::lower_trimmed(id);
  for (const auto& d : kDrugs) {
    if (d.id == t) return d.drug;
  }
  return fail(std::string(id), "prednisone equivalent: unknown glucocorticoid \"" + std::string(id) + "\"");
}

Scored<double> prednisone_equivalent_mg(Glucocorticoid drug, double dose_mg) {
  const GlucocorticoidInfo& d = kDrugs[static_cast<std::size_t>(drug)];
  auto dose = detail::in_range(d.id, "prednisone equivalent " + std::string(d.id), dose_mg,
                               0, 10000, " mg");
  if (!dose) return dose;
  return *dose * 5.0 / d.mg_equal_to_5mg_prednisone;
}

Scored<double> prednisone_equivalent_mg(std::string_view drug_id, double dose_mg) {
  auto drug = find_glucocorticoid(drug_id);
  if (!drug) return drug.error();
  return prednisone_equivalent_mg(*drug, dose_mg);
}

}  // namespace il2t::instruments
