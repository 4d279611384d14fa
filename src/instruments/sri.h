#pragma once
// SLE Responder Index (Furie et al., Arthritis Rheum 2009;61:1143). SRI-k responds when,
// against baseline, all three hold:
//   1. the SLEDAI score fell by at least k points (k = 4 for SRI-4; SRI-5 as in the
//      tabalumab trials; SRI-6..8 by the same rule, see docs/instruments.md);
//   2. no new BILAG A domain and at most one new BILAG B domain;
//   3. the PGA did not worsen by 0.3 or more (a rise of 0.29 passes, 0.30 fails).
// Furie used SELENA-SLEDAI; many later trials use SLEDAI-2K. The caller passes the
// score the protocol names. Non-response for rescue medication or dropout is a
// protocol rule applied outside this function.
#include "instruments/bilag.h"
#include "instruments/result.h"

namespace il2t::instruments {

inline constexpr int kSriMinThreshold = 4;
inline constexpr int kSriMaxThreshold = 8;
inline constexpr double kSriPgaWorsening = 0.3;  // worsening of this much or more fails

struct SriVisit {
  int sledai = 0;  // 0–105
  BilagVisit bilag;
  double pga = 0;  // 0–3
};

struct SriResult {
  int threshold = 4;
  int sledai_reduction = 0;  // baseline minus follow-up
  int new_bilag_a = 0;
  int new_bilag_b = 0;
  double pga_change = 0;  // follow-up minus baseline
  bool sledai_met = false;
  bool bilag_met = false;
  bool pga_met = false;
  bool responder = false;
};

// Errors: "SRI: threshold 9 is outside 4–8" (item "threshold"); SLEDAI outside 0–105
// (items "sledai_baseline", "sledai_followup"); PGA outside 0–3.
Scored<SriResult> sri(const SriVisit& baseline, const SriVisit& followup, int threshold = 4);

// Modified SRI without BILAG (Connelly et al.): SLEDAI-2K fell by >= 4 and the PGA did
// not worsen by >= 0.3. The BILAG fields of the result are zero and bilag_met is true.
Scored<SriResult> modified_sri(int sledai_baseline, int sledai_followup, double pga_baseline,
                               double pga_followup);

// True when a PGA change counts as worsening (>= 0.3, with 1e-9 slack so that a
// change computed as 2.3 - 2.0 = 0.29999999999999982 still counts).
bool pga_worsened(double change);

}  // namespace il2t::instruments
