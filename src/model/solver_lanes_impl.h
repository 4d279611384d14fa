#pragma once
// Template definitions of DormandPrinceLanes (solver_lanes.h). Each block mirrors the
// corresponding lines of DormandPrince::integrate in solver.h, lane by lane.
#include "model/solver_lanes.h"

namespace il2t::model {

#define IL2T_LANES for (std::size_t l = 0; l < kLanes; ++l)

inline void DormandPrinceLanes::configure(std::size_t lane, const SolverSettings& s, const StateVector& atol) {
  s_[lane] = s;
  rtol_[lane] = s.rtol;
  for (std::size_t i = 0; i < N; ++i) atol_[i][lane] = atol[i];
}

inline void DormandPrinceLanes::reset(std::size_t lane) {
  stats_[lane] = {};
  h_[lane] = 0;
  t_end_[lane] = 0;
  restart_[lane] = false;
}

inline void DormandPrinceLanes::norm(const LaneState& v, const LaneState& x, LaneVec& out) const {
  LaneVec sum{};
  for (std::size_t i = 0; i < N; ++i) {
    const LaneVec r = v[i] / (atol_[i] + rtol_ * lane_abs(x[i]));
    sum += r * r;
  }
  sum /= static_cast<double>(N);
  IL2T_LANES out[l] = std::sqrt(sum[l]);
}

inline void DormandPrinceLanes::error_norm(const LaneState& x, LaneVec& out) const {
  LaneVec sum{};
  for (std::size_t i = 0; i < N; ++i) {
    const LaneVec sc = atol_[i] + rtol_ * lane_max(lane_abs(x[i]), lane_abs(y_[i]));
    const LaneVec r = err_[i] / sc;
    sum += r * r;
  }
  sum /= static_cast<double>(N);
  IL2T_LANES out[l] = std::sqrt(sum[l]);
}

// DormandPrince::initial_step for the lanes in `init` (k1_ holds f at x for them).
template <class F>
void DormandPrinceLanes::initial_steps(F& f, const LaneState& x, const LaneVec& span, const LaneMask& init, LaneVec& h_out) {
  LaneVec d0, d1, h0;
  norm(x, x, d0);
  norm(k1_, x, d1);
  IL2T_LANES h0[l] = std::min(span[l], (d0[l] < 1e-5 || d1[l] < 1e-5) ? 1e-6 : 0.01 * d0[l] / d1[l]);
  for (std::size_t i = 0; i < N; ++i) y_[i] = x[i] + h0 * k1_[i];
  f(y_, k2_);
  for (std::size_t i = 0; i < N; ++i) tmp_[i] = (k2_[i] - k1_[i]) / h0;
  LaneVec d2;
  norm(tmp_, x, d2);
  for (std::size_t l = 0; l < kLanes; ++l) {
    if (!init[l]) continue;
    ++stats_[l].evaluations;
    const double dmax = std::max(d1[l], d2[l]);
    const double h1 = dmax <= 1e-15 ? std::max(1e-6, h0[l] * 1e-3) : std::pow(0.01 / dmax, 1.0 / 5);
    const double h = std::min(100 * h0[l], h1);
    h_out[l] = std::isfinite(h) && h > 0 ? h : s_[l].h_initial;
  }
}

template <class F>
void DormandPrinceLanes::stages(F& f, const LaneVec& h, const LaneState& x) {
  using namespace dp5;
  for (std::size_t i = 0; i < N; ++i) tmp_[i] = x[i] + h * a21 * k1_[i];
  f(tmp_, k2_);
  for (std::size_t i = 0; i < N; ++i) tmp_[i] = x[i] + h * (a31 * k1_[i] + a32 * k2_[i]);
  f(tmp_, k3_);
  for (std::size_t i = 0; i < N; ++i)
    tmp_[i] = x[i] + h * (a41 * k1_[i] + a42 * k2_[i] + a43 * k3_[i]);
  f(tmp_, k4_);
  for (std::size_t i = 0; i < N; ++i)
    tmp_[i] = x[i] + h * (a51 * k1_[i] + a52 * k2_[i] + a53 * k3_[i] + a54 * k4_[i]);
  f(tmp_, k5_);
  for (std::size_t i = 0; i < N; ++i)
    tmp_[i] =
        x[i] + h * (a61 * k1_[i] + a62 * k2_[i] + a63 * k3_[i] + a64 * k4_[i] + a65 * k5_[i]);
  f(tmp_, k6_);
  for (std::size_t i = 0; i < N; ++i)
    y_[i] =
        x[i] + h * (b1 * k1_[i] + b3 * k3_[i] + b4 * k4_[i] + b5 * k5_[i] + b6 * k6_[i]);
  f(y_, k7_);
  for (std::size_t i = 0; i < N; ++i)
    err_[i] = h * (e1 * k1_[i] + e3 * k3_[i] + e4 * k4_[i] + e5 * k5_[i] +
                                    e6 * k6_[i] + e7 * k7_[i]);
}

template <class F, class After>
void DormandPrinceLanes::integrate(F&& f, const LaneVec& t0, const LaneVec& t1, LaneState& x, After&& after, const LaneMask& use,
                                   std::array<SolveStatus, kLanes>& status) {
  status.fill(SolveStatus::ok);
  // Lanes with an empty interval have nothing to do.
  LaneMask go{};
  for (std::size_t l = 0; l < kLanes; ++l) go[l] = use[l] && t1[l] > t0[l];
  // Continuation or restart, lane by lane (DormandPrince::integrate's first block).
  LaneMask init{};
  bool any_init = false;
  for (std::size_t l = 0; l < kLanes; ++l) {
    if (!go[l]) continue;
    bool same = h_[l] > 0 && !restart_[l] && t0[l] == t_end_[l];
    for (std::size_t i = 0; same && i < N; ++i) same = x[i][l] == x_end_[i][l];
    init[l] = !same;
    any_init = any_init || init[l];
  }
  if (any_init) {
    f(x, scratch_);
    for (std::size_t l = 0; l < kLanes; ++l)
      if (init[l]) {
        for (std::size_t i = 0; i < N; ++i) k1_[i][l] = scratch_[i][l];
        ++stats_[l].evaluations;
      }
    LaneVec h_init = h_;
    initial_steps(f, x, t1 - t0, init, h_init);
    IL2T_LANES if (init[l]) h_[l] = h_init[l];
  }

  const double kLogErrFloor = std::log(1e-4);
  LaneVec t{}, h{}, h_step{}, h_unclipped{}, log_err_prev{}, err{};
  LaneMask active = go, last_rejected{}, final_step{};
  std::array<long, kLanes> steps{};
  IL2T_LANES {
    restart_[l] = go[l] ? false : restart_[l];
    t[l] = t0[l];
    h[l] = std::min(h_[l], t1[l] - t0[l]);
    log_err_prev[l] = kLogErrFloor;
  }
  auto any = [](const LaneMask& m) { return std::any_of(m.begin(), m.end(), [](bool b) { return b; }); };
  LaneMask refresh{};
  while (any(active)) {
    for (std::size_t l = 0; l < kLanes; ++l) {
      h_step[l] = 0;
      if (!active[l]) continue;
      if (++steps[l] > s_[l].max_steps) {
        status[l] = SolveStatus::too_many_steps;
        active[l] = false;
        continue;
      }
      final_step[l] = false;
      h_unclipped[l] = h[l];
      if (t[l] + h[l] >= t1[l] || t[l] + 1.01 * h[l] >= t1[l]) {
        h_unclipped[l] = h[l];
        h[l] = t1[l] - t[l];
        final_step[l] = true;
      }
      h_step[l] = h[l];
    }
    if (!any(active)) break;
    stages(f, h_step, x);
    error_norm(x, err);
    LaneBits accepted{};
    bool any_accepted = false;
    for (std::size_t l = 0; l < kLanes; ++l) {
      if (!active[l]) continue;
      stats_[l].evaluations += 6;
      const double e = err[l];
      if (!std::isfinite(e)) {
        ++stats_[l].rejected;
        h[l] *= 0.2;
        last_rejected[l] = true;
        if (h[l] < s_[l].h_min) {
          status[l] = SolveStatus::not_finite;
          active[l] = false;
        }
        continue;
      }
      if (e <= 1.0) {
        ++stats_[l].steps;
        t[l] = final_step[l] ? t1[l] : t[l] + h[l];
        accepted[l] = -1;
        any_accepted = true;
        const double log_err = std::log(std::max(e, 1e-10));
        double fac = std::exp(-0.17 * log_err + 0.04 * log_err_prev[l]);
        fac = std::clamp(0.9 * fac, 0.2, last_rejected[l] ? 1.0 : 10.0);
        const double h_next = h[l] * fac;
        log_err_prev[l] = std::max(log_err, kLogErrFloor);
        last_rejected[l] = false;
        if (!final_step[l]) {
          h[l] = h_next;
        } else {
          h_[l] = std::max(h_next, h_unclipped[l]);
          t_end_[l] = t1[l];
          active[l] = false;
        }
      } else {
        ++stats_[l].rejected;
        h[l] *= std::max(0.2, 0.9 * std::pow(e, -0.2));
        last_rejected[l] = true;
        if (h[l] < s_[l].h_min) {
          status[l] = SolveStatus::step_too_small;
          active[l] = false;
        }
      }
    }
    if (!any_accepted) continue;
    // Accepted lanes take the new state; FSAL: the last stage is f there, unless the
    // washout changed the state.
    for (std::size_t i = 0; i < N; ++i) x[i] = accepted ? y_[i] : x[i];
    LaneBits keep_k7 = accepted;
    bool any_refresh = false;
    for (std::size_t l = 0; l < kLanes; ++l) {
      if (!accepted[l]) continue;
      refresh[l] = after(l, x);
      if (refresh[l]) {
        ++stats_[l].evaluations;
        keep_k7[l] = 0;
        any_refresh = true;
      }
    }
    for (std::size_t i = 0; i < N; ++i) k1_[i] = keep_k7 ? k7_[i] : k1_[i];
    if (any_refresh) {
      f(x, scratch_);
      for (std::size_t l = 0; l < kLanes; ++l)
        if (refresh[l]) {
          for (std::size_t i = 0; i < N; ++i) k1_[i][l] = scratch_[i][l];
          refresh[l] = false;
        }
    }
  }
  for (std::size_t l = 0; l < kLanes; ++l)
    if (go[l] && status[l] == SolveStatus::ok)
      for (std::size_t i = 0; i < N; ++i) x_end_[i][l] = x[i][l];
}

#undef IL2T_LANES

}  // namespace il2t::model
