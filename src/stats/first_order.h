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
#include <cstdint>
#include <vector>

namespace il2t::stats {

struct FirstOrder {
  double index = 0;  // NaN with fewer than 2 × bins pairs or no variance in y
  double null = 0;   // (bins − 1)/(n − 1)
};

FirstOrder first_order_index(const std::vector<double>& x, const std::vector<double>& y, int bins);

// The index's distribution when X has no effect, by permutation. Pairs in one cluster
// (`cluster`, one label per pair; empty: every pair its own) share their x, as trials
// run under one posterior draw share its parameters; with equal-count bins the index of
// an X independent of Y is then the between-bin share of y laid out cluster by cluster
// in a random order of the clusters, the same for every such X. Returns its upper
// `tail` quantile over `permutations` orders (Fisher–Yates on a mt19937_64 seeded with
// `seed`, so the same on every platform). Unlike the normal-theory SD it holds for any
// y, skewed, two-valued or clustered, as the outcomes of small trials are. NaN where
// first_order_index is, or with a cluster vector of the wrong length.
double first_order_null_quantile(const std::vector<double>& y, const std::vector<std::uint32_t>& cluster, int bins,
                                 double tail, int permutations, std::uint64_t seed);

}  // namespace il2t::stats
