#pragma once
// JADAS, the juvenile arthritis disease activity score (Consolaro et al., Arthritis
// Rheum 2009;61:658): the sum of the physician's global assessment (0–10), the
// parent's or patient's global assessment of well-being (0–10), the active joint count
// capped at 10, 27 or 71 joints, and the ESR normalised to 0–10 as (ESR − 20)/10 with
// ESR < 20 counted as 20 and ESR > 120 as 120. Ranges 0–40 (JADAS-10), 0–57
// (JADAS-27), 0–101 (JADAS-71). The clinical JADAS (cJADAS) leaves out the ESR. The
// CRP variant is not provided (its normalisation was not verified; see docs).
#include <string_view>

#include "instruments/items.h"
#include "instruments/result.h"

namespace il2t::instruments {

enum class JadasVersion { jadas10, jadas27, jadas71 };

struct JadasInput {
  double physician_global = 0;  // 0–10
  double parent_global = 0;     // 0–10
  int active_joints = 0;        // JADAS-10: any of 71 joints; JADAS-27: of the 27; JADAS-71: of 71
  double esr_mm_h = 0;          // 0–200 mm/h (Westergren); ignored by cJADAS
};

std::string_view to_string(JadasVersion v);  // "JADAS-10", "JADAS-27", "JADAS-71"
int jadas_joint_cap(JadasVersion v);         // 10, 27, 71
int jadas_max(JadasVersion v);               // 40, 57, 101
double jadas_esr_component(double esr_mm_h); // (clamp(ESR, 20, 120) − 20) / 10

// Errors name the component: "JADAS-27 active_joints: 30 is outside 0–27",
// "JADAS-10 physician_global: 11 is outside 0–10", "JADAS-71 esr: -5 is outside 0–200 mm/h".
Scored<double> jadas(JadasVersion v, const JadasInput& in);
Scored<double> clinical_jadas(JadasVersion v, const JadasInput& in);

// By name: "physician_global", "parent_global", "active_joints", "esr", each once.
Scored<double> jadas(JadasVersion v, const ItemValues& values);

}  // namespace il2t::instruments
