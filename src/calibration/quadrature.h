#pragma once
// Gauss–Hermite quadrature for expectations over a standard normal:
// E[f(Z)] ≈ Σ w_i f(z_i), exact for polynomials of degree up to 2n − 1. Nodes and
// weights by the Golub–Welsch eigenvalue method (probabilists' Hermite polynomials).
#include <vector>

namespace il2t::calibration {

struct Quadrature {
  std::vector<double> z, w;  // nodes and weights (the weights sum to 1)
};

Quadrature gauss_hermite(int n);

}  // namespace il2t::calibration
