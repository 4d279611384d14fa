#pragma once
// x^h for x > 0, computed as exp(h·ln x) from IEEE +, −, ×, ÷ and exponent bits only,
// written once as a template so that a double and a lane vector (value_ops.h) go
// through the same operations in the same order. libm's pow is neither vectorised nor
// equal bit for bit to any vector version; this one lets the lane solver compute a
// non-integer Hill coefficient for all lanes at once and still match the
// one-participant solver exactly (tests/model/test_lanes.cpp). The operations that
// differ between the two are value_ops.h's.
//
// Accuracy: relative error below 1e-13 times (1 + |h·ln x|) against std::pow
// (tests/model/test_det_pow.cpp), far inside the solver's tolerance. x is held at or
// above 1e-300 and h·ln x inside [−708, 709], so the result is a normal number: the
// caller handles x ≤ 0.
#include <cstdint>

#include "model/value_ops.h"

namespace il2t::model::detmath {

inline constexpr double kLn2Hi = 6.93147180369123816490e-01;  // ln 2, upper bits (e·kLn2Hi is exact)
inline constexpr double kLn2Lo = 1.90821492927058770002e-10;  // ln 2 − kLn2Hi
inline constexpr double kInvLn2 = 1.44269504088896338700e+00;
inline constexpr double kSqrt2 = 1.41421356237309514547e+00;
inline constexpr double kRound = 6755399441055744.0;  // 1.5·2^52: adding and subtracting it rounds to a whole number
inline constexpr std::int64_t kMantissa = 0x000FFFFFFFFFFFFFLL, kOneBits = 0x3FF0000000000000LL;

// ln x for positive normal x: x = 2^e·m with m in [√½, √2), ln m = 2·atanh(s),
// s = (m − 1)/(m + 1), |s| ≤ 0.172, by its series to s^15 (truncation below 4e-14
// relative), evaluated in Estrin's scheme so that the lanes do not wait on one long
// chain of dependent operations.
template <class O>
typename O::D det_log(typename O::D x) {
  using D = typename O::D;
  const auto bits = O::bits_of(x);
  auto e = (bits >> 52) - 1023;
  D m = O::from_bits((bits & kMantissa) | kOneBits);
  const auto big = m > kSqrt2;
  m = O::pick(big, m * 0.5, m);
  e = e + O::one_if(big);
  const D s = (m - 1.0) / (m + 1.0);
  const D z = s * s, z2 = z * z, z4 = z2 * z2;
  const D p = ((1.0 + z * (1.0 / 3)) + z2 * (1.0 / 5 + z * (1.0 / 7))) +
              z4 * ((1.0 / 9 + z * (1.0 / 11)) + z2 * (1.0 / 13 + z * (1.0 / 15)));
  const D ed = O::int_to_double(e);
  return ed * kLn2Hi + (2.0 * s * p + ed * kLn2Lo);
}

// e^y for y in [−708, 709]: y = k·ln 2 + r, |r| ≤ ½ ln 2, e^r by Taylor to r^11
// (truncation below 1e-14 relative), in Estrin's scheme.
template <class O>
typename O::D det_exp(typename O::D y) {
  using D = typename O::D;
  const D kd = (y * kInvLn2 + kRound) - kRound;
  const D r = (y - kd * kLn2Hi) - kd * kLn2Lo;
  const D r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
  const D a0 = 1.0 + r, a1 = 1.0 / 2 + r * (1.0 / 6), a2 = 1.0 / 24 + r * (1.0 / 120),
          a3 = 1.0 / 720 + r * (1.0 / 5040), a4 = 1.0 / 40320 + r * (1.0 / 362880),
          a5 = 1.0 / 3628800 + r * (1.0 / 39916800);
  const D p = ((a0 + r2 * a1) + r4 * (a2 + r2 * a3)) + r8 * (a4 + r2 * a5);
  return p * O::from_bits((O::whole_to_int(kd) + 1023) << 52);
}

// x^h for x > 0 (held at 1e-300 or above), h·ln x held inside [−708, 709].
template <class O>
typename O::D det_pow(typename O::D x, typename O::D h) {
  using D = typename O::D;
  const D safe = O::pick(x < 1e-300, x * 0.0 + 1e-300, x);
  D y = h * det_log<O>(safe);
  y = O::pick(y < -708.0, y * 0.0 - 708.0, y);
  y = O::pick(y > 709.0, y * 0.0 + 709.0, y);
  return det_exp<O>(y);
}

}  // namespace il2t::model::detmath
