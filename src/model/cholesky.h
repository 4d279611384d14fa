#pragma once
// The Cholesky factor of a symmetric positive-definite matrix, in place: `a` is n × n,
// row-major; its lower triangle (diagonal included) becomes L with a = L Lᵀ, its upper
// triangle is neither read nor written. False, `a` partly overwritten, when a pivot is
// not above `floor` (the matrix is not positive definite, or not clearly so). No
// allocation: the calibration's likelihood calls it in its sampler's inner loop.
#include <cmath>
#include <cstddef>

namespace il2t::model {

inline bool cholesky_in_place(double* a, std::size_t n, double floor = 0.0) {
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j <= i; ++j) {
      double s = a[i * n + j];
      for (std::size_t k = 0; k < j; ++k) s -= a[i * n + k] * a[j * n + k];
      if (i == j) {
        if (!(s > floor)) return false;
        a[i * n + i] = std::sqrt(s);
      } else {
        a[i * n + j] = s / a[j * n + j];
      }
    }
  return true;
}

}  // namespace il2t::model
