#include "model/serology.h"

#include <algorithm>
#include <cmath>

namespace il2t::model {

namespace {

double threshold(const DiseaseBaseline& b, instruments::SledaiItem item) {
  return b.sledai_threshold[static_cast<std::size_t>(item)];
}

}  // namespace

SerologyBaseline draw_serology(const ModelParams& p, Stream& rng) {
  SerologyBaseline s;
  // A normal level is held above its lower limit, a negative one below the cut-off.
  s.c3_normal = std::max(p.c3_normal * std::exp(p.labs_normal_sd_log * rng.normal()), 1.05 * p.c3_lln);
  s.c4_normal = std::max(p.c4_normal * std::exp(p.labs_normal_sd_log * rng.normal()), 1.05 * p.c4_lln);
  s.dsdna_negative = std::min(p.dsdna_negative * std::exp(p.dsdna_negative_sd_log * rng.normal()), 0.95 * p.dsdna_uln);
  return s;
}

Serology serology_at(const ModelParams& p, const SerologyBaseline& s, const DiseaseBaseline& b, double a, Stream& rng) {
  const double uc = threshold(b, instruments::SledaiItem::low_complement);
  const double ud = threshold(b, instruments::SledaiItem::increased_dna_binding);
  Serology out;
  out.c3 = std::min(s.c3_normal, p.c3_lln * std::exp(p.c3_log_slope * (uc - a)));
  out.c4 = std::min(s.c4_normal, p.c4_lln * std::exp(p.c4_log_slope * (uc - a)));
  out.dsdna = std::max(s.dsdna_negative, p.dsdna_uln * std::exp(p.dsdna_log_slope * (a - ud)));
  out.c3 *= std::exp(p.labs_assay_cv * rng.normal());
  out.c4 *= std::exp(p.labs_assay_cv * rng.normal());
  out.dsdna *= std::exp(p.dsdna_assay_cv * rng.normal());
  return out;
}

}  // namespace il2t::model
