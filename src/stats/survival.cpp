#include "stats/survival.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "stats/checks.h"
#include "stats/distributions.h"

namespace il2t::stats {

namespace {

std::string check_survival(const char* fn, std::span<const double> time, std::span<const double> event) {
  if (time.size() != event.size()) return std::string(fn) + ": time and event differ in length";
  if (auto e = first_error(check_min_size(fn, "time", time.size(), 1), check_finite(fn, "time", time)); !e.empty()) return e;
  for (std::size_t i = 0; i < time.size(); ++i) {
    if (time[i] < 0) return std::string(fn) + ": time[" + std::to_string(i) + "] is negative";
    if (event[i] != 0 && event[i] != 1) return std::string(fn) + ": event[" + std::to_string(i) + "] is not 0 or 1";
  }
  return {};
}

// The first time the step curve `s` falls to 0.5 or below; where it equals 0.5 over an
// interval, the midpoint of that interval (survival's quantile rule).
std::optional<double> crossing(const std::vector<double>& t, const std::vector<double>& s) {
  constexpr double tol = 1e-8;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (std::isnan(s[i])) continue;
    if (std::fabs(s[i] - 0.5) < tol) {
      for (std::size_t j = i + 1; j < s.size(); ++j) {
        if (!std::isnan(s[j]) && s[j] < 0.5 - tol) return 0.5 * (t[i] + t[j]);
      }
      return t[i];
    }
    if (s[i] < 0.5) return t[i];
  }
  return std::nullopt;
}

}  // namespace

Outcome<KaplanMeier> kaplan_meier(std::span<const double> time, std::span<const double> event, double conf) {
  if (auto e = first_error(check_survival("kaplan_meier", time, event), check_probability_open("kaplan_meier", "conf", conf));
      !e.empty())
    return Outcome<KaplanMeier>::fail(e);
  std::vector<std::size_t> order(time.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return time[a] < time[b]; });
  KaplanMeier km;
  const double z = dist::norm_quantile(1 - (1 - conf) / 2);
  double at_risk = static_cast<double>(time.size()), s = 1, greenwood = 0;
  for (std::size_t i = 0; i < order.size();) {
    const double t = time[order[i]];
    double d = 0, c = 0;
    while (i < order.size() && time[order[i]] == t) {
      (event[order[i]] == 1 ? d : c) += 1;
      ++i;
    }
    if (d > 0) {
      s *= 1 - d / at_risk;
      greenwood += at_risk > d ? d / (at_risk * (at_risk - d)) : std::numeric_limits<double>::infinity();
    }
    const double se = std::sqrt(greenwood);
    km.time.push_back(t);
    km.n_risk.push_back(at_risk);
    km.n_event.push_back(d);
    km.surv.push_back(s);
    km.std_err.push_back(se);
    if (s == 1 || s == 0 || !std::isfinite(se)) {  // no interval, as survfit gives NA
      km.lower.push_back(std::nan(""));
      km.upper.push_back(std::nan(""));
    } else {
      const double ll = std::log(-std::log(s)), w = z * se / std::log(s);
      const double a = std::exp(-std::exp(ll + w)), b = std::exp(-std::exp(ll - w));
      km.lower.push_back(std::min(a, b));
      km.upper.push_back(std::max(a, b));
    }
    at_risk -= d + c;
  }
  km.median = crossing(km.time, km.surv);
  km.median_lower = crossing(km.time, km.lower);
  km.median_upper = crossing(km.time, km.upper);
  return Outcome<KaplanMeier>::ok(std::move(km));
}

Outcome<LogRank> log_rank(std::span<const double> time, std::span<const double> event, std::span<const double> group,
                          std::span<const double> strata) {
  if (auto e = check_survival("log_rank", time, event); !e.empty()) return Outcome<LogRank>::fail(e);
  if (group.size() != time.size() || (!strata.empty() && strata.size() != time.size()))
    return Outcome<LogRank>::fail("log_rank: group (and strata) must have one value per subject");
  std::map<double, std::size_t> gindex;
  for (double g : group) gindex.emplace(g, 0);
  if (gindex.size() < 2) return Outcome<LogRank>::fail("log_rank: there is only one group");
  LogRank out;
  for (auto& [g, k] : gindex) {
    k = out.groups.size();
    out.groups.push_back(g);
  }
  const auto G = static_cast<Eigen::Index>(gindex.size());
  Eigen::VectorXd O = Eigen::VectorXd::Zero(G), E = Eigen::VectorXd::Zero(G);
  Eigen::MatrixXd V = Eigen::MatrixXd::Zero(G, G);
  std::map<double, std::vector<std::size_t>> by_stratum;
  for (std::size_t i = 0; i < time.size(); ++i) by_stratum[strata.empty() ? 0.0 : strata[i]].push_back(i);
  for (auto& [st, idx] : by_stratum) {
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return time[a] < time[b]; });
    Eigen::VectorXd at_risk = Eigen::VectorXd::Zero(G);
    for (std::size_t i : idx) at_risk(static_cast<Eigen::Index>(gindex[group[i]])) += 1;
    for (std::size_t i = 0; i < idx.size();) {
      const double t = time[idx[i]];
      Eigen::VectorXd d = Eigen::VectorXd::Zero(G), leaving = Eigen::VectorXd::Zero(G);
      while (i < idx.size() && time[idx[i]] == t) {
        const auto g = static_cast<Eigen::Index>(gindex[group[idx[i]]]);
        if (event[idx[i]] == 1) d(g) += 1;
        leaving(g) += 1;
        ++i;
      }
      const double n = at_risk.sum(), dt = d.sum();
      if (dt > 0) {
        O += d;
        E += dt * at_risk / n;
        if (n > 1) {
          const double f = dt * (n - dt) / (n - 1);
          for (Eigen::Index a = 0; a < G; ++a)
            for (Eigen::Index b = 0; b < G; ++b)
              V(a, b) += f * (at_risk(a) / n) * ((a == b ? 1.0 : 0.0) - at_risk(b) / n);
        }
      }
      at_risk -= leaving;
    }
  }
  // Chi-square on G − 1 degrees of freedom: drop the last group.
  const Eigen::VectorXd u = (O - E).head(G - 1);
  const Eigen::MatrixXd v = V.topLeftCorner(G - 1, G - 1);
  const Eigen::FullPivLU<Eigen::MatrixXd> lu(v);
  if (lu.rank() < G - 1) return Outcome<LogRank>::fail("log_rank: no events, or no information to compare the groups");
  out.test.method = strata.empty() ? "Log-rank test" : "Stratified log-rank test";
  out.test.statistic = u.dot(lu.solve(u));
  out.test.df = static_cast<double>(G - 1);
  out.test.p_value = dist::chisq_upper(*out.test.statistic, static_cast<double>(G - 1));
  out.observed.assign(O.data(), O.data() + G);
  out.expected.assign(E.data(), E.data() + G);
  return Outcome<LogRank>::ok(std::move(out));
}

}  // namespace il2t::stats
