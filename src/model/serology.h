#pragma once
// SLE serology observed at visits: C3, C4 and anti-dsDNA. An observation model tied
// to the SLEDAI-2K serology items (observe.h), so that a lab value and its item agree:
//
//   log C3(a) = min(log N3, log LLN3 + s3 (u_c − a))     (N3: the participant's normal level)
//   log C4(a) = min(log N4, log LLN4 + s4 (u_c − a))
//   log D(a)  = max(log M,  log ULN  + sD (a − u_d))     (M: the participant's negative level)
//
// a is the latent activity (1 at baseline) and u_c, u_d the thresholds of the
// low-complement and increased-DNA-binding items, so C3 and C4 fall below their lower
// limits, and anti-dsDNA rises above its cut-off, exactly while the item is present.
// Each value then carries log-normal assay error. Parameters: models/labs.toml.
#include "model/observe.h"
#include "model/params.h"
#include "model/rng.h"

namespace il2t::model {

struct SerologyBaseline {
  double c3_normal = 0, c4_normal = 0;  // g/L, above the lower limits
  double dsdna_negative = 0;            // IU/mL, below the cut-off
};

// Draws a participant's normal and negative levels (stream Purpose::labs).
SerologyBaseline draw_serology(const ModelParams& p, Stream& rng);

struct Serology {
  double c3 = 0, c4 = 0, dsdna = 0;  // g/L, g/L, IU/mL
};

// The measured values at activity `a`, assay error drawn from `rng`.
Serology serology_at(const ModelParams& p, const SerologyBaseline& s, const DiseaseBaseline& b, double a, Stream& rng);

}  // namespace il2t::model
