// Group-sequential designs (src/stats/group_sequential.h) against R's rpact
// (tests/reference/group_sequential.json, made by tests/reference/group_sequential.R):
// every bound, spent error, level, drift and stopping probability to 1e-6 absolute;
// then the argument checks (their messages) and properties of the designs.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "stats/distributions.h"
#include "stats/group_sequential.h"
#include "stats/group_sequential_integration.h"
#include "unit/test_support.h"

namespace il2t::stats {
namespace {

using nlohmann::json;

const json& reference() { return test::r_reference("group_sequential.json"); }

constexpr double kAbs = 1e-6;

SpendingFunction spending_of(const std::string& rpact_type, const json& gamma) {
  static const std::map<std::string, SpendingFamily> families = {{"OF", SpendingFamily::obrien_fleming},
                                                                 {"P", SpendingFamily::pocock},
                                                                 {"HSD", SpendingFamily::hwang_shih_decani},
                                                                 {"KD", SpendingFamily::kim_demets}};
  return {families.at(rpact_type.substr(2)), gamma.is_null() ? 0.0 : gamma.get<double>()};
}

DesignSpec spec_of(const json& c) {
  DesignSpec s;
  s.information_rates = c["information_rates"].get<std::vector<double>>();
  s.alpha = c["alpha"];
  s.beta = c["beta"];
  const std::string type = c["type_of_design"];
  if (type == "OF") s.efficacy = EfficacyRule::obrien_fleming_fixed;
  else if (type == "P") s.efficacy = EfficacyRule::pocock_fixed;
  else s.alpha_spending = spending_of(type, c["gamma_a"]);
  const std::string futility = c["type_beta_spending"];
  if (futility != "none") s.beta_spending = spending_of(futility, c["gamma_b"]);
  s.binding_futility = c["binding_futility"];
  return s;
}

// Our design for each reference case, made once.
const std::vector<GroupSequentialDesign>& designs() {
  static const std::vector<GroupSequentialDesign> all = [] {
    std::vector<GroupSequentialDesign> v;
    for (const auto& c : reference().at("designs")) {
      auto d = group_sequential_design(spec_of(c));
      EXPECT_TRUE(d) << c["id"] << ": " << d.error;
      v.push_back(d ? *d.value : GroupSequentialDesign{});
    }
    return v;
  }();
  return all;
}

// The largest deviation seen in a test, reported at its end.
struct Deviation {
  double max = 0;
  std::string where;
  void near(double ours, const json& r, const std::string& what) {
    ASSERT_TRUE(r.is_number()) << what << ": R gives " << r.dump();
    const double d = std::fabs(ours - r.get<double>());
    EXPECT_LE(d, kAbs) << what << ": ours " << ours << ", rpact " << r.get<double>();
    if (d > max) max = d, where = what;
  }
  void near(const std::vector<double>& ours, const json& r, const std::string& what) {
    ASSERT_EQ(ours.size(), r.size()) << what;
    for (std::size_t k = 0; k < ours.size(); ++k) near(ours[k], r[k], what + "[" + std::to_string(k) + "]");
  }
  ~Deviation() { std::cout << "  max |ours − rpact| " << max << " (" << where << ")\n"; }
};

TEST(GroupSequential, ReferenceRecordsItsVersions) {
  EXPECT_EQ(reference().at("packages").at("rpact"), "3.3.4");
  EXPECT_FALSE(reference().at("r_version").get<std::string>().empty());
  EXPECT_GE(reference().at("designs").size(), 200u);
  EXPECT_TRUE(reference().at("skipped").empty());
}

TEST(GroupSequential, BoundsAndSpendingMatchRpact) {
  Deviation dev;
  const auto& cases = reference().at("designs");
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const json& c = cases[i];
    const GroupSequentialDesign& d = designs()[i];
    const std::string id = c["id"];
    dev.near(d.bounds.efficacy, c["critical_values"], id + " criticalValues");
    dev.near(d.bounds.futility, c["futility_bounds"], id + " futilityBounds");
    dev.near(d.alpha_spent, c["alpha_spent"], id + " alphaSpent");
    dev.near(d.stage_levels, c["stage_levels"], id + " stageLevels");
    dev.near(d.beta_spent, c["beta_spent"], id + " betaSpent");
    if (!c["power"].empty()) dev.near(d.power, c["power"], id + " power");
    EXPECT_EQ(d.binding_futility, c["binding_futility"].get<bool>() && !d.bounds.futility.empty()) << id;
  }
}

TEST(GroupSequential, DriftAndCharacteristicsMatchRpact) {
  Deviation dev;
  const auto& cases = reference().at("designs");
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const json& c = cases[i];
    const json& ch = c["characteristics"];
    const GroupSequentialDesign& d = designs()[i];
    const std::string id = c["id"].get<std::string>() + " characteristics ";
    dev.near(d.shift, ch["shift"], id + "shift");
    dev.near(d.inflation_factor, ch["inflation_factor"], id + "inflationFactor");
    const double z = -dist::norm_quantile(c["alpha"].get<double>()) - dist::norm_quantile(c["beta"].get<double>());
    dev.near(z * z, ch["n_fixed"], id + "nFixed");
    dev.near(d.power, ch["power"], id + "power");
    // rpact's H1 probabilities are at its own shift; ours at our drift (they agree to ~1e-8).
    auto h1 = stopping_probabilities(d.bounds, d.drift);
    ASSERT_TRUE(h1) << id << h1.error;
    dev.near(h1.value->efficacy, ch["rejection_probabilities"], id + "rejectionProbabilities");
    dev.near(h1.value->futility, ch["futility_probabilities"], id + "futilityProbabilities");
    // rpact's average sample numbers are expected information over the fixed design's.
    const std::pair<double, const char*> asn[] = {
        {d.drift, "average_sample_number1"}, {d.drift / 2, "average_sample_number01"}, {0.0, "average_sample_number0"}};
    for (const auto& [theta, key] : asn) {
      auto p = stopping_probabilities(d.bounds, theta);
      ASSERT_TRUE(p) << id << p.error;
      dev.near(p.value->expected_information * d.inflation_factor, ch[key], id + key);
    }
  }
}

TEST(GroupSequential, StoppingProbabilitiesMatchRpactAtEachDrift) {
  Deviation dev;
  const auto& cases = reference().at("designs");
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const json& c = cases[i];
    const GroupSequentialDesign& d = designs()[i];
    for (const json& r : c["drifts"]) {
      const double theta = r["theta"];
      const std::string id = c["id"].get<std::string>() + " theta " + r["theta"].dump() + " ";
      auto p = stopping_probabilities(d.bounds, theta);
      ASSERT_TRUE(p) << id << p.error;
      const StoppingProbabilities& s = *p.value;
      EXPECT_EQ(s.drift, theta);
      dev.near(s.efficacy, r["reject_per_stage"], id + "rejectPerStage");
      dev.near(s.futility, r["futility_per_stage"], id + "futilityPerStage");
      std::vector<double> early;
      for (std::size_t k = 0; k + 1 < s.efficacy.size(); ++k) early.push_back(s.efficacy[k] + s.futility[k]);
      dev.near(early, r["early_stop"], id + "earlyStop");
      dev.near(s.rejection, r["overall_reject"], id + "overallReject");
      dev.near(s.expected_information, r["expected_information"], id + "averageSampleNumber");
    }
  }
}

// ------------------------------------------------------------ argument checks ---

DesignSpec spec(std::vector<double> rates) {
  DesignSpec s;
  s.information_rates = std::move(rates);
  return s;
}

std::string design_error(const DesignSpec& s) {
  auto d = group_sequential_design(s);
  EXPECT_FALSE(d);
  return d.error.message;
}

TEST(GroupSequential, RefusesBadInformationRates) {
  EXPECT_EQ(design_error(spec({})), "group_sequential_design: information_rates needs at least 1 values, got 0");
  EXPECT_EQ(design_error(spec({0.5, 0.4, 1})),
            "group_sequential_design: information_rates must increase strictly, but information_rates[1] (0.4) is "
            "not above information_rates[0] (0.5)");
  EXPECT_EQ(design_error(spec({0.5, 0.5, 1})),
            "group_sequential_design: information_rates must increase strictly, but information_rates[1] (0.5) is "
            "not above information_rates[0] (0.5)");
  EXPECT_EQ(design_error(spec({0, 0.5, 1})),
            "group_sequential_design: information_rates[0] must be greater than 0, got 0");
  EXPECT_EQ(design_error(spec({0.5, 0.9})),
            "group_sequential_design: information_rates must end at 1 (the last look is at full information), got 0.9");
  EXPECT_EQ(design_error(spec({0.5, 1.2})),
            "group_sequential_design: information_rates must not exceed 1, got 1.2 at the last look");
  EXPECT_EQ(design_error(spec({0.5, NAN, 1})), "group_sequential_design: information_rates[1] is not a finite number");
  EXPECT_EQ(design_error(spec({0.5, 0.5004, 1})),
            "group_sequential_design: information_rates[0] (0.5) and information_rates[1] (0.5004) are closer than "
            "0.001; looks must be at least 0.001 apart");
  std::vector<double> eleven;
  for (int k = 1; k <= 11; ++k) eleven.push_back(k / 11.0);
  eleven.back() = 1;
  EXPECT_EQ(design_error(spec(eleven)),
            "group_sequential_design: information_rates has 11 looks; at most 10 are supported");
  std::vector<double> ten(eleven.begin() + 1, eleven.end());
  EXPECT_TRUE(group_sequential_design(spec(ten))) << "K = 10 is allowed";
}

TEST(GroupSequential, RefusesBadErrorRates) {
  DesignSpec s = spec({0.5, 1});
  s.alpha = 0;
  EXPECT_EQ(design_error(s), "group_sequential_design: alpha must lie strictly between 0 and 1, got 0");
  s.alpha = 1.5;
  EXPECT_EQ(design_error(s), "group_sequential_design: alpha must lie strictly between 0 and 1, got 1.5");
  s.alpha = NAN;
  EXPECT_EQ(design_error(s), "group_sequential_design: alpha must lie strictly between 0 and 1, got nan");
  s.alpha = 0.025;
  s.beta = 1;
  EXPECT_EQ(design_error(s), "group_sequential_design: beta must lie strictly between 0 and 1, got 1");
  s.beta = 0.98;
  EXPECT_EQ(design_error(s),
            "group_sequential_design: beta (0.98) must be below 1 − alpha (0.975): the power must exceed alpha");
}

TEST(GroupSequential, RefusesBadSpendingFunctions) {
  DesignSpec s = spec({0.5, 1});
  s.alpha_spending = {SpendingFamily::kim_demets, 0};
  EXPECT_EQ(design_error(s),
            "group_sequential_design: alpha_spending.gamma must be a positive number for the Kim–DeMets family, got 0");
  s.alpha_spending = {SpendingFamily::hwang_shih_decani, NAN};
  EXPECT_EQ(design_error(s),
            "group_sequential_design: alpha_spending.gamma must lie in [-40, 40] for the Hwang–Shih–DeCani family, "
            "got nan");
  s.alpha_spending = {SpendingFamily::hwang_shih_decani, -4};
  s.beta_spending = SpendingFunction{SpendingFamily::kim_demets, -1};
  EXPECT_EQ(design_error(s),
            "group_sequential_design: beta_spending.gamma must be a positive number for the Kim–DeMets family, got -1");
  s.beta_spending = SpendingFunction{SpendingFamily::obrien_fleming, 0};
  s.efficacy = EfficacyRule::pocock_fixed;
  EXPECT_EQ(design_error(s),
            "group_sequential_design: beta_spending needs alpha-spending efficacy bounds; the fixed O'Brien–Fleming "
            "and Pocock bounds take no futility bounds");
  s.alpha_spending.family = static_cast<SpendingFamily>(17);
  s.efficacy = EfficacyRule::alpha_spending;
  EXPECT_EQ(design_error(s), "group_sequential_design: alpha_spending.family is not a spending family");

  EXPECT_EQ(spending_value({}, 0.025, 1.5).error.message, "spending_value: t must lie in [0, 1], got 1.5");
  EXPECT_EQ(spending_value({}, 0, 0.5).error.message,
            "spending_value: total must lie strictly between 0 and 1, got 0");
  EXPECT_EQ(spending_value({SpendingFamily::kim_demets, -2}, 0.025, 0.5).error.message,
            "spending_value: f.gamma must be a positive number for the Kim–DeMets family, got -2");
}

TEST(GroupSequential, FutilitySpendingNearlyAllAtOnceStaysBelowEfficacy) {
  // Nearly all of beta spent at the first look: the drift must be large enough that
  // the paths continuing past it almost all reject, and the first futility bound
  // comes close to (but stays below) the efficacy bound. rpact refuses such a design
  // ("futilityBounds too extreme") once the bounds are within 0.01.
  DesignSpec s = spec({0.5, 1});
  s.alpha_spending = {SpendingFamily::pocock, 0};
  s.beta_spending = SpendingFunction{SpendingFamily::kim_demets, 0.001};
  auto r = group_sequential_design(s);
  ASSERT_TRUE(r) << r.error;
  const GroupSequentialDesign& d = *r.value;
  EXPECT_LT(d.bounds.futility[0], d.bounds.efficacy[0]);
  EXPECT_GT(d.bounds.futility[0], d.bounds.efficacy[0] - 0.05);
  EXPECT_NEAR(d.beta_spent[0], 0.2 * std::pow(0.5, 0.001), 1e-12);
  EXPECT_NEAR(d.power.back(), 0.8, 1e-10);
}

Boundaries bounds3() { return {{1.0 / 3, 2.0 / 3, 1}, {3.71, 2.51, 1.99}, {-0.24, 1.17}}; }

TEST(GroupSequential, StoppingProbabilitiesRefuseBadBounds) {
  auto error = [](const Boundaries& b, double drift = 0) {
    auto p = stopping_probabilities(b, drift);
    EXPECT_FALSE(p);
    return p.error.message;
  };
  Boundaries b = bounds3();
  b.efficacy.pop_back();
  EXPECT_EQ(error(b), "stopping_probabilities: efficacy has 2 values for 3 looks (information_rates)");
  b = bounds3();
  b.futility.push_back(1.9);
  EXPECT_EQ(error(b), "stopping_probabilities: futility has 3 values; it needs one per interim look (2) or none");
  b = bounds3();
  b.futility[1] = 2.6;
  EXPECT_EQ(error(b), "stopping_probabilities: futility[1] (2.6) is above efficacy[1] (2.51)");
  b = bounds3();
  b.efficacy[0] = NAN;
  EXPECT_EQ(error(b), "stopping_probabilities: efficacy[0] must be a number or +inf, got nan");
  b = bounds3();
  b.futility[0] = INFINITY;
  EXPECT_EQ(error(b), "stopping_probabilities: futility[0] must be a number or -inf, got inf");
  b = bounds3();
  b.information_rates = {0.6, 0.3, 1};
  EXPECT_EQ(error(b),
            "stopping_probabilities: information_rates must increase strictly, but information_rates[1] (0.3) is not "
            "above information_rates[0] (0.6)");
  EXPECT_EQ(error(bounds3(), NAN), "stopping_probabilities: drift must be a finite number, got nan");
  EXPECT_EQ(error(bounds3(), INFINITY), "stopping_probabilities: drift must be a finite number, got inf");
}

TEST(GroupSequential, DecisionAtALook) {
  const Boundaries b = bounds3();
  auto at = [&](std::size_t k, double z) {
    auto d = decide(b, k, z);
    EXPECT_TRUE(d) << d.error;
    return *d.value;
  };
  EXPECT_EQ(at(0, 3.8), Decision::reject_null);
  EXPECT_EQ(at(0, 3.71), Decision::reject_null);
  EXPECT_EQ(at(0, 1.0), Decision::continue_trial);
  EXPECT_EQ(at(0, -0.24), Decision::stop_for_futility);
  EXPECT_EQ(at(1, 1.0), Decision::stop_for_futility);
  EXPECT_EQ(at(1, 2.0), Decision::continue_trial);
  EXPECT_EQ(at(2, 2.0), Decision::reject_null);
  EXPECT_EQ(at(2, -5.0), Decision::fail_to_reject);
  EXPECT_EQ(at(2, 1.98), Decision::fail_to_reject);
  const Boundaries no_futility{{0.5, 1}, {2.96, 1.97}, {}};
  EXPECT_EQ(*decide(no_futility, 0, -9).value, Decision::continue_trial);
  EXPECT_EQ(*decide(no_futility, 0, INFINITY).value, Decision::reject_null);
  EXPECT_EQ(decide(b, 3, 0).error.message, "decide: look_index 3 is past the last look (the looks are 0 to 2)");
  EXPECT_EQ(decide(b, 1, NAN).error.message, "decide: z must be a number, got nan");
  Boundaries bad = b;
  bad.futility.clear();
  bad.efficacy.push_back(1);
  EXPECT_EQ(decide(bad, 0, 0).error.message, "decide: efficacy has 4 values for 3 looks (information_rates)");
}

// ------------------------------------------------------------------ properties ---

std::vector<DesignSpec> assorted_specs() {
  std::vector<DesignSpec> out;
  const std::vector<std::vector<double>> rates = {{0.5, 1}, {0.3, 0.7, 1}, {0.2, 0.4, 0.6, 0.8, 1}};
  const std::vector<SpendingFunction> families = {{SpendingFamily::obrien_fleming, 0},
                                                  {SpendingFamily::pocock, 0},
                                                  {SpendingFamily::hwang_shih_decani, -4},
                                                  {SpendingFamily::hwang_shih_decani, 0},
                                                  {SpendingFamily::kim_demets, 2}};
  for (const auto& t : rates)
    for (const auto& f : families)
      for (int futility = 0; futility < 3; ++futility) {
        DesignSpec s = spec(t);
        s.alpha = 0.05;
        s.beta = 0.1;
        s.alpha_spending = f;
        if (futility > 0) s.beta_spending = SpendingFunction{SpendingFamily::hwang_shih_decani, -2};
        s.binding_futility = futility == 2;
        out.push_back(s);
      }
  return out;
}

TEST(GroupSequential, OneLookIsTheFixedDesign) {
  for (EfficacyRule rule : {EfficacyRule::alpha_spending, EfficacyRule::obrien_fleming_fixed,
                            EfficacyRule::pocock_fixed}) {
    for (double alpha : {0.001, 0.025, 0.1}) {
      DesignSpec s = spec({1});
      s.efficacy = rule;
      s.alpha = alpha;
      s.alpha_spending = {SpendingFamily::hwang_shih_decani, 3};
      auto d = group_sequential_design(s);
      ASSERT_TRUE(d) << d.error;
      const double z_alpha = -dist::norm_quantile(alpha), z_beta = -dist::norm_quantile(0.2);
      EXPECT_NEAR(d.value->bounds.efficacy[0], z_alpha, 1e-12);
      EXPECT_NEAR(d.value->alpha_spent[0], alpha, 1e-14);
      EXPECT_NEAR(d.value->drift, z_alpha + z_beta, 1e-10);
      EXPECT_NEAR(d.value->inflation_factor, 1, 1e-10);
      EXPECT_TRUE(d.value->bounds.futility.empty());
    }
  }
}

TEST(GroupSequential, SpendingSumsToAlphaAndBetaSpendingToBeta) {
  for (const DesignSpec& s : assorted_specs()) {
    auto r = group_sequential_design(s);
    ASSERT_TRUE(r) << r.error;
    const GroupSequentialDesign& d = *r.value;
    const std::size_t k_max = s.information_rates.size();
    for (std::size_t k = 0; k < k_max; ++k) {
      const double target = *spending_value(s.alpha_spending, s.alpha, s.information_rates[k]).value;
      EXPECT_NEAR(d.alpha_spent[k], target, 1e-11) << "look " << k;
      EXPECT_NEAR(d.stage_levels[k], 0.5 * std::erfc(d.bounds.efficacy[k] / std::sqrt(2.0)), 1e-15);
    }
    EXPECT_NEAR(d.alpha_spent.back(), s.alpha, 1e-11);
    EXPECT_NEAR(d.power.back(), 1 - s.beta, 1e-10);
    if (s.beta_spending) {
      ASSERT_EQ(d.bounds.futility.size(), k_max - 1);
      for (std::size_t k = 0; k < k_max; ++k)
        EXPECT_NEAR(d.beta_spent[k], *spending_value(*s.beta_spending, s.beta, s.information_rates[k]).value, 1e-10);
      for (std::size_t k = 0; k + 1 < k_max; ++k) EXPECT_LT(d.bounds.futility[k], d.bounds.efficacy[k]);
    }
    // At the drift, rejection and futility (with the last look's non-rejection) make 1.
    auto p = stopping_probabilities(d.bounds, d.drift);
    ASSERT_TRUE(p);
    EXPECT_NEAR(p.value->rejection, 1 - s.beta, 1e-10);
    EXPECT_EQ(d.shift, d.drift * d.drift);
    EXPECT_GT(d.inflation_factor, 1);
  }
}

TEST(GroupSequential, BindingFutilityLowersTheEfficacyBounds) {
  DesignSpec s = spec({0.3, 0.7, 1});
  s.beta_spending = SpendingFunction{SpendingFamily::obrien_fleming, 0};
  const auto non_binding = *group_sequential_design(s).value;
  s.binding_futility = true;
  const auto binding = *group_sequential_design(s).value;
  EXPECT_NEAR(binding.bounds.efficacy[0], non_binding.bounds.efficacy[0], 1e-12);  // nothing to stop before look 1
  for (std::size_t k = 1; k < 3; ++k) EXPECT_LT(binding.bounds.efficacy[k], non_binding.bounds.efficacy[k]);
  // Acting on the non-binding futility bounds under H0 spends less than alpha.
  auto h0 = stopping_probabilities(non_binding.bounds, 0);
  EXPECT_LT(h0.value->rejection, s.alpha - 1e-4);
  auto h0_binding = stopping_probabilities(binding.bounds, 0);
  EXPECT_NEAR(h0_binding.value->rejection, s.alpha, 1e-11);
}

TEST(GroupSequential, FixedBoundsHaveTheirShapeAndSpendAlpha) {
  const std::vector<double> t = {0.25, 0.45, 0.8, 1};
  for (auto [rule, delta] : {std::pair{EfficacyRule::obrien_fleming_fixed, 0.0}, {EfficacyRule::pocock_fixed, 0.5}}) {
    DesignSpec s = spec(t);
    s.efficacy = rule;
    const auto d = *group_sequential_design(s).value;
    const double scale = d.bounds.efficacy.back();
    for (std::size_t k = 0; k < t.size(); ++k)
      EXPECT_NEAR(d.bounds.efficacy[k], scale * std::pow(t[k], delta - 0.5), 1e-12);
    EXPECT_NEAR(d.alpha_spent.back(), s.alpha, 1e-12);
  }
}

TEST(GroupSequential, SpendingFunctionValues) {
  const double a = 0.025;
  auto value = [&](SpendingFunction f, double t) { return *spending_value(f, a, t).value; };
  for (SpendingFunction f : {SpendingFunction{SpendingFamily::obrien_fleming, 0}, SpendingFunction{SpendingFamily::pocock, 0},
                             SpendingFunction{SpendingFamily::hwang_shih_decani, -4},
                             SpendingFunction{SpendingFamily::kim_demets, 3}}) {
    EXPECT_EQ(value(f, 1), a);
    EXPECT_EQ(value(f, 0), 0);
    EXPECT_LT(value(f, 0.3), value(f, 0.6));
  }
  EXPECT_NEAR(value({SpendingFamily::hwang_shih_decani, 0}, 0.4), 0.4 * a, 1e-17);
  EXPECT_NEAR(value({SpendingFamily::kim_demets, 2}, 0.5), 0.25 * a, 1e-17);
  EXPECT_NEAR(value({SpendingFamily::pocock, 0}, 0.5), a * std::log(1 + (std::exp(1.0) - 1) * 0.5), 1e-17);
  EXPECT_NEAR(value({SpendingFamily::obrien_fleming, 0}, 0.25),
              2 * (1 - dist::norm_cdf(-dist::norm_quantile(a / 2) / 0.5)), 1e-15);
  EXPECT_NEAR(value({SpendingFamily::hwang_shih_decani, 1}, 0.5), a * (1 - std::exp(-0.5)) / (1 - std::exp(-1.0)),
              1e-17);
}

TEST(GroupSequential, IntegrationAgreesWithAFinerGrid) {
  // The default grid against one six times finer, at drifts where the mass sits in
  // different places, with and without futility bounds.
  const std::vector<double> t = {0.15, 0.3, 0.6, 0.8, 1};
  const std::vector<double> c = {4.5, 3.3, 2.5, 2.2, 2.0}, f = {-0.8, 0.1, 0.9, 1.4};
  for (double drift : {-2.0, 0.0, 2.8, 6.0}) {
    for (bool futility : {false, true}) {
      gs_detail::Recursion coarse(t, drift), fine(t, drift, gs_detail::Recursion::kDefaultPanelScale / 6);
      for (std::size_t k = 0; k < t.size(); ++k) {
        EXPECT_NEAR(coarse.upper(c[k]), fine.upper(c[k]), 1e-13) << drift << " look " << k;
        EXPECT_NEAR(coarse.reach(), fine.reach(), 1e-13) << drift << " look " << k;
        if (k + 1 < t.size()) {
          const double fk = futility ? f[k] : -INFINITY;
          EXPECT_NEAR(coarse.lower(fk), fine.lower(fk), 1e-13);
          coarse.advance(fk, c[k]);
          fine.advance(fk, c[k]);
        }
      }
    }
  }
}

TEST(GroupSequential, StoppingProbabilitiesAddUp) {
  DesignSpec s = spec({0.25, 0.5, 0.75, 1});
  s.beta_spending = SpendingFunction{SpendingFamily::pocock, 0};
  const auto d = *group_sequential_design(s).value;
  for (double drift : {-1.0, 0.0, 1.0, d.drift, 5.0}) {
    const auto p = *stopping_probabilities(d.bounds, drift).value;
    double stopped_early = 0, expected = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      stopped_early += p.efficacy[k] + p.futility[k];
      expected += (p.efficacy[k] + p.futility[k]) * s.information_rates[k];
    }
    EXPECT_GT(1 - stopped_early, p.efficacy[3]);  // the last look's rejections are among those that reach it
    EXPECT_NEAR(p.expected_information, expected + (1 - stopped_early), 1e-14);
    EXPECT_GE(p.expected_information, 0.25);
    EXPECT_LE(p.expected_information, 1);
  }
  // Without bounds at the interim looks the last look is a fixed test.
  const Boundaries fixed{{0.5, 1}, {INFINITY, 1.96}, {}};
  const auto p = *stopping_probabilities(fixed, 1.0).value;
  EXPECT_EQ(p.efficacy[0], 0);
  EXPECT_NEAR(p.efficacy[1], 1 - dist::norm_cdf(0.96), 1e-13);
  EXPECT_EQ(p.expected_information, 1);
}

TEST(GroupSequential, IsDeterministic) {
  DesignSpec s = spec({0.3, 0.55, 0.8, 1});
  s.alpha_spending = {SpendingFamily::hwang_shih_decani, -4};
  s.beta_spending = SpendingFunction{SpendingFamily::obrien_fleming, 0};
  s.binding_futility = true;
  const auto a = *group_sequential_design(s).value, b = *group_sequential_design(s).value;
  EXPECT_EQ(a.bounds.efficacy, b.bounds.efficacy);
  EXPECT_EQ(a.bounds.futility, b.bounds.futility);
  EXPECT_EQ(a.drift, b.drift);
}

}  // namespace
}  // namespace il2t::stats
