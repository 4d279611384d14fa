#pragma once
// Glucocorticoid doses as prednisone-equivalent mg, by anti-inflammatory potency (the
// usual table after Meikle & Tyler 1977, as quoted from the prednisolone label:
// 5 mg prednisone = 5 prednisolone = 4 methylprednisolone = 4 triamcinolone =
// 20 hydrocortisone = 25 cortisone = 0.75 dexamethasone). Deflazacort 6 mg = 5 mg
// prednisone is the ratio in common use but its potency is contested (flagged).
// Mineralocorticoid activity is not equivalent and is not represented.
#include <span>
#include <string_view>

#include "instruments/result.h"

namespace il2t::instruments {

enum class Glucocorticoid {
  prednisone, prednisolone, methylprednisolone, triamcinolone, hydrocortisone, cortisone,
  dexamethasone, deflazacort,
};

struct GlucocorticoidInfo {
  Glucocorticoid drug;
  std::string_view id;    // "methylprednisolone"
  std::string_view name;  // "Methylprednisolone"
  double mg_equal_to_5mg_prednisone;
  bool contested;         // sources disagree on the ratio (deflazacort)
};
std::span<const GlucocorticoidInfo> glucocorticoids();
// Case-insensitive id; "prednisone equivalent: unknown glucocorticoid "budesonide"".
Scored<Glucocorticoid> find_glucocorticoid(std::string_view id);

// Dose in mg (0–10000) of `drug` as mg of prednisone. Errors name the drug:
// "prednisone equivalent dexamethasone: -1 is outside 0–10000 mg".
Scored<double> prednisone_equivalent_mg(Glucocorticoid drug, double dose_mg);
Scored<double> prednisone_equivalent_mg(std::string_view drug_id, double dose_mg);

}  // namespace il2t::instruments
