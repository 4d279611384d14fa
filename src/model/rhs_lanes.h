#pragma once
// The right-hand side for kLanes participants at once, laid out so that the compiler
// vectorises across participants (one SIMD lane each): a state is x[state][lane]. It
// is equations.h's rhs_of on lane vectors, so each lane performs exactly the
// operations of rhs() in the same order and its derivative is bit-identical to the
// one-participant one (tests/model/test_lanes.cpp checks it).
#include <array>
#include <cstddef>

#include "model/equations.h"
#include "model/lane_types.h"
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
// The templates keep LaneVec's alignment (they take it as LaneOps::D, a member typedef,
// not as a template argument, which would drop the attribute).
static_assert(alignof(RhsConstants<LaneOps>) == kLanes * sizeof(double));

// The equations' constants for each lane, structure-of-arrays; a lane with no
// participant holds a copy of another lane's.
using LaneModel = RhsConstants<LaneOps>;

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
