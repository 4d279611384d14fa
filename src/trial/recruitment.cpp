#include "trial/recruitment.h"

#include <cmath>

#include "model/rng.h"

namespace il2t::trial {

RecruitmentCurve recruitment_curve(const protocol::Recruitment& r) {
  return {r.per_month.value / kDaysPerMonth, r.ramp_up_months ? r.ramp_up_months->value * kDaysPerMonth : 0.0};
}

// Λ(t) = R t² / (2T) while t ≤ T, then R T / 2 + R (t − T).
double expected_enrolled(const RecruitmentCurve& c, double day) {
  if (day <= 0) return 0;
  if (day <= c.ramp_days) return c.per_day * day * day / (2 * c.ramp_days);
  return c.per_day * (c.ramp_days / 2 + (day - c.ramp_days));
}

double day_expected(const RecruitmentCurve& c, double count) {
  if (count <= 0) return 0;
  const double ramped = c.per_day * c.ramp_days / 2;  // enrolled by the end of the ramp
  if (count <= ramped) return std::sqrt(2 * c.ramp_days * count / c.per_day);
  return c.ramp_days + (count - ramped) / c.per_day;
}

void draw_enrolment_days(const RecruitmentCurve& c, std::uint64_t seed, std::uint64_t replicate, std::size_t n,
                         std::vector<double>& out) {
  out.resize(n);
  model::Stream s(seed, replicate, 0, model::Purpose::recruitment);
  double cumulative = 0;  // arrivals of a unit-rate process, mapped through Λ⁻¹
  for (std::size_t i = 0; i < n; ++i) {
    cumulative -= std::log(s.uniform());
    out[i] = day_expected(c, cumulative);
  }
}

}  // namespace il2t::trial
