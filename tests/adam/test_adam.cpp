// ADaM datasets (src/adam/adam.h) against the analysis they document: the flagged SRI
// rows of ADRS give each arm's responder rate the endpoint's analysis used, ADTTE's
// rows are the time-to-event endpoint's, and the BDS derivations (BASE, CHG, ABLFL)
// hold row by row.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "adam/adam.h"
#include "model/model_fixture.h"
#include "sdtm/write_trial.h"
#include "trial/analysis.h"
#include "trial/engine.h"
#include "unit/test_support.h"

namespace il2t::adam {
namespace {

struct Simulated {
  protocol::Protocol protocol;
  trial::TrialDesign design;
  trial::TrialRecords records;
  Ids ids;
  explicit Simulated(const std::string& file) : protocol(test::shipped_protocol(file)) {
    design = *trial::make_design(protocol).design;
    const model::Model m = test::shipped_model();
    trial::TrialRunner runner(design, m);
    Error error;
    EXPECT_TRUE(runner.run(2, trial::RunSettings{7, design.planned_n, false, false}, records, error)) << error;
    ids.study = "S";
    for (std::uint32_t s = 0; s < records.subjects.size(); ++s) ids.usubjid.push_back("S-" + sdtm::subject_id(s));
  }
};

const sdtm::Dataset& named(const std::vector<sdtm::Dataset>& sets, const std::string& name) {
  for (const sdtm::Dataset& d : sets)
    if (d.name() == name) return d;
  ADD_FAILURE() << "no " << name;
  return sets.front();
}

TEST(Adam, FlaggedRowsGiveTheAnalysisItsValues) {
  Simulated sim("NCT02465580-he2020.toml");
  const auto sets = derive_adam(sim.design, sim.records, sim.ids);
  const sdtm::Dataset& adsl = named(sets, "ADSL");
  EXPECT_EQ(adsl.rows(), sim.records.subjects.size());
  const auto analyses = trial::analyse_trial(sim.design, sim.records, {});
  const sdtm::Dataset& adrs = named(sets, "ADRS");
  const std::size_t paramcd = *adrs.find("PARAMCD"), anl = *adrs.find("ANL01FL"), aval = *adrs.find("AVAL"),
                    trtp = *adrs.find("TRTP"), visit = *adrs.find("AVISITN"), base = *adrs.find("BASE"),
                    chg = *adrs.find("CHG"), ablfl = *adrs.find("ABLFL");
  int checked = 0;
  for (const trial::EndpointAnalysis& a : analyses) {
    if (a.plan->reading != trial::Reading::sri4) continue;
    std::map<std::string, std::pair<double, double>> by_arm;  // arm → (responders, n)
    for (std::size_t r = 0; r < adrs.rows(); ++r)
      if (adrs.text(paramcd, r) == "SRI4" && adrs.text(anl, r) == "Y" &&
          *adrs.number(visit, r) == static_cast<double>(a.plan->visits.back() + 1)) {
        auto& x = by_arm[adrs.text(trtp, r)];
        x.first += *adrs.number(aval, r), x.second += 1;
      }
    for (std::size_t k = 0; k < a.plan->arms.size(); ++k) {
      const auto& x = by_arm[sim.design.arms[a.plan->arms[k]].id];
      EXPECT_EQ(x.second, a.result.arm_n[k]) << a.plan->id;
      EXPECT_DOUBLE_EQ(x.first / x.second, a.result.arm_mean[k]) << a.plan->id;
      ++checked;
    }
  }
  EXPECT_GT(checked, 0);
  // BDS: CHG = AVAL − BASE; the baseline record is flagged and is its own base.
  int baselines = 0;
  for (std::size_t r = 0; r < adrs.rows(); ++r) {
    if (adrs.missing(base, r) || adrs.missing(chg, r)) continue;
    EXPECT_EQ(*adrs.number(chg, r), *adrs.number(aval, r) - *adrs.number(base, r));
    if (adrs.text(ablfl, r) == "Y") {
      EXPECT_EQ(*adrs.number(chg, r), 0);
      ++baselines;
    }
  }
  EXPECT_GT(baselines, 0);
}

TEST(Adam, TimeToFirstInfectionIsTheEndpointsOwnRows) {
  Simulated sim("NCT04136106-infection-observational.toml");
  const auto sets = derive_adam(sim.design, sim.records, sim.ids);
  const sdtm::Dataset& adtte = named(sets, "ADTTE");
  for (const trial::EndpointPlan& e : sim.design.endpoints) {
    if (e.reading != trial::Reading::time_to_event) continue;
    trial::EndpointRows rows;
    trial::derive_endpoint(sim.design, e, sim.records, rows);
    ASSERT_GE(adtte.rows(), rows.value.size());
    const std::size_t aval = *adtte.find("AVAL"), cnsr = *adtte.find("CNSR");
    for (std::size_t i = 0; i < rows.value.size(); ++i) {
      EXPECT_EQ(*adtte.number(aval, i), rows.value[i]);
      EXPECT_EQ(*adtte.number(cnsr, i), 1 - rows.event[i]);
    }
    return;
  }
  FAIL() << "the protocol has no time-to-event endpoint";
}

}  // namespace
}  // namespace il2t::adam
