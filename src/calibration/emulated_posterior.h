#pragma once
// The calibration's posterior density, evaluated on the emulator (emulator.h) instead
// of by simulation. θ is the emulator's inputs (the free parameters the targets inform,
// on their search scales) followed by the between-trial SDs.
//
//   log p(θ | data) = Σ log prior(θ_i) + Σ_rows without a trial  log L_r(θ)
//                   + Σ_trials log E_u[ Π_rows of the trial L_r(θ with share + u) ]
//
// - A row is a target or a placebo arm. A binomial row (a proportion with its arm size
//   N, k = n or the proportion × N) has L = Binomial(k; N, p) / Binomial(k; N, k/N), p
//   from the emulated asin √p, integrated over the emulator's own error of that output
//   (Emulator::error; 5-point Gauss–Hermite). A normal row (a median, mean or rate; a fold on the log
//   scale) has L = N(y; m, s²) with m and log s emulated (s includes the resolution τ of
//   objective.h) and the emulator's error added to s².
// - Rows of one error set (Observed::error_set) share one emulator error δ: the
//   trials that hold them are integrated together, their product inside a 5-point
//   Gauss–Hermite integral over δ (each row then has no error of its own). Treating δ
//   as independent per row would let the spread between trials be explained as
//   emulator error, and understate the between-trial SD.
// - Rows of one trial share its standard-of-care effect u ~ N(0, sd²/k) (k trials pooled
//   in one row): the trial's share input is shifted by u (the share is on a log scale,
//   so the share is multiplied by exp(u), as model/trial_effect.h simulates), the
//   product of its rows' likelihoods integrated over u by 16-point Gauss–Hermite. Along
//   one input the emulator is an exact cubic (Emulator::along), so each node costs a
//   few operations per row. The shifted share is held within 1.25 box half-widths of
//   the box centre: beyond that the polynomial would extrapolate.
// - Rows of one cluster (one trial arm: row_correlation.h) are taken jointly: on the
//   emulated scale (asin √(k/n) for a binomial row, with SD 1/(2√n)), a multivariate
//   normal with correlation R between their sampling errors and Q between their
//   emulator errors E (Emulator::error_correlation, fixed once per emulator over all the
//   cluster's rows): Σ = S R S + E Q E. The rows of one arm are fitted from the same
//   design runs, so their emulators err together; taken as independent, those errors
//   let the arm's rows disagree more than they can. A proportion with few events
//   (binomial_margin.h) keeps its binomial as its margin and joins the others through
//   a Gaussian copula with the same correlation C = Σ / (t tᵀ), t_i = √Σ_ii, by its
//   mid-p normal score. A row of a cluster that is also in an error set takes the
//   set's δ, as any other row of the set, and has no emulator error of its own.
//
// Other rows are taken as independent given θ and the trial effects. docs/model.md says what that assumes and
// validation.md how simulation-based calibration checks it.
#include <optional>
#include <string>
#include <vector>

#include "calibration/emulator.h"
#include "calibration/free.h"
#include "calibration/objective.h"

namespace il2t::calibration {

struct Observed {
  TermKind kind = TermKind::normal;
  double y = 0;                       // normal kinds: the value on the emulated scale (ln for log-normal)
  double k = 0, n = 0;                // binomial: successes (may be fractional) of n
  std::size_t mean = 0;               // the emulator output of the expected value
  std::optional<std::size_t> spread;  // normal kinds: the output of log √(SD² + τ²)
  int group = -1;                     // its trial (index into the groups), or -1
  // Rows that estimate one expected value (the same study, arm, visit and measure: a
  // placebo arm simulated for several published trials) share one emulator error: the
  // index of that set, or -1 for a row whose error is its own.
  int error_set = -1;
  bool increase = false;              // log-normal of 1 + value (a fold minus 1)
  // Rows of one trial arm, whose sampling errors are correlated (row_correlation.h):
  // the index of the cluster and this row's place in it, or -1.
  int cluster = -1, slot = -1;
};

// A cluster's correlation: k × k, row-major, in the order of Observed::slot.
struct RowCluster {
  std::vector<std::size_t> rows;     // the layout's observed rows
  std::vector<double> corr;
  std::vector<std::size_t> outputs;  // each row's emulator output (Observed::mean), in slot order
};

struct TrialGroup {
  std::string name;
  std::size_t share = 0;              // the θ index (an emulator input) the effect shifts
  std::optional<std::size_t> sd;      // the θ index of the between-trial SD ...
  double sd_fixed = 0;                // ... or its value when θ does not hold it
  double pooled = 1;                  // the effect's SD is sd/√pooled
};

class EmulatedPosterior {
 public:
  // `theta` describes θ: the emulator's inputs first (their bounds intersected with the
  // emulator's box: the posterior outside it is taken as negligible), then the SDs.
  EmulatedPosterior(const Emulator& e, std::vector<FreeParameter> theta, std::vector<Observed> rows,
                    std::vector<TrialGroup> groups, std::vector<RowCluster> clusters = {});
  std::size_t dims() const { return theta_.size(); }
  const std::vector<FreeParameter>& parameters() const { return theta_; }
  const std::vector<Observed>& rows() const { return rows_; }
  const std::vector<TrialGroup>& groups() const { return groups_; }
  const Emulator& emulator() const { return e_; }
  // θ's bounds, on the search scale.
  const std::vector<double>& lower() const { return lower_; }
  const std::vector<double>& upper() const { return upper_; }

  // r's error set if its rows share one emulator error δ, else -1; and δ's SD.
  int shared_set(const Observed& r) const;
  double shared_error(int set) const { return blocks_[static_cast<std::size_t>(set_block_[static_cast<std::size_t>(set)])].error; }
  // r's own emulator error: Emulator::error, or 0 for a row whose set shares one δ.
  double own_error(const Observed& r) const;
  // Cluster c's correlation of emulator errors, in the order of Observed::slot.
  const std::vector<double>& error_correlation(std::size_t c) const { return error_corr_[c]; }

  double log_prior(const double* theta) const;
  // The log likelihood of `data` (rows laid out as rows(), with other observed values).
  double log_likelihood(const double* theta, const std::vector<Observed>& data) const;
  double log_density(const double* theta) const;
  // The expected value of every row at θ with no trial effect, on the natural scale
  // (a proportion, a median, a fold): for reports.
  std::vector<double> expected(const double* theta) const;

 private:
  const Emulator& e_;
  std::vector<FreeParameter> theta_;
  std::vector<Observed> rows_;
  std::vector<TrialGroup> groups_;
  std::vector<RowCluster> clusters_;
  std::vector<std::vector<double>> error_corr_;  // per cluster
  std::vector<double> lower_, upper_;
  std::vector<std::size_t> shares_;  // the distinct share inputs
  // An error set whose rows share one δ, and the trials that hold them.
  struct Block {
    int set = -1;
    double error = 0;  // δ's SD: the root mean square of the rows' emulator errors
    std::vector<std::size_t> groups;
  };
  std::vector<Block> blocks_;
  std::vector<int> group_block_, set_block_;  // each trial's and error set's block, or -1
  void make_blocks();
  bool in_cluster(const Observed& r) const;
};

// How far a trial's shifted share may go, in box half-widths from the box centre.
inline constexpr double kShareReach = 1.25;

// The emulator's outputs at the inputs x (search scale) with trial `group`'s share
// shifted by `effect`, held within kShareReach as the likelihood holds it; no shift
// for group < 0.
void emulated_in_trial(const Emulator& e, const std::vector<TrialGroup>& groups, const double* x, int group,
                       double effect, std::vector<double>& out);

// True for a proportion of a cluster whose count (k of n) has few events: its
// likelihood is its binomial margin in the cluster's copula (binomial_margin.h).
bool takes_binomial_margin(const Observed& o, double k);

// A row's simulated value (a proportion, a fold, a mean) on its emulated scale: asin √p,
// ln (of 1 + v for a fold minus 1), or as it is; a value that is not finite stays so.
double on_emulated_scale(const Observed& o, double v);

// The expected proportion of an emulated asin √p.
double proportion_of(double arcsine);

}  // namespace il2t::calibration
