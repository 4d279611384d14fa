#pragma once
// Recruitment in calendar time: participants arrive as a Poisson process whose rate
// rises linearly from 0 to its full rate over a ramp-up, then stays there
// (protocol [recruitment]). Day 0 is the day recruitment opens. The expected curve
// places the planned looks; each replicate trial draws its own arrivals.
#include <cstdint>
#include <vector>

#include "protocol/protocol.h"

namespace il2t::trial {

inline constexpr double kDaysPerMonth = 365.25 / 12;

struct RecruitmentCurve {
  double per_day = 0;    // the full rate
  double ramp_days = 0;  // the rate rises linearly from 0 over these days
};

RecruitmentCurve recruitment_curve(const protocol::Recruitment& r);

// The expected number enrolled by `day` (Λ(day)), and the day by which `count` are
// expected enrolled (Λ⁻¹).
double expected_enrolled(const RecruitmentCurve& c, double day);
double day_expected(const RecruitmentCurve& c, double count);

// The enrolment days of a replicate trial's first n participants, in order of
// enrolment: the arrival times of the Poisson process, from the stream keyed by seed,
// replicate and Purpose::recruitment. `out` is resized to n (its storage reused).
void draw_enrolment_days(const RecruitmentCurve& c, std::uint64_t seed, std::uint64_t replicate, std::size_t n,
                         std::vector<double>& out);

}  // namespace il2t::trial
