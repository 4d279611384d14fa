#pragma once
// DormandPrinceCore's stepping loop (solver_core.h): the template definitions of
// start_begun() and run().
#include "model/solver_core.h"

namespace il2t::model {

template <class O, class S, std::size_t N>
template <class F>
void DormandPrinceCore<O, S, N>::start_begun(F& f, const S& x) {
  Mask init{};
  bool any_begun = false, any_init = false;
  for (std::size_t l = 0; l < L; ++l) {
    init[l] = begun_[l] && init_[l];
    any_begun = any_begun || begun_[l];
    any_init = any_init || init[l];
  }
  if (!any_begun) return;
  if (any_init) {
    f(t_, x, scratch_);
    for (std::size_t l = 0; l < L; ++l)
      if (init[l]) {
        for (std::size_t i = 0; i < N; ++i) O::at(k1_[i], l) = O::at(scratch_[i], l);
        ++stats_[l].evaluations;
      }
    V h_init = h_;
    initial_steps(f, x, t1_ - t_, init, h_init);
    for (std::size_t l = 0; l < L; ++l)
      if (init[l]) O::at(h_, l) = O::at(h_init, l);
  }
  for (std::size_t l = 0; l < L; ++l) {
    if (!begun_[l]) continue;
    O::at(hs_, l) = std::min(O::at(h_, l), O::at(t1_, l) - O::at(t_, l));
    O::at(log_err_prev_, l) = dp5::kLogErrFloor;
    last_rejected_[l] = false;
    steps_[l] = 0;
    active_[l] = true;
    begun_[l] = false;
    init_[l] = false;
  }
}

template <class O, class S, std::size_t N>
template <class F, class After>
typename DormandPrinceCore<O, S, N>::Mask DormandPrinceCore<O, S, N>::run(F&& f, S& x, After&& after,
                                                                        std::array<SolveStatus, L>& status) {
  start_begun(f, x);
  Mask done{}, final_step{}, refresh{};
  V h_step{}, h_unclipped{}, err{};
  auto any = [](const Mask& m) { return std::any_of(m.begin(), m.end(), [](bool b) { return b; }); };
  auto stop = [&](std::size_t l, SolveStatus st) {
    status[l] = st;
    active_[l] = false;
    done[l] = true;
  };
  while (any(active_)) {
    // Each lane's step: cut to end exactly at t1 when it would (nearly) reach it.
    for (std::size_t l = 0; l < L; ++l) {
      O::at(h_step, l) = 0;
      if (!active_[l]) continue;
      if (++steps_[l] > s_[l].max_steps) {
        stop(l, SolveStatus::too_many_steps);
        continue;
      }
      double& h = O::at(hs_, l);
      const double t = O::at(t_, l), t1 = O::at(t1_, l);
      final_step[l] = false;
      O::at(h_unclipped, l) = h;
      if (t + h >= t1 || t + 1.01 * h >= t1) {
        h = t1 - t;
        final_step[l] = true;
      }
      O::at(h_step, l) = h;
    }
    if (!any(active_)) break;
    stages(f, h_step, x);
    error_norm(x, err);
    typename O::Bits accepted{};
    bool any_accepted = false;
    for (std::size_t l = 0; l < L; ++l) {
      if (!active_[l]) continue;
      stats_[l].evaluations += 6;
      const double e = O::at(err, l);
      double& h = O::at(hs_, l);
      if (!std::isfinite(e)) {
        // A trial step left the model's domain (a count below zero, say): shrink and retry.
        ++stats_[l].rejected;
        h *= 0.2;
        last_rejected_[l] = true;
        if (h < s_[l].h_min) stop(l, SolveStatus::not_finite);
        continue;
      }
      if (e <= 1.0) {
        ++stats_[l].steps;
        O::at(t_, l) = final_step[l] ? O::at(t1_, l) : O::at(t_, l) + h;
        O::at(accepted, l) = -1;
        any_accepted = true;
        // PI controller (beta = 0.04, alpha = 0.2 - 0.75 beta): err^-0.17 · err_prev^0.04,
        // as one exp of logs (cheaper than two pow calls); log(max(err, 1e-4)), kept for
        // the next step, is the larger of the two logarithms.
        double& log_err_prev = O::at(log_err_prev_, l);
        const double log_err = std::log(std::max(e, 1e-10));
        double fac = std::exp(-0.17 * log_err + 0.04 * log_err_prev);
        fac = std::clamp(0.9 * fac, 0.2, last_rejected_[l] ? 1.0 : 10.0);
        const double h_next = h * fac;
        log_err_prev = std::max(log_err, dp5::kLogErrFloor);
        last_rejected_[l] = false;
        if (!final_step[l]) {
          h = h_next;
        } else {
          O::at(h_, l) = std::max(h_next, O::at(h_unclipped, l));  // carry the step before it was cut to t1
          O::at(t_end_, l) = O::at(t1_, l);
          stop(l, SolveStatus::ok);
        }
      } else {
        ++stats_[l].rejected;
        h *= std::max(0.2, 0.9 * std::pow(e, -0.2));
        last_rejected_[l] = true;
        if (h < s_[l].h_min) stop(l, SolveStatus::step_too_small);
      }
    }
    if (any_accepted) {
      // Accepted lanes take the new state; FSAL: the last stage is f there, unless
      // after() changed the state.
      for (std::size_t i = 0; i < N; ++i) x[i] = accepted ? y_[i] : x[i];
      typename O::Bits keep_k7 = accepted;
      bool any_refresh = false;
      for (std::size_t l = 0; l < L; ++l) {
        if (!O::at(accepted, l)) continue;
        refresh[l] = after(l, x);
        if (refresh[l]) {
          ++stats_[l].evaluations;
          O::at(keep_k7, l) = 0;
          any_refresh = true;
        }
      }
      for (std::size_t i = 0; i < N; ++i) k1_[i] = keep_k7 ? k7_[i] : k1_[i];
      if (any_refresh) {
        f(t_, x, scratch_);
        for (std::size_t l = 0; l < L; ++l)
          if (refresh[l]) {
            for (std::size_t i = 0; i < N; ++i) O::at(k1_[i], l) = O::at(scratch_[i], l);
            refresh[l] = false;
          }
      }
    }
    if (any(done)) break;
  }
  for (std::size_t l = 0; l < L; ++l)
    if (done[l] && status[l] == SolveStatus::ok)
      for (std::size_t i = 0; i < N; ++i) O::at(x_end_[i], l) = O::at(x[i], l);
  return done;
}

}  // namespace il2t::model
