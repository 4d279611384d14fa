#pragma once
// Group-sequential trials in simulation: the bounds for a trial of size n, and the looks
// of one replicate trial. Each look analyses the decision comparison on the rows
// available on its day (a visit counts once enrolment day + its nominal day has passed)
// through the same Analyser as the final analysis, turns the two-sided p-value and the
// estimate's sign into z = ±Φ⁻¹(1 − p/2), and compares z with the look's bounds.
#include <array>
#include <cstdint>
#include <vector>

#include "core/error.h"
#include "protocol/protocol.h"
#include "trial/analysis.h"
#include "trial/design.h"
#include "trial/endpoints.h"
#include "trial/records.h"
#include "trial/sequential_spec.h"

namespace il2t::trial {

inline constexpr std::size_t kMaxLooks = 10;

// The spec from the protocol's sections (already validated): nullopt without
// [group_sequential]; an error naming the section when the design cannot carry it out.
Expected<std::optional<SequentialSpec>> make_sequential_spec(const protocol::Protocol& p, const TrialDesign& d);

// The bounds of a trial of n participants (an error's `field` names the look or the
// section it is about: "interim[0].month", "group_sequential"): each look's planned information rate (a
// calendar look's from the expected recruitment curve) and day; one-sided alpha is half
// the two-sided `alpha` of the endpoint's analysis.
struct SequentialDesign {
  int n = 0;
  double alpha = 0.025;  // one-sided
  stats::GroupSequentialDesign design;
  std::vector<double> planned_day;  // per look, the last one the final analysis
};
Expected<SequentialDesign> sequential_design(const SequentialSpec& s, int n, double two_sided_alpha);

// A sentence saying what the design is ("2 looks; efficacy: O'Brien–Fleming-type alpha
// spending; futility: none; one-sided alpha 0.025").
std::string describe(const SequentialSpec& s, const SequentialDesign& g);

struct LookResult {
  Comparison comparison;
  double z = 0;                  // NaN when the comparison was not estimable
  double day = 0;                // days after recruitment opened
  std::uint32_t enrolled = 0;    // enrolled by the look's day
  std::uint32_t analysed = 0;    // rows of the compared groups at the decision timepoint
  stats::Decision decision = stats::Decision::continue_trial;
  // False for an interim look whose day came at or after this trial's final analysis (a
  // calendar look when recruitment ran fast): it is not held, and the trial goes on.
  bool held = true;
};

struct SequentialTrial {
  int looks = 0;
  int stopped_at = 0;     // 1-based
  bool efficacy = false;  // rejected at stopped_at
  bool futility = false;  // stopped for futility at an interim
  std::array<LookResult, kMaxLooks> at{};
};

// One replicate trial's looks. `rows`: the decision endpoint's rows (every timepoint);
// `final_result`: its analysis on all of them. Reuses its own storage between trials.
class SequentialRunner {
 public:
  void run(const TrialDesign& d, const SequentialSpec& s, const SequentialDesign& g, Analyser& a,
           const TrialRecords& r, const EndpointRows& rows, const EndpointResult& final_result, std::uint64_t seed,
           std::uint64_t replicate, SequentialTrial& out);

 private:
  std::vector<double> enrolled_on_;  // per participant, in enrolment order
  std::vector<int> visit_day_;       // per timepoint of the endpoint
  EndpointRows subset_;
};

}  // namespace il2t::trial
