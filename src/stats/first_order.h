#pragma once
// The first-order sensitivity index of an output Y to one input X, estimated from a
// sample of (x, y) drawn together (the given-data estimator; Plischke, Borgonovo &
// Smith 2013, Eur J Oper Res 226:536): the pairs ordered by x (ties by their order in
// the sample), cut into `bins` bins of (as nearly as possible) equal count, and
//
//   S = Σ_b n_b (ȳ_b − ȳ)² / Σ_i (y_i − ȳ)²,
//
// the share of Y's variance that X's bins explain. It is the variance decomposition
// simulate reports for an assurance run: which uncertain parameter moves the primary
// endpoint. With Y independent of X its expectation is (bins − 1)/(n − 1), `null`.
#include <vector>

namespace il2t::stats {

struct FirstOrder {
  double index = 0;  // NaN with fewer than 2 × bins pairs or no variance in y
  double null = 0;   // (bins − 1)/(n − 1)
};

FirstOrder first_order_index(const std::vector<double>& x, const std::vector<double>& y, int bins);

}  // namespace il2t::stats
