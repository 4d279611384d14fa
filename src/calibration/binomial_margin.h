#pragma once
// A proportion with few events, as one margin of a trial arm's joint likelihood
// (emulated_posterior.h). A cluster's rows are otherwise jointly normal on the emulated
// scale, asin √p with SD 1/(2√n); with fewer than kFewEvents events or non-events that
// normal is poor (He 2020's serious infections: a handful per arm). Such a row keeps its
// binomial, its own emulator error ε ~ N(0, error²) integrated by 5-point Gauss–Hermite:
//
//   P(k) = E_ε[ Binomial(k; n, p(μ + ε)) ],   p(a) = sin² a,
//
// and enters the cluster's Gaussian copula by its mid-p normal score
//
//   z = Φ⁻¹( E_ε[F(k − 1)] + ½ P(k) ),   F the binomial distribution function.
//
// The mid-p score is a plug-in: with one such row in a cluster the joint density is a
// proper distribution over counts; with two or more it is not quite (docs/model.md
// states the size of the error).
#include <cstdint>

namespace il2t::calibration {

// A row whose observed count has fewer events or non-events than this is a few-event row.
inline constexpr double kFewEvents = 5;

// True when k of n (k rounded to a whole count) has fewer than kFewEvents events or non-events.
bool few_events(double k, double n);

struct MarginScore {
  double log_p = 0;  // ln P(k) − ln Binomial(k; n, k/n): 0 at the count's own rate without error
  double z = 0;      // the mid-p normal score
};

// k of n (rounded to whole counts) under p = sin²(μ + ε), ε ~ N(0, error²).
MarginScore binomial_margin(double k, double n, double mu, double error);

// The smallest count x of n with Binomial CDF F(x; n, p) ≥ u (R's qbinom(u, n, p)).
int binomial_quantile(double u, int n, double p);

}  // namespace il2t::calibration
