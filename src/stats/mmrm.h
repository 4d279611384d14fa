#pragma once
// MMRM, the mixed model for repeated measures of a continuous endpoint seen at several
// visits of a randomised trial, as R's nlme::gls fits it by REML:
//
//   gls(y ~ visit + group + baseline + covariates + visit:group + visit:baseline,
//       correlation = corSymm(form = ~ visit | subject),   # unstructured correlation
//       weights = varIdent(form = ~ 1 | visit),             # one variance per visit
//       method = "REML")
//
// visit and group are factors with treatment contrasts (level 0 the reference); the
// extra covariates are main effects. The V×V covariance across visits within a subject
// is unstructured; a subject's missing visits are rows simply absent (missing at
// random). With one visit the model is y ~ group + baseline + covariates by OLS (with
// two groups and a baseline, the ANCOVA of ttest.h).
//
// Fitting: the REML log-likelihood (σ² not profiled out) is maximised over the V(V+1)/2
// covariance entries from the pairwise covariance of the OLS residuals, by Newton steps
// with the analytic score: the first four with the average information
// ½·(Py)'Σ_k P Σ_l (Py) as the Hessian (as ASReml), then with the exact observed
// information when it is positive definite (else the average information again), each
// halved until the covariance stays positive definite and the likelihood does not fall.
// The fixed effects are their generalised least-squares estimates at each covariance.
// Converged when the Newton decrement s'·H⁻¹·s (twice the predicted gain in
// log-likelihood) is below `tolerance`; the last step is then taken too. Data whose
// REML optimum is on the boundary (a correlation at ±1, seen with ~35 subjects, 6
// visits and 30% missing visits, where nlme::gls fails as well) end in the
// non-convergence error. Deterministic: no randomness, a fixed order of summation.
//
// Inference as gls's summary: the coefficients' covariance is (X'Σ⁻¹X)⁻¹ at the
// estimate, and t tests use the residual degrees of freedom N − p (observations minus
// coefficients), not Satterthwaite or Kenward–Roger.
//
// The contrast of group g vs group 0 at a visit is the difference of least-squares
// means there. As the model has no group:baseline or group:covariate term it does not
// depend on where baseline and covariates are held: it is group_g + visit_v:group_g.
// The least-squares means themselves hold baseline and covariates at their mean over
// the rows (observations), as emmeans does by default on the long data.
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "stats/result.h"

namespace il2t::stats {

// One row per observation; a subject's rows need not be adjacent or in visit order.
struct MmrmData {
  std::span<const int> subject;    // any ids
  std::span<const int> visit;      // 0 .. visits − 1
  std::span<const int> group;      // 0 .. groups − 1 (0 = reference), constant within a subject
  std::span<const double> y;       // the response
  std::span<const double> baseline;                     // empty: no baseline terms
  std::span<const std::span<const double>> covariates;  // extra main effects, each one value per row
  int visits = 0;                  // V ≥ 1 (at most kMmrmMaxVisits)
  int groups = 0;                  // G ≥ 2
};

inline constexpr int kMmrmMaxVisits = 16;

struct MmrmOptions {
  int contrast_visit = -1;   // the visit of the contrasts and LS means; −1: the last
  double conf = 0.95;        // confidence level of the intervals
  int max_iterations = 50;   // Newton steps before giving up (an error value)
  double tolerance = 1e-12;  // on the Newton decrement, in log-likelihood units
};

struct MmrmLsMean {
  double estimate = 0, std_error = 0;
};

struct MmrmFit {
  int visits = 0, groups = 0, subjects = 0, observations = 0, iterations = 0;
  // The coefficients in R's order: intercept, visit1..visit{V−1}, group1..group{G−1},
  // baseline, covariate1.., then visit{v}:group{g} (v fastest), visit{v}:baseline.
  std::vector<std::string> names;
  std::vector<double> coef;
  std::vector<double> coef_cov;    // p × p, row-major: (X'Σ⁻¹X)⁻¹ (R's vcov)
  std::vector<double> covariance;  // V × V, row-major: Σ, the within-subject covariance
  double reml_loglik = 0;          // as R's logLik(fit) for a REML fit
  double df = 0;                   // N − p, the df of every t test below
  int contrast_visit = 0;
  // Group g vs 0 for g = 1..G−1 (element g − 1): estimate, std_error, statistic (t),
  // df, two-sided p_value, ci at `conf`.
  std::vector<TestResult> contrasts;          // at contrast_visit
  std::vector<TestResult> average_contrasts;  // the mean of the V per-visit contrasts
  std::vector<MmrmLsMean> lsmeans;            // group 0..G−1 at contrast_visit
  double coef_at(std::size_t i, std::size_t j) const { return coef_cov[i * coef.size() + j]; }
  double cov_at(int a, int b) const { return covariance[static_cast<std::size_t>(a * visits + b)]; }
};

// Buffers reused across fits (a simulator's replicates); holds no results.
class MmrmWorkspace {
 public:
  MmrmWorkspace();
  ~MmrmWorkspace();
  MmrmWorkspace(MmrmWorkspace&&) noexcept;
  MmrmWorkspace& operator=(MmrmWorkspace&&) noexcept;
  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// Errors (as values): a bad argument (named), a visit with no observations, a group
// with no observations at a visit, a singular design (the column named), two visits
// never seen in one subject, covariance parameters not identifiable, or no
// convergence within max_iterations.
Outcome<MmrmFit> mmrm(const MmrmData& data, const MmrmOptions& options = {});
Outcome<MmrmFit> mmrm(const MmrmData& data, const MmrmOptions& options, MmrmWorkspace& workspace);

// The same model with Σ given (V × V, row-major, symmetric positive definite) instead
// of estimated: generalised least squares, and the REML log-likelihood at Σ. At R's Σ
// it reproduces R's coefficients, their covariance and the log-likelihood, which checks
// everything but the optimiser (options.max_iterations and tolerance are unused).
Outcome<MmrmFit> mmrm_at_covariance(const MmrmData& data, std::span<const double> covariance,
                                    const MmrmOptions& options = {});

}  // namespace il2t::stats
