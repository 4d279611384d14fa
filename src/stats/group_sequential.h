#pragma once
// Group-sequential designs with one-sided efficacy bounds on the z scale, as R's rpact
// makes them (getDesignGroupSequential with sided = 1; checked against rpact 3.3.4 to
// 1e-6 in tests/stats/test_group_sequential.cpp):
//   * efficacy bounds from an alpha-spending function (rpact's asOF, asP, asHSD, asKD),
//     or the classical fixed O'Brien–Fleming ("OF") and Pocock ("P") bounds, whose
//     constant is found so that the total alpha is exact;
//   * optional futility bounds from a beta-spending function (bsOF, bsP, bsHSD, bsKD),
//     binding or not, with the drift solved as rpact does: the futility and efficacy
//     bounds meet at the last look;
//   * the drift giving power 1 − beta and the inflation factor (getDesignCharacteristics);
//   * stopping probabilities at any drift (getPowerAndAverageSampleNumber), and the
//     decision at a look.
// The model: at information rate t_k (t_K = 1), Z_k ~ N(θ·√t_k, 1) with the canonical
// joint distribution (Cov(Z_j, Z_k) = √(t_j / t_k), j ≤ k); θ, the drift, is the mean
// of Z at full information. Probabilities come from recursive numerical integration
// (group_sequential_integration.h), accurate to about 1e-12; bounds are solved to about
// 1e-12. Deterministic; nothing is shared between calls.
#include <cstddef>
#include <optional>
#include <vector>

#include "stats/result.h"

namespace il2t::stats {

// Cumulative error spent by information rate t ∈ [0, 1], for a total `total` (alpha or
// beta):
enum class SpendingFamily {
  obrien_fleming,     // Lan–DeMets O'Brien–Fleming type: 2·(1 − Φ(z_{1−total/2} / √t))  (asOF, bsOF)
  pocock,             // Lan–DeMets Pocock type: total·log(1 + (e − 1)·t)                  (asP, bsP)
  hwang_shih_decani,  // total·(1 − e^{−γt}) / (1 − e^{−γ}); total·t when γ = 0          (asHSD, bsHSD)
  kim_demets,         // total·t^γ, γ > 0                                                 (asKD, bsKD)
};

struct SpendingFunction {
  SpendingFamily family = SpendingFamily::obrien_fleming;
  double gamma = 0;  // γ of the Hwang–Shih–DeCani and Kim–DeMets families; unused otherwise
};

// The cumulative error spent by t (exactly `total` at t = 1).
Outcome<double> spending_value(const SpendingFunction& f, double total, double t);

enum class EfficacyRule {
  alpha_spending,         // c_k spends alpha_spending's increments (rpact asOF, asP, asHSD, asKD)
  obrien_fleming_fixed,   // c_k = C / √t_k (rpact "OF")
  pocock_fixed,           // c_k = C (rpact "P")
};

struct DesignSpec {
  std::vector<double> information_rates;  // t_1 < … < t_K = 1, 1 ≤ K ≤ 10, at least 0.001 apart
  double alpha = 0.025;                   // one-sided type I error, in (0, 1)
  double beta = 0.2;                      // type II error at the design drift, in (0, 1 − alpha)
  EfficacyRule efficacy = EfficacyRule::alpha_spending;
  SpendingFunction alpha_spending{};      // used when efficacy == alpha_spending
  // Futility bounds from this beta-spending function (alpha-spending efficacy only).
  std::optional<SpendingFunction> beta_spending{};
  // Binding: the efficacy bounds count on stopping at every futility bound (they are
  // lower). Non-binding: the efficacy bounds ignore the futility bounds.
  bool binding_futility = false;
};

// Bounds on the z scale. At look k: reject H0 when Z_k ≥ efficacy[k]; before the last
// look, stop for futility when Z_k ≤ futility[k]; otherwise continue. efficacy[k] may
// be +inf (no efficacy stop), futility[k] -inf (no futility stop).
struct Boundaries {
  std::vector<double> information_rates;  // t_k
  std::vector<double> efficacy;           // K values
  std::vector<double> futility;           // K − 1 values (the interim looks), or empty: none
};

struct GroupSequentialDesign {
  Boundaries bounds;
  bool binding_futility = false;
  std::vector<double> alpha_spent;   // cumulative P(reject H0 by look k) under H0 (futility counted when binding)
  std::vector<double> stage_levels;  // 1 − Φ(efficacy[k]): the nominal one-sided level of each look
  // Cumulative P(stop for futility by look k) at the drift, the last entry counting the
  // last look's non-rejection (so it is beta); empty without futility.
  std::vector<double> beta_spent;
  std::vector<double> power;         // cumulative P(reject H0 by look k) at the drift
  double drift = 0;                  // θ: E[Z_K] at which the overall power is 1 − beta
  double shift = 0;                  // θ² (rpact's shift)
  double inflation_factor = 0;       // θ² / (z_{1−alpha} + z_{1−beta})²: maximum over fixed-design information
};

// The design: bounds, spending, and the drift at power 1 − beta. A message naming the
// argument when one is invalid, or when the beta-spending function would put a
// futility bound at or above the efficacy bound of an interim look.
Outcome<GroupSequentialDesign> group_sequential_design(const DesignSpec& spec);

// What happens at each look when Z_k ~ N(drift·√t_k, 1), with the canonical joint
// distribution, under `bounds` (futility bounds, when present, are acted on).
struct StoppingProbabilities {
  double drift = 0;
  std::vector<double> efficacy;     // P(stop for efficacy at look k), K values
  std::vector<double> futility;     // P(stop for futility at look k), K − 1 values (0 without futility bounds)
  double rejection = 0;             // Σ efficacy: the probability of rejecting H0
  double expected_information = 0;  // E[information rate at the stop]: t_K − Σ_{k<K} P(stop at k)·(t_K − t_k)
};

// For any bounds (the rates strictly increasing in (0, 1], at least 0.001 apart; each
// futility bound at most its efficacy bound). For the type I error of a non-binding
// design as its efficacy bounds were spent, pass the bounds without futility.
Outcome<StoppingProbabilities> stopping_probabilities(const Boundaries& bounds, double drift);

enum class Decision {
  continue_trial,     // an interim look inside the continuation region
  reject_null,        // Z ≥ the efficacy bound
  stop_for_futility,  // an interim look with Z ≤ the futility bound
  fail_to_reject,     // the last look without rejecting
};

// The decision at look `look_index` (0-based: 0 … K − 1) for the statistic z.
Outcome<Decision> decide(const Boundaries& bounds, std::size_t look_index, double z);

}  // namespace il2t::stats
