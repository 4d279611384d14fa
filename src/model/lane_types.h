#pragma once
// The SIMD lane types of the lane solver (rhs_lanes.h): how many participants share a
// register, and the GCC vector types that hold one double (or one 64-bit mask) each.
#include <cstddef>

namespace il2t::model {

// Participants integrated together: one SIMD register of doubles, as the build chose
// (CMakeLists.txt, IL2T_SIMD): 8 with AVX-512, 4 with AVX2, 2 with SSE2.
#ifndef IL2T_SIMD_LANES
#define IL2T_SIMD_LANES 2
#endif
inline constexpr std::size_t kLanes = IL2T_SIMD_LANES;

// One double per lane, as a GCC vector: arithmetic on it is element-wise IEEE
// arithmetic, which the compiler maps to the widest SIMD registers the target has.
// The alignment is explicit: left to the compiler it would follow each file's
// instruction set, and only the lane solver's files are compiled for the wide one.
using LaneVec = double __attribute__((vector_size(kLanes * sizeof(double)), aligned(kLanes * sizeof(double))));
// Lane masks from comparisons of LaneVecs (all bits set where true).
using LaneBits =
    long long __attribute__((vector_size(kLanes * sizeof(long long)), aligned(kLanes * sizeof(long long))));
}  // namespace il2t::model
