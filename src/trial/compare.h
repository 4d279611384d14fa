#pragma once
// One comparison of an arm with the reference at one timepoint, by the endpoint's
// pairwise method (analysis.h lists them and the scale of each estimate); the true
// effect on that scale from a large trial; and the protocol's multiplicity adjustment
// across the doses compared with one reference at one timepoint.
#include <cstdint>
#include <span>
#include <vector>

#include "trial/analysis.h"

namespace il2t::trial {

// Two groups' rows at one timepoint: group 1 for the arm, 0 for the reference.
struct TwoGroups {
  std::vector<double> y1, y0, group, y, baseline, event;
  std::vector<std::uint32_t> subject;
};
// The rows of `rows` in `arm` or `ref` at timepoint `visit` (a position in the
// endpoint's visits).
TwoGroups split(const EndpointRows& rows, std::size_t arm, std::size_t ref, std::size_t visit);

// The comparison by e.method (a pairwise method); `unadjusted`: Cox on the group alone.
Comparison compare_groups(const EndpointPlan& e, const TwoGroups& t, const TrialRecords& r, double alpha,
                          bool unadjusted);

// The population's effect on the scale of compare_groups' estimate (NaN when a group
// is empty or the effect is not estimable).
double true_effect(const EndpointPlan& e, const TwoGroups& t);

// Adjusts the p-values of the comparisons of several arms with one reference at one
// timepoint (`n`: each compared arm's rows, `n_ref` the reference's) and decides each
// at `alpha`. Dunnett's single-step test takes each comparison's two-sided p-value as a
// standard normal |z| with the correlations of a common reference, √(nᵢnⱼ/((nᵢ+n₀)(nⱼ+n₀))).
void adjust(Multiplicity m, std::span<Comparison> c, std::span<const double> n, double n_ref, double alpha);

}  // namespace il2t::trial
