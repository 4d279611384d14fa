#pragma once
// The statistics a trial simulation computes once per replicate, in forms that
// allocate nothing: the caller owns a workspace, sized once, and reuses it. Results
// equal those of the general functions (log_rank, fisher_exact's p-value).
#include <cstddef>
#include <span>
#include <vector>

#include "stats/tables.h"

namespace il2t::stats {

// Buffers for up to `capacity` subjects; reserve once, reuse for every replicate.
class LogRankWorkspace {
 public:
  explicit LogRankWorkspace(std::size_t capacity) { order_.reserve(capacity); }
  std::vector<std::size_t>& order() { return order_; }

 private:
  std::vector<std::size_t> order_;
};

struct LogRank2 {
  double chisq = 0, p_value = 1, observed1 = 0, expected1 = 0;
  bool ok = false;  // false: no events or no information (as log_rank's error)
};

// Two groups coded 0 and 1, no strata. Allocates nothing while time.size() is within
// the workspace's capacity.
LogRank2 log_rank_two_groups(std::span<const double> time, std::span<const double> event,
                             std::span<const double> group, LogRankWorkspace& ws);

// Fisher's two-sided p-value (as fisher.test's), without allocating.
double fisher_two_sided_p(const Table2x2& t);

// Cox model with one covariate (Efron ties): coefficient, its standard error and the
// Wald test, as cox() gives them. Uses the workspace's ordering buffer.
struct Cox1 {
  double coef = 0, se = 0, wald = 0, p_value = 1;
  bool ok = false;  // false: no events, or no information
};
Cox1 cox_one_covariate(std::span<const double> time, std::span<const double> event, std::span<const double> x,
                       LogRankWorkspace& ws);

// MCP-Mod's per-replicate part: the design (contrasts per dose level, each subject's
// level) fixed once; the contrast t statistics of a response vector into `t`.
struct McpDesign {
  std::vector<std::vector<double>> contrasts;  // model × dose level
  std::vector<std::size_t> level;              // per subject
  std::vector<double> n;                       // subjects per level
};
class McpWorkspace {
 public:
  explicit McpWorkspace(std::size_t levels) : sum_(levels), mean_(levels) {}
  std::vector<double>& sum() { return sum_; }
  std::vector<double>& mean() { return mean_; }

 private:
  std::vector<double> sum_, mean_;
};
// `t` must hold one value per model. Returns false when the variance is zero.
bool mct_statistics(const McpDesign& design, std::span<const double> response, McpWorkspace& ws, std::span<double> t);

}  // namespace il2t::stats
