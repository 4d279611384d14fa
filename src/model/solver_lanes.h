#pragma once
// solver_core.h's Dormand–Prince 5(4) for kLanes participants at once, one SIMD lane
// each, each over its own interval: a lane's trajectory is bit-identical to what
// DormandPrince (solver.h) gives for that participant alone. Lanes move independently
// (issue 21: when every lane had to reach the end of the same day, only 45 % of
// lane-steps did work).
#include <array>

#include "model/rhs_lanes.h"
#include "model/solver_core.h"

namespace il2t::model {

using DormandPrinceLanes = DormandPrinceCore<LaneOps, LaneState, kStateCount>;
using LaneMask = DormandPrinceLanes::Mask;
static_assert(alignof(DormandPrinceLanes) == kLanes * sizeof(double));

}  // namespace il2t::model
