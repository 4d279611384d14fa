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
  active_[lane] = false;
  begun_[lane] = false;
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

inline bool DormandPrinceLanes::any_busy() const {
  for (std::size_t l = 0; l < kLanes; ++l)
    if (busy(l)) return true;
  return false;
}

// DormandPrince::integrate's first block, for one lane: continuation or restart.
inline bool DormandPrinceLanes::begin(std::size_t l, double t0, double t1, const LaneState& x) {
  if (!(t1 > t0)) return false;
  bool same = h_[l] > 0 && !restart_[l] && t0 == t_end_[l];
  for (std::size_t i = 0; same && i < N; ++i) same = x[i][l] == x_end_[i][l];
  init_[l] = !same;
  restart_[l] = false;
  t_[l] = t0;
  t1_[l] = t1;
  begun_[l] = true;
  return true;
}

// The begun lanes' starting steps (the restarting ones' together), then their loop
// state as DormandPrince::integrate sets it before its first step.
template <class F>
void DormandPrinceLanes::start_begun(F& f, const LaneState& x) {
  LaneMask init{};
  bool any_begun = false, any_init = false;
  for (std::size_t l = 0; l < kLanes; ++l) {
    init[l] = begun_[l] && init_[l];
    any_begun = any_begun || begun_[l];
    any_init = any_init || init[l];
  }
  if (!any_begun) return;
  if (any_init) {
    f(x, scratch_);
    for (std::size_t l = 0; l < kLanes; ++l)
      if (init[l]) {
        for (std::size_t i = 0; i < N; ++i) k1_[i][l] = scratch_[i][l];
        ++stats_[l].evaluations;
      }
    LaneVec h_init = h_;
    initial_steps(f, x, t1_ - t_, init, h_init);
    IL2T_LANES if (init[l]) h_[l] = h_init[l];
  }
  for (std::size_t l = 0; l < kLanes; ++l) {
    if (!begun_[l]) continue;
    hs_[l] = std::min(h_[l], t1_[l] - t_[l]);
    log_err_prev_[l] = dp5::kLogErrFloor;
    last_rejected_[l] = false;
    steps_[l] = 0;
    active_[l] = true;
    begun_[l] = false;
    init_[l] = false;
  }
}

template <class F, class After>
LaneMask DormandPrinceLanes::run(F&& f, LaneState& x, After&& after, std::array<SolveStatus, kLanes>& status) {
  start_begun(f, x);
  LaneMask done{}, final_step{}, refresh{};
  LaneVec h_step{}, h_unclipped{}, err{};
  auto any = [](const LaneMask& m) { return std::any_of(m.begin(), m.end(), [](bool b) { return b; }); };
  auto stop = [&](std::size_t l, SolveStatus st) {
    status[l] = st;
    active_[l] = false;
    done[l] = true;
  };
  while (any(active_)) {
    for (std::size_t l = 0; l < kLanes; ++l) {
      h_step[l] = 0;
      if (!active_[l]) continue;
      if (++steps_[l] > s_[l].max_steps) {
        stop(l, SolveStatus::too_many_steps);
        continue;
      }
      final_step[l] = false;
      h_unclipped[l] = hs_[l];
      if (t_[l] + hs_[l] >= t1_[l] || t_[l] + 1.01 * hs_[l] >= t1_[l]) {
        hs_[l] = t1_[l] - t_[l];
        final_step[l] = true;
      }
      h_step[l] = hs_[l];
    }
    if (!any(active_)) break;
    stages(f, h_step, x);
    error_norm(x, err);
    LaneBits accepted{};
    bool any_accepted = false;
    for (std::size_t l = 0; l < kLanes; ++l) {
      if (!active_[l]) continue;
      stats_[l].evaluations += 6;
      const double e = err[l];
      if (!std::isfinite(e)) {
        ++stats_[l].rejected;
        hs_[l] *= 0.2;
        last_rejected_[l] = true;
        if (hs_[l] < s_[l].h_min) stop(l, SolveStatus::not_finite);
        continue;
      }
      if (e <= 1.0) {
        ++stats_[l].steps;
        t_[l] = final_step[l] ? t1_[l] : t_[l] + hs_[l];
        accepted[l] = -1;
        any_accepted = true;
        const double log_err = std::log(std::max(e, 1e-10));
        double fac = std::exp(-0.17 * log_err + 0.04 * log_err_prev_[l]);
        fac = std::clamp(0.9 * fac, 0.2, last_rejected_[l] ? 1.0 : 10.0);
        const double h_next = hs_[l] * fac;
        log_err_prev_[l] = std::max(log_err, dp5::kLogErrFloor);
        last_rejected_[l] = false;
        if (!final_step[l]) {
          hs_[l] = h_next;
        } else {
          h_[l] = std::max(h_next, h_unclipped[l]);
          t_end_[l] = t1_[l];
          stop(l, SolveStatus::ok);
        }
      } else {
        ++stats_[l].rejected;
        hs_[l] *= std::max(0.2, 0.9 * std::pow(e, -0.2));
        last_rejected_[l] = true;
        if (hs_[l] < s_[l].h_min) stop(l, SolveStatus::step_too_small);
      }
    }
    if (any_accepted) {
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
    if (any(done)) break;
  }
  for (std::size_t l = 0; l < kLanes; ++l)
    if (done[l] && status[l] == SolveStatus::ok)
      for (std::size_t i = 0; i < N; ++i) x_end_[i][l] = x[i][l];
  return done;
}

#undef IL2T_LANES

}  // namespace il2t::model
