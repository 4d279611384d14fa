#include "calibration/fit.h"

#include <nlopt.h>

#include <cmath>
#include <limits>
#include <memory>

namespace il2t::calibration {

namespace {

struct OptimizerDeleter {
  void operator()(nlopt_opt o) const { nlopt_destroy(o); }
};
using Optimizer = std::unique_ptr<std::remove_pointer_t<nlopt_opt>, OptimizerDeleter>;

struct Context {
  const std::vector<FreeParameter>& free;
  const Objective& f;
  const FitSettings& s;
  Journal* journal;
  const std::function<void(const FitProgress&)>& on_eval;
  std::vector<std::size_t> fitted;  // indexes into free
  std::vector<double> values;       // every free parameter's model value
  FitResult& out;
  nlopt_opt opt;
  int count = 0;
};

// The objective as NLopt calls it: u holds the fitted parameters' search coordinates.
double call(unsigned n, const double* u, double*, void* data) {
  auto& c = *static_cast<Context*>(data);
  std::vector<double> x(u, u + n);
  for (unsigned i = 0; i < n; ++i) c.values[c.fitted[i]] = c.free[c.fitted[i]].from_search(u[i]);
  const std::size_t index = static_cast<std::size_t>(c.count);
  ++c.count;
  FitProgress p{c.count, c.s.max_evaluations, 0, 0, false};
  if (auto f = c.journal ? c.journal->replay(index, x) : std::nullopt) {
    p.value = *f;
    p.replayed = true;
    ++c.out.replayed;
  } else {
    Evaluation e = c.f(c.values);
    if (!e.error.empty()) {
      c.out.error = e.error;
      nlopt_force_stop(c.opt);
      return std::numeric_limits<double>::infinity();
    }
    p.value = e.value.total;
    if (c.journal) {
      const Error err = c.journal->append(x, p.value);
      if (!err.empty()) {
        c.out.error = err;
        nlopt_force_stop(c.opt);
      }
    }
  }
  if (c.count == 1) {
    c.out.initial = c.values;
    c.out.initial_value = p.value;
  }
  if (c.count == 1 || p.value < c.out.best_value) {
    c.out.best = c.values;
    c.out.best_value = p.value;
  }
  p.best = c.out.best_value;
  c.out.evaluations = c.count;
  if (c.on_eval) c.on_eval(p);
  return p.value;
}

std::string reason(nlopt_result r) {
  switch (r) {
    case NLOPT_SUCCESS: return "converged";
    case NLOPT_STOPVAL_REACHED: return "objective reached the stop value";
    case NLOPT_FTOL_REACHED: return "converged: the objective changed by less than the tolerance";
    case NLOPT_XTOL_REACHED: return "converged: the parameters changed by less than the tolerance";
    case NLOPT_MAXEVAL_REACHED: return "stopped at the evaluation limit";
    case NLOPT_MAXTIME_REACHED: return "stopped at the time limit";
    case NLOPT_FORCED_STOP: return "stopped by an error";
    case NLOPT_ROUNDOFF_LIMITED: return "stopped: round-off limited";
    case NLOPT_OUT_OF_MEMORY: return "NLopt ran out of memory";
    case NLOPT_INVALID_ARGS: return "NLopt refused its arguments";
    default: return "NLopt failed";
  }
}

}  // namespace

FitResult fit(const std::vector<FreeParameter>& free, const std::vector<double>& start, const Objective& f,
              const FitSettings& s, Journal* journal, const std::function<void(const FitProgress&)>& on_eval) {
  FitResult out;
  std::vector<std::size_t> fitted;
  for (std::size_t i = 0; i < free.size(); ++i)
    if (free[i].fit) fitted.push_back(i);
  const auto n = static_cast<unsigned>(fitted.size());
  Optimizer opt(nlopt_create(NLOPT_LN_SBPLX, n));
  if (!opt) {
    out.error = "NLopt could not create the optimiser";
    return out;
  }
  std::vector<double> lo(n), hi(n), u(n), step(n);
  const std::vector<double>& base = start;
  for (unsigned i = 0; i < n; ++i) {
    const FreeParameter& p = free[fitted[i]];
    lo[i] = p.to_search(p.lower);
    hi[i] = p.to_search(p.upper);
    u[i] = p.to_search(base[fitted[i]]);
    step[i] = p.log_scale ? 0.3 : 0.1 * (p.upper - p.lower);
  }
  Context c{free, f, s, journal, on_eval, fitted, base, out, opt.get()};
  nlopt_set_lower_bounds(opt.get(), lo.data());
  nlopt_set_upper_bounds(opt.get(), hi.data());
  nlopt_set_initial_step(opt.get(), step.data());
  nlopt_set_min_objective(opt.get(), call, &c);
  nlopt_set_maxeval(opt.get(), s.max_evaluations);
  nlopt_set_xtol_rel(opt.get(), s.x_tolerance);
  nlopt_set_ftol_abs(opt.get(), s.f_tolerance);
  double last = 0;
  const nlopt_result r = nlopt_optimize(opt.get(), u.data(), &last);
  out.stop_reason = reason(r);
  if (r < 0 && out.error.empty()) out.error = out.stop_reason;
  return out;
}

}  // namespace il2t::calibration
