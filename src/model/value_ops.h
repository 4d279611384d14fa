#pragma once
// What differs between one participant's value (a double) and kLanes participants'
// values (a LaneVec, lane_types.h), so that the model's arithmetic is written once as a
// template over these operations (det_pow.h, equations.h, solver_core.h) and a lane
// does exactly the operations of the one-participant code, bit for bit.
//
// The arithmetic operators, comparisons and `mask ? a : b` are spelt alike for both
// (GCC's vector extension); these cover the rest: reinterpretation as 64-bit integers,
// conversion of whole numbers, selection, a conditional increment, the lane count and
// one lane's value, the correctly rounded square root, the absolute value and the
// larger of two.
#include <bit>
#include <cstddef>
#include <cstdint>

#include "model/lane_types.h"

namespace il2t::model {

namespace detmath {

struct ScalarOps {
  using D = double;
  using Bits = std::int64_t;
  static constexpr std::size_t lanes = 1;
  static double& at(double& v, std::size_t) { return v; }
  static double at(const double& v, std::size_t) { return v; }
  static std::int64_t& at(std::int64_t& b, std::size_t) { return b; }
  static std::int64_t at(const std::int64_t& b, std::size_t) { return b; }
  static std::int64_t bits_of(double x) { return std::bit_cast<std::int64_t>(x); }
  static double from_bits(std::int64_t b) { return std::bit_cast<double>(b); }
  static std::int64_t whole_to_int(double x) { return static_cast<std::int64_t>(x); }
  static double int_to_double(std::int64_t i) { return static_cast<double>(i); }
  static double pick(bool c, double a, double b) { return c ? a : b; }
  static std::int64_t one_if(bool c) { return c ? 1 : 0; }
  static double sqrt(double x) { return __builtin_sqrt(x); }
  static double abs(double x) { return __builtin_fabs(x); }
  static double max(double a, double b) { return a < b ? b : a; }  // as std::max
};

// GCC vector casts reinterpret, and __builtin_convertvector converts element by
// element. A comparison of two LaneVecs gives a LaneBits mask (a true lane is all ones,
// −1).
struct LaneOps {
  using D = LaneVec;
  using Bits = LaneBits;
  static constexpr std::size_t lanes = kLanes;
  static double& at(LaneVec& v, std::size_t l) { return reinterpret_cast<double*>(&v)[l]; }
  static double at(const LaneVec& v, std::size_t l) { return v[l]; }
  static long long& at(LaneBits& b, std::size_t l) { return reinterpret_cast<long long*>(&b)[l]; }
  static long long at(const LaneBits& b, std::size_t l) { return b[l]; }
  static LaneBits bits_of(LaneVec x) { return reinterpret_cast<LaneBits>(x); }
  static LaneVec from_bits(LaneBits b) { return reinterpret_cast<LaneVec>(b); }
  static LaneBits whole_to_int(LaneVec x) { return __builtin_convertvector(x, LaneBits); }
  static LaneVec int_to_double(LaneBits i) { return __builtin_convertvector(i, LaneVec); }
  template <class M>
  static LaneVec pick(M c, LaneVec a, LaneVec b) { return c ? a : b; }
  template <class M>
  static LaneBits one_if(M c) { return reinterpret_cast<LaneBits>(-c); }
  static LaneVec sqrt(LaneVec v) {
    LaneVec r{};
    for (std::size_t l = 0; l < kLanes; ++l) r[l] = __builtin_sqrt(v[l]);
    return r;
  }
  static LaneVec max(LaneVec a, LaneVec b) { return a < b ? b : a; }
  static LaneVec abs(LaneVec v) { return reinterpret_cast<LaneVec>(reinterpret_cast<LaneBits>(v) & 0x7fffffffffffffffLL); }
};

}  // namespace detmath

using detmath::LaneOps;
using detmath::ScalarOps;

}  // namespace il2t::model
