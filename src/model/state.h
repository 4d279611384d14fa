#pragma once
// The model's state vector: what one participant's body holds at a time.
// Time is in days since the first dose (study day d begins at t = d - 1).
#include <array>
#include <cstddef>

namespace il2t::model {

enum State : std::size_t {
  kIl2Depot,     // IL-2 in the subcutaneous depot, pmol (bioavailable part)
  kIl2Plasma,    // free plasma IL-2, pM
  kIl2Auc,       // cumulative plasma IL-2 exposure, pM·day
  kRapaGut,      // sirolimus awaiting absorption, µg (apparent: CL/F, V/F)
  kRapaBlood,    // sirolimus in whole blood, ng/mL
  kSigTreg,      // delayed IL-2 signal (effect compartment), 0–1, per subset
  kSigTconv,
  kSigCd8,
  kSigNkBright,
  kSigNkDim,
  kTreg,         // blood counts, cells/µL
  kTconv,        // conventional CD4 other than Tfh and Th17
  kTfh,
  kTh17,
  kCd8,
  kNkBright,
  kNkDim,
  kActivity,     // disease activity relative to the participant's baseline (1 at day 1)
  kCmvLog,       // natural log of CMV DNA, copies/mL (constant when not modelled)
  kIl2Transit,   // IL-2 on its way from the depot to plasma (lymphatic transit), pmol
  kStateCount
};

using StateVector = std::array<double, kStateCount>;

// Column names, in State order.
inline constexpr std::array<const char*, kStateCount> kStateNames = {
    "il2_depot_pmol", "il2_plasma_pM", "il2_auc_pM_day", "sirolimus_gut_ug", "sirolimus_blood_ng_mL",
    "signal_treg", "signal_tconv", "signal_cd8", "signal_nk_bright", "signal_nk_dim",
    "treg", "tconv", "tfh", "th17", "cd8", "nk_bright", "nk_dim", "activity", "cmv_ln_copies", "il2_transit_pmol"};

}  // namespace il2t::model
