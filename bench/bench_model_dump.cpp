// Half of bench/model_vs_desolve.sh: writes the typical SLE participant's ODE problem
// under the He 2020 regimen (1 MIU sc every other day for 2 weeks, 2 weeks off, 3
// cycles; 24 weeks) for bench/desolve/run_desolve.R, and times il2trial's own solver
// on it.
//
// Usage: bench_model_dump OUTDIR [REPS]
// Writes OUTDIR/params.csv (name,value; the order bench/desolve/il2_model.c reads),
// states.csv (state,initial,atol,scale), doses.csv (var,time,value: amounts added
// to the IL-2 depot), settings.csv (rtol, t_end) and day169_cpp.csv (state,value at
// t = 168).
// Prints "cpp_us_per_trajectory: X" (after one warm-up run, the median of 5 batches of
// REPS runs, as run_desolve.R times deSolve), the same for the lane solver
// ("cpp_lanes_us_per_trajectory: X": kLanes copies of the problem solved together, as
// the trial engine solves its participants, time per trajectory; their day-169 states
// must be bit-identical to the one-at-a-time ones) and the day-169 states as CSV.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "model/integrator.h"
#include "model/integrator_lanes.h"
#include "model/model.h"

namespace {

using namespace il2t::model;

constexpr int kDays = 168;  // t = 0 .. 168: study days 1 .. 169

// He 2020: doses on study days 1, 3, ..., 13 of each 28-day cycle, 3 cycles.
std::vector<int> dose_days() {
  std::vector<int> d;
  for (int cycle = 0; cycle < 3; ++cycle)
    for (int k = 0; k < 7; ++k) d.push_back(1 + 28 * cycle + 2 * k);
  return d;
}

// One trajectory: dose at the start of each dosing day, advance day by day, keep the
// daily states (as deSolve's output matrix does).
bool trajectory(const Individual& ind, const std::vector<int>& doses, std::vector<StateVector>& out) {
  Integrator integ(ind);
  StateVector x = baseline_state(ind);
  const Inputs u{ind.cov.prednisone};
  std::size_t next = 0;
  out[0] = x;
  for (int day = 1; day <= kDays; ++day) {
    if (next < doses.size() && doses[next] == day) { integ.dose_il2(x, 1.0); ++next; }
    if (integ.advance(day - 1, day, x, u) != SolveStatus::ok) return false;
    out[static_cast<std::size_t>(day)] = x;
  }
  return true;
}

// kLanes copies of the trajectory in the lane solver, keeping every lane's daily states.
bool trajectories_in_lanes(const Individual& ind, const std::vector<int>& doses, IntegratorLanes& integ,
                           std::vector<LaneState>& out) {
  LaneState x;
  std::array<Inputs, kLanes> u;
  for (std::size_t l = 0; l < kLanes; ++l) {
    integ.assign(l, ind);
    put_lane(x, l, baseline_state(ind));
    u[l] = Inputs{ind.cov.prednisone};
  }
  std::array<SolveStatus, kLanes> status;
  std::size_t next = 0;
  out[0] = x;
  for (int day = 1; day <= kDays; ++day) {
    if (next < doses.size() && doses[next] == day) {
      for (std::size_t l = 0; l < kLanes; ++l) {
        StateVector y = get_lane(x, l);
        dose_il2(ind, y, 1.0);
        put_lane(x, l, y);
      }
      ++next;
    }
    LaneVec t0{}, t1{};
    t0 += day - 1;
    t1 += day;
    integ.advance(t0, t1, x, u, status);
    for (SolveStatus st : status)
      if (st != SolveStatus::ok) return false;
    out[static_cast<std::size_t>(day)] = x;
  }
  return true;
}

// The parameter vector, in il2_model.c's order.
std::vector<std::pair<std::string, double>> parameters(const Individual& ind) {
  const ModelParams& p = ind.p;
  std::vector<std::pair<std::string, double>> v = {
      {"il2_ka", ind.il2_ka}, {"il2_kel", ind.il2_kel}, {"il2_v", ind.il2_v},
      {"rapa_ka", ind.rapa_ka}, {"rapa_kel", ind.rapa_kel}, {"rapa_v", ind.rapa_v},
      {"rapa_ic50", p.rapa_ic50}, {"rapa_effector_inhibition", p.rapa_effector_inhibition},
      {"rapa_treg_inhibition", p.rapa_treg_inhibition}, {"signal_delay_rate", p.signal_delay_rate},
      {"helper_suppression", p.helper_suppression}, {"tfh_weight", p.tfh_weight},
      {"activity_rate", p.activity_rate}, {"soc_fraction", p.soc_fraction}, {"steroid_gc50", p.steroid_gc50},
      {"gc_baseline_factor", ind.gc_baseline_factor}, {"prednisone", ind.cov.prednisone},
      {"cmv_modelled", ind.cmv_modelled ? 1.0 : 0.0}, {"cmv_growth", p.cmv_growth},
      {"cmv_kill", ind.cmv_kill}, {"cmv_nk_weight", p.cmv_nk_weight},
      {"cmv_steroid_gc50", p.cmv_steroid_gc50}, {"cmv_gc_baseline_factor", ind.cmv_gc_baseline_factor},
      {"cmv_max_copies", p.cmv_max_copies}, {"il2_ktr", ind.il2_ktr},
      {"treg_steroid_gain", p.treg_steroid_gain}, {"treg_steroid_half", p.treg_steroid_half}};
  const std::pair<const char*, const SubsetRates*> subsets[] = {
      {"treg", &ind.treg}, {"tconv", &ind.tconv}, {"tfh", &ind.tfh}, {"th17", &ind.th17},
      {"cd8", &ind.cd8}, {"nk_bright", &ind.nkb}, {"nk_dim", &ind.nkd}};
  for (const auto& [name, s] : subsets) {
    const std::string n = name;
    v.insert(v.end(), {{n + "_consume", s->consume}, {n + "_kd", s->kd}, {n + "_ec50", s->ec50},
                       {n + "_hill", s->hill}, {n + "_turnover", s->turnover}, {n + "_emax", s->emax},
                       {n + "_baseline", s->baseline}});
  }
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bench_model_dump OUTDIR [REPS]\n";
    return 2;
  }
  const std::string dir = argv[1];
  const int reps = argc > 2 ? std::max(1, std::atoi(argv[2])) : 200;

  ModelLoad load = load_model(default_model_dir());
  if (!load.model) {
    for (const auto& e : load.errors) std::cerr << e << "\n";
    return 1;
  }
  const Model& model = *load.model;
  const Individual ind = make_individual(model.bound.p, model.typical_covariates(Disease::sle));
  const std::vector<int> doses = dose_days();

  std::FILE* f = std::fopen((dir + "/params.csv").c_str(), "w");
  if (!f) {
    std::cerr << "cannot write to " << dir << "\n";
    return 1;
  }
  std::fprintf(f, "name,value\n");
  for (const auto& [name, value] : parameters(ind)) std::fprintf(f, "%s,%.17g\n", name.c_str(), value);
  std::fclose(f);

  const StateVector x0 = baseline_state(ind);
  f = std::fopen((dir + "/states.csv").c_str(), "w");
  std::fprintf(f, "state,initial,atol,scale\n");
  for (std::size_t i = 0; i < kStateCount; ++i)
    std::fprintf(f, "%s,%.17g,%.17g,%.17g\n", kStateNames[i], x0[i], ind.atol[i], ind.atol[i] / ind.p.atol_fraction);
  std::fclose(f);

  f = std::fopen((dir + "/doses.csv").c_str(), "w");
  std::fprintf(f, "var,time,value\n");
  for (int d : doses)
    std::fprintf(f, "%s,%d,%.17g\n", kStateNames[kIl2Depot], d - 1, ind.il2_f * 1.0 * ind.pmol_per_miu);
  std::fclose(f);

  f = std::fopen((dir + "/settings.csv").c_str(), "w");
  std::fprintf(f, "name,value\nrtol,%.17g\nt_end,%d\n", ind.p.rtol, kDays);
  std::fclose(f);

  std::vector<StateVector> out(kDays + 1);
  if (!trajectory(ind, doses, out)) {  // warm-up, and the result to cross-check
    std::cerr << "the solver failed\n";
    return 1;
  }
  std::vector<double> batch;  // µs per trajectory in each of 5 batches of REPS runs
  for (int b = 0; b < 5; ++b) {
    const auto start = std::chrono::steady_clock::now();
    for (int r = 0; r < reps; ++r) trajectory(ind, doses, out);
    batch.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / reps);
  }
  std::sort(batch.begin(), batch.end());

  IntegratorLanes lanes;
  std::vector<LaneState> lane_out(kDays + 1);
  if (!trajectories_in_lanes(ind, doses, lanes, lane_out)) {
    std::cerr << "the lane solver failed\n";
    return 1;
  }
  for (std::size_t l = 0; l < kLanes; ++l)
    if (get_lane(lane_out[kDays], l) != out[kDays]) {
      std::cerr << "lane " << l << " differs from the one-at-a-time solver\n";
      return 1;
    }
  const int lane_reps = std::max(1, reps / static_cast<int>(kLanes));
  std::vector<double> lane_batch;
  for (int b = 0; b < 5; ++b) {
    const auto start = std::chrono::steady_clock::now();
    for (int r = 0; r < lane_reps; ++r) trajectories_in_lanes(ind, doses, lanes, lane_out);
    lane_batch.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() /
                         (lane_reps * static_cast<double>(kLanes)));
  }
  std::sort(lane_batch.begin(), lane_batch.end());

  std::printf("cpp_us_per_trajectory: %.3f\n", batch[2]);
  std::printf("cpp_lanes_us_per_trajectory: %.3f\n", lane_batch[2]);
  std::printf("lanes: %zu\n", kLanes);
  f = std::fopen((dir + "/day169_cpp.csv").c_str(), "w");
  std::fprintf(f, "state,value\n");
  std::printf("state,value\n");
  for (std::size_t i = 0; i < kStateCount; ++i) {
    std::fprintf(f, "%s,%.17g\n", kStateNames[i], out[kDays][i]);
    std::printf("%s,%.17g\n", kStateNames[i], out[kDays][i]);
  }
  std::fclose(f);
  return 0;
}
