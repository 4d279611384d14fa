#pragma once
// What a simulation keeps of its replicate trials: counts, exact sums and fixed-bin
// histograms, never the replicates themselves, so memory does not grow with the
// number of replicates. Every accumulator merges exactly and associatively (integer
// counts; sums in 128-bit fixed point), so any split of the replicates — over threads,
// or over the shards of a cluster job — merges into the same bits.
#include <cstdint>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "core/error.h"
#include "trial/analysis.h"
#include "trial/design.h"
#include "trial/records.h"

namespace il2t::trial {

__extension__ typedef __int128 Wide;  // GCC/Clang's 128-bit integer

// A sum and sum of squares of values quantised to 2^-32, exact under any order.
struct ExactSum {
  Wide sum = 0, squares = 0;
  std::int64_t n = 0;
  void add(double v);
  void merge(const ExactSum& o);
  double mean() const;
  double sd() const;  // with n − 1
};

// Counts in `bins` equal bins over [lo, hi), plus one below and one above.
struct Histogram {
  double lo = 0, hi = 1;
  std::vector<std::int64_t> counts;  // below, bins…, above
  Histogram() = default;
  Histogram(double lo_, double hi_, std::size_t bins) : lo(lo_), hi(hi_), counts(bins + 2, 0) {}
  void add(double v);
  void merge(const Histogram& o);
  std::int64_t total() const;
  double quantile(double q) const;  // linear within a bin; NaN when empty
};

struct ComparisonStats {
  std::int64_t ok = 0, reject = 0, covered = 0;
  ExactSum estimate;
};

struct EndpointStats {
  std::vector<ComparisonStats> comparisons;
  std::int64_t mcp_ok = 0, mcp_reject = 0;
  std::vector<std::int64_t> picks;  // per arm of the protocol, then "none"
  std::vector<ExactSum> arm_mean;   // per compared arm: the replicate's mean (or proportion)
  std::vector<Histogram> arm_hist;  // the same, as a distribution
};

// Measures drawn over time, per arm and visit: Treg %, disease activity, prednisone.
enum class BandMeasure { treg, activity, prednisone, count };
inline constexpr std::size_t kBandMeasures = static_cast<std::size_t>(BandMeasure::count);

struct InfectionStats {
  std::int64_t subjects = 0, infections = 0, serious = 0, patient_days = 0;
  std::vector<std::int64_t> exits, first_events;  // per study day: left the risk set / first infection
  ExactSum rate_per_100py;                        // per replicate
};

struct SequentialTrial;  // trial/sequential.h

// A group-sequential design's looks over the replicate trials (trial/sequential.h):
// how many stopped at each look for efficacy or futility, and when the looks fell.
struct SequentialStats {
  std::int64_t trials = 0;
  std::vector<std::int64_t> efficacy, futility, reached;  // per look
  std::vector<ExactSum> day, enrolled, analysed;          // per look, over the trials that reached it
  ExactSum enrolled_at_stop, analysed_at_stop;
  void merge(const SequentialStats& o);
};

// An endpoint analysed on outcomes drawn from assumed rates or means (trial/scenario.h):
// per comparison, how often it was estimable and rejected; per compared arm, the
// replicate's mean.
struct ScenarioStats {
  std::vector<std::int64_t> ok, reject;  // per comparison
  std::vector<ExactSum> arm_mean;        // per compared arm
  void merge(const ScenarioStats& o);
};

// One replicate trial of an assurance run (simulate.h): the posterior draw and trial
// effect it took, and its primary endpoint's headline (headline()), for the variance
// decomposition of what it predicts.
struct DrawOutcome {
  std::int64_t replicate = 0;
  std::uint32_t row = 0;     // the posterior draw (model/draws.h)
  double trial_effect = 0;   // u: the log multiplier of the standard-of-care share
  double effect = 0;         // the main comparison's estimate (NaN when not estimable)
  bool success = false;      // the primary analysis rejected there
};
// Outcomes are kept for replicates below this index only, whatever the shards, so that
// memory stays bounded and every split keeps the same ones.
inline constexpr std::int64_t kMaxOutcomes = 100000;

struct Summary {
  int n = 0;
  std::int64_t replicates = 0, failed = 0;
  std::int64_t first_failed = -1;  // the lowest failed replicate, and why
  std::string first_error;
  std::int64_t screened = 0, screen_failures = 0, enrolled = 0, completed = 0, doses_planned = 0, doses_taken = 0;
  std::int64_t undetermined = 0;
  std::int64_t unplaced = 0;  // enrolled whom a stratification factor's rules did not place (strata.h)
  std::vector<std::int64_t> failed_by;  // per criterion
  std::vector<std::int64_t> arm_enrolled;
  std::vector<EndpointStats> endpoints;
  std::vector<Histogram> bands;  // arm × visit × measure
  std::vector<InfectionStats> infections;  // per arm
  std::vector<DrawOutcome> outcomes;       // assurance runs only, by replicate
  SequentialStats sequential;              // a group-sequential design's looks (empty vectors otherwise)
  std::vector<ScenarioStats> scenario;     // per endpoint; empty vectors where nothing is assumed

  static Summary empty(const TrialDesign& d, int n, int max_day);
  void merge(const Summary& o);
  Histogram& band(std::size_t arm, std::size_t visit, BandMeasure m);
  const Histogram& band(std::size_t arm, std::size_t visit, BandMeasure m) const;
};

// The primary endpoint's headline in one replicate: the estimate of its main comparison
// (the highest IL-2 dose against the reference; for MCP-Mod the difference of that
// dose's mean from the reference's) and whether the primary analysis succeeded there
// (that comparison, or MCP-Mod's test, rejected). `ok` false: no primary endpoint, or
// not analysed.
struct Headline {
  bool ok = false;
  double effect = 0;
  bool success = false;
};
Headline headline(const TrialDesign& d, const std::vector<EndpointResult>& results);
// The primary endpoint (index into d.endpoints) and its main arm (index into the
// protocol's arms): the compared arm with the highest IL-2 dose; nullopt without them.
std::optional<std::pair<std::size_t, std::size_t>> main_comparison(const TrialDesign& d);

// How many replicates analysed the primary analysis (`ok`) and how many of them it
// succeeded in (headline()'s success: the main comparison at the last timepoint, or
// MCP-Mod's test; in a group-sequential design, rejection at any look of its decision
// comparison); both 0 without a primary endpoint.
struct PrimaryCount {
  std::int64_t ok = 0, success = 0;
};
PrimaryCount primary_count(const TrialDesign& d, const Summary& s);

// The Monte Carlo standard error of a share of trials, `k` of `n`: √(p (1 − p) / n),
// NaN when n is 0.
double share_se(std::int64_t k, std::int64_t n);

// Adds one replicate: its records, and each endpoint's result against the truth.
void accumulate(Summary& s, const TrialDesign& d, const TrialRecords& r, const std::vector<EndpointResult>& results,
                const std::vector<std::vector<double>>& truth);
// Adds one replicate's looks, and each assumed endpoint's analysis (per endpoint; an
// endpoint without assumptions has an empty result).
void accumulate_looks(Summary& s, const SequentialTrial& t);
void accumulate_scenario(Summary& s, std::size_t endpoint, const EndpointResult& r);
// Counts a failed replicate, keeping the text of the earliest one's error.
void record_failure(Summary& s, std::int64_t replicate, const Error& error);

// The histogram range of an endpoint's arm means.
Histogram arm_histogram(const EndpointPlan& e);

}  // namespace il2t::trial
