#pragma once
// Physician's Global Assessment of lupus activity (SELENA-SLEDAI PGA): a mark on a
// visual analogue line read as a number from 0 (none) to 3 (severe), anchors 1 mild
// and 2 moderate. It is continuous (e.g. 1.3); anything outside 0–3 is impossible.
#include "instruments/result.h"

namespace il2t::instruments {

inline constexpr double kPgaMin = 0.0;
inline constexpr double kPgaMax = 3.0;

// The value itself, or "PGA: 3.4 is outside 0–3" (item "pga").
Scored<double> pga(double value);

// The change used by the SRI: follow-up minus baseline (positive = worse). Both must
// be valid PGA values; the error names the visit ("pga_baseline", "pga_followup").
Scored<double> pga_change(double baseline, double followup);

}  // namespace il2t::instruments
