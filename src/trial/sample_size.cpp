#include "trial/sample_size.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace il2t::trial {

namespace {

constexpr int kGrid = 10;     // sizes per stage
constexpr double kZ = 1.959963984540054;  // the 97.5 % normal quantile

}  // namespace

double SizePoint::rate() const { return count.ok > 0 ? static_cast<double>(count.success) / static_cast<double>(count.ok) : NAN; }

double SizePoint::se() const { return share_se(count.success, count.ok); }

std::vector<int> size_grid(int lo, int hi, int count) {
  std::vector<int> out;
  for (int k = 0; k < count; ++k) {
    const int n = lo + static_cast<int>(std::lround(static_cast<double>(hi - lo) * k / std::max(1, count - 1)));
    if (out.empty() || n > out.back()) out.push_back(n);
  }
  return out;
}

SizeSearch find_sample_size(const TrialDesign& d, const model::Model& m, const SimulationSettings& s, double target,
                            int lo, int hi, std::atomic<std::int64_t>* done) {
  SizeSearch out;
  out.target = target;
  out.lo = lo;
  out.hi = hi;
  out.assurance = s.draws != nullptr;
  const auto main = main_comparison(d);
  if (!main || d.endpoints[main->first].method == Method::descriptive) {
    out.error = "no primary endpoint the simulator tests (a descriptive or unsimulated one has no power): nothing to size";
    return out;
  }
  std::map<int, PrimaryCount> seen;
  auto run = [&](const std::vector<int>& ns) {
    SimulationSettings x = s;
    x.ns = ns;
    const SimulationResult r = simulate(d, m, x, done);
    if (!r.ok) {
      out.error = r.error;
      return false;
    }
    const std::vector<Summary>& sums = out.assurance ? r.assurance : r.summaries;
    for (const Summary& sum : sums) seen[sum.n] = primary_count(d, sum);
    if (out.truth_mean.empty()) out.truth_mean = r.truth.arm_mean[main->first];
    return true;
  };
  const std::vector<int> grid = size_grid(lo, hi, kGrid);
  if (!run(grid)) return out;
  auto reaches = [&](int n) { const SizePoint p{n, seen[n]}; return p.count.ok > 0 && p.rate() >= target; };
  const auto first = std::find_if(grid.begin(), grid.end(), reaches);
  if (first != grid.end() && first != grid.begin() && *first - *(first - 1) > 1) {
    const std::vector<int> fine = size_grid(*(first - 1) + 1, *first - 1, kGrid);
    if (!run(fine)) return out;
  }
  for (const auto& [n, count] : seen) out.points.push_back({n, count});
  for (const SizePoint& p : out.points) {
    if (p.count.ok == 0) continue;
    if (!out.n && p.rate() >= target) out.n = p.n;
    if (!out.n_low && p.rate() + kZ * p.se() >= target) out.n_low = p.n;
    if (!out.n_high && p.rate() - kZ * p.se() >= target) out.n_high = p.n;
  }
  out.ok = true;
  return out;
}

}  // namespace il2t::trial
