#pragma once
// A simulation's results as JSON: the figures users read (`--json`: operating
// characteristics, arm distributions, infections, the power curve), and the raw
// accumulators a shard writes (`--shard`) and `il2trial merge` reads back — exact, so
// the merged figures equal an unsharded run's to the last digit.
#include <nlohmann/json.hpp>
#include <string>

#include "trial/design.h"
#include "trial/simulate.h"

namespace il2t::report {

// The largest trial `simulate --n` accepts (the Wilcoxon shift compares all pairs).
inline constexpr int kMaxParticipants = 5000;
// The largest truth trial per arm (`--truth-n`).
inline constexpr int kMaxTruthPerArm = 5000;

// What identifies a run: shards of one run must agree on all of it but the file name
// the protocol was given by (the SHA-256 identifies it).
struct SimProvenance {
  std::string protocol_file, protocol_sha256, parameters_sha256, version;
  std::uint64_t seed = 1;
  std::int64_t replicates = 0;
  bool null_effect = false;
  int truth_per_arm = 0;
  double alpha = 0.05, delta = 0.15;
  std::string models;
  std::vector<int> ns;
  // The posterior the assurance run drew from (empty: none; power only).
  std::string posterior_file, posterior_sha256;
  std::int64_t posterior_draws = 0;
  std::vector<std::string> assume;  // simulate --assume, as given
};

nlohmann::ordered_json simulation_json(const trial::TrialDesign& d, const SimProvenance& p,
                                       const trial::SimulationResult& r);

// Raw form: provenance, shard, truth and every accumulator.
nlohmann::ordered_json shard_json(const SimProvenance& p, int shard, int shards, const trial::SimulationResult& r);
// Reads a shard back into `r` (its summaries shaped by Summary::empty for `d`); false
// with `error` naming the field when the file is not a shard of this kind.
bool read_shard(const nlohmann::json& j, const trial::TrialDesign& d, SimProvenance& p, int& shard, int& shards,
                trial::SimulationResult& r, Error& error);

// The primary endpoint's power (or type I error) per sample size: the first
// comparison, MCP-Mod's test, or a group-sequential design's decision
// (trial::primary_count). NaN where it has none.
double primary_power(const trial::TrialDesign& d, const trial::Summary& s);
// What primary_power is the power of, in words: "the primary comparison (sri4: il2 vs
// placebo)", "the group-sequential decision on …"; "" without one.
std::string primary_analysis_name(const trial::TrialDesign& d);
// Pooled Kaplan–Meier of time to first infection: (day, survival) at each day with an event.
std::vector<std::pair<int, double>> infection_km(const trial::InfectionStats& inf);

}  // namespace il2t::report
