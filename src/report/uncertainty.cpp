#include "report/uncertainty.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "stats/first_order.h"
#include "trial/analysis.h"

namespace il2t::report {

namespace {

using nlohmann::ordered_json;

ordered_json num(double v) { return std::isfinite(v) ? ordered_json(v) : ordered_json(nullptr); }
double frac(std::int64_t a, std::int64_t b) { return b > 0 ? static_cast<double>(a) / static_cast<double>(b) : NAN; }

// The share of successes among the outcomes whose x lies in the lowest (or highest) third.
std::pair<double, double> success_by_third(const std::vector<double>& x, const std::vector<char>& success) {
  std::vector<std::size_t> order(x.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  const std::size_t third = x.size() / 3;
  double low = 0, high = 0;
  for (std::size_t i = 0; i < third; ++i) {
    low += success[order[i]];
    high += success[order[order.size() - 1 - i]];
  }
  return {third ? low / static_cast<double>(third) : NAN, third ? high / static_cast<double>(third) : NAN};
}

ordered_json decomposition(const trial::TrialDesign& d, const trial::SimulationResult& r, const trial::Summary& a) {
  const auto main = trial::main_comparison(d);
  if (!main) return nullptr;
  const trial::EndpointPlan& plan = d.endpoints[main->first];
  std::vector<const trial::DrawOutcome*> used;
  for (const trial::DrawOutcome& o : a.outcomes)
    if (std::isfinite(o.effect) && r.draw_values.count(o.row)) used.push_back(&o);
  std::vector<double> y;
  std::vector<char> success;
  for (const auto* o : used) y.push_back(o->effect), success.push_back(o->success);
  ordered_json j;
  j["output"] = "the estimate of " + d.arms[main->second].id + " against " + d.arms[plan.reference].id + " on " + plan.id +
                (plan.method == trial::Method::mcp_mod ? " (difference of arm means)" : "");
  j["replicates"] = used.size();
  j["bins"] = kDecompositionBins;
  std::vector<std::pair<std::string, std::vector<double>>> sources;
  for (std::size_t c = 0; c < r.draw_names.size(); ++c) {
    std::vector<double> x;
    for (const auto* o : used) x.push_back(r.draw_values.at(o->row)[c]);
    sources.emplace_back(r.draw_names[c], std::move(x));
  }
  std::vector<double> u;
  for (const auto* o : used) u.push_back(o->trial_effect);
  sources.emplace_back("trial effect (standard of care)", std::move(u));
  // A source counts when its index exceeds what noise alone gives it with probability
  // 5 % / (the number of sources) (a permutation null, stats/first_order.h: outcomes of
  // small trials are far from normal, trials that drew one posterior row share its
  // values, and some sixty sources are tried at once); its
  // share is the excess over the null's expectation, (bins − 1)/(n − 1).
  std::vector<std::pair<double, ordered_json>> rows;
  double explained = 0, null = NAN;
  const double tail = kDecompositionFamilyError / static_cast<double>(sources.size());
  std::vector<std::uint32_t> draw;
  for (const auto* o : used) draw.push_back(o->row);
  const double threshold = stats::first_order_null_quantile(
      y, draw, kDecompositionBins, tail, static_cast<int>(std::ceil(kDecompositionTailCount / tail)), kDecompositionNullSeed);
  for (const auto& [name, x] : sources) {
    const stats::FirstOrder f = stats::first_order_index(x, y, kDecompositionBins);
    if (!std::isfinite(f.index)) continue;
    null = f.null;
    if (!(f.index > threshold)) continue;
    const double share = f.index - f.null;
    explained += share;
    const auto [low, high] = success_by_third(x, success);
    rows.emplace_back(share, ordered_json{{"source", name}, {"index", f.index}, {"share", share},
                                          {"success_lowest_third", num(low)}, {"success_highest_third", num(high)}});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& p, const auto& q) { return p.first > q.first; });
  j["null_index"] = num(null);
  j["noise_threshold"] = num(threshold);
  j["sources"] = ordered_json::array();
  for (auto& [share, row] : rows) j["sources"].push_back(std::move(row));
  j["unexplained"] = num(std::isfinite(null) ? std::max(0.0, 1 - explained) : NAN);
  return j;
}

}  // namespace

ordered_json uncertainty_json(const trial::TrialDesign& d, const SimProvenance& p, const trial::SimulationResult& r,
                              std::size_t k) {
  if (k >= r.assurance.size()) return nullptr;
  const trial::Summary& a = r.assurance[k];
  const trial::Summary& plain = r.summaries[k];
  ordered_json j;
  j["posterior"] = {{"file", p.posterior_file}, {"sha256", p.posterior_sha256}, {"draws", p.posterior_draws}};
  j["replicates"] = a.replicates;
  j["failed"] = a.failed;
  if (a.failed > 0) j["first_failure"] = {{"replicate", a.first_failed}, {"error", a.first_error}};
  for (std::size_t e = 0; e < d.endpoints.size(); ++e) {
    const trial::EndpointPlan& plan = d.endpoints[e];
    if (plan.reading == trial::Reading::not_simulated) continue;
    const trial::EndpointStats& st = a.endpoints[e];
    const trial::EndpointStats& pl = plain.endpoints[e];
    ordered_json x{{"id", plan.id}, {"primary", plan.primary}};
    for (std::size_t i = 0; i < plan.arms.size(); ++i) {
      const auto& h = st.arm_hist[i];
      x["arms"].push_back({{"id", d.arms[plan.arms[i]].id}, {"mean", num(st.arm_mean[i].mean())},
                           {"p05", num(h.quantile(0.05))}, {"p50", num(h.quantile(0.5))}, {"p95", num(h.quantile(0.95))}});
    }
    const auto labels = trial::comparison_labels(d, plan);
    for (std::size_t c = 0; c < labels.size(); ++c)
      x["comparisons"].push_back({{"comparison", labels[c]},
                                  {"assurance", num(frac(st.comparisons[c].reject, st.comparisons[c].ok))},
                                  {"power_at_posterior_median", num(frac(pl.comparisons[c].reject, pl.comparisons[c].ok))},
                                  {"mean_estimate", num(st.comparisons[c].estimate.mean())},
                                  {"estimate_sd", num(st.comparisons[c].estimate.sd())}});
    if (plan.method == trial::Method::mcp_mod) {
      ordered_json picks;
      for (std::size_t arm = 0; arm < d.arms.size(); ++arm)
        if (d.arms[arm].gives_il2) picks[d.arms[arm].id] = num(frac(st.picks[arm], st.mcp_ok));
      picks["none"] = num(frac(st.picks.back(), st.mcp_ok));
      x["mcp_mod"] = {{"assurance", num(frac(st.mcp_reject, st.mcp_ok))},
                      {"power_at_posterior_median", num(frac(pl.mcp_reject, pl.mcp_ok))},
                      {"dose_picked", picks}};
    }
    j["endpoints"].push_back(x);
  }
  j["primary"] = {{"assurance", num(primary_power(d, a))}, {"power_at_posterior_median", num(primary_power(d, plain))}};
  j["decomposition"] = decomposition(d, r, a);
  return j;
}

std::string posterior_label(const nlohmann::ordered_json& u) {
  const nlohmann::ordered_json& p = u["posterior"];
  return std::filesystem::path(p["file"].get<std::string>()).filename().string() + ", sha256 " +
         p["sha256"].get<std::string>().substr(0, 12);
}

}  // namespace il2t::report
