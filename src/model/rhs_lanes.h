#pragma once
// The right-hand side of rhs.h for kLanes participants at once, laid out so that the
// compiler vectorises across participants (one SIMD lane each): a state is
// x[state][lane]. Each lane performs exactly the operations of rhs() in the same
// order, so a lane's derivative is bit-identical to the single-participant one
// (tests/model/test_lanes.cpp checks it). A Hill coefficient other than 1 uses
// det_pow.h's pow, the same for a double and a lane vector; only the integer power of
// the helper suppression and exp of the CMV load are computed lane by lane with the
// scalar code.
#include <array>
#include <cstddef>

#include "model/lane_types.h"
#include "model/individual.h"
#include "model/rhs.h"

namespace il2t::model {

// A state for every lane, x[state][lane]. A plain array member, not std::array: a
// template argument would drop LaneVec's alignment.
struct alignas(kLanes * sizeof(double)) LaneState {
  LaneVec v[kStateCount];
  LaneVec& operator[](std::size_t i) { return v[i]; }
  const LaneVec& operator[](std::size_t i) const { return v[i]; }
};
static_assert(alignof(LaneVec) == kLanes * sizeof(double) && sizeof(LaneState) == kStateCount * sizeof(LaneVec));

inline LaneVec lane_abs(const LaneVec& v) {
  return reinterpret_cast<LaneVec>(reinterpret_cast<LaneBits>(v) & 0x7fffffffffffffffLL);
}
// std::max(a, b) element-wise: (a < b) ? b : a.
inline LaneVec lane_max(const LaneVec& a, const LaneVec& b) { return a < b ? b : a; }

// The constants of rhs() for each lane, structure-of-arrays. `set()` copies them from
// one participant; a lane with no participant holds a copy of another lane's.
struct LaneModel {
  LaneVec il2_ka{}, il2_ktr{}, il2_v{}, il2_kel{};
  LaneVec consume_treg{}, consume_tconv{}, consume_cd8{}, consume_nk{};
  LaneVec kd_treg{}, kd_tconv{}, kd_cd8{}, kd_nk{};
  LaneVec rapa_ka{}, rapa_v{}, rapa_kel{}, rapa_ic50{}, rapa_eff{}, rapa_treg{};
  LaneVec k0{};
  LaneVec ec50_treg{}, ec50_tconv{}, ec50_cd8{}, ec50_nkb{}, ec50_nkd{};
  LaneVec hill_treg{}, hill_tconv{}, hill_cd8{}, hill_nkb{}, hill_nkd{};
  LaneVec emax_treg{}, emax_tconv{}, emax_cd8{}, emax_nkb{}, emax_nkd{};
  LaneVec turn_treg{}, turn_tconv{}, turn_tfh{}, turn_th17{}, turn_cd8{}, turn_nkb{}, turn_nkd{};
  LaneVec inv_treg{}, inv_tconv{}, inv_tfh{}, inv_th17{}, inv_cd8{}, inv_nkb{}, inv_nkd{};
  LaneVec treg_baseline{}, helper_suppression{};
  LaneVec tfh_weight{}, activity_rate{}, soc_fraction{};
  LaneVec cmv_nk_weight{}, inv_nk_baseline{}, inv_cd8_baseline{}, cmv_max_copies{}, cmv_growth{}, cmv_kill{};
  std::array<int, kLanes> helper_power{};
  std::array<bool, kLanes> cmv_modelled{};
  // Per signal (Treg, Tconv, CD8, NK bright, NK dim): whether every lane has the same
  // Hill coefficient, and twice it when that is a multiple of ½ (rhs.h, half_steps).
  std::array<bool, 5> hill_shared{};
  std::array<int, 5> hill_half{};
  std::array<bool, 5> hill_one{};  // hill_shared and the shared coefficient is 1
  int helper_power_shared = -1;     // every lane's helper_power when they agree and it is >= 0, else -1
  bool helper_power_none = false;   // no lane has a whole-number power: det_pow for all lanes at once
  bool any_cmv = false;

  void set(std::size_t lane, const Individual& ind);
  void refresh_summary();  // the summary fields above and any_cmv, after the lanes are set
};

// Drivers (rhs.h) per lane.
struct LaneDrivers {
  LaneVec activity_steroid{}, cmv_steroid{}, treg_steroid{};
  Drivers at(std::size_t l) const { return {activity_steroid[l], cmv_steroid[l], treg_steroid[l]}; }
  void set(std::size_t l, const Drivers& d) {
    activity_steroid[l] = d.activity_steroid;
    cmv_steroid[l] = d.cmv_steroid;
    treg_steroid[l] = d.treg_steroid;
  }
};

// Writes dx/dt for every lane.
void rhs_lanes(const LaneModel& m, const LaneDrivers& d, const LaneState& x, LaneState& dx);

}  // namespace il2t::model
