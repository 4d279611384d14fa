#pragma once
// What a calibration target measures in one simulated trial, computed from its trial
// records alone (as real data would be): a proportion of an arm's participants, a
// median or mean of a measured value at a visit, a fold change from baseline, or a
// rate of events. One number per replicate trial.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trial/design.h"
#include "trial/records.h"

namespace il2t::calibration {

enum class MeasureKind {
  sri,                // SRI-k responders at the visit against baseline (k = level: 4 to 8); missing = non-responder
  essdai_drop,        // ESSDAI fell by at least `level` points from baseline; missing = non-responder
  bilag_a_or_2b,      // at least one BILAG-2004 A or two B at the visit (measured participants)
  median,             // median of a test at the visit
  mean,               // mean of a test at the visit
  fold,               // median over participants of value at the visit / value at baseline
  fold_peak,          // the same with each participant's largest ratio up to the visit
  increase,           // fold − 1: the increase over baseline as a fraction
  any_infection,      // any infection by the visit's nominal day (all participants of the arm)
  serious_infection,  // any serious infection by that day
  reaction,           // any adverse reaction with the given term by that day
  serious_infection_rate,  // serious infections per 100 participant-years of follow-up
  pk_tmax,            // a PK study's mean hour of peak serum IL-2 (pk_study.h; not from trial records)
  pk_thalf,           // a PK study's mean terminal half-life, hours (pk_study.h)
  // Over every IL-2 arm together (the arm is not used): each participant's largest
  // ratio to baseline up to the visit, minus 1, regressed by least squares on the arm's
  // IL-2 dose per m² of the reference body (y = a + b·dose); the dose at which the line
  // reaches `level`, (level − a)/b, in MIU/m², held to [0, twice the highest dose]
  // (DoseLine::dose_for).
  dose_for_peak_increase,
};

struct Measure {
  MeasureKind kind = MeasureKind::median;
  trial::Test test = trial::Test::sledai_2k;  // for median, mean, fold, fold_peak
  std::string term;                           // for reaction
  double level = 0;  // dose_for_peak_increase: the increase (0.10 = +10%); sri: the threshold; essdai_drop: the fall
};

// Parses "sri4" (SRI-4), "sri:5", "essdai_drop:3", "median:SLEDAI2K", "reaction:fever", "pk_tmax",
// "dose_for_peak_increase:TREGPCT:0.10", ... (test codes as in the records' TESTCD
// column); nullopt for anything else.
std::optional<Measure> parse_measure(std::string_view text);

// True for the measures a PK study gives (pk_tmax, pk_thalf), not trial records.
bool is_pk(MeasureKind k);
// True for measures over all of a study's arms at once (no arm in the studies file).
bool spans_arms(MeasureKind k);

// A least-squares line of response on dose, y = intercept + slope·dose (R's lm(y ~ dose)).
struct DoseLine {
  double intercept = 0, slope = 0;
  double highest = 0;  // the highest dose fitted
  std::size_t n = 0;   // 0: fewer than two points or a single dose
  // The dose at which the line reaches `level`, held to [0, 2 × highest]: 0 when the
  // line is at `level` without a dose, 2 × highest when it reaches it only beyond that
  // or never (a slope that is not positive). NaN without a line (n = 0).
  // Why held: a trial whose line is nearly flat gives a ratio that runs to ± thousands,
  // and such values (the mean of a few replicates at a design point) wreck the
  // emulator of this row (docs/validation.md, "DILT1D's dose estimate").
  double dose_for(double level) const;
};
DoseLine fit_dose_line(const std::vector<double>& dose, const std::vector<double>& response);

// The measure over the participants of `arm` in one replicate's records, at the
// protocol's visit `visit`; NaN when no participant gives a value (and for PK measures).
double measure(const trial::TrialDesign& d, const Measure& m, std::size_t arm, std::size_t visit,
               const trial::TrialRecords& r);

}  // namespace il2t::calibration
