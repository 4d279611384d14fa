#pragma once
// Composite responses, derived from recorded values (measures::Values: one visit's
// values by test, NaN where not measured). This is the one derivation that the model's
// visit rows (`il2trial patient`), the trial's endpoints (`simulate`, real data) and
// calibration's measures share, so that the three cannot disagree.
#include <optional>

#include "instruments/sri.h"
#include "measures/catalogue.h"

namespace il2t::instruments {

// SRI-k (sri.h) of `follow` against `base`: nullopt when the SLEDAI-2K, the PGA or a
// BILAG-2004 domain is missing at either visit; false when a value is out of its range.
// The baseline is the visit on study day 1: a caller without one has no SRI.
std::optional<bool> sri_response(const measures::Values& base, const measures::Values& follow, int threshold);
// The same SRI-k with its components (the SLEDAI-2K reduction, no new BILAG A or
// second B, no PGA worsening): nullopt when an item is missing or out of range.
std::optional<SriResult> sri_components(const measures::Values& base, const measures::Values& follow, int threshold);

// At least one BILAG-2004 A or two B (bilag.h): nullopt when no domain was measured; a
// domain not measured counts as neither.
std::optional<bool> bilag_1a_or_2b(const measures::Values& v);

// The ESSDAI fell by at least `points` from `base` to `follow`: nullopt when either is
// missing.
std::optional<bool> essdai_drop(const measures::Values& base, const measures::Values& follow, double points);

}  // namespace il2t::instruments
