// Compiled with the lane solver's instruction set (sources.cmake), so that equations.h's
// template becomes SIMD code here.
#include "model/rhs_lanes.h"

namespace il2t::model {

void rhs_lanes(const LaneModel& m, const LaneDrivers& d, const LaneState& x, LaneState& dx) { rhs_of(m, d, x, dx); }

}  // namespace il2t::model
