#include "stats/cox.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "stats/distributions.h"

namespace il2t::stats {

namespace {

struct Data {
  std::vector<std::size_t> order;  // by time, descending (risk sets accumulate)
  std::span<const double> time, event;
  Eigen::MatrixXd X;
};

struct Eval {
  double loglik = 0;
  Eigen::VectorXd score;
  Eigen::MatrixXd info;
};

// Partial log-likelihood, score and information at beta (Efron or Breslow ties).
Eval evaluate(const Data& d, const Eigen::VectorXd& beta, Ties ties) {
  const auto p = beta.size();
  Eval e{0, Eigen::VectorXd::Zero(p), Eigen::MatrixXd::Zero(p, p)};
  double s0 = 0;
  Eigen::VectorXd s1 = Eigen::VectorXd::Zero(p);
  Eigen::MatrixXd s2 = Eigen::MatrixXd::Zero(p, p);
  const std::size_t n = d.order.size();
  for (std::size_t i = 0; i < n;) {
    const double t = d.time[d.order[i]];
    // Everyone at this time joins the risk set; the events among them are tied.
    double e0 = 0, events = 0;
    Eigen::VectorXd e1 = Eigen::VectorXd::Zero(p), xsum = Eigen::VectorXd::Zero(p);
    Eigen::MatrixXd e2 = Eigen::MatrixXd::Zero(p, p);
    double eta_sum = 0;
    std::size_t j = i;
    for (; j < n && d.time[d.order[j]] == t; ++j) {
      const auto k = static_cast<Eigen::Index>(d.order[j]);
      const Eigen::VectorXd x = d.X.row(k).transpose();
      const double eta = x.dot(beta), r = std::exp(eta);
      s0 += r;
      s1 += r * x;
      s2 += r * x * x.transpose();
      if (d.event[d.order[j]] == 1) {
        events += 1;
        e0 += r;
        e1 += r * x;
        e2 += r * x * x.transpose();
        xsum += x;
        eta_sum += eta;
      }
    }
    i = j;
    if (events == 0) continue;
    e.loglik += eta_sum;
    e.score += xsum;
    for (double l = 0; l < events; ++l) {
      const double f = ties == Ties::efron ? l / events : 0.0;
      const double den = s0 - f * e0;
      const Eigen::VectorXd a = (s1 - f * e1) / den;
      e.loglik -= std::log(den);
      e.score -= a;
      e.info += (s2 - f * e2) / den - a * a.transpose();
    }
  }
  return e;
}

}  // namespace

Outcome<CoxFit> cox(std::span<const double> time, std::span<const double> event,
                    const std::vector<std::vector<double>>& covariates, Ties ties) {
  const std::size_t n = time.size();
  if (n == 0 || event.size() != n || covariates.size() != n)
    return Outcome<CoxFit>::fail("cox: time, event and covariates must have one entry per subject");
  const std::size_t p = covariates[0].size();
  if (p == 0) return Outcome<CoxFit>::fail("cox: no covariate");
  Data d{{}, time, event, Eigen::MatrixXd(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(p))};
  double events = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!(time[i] >= 0) || !std::isfinite(time[i])) return Outcome<CoxFit>::fail("cox: time[" + std::to_string(i) + "] is negative or not a number");
    if (event[i] != 0 && event[i] != 1) return Outcome<CoxFit>::fail("cox: event[" + std::to_string(i) + "] is not 0 or 1");
    if (covariates[i].size() != p) return Outcome<CoxFit>::fail("cox: covariate rows differ in length");
    for (std::size_t k = 0; k < p; ++k) d.X(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k)) = covariates[i][k];
    events += event[i];
  }
  if (events == 0) return Outcome<CoxFit>::fail("cox: no events");
  d.order.resize(n);
  std::iota(d.order.begin(), d.order.end(), 0);
  std::stable_sort(d.order.begin(), d.order.end(), [&](std::size_t a, std::size_t b) { return time[a] > time[b]; });

  CoxFit fit;
  Eigen::VectorXd beta = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(p));
  Eval cur = evaluate(d, beta, ties);
  fit.loglik_null = cur.loglik;
  {
    const Eigen::LDLT<Eigen::MatrixXd> ldlt(cur.info);
    fit.score = cur.score.dot(ldlt.solve(cur.score));
  }
  // Newton–Raphson with step halving, stopping as coxph does (|1 − ℓold/ℓnew| < 1e-9, 20 steps).
  for (int it = 1; it <= 20; ++it) {
    const Eigen::VectorXd step = Eigen::LDLT<Eigen::MatrixXd>(cur.info).solve(cur.score);
    Eigen::VectorXd next = beta + step;
    Eval ev = evaluate(d, next, ties);
    for (int half = 0; half < 30 && (!std::isfinite(ev.loglik) || ev.loglik < cur.loglik); ++half) {
      next = (beta + next) / 2;
      ev = evaluate(d, next, ties);
    }
    fit.iterations = it;
    const bool done = std::fabs(1 - cur.loglik / ev.loglik) < 1e-9;
    beta = next;
    cur = ev;
    if (done) {
      fit.converged = true;
      break;
    }
  }
  fit.loglik = cur.loglik;
  const Eigen::MatrixXd var = cur.info.inverse();
  for (Eigen::Index k = 0; k < beta.size(); ++k) {
    fit.coef.push_back(beta(k));
    fit.se.push_back(std::sqrt(var(k, k)));
  }
  const double df = static_cast<double>(p);
  fit.wald = beta.dot(cur.info * beta);
  fit.lr = 2 * (fit.loglik - fit.loglik_null);
  fit.wald_p = dist::chisq_upper(fit.wald, df);
  fit.score_p = dist::chisq_upper(fit.score, df);
  fit.lr_p = dist::chisq_upper(fit.lr, df);
  return Outcome<CoxFit>::ok(fit);
}

Outcome<TestResult> cox_group(std::span<const double> time, std::span<const double> event, std::span<const double> group,
                              Ties ties, double conf) {
  std::vector<std::vector<double>> x;
  for (double g : group) x.push_back({g});
  auto f = cox(time, event, x, ties);
  if (!f) return Outcome<TestResult>::fail(f.error);
  const CoxFit& c = *f.value;
  const double z = dist::norm_quantile(1 - (1 - conf) / 2);
  TestResult r;
  r.method = ties == Ties::efron ? "Cox proportional hazards (Efron ties)" : "Cox proportional hazards (Breslow ties)";
  r.statistic = c.wald;
  r.df = 1;
  r.p_value = c.wald_p;
  r.estimate = std::exp(c.coef[0]);
  r.std_error = c.se[0];
  r.ci = Interval{std::exp(c.coef[0] - z * c.se[0]), std::exp(c.coef[0] + z * c.se[0])};
  return Outcome<TestResult>::ok(r);
}

}  // namespace il2t::stats
