#pragma once
// A protocol made into a design with the shipped model, the settings the simulator
// tests run with (a small truth trial), and the results as the JSON users read.
#include <stdexcept>
#include <string>

#include "model/model_fixture.h"
#include "report/sim_json.h"
#include "trial/simulate.h"
#include "unit/test_support.h"

namespace il2t::trial::test_sim {

struct SimFixture {
  protocol::Protocol protocol;
  model::Model model = test::shipped_model();
  TrialDesign design;
  std::uint64_t seed = 7;
  explicit SimFixture(protocol::Protocol p) : protocol(std::move(p)) {
    auto made = make_design(protocol);
    if (!made.design) throw std::runtime_error(made.error.text());
    design = std::move(*made.design);
  }
  explicit SimFixture(const std::string& file) : SimFixture(test::shipped_protocol(file)) {}
  SimulationSettings settings(std::int64_t replicates, int threads) const {
    SimulationSettings s;
    s.seed = seed;
    s.replicates = replicates;
    s.threads = threads;
    s.ns = {design.planned_n};
    s.truth_per_arm = 100;
    s.analysis.models = {{"linear", {}}, {"emax", {0.2}}};
    return s;
  }
  std::string json(const SimulationResult& r) const {
    report::SimProvenance pv;
    pv.replicates = r.last - r.first;
    return report::simulation_json(design, pv, r).dump();
  }
};

}  // namespace il2t::trial::test_sim
