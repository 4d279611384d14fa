#include "calibration/pk_study.h"

#include <cmath>
#include <limits>

#include "model/integrator.h"
#include "model/rng.h"

namespace il2t::calibration {

namespace {
constexpr double kHoursPerDay = 24;
}

PkReading read_profile(const std::vector<double>& hours, const std::vector<double>& conc, int terminal_points) {
  PkReading r;
  r.thalf_h = std::numeric_limits<double>::quiet_NaN();
  std::size_t peak = 0;
  for (std::size_t i = 1; i < conc.size(); ++i)
    if (conc[i] > conc[peak]) peak = i;
  r.tmax_h = hours.empty() ? std::numeric_limits<double>::quiet_NaN() : hours[peak];
  // The last `terminal_points` positive samples after the peak.
  std::vector<double> t, y;
  for (std::size_t i = conc.size(); i-- > peak + 1 && static_cast<int>(t.size()) < terminal_points;)
    if (conc[i] > 0) {
      t.push_back(hours[i]);
      y.push_back(std::log(conc[i]));
    }
  if (t.size() < 3) return r;
  double mt = 0, my = 0;
  for (std::size_t i = 0; i < t.size(); ++i) mt += t[i], my += y[i];
  mt /= static_cast<double>(t.size());
  my /= static_cast<double>(t.size());
  double sty = 0, stt = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    sty += (t[i] - mt) * (y[i] - my);
    stt += (t[i] - mt) * (t[i] - mt);
  }
  const double lambda = -sty / stt;
  if (lambda > 0) r.thalf_h = std::log(2.0) / lambda;
  return r;
}

PkReplicate simulate_pk(const model::Model& m, const PkStudy& s, std::uint64_t seed, std::uint64_t replicate) {
  PkReplicate out;
  if (s.participants <= 0 || s.hours.empty() || s.dose_miu <= 0) {
    out.ok = false;
    out.error = "a PK study needs participants, sampling hours and a positive dose";
    return out;
  }
  model::Covariates cov = m.typical_covariates(s.population);
  cov.prednisone = s.prednisone.value_or(cov.prednisone);
  const model::Inputs u{cov.prednisone};
  std::vector<double> conc(s.hours.size());
  double tmax_sum = 0, thalf_sum = 0;
  int thalf_n = 0;
  for (int p = 0; p < s.participants; ++p) {
    model::Stream eta(seed, replicate, static_cast<std::uint64_t>(p), model::Purpose::variability);
    const model::Individual ind = model::make_individual(m.individual_parameters(eta), cov);
    model::Integrator integ(ind);
    model::StateVector x = model::baseline_state(ind);
    integ.dose_il2(x, s.dose_miu);
    double t = 0;
    for (std::size_t i = 0; i < s.hours.size(); ++i) {
      const double t1 = s.hours[i] / kHoursPerDay;
      const model::SolveStatus st = integ.advance(t, t1, x, u);
      if (st != model::SolveStatus::ok) {
        out.ok = false;
        out.error = "participant " + std::to_string(p) + ", hour " + std::to_string(s.hours[i]) + ": " + to_string(st);
        return out;
      }
      conc[i] = x[model::kIl2Plasma];
      t = t1;
    }
    const PkReading r = read_profile(s.hours, conc, s.terminal_points);
    tmax_sum += r.tmax_h;
    if (std::isfinite(r.thalf_h)) thalf_sum += r.thalf_h, ++thalf_n;
  }
  out.mean_tmax_h = tmax_sum / s.participants;
  out.mean_thalf_h = thalf_n > 0 ? thalf_sum / thalf_n : std::numeric_limits<double>::quiet_NaN();
  return out;
}

}  // namespace il2t::calibration
