#include "calibration/quadrature.h"

#include <Eigen/Eigenvalues>
#include <cmath>

namespace il2t::calibration {

Quadrature gauss_hermite(int n) {
  Quadrature q;
  if (n < 1) return q;
  Eigen::MatrixXd J = Eigen::MatrixXd::Zero(n, n);
  for (int i = 1; i < n; ++i) J(i, i - 1) = J(i - 1, i) = std::sqrt(static_cast<double>(i));
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(J);
  for (int i = 0; i < n; ++i) {
    q.z.push_back(es.eigenvalues()(i));
    const double v = es.eigenvectors()(0, i);
    q.w.push_back(v * v);
  }
  return q;
}

}  // namespace il2t::calibration
