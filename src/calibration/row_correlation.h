#pragma once
// Rows of the calibration data that one trial arm gives (He 2020's SRI-4, SLEDAI,
// BILAG, PGA and prednisone at weeks 0, 12 and 24 in one arm; Koreth 2016's Treg and
// NK folds) come from the same participants, so their sampling errors are correlated.
// Taken as independent, 18 rows of one arm would count as 18 pieces of evidence and
// the posterior would be over-confident. Such a cluster's likelihood is instead a
// multivariate normal on the emulated scale (emulated_posterior.h), its correlation
// estimated here from replicate simulated trials at one parameter set.
//
// A cluster is every observed row of one simulated trial (world.h's bucket) and arm,
// at least two, leaving out a measure over every arm (a dose line). A row of an error
// set (Observed::error_set: placebo arms of several trials) joins its arm's cluster
// when it belongs to a trial, one row per set: ETAP's weeks 12 and 24 come from the
// same participants (their simulated z correlate 0.89), while its week 24 shares the
// emulator's error with abatacept's.
#include <cstdint>
#include <vector>

#include "calibration/posterior_layout.h"
#include "calibration/studies.h"
#include "core/error.h"
#include "model/parameter_set.h"

namespace il2t::calibration {

// Sets every observed row's cluster and slot (Observed::cluster) and returns each
// cluster's observed rows.
std::vector<std::vector<std::size_t>> assign_clusters(const Setup& s, PosteriorLayout& l);

// Each cluster's correlation matrix (k × k, row-major) over `replicates` simulated
// worlds at θ = x (the emulator's inputs; no trial effects; streams `seed`, replicate
// 0..replicates−1), on the emulated scale (asin √p, ln for folds), a pair over the
// replicates where both have a value. The estimate is shrunk towards the identity,
// (1 − λ)R + λI with λ = 0.05 (more if needed for a Cholesky factor), since a few
// hundred replicates leave noise in the pairs. False, with `error` set, when the model
// cannot be simulated at x.
bool estimate_correlations(const Setup& s, const model::ParameterSet& base, const PosteriorLayout& l,
                           const std::vector<double>& x, int replicates, std::uint64_t seed, int threads,
                           std::vector<RowCluster>& clusters, Error& error);

}  // namespace il2t::calibration
